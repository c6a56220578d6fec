/*
 * The cinema's records from the command line: `marquee actuals` (what really
 * happened, from the ticketing) and `marquee records` (cinema.db as text
 * files for git, and back).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "common/msg.h"
#include "predictor/cinema/actuals.h"
#include "predictor/cinema/cinema.h"
#include "predictor/cinema/records.h"
#include "predictor/store/store.h"

/* The configured stores, opened with a transaction begun; NULL after reporting. */
static struct store *open_store(struct app *app)
{
	struct store *st = store_open_config(app->cfg);
	if (st && store_begin(st) != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

static int run_actuals(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "film", required_argument, NULL, 'f' },
		{ "admissions", required_argument, NULL, 'a' },
		{ "revenue", required_argument, NULL, 'r' },
		{ "replace", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL, *film = NULL, *admissions = NULL, *revenue = NULL;
	bool replace = false;
	if (argc < 2)
		return command_usage(&cmd_actuals);
	const char *action = argv[1];
	argc--;
	argv++;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		switch (opt) {
		case 'w':
			week = optarg;
			break;
		case 'f':
			film = optarg;
			break;
		case 'a':
			admissions = optarg;
			break;
		case 'r':
			revenue = optarg;
			break;
		case 'R':
			replace = true;
			break;
		default:
			return command_usage(&cmd_actuals);
		}
	}
	bool add = strcmp(action, "add") == 0, import = strcmp(action, "import") == 0;
	if ((add && (!week || !film || !admissions || optind != argc)) ||
	    (import && (week || film || admissions || revenue || optind >= argc)) || (!add && !import))
		return command_usage(&cmd_actuals);
	if (week && !command_week_ok(week))
		return 2;
	struct cinema cinema;
	if (cinema_load(app->cfg, &cinema) != 0)
		return 1;
	struct store *st = open_store(app);
	if (!st) {
		cinema_free(&cinema);
		return 1;
	}
	struct actuals_batch run;
	actuals_batch_init(&run, st, &cinema);
	run.replace = replace;
	cinema_free(&cinema);
	int rc = 1;
	if (add) {
		if (actuals_add(&run, "", week, film, admissions, revenue, "command") != 0)
			goto out;
	} else {
		for (int i = optind; i < argc; i++)
			if (actuals_import_file(&run, argv[i]) != 0)
				goto out;
	}
	if (store_commit(st) != 0)
		goto out;
	if (replace)
		msg_info("actuals: %ld recorded, %ld already known, %ld corrected", run.added, run.same,
			 run.replaced);
	else
		msg_info("actuals: %ld recorded, %ld already known", run.added, run.same);
	rc = 0;
out:
	if (rc != 0)
		msg_error("nothing was recorded");
	store_close(st);
	return rc;
}

const struct command cmd_actuals = {
	.name = "actuals",
	.run = run_actuals,
	.usage = "actuals add [--replace] --week YYYY-Www --film FILM --admissions N [--revenue X]\n"
		 "       marquee actuals import [--replace] FILE.csv...",
	.summary = "record the admissions a published week really had",
	.help = "Records what really happened, from the cinema's ticketing, in cinema.db. FILM\n"
		"is the film's key, its slug or its title as published for that week.\n\n"
		"  add      one film of one week\n"
		"  import   a CSV file with the header week,film,admissions[,revenue]\n\n"
		"A week that was never published, a film that was not among its candidates, a\n"
		"negative number, or a figure that differs from one already recorded is an\n"
		"error, and then nothing of the command is recorded. Recording the same figures\n"
		"again changes nothing, so a file can be imported every week.\n\n"
		"  --replace  a figure that differs from the one recorded corrects it (the\n"
		"             admissions and revenue given replace those recorded)\n",
};

static int run_records(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2)
		return command_usage(&cmd_records);
	const char *action = argv[1];
	bool export = strcmp(action, "export") == 0, restore = strcmp(action, "restore") == 0;
	if (!export && !restore)
		return command_usage(&cmd_records);
	argc--;
	argv++;
	const char *dir = NULL;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		if (opt != 'd')
			return command_usage(&cmd_records);
		dir = optarg;
	}
	if (optind != argc)
		return command_usage(&cmd_records);
	if (!dir && config_string(app->cfg, "records.dir", "records/cinema", &dir) != 0)
		return 1;
	struct store *st = open_store(app);
	if (!st)
		return 1;
	long rows = 0;
	int rc = 1;
	if (export ? records_export(st, dir) != 0 : records_restore(st, dir, &rows) != 0)
		goto out;
	if (store_commit(st) != 0)
		goto out;
	if (export)
		msg_info("records: cinema.db written to %s/", dir);
	else
		msg_info("records: %ld rows restored from %s/", rows, dir);
	rc = 0;
out:
	if (rc != 0 && restore)
		msg_error("nothing was restored");
	store_close(st);
	return rc;
}

const struct command cmd_records = {
	.name = "records",
	.run = run_records,
	.usage = "records export|restore [--dir DIR]",
	.summary = "keep cinema.db's records as text files (for git) and restore them",
	.help = "cinema.db holds what cannot be rebuilt: the weeks as published, actual\n"
		"attendance, the manager's overrides. 'export' writes each table as JSON Lines\n"
		"(one row a line, sorted, so git shows each change) into DIR (setting\n"
		"records.dir, default records/cinema); 'restore' fills an empty cinema.db from\n"
		"them, in one transaction, and refuses a folder missing any table's file.\n"
		"The files change together: a failed export leaves the previous set. A\n"
		"deployment that starts from nothing each week (a GitHub Actions runner)\n"
		"restores before the weekly job and exports after it.\n",
};
