/*
 * The vega-datasets movies.json (npm vega-datasets, BSD-3-Clause): 3,201 US
 * releases with US gross, budget, genre, director, runtime, MPAA rating,
 * distributor and IMDb rating (an outcome, for the analytics). The file has known errors; each is rejected or repaired
 * with a stated reason, never silently:
 *
 *   - no title, or a number as a title (repaired: read as text);
 *   - release dates after the data set was compiled (2010): from 2015 on they
 *     are two-digit years put in the wrong century (repaired: minus 100
 *     years); 2011-2014 are announced films (rejected);
 *   - a missing or zero US gross (rejected: no box-office figure);
 *   - a zero or missing budget, runtime, genre, director (kept as unknown).
 *
 * The array is read one object at a time, so memory stays flat; an object
 * longer than VEGA_MAX_OBJECT is rejected without being kept.
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/text/utf8.h"
#include "common/xalloc.h"
#include "predictor/sources/csv.h"
#include "predictor/sources/import.h"

#define COMPILED_YEAR 2010
/* The longest film object read, as the CSV reader's longest record: the
 * data set's are under 1 KB. */
#define VEGA_MAX_OBJECT CSV_MAX_RECORD

/* The text at key, trimmed and kept in the row; NULL when absent or blank. */
static const char *text_of(struct import_row *row, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsString(v))
		return NULL;
	const char *s = v->valuestring;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return NULL;
	char *copy = xstrndup(s, n);
	const char *kept = import_row_str(row, copy);
	free(copy);
	return kept;
}

/* A number, or -1 when absent or null. */
static double number_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

/* "Jun 12 1998" */
static int parse_us_date(const char *s, long *days, int *year)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char mon[4];
	int d, y;
	char extra;
	if (sscanf(s, "%3s %d %d%c", mon, &d, &y, &extra) != 3)
		return -1;
	for (int m = 0; m < 12; m++)
		if (strcmp(mon, months[m]) == 0) {
			*year = y;
			return date_from_ymd(y, m + 1, d, days);
		}
	return -1;
}

static void vega_record(struct import_ctx *ctx, struct import_row *row, const cJSON *obj,
			long line)
{
	struct film_record *f = &row->film;
	/* text as the CSV reader wants it: UTF-8, no control characters */
	const cJSON *item;
	cJSON_ArrayForEach(item, obj)
	{
		char why[UTF8_WHY];
		if (cJSON_IsString(item) && utf8_check(item->valuestring, why) != 0) {
			import_reject(ctx, line, "\"%s\": %s", item->string, why);
			return;
		}
	}
	const cJSON *title = cJSON_GetObjectItemCaseSensitive(obj, "Title");
	const char *title_text = text_of(row, obj, "Title");
	char label[64];
	if (title_text) {
		f->title = title_text;
	} else if (cJSON_IsNumber(title)) {
		snprintf(label, sizeof label, "%.0f", title->valuedouble);
		f->title = import_row_str(row, label);
		import_repair(ctx, line, "title is the number %s, not text: read as the title \"%s\"",
			      label, label);
	} else {
		import_reject(ctx, line, "no title");
		return;
	}
	const cJSON *gross_item = cJSON_GetObjectItemCaseSensitive(obj, "US Gross");
	double gross = number_of(obj, "US Gross");
	if (cJSON_IsNumber(gross_item) && gross < 0) {
		import_reject(ctx, line, "\"%s\": US gross %.0f is negative", f->title, gross);
		return;
	}
	if (gross < 0) {
		import_reject(ctx, line, "\"%s\": no US gross", f->title);
		return;
	}
	if (!isfinite(gross) || gross > 1e12) {
		import_reject(ctx, line, "\"%s\": US gross %g is more than any film has made", f->title,
			      gross);
		return;
	}
	if (gross == 0) {
		import_reject(ctx, line, "\"%s\": US gross is 0 (no box-office figure)", f->title);
		return;
	}
	const char *date = text_of(row, obj, "Release Date");
	int year;
	if (!date) {
		import_reject(ctx, line, "\"%s\": no release date", f->title);
		return;
	}
	if (parse_us_date(date, &f->release, &year) != 0) {
		import_reject(ctx, line, "\"%s\": bad date \"%s\"", f->title, date);
		return;
	}
	if (year > COMPILED_YEAR + 4) {
		int y, m, d;
		date_to_ymd(f->release, &y, &m, &d);
		if (date_from_ymd(y - 100, m, d, &f->release) != 0)
			date_from_ymd(y - 100, m, d - 1, &f->release); /* 29 February */
		import_repair(ctx, line,
			      "\"%s\": release date \"%s\" is after the data set was compiled (%d); "
			      "read as %d (a two-digit year put in the wrong century)",
			      f->title, date, COMPILED_YEAR, y - 100);
	} else if (year > COMPILED_YEAR) {
		import_reject(ctx, line,
			      "\"%s\": release date \"%s\" is after the data set was compiled (%d)",
			      f->title, date, COMPILED_YEAR);
		return;
	}
	double budget = number_of(obj, "Production Budget");
	f->budget_usd = budget > 0 ? budget : -1;
	double runtime = number_of(obj, "Running Time min");
	if (runtime > 0 && runtime < 1000 && runtime == floor(runtime))
		f->runtime_min = (int)runtime;
	f->certification = text_of(row, obj, "MPAA Rating");
	f->distributor = text_of(row, obj, "Distributor");
	const char *genre = text_of(row, obj, "Major Genre");
	if (genre)
		import_row_list(row, genre, &f->genres, &f->n_genres);
	const char *director = text_of(row, obj, "Director");
	if (director)
		import_row_list(row, director, &f->directors, &f->n_directors);
	f->countries = NULL;
	import_row_outcome(row, "us_gross", gross);
	double world = number_of(obj, "Worldwide Gross");
	if (world > 0)
		import_row_outcome(row, "worldwide_gross", world);
	double dvd = number_of(obj, "US DVD Sales");
	if (dvd > 0)
		import_row_outcome(row, "us_dvd_sales", dvd);
	/* Viewers' rating, an outcome like the grosses: the analytics show it,
	 * the model never reads it. */
	double rating = number_of(obj, "IMDB Rating");
	if (rating >= 0 && rating <= 10)
		import_row_outcome(row, "imdb_rating", rating);
	import_row_put(ctx, row, line);
}

