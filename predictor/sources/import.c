/*
 * History import: the row sink every reader fills (rows, rejections,
 * repairs, numbers) and the loop over files of `marquee import`, inside the
 * caller's transaction. The formats are apart: import_csv.c, import_vega.c.
 */
#define _GNU_SOURCE
#include "predictor/sources/import.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/fault.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"

/* ---- rows ---- */

void import_row_init(struct import_row *row, const char *source)
{
	memset(row, 0, sizeof *row);
	row->film.source = source;
	import_row_clear(row);
}

void import_row_clear(struct import_row *row)
{
	for (size_t i = 0; i < row->n_owned; i++)
		free(row->owned[i]);
	row->n_owned = 0;
	const char *source = row->film.source;
	memset(&row->film, 0, sizeof row->film);
	row->film.source = source;
	row->film.release_us = -1;
	row->film.first_release = -1;
	row->film.budget_usd = -1;
	row->film.buzz_popularity = -1;
	row->film.buzz_votes = -1;
}

void import_row_free(struct import_row *row)
{
	import_row_clear(row);
	free(row->owned);
	free(row->outcomes);
}

void *import_row_own(struct import_row *row, void *p)
{
	row->owned = xgrow(row->owned, &row->cap_owned, row->n_owned + 1, sizeof *row->owned);
	row->owned[row->n_owned++] = p;
	return p;
}

const char *import_row_str(struct import_row *row, const char *s)
{
	return import_row_own(row, xstrdup(s));
}

char *import_trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

void import_row_list(struct import_row *row, const char *text, const char ***items, size_t *n)
{
	size_t count = 1;
	for (const char *p = text; *p; p++)
		count += *p == ';';
	const char **list = import_row_own(row, xcalloc(count, sizeof *list));
	size_t k = 0;
	/* a cast list may hold a great many names: repeats are found by hash */
	struct strmap seen = STRMAP_INIT;
	for (const char *p = text;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		char *item = import_trimmed(p, len);
		if (item[0] != '\0' && !strmap_get(&seen, item)) {
			list[k++] = import_row_own(row, item);
			strmap_put(&seen, item, item);
		} else {
			free(item);
		}
		if (!semi)
			break;
		p = semi + 1;
	}
	strmap_free(&seen);
	*items = list;
	*n = k;
}

void import_row_outcome(struct import_row *row, const char *metric, double value)
{
	size_t n = row->film.n_outcomes;
	row->outcomes = xgrow(row->outcomes, &row->cap_outcomes, n + 1, sizeof *row->outcomes);
	row->outcomes[n].metric = metric;
	row->outcomes[n].value = value;
	row->film.outcomes = row->outcomes;
	row->film.n_outcomes = n + 1;
}

/* ---- counting and reporting ---- */

