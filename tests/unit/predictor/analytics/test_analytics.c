/*
 * The analytics figures on a small history made by hand, each checked
 * against a value worked out by hand (in the comments).
 *
 *   film  released    outcome  runtime  genres          director  cast (billed)  distributor  budget  rating
 *   F1    2023-01-04      100       90  Drame           D1        A              Alpha        1M      4.0
 *   F2    2023-01-11      300      100  Drame, Comédie  D1        A, B           Alpha        10M     3.0
 *   F3    2023-07-05      200      120  Comédie         D1        B              Alpha        60M     2.0
 *   F4    2024-01-03     1000      185  Action          D2        A              Beta         200M    4.5
 *   F5    2024-07-03       50       75  drame           D2        -              Beta         -       -
 *   F6    2024-12-25        -        -  Drame           -         -              -            -       -
 *
 * A was born 1990-01-04, B 1980-06-15. F6 has no outcome: it counts nowhere.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/analytics/analytics.h"
#include "tests/unit/harness.h"

static long day(const char *s)
{
	long d = 0;
	date_parse(s, &d);
	return d;
}

static char **names(const char *list, size_t *n)
{
	char **out = NULL;
	*n = 0;
	if (!list)
		return xcalloc(1, sizeof *out);
	char *copy = xstrdup(list), *save = NULL;
	for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		out = xrealloc(out, (*n + 1) * sizeof *out);
		out[(*n)++] = xstrdup(t);
	}
	free(copy);
	return out ? out : xcalloc(1, sizeof *out);
}

struct spec {
	const char *key, *released;
	double outcome;
	int runtime;
	const char *genres, *director;
	long director_id;
	const char *cast; /* "A;B" */
	const char *distributor;
	double budget, rating;
};

static void make(struct catalogue_film *f, const struct spec *s)
{
	memset(f, 0, sizeof *f);
	f->key = xstrdup(s->key);
	f->title = xstrdup(s->key);
	f->release = day(s->released);
	f->outcome = s->outcome;
	f->runtime_min = s->runtime;
	f->genres = names(s->genres, &f->n_genres);
	f->directors = names(s->director, &f->n_directors);
	f->director_ids = xcalloc(f->n_directors + 1, sizeof *f->director_ids);
	if (f->n_directors)
		f->director_ids[0] = s->director_id;
	f->cast = names(s->cast, &f->n_cast);
	f->cast_ids = xcalloc(f->n_cast + 1, sizeof *f->cast_ids);
	f->cast_birthdays = xcalloc(f->n_cast + 1, sizeof *f->cast_birthdays);
	for (size_t c = 0; c < f->n_cast; c++) {
		bool a = strcmp(f->cast[c], "A") == 0;
		f->cast_ids[c] = a ? 10 : 11;
		f->cast_birthdays[c] = day(a ? "1990-01-04" : "1980-06-15");
	}
	f->distributor = s->distributor ? xstrdup(s->distributor) : NULL;
	f->budget_usd = s->budget;
	f->rating = s->rating;
}

static const struct spec history[] = {
	{ "F1", "2023-01-04", 100, 90, "Drame", "D1", 1, "A", "Alpha", 1e6, 4.0 },
	{ "F2", "2023-01-11", 300, 100, "Drame;Comédie", "D1", 1, "A;B", "Alpha", 10e6, 3.0 },
	{ "F3", "2023-07-05", 200, 120, "Comédie", "D1", 1, "B", "Alpha", 60e6, 2.0 },
	{ "F4", "2024-01-03", 1000, 185, "Action", "D2", 2, "A", "Beta", 200e6, 4.5 },
	{ "F5", "2024-07-03", 50, 75, "drame", "D2", 2, NULL, "Beta", -1, NAN },
	{ "F6", "2024-12-25", NAN, 0, "Drame", NULL, 0, NULL, NULL, -1, NAN },
};
#define N_HISTORY (sizeof history / sizeof *history)

