/*
 * The SVR and the fitted model: a planted relationship recovered, identical
 * models from identical seeds, a saved model that reloads to identical
 * predictions, interval coverage near 80%, and clear errors.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "predictor/model/model.h"
#include "predictor/model/svr.h"
#include "predictor/words/words.h"
#include "tests/unit/harness.h"

/* A deterministic normal-ish generator (sum of uniforms), independent of rand(). */
static double noise(uint64_t *s)
{
	double t = 0;
	for (int i = 0; i < 12; i++) {
		*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
		t += (double)(*s >> 11) / 9007199254740992.0;
	}
	return t - 6;
}

/* n rows with all model features; y = 1.5 x0 - x1 + 0.5 x2^2 + 0.3 noise. */
static void synthetic(struct feature_matrix *m, size_t n, uint64_t seed)
{
	size_t d = features_count();
	memset(m, 0, sizeof *m);
	m->n_rows = n;
	m->n_cols = d;
	m->x = xcalloc(n * d, sizeof *m->x);
	m->y = xcalloc(n, sizeof *m->y);
	uint64_t s = seed;
	for (size_t i = 0; i < n; i++) {
		double *x = m->x + i * d;
		for (size_t j = 0; j < 6; j++)
			x[j] = noise(&s);
		m->y[i] = 10 + 1.5 * x[0] - x[1] + 0.5 * x[2] * x[2] + 0.3 * noise(&s);
	}
}

static void test_raw_svr(void)
{
	/* y = 2a - b on a grid; the SVR must recover it. */
	size_t n = 200, d = 2;
	double *x = xcalloc(n * d, sizeof *x), *y = xcalloc(n, sizeof *y);
	uint64_t s = 7;
	for (size_t i = 0; i < n; i++) {
		x[i * d] = noise(&s);
		x[i * d + 1] = noise(&s);
		y[i] = 2 * x[i * d] - x[i * d + 1];
	}
	static const double C[] = { 1, 10 }, gamma[] = { 0.1, 0.5 }, eps[] = { 0.05 };
	struct svr_grid grid = { SVR_RBF, C, 2, gamma, 2, eps, 1 };
	size_t bounds[] = { 40, 80, 120, 160, 200 };
	struct svr_params best, best2;
	double rmse, rmse2;
	OK(svr_grid_search(x, y, n, d, bounds, 4, &grid, 1, 2, &best, &rmse) == 0, "grid search");
	OK(rmse < 0.3, "planted relationship recovered in validation (rmse %g)", rmse);
	OK(svr_grid_search(x, y, n, d, bounds, 4, &grid, 1, 1, &best2, &rmse2) == 0,
	   "grid search, one thread");
	OK(best.C == best2.C && best.gamma == best2.gamma && rmse == rmse2,
	   "two threads or one: the same choice");

	struct svr_model *m = svr_train(x, y, n, d, &best);
	OK(m != NULL, "train");
	double probe[] = { 0.5, -0.5 };
	NEAR(svr_predict(m, probe), 1.5, 0.2, "prediction at a new point");
	char *text = svr_model_text(m);
	OK(text != NULL, "model text");
	struct svr_model *back = svr_model_parse(text, d, "test");
	OK(back != NULL, "model parses");
	if (back) {
		/* libsvm keeps 8 digits of the support vectors in its file. */
		double worst = 0;
		for (size_t i = 0; i < n; i++)
			worst = fmax(worst, fabs(svr_predict(m, x + i * d) - svr_predict(back, x + i * d)));
		OK(worst < 1e-5, "a reloaded model predicts the same (max difference %g)", worst);
	}
	svr_free(back);
	OK(svr_model_parse("garbage", d, "test") == NULL, "garbage is refused");
	if (text) {
		text[strlen(text) / 2] = '\0';
		OK(svr_model_parse(text, d, "test") == NULL, "a truncated model is refused");
	}
	free(text);
	svr_free(m);

	size_t few[] = { 1, 2, 3, 4, 5 };
	OK(svr_grid_search(x, y, 5, d, few, 4, &grid, 1, 2, &best, &rmse) == -1,
	   "fewer rows than folds need: an error");
	struct svr_params bad = { SVR_RBF, -1, 0.1, 0.1 };
	OK(svr_train(x, y, n, d, &bad) == NULL, "a negative C is refused with libsvm's reason");
	free(x);
	free(y);
}

