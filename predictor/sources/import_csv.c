/*
 * The CSV format of `marquee import`: canonical columns (or others named
 * with --map), lists separated by ';', every other column an outcome.
 */
#define _GNU_SOURCE
#include "predictor/sources/import.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/text/utf8.h"
#include "common/xalloc.h"
#include "predictor/sources/csv.h"


enum field {
	F_ID, F_TITLE, F_RELEASE_DATE, F_RELEASE_US, F_RUNTIME, F_GENRE, F_GENRES, F_DIRECTOR,
	F_CAST, F_DISTRIBUTOR, F_COUNTRIES, F_LANGUAGES, F_BUDGET, F_CERTIFICATION,
	F_ORIGINAL_LANGUAGE, F_OVERVIEW, F_PRODUCTION_YEAR, N_FIELDS,
	F_OUTCOME = N_FIELDS, F_IGNORED
};

static const char *const field_names[N_FIELDS] = {
	"id", "title", "release_date", "release_us", "runtime_min", "genre", "genres", "director",
	"cast", "distributor", "countries", "languages", "budget_usd", "certification",
	"original_language", "overview", "production_year",
};

static int field_index(const char *name)
{
	for (int i = 0; i < N_FIELDS; i++)
		if (strcmp(field_names[i], name) == 0)
			return i;
	return -1;
}

/* Metric names are lower-case words joined by '_'. */
char *import_metric_name(const char *header)
{
	struct buf b = BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)header; *p; p++) {
		if (isalnum(*p))
			buf_putc(&b, (char)tolower(*p));
		else if (b.len && b.data[b.len - 1] != '_')
			buf_putc(&b, '_');
	}
	while (b.len && b.data[b.len - 1] == '_')
		b.data[--b.len] = '\0';
	return buf_detach(&b);
}

