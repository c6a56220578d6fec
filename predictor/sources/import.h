/*
 * History import: the CSV format (import_csv.c) and the vega-datasets
 * movies.json (import_vega.c) fill an import_row per record and hand it to
 * import_row_put (import.c), or call import_reject with the reason.
 * import_files runs them over files inside the caller's transaction.
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
	bool source_named;     /* by --source or import.source, not after the file */
	long loaded, updated, unchanged, rejected, repaired;
	long matched;          /* attached to films other sources brought */
	long rows;             /* records seen, for fault injection and progress */
	bool failed;           /* a store error: the import must roll back */
	struct buf outcome_names; /* owned; the CSV columns read as outcomes */
};

/* How files are read: the format, the source name, the CSV's columns. */
struct import_mapping {
	const char *canonical; /* borrowed; a film column or an outcome name */
	const char *header;    /* borrowed; the file's column */
};

struct import_options {
	const char *format;            /* borrowed; "csv", "vega" or NULL: by extension */
	const char *source;            /* borrowed; NULL: named after each file (a file
					* with an id column then fails) */
	struct import_mapping *maps;   /* owned; --map C=H */
	size_t n_maps, cap_maps;
	const char **ignore;           /* owned array of borrowed headers; --ignore H */
	size_t n_ignore, cap_ignore;
};

/*
 * Imports each file in turn inside the caller's transaction, printing a
 * summary line per file; *rejected counts the rows refused (each reported).
 * 0, or -1 when a file cannot be read or the store fails (reported): the
 * caller must roll back.
 */
int import_files(struct store *st, const struct import_options *opt, char *const *paths,
		 size_t n, long *rejected);
/*
 * Adds a --map argument "CANONICAL=HEADER" (arg is modified and borrowed).
 * 0, or -1 after reporting a malformed one or an unknown column name.
 */
int import_mapping_add(struct import_options *opt, char *arg);

/* Owned strings of one record, freed by import_row_clear. */
struct import_row {
	struct film_record film; /* its pointers point into owned below */
	void **owned;            /* owned; strings and list arrays of this record */
	size_t n_owned, cap_owned;
	struct outcome *outcomes; /* owned; film.outcomes points here */
	size_t cap_outcomes;
};

void import_row_init(struct import_row *row, const char *source);
/* Empties the row for the next record, keeping its memory. */
void import_row_clear(struct import_row *row);
/* Releases everything the row holds. */
void import_row_free(struct import_row *row);
/* Hands p (allocated) to the row, which frees it at the next clear; returns p. */
void *import_row_own(struct import_row *row, void *p);
/* A copy of s[0..n) without leading and trailing spaces (owned by the caller). */
char *import_trimmed(const char *s, size_t n);
/* A column header as an outcome name: lower-case words joined by '_' (owned). */
char *import_metric_name(const char *header);
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

/* Reads a CSV file (import_csv.c). 0, or -1 when the file is unusable. */
int import_csv(struct import_ctx *ctx, const struct import_options *opt);
/* Reads a vega-datasets movies.json. 0, or -1 when the file is unusable. */
int import_vega(struct import_ctx *ctx);

#endif
