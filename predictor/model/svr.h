/*
 * The model: libsvm epsilon-SVR (svr.c is the only file that includes
 * <libsvm/svm.h>). Rows are dense arrays of already scaled features.
 * Training is deterministic: libsvm's epsilon-SVR draws no random numbers,
 * and the grid search stores each task's result in its own slot, whatever
 * thread ran it.
 */
#ifndef MARQUEE_SVR_H
#define MARQUEE_SVR_H

#include <stddef.h>

enum svr_kernel { SVR_RBF, SVR_LINEAR };

struct svr_params {
	enum svr_kernel kernel;
	double C, gamma, epsilon;
};

/* A trained model with the problem its support vectors point into. Opaque. */
struct svr_model;

/*
 * Trains on n rows of d features (x row-major, y targets). Returns NULL after
 * reporting an error (bad parameters, with libsvm's own words). The model
 * copies what it needs: x and y may be freed afterwards.
 */
struct svr_model *svr_train(const double *x, const double *y, size_t n, size_t d,
			    const struct svr_params *params);
/* The prediction for one row of d features. */
double svr_predict(const struct svr_model *m, const double *x);
/* Predictions for n rows into out[n]. */
void svr_predict_rows(const struct svr_model *m, const double *x, size_t n, double *out);
/* The number of features the model was trained or loaded with. */
size_t svr_dims(const struct svr_model *m);
/* libsvm's text form of the model, owned by the caller; NULL after an error. */
char *svr_model_text(const struct svr_model *m);
/*
 * Reads a model from libsvm's text form for rows of d features. Returns NULL
 * after reporting "what: ..." when the text is not an epsilon-SVR model.
 */
struct svr_model *svr_model_parse(const char *text, size_t d, const char *what);
void svr_free(struct svr_model *m);

/* The grid of hyper-parameters searched; every combination is tried. */
struct svr_grid {
	enum svr_kernel kernel;
	const double *C;       /* borrowed */
	size_t n_C;
	const double *gamma;   /* borrowed; ignored for the linear kernel */
	size_t n_gamma;
	const double *epsilon; /* borrowed */
	size_t n_epsilon;
};

/*
 * Time-ordered cross-validation with an expanding window: the rows are in
 * time order and fold k trains on rows [0, bounds[k]) and validates on
 * [bounds[k], bounds[k+1]), for k < n_folds (bounds has n_folds + 1
 * entries). Tries every combination of the grid on threads workers (at
 * least 1), and writes the best parameters (lowest pooled validation RMSE;
 * ties keep the first in grid order) and that RMSE. seed seeds rand() first.
 * Returns -1 after reporting an error (too few rows for the folds, libsvm
 * refusing parameters).
 */
int svr_grid_search(const double *x, const double *y, size_t n, size_t d, const size_t *bounds,
		    size_t n_folds, const struct svr_grid *grid, unsigned seed, int threads,
		    struct svr_params *best, double *rmse);

/*
 * Checks that bounds describe n_folds usable folds over n rows; reports
 * "too few rows" and returns -1 otherwise.
 */
int svr_folds_check(size_t n, const size_t *bounds, size_t n_folds);

#endif
