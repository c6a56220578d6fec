/*
 * Reading a TMDB body: its bounds before cJSON parses it, error bodies, and
 * the checked readers of fields and lists that tmdb.c builds on (the policy
 * is in tmdb.h). The only file besides tmdb.c that calls cJSON on TMDB data.
 */
#include "predictor/sources/tmdb_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/sources/csv.h"

#define MAX_STATUS_MESSAGE 200

/* ---- the body ---- */

/*
 * What cJSON does not bound or cannot see: nesting (its limit is 1000),
 * the number of values (each a node of ~64 bytes), raw control characters
 * inside strings (JSON forbids them; cJSON lets them through) and \u0000,
 * after which cJSON's C string would silently end. NULL, or the reason with
 * *at set to the byte. *open says whether the body ends inside a string or
 * a bracket: cut short.
 */
static const char *body_scan(const char *body, size_t len, size_t *at, bool *open)
{
	size_t depth = 0, values = 1;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)body[i];
		*at = i;
		if (in_string) {
			if (c == '"') {
				in_string = false;
			} else if (c < 0x20) {
				return "a raw control character inside a string";
			} else if (c == '\\') {
				if (len - i > 5 && memcmp(body + i + 1, "u0000", 5) == 0)
					return "a string holding \\u0000";
				i++;
			}
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			if (++depth > TMDB_MAX_DEPTH)
				return "nested deeper than " TMDB_STR(TMDB_MAX_DEPTH) " levels";
			values++;
		} else if (c == '}' || c == ']') {
			if (depth)
				depth--;
		} else if (c == ',' && ++values > TMDB_MAX_VALUES) {
			return "more than " TMDB_STR(TMDB_MAX_VALUES) " values";
		}
	}
	*open = in_string || depth > 0;
	return NULL;
}

/* The parsed body, or NULL after reporting why (nothing when where is NULL). */
static cJSON *body_tree(const char *body, size_t len, const char *where)
{
	cJSON *root = NULL;
	size_t at = 0;
	const char *why = NULL;
	bool open = false;
	if (len == 0) {
		why = "empty response";
	} else if (len > (size_t)TMDB_MAX_BODY) {
		if (where)
			msg_error("%s: response of %zu bytes, over the limit of %ld", where, len,
				  TMDB_MAX_BODY);
		return NULL;
	} else {
		why = body_scan(body, len, &at, &open);
	}
	if (!why) {
		/* cJSON reads a NUL-terminated copy: it never reads past the body */
		char *text = xmalloc(len + 1);
		memcpy(text, body, len);
		text[len] = '\0';
		const char *end = NULL;
		root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
		at = end ? (size_t)(end - text) : 0;
		if (!root) {
			why = open ? "not JSON, cut short: a string or bracket is left open"
				   : "not JSON";
		} else {
			at += strspn(text + at, " \t\r\n");
			if (at < len) {
				why = "more after the JSON value";
				cJSON_Delete(root);
				root = NULL;
			}
		}
		free(text);
	}
	if (why && where) {
		if (len)
			msg_error("%s: %s at byte %zu", where, why, at);
		else
			msg_error("%s: %s", where, why);
	}
	return root;
}

/* ---- error bodies ---- */

const cJSON *tmdb_json_get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* {"status_code":N,...} without "success":true nor the keys of a real answer. */
static bool is_error_body(const cJSON *root)
{
	return cJSON_IsObject(root) && cJSON_IsNumber(tmdb_json_get(root, "status_code")) &&
	       !cJSON_IsTrue(tmdb_json_get(root, "success")) && !tmdb_json_get(root, "id") &&
	       !tmdb_json_get(root, "results");
}

