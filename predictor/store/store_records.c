/* cinema.db: published weeks, actuals and overrides. */
#include "predictor/store/store_records.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/text/utf8.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

int store_week_version(struct store *st, const char *week, int *version)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT coalesce(max(version), 0) FROM cinema.weeks WHERE week = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW)
		return store_fail(st, "reading published weeks");
	*version = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	return 0;
}

int store_week_publish(struct store *st, const struct record_week *w, const char *published_at,
		       int *version)
{
	int previous;
	if (store_week_version(st, w->week, &previous) != 0)
		return -1;
	sqlite3_stmt *old = store_stmt(st, "UPDATE cinema.weeks SET current = 0 WHERE week = ?");
	if (!old)
		return -1;
	sqlite3_bind_text(old, 1, w->week, -1, SQLITE_STATIC);
	if (store_step_done(st, old, "retiring the previous version") != 0)
		return -1;
	int v = previous + 1;
	sqlite3_stmt *ins = store_stmt(
		st, "INSERT INTO cinema.weeks(week, version, published_at, current, week_start, metric,"
		    " model_id, share, replay, details) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)");
	if (!ins)
		return -1;
	sqlite3_bind_text(ins, 1, w->week, -1, SQLITE_STATIC);
	sqlite3_bind_int(ins, 2, v);
	sqlite3_bind_text(ins, 3, published_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, w->week_start, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 5, w->metric, -1, SQLITE_STATIC);
	if (w->model_id > 0)
		sqlite3_bind_int64(ins, 6, w->model_id);
	else
		sqlite3_bind_null(ins, 6);
	sqlite3_bind_double(ins, 7, w->share);
	sqlite3_bind_int(ins, 8, w->replay);
	sqlite3_bind_text(ins, 9, w->details, -1, SQLITE_STATIC);
	if (store_step_done(st, ins, "publishing a week") != 0)
		return -1;
	for (size_t i = 0; i < w->n_candidates; i++) {
		const struct record_candidate *c = &w->candidates[i];
		sqlite3_stmt *q = store_stmt(
			st, "INSERT INTO cinema.candidates(week, version, film_key, slug, title,"
			    " release_date, predicted, lower, upper, national, rank)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		if (!q)
			return -1;
		sqlite3_bind_text(q, 1, w->week, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, v);
		sqlite3_bind_text(q, 3, c->film_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, c->slug, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, c->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, c->release_date, -1, SQLITE_STATIC);
		sqlite3_bind_double(q, 7, c->predicted);
		sqlite3_bind_double(q, 8, c->lower);
		sqlite3_bind_double(q, 9, c->upper);
		sqlite3_bind_double(q, 10, c->national);
		sqlite3_bind_int(q, 11, c->rank);
		if (store_step_done(st, q, "publishing a candidate") != 0)
			return -1;
	}
	for (size_t i = 0; i < w->n_picks; i++) {
		const struct record_pick *p = &w->picks[i];
		sqlite3_stmt *q = store_stmt(
			st, "INSERT INTO cinema.picks(week, version, screen, seats, capacity, film_key,"
			    " expected_attendance, expected_revenue) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
		if (!q)
			return -1;
		sqlite3_bind_text(q, 1, w->week, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, v);
		sqlite3_bind_text(q, 3, p->screen, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 4, p->seats);
		sqlite3_bind_double(q, 5, p->capacity);
		sqlite3_bind_text(q, 6, p->film_key, -1, SQLITE_STATIC);
		sqlite3_bind_double(q, 7, p->expected_attendance);
		sqlite3_bind_double(q, 8, p->expected_revenue);
		if (store_step_done(st, q, "publishing a pick") != 0)
			return -1;
	}
	*version = v;
	return 0;
}

int store_weeks_published(struct store *st, struct published_week **out, size_t *n)
{
	sqlite3_stmt *q = store_stmt(
		st, "SELECT week, details, version FROM cinema.weeks WHERE current = 1 ORDER BY week");
	if (!q)
		return -1;
	struct published_week *list = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		list = xgrow(list, &cap, count + 1, sizeof *list);
		list[count].week = store_column_copy(q, 0);
		list[count].details = store_column_copy(q, 1);
		list[count].version = sqlite3_column_int(q, 2);
		count++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		published_weeks_free(list, count);
		return store_fail(st, "reading published weeks");
	}
	*out = list;
	*n = count;
	return 0;
}

void published_weeks_free(struct published_week *weeks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(weeks[i].week);
		free(weeks[i].details);
	}
	free(weeks);
}

