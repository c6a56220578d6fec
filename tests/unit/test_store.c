/* The stores: migrations, upsert idempotence, duplicates, rollback. */
#include <stdlib.h>

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
	store_close(st);
	file_remove_tree(dir);
	free(dir);
}
