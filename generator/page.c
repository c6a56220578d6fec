/* Reading a page: front matter, standard keys, charts, output path. */
#include "generator/page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/hash.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/chart.h"
#include "generator/frontmatter.h"
#include "generator/markdown.h"

char *page_sanitize(const char *component, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)component[i];
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c >= 0x80;
		out[n++] = keep ? (char)c : '-';
	}
	out[n] = '\0';
	for (size_t i = 0; i < n && out[i] == '.'; i++)
		out[i] = '-';
	return out;
}

static bool plain_number(const char *s)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!(*p >= '0' && *p <= '9') && !(*p == '.' && p[1] >= '0' && p[1] <= '9'))
		return false;
	/* "0x1f", "1_000", dates and versions stay text */
	char *end;
	double v = strtod(s, &end);
	(void)v;
	if (*end != '\0')
		return false;
	for (p = s; *p; p++)
		if (!strchr("0123456789+-.eE", *p))
			return false;
	return true;
}

cJSON *page_yaml_to_json(const struct ytree *node)
{
	switch (node->type) {
	case YTREE_SCALAR: {
		const char *v = node->value ? node->value : "";
		if (node->quoted)
			return cJSON_CreateString(v);
		if (!*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
		    strcmp(v, "NULL") == 0)
			return cJSON_CreateNull();
		if (strcmp(v, "true") == 0 || strcmp(v, "True") == 0 || strcmp(v, "TRUE") == 0)
			return cJSON_CreateTrue();
		if (strcmp(v, "false") == 0 || strcmp(v, "False") == 0 || strcmp(v, "FALSE") == 0)
			return cJSON_CreateFalse();
		if (plain_number(v))
			return cJSON_CreateNumber(strtod(v, NULL));
		return cJSON_CreateString(v);
	}
	case YTREE_SEQ: {
		cJSON *a = cJSON_CreateArray();
		for (size_t i = 0; i < node->n_items; i++)
			cJSON_AddItemToArray(a, page_yaml_to_json(node->items[i]));
		return a;
	}
	case YTREE_MAP: {
		cJSON *o = cJSON_CreateObject();
		for (size_t i = 0; i < node->n_items; i++)
			cJSON_AddItemToObject(o, node->keys[i], page_yaml_to_json(node->items[i]));
		return o;
	}
	}
	return cJSON_CreateNull();
}

void page_free(struct page *page)
{
	if (!page)
		return;
	free(page->src);
	free(page->dir);
	free(page->out);
	free(page->url);
	free(page->layout);
	free(page->body);
	cJSON_Delete(page->params);
	cJSON_Delete(page->charts);
	free(page->members);
	for (size_t i = 0; i < page->n_aliases; i++)
		free(page->aliases[i]);
	free(page->aliases);
	free(page->alias_lines);
	free(page);
}

static bool is_text(const struct ytree *n)
{
	return n && n->type == YTREE_SCALAR;
}

/* The output path and URL of a page, from its place and slug. */
static int place(struct page *p, const char *rel, const char *slug, const char *base_url)
{
	struct buf path = BUF_INIT;
	const char *s = rel;
	const char *last_slash = strrchr(rel, '/');
	/* every folder component, sanitised */
	while (last_slash && s < last_slash) {
		const char *slash = strchr(s, '/');
		char *c = page_sanitize(s, (size_t)(slash - s));
		if (*c) {
			buf_puts(&path, c);
			buf_putc(&path, '/');
		}
		free(c);
		s = slash + 1;
	}
	p->dir = xstrndup(path.data ? path.data : "", path.len ? path.len - 1 : 0);
	const char *base = last_slash ? last_slash + 1 : rel;
	if (strcmp(base, "_index.md") == 0) {
		p->is_list = true;
	} else {
		char *c = slug ? page_sanitize(slug, strlen(slug))
			       : page_sanitize(base, strlen(base) - 3);
		if (!*c) {
			free(c);
			buf_free(&path);
			return -1;
		}
		buf_puts(&path, c);
		buf_putc(&path, '/');
		free(c);
	}
	p->url = xstrdup(buf_str(&path));
	p->out = xasprintf("%sindex.html", buf_str(&path));
	buf_free(&path);
	char *permalink = xasprintf("%s%s", base_url, p->url);
	cJSON_AddStringToObject(p->params, "url", p->url);
	cJSON_AddStringToObject(p->params, "permalink", permalink);
	free(permalink);
	const char *slash = strchr(p->dir, '/');
	char *section = xstrndup(p->dir, slash ? (size_t)(slash - p->dir) : strlen(p->dir));
	cJSON_AddStringToObject(p->params, "section", section);
	free(section);
	cJSON_AddStringToObject(p->params, "kind",
				!p->is_list ? "page" : *p->dir ? "section" : "home");
	return 0;
}

