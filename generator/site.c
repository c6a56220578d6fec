/* The build: configuration, theme, content, validation, rendering, swap. */
#define _GNU_SOURCE
#include "generator/site.h"
#include "generator/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/fileio.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "common/ytree.h"
#include "generator/feeds.h"
#include "generator/markdown.h"

/* One file the build will write, and who asked for it (for clashes). */
struct claim {
	char *path;  /* owned; inside the site */
	char *owner; /* owned; "content/a.md", "static file themes/x/static/y" ... */
	char *copy_from; /* owned; a file copied as it is, or NULL */
};

struct claims {
	struct claim *items; /* owned */
	size_t n, cap;
};

static void claim_add(struct claims *c, char *path, char *owner, char *copy_from)
{
	c->items = xgrow(c->items, &c->cap, c->n + 1, sizeof *c->items);
	c->items[c->n++] = (struct claim){ path, owner, copy_from };
}

static void claims_free(struct claims *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].path);
		free(c->items[i].owner);
		free(c->items[i].copy_from);
	}
	free(c->items);
}

/* ---- walking folders in sorted order ---- */

struct names {
	char **items; /* owned */
	size_t n, cap;
};

static long long elapsed_ms(void);

/* For names led by a one-letter type: by name alone. */
static int typed_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* The order walk() lists paths in: folder by folder, each sorted by name
 * ("a/x.md" before "a.md", as the folder "a" sorts before "a.md"). */
static int path_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = *a == '/' ? 1 : (unsigned char)*a;
		unsigned char y = *b == '/' ? 1 : (unsigned char)*b;
		if (x != y || !x)
			return x - y;
	}
}

static int path_ptr_cmp(const void *a, const void *b)
{
	return path_cmp(*(char *const *)a, *(char *const *)b);
}

/* Every file under root (paths relative to root), in path_cmp order; hidden ones skipped. */
static int walk(const char *root, const char *rel, struct names *out)
{
	char *path = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(path);
	if (!d) {
		msg_error("%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	struct names here = { 0 };
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		/* The entry's type leads its name, so that most need no stat. */
		here.items = xgrow(here.items, &here.cap, here.n + 1, sizeof *here.items);
		here.items[here.n++] = xasprintf("%c%s", e->d_type == DT_DIR   ? 'd'
							 : e->d_type == DT_REG ? 'f'
									       : '?',
						 e->d_name);
	}
	closedir(d);
	if (here.n)
		qsort(here.items, here.n, sizeof *here.items, typed_name_cmp);
	int rc = 0;
	for (size_t i = 0; i < here.n; i++) {
		char type = here.items[i][0];
		const char *name = here.items[i] + 1;
		char *child = *rel ? xasprintf("%s/%s", rel, name) : xstrdup(name);
		char *full = type == '?' ? xasprintf("%s/%s", root, child) : NULL;
		struct stat st;
		if (type == 'd')
			st.st_mode = S_IFDIR;
		else if (type == 'f')
			st.st_mode = S_IFREG;
		if (rc == 0 && type == '?' && stat(full, &st) != 0) {
			msg_error("%s: %s", full, strerror(errno));
			rc = -1;
		} else if (rc == 0 && S_ISDIR(st.st_mode)) {
			rc = walk(root, child, out);
		} else if (rc == 0 && S_ISREG(st.st_mode)) {
			out->items = xgrow(out->items, &out->cap, out->n + 1, sizeof *out->items);
			out->items[out->n++] = child;
			child = NULL;
		}
		free(child);
		free(full);
		free(here.items[i]);
	}
	free(here.items);
	free(path);
	return rc;
}

static void names_free(struct names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->items[i]);
	free(n->items);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* ---- configuration and theme ---- */

const char *site_string(const struct site *site, const char *key, const char *def)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(site->globals, "t");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, key);
	return cJSON_IsString(v) ? v->valuestring : def;
}

static char *exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	char *slash = strrchr(path, '/');
	if (slash)
		*slash = '\0';
	return xstrdup(path);
}

/* themes/NAME in the project, else beside the installed program. */
static char *find_theme(const char *name)
{
	char *dir = xasprintf("themes/%s", name);
	if (file_is_dir(dir))
		return dir;
	free(dir);
	char *exe = exe_dir();
	for (int i = 0; exe && i < 2; i++) {
		dir = i == 0 ? xasprintf("%s/../themes/%s", exe, name)
			     : xasprintf("%s/../share/marquee/themes/%s", exe, name);
		if (file_is_dir(dir)) {
			free(exe);
			return dir;
		}
		free(dir);
	}
	free(exe);
	return xasprintf("themes/%s", name);
}

