/*
 * Small helpers around cJSON for the JSON Marquee writes and reads back:
 * numbers rounded so that files stay short and byte-stable, string lists,
 * and lenient getters that give a default for a missing or mistyped key.
 */
#ifndef MARQUEE_JSON_H
#define MARQUEE_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Adds x rounded to decimals, or null when x is not finite. */
void json_number(cJSON *obj, const char *key, double x, int decimals);
/* A new JSON array of the strings (copied). */
cJSON *json_strings(char *const *items, size_t n);
/* The number at key, or NAN when absent or not a number. */
double json_num(const cJSON *obj, const char *key);
/* The string at key (borrowed), or "" when absent or not a string. */
const char *json_str(const cJSON *obj, const char *key);
/* A copy of the string at key (owned), or NULL when absent or not a string. */
char *json_strdup(const cJSON *obj, const char *key);
/* The strings of the array at key, copied (owned, *n of them); other items skipped. */
char **json_string_list(const cJSON *obj, const char *key, size_t *n);
/* The whole text of a JSON value, unformatted (owned, via xstrdup). */
char *json_print(const cJSON *value);

#endif