struct page *page_new_list(const char *dir, const char *base_url)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->params = cJSON_CreateObject();
	const char *name = strrchr(dir, '/');
	name = name ? name + 1 : dir;
	cJSON_AddStringToObject(p->params, "title", name);
	char *rel = *dir ? xasprintf("%s/_index.md", dir) : xstrdup("_index.md");
	place(p, rel, NULL, base_url);
	free(rel);
	p->layout = xstrdup(*dir ? "list" : "home");
	p->title = cJSON_GetObjectItemCaseSensitive(p->params, "title")->valuestring;
	p->meta_hash = hash_bytes(HASH_SEED, "made-up list ", 13); /* no file: the folder alone */
	p->meta_hash = hash_bytes(p->meta_hash, dir, strlen(dir) + 1);
	p->loc_hash = hash_bytes(HASH_SEED, p->url, strlen(p->url) + 1);
	return p;
}

static int check_keys(struct page *p, const struct ytree *fm, const char *src)
{
	const struct ytree *n;
	if ((n = ytree_get(fm, "title")) && !is_text(n)) {
		msg_error("%s:%d: front matter: title must be text, not %s", src, n->line,
			  ytree_type_name(n));
		return -1;
	}
	if ((n = ytree_get(fm, "description")) && !is_text(n)) {
		msg_error("%s:%d: front matter: description must be text, not %s", src, n->line,
			  ytree_type_name(n));
		return -1;
	}
	if ((n = ytree_get(fm, "date"))) {
		long days;
		char d[11] = "";
		if (is_text(n) && n->value && strlen(n->value) >= 10)
			memcpy(d, n->value, 10);
		if (!is_text(n) || !n->value || strlen(n->value) < 10 ||
		    (n->value[10] && n->value[10] != 'T' && n->value[10] != ' ') ||
		    d[4] != '-' || date_parse(d, &days) != 0) {
			msg_error("%s:%d: front matter: date \"%s\" is not a date (YYYY-MM-DD)", src,
				  n->line, is_text(n) && n->value ? n->value : "");
			return -1;
		}
		memcpy(p->date, d, 11);
	}
	if ((n = ytree_get(fm, "draft"))) {
		if (!is_text(n) || n->quoted || !n->value ||
		    (strcmp(n->value, "true") != 0 && strcmp(n->value, "false") != 0)) {
			msg_error("%s:%d: front matter: draft must be true or false", src, n->line);
			return -1;
		}
		p->draft = strcmp(n->value, "true") == 0;
	}
	if ((n = ytree_get(fm, "weight"))) {
		char *end = NULL;
		p->weight = is_text(n) && n->value ? strtod(n->value, &end) : NAN;
		if (!end || *end || !isfinite(p->weight)) {
			msg_error("%s:%d: front matter: weight must be a number", src, n->line);
			return -1;
		}
	}
	if ((n = ytree_get(fm, "layout"))) {
		const char *v = is_text(n) && n->value ? n->value : "";
		if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(v)) {
			msg_error("%s:%d: front matter: layout \"%s\" must be a name of lower-case "
				  "letters, digits, '-' or '_'", src, n->line, v);
			return -1;
		}
		p->layout = xstrdup(v);
		p->layout_line = n->line;
	}
	if ((n = ytree_get(fm, "slug"))) {
		if (!is_text(n) || !n->value || !*n->value) {
			msg_error("%s:%d: front matter: slug must be non-empty text", src, n->line);
			return -1;
		}
	}
	if ((n = ytree_get(fm, "aliases"))) {
		if (n->type != YTREE_SEQ) {
			msg_error("%s:%d: front matter: aliases must be a list of paths", src, n->line);
			return -1;
		}
		p->aliases = xcalloc(n->n_items + 1, sizeof *p->aliases);
		p->alias_lines = xcalloc(n->n_items + 1, sizeof *p->alias_lines);
		for (size_t i = 0; i < n->n_items; i++) {
			const struct ytree *a = n->items[i];
			if (!is_text(a) || !a->value) {
				msg_error("%s:%d: front matter: aliases: each must be a path", src,
					  a->line);
				return -1;
			}
			/* "/old/path/" -> "old/path/index.html", each part sanitised */
			struct buf out = BUF_INIT;
			const char *s = a->value;
			while (*s) {
				size_t len = strcspn(s, "/");
				if (len) {
					char *c = page_sanitize(s, len);
					if (strcmp(c, "-") != 0 && *c) {
						buf_puts(&out, c);
						buf_putc(&out, '/');
					}
					free(c);
				}
				s += len;
				while (*s == '/')
					s++;
			}
			if (!out.len) {
				msg_error("%s:%d: front matter: alias \"%s\" names no page", src, a->line,
					  a->value);
				buf_free(&out);
				return -1;
			}
			buf_puts(&out, "index.html");
			p->alias_lines[p->n_aliases] = a->line;
			p->aliases[p->n_aliases++] = buf_detach(&out);
		}
	}
	return 0;
}

