/*
 * The theme's declarations (theme.yml, site_internal.h): which section the
 * feeds carry, and views, the other files a theme makes from pages (a card
 * per film for other websites, this week's picks, the page listing them).
 * A view names which pages it applies to, a condition, a layout, an output
 * path and a title (Mustache over the page's frame), and whether an oEmbed
 * answer goes beside it. The generator knows no page names: they are here.
 */
#define _GNU_SOURCE
#include "generator/site/site_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"
#include "common/fileio.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "common/ytree.h"
#include "generator/feeds.h"

struct view {
	char *name;        /* owned; names it in messages */
	int line;          /* of its entry in theme.yml */
	char *kind;        /* owned or NULL; which pages: home, section or page */
	char *section;     /* owned or NULL; ... in this section */
	char *page_layout; /* owned or NULL; ... with this layout */
	char *layout;      /* owned; the layout that renders it */
	bool has_if;       /* a condition (template "N/if") */
	bool has_title;    /* a title (template "N/title"); else the page's */
	int width, height; /* the oEmbed's size; 0: no oEmbed file */
	bool list_views;   /* its frame lists every other view made, as `views` */
};

struct view_item {
	const struct view *view; /* borrowed */
	const struct page *page; /* borrowed */
	char *out;               /* owned; "embed/films/dune/index.html" */
	char *url;               /* owned; its address */
	char *title;             /* owned; plain text */
	char *oembed;            /* owned; where its oEmbed file goes, or NULL */
};

static const char *const top_keys[] = { "feed_section", "feed_json", "views" };
static const char *const view_keys[] = { "name", "pages", "if", "layout", "output",
					 "title", "oembed", "list_views" };
static const char *const pages_keys[] = { "kind", "section", "layout" };

/* Every key of map is one of known; else says which, and the nearest. */
static int known_keys(const char *file, const struct ytree *map, const char *where,
		      const char *const *known, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < map->n_items; i++) {
		size_t k;
		for (k = 0; k < n && strcmp(map->keys[i], known[k]) != 0; k++)
			;
		if (k < n)
			continue;
		const char *near = config_nearest(map->keys[i], known, n);
		msg_error("%s:%d: %s%s: unknown key%s%s%s", file, map->key_lines[i], where,
			  map->keys[i], near ? " (did you mean " : "", near ? near : "",
			  near ? "?)" : "");
		rc = -1;
	}
	return rc;
}

static const char *scalar(const char *file, const struct ytree *map, const char *key,
			  const char *where, int *rc)
{
	const struct ytree *v = ytree_get(map, key);
	if (!v)
		return NULL;
	if (v->type != YTREE_SCALAR) {
		msg_error("%s:%d: %s%s: expected a single value, found %s", file, v->line, where, key,
			  ytree_type_name(v));
		*rc = -1;
		return NULL;
	}
	return v->value;
}

static int add_template(struct site *site, const char *file, const char *name, const char *text)
{
	site->inputs_hash = hash_bytes(hash_bytes(site->inputs_hash, name, strlen(name) + 1), text,
				       strlen(text));
	return tpl_set_add(site->view_tpls, name, file, text, strlen(text));
}

static int size_of(const char *file, const struct ytree *o, const char *key, const char *where,
		   int *out)
{
	int rc = 0;
	const char *text = scalar(file, o, key, where, &rc);
	long v;
	if (!text || parse_long(text, &v) != 0 || v < 50 || v > 5000) {
		msg_error("%s:%d: %soembed.%s: a whole number of pixels from 50 to 5000", file, o->line,
			  where, key);
		return -1;
	}
	*out = (int)v;
	return rc;
}

