/*
 * Loading a build's input (site_internal.h): walking folders in a stable
 * order, the data files, the pages (in parallel, taken from serve's cache
 * when their file is unchanged), the list pages with their members, and the
 * navigation.
 */
#define _GNU_SOURCE
#include "generator/site/site_internal.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/fileio.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "common/text/utf8.h"

/* ---- walking folders in sorted order ---- */

/* For names led by a one-letter type: by name alone. */
static int typed_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* The order site_walk() lists paths in: folder by folder, each sorted by name
 * ("a/x.md" before "a.md", as the folder "a" sorts before "a.md"). */
int site_path_cmp(const char *a, const char *b)
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
	return site_path_cmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Whether a file name can become part of a URL, a sitemap and a feed as it
 * is: UTF-8 text (no overlong form, no surrogate) without control
 * characters (C0, DEL, C1). XML cannot hold the others at all.
 */
static bool name_ok(const char *name)
{
	unsigned cp;
	for (int len; *name; name += len)
		if (!(len = utf8_decode(name, &cp)) || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return false;
	return true;
}

/*
 * Every file under root (paths relative to root), in site_path_cmp order;
 * hidden ones skipped. A symbolic link below root is never followed: git
 * stores them, and content written by others could otherwise publish any
 * file of the machine that builds (/proc/self/environ, a key), or loop.
 * It is skipped with a warning. (root itself may be a link.)
 */
int site_walk(const char *root, const char *rel, struct names *out)
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
							 : e->d_type == DT_LNK ? 'l'
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
		char *full = type == '?' || type == 'l' ? xasprintf("%s/%s", root, child) : NULL;
		struct stat st;
		if (type == 'd')
			st.st_mode = S_IFDIR;
		else if (type == 'f')
			st.st_mode = S_IFREG;
		else if (type == 'l')
			st.st_mode = S_IFLNK;
		if (rc == 0 && !name_ok(name)) {
			/* (msg_error escapes what it cannot show) */
			msg_error("%s/%s: the file name is not UTF-8 text without control characters "
				  "(rename it)", root, child);
			rc = -1;
		} else if (rc == 0 && type == '?' && lstat(full, &st) != 0) {
			msg_error("%s: %s", full, strerror(errno));
			rc = -1;
		} else if (rc == 0 && S_ISLNK(st.st_mode)) {
			msg_warn("%s: a symbolic link: not followed, nothing of it is published "
				 "(put the file itself there)", full);
		} else if (rc == 0 && S_ISDIR(st.st_mode)) {
			rc = site_walk(root, child, out);
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

void site_names_free(struct names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->items[i]);
	free(n->items);
}

bool site_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

void site_run_workers(int jobs, void *(*fn)(void *), void *arg)
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

/* ---- data files ---- */

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

/* ---- pages kept between builds ---- */

struct page_cache {
	char *base_url, *lang; /* owned; what the cached pages were loaded for */
	struct cached_page *items; /* owned; in site_path_cmp order of rel */
	size_t n;
	struct names files;    /* every file under content/ at the last build, in site_path_cmp order */
	bool have_files;       /* files is that list (the last build loaded content/) */
	bool clean;            /* the last build succeeded: the site is as its manifest says */
};

struct page_cache *page_cache_new(void)
{
	return xcalloc(1, sizeof(struct page_cache));
}

bool site_cache_clean(const struct page_cache *c)
{
	return c->clean;
}

void site_cache_done(struct page_cache *c, bool ok)
{
	/* after a failure, a change the caller reported may not have been
	 * taken in, and the site may not be what its manifest says: the
	 * next build checks everything */
	c->clean = ok;
	c->have_files &= ok;
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
	site_names_free(&c->files);
	free(c->base_url);
	free(c->lang);
	free(c);
}

static int cached_cmp(const void *a, const void *b)
{
	return site_path_cmp(((const struct cached_page *)a)->rel, ((const struct cached_page *)b)->rel);
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
void site_cache_keep(struct site *site)
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

/* ---- loading pages, in parallel ---- */

/* The pages to load, shared by the loading threads. */
struct loader {
	struct site *site;
	char **rels;           /* borrowed; paths under content/, in site_path_cmp order */
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
 * Finds each file's cache entry (both lists are in site_path_cmp order), and
 * takes the pages whose file is known not to have changed.
 */
static void match_cache(struct loader *l, struct page_cache *c)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		int cmp = 1;
		while (k < c->n && (cmp = site_path_cmp(c->items[k].rel, l->rels[i])) < 0)
			k++;
		if (k < c->n && cmp == 0) {
			l->cached[i] = &c->items[k];
			if (!l->check[i] && cache_take(l->cached[i], NULL, &l->ids[i]))
				l->loaded[i] = l->ids[i].page;
		}
	}
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

/* Whether rel ("films/dune.md") is a regular file under content/, not
 * hidden, not a link (as site_walk lists them). */
static bool content_file(const char *rel)
{
	if (rel[0] == '.' || strstr(rel, "/."))
		return false;
	char *path = xasprintf("content/%s", rel);
	struct stat st;
	bool is = true;
	/* every folder on the way too: none may be a link */
	for (char *slash = path + strlen("content"); is && (slash = strchr(slash + 1, '/'));) {
		*slash = '\0';
		is = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
		*slash = '/';
	}
	is = is && lstat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return is;
}

/*
 * The files under content/, in site_path_cmp order: the cached list with the
 * changes the caller reported (files added, removed or rewritten), or the
 * folder listed anew. Sets check[i] (owned by the caller) to whether the
 * i-th file may have changed since the cached pages were read.
 */
static int list_content(const struct site *site, const struct site_options *opt,
			struct names *files, bool **check)
{
	struct page_cache *c = site->cache;
	if (!c || !c->have_files || !opt->content_known) {
		if (site_walk("content", "", files) != 0)
			return -1;
		*check = xcalloc(files->n + 1, sizeof **check);
		for (size_t i = 0; i < files->n; i++)
			(*check)[i] = true;
		msg_verbose("walked content/ in %lld ms", site_elapsed_ms());
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
		    site_elapsed_ms());
	return 0;
}

int site_content_load(struct site *site, const struct site_options *opt, struct claims *claims)
{
	if (!file_is_dir("content")) {
		msg_error("content: no content folder here (use -C DIR)");
		return -1;
	}
	struct names files = { 0 };
	bool *check = NULL;
	if (list_content(site, opt, &files, &check) != 0) {
		site_names_free(&files);
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
			if (site_ends_with(rel, ".json") && load_data(data, rel + 6) != 0)
				rc = -1;
		} else if (site_ends_with(rel, ".md")) {
			l.check[l.n] = check[i];
			l.rels[l.n++] = files.items[i];
		} else {
			/* images and other files beside the pages are copied as they are */
			char *from = xasprintf("content/%s", rel);
			site_claim_add(claims, xstrdup(rel), xstrdup(from), from);
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
		site_run_workers(site->jobs, load_worker, &l);
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
			    (size_t)atomic_load(&l.read), l.n, site_elapsed_ms());
	free(l.ids);
	free(l.cached);
	free(l.check);
	free(l.loaded);
	free(l.rels);
	free(check);
	if (rc == 0 && site->cache) {
		/* the list a later build starts from, when told what changed */
		site_names_free(&site->cache->files);
		site->cache->files = files;
		site->cache->have_files = true;
	} else {
		site_names_free(&files);
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
void site_menu_build(struct site *site)
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
