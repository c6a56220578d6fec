/*
 * The week's decision from the command line: `marquee select` (prints the
 * plan, stores nothing), `publish` (freezes it in cinema.db) and `override`
 * (the manager's pins and exclusions).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/text/utf8.h"
#include "predictor/cinema/overrides.h"
#include "predictor/cinema/decision.h"
#include "predictor/pages/pages.h"
#include "predictor/words/words.h"
#include "predictor/store/store_records.h"

/* 310,000: the command's figures are in English, as its words are. */
static char *count_text(double x)
{
	return words_count("en", x);
}

static void print_decision(const struct week_record *w, const struct page_lang *pl)
{
	printf("Week %s, %s to %s: %zu candidate%s; predicting %s (%s)\n", w->week, w->week_start,
	       w->week_end, w->n_candidates, w->n_candidates == 1 ? "" : "s",
	       content_metric_label(pl, w->metric), w->unit);
	printf("Share of national admissions: %.4f%% (%s)\n", 100 * w->share,
	       w->share_calibrated ? "calibrated" : "configured");
	for (size_t s = 0; s < w->n_picks; s++) {
		const struct week_pick *p = &w->picks[s];
		char *pred = count_text(p->predicted);
		char *att = count_text(p->expected_attendance);
		char *rev = count_text(p->expected_revenue);
		printf("  %-10s %3d seats  %-40s predicted %s; expected %s (%.0f%% full), %s %s%s\n",
		       p->screen, p->seats, p->film.title, pred, att, 100 * p->occupancy, rev,
		       w->currency, p->pinned ? " [pinned]" : "");
		free(pred);
		free(att);
		free(rev);
	}
	char *rev = count_text(w->expected_revenue);
	char *profit = count_text(w->expected_profit);
	printf("Expected revenue %s %s (tickets net of the distributors' %.0f%%, and "
	       "concessions), profit after %.0f %s fixed costs: %s %s\n",
	       rev, w->currency, 100 * w->rental_share, w->fixed_costs, w->currency, profit,
	       w->currency);
	free(rev);
	free(profit);
	for (size_t i = 0; i < w->n_candidates; i++) {
		const struct week_candidate *c = &w->candidates[i];
		char *pred = count_text(c->predicted);
		printf("  %2zu. %-40s %12s  ", i + 1, c->film.title, pred);
		free(pred);
		if (c->excluded)
			printf("excluded by the manager\n");
		else if (c->picked)
			printf("picked\n");
		else if (isnan(c->lost_by))
			printf("not considered\n");
		else {
			char *lost = count_text(c->lost_by);
			printf("lost by %s %s of expected revenue\n", lost, w->currency);
			free(lost);
		}
	}
	size_t n;
	char **notes = page_week_notes(w, pl, &n);
	for (size_t i = 0; i < n; i++) {
		printf("Note: %s\n", notes[i]);
		free(notes[i]);
	}
	free(notes);
}

/* Options shared by select and publish. */
static int week_command(struct app *app, int argc, char **argv, const struct command *cmd,
			bool publish)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "replace", no_argument, NULL, 'r' },
		{ "replay", no_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL;
	bool replace = false, replay = false, json = false;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		switch (opt) {
		case 'w':
			week = optarg;
			break;
		case 'r':
			replace = true;
			break;
		case 'p':
			replay = true;
			break;
		case 'j':
			json = true;
			break;
		default:
			return command_usage(cmd);
		}
	}
	if (optind < argc || (!publish && (replace || replay)))
		return command_usage(cmd);
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
	struct store *st = NULL;
	struct week_record w = { 0 };
	struct page_lang pl;
	int rc = 1;
	if (content_lang(app->cfg, &pl) != 0)
		goto out;
	/* select only looks: it reads the stores, and stores nothing */
	st = publish ? store_open_config(app->cfg) : store_open_config_read_only(app->cfg);
	if (!st || store_begin(st) != 0)
		goto out;
	if (decision_make(st, app->cfg, &cinema, week, replay, &w) != 0)
		goto out;
	if (publish && decision_publish(st, &w, replace) != 0)
		goto out;
	if (store_commit(st) != 0)
		goto out;
	if (json) {
		cJSON *page = page_week_json(&w, NULL, &pl);
		char *text = cJSON_Print(page);
		puts(text);
		free(text);
		cJSON_Delete(page);
	} else if (msg_get_level() >= MSG_NORMAL) {
		print_decision(&w, &pl);
		if (publish)
			printf("Published %s as version %d.\n", w.week, w.version);
	}
	rc = 0;
