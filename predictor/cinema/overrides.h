/*
 * The manager's choices for a week: a film pinned (always shown) or
 * excluded (never), recorded in cinema.db or written in marquee.yml.
 */
#ifndef MARQUEE_OVERRIDES_H
#define MARQUEE_OVERRIDES_H

#include "common/config.h"
#include "predictor/cinema/cinema.h"
#include "predictor/store/store_records.h"

/*
 * Checks a choice about film (its key) for week before it is recorded: a key
 * no film has is refused (-1, reported); a film not released that week, or a
 * week already published, is allowed with a warning (the manager may know
 * better, or publish again).
 */
int overrides_check(struct store *st, const struct cinema *cinema, const char *week,
		    const char *film);

/*
 * The choices for week: those recorded in cinema.db, then those written in
 * marquee.yml (overrides: [{week, film, action}]), in that order. *out owned
 * (override_rows_free). 0, or -1 after reporting a malformed configuration.
 */
int overrides_for_week(struct store *st, const struct config *cfg, const char *week,
		       struct override_row **out, size_t *n);

#endif