int store_week_best_pick(struct store *st, const char *week, struct previous_pick *out,
			 bool *found)
{
	sqlite3_stmt *q = store_stmt(
		st, "SELECT w.week, c.film_key, c.slug, c.title, c.release_date, c.predicted, c.lower,"
		    " c.upper, c.national FROM cinema.weeks w JOIN cinema.picks p"
		    " ON p.week = w.week AND p.version = w.version"
		    " JOIN cinema.candidates c ON c.week = w.week AND c.version = w.version"
		    "   AND c.film_key = p.film_key"
		    " WHERE w.current = 1 AND w.week = ? ORDER BY p.capacity DESC, p.screen LIMIT 1");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	if (*found) {
		out->week = store_column_copy(q, 0);
		out->film_key = store_column_copy(q, 1);
		out->slug = store_column_copy(q, 2);
		out->title = store_column_copy(q, 3);
		out->release_date = store_column_copy(q, 4);
		out->predicted = sqlite3_column_double(q, 5);
		out->lower = sqlite3_column_double(q, 6);
		out->upper = sqlite3_column_double(q, 7);
		out->national = sqlite3_column_double(q, 8);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "reading last week's pick");
	return 0;
}

void previous_pick_clear(struct previous_pick *p)
{
	free(p->week);
	free(p->film_key);
	free(p->slug);
	free(p->title);
	free(p->release_date);
	memset(p, 0, sizeof *p);
}

int store_week_film_find(struct store *st, const char *week, const char *film,
			 struct week_film_ref *ref, bool *found)
{
	sqlite3_stmt *q = store_stmt(
		st, "SELECT c.film_key, c.title FROM cinema.candidates c JOIN cinema.weeks w"
		    " ON w.week = c.week AND w.version = c.version AND w.current = 1"
		    " WHERE c.week = ?1 AND (c.film_key = ?2 OR c.slug = ?2 OR c.title = ?2 COLLATE NOCASE)"
		    " ORDER BY c.film_key = ?2 DESC, c.slug = ?2 DESC");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, film, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*found = false;
	if (rc == SQLITE_ROW) {
		bool exact = strcmp((const char *)sqlite3_column_text(q, 0), film) == 0;
		ref->film_key = store_column_copy(q, 0);
		ref->title = store_column_copy(q, 1);
		*found = true;
		if (!exact && sqlite3_step(q) == SQLITE_ROW) {
			msg_error("\"%s\" names several films of %s; use the film's key (%s or %s)", film,
				  week, ref->film_key, (const char *)sqlite3_column_text(q, 0));
			free(ref->film_key);
			free(ref->title);
			sqlite3_reset(q);
			return -1;
		}
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(q);
		return store_fail(st, "finding a film");
	}
	sqlite3_reset(q);
	return 0;
}

int store_actual_put(struct store *st, const char *week, const char *film_key, long admissions,
		     double revenue, const char *source, const char *recorded_at, bool replace,
		     enum actual_change *change, long *old_admissions)
{
	sqlite3_stmt *q = store_stmt(
		st, "SELECT admissions, revenue FROM cinema.actuals WHERE week = ? AND film_key = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, film_key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		long old = (long)sqlite3_column_int64(q, 0);
		bool had_revenue = sqlite3_column_type(q, 1) != SQLITE_NULL;
		double old_revenue = sqlite3_column_double(q, 1);
		sqlite3_reset(q);
		*old_admissions = old;
		bool same = old == admissions &&
			    (revenue < 0 ? !had_revenue : had_revenue && old_revenue == revenue);
		*change = same ? ACTUAL_SAME : replace ? ACTUAL_REPLACED : ACTUAL_CONFLICT;
		if (*change != ACTUAL_REPLACED)
			return 0;
	} else {
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_fail(st, "reading actuals");
		*change = ACTUAL_ADDED;
	}
	sqlite3_stmt *ins = store_stmt(
		st, "INSERT OR REPLACE INTO cinema.actuals(week, film_key, admissions, revenue,"
		    " recorded_at, source) VALUES (?, ?, ?, ?, ?, ?)");
	if (!ins)
		return -1;
	sqlite3_bind_text(ins, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, film_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 3, admissions);
	if (revenue >= 0)
		sqlite3_bind_double(ins, 4, revenue);
	else
		sqlite3_bind_null(ins, 4);
	sqlite3_bind_text(ins, 5, recorded_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 6, source, -1, SQLITE_STATIC);
	return store_step_done(st, ins, "recording actuals");
}

