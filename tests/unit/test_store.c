/* The stores: migrations, upsert idempotence, duplicates, rollback. */
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "common/xalloc.h"
#include "predictor/store/store.h"
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
