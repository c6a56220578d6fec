/*
 * The cinema's own records from the command line: `marquee actuals` (what
 * really happened, from the ticketing) and `marquee override` (the manager's
 * pins and exclusions).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/command.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/cinema/cinema.h"
#include "predictor/sources/csv.h"
#include "predictor/sources/import.h"
#include "predictor/store/store_records.h"
#include "predictor/cinema/week.h"

static struct store *open_store(struct app *app)
{
	struct store *st = store_open_config(app->cfg);
	if (st && store_begin(st) != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* Checks "YYYY-Www" is a published week. where prefixes messages ("file:3: "). */
static int published_week(struct store *st, const char *where, const char *week)
{
	long monday;
	if (date_parse_week(week, &monday) != 0) {
		msg_error("%sbad week \"%s\": expected YYYY-Www, such as 2024-W27", where, week);
		return -1;
	}
	int version;
	if (store_week_version(st, week, &version) != 0)
		return -1;
	if (version == 0) {
		msg_error("%sweek %s was never published: publish it first", where, week);
		return -1;
	}
	return 0;
}

/* What one actuals command records into, and counts. */
struct actuals_run {
	struct store *st;
	const char *now;   /* when they were recorded */
	double capacity;   /* the most a week can sell: every seat of every show */
	char over_capacity[96]; /* why a figure above it is refused */
	long added, same;
};

/* Records one actual; counts it. -1 after reporting a bad value. */
static int add_actual(struct actuals_run *run, const char *where, const char *week,
		      const char *film, const char *admissions_text, const char *revenue_text,
		      const char *source)
{
	struct store *st = run->st;
	if (published_week(st, where, week) != 0)
		return -1;
	double admissions = 0, revenue = -1;
	const char *why = NULL;
	if (import_parse_number(admissions_text, &admissions, &why) != 0 ||
	    (admissions != floor(admissions) && (why = "not a whole number")) ||
	    (admissions > run->capacity && (why = run->over_capacity))) {
		msg_error("%sadmissions \"%s\": %s", where, admissions_text, why);
		return -1;
	}
	if (revenue_text && *revenue_text &&
	    import_parse_number(revenue_text, &revenue, &why) != 0) {
		msg_error("%srevenue \"%s\": %s", where, revenue_text, why);
		return -1;
	}
	struct week_film_ref ref;
	bool found;
	if (store_week_film_find(st, week, film, &ref, &found) != 0)
		return -1;
	if (!found) {
		msg_error("%sno film \"%s\" among the candidates published for %s", where, film, week);
		return -1;
	}
	enum actual_change change;
	long old = 0;
	int rc = store_actual_put(st, week, ref.film_key, (long)admissions, revenue, source, run->now,
				  &change, &old);
	if (rc == 0 && change == ACTUAL_CONFLICT) {
		msg_error("%s%s, %s: %ld admissions are already recorded; a different figure (%s) is "
			  "refused",
			  where, week, ref.title, old, admissions_text);
		rc = -1;
	}
	if (rc == 0)
		*(change == ACTUAL_ADDED ? &run->added : &run->same) += 1;
	free(ref.film_key);
	free(ref.title);
	return rc;
}

/* week,film,admissions[,revenue] with a header. */
static int import_actuals(struct actuals_run *run, const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		msg_error("%s: %s", path, strerror(errno));
		return -1;
	}
	struct csv_reader *r = csv_new(in);
	char **f;
	size_t n;
	int col[4] = { -1, -1, -1, -1 }, rc = -1, got;
	static const char *const names[] = { "week", "film", "admissions", "revenue" };
	got = csv_next(r, &f, &n);
	if (got <= 0) {
		msg_error("%s: %s", path, got == 0 ? "empty file: the header week,film,admissions is needed"
						   : csv_error(r));
		goto out;
	}
	size_t n_header = n;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			if (strcmp(f[i], names[k]) == 0)
				col[k] = (int)i;
	for (int k = 0; k < 3; k++)
		if (col[k] < 0) {
			msg_error("%s:1: no \"%s\" column (the header needs week,film,admissions and "
				  "may have revenue)", path, names[k]);
			goto out;
		}
	while ((got = csv_next(r, &f, &n)) != 0) {
		char where[512];
		snprintf(where, sizeof where, "%s:%ld: ", path, csv_line(r));
		if (got < 0) {
			msg_error("%s%s", where, csv_error(r));
			goto out;
		}
		if (n != n_header) {
			msg_error("%s%zu fields, but the header has %zu", where, n, n_header);
			goto out;
		}
		if (add_actual(run, where, f[col[0]], f[col[1]], f[col[2]],
			       col[3] >= 0 ? f[col[3]] : NULL, path) != 0)
			goto out;
	}
	rc = 0;
out:
	csv_free(r);
	fclose(in);
	return rc;
}

