/*
 * Shared between the store*.c files only: the connection and small helpers
 * for prepared statements and rows read per film. Nothing outside
 * predictor/store/ includes it.
 */
#ifndef MARQUEE_STORE_INTERNAL_H
#define MARQUEE_STORE_INTERNAL_H

#include <sqlite3.h>

#include "predictor/store/store.h"

struct store {
	sqlite3 *db;        /* owned */
	char *dir;          /* owned */
	bool read_only;     /* opened by store_open_read_only */
	int writer_fd;      /* DIR/.store.lock, flocked while this one writes; or -1 */
	bool in_transaction;
	bool seen_table;    /* temp.put_keys exists and belongs to this transaction */
	sqlite3_stmt **cache; /* owned; prepared statements, see store_stmt */
	const char **cache_sql; /* borrowed string literals, parallel to cache */
	size_t n_cache, cap_cache;
};

/*
 * A prepared statement for a SQL string literal, prepared once per
 * connection and reset for reuse. NULL after reporting an error.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
/* Reports "what: sqlite message" and returns -1. */
int store_fail(struct store *st, const char *what);
/* Runs a statement without results to completion; 0 or -1 (reported). */
int store_step_done(struct store *st, sqlite3_stmt *stmt, const char *what);
/* Binds text or NULL. */
void store_bind_text(sqlite3_stmt *stmt, int index, const char *text);

/*
 * Reading rows keyed by film into an array of films (store_rows.c), as the
 * model's facts and the analytics' catalogue do: load the films, index
 * them by films.id, then run one query per list or figure whose first
 * column is the film's id. Rows of films not in the index are skipped.
 */

/* A column's text (owned), NULL when it is NULL or empty. */
char *store_column_text(sqlite3_stmt *stmt, int col);
/* A column's text (owned) as it is, "" included; NULL when it is NULL. */
char *store_column_copy(sqlite3_stmt *stmt, int col);
/* Frees n owned strings and their array. */
void store_strings_free(char **items, size_t n);
/* A column's YYYY-MM-DD as a day number, or `unknown`. */
long store_column_day(sqlite3_stmt *stmt, int col, long unknown);
/* A column's number, NAN when NULL. */
double store_column_number(sqlite3_stmt *stmt, int col);

/* films.id to the film's place in its array. */
struct film_index {
	long *pairs; /* owned; id, place, id, place... sorted by id once built */
	size_t n, cap;
};
void film_index_add(struct film_index *m, long id, size_t place);
/* Sorts the pairs: after the last add, before the first find. */
void film_index_sort(struct film_index *m);
/* The film's place, or -1. */
long film_index_find(const struct film_index *m, long id);
void film_index_free(struct film_index *m);

/*
 * Steps stmt (prepared and bound by the caller) to its end, calling
 * row(ctx, place, stmt) for each row whose column 0 is an indexed film,
 * then resets it and clears its bindings. 0, or -1 after reporting
 * "what: sqlite message".
 */
int store_film_rows(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		    void (*row)(void *ctx, long place, sqlite3_stmt *stmt), void *ctx,
		    const char *what);

/*
 * The common cases, on an array of films `stride` bytes apart: column 1
 * into the double at `offset` of each film (a figure); into the string at
 * `offset` (last row wins; NULL and empty texts are skipped); appended to
 * the list of strings at `list` with its count at `count`.
 */
int store_film_numbers(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		       void *films, size_t stride, size_t offset, const char *what);
int store_film_texts(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		     void *films, size_t stride, size_t offset, const char *what);
int store_film_lists(struct store *st, sqlite3_stmt *stmt, const struct film_index *m,
		     void *films, size_t stride, size_t list, size_t count, const char *what);

#endif
