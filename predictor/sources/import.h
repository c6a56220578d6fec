/*
 * History import, shared by the CSV reader (import.c) and the vega-datasets
 * movies.json reader (import_vega.c). A reader fills an import_row per
 * record and hands it to import_row_put, or calls import_reject with the
 * reason; the import command owns the transaction and the counts.
 */
#ifndef MARQUEE_IMPORT_H
#define MARQUEE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "predictor/store/store.h"

struct import_ctx {
	struct store *store;   /* borrowed */
	const char *path;      /* borrowed; the file, as named in messages */
	const char *source;    /* borrowed; the source name keying its rows */
	long loaded, updated, unchanged, rejected, repaired;
	long rows;             /* records seen, for fault injection and progress */
	bool failed;           /* a store error: the import must roll back */
	struct buf outcome_names; /* owned; the CSV columns read as outcomes */
};

/* Owned strings of one record, freed by import_row_clear. */
struct import_row {
	struct film_record film; /* its pointers point into owned below */
	void **owned;            /* owned; strings and list arrays of this record */
	size_t n_owned, cap_owned;
	struct outcome *outcomes; /* owned; film.outcomes points here */
	size_t cap_outcomes;
};

void import_row_init(struct import_row *row, const char *source);
void import_row_clear(struct import_row *row);
/* Copies s into the row and returns the copy (owned by the row). */
const char *import_row_str(struct import_row *row, const char *s);
/*
 * Splits a ';'-separated list into the row, trimming items and dropping
 * empty and repeated ones; sets *items and *n.
 */
void import_row_list(struct import_row *row, const char *text, const char ***items, size_t *n);
void import_row_outcome(struct import_row *row, const char *metric, double value);

/* Stores the row; counts it. 0, or -1 on a store error (already reported). */
int import_row_put(struct import_ctx *ctx, struct import_row *row, long line);
/* Reports a rejected record "FILE:LINE: reason" and counts it. */
void import_reject(struct import_ctx *ctx, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports a repair "FILE:LINE: reason" (a warning) and counts it. */
void import_repair(struct import_ctx *ctx, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Parses a count or amount: digits with optional '.' decimals; spaces,
 * no-break and thin spaces may separate thousands. 0 or -1 with *why set
 * ("negative number", "not a number").
 */
int import_parse_number(const char *s, double *out, const char **why);

/* Reads a vega-datasets movies.json. 0, or -1 when the file is unusable. */
int import_vega(struct import_ctx *ctx);

#endif