static int read_config(struct site *site, const struct config *cfg, const struct site_options *opt)
{
	const char *title, *base, *lang, *theme, *feed, *desc;
	if (config_string(cfg, "site.title", "Marquee", &title) != 0 ||
	    config_string(cfg, "site.description", "", &desc) != 0 ||
	    config_string(cfg, "site.base_url", "http://localhost:8080/", &base) != 0 ||
	    config_string(cfg, "site.language", "en", &lang) != 0 ||
	    config_string(cfg, "site.theme", "default", &theme) != 0 ||
	    config_string(cfg, "site.feed_section", "weeks", &feed) != 0 ||
	    config_bool(cfg, "site.unsafe_html", false, &site->unsafe_html) != 0 ||
	    config_bool(cfg, "site.tmdb", false, &site->tmdb) != 0)
		return -1;
	if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
		config_error(cfg, config_node(cfg, "site.language"), "site.language",
			     "\"%s\" is not a supported language (en, fr)", lang);
		return -1;
	}
	if (opt->base_url)
		base = opt->base_url;
	if (strncmp(base, "http://", 7) != 0 && strncmp(base, "https://", 8) != 0) {
		msg_error("base URL \"%s\" must start with http:// or https://", base);
		return -1;
	}
	site->title = xstrdup(title);
	site->description = xstrdup(desc);
	site->base_url = ends_with(base, "/") ? xstrdup(base) : xasprintf("%s/", base);
	const char *host = strstr(site->base_url, "//") + 2;
	const char *path = strchr(host, '/');
	site->base_path = xstrdup(path ? path : "/");
	site->lang = xstrdup(lang);
	site->feed_section = xstrdup(feed);
	site->theme_dir = opt->theme_dir ? xstrdup(opt->theme_dir) : find_theme(theme);
	site->out_dir = xstrdup(opt->out_dir ? opt->out_dir : "site");
	while (strlen(site->out_dir) > 1 && ends_with(site->out_dir, "/"))
		site->out_dir[strlen(site->out_dir) - 1] = '\0';
	site->drafts = opt->drafts;
	site->cache = opt->cache;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	site->jobs = opt->jobs > 0 ? opt->jobs : cores > 8 ? 8 : cores < 1 ? 1 : (int)cores;
	if (!file_is_dir(site->theme_dir)) {
		msg_error("%s: theme not found (set site.theme or use --theme DIR)", site->theme_dir);
		return -1;
	}
	return 0;
}

/* Adds every *.mustache under dir to the set, names prefixed by prefix. */
static int load_templates(struct site *site, const char *dir, const char *prefix)
{
	if (!file_is_dir(dir))
		return 0;
	struct names files = { 0 };
	int rc = walk(dir, "", &files);
	for (size_t i = 0; rc == 0 && i < files.n; i++) {
		if (!ends_with(files.items[i], ".mustache"))
			continue;
		char *path = xasprintf("%s/%s", dir, files.items[i]);
		size_t len;
		char *text = file_read_all(path, &len);
		char *name = xasprintf("%s%.*s", prefix, (int)(strlen(files.items[i]) - 9),
				       files.items[i]);
		if (!text || tpl_set_add(site->tpls, name, path, text, len) != 0)
			rc = -1;
		else
			site->inputs_hash = hash_bytes(hash_bytes(site->inputs_hash, name, strlen(name) + 1),
						       text, len);
		free(name);
		free(text);
		free(path);
	}
	names_free(&files);
	return rc;
}

static int load_theme(struct site *site)
{
	site->tpls = tpl_set_new(true);
	site->inputs_hash = HASH_SEED;
	char *dirs[4] = {
		xasprintf("%s/layouts", site->theme_dir), xasprintf("%s/partials", site->theme_dir),
		xstrdup("layouts"), xstrdup("partials"),
	};
	int rc = 0;
	/* the project's own files come last and so override the theme's */
	for (int i = 0; rc == 0 && i < 4; i++)
		rc = load_templates(site, dirs[i], i % 2 == 0 ? "layouts/" : "");
	for (int i = 0; i < 4; i++)
		free(dirs[i]);
	if (rc == 0)
		rc = tpl_set_check(site->tpls);
	return rc;
}

