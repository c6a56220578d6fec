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
#include "predictor/cinema/overrides.h"
#include "predictor/cinema/week.h"
#include "predictor/store/store_records.h"

static char *count_text(double x)
{
	return week_fmt_count(x, "en");
}

static void print_decision(const struct week_decision *d, const struct cinema *c)
{
	char start[11], end[11];
	date_format(d->start, start);
	date_format(d->end, end);
	printf("Week %s, %s to %s: %zu candidate%s; predicting %s (%s)\n", d->week, start, end, d->n,
	       d->n == 1 ? "" : "s", d->metric.label, d->metric.unit);
	printf("Share of national admissions: %.4f%% (%s)\n", 100 * d->share.value,
	       d->share.calibrated ? "calibrated" : "configured");
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(d->json, "picks"))
	{
		cJSON *film = cJSON_GetObjectItem(p, "film");
		char *pred = count_text(cJSON_GetObjectItem(p, "predicted")->valuedouble);
		char *att = count_text(cJSON_GetObjectItem(p, "expected_attendance")->valuedouble);
		char *rev = count_text(cJSON_GetObjectItem(p, "expected_revenue")->valuedouble);
		printf("  %-10s %3d seats  %-40s predicted %s; expected %s (%.0f%% full), %s %s%s\n",
		       cJSON_GetObjectItem(p, "screen")->valuestring,
		       cJSON_GetObjectItem(p, "seats")->valueint,
		       cJSON_GetObjectItem(film, "title")->valuestring, pred, att,
		       100 * cJSON_GetObjectItem(p, "occupancy")->valuedouble, rev, c->currency,
		       cJSON_IsTrue(cJSON_GetObjectItem(p, "pinned")) ? " [pinned]" : "");
		free(pred);
		free(att);
		free(rev);
	}
	cJSON *eco = cJSON_GetObjectItem(d->json, "economics");
	char *rev = count_text(cJSON_GetObjectItem(eco, "expected_revenue")->valuedouble);
	char *profit = count_text(cJSON_GetObjectItem(eco, "expected_profit")->valuedouble);
	printf("Expected revenue %s %s, profit after %.0f %s fixed costs: %s %s\n", rev, c->currency,
	       c->fixed_costs, c->currency, profit, c->currency);
	free(rev);
	free(profit);
	for (size_t i = 0; i < d->n; i++) {
		bool picked = d->plan.lost_by && d->plan.lost_by[i] == 0;
		char *pred = count_text(d->preds[i].predicted);
		printf("  %2zu. %-40s %12s  ", i + 1, d->preds[i].title, pred);
		free(pred);
		if (d->cands[i].excluded)
			printf("excluded by the manager\n");
		else if (picked)
			printf("picked\n");
		else if (isnan(d->plan.lost_by[i]))
			printf("not considered\n");
		else {
			char *lost = count_text(d->plan.lost_by[i]);
			printf("lost by %s %s\n", lost, c->currency);
			free(lost);
		}
	}
	cJSON *n;
	cJSON_ArrayForEach(n, cJSON_GetObjectItem(d->json, "notes"))
		printf("Note: %s\n", n->valuestring);
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
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
		week_next(&cinema, next);
		week = next;
	}
	struct store *st = NULL;
	struct week_decision d = { 0 };
	int rc = 1, version = 0;
	st = store_open_config(app->cfg);
	if (!st || store_begin(st) != 0)
		goto out;
	if (week_decide(st, app->cfg, &cinema, week, replay, &d) != 0)
		goto out;
	if (publish && week_publish(st, &d, replace, &version) != 0)
		goto out;
	if (store_commit(st) != 0)
		goto out;
	if (json) {
		char *text = cJSON_Print(d.json);
		puts(text);
		free(text);
	} else if (msg_get_level() >= MSG_NORMAL) {
		print_decision(&d, &cinema);
		if (publish)
			printf("Published %s as version %d.\n", d.week, version);
	}
	rc = 0;
out:
	week_decision_free(&d);
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
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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