int store_actuals_list(struct store *st, struct actual_row **out, size_t *n)
{
	sqlite3_stmt *q = store_stmt(
		st, "SELECT a.week, a.film_key, a.admissions, coalesce(a.revenue, -1),"
		    " coalesce(c.national, 0),"
		    " coalesce((SELECT sum(p.capacity) FROM cinema.picks p WHERE p.week = w.week"
		    "   AND p.version = w.version AND p.film_key = a.film_key), 0)"
		    " FROM cinema.actuals a JOIN cinema.weeks w ON w.week = a.week AND w.current = 1"
		    " LEFT JOIN cinema.candidates c ON c.week = w.week AND c.version = w.version"
		    "   AND c.film_key = a.film_key"
		    " ORDER BY a.week, a.film_key");
	if (!q)
		return -1;
	struct actual_row *list = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		list = xgrow(list, &cap, count + 1, sizeof *list);
		list[count] = (struct actual_row){
			.week = store_column_copy(q, 0),
			.film_key = store_column_copy(q, 1),
			.admissions = (long)sqlite3_column_int64(q, 2),
			.revenue = sqlite3_column_double(q, 3),
			.national = sqlite3_column_double(q, 4),
			.capacity = sqlite3_column_double(q, 5),
		};
		count++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		actual_rows_free(list, count);
		return store_fail(st, "reading actuals");
	}
	*out = list;
	*n = count;
	return 0;
}

void actual_rows_free(struct actual_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].week);
		free(rows[i].film_key);
	}
	free(rows);
}

int store_override_set(struct store *st, const char *week, const char *film_key,
		       const char *action, const char *note, const char *created_at)
{
	sqlite3_stmt *q;
	if (!action) {
		q = store_stmt(st, "DELETE FROM cinema.overrides WHERE week = ? AND film_key = ?");
		if (!q)
			return -1;
		sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, film_key, -1, SQLITE_STATIC);
		return store_step_done(st, q, "clearing an override");
	}
	q = store_stmt(st, "INSERT OR REPLACE INTO cinema.overrides(week, film_key, action, note,"
			   " created_at) VALUES (?, ?, ?, ?, ?)");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, film_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, action, -1, SQLITE_STATIC);
	store_bind_text(q, 4, note);
	sqlite3_bind_text(q, 5, created_at, -1, SQLITE_STATIC);
	return store_step_done(st, q, "recording an override");
}

int store_overrides_list(struct store *st, const char *week, struct override_row **out, size_t *n)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT film_key, action, note FROM cinema.overrides"
					 " WHERE week = ? ORDER BY film_key");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	struct override_row *list = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		list = xgrow(list, &cap, count + 1, sizeof *list);
		list[count].film_key = store_column_copy(q, 0);
		list[count].action = store_column_copy(q, 1);
		list[count].note = store_column_copy(q, 2);
		count++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		override_rows_free(list, count);
		return store_fail(st, "reading overrides");
	}
	*out = list;
	*n = count;
	return 0;
}

void override_rows_free(struct override_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].film_key);
		free(rows[i].action);
		free(rows[i].note);
	}
	free(rows);
}

/* ---- export and restore ---- */

const char *const store_cinema_tables[] = { "weeks", "candidates", "picks", "actuals",
					    "overrides" };
const size_t store_cinema_n_tables = sizeof store_cinema_tables / sizeof *store_cinema_tables;

static const char *const export_sql[] = {
	"SELECT * FROM cinema.weeks ORDER BY week, version",
	"SELECT * FROM cinema.candidates ORDER BY week, version, film_key",
	"SELECT * FROM cinema.picks ORDER BY week, version, screen",
	"SELECT * FROM cinema.actuals ORDER BY week, film_key",
	"SELECT * FROM cinema.overrides ORDER BY week, film_key",
};

static int table_index(const char *table)
{
	for (size_t i = 0; i < store_cinema_n_tables; i++)
		if (strcmp(store_cinema_tables[i], table) == 0)
			return (int)i;
	return -1;
}