/* The theme's strings for the site language: i18n/LANG.yml. */
static cJSON *load_strings(const struct site *site)
{
	char *path = xasprintf("%s/i18n/%s.yml", site->theme_dir, site->lang);
	cJSON *t = NULL;
	if (!file_exists(path)) {
		t = cJSON_CreateObject();
		goto out;
	}
	size_t len;
	char *text = file_read_all(path, &len);
	struct ytree *tree = text ? ytree_parse(text, len, path, 1) : NULL;
	if (tree && tree->type == YTREE_MAP)
		t = page_yaml_to_json(tree);
	else if (tree)
		msg_error("%s: the strings must be a mapping of names to text", path);
	ytree_free(tree);
	free(text);
out:
	free(path);
	return t;
}

/* content/_data/a/b.json -> data.a.b */
static int load_data(cJSON *data, const char *rel)
{
	char *path = xasprintf("content/_data/%s", rel);
	size_t len;
	char *text = file_read_all(path, &len);
	int rc = -1;
	if (!text)
		goto out;
	cJSON *value = cJSON_ParseWithLength(text, len);
	if (!value) {
		const char *at = cJSON_GetErrorPtr();
		int line = 1;
		for (const char *s = text; at && s < at && *s; s++)
			line += *s == '\n';
		msg_error("%s:%d: not valid JSON", path, line);
		goto out;
	}
	cJSON *node = data;
	const char *s = rel;
	for (;;) {
		const char *slash = strchr(s, '/');
		if (!slash) {
			char *key = xstrndup(s, strlen(s) - 5);
			cJSON_DeleteItemFromObjectCaseSensitive(node, key);
			cJSON_AddItemToObject(node, key, value);
			free(key);
			break;
		}
		char *key = xstrndup(s, (size_t)(slash - s));
		cJSON *child = cJSON_GetObjectItemCaseSensitive(node, key);
		if (!cJSON_IsObject(child)) {
			cJSON_DeleteItemFromObjectCaseSensitive(node, key);
			child = cJSON_AddObjectToObject(node, key);
		}
		free(key);
		node = child;
		s = slash + 1;
	}
	rc = 0;
out:
	free(text);
	free(path);
	return rc;
}

/* ---- loading pages, in parallel ---- */

/* ---- pages kept between builds ---- */

struct cached_page {
	char *rel;             /* owned; the path under content/ */
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	off_t size;
	struct page *page;     /* owned, or NULL once a build took it */
};

struct page_cache {
	char *base_url, *lang; /* owned; what the cached pages were loaded for */
	struct cached_page *items; /* owned; in path_cmp order of rel */
	size_t n;
	struct names files;    /* every file under content/ at the last build, in path_cmp order */
	bool have_files;       /* files is that list (the last build loaded content/) */
	bool clean;            /* the last build succeeded: the site is as its manifest says */
};

struct page_cache *page_cache_new(void)
{
	return xcalloc(1, sizeof(struct page_cache));
}

static void cache_clear(struct page_cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		page_free(c->items[i].page);
		free(c->items[i].rel);
	}
	free(c->items);
	c->items = NULL;
	c->n = 0;
}

void page_cache_free(struct page_cache *c)
{
	if (!c)
		return;
	cache_clear(c);
	names_free(&c->files);
	free(c->base_url);
	free(c->lang);
	free(c);
}

static int cached_cmp(const void *a, const void *b)
{
	return path_cmp(((const struct cached_page *)a)->rel, ((const struct cached_page *)b)->rel);
}

/*
 * Takes the cached page e (NULL: none) into *kept, when its file is
 * unchanged: when st is NULL (the caller knows it is) or has the identity
 * the page was read with. False otherwise. The caller owns the page from
 * then on. Each entry is taken by one thread only.
 */
static bool cache_take(struct cached_page *e, const struct stat *st, struct cached_page *kept)
{
	if (!e || !e->page)
		return false;
	if (st && (e->dev != st->st_dev || e->ino != st->st_ino || e->size != st->st_size ||
		   e->mtime.tv_sec != st->st_mtim.tv_sec || e->mtime.tv_nsec != st->st_mtim.tv_nsec))
		return false;
	*kept = *e;
	kept->rel = NULL;
	e->page = NULL;
	kept->page->cached = false;
	return true;
}

