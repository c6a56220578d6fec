/*
 * Private to predictor/sources/tmdb*.c: the checked readers of a TMDB body
 * (tmdb_json.c) that the response parsers (tmdb.c) are built on. Each field
 * reader says whether the value is absent (missing, null, empty), bad (with
 * the reason in why, TMDB_WHY_MAX bytes) or gives it; the _opt readers warn
 * "WHERE: key: reason; left unknown" about a bad value and give "unknown".
 */
#ifndef MARQUEE_TMDB_JSON_H
#define MARQUEE_TMDB_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "predictor/sources/tmdb.h"

#define TMDB_WHY_MAX 96
#define TMDB_STR_(x) #x
#define TMDB_STR(x) TMDB_STR_(x)

enum tmdb_field { TMDB_FIELD_ABSENT, TMDB_FIELD_OK, TMDB_FIELD_BAD };

/*
 * The body parsed, once it passed the bounds of tmdb.h, as an object that is
 * not an error body (owned by the caller: cJSON_Delete). NULL after
 * reporting "WHERE: reason".
 */
cJSON *tmdb_json_response(const char *body, size_t len, const char *where);
/* The member key of obj (borrowed), or NULL. */
const cJSON *tmdb_json_get(const cJSON *obj, const char *key);

/*
 * Text without control characters (multiline allows tab and line breaks),
 * trimmed, in *out (owned; NULL unless OK), cut at cap bytes on a character
 * boundary: then OK with why saying so, else why is "".
 */
enum tmdb_field tmdb_json_text(const cJSON *obj, const char *key, size_t cap, bool multiline,
			       char **out, char *why);
/* A finite number in min..max, whole when asked. */
enum tmdb_field tmdb_json_number(const cJSON *obj, const char *key, double min, double max,
				 bool whole, double *out, char *why);
/* "YYYY-MM-DD", or "YYYY-MM-DDT..." as release_dates write it; "" is absent. */
enum tmdb_field tmdb_json_date(const cJSON *obj, const char *key, long *out, char *why);

/* Owned text or NULL; a cut is silent. */
char *tmdb_json_text_opt(const char *where, const cJSON *obj, const char *key, size_t cap,
			 bool multiline);
double tmdb_json_number_opt(const char *where, const cJSON *obj, const char *key, double min,
			    double max, bool whole, double unknown);
/* A day number or TMDB_NO_DATE. */
long tmdb_json_date_opt(const char *where, const cJSON *obj, const char *key);
/* An image path (tmdb_path_check), owned, or NULL. */
char *tmdb_json_path_opt(const char *where, const cJSON *obj, const char *key);
/* Two ASCII letters, as ISO 3166-1 and 639-1 codes are (NULL is not one). */
bool tmdb_json_code_ok(const char *s);
/* The record's "id", or its required text (cut with a warning): 0, or -1
 * after reporting "WHERE: key: reason" (the record is rejected). */
int tmdb_json_id_required(const char *where, const cJSON *obj, long *id);
int tmdb_json_text_required(const char *where, const cJSON *obj, const char *key, char **out);

/* The array (or object) at key: NULL when absent or null, or another type (warned). */
const cJSON *tmdb_json_part(const char *where, const cJSON *obj, const char *key, bool array);

/* The entries of one list that were skipped, said in one warning. */
struct tmdb_skips {
	const char *where; /* borrowed */
	const char *list;  /* borrowed; "credits.cast" */
	size_t seen, skipped;
	char first[TMDB_WHY_MAX + 48]; /* "[3] name: not text" */
};

/* Counts entry s->seen (the caller counts seen) as skipped; the first reason is kept. */
void tmdb_json_skip(struct tmdb_skips *s, const char *key, const char *why);
/* "WHERE: LIST: N of M entries skipped (first: [i] key: why)", when any was. */
void tmdb_json_skips_report(const struct tmdb_skips *s);
/* Whether a list of kept entries may take one more (below cap); when not,
 * says with -v how many entries the list had. */
bool tmdb_json_room(const struct tmdb_skips *s, const cJSON *list, size_t kept, size_t cap);

#endif
