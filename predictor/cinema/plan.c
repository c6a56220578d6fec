/* Choosing films for screens by expected revenue under capacity caps. */
#include "predictor/cinema/plan.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"

/* z of the 90th percentile: an 80% interval spans 2 z standard deviations. */
#define Z90 1.2815515655446004
/* Above this many candidates, only the most promising are combined; with
 * many screens, fewer still, so that the plans tried stay under MAX_PLANS. */
#define MAX_COMBINED 12
#define MAX_PLANS 200000.0

/* Plans where a film may fill several screens are evaluated one by one:
 * fewer of them are tried. */
#define MAX_REPEAT_PLANS 20000.0

/* How many candidates are combined on screens, distinct or not. */
static size_t pool_limit(size_t screens, bool distinct)
{
	if (!distinct) {
		size_t limit = MAX_COMBINED;
		while (limit > 1 && pow((double)limit, (double)screens) > MAX_REPEAT_PLANS)
			limit--;
		return limit;
	}
	size_t limit = MAX_COMBINED;
	for (;;) {
		double plans = 1;
		for (size_t k = 0; k < screens && limit > k; k++)
			plans *= (double)(limit - k);
		if (plans <= MAX_PLANS || limit <= screens)
			return limit;
		limit--;
	}
}

static double normal_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

void plan_demand(double median, double lower, double upper, double capacity,
		   double empty_share, double *expected, double *p_sellout, double *p_empty)
{
	if (median <= 0 || capacity <= 0) {
		*expected = 0;
		*p_sellout = 0;
		*p_empty = capacity > 0 ? 1 : 0;
		return;
	}
	double lo = lower > 0 ? lower : median / 100;
	double hi = upper > lo ? upper : median * 1.01;
	double mu = log(median);
	double sigma = (log(hi) - log(lo)) / (2 * Z90);
	if (!(sigma > 0.01))
		sigma = 0.01;
	double lk = log(capacity);
	double above = 1 - normal_cdf((lk - mu) / sigma);
	*expected = exp(mu + sigma * sigma / 2) * normal_cdf((lk - mu - sigma * sigma) / sigma) +
		    capacity * above;
	*p_sellout = above;
	*p_empty = empty_share > 0 ? normal_cdf((log(empty_share * capacity) - mu) / sigma) : 0;
}

struct search {
	const struct cinema *cinema;
	double share;
	const struct plan_candidate *cands;
	size_t *pool;     /* owned; candidate indices considered */
	size_t n_pool;
	size_t n_screens;
	bool distinct;    /* this pass: films may not repeat (else one may fill several screens) */
	double *table;    /* owned; when distinct, the expected revenue of film f alone on
			   * screen s at [f * n_screens + s]: a plan's revenue is a sum */
	long forced;      /* a candidate that must be in the plan, or -1 */
	size_t current[CINEMA_MAX_SCREENS];
	size_t best[CINEMA_MAX_SCREENS];
	double best_revenue;
	bool found;
};

static double revenue_per_head(const struct cinema *c)
{
	return c->ticket_price * (1 - c->rental_share) + c->concessions_per_head;
}

/* Fills screen s of an assignment and returns its expected revenue; a film
 * on several screens shares its demand over their combined capacity. */
static double screen_revenue(const struct cinema *c, double share,
			     const struct plan_candidate *cands, const size_t *films, size_t s,
			     struct plan_screen *out)
{
	double combined = 0;
	for (size_t t = 0; t < c->n_screens; t++)
		if (films[t] == films[s])
			combined += cinema_capacity(c, t);
	const struct plan_candidate *f = &cands[films[s]];
	double expected, p_sell, p_empty;
	plan_demand(f->national * share, f->lower * share, f->upper * share, combined,
		      c->empty_occupancy, &expected, &p_sell, &p_empty);
	double capacity = cinema_capacity(c, s);
	struct plan_screen *scr = &out[s];
	scr->film = films[s];
	scr->capacity = capacity;
	scr->expected_attendance = expected * capacity / combined;
	scr->occupancy = scr->expected_attendance / capacity;
	scr->expected_revenue = scr->expected_attendance * revenue_per_head(c);
	scr->p_sellout = p_sell;
	scr->p_empty = p_empty;
	return scr->expected_revenue;
}

