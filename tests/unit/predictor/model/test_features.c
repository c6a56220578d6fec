/* Feature engineering: holidays, and walk-forward features that cannot see the future. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"
#include "tests/unit/harness.h"

static long day(const char *s)
{
	long d = 0;
	date_parse(s, &d);
	return d;
}

static size_t col(const char *name)
{
	for (size_t j = 0; j < features_count(); j++)
		if (strcmp(features_name(j), name) == 0)
			return j;
	return 0;
}

static char **list1(const char *s)
{
	char **l = xcalloc(1, sizeof *l);
	l[0] = xstrdup(s);
	return l;
}

static void film(struct film_facts *f, long id, const char *date, const char *director,
		 const char *genre, double target)
{
	memset(f, 0, sizeof *f);
	f->id = id;
	f->key = xasprintf("t:%ld", id);
	f->title = xasprintf("Film %ld", id);
	f->release = day(date);
	f->release_us = -1;
	f->budget_usd = -1;
	f->directors = list1(director);
	f->n_directors = 1;
	f->genres = list1(genre);
	f->n_genres = 1;
	f->target = target;
	f->us_gross = f->us_opening = f->buzz_popularity = f->buzz_votes = NAN;
	f->cast_popularity = f->crew_popularity = NAN;
}

static void test_holidays(void)
{
	INT_EQ(features_easter(2024), day("2024-03-31"), "Easter 2024");
	INT_EQ(features_easter(2023), day("2023-04-09"), "Easter 2023");
	OK(features_public_holiday(day("2024-04-01")), "Easter Monday 2024");
	OK(features_public_holiday(day("2024-05-09")), "Ascension 2024");
	OK(features_public_holiday(day("2024-05-20")), "Whit Monday 2024");
	OK(features_public_holiday(day("2023-07-14")), "14 July");
	OK(!features_public_holiday(day("2023-07-15")), "15 July is not a holiday");
	OK(features_school_holiday(day("2023-08-02")), "summer holidays");
	OK(features_school_holiday(day("2023-12-27")), "Christmas holidays");
	OK(!features_school_holiday(day("2023-06-14")), "mid-June is school time");
}

/* A missing budget, US gross or US opening is the mean of earlier films'
 * known ones; the US figures count only once they are known. */
static void test_missing_figures(void)
{
	size_t n = 4;
	struct film_facts *films = xcalloc(n, sizeof *films);
	film(&films[0], 1, "2023-01-04", "A", "Drame", 1000);
	film(&films[1], 2, "2023-02-01", "B", "Drame", 2000);
	film(&films[2], 3, "2023-03-01", "C", "Drame", 3000);
	film(&films[3], 4, "2023-04-05", "D", "Drame", 4000);
	films[1].budget_usd = 1e6;
	films[2].budget_usd = 1e8;
	/* Film 3's US release came 30 days before: its US gross counts. */
	films[2].release_us = films[2].release - 30;
	films[2].us_gross = 5e7;
	/* Film 4's came 5 days before: too late to be known. */
	films[3].release_us = films[3].release - 5;
	films[3].us_gross = 9e8;
	struct feature_matrix m;
	OK(features_build(films, n, -1, &m) == 0, "features build");
	size_t budget = col("log_budget"), known = col("budget_known"), us = col("us_gross_log"),
	       us_known = col("us_gross_known");
	NEAR(m.x[0 * m.n_cols + budget], 0, 0, "no earlier budget: 0");
	NEAR(m.x[1 * m.n_cols + budget], log1p(1e6), 1e-9, "a known budget is its own");
	NEAR(m.x[3 * m.n_cols + budget], (log1p(1e6) + log1p(1e8)) / 2, 1e-9,
	     "an unknown budget is the mean of earlier known ones");
	NEAR(m.x[3 * m.n_cols + known], 0, 0, "and its flag says unknown");
	NEAR(m.x[2 * m.n_cols + us], log1p(5e7), 1e-9, "US gross 30 days before: known");
	NEAR(m.x[2 * m.n_cols + us_known], 1, 0, "its flag");
	NEAR(m.x[3 * m.n_cols + us], log1p(5e7), 1e-9,
	     "US gross 5 days before: unknown, the mean of earlier usable ones");
	NEAR(m.x[3 * m.n_cols + us_known], 0, 0, "its flag says unknown");
	features_free(&m);

	/* The US opening weekend: known once the US release is 7 days old. */
	films[2].release_us = films[2].release - 7;
	films[2].us_opening = 2e7;
	films[3].release_us = films[3].release - 6;
	films[3].us_opening = 8e7;
	OK(features_build(films, n, -1, &m) == 0, "features build");
	size_t open = col("us_opening_log"), open_known = col("us_opening_known");
	NEAR(m.x[2 * m.n_cols + open], log1p(2e7), 1e-9, "US opening 7 days before: known");
	NEAR(m.x[2 * m.n_cols + open_known], 1, 0, "its flag");
	NEAR(m.x[2 * m.n_cols + us_known], 0, 0, "while the final US gross, 7 days on, is not");
	NEAR(m.x[3 * m.n_cols + open], log1p(2e7), 1e-9,
	     "US opening 6 days before: not over yet, the mean of earlier usable ones");
	NEAR(m.x[3 * m.n_cols + open_known], 0, 0, "its flag says unknown");
	features_free(&m);
	film_facts_free(films, n);
}

