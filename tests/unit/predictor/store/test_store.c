/* The stores: migrations, upsert idempotence, duplicates, rollback. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "common/xalloc.h"
#include "predictor/store/store.h"
#include "predictor/store/store_analytics.h"
#include "tests/unit/harness.h"

void test_store(void)
{
	char *dir = harness_tmpdir();
	struct store *st = store_open(dir);
	OK(st != NULL, "stores open and migrate");
	if (!st)
		return;
	const char *genres[] = { "Drame", "Comédie" };
	const char *cast[] = { "A", "B" };
	struct outcome out[] = { { "first_week_admissions", 1000 } };
	struct film_record f = { .source = "t", .source_id = "1", .title = "Film", .release = 19000,
				 .release_us = -1, .budget_usd = -1, .genres = genres,
				 .n_genres = 2, .cast = cast, .n_cast = 2, .outcomes = out,
				 .n_outcomes = 1 };
	enum store_change ch;
	char *first = NULL;
	OK(store_begin(st) == 0, "begin");
	OK(store_film_put(st, &f, "t.csv:2", &ch, &first) == 0 && ch == STORE_INSERTED, "insert");
	OK(store_film_put(st, &f, "u.csv:3", &ch, &first) == 0 && ch == STORE_DUPLICATE &&
		   first && strcmp(first, "t.csv:2") == 0,
	   "duplicate within a transaction, with where the first was read");
	free(first);
	OK(store_commit(st) == 0, "commit");

	OK(store_begin(st) == 0, "begin 2");
	OK(store_film_put(st, &f, "t.csv:2", &ch, &first) == 0 && ch == STORE_UNCHANGED, "unchanged");
	store_commit(st);

	out[0].value = 2000;
	OK(store_begin(st) == 0, "begin 3");
	OK(store_film_put(st, &f, "t.csv:2", &ch, &first) == 0 && ch == STORE_UPDATED, "updated");
	store_rollback(st);

	struct store_summary sum;
	OK(store_summary_get(st, &sum) == 0, "summary");
	INT_EQ(sum.films, 1, "one film");
	INT_EQ(sum.people, 2, "two people");
	INT_EQ(sum.outcomes, 1, "one outcome");
	store_close(st);

	/* Reopening does not migrate again, and the data is there. */
	st = store_open(dir);
	OK(st != NULL, "reopen");
	store_summary_get(st, &sum);
	INT_EQ(sum.films, 1, "film survives reopening");
	store_begin(st);
	OK(store_film_put(st, &f, "t.csv:2", &ch, &first) == 0 && ch == STORE_UPDATED,
	   "rolled-back update was not kept");
	store_rollback(st);

	/* The catalogue: a second film with every part, sorted after the first;
	 * outcomes and ratings as asked; birthdays once recorded. */
	const char *directors[] = { "Céline Sciamma" }, *keywords[] = { "été", "amitié" };
	const char *countries[] = { "France" };
	struct outcome out2[] = { { "first_week_admissions", 500 }, { "viewer_rating", 3.5 } };
	struct film_record g = { .source = "t", .source_id = "2", .title = "Petite maman",
				 .release = 19001, .release_us = -1, .runtime_min = 72,
				 .budget_usd = -1, .directors = directors, .n_directors = 1,
				 .cast = cast, .n_cast = 2, .countries = countries,
				 .n_countries = 1, .keywords = keywords, .n_keywords = 2,
				 .distributor = "Pyramide", .overview = "Nelly a huit ans.",
				 .outcomes = out2, .n_outcomes = 2 };
	store_begin(st);
	OK(store_film_put(st, &g, "t.csv:3", &ch, &first) == 0 && ch == STORE_INSERTED, "second film");
	struct catalogue_film *cat = NULL;
	size_t n_cat = 0;
	OK(store_catalogue_load(st, "first_week_admissions", "viewer_rating", &cat, &n_cat) == 0,
	   "catalogue loads");
	INT_EQ(n_cat, 2, "two films in the catalogue");
	if (n_cat == 2) {
		STR_EQ(cat[0].title, "Film", "release order");
		NEAR(cat[0].outcome, 1000, 1e-9, "outcome");
		OK(isnan(cat[0].rating), "no rating");
		INT_EQ(cat[0].n_genres, 2, "genres");
		const struct catalogue_film *c = &cat[1];
		STR_EQ(c->directors[0], "Céline Sciamma", "director");
		INT_EQ(c->n_keywords, 2, "keywords");
		STR_EQ(c->keywords[1], "amitié", "keyword order");
		STR_EQ(c->distributor, "Pyramide", "distributor");
		STR_EQ(c->countries[0], "France", "country");
		STR_EQ(c->overview, "Nelly a huit ans.", "overview");
		INT_EQ(c->runtime_min, 72, "runtime");
		NEAR(c->rating, 3.5, 1e-9, "rating");
		INT_EQ(c->n_cast, 2, "cast");
		OK(c->cast_ids[0] == cat[0].cast_ids[0], "one person in both films");
		OK(c->cast_birthdays[0] == CATALOGUE_NO_DAY, "no birthday yet");
		OK(store_person_birthday(st, c->cast_ids[0], "1990-02-03") == 0, "birthday recorded");
		OK(store_person_birthday(st, c->cast_ids[0], "1990-02-30") != 0, "bad birthday refused");
	}
	catalogue_free(cat, n_cat);
	OK(store_catalogue_load(st, "first_week_admissions", NULL, &cat, &n_cat) == 0, "reload");
	OK(n_cat == 2 && cat[1].cast_birthdays[0] == 7338 && cat[1].cast_birthdays[1] == CATALOGUE_NO_DAY,
	   "the birthday, read back");
	OK(n_cat == 2 && isnan(cat[1].rating), "no rating asked");
	catalogue_free(cat, n_cat);
	store_rollback(st);

	/* What no source can give is refused whatever the source, with why:
	 * a title longer than any (a synopsis in the wrong column, and a file
	 * name too long for the site), a figure no film has made. */
	store_begin(st);
	char *long_title = xcalloc(STORE_TITLE_MAX + 2, 1);
	memset(long_title, 'x', STORE_TITLE_MAX + 1);
	struct film_record bad = f;
	bad.source_id = "2";
	bad.title = long_title;
	char *why = NULL;
	OK(store_film_put(st, &bad, "t.csv:9", &ch, &why) == 0 && ch == STORE_REFUSED && why &&
		   strstr(why, "title"),
	   "a title too long is refused: %s", why ? why : "(no reason)");
	free(why);
	bad.title = "Fine";
	struct outcome huge[] = { { "first_week_admissions", 1e52 } };
	bad.outcomes = huge;
	OK(store_film_put(st, &bad, "t.csv:9", &ch, &why) == 0 && ch == STORE_REFUSED && why &&
		   strstr(why, "first_week_admissions"),
	   "an implausible figure is refused: %s", why ? why : "(no reason)");
	free(why);
	bad.outcomes = out;
	bad.budget_usd = 1e20;
	OK(store_film_put(st, &bad, "t.csv:9", &ch, &why) == 0 && ch == STORE_REFUSED && why &&
		   strstr(why, "budget"),
	   "an implausible budget is refused: %s", why ? why : "(no reason)");
	free(why);
	OK(store_outcome_implausible("us_gross", 2.9e9) == NULL, "Avatar's gross is plausible");
	OK(store_outcome_implausible("first_week_admissions", 5e6) == NULL, "a record week is plausible");
	OK(store_outcome_implausible("total_admissions", 2e9) != NULL, "two billion tickets are not");
	OK(store_outcome_implausible("press_rating", 1e13) != NULL, "no figure of a film is 10^13");
	store_summary_get(st, &sum);
	INT_EQ(sum.films, 1, "nothing refused was stored");
	store_rollback(st);
	free(long_title);
	store_close(st);
	file_remove_tree(dir);
	free(dir);
}
