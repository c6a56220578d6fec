/*
 * A fitted predictor: feature scaling, the SVR, its cross-validated metrics,
 * the split-conformal interval, the global importance of each feature group,
 * and their JSON form stored in the model registry. Predictions are on the
 * log1p scale of the target metric; callers apply expm1.
 */
#ifndef MARQUEE_MODEL_H
#define MARQUEE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "../common/config.h"
#include "features.h"
#include "store_models.h"
#include "svr.h"

struct model_options {
	struct svr_grid grid;     /* hyper-parameters to search */
	bool search;              /* false: train with fixed, no grid search */
	struct svr_params fixed;  /* used when !search */
	size_t folds;             /* time-ordered folds (expanding window) */
	unsigned seed;
	int threads;
	double level;             /* interval coverage, 0.8 */
	bool importance;          /* compute permutation importance */
};

/* Fills options with the defaults: RBF grid, 4 folds, seed 1, 2 threads, 0.8. */
void model_options_default(struct model_options *opt);
/*
 * The defaults overridden by marquee.yml: model.kernel (rbf or linear),
 * model.folds, model.seed, model.threads, model.interval_level. 0, or -1
 * after reporting the bad key.
 */
int model_options_from_config(const struct config *cfg, struct model_options *opt);

/*
 * Interval strata: whether the film is sparsely documented (features.h,
 * struct feature_matrix.sparse) and whether its prediction is above the
 * median of the out-of-fold predictions of the films documented alike. Each stratum gets its own
 * split-conformal half-width, so the interval aims at its level in each.
 */
#define MODEL_STRATA 4

struct model {
	size_t d;                /* number of features */
	double *mean, *sd;       /* owned; scaling learned on the training rows */
	struct svr_params params;
	size_t folds;
	double cv_rmse, cv_mae, cv_r2; /* out-of-fold, log scale */
	long cv_rows;            /* rows validated out of fold */
	double level;            /* interval coverage aimed at */
	double half_width;       /* conformal half-width of the interval, log scale,
				    over all out-of-fold residuals */
	double size_threshold[2]; /* log prediction from which a film is "large",
				     for complete [0] and sparse [1] films */
	double stratum_half_width[MODEL_STRATA]; /* per stratum (the pooled one where
						    too few residuals fall in it) */
	long stratum_rows[MODEL_STRATA];         /* out-of-fold residuals in each */
	double *importance;      /* owned; RMSE increase per feature group, or NULL */
	long rows;               /* training rows */
	char data_hash[17];      /* FNV-1a of the training matrix, hex */
	struct svr_model *svr;   /* owned */
};

/*
 * Fits a model on rows[0..n_rows) of m (indices in time order, each with a
 * target). Reports and returns NULL on failure: too few rows for the folds,
 * libsvm refusing the parameters.
 */
struct model *model_fit(const struct feature_matrix *m, const size_t *rows, size_t n_rows,
			const struct model_options *opt);
void model_free(struct model *model);

/*
 * Log-scale prediction and its interval for one unscaled feature row of a
 * film sparsely documented or not (struct feature_matrix.sparse).
 */
void model_predict(const struct model *model, const double *x, bool sparse, double *pred,
		   double *lower, double *upper);
/* The interval stratum (0..MODEL_STRATA-1) of a log prediction. */
size_t model_stratum(const struct model *model, double pred, bool sparse);
/* Its name: "complete_small", "complete_large", "sparse_small", "sparse_large". */
const char *model_stratum_name(size_t stratum);

/* One reason a prediction moved, from replacing a group by its training mean. */
struct model_reason {
	size_t group;  /* features_group() index */
	double effect; /* log-scale change it makes to the prediction */
};

/*
 * The up to max_reasons groups that moved this prediction most (|effect| at
 * least 0.05, about 5%), largest first. Returns how many were written.
 */
size_t model_explain(const struct model *model, const double *x, struct model_reason *out,
		     size_t max_reasons);
/* The sentence for a reason in lang ("en", "fr"): "the director's last films
 * opened strongly (+45%)". Owned by the caller. */
char *model_reason_text(const struct model_reason *r, const char *lang);

/* The JSON stored in models.meta (owned by the caller). */
char *model_meta_json(const struct model *model, const char *metric, const char *train_until);
/* libsvm's model text (owned), or NULL after an error. */
char *model_svr_text(const struct model *model);
/*
 * Rebuilds a model from a registry row. Reports "model N: reason" and
 * returns NULL when the meta or the libsvm text is missing or corrupt, or was
 * made for other features.
 */
struct model *model_from_record(const struct model_record *rec);

#endif
