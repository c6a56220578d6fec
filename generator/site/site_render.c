/*
 * Rendering and writing (site_internal.h): each page with its layout on
 * several threads, leaving alone the files made from unchanged inputs; then
 * the copied files, aliases, the 404 page, the theme's views and the feeds. Every
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

char *site_root_of(const char *out)
{
	struct buf b = BUF_INIT;
	for (const char *s = out; *s; s++)
		if (*s == '/')
			buf_puts(&b, "../");
	/* "" would make href="" links; "./" says the same thing */
	return b.len ? buf_detach(&b) : (buf_free(&b), xstrdup("./"));
}

cJSON *site_frame_new(const struct site *site, const struct page *p, const char *out,
		      const char *root, const char *content)
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
	return frame;
}

int site_layout_render(const struct site *site, const char *layout, const cJSON *frame,
		       struct buf *html)
{
	const cJSON *frames[] = { site->globals, frame };
	char *name = xasprintf("layouts/%s", layout);
	buf_clear(html);
	int rc = tpl_render(site->tpls, name, frames, 2, site->lang, html);
	free(name);
	return rc;
}

/* Renders a page (or a made-up one) with a layout into html. */
static int render_view(const struct site *site, const struct page *p, const char *layout,
		       const char *out, const char *root, const char *content, struct buf *html)
{
	cJSON *frame = site_frame_new(site, p, out, root, content);
	int rc = site_layout_render(site, layout, frame, html);
	cJSON_Delete(frame);
	return rc;
}

/*
 * The fingerprint of what a view of a page (its own, or another made from
 * it at out) is made from: its source's bytes and path (the title may come
 * from the file name), what every page shares, and for a list what its
 * pages show of themselves.
 */
uint64_t site_page_key(const struct site *site, const struct page *p, const char *out)
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
	char *root = site_root_of(p->out);
	int rc = render_view(site, p, p->layout, p->out, root, content, html);
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
	uint64_t key = site_page_key(site, p, alias);
	if (site_unchanged(site, alias, key))
		return 0;
	struct buf b = BUF_INIT;
	char *root = site_root_of(alias);
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
		rc = render_view(site, nf, "404", "404.html", site->base_path, "", &html);
		if (rc == 0)
			rc = site_write(site, "404.html", html.data, html.len, 0);
		page_free(nf);
	}
	if (rc == 0)
		rc = site_views_write(site);
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
		uint64_t key = site_page_key(site, site->pages[i], site->pages[i]->out);
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
