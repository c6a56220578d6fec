/*
 * `marquee import`: loads the history of past films and their outcomes from
 * CSV files (canonical columns, or others named with --map) or from the
 * vega-datasets movies.json, in one transaction for the whole command.
 */
#define _GNU_SOURCE
#include "predictor/sources/import.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/command.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/fault.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/sources/csv.h"

/* ---- rows ---- */

void import_row_init(struct import_row *row, const char *source)
{
	memset(row, 0, sizeof *row);
	row->film.source = source;
	row->film.release_us = -1;
	row->film.budget_usd = -1;
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
	row->film.budget_usd = -1;
}

static void row_free(struct import_row *row)
{
	import_row_clear(row);
	free(row->owned);
	free(row->outcomes);
}

static void *row_own(struct import_row *row, void *p)
{
	row->owned = xgrow(row->owned, &row->cap_owned, row->n_owned + 1, sizeof *row->owned);
	row->owned[row->n_owned++] = p;
	return p;
}

const char *import_row_str(struct import_row *row, const char *s)
{
	return row_own(row, xstrdup(s));
}

static char *trimmed(const char *s, size_t n)
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
	const char **list = row_own(row, xcalloc(count, sizeof *list));
	size_t k = 0;
	for (const char *p = text;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		char *item = trimmed(p, len);
		bool keep = item[0] != '\0';
		for (size_t i = 0; keep && i < k; i++)
			keep = strcmp(list[i], item) != 0;
		if (keep)
			list[k++] = row_own(row, item);
		else
			free(item);
		if (!semi)
			break;
		p = semi + 1;
	}
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
	char *first = NULL;
	char *where = xasprintf("%s:%ld", ctx->path, line);
	int rc = store_film_put(ctx->store, &row->film, where, &change, &first);
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
	case STORE_DUPLICATE:
		import_reject(ctx, line, "\"%s\" repeats the film of %s (same %s)", row->film.title,
			      first, row->film.source_id ? "id" : "title and release date");
		break;
	}
	free(first);
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

/* ---- CSV ---- */

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

struct mapping {
	const char *canonical; /* borrowed from argv; a film column or an outcome name */
	const char *header;    /* borrowed from argv */
};

struct csv_options {
	struct mapping *maps;  /* owned array */
	size_t n_maps;
	const char **ignore;   /* owned array of borrowed strings */
	size_t n_ignore;
};

static int field_index(const char *name)
{
	for (int i = 0; i < N_FIELDS; i++)
		if (strcmp(field_names[i], name) == 0)
			return i;
	return -1;
}

/* Metric names are lower-case words joined by '_'. */
static char *metric_name(const char *header)
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

