/*
 * The weekly decision: which films go on which screens. Pure computation on
 * predictions, no I/O, so that it can be tested on hand-made cases.
 *
 * A film's local demand for the week is its predicted national admissions
 * times the cinema's share, taken as log-normal with the spread of the 80%
 * prediction interval. A screen's attendance is that demand capped by the
 * screen's capacity (seats x shows x days), in expectation; a film on
 * several screens shares its demand over their capacity. The plan
 * maximises the expected revenue of all screens, one film on several when
 * that earns more than another film would; pinned films must be in it,
 * excluded films never are, and ties go to the plan whose films' keys sort
 * first, so the same input always gives the same plan.
 */
#ifndef MARQUEE_PLAN_H
#define MARQUEE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/cinema/cinema.h"

struct plan_candidate {
	const char *key;     /* borrowed; the film's key, for ties */
	double national;     /* predicted national first-week admissions (median) */
	double lower, upper; /* 80% interval of the same */
	bool pinned, excluded;
};

struct plan_screen {
	size_t film;                /* index into the candidates */
	double capacity;            /* seats x shows x days */
	double expected_attendance; /* E[min(demand, capacity)] */
	double occupancy;           /* expected attendance / capacity */
	double expected_revenue;    /* tickets (net of rental) + concessions */
	double p_sellout;           /* P(demand >= capacity) */
	double p_empty;             /* P(occupancy < cinema.empty_occupancy) */
};

enum plan_kind {
	PLAN_PAIR,   /* as many films as screens */
	PLAN_FEWER,  /* fewer candidates than screens: the best shows on several */
	PLAN_REPEAT, /* enough films, but one earns more on several screens than another would */
	PLAN_NONE,   /* no candidate at all */
	PLAN_HOLDOVER, /* none: the film picked the week before stays on every screen */
};

struct plan {
	enum plan_kind kind;
	size_t n_screens;
	struct plan_screen screens[CINEMA_MAX_SCREENS];
	double expected_attendance, expected_revenue, expected_profit;
	double *lost_by; /* owned; per candidate: revenue given up if it had to be in
			  * the plan (0 for picks, NAN for excluded films) */
	double *revenue; /* owned; per candidate: its expected revenue in the best plan
			  * that shows it (NAN for excluded films) */
};

/*
 * Chooses the plan for n candidates. share is the cinema's share of national
 * admissions. Returns 0, or -1 after reporting an impossible request (more
 * pinned films than screens, a film both pinned and excluded). With no
 * candidate left, kind is PLAN_NONE and no screen is filled. The plan
 * belongs to the caller (plan_free).
 */
int plan_make(const struct cinema *cinema, double share, const struct plan_candidate *cands,
	      size_t n, struct plan *plan);
void plan_free(struct plan *plan);

/* The expected attendance of log-normal demand (median, 80% interval) capped
 * at capacity, and the chances of a sell-out and of occupancy below
 * empty_share. Exposed for tests. */
void plan_demand(double median, double lower, double upper, double capacity, double empty_share,
		 double *expected, double *p_sellout, double *p_empty);

#endif
