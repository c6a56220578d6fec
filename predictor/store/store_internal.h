/*
 * Shared between the store*.c files only: the connection and small helpers
 * for prepared statements. Nothing outside predictor/store*.c includes it.
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

#endif
