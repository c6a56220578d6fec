/* Watching a site's sources with inotify, for serve. */
#define _GNU_SOURCE
#include "generator/watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/fault.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"

#define MASK                                                                                 \
	(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_MODIFY |  \
	 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

enum kind {
	KIND_CONTENT, /* under content/: changes are reported file by file */
	KIND_OTHER,   /* static/, layouts/, partials/, the theme: any change counts */
	KIND_TOP,     /* the project folder (and the configuration's): named entries only */
};

/* The folders that make a site, watched as they come and go in the project folder. */
static const struct {
	const char *name;
	enum kind kind;
} roots[] = {
	{ "content", KIND_CONTENT },
	{ "static", KIND_OTHER },
	{ "layouts", KIND_OTHER },
	{ "partials", KIND_OTHER },
};

struct watched {
	int wd;
	char *path;         /* owned; "content/films", "." */
	enum kind kind;
	bool project;       /* KIND_TOP: the project folder, where the roots appear */
	char *config_name;  /* owned; KIND_TOP: the configuration file's name here, or NULL */
};

struct watch {
	int fd;
	struct watched *dirs; /* owned */
	size_t n_dirs, cap_dirs;
	bool any, content_unknown;
	bool broken;          /* a new folder could not be watched: changes may be missed */
	char **content;       /* owned; changed paths under content/ */
	size_t n_content, cap_content;
	struct strmap listed; /* the paths in content */
};

static struct watched *find(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

static void forget(struct watch *w, struct watched *d)
{
	free(d->path);
	free(d->config_name);
	*d = w->dirs[--w->n_dirs];
}

/* Stops watching path and every folder below it (a folder moved or deleted). */
static void forget_tree(struct watch *w, const char *path)
{
	size_t len = strlen(path);
	for (size_t i = w->n_dirs; i-- > 0;) {
		struct watched *d = &w->dirs[i];
		if (d->kind != KIND_TOP && strncmp(d->path, path, len) == 0 &&
		    (d->path[len] == '\0' || d->path[len] == '/')) {
			inotify_rm_watch(w->fd, d->wd); /* its IN_IGNORED finds nothing later */
			forget(w, d);
		}
	}
}

/* Watches path and, for content and the like, every folder below it that is
 * not hidden. 0, or -1 after a warning (out of watches). */
static int add_tree(struct watch *w, const char *path, enum kind kind)
{
	int wd = inotify_add_watch(w->fd, path, MASK);
	if (wd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0; /* gone already, or not a folder: nothing to watch */
		msg_warn("%s: cannot watch for changes: %s", path, strerror(errno));
		return -1;
	}
	if (find(w, wd))
		return 0; /* the same folder by another way (a link): watched once */
	w->dirs = xgrow(w->dirs, &w->cap_dirs, w->n_dirs + 1, sizeof *w->dirs);
	w->dirs[w->n_dirs++] = (struct watched){ wd, xstrdup(path), kind, false, NULL };
	DIR *dir = opendir(path);
	if (!dir)
		return 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir))) {
		/* links are not followed: the build does not follow them either */
		if (e->d_name[0] == '.' || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		char *child = xasprintf("%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_tree(w, child, kind);
		free(child);
	}
	closedir(dir);
	return rc;
}

/* Watches the folder dir for entries appearing or changing in it: the
 * project's roots (project) or the configuration file (config_name). A
 * folder already watched as part of a tree takes these roles too. */
static int add_top(struct watch *w, const char *dir, bool project, const char *config_name)
{
	int wd = inotify_add_watch(w->fd, dir, MASK);
	if (wd < 0) {
		msg_warn("%s: cannot watch for changes: %s", dir, strerror(errno));
		return -1;
	}
	struct watched *d = find(w, wd);
	if (!d) {
		w->dirs = xgrow(w->dirs, &w->cap_dirs, w->n_dirs + 1, sizeof *w->dirs);
		d = &w->dirs[w->n_dirs++];
		*d = (struct watched){ wd, xstrdup(dir), KIND_TOP, false, NULL };
	}
	d->project |= project;
	if (config_name && !d->config_name)
		d->config_name = xstrdup(config_name);
	return 0;
}

struct watch *watch_open(const char *theme_dir, const char *config)
{
	struct watch *w = xcalloc(1, sizeof *w);
	w->fd = fault_hit("inotify") ? (errno = EMFILE, -1) : inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		msg_warn("cannot watch for changes (%s): looking for them every 300 ms",
			 strerror(errno));
		free(w);
		return NULL;
	}
	/* the trees first, so that a folder of a tree keeps its kind when it
	 * also holds the configuration */
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof roots / sizeof *roots; i++)
		rc = add_tree(w, roots[i].name, roots[i].kind);
	if (rc == 0 && theme_dir)
		rc = add_tree(w, theme_dir, KIND_OTHER);
	if (rc == 0)
		rc = add_top(w, ".", true, NULL);
	if (rc == 0 && config) {
		char *dir = xstrdup(config);
		char *slash = strrchr(dir, '/');
		const char *name = slash ? slash + 1 : config;
		if (slash)
			*slash = '\0';
		rc = add_top(w, slash ? (*dir ? dir : "/") : ".", false, name);
		free(dir);
	}
	if (rc != 0) {
		msg_warn("looking for changes every 300 ms instead");
		watch_close(w);
		return NULL;
	}
	return w;
}

