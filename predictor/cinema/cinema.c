/* The cinema's description in marquee.yml, validated. */
#include "predictor/cinema/cinema.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xalloc.h"

static int weekday_of(const char *name)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday", "thursday",
					    "friday", "saturday", "sunday" };
	for (int i = 0; i < 7; i++)
		if (strcasecmp(name, days[i]) == 0)
			return i;
	return -1;
}

static int load_screens(const struct config *cfg, struct cinema *c)
{
	const struct ytree *list = config_node(cfg, "cinema.screens");
	if (!list) {
		c->screens[0].name = xstrdup("Screen 1");
		c->screens[0].seats = 120;
		c->screens[1].name = xstrdup("Screen 2");
		c->screens[1].seats = 80;
		c->n_screens = 2;
		return 0;
	}
	if (list->type != YTREE_SEQ || list->n_items == 0 || list->n_items > CINEMA_MAX_SCREENS) {
		config_error(cfg, list, "cinema.screens",
			     "expected a list of 1 to %d screens, each {name: ..., seats: ...}",
			     CINEMA_MAX_SCREENS);
		return -1;
	}
	for (size_t i = 0; i < list->n_items; i++) {
		const struct ytree *s = list->items[i];
		const struct ytree *name = ytree_get(s, "name");
		const struct ytree *seats = ytree_get(s, "seats");
		long n;
		if (s->type != YTREE_MAP || !seats || seats->type != YTREE_SCALAR ||
		    parse_long(seats->value, &n) != 0 || n < 1 || n > 5000) {
			config_error(cfg, seats ? seats : s, "cinema.screens",
				     "screen %zu needs seats: a whole number from 1 to 5000", i + 1);
			return -1;
		}
		if (name && (name->type != YTREE_SCALAR || !name->value[0])) {
			config_error(cfg, name, "cinema.screens", "screen %zu: name must be text", i + 1);
			return -1;
		}
		c->screens[i].name = name ? xstrdup(name->value) : xasprintf("Screen %zu", i + 1);
		c->screens[i].seats = (int)n;
		c->n_screens = i + 1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->screens[j].name, c->screens[i].name) == 0) {
				config_error(cfg, name, "cinema.screens", "two screens are named \"%s\"",
					     c->screens[i].name);
				return -1;
			}
	}
	return 0;
}

int cinema_load(const struct config *cfg, struct cinema *c)
{
	memset(c, 0, sizeof *c);
	const char *name, *starts, *region, *language, *currency;
	long shows, days;
	if (config_string(cfg, "cinema.name", "New is always better", &name) != 0 ||
	    config_string(cfg, "cinema.week_starts", "wednesday", &starts) != 0 ||
	    config_string(cfg, "cinema.region", "FR", &region) != 0 ||
	    config_string(cfg, "cinema.language", "fr", &language) != 0 ||
	    config_string(cfg, "cinema.currency", "EUR", &currency) != 0 ||
	    config_long(cfg, "cinema.shows_per_day", 4, 1, 24, &shows) != 0 ||
	    config_long(cfg, "cinema.days", 7, 1, 7, &days) != 0 ||
	    config_double(cfg, "cinema.ticket_price", 10, 0, 1000, &c->ticket_price) != 0 ||
	    config_double(cfg, "cinema.fixed_costs", 4900, 0, 1e9, &c->fixed_costs) != 0 ||
	    config_double(cfg, "cinema.concessions_per_head", 0, 0, 1000,
			  &c->concessions_per_head) != 0 ||
	    config_double(cfg, "cinema.rental_share", 0.5, 0, 1, &c->rental_share) != 0 ||
	    config_double(cfg, "cinema.share", 0.002, 1e-9, 1, &c->share_prior) != 0 ||
	    config_double(cfg, "cinema.share_prior_weeks", 8, 0, 1000, &c->share_prior_weeks) != 0 ||
	    config_double(cfg, "cinema.holdover_factor", 0.6, 0, 1, &c->holdover_factor) != 0 ||
	    config_double(cfg, "cinema.empty_occupancy", 0.1, 0, 1, &c->empty_occupancy) != 0 ||
	    config_double(cfg, "cinema.national_ticket_price", 7, 0.01, 1000,
			  &c->national_ticket_price) != 0)
		goto fail;
	c->week_starts = weekday_of(starts);
	if (c->week_starts < 0) {
		config_error(cfg, config_node(cfg, "cinema.week_starts"), "cinema.week_starts",
			     "\"%s\" is not a weekday (monday ... sunday)", starts);
		goto fail;
	}
	if (strcmp(language, "fr") != 0 && strcmp(language, "en") != 0) {
		config_error(cfg, config_node(cfg, "cinema.language"), "cinema.language",
			     "\"%s\": expected fr or en", language);
		goto fail;
	}
	/* A full and a reduced price with the share of reduced tickets. */
	const struct ytree *ticket = config_node(cfg, "cinema.ticket");
	if (ticket) {
		double full, reduced, mix;
		if (config_double(cfg, "cinema.ticket.full", 0, 0, 1000, &full) != 0 ||
		    config_double(cfg, "cinema.ticket.reduced", full, 0, 1000, &reduced) != 0 ||
		    config_double(cfg, "cinema.ticket.reduced_share", 0, 0, 1, &mix) != 0)
			goto fail;
		if (full <= 0) {
			config_error(cfg, ticket, "cinema.ticket", "needs full: the full price");
			goto fail;
		}
		c->ticket_price = full * (1 - mix) + reduced * mix;
	}
	if (load_screens(cfg, c) != 0)
		goto fail;
	c->name = xstrdup(name);
	c->region = xstrdup(region);
	c->language = xstrdup(language);
	c->currency = xstrdup(currency);
	c->shows_per_day = (int)shows;
	c->days = (int)days;
	return 0;
fail:
	cinema_free(c);
	return -1;
}

void cinema_free(struct cinema *c)
{
	for (size_t i = 0; i < c->n_screens; i++)
		free(c->screens[i].name);
	free(c->name);
	free(c->region);
	free(c->language);
	free(c->currency);
	memset(c, 0, sizeof *c);
}

double cinema_capacity(const struct cinema *c, size_t screen)
{
	return (double)c->screens[screen].seats * c->shows_per_day * c->days;
}