static int run_actuals(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "film", required_argument, NULL, 'f' },
		{ "admissions", required_argument, NULL, 'a' },
		{ "revenue", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL, *film = NULL, *admissions = NULL, *revenue = NULL;
	if (argc < 2)
		return command_usage(&cmd_actuals);
	const char *action = argv[1];
	argc--;
	argv++;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
	struct actuals_run run = { 0 };
	for (size_t s = 0; s < cinema.n_screens; s++)
		run.capacity += cinema_capacity(&cinema, s);
	cinema_free(&cinema);
	snprintf(run.over_capacity, sizeof run.over_capacity,
		 "more than the cinema's %.0f seats a week (cinema: in marquee.yml)", run.capacity);
	struct store *st = open_store(app);
	if (!st)
		return 1;
	char now[21];
	date_now_iso(now);
	run.st = st;
	run.now = now;
	int rc = 1;
	if (add) {
		if (add_actual(&run, "", week, film, admissions, revenue, "command") != 0)
			goto out;
	} else {
		for (int i = optind; i < argc; i++)
			if (import_actuals(&run, argv[i]) != 0)
				goto out;
	}
	if (store_commit(st) != 0)
		goto out;
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
	.usage = "actuals add --week YYYY-Www --film FILM --admissions N [--revenue X]\n"
		 "       marquee actuals import FILE.csv...",
	.summary = "record the admissions a published week really had",
	.help = "Records what really happened, from the cinema's ticketing, in cinema.db. FILM\n"
		"is the film's key, its slug or its title as published for that week.\n\n"
		"  add      one film of one week\n"
		"  import   a CSV file with the header week,film,admissions[,revenue]\n\n"
		"A week that was never published, a film that was not among its candidates, a\n"
		"negative number, or a figure that differs from one already recorded is an\n"
		"error, and then nothing of the command is recorded. Recording the same figures\n"
		"again changes nothing, so a file can be imported every week.\n",
};

/*
 * A choice for a film that does not exist is refused; one for a film not
 * released that week, or for a week already published, is allowed (the
 * manager may know better, or publish again) but said.
 */
static int check_override(struct store *st, const struct cinema *cinema, const char *week,
			  const char *film)
{
	struct film_info info;
	bool found;
	if (store_film_info(st, film, &info, &found) != 0)
		return -1;
	if (!found) {
		msg_error("no film has the key \"%s\" ('marquee select --week %s' shows the "
			  "candidates' keys)", film, week);
		return -1;
	}
	long start = week_start_day(cinema, week), released;
	if (date_parse(info.release_date, &released) == 0 &&
	    (released < start || released >= start + cinema->days))
		msg_warn("%s (%s) is released on %s, not in %s: it is not a candidate that week",
			 info.title, film, info.release_date, week);
	film_info_clear(&info);
	int version;
	if (store_week_version(st, week, &version) != 0)
		return -1;
	if (version > 0)
		msg_warn("%s is already published: the choice counts when it is published again "
			 "(marquee publish --week %s --replace)", week, week);
	return 0;
}

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
	struct store *st = open_store(app);
	if (!st) {
		cinema_free(&cinema);
		return 1;
	}
	char now[21];
	date_now_iso(now);
	int rc = 1;
	bool clear = strcmp(action, "clear") == 0;
	if (!clear && check_override(st, &cinema, week, film) != 0)
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

/* ---- keeping the records in files ---- */

/* The tables' files change together: a failure leaves the previous set whole. */
static int records_export(struct store *st, const char *dir)
{
	if (file_mkdirs(dir) != 0)
		return -1;
	struct file_set files = FILE_SET_INIT;
	int rc = 0;
	for (size_t t = 0; rc == 0 && t < store_cinema_n_tables; t++) {
		struct buf out = BUF_INIT;
		char *path = xasprintf("%s/%s.jsonl", dir, store_cinema_tables[t]);
		rc = store_cinema_export(st, store_cinema_tables[t], &out);
		if (rc == 0)
			rc = file_set_put(&files, path, buf_str(&out), out.len);
		free(path);
		buf_free(&out);
	}
	if (rc == 0)
		rc = file_set_commit(&files);
	file_set_free(&files);
	return rc;
}

static int records_restore(struct store *st, const char *dir, long *rows)
{
	long existing;
	if (store_cinema_rows(st, &existing) != 0)
		return -1;
	if (existing > 0) {
		msg_error("cinema.db already holds %ld records: restore only fills an empty one "
			  "(move it away first)", existing);
		return -1;
	}
	/* every table's file, even empty: a missing one is a wrong folder or a
	 * partial copy, and restoring it would lose records at the next export */
	for (size_t t = 0; t < store_cinema_n_tables; t++) {
		char *path = xasprintf("%s/%s.jsonl", dir, store_cinema_tables[t]);
		bool there = file_exists(path);
		if (!there)
			msg_error("%s: missing (records export writes one file per table, even empty)",
				  path);
		free(path);
		if (!there)
			return -1;
	}
	for (size_t t = 0; t < store_cinema_n_tables; t++) {
		char *path = xasprintf("%s/%s.jsonl", dir, store_cinema_tables[t]);
		char *text = file_read_all(path, NULL);
		int rc = text ? 0 : -1;
		long line = 0;
		for (char *p = text, *nl; rc == 0 && p && *p; p = nl + 1) {
			nl = strchr(p, '\n');
			if (!nl)
				nl = p + strlen(p) - 1;
			else
				*nl = '\0';
			line++;
			if (!*p)
				continue;
			char where[600];
			snprintf(where, sizeof where, "%s:%ld: ", path, line);
			rc = store_cinema_import_row(st, store_cinema_tables[t], p, where);
			(*rows)++;
		}
		free(text);
		free(path);
		if (rc != 0)
			return -1;
	}
	return 0;
}

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
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