/* After a build: the pages it loaded become the cache; the rest is freed. */
static void cache_keep(struct site *site)
{
	struct page_cache *c = site->cache;
	cache_clear(c);
	for (size_t i = 0; i < site->n_kept; i++) {
		struct page *p = site->kept[i].page;
		free(p->members); /* a list's members belong to one build */
		p->members = NULL;
		p->n_members = 0;
		p->cached = true;
	}
	/* kept in the order of the files, as a rule: sorted already */
	bool sorted = true;
	for (size_t i = 1; sorted && i < site->n_kept; i++)
		sorted = cached_cmp(&site->kept[i - 1], &site->kept[i]) < 0;
	if (!sorted)
		qsort(site->kept, site->n_kept, sizeof *site->kept, cached_cmp);
	c->items = site->kept;
	c->n = site->n_kept;
	site->kept = NULL;
	site->n_kept = 0;
}

/* The pages to load, shared by the loading threads. */
struct loader {
	struct site *site;
	char **rels;           /* borrowed; paths under content/, in path_cmp order */
	bool *check;           /* owned; per rel: whether its file may have changed */
	struct cached_page **cached; /* owned array; per rel: its cache entry, or NULL */
	struct cached_page *ids; /* owned; each source's identity, when caching */
	struct page **loaded;  /* owned array; one slot per rel */
	size_t n;
	atomic_size_t next;
	atomic_size_t read;    /* pages read from their files */
	atomic_bool failed;
};

static void *load_worker(void *arg)
{
	struct loader *l = arg;
	for (size_t i; (i = atomic_fetch_add(&l->next, 1)) < l->n;) {
		if (l->loaded[i])
			continue; /* taken from the cache already */
		char *src = xasprintf("content/%s", l->rels[i]);
		struct stat st;
		if (l->site->cache && stat(src, &st) == 0) {
			struct cached_page *id = &l->ids[i];
			*id = (struct cached_page){ NULL, st.st_dev, st.st_ino, st.st_mtim, st.st_size, NULL };
			if (cache_take(l->cached[i], &st, id))
				l->loaded[i] = id->page;
		}
		if (!l->loaded[i]) {
			l->loaded[i] = page_load(src, l->rels[i], l->site->base_url, l->site->lang);
			atomic_fetch_add(&l->read, 1);
		}
		free(src);
		if (!l->loaded[i])
			atomic_store(&l->failed, true);
	}
	return NULL;
}

/*
 * Finds each file's cache entry (both lists are in path_cmp order), and
 * takes the pages whose file is known not to have changed.
 */
static void match_cache(struct loader *l, struct page_cache *c)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		int cmp = 1;
		while (k < c->n && (cmp = path_cmp(c->items[k].rel, l->rels[i])) < 0)
			k++;
		if (k < c->n && cmp == 0) {
			l->cached[i] = &c->items[k];
			if (!l->check[i] && cache_take(l->cached[i], NULL, &l->ids[i]))
				l->loaded[i] = l->ids[i].page;
		}
	}
}