static void report(struct import_ctx *ctx, long line, bool warning, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
static void report(struct import_ctx *ctx, long line, bool warning, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	if (warning)
		msg_warn("%s:%ld: %s", ctx->path, line, buf_str(&b));
	else
		msg_error("%s:%ld: %s", ctx->path, line, buf_str(&b));
	buf_free(&b);
}

void import_reject(struct import_ctx *ctx, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(ctx, line, false, fmt, ap);
	va_end(ap);
	ctx->rejected++;
}

void import_repair(struct import_ctx *ctx, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(ctx, line, true, fmt, ap);
	va_end(ap);
	ctx->repaired++;
}

int import_row_put(struct import_ctx *ctx, struct import_row *row, long line)
{
	if (fault_hit("import-row")) {
		msg_error("%s:%ld: injected fault (MARQUEE_FAULT)", ctx->path, line);
		ctx->failed = true;
		return -1;
	}
	enum store_change change;
	char *detail = NULL;
	char *where = xasprintf("%s:%ld", ctx->path, line);
	int rc = store_film_put(ctx->store, &row->film, where, &change, &detail);
	free(where);
	if (rc != 0) {
		msg_error("%s:%ld: the film could not be stored", ctx->path, line);
		ctx->failed = true;
		return -1;
	}
	switch (change) {
	case STORE_INSERTED:
		ctx->loaded++;
		break;
	case STORE_UPDATED:
		ctx->updated++;
		break;
	case STORE_UNCHANGED:
		ctx->unchanged++;
		break;
	case STORE_MATCHED:
		ctx->matched++;
		msg_verbose("%s:%ld: \"%s\" is the film %s", ctx->path, line, row->film.title,
			    detail);
		break;
	case STORE_DUPLICATE:
		import_reject(ctx, line, "\"%s\" repeats the film of %s (same %s)", row->film.title,
			      detail, row->film.source_id ? "id" : "title and release date");
		break;
	case STORE_AMBIGUOUS:
		import_reject(ctx, line, "\"%s\" could be any of %s: give the file an id column "
			      "(a TMDB or IMDb id) to say which", row->film.title, detail);
		break;
	case STORE_REFUSED:
		import_reject(ctx, line, "%s", detail);
		break;
	}
	free(detail);
	return 0;
}

int import_parse_number(const char *s, double *out, const char **why)
{
	static const char bad_grouping[] = "digits grouped wrongly (groups of three, as in 1 234 567)";
	char digits[64];
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p == ' ')
		p++;
	if (*p == '-') {
		*why = "negative number";
		return -1;
	}
	const unsigned char *stop = p + strlen((const char *)p);
	while (stop > p && stop[-1] == ' ')
		stop--;
	/* Separators group the whole part in threes ("1 234 567"): "1 2 3"
	 * is a mistake, not 123. */
	size_t group = 0;
	bool grouped = false, decimals = false;
	for (; p < stop; p++) {
		size_t sep = *p == ' ' ? 1
			     /* U+00A0 no-break, U+2009 thin, U+202F narrow no-break space. */
			     : p[0] == 0xC2 && p[1] == 0xA0 ? 2
			     : p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x89 || p[2] == 0xAF) ? 3
											      : 0;
		if (sep) {
			if (decimals || group == 0 || group > 3 || (grouped && group != 3)) {
				*why = bad_grouping;
				return -1;
			}
			grouped = true;
			group = 0;
			p += sep - 1;
			continue;
		}
		if (!isdigit(*p) && *p != '.')
			break;
		if (*p == '.') {
			if (grouped && group != 3) {
				*why = bad_grouping;
				return -1;
			}
			decimals = true;
		} else if (!decimals) {
			group++;
		}
		if (n + 1 >= sizeof digits)
			break;
		digits[n++] = (char)*p;
	}
	digits[n] = '\0';
	if (p == stop && grouped && !decimals && group != 3) {
		*why = bad_grouping;
		return -1;
	}
	char *end;
	errno = 0;
	double v = n ? strtod(digits, &end) : 0;
	if (p != stop || n == 0 || *end || errno || !isfinite(v)) {
		*why = "not a number";
		return -1;
	}
	*out = v;
	return 0;
}

/* ---- files ---- */

/* The source named after a file: "fr_first_week" for fr-first-week.csv. */
static char *default_source(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	char *stem = xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	char *name = import_metric_name(stem);
	free(stem);
	return name;
}

static bool is_json(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcmp(path + n - 5, ".json") == 0;
}

int import_files(struct store *st, const struct import_options *opt, char *const *paths,
		 size_t n, long *rejected)
{
	*rejected = 0;
	for (size_t i = 0; i < n; i++) {
		char *auto_source = opt->source ? NULL : default_source(paths[i]);
		struct import_ctx ctx = { .store = st, .path = paths[i],
					  .source = opt->source ? opt->source : auto_source,
					  .source_named = opt->source != NULL };
		bool vega = opt->format ? strcmp(opt->format, "vega") == 0 : is_json(paths[i]);
		int r = vega ? import_vega(&ctx) : import_csv(&ctx, opt);
		bool failed = r != 0 || ctx.failed;
		/* a file that gives no film is a wrong file, or one misread */
		if (!failed && ctx.loaded + ctx.updated + ctx.unchanged + ctx.matched == 0) {
			if (ctx.rows == 0)
				msg_error("%s: %s: nothing to import", paths[i],
					  vega ? "no film in the file" : "a header and no row");
			else
				msg_error("%s: none of its %ld rows could be stored (each is reported "
					  "above)", paths[i], ctx.rows);
			failed = true;
		}
		if (!failed) {
			msg_info("%s: %ld films loaded, %ld updated, %ld unchanged, %ld rejected",
				 paths[i], ctx.loaded, ctx.updated, ctx.unchanged, ctx.rejected);
			if (ctx.matched)
				msg_info("%s: %ld films matched to films other sources brought (-v "
					 "lists them)", paths[i], ctx.matched);
			if (ctx.outcome_names.len)
				msg_info("%s: outcome columns: %s", paths[i], buf_str(&ctx.outcome_names));
			if (ctx.repaired)
				msg_info("%s: %ld records repaired (see the warnings above)", paths[i],
					 ctx.repaired);
		}
		*rejected += ctx.rejected;
		buf_free(&ctx.outcome_names);
		free(auto_source);
		if (failed)
			return -1;
	}
	return 0;
}