/*
 * A double as the shortest text that reads back as the same double (cJSON
 * prints 15 digits when they come within an epsilon, which loses the last
 * bits: a restore would not give the records back as they were). Not
 * finite (never stored by marquee): null, which a restore refuses.
 */
static void exact_number(double x, char out[32])
{
	if (!isfinite(x)) {
		snprintf(out, 32, "null");
		return;
	}
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(out, 32, "%.*g", digits, x);
		if (strtod(out, NULL) == x)
			return;
	}
}

int store_cinema_export(struct store *st, const char *table, struct buf *out)
{
	int t = table_index(table);
	if (t < 0) {
		msg_error("no table \"%s\" in cinema.db", table);
		return -1;
	}
	sqlite3_stmt *q = store_stmt(st, export_sql[t]);
	if (!q)
		return -1;
	int rc;
	char number[32];
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		cJSON *row = cJSON_CreateObject();
		for (int c = 0; c < sqlite3_column_count(q); c++) {
			const char *name = sqlite3_column_name(q, c);
			switch (sqlite3_column_type(q, c)) {
			case SQLITE_INTEGER:
				snprintf(number, sizeof number, "%lld",
					 (long long)sqlite3_column_int64(q, c));
				cJSON_AddRawToObject(row, name, number);
				break;
			case SQLITE_FLOAT:
				exact_number(sqlite3_column_double(q, c), number);
				cJSON_AddRawToObject(row, name, number);
				break;
			case SQLITE_NULL:
				cJSON_AddNullToObject(row, name);
				break;
			default:
				cJSON_AddStringToObject(row, name, (const char *)sqlite3_column_text(q, c));
			}
		}
		char *line = cJSON_PrintUnformatted(row);
		buf_puts(out, line);
		buf_putc(out, '\n');
		free(line);
		cJSON_Delete(row);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "exporting records");
}

int store_cinema_rows(struct store *st, long *rows)
{
	sqlite3_stmt *q = store_stmt(
		st, "SELECT (SELECT count(*) FROM cinema.weeks) + (SELECT count(*) FROM cinema.actuals)"
		    " + (SELECT count(*) FROM cinema.overrides)");
	if (!q)
		return -1;
	if (sqlite3_step(q) != SQLITE_ROW)
		return store_fail(st, "counting records");
	*rows = (long)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return 0;
}

/*
 * Why a value read back from a records file cannot go into its column, or
 * NULL: SQLite would store text in an INTEGER column (and a CHECK >= 0
 * would pass, text ranking above numbers), so the file's types are checked
 * against the column's, and the text that has a form (a week, the JSON of
 * a published week) against that form. NOT NULL is left to SQLite. why is
 * room for the reason, which may be returned.
 */
static const char *restored_value_error(const char *name, const char *type, const cJSON *v,
					char why[UTF8_WHY])
{
	if (cJSON_IsNull(v))
		return NULL;
	/* 1e999 reads as infinity, which an export writes as null */
	if (cJSON_IsNumber(v) && !isfinite(v->valuedouble))
		return "expected a finite number";
	if (strstr(type, "INT"))
		return cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble) &&
				       fabs(v->valuedouble) < 9e15
			       ? NULL
			       : "expected a whole number";
	if (strcmp(type, "REAL") == 0)
		return cJSON_IsNumber(v) ? NULL : "expected a number";
	if (!cJSON_IsString(v))
		return "expected text";
	/* text as every way in checks it, so that an export gives it back */
	if (utf8_check(v->valuestring, why) != 0)
		return why;
	long monday;
	if (strcmp(name, "week") == 0 && date_parse_week(v->valuestring, &monday) != 0)
		return "expected a week such as 2024-W27";
	if (strcmp(name, "details") == 0) {
		cJSON *parsed = cJSON_Parse(v->valuestring);
		bool object = cJSON_IsObject(parsed);
		cJSON_Delete(parsed);
		if (!object)
			return "expected the JSON of the week as published";
	}
	return NULL;
}

