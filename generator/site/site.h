/*
 * A whole site build, in the order Zola's `site` crate keeps: read the
 * configuration and the theme, load and validate every page (two pages
 * claiming one output path is an error naming both), then render and write
 * through output.c, which makes the result visible only when the whole
 * build has succeeded. A failed build leaves the previous site as it was.
 * One file per step in this folder; site_internal.h is what they share.
 */
#ifndef MARQUEE_SITE_H
#define MARQUEE_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "common/buf.h"
#include "common/config.h"
#include "generator/page.h"
#include "generator/template.h"

/* Pages kept loaded between builds by `serve`, so that a rebuild reads only
 * the sources that changed (same size, modification time and inode), with
 * the list of files under content/. */
struct page_cache;
struct page_cache *page_cache_new(void);
void page_cache_free(struct page_cache *cache);

struct site_options {
	const char *out_dir;   /* borrowed; NULL: "site" */
	const char *theme_dir; /* borrowed; NULL: themes/<site.theme> */
	const char *base_url;  /* borrowed; NULL: site.base_url */
	bool drafts;           /* build pages marked draft: true */
	int jobs;              /* rendering threads; 0: one per core, at most 8 */
	struct page_cache *cache; /* borrowed; NULL: load every page from its file */
	/* With a cache: the files under content/ that may have changed since
	 * the last build ("films/dune.md"), when the caller knows them all (serve
	 * watches the folders); the build then neither lists content/ nor checks
	 * the other files. Hidden files are not part of the site. */
	bool content_known;
	const char *const *content_changed; /* borrowed */
	size_t n_content_changed;
};

/* The state of one build; feeds.c reads it. */
struct site {
	char *title;          /* owned; site.title */
	char *description;    /* owned; site.description */
	char *base_url;       /* owned; ends in "/" */
	char *base_path;      /* owned; the path part of base_url: "/" or "/cinema/" */
	char *lang;           /* owned; "en" or "fr" */
	char *theme_dir;      /* owned */
	char *out_dir;        /* owned */
	char *feed_section;   /* owned; the section whose pages the feeds carry (site.feed_section,
			       * else theme.yml's), or NULL: every regular page */
	bool feed_json;       /* theme.yml's feed_json: a JSON file beside each page of the feeds */
	struct output *output; /* owned; where the site is written, NULL before */
	uint64_t inputs_hash; /* templates, strings, configuration, data, menu: what every page depends on */
	bool unsafe_html;
	bool public_site;     /* site.public: search engines may index it (else robots.txt says no) */
	bool drafts;
	int jobs;
	struct tpl_set *tpls; /* owned */
	struct view *views;   /* owned; theme.yml's views, in their order */
	size_t n_views;
	struct tpl_set *view_tpls; /* owned; the views' output, title and condition templates */
	struct view_item *view_items; /* owned; each view of each page it applies to */
	size_t n_view_items;
	cJSON *globals;       /* owned; the bottom frame: site, data, t, menu */
	struct page **pages;  /* owned; sorted by output path */
	size_t n_pages;
	struct page *home;    /* borrowed from pages */
	struct page_cache *cache; /* borrowed; see site_options */
	struct cached_page *kept; /* owned; the pages loaded from files, to cache at the end */
	size_t n_kept;
};

/* Builds the site from the current folder. 0, or -1 after reporting. */
int site_build(const struct config *cfg, const struct site_options *opt);
/*
 * Writes data into the folder being built at rel ("films/a/index.html"),
 * creating folders. key fingerprints the inputs the data was made from (0:
 * not known). Thread-safe. 0 or -1 after reporting.
 */
int site_write(const struct site *site, const char *rel, const char *data, size_t len, uint64_t key);
/* True when the site holds rel as made from inputs with this key: it need
 * not be made again (and counts as written). */
bool site_unchanged(const struct site *site, const char *rel, uint64_t key);
/* A string from the theme's strings for the site language, or def. */
const char *site_string(const struct site *site, const char *key, const char *def);

#endif
