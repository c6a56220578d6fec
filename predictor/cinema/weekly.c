/*
 * The jobs made of steps (weekly.h): the weekly job and the replay of past
 * weeks. Each step is a function call in its own transaction, and prints
 * one line with its duration.
 */
#define _GNU_SOURCE
#include "predictor/cinema/weekly.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/lock.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/cinema/actuals.h"
#include "predictor/cinema/cinema.h"
#include "predictor/cinema/decision.h"
#include "predictor/model/predict.h"
#include "predictor/model/train.h"
#include "predictor/pages/pages.h"
#include "predictor/sources/import.h"
#include "predictor/sources/scrape.h"
#include "predictor/store/store_models.h"
#include "predictor/store/store_records.h"

/* ---- steps ---- */

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Ends a step's transaction: committed, or in a dry run rolled back. */
static int step_end(struct store *st, bool dry_run)
{
	if (dry_run) {
		store_rollback(st);
		return 0;
	}
	return store_commit(st);
}

/* Trains a model on the films released before until (-1: all); say prints it. */
static int train_step(struct store *st, const struct config *cfg, const char *metric, long until,
		      bool say, bool dry_run)
{
	struct train_result r;
	long long t0 = now_ms();
	if (store_begin(st) != 0)
		return -1;
	if (train_model(st, cfg, metric, until, &r) != 0 || step_end(st, dry_run) != 0) {
		store_rollback(st);
		train_result_clear(&r);
		return -1;
	}
	if (say)
		msg_info("train: model %ld (%s) on %ld films, validated rmse_log %.3f (%lld ms)",
			 r.id, r.promoted ? "current" : "rejected", r.model->rows, r.model->cv_rmse,
			 now_ms() - t0);
	if (r.reason)
		msg_warn("model %ld rejected: %s; model %ld stays current", r.id, r.reason, r.kept_id);
	train_result_clear(&r);
	return 0;
}

/*
 * Decides and publishes a week; say prints what was published. *out (NULL:
 * not wanted) receives the week as published (week_record_free).
 */
static int publish_step(struct store *st, const struct config *cfg, const struct cinema *c,
			const char *week, bool replay, bool say, struct week_record *out)
{
	struct week_record w;
	if (store_begin(st) != 0)
		return -1;
	if (decision_make(st, cfg, c, week, replay, &w) != 0) {
		store_rollback(st);
		return -1;
	}
	if (decision_publish(st, &w, false) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		week_record_free(&w);
		return -1;
	}
	if (say) {
		msg_info("Published %s as version %d.", week, w.version);
		for (size_t s = 0; s < w.n_picks; s++)
			msg_info("  %s: %s", w.picks[s].screen, w.picks[s].film.title);
	}
	if (out)
		*out = w;
	else
		week_record_free(&w);
	return 0;
}

/* Imports the manager's actuals file (records.actuals) when it exists. */
static int actuals_step(struct store *st, const struct config *cfg, const struct cinema *c,
			bool dry_run)
{
	const char *path;
	if (config_string(cfg, "records.actuals", "records/actuals.csv", &path) != 0)
		return -1;
	if (!file_exists(path)) {
		msg_info("actuals: no %s yet", path);
		return 0;
	}
	long long t0 = now_ms();
	struct actuals_batch batch;
	if (store_begin(st) != 0)
		return -1;
	actuals_batch_init(&batch, st, c);
	if (actuals_import_file(&batch, path) != 0 || step_end(st, dry_run) != 0) {
		store_rollback(st);
		msg_error("%s: nothing was recorded", path);
		return -1;
	}
	msg_info("actuals: %ld recorded, %ld already known (%lld ms)", batch.added, batch.same,
		 now_ms() - t0);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Imports the national box-office files waiting in the inbox (import.inbox,
 * default "imports"): every .csv there, in name order, in one transaction;
 * then moves them into its "imported" folder. A file that cannot be moved
 * is imported again next week, which changes nothing.
 */
static int inbox_step(struct store *st, const struct config *cfg, bool dry_run)
{
	const char *inbox, *source;
	if (config_string(cfg, "import.inbox", "imports", &inbox) != 0 ||
	    config_string(cfg, "import.source", "", &source) != 0)
		return -1;
	DIR *d = opendir(inbox);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		msg_error("%s: %s", inbox, strerror(errno));
		return -1;
	}
	char **files = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		files = xgrow(files, &cap, n + 1, sizeof *files);
		files[n++] = xasprintf("%s/%s", inbox, e->d_name);
	}
	closedir(d);
	int rc = 0;
	if (n == 0)
		goto out;
	qsort(files, n, sizeof *files, by_name);
	long long t0 = now_ms();
	struct import_options opt = { .source = *source ? source : NULL };
	long rejected;
	rc = store_begin(st);
	if (rc == 0)
		rc = import_files(st, &opt, files, n, &rejected);
	if (rc == 0)
		rc = step_end(st, dry_run);
	if (rc != 0) {
		store_rollback(st);
		msg_error("%s: the import failed: nothing was stored", inbox);
		goto out;
	}
	msg_info("import: %zu file%s from %s/, %ld rows rejected (%lld ms)", n, n == 1 ? "" : "s",
		 inbox, rejected, now_ms() - t0);
	char *done = xasprintf("%s/imported", inbox);
	if (!dry_run && file_mkdirs(done) == 0)
		for (size_t i = 0; i < n; i++) {
			char *to = xasprintf("%s/%s", done, strrchr(files[i], '/') + 1);
			if (rename(files[i], to) != 0)
				msg_warn("%s: not moved to %s/ (%s); it will be imported again, "
					 "which changes nothing", files[i], done, strerror(errno));
			free(to);
		}
	free(done);
