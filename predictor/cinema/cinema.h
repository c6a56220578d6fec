/*
 * The cinema, as marquee.yml describes it under `cinema:`: screens, shows,
 * the programme week, prices and costs, and its share of national
 * admissions; and what the public sees of it: its address, each screen's
 * showtimes, the booking link. Read once per command and validated; a bad
 * value names its line and key.
 */
#ifndef MARQUEE_CINEMA_H
#define MARQUEE_CINEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "common/config.h"

#define CINEMA_MAX_SCREENS 8
#define CINEMA_MAX_SHOWTIMES 12

struct screen {
	char *name; /* owned */
	int seats;
	char *showtimes[CINEMA_MAX_SHOWTIMES]; /* owned; "14:00", in the day's order */
	size_t n_showtimes;
};

/* The theatre's address (schema.org PostalAddress); each part owned or NULL. */
struct cinema_address {
	char *street, *postal_code, *locality, *region, *country;
};

struct cinema {
	char *name;               /* owned */
	struct screen screens[CINEMA_MAX_SCREENS];
	size_t n_screens;
	int shows_per_day;
	int days;                 /* days in a programme week */
	int week_starts;          /* weekday a programme starts, 0 = Monday */
	char *region;             /* owned; "FR" */
	char *language;           /* owned; "fr" or "en" */
	char *currency;           /* owned; "EUR" */
	double ticket_price;      /* average price actually paid */
	double ticket_full, ticket_reduced; /* cinema.ticket's prices; 0 when not given */
	double fixed_costs;       /* per programme week */
	double concessions_per_head;
	double rental_share;      /* share of ticket receipts paid to distributors (0.5: in
				   * France 25 to 50% by law, most often 50% in a first week) */
	double share_prior;       /* the cinema's share of national admissions */
	double share_prior_weeks; /* how many weeks of evidence the prior weighs */
	double holdover_factor;   /* second-week admissions over the first */
	double empty_occupancy;   /* below this occupancy a room counts as near-empty */
	/* When the predicted metric is money (a gross), national admissions are
	 * the gross divided by this national average ticket price. */
	double national_ticket_price;
	struct cinema_address address;
	char *url;                /* owned or NULL; the cinema's own website */
	/* owned or NULL; where to book a film, with {slug}, {title}, {date},
	 * {week} and {screen} replaced (cinema_booking_url) */
	char *booking_url;
};

/* Reads and validates `cinema:`; defaults describe "New is always better". */
int cinema_load(const struct config *cfg, struct cinema *out);
void cinema_free(struct cinema *c);
/* Seats x shows x days. */
double cinema_capacity(const struct cinema *c, size_t screen);
/* The screen called name, or NULL. */
const struct screen *cinema_screen(const struct cinema *c, const char *name);
/*
 * The booking link for a film shown on a screen from date (YYYY-MM-DD) in
 * week: cinema.booking_url with its {slug}, {title}, {date}, {week} and
 * {screen} replaced, each percent-encoded. NULL without cinema.booking_url;
 * else owned by the caller.
 */
char *cinema_booking_url(const struct cinema *c, const char *slug, const char *title,
			 const char *date, const char *week, const char *screen);

#endif
