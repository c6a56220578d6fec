/* Front matter: found, bounded, read as JSON or YAML into a struct ytree. */
#include "generator/frontmatter.h"

#include <cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "common/text/utf8.h"
#include "generator/page.h"

/* Finds the front matter: "---" on the first line, up to a "---" or "..." line. */
static int split(const char *text, size_t len, struct front_matter *fm)
{
	size_t first = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		first = 3;
	if (len - first >= 4 && strncmp(text + first, "---\n", 4) == 0)
		fm->start = first + 4;
	else if (len - first >= 5 && strncmp(text + first, "---\r\n", 5) == 0)
		fm->start = first + 5;
	else {
		fm->body = first;
		return 0;
	}
	size_t pos = fm->start;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t line_end = nl ? (size_t)(nl - text) : len;
		size_t l = line_end - pos;
		if (l > 0 && text[line_end - 1] == '\r')
			l--;
		if (l == 3 && (memcmp(text + pos, "---", 3) == 0 || memcmp(text + pos, "...", 3) == 0)) {
			fm->end = pos;
			fm->body = nl ? line_end + 1 : len;
			return 0;
		}
		if (!nl)
			break;
		pos = line_end + 1;
	}
	return -1;
}

/* The file line of text + at, front matter starting on line 2. */
static int line_at(const char *text, size_t at)
{
	int line = 2;
	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	return line;
}

/*
 * The line of each key of the top-level object, in their order: cJSON
 * keeps no lines, and messages name them (a nested value takes its key's).
 * text is JSON that cJSON read, so strings hold no line break.
 */
static int *key_lines(const char *text, size_t len, size_t *n)
{
	int *lines = NULL;
	size_t cap = 0;
	int line = 2, depth = 0, string_line = 0;
	*n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '\n') {
			line++;
		} else if (c == '"') {
			string_line = line;
			for (i++; i < len && text[i] != '"'; i++)
				i += text[i] == '\\';
			size_t k = i + 1;
			while (k < len && strchr(" \t\r\n", text[k]))
				line += text[k++] == '\n';
			if (depth == 1 && k < len && text[k] == ':') {
				lines = xgrow(lines, &cap, *n + 1, sizeof *lines);
				lines[(*n)++] = string_line;
			}
			i = k - 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return lines;
}

struct json_read {
	const char *src;  /* borrowed */
	const int *lines; /* borrowed; the top-level keys' lines */
	size_t n_lines;
	bool failed;
};

/* A cJSON value as a ytree node, as YAML would have made it: strings are
 * quoted scalars; numbers, booleans and null plain ones. */
static struct ytree *from_json(struct json_read *r, const cJSON *v, int line, int depth)
{
	if (depth > YTREE_MAX_DEPTH) {
		if (!r->failed)
			msg_error("%s:%d: front matter: collections nest more than %d deep", r->src,
				  line, YTREE_MAX_DEPTH);
		r->failed = true;
		return NULL;
	}
	struct ytree *n = xcalloc(1, sizeof *n);
	n->line = line;
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		n->type = cJSON_IsObject(v) ? YTREE_MAP : YTREE_SEQ;
		struct strmap keys = STRMAP_INIT;
		size_t i = 0;
		for (const cJSON *c = v->child; c && !r->failed; c = c->next, i++) {
			int at = depth == 1 && i < r->n_lines ? r->lines[i] : line;
			struct ytree *item = from_json(r, c, at, depth + 1);
			if (!item)
				break;
			size_t old_cap = n->cap; /* keys grow with items, as in ytree.c */
			n->items = xgrow(n->items, &n->cap, n->n_items + 1, sizeof *n->items);
			if (n->type == YTREE_MAP) {
				/* as YAML's reader: a key given twice is a mistake, not a choice */
				if (strmap_put(&keys, c->string, item)) {
					msg_error("%s:%d: \"%s\" is given twice in one mapping", r->src, at,
						  c->string);
					r->failed = true;
					ytree_free(item);
					break;
				}
				size_t cap = old_cap;
				n->keys = xgrow(n->keys, &cap, n->n_items + 1, sizeof *n->keys);
				cap = old_cap;
				n->key_lines = xgrow(n->key_lines, &cap, n->n_items + 1, sizeof *n->key_lines);
				n->keys[n->n_items] = xstrdup(c->string);
				n->key_lines[n->n_items] = at;
			}
			n->items[n->n_items++] = item;
		}
		strmap_free(&keys);
		if (r->failed) {
			ytree_free(n);
			return NULL;
		}
		return n;
	}
	n->type = YTREE_SCALAR;
	if (cJSON_IsString(v)) {
		n->value = xstrdup(v->valuestring);
		n->quoted = true;
	} else if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
		char num[32];
		snprintf(num, sizeof num, "%.17g", v->valuedouble);
		n->value = xstrdup(num);
	} else {
		n->value = xstrdup(cJSON_IsTrue(v) ? "true" : cJSON_IsFalse(v) ? "false" : "null");
	}
	return n;
}

