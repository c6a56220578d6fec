/*
 * What the files of a build share, and no one else sees: site.c runs the
 * steps in order; site_config.c reads the configuration and the theme,
 * site_load.c the pages (with serve's cache), site_views.c the theme's
 * theme.yml and the views it declares, site_check.c validates and claims
 * every output path, site_render.c renders and writes.
 */
#ifndef MARQUEE_SITE_INTERNAL_H
#define MARQUEE_SITE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include "generator/site/site.h"

/* ---- site.c ---- */

/* Milliseconds since the first call, for -v's timings. */
long long site_elapsed_ms(void);

/* ---- site_load.c: folders, pages, the cache ---- */

/* A list of paths. */
struct names {
	char **items; /* owned */
	size_t n, cap;
};

void site_names_free(struct names *n);
/* The order site_walk lists paths in: folder by folder, each sorted by name. */
int site_path_cmp(const char *a, const char *b);
/* Every file under root (paths relative to root, starting at rel: ""), in
 * site_path_cmp order; hidden ones skipped. 0 or -1 after reporting. */
int site_walk(const char *root, const char *rel, struct names *out);
bool site_ends_with(const char *s, const char *suffix);
/* Runs fn(arg) on jobs threads (this one included) and waits for them. */
void site_run_workers(int jobs, void *(*fn)(void *), void *arg);

/* A page kept between builds, with the identity of the file it came from. */
struct cached_page {
	char *rel;             /* owned; the path under content/ */
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	off_t size;
	struct page *page;     /* owned, or NULL once a build took it */
};

struct claims;
/* Loads content/: data files, pages (from the cache when unchanged), the
 * list pages and their members; claims the files copied as they are. */
int site_content_load(struct site *site, const struct site_options *opt, struct claims *claims);
/* The navigation (globals' menu) from the pages' `menu:`. */
void site_menu_build(struct site *site);
/* After a build: the pages it loaded become serve's cache. */
void site_cache_keep(struct site *site);
/* The last build succeeded: the site is as its manifest says. */
bool site_cache_clean(const struct page_cache *cache);
/* Notes how a build ended: after a failure the next one checks everything. */
void site_cache_done(struct page_cache *cache, bool ok);

/* ---- site_config.c ---- */

int site_config_read(struct site *site, const struct config *cfg, const struct site_options *opt);
/* Compiles the theme's and the project's layouts and partials. */
int site_theme_load(struct site *site);
/* The theme's strings for the site language, NULL after reporting. */
cJSON *site_strings_load(const struct site *site);

/* ---- site_check.c ---- */

/* One file the build will write, and who asked for it (for clashes). */
struct claim {
	char *path;      /* owned; inside the site */
	char *owner;     /* owned; "content/a.md", "static file themes/x/static/y" ... */
	char *copy_from; /* owned; a file copied as it is, or NULL */
};

struct claims {
	struct claim *items; /* owned */
	size_t n, cap;
};

/* Adds a claim; takes the three strings. */
void site_claim_add(struct claims *c, char *path, char *owner, char *copy_from);
void site_claims_free(struct claims *c);
/* Claims every file under dir, copied as it is; a later folder's file
 * replaces an earlier folder's of the same name (not a page's). */
int site_static_add(struct claims *claims, const char *dir);
bool site_has_layout(const struct site *site, const char *layout);
/* Checks layouts and that every output path has one writer. 0 or -1. */
int site_validate(struct site *site, struct claims *claims);

/* ---- site_views.c ---- */

/* Reads the theme's theme.yml (optional): the feed settings and the views. */
int site_views_load(struct site *site);
/* Finds every page each view applies to, makes its output path and title,
 * and claims its files. 0 or -1 after reporting. */
int site_views_claim(struct site *site, struct claims *claims);
/* Renders and writes every view claimed, with its oEmbed file. */
int site_views_write(const struct site *site);
void site_views_free(struct site *site);

/* ---- site_render.c ---- */

/* Renders every page whose inputs changed, on site->jobs threads. */
int site_pages_render(const struct site *site);
/* Copies, aliases, the 404 page, the views and the feeds. */
int site_extras_write(struct site *site, const struct claims *claims);
/* "films/a/index.html" -> "../../": the way back to the site root. Owned. */
char *site_root_of(const char *out);
/* The frame a layout renders p with (besides the globals): page, content,
 * root, out, charts, pages, is_home. The strings are borrowed: keep them
 * alive while it is. Free with cJSON_Delete. */
cJSON *site_frame_new(const struct site *site, const struct page *p, const char *out,
		      const char *root, const char *content);
/* Renders layouts/LAYOUT over the globals and frame into html (cleared first). */
int site_layout_render(const struct site *site, const char *layout, const cJSON *frame,
		       struct buf *html);
/* The fingerprint of the inputs a file at out made from page p depends on. */
uint64_t site_page_key(const struct site *site, const struct page *p, const char *out);

#endif
