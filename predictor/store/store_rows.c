/*
 * Rows keyed by film, read into an array of films: the index from films.id
 * to a film's place, and the loop every per-film query shares
 * (store_internal.h). The model's facts (store_models.c) and the analytics'
 * catalogue (store_analytics.c) both load this way.
 */
#include <math.h>
#include <stdlib.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

char *store_column_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return t && *t ? xstrdup((const char *)t) : NULL;
}

char *store_column_copy(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return t ? xstrdup((const char *)t) : NULL;
}

void store_strings_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

long store_column_day(sqlite3_stmt *stmt, int col, long unknown)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	long day;
	return t && date_parse((const char *)t, &day) == 0 ? day : unknown;
}

double store_column_number(sqlite3_stmt *stmt, int col)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double(stmt, col);
}

void film_index_add(struct film_index *m, long id, size_t place)
{
	m->pairs = xgrow(m->pairs, &m->cap, 2 * (m->n + 1), sizeof *m->pairs);
	m->pairs[2 * m->n] = id;
	m->pairs[2 * m->n + 1] = (long)place;
	m->n++;
}

static int by_id(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

void film_index_sort(struct film_index *m)
{
	if (m->n)
		qsort(m->pairs, m->n, 2 * sizeof *m->pairs, by_id);
}

long film_index_find(const struct film_index *m, long id)
{
	if (!m->n)
		return -1;
	const long *hit = bsearch(&id, m->pairs, m->n, 2 * sizeof *m->pairs, by_id);
	return hit ? hit[1] : -1;
}

void film_index_free(struct film_index *m)
{
	free(m->pairs);
	*m = (struct film_index){ 0 };
}

int store_film_rows(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		    void (*row)(void *ctx, long place, sqlite3_stmt *stmt), void *ctx,
		    const char *what)
{
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		long k = film_index_find(m, sqlite3_column_int64(stmt, 0));
		if (k >= 0)
			row(ctx, k, stmt);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return step == SQLITE_DONE ? 0 : store_fail(st, what);
}

/* Where one of the common cases writes: a field of each film. */
struct field {
	char *films;
	size_t stride, offset, count;
};

static void *field_of(const struct field *f, long place, size_t offset)
{
	return f->films + (size_t)place * f->stride + offset;
}

static void put_number(void *ctx, long place, sqlite3_stmt *stmt)
{
	*(double *)field_of(ctx, place, ((struct field *)ctx)->offset) = store_column_number(stmt, 1);
}

static void put_text(void *ctx, long place, sqlite3_stmt *stmt)
{
	char *text = store_column_text(stmt, 1);
	if (!text)
		return;
	char **slot = field_of(ctx, place, ((struct field *)ctx)->offset);
	free(*slot);
	*slot = text;
}

static void put_item(void *ctx, long place, sqlite3_stmt *stmt)
{
	const struct field *f = ctx;
	char *item = store_column_text(stmt, 1);
	if (!item)
		return;
	char ***list = field_of(f, place, f->offset);
	size_t *n = field_of(f, place, f->count);
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = item;
}

int store_film_numbers(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		       void *films, size_t stride, size_t offset, const char *what)
{
	struct field f = { films, stride, offset, 0 };
	return store_film_rows(st, stmt, m, put_number, &f, what);
}

int store_film_texts(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		     void *films, size_t stride, size_t offset, const char *what)
{
	struct field f = { films, stride, offset, 0 };
	return store_film_rows(st, stmt, m, put_text, &f, what);
}

int store_film_lists(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		     void *films, size_t stride, size_t list, size_t count, const char *what)
{
	struct field f = { films, stride, list, count };
	return store_film_rows(st, stmt, m, put_item, &f, what);
}