static int load_view(struct site *site, const char *file, const struct ytree *v, size_t index)
{
	char *where = xasprintf("views[%zu].", index);
	struct view *view = &site->views[site->n_views++];
	memset(view, 0, sizeof *view);
	view->line = v->line;
	int rc = 0;
	if (v->type != YTREE_MAP) {
		msg_error("%s:%d: views[%zu]: expected a mapping, found %s", file, v->line, index,
			  ytree_type_name(v));
		rc = -1;
		goto out;
	}
	rc = known_keys(file, v, where, view_keys, sizeof view_keys / sizeof *view_keys);
	const char *name = scalar(file, v, "name", where, &rc);
	const char *layout = scalar(file, v, "layout", where, &rc);
	const char *output = scalar(file, v, "output", where, &rc);
	const char *cond = scalar(file, v, "if", where, &rc);
	const char *title = scalar(file, v, "title", where, &rc);
	const char *list = scalar(file, v, "list_views", where, &rc);
	view->name = name ? xstrdup(name) : xasprintf("views[%zu]", index);
	if (!layout || !output) {
		msg_error("%s:%d: %s: a view needs a layout and an output", file, v->line,
			  view->name);
		rc = -1;
		goto out;
	}
	view->layout = xstrdup(layout);
	view->list_views = list && strcmp(list, "true") == 0;
	const struct ytree *pages = ytree_get(v, "pages");
	if (pages && pages->type != YTREE_MAP) {
		msg_error("%s:%d: %spages: expected a mapping such as { layout: film }", file,
			  pages->line, where);
		rc = -1;
	} else if (pages) {
		char *pw = xasprintf("%spages.", where);
		if (known_keys(file, pages, pw, pages_keys, sizeof pages_keys / sizeof *pages_keys) != 0)
			rc = -1;
		const char *kind = scalar(file, pages, "kind", pw, &rc);
		const char *section = scalar(file, pages, "section", pw, &rc);
		const char *page_layout = scalar(file, pages, "layout", pw, &rc);
		view->kind = kind ? xstrdup(kind) : NULL;
		view->section = section ? xstrdup(section) : NULL;
		view->page_layout = page_layout ? xstrdup(page_layout) : NULL;
		free(pw);
	}
	const struct ytree *oembed = ytree_get(v, "oembed");
	if (oembed && oembed->type != YTREE_MAP) {
		msg_error("%s:%d: %soembed: expected { width: W, height: H }", file, oembed->line, where);
		rc = -1;
	} else if (oembed && (size_of(file, oembed, "width", where, &view->width) != 0 ||
			      size_of(file, oembed, "height", where, &view->height) != 0)) {
		rc = -1;
	}
	/* output, title and if are templates over the page's frame */
	char *name_output = xasprintf("%zu/output", index);
	if (add_template(site, file, name_output, output) != 0)
		rc = -1;
	free(name_output);
	if (title) {
		char *n = xasprintf("%zu/title", index);
		view->has_title = true;
		if (add_template(site, file, n, title) != 0)
			rc = -1;
		free(n);
	}
	if (cond) {
		/* once, whatever the value: nothing printed means true */
		char *n = xasprintf("%zu/if", index), *text = xasprintf("{{^%s}}0{{/%s}}", cond, cond);
		view->has_if = true;
		if (add_template(site, file, n, text) != 0)
			rc = -1;
		free(text);
		free(n);
	}
out:
	free(where);
	return rc;
}

int site_views_load(struct site *site)
{
	char *file = xasprintf("%s/theme.yml", site->theme_dir);
	struct ytree *tree = NULL;
	char *text = NULL;
	int rc = 0;
	site->view_tpls = tpl_set_new(false);
	if (!file_exists(file))
		goto out;
	size_t len;
	rc = -1;
	text = file_read_all(file, &len);
	tree = text ? ytree_parse(text, len, file, 1) : NULL;
	if (!tree)
		goto out;
	site->inputs_hash = hash_bytes(site->inputs_hash, text, len);
	if (tree->type != YTREE_MAP) {
		msg_error("%s:%d: expected a mapping of keys to values", file, tree->line);
		goto out;
	}
	rc = known_keys(file, tree, "", top_keys, sizeof top_keys / sizeof *top_keys);
	const char *feed = scalar(file, tree, "feed_section", "", &rc);
	const char *feed_json = scalar(file, tree, "feed_json", "", &rc);
	if (feed && !site->feed_section)
		site->feed_section = xstrdup(feed);
	site->feed_json = feed_json && strcmp(feed_json, "true") == 0;
	const struct ytree *views = ytree_get(tree, "views");
	if (views && views->type != YTREE_SEQ) {
		msg_error("%s:%d: views: expected a list", file, views->line);
		rc = -1;
	} else if (views) {
		site->views = xcalloc(views->n_items + 1, sizeof *site->views);
		for (size_t i = 0; i < views->n_items; i++)
			if (load_view(site, file, views->items[i], i) != 0)
				rc = -1;
	}
out:
	ytree_free(tree);
	free(text);
	free(file);
	return rc;
}