/* A film with a title, a budget and people, for the franchise tests. */
static void titled(struct film_facts *f, long id, const char *date, const char *title,
		   double budget, const char *actor, double target)
{
	film(f, id, date, "", "Drame", target);
	free(f->title);
	f->title = xstrdup(title);
	free(f->directors[0]);
	free(f->directors);
	f->directors = NULL;
	f->n_directors = 0;
	f->budget_usd = budget;
	if (actor) {
		f->cast = list1(actor);
		f->n_cast = 1;
	}
}

static enum features_relation relate(const char *earlier, double eb, const char *ea,
				     const char *later, double lb, const char *la)
{
	struct film_facts *two = xcalloc(2, sizeof *two);
	titled(&two[0], 1, "2021-09-15", earlier, eb, ea, 1000);
	titled(&two[1], 2, "2024-02-28", later, lb, la, 1000);
	enum features_relation r = features_relation(&two[0], &two[1]);
	film_facts_free(two, 2);
	return r;
}

static void test_relations(void)
{
	INT_EQ(relate("Dune (2021)", 165e6, "Timothée Chalamet", "Dune : Deuxième Partie", 190e6,
		      "Timothée Chalamet"),
	       FEATURES_EPISODE, "a title continued after ':' by a film with the same actor");
	INT_EQ(relate("Maison de Retraite", -1, "Kev Adams", "Maison de retraite 2", -1, "Jean Reno"),
	       FEATURES_EPISODE, "an earlier film's title and a number, whatever the case");
	INT_EQ(relate("Scream (2022)", -1, NULL, "Scream VI", -1, NULL), FEATURES_EPISODE,
	       "a Roman numeral after the earlier title, its year note dropped");
	INT_EQ(relate("Etoile", -1, NULL, "\xc3\x89toile 2", -1, NULL), FEATURES_EPISODE,
	       "accents do not matter");
	INT_EQ(relate("Rose", -1, "Pascal Elbé", "Rose, petite fée des fleurs", -1, NULL),
	       FEATURES_UNRELATED, "a title that merely starts like another, no one in common");
	INT_EQ(relate("Lucky (2020)", -1, "Michael Youn", "Lucky Strike", -1, "Someone"),
	       FEATURES_UNRELATED, "a longer word is not a continuation");
	INT_EQ(relate("Dune (2021)", 165e6, "Timothée Chalamet", "Dune (2021) (Rep. 2024)", 165e6,
		      "Timothée Chalamet"),
	       FEATURES_REPEAT, "the same title and budget: a re-release");
	INT_EQ(relate("Spider-Man: No Way Home", 200e6, "Tom Holland",
		      "Spider-Man : No Way Home - Version longue", 200e6, "Tom Holland"),
	       FEATURES_REPEAT, "a continued title with the very same budget: a new cut");
	INT_EQ(relate("Adam (2020)", -1, "One", "Adam", -1, "Another"), FEATURES_UNRELATED,
	       "the same title without a fact in common: two films");
	INT_EQ(relate("Les Tuche 3", -1, NULL, "Les Tuche 4", -1, NULL), FEATURES_UNRELATED,
	       "two titles with numbers are not a continuation of each other");

	struct film_facts *two = xcalloc(2, sizeof *two);
	titled(&two[0], 1, "2021-01-06", "Alpha", -1, NULL, 1000);
	titled(&two[1], 2, "2022-01-05", "Beta", -1, NULL, 1000);
	two[0].collection = xstrdup("Saga");
	two[1].collection = xstrdup("Saga");
	INT_EQ(features_relation(&two[0], &two[1]), FEATURES_EPISODE, "the same collection");
	film_facts_free(two, 2);
}