static void test_summaries(void)
{
	double v[] = { 4, 1, 3, 2 };
	struct an_summary s;
	analytics_summarise(v, 4, &s);
	NEAR(s.median, 2.5, 1e-12, "median of an even count: the mean of the middle two");
	NEAR(s.q1, 1.75, 1e-12, "first quartile at (4 - 1) x 0.25 = 0.75");
	NEAR(s.q3, 3.25, 1e-12, "third quartile at 2.25");
	NEAR(s.mean, 2.5, 1e-12, "mean");
	OK(s.min == 1 && s.max == 4, "least and greatest");
	analytics_summarise(v, 0, &s);
	OK(s.n == 0 && isnan(s.median) && isnan(s.mean), "nothing to summarise");
	double one = 7;
	analytics_summarise(&one, 1, &s);
	OK(s.median == 7 && s.q1 == 7 && s.q3 == 7, "one value");
	double x[] = { 1, 2, 2, 3 }, y[] = { 1, 2, 3, 4 };
	/* ranks of x: 1, 2.5, 2.5, 4: sxy 4.5, sxx 4.5, syy 5 */
	NEAR(analytics_spearman(x, y, 4), 4.5 / sqrt(4.5 * 5), 1e-12, "Spearman with a tie");
	OK(isnan(analytics_spearman(x, y, 2)), "no correlation of two pairs");
}

