/*
 * The preview server of `marquee serve`: builds the site, serves it on
 * 127.0.0.1, and rebuilds when content, theme or configuration change.
 * One connection at a time, GET and HEAD only, bounded requests: a preview
 * server, not a web server.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/config.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/output.h"
#include "generator/serve.h"
#include "generator/site/site.h"
#include "generator/watch.h"

#define MAX_REQUEST 8192

static unsigned long long signature;

static int add_to_signature(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	(void)type;
	unsigned long long h = (unsigned long long)st->st_mtim.tv_sec * 1000000007ULL +
			       (unsigned long long)st->st_mtim.tv_nsec + (unsigned long long)st->st_size;
	for (const char *s = path; *s; s++)
		h = h * 31 + (unsigned char)*s;
	signature = signature * 1099511628211ULL ^ h;
	return 0;
}

/* A number that changes when any watched file changes: how changes are
 * found when inotify is not available. */
static unsigned long long watch_signature(const char *theme_dir)
{
	signature = 14695981039346656037ULL;
	const char *dirs[] = { "content", "static", "layouts", "partials", "marquee.yml", theme_dir };
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		if (dirs[i] && file_exists(dirs[i]))
			nftw(dirs[i], add_to_signature, 16, FTW_PHYS);
	return signature;
}

static const char *content_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" }, { ".json", "application/json" },
		{ ".xml", "application/xml" }, { ".txt", "text/plain; charset=utf-8" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".webp", "image/webp" }, { ".ico", "image/x-icon" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

static void send_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = send(fd, data, len, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		data += w;
		len -= (size_t)w;
	}
}

static void reply(int fd, int status, const char *reason, const char *type, const char *body,
		  size_t len, bool head)
{
	char header[256];
	int n = snprintf(header, sizeof header,
			 "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
			 "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
			 status, reason, type, len);
	send_all(fd, header, (size_t)n);
	if (!head)
		send_all(fd, body, len);
}

/* "/films/a%20b/" -> "films/a b/index.html"; NULL for anything leaving the site. */
static char *request_path(const char *target)
{
	struct buf b = BUF_INIT;
	const char *s = target;
	if (*s != '/')
		return NULL;
	for (s++; *s && *s != '?' && *s != '#'; s++) {
		char c = *s;
		if (c == '%' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], 0 };
			char *end;
			long v = strtol(hex, &end, 16);
			if (*end || v <= 0) {
				buf_free(&b);
				return NULL;
			}
			c = (char)v;
			s += 2;
		}
		buf_putc(&b, c);
	}
	char *path = buf_detach(&b);
	/* no "..", no hidden files, no absolute paths */
	if (strstr(path, "/.") || path[0] == '.' || path[0] == '/' || strstr(path, "//")) {
		free(path);
		return NULL;
	}
	return path;
}

