/*
 * The jobs from the command line: `marquee weekly` (the whole weekly job:
 * actuals, train, publish, content, build) and `marquee replay` (past weeks
 * replayed as if live, for the demo).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/command.h"
#include "common/msg.h"
#include "generator/site/site.h"
#include "predictor/cinema/weekly.h"

static int run_replay(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "weeks", required_argument, NULL, 'n' },
		{ "retrain-every", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	long want = 12, every = 4;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		long *target = opt == 'n' ? &want : opt == 'r' ? &every : NULL;
		if (!target)
			return command_usage(&cmd_replay);
		if (parse_long(optarg, target) != 0 || *target < 1 || *target > 520) {
			msg_error("%s %s: expected a whole number from 1 to 520",
				  opt == 'n' ? "--weeks" : "--retrain-every", optarg);
			return 2;
		}
	}
	if (optind != argc)
		return command_usage(&cmd_replay);
	return replay_run(app->cfg, want, every) == 0 ? 0 : 1;
}

const struct command cmd_replay = {
	.name = "replay",
	.run = run_replay,
	.usage = "replay [--weeks N] [--retrain-every K]",
	.summary = "replay the last N weeks of history as if each had been live",
	.help = "For each of the last N programme weeks that had releases (12 by default),\n"
		"oldest first: trains a model on the films released before it (every K weeks,\n"
		"4 by default; the weeks between use the last model), publishes the\n"
		"week (marked as a replay), and records as its actual attendance the films'\n"
		"real national figures times the configured share, capped by the screens'\n"
		"capacity. The history then starts with honest, walk-forward results. Weeks\n"
		"already published are skipped, so it can run again.\n",
};


static int run_weekly(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL;
	bool dry_run = false;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		if (opt == 'w')
			week = optarg;
		else if (opt == 'n')
			dry_run = true;
		else
			return command_usage(&cmd_weekly);
	}
	if (optind != argc)
		return command_usage(&cmd_weekly);
	if (week && !command_week_ok(week))
		return 2;
	/* The predictor's steps, then the generator's: the site from content/. */
	if (weekly_run(app->cfg, week, dry_run) != 0)
		return 1;
	if (dry_run)
		return 0;
	msg_set_command("build");
	struct site_options site = { 0 };
	return site_build(app->cfg, &site) == 0 ? 0 : 1;
}

const struct command cmd_weekly = {
	.name = "weekly",
	.run = run_weekly,
	.usage = "weekly [--week YYYY-Www] [--dry-run]",
	.summary = "the whole weekly job: actuals, imports, train, publish, content, build",
	.help = "Runs the week's steps in order, each one atomic, one log line each:\n"
		"  1. the attendance the manager entered (records.actuals, default\n"
		"     records/actuals.csv), when the file exists;\n"
		"  2. the national box-office files waiting in import.inbox (default\n"
		"     imports/), then moved into its imported/ folder;\n"
		"  3. a new model when the data changed or the current one is older than\n"
		"     model.retrain_days (28), kept only if it validates as well;\n"
		"  4. the decision for the week (the next programme week by default),\n"
		"     published unless it already is; a week without any release is an\n"
		"     error and nothing is published;\n"
		"  5. the site's pages into content/, then the site into site/.\n"
		"A failed step stops the job with its reason; what earlier steps stored\n"
		"stays, and the site stays as it was. A lock (data_dir/.weekly.lock) keeps\n"
		"two runs apart. Running it twice in a week changes nothing.\n\n"
		"  --week W    an ISO week such as 2024-W27\n"
		"  --dry-run   do every step, store and build nothing, print the picks\n",
};