/* Renders the view's template "INDEX/what" over the page's frame as text. */
static char *view_text(const struct site *site, size_t index, const char *what, const cJSON *frame)
{
	char *name = xasprintf("%zu/%s", index, what);
	const cJSON *frames[] = { site->globals, frame };
	struct buf b = BUF_INIT;
	int rc = tpl_render(site->view_tpls, name, frames, 2, site->lang, &b);
	free(name);
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static bool applies(const struct view *v, const struct page *p)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(p->params, "kind");
	const cJSON *section = cJSON_GetObjectItemCaseSensitive(p->params, "section");
	return (!v->kind || (cJSON_IsString(kind) && strcmp(kind->valuestring, v->kind) == 0)) &&
	       (!v->section ||
		(cJSON_IsString(section) && strcmp(section->valuestring, v->section) == 0)) &&
	       (!v->page_layout || strcmp(p->layout, v->page_layout) == 0);
}

/* A path inside the site: no empty, "." or ".." part, nothing page_sanitize would change. */
static bool inside(const char *path)
{
	if (!*path || *path == '/')
		return false;
	for (const char *s = path; *s;) {
		size_t len = strcspn(s, "/");
		char *clean = page_sanitize(s, len);
		bool ok = len && strlen(clean) == len && memcmp(clean, s, len) == 0 &&
			  strncmp(s, ".", len) != 0 && strncmp(s, "..", len) != 0;
		free(clean);
		if (!ok)
			return false;
		s += len;
		if (*s == '/' && s[1] == '\0')
			break;
		s += *s == '/';
	}
	return true;
}

/* The view index of page p, when it applies: adds the item and claims its files. */
static int claim_item(struct site *site, size_t index, const struct page *p, struct claims *claims,
		      size_t *cap)
{
	const struct view *v = &site->views[index];
	int rc = -1;
	char *out = NULL, *title = NULL, *cond = NULL;
	cJSON *frame = site_frame_new(site, p, "", "", "");
	if (v->has_if) {
		cond = view_text(site, index, "if", frame);
		if (!cond || *cond) {
			rc = cond ? 0 : -1;
			goto out;
		}
	}
	out = view_text(site, index, "output", frame);
	title = v->has_title ? view_text(site, index, "title", frame) : xstrdup(p->title);
	if (!out || !title)
		goto out;
	if (!inside(out)) {
		msg_error("%s/theme.yml:%d: %s: the output \"%s\" made for %s is not a path inside the site",
			  site->theme_dir, v->line, v->name, out, p->src ? p->src : p->url);
		goto out;
	}
	if (site_ends_with(out, "/")) {
		char *full = xasprintf("%sindex.html", out);
		free(out);
		out = full;
	}
	const char *from = p->src ? p->src : "the home page";
	site->view_items = xgrow(site->view_items, cap, site->n_view_items + 1,
				 sizeof *site->view_items);
	struct view_item *item = &site->view_items[site->n_view_items++];
	*item = (struct view_item){ v, p, out, NULL, title, NULL };
	size_t dir = strlen(out);
	while (dir > 0 && out[dir - 1] != '/')
		dir--;
	bool is_index = strcmp(out + dir, "index.html") == 0;
	item->url = xasprintf("%s%.*s", site->base_url, (int)(is_index ? dir : strlen(out)), out);
	site_claim_add(claims, xstrdup(out), xasprintf("the view %s of %s", v->name, from), NULL);
	if (v->width) {
		item->oembed = xasprintf("%.*soembed.json", (int)dir, out);
		site_claim_add(claims, xstrdup(item->oembed),
			       xasprintf("the oEmbed of the view %s of %s", v->name, from), NULL);
	}
	out = title = NULL;
	rc = 0;
out:
	cJSON_Delete(frame);
	free(cond);
	free(out);
	free(title);
	return rc;
}