static void handle(int fd, const char *out_dir)
{
	char req[MAX_REQUEST + 1];
	size_t n = 0;
	struct timeval tv = { 2, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	while (n < MAX_REQUEST) {
		ssize_t r = recv(fd, req + n, MAX_REQUEST - n, 0);
		if (r <= 0)
			break;
		n += (size_t)r;
		req[n] = '\0';
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	req[n] = '\0';
	char method[8], target[4096];
	if (sscanf(req, "%7s %4095s", method, target) != 2) {
		reply(fd, 400, "Bad Request", "text/plain", "bad request\n", 12, false);
		return;
	}
	bool head = strcmp(method, "HEAD") == 0;
	if (!head && strcmp(method, "GET") != 0) {
		reply(fd, 405, "Method Not Allowed", "text/plain", "GET only\n", 9, false);
		return;
	}
	char *rel = request_path(target);
	if (!rel) {
		reply(fd, 403, "Forbidden", "text/plain", "forbidden\n", 10, head);
		return;
	}
	char *path = xasprintf("%s/%s", out_dir, rel);
	if (file_is_dir(path)) {
		char *index = xasprintf("%s%sindex.html", path, *rel && rel[strlen(rel) - 1] != '/' ? "/" : "");
		free(path);
		path = index;
	}
	/* a missing file (a browser's /favicon.ico) is a 404, not an error message */
	size_t len = 0;
	char *body = file_exists(path) && !file_is_dir(path) ? file_read_all(path, &len) : NULL;
	if (body) {
		reply(fd, 200, "OK", content_type(path), body, len, head);
	} else {
		char *nf_path = xasprintf("%s/404.html", out_dir);
		char *nf = file_exists(nf_path) ? file_read_all(nf_path, &len) : NULL;
		if (nf)
			reply(fd, 404, "Not Found", "text/html; charset=utf-8", nf, len, head);
		else
			reply(fd, 404, "Not Found", "text/plain", "not found\n", 10, head);
		free(nf);
		free(nf_path);
	}
	msg_verbose("GET %s", target);
	free(body);
	free(path);
	free(rel);
}

/* Reads the events of one change: they come in bursts (an editor writes,
 * closes, renames), so wait until none came for 10 ms, for at most 1 s. */
static void settle(struct watch *w)
{
	struct pollfd p = { .fd = watch_fd(w), .events = POLLIN };
	for (int i = 0; i < 100; i++) {
		watch_read(w);
		if (poll(&p, 1, 10) <= 0)
			break;
	}
}

/*
 * Rebuilds, reading marquee.yml again (it may be what changed); a failed
 * rebuild keeps the previous site and the error says why. When the
 * configuration names another theme (and --theme was not given), replaces
 * *theme_dir and returns true: the caller watches the new one.
 */
static bool rebuild(const struct config *current, struct site_options *opt, char **theme_dir)
{
	struct config *cfg = file_exists(current->path) ? config_load(current->path) : config_load(NULL);
	const char *theme;
	bool moved = false;
	if (cfg && !opt->theme_dir && config_string(cfg, "site.theme", "default", &theme) == 0) {
		char *dir = xasprintf("themes/%s", theme);
		moved = strcmp(dir, *theme_dir) != 0;
		if (moved) {
			free(*theme_dir);
			*theme_dir = dir;
		} else {
			free(dir);
		}
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (cfg && site_build(cfg, opt) == 0) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		msg_info("rebuilt in %lld ms", (long long)(t1.tv_sec - t0.tv_sec) * 1000 +
						       (t1.tv_nsec - t0.tv_nsec) / 1000000);
	}
	config_free(cfg);
	fflush(stdout);
	return moved;
}

static volatile sig_atomic_t stopping;

#define PREVIEW "marquee-preview-"

/*
 * A private folder for the preview when --out is not given (owned by the
 * caller, removed by it when serve stops): the preview's links point at
 * 127.0.0.1, so it never goes into the site that is published. In
 * $XDG_RUNTIME_DIR, else $TMPDIR, else /tmp; mode 0700, since the manager's
 * site is not for the machine's other users. Previews that serves killed
 * before their end left there are removed first (not by age: a serve may
 * run for days). NULL after reporting.
 */
static char *preview_new(void)
{
	const char *base = getenv("XDG_RUNTIME_DIR");
	if (!base || !*base || !file_is_dir(base))
		base = getenv("TMPDIR");
	if (!base || !*base || !file_is_dir(base))
		base = "/tmp";
	output_sweep(base, PREVIEW, false);
	char *dir = xasprintf("%s/" PREVIEW "%ld-XXXXXX", base, (long)getpid());
	if (!mkdtemp(dir)) {
		msg_error("%s: cannot make the preview's folder: %s", base, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

int serve_site(const struct config *cfg, const struct site_options *opts, long port)
{
	struct site_options opt = *opts;
	char *base = xasprintf("http://127.0.0.1:%ld/", port);
	opt.base_url = base;
	int rc = 1, sock = -1;
	struct watch *watch = NULL;
	const char *theme;
	char *theme_dir = NULL, *preview = NULL, *preview_site = NULL;
	if (config_string(cfg, "site.theme", "default", &theme) != 0)
		goto out;
	if (!opt.out_dir) {
		if (!(preview = preview_new()))
			goto out;
		preview_site = xasprintf("%s/site", preview);
		opt.out_dir = preview_site;
	}
	const char *out_dir = opt.out_dir;
	/* from the first build on, Ctrl-C stops serve between two steps, so
	 * that the preview's folder is removed */
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	theme_dir = opt.theme_dir ? xstrdup(opt.theme_dir) : xasprintf("themes/%s", theme);
	opt.cache = page_cache_new();
	/* watching starts before the first build, so that no change is missed */
	watch = watch_open(theme_dir, cfg->path);
	unsigned long long seen = watch ? 0 : watch_signature(theme_dir);
	if (site_build(cfg, &opt) != 0)
		goto out;
	sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sock < 0 || bind(sock, (struct sockaddr *)&addr, sizeof addr) != 0 ||
	    listen(sock, 16) != 0) {
		msg_error("127.0.0.1:%ld: %s", port, strerror(errno));
		goto out;
	}
	msg_info("serving %s/ at %s (Ctrl-C to stop)", out_dir, base);
	fflush(stdout);
	while (!stopping) {
		struct pollfd p[2] = { { .fd = sock, .events = POLLIN },
				       { .fd = watch ? watch_fd(watch) : -1, .events = POLLIN } };
		int ready = poll(p, 2, watch ? 1000 : 300);
		if (ready > 0 && (p[0].revents & POLLIN)) {
			int fd = accept4(sock, NULL, NULL, SOCK_CLOEXEC);
			if (fd >= 0) {
				handle(fd, out_dir);
				close(fd);
			}
		}
		if (watch && (p[1].revents & POLLIN)) {
			settle(watch);
			struct watch_changes changes;
			watch_changes(watch, &changes);
			if (changes.any) {
				opt.content_known = changes.content_known;
				opt.content_changed = changes.content;
				opt.n_content_changed = changes.n_content;
				if (rebuild(cfg, &opt, &theme_dir)) {
					/* watch the new theme; what changed meanwhile is
					 * found by a build that checks every file */
					watch_close(watch);
					watch = watch_open(theme_dir, cfg->path);
					opt.content_known = false;
					opt.content_changed = NULL;
					opt.n_content_changed = 0;
					rebuild(cfg, &opt, &theme_dir);
					if (!watch)
						seen = watch_signature(theme_dir);
					continue;
				}
			}
			watch_reset(watch);
			if (changes.broken) {
				msg_warn("looking for changes every 300 ms from now on");
				watch_close(watch);
				watch = NULL;
				opt.content_known = false;
				seen = watch_signature(theme_dir);
			}
		} else if (!watch && ready == 0) {
			unsigned long long now = watch_signature(theme_dir);
			if (now != seen) {
				rebuild(cfg, &opt, &theme_dir);
				seen = watch_signature(theme_dir);
			}
		}
	}
	rc = 0;
out:
	watch_close(watch);
	page_cache_free(opt.cache);
	if (sock >= 0)
		close(sock);
	if (preview)
		file_remove_tree(preview);
	free(preview);
	free(preview_site);
	free(theme_dir);
	free(base);
	return rc;
}