void watch_close(struct watch *w)
{
	if (!w)
		return;
	close(w->fd);
	while (w->n_dirs)
		forget(w, &w->dirs[0]);
	free(w->dirs);
	watch_reset(w);
	free(w->content);
	free(w);
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

static void content_changed(struct watch *w, const struct watched *d, const char *name)
{
	/* "content/films" + "dune.md" -> "films/dune.md" */
	const char *under = d->path + strlen("content");
	char *rel = *under ? xasprintf("%s/%s", under + 1, name) : xstrdup(name);
	if (strmap_get(&w->listed, rel)) {
		free(rel);
		return;
	}
	w->content = xgrow(w->content, &w->cap_content, w->n_content + 1, sizeof *w->content);
	w->content[w->n_content++] = rel;
	strmap_put(&w->listed, rel, rel);
}

/* A folder came (arrived) or went at path: watch it, or stop watching it. */
static void folder_event(struct watch *w, const char *path, enum kind kind, bool arrived)
{
	/* what it holds is not known file by file */
	w->content_unknown |= kind == KIND_CONTENT;
	if (!arrived)
		forget_tree(w, path);
	else if (add_tree(w, path, kind) != 0)
		w->broken = true;
}

static void handle(struct watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		/* events were lost, new folders among them: stop trusting the watches */
		w->broken = true;
		return;
	}
	struct watched *d = find(w, ev->wd);
	if (!d)
		return;
	if (ev->mask & IN_IGNORED) { /* the folder went: its watch with it */
		forget(w, d);
		return;
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
		/* its parent's event (or the project folder's) says where it went */
		w->any = true;
		w->content_unknown |= d->kind == KIND_CONTENT;
		return;
	}
	const char *name = ev->len ? ev->name : "";
	if (!*name)
		return;
	/* d is not used after a folder_event: watching may move it */
	enum kind kind = d->kind;
	bool arrived = ev->mask & (IN_CREATE | IN_MOVED_TO);
	char *path = strcmp(d->path, ".") == 0 ? xstrdup(name) : xasprintf("%s/%s", d->path, name);
	/* a link to a folder arrives without IN_ISDIR; only the project's roots
	 * (content/...) may be links: below them, the build follows none */
	bool dir = (ev->mask & IN_ISDIR) || (arrived && kind == KIND_TOP && file_is_dir(path));
	if (d->config_name && strcmp(name, d->config_name) == 0)
		w->any = true;
	if (kind == KIND_TOP) {
		for (size_t i = 0; d->project && i < sizeof roots / sizeof *roots; i++)
			if (strcmp(name, roots[i].name) == 0) {
				w->any = true;
				if (dir)
					folder_event(w, path, roots[i].kind, arrived);
				w->content_unknown |= roots[i].kind == KIND_CONTENT;
				break;
			}
	} else if (name[0] != '.') { /* hidden files are not part of the site (swap files) */
		w->any = true;
		if (dir)
			folder_event(w, path, kind, arrived);
		else if (kind == KIND_CONTENT)
			content_changed(w, d, name);
	}
	free(path);
}

void watch_read(struct watch *w)
{
	_Alignas(struct inotify_event) char buf[64 * 1024];
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0)
			return; /* EAGAIN: nothing more waiting */
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			handle(w, ev);
			p += sizeof *ev + ev->len;
		}
	}
}

void watch_changes(const struct watch *w, struct watch_changes *out)
{
	out->any = w->any || w->broken;
	out->content_known = !w->content_unknown && !w->broken;
	out->broken = w->broken;
	out->content = (const char *const *)w->content;
	out->n_content = w->n_content;
}

void watch_reset(struct watch *w)
{
	for (size_t i = 0; i < w->n_content; i++)
		free(w->content[i]);
	w->n_content = 0;
	strmap_free(&w->listed);
	w->any = w->content_unknown = false;
}
