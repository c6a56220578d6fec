/*
 * Actual attendance of published weeks (actuals.c): what the manager enters
 * or the ticketing system exports, recorded in cinema.db inside the
 * caller's transaction. A week never published, a film that was not among
 * its candidates, a negative, fractional or impossible figure (above every
 * seat of every show), or a figure different from one already recorded
 * (unless the batch replaces: a correction) is refused with its place and
 * reason.
 */
#ifndef MARQUEE_ACTUALS_H
#define MARQUEE_ACTUALS_H

#include "predictor/cinema/cinema.h"
#include "predictor/store/store.h"

/* One command's recording: where it goes, its limits, and its counts. */
struct actuals_batch {
	struct store *st;        /* borrowed */
	char now[21];            /* when they were recorded */
	double capacity;         /* the most a week can sell: every seat of every show */
	char over_capacity[96];  /* why a figure above it is refused */
	bool replace;            /* a different figure corrects the one recorded */
	long added, same;        /* recorded now; already known with the same figure */
	long replaced;           /* corrected (with replace) */
};

void actuals_batch_init(struct actuals_batch *batch, struct store *st, const struct cinema *cinema);
/*
 * Records one film's figures for a week; film is its key, slug or title as
 * published. where prefixes messages ("actuals.csv:3: " or ""). source
 * names where the figure came from. 0, or -1 after reporting.
 */
int actuals_add(struct actuals_batch *batch, const char *where, const char *week,
		const char *film, const char *admissions, const char *revenue, const char *source);
/* Records every line of a CSV file with the header week,film,admissions[,revenue]. */
int actuals_import_file(struct actuals_batch *batch, const char *path);

#endif