out:
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}

/* The week's releases from TMDB, when a key is in the environment. */
static int scrape_step(struct store *st, const struct config *cfg, const struct cinema *c,
		       const char *week, bool dry_run)
{
	if (!scrape_has_key()) {
		msg_info("scrape: no TMDB key (TMDB_API_KEY or TMDB_READ_TOKEN): the releases are "
			 "those imported");
		return 0;
	}
	if (dry_run) {
		msg_info("scrape: not in a dry run");
		return 0;
	}
	struct scrape_report r;
	int rc = scrape_week(st, cfg, c, week, &r);
	msg_info("scrape: %ld films (%ld new, %ld matched to imported films), %ld people, %ld "
		 "posters; %ld requests, %ld failed (%ld ms)",
		 r.films, r.films_new, r.films_matched, r.people, r.posters, r.requests, r.failed,
		 r.elapsed_ms);
	return rc;
}

/* Trains when the data changed or the model is old; says which. */
static int retrain_step(struct store *st, const struct config *cfg, const char *metric,
			bool dry_run)
{
	bool due;
	char *why;
	if (train_due(st, cfg, metric, &due, &why) != 0)
		return -1;
	if (!due)
		msg_info("train: not needed, %s", why);
	free(why);
	return due ? train_step(st, cfg, metric, -1, true, dry_run) : 0;
}

/*
 * Decides the week and publishes it. A week without any release is an
 * error: a cinema with nothing new to show should hear of it, not find a
 * holdover published for good.
 */
static int decide_step(struct store *st, const struct config *cfg, const struct cinema *c,
		       const char *week, bool dry_run)
{
	long long t0 = now_ms();
	struct week_record w;
	if (store_begin(st) != 0)
		return -1;
	if (decision_make(st, cfg, c, week, false, &w) != 0) {
		store_rollback(st);
		return -1;
	}
	int rc = -1;
	if (w.n_candidates == 0) {
		msg_error("%s (%s to %s) has no release to choose from: nothing is published. Check "
			  "that the week's releases came in: the TMDB key (TMDB_API_KEY or "
			  "TMDB_READ_TOKEN) and cinema.region for the scrape, or the files imported",
			  week, w.week_start, w.week_end);
		goto out;
	}
	if (dry_run) {
		msg_info("dry run: %s would show:", week);
	} else {
		if (decision_publish(st, &w, false) != 0 || store_commit(st) != 0)
			goto out;
		msg_info("publish: %s as version %d (%lld ms)", week, w.version, now_ms() - t0);
	}
	for (size_t s = 0; s < w.n_picks; s++)
		msg_info("  %s: %s", w.picks[s].screen, w.picks[s].film.title);
	rc = 0;
out:
	store_rollback(st);
	week_record_free(&w);
	return rc;
}

/* ---- the weekly job ---- */

