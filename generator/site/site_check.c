/*
 * Validation before anything is written (site_internal.h): every page's
 * layout exists, and every file of the site has one writer (pages, their
 * aliases, static files, and what is made from pages); a clash names both.
 */
#define _GNU_SOURCE
#include "generator/site/site_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "generator/feeds.h"

void site_claim_add(struct claims *c, char *path, char *owner, char *copy_from)
{
	c->items = xgrow(c->items, &c->cap, c->n + 1, sizeof *c->items);
	c->items[c->n++] = (struct claim){ path, owner, copy_from };
}

void site_claims_free(struct claims *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].path);
		free(c->items[i].owner);
		free(c->items[i].copy_from);
	}
	free(c->items);
}

int site_static_add(struct claims *claims, const char *dir)
{
	if (!file_is_dir(dir))
		return 0;
	struct names files = { 0 };
	int rc = site_walk(dir, "", &files);
	for (size_t i = 0; rc == 0 && i < files.n; i++) {
		/* the project's static files replace the theme's of the same name */
		for (size_t k = 0; k < claims->n; k++)
			if (claims->items[k].copy_from && strcmp(claims->items[k].path, files.items[i]) == 0 &&
			    strncmp(claims->items[k].owner, "content/", 8) != 0) {
				free(claims->items[k].copy_from);
				free(claims->items[k].owner);
				claims->items[k].copy_from = xasprintf("%s/%s", dir, files.items[i]);
				claims->items[k].owner = xstrdup(claims->items[k].copy_from);
				goto next;
			}
		char *from = xasprintf("%s/%s", dir, files.items[i]);
		site_claim_add(claims, xstrdup(files.items[i]), xstrdup(from), from);
	next:;
	}
	site_names_free(&files);
	return rc;
}

bool site_has_layout(const struct site *site, const char *layout)
{
	char *name = xasprintf("layouts/%s", layout);
	bool has = tpl_set_has(site->tpls, name);
	free(name);
	return has;
}

/* The files made from pages besides the pages themselves (the JSON beside
 * each page of the feeds, the theme's views), claimed so that a clash is
 * found before writing. */
static int claim_generated(struct site *site, struct claims *claims)
{
	for (size_t i = 0; i < site->n_pages; i++) {
		const struct page *p = site->pages[i];
		char *json = feed_json_path(site, p);
		if (json)
			site_claim_add(claims, json, xasprintf("the JSON made for %s", p->src), NULL);
	}
	return site_views_claim(site, claims);
}

/* Who writes a file of the site: a claim (a copied or generated file), or a
 * page, or one of its aliases. */
struct writer {
	const char *path;
	const struct claim *claim;
	const struct page *page;
	size_t alias; /* with page: 0 for the page itself, else the alias's index + 1 */
};

static char *writer_name(const struct writer *w)
{
	if (w->claim)
		return xstrdup(w->claim->owner);
	if (w->alias)
		return xasprintf("%s:%d (alias)", w->page->src, w->page->alias_lines[w->alias - 1]);
	if (w->page->src)
		return xstrdup(w->page->src);
	return xasprintf("the list page made for content/%s", w->page->dir);
}

struct clash {
	const char *path;
	char *a, *b; /* owned; the two writers' names, a before b */
};

static int clash_cmp(const void *x, const void *y)
{
	const struct clash *a = x, *b = y;
	int c = strcmp(a->path, b->path);
	if (!c)
		c = strcmp(a->a, b->a);
	return c ? c : strcmp(a->b, b->b);
}

int site_validate(struct site *site, struct claims *claims)
{
	int rc = 0;
	const char *layout_ok = NULL; /* the last layout found: pages share a few */
	for (size_t i = 0; i < site->n_pages; i++) {
		struct page *p = site->pages[i];
		if (layout_ok && strcmp(layout_ok, p->layout) == 0)
			continue;
		if (site_has_layout(site, p->layout)) {
			layout_ok = p->layout;
		} else if (p->src) {
			msg_error("%s:%d: layout \"%s\" not found in %s/layouts", p->src,
				  p->layout_line ? p->layout_line : 1, p->layout, site->theme_dir);
			rc = -1;
		} else {
			msg_error("%s/layouts: no \"%s\" layout for the list page of %s/",
				  site->theme_dir, p->layout, *p->dir ? p->dir : "content");
			rc = -1;
		}
	}
	const char *fixed[] = { "sitemap.xml", "robots.txt", "index.xml", "feed.json", "404.html" };
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		site_claim_add(claims, xstrdup(fixed[i]), xasprintf("the generated %s", fixed[i]), NULL);
	if (claim_generated(site, claims) != 0)
		rc = -1;

	/* every file written once: each path to its first writer, clashes noted */
	size_t n = claims->n, cap = 0;
	for (size_t i = 0; i < site->n_pages; i++)
		n += 1 + site->pages[i]->n_aliases;
	struct writer *writers = xcalloc(n + 1, sizeof *writers);
	size_t k = 0;
	for (size_t i = 0; i < claims->n; i++)
		writers[k++] = (struct writer){ claims->items[i].path, &claims->items[i], NULL, 0 };
	for (size_t i = 0; i < site->n_pages; i++) {
		const struct page *p = site->pages[i];
		writers[k++] = (struct writer){ p->out, NULL, p, 0 };
		for (size_t a = 0; a < p->n_aliases; a++)
			writers[k++] = (struct writer){ p->aliases[a], NULL, p, a + 1 };
	}
	struct strmap taken = STRMAP_INIT;
	struct clash *clashes = NULL;
	size_t n_clashes = 0;
	for (size_t i = 0; i < n; i++) {
		const struct writer *first = strmap_get(&taken, writers[i].path);
		if (!first) {
			strmap_put(&taken, writers[i].path, &writers[i]);
			continue;
		}
		char *a = writer_name(first), *b = writer_name(&writers[i]);
		clashes = xgrow(clashes, &cap, n_clashes + 1, sizeof *clashes);
		clashes[n_clashes++] = strcmp(a, b) <= 0 ? (struct clash){ writers[i].path, a, b }
							 : (struct clash){ writers[i].path, b, a };
	}
	if (n_clashes)
		qsort(clashes, n_clashes, sizeof *clashes, clash_cmp);
	for (size_t i = 0; i < n_clashes; i++) {
		msg_error("%s and %s both write %s/%s", clashes[i].a, clashes[i].b, site->out_dir,
			  clashes[i].path);
		free(clashes[i].a);
		free(clashes[i].b);
		rc = -1;
	}
	free(clashes);
	strmap_free(&taken);
	free(writers);
	return rc;
}
