/*
 * Rendering and writing (site_internal.h): each page with its layout on
 * several threads, leaving alone the files made from unchanged inputs; then
 * the copied files, aliases, the 404 page, the embeds and the feeds. Every
 * write goes through output.c, which shows nothing until the commit.
 */
#define _GNU_SOURCE
#include "generator/site/site_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/feeds.h"
#include "generator/output.h"

int site_write(const struct site *site, const char *rel, const char *data, size_t len, uint64_t key)
{
	return output_write(site->output, rel, data, len, key);
}

bool site_unchanged(const struct site *site, const char *rel, uint64_t key)
{
	return output_unchanged(site->output, rel, key);
}

static int copy_file(const struct site *site, const char *from, const char *rel)
{
	size_t len;
	char *data = file_read_all(from, &len);
	if (!data)
		return -1;
	int rc = site_write(site, rel, data, len, 0);
	free(data);
	return rc;
}

/* "films/a/index.html" -> "../../": the way back to the site root. */
static char *root_of(const char *out)
{
	struct buf b = BUF_INIT;
	for (const char *s = out; *s; s++)
		if (*s == '/')
			buf_puts(&b, "../");
	/* "" would make href="" links; "./" says the same thing */
	return b.len ? buf_detach(&b) : (buf_free(&b), xstrdup("./"));
}

/*
 * Renders one view of a page with a layout: the page frame holds the page,
 * its content, charts, list and the way back to the root.
 */
static int render_view(const struct site *site, const struct page *p, const char *layout,
		       const char *out, const char *root, const char *content, cJSON *extra,
		       struct buf *html)
{
	cJSON *frame = cJSON_CreateObject();
	cJSON_AddItemToObject(frame, "page", cJSON_CreateObjectReference(p->params->child));
	cJSON_AddItemToObject(frame, "content", cJSON_CreateStringReference(content ? content : ""));
	cJSON_AddItemToObject(frame, "root", cJSON_CreateStringReference(root));
	cJSON_AddItemToObject(frame, "out", cJSON_CreateStringReference(out));
	if (p->charts)
		cJSON_AddItemToObject(frame, "charts", cJSON_CreateObjectReference(p->charts->child));
	if (p->members) {
		cJSON *pages = cJSON_AddArrayToObject(frame, "pages");
		for (size_t i = 0; i < p->n_members; i++)
			cJSON_AddItemToArray(pages, cJSON_CreateObjectReference(p->members[i]->params->child));
	}
	cJSON_AddBoolToObject(frame, "is_home", p == site->home);
	if (extra)
		cJSON_AddItemToObject(frame, "extra", cJSON_CreateObjectReference(extra->child));
	const cJSON *frames[] = { site->globals, frame };
	char *name = xasprintf("layouts/%s", layout);
	buf_clear(html);
	int rc = tpl_render(site->tpls, name, frames, 2, site->lang, html);
	free(name);
	cJSON_Delete(frame);
	return rc;
}

/*
 * The fingerprint of what a view of a page (its own, or an embed at out) is
 * made from: its source's bytes and path (the title may come from the file
 * name), what every page shares, and for a list what its pages show of
 * themselves.
 */
static uint64_t page_key(const struct site *site, const struct page *p, const char *out)
{
	uint64_t self[2] = { p->src_hash, p->meta_hash };
	uint64_t key = hash_bytes(hash_bytes(site->inputs_hash, self, sizeof self), out, strlen(out));
	if (p->is_list)
		key = hash_bytes(key, &p->members_hash, sizeof p->members_hash);
	return key;
}

/* The pages to render, each with its key, shared by the rendering threads. */
struct renderer {
	const struct site *site;
	const struct page **todo; /* owned array */
	uint64_t *keys;           /* owned; parallel to todo */
	size_t n;
	atomic_size_t next;
	atomic_bool failed;
};

static int render_page(const struct site *site, const struct page *p, uint64_t key,
		       struct buf *html)
{
	char *content = page_body_html(p, site->unsafe_html);
	if (!content)
		return -1;
	char *root = root_of(p->out);
	int rc = render_view(site, p, p->layout, p->out, root, content, NULL, html);
	if (rc == 0)
		rc = output_write(site->output, p->out, html->data, html->len, key);
	free(root);
	free(content);
	return rc;
}

static void *render_worker(void *arg)
{
	struct renderer *r = arg;
	struct buf html = BUF_INIT;
	for (size_t i; !atomic_load(&r->failed) && (i = atomic_fetch_add(&r->next, 1)) < r->n;)
		if (render_page(r->site, r->todo[i], r->keys[i], &html) != 0)
			atomic_store(&r->failed, true);
	buf_free(&html);
	return NULL;
}

static int write_alias(const struct site *site, const struct page *p, const char *alias)
{
	uint64_t key = page_key(site, p, alias);
	if (site_unchanged(site, alias, key))
		return 0;
	struct buf b = BUF_INIT;
	char *root = root_of(alias);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<title>", site->lang);
	tpl_escape(&b, p->title, strlen(p->title));
	buf_printf(&b, "</title>\n<link rel=\"canonical\" href=\"%s%s\">\n"
		   "<meta http-equiv=\"refresh\" content=\"0; url=%s%s\">\n</head>\n<body>\n"
		   "<p><a href=\"%s%s\">", site->base_url, p->url, root, p->url, root, p->url);
	tpl_escape(&b, p->title, strlen(p->title));
	buf_puts(&b, "</a></p>\n</body>\n</html>\n");
	int rc = site_write(site, alias, b.data, b.len, key);
	free(root);
	buf_free(&b);
	return rc;
}

