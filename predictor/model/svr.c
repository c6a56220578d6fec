/*
 * libsvm epsilon-SVR: training, prediction, the model's text form, and the
 * threaded grid search with expanding-window cross-validation. The only
 * file that includes <libsvm/svm.h>.
 */
#define _GNU_SOURCE
#include "predictor/model/svr.h"

#include <errno.h>
#include <libsvm/svm.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"

struct svr_model {
	struct svm_model *model;  /* owned; its SVs point into nodes when trained */
	struct svm_problem prob;  /* prob.x (owned) points into nodes, prob.y owned */
	struct svm_node *nodes;   /* owned; NULL for a parsed model, which owns its SVs */
	size_t d;
};

static void quiet(const char *s)
{
	(void)s;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

static void silence(void)
{
	svm_set_print_string_function(quiet);
}

/* Dense rows as libsvm nodes: d + 1 per row, index 1..d then -1. */
static struct svm_node *make_nodes(const double *x, size_t n, size_t d)
{
	struct svm_node *nodes = xmalloc((n ? n : 1) * (d + 1) * sizeof *nodes);
	for (size_t i = 0; i < n; i++) {
		struct svm_node *row = nodes + i * (d + 1);
		for (size_t j = 0; j < d; j++) {
			row[j].index = (int)j + 1;
			row[j].value = x[i * d + j];
		}
		row[d].index = -1;
		row[d].value = 0;
	}
	return nodes;
}

static void fill_param(struct svm_parameter *p, const struct svr_params *params, size_t d)
{
	memset(p, 0, sizeof *p);
	p->svm_type = EPSILON_SVR;
	p->kernel_type = params->kernel == SVR_LINEAR ? LINEAR : RBF;
	p->gamma = params->gamma > 0 ? params->gamma : 1.0 / (double)(d ? d : 1);
	p->C = params->C;
	p->p = params->epsilon;
	p->eps = 1e-3;
	p->cache_size = 64;
	p->shrinking = 1;
	p->probability = 0;
}

static int check(const struct svm_problem *prob, const struct svm_parameter *p)
{
	const char *why = svm_check_parameter(prob, p);
	if (why) {
		msg_error("SVR parameters C=%g gamma=%g epsilon=%g: %s", p->C, p->gamma, p->p, why);
		return -1;
	}
	return 0;
}

struct svr_model *svr_train(const double *x, const double *y, size_t n, size_t d,
			    const struct svr_params *params)
{
	pthread_once(&quiet_once, silence);
	if (n == 0) {
		msg_error("SVR: no rows to train on");
		return NULL;
	}
	struct svr_model *m = xcalloc(1, sizeof *m);
	m->d = d;
	m->nodes = make_nodes(x, n, d);
	m->prob.l = (int)n;
	m->prob.y = xmalloc(n * sizeof *m->prob.y);
	memcpy(m->prob.y, y, n * sizeof *y);
	m->prob.x = xmalloc(n * sizeof *m->prob.x);
	for (size_t i = 0; i < n; i++)
		m->prob.x[i] = m->nodes + i * (d + 1);
	struct svm_parameter p;
	fill_param(&p, params, d);
	if (check(&m->prob, &p) != 0) {
		svr_free(m);
		return NULL;
	}
	m->model = svm_train(&m->prob, &p);
	svm_destroy_param(&p);
	return m;
}

static double predict_nodes(const struct svm_model *model, struct svm_node *row, const double *x,
			    size_t d)
{
	for (size_t j = 0; j < d; j++) {
		row[j].index = (int)j + 1;
		row[j].value = x[j];
	}
	row[d].index = -1;
	return svm_predict(model, row);
}

double svr_predict(const struct svr_model *m, const double *x)
{
	struct svm_node *row = xmalloc((m->d + 1) * sizeof *row);
	double v = predict_nodes(m->model, row, x, m->d);
	free(row);
	return v;
}

void svr_predict_rows(const struct svr_model *m, const double *x, size_t n, double *out)
{
	struct svm_node *row = xmalloc((m->d + 1) * sizeof *row);
	for (size_t i = 0; i < n; i++)
		out[i] = predict_nodes(m->model, row, x + i * m->d, m->d);
	free(row);
}

size_t svr_dims(const struct svr_model *m)
{
	return m->d;
}

/* A temporary file for libsvm's path-based save and load. */
static char *temp_path(int *fd)
{
	const char *base = getenv("TMPDIR");
	char *path = xasprintf("%s/marquee-svr.XXXXXX", base && *base ? base : "/tmp");
	*fd = mkstemp(path);
	if (*fd < 0) {
		msg_error("%s: cannot create a temporary file: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

char *svr_model_text(const struct svr_model *m)
{
	int fd;
	char *path = temp_path(&fd);
	if (!path)
		return NULL;
	close(fd);
	char *text = NULL;
	if (svm_save_model(path, m->model) != 0)
		msg_error("%s: libsvm could not write the model", path);
	else
		text = file_read_all(path, NULL);
	unlink(path);
	free(path);
	return text;
}

struct svr_model *svr_model_parse(const char *text, size_t d, const char *what)
{
	pthread_once(&quiet_once, silence);
	if (!text || strncmp(text, "svm_type epsilon_svr", 20) != 0) {
		msg_error("%s: not a libsvm epsilon-SVR model", what);
		return NULL;
	}
	/* libsvm reads a cut file without complaint: count the support vectors. */
	const char *total = strstr(text, "\ntotal_sv ");
	const char *sv = strstr(text, "\nSV\n");
	long want = total ? strtol(total + 10, NULL, 10) : -1, lines = 0;
	size_t len = strlen(text);
	if (sv)
		for (const char *p = sv + 4; *p; p++)
			lines += *p == '\n';
	if (!sv || want < 1 || lines != want || text[len - 1] != '\n') {
		msg_error("%s: the libsvm model is truncated or corrupt (%ld of %ld support vectors)",
			  what, lines, want);
		return NULL;
	}
	int fd;
	char *path = temp_path(&fd);
	if (!path)
		return NULL;
	bool ok = write(fd, text, len) == (ssize_t)len;
	close(fd);
	struct svm_model *model = ok ? svm_load_model(path) : NULL;
	unlink(path);
	free(path);
	if (!model) {
		msg_error("%s: libsvm cannot read the model (corrupt or truncated)", what);
		return NULL;
	}
	if (svm_get_svm_type(model) != EPSILON_SVR) {
		msg_error("%s: not an epsilon-SVR model", what);
		svm_free_and_destroy_model(&model);
		return NULL;
	}
	struct svr_model *m = xcalloc(1, sizeof *m);
	m->model = model;
	m->d = d;
	return m;
}

void svr_free(struct svr_model *m)
{
	if (!m)
		return;
	if (m->model)
		svm_free_and_destroy_model(&m->model);
	free(m->prob.x);
	free(m->prob.y);
	free(m->nodes);
	free(m);
}

/* ---- grid search ---- */

int svr_folds_check(size_t n, const size_t *bounds, size_t n_folds)
{
	if (n_folds == 0 || n < 2 * (n_folds + 1)) {
		msg_error("too few rows: %zu rows cannot make %zu time-ordered folds (need at least %zu)",
			  n, n_folds, 2 * (n_folds + 1));
		return -1;
	}
	for (size_t k = 0; k < n_folds; k++)
		if (bounds[k] < 2 || bounds[k + 1] <= bounds[k] || bounds[k + 1] > n) {
			msg_error("too few rows: fold %zu of %zu would be empty (%zu rows)", k + 1,
				  n_folds, n);
			return -1;
		}
	return 0;
}

struct search {
	const struct svm_problem *prob; /* borrowed; all rows in time order */
	size_t d;
	const size_t *bounds;           /* borrowed */
	size_t n_folds;
	struct svr_params *combos;      /* borrowed; n_combos */
	size_t n_combos;
	double *sse;                    /* borrowed; n_combos * n_folds results */
	size_t next;                    /* next task, under lock */
	pthread_mutex_t lock;
};

static void run_task(struct search *s, size_t task)
{
	size_t c = task / s->n_folds, k = task % s->n_folds;
	struct svm_problem fold = *s->prob;
	fold.l = (int)s->bounds[k]; /* expanding window: a prefix of the rows */
	struct svm_parameter p;
	fill_param(&p, &s->combos[c], s->d);
	struct svm_model *model = svm_train(&fold, &p);
	double sse = 0;
	for (size_t i = s->bounds[k]; i < s->bounds[k + 1]; i++) {
		double e = svm_predict(model, s->prob->x[i]) - s->prob->y[i];
		sse += e * e;
	}
	svm_free_and_destroy_model(&model);
	svm_destroy_param(&p);
	s->sse[task] = sse;
}

static void *worker(void *arg)
{
	struct search *s = arg;
	size_t total = s->n_combos * s->n_folds;
	for (;;) {
		pthread_mutex_lock(&s->lock);
		size_t task = s->next++;
		pthread_mutex_unlock(&s->lock);
		if (task >= total)
			return NULL;
		run_task(s, task);
	}
}

int svr_grid_search(const double *x, const double *y, size_t n, size_t d, const size_t *bounds,
		    size_t n_folds, const struct svr_grid *grid, unsigned seed, int threads,
		    struct svr_params *best, double *rmse)
{
	pthread_once(&quiet_once, silence);
	srand(seed); /* libsvm shuffles with rand() in some paths; keep runs identical */
	if (svr_folds_check(n, bounds, n_folds) != 0)
		return -1;
	size_t n_gamma = grid->kernel == SVR_LINEAR || grid->n_gamma == 0 ? 1 : grid->n_gamma;
	size_t n_combos = grid->n_C * n_gamma * grid->n_epsilon;
	if (n_combos == 0) {
		msg_error("SVR grid search: the grid is empty");
		return -1;
	}
	struct svr_params *combos = xcalloc(n_combos, sizeof *combos);
	size_t c = 0;
	for (size_t i = 0; i < grid->n_C; i++)
		for (size_t g = 0; g < n_gamma; g++)
			for (size_t e = 0; e < grid->n_epsilon; e++, c++) {
				combos[c].kernel = grid->kernel;
				combos[c].C = grid->C[i];
				combos[c].gamma =
					grid->kernel == SVR_LINEAR || !grid->n_gamma ? 0 : grid->gamma[g];
				combos[c].epsilon = grid->epsilon[e];
			}
	struct svm_node *nodes = make_nodes(x, n, d);
	struct svm_problem prob = { .l = (int)n, .y = (double *)y };
	prob.x = xmalloc(n * sizeof *prob.x);
	for (size_t i = 0; i < n; i++)
		prob.x[i] = nodes + i * (d + 1);
	int rc = -1;
	double *sse = xcalloc(n_combos * n_folds, sizeof *sse);
	struct search s = { .prob = &prob, .d = d, .bounds = bounds, .n_folds = n_folds,
			    .combos = combos, .n_combos = n_combos, .sse = sse };
	pthread_mutex_init(&s.lock, NULL);
	for (c = 0; c < n_combos; c++) {
		struct svm_parameter p;
		fill_param(&p, &combos[c], d);
		int bad = check(&prob, &p);
		svm_destroy_param(&p);
		if (bad)
			goto out;
	}
	if (threads < 1)
		threads = 1;
	if (threads > 16)
		threads = 16;
	pthread_t tids[16];
	int started = 0;
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tids[started], NULL, worker, &s) != 0)
			break; /* fewer workers is slower, not wrong */
		started++;
	}
	worker(&s);
	for (int t = 0; t < started; t++)
		pthread_join(tids[t], NULL);

	size_t n_valid = bounds[n_folds] - bounds[0];
	double best_rmse = INFINITY;
	for (c = 0; c < n_combos; c++) {
		double total = 0;
		for (size_t k = 0; k < n_folds; k++)
			total += sse[c * n_folds + k];
		double r = sqrt(total / (double)n_valid);
		if (r < best_rmse) {
			best_rmse = r;
			*best = combos[c];
		}
		msg_verbose("grid: C=%g gamma=%g epsilon=%g: validation RMSE %.4f", combos[c].C,
			    combos[c].gamma, combos[c].epsilon, r);
	}
	*rmse = best_rmse;
	rc = 0;
out:
	pthread_mutex_destroy(&s.lock);
	free(sse);
	free(prob.x);
	free(nodes);
	free(combos);
	return rc;
}