/* Fills a plan's screens for an assignment and returns its expected revenue. */
static double evaluate(const struct cinema *c, double share, const struct plan_candidate *cands,
		       const size_t *films, size_t n_screens, struct plan_screen *out)
{
	double total = 0;
	for (size_t s = 0; s < n_screens; s++)
		total += screen_revenue(c, share, cands, films, s, out);
	return total;
}

/* Is a better than b for equal revenue? Compares keys screen by screen. */
static bool keys_first(const struct plan_candidate *cands, const size_t *a, const size_t *b,
		       size_t n)
{
	for (size_t s = 0; s < n; s++) {
		int cmp = strcmp(cands[a[s]].key, cands[b[s]].key);
		if (cmp)
			return cmp < 0;
	}
	return false;
}

static bool uses(const size_t *films, size_t n, size_t film)
{
	for (size_t s = 0; s < n; s++)
		if (films[s] == film)
			return true;
	return false;
}

static void consider(struct search *S)
{
	for (size_t i = 0; i < S->n_pool; i++) {
		size_t f = S->pool[i];
		bool need = S->cands[f].pinned || (long)f == S->forced;
		if (need && !uses(S->current, S->n_screens, f))
			return;
	}
	double revenue = 0;
	if (S->distinct) {
		for (size_t s = 0; s < S->n_screens; s++)
			revenue += S->table[S->current[s] * S->n_screens + s];
	} else {
		struct plan_screen screens[CINEMA_MAX_SCREENS];
		revenue = evaluate(S->cinema, S->share, S->cands, S->current, S->n_screens, screens);
	}
	double tolerance = 1e-9 * fmax(1, fabs(S->best_revenue));
	if (!S->found || revenue > S->best_revenue + tolerance ||
	    (revenue >= S->best_revenue - tolerance &&
	     keys_first(S->cands, S->current, S->best, S->n_screens))) {
		S->found = true;
		S->best_revenue = revenue;
		memcpy(S->best, S->current, sizeof S->best);
	}
}

static void search_from(struct search *S, size_t screen)
{
	if (screen == S->n_screens) {
		consider(S);
		return;
	}
	for (size_t i = 0; i < S->n_pool; i++) {
		size_t f = S->pool[i];
		if (S->distinct && uses(S->current, screen, f))
			continue;
		S->current[screen] = f;
		search_from(S, screen + 1);
	}
}

/* Standalone value of a candidate on the largest screen, to rank the pool. */
struct ranked {
	size_t index;
	double value;
	const char *key;
};