int store_cinema_import_row(struct store *st, const char *table, const char *json,
			    const char *where)
{
	if (table_index(table) < 0) {
		msg_error("%sno table \"%s\" in cinema.db", where, table);
		return -1;
	}
	cJSON *row = cJSON_Parse(json);
	if (!cJSON_IsObject(row)) {
		msg_error("%snot a JSON object", where);
		cJSON_Delete(row);
		return -1;
	}
	/* Column names come from the table itself, never from the file. */
	char *info_sql = xasprintf("SELECT name, type FROM pragma_table_info('%s', 'cinema')", table);
	sqlite3_stmt *info;
	int rc = -1;
	struct buf cols = BUF_INIT, marks = BUF_INIT;
	const char *names[32];
	int n = 0;
	char *sql = NULL;
	sqlite3_stmt *ins = NULL;
	if (sqlite3_prepare_v2(st->db, info_sql, -1, &info, NULL) != SQLITE_OK) {
		store_fail(st, "reading the records' columns");
		goto out;
	}
	while (sqlite3_step(info) == SQLITE_ROW && n < 32) {
		const char *name = (const char *)sqlite3_column_text(info, 0);
		const char *type = (const char *)sqlite3_column_text(info, 1);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, name);
		if (!v)
			continue;
		char text_why[UTF8_WHY];
		const char *why = restored_value_error(name, type, v, text_why);
		if (why) {
			msg_error("%s%s: %s", where, name, why);
			sqlite3_finalize(info);
			goto out;
		}
		buf_printf(&cols, "%s%s", n ? ", " : "", name);
		buf_printf(&marks, "%s?", n ? ", " : "");
		names[n++] = cJSON_GetObjectItemCaseSensitive(row, name)->string;
	}
	sqlite3_finalize(info);
	if (n != cJSON_GetArraySize(row)) {
		msg_error("%sa column is not in table %s", where, table);
		goto out;
	}
	sql = xasprintf("INSERT INTO cinema.%s(%s) VALUES (%s)", table, buf_str(&cols),
			buf_str(&marks));
	if (sqlite3_prepare_v2(st->db, sql, -1, &ins, NULL) != SQLITE_OK) {
		store_fail(st, "restoring records");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, names[i]);
		if (cJSON_IsNumber(v)) {
			if (v->valuedouble == floor(v->valuedouble) && fabs(v->valuedouble) < 9e15)
				sqlite3_bind_int64(ins, i + 1, (sqlite3_int64)v->valuedouble);
			else
				sqlite3_bind_double(ins, i + 1, v->valuedouble);
		} else if (cJSON_IsString(v)) {
			sqlite3_bind_text(ins, i + 1, v->valuestring, -1, SQLITE_STATIC);
		} else if (cJSON_IsNull(v)) {
			sqlite3_bind_null(ins, i + 1);
		} else {
			msg_error("%s%s: expected a number, text or null", where, names[i]);
			goto out;
		}
	}
	if (sqlite3_step(ins) != SQLITE_DONE) {
		msg_error("%s%s", where, sqlite3_errmsg(st->db));
		goto out;
	}
	/* an actual is of a film published for its week, a pick of one of its
	 * version's candidates (candidates come first) */
	const cJSON *week = cJSON_GetObjectItemCaseSensitive(row, "week");
	const cJSON *film = cJSON_GetObjectItemCaseSensitive(row, "film_key");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(row, "version");
	bool pick = strcmp(table, "picks") == 0;
	if ((strcmp(table, "actuals") == 0 || pick) && cJSON_IsString(week) && cJSON_IsString(film)) {
		sqlite3_stmt *q = store_stmt(st, "SELECT 1 FROM cinema.candidates WHERE week = ?1 AND"
						 " film_key = ?2 AND (?3 IS NULL OR version = ?3)");
		if (!q)
			goto out;
		sqlite3_bind_text(q, 1, week->valuestring, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, film->valuestring, -1, SQLITE_STATIC);
		if (pick && cJSON_IsNumber(version))
			sqlite3_bind_int64(q, 3, (sqlite3_int64)version->valuedouble);
		else
			sqlite3_bind_null(q, 3);
		bool candidate = sqlite3_step(q) == SQLITE_ROW;
		sqlite3_reset(q);
		if (!candidate) {
			msg_error("%s%s was not among the films published for %s", where,
				  film->valuestring, week->valuestring);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(ins);
	free(sql);
	free(info_sql);
	buf_free(&cols);
	buf_free(&marks);
	cJSON_Delete(row);
	return rc;
}
