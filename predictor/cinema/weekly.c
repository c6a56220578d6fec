/*
 * The weekly job as one command, and the replay of past weeks that fills the
 * demo's history. Both are sequences of other commands (import actuals,
 * train, publish, content, build); each step is its own transaction, and
 * running the job again skips what is already done.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/command.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/cinema/cinema.h"
#include "predictor/store/store_models.h"
#include "predictor/store/store_records.h"
#include "predictor/cinema/week.h"

/* The day after the last film a model was trained on, from its meta. */
static int current_model_until(struct store *st, const char *metric, long *until, bool *found)
{
	struct model_record rec = { 0 };
	if (store_model_current(st, metric, &rec, found) != 0)
		return -1;
	*until = -1;
	if (*found) {
		cJSON *meta = cJSON_Parse(rec.meta);
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(meta, "train_until");
		if (!cJSON_IsString(u) || date_parse(u->valuestring, until) != 0)
			*until = -1;
		cJSON_Delete(meta);
	}
	model_record_clear(&rec);
	return 0;
}

/*
 * Records what a replayed week's picks really did: each film's real national
 * figure times the configured share, capped by the capacity of its screens.
 */
static int replay_actuals(struct store *st, const struct cinema *c, const struct metric_info *m,
			  const char *week)
{
	struct published_week *weeks;
	size_t n;
	if (store_weeks_published(st, &weeks, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (strcmp(weeks[i].week, week) != 0)
			continue;
		cJSON *details = cJSON_Parse(weeks[i].details);
		const cJSON *pick;
		cJSON_ArrayForEach(pick, cJSON_GetObjectItem(details, "picks"))
		{
			const char *key =
				cJSON_GetObjectItem(cJSON_GetObjectItem(pick, "film"), "key")->valuestring;
			double capacity = 0;
			const cJSON *other;
			bool first = true;
			cJSON_ArrayForEach(other, cJSON_GetObjectItem(details, "picks"))
			{
				const char *k = cJSON_GetObjectItem(cJSON_GetObjectItem(other, "film"),
								    "key")->valuestring;
				if (strcmp(k, key) != 0)
					continue;
				if (other != pick && capacity == 0)
					first = false; /* recorded with its first screen */
				capacity += cJSON_GetObjectItem(other, "capacity")->valuedouble;
			}
			if (!first)
				continue;
			double national;
			bool found;
			if (store_film_outcome(st, key, m->name, &national, &found) != 0) {
				rc = -1;
				break;
			}
			if (!found)
				continue;
			if (m->money)
				national /= c->national_ticket_price;
			long admissions = lround(fmin(national * c->share_prior, capacity));
			enum actual_change change;
			long old;
			if (store_actual_put(st, week, key, admissions, admissions * c->ticket_price,
					     "replay", "replay", &change, &old) != 0) {
				rc = -1;
				break;
			}
		}
		cJSON_Delete(details);
	}
	published_weeks_free(weeks, n);
	return rc;
}

/* One line about a replayed week: its picks, expected and recorded attendance. */
static void report_week(struct store *st, const char *week)
{
	struct published_week *weeks;
	struct actual_row *actuals;
	size_t n, n_actuals;
	if (store_weeks_published(st, &weeks, &n) != 0)
		return;
	if (store_actuals_list(st, &actuals, &n_actuals) != 0) {
		published_weeks_free(weeks, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(weeks[i].week, week) != 0)
			continue;
		cJSON *d = cJSON_Parse(weeks[i].details);
		const cJSON *p;
		double expected = 0;
		long actual = 0;
		char titles[512] = "";
		size_t len = 0;
		cJSON_ArrayForEach(p, cJSON_GetObjectItem(d, "picks"))
		{
			const char *title = cJSON_GetObjectItem(cJSON_GetObjectItem(p, "film"), "title")
						    ->valuestring;
			len += (size_t)snprintf(titles + len, len < sizeof titles ? sizeof titles - len : 0,
						"%s%s", len ? " + " : "", title);
			expected += cJSON_GetObjectItem(p, "expected_attendance")->valuedouble;
		}
		for (size_t a = 0; a < n_actuals; a++)
			if (strcmp(actuals[a].week, week) == 0)
				actual += actuals[a].admissions;
		msg_info("%s: %s; expected %.0f admissions, recorded %ld", week,
			 titles[0] ? titles : "nothing to show", expected, actual);
		cJSON_Delete(d);
	}
	actual_rows_free(actuals, n_actuals);
	published_weeks_free(weeks, n);
}

/* The programme weeks (ISO labels) of the last n weeks that had releases. */
static size_t last_weeks(const long *days, size_t n_days, const struct cinema *c, size_t want,
			 char (*out)[9])
{
	size_t k = 0;
	char last[9] = "";
	for (size_t i = n_days; i-- > 0 && k < want;) {
		long start = days[i] - ((date_weekday(days[i]) - c->week_starts + 7) % 7);
		char label[9];
		date_format_week(start - c->week_starts, label);
		if (strcmp(label, last) == 0)
			continue;
		snprintf(last, sizeof last, "%s", label);
		snprintf(out[k++], 9, "%s", label);
	}
	/* Oldest first. */
	for (size_t i = 0; i < k / 2; i++) {
		char t[9];
		memcpy(t, out[i], 9);
		memcpy(out[i], out[k - 1 - i], 9);
		memcpy(out[k - 1 - i], t, 9);
	}
	return k;
}

static int run_replay(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "weeks", required_argument, NULL, 'n' },
		{ "retrain-every", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	long want = 12, every = 4;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
	struct cinema c;
	struct metric_info m;
	if (cinema_load(app->cfg, &c) != 0)
		return 1;
	int rc = 1;
	struct store *st = NULL;
	long *days = NULL;
	size_t n_days = 0;
	char (*weeks)[9] = xcalloc((size_t)want, sizeof *weeks);
	if (week_metric(app->cfg, NULL, &m) != 0)
		goto out;
	st = store_open_config(app->cfg);
	if (!st || store_release_days(st, m.name, &days, &n_days) != 0)
		goto out;
	size_t n = last_weeks(days, n_days, &c, (size_t)want, weeks);
	if (n == 0) {
		msg_error("no film has a value for \"%s\": import history first", m.name);
		goto out;
	}
	msg_info("replaying %zu weeks, %s to %s, as if each were live", n, weeks[0], weeks[n - 1]);
	long replayed = 0;
	for (size_t i = 0; i < n; i++) {
		int version;
		if (store_week_version(st, weeks[i], &version) != 0)
			goto out;
		if (version > 0) {
			msg_verbose("%s is already published; skipped", weeks[i]);
			continue;
		}
		long start = week_start_day(&c, weeks[i]), until;
		bool found;
		if (current_model_until(st, m.name, &until, &found) != 0)
			goto out;
		if (found && until > start + 1) {
			char u[11];
			date_format(until - 1, u);
			msg_error("the current model was trained on films up to %s, after week %s: a "
				  "replay would see the future (use an empty data_dir)", u, weeks[i]);
			goto out;
		}
		char until_text[11];
		date_format(start, until_text);
		/* The steps' own reports would drown the replay's: one line a week. */
		enum msg_level level = msg_get_level();
		if (level == MSG_NORMAL)
			msg_set_level(MSG_QUIET);
		/* Between retrainings the last model serves: it saw only earlier films. */
		bool ok = !((replayed++ % every == 0 || !found) &&
			    command_call(app, &cmd_train, "train", "--until", until_text, NULL) != 0) &&
			  command_call(app, &cmd_publish, "publish", "--week", weeks[i], "--replay",
				       NULL) == 0;
		msg_set_level(level);
		if (!ok)
			goto out;
		if (store_begin(st) != 0 || replay_actuals(st, &c, &m, weeks[i]) != 0 ||
		    store_commit(st) != 0)
			goto out;
		report_week(st, weeks[i]);
	}
	rc = 0;
out:
	free(weeks);
	free(days);
	store_close(st);
	cinema_free(&c);
	return rc;
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
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'w')
			return command_usage(&cmd_weekly);
		week = optarg;
	}
	if (optind != argc)
		return command_usage(&cmd_weekly);
	struct cinema c;
	if (cinema_load(app->cfg, &c) != 0)
		return 1;
	char next[9];
	if (!week) {
		week_next(&c, next);
		week = next;
	}
	const char *actuals_file;
	int rc = 1;
	if (config_string(app->cfg, "records.actuals", "records/actuals.csv", &actuals_file) != 0)
		goto out;
	if (file_exists(actuals_file) &&
	    command_call(app, &cmd_actuals, "actuals", "import", actuals_file, NULL) != 0)
		goto out;
	if (command_call(app, &cmd_train, "train", NULL) != 0)
		goto out;
	struct store *st = store_open_config(app->cfg);
	int version = 0;
	int r = st ? store_week_version(st, week, &version) : -1;
	store_close(st);
	if (r != 0)
		goto out;
	if (version > 0)
		msg_info("%s is already published (version %d): kept as it is", week, version);
	else if (command_call(app, &cmd_publish, "publish", "--week", week, NULL) != 0)
		goto out;
	if (command_call(app, &cmd_content, "content", NULL) != 0 ||
	    command_call(app, &cmd_build, "build", NULL) != 0)
		goto out;
	rc = 0;
out:
	cinema_free(&c);
	return rc;
}

const struct command cmd_weekly = {
	.name = "weekly",
	.run = run_weekly,
	.usage = "weekly [--week YYYY-Www]",
	.summary = "the whole weekly job: actuals, train, publish, content, build",
	.help = "Runs the week's steps in order, each one atomic:\n"
		"  1. marquee actuals import records/actuals.csv (setting records.actuals),\n"
		"     when the file exists: the attendance the manager entered;\n"
		"  2. marquee train: a new model, kept only if it validates as well;\n"
		"  3. marquee publish --week W (the next programme week by default), unless\n"
		"     that week is already published;\n"
		"  4. marquee content, then marquee build: the site in site/.\n"
		"Running it twice in a week changes nothing the second time but the model.\n",
};