/* Resolves each header column to a canonical field, an outcome or nothing. */
static int read_header(struct import_ctx *ctx, const struct csv_options *opt, char **fields,
		       size_t n, int *roles, char **metrics)
{
	int rc = -1;
	struct buf names = BUF_INIT;
	list_header(&names, fields, n);
	for (size_t i = 0; i < n; i++) {
		if (csv_check_text(fields[i]) != 0 || fields[i][0] == '\0') {
			msg_error("%s:1: column %zu of the header is %s", ctx->path, i + 1,
				  fields[i][0] ? "not UTF-8 text" : "empty");
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(fields[i], fields[j]) == 0) {
				msg_error("%s:1: the header names \"%s\" twice", ctx->path, fields[i]);
				goto out;
			}
		roles[i] = field_index(fields[i]);
		for (size_t k = 0; k < opt->n_ignore; k++)
			if (strcmp(opt->ignore[k], fields[i]) == 0)
				roles[i] = F_IGNORED;
	}
	for (size_t m = 0; m < opt->n_maps; m++) {
		size_t i;
		for (i = 0; i < n && strcmp(fields[i], opt->maps[m].header) != 0; i++)
			;
		if (i == n) {
			msg_error("%s:1: --map %s=%s: the header has no column \"%s\" (it has: %s)",
				  ctx->path, opt->maps[m].canonical, opt->maps[m].header,
				  opt->maps[m].header, buf_str(&names));
			goto out;
		}
		/* A canonical name the mapping replaces no longer counts. */
		int f = field_index(opt->maps[m].canonical);
		if (f < 0) {
			roles[i] = F_OUTCOME;
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
		if (seen == 0 && (f == F_TITLE || f == F_RELEASE_DATE)) {
			msg_error("%s:1: no \"%s\" column; name it with --map %s=HEADER (the header has: %s)",
				  ctx->path, field_names[f], field_names[f], buf_str(&names));
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (roles[i] == -1) {
			roles[i] = F_OUTCOME;
			metrics[i] = metric_name(fields[i]);
			if (!metrics[i][0]) {
				msg_error("%s:1: column \"%s\" has no usable name", ctx->path, fields[i]);
				goto out;
			}
		}
		if (roles[i] == F_OUTCOME)
			buf_printf(&ctx->outcome_names, "%s%s", ctx->outcome_names.len ? ", " : "",
				   metrics[i]);
	}
	rc = 0;
out:
	buf_free(&names);
	return rc;
}

/* Fills the row from one CSV record; -1 after rejecting it. */
static int csv_row(struct import_ctx *ctx, struct import_row *row, char **hdr, char **fields,
		   size_t n, const int *roles, char **metrics, long line)
{
	struct film_record *f = &row->film;
	const char *why;
	double v;
	for (size_t i = 0; i < n; i++) {
		if (csv_check_text(fields[i]) != 0) {
			import_reject(ctx, line, "column \"%s\": not UTF-8 text", hdr[i]);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		char *value = trimmed(fields[i], strlen(fields[i]));
		const char *s = row_own(row, value);
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
				return -1;
			}
			if (date_parse(s, &f->release) != 0) {
				import_reject(ctx, line, "bad date \"%s\"", s);
				return -1;
			}
			break;
		case F_RELEASE_US:
			if (date_parse(s, &f->release_us) != 0) {
				import_reject(ctx, line, "bad date \"%s\" in %s", s, hdr[i]);
				return -1;
			}
			break;
		case F_RUNTIME:
			if (import_parse_number(s, &v, &why) != 0 || v != floor(v) || v < 1 ||
			    v > 1000) {
				import_reject(ctx, line, "runtime \"%s\" is %s", s,
					      import_parse_number(s, &v, &why) == 0
						      ? "not a whole number of minutes from 1 to 1000"
						      : why);
				return -1;
			}
			f->runtime_min = (int)v;
			break;
		case F_BUDGET:
			if (import_parse_number(s, &v, &why) != 0) {
				import_reject(ctx, line, "budget \"%s\": %s", s, why);
				return -1;
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
				return -1;
			}
			f->production_year = (int)v;
			break;
		case F_OUTCOME:
			if (import_parse_number(s, &v, &why) != 0) {
				import_reject(ctx, line, "%s \"%s\": %s", hdr[i], s, why);
				return -1;
			}
			import_row_outcome(row, metrics[i], v);
			break;
		default:
			break;
		}
	}
	if (!f->title || !*f->title) {
		import_reject(ctx, line, "no title");
		return -1;
	}
	/* The primary genre leads the genre list. */
	for (size_t i = 0; i < n; i++) {
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
}

static int import_csv(struct import_ctx *ctx, const struct csv_options *opt)
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
		hdr[i] = trimmed(fields[i], strlen(fields[i]));
	roles = xcalloc(n, sizeof *roles);
	metrics = xcalloc(n, sizeof *metrics);
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
		if (csv_row(ctx, &row, hdr, fields, n, roles, metrics, line) != 0)
			continue;
		if (import_row_put(ctx, &row, line) != 0)
			goto out;
	}
	if (ferror(in)) {
		msg_error("%s: read error: %s", ctx->path, strerror(errno));
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
	row_free(&row);
	csv_free(r);
	fclose(in);
	return rc;
}

/* ---- the command ---- */

static char *default_source(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	char *stem = xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	char *name = metric_name(stem);
	free(stem);
	return name;
}

static bool is_json(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcmp(path + n - 5, ".json") == 0;
}

static int run_import(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "map", required_argument, NULL, 'm' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "strict", no_argument, NULL, 'S' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *source = NULL;
	bool strict = false, dry_run = false;
	struct csv_options opt = { 0 };
	size_t cap_maps = 0, cap_ignore = 0;
	int rc = 2, c;
	struct store *st = NULL;

	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			if (strcmp(format, "csv") != 0 && strcmp(format, "vega") != 0) {
				msg_error("--format %s: expected csv or vega", format);
				goto out;
			}
			break;
		case 's':
			source = optarg;
			break;
		case 'm': {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1]) {
				msg_error("--map %s: expected CANONICAL=HEADER", optarg);
				goto out;
			}
			*eq = '\0';
			if (field_index(optarg) < 0 && !valid_metric(optarg)) {
				struct buf names = BUF_INIT;
				list_header(&names, (char **)field_names, N_FIELDS);
				msg_error("--map %s=%s: \"%s\" is neither a canonical column (%s) nor an "
					  "outcome name (lower-case letters, digits and _)",
					  optarg, eq + 1, optarg, buf_str(&names));
				buf_free(&names);
				goto out;
			}
			opt.maps = xgrow(opt.maps, &cap_maps, opt.n_maps + 1, sizeof *opt.maps);
			opt.maps[opt.n_maps].canonical = optarg;
			opt.maps[opt.n_maps++].header = eq + 1;
			break;
		}
		case 'i':
			opt.ignore = xgrow(opt.ignore, &cap_ignore, opt.n_ignore + 1, sizeof *opt.ignore);
			opt.ignore[opt.n_ignore++] = optarg;
			break;
		case 'S':
			strict = true;
			break;
		case 'n':
			dry_run = true;
			break;
		default:
			rc = command_usage(&cmd_import);
			goto out;
		}
	}
	if (optind >= argc) {
		rc = command_usage(&cmd_import);
		goto out;
	}
	rc = 1;
	st = store_open_config(app->cfg);
	if (!st || store_begin(st) != 0)
		goto out;

	long total_rejected = 0;
	bool failed = false;
	for (int i = optind; i < argc && !failed; i++) {
		char *auto_source = source ? NULL : default_source(argv[i]);
		struct import_ctx ctx = { .store = st, .path = argv[i],
					  .source = source ? source : auto_source };
		bool vega = format ? strcmp(format, "vega") == 0 : is_json(argv[i]);
		int r = vega ? import_vega(&ctx) : import_csv(&ctx, &opt);
		if (r != 0 || ctx.failed) {
			failed = true;
		} else {
			msg_info("%s: %ld films loaded, %ld updated, %ld unchanged, %ld rejected",
				 argv[i], ctx.loaded, ctx.updated, ctx.unchanged, ctx.rejected);
			if (ctx.outcome_names.len)
				msg_info("%s: outcome columns: %s", argv[i], buf_str(&ctx.outcome_names));
			if (ctx.repaired)
				msg_info("%s: %ld records repaired (see the warnings above)", argv[i],
					 ctx.repaired);
		}
		total_rejected += ctx.rejected;
		buf_free(&ctx.outcome_names);
		free(auto_source);
	}
	if (failed) {
		msg_error("import failed: nothing was stored");
		goto out;
	}
	if (strict && total_rejected) {
		msg_error("%ld rejected rows with --strict: nothing was stored", total_rejected);
		goto out;
	}
	if (dry_run) {
		msg_info("dry run: nothing was stored");
		rc = 0;
		goto out;
	}
	if (store_commit(st) != 0)
		goto out;
	rc = 0;