/* Embeds for the cinema's own website: this week's picks and a card per film. */
static int write_embeds(const struct site *site)
{
	struct buf html = BUF_INIT;
	int rc = 0;
	cJSON *extra = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(extra, "embeds");
	const cJSON *week = site->home ? cJSON_GetObjectItemCaseSensitive(site->home->params, "week") : NULL;
	if (week && site_has_layout(site, "embed-week")) {
		rc = render_view(site, site->home, "embed-week", "embed/week/index.html", "../../", "",
				 NULL, &html);
		if (rc == 0)
			rc = site_write(site, "embed/week/index.html", html.data, html.len, 0);
		char *url = xasprintf("%sembed/week/", site->base_url);
		char *oembed = feed_oembed(site, site_string(site, "embed_week_title", "This week's films"),
					   url, 600, 420);
		if (rc == 0)
			rc = site_write(site, "embed/week/oembed.json", oembed, strlen(oembed), 0);
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "title", site_string(site, "embed_week_title", "This week's films"));
		cJSON_AddStringToObject(item, "src", url);
		cJSON_AddNumberToObject(item, "height", 420);
		cJSON_AddItemToArray(list, item);
		free(oembed);
		free(url);
	}
	bool film_cards = site_has_layout(site, "embed-film");
	for (size_t i = 0; film_cards && rc == 0 && i < site->n_pages; i++) {
		const struct page *p = site->pages[i];
		if (strcmp(p->layout, "film") != 0)
			continue;
		/* "films/dune/" -> "embed/films/dune/" */
		char *out = xasprintf("embed/%sindex.html", p->url);
		char *root = root_of(out);
		uint64_t key = page_key(site, p, out);
		if (!site_unchanged(site, out, key)) {
			rc = render_view(site, p, "embed-film", out, root, "", NULL, &html);
			if (rc == 0)
				rc = site_write(site, out, html.data, html.len, key);
		}
		char *url = xasprintf("%sembed/%s", site->base_url, p->url);
		char *oembed_path = xasprintf("embed/%soembed.json", p->url);
		key = page_key(site, p, oembed_path);
		if (rc == 0 && !site_unchanged(site, oembed_path, key)) {
			char *oembed = feed_oembed(site, p->title, url, 400, 300);
			rc = site_write(site, oembed_path, oembed, strlen(oembed), key);
			free(oembed);
		}
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "title", p->title);
		cJSON_AddStringToObject(item, "src", url);
		cJSON_AddNumberToObject(item, "height", 300);
		cJSON_AddItemToArray(list, item);
		free(oembed_path);
		free(url);
		free(root);
		free(out);
	}
	if (rc == 0 && site->home && site_has_layout(site, "embed")) {
		rc = render_view(site, site->home, "embed", "embed/index.html", "../", "", extra, &html);
		if (rc == 0)
			rc = site_write(site, "embed/index.html", html.data, html.len, 0);
	}
	cJSON_Delete(extra);
	buf_free(&html);
	return rc;
}

int site_extras_write(struct site *site, const struct claims *claims)
{
	struct buf html = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < claims->n; i++)
		if (claims->items[i].copy_from)
			rc = copy_file(site, claims->items[i].copy_from, claims->items[i].path);
	for (size_t i = 0; rc == 0 && i < site->n_pages; i++)
		for (size_t k = 0; rc == 0 && k < site->pages[i]->n_aliases; k++)
			rc = write_alias(site, site->pages[i], site->pages[i]->aliases[k]);
	if (rc == 0 && site_has_layout(site, "404") && site->home) {
		struct page *nf = page_new_list("", site->base_url);
		cJSON_ReplaceItemInObject(nf->params, "title",
					  cJSON_CreateString(site_string(site, "not_found_title", "Page not found")));
		nf->title = cJSON_GetObjectItemCaseSensitive(nf->params, "title")->valuestring;
		rc = render_view(site, nf, "404", "404.html", site->base_path, "", NULL, &html);
		if (rc == 0)
			rc = site_write(site, "404.html", html.data, html.len, 0);
		page_free(nf);
	}
	if (rc == 0)
		rc = write_embeds(site);
	if (rc == 0)
		rc = feed_write_all(site);
	buf_free(&html);
	return rc;
}

int site_pages_render(const struct site *site)
{
	/* what the site already holds as made from the same inputs is left alone */
	struct renderer r = { .site = site };
	r.todo = xcalloc(site->n_pages + 1, sizeof *r.todo);
	r.keys = xcalloc(site->n_pages + 1, sizeof *r.keys);
	for (size_t i = 0; i < site->n_pages; i++) {
		uint64_t key = page_key(site, site->pages[i], site->pages[i]->out);
		if (!output_unchanged(site->output, site->pages[i]->out, key)) {
			r.keys[r.n] = key;
			r.todo[r.n++] = site->pages[i];
		}
	}
	site_run_workers(r.n < (size_t)site->jobs ? (int)r.n : site->jobs, render_worker, &r);
	free(r.todo);
	free(r.keys);
	return atomic_load(&r.failed) ? -1 : 0;
}