static void run_workers(int jobs, void *(*fn)(void *), void *arg)
{
	pthread_t threads[8];
	int started = 0;
	for (int i = 1; i < jobs && i < 8; i++)
		if (pthread_create(&threads[started], NULL, fn, arg) == 0)
			started++;
	fn(arg);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

static int page_out_cmp(const void *a, const void *b)
{
	return strcmp((*(struct page *const *)a)->out, (*(struct page *const *)b)->out);
}

static struct page *find_list(struct site *site, const char *dir)
{
	for (size_t i = 0; i < site->n_pages; i++)
		if (site->pages[i]->is_list && strcmp(site->pages[i]->dir, dir) == 0)
			return site->pages[i];
	return NULL;
}

static void add_page(struct site *site, struct page *p, size_t *cap)
{
	site->pages = xgrow(site->pages, cap, site->n_pages + 1, sizeof *site->pages);
	site->pages[site->n_pages++] = p;
}

/* Whether rel ("films/dune.md") is a regular file under content/, not hidden. */
static bool content_file(const char *rel)
{
	if (rel[0] == '.' || strstr(rel, "/."))
		return false;
	char *path = xasprintf("content/%s", rel);
	struct stat st;
	bool is = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return is;
}

/*
 * The files under content/, in path_cmp order: the cached list with the
 * changes the caller reported (files added, removed or rewritten), or the
 * folder listed anew. Sets check[i] (owned by the caller) to whether the
 * i-th file may have changed since the cached pages were read.
 */
static int list_content(const struct site *site, const struct site_options *opt,
			struct names *files, bool **check)
{
	struct page_cache *c = site->cache;
	if (!c || !c->have_files || !opt->content_known) {
		if (walk("content", "", files) != 0)
			return -1;
		*check = xcalloc(files->n + 1, sizeof **check);
		for (size_t i = 0; i < files->n; i++)
			(*check)[i] = true;
		msg_verbose("walked content/ in %lld ms", elapsed_ms());
		return 0;
	}
	/* the cached list, taken over, plus the files added */
	*files = c->files;
	c->files = (struct names){ 0 };
	c->have_files = false;
	struct strmap changed = STRMAP_INIT;
	size_t n_cached = files->n;
	for (size_t i = 0; i < opt->n_content_changed; i++) {
		const char *rel = opt->content_changed[i];
		if (strmap_put(&changed, rel, (void *)rel))
			continue;
		if (!(n_cached && bsearch(&rel, files->items, n_cached, sizeof *files->items, path_ptr_cmp)) &&
		    content_file(rel)) {
			files->items = xgrow(files->items, &files->cap, files->n + 1, sizeof *files->items);
			files->items[files->n++] = xstrdup(rel);
		}
	}
	if (files->n > n_cached)
		qsort(files->items, files->n, sizeof *files->items, path_ptr_cmp);
	/* the files removed, and which ones to check */
	*check = xcalloc(files->n + 1, sizeof **check);
	size_t kept = 0;
	for (size_t i = 0; i < files->n; i++) {
		bool may_have = changed.n && strmap_get(&changed, files->items[i]);
		if (may_have && !content_file(files->items[i])) {
			free(files->items[i]);
			continue;
		}
		(*check)[kept] = may_have;
		files->items[kept++] = files->items[i];
	}
	files->n = kept;
	strmap_free(&changed);
	msg_verbose("%zu changed files under content/ at %lld ms", opt->n_content_changed,
		    elapsed_ms());
	return 0;
}

static int load_content(struct site *site, const struct site_options *opt, struct claims *claims)
{
	if (!file_is_dir("content")) {
		msg_error("content: no content folder here (use -C DIR)");
		return -1;
	}
	struct names files = { 0 };
	bool *check = NULL;
	if (list_content(site, opt, &files, &check) != 0) {
		names_free(&files);
		return -1;
	}
	cJSON *data = cJSON_AddObjectToObject(site->globals, "data");
	struct loader l = { .site = site };
	l.rels = xcalloc(files.n + 1, sizeof *l.rels);
	l.check = xcalloc(files.n + 1, sizeof *l.check);
	int rc = 0;
	for (size_t i = 0; i < files.n; i++) {
		const char *rel = files.items[i];
		if (strncmp(rel, "_data/", 6) == 0) {
			if (ends_with(rel, ".json") && load_data(data, rel + 6) != 0)
				rc = -1;
		} else if (ends_with(rel, ".md")) {
			l.check[l.n] = check[i];
			l.rels[l.n++] = files.items[i];
		} else {
			/* images and other files beside the pages are copied as they are */
			char *from = xasprintf("content/%s", rel);
			claim_add(claims, xstrdup(rel), xstrdup(from), from);
		}
	}
	l.loaded = xcalloc(l.n + 1, sizeof *l.loaded);
	if (site->cache) {
		/* Pages are loaded for one base URL and language. */
		struct page_cache *c = site->cache;
		if (!c->base_url || strcmp(c->base_url, site->base_url) != 0 ||
		    strcmp(c->lang, site->lang) != 0) {
			cache_clear(c);
			free(c->base_url);
			free(c->lang);
			c->base_url = xstrdup(site->base_url);
			c->lang = xstrdup(site->lang);
		}
		l.ids = xcalloc(l.n + 1, sizeof *l.ids);
		l.cached = xcalloc(l.n + 1, sizeof *l.cached);
		site->kept = xcalloc(l.n + 1, sizeof *site->kept);
		match_cache(&l, c);
	}
	if (rc == 0)
		run_workers(site->jobs, load_worker, &l);
	if (atomic_load(&l.failed))
		rc = -1;
	size_t cap = 0;
	for (size_t i = 0; i < l.n; i++) {
		struct page *p = l.loaded[i];
		if (!p)
			continue;
		if (rc != 0 || (p->draft && !site->drafts)) {
			page_free(p);
			continue;
		}
		add_page(site, p, &cap);
		if (site->cache) {
			struct cached_page *k = &site->kept[site->n_kept++];
			*k = l.ids[i];
			k->rel = xstrdup(l.rels[i]);
			k->page = p;
		}
	}
	if (site->cache)
		msg_verbose("%zu of %zu pages loaded from their files at %lld ms",
			    (size_t)atomic_load(&l.read), l.n, elapsed_ms());
	free(l.ids);
	free(l.cached);
	free(l.check);
	free(l.loaded);
	free(l.rels);
	free(check);
	if (rc == 0 && site->cache) {
		/* the list a later build starts from, when told what changed */
		names_free(&site->cache->files);
		site->cache->files = files;
		site->cache->have_files = true;
	} else {
		names_free(&files);
	}
	if (rc != 0)
		return -1;

	/* every folder with pages gets a list page, made up when it has no _index.md;
	 * folders are few, so the list pages are looked up among themselves */
	size_t n_loaded = site->n_pages, n_lists = 0, cap_lists = 0;
	struct page **lists = NULL;
	for (size_t i = 0; i < n_loaded; i++)
		if (site->pages[i]->is_list) {
			lists = xgrow(lists, &cap_lists, n_lists + 1, sizeof *lists);
			lists[n_lists++] = site->pages[i];
		}
	for (size_t i = 0; i <= n_loaded; i++) {
		const struct page *p = i < n_loaded ? site->pages[i] : NULL;
		const char *dir = p ? p->dir : "";
		if ((p && (p->is_list || !*dir)))
			continue;
		size_t k;
		for (k = 0; k < n_lists && strcmp(lists[k]->dir, dir) != 0; k++)
			;
		if (k < n_lists)
			continue;
		struct page *list = page_new_list(dir, site->base_url);
		add_page(site, list, &cap);
		lists = xgrow(lists, &cap_lists, n_lists + 1, sizeof *lists);
		lists[n_lists++] = list;
	}
	free(lists);
	qsort(site->pages, site->n_pages, sizeof *site->pages, page_out_cmp);
	site->home = find_list(site, "");

	/* each list page lists the pages in its folder and the sections below it:
	 * each page goes to the list of its folder, each section to its parent's */
	struct strmap by_dir = STRMAP_INIT;
	struct members {
		struct page **items;
		size_t n, cap;
	} *members = xcalloc(site->n_pages + 1, sizeof *members);
	for (size_t i = 0; i < site->n_pages; i++)
		if (site->pages[i]->is_list)
			strmap_put(&by_dir, site->pages[i]->dir, &members[i]);
	for (size_t i = 0; i < site->n_pages; i++) {
		struct page *p = site->pages[i];
		if (p->is_list && !*p->dir)
			continue; /* the home page is nobody's member */
		char *parent = NULL;
		if (p->is_list) {
			const char *slash = strrchr(p->dir, '/');
			parent = xstrndup(p->dir, slash ? (size_t)(slash - p->dir) : 0);
		}
		struct members *m = strmap_get(&by_dir, parent ? parent : p->dir);
		free(parent);
		if (!m)
			continue; /* a section below a folder holding no page: listed nowhere */
		m->items = xgrow(m->items, &m->cap, m->n + 1, sizeof *m->items);
		m->items[m->n++] = p;
	}
	for (size_t i = 0; i < site->n_pages; i++) {
		struct page *list = site->pages[i];
		if (!list->is_list)
			continue;
		struct members *m = &members[i];
		if (m->n)
			qsort(m->items, m->n, sizeof *m->items, page_compare);
		list->members_hash = HASH_SEED;
		for (size_t k = 0; k < m->n; k++)
			list->members_hash = hash_bytes(list->members_hash, &m->items[k]->meta_hash,
							sizeof m->items[k]->meta_hash);
		list->members = m->items ? m->items : xcalloc(1, sizeof *list->members);
		list->n_members = m->n;
	}
	free(members);
	strmap_free(&by_dir);
	return 0;
}

/* The navigation: pages with `menu: WEIGHT` (or true) in their front matter. */
static void build_menu(struct site *site)
{
	struct page **items = xcalloc(site->n_pages + 1, sizeof *items);
	size_t n = 0;
	for (size_t i = 0; i < site->n_pages; i++)
		if (site->pages[i]->in_menu)
			items[n++] = site->pages[i];
	/* by menu weight, then title */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0; k--) {
			double wa = items[k - 1]->menu_weight, wb = items[k]->menu_weight;
			if (wa < wb || (wa == wb && strcmp(items[k - 1]->title, items[k]->title) <= 0))
				break;
			struct page *t = items[k];
			items[k] = items[k - 1];
			items[k - 1] = t;
		}
	cJSON *menu = cJSON_AddArrayToObject(site->globals, "menu");
	for (size_t i = 0; i < n; i++) {
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "title", items[i]->title);
		cJSON_AddStringToObject(item, "url", items[i]->url);
		cJSON_AddItemToArray(menu, item);
	}
	free(items);
}