/* Front matter written as a JSON object. */
static struct ytree *read_json(const char *text, size_t len, const char *src)
{
	/* cJSON takes any bytes in a string: what YAML's reader refuses, this
	 * one must too, or a title could break the feeds */
	for (size_t i = 0; i < len;) {
		unsigned cp;
		int n = utf8_decode(text + i, &cp);
		if (!n || i + (size_t)n > len) {
			msg_error("%s:%d: front matter: not UTF-8 text", src, line_at(text, i));
			return NULL;
		}
		i += (size_t)n;
	}
	const char *end = NULL;
	cJSON *json = cJSON_ParseWithLengthOpts(text, len, &end, false);
	size_t at = end && end >= text && end <= text + len ? (size_t)(end - text) : len;
	while (json && at < len && strchr(" \t\r\n", text[at]))
		at++;
	if (!json || at < len) {
		msg_error("%s:%d: front matter: starts with \"{\" but is not a JSON object (JSON "
			  "front matter is read as JSON, not as YAML)", src, line_at(text, at));
		cJSON_Delete(json);
		return NULL;
	}
	size_t n_lines;
	int *lines = key_lines(text, len, &n_lines);
	struct json_read r = { src, lines, n_lines, false };
	struct ytree *tree = from_json(&r, json, 2, 1);
	free(lines);
	cJSON_Delete(json);
	return tree;
}

int fm_read(const char *text, size_t len, const char *src, size_t max_bytes,
	    struct front_matter *fm)
{
	*fm = (struct front_matter){ 0 };
	if (split(text, len, fm) != 0) {
		msg_error("%s:1: front matter: no closing \"---\" line", src);
		return -1;
	}
	if (!fm->start) {
		fm->tree = xcalloc(1, sizeof *fm->tree);
		fm->tree->type = YTREE_MAP;
		fm->tree->line = 1;
		return 0;
	}
	const char *s = text + fm->start;
	size_t n = fm->end - fm->start;
	if (n > max_bytes) {
		msg_error("%s:2: front matter: %zu bytes, more than the %zu a page may have", src, n,
			  max_bytes);
		return -1;
	}
	size_t lead = 0;
	while (lead < n && strchr(" \t\r\n", s[lead]))
		lead++;
	fm->tree = lead < n && s[lead] == '{' ? read_json(s, n, src) : ytree_parse(s, n, src, 2);
	if (!fm->tree)
		return -1;
	if (fm->tree->type != YTREE_MAP) {
		msg_error("%s:2: front matter: must be a mapping of keys to values", src);
		fm_free(fm);
		return -1;
	}
	return 0;
}

void fm_free(struct front_matter *fm)
{
	ytree_free(fm->tree);
	*fm = (struct front_matter){ 0 };
}
