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

#include "common/config.h"
#include "predictor/model/features.h"
#include "predictor/store/store_models.h"
#include "predictor/model/svr.h"

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
/* The fingerprint model_fit records of its training rows (features and
 * targets): equal fingerprints mean a model would learn from the same data. */
void model_data_hash(const struct feature_matrix *m, const size_t *rows, size_t n_rows,
		     char out[17]);

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

/*
 * What a registry row's meta records about its model, for the commands and
 * pages that show or compare models (model_from_record reads the rest).
 * model_meta_parse is the one reader of that JSON, model_meta_json the one
 * writer.
 */
struct model_meta {
	char *metric;            /* owned */
	char *train_until;       /* owned; the day after the last film trained on, or NULL */
	struct svr_params params;
	size_t folds;            /* time-ordered folds of the validation */
	long cv_rows;            /* rows validated out of fold */
	double cv_rmse, cv_mae, cv_r2; /* validated errors, log scale */
	double level;            /* interval coverage aimed at */
	double half_width;       /* conformal half-width, log scale (pooled) */
	double size_threshold[2];                /* as struct model's */
	double stratum_half_width[MODEL_STRATA]; /* as struct model's */
	long stratum_rows[MODEL_STRATA];
	char **groups;           /* owned; feature groups with an importance, as stored */
	double *importance;      /* owned; parallel to groups */
	size_t n_groups;         /* 0 when importance was not computed */
};

/*
 * Reads a model's meta JSON. Returns -1 when it is not JSON or lacks the
 * validated error or the interval, after reporting "what: reason" (what
 * NULL: silently). Free with model_meta_clear.
 */
int model_meta_parse(const char *json, struct model_meta *out, const char *what);
void model_meta_clear(struct model_meta *meta);

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
