/* `marquee import`: options in, import_files in one transaction, counts out. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/sources/import.h"

static int run_import(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "map", required_argument, NULL, 'm' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "strict", no_argument, NULL, 'S' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	bool strict = false, dry_run = false;
	struct import_options opt = { 0 };
	int rc = 2, c;
	struct store *st = NULL;

	while ((c = command_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case 'f':
			opt.format = optarg;
			if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "vega") != 0) {
				msg_error("--format %s: expected csv or vega", optarg);
				goto out;
			}
			break;
		case 's':
			opt.source = optarg;
			break;
		case 'm':
			if (import_mapping_add(&opt, optarg) != 0)
				goto out;
			break;
		case 'i':
			opt.ignore = xgrow(opt.ignore, &opt.cap_ignore, opt.n_ignore + 1, sizeof *opt.ignore);
			opt.ignore[opt.n_ignore++] = optarg;
			break;
		case 'S':
			strict = true;
			break;
		case 'n':
			dry_run = true;
			break;
		default:
			rc = command_usage(&cmd_import);
			goto out;
		}
	}
	if (optind >= argc) {
		rc = command_usage(&cmd_import);
		goto out;
	}
	rc = 1;
	/* the inbox's setting names the source of the command's files too, so
	 * that a history rebuilt from imports/imported/ keys its films alike */
	const char *configured;
	if (!opt.source && config_string(app->cfg, "import.source", "", &configured) != 0)
		goto out;
	if (!opt.source && *configured)
		opt.source = configured;
	st = store_open_config(app->cfg);
	if (!st || store_begin(st) != 0)
		goto out;

	long total_rejected = 0;
	bool failed = import_files(st, &opt, argv + optind, (size_t)(argc - optind),
				   &total_rejected) != 0;
	if (failed) {
		msg_error("import failed: nothing was stored");
		goto out;
	}
	if (strict && total_rejected) {
		msg_error("%ld rejected rows with --strict: nothing was stored", total_rejected);
		goto out;
	}
	if (dry_run) {
		msg_info("dry run: nothing was stored");
		rc = 0;
		goto out;
	}
	if (store_commit(st) != 0)
		goto out;
	rc = 0;
out:
	store_close(st); /* rolls back whatever was not committed */
	free(opt.maps);
	free(opt.ignore);
	return rc;
}

const struct command cmd_import = {
	.name = "import",
	.run = run_import,
	.usage = "import [--format csv|vega] [--source NAME] [--map CANONICAL=HEADER]...\n"
		 "                      [--ignore HEADER]... [--strict] [--dry-run] FILE...",
	.summary = "load past films and their outcomes (CSV or vega movies.json)",
	.help =
		"Loads the history of past films and their outcomes into analytics.db, in one\n"
		"transaction: if anything fails, nothing is stored.\n\n"
		"CSV files need a header. Canonical columns:\n"
		"  id                 the source's id for the film (keys re-imports)\n"
		"  title              required\n"
		"  release_date       required; YYYY-MM-DD or DD/MM/YYYY\n"
		"  release_us         US release date\n"
		"  runtime_min        running time in minutes\n"
		"  genre              primary genre; genres  all genres\n"
		"  director, cast, distributor, countries, languages\n"
		"  budget_usd         production budget in US dollars (0 = unknown)\n"
		"  certification, original_language\n"
		"  production_year    the year the film was made (a re-release when far before)\n"
		"  overview           the synopsis, one paragraph\n"
		"Lists are separated by ';'. Every other column is an outcome (a number per\n"
		"film, such as first_week_admissions or us_gross) named after its header.\n"
		"Numbers may use spaces or thin spaces between thousands.\n\n"
		"A .json file is read as the vega-datasets movies.json.\n\n"
		"Options:\n"
		"  --map C=H      read canonical column C, or the outcome named C, from the\n"
		"                 column with header H\n"
		"  --ignore H     skip the column H\n"
		"  --source NAME  name of the source whose ids the id column holds (default:\n"
		"                 import.source; else the file name, for a file with no id)\n"
		"  --format F     csv or vega (default: by the file's extension)\n"
		"  --strict       any rejected row fails the whole import\n"
		"  --dry-run      check everything, store nothing\n\n"
		"Every rejected row is reported as FILE:LINE: reason. Importing the same file\n"
		"again changes nothing.\n",
};
