/* The current model's partial dependence on a few features (pdep.h). */
#include "predictor/analytics/pdep.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"
#include "predictor/model/model.h"
#include "predictor/store/store_models.h"

#define PDEP_THREADS_MAX 8

/* A feature row's column by name, or -1 when the model has none. */
static long column(const char *name)
{
	for (size_t c = 0; c < features_count(); c++)
		if (strcmp(features_name(c), name) == 0)
			return (long)c;
	return -1;
}

/* The columns a curve sets, and the values it sets them to for a grid value. */
struct setter {
	long col[6];
	double value[6];
	size_t n;
};

static bool set(struct setter *s, const char *name, double value)
{
	long c = column(name);
	if (c < 0)
		return false;
	s->col[s->n] = c;
	s->value[s->n++] = value;
	return true;
}

/* What a grid value of a feature sets; false when the model lacks a column. */
static bool setter_of(enum pdep_feature f, double x, int year, struct setter *s)
{
	s->n = 0;
	switch (f) {
	case PDEP_BUDGET:
		return set(s, "log_budget", log1p(x)) && set(s, "budget_known", 1);
	case PDEP_RUNTIME:
		return set(s, "runtime", x) && set(s, "runtime_known", 1);
	case PDEP_DIRECTOR:
		return set(s, "director_mean", log(x)) && set(s, "director_known", 1) &&
		       set(s, "director_films", log1p(3));
	case PDEP_WEEK: {
		/* The week's Wednesday, as a cinema's programme starts. */
		long wednesday = date_iso_week_monday(year, (int)x) + 2;
		int y, m, d, school = 0, public = 0;
		date_to_ymd(wednesday, &y, &m, &d);
		for (long k = 0; k < 7; k++) {
			school += features_school_holiday(wednesday + k);
			public += features_public_holiday(wednesday + k);
		}
		return set(s, "week_sin", sin(2 * M_PI * (x - 1) / 52.0)) &&
		       set(s, "week_cos", cos(2 * M_PI * (x - 1) / 52.0)) &&
		       set(s, "month_sin", sin(2 * M_PI * (m - 1) / 12.0)) &&
		       set(s, "month_cos", cos(2 * M_PI * (m - 1) / 12.0)) &&
		       set(s, "school_holiday_days", school / 7.0) &&
		       set(s, "public_holidays", public);
	}
	case PDEP_FEATURES:
		break;
	}
	return false;
}

static const double budget_grid[] = { 1e6, 2e6, 5e6, 10e6, 20e6, 50e6, 100e6, 200e6 };
static const double runtime_grid[] = { 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180 };
static const double director_grid[] = { 0.25, 0.35, 0.5, 0.71, 1, 1.41, 2, 2.83, 4 };

/* The grid of a feature: *n values (weeks are made into week_grid). */
static const double *grid_of(enum pdep_feature f, double *week_grid, size_t *n)
{
	switch (f) {
	case PDEP_BUDGET:
		*n = sizeof budget_grid / sizeof *budget_grid;
		return budget_grid;
	case PDEP_RUNTIME:
		*n = sizeof runtime_grid / sizeof *runtime_grid;
		return runtime_grid;
	case PDEP_DIRECTOR:
		*n = sizeof director_grid / sizeof *director_grid;
		return director_grid;
	case PDEP_WEEK:
		/* every other week: half the cost, and the season reads as well */
		for (int w = 1; w <= 52; w += 2)
			week_grid[w / 2] = w;
		*n = 26;
		return week_grid;
	case PDEP_FEATURES:
		break;
	}
	*n = 0;
	return NULL;
}

/* The typical prediction of the rows with the setter's columns set. */
static double typical(const struct model *model, const double *x, size_t n_rows, size_t n_cols,
		      const struct setter *s, double *row)
{
	double sum = 0;
	for (size_t r = 0; r < n_rows; r++) {
		memcpy(row, x + r * n_cols, n_cols * sizeof *row);
		for (size_t k = 0; s && k < s->n; k++)
			row[s->col[k]] = s->value[k];
		double pred, lo, hi;
		/* only the prediction is used: the interval's stratum does not matter */
		model_predict(model, row, false, &pred, &lo, &hi);
		sum += pred;
	}
	return n_rows ? expm1(sum / (double)n_rows) : NAN;
}

/* The grid points of every curve, shared out between threads. */
struct task {
	enum pdep_feature feature;
	size_t k;
	struct setter set;
};

struct work {
	const struct model *model;
	const double *rows;
	size_t n_rows, n_cols;
	const struct task *task;
	size_t n_tasks;
	struct pdep *out;
	int threads, id;
};

