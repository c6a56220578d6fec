/* The cinema's description in marquee.yml, validated, and its booking links. */
#include "predictor/cinema/cinema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
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

/* "14:00", "9:30": a time of day, written back as HH:MM. */
static bool showtime_ok(const char *text, char out[6])
{
	int h, m;
	char extra;
	if (sscanf(text, "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59 ||
	    strlen(text) > 5)
		return false;
	snprintf(out, 6, "%02d:%02d", h, m);
	return true;
}

/* A list of showtimes ("14:00") at node, for key; into screen. */
static int load_showtimes(const struct config *cfg, const struct ytree *node, const char *key,
			  struct screen *screen)
{
	if (node->type != YTREE_SEQ || node->n_items > CINEMA_MAX_SHOWTIMES) {
		config_error(cfg, node, key, "expected a list of up to %d times of day, such as "
			     "[\"14:00\", \"20:30\"]", CINEMA_MAX_SHOWTIMES);
		return -1;
	}
	for (size_t i = 0; i < node->n_items; i++) {
		char hhmm[6];
		const struct ytree *t = node->items[i];
		if (t->type != YTREE_SCALAR || !showtime_ok(t->value, hhmm)) {
			config_error(cfg, t, key, "\"%s\" is not a time of day (HH:MM)",
				     t->type == YTREE_SCALAR ? t->value : "...");
			return -1;
		}
		if (i && strcmp(hhmm, screen->showtimes[i - 1]) <= 0) {
			config_error(cfg, t, key, "%s: showtimes go in the day's order", hhmm);
			return -1;
		}
		screen->showtimes[screen->n_showtimes++] = xstrdup(hhmm);
	}
	return 0;
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
		const struct ytree *times = ytree_get(s, "showtimes");
		if (times && load_showtimes(cfg, times, "cinema.screens", &c->screens[i]) != 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->screens[j].name, c->screens[i].name) == 0) {
				config_error(cfg, name, "cinema.screens", "two screens are named \"%s\"",
					     c->screens[i].name);
				return -1;
			}
	}
	return 0;
}

static char *optional_text(const struct config *cfg, const char *key, int *rc)
{
	const char *v;
	if (config_string(cfg, key, NULL, &v) != 0)
		*rc = -1;
	return v && *rc == 0 ? xstrdup(v) : NULL;
}

/* What the public sees: the address, the website, showtimes, booking. */
static int load_public(const struct config *cfg, struct cinema *c)
{
	int rc = 0;
	c->address.street = optional_text(cfg, "cinema.address.street", &rc);
	c->address.postal_code = optional_text(cfg, "cinema.address.postal_code", &rc);
	c->address.locality = optional_text(cfg, "cinema.address.locality", &rc);
	c->address.region = optional_text(cfg, "cinema.address.region", &rc);
	c->address.country = optional_text(cfg, "cinema.address.country", &rc);
	c->url = optional_text(cfg, "cinema.url", &rc);
	c->booking_url = optional_text(cfg, "cinema.booking_url", &rc);
	if (rc != 0)
		return -1;
	static const char *const links[] = { "cinema.url", "cinema.booking_url" };
	const char *values[] = { c->url, c->booking_url };
	for (int i = 0; i < 2; i++)
		if (values[i] && strncmp(values[i], "https://", 8) != 0 &&
		    strncmp(values[i], "http://", 7) != 0) {
			config_error(cfg, config_node(cfg, links[i]), links[i],
				     "\"%s\" must start with http:// or https://", values[i]);
			return -1;
		}
	for (const char *p = c->booking_url; p && (p = strchr(p, '{'));) {
		static const char *const names[] = { "{slug}", "{title}", "{date}", "{week}",
						     "{screen}" };
		size_t k;
		for (k = 0; k < 5 && strncmp(p, names[k], strlen(names[k])) != 0; k++)
			;
		if (k == 5) {
			config_error(cfg, config_node(cfg, "cinema.booking_url"), "cinema.booking_url",
				     "%.*s is not one of {slug}, {title}, {date}, {week}, {screen}",
				     (int)strcspn(p, "}") + 1, p);
			return -1;
		}
		p += strlen(names[k]);
	}
	/* showtimes for every screen, unless a screen has its own */
	const struct ytree *all = config_node(cfg, "cinema.showtimes");
	for (size_t i = 0; all && i < c->n_screens; i++)
		if (!c->screens[i].n_showtimes &&
		    load_showtimes(cfg, all, "cinema.showtimes", &c->screens[i]) != 0)
			return -1;
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
		c->ticket_full = full;
		c->ticket_reduced = reduced;
	}
	if (load_screens(cfg, c) != 0 || load_public(cfg, c) != 0)
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
	for (size_t i = 0; i < c->n_screens; i++) {
		free(c->screens[i].name);
		for (size_t k = 0; k < c->screens[i].n_showtimes; k++)
			free(c->screens[i].showtimes[k]);
	}
	free(c->address.street);
	free(c->address.postal_code);
	free(c->address.locality);
	free(c->address.region);
	free(c->address.country);
	free(c->url);
	free(c->booking_url);
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

const struct screen *cinema_screen(const struct cinema *c, const char *name)
{
	for (size_t i = 0; i < c->n_screens; i++)
		if (strcmp(c->screens[i].name, name) == 0)
			return &c->screens[i];
	return NULL;
}

static void url_encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
}

char *cinema_booking_url(const struct cinema *c, const char *slug, const char *title,
			 const char *date, const char *week, const char *screen)
{
	if (!c->booking_url)
		return NULL;
	const char *names[] = { "{slug}", "{title}", "{date}", "{week}", "{screen}" };
	const char *values[] = { slug, title, date, week, screen };
	struct buf b = BUF_INIT;
	for (const char *p = c->booking_url; *p;) {
		size_t k;
		for (k = 0; k < 5 && strncmp(p, names[k], strlen(names[k])) != 0; k++)
			;
		if (k < 5) {
			url_encode(&b, values[k] ? values[k] : "");
			p += strlen(names[k]);
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_detach(&b);
}