out:
	week_record_free(&w);
	store_close(st);
	cinema_free(&cinema);
	return rc;
}

static int run_select(struct app *app, int argc, char **argv)
{
	return week_command(app, argc, argv, &cmd_select, false);
}

static int run_publish(struct app *app, int argc, char **argv)
{
	return week_command(app, argc, argv, &cmd_publish, true);
}

const struct command cmd_select = {
	.name = "select",
	.run = run_select,
	.usage = "select [--week YYYY-Www] [--json]",
	.summary = "choose the week's films and screens (prints, stores nothing)",
	.help = "Predicts the releases of a programme week with the current model, and chooses\n"
		"which film goes on which screen to maximise expected revenue: each film's local\n"
		"attendance is its predicted national admissions times the cinema's share,\n"
		"capped by the room's capacity (seats x shows x days). Pinned films are kept,\n"
		"excluded ones left out (see 'marquee override'). Prints the picks, expected\n"
		"attendance, revenue and profit, and by how much each runner-up lost.\n\n"
		"  --week W   an ISO week such as 2024-W27 (default: the next programme week)\n"
		"  --json     print the week as the site receives it\n",
};

const struct command cmd_publish = {
	.name = "publish",
	.run = run_publish,
	.usage = "publish [--week YYYY-Www] [--replace] [--replay] [--json]",
	.summary = "decide a week and freeze it in the cinema's records",
	.help = "Decides the week as 'marquee select' does and records it in cinema.db: the\n"
		"candidates with the predictions and intervals shown, the picks and screens, the\n"
		"model. A published week never changes: publishing it again is refused unless\n"
		"--replace is given, and then the earlier version is kept.\n\n"
		"  --week W   an ISO week such as 2024-W27 (default: the next programme week)\n"
		"  --replace  publish a new version of an already published week\n"
		"  --replay   mark the week as a replay of past data\n"
		"  --json     print the week as the site receives it\n",
};

static int run_override(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "film", required_argument, NULL, 'f' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2)
		return command_usage(&cmd_override);
	const char *action = argv[1];
	if (strcmp(action, "pin") != 0 && strcmp(action, "exclude") != 0 &&
	    strcmp(action, "clear") != 0)
		return command_usage(&cmd_override);
	argc--;
	argv++;
	const char *week = NULL, *film = NULL, *note = NULL;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		switch (opt) {
		case 'w':
			week = optarg;
			break;
		case 'f':
			film = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		default:
			return command_usage(&cmd_override);
		}
	}
	if (!week || !film || optind != argc)
		return command_usage(&cmd_override);
	if (!command_week_ok(week))
		return 2;
	/* kept in cinema.db, exported and restored: text as every input is */
	char why[UTF8_WHY];
	if (note && utf8_check(note, why) != 0) {
		msg_error("--note: %s", why);
		return 2;
	}
	struct cinema cinema;
	if (cinema_load(app->cfg, &cinema) != 0)
		return 1;
	struct store *st = store_open_config(app->cfg);
	if (st && store_begin(st) != 0) {
		store_close(st);
		st = NULL;
	}
	if (!st) {
		cinema_free(&cinema);
		return 1;
	}
	char now[21];
	date_now_iso(now);
	int rc = 1;
	bool clear = strcmp(action, "clear") == 0;
	if (!clear && overrides_check(st, &cinema, week, film) != 0)
		goto out;
	if (store_override_set(st, week, film, clear ? NULL : action, note, now) != 0 ||
	    store_commit(st) != 0)
		goto out;
	msg_info("%s: %s %s", week, strcmp(action, "clear") == 0 ? "cleared overrides of" : action,
		 film);
	rc = 0;
out:
	store_close(st);
	cinema_free(&cinema);
	return rc;
}

const struct command cmd_override = {
	.name = "override",
	.run = run_override,
	.usage = "override pin|exclude|clear --week YYYY-Www --film KEY [--note TEXT]",
	.summary = "pin or exclude a film for a week (the manager's choice)",
	.help = "Records the manager's choice for a week before it is published: a pinned film\n"
		"is always shown, an excluded film never. KEY is the film's key, as\n"
		"'marquee select' and the site show it. 'clear' removes the choice. The\n"
		"selection says on the site which picks were pinned.\n",
};