/* TMDB's text made safe to show: cut, controls and invalid UTF-8 replaced. */
static char *sanitised(const char *s, size_t cap)
{
	bool utf8 = csv_check_text(s) == 0;
	size_t n = strlen(s);
	if (n > cap) {
		n = cap;
		while (utf8 && n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *out = xstrndup(s, n);
	for (unsigned char *p = (unsigned char *)out; *p; p++) {
		bool c1 = utf8 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
		if (*p < 0x20 || *p == 0x7F || (!utf8 && *p >= 0x80) || c1)
			*p = '?';
		if (c1)
			p[1] = '?';
	}
	return out;
}

static char *error_sentence(const cJSON *root, int *status_code)
{
	double code = tmdb_json_get(root, "status_code")->valuedouble;
	int n = isfinite(code) && code >= 0 && code <= 1e6 ? (int)code : -1;
	if (status_code)
		*status_code = n;
	switch (n) {
	case 3:
	case 7:
		return xasprintf("invalid API key (TMDB status %d): check TMDB_API_KEY or "
				 "TMDB_READ_TOKEN",
				 n);
	case 25:
		return xasprintf("rate limit exceeded (TMDB status 25)");
	case 34:
		return xasprintf("not found (TMDB status 34)");
	}
	const cJSON *text = tmdb_json_get(root, "status_message");
	if (!cJSON_IsString(text) || !text->valuestring[0])
		return xasprintf("TMDB status %d, without a message", n);
	char *safe = sanitised(text->valuestring, MAX_STATUS_MESSAGE);
	char *sentence = xasprintf("TMDB status %d: \"%s\"", n, safe);
	free(safe);
	return sentence;
}

char *tmdb_error_message(const char *body, size_t len, int *status_code)
{
	cJSON *root = body_tree(body, len, NULL);
	char *sentence = is_error_body(root) ? error_sentence(root, status_code) : NULL;
	cJSON_Delete(root);
	return sentence;
}

cJSON *tmdb_json_response(const char *body, size_t len, const char *where)
{
	cJSON *root = body_tree(body, len, where);
	if (!root)
		return NULL;
	if (is_error_body(root)) {
		char *sentence = error_sentence(root, NULL);
		msg_error("%s: %s", where, sentence);
		free(sentence);
	} else if (!cJSON_IsObject(root)) {
		msg_error("%s: not a JSON object", where);
	} else {
		return root;
	}
	cJSON_Delete(root);
	return NULL;
}

/* ---- fields: each reader says absent, bad (why) or gives the value ---- */

/* UTF-8 without C0 (bar tab and line breaks when multiline), DEL or C1. */
static bool text_ok(const char *s, bool multiline)
{
	if (csv_check_text(s) != 0 || (!multiline && strpbrk(s, "\t\r\n")))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			return false;
	return true;
}

/* The value at key, or NULL with why "missing" when it is absent or null. */
static const cJSON *present(const cJSON *obj, const char *key, char *why)
{
	const cJSON *v = tmdb_json_get(obj, key);
	if (v && !cJSON_IsNull(v))
		return v;
	snprintf(why, TMDB_WHY_MAX, "missing");
	return NULL;
}

enum tmdb_field tmdb_json_text(const cJSON *obj, const char *key, size_t cap, bool multiline,
			       char **out, char *why)
{
	*out = NULL;
	why[0] = '\0';
	const cJSON *v = present(obj, key, why);
	if (!v)
		return TMDB_FIELD_ABSENT;
	if (!cJSON_IsString(v)) {
		snprintf(why, TMDB_WHY_MAX, "not text");
		return TMDB_FIELD_BAD;
	}
	const char *s = v->valuestring;
	if (!text_ok(s, multiline)) {
		snprintf(why, TMDB_WHY_MAX, "not UTF-8 text, or holds a control character");
		return TMDB_FIELD_BAD;
	}
	s += strspn(s, " \t\r\n");
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (!n) {
		snprintf(why, TMDB_WHY_MAX, "empty");
		return TMDB_FIELD_ABSENT;
	}
	if (n > cap) {
		snprintf(why, TMDB_WHY_MAX, "%zu bytes long: cut to %zu", n, cap);
		n = cap;
		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		/* the cut may end on a space the trim above did not see */
		while (strchr(" \t\r\n", s[n - 1]))
			n--;
	}
	*out = xstrndup(s, n);
	return TMDB_FIELD_OK;
}

enum tmdb_field tmdb_json_number(const cJSON *obj, const char *key, double min, double max,
				 bool whole, double *out, char *why)
{
	const cJSON *v = present(obj, key, why);
	if (!v)
		return TMDB_FIELD_ABSENT;
	if (!cJSON_IsNumber(v)) {
		snprintf(why, TMDB_WHY_MAX, "not a number");
		return TMDB_FIELD_BAD;
	}
	double d = v->valuedouble;
	if (!isfinite(d) || d < min || d > max) {
		snprintf(why, TMDB_WHY_MAX, "%g is outside %g..%g", d, min, max);
		return TMDB_FIELD_BAD;
	}
	if (whole && d != floor(d)) {
		snprintf(why, TMDB_WHY_MAX, "%g is not a whole number", d);
		return TMDB_FIELD_BAD;
	}
	*out = d;
	return TMDB_FIELD_OK;
}

enum tmdb_field tmdb_json_date(const cJSON *obj, const char *key, long *out, char *why)
{
	const cJSON *v = present(obj, key, why);
	const char *s = cJSON_IsString(v) ? v->valuestring : "";
	if (!v || (cJSON_IsString(v) && !s[0])) {
		snprintf(why, TMDB_WHY_MAX, "missing");
		return TMDB_FIELD_ABSENT;
	}
	char day[11];
	size_t n = strlen(s);
	if (n >= 10 && s[4] == '-' && (s[10] == '\0' || s[10] == 'T')) {
		memcpy(day, s, 10);
		day[10] = '\0';
		if (date_parse(day, out) == 0)
			return TMDB_FIELD_OK;
	}
	snprintf(why, TMDB_WHY_MAX, "not a date YYYY-MM-DD from 1800 to 2200");
	return TMDB_FIELD_BAD;
}

char *tmdb_json_text_opt(const char *where, const cJSON *obj, const char *key, size_t cap,
			 bool multiline)
{
	char why[TMDB_WHY_MAX];
	char *s;
	if (tmdb_json_text(obj, key, cap, multiline, &s, why) == TMDB_FIELD_BAD)
		msg_warn("%s: %s: %s; left unknown", where, key, why);
	return s;
}

double tmdb_json_number_opt(const char *where, const cJSON *obj, const char *key, double min,
			    double max, bool whole, double unknown)
{
	char why[TMDB_WHY_MAX];
	double d;
	switch (tmdb_json_number(obj, key, min, max, whole, &d, why)) {
	case TMDB_FIELD_OK:
		return d;
	case TMDB_FIELD_BAD:
		msg_warn("%s: %s: %s; left unknown", where, key, why);
		return unknown;
	default:
		return unknown;
	}
}

long tmdb_json_date_opt(const char *where, const cJSON *obj, const char *key)
{
	char why[TMDB_WHY_MAX];
	long day;
	switch (tmdb_json_date(obj, key, &day, why)) {
	case TMDB_FIELD_OK:
		return day;
	case TMDB_FIELD_BAD:
		msg_warn("%s: %s: %s; left unknown", where, key, why);
		return TMDB_NO_DATE;
	default:
		return TMDB_NO_DATE;
	}
}

char *tmdb_json_path_opt(const char *where, const cJSON *obj, const char *key)
{
	char *path = tmdb_json_text_opt(where, obj, key, TMDB_MAX_TEXT, false);
	if (path && tmdb_path_check(path) != 0) {
		msg_warn("%s: %s: not a TMDB image path; left unknown", where, key);
		free(path);
		path = NULL;
	}
	return path;
}

bool tmdb_json_code_ok(const char *s)
{
	return s && strlen(s) == 2 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "abcdefghijklmnopqrstuvwxyz") == 2;
}

int tmdb_json_id_required(const char *where, const cJSON *obj, long *id)
{
	char why[TMDB_WHY_MAX];
	double d;
	if (tmdb_json_number(obj, "id", 1, TMDB_MAX_ID, true, &d, why) != TMDB_FIELD_OK) {
		msg_error("%s: id: %s", where, why);
		return -1;
	}
	*id = (long)d;
	return 0;
}

int tmdb_json_text_required(const char *where, const cJSON *obj, const char *key, char **out)
{
	char why[TMDB_WHY_MAX];
	if (tmdb_json_text(obj, key, TMDB_MAX_TEXT, false, out, why) != TMDB_FIELD_OK) {
		msg_error("%s: %s: %s", where, key, why);
		return -1;
	}
	if (why[0])
		msg_warn("%s: %s: %s", where, key, why);
	return 0;
}

/* ---- lists ---- */

void tmdb_json_skip(struct tmdb_skips *s, const char *key, const char *why)
{
	if (s->skipped++ == 0)
		snprintf(s->first, sizeof s->first, "[%zu]%s%s: %s", s->seen, key ? " " : "",
			 key ? key : "", why);
}

void tmdb_json_skips_report(const struct tmdb_skips *s)
{
	if (s->skipped)
		msg_warn("%s: %s: %zu of %zu entries skipped (first: %s)", s->where, s->list,
			 s->skipped, s->seen, s->first);
}

const cJSON *tmdb_json_part(const char *where, const cJSON *obj, const char *key, bool array)
{
	const cJSON *v = tmdb_json_get(obj, key);
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (array ? cJSON_IsArray(v) : cJSON_IsObject(v))
		return v;
	msg_warn("%s: %s: not %s; left empty", where, key, array ? "a list" : "an object");
	return NULL;
}

bool tmdb_json_room(const struct tmdb_skips *s, const cJSON *list, size_t kept, size_t cap)
{
	if (kept < cap)
		return true;
	msg_verbose("%s: %s: %d entries, the first %zu usable kept", s->where, s->list,
		    cJSON_GetArraySize(list), cap);
	return false;
}