/* ---- validation ---- */

static int add_static(struct claims *claims, const char *dir)
{
	if (!file_is_dir(dir))
		return 0;
	struct names files = { 0 };
	int rc = walk(dir, "", &files);
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
		claim_add(claims, xstrdup(files.items[i]), xstrdup(from), from);
	next:;
	}
	names_free(&files);
	return rc;
}

static bool has_layout(const struct site *site, const char *layout)
{
	char *name = xasprintf("layouts/%s", layout);
	bool has = tpl_set_has(site->tpls, name);
	free(name);
	return has;
}

/* The files made from pages besides the pages themselves (the JSON beside
 * each week, the embeds), claimed so that a clash is found before writing. */
static void claim_generated(const struct site *site, struct claims *claims)
{
	bool film_cards = has_layout(site, "embed-film");
	for (size_t i = 0; i < site->n_pages; i++) {
		const struct page *p = site->pages[i];
		char *json = feed_json_path(site, p);
		if (json)
			claim_add(claims, json, xasprintf("the JSON made for %s", p->src), NULL);
		if (film_cards && strcmp(p->layout, "film") == 0) {
			claim_add(claims, xasprintf("embed/%sindex.html", p->url),
				  xasprintf("the embed made for %s", p->src), NULL);
			claim_add(claims, xasprintf("embed/%soembed.json", p->url),
				  xasprintf("the oEmbed made for %s", p->src), NULL);
		}
	}
	const cJSON *week = site->home ? cJSON_GetObjectItemCaseSensitive(site->home->params, "week") : NULL;
	if (week && has_layout(site, "embed-week")) {
		claim_add(claims, xstrdup("embed/week/index.html"), xstrdup("the embed of the week"), NULL);
		claim_add(claims, xstrdup("embed/week/oembed.json"), xstrdup("the oEmbed of the week"), NULL);
	}
	if (site->home && has_layout(site, "embed"))
		claim_add(claims, xstrdup("embed/index.html"), xstrdup("the embeds' page"), NULL);
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

static int validate(struct site *site, struct claims *claims)
{
	int rc = 0;
	const char *layout_ok = NULL; /* the last layout found: pages share a few */
	for (size_t i = 0; i < site->n_pages; i++) {
		struct page *p = site->pages[i];
		if (layout_ok && strcmp(layout_ok, p->layout) == 0)
			continue;
		if (has_layout(site, p->layout)) {
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
		claim_add(claims, xstrdup(fixed[i]), xasprintf("the generated %s", fixed[i]), NULL);
	claim_generated(site, claims);

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

/* ---- writing ---- */

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
	char *jsonld = feed_jsonld(site, p);
	if (jsonld)
		cJSON_AddItemToObject(frame, "jsonld", cJSON_CreateStringReference(jsonld));
	if (extra)
		cJSON_AddItemToObject(frame, "extra", cJSON_CreateObjectReference(extra->child));
	const cJSON *frames[] = { site->globals, frame };
	char *name = xasprintf("layouts/%s", layout);
	buf_clear(html);
	int rc = tpl_render(site->tpls, name, frames, 2, site->lang, html);
	free(name);
	cJSON_Delete(frame);
	free(jsonld);
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
	if (week && has_layout(site, "embed-week")) {
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
	bool film_cards = has_layout(site, "embed-film");
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
	if (rc == 0 && site->home && has_layout(site, "embed")) {
		rc = render_view(site, site->home, "embed", "embed/index.html", "../", "", extra, &html);
		if (rc == 0)
			rc = site_write(site, "embed/index.html", html.data, html.len, 0);
	}
	cJSON_Delete(extra);
	buf_free(&html);
	return rc;
}

static int write_extras(struct site *site, const struct claims *claims)
{
	struct buf html = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < claims->n; i++)
		if (claims->items[i].copy_from)
			rc = copy_file(site, claims->items[i].copy_from, claims->items[i].path);
	for (size_t i = 0; rc == 0 && i < site->n_pages; i++)
		for (size_t k = 0; rc == 0 && k < site->pages[i]->n_aliases; k++)
			rc = write_alias(site, site->pages[i], site->pages[i]->aliases[k]);
	if (rc == 0 && has_layout(site, "404") && site->home) {
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

static long long elapsed_ms(void)
{
	static struct timespec start;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!start.tv_sec)
		start = now;
	return (long long)(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
}

static void site_free(struct site *site)
{
	output_free(site->output);
	if (site->cache)
		cache_keep(site);
	for (size_t i = 0; i < site->n_kept; i++)
		free(site->kept[i].rel);
	free(site->kept);
	for (size_t i = 0; i < site->n_pages; i++)
		if (!site->pages[i]->cached)
			page_free(site->pages[i]);
	free(site->pages);
	tpl_set_free(site->tpls);
	cJSON_Delete(site->globals);
	free(site->title);
	free(site->description);
	free(site->base_url);
	free(site->base_path);
	free(site->lang);
	free(site->theme_dir);
	free(site->out_dir);
	free(site->feed_section);
}

int site_build(const struct config *cfg, const struct site_options *opt)
{
	struct site site = { 0 };
	struct claims claims = { 0 };
	int rc = -1;
	md_init();
	msg_verbose("build starts at %lld ms", elapsed_ms());
	if (read_config(&site, cfg, opt) != 0 || load_theme(&site) != 0)
		goto out;
	site.globals = cJSON_CreateObject();
	cJSON *info = cJSON_AddObjectToObject(site.globals, "site");
	cJSON_AddStringToObject(info, "title", site.title);
	cJSON_AddStringToObject(info, "description", site.description);
	cJSON_AddStringToObject(info, "base_url", site.base_url);
	cJSON_AddStringToObject(info, "language", site.lang);
	cJSON_AddBoolToObject(info, "tmdb", site.tmdb);
	cJSON *t = load_strings(&site);
	if (!t)
		goto out;
	cJSON_AddItemToObject(site.globals, "t", t);
	if (load_content(&site, opt, &claims) != 0)
		goto out;
	build_menu(&site);
	/* Everything a page sees besides itself: strings, configuration, data, menu. */
	char *globals = cJSON_PrintUnformatted(site.globals);
	site.inputs_hash = hash_bytes(site.inputs_hash, globals, strlen(globals));
	site.inputs_hash = hash_bytes(site.inputs_hash, &site.unsafe_html, sizeof site.unsafe_html);
	free(globals);
	msg_verbose("loaded %zu pages in %lld ms", site.n_pages, elapsed_ms());
	char *theme_static = xasprintf("%s/static", site.theme_dir);
	int st = add_static(&claims, theme_static);
	free(theme_static);
	if (st != 0 || add_static(&claims, "static") != 0 || validate(&site, &claims) != 0)
		goto out;

	/* everything is valid: only now is anything written */
	/* serve (which keeps a page cache) wrote the site itself: no need to
	 * check that every unchanged file is still there */
	site.output = output_open(site.out_dir, false, site.cache && site.cache->clean);
	if (!site.output)
		goto out;
	msg_verbose("validated in %lld ms", elapsed_ms());
	/* what the site already holds as made from the same inputs is left alone */
	struct renderer r = { .site = &site };
	r.todo = xcalloc(site.n_pages + 1, sizeof *r.todo);
	r.keys = xcalloc(site.n_pages + 1, sizeof *r.keys);
	for (size_t i = 0; i < site.n_pages; i++) {
		uint64_t key = page_key(&site, site.pages[i], site.pages[i]->out);
		if (!output_unchanged(site.output, site.pages[i]->out, key)) {
			r.keys[r.n] = key;
			r.todo[r.n++] = site.pages[i];
		}
	}
	run_workers(r.n < (size_t)site.jobs ? (int)r.n : site.jobs, render_worker, &r);
	free(r.todo);
	free(r.keys);
	msg_verbose("rendered in %lld ms", elapsed_ms());
	if (r.failed || write_extras(&site, &claims) != 0)
		goto out;
	msg_verbose("wrote feeds and files in %lld ms", elapsed_ms());
	if (output_commit(site.output) != 0)
		goto out;
	size_t written, unchanged;
	output_counts(site.output, &written, &unchanged);
	msg_verbose("committed in %lld ms", elapsed_ms());
	msg_info("built %zu pages into %s/ (%zu files written, %zu unchanged)", site.n_pages,
		 site.out_dir, written, unchanged);
	rc = 0;
out:
	claims_free(&claims);
	site_free(&site);
	if (opt->cache) {
		/* after a failure, a change the caller reported may not have been
		 * taken in, and the site may not be what its manifest says: the
		 * next build checks everything */
		opt->cache->clean = rc == 0;
		opt->cache->have_files &= rc == 0;
	}
	return rc;
}
