/*
 * A week as published: the one shape of a week's decision that crosses
 * files. The decision fills it, publish stores its JSON in cinema.db
 * (weeks.details), and the pages, the replay and the commands read it back.
 * week_record.c is its one JSON writer and its one reader; no other file
 * knows its keys.
 *
 * It holds figures and facts only, never sentences: what moved a prediction
 * is a feature group and an effect, the notes are the plan's kind and the
 * values they speak of. The words are written when the pages are, in the
 * site's language (predictor/words/words.h), so a published week reads in
 * French after site.language changes, with its figures frozen. Weeks
 * published before this format carry sentences; they are read as they are.
 */
#ifndef MARQUEE_WEEK_RECORD_H
#define MARQUEE_WEEK_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "predictor/cinema/plan.h"
#include "predictor/store/store.h"

/* What the site shows of a film in a week (CONTENT.md's film summary). */
struct week_film {
	char *key;          /* owned; films.key */
	char *slug;         /* owned */
	char *title;        /* owned */
	char *release_date; /* owned; YYYY-MM-DD */
	char *poster;       /* owned or NULL */
	char **genres;      /* owned array of owned strings */
	size_t n_genres;
	char **directors;   /* owned, likewise */
	size_t n_directors;
};

/* One reason a prediction moved: a feature group and its effect. */
struct week_reason {
	char *group;   /* owned; a feature group ("director"), NULL for an old sentence */
	double effect; /* log-scale change it made to the prediction */
	bool unknown;  /* what the group rests on was unknown for the film */
	char *text;    /* owned; the sentence of a week published before reasons were data */
};

struct week_candidate {
	struct week_film film;
	int rank;                     /* 1: the highest prediction */
	double predicted, lower, upper; /* national, in the metric's units; 80% interval */
	double national;              /* the same in admissions (the metric may be money) */
	bool picked, excluded, pinned;
	double expected_revenue;      /* in the best plan that shows it; NAN when excluded */
	double lost_by;               /* revenue given up to show it; NAN for picks */
	struct week_reason *reasons;  /* owned; strongest first */
	size_t n_reasons;
};

struct week_pick {
	char *screen;                 /* owned */
	int seats;
	double capacity;              /* seats x shows x days */
	struct week_film film;
	double predicted, lower, upper; /* as the candidate's (a holdover's: its second week) */
	double expected_attendance, occupancy, expected_revenue, p_sellout, p_empty;
	bool pinned;
	bool holdover;                /* held over from the week before */
	struct week_reason *reasons;  /* owned; the candidate's, or an old record's sentences */
	size_t n_reasons;
};

struct week_record {
	char week[9];                 /* "2024-W27" */
	char week_start[11], week_end[11]; /* the programme's first and last day */
	bool replay;                  /* a replay of past data */
	int version;                  /* 1, 2... once published; 0 before */
	char *metric;                 /* owned; "first_week_admissions" */
	char *unit;                   /* owned; "admissions", or a currency for a gross */
	bool money;                   /* the unit is a currency */
	double national_ticket_price; /* turns a gross into admissions, when money */
	long model_id;                /* 0 when none */
	double share;                 /* the cinema's share of national admissions */
	bool share_calibrated;        /* on recorded attendance; else the configured prior */
	size_t share_weeks, share_observations;
	enum plan_kind kind;
	char *holdover_week;          /* owned; the week a holdover comes from, or NULL */
	double holdover_factor;       /* its second week as a share of its first */
	struct week_pick *picks;      /* owned; one per screen */
	size_t n_picks;
	struct week_candidate *candidates; /* owned; best first */
	size_t n_candidates;
	char *currency;               /* owned */
	double ticket_price, fixed_costs;
	double rental_share;          /* of ticket receipts, paid to distributors; NAN when not recorded */
	double expected_attendance, expected_revenue, expected_profit;
	char **notes;                 /* owned; the sentences of an old record, else none */
	size_t n_notes;
	char *title;                  /* owned; an old record's title, else NULL */
};

/* The JSON stored in cinema.db for a week (owned by the caller). */
char *week_record_json(const struct week_record *w);
/*
 * Reads a stored week. where names it in messages ("cinema.db: week
 * 2024-W27"). 0, or -1 after reporting JSON that is not a week.
 */
int week_record_parse(const char *json, struct week_record *out, const char *where);
void week_record_free(struct week_record *w);

/*
 * Every published week's current version, oldest first, read from cinema.db.
 * *out owned (week_records_free). 0 or -1 after reporting.
 */
int week_records_load(struct store *st, struct week_record **out, size_t *n);
void week_records_free(struct week_record *weeks, size_t n);

/* The figures of a pick, a candidate and the week's economics, as the record
 * and the pages write them (the reasons are each one's own). Owned. */
cJSON *week_pick_json(const struct week_pick *p);
cJSON *week_candidate_json(const struct week_candidate *c);
cJSON *week_economics_json(const struct week_record *w);

/* The JSON of a film summary, for pages that list films. Owned. */
cJSON *week_film_json(const struct week_film *f);
/* A deep copy of a film summary. */
void week_film_copy(struct week_film *dst, const struct week_film *src);
void week_film_clear(struct week_film *f);

#endif
