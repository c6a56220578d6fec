/* The weekly decision on hand-made cases. */
#include <math.h>
#include <stdlib.h>

#include "predictor/cinema/plan.h"
#include "tests/unit/harness.h"

/* Two screens of 120 and 80 seats, 4 shows a day, 7 days: 3360 and 2240. */
static struct cinema two_screens(void)
{
	static char big[] = "Grande", small[] = "Petite";
	struct cinema c = { 0 };
	c.screens[0] = (struct screen){ .name = big, .seats = 120 };
	c.screens[1] = (struct screen){ .name = small, .seats = 80 };
	c.n_screens = 2;
	c.shows_per_day = 4;
	c.days = 7;
	c.ticket_price = 10;
	c.fixed_costs = 4900;
	c.empty_occupancy = 0.1;
	return c;
}

static struct plan_candidate film(const char *key, double national)
{
	return (struct plan_candidate){ key, national, national * 0.8, national * 1.25, false,
					  false };
}

void test_plan(void)
{
	struct cinema c = two_screens();
	struct plan plan;
	double e, ps, pe;

	plan_demand(100, 80, 125, 1e9, 0.1, &e, &ps, &pe);
	OK(e > 100 && e < 102, "uncapped demand: the log-normal mean (%g)", e);
	OK(ps < 1e-6, "no sell-out for a tiny film");
	plan_demand(1e6, 8e5, 1.25e6, 3360, 0.1, &e, &ps, &pe);
	NEAR(e, 3360, 1e-6, "huge demand fills the room");
	OK(ps > 0.999999 && pe < 1e-9, "a certain sell-out");
	plan_demand(100, 50, 200, 3360, 0.1, &e, &ps, &pe);
	OK(pe > 0.95, "a near-empty room is likely for 100 expected in 3360 seats");

	/* More people than both rooms hold: the one film on both earns most. */
	struct plan_candidate huge[] = { film("b", 3000), film("a", 10000), film("c", 2900) };
	OK(plan_make(&c, 1.0, huge, 3, &plan) == 0, "plan made");
	INT_EQ(plan.kind, PLAN_REPEAT, "one film on several screens");
	OK(plan.screens[0].film == 1 && plan.screens[1].film == 1, "a on both screens");
	NEAR(plan.expected_attendance, 5600, 1, "both rooms sold out");
	OK(plan.lost_by[0] > 0 && plan.lost_by[2] > 0, "the others lost by what they would cost");
	plan_free(&plan);

	/* Capacity: the film that fills the big room best gets it. */
	struct plan_candidate three[] = { film("b", 3000), film("a", 4500), film("c", 2900) };
	OK(plan_make(&c, 1.0, three, 3, &plan) == 0, "plan made");
	INT_EQ(plan.kind, PLAN_PAIR, "two films for two screens");
	INT_EQ(plan.screens[0].film, 1, "the biggest demand in the biggest room");
	INT_EQ(plan.screens[1].film, 0, "the second in the small room");
	NEAR(plan.screens[0].expected_attendance, 3360, 60, "big room nearly sold out");
	OK(plan.screens[1].expected_attendance <= 2240 + 1e-9, "capped by capacity");
	NEAR(plan.screens[1].expected_attendance, 2240, 30, "small room nearly full");
	NEAR(plan.expected_revenue, 10 * plan.expected_attendance, 1e-6, "revenue is 10 a head");
	NEAR(plan.expected_profit, plan.expected_revenue - 4900, 1e-6, "profit after fixed costs");
	OK(plan.lost_by[2] > 0, "the runner-up lost by a positive amount");
	INT_EQ(plan.lost_by[0] == 0 && plan.lost_by[1] == 0, 1, "picks lost nothing");
	double best_revenue = plan.expected_revenue, lost = plan.lost_by[2];
	plan_free(&plan);

	/* A pinned film is in the plan even though it is the weakest. */
	three[2].pinned = true;
	OK(plan_make(&c, 1.0, three, 3, &plan) == 0, "plan with a pin");
	NEAR(best_revenue - plan.expected_revenue, lost, 1e-6,
	     "the runner-up's margin is what pinning it costs");
	OK((plan.screens[0].film == 2 || plan.screens[1].film == 2), "the pinned film is shown");
	OK((plan.screens[0].film == 1 || plan.screens[1].film == 1), "with the best of the rest");
	plan_free(&plan);
	three[2].pinned = false;

	/* An excluded film is never shown. */
	three[1].excluded = true;
	OK(plan_make(&c, 1.0, three, 3, &plan) == 0, "plan with an exclusion");
	OK(plan.screens[0].film != 1 && plan.screens[1].film != 1, "the excluded film is out");
	OK(isnan(plan.lost_by[1]), "an excluded film has no margin");
	plan_free(&plan);
	three[1].excluded = false;

	/* Ties break on the films' keys, whatever their order. */
	struct plan_candidate tie[] = { film("zeta", 5000), film("alpha", 5000), film("mu", 5000) };
	OK(plan_make(&c, 1.0, tie, 3, &plan) == 0, "tie plan");
	INT_EQ(plan.screens[0].film, 1, "alpha first on a tie");
	INT_EQ(plan.screens[1].film, 2, "then mu");
	plan_free(&plan);
	struct plan_candidate tie2[] = { film("mu", 5000), film("zeta", 5000), film("alpha", 5000) };
	plan_make(&c, 1.0, tie2, 3, &plan);
	INT_EQ(plan.screens[0].film, 2, "same choice in another order");
	plan_free(&plan);

	/* One candidate: on both screens, sharing its demand. */
	struct plan_candidate one[] = { film("solo", 4000) };
	OK(plan_make(&c, 1.0, one, 1, &plan) == 0, "single plan");
	INT_EQ(plan.kind, PLAN_FEWER, "fewer films than screens");
	OK(plan.screens[0].film == 0 && plan.screens[1].film == 0, "shown on both screens");
	NEAR(plan.expected_attendance, 4000, 60, "demand split over both rooms");
	NEAR(plan.screens[0].occupancy, plan.screens[1].occupancy, 1e-9, "split by capacity");
	plan_free(&plan);

	/* None: nothing to show. */
	OK(plan_make(&c, 1.0, one, 0, &plan) == 0, "empty week");
	INT_EQ(plan.kind, PLAN_NONE, "no candidate");
	NEAR(plan.expected_profit, -4900, 1e-9, "fixed costs remain");
	plan_free(&plan);

	/* Impossible requests. */
	for (int i = 0; i < 3; i++)
		three[i].pinned = true;
	OK(plan_make(&c, 1.0, three, 3, &plan) != 0, "three pins for two screens refused");
	three[0].pinned = false;
	three[1].pinned = false;
	three[2].excluded = true;
	OK(plan_make(&c, 1.0, three, 3, &plan) != 0, "pinned and excluded refused");

	/* Eight screens and forty candidates: the search stays bounded and fills
	 * the biggest room with the biggest film. */
	struct cinema many = two_screens();
	static char names[8][16];
	for (int i = 0; i < 8; i++) {
		snprintf(names[i], sizeof names[i], "S%d", i + 1);
		many.screens[i] = (struct screen){ .name = names[i], .seats = 200 - 20 * i };
	}
	many.n_screens = 8;
	struct plan_candidate forty[40];
	static char keys[40][16];
	for (int i = 0; i < 40; i++) {
		snprintf(keys[i], sizeof keys[i], "k%02d", i);
		forty[i] = film(keys[i], 1000.0 + 300.0 * i);
	}
	OK(plan_make(&many, 1.0, forty, 40, &plan) == 0, "eight screens planned");
	INT_EQ(plan.screens[0].film, 39, "the biggest film in the biggest room");
	plan_free(&plan);

	/* The share scales national predictions down to this cinema. */
	struct plan_candidate national[] = { film("x", 2e6), film("y", 1e5) };
	OK(plan_make(&c, 0.0005, national, 2, &plan) == 0, "plan with a share");
	INT_EQ(plan.screens[0].film, 0, "x in the big room");
	NEAR(plan.screens[1].expected_attendance, 50, 2, "100,000 x 0.0005 = 50 expected");
	OK(plan.screens[1].p_empty > 0.9, "y's room is near-empty");
	plan_free(&plan);
}