out:
	store_close(st); /* rolls back whatever was not committed */
	free(opt.maps);
	free(opt.ignore);
	return rc;
}

const struct command cmd_import = {
	.name = "import",
	.run = run_import,
	.usage = "import [--format csv|vega] [--source NAME] [--map CANONICAL=HEADER]...\n"
		 "                      [--ignore HEADER]... [--strict] [--dry-run] FILE...",
	.summary = "load past films and their outcomes (CSV or vega movies.json)",
	.help =
		"Loads the history of past films and their outcomes into analytics.db, in one\n"
		"transaction: if anything fails, nothing is stored.\n\n"
		"CSV files need a header. Canonical columns:\n"
		"  id                 the source's id for the film (keys re-imports)\n"
		"  title              required\n"
		"  release_date       required; YYYY-MM-DD or DD/MM/YYYY\n"
		"  release_us         US release date\n"
		"  runtime_min        running time in minutes\n"
		"  genre              primary genre; genres  all genres\n"
		"  director, cast, distributor, countries, languages\n"
		"  budget_usd         production budget in US dollars (0 = unknown)\n"
		"  certification, original_language\n"
		"  production_year    the year the film was made (a re-release when far before)\n"
		"  overview           the synopsis, one paragraph\n"
		"Lists are separated by ';'. Every other column is an outcome (a number per\n"
		"film, such as first_week_admissions or us_gross) named after its header.\n"
		"Numbers may use spaces or thin spaces between thousands.\n\n"
		"A .json file is read as the vega-datasets movies.json.\n\n"
		"Options:\n"
		"  --map C=H      read canonical column C, or the outcome named C, from the\n"
		"                 column with header H\n"
		"  --ignore H     skip the column H\n"
		"  --source NAME  name of the source (default: the file name); keys ids\n"
		"  --format F     csv or vega (default: by the file's extension)\n"
		"  --strict       any rejected row fails the whole import\n"
		"  --dry-run      check everything, store nothing\n\n"
		"Every rejected row is reported as FILE:LINE: reason. Importing the same file\n"
		"again changes nothing.\n",
};