static void test_model(void)
{
	struct feature_matrix train, fresh;
	synthetic(&train, 400, 11);
	synthetic(&fresh, 1000, 99);
	size_t *rows = xcalloc(train.n_rows, sizeof *rows);
	for (size_t i = 0; i < train.n_rows; i++)
		rows[i] = i;
	struct model_options opt;
	model_options_default(&opt);
	static const double gamma[] = { 0.02, 0.1 };
	opt.grid.gamma = gamma;
	opt.grid.n_gamma = 2;
	struct model *a = model_fit(&train, rows, train.n_rows, &opt);
	struct model *b = model_fit(&train, rows, train.n_rows, &opt);
	OK(a && b, "model fits");
	if (!a || !b)
		goto out;
	char *ta = model_svr_text(a), *tb = model_svr_text(b);
	OK(ta && tb && strcmp(ta, tb) == 0, "same data and seed: identical model");
	char *meta = model_meta_json(a, "first_week_admissions", "2024-01-01");
	char *meta_b = model_meta_json(b, "first_week_admissions", "2024-01-01");
	STR_EQ(meta, meta_b, "same data and seed: identical metadata");
	free(meta_b);
	OK(a->importance && a->importance[0] > a->importance[features_group_count() - 1],
	   "importance: the season group (planted) beats the buzz group (empty)");

	/* Coverage of the 80% interval on fresh data, and accuracy. */
	size_t inside = 0;
	double sse = 0, var = 0, mean = 0;
	for (size_t i = 0; i < fresh.n_rows; i++)
		mean += fresh.y[i];
	mean /= (double)fresh.n_rows;
	for (size_t i = 0; i < fresh.n_rows; i++) {
		double p, lo, hi, y = fresh.y[i];
		model_predict(a, fresh.x + i * fresh.n_cols, false, &p, &lo, &hi);
		inside += y >= lo && y <= hi;
		sse += (p - y) * (p - y);
		var += (y - mean) * (y - mean);
	}
	double coverage = (double)inside / (double)fresh.n_rows;
	OK(coverage > 0.74 && coverage < 0.90, "80%% interval covers %.3f of fresh rows", coverage);
	OK(1 - sse / var > 0.8, "planted relationship: R2 %.3f on fresh rows", 1 - sse / var);

	/* The registry form reloads to identical predictions. */
	struct model_record rec = { .id = 7, .meta = meta, .model = ta, .rows = a->rows };
	struct model *c = model_from_record(&rec);
	OK(c != NULL, "model reloads from its registry form");
	if (c) {
		bool same = true;
		for (size_t i = 0; i < 50; i++) {
			double p1, l1, h1, p2, l2, h2;
			model_predict(a, fresh.x + i * fresh.n_cols, i % 2, &p1, &l1, &h1);
			model_predict(c, fresh.x + i * fresh.n_cols, i % 2, &p2, &l2, &h2);
			same = same && p1 == p2 && l1 == l2 && h1 == h2;
		}
		OK(same, "reloaded model: identical predictions and intervals");
		struct model_reason r[3];
		size_t k = model_explain(c, fresh.x, r, 3);
		OK(k >= 1, "a prediction has reasons");
		if (k) {
			const char *group = features_group(r[0].group)->name;
			char *text = words_reason("en", group, r[0].effect, false);
			OK(strstr(text, "%)") != NULL, "a reason reads as a sentence: %s", text);
			char *fr = words_reason("fr", group, r[0].effect, false);
			OK(strcmp(fr, text) != 0 && strstr(fr, "\xe2\x80\xaf%)") != NULL,
			   "the same reason in French: %s", fr);
			free(fr);
			free(text);
		}
	}
	model_free(c);
	rec.model = NULL;
	OK(model_from_record(&rec) == NULL, "a missing model is an error");
	rec.model = "svm_type epsilon_svr\nkernel_type rbf\ngamma x\n";
	OK(model_from_record(&rec) == NULL, "a corrupt model is an error");
	rec.model = ta;
	rec.meta = "{\"features\": [";
	OK(model_from_record(&rec) == NULL, "corrupt metadata is an error");
	free(ta);
	free(tb);
	free(meta);

	/* Too little data. */
	OK(model_fit(&train, rows, 6, &opt) == NULL, "6 rows for 4 folds: an error");
	OK(model_fit(&train, rows, 0, &opt) == NULL, "no rows: an error");
out:
	model_free(a);
	model_free(b);
	free(rows);
	features_free(&train);
	features_free(&fresh);
}