int weekly_run(const struct config *cfg, const char *week, bool dry_run)
{
	struct cinema c;
	if (cinema_load(cfg, &c) != 0)
		return -1;
	char next[9];
	if (!week) {
		decision_week_next(&c, next);
		week = next;
	}
	const char *metric, *content_dir, *data_dir;
	struct store *st = NULL;
	struct lock *lock = NULL;
	int rc = -1, version = 0;
	if (predict_metric(cfg, NULL, &metric) != 0 ||
	    config_string(cfg, "content_dir", "content", &content_dir) != 0 ||
	    config_string(cfg, "data_dir", "data", &data_dir) != 0)
		goto out;
	/* one run at a time: cron may start the next while this one still runs */
	char *lock_path = xasprintf("%s/.weekly.lock", data_dir);
	if (file_mkdirs(data_dir) == 0)
		lock = lock_take(lock_path, "weekly");
	free(lock_path);
	if (!lock)
		goto out;
	msg_info("weekly: %s%s", week, dry_run ? " (dry run: nothing is stored or built)" : "");
	st = store_open_config(cfg);
	if (!st || actuals_step(st, cfg, &c, dry_run) != 0 || inbox_step(st, cfg, dry_run) != 0 ||
	    scrape_step(st, cfg, &c, week, dry_run) != 0 ||
	    retrain_step(st, cfg, metric, dry_run) != 0 ||
	    store_week_version(st, week, &version) != 0)
		goto out;
	if (version > 0)
		msg_info("publish: %s is already published (version %d): kept as it is", week, version);
	else if (decide_step(st, cfg, &c, week, dry_run) != 0)
		goto out;
	if (!dry_run) {
		long long t0 = now_ms();
		if (content_write(st, cfg, content_dir) != 0)
			goto out;
		msg_verbose("content: %lld ms", now_ms() - t0);
	}
	rc = 0;
out:
	store_close(st);
	lock_release(lock);
	cinema_free(&c);
	return rc;
}

/* ---- the replay ---- */

/*
 * Records what a replayed week's picks really did: each film's real national
 * figure times the configured share, capped by the capacity of its screens.
 */
static int replay_actuals(struct store *st, const struct cinema *c, const struct week_record *w)
{
	for (size_t s = 0; s < w->n_picks; s++) {
		const char *key = w->picks[s].film.key;
		double capacity = 0;
		bool first = true;
		for (size_t t = 0; t < w->n_picks; t++) {
			if (strcmp(w->picks[t].film.key, key) != 0)
				continue;
			if (t < s)
				first = false; /* recorded with its first screen */
			capacity += w->picks[t].capacity;
		}
		if (!first)
			continue;
		double national;
		bool found;
		if (store_film_outcome(st, key, w->metric, &national, &found) != 0)
			return -1;
		if (!found)
			continue;
		if (w->money)
			national /= c->national_ticket_price;
		long admissions = lround(fmin(national * c->share_prior, capacity));
		enum actual_change change;
		long old;
		if (store_actual_put(st, w->week, key, admissions, admissions * c->ticket_price,
				     "replay", "replay", false, &change, &old) != 0)
			return -1;
	}
	return 0;
}

/* One line about a replayed week: its picks, expected and recorded attendance. */
static int report_week(struct store *st, const struct week_record *w)
{
	struct actual_row *actuals;
	size_t n_actuals;
	if (store_actuals_list(st, &actuals, &n_actuals) != 0)
		return -1;
	struct buf titles = BUF_INIT;
	for (size_t s = 0; s < w->n_picks; s++)
		buf_printf(&titles, "%s%s", s ? " + " : "", w->picks[s].film.title);
	long actual = 0;
	for (size_t a = 0; a < n_actuals; a++)
		if (strcmp(actuals[a].week, w->week) == 0)
			actual += actuals[a].admissions;
	msg_info("%s: %s; expected %.0f admissions, recorded %ld", w->week,
		 titles.len ? buf_str(&titles) : "nothing to show", w->expected_attendance, actual);
	buf_free(&titles);
	actual_rows_free(actuals, n_actuals);
	return 0;
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
	if (decision_metric(cfg, NULL, &m) != 0)
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
		long start = decision_week_start(&c, weeks[i]), until;
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
		if ((replayed++ % every == 0 || !found) && train_step(st, cfg, m.name, start, false, false) != 0)
			goto out;
		struct week_record w;
		if (publish_step(st, cfg, &c, weeks[i], true, false, &w) != 0)
			goto out;
		int r = store_begin(st);
		if (r == 0)
			r = replay_actuals(st, &c, &w);
		if (r == 0)
			r = store_commit(st);
		if (r == 0)
			r = report_week(st, &w);
		week_record_free(&w);
		if (r != 0)
			goto out;
	}
	rc = 0;
out:
	free(weeks);
	free(days);
	store_close(st);
	cinema_free(&c);
	return rc;
}

