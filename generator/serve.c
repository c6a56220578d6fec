/*
 * The preview server of `marquee serve`: builds the site, serves it on
 * 127.0.0.1, and rebuilds when content, theme or configuration change.
 * GET and HEAD only, bounded requests: a preview server, not a web server.
 * Connections are served side by side by one poll() loop (the rebuilds run
 * in it too), each with a deadline, so that no connection, idle, slow to
 * ask or slow to read, holds up another or a rebuild.
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
#include <sys/uio.h>
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
/* Connections served at once; more wait in the listening queue, or take
 * the place of an idle one (browsers open sockets ahead of need). */
#define MAX_CLIENTS 32
/* A request arrives whole within this many ms of its connection's start;
 * a connection that has sent nothing by then is closed. */
#define REQUEST_MS 5000
/* A reply's reader takes some of it at least this often (ms). */
#define STALL_MS 10000

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

/*
 * One connection: its request as it arrives, then its reply as it leaves.
 * A free slot has fd -1 and nothing owned.
 */
struct client {
	int fd;
	long long deadline; /* ms (now_ms): closed then, or answered 408 */
	char request[MAX_REQUEST + 1]; /* NUL-terminated */
	size_t received;
	bool replying;
	char header[256];
	size_t header_len;
	char *body; /* owned: the reply's body, NULL when it has none (HEAD) */
	size_t body_len;
	size_t sent; /* of header, then body */
};

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void client_close(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c->body);
	c->fd = -1;
	c->body = NULL;
	c->received = 0;
	c->replying = false;
}

/* Queues a reply; takes body (owned, may be NULL when len is 0). */
static void reply(struct client *c, int status, const char *reason, const char *type, char *body,
		  size_t len, bool head)
{
	int n = snprintf(c->header, sizeof c->header,
			 "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
			 "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
			 status, reason, type, len);
	c->header_len = (size_t)n < sizeof c->header ? (size_t)n : sizeof c->header - 1;
	if (head) {
		free(body);
		body = NULL;
	}
	c->body = body;
	c->body_len = body ? len : 0;
	c->sent = 0;
	c->replying = true;
}

static void reply_text(struct client *c, int status, const char *reason, const char *text, bool head)
{
	reply(c, status, reason, "text/plain", xstrdup(text), strlen(text), head);
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

/* Answers the request received so far (whole, or all there will be). */
static void respond(struct client *c, const char *out_dir)
{
	char method[8], target[4096];
	if (sscanf(c->request, "%7s %4095s", method, target) != 2) {
		reply_text(c, 400, "Bad Request", "bad request\n", false);
		return;
	}
	bool head = strcmp(method, "HEAD") == 0;
	if (!head && strcmp(method, "GET") != 0) {
		reply_text(c, 405, "Method Not Allowed", "GET only\n", false);
		return;
	}
	char *rel = request_path(target);
	if (!rel) {
		reply_text(c, 403, "Forbidden", "forbidden\n", head);
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
		reply(c, 200, "OK", content_type(path), body, len, head);
	} else {
		char *nf_path = xasprintf("%s/404.html", out_dir);
		char *nf = file_exists(nf_path) ? file_read_all(nf_path, &len) : NULL;
		if (nf)
			reply(c, 404, "Not Found", "text/html; charset=utf-8", nf, len, head);
		else
			reply_text(c, 404, "Not Found", "not found\n", head);
		free(nf_path);
	}
	msg_verbose("GET %s", target);
	free(path);
	free(rel);
}

/* Sends what the socket takes of the reply; closes the connection once
 * it is all sent or the reader has gone. */
static void client_send(struct client *c, long long now)
{
	size_t total = c->header_len + c->body_len;
	while (c->sent < total) {
		struct iovec iov[2];
		int n = 0;
		if (c->sent < c->header_len)
			iov[n++] = (struct iovec){ c->header + c->sent, c->header_len - c->sent };
		size_t body_sent = c->sent > c->header_len ? c->sent - c->header_len : 0;
		if (body_sent < c->body_len)
			iov[n++] = (struct iovec){ c->body + body_sent, c->body_len - body_sent };
		struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)n };
		ssize_t w = sendmsg(c->fd, &m, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (w <= 0)
			break;
		c->sent += (size_t)w;
		c->deadline = now + STALL_MS;
	}
	client_close(c);
}

/* Takes what arrived of the request; answers it once it is whole, or once
 * the client has said all it will (it shut its side). */