static int by_value(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* One pass of the search over the pool of this pass's kind of plan. */
static void search_pass(struct search *S, const struct ranked *ranked, size_t n_ranked,
			bool distinct)
{
	/* The pool: pinned and forced films, then the best of the rest. */
	S->distinct = distinct;
	S->n_pool = 0;
	for (size_t i = 0; i < n_ranked; i++) {
		size_t f = ranked[i].index;
		if (S->cands[f].pinned || (long)f == S->forced ||
		    S->n_pool < pool_limit(S->n_screens, distinct))
			S->pool[S->n_pool++] = f;
	}
	search_from(S, 0);
}

/*
 * The best plan: as many films as screens when there are enough, or one
 * film on several screens when more people are expected than one room
 * holds and that earns more than another film would.
 */
static bool run_search(struct search *S, const struct ranked *ranked, size_t n_ranked)
{
	S->found = false;
	S->best_revenue = 0;
	if (n_ranked >= S->n_screens)
		search_pass(S, ranked, n_ranked, true);
	search_pass(S, ranked, n_ranked, false);
	return S->found;
}

static bool repeats(const size_t *films, size_t n)
{
	for (size_t s = 1; s < n; s++)
		if (uses(films, s, films[s]))
			return true;
	return false;
}

int plan_make(const struct cinema *c, double share, const struct plan_candidate *cands,
		     size_t n, struct plan *plan)
{
	memset(plan, 0, sizeof *plan);
	plan->lost_by = xcalloc(n ? n : 1, sizeof *plan->lost_by);
	plan->revenue = xcalloc(n ? n : 1, sizeof *plan->revenue);
	struct ranked *ranked = xcalloc(n ? n : 1, sizeof *ranked);
	size_t n_ranked = 0, n_pinned = 0;
	double biggest = 0;
	for (size_t s = 0; s < c->n_screens; s++)
		biggest = fmax(biggest, cinema_capacity(c, s));
	for (size_t i = 0; i < n; i++) {
		plan->lost_by[i] = NAN;
		plan->revenue[i] = NAN;
		if (cands[i].pinned && cands[i].excluded) {
			msg_error("\"%s\" is both pinned and excluded", cands[i].key);
			free(ranked);
			plan_free(plan);
			return -1;
		}
		if (cands[i].excluded)
			continue;
		n_pinned += cands[i].pinned;
		double expected, p1, p2;
		plan_demand(cands[i].national * share, cands[i].lower * share,
			      cands[i].upper * share, biggest, 0, &expected, &p1, &p2);
		ranked[n_ranked++] = (struct ranked){ i, expected, cands[i].key };
	}
	if (n_pinned > c->n_screens) {
		msg_error("%zu films are pinned but there are only %zu screens", n_pinned,
			  c->n_screens);
		free(ranked);
		plan_free(plan);
		return -1;
	}
	qsort(ranked, n_ranked, sizeof *ranked, by_value);
	plan->n_screens = c->n_screens;
	if (n_ranked == 0) {
		plan->kind = PLAN_NONE;
		plan->n_screens = 0;
		plan->expected_profit = -c->fixed_costs;
		free(ranked);
		return 0;
	}
	struct search S = { .cinema = c, .share = share, .cands = cands,
			    .pool = xcalloc(n_ranked, sizeof *S.pool), .n_screens = c->n_screens,
			    .forced = -1 };
	if (n_ranked >= c->n_screens) {
		/* Each film alone in each room: the same figures evaluate() gives. */
		S.table = xcalloc(n * c->n_screens, sizeof *S.table);
		for (size_t i = 0; i < n_ranked; i++) {
			size_t f = ranked[i].index;
			for (size_t s = 0; s < c->n_screens; s++) {
				size_t one[CINEMA_MAX_SCREENS];
				struct plan_screen scr[CINEMA_MAX_SCREENS];
				for (size_t t = 0; t < c->n_screens; t++)
					one[t] = t == s ? f : SIZE_MAX;
				S.table[f * c->n_screens + s] = screen_revenue(c, share, cands, one, s, scr);
			}
		}
	}
	run_search(&S, ranked, n_ranked);
	size_t chosen[CINEMA_MAX_SCREENS];
	memcpy(chosen, S.best, sizeof chosen);
	plan->kind = n_ranked < c->n_screens		  ? PLAN_FEWER
		     : repeats(chosen, c->n_screens) ? PLAN_REPEAT
						     : PLAN_PAIR;
	double best = S.best_revenue;
	plan->expected_revenue =
		evaluate(c, share, cands, chosen, c->n_screens, plan->screens);
	for (size_t s = 0; s < c->n_screens; s++) {
		plan->expected_attendance += plan->screens[s].expected_attendance;
		size_t f = plan->screens[s].film;
		plan->revenue[f] = (isnan(plan->revenue[f]) ? 0 : plan->revenue[f]) +
				   plan->screens[s].expected_revenue;
	}
	plan->expected_profit = plan->expected_revenue - c->fixed_costs;

	/* What each runner-up lost by: the best plan that has to include it. */
	for (size_t i = 0; i < n_ranked; i++) {
		size_t f = ranked[i].index;
		if (uses(chosen, c->n_screens, f)) {
			plan->lost_by[f] = 0;
			continue;
		}
		S.forced = (long)f;
		bool possible = n_pinned < c->n_screens && run_search(&S, ranked, n_ranked);
		plan->lost_by[f] = possible ? fmax(0, best - S.best_revenue) : NAN;
		if (possible) {
			struct plan_screen screens[CINEMA_MAX_SCREENS];
			evaluate(c, share, cands, S.best, c->n_screens, screens);
			for (size_t s = 0; s < c->n_screens; s++)
				if (screens[s].film == f)
					plan->revenue[f] = screens[s].expected_revenue;
		}
	}
	free(S.table);
	free(S.pool);
	free(ranked);
	return 0;
}

void plan_free(struct plan *plan)
{
	free(plan->lost_by);
	free(plan->revenue);
	plan->lost_by = NULL;
	plan->revenue = NULL;
}