static bool valid_metric(const char *name)
{
	if (!*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			return false;
	return true;
}

static void list_header(struct buf *b, char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", fields[i]);
}

/* Whether --map gave header the outcome metric. */
static bool mapped_outcome(const struct import_options *opt, const char *header, const char *metric)
{
	for (size_t m = 0; m < opt->n_maps; m++)
		if (strcmp(opt->maps[m].header, header) == 0 && strcmp(opt->maps[m].canonical, metric) == 0)
			return true;
	return false;
}

/* Resolves each header column to a canonical field, an outcome or nothing. */
static int read_header(struct import_ctx *ctx, const struct import_options *opt, char **fields,
		       size_t n, int *roles, char **metrics)
{
	int rc = -1;
	struct buf names = BUF_INIT;
	struct strmap columns = STRMAP_INIT;  /* header -> its index + 1 */
	struct strmap outcomes = STRMAP_INIT; /* outcome -> its column + 1 */
	list_header(&names, fields, n);
	for (size_t i = 0; i < n; i++) {
		char why[UTF8_WHY];
		if (utf8_check(fields[i], why) != 0) {
			msg_error("%s:1: column %zu of the header: %s", ctx->path, i + 1, why);
			goto out;
		}
		if (fields[i][0] == '\0') {
			msg_error("%s:1: column %zu of the header is empty", ctx->path, i + 1);
			goto out;
		}
		/* a header may have hundreds of thousands of columns: no scan per column */
		if (strmap_put(&columns, fields[i], (void *)(i + 1))) {
			msg_error("%s:1: the header names \"%s\" twice", ctx->path, fields[i]);
			goto out;
		}
		roles[i] = field_index(fields[i]);
	}
	for (size_t k = 0; k < opt->n_ignore; k++) {
		size_t at = (size_t)strmap_get(&columns, opt->ignore[k]);
		if (at)
			roles[at - 1] = F_IGNORED;
	}
	for (size_t m = 0; m < opt->n_maps; m++) {
		size_t i = (size_t)strmap_get(&columns, opt->maps[m].header);
		if (i-- == 0) {
			msg_error("%s:1: --map %s=%s: the header has no column \"%s\" (it has: %s)",
				  ctx->path, opt->maps[m].canonical, opt->maps[m].header,
				  opt->maps[m].header, buf_str(&names));
			goto out;
		}
		/* A canonical name the mapping replaces no longer counts. */
		int f = field_index(opt->maps[m].canonical);
		if (f < 0) {
			roles[i] = F_OUTCOME;
			free(metrics[i]);
			metrics[i] = xstrdup(opt->maps[m].canonical);
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if (roles[j] == f && j != i)
				roles[j] = F_IGNORED;
		roles[i] = f;
	}
	for (int f = F_ID; f < N_FIELDS; f++) {
		int seen = 0;
		for (size_t i = 0; i < n; i++)
			seen += roles[i] == f;
		/* ids are their source's: a source named after the file would make a
		 * renamed file another source, and store every film again */
		if (seen && f == F_ID && !ctx->source_named) {
			msg_error("%s:1: the file has an id column: name the source of its ids with "
				  "--source NAME (or import.source in marquee.yml); named after the file, "
				  "a renamed file would be another source, and its films would be stored "
				  "again", ctx->path);
			goto out;
		}
		if (seen == 0 && (f == F_TITLE || f == F_RELEASE_DATE)) {
			msg_error("%s:1: no \"%s\" column; name it with --map %s=HEADER (the header has: %s)",
				  ctx->path, field_names[f], field_names[f], buf_str(&names));
			goto out;
		}
	}
	/* A column mapped to an outcome replaces the one named after it, as a
	 * mapped canonical column does; any other two columns that give one
	 * outcome are a mistake, not "the last one wins". */
	for (size_t i = 0; i < n; i++)
		if (roles[i] == F_OUTCOME)
			strmap_put(&outcomes, metrics[i], (void *)(i + 1));
	for (size_t i = 0; i < n; i++) {
		if (roles[i] != -1)
			continue;
		roles[i] = F_OUTCOME;
		metrics[i] = import_metric_name(fields[i]);
		if (!metrics[i][0]) {
			msg_error("%s:1: column \"%s\" has no usable name", ctx->path, fields[i]);
			goto out;
		}
		size_t other = (size_t)strmap_get(&outcomes, metrics[i]);
		if (other && mapped_outcome(opt, fields[other - 1], metrics[i])) {
			roles[i] = F_IGNORED;
			continue;
		}
		if (other) {
			size_t a = other - 1 < i ? other - 1 : i, b = other - 1 < i ? i : other - 1;
			msg_error("%s:1: columns \"%s\" and \"%s\" both give the outcome %s: skip one "
				  "with --ignore, or name one otherwise with --map NAME=HEADER",
				  ctx->path, fields[a], fields[b], metrics[i]);
			goto out;
		}
		strmap_put(&outcomes, metrics[i], (void *)(i + 1));
	}
	for (size_t i = 0; i < n; i++)
		if (roles[i] == F_OUTCOME)
			buf_printf(&ctx->outcome_names, "%s%s", ctx->outcome_names.len ? ", " : "",
				   metrics[i]);
	rc = 0;
out:
	strmap_free(&columns);
	strmap_free(&outcomes);
	buf_free(&names);
	return rc;
}

/*
 * Fills the row from one CSV record; -1 after rejecting it, with *column the
 * column to blame (or n when the record as a whole is wrong).
 */
static int csv_row(struct import_ctx *ctx, struct import_row *row, char **hdr, char **fields,
		   size_t n, const int *roles, char **metrics, long line, size_t *column)
{
	size_t i;
	struct film_record *f = &row->film;
	const char *why;
	double v;
	for (i = 0; i < n; i++) {
		char not_text[UTF8_WHY];
		if (utf8_check(fields[i], not_text) != 0) {
			import_reject(ctx, line, "column \"%s\": %s", hdr[i], not_text);
			goto bad;
		}
	}
	for (i = 0; i < n; i++) {
		char *value = import_trimmed(fields[i], strlen(fields[i]));
		const char *s = import_row_own(row, value);
		if (!*s && roles[i] != F_TITLE && roles[i] != F_RELEASE_DATE)
			continue;
		switch (roles[i]) {
		case F_ID:
			f->source_id = s;
			break;
		case F_TITLE:
			f->title = s;
			break;
		case F_RELEASE_DATE:
			if (!*s) {
				import_reject(ctx, line, "no release date");
				goto bad;
			}
			if (date_parse(s, &f->release) != 0) {
				import_reject(ctx, line, "bad date \"%s\"", s);
				goto bad;
			}
			break;
		case F_RELEASE_US:
			if (date_parse(s, &f->release_us) != 0) {
				import_reject(ctx, line, "bad date \"%s\" in %s", s, hdr[i]);
				goto bad;
			}
			break;
		case F_RUNTIME:
			if (import_parse_number(s, &v, &why) != 0 || v != floor(v) || v < 1 ||
			    v > 1000) {
				import_reject(ctx, line, "runtime \"%s\" is %s", s,
					      import_parse_number(s, &v, &why) == 0
						      ? "not a whole number of minutes from 1 to 1000"
						      : why);
				goto bad;
			}
			f->runtime_min = (int)v;
			break;
		case F_BUDGET:
			if (import_parse_number(s, &v, &why) != 0 ||
			    (why = store_budget_implausible(v)) != NULL) {
				import_reject(ctx, line, "budget \"%s\": %s", s, why);
				goto bad;
			}
			f->budget_usd = v > 0 ? v : -1; /* 0 means unknown */
			break;
		case F_GENRE:
			break; /* merged with genres below */
		case F_GENRES:
			import_row_list(row, s, &f->genres, &f->n_genres);
			break;
		case F_DIRECTOR:
			import_row_list(row, s, &f->directors, &f->n_directors);
			break;
		case F_CAST:
			import_row_list(row, s, &f->cast, &f->n_cast);
			break;
		case F_COUNTRIES:
			import_row_list(row, s, &f->countries, &f->n_countries);
			break;
		case F_LANGUAGES:
			import_row_list(row, s, &f->languages, &f->n_languages);
			break;
		case F_DISTRIBUTOR:
			f->distributor = s;
			break;
		case F_CERTIFICATION:
			f->certification = s;
			break;
		case F_ORIGINAL_LANGUAGE:
			f->original_language = s;
			break;
		case F_OVERVIEW:
			f->overview = s;
			break;
		case F_PRODUCTION_YEAR:
			if (import_parse_number(s, &v, &why) != 0 || v != floor(v) || v < 1870 ||
			    v > 2100) {
				import_reject(ctx, line, "production year \"%s\" is not a year from 1870 to 2100", s);
				goto bad;
			}
			f->production_year = (int)v;
			break;
		case F_OUTCOME:
			if (import_parse_number(s, &v, &why) != 0 ||
			    (why = store_outcome_implausible(metrics[i], v)) != NULL) {
				import_reject(ctx, line, "%s \"%s\": %s", hdr[i], s, why);
				goto bad;
			}
			import_row_outcome(row, metrics[i], v);
			break;
		default:
			break;
		}
	}
	if (!f->title || !*f->title) {
		import_reject(ctx, line, "no title");
		for (i = 0; i < n && roles[i] != F_TITLE; i++)
			;
		goto bad;
	}
	/* The primary genre leads the genre list. */
	for (i = 0; i < n; i++) {
		if (roles[i] != F_GENRE || !fields[i][0])
			continue;
		struct buf joined = BUF_INIT;
		buf_puts(&joined, fields[i]);
		for (size_t g = 0; g < f->n_genres; g++)
			buf_printf(&joined, ";%s", f->genres[g]);
		import_row_list(row, buf_str(&joined), &f->genres, &f->n_genres);
		buf_free(&joined);
	}
	return 0;
bad:
	*column = i;
	return -1;
}

int import_csv(struct import_ctx *ctx, const struct import_options *opt)
{
	FILE *in = fopen(ctx->path, "rb");
	if (!in) {
		msg_error("%s: %s", ctx->path, strerror(errno));
		return -1;
	}
	struct stat st;
	long long size = fstat(fileno(in), &st) == 0 ? (long long)st.st_size : 0;
	struct csv_reader *r = csv_new(in);
	struct import_row row;
	import_row_init(&row, ctx->source);
	char **hdr = NULL, **fields;
	size_t n_hdr = 0, n;
	int *roles = NULL;
	char **metrics = NULL;
	long *column_rejects = NULL, *column_first = NULL; /* rows each column failed; the first */
	int rc = -1;
	struct progress progress;
	progress_begin(&progress, ctx->path, size);

	int got = csv_next(r, &fields, &n);
	if (got == 0) {
		msg_error("%s: empty file: a header line is needed (title,release_date,...)", ctx->path);
		goto out;
	}
	if (got < 0) {
		msg_error("%s:%ld: header: %s", ctx->path, csv_line(r), csv_error(r));
		goto out;
	}
	n_hdr = n;
	hdr = xcalloc(n, sizeof *hdr);
	for (size_t i = 0; i < n; i++)
		hdr[i] = import_trimmed(fields[i], strlen(fields[i]));
	roles = xcalloc(n, sizeof *roles);
	metrics = xcalloc(n, sizeof *metrics);
	column_rejects = xcalloc(n, sizeof *column_rejects);
	column_first = xcalloc(n, sizeof *column_first);
	if (read_header(ctx, opt, hdr, n, roles, metrics) != 0)
		goto out;

	while ((got = csv_next(r, &fields, &n)) != 0) {
		long line = csv_line(r);
		ctx->rows++;
		progress_update(&progress, csv_offset(r));
		if (got < 0) {
			import_reject(ctx, line, "%s", csv_error(r));
			continue;
		}
		if (n != n_hdr) {
			import_reject(ctx, line, "%zu fields, but the header has %zu", n, n_hdr);
			continue;
		}
		import_row_clear(&row);
		size_t column;
		if (csv_row(ctx, &row, hdr, fields, n, roles, metrics, line, &column) != 0) {
			if (column < n && column_rejects[column]++ == 0)
				column_first[column] = line;
			continue;
		}
		if (import_row_put(ctx, &row, line) != 0)
			goto out;
	}
	if (ferror(in)) {
		msg_error("%s: read error: %s", ctx->path, strerror(errno));
		goto out;
	}
	/* One column that fails most rows is a column misread (text read as an
	 * outcome, a date in another form): say which and how to fix it,
	 * rather than store what is left. */
	for (size_t i = 0; i < n_hdr; i++) {
		if (column_rejects[i] * 2 <= ctx->rows)
			continue;
		bool plain = strspn(hdr[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					     "0123456789_.-") == strlen(hdr[i]);
		const char *q = plain ? "" : "'";
		msg_error("%s: column \"%s\" rejected %ld of %ld rows (the first on line %ld): if it "
			  "holds no figure of each film, skip it with --ignore %s%s%s; if it is a "
			  "canonical column under another name, say which with --map COLUMN=%s%s%s",
			  ctx->path, hdr[i], column_rejects[i], ctx->rows, column_first[i], q, hdr[i],
			  q, q, hdr[i], q);
		goto out;
	}
	rc = 0;
out:
	progress_end(&progress);
	for (size_t i = 0; i < n_hdr; i++) {
		free(hdr[i]);
		free(metrics[i]);
	}
	free(hdr);
	free(metrics);
	free(roles);
	free(column_rejects);
	free(column_first);
	import_row_free(&row);
	csv_free(r);
	fclose(in);
	return rc;
}


int import_mapping_add(struct import_options *opt, char *arg)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		msg_error("--map %s: expected CANONICAL=HEADER", arg);
		return -1;
	}
	*eq = '\0';
	if (field_index(arg) < 0 && !valid_metric(arg)) {
		struct buf names = BUF_INIT;
		list_header(&names, (char **)field_names, N_FIELDS);
		msg_error("--map %s=%s: \"%s\" is neither a canonical column (%s) nor an "
			  "outcome name (lower-case letters, digits and _)",
			  arg, eq + 1, arg, buf_str(&names));
		buf_free(&names);
		return -1;
	}
	opt->maps = xgrow(opt->maps, &opt->cap_maps, opt->n_maps + 1, sizeof *opt->maps);
	opt->maps[opt->n_maps].canonical = arg;
	opt->maps[opt->n_maps++].header = eq + 1;
	return 0;
}
