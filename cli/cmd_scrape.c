/* `marquee scrape`: the week's releases from TMDB, and what the scrape did. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/command.h"
#include "common/msg.h"
#include "predictor/cinema/cinema.h"
#include "predictor/cinema/decision.h"
#include "predictor/sources/scrape.h"
#include "predictor/store/store.h"

/* Prints what a scrape did: what it fetched, from where, and what failed. */
static void cmd_scrape_report(const struct scrape_report *r)
{
	msg_info("scrape: %ld discover page%s, %ld films, %ld people, %ld posters", r->pages,
		 r->pages == 1 ? "" : "s", r->films, r->people, r->posters);
	msg_info("scrape: %ld from the cache, %ld unchanged (304), %ld fetched, %ld failed; "
		 "%ld requests at %.1f a second in %.1f s",
		 r->from_cache, r->not_modified, r->fetched, r->failed, r->requests, r->rate,
		 (double)r->elapsed_ms / 1000);
	msg_info("scrape: films %ld new, %ld updated, %ld unchanged, %ld matched to imported "
		 "films, %ld not stored", r->films_new, r->films_updated, r->films_unchanged,
		 r->films_matched, r->films_refused);
	if (r->refreshed || r->dropped)
		msg_info("scrape: %ld older films refreshed, %ld films' TMDB facts over six months "
			 "old dropped (TMDB's terms)", r->refreshed, r->dropped);
}

static int run_scrape(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		if (opt != 'w')
			return command_usage(&cmd_scrape);
		week = optarg;
	}
	if (optind != argc)
		return command_usage(&cmd_scrape);
	if (week && !command_week_ok(week))
		return 2;
	struct cinema cinema;
	if (cinema_load(app->cfg, &cinema) != 0)
		return 1;
	char next[9];
	if (!week) {
		decision_week_next(&cinema, next);
		week = next;
	}
	struct store *st = store_open_config(app->cfg);
	struct scrape_report report;
	int rc = 1;
	if (st && scrape_week(st, app->cfg, &cinema, week, &report) == 0)
		rc = 0;
	if (st)
		cmd_scrape_report(&report);
	store_close(st);
	cinema_free(&cinema);
	return rc;
}

const struct command cmd_scrape = {
	.name = "scrape",
	.run = run_scrape,
	.usage = "scrape [--week YYYY-Www]",
	.summary = "fetch a week's releases, their people and posters from TMDB",
	.help = "Fetches from TMDB the films released in the cinema's region (cinema.region)\n"
		"in the programme week (the next one by default): their details, credits,\n"
		"keywords and release dates, their people, and their posters (into\n"
		"content/posters/). Each response is stored as it arrives: a scrape cut short\n"
		"keeps what it had, and the next one resumes. Responses are kept for\n"
		"tmdb.ttl_hours (20): a scrape run again within it asks nothing. A film\n"
		"that an imported file brought is recognised (by IMDb id, or by title and\n"
		"release date) and completed, not doubled.\n\n"
		"The key comes from the environment: TMDB_API_KEY (a v3 API key) or\n"
		"TMDB_READ_TOKEN (a v4 read access token); it is never printed or stored.\n"
		"TMDB_BASE_URL (or tmdb.base_url) points it at another server.\n"
		"Settings: tmdb.rate (40 requests a second), tmdb.connections (20),\n"
		"tmdb.people_ttl_days (30), tmdb.poster_width (342), tmdb.deadline_minutes.\n",
};
