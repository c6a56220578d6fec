/*
 * The jobs made of steps (weekly.h): the weekly job and the replay of past
 * weeks. Each step is a function call in its own transaction.
 */
#define _GNU_SOURCE
#include "predictor/cinema/weekly.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/date.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/cinema/actuals.h"
#include "predictor/cinema/cinema.h"
#include "predictor/cinema/week.h"
#include "predictor/model/predict.h"
#include "predictor/model/train.h"
#include "predictor/pages/content.h"
#include "predictor/store/store_models.h"
#include "predictor/store/store_records.h"

/* ---- steps ---- */

/* Trains a model on the films released before until (-1: all); say prints it. */
static int train_step(struct store *st, const struct config *cfg, const char *metric, long until,
		      bool say)
{
	struct train_result r;
	if (store_begin(st) != 0)
		return -1;
	if (train_model(st, cfg, metric, until, &r) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		train_result_clear(&r);
		return -1;
	}
	if (say)
		msg_info("model %ld (%s): %s on %ld films, validated rmse_log %.3f", r.id,
			 r.promoted ? "current" : "rejected", metric, r.model->rows,
			 r.model->cv_rmse);
	if (r.reason)
		msg_warn("model %ld rejected: %s; model %ld stays current", r.id, r.reason, r.kept_id);
	train_result_clear(&r);
	return 0;
}

/* Decides and publishes a week; say prints what was published. */
static int publish_step(struct store *st, const struct config *cfg, const struct cinema *c,
			const char *week, bool replay, bool say)
{
	struct week_decision d;
	int version = 0;
	if (store_begin(st) != 0)
		return -1;
	if (week_decide(st, cfg, c, week, replay, &d) != 0)
		goto fail;
	if (week_publish(st, &d, false, &version) != 0 || store_commit(st) != 0) {
		week_decision_free(&d);
		goto fail;
	}
	if (say) {
		msg_info("Published %s as version %d.", week, version);
		const cJSON *p;
		cJSON_ArrayForEach(p, cJSON_GetObjectItem(d.json, "picks"))
			msg_info("  %s: %s", cJSON_GetObjectItem(p, "screen")->valuestring,
				 cJSON_GetObjectItem(cJSON_GetObjectItem(p, "film"), "title")->valuestring);
	}
	week_decision_free(&d);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* Imports the manager's actuals file (records.actuals) when it exists. */
static int actuals_step(struct store *st, const struct config *cfg, const struct cinema *c)
{
	const char *path;
	if (config_string(cfg, "records.actuals", "records/actuals.csv", &path) != 0)
		return -1;
	if (!file_exists(path))
		return 0;
	struct actuals_batch batch;
	if (store_begin(st) != 0)
		return -1;
	actuals_batch_init(&batch, st, c);
	if (actuals_import_file(&batch, path) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		msg_error("%s: nothing was recorded", path);
		return -1;
	}
	msg_info("actuals: %ld recorded, %ld already known", batch.added, batch.same);
	return 0;
}

/* ---- the weekly job ---- */

int weekly_run(const struct config *cfg, const char *week)
{
	struct cinema c;
	if (cinema_load(cfg, &c) != 0)
		return -1;
	char next[9];
	if (!week) {
		week_next(&c, next);
		week = next;
	}
	const char *metric, *content_dir;
	struct store *st = NULL;
	int rc = -1, version = 0;
	if (predict_metric(cfg, NULL, &metric) != 0 ||
	    config_string(cfg, "content_dir", "content", &content_dir) != 0)
		goto out;
	st = store_open_config(cfg);
	if (!st || actuals_step(st, cfg, &c) != 0 || train_step(st, cfg, metric, -1, true) != 0 ||
	    store_week_version(st, week, &version) != 0)
		goto out;
	if (version > 0)
		msg_info("%s is already published (version %d): kept as it is", week, version);
	else if (publish_step(st, cfg, &c, week, false, true) != 0)
		goto out;
	if (content_write(st, cfg, content_dir) != 0)
		goto out;
	rc = 0;
out:
	store_close(st);
	cinema_free(&c);
	return rc;
}

/* ---- the replay ---- */

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

int replay_run(const struct config *cfg, long want, long every)
{
	struct cinema c;
	struct metric_info m;
	if (cinema_load(cfg, &c) != 0)
		return -1;
	int rc = -1;
	struct store *st = NULL;
	long *days = NULL;
	size_t n_days = 0;
	char (*weeks)[9] = xcalloc((size_t)want, sizeof *weeks);
	if (week_metric(cfg, NULL, &m) != 0)
		goto out;
	st = store_open_config(cfg);
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
		if (train_current_until(st, m.name, &until, &found) != 0)
			goto out;
		if (found && until > start + 1) {
			char u[11];
			date_format(until - 1, u);
			msg_error("the current model was trained on films up to %s, after week %s: a "
				  "replay would see the future (use an empty data_dir)", u, weeks[i]);
			goto out;
		}
		/* Between retrainings the last model serves: it saw only earlier films. */
		if ((replayed++ % every == 0 || !found) && train_step(st, cfg, m.name, start, false) != 0)
			goto out;
		if (publish_step(st, cfg, &c, weeks[i], true, false) != 0)
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