/* Sparse rows three times as noisy: each kind gets its own interval, and
 * each covers about 80% of fresh rows of its kind. */
static void test_strata(void)
{
	struct feature_matrix train, fresh;
	synthetic(&train, 600, 21);
	synthetic(&fresh, 2000, 77);
	struct feature_matrix *both[] = { &train, &fresh };
	uint64_t s = 5;
	for (size_t b = 0; b < 2; b++) {
		struct feature_matrix *m = both[b];
		m->sparse = xcalloc(m->n_rows, sizeof *m->sparse);
		for (size_t i = 0; i < m->n_rows; i++) {
			m->sparse[i] = i % 2;
			if (m->sparse[i])
				m->y[i] += 0.9 * noise(&s);
		}
	}
	size_t *rows = xcalloc(train.n_rows, sizeof *rows);
	for (size_t i = 0; i < train.n_rows; i++)
		rows[i] = i;
	struct model_options opt;
	model_options_default(&opt);
	opt.importance = false;
	struct model *a = model_fit(&train, rows, train.n_rows, &opt);
	OK(a != NULL, "model fits");
	if (a) {
		OK(a->stratum_half_width[2] > 1.5 * a->stratum_half_width[0] &&
			   a->stratum_half_width[3] > 1.5 * a->stratum_half_width[1],
		   "sparse films get wider intervals (%.3f, %.3f against %.3f, %.3f)",
		   a->stratum_half_width[2], a->stratum_half_width[3], a->stratum_half_width[0],
		   a->stratum_half_width[1]);
		size_t inside[2] = { 0 }, count[2] = { 0 };
		for (size_t i = 0; i < fresh.n_rows; i++) {
			double p, lo, hi, y = fresh.y[i];
			bool sp = fresh.sparse[i];
			model_predict(a, fresh.x + i * fresh.n_cols, sp, &p, &lo, &hi);
			inside[sp] += y >= lo && y <= hi;
			count[sp]++;
		}
		for (int sp = 0; sp < 2; sp++) {
			double c = (double)inside[sp] / (double)count[sp];
			OK(c > 0.74 && c < 0.87, "%s rows: the 80%% interval covers %.3f",
			   sp ? "sparse" : "complete", c);
		}
		char *meta = model_meta_json(a, "first_week_admissions", "2024-01-01");
		char *text = model_svr_text(a);
		struct model_record rec = { .id = 8, .meta = meta, .model = text, .rows = a->rows };
		struct model *c = model_from_record(&rec);
		OK(c != NULL, "reloads");
		bool same = c != NULL;
		for (size_t st = 0; c && st < MODEL_STRATA; st++)
			same = same && c->stratum_half_width[st] == a->stratum_half_width[st];
		OK(same, "the strata's widths survive the registry");
		model_free(c);
		free(meta);
		free(text);
	}
	model_free(a);
	free(rows);
	features_free(&train);
	features_free(&fresh);
}

void test_svr(void)
{
	test_raw_svr();
	test_model();
	test_strata();
}