/* Franchise and re-release columns from facts, walk-forward. */
static void test_franchise_features(void)
{
	size_t n = 6;
	struct film_facts *films = xcalloc(n, sizeof *films);
	titled(&films[0], 1, "2021-09-15", "Dune (2021)", 165e6, "Timothée Chalamet", 1030687);
	titled(&films[1], 2, "2022-03-02", "Mince alors 2 !", -1, "Lola Dubini", 45542);
	titled(&films[2], 3, "2023-05-03", "Old Classic", -1, NULL, 9000);
	titled(&films[3], 4, "2023-06-07", "Late Festival Film", -1, NULL, 20000);
	titled(&films[4], 5, "2024-02-07", "Dune (2021) (Rep. 2024)", 165e6, "Timothée Chalamet",
	       78390);
	titled(&films[5], 6, "2024-02-28", "Dune : Deuxième Partie", 190e6, "Timothée Chalamet",
	       1383999);
	films[2].production_year = 1972;
	films[3].production_year = 2021;
	struct feature_matrix m;
	OK(features_build(films, n, -1, &m) == 0, "features build");
	size_t fr = col("franchise"), prev = col("franchise_prev"), known = col("franchise_prev_known"),
	       re = col("rerelease"), title = col("sequel_title");
	double prior = 0;
	for (size_t i = 0; i < 5; i++)
		prior += log1p(films[i].target) / 5;
	NEAR(m.x[5 * m.n_cols + fr], 1, 0, "Dune 2 continues Dune, which is in the history");
	NEAR(m.x[5 * m.n_cols + known], 1, 0, "the earlier episode's first week is known");
	NEAR(m.x[5 * m.n_cols + prev], log1p(1030687) - prior, 1e-9,
	     "the earlier episode's first week, not the re-release's, relative to the running mean");
	NEAR(m.x[4 * m.n_cols + re], 1, 0, "the same film again is a re-release");
	NEAR(m.x[4 * m.n_cols + fr], 0, 0, "a re-release is no new episode");
	NEAR(m.x[0 * m.n_cols + fr], 0, 0, "the first of a franchise has no earlier episode");
	NEAR(m.x[1 * m.n_cols + fr], 0, 0, "a number in a title alone makes no franchise");
	NEAR(m.x[1 * m.n_cols + title], 1, 0, "but is told as a title hint");
	NEAR(m.x[2 * m.n_cols + re], 1, 0, "made in 1972, released in 2023: a re-release");
	NEAR(m.x[3 * m.n_cols + re], 0, 0, "made two years before: a late release, not a re-release");
	features_free(&m);

	/* Before Dune opens, its sequel has no known episode. */
	OK(features_build(films, n, day("2021-09-01"), &m) == 0, "cutoff build");
	NEAR(m.x[5 * m.n_cols + fr], 0, 0, "cutoff before the first episode: no franchise yet");
	NEAR(m.x[5 * m.n_cols + known], 0, 0, "nor a known first week");
	NEAR(m.x[4 * m.n_cols + re], 1, 0, "a re-release is known from facts, whatever the cutoff");
	features_free(&m);
	film_facts_free(films, n);
}

