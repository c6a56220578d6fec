/*
 * The cinema's records in cinema.db (implemented in store_records.c):
 * published weeks, frozen as shown; actual attendance; the manager's
 * overrides. A published week is never changed: publishing again adds a new
 * version and keeps the old one.
 */
#ifndef MARQUEE_STORE_RECORDS_H
#define MARQUEE_STORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "predictor/store/store.h"

struct record_candidate {
	const char *film_key, *slug, *title, *release_date; /* borrowed */
	double predicted, lower, upper; /* metric units, national */
	double national;                /* predicted national admissions */
	int rank;
};

struct record_pick {
	const char *screen, *film_key; /* borrowed */
	int seats;
	double capacity, expected_attendance, expected_revenue;
};

struct record_week {
	const char *week;       /* borrowed; "YYYY-Www" */
	const char *week_start; /* borrowed; "YYYY-MM-DD" */
	const char *metric;     /* borrowed */
	long model_id;          /* 0 when none */
	double share;
	bool replay;
	const char *details;    /* borrowed; JSON of the week as published */
	const struct record_candidate *candidates;
	size_t n_candidates;
	const struct record_pick *picks;
	size_t n_picks;
};

/* The current version of a week: 0 when it was never published. */
int store_week_version(struct store *st, const char *week, int *version);
/*
 * Publishes a week as version `previous + 1` and makes it current; the
 * previous version stays, no longer current. *version gets the new number.
 */
int store_week_publish(struct store *st, const struct record_week *w, const char *published_at,
		       int *version);

/* The current details JSON of every published week, oldest first. */
struct published_week {
	char *week;    /* owned */
	char *details; /* owned; JSON */
	int version;
};
int store_weeks_published(struct store *st, struct published_week **out, size_t *n);
void published_weeks_free(struct published_week *weeks, size_t n);

/* The best pick (biggest screen) of a published week; *found false when the
 * week was not published or picked nothing. */
struct previous_pick {
	char *week;     /* owned */
	char *film_key; /* owned */
	char *slug;     /* owned */
	char *title;    /* owned */
	char *release_date; /* owned */
	double predicted, lower, upper, national;
};
int store_week_best_pick(struct store *st, const char *week, struct previous_pick *out,
			 bool *found);
void previous_pick_clear(struct previous_pick *p);

/* A film of a published week, found by key, slug or title. */
struct week_film_ref {
	char *film_key; /* owned */
	char *title;    /* owned */
};
/*
 * Resolves `film` (key, slug or exact title, case-insensitively) among the
 * current candidates of a published week. Returns 0 with *found set; an
 * ambiguous title is reported and returns -1.
 */
int store_week_film_find(struct store *st, const char *week, const char *film,
			 struct week_film_ref *ref, bool *found);

enum actual_change { ACTUAL_ADDED, ACTUAL_SAME, ACTUAL_CONFLICT, ACTUAL_REPLACED };
/*
 * Records a film's actual attendance for a week (revenue negative when
 * unknown). An existing, different figure is ACTUAL_CONFLICT and nothing
 * changes, or with replace it is corrected (ACTUAL_REPLACED); either way
 * *old_admissions then holds the figure that was stored.
 */
int store_actual_put(struct store *st, const char *week, const char *film_key, long admissions,
		     double revenue, const char *source, const char *recorded_at, bool replace,
		     enum actual_change *change, long *old_admissions);

/* Actual attendance next to what was predicted, for share calibration and history. */
struct actual_row {
	char *week;       /* owned */
	char *film_key;   /* owned */
	long admissions;
	double revenue;   /* negative when unknown */
	double national;  /* the national admissions predicted when it was published */
	double capacity;  /* the capacity of the screens it was shown on (0: not picked) */
};
int store_actuals_list(struct store *st, struct actual_row **out, size_t *n);
void actual_rows_free(struct actual_row *rows, size_t n);

/* Overrides: action "pin" or "exclude", or NULL to clear. */
int store_override_set(struct store *st, const char *week, const char *film_key,
		       const char *action, const char *note, const char *created_at);
struct override_row {
	char *film_key; /* owned */
	char *action;   /* owned */
	char *note;     /* owned or NULL */
};
int store_overrides_list(struct store *st, const char *week, struct override_row **out, size_t *n);
void override_rows_free(struct override_row *rows, size_t n);

/* ---- export and restore, to keep the records in git (JSON Lines) ---- */

/* The tables of cinema.db, in the order a restore must fill them. */
extern const char *const store_cinema_tables[];
extern const size_t store_cinema_n_tables;

/*
 * Appends every row of a cinema.db table to out as JSON Lines: one object per
 * line, keys sorted as the table's columns, rows in primary-key order.
 */
int store_cinema_export(struct store *st, const char *table, struct buf *out);
/* Number of rows in all cinema.db tables. */
int store_cinema_rows(struct store *st, long *rows);
/*
 * Inserts one exported row (a JSON object text) into a table. Unknown
 * columns, a bad value or a duplicate are reported and return -1.
 */
int store_cinema_import_row(struct store *st, const char *table, const char *json,
			    const char *where);

#endif