struct page *page_load(const char *src, const char *rel, const char *base_url, const char *lang)
{
	size_t len;
	char *text = file_read_all(src, &len);
	if (!text)
		return NULL;
	struct page *p = xcalloc(1, sizeof *p);
	p->src = xstrdup(src);
	p->src_hash = hash_bytes(HASH_SEED, text, len);
	struct front_matter front = { 0 };
	if (fm_read(text, len, src, FM_MAX_BYTES, &front) != 0)
		goto fail;
	const struct ytree *fm = front.tree;
	size_t fm_start = front.start, fm_end = front.end;
	p->body_offset = front.body;
	if (check_keys(p, fm, src) != 0)
		goto fail;
	p->params = page_yaml_to_json(fm);
	const cJSON *slug = cJSON_GetObjectItemCaseSensitive(p->params, "slug");
	if (place(p, rel, cJSON_IsString(slug) ? slug->valuestring : NULL, base_url) != 0) {
		msg_error("%s:1: front matter: the slug leaves no usable file name", src);
		goto fail;
	}
	if (!p->layout)
		p->layout = xstrdup(!p->is_list ? "single" : *p->dir ? "list" : "home");
	cJSON *title = cJSON_GetObjectItemCaseSensitive(p->params, "title");
	if (!cJSON_IsString(title)) {
		cJSON_DeleteItemFromObjectCaseSensitive(p->params, "title");
		const char *base = strrchr(rel, '/');
		cJSON_AddStringToObject(p->params, "title", base ? base + 1 : rel);
		title = cJSON_GetObjectItemCaseSensitive(p->params, "title");
	}
	p->title = title->valuestring;
	const cJSON *menu = cJSON_GetObjectItemCaseSensitive(p->params, "menu");
	p->in_menu = cJSON_IsNumber(menu) || cJSON_IsTrue(menu);
	p->menu_weight = cJSON_IsNumber(menu) ? menu->valuedouble : 1e9;
	/* the params other pages see are made from the path and the front matter */
	p->meta_hash = hash_bytes(HASH_SEED, rel, strlen(rel) + 1);
	p->meta_hash = hash_bytes(p->meta_hash, text + fm_start, fm_start ? fm_end - fm_start : 0);
	p->loc_hash = hash_bytes(hash_bytes(HASH_SEED, p->url, strlen(p->url) + 1), p->date,
				 strlen(p->date));

	const struct ytree *charts = ytree_get(fm, "charts");
	if (charts) {
		const cJSON *spec = cJSON_GetObjectItemCaseSensitive(p->params, "charts");
		if (charts->type != YTREE_MAP) {
			msg_error("%s:%d: front matter: charts must be a mapping of names to charts",
				  src, charts->line);
			goto fail;
		}
		p->charts = cJSON_CreateObject();
		const cJSON *c;
		cJSON_ArrayForEach(c, spec)
		{
			size_t i = 0;
			while (i < charts->n_items && strcmp(charts->keys[i], c->string) != 0)
				i++;
			char *where = xasprintf("%s:%d", src,
						i < charts->n_items ? charts->items[i]->line : charts->line);
			char *id = page_sanitize(c->string, strlen(c->string));
			char *html = chart_render(c, id, lang, where);
			free(id);
			free(where);
			if (!html)
				goto fail;
			cJSON_AddItemToObject(p->charts, c->string, cJSON_CreateString(html));
			free(html);
		}
	}
	size_t body_at = p->body_offset <= len ? p->body_offset : len;
	int body_line = 1;
	for (size_t i = 0; i < body_at; i++)
		body_line += text[i] == '\n';
	/* cmark-gfm's time and memory grow faster than the text in places: the
	 * text is held to limits before it gets there (when rendering, after
	 * every check has passed, would be too late to refuse the page) */
	if (md_check(text + body_at, len - body_at, &md_limits_default, src, body_line) != 0)
		goto fail;
	p->body = xstrdup(text + body_at);
	fm_free(&front);
	free(text);
	return p;
fail:
	fm_free(&front);
	free(text);
	page_free(p);
	return NULL;
}

char *page_body_html(const struct page *page, bool unsafe_html)
{
	if (!page->body)
		return xstrdup("");
	return md_render(page->body, strlen(page->body), unsafe_html);
}

int page_compare(const void *a, const void *b)
{
	const struct page *x = *(const struct page *const *)a, *y = *(const struct page *const *)b;
	/* weighted pages first, by weight */
	if ((x->weight != 0) != (y->weight != 0))
		return x->weight != 0 ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	int c = strcmp(y->date, x->date);
	if (c)
		return c;
	c = strcmp(x->title, y->title);
	if (c)
		return c;
	return strcmp(x->out, y->out);
}