void test_features(void)
{
	test_holidays();
	test_missing_figures();
	test_relations();
	test_franchise_features();

	/* Five films of one director; two open the same day. */
	size_t n = 5;
	struct film_facts *films = xcalloc(n, sizeof *films);
	film(&films[0], 1, "2023-01-04", "Dir", "Drame", 1000);
	film(&films[1], 2, "2023-02-01", "Dir", "Drame", 100000);
	film(&films[2], 3, "2023-03-01", "Dir", "Drame", 5000);
	film(&films[3], 4, "2023-03-01", "Other", "Drame", 20000);
	film(&films[4], 5, "2023-04-05", "Dir", "Drame", NAN);
	struct feature_matrix a, b;
	OK(features_build(films, n, -1, &a) == 0, "features build");
	size_t known = col("director_known"), count = col("director_films"),
	       mean = col("director_mean"), comp = col("competition");
	INT_EQ(a.n_cols, features_count(), "columns");
	NEAR(a.x[0 * a.n_cols + known], 0, 0, "first film: no director record");
	NEAR(a.x[1 * a.n_cols + count], log1p(1), 1e-12, "second film sees one earlier film");
	NEAR(a.x[2 * a.n_cols + count], log1p(2), 1e-12,
	     "a film does not see the film opening the same day");
	NEAR(a.x[4 * a.n_cols + count], log1p(3), 1e-12, "the last film sees three");
	NEAR(a.x[2 * a.n_cols + comp], 1, 0, "one other film the same week");
	OK(isnan(a.y[4]), "no target, NAN");
	/* The director's mean is relative to all earlier films: 2nd film
	 * sees only the first, so its record equals the running mean. */
	NEAR(a.x[1 * a.n_cols + mean], 0, 1e-12, "record relative to the running mean");

	/* Changing the future must not change the past: the test fails if any
	 * feature of films 1-4 looks at the outcome of film 3 or later. */
	films[2].target = 9e6;
	films[3].target = 1;
	OK(features_build(films, n, -1, &b) == 0, "rebuild");
	bool same = true;
	for (size_t i = 0; i < 4 * a.n_cols; i++)
		same = same && a.x[i] == b.x[i];
	OK(same, "features of films up to the same day ignore later and same-day outcomes");
	bool changed = false;
	for (size_t j = 0; j < a.n_cols; j++)
		changed = changed || a.x[4 * a.n_cols + j] != b.x[4 * a.n_cols + j];
	OK(changed, "a later film does see them");
	features_free(&b);

	/* A cutoff hides everything from the cutoff on. */
	OK(features_build(films, n, day("2023-02-15"), &b) == 0, "cutoff build");
	NEAR(b.x[4 * b.n_cols + count], log1p(2), 1e-12, "cutoff: only films before it count");
	features_free(&b);

	/* Unsorted input is refused. */
	struct film_facts tmp = films[0];
	films[0] = films[4];
	films[4] = tmp;
	OK(features_build(films, n, -1, &b) == -1, "unsorted films are refused");
	features_free(&b);
	features_free(&a);
	film_facts_free(films, n);

	/* Scaling. */
	struct feature_matrix m = { 3, 2, xcalloc(6, sizeof(double)), xcalloc(3, sizeof(double)),
				    NULL };
	double v[] = { 1, 5, 2, 5, 3, 5 };
	memcpy(m.x, v, sizeof v);
	size_t rows[] = { 0, 1, 2 };
	double mu[2], sd[2], z[2];
	features_scale_fit(&m, rows, 3, mu, sd);
	NEAR(mu[0], 2, 1e-12, "mean");
	NEAR(sd[0], 1, 1e-12, "sd");
	NEAR(sd[1], 1, 0, "a constant column gets sd 1");
	features_scale_apply(v + 4, 2, mu, sd, z);
	NEAR(z[0], 1, 1e-12, "scaled");
	NEAR(z[1], 0, 1e-12, "constant scaled to 0");
	double far[] = { 40, -40 };
	features_scale_apply(far, 2, mu, sd, z);
	NEAR(z[0], 3, 0, "38 standard deviations out: kept at 3");
	NEAR(z[1], -3, 0, "and at -3 below");
	features_free(&m);
}