int import_vega(struct import_ctx *ctx)
{
	FILE *in = fopen(ctx->path, "rb");
	if (!in) {
		msg_error("%s: %s", ctx->path, strerror(errno));
		return -1;
	}
	struct buf text = BUF_INIT;
	struct import_row row;
	import_row_init(&row, ctx->source);
	long line = 1, start_line = 0;
	int depth = 0, c, rc = -1;
	bool in_string = false, escaped = false, opened = false, closed = false, oversized = false;

	while ((c = getc_unlocked(in)) != EOF && !ctx->failed) {
		if (c == '\n')
			line++;
		if (depth > 0) {
			/* an object past the bound is followed to its end, not kept */
			if (text.len < VEGA_MAX_OBJECT)
				buf_putc(&text, (char)c);
			else
				oversized = true;
			if (in_string) {
				if (escaped)
					escaped = false;
				else if (c == '\\')
					escaped = true;
				else if (c == '"')
					in_string = false;
				continue;
			}
			if (c == '"')
				in_string = true;
			else if (c == '{' || c == '[')
				depth++;
			else if ((c == '}' || c == ']') && --depth == 0) {
				ctx->rows++;
				import_row_clear(&row);
				if (oversized) {
					import_reject(ctx, start_line, "a film object longer than %d bytes: "
						      "not read", VEGA_MAX_OBJECT);
				} else {
					cJSON *obj = cJSON_ParseWithLength(text.data, text.len);
					if (!cJSON_IsObject(obj))
						import_reject(ctx, start_line, "not a JSON object");
					else
						vega_record(ctx, &row, obj, start_line);
					cJSON_Delete(obj);
				}
				oversized = false;
				buf_clear(&text);
			}
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (opened && c == ','))
			continue;
		if (!opened && c == '[') {
			opened = true;
			continue;
		}
		if (opened && !closed && c == ']') {
			closed = true;
			continue;
		}
		if (opened && !closed && c == '{') {
			depth = 1;
			start_line = line;
			buf_putc(&text, '{');
			continue;
		}
		msg_error("%s:%ld: not a JSON array of film objects (unexpected '%c')", ctx->path, line,
			  c >= 32 && c < 127 ? c : '?');
		goto out;
	}
	if (ctx->failed)
		goto out;
	if (!opened || !closed || depth != 0) {
		msg_error("%s:%ld: %s", ctx->path, line,
			  opened ? "the JSON array is not closed (truncated file?)" : "empty file");
		goto out;
	}
	rc = 0;
out:
	buf_free(&text);
	import_row_clear(&row);
	free(row.owned);
	free(row.outcomes);
	fclose(in);
	return rc;
}
