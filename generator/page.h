/*
 * Content pages: a Markdown file with YAML front matter, loaded and checked
 * (standard keys, charts, slug and output path) before anything renders.
 */
#ifndef MARQUEE_PAGE_H
#define MARQUEE_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "common/ytree.h"

struct page {
	char *src;          /* owned; "content/films/dune.md", NULL for a made-up list page */
	uint64_t src_hash;  /* of the source file's bytes, 0 for a made-up list page */
	uint64_t meta_hash; /* of what other pages see of it: its path and front matter */
	uint64_t loc_hash;  /* of its URL and date: what the sitemap shows of it */
	char *dir;          /* owned; its folder under content/: "films", "" at the top */
	char *out;          /* owned; the file written in the site: "films/dune/index.html" */
	char *url;          /* owned; the page's path from the site root: "films/dune/" */
	char *layout;       /* owned; layout name */
	int layout_line;    /* line of `layout:` in the file, 0 when implied */
	cJSON *params;      /* owned; front matter plus url, permalink, section, kind */
	cJSON *charts;      /* owned; chart name -> HTML, NULL without charts */
	struct page **members; /* owned array of borrowed pages: a list page's pages in
				* section order (page_compare); NULL otherwise */
	size_t n_members;
	uint64_t members_hash; /* a list page: of its pages' meta_hash, in their order */
	char **aliases;     /* owned; extra output paths that redirect here */
	int *alias_lines;   /* owned; parallel to aliases */
	size_t n_aliases;
	size_t body_offset; /* where the Markdown begins in the file */
	char *body;         /* owned; the Markdown, kept so the file is read once */
	bool is_list;       /* an _index.md, or a made-up section page */
	bool draft;
	bool cached;        /* handed to serve's page cache: the build must not free it */
	bool in_menu;       /* `menu: WEIGHT` or `menu: true` in its front matter */
	double menu_weight; /* the menu's order; 1e9 for `menu: true` */
	double weight;      /* 0 when unset: sorts after weighted pages */
	char date[11];      /* "YYYY-MM-DD", or "" */
	const char *title;  /* borrowed from params */
};

/*
 * Loads content/<rel> (src is the path to open and name in messages). lang
 * is the site language (for charts), base_url ends in "/". Returns NULL
 * after reporting "src:line: front matter: reason".
 */
struct page *page_load(const char *src, const char *rel, const char *base_url, const char *lang);
/* A made-up list page for a folder without _index.md. Never NULL. */
struct page *page_new_list(const char *dir, const char *base_url);
void page_free(struct page *page);
/* The page's Markdown as HTML, owned by the caller. */
char *page_body_html(const struct page *page, bool unsafe_html);
/* Section order: weight, then date (newest first), title, path. For qsort on struct page **. */
int page_compare(const void *a, const void *b);
/*
 * A path component made safe for a URL and a file name: letters, digits,
 * '-', '_', '.' and UTF-8 kept, anything else becomes '-', never starting
 * with '.'. Owned by the caller; "" when nothing is left.
 */
char *page_sanitize(const char *component, size_t len);
/* The YAML tree as JSON: plain scalars become numbers, booleans or null. */
cJSON *page_yaml_to_json(const struct ytree *node);

#endif