static void *run_tasks(void *arg)
{
	const struct work *w = arg;
	double *row = xcalloc(w->n_cols + 1, sizeof *row);
	/* each point has its own slot, so the result is the same for any number of threads */
	for (size_t t = (size_t)w->id; t < w->n_tasks; t += (size_t)w->threads) {
		const struct task *task = &w->task[t];
		w->out->curve[task->feature].point[task->k].predicted =
			typical(w->model, w->rows, w->n_rows, w->n_cols, &task->set, row);
	}
	free(row);
	return NULL;
}

int pdep_compute(struct store *st, const char *metric, size_t max_rows, int threads,
		 struct pdep *out, bool *found)
{
	memset(out, 0, sizeof *out);
	struct model_record rec = { 0 };
	struct model_meta meta = { 0 };
	struct model *model = NULL;
	struct film_facts *films = NULL;
	size_t n_films = 0;
	struct feature_matrix m = { 0 };
	double *rows = NULL, *row = NULL;
	struct task *tasks = NULL;
	size_t n_tasks = 0, cap_tasks = 0;
	int rc = -1;
	if (store_model_current(st, metric, &rec, found) != 0)
		return -1;
	if (!*found) {
		rc = 0;
		goto out;
	}
	if (model_meta_parse(rec.meta, &meta, "the current model") != 0)
		goto out;
	model = model_from_record(&rec);
	if (!model || store_facts_load(st, metric, &films, &n_films) != 0 ||
	    features_build(films, n_films, -1, &m) != 0)
		goto out;
	long until = LONG_MAX;
	if (meta.train_until && date_parse(meta.train_until, &until) != 0)
		until = LONG_MAX;
	/* The training films, then every k-th of them to keep at most max_rows. */
	size_t n_train = 0;
	long last = 0;
	for (size_t i = 0; i < n_films; i++)
		if (!isnan(films[i].target) && films[i].release < until) {
			n_train++;
			last = films[i].release;
		}
	size_t n_rows = n_train < max_rows || max_rows == 0 ? n_train : max_rows;
	rows = xcalloc(n_rows * m.n_cols + 1, sizeof *rows);
	row = xcalloc(m.n_cols + 1, sizeof *row);
	size_t nth = 0, kept = 0;
	for (size_t i = 0; i < n_films && kept < n_rows; i++) {
		if (isnan(films[i].target) || films[i].release >= until)
			continue;
		/* the nth training film is kept when it starts a new share of n_rows */
		if (nth * n_rows / n_train == kept) {
			memcpy(rows + kept * m.n_cols, m.x + i * m.n_cols, m.n_cols * sizeof *rows);
			kept++;
		}
		nth++;
	}
	int y, mo, d;
	date_to_ymd(last, &y, &mo, &d);
	out->model_id = rec.id;
	out->reference_year = y;
	out->rows = kept;
	out->training_rows = n_train;
	out->typical = typical(model, rows, kept, m.n_cols, NULL, row);
	for (enum pdep_feature f = 0; f < PDEP_FEATURES; f++) {
		double weeks[52];
		size_t n;
		const double *grid = grid_of(f, weeks, &n);
		struct setter s;
		if (!kept || !setter_of(f, grid[0], y, &s))
			continue;
		struct pdep_curve *c = &out->curve[f];
		c->point = xcalloc(n, sizeof *c->point);
		c->n = n;
		for (size_t k = 0; k < n; k++) {
			tasks = xgrow(tasks, &cap_tasks, n_tasks + 1, sizeof *tasks);
			tasks[n_tasks] = (struct task){ f, k, { { 0 }, { 0 }, 0 } };
			setter_of(f, grid[k], y, &tasks[n_tasks++].set);
			c->point[k].x = grid[k];
		}
	}
	if (threads < 1)
		threads = 1;
	if (threads > PDEP_THREADS_MAX)
		threads = PDEP_THREADS_MAX;
	pthread_t tid[PDEP_THREADS_MAX];
	struct work work[PDEP_THREADS_MAX];
	int started = 0;
	for (int t = 0; t < threads; t++) {
		work[t] = (struct work){ model, rows, kept, m.n_cols, tasks, n_tasks, out, threads, t };
		if (t > 0 && pthread_create(&tid[t], NULL, run_tasks, &work[t]) == 0)
			started |= 1 << t;
	}
	/* the tasks of a thread that did not start are run here */
	for (int t = 0; t < threads; t++)
		if (!(started & (1 << t)))
			run_tasks(&work[t]);
	for (int t = 1; t < threads; t++)
		if (started & (1 << t))
			pthread_join(tid[t], NULL);
	rc = 0;
out:
	free(tasks);
	free(rows);
	free(row);
	features_free(&m);
	film_facts_free(films, n_films);
	model_free(model);
	model_meta_clear(&meta);
	model_record_clear(&rec);
	return rc;
}

void pdep_free(struct pdep *p)
{
	for (int f = 0; f < PDEP_FEATURES; f++)
		free(p->curve[f].point);
	memset(p, 0, sizeof *p);
}