int site_views_claim(struct site *site, struct claims *claims)
{
	int rc = 0;
	size_t cap = 0;
	for (size_t v = 0; v < site->n_views; v++) {
		if (!site_has_layout(site, site->views[v].layout)) {
			msg_error("%s/theme.yml:%d: %s: layout \"%s\" not found in %s/layouts",
				  site->theme_dir, site->views[v].line, site->views[v].name,
				  site->views[v].layout, site->theme_dir);
			rc = -1;
			continue;
		}
		for (size_t i = 0; i < site->n_pages; i++)
			if (applies(&site->views[v], site->pages[i]) &&
			    claim_item(site, v, site->pages[i], claims, &cap) != 0)
				rc = -1;
	}
	return rc;
}

/* What a listing view shows of the others: title, address, oEmbed and size. */
static cJSON *views_list(const struct site *site)
{
	cJSON *list = cJSON_CreateArray();
	for (size_t i = 0; i < site->n_view_items; i++) {
		const struct view_item *item = &site->view_items[i];
		if (item->view->list_views)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "view", item->view->name);
		cJSON_AddStringToObject(o, "title", item->title);
		cJSON_AddStringToObject(o, "url", item->url);
		if (item->oembed) {
			char *url = xasprintf("%s%s", site->base_url, item->oembed);
			cJSON_AddStringToObject(o, "oembed", url);
			cJSON_AddNumberToObject(o, "width", item->view->width);
			cJSON_AddNumberToObject(o, "height", item->view->height);
			free(url);
		} else {
			cJSON_AddNullToObject(o, "oembed");
		}
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

static int write_item(const struct site *site, const struct view_item *item, const cJSON *list,
		      uint64_t list_hash, struct buf *html)
{
	uint64_t key = site_page_key(site, item->page, item->out);
	if (item->view->list_views)
		key = hash_bytes(key, &list_hash, sizeof list_hash);
	int rc = 0;
	if (!site_unchanged(site, item->out, key)) {
		char *root = site_root_of(item->out);
		cJSON *frame = site_frame_new(site, item->page, item->out, root, "");
		cJSON *view = cJSON_AddObjectToObject(frame, "view");
		cJSON_AddStringToObject(view, "name", item->view->name);
		cJSON_AddStringToObject(view, "title", item->title);
		cJSON_AddStringToObject(view, "url", item->url);
		if (item->view->list_views)
			cJSON_AddItemToObject(frame, "views", cJSON_CreateArrayReference(list->child));
		rc = site_layout_render(site, item->view->layout, frame, html);
		if (rc == 0)
			rc = site_write(site, item->out, html->data, html->len, key);
		cJSON_Delete(frame);
		free(root);
	}
	if (rc == 0 && item->oembed) {
		key = hash_bytes(key, item->title, strlen(item->title));
		if (!site_unchanged(site, item->oembed, key)) {
			char *oembed = feed_oembed(site, item->title, item->url, item->view->width,
						   item->view->height);
			rc = site_write(site, item->oembed, oembed, strlen(oembed), key);
			free(oembed);
		}
	}
	return rc;
}

int site_views_write(const struct site *site)
{
	cJSON *list = views_list(site);
	char *text = cJSON_PrintUnformatted(list);
	uint64_t list_hash = hash_bytes(HASH_SEED, text, strlen(text));
	free(text);
	struct buf html = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < site->n_view_items; i++)
		rc = write_item(site, &site->view_items[i], list, list_hash, &html);
	buf_free(&html);
	cJSON_Delete(list);
	return rc;
}

void site_views_free(struct site *site)
{
	for (size_t i = 0; i < site->n_view_items; i++) {
		free(site->view_items[i].out);
		free(site->view_items[i].url);
		free(site->view_items[i].title);
		free(site->view_items[i].oembed);
	}
	free(site->view_items);
	for (size_t i = 0; i < site->n_views; i++) {
		free(site->views[i].name);
		free(site->views[i].kind);
		free(site->views[i].section);
		free(site->views[i].page_layout);
		free(site->views[i].layout);
	}
	free(site->views);
	tpl_set_free(site->view_tpls);
}