static void client_receive(struct client *c, const char *out_dir, long long now)
{
	ssize_t r = recv(c->fd, c->request + c->received, MAX_REQUEST - c->received, 0);
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (r < 0 || (r == 0 && c->received == 0)) {
		client_close(c);
		return;
	}
	c->received += (size_t)r;
	c->request[c->received] = '\0';
	if (r > 0 && c->received < MAX_REQUEST && !memmem(c->request, c->received, "\r\n\r\n", 4) &&
	    !memmem(c->request, c->received, "\n\n", 2))
		return;
	respond(c, out_dir);
	c->deadline = now + STALL_MS;
	client_send(c, now);
}

/* A connection past its deadline: a request still coming is answered 408,
 * a connection that never asked anything (a browser's spare) is closed. */
static void client_expire(struct client *c, long long now)
{
	if (c->replying || c->received == 0) {
		client_close(c);
		return;
	}
	reply_text(c, 408, "Request Timeout", "request timeout\n", false);
	c->deadline = now + STALL_MS;
	client_send(c, now);
}

/* Accepts waiting connections while there is room; when there is none, a
 * connection that has asked nothing yet makes room (its deadline was the
 * nearest). */
static void accept_clients(int sock, struct client *clients, long long now)
{
	for (int tries = 0; tries < MAX_CLIENTS; tries++) {
		struct client *slot = NULL, *idle = NULL;
		for (int i = 0; i < MAX_CLIENTS && !slot; i++) {
			struct client *c = &clients[i];
			if (c->fd < 0)
				slot = c;
			else if (!c->replying && c->received == 0 && (!idle || c->deadline < idle->deadline))
				idle = c;
		}
		if (!slot && !idle)
			return;
		int fd = accept4(sock, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		if (!slot) {
			client_close(idle);
			slot = idle;
		}
		slot->fd = fd;
		slot->deadline = now + REQUEST_MS;
	}
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
	struct client *clients = NULL;
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
	sock = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sock < 0 || bind(sock, (struct sockaddr *)&addr, sizeof addr) != 0 ||
	    listen(sock, 64) != 0) {
		msg_error("127.0.0.1:%ld: %s", port, strerror(errno));
		goto out;
	}
	msg_info("serving %s/ at %s (Ctrl-C to stop)", out_dir, base);
	fflush(stdout);
	clients = xcalloc(MAX_CLIENTS, sizeof *clients);
	for (int i = 0; i < MAX_CLIENTS; i++)
		clients[i].fd = -1;
	long long next_scan = now_ms() + 300;
	while (!stopping) {
		/* p[0] the listening socket, p[1] the watcher, p[2 + i] clients[i] */
		struct pollfd p[2 + MAX_CLIENTS];
		long long now = now_ms();
		long long wake = now + (watch ? 1000 : 300);
		if (!watch && next_scan < wake)
			wake = next_scan;
		bool room = false;
		for (int i = 0; i < MAX_CLIENTS; i++) {
			struct client *c = &clients[i];
			p[2 + i] = (struct pollfd){ .fd = c->fd, .events = c->replying ? POLLOUT : POLLIN };
			if (c->fd < 0 || (!c->replying && c->received == 0))
				room = true;
			if (c->fd >= 0 && c->deadline < wake)
				wake = c->deadline;
		}
		/* with no room, connections wait in the listening queue */
		p[0] = (struct pollfd){ .fd = room ? sock : -1, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = watch ? watch_fd(watch) : -1, .events = POLLIN };
		int ready = poll(p, 2 + MAX_CLIENTS, wake > now ? (int)(wake - now) : 0);
		if (ready < 0)
			p[0].revents = p[1].revents = 0; /* EINTR: a signal; the loop stops */
		now = now_ms();
		for (int i = 0; i < MAX_CLIENTS; i++) {
			struct client *c = &clients[i];
			if (ready > 0 && c->fd >= 0 && p[2 + i].revents) {
				if (c->replying)
					client_send(c, now);
				else
					client_receive(c, out_dir, now);
			}
			if (c->fd >= 0 && now >= c->deadline)
				client_expire(c, now);
		}
		if (ready > 0 && (p[0].revents & POLLIN))
			accept_clients(sock, clients, now);
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
		} else if (!watch && now >= next_scan) {
			if (watch_signature(theme_dir) != seen) {
				rebuild(cfg, &opt, &theme_dir);
				seen = watch_signature(theme_dir);
			}
			next_scan = now_ms() + 300;
		}
	}
	rc = 0;
out:
	for (int i = 0; clients && i < MAX_CLIENTS; i++)
		client_close(&clients[i]);
	free(clients);
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