void test_analytics(void)
{
	test_summaries();
	struct catalogue_film *films = xcalloc(N_HISTORY, sizeof *films);
	for (size_t i = 0; i < N_HISTORY; i++)
		make(&films[i], &history[i]);

	struct an_period all;
	analytics_period_all(films, N_HISTORY, &all);
	OK(all.from == day("2023-01-04") && all.to == day("2024-07-03"), "the period");
	INT_EQ(all.films, 5, "films with an outcome");
	struct an_period last;
	analytics_period_last(films, N_HISTORY, 365, &last);
	OK(last.from == day("2023-07-05"), "the last 365 days end on the last release");
	INT_EQ(last.films, 3, "F3, F4, F5");

	/* Seasons. January: F1, F2, F4 = 100, 300, 1000. */
	struct an_seasons s;
	analytics_seasons(films, N_HISTORY, &s);
	const struct an_season *jan = &s.month[0], *jul = &s.month[6];
	INT_EQ(jan->outcome.n, 3, "January's films");
	NEAR(jan->outcome.median, 300, 1e-9, "January's median");
	NEAR(jan->outcome.q1, 200, 1e-9, "January's first quartile: 100 + 0.5 x 200");
	NEAR(jan->outcome.q3, 650, 1e-9, "January's third quartile: 300 + 0.5 x 700");
	NEAR(jan->outcome.mean, 1400.0 / 3, 1e-9, "January's mean");
	/* School holidays: 2024-01-03 opens on the last day of Christmas's (1/7);
	 * F1 and F2 none. July: F3 from 2023-07-05 has 6 days from 6 July, F5
	 * from 2024-07-03 has 4. */
	NEAR(jan->school, 1.0 / 21, 1e-9, "January's school holidays");
	NEAR(jul->school, (6.0 / 7 + 4.0 / 7) / 2, 1e-9, "July's school holidays");
	NEAR(jul->outcome.median, 125, 1e-9, "July's median of 200 and 50");
	NEAR(jan->holiday, 0, 1e-9, "no public holiday in those weeks");
	INT_EQ(s.month[11].outcome.n, 0, "December: F6 has no outcome");
	OK(isnan(s.month[11].outcome.median), "an empty month has no median");
	NEAR(s.week[0].outcome.median, 550, 1e-9, "ISO week 1: F1 and F4");
	NEAR(s.week[26].outcome.median, 125, 1e-9, "ISO week 27: F3 and F5");
	INT_EQ(s.week[1].outcome.n, 1, "ISO week 2: F2");
	/* Public holidays: a film opening on 2024-05-08 has Victory Day (8 May)
	 * and Ascension (9 May 2024) in its week. */
	struct catalogue_film may = films[0];
	may.release = day("2024-05-08");
	struct an_seasons sm;
	analytics_seasons(&may, 1, &sm);
	NEAR(sm.month[4].holiday, 1, 1e-9, "a public holiday in the opening week");

	/* Running time: F5 75 (under 80), F1 90, F2 100, F3 120, F4 185 (180 and more). */
	struct an_runtime r;
	analytics_runtime(films, N_HISTORY, &r);
	INT_EQ(r.films, 5, "films with a running time");
	OK(r.band[0].from == 0 && r.band[0].to == 80 && r.band[0].films == 1, "under 80");
	OK(r.band[2].from == 90 && r.band[2].to == 100 && r.band[2].films == 1, "90 to 99");
	NEAR(r.band[3].outcome.median, 300, 1e-9, "100 to 109: F2");
	OK(r.band[11].from == 180 && r.band[11].to == 0 && r.band[11].films == 1, "180 and more");
	NEAR(r.band[11].outcome.median, 1000, 1e-9, "F4");
	INT_EQ(r.n_years, 2, "two years");
	OK(r.n_years == 2 && r.year[0].year == 2023 && r.year[1].year == 2024, "years in order");
	NEAR(r.year[0].value.median, 100, 1e-9, "2023: 90, 100, 120");
	NEAR(r.year[0].value.mean, 310.0 / 3, 1e-9, "2023's mean running time");
	NEAR(r.year[1].value.median, 130, 1e-9, "2024: 75 and 185");
	analytics_runtime_free(&r);

	/* Actors' age: A is 33 at F1 (her birthday), F2 and F4 (the day before
	 * her 34th); B 42 at F2 and 43 at F3. */
	struct an_ages a;
	analytics_ages(films, N_HISTORY, &a);
	INT_EQ(a.actors, 5, "ages counted");
	INT_EQ(a.films, 4, "films with an age known");
	NEAR(a.age.median, 33, 1e-9, "median age");
	NEAR(a.age.mean, (33 * 3 + 42 + 43) / 5.0, 1e-9, "mean age");
	OK(a.cast[2].from == 30 && a.cast[2].films == 3, "three roles in their thirties");
	NEAR(a.cast[2].outcome.median, 300, 1e-9, "their films: 100, 300, 1000");
	INT_EQ(a.cast[3].films, 2, "two roles in their forties");
	NEAR(a.cast[3].outcome.median, 250, 1e-9, "F2 and F3");
	INT_EQ(a.lead[2].films, 3, "leads in their thirties: F1, F2, F4");
	INT_EQ(a.lead[3].films, 1, "a lead in her forties: F3");

	/* Genres: Drame F1, F2, F5 ("drame" is the same genre); Comédie F2, F3; Action F4. */
	struct an_genres g;
	analytics_genres(films, N_HISTORY, &g);
	INT_EQ(g.n, 3, "three genres");
	if (g.n == 3) {
		STR_EQ(g.genre[0].name, "Drame", "most films first, as first spelt");
		INT_EQ(g.genre[0].outcome.n, 3, "Drame's films");
		NEAR(g.genre[0].outcome.median, 100, 1e-9, "Drame: 50, 100, 300");
		STR_EQ(g.genre[1].name, "Comédie", "then Comédie");
		NEAR(g.genre[1].outcome.median, 250, 1e-9, "Comédie: 200, 300");
		OK(g.first_year == 2023 && g.last_year == 2024, "years");
		NEAR(g.genre[0].by_year[0].median, 200, 1e-9, "Drame in 2023: 100, 300");
		NEAR(g.genre[0].by_year[1].median, 50, 1e-9, "Drame in 2024: 50");
		INT_EQ(g.genre[2].by_year[0].n, 0, "no Action in 2023");
	}
	analytics_genres_free(&g);

	/* People: none on fewer than three films. */
	struct an_people p;
	analytics_people(films, N_HISTORY, AN_DIRECTOR, &all, 3, 10, &p);
	INT_EQ(p.n, 1, "one director with three films");
	INT_EQ(p.candidates, 2, "two directors in all");
	if (p.n == 1) {
		STR_EQ(p.row[0].name, "D1", "D1");
		NEAR(p.row[0].outcome.median, 200, 1e-9, "D1: 100, 300, 200");
		INT_EQ(p.row[0].best, 1, "D1's best: F2");
	}
	analytics_people_free(&p);
	analytics_people(films, N_HISTORY, AN_DIRECTOR, &all, 2, 10, &p);
	OK(p.n == 2 && strcmp(p.row[0].name, "D2") == 0, "D2's median (525) leads with two films");
	analytics_people_free(&p);
	analytics_people(films, N_HISTORY, AN_ACTOR, &all, 3, 10, &p);
	OK(p.n == 1 && strcmp(p.row[0].name, "A") == 0 && p.row[0].outcome.median == 300 &&
		   p.row[0].best == 3,
	   "A: F1, F2, F4, best F4");
	analytics_people_free(&p);
	analytics_people(films, N_HISTORY, AN_DISTRIBUTOR, &last, 3, 10, &p);
	INT_EQ(p.n, 0, "no distributor has three films in the last year");
	analytics_people_free(&p);
	analytics_people(films, N_HISTORY, AN_DISTRIBUTOR, &all, 3, 0, &p);
	OK(p.n == 1 && strcmp(p.row[0].name, "Alpha") == 0, "Alpha over the whole period");
	analytics_people_free(&p);

	/* The top films: the top tenth, at least ten; here all five. */
	struct an_top t;
	analytics_top(films, N_HISTORY, &all, &t);
	INT_EQ(t.n_films, 5, "top films");
	OK(t.n_films == 5 && t.films[0] == 3 && t.films[1] == 1 && t.films[4] == 4,
	   "best first: F4, F2, F3, F1, F5");
	OK(t.n_share[AN_SEASON] == 2 && strcmp(t.share[AN_SEASON][0].value, "0") == 0 &&
		   t.share[AN_SEASON][0].top == 3,
	   "winter: F1, F2, F4");
	INT_EQ(t.n_share[AN_BUDGET], 5, "every budget band once, unknown included");
	INT_EQ(analytics_budget_band(200e6), AN_BUDGET_MORE, "200 million");
	INT_EQ(analytics_season_of(day("2024-12-25")), AN_WINTER, "December is winter");
	analytics_top_free(&t);

	/* Ratings: F4 4.5, F1 4.0, F2 3.0, F3 2.0; ranks of outcomes 4, 1, 3, 2:
	 * sum of squared rank differences 6, rho = 1 - 6 x 6 / (4 x 15) = 0.4. */
	struct an_ratings rt;
	analytics_ratings(films, N_HISTORY, 3, &rt);
	INT_EQ(rt.rated, 4, "rated films");
	INT_EQ(rt.n_films, 3, "the top three");
	OK(rt.films[0] == 3 && rt.films[1] == 0 && rt.films[2] == 1, "F4, F1, F2");
	NEAR(rt.spearman, 0.4, 1e-12, "Spearman");
	analytics_ratings_free(&rt);
	catalogue_free(films, N_HISTORY);

	/* What the top films share, on twenty films: outcomes 1 to 20, the six
	 * best Action, the rest Drame. The top ten: outcomes 11 to 20. */
	films = xcalloc(20, sizeof *films);
	for (size_t i = 0; i < 20; i++) {
		char key[8];
		snprintf(key, sizeof key, "K%02zu", i);
		struct spec sp = { key, "2023-03-01", (double)(i + 1), 0, i >= 14 ? "Action" : "Drame",
				   NULL, 0, NULL, NULL, -1, NAN };
		make(&films[i], &sp);
	}
	analytics_period_all(films, 20, &all);
	analytics_top(films, 20, &all, &t);
	INT_EQ(t.n_films, 10, "at least ten");
	OK(t.n_share[AN_GENRE] == 2 && strcmp(t.share[AN_GENRE][0].value, "Action") == 0 &&
		   t.share[AN_GENRE][0].top == 6 && t.share[AN_GENRE][0].all == 6 &&
		   t.share[AN_GENRE][1].top == 4 && t.share[AN_GENRE][1].all == 14,
	   "Action: 6 of the top 10 and of all 6; Drame: 4 of 14");
	OK(t.n_share[AN_COUNTRY] == 0, "no country known");
	analytics_top_free(&t);
	catalogue_free(films, 20);

	/* Nothing at all. */
	analytics_period_all(NULL, 0, &all);
	INT_EQ(all.films, 0, "an empty history");
	analytics_seasons(NULL, 0, &s);
	INT_EQ(s.month[0].outcome.n, 0, "no season");
	analytics_runtime(NULL, 0, &r);
	INT_EQ(r.n_years, 0, "no running time");
	analytics_runtime_free(&r);
	analytics_top(NULL, 0, &all, &t);
	INT_EQ(t.n_films, 0, "no top film");
	analytics_top_free(&t);
}
