/*
 * What a published week really did at the cinema: actual admissions (and
 * revenue), one by one or from the ticketing system's CSV export, checked
 * against what was published and against the cinema's capacity.
 */
#define _GNU_SOURCE
#include "predictor/cinema/actuals.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/text/utf8.h"
#include "predictor/sources/csv.h"
#include "predictor/sources/import.h"
#include "predictor/store/store_records.h"

void actuals_batch_init(struct actuals_batch *run, struct store *st, const struct cinema *cinema)
{
	memset(run, 0, sizeof *run);
	run->st = st;
	date_now_iso(run->now);
	for (size_t s = 0; s < cinema->n_screens; s++)
		run->capacity += cinema_capacity(cinema, s);
	snprintf(run->over_capacity, sizeof run->over_capacity,
		 "more than the cinema's %.0f seats a week (cinema: in marquee.yml)", run->capacity);
}

/* Checks "YYYY-Www" is a published week. where prefixes messages ("file:3: "). */
static int published_week(struct store *st, const char *where, const char *week)
{
	long monday;
	if (date_parse_week(week, &monday) != 0) {
		msg_error("%sbad week \"%s\": expected YYYY-Www, such as 2024-W27", where, week);
		return -1;
	}
	int version;
	if (store_week_version(st, week, &version) != 0)
		return -1;
	if (version == 0) {
		msg_error("%sweek %s was never published: publish it first", where, week);
		return -1;
	}
	return 0;
}

int actuals_add(struct actuals_batch *run, const char *where, const char *week,
		      const char *film, const char *admissions_text, const char *revenue_text,
		      const char *source)
{
	struct store *st = run->st;
	if (published_week(st, where, week) != 0)
		return -1;
	double admissions = 0, revenue = -1;
	const char *why = NULL;
	if (import_parse_number(admissions_text, &admissions, &why) != 0 ||
	    (admissions != floor(admissions) && (why = "not a whole number")) ||
	    (admissions > run->capacity && (why = run->over_capacity))) {
		msg_error("%sadmissions \"%s\": %s", where, admissions_text, why);
		return -1;
	}
	if (revenue_text && *revenue_text &&
	    import_parse_number(revenue_text, &revenue, &why) != 0) {
		msg_error("%srevenue \"%s\": %s", where, revenue_text, why);
		return -1;
	}
	struct week_film_ref ref;
	bool found;
	if (store_week_film_find(st, week, film, &ref, &found) != 0)
		return -1;
	if (!found) {
		msg_error("%sno film \"%s\" among the candidates published for %s", where, film, week);
		return -1;
	}
	enum actual_change change;
	long old = 0;
	int rc = store_actual_put(st, week, ref.film_key, (long)admissions, revenue, source, run->now,
				  run->replace, &change, &old);
	if (rc == 0 && change == ACTUAL_CONFLICT) {
		msg_error("%s%s, %s: %ld admissions are already recorded; a different figure (%s) is "
			  "refused: --replace corrects it",
			  where, week, ref.title, old, admissions_text);
		rc = -1;
	}
	if (rc == 0 && change == ACTUAL_REPLACED)
		msg_info("%s%s, %s: %ld admissions corrected to %.0f", where, week, ref.title, old,
			 admissions);
	if (rc == 0)
		*(change == ACTUAL_ADDED ? &run->added
		  : change == ACTUAL_SAME ? &run->same : &run->replaced) += 1;
	free(ref.film_key);
	free(ref.title);
	return rc;
}

int actuals_import_file(struct actuals_batch *run, const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		msg_error("%s: %s", path, strerror(errno));
		return -1;
	}
	struct csv_reader *r = csv_new(in);
	char **f;
	size_t n;
	int col[4] = { -1, -1, -1, -1 }, rc = -1, got;
	static const char *const names[] = { "week", "film", "admissions", "revenue" };
	/* the file's name is recorded as the source, and exported: as text */
	const char *source = utf8_check(path, NULL) == 0 ? path : "a CSV file";
	got = csv_next(r, &f, &n);
	if (got <= 0) {
		msg_error("%s: %s", path, got == 0 ? "empty file: the header week,film,admissions is needed"
						   : csv_error(r));
		goto out;
	}
	size_t n_header = n;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			if (strcmp(f[i], names[k]) == 0)
				col[k] = (int)i;
	for (int k = 0; k < 3; k++)
		if (col[k] < 0) {
			msg_error("%s:1: no \"%s\" column (the header needs week,film,admissions and "
				  "may have revenue)", path, names[k]);
			goto out;
		}
	while ((got = csv_next(r, &f, &n)) != 0) {
		char where[512];
		snprintf(where, sizeof where, "%s:%ld: ", path, csv_line(r));
		if (got < 0) {
			msg_error("%s%s", where, csv_error(r));
			goto out;
		}
		if (n != n_header) {
			msg_error("%s%zu fields, but the header has %zu", where, n, n_header);
			goto out;
		}
		if (actuals_add(run, where, f[col[0]], f[col[1]], f[col[2]],
			       col[3] >= 0 ? f[col[3]] : NULL, source) != 0)
			goto out;
	}
	rc = 0;
out:
	csv_free(r);
	fclose(in);
	return rc;
}

