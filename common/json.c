/* cJSON helpers (json.h). */
#include "common/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

void json_number(cJSON *obj, const char *key, double x, int decimals)
{
	if (!isfinite(x)) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	double f = pow(10, decimals);
	double r = round(x * f) / f;
	cJSON_AddNumberToObject(obj, key, r == 0 ? 0 : r); /* no "-0" */
}

cJSON *json_strings(char *const *items, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
	return a;
}

double json_num(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

const char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

char *json_strdup(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

char **json_string_list(const cJSON *obj, const char *key, size_t *n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key), *v;
	size_t cap = cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
	char **list = xcalloc(cap ? cap : 1, sizeof *list);
	*n = 0;
	if (cap)
		cJSON_ArrayForEach(v, a)
			if (cJSON_IsString(v))
				list[(*n)++] = xstrdup(v->valuestring);
	return list;
}

char *json_print(const cJSON *value)
{
	char *text = cJSON_PrintUnformatted(value);
	char *owned = xstrdup(text ? text : "null");
	cJSON_free(text);
	return owned;
}
