/*
 * tmdb_server: a canned TMDB API server for tests and benchmarks (never for
 * production). It speaks just enough HTTP/1.1 (GET and HEAD, keep-alive,
 * one thread per connection) to replay recorded answers, and injects faults
 * on demand. See tests/tmdb/README.md; canned.c reads the routes and the
 * faults, this file serves them.
 *
 *   tmdb_server --port-file FILE [--routes FILE]... [--dir DIR]...
 *               [--fault SPEC]... [--faults FILE] [--latency-ms N]
 *               [--log FILE] [--max-seconds N] [--max-age N]
 *
 * It listens on 127.0.0.1 on a free port and writes the port number to
 * --port-file (atomically, by rename) once it accepts connections. It stops
 * after --max-seconds (default 60), on SIGTERM or SIGINT, or on "GET /__quit".
 *
 * Routes. Each line of a routes file reads
 *
 *   PATH[?QUERY]  STATUS  CONTENT-TYPE  BODY
 *
 * BODY is a file found first beside the routes file, then in each --dir in
 * turn; "-" is an empty body; "size:N" is a generated JSON document of
 * exactly N bytes. A request is matched against the routes in file order on
 * its key: the path without a leading "/3" segment, then "?" and the query
 * parameters sorted, with "api_key" dropped (no percent-decoding). Route
 * paths are keyed the same way, and "*" in a route matches any run of
 * characters. No route: 404 with TMDB's "resource not found" body.
 *
 * Answers with a 2xx status carry an ETag (a hash of the body) and a
 * Last-Modified (the body file's time); a matching If-None-Match, or an
 * If-Modified-Since not older than Last-Modified, gets 304.
 *
 * Faults. A SPEC (on the command line, or one a line in --faults FILE, "#"
 * starting a comment) reads "WHERE ACTION [times N]":
 *
 *   WHERE   a pattern on the request's key, as in routes ("/movie/550*"), or
 *           "#N" for the Nth request the server reads (from 1)
 *   ACTION  status CODE [retry-after SECONDS | retry-after-date SECONDS]
 *                        answer CODE (a small JSON body), with Retry-After
 *                        in seconds or as an HTTP date that far ahead
 *           delay MS     answer normally, MS milliseconds late
 *           truncate     announce the whole body, send half, close
 *           bad-json     status 200 with half the body (invalid JSON)
 *           html         status 200, text/html, a small web page
 *           drop         close the connection without answering
 *   times N the first N requests that match only (default: all)
 *
 * The first fault whose WHERE matches and whose count is not used up
 * applies. --latency-ms N delays every answer by N milliseconds.
 *
 * Log (--log): one line per request, flushed at once:
 *
 *   TIME_MS CONN METHOD TARGET STATUS AUTH FAULT
 *
 * TIME_MS since the server started, when the request was read; CONN the
 * connection's number (from 1, in accept order); TARGET as received; STATUS
 * the status answered, or "drop"; AUTH "auth" when an Authorization header
 * came, else "noauth"; FAULT the action applied, or "-". A line is written
 * as soon as the answer is chosen, before any delay.
 */
#define _GNU_SOURCE /* strptime, timegm */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/xalloc.h"
#include "tests/tmdb/canned.h"

enum {
	REQUEST_MAX = 16384,   /* a request head larger than this gets 431 */
	CONNECTIONS_MAX = 256, /* connections served at once; more are closed */
	IDLE_MS = 30000,       /* an idle keep-alive connection is closed */
};

struct slot {
	pthread_t thread;
	int fd;               /* closed by the main thread after the join */
	long conn_no;
	atomic_bool busy;     /* a thread runs or waits to be joined */
	atomic_bool finished; /* the thread is done: join it */
};

static long latency_ms;
static long max_age = -1;
static FILE *log_file; /* owned, or NULL */
static long long start_ms;
static atomic_bool stopping;
static volatile sig_atomic_t signalled;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* faults, counters, log */
static long requests_read;
static struct slot slots[CONNECTIONS_MAX];

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleeps ms milliseconds in short steps, so that a stop is not held up. */
static void pause_ms(long ms)
{
	long long until = now_ms() + ms;
	while (!atomic_load(&stopping)) {
		long long left = until - now_ms();
		if (left <= 0)
			break;
		struct timespec ts = { 0, (left > 50 ? 50 : left) * 1000000L };
		nanosleep(&ts, NULL);
	}
}

static int send_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Status";
	}
}

/* What one request asked. Pointers borrow the connection's buffer. */
struct request {
	const char *method, *target;
	const char *if_none_match, *if_modified_since;
	bool authorization, close, has_body;
};

struct answer {
	int status;
	const char *content_type; /* borrowed */
	const char *body;         /* borrowed */
	size_t body_len;
	size_t send_len;          /* less than body_len when truncated */
	const struct canned_route *route; /* borrowed: for ETag, or NULL */
	char extra[128];          /* more header lines */
	bool close;
};

/* TMDB's own error bodies (the 429 one as documented). */
static const char not_found_body[] =
	"{\"success\":false,\"status_code\":34,"
	"\"status_message\":\"The resource you requested could not be found.\"}";
static const char rate_body[] =
	"{\"status_code\":25,"
	"\"status_message\":\"Your request count (#) is over the allowed limit of (40).\",\"success\":false}";
static const char error_body[] =
	"{\"success\":false,\"status_code\":11,"
	"\"status_message\":\"Internal error: Something went wrong, contact TMDb.\"}";
static const char html_body[] =
	"<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon.</body></html>";

static int answer_send(int fd, const struct request *req, const struct answer *a)
{
	struct buf head = BUF_INIT;
	buf_printf(&head, "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\n", a->status, reason(a->status),
		   a->body_len);
	if (a->content_type && a->status != 304)
		buf_printf(&head, "Content-Type: %s\r\n", a->content_type);
	if (a->route && (a->status / 100 == 2 || a->status == 304)) {
		buf_printf(&head, "ETag: %s\r\nLast-Modified: %s\r\n", a->route->etag, a->route->last_modified);
		if (max_age >= 0)
			buf_printf(&head, "Cache-Control: public, max-age=%ld\r\n", max_age);
	}
	buf_puts(&head, a->extra);
	buf_printf(&head, "Connection: %s\r\n\r\n", a->close ? "close" : "keep-alive");
	int rc = send_all(fd, head.data, head.len);
	if (rc == 0 && strcmp(req->method, "HEAD") != 0 && a->status != 304)
		rc = send_all(fd, a->body, a->send_len);
	buf_free(&head);
	return rc;
}

static void log_request(long long at, long conn_no, const struct request *req, const char *status,
			const char *fault)
{
	if (!log_file)
		return;
	fprintf(log_file, "%lld %ld %s %s %s %s %s\n", at - start_ms, conn_no, req->method, req->target,
		status, req->authorization ? "auth" : "noauth", fault);
	fflush(log_file);
}

/* Answers one parsed request. -1: close the connection. */
static int request_serve(int fd, long conn_no, const struct request *req)
{
	long long at = now_ms();
	if (strcmp(req->target, "/__quit") == 0) {
		atomic_store(&stopping, true);
		struct answer a = { .status = 200, .content_type = "text/plain", .body = "bye\n",
				    .body_len = 4, .send_len = 4, .close = true };
		answer_send(fd, req, &a);
		return -1;
	}
	char *key = canned_key_new(req->target);
	struct canned_fault f = { 0 };
	bool faulty = false;
	pthread_mutex_lock(&lock);
	long request_no = ++requests_read;
	if (key)
		faulty = canned_fault_take(key, request_no, &f);
	pthread_mutex_unlock(&lock);

	struct answer a = { .status = 404, .content_type = "application/json;charset=utf-8",
			    .body = not_found_body, .body_len = sizeof not_found_body - 1,
			    .close = req->close };
	const struct canned_route *r = NULL;
	if (key)
		r = canned_route_find(key);
	if (!key || (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) || req->has_body) {
		a.status = !key || req->has_body ? 400 : 405;
		a.body = "{}";
		a.body_len = 2;
		a.close = true;
	} else if (r) {
		a.status = r->status;
		a.content_type = r->content_type;
		a.body = r->body;
		a.body_len = r->body_len;
		a.route = r;
		if (r->status / 100 == 2) {
			struct tm tm = { 0 };
			bool not_modified = false;
			if (req->if_none_match)
				not_modified = strstr(req->if_none_match, r->etag) || strcmp(req->if_none_match, "*") == 0;
			else if (req->if_modified_since && strptime(req->if_modified_since, "%a, %d %b %Y %H:%M:%S GMT", &tm))
				not_modified = timegm(&tm) >= r->modified;
			if (not_modified) {
				a.status = 304;
				a.body_len = 0;
			}
		}
	}
	a.send_len = a.body_len;

	const char *fault_name = faulty ? canned_action_name(f.action) : "-";
	if (faulty) {
		switch (f.action) {
		case CANNED_STATUS:
			a.status = f.status;
			a.route = NULL;
			a.content_type = "application/json;charset=utf-8";
			a.body = f.status == 429 ? rate_body : error_body;
			a.body_len = a.send_len = strlen(a.body);
			if (f.retry_after_s >= 0 && f.retry_after_date) {
				char date[32];
				canned_http_date(time(NULL) + f.retry_after_s, date);
				snprintf(a.extra, sizeof a.extra, "Retry-After: %s\r\n", date);
			} else if (f.retry_after_s >= 0) {
				snprintf(a.extra, sizeof a.extra, "Retry-After: %ld\r\n", f.retry_after_s);
			}
			break;
		case CANNED_DELAY:
			break;
		case CANNED_TRUNCATE:
			if (a.body_len < 2) {
				a.body_len = 100;
				a.send_len = 0;
			} else {
				a.send_len = a.body_len / 2;
			}
			a.close = true;
			break;
		case CANNED_BAD_JSON:
			a.status = 200;
			a.content_type = "application/json;charset=utf-8";
			a.body_len = a.send_len = a.body_len / 2;
			a.route = NULL;
			break;
		case CANNED_HTML:
			a.status = 200;
			a.route = NULL;
			a.content_type = "text/html; charset=utf-8";
			a.body = html_body;
			a.body_len = a.send_len = sizeof html_body - 1;
			break;
		case CANNED_DROP:
			break;
		}
	}
	free(key);
	/* Logged before any delay, so that a client that gave up is logged too. */
	char status[16];
	snprintf(status, sizeof status, "%d", a.status);
	pthread_mutex_lock(&lock);
	log_request(at, conn_no, req, faulty && f.action == CANNED_DROP ? "drop" : status, fault_name);
	pthread_mutex_unlock(&lock);
	pause_ms(latency_ms + (faulty && f.action == CANNED_DELAY ? f.delay_ms : 0));
	if (faulty && f.action == CANNED_DROP)
		return -1;
	if (answer_send(fd, req, &a) < 0 || a.close)
		return -1;
	return 0;
}

/* Splits the head in buf (NUL-terminated) into req. -1: malformed. */
static int request_parse(char *head, struct request *req)
{
	memset(req, 0, sizeof *req);
	char *save = NULL;
	char *line = strtok_r(head, "\r\n", &save);
	if (!line)
		return -1;
	char *sp1 = strchr(line, ' ');
	char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	if (!sp1 || !sp2)
		return -1;
	*sp1 = *sp2 = '\0';
	req->method = line;
	req->target = sp1 + 1;
	if (strcmp(sp2 + 1, "HTTP/1.1") != 0)
		req->close = true; /* HTTP/1.0: one request a connection */
	for (line = strtok_r(NULL, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		char *colon = strchr(line, ':');
		if (!colon)
			return -1;
		*colon = '\0';
		char *value = colon + 1 + strspn(colon + 1, " \t");
		if (strcasecmp(line, "Authorization") == 0)
			req->authorization = true;
		else if (strcasecmp(line, "If-None-Match") == 0)
			req->if_none_match = value;
		else if (strcasecmp(line, "If-Modified-Since") == 0)
			req->if_modified_since = value;
		else if (strcasecmp(line, "Connection") == 0 && strcasecmp(value, "close") == 0)
			req->close = true;
		else if (strcasecmp(line, "Content-Length") == 0 && strcmp(value, "0") != 0)
			req->has_body = true;
		else if (strcasecmp(line, "Transfer-Encoding") == 0)
			req->has_body = true;
	}
	return req->target[0] == '/' ? 0 : -1;
}

/* Waits until fd is readable: 0, or -1 when stopping or idle too long. */
static int wait_readable(int fd)
{
	long long until = now_ms() + IDLE_MS;
	while (!atomic_load(&stopping) && now_ms() < until) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n = poll(&p, 1, 100);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
	return -1;
}

static void *connection_main(void *arg)
{
	struct slot *s = arg;
	char *buf = xmalloc(REQUEST_MAX + 1);
	size_t have = 0;
	for (;;) {
		char *end;
		buf[have] = '\0';
		while (!(end = strstr(buf, "\r\n\r\n"))) {
			if (have == REQUEST_MAX) {
				static const char too_large[] =
					"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
				send_all(s->fd, too_large, sizeof too_large - 1);
				goto out;
			}
			if (wait_readable(s->fd) < 0)
				goto out;
			ssize_t n = recv(s->fd, buf + have, REQUEST_MAX - have, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				goto out;
			have += (size_t)n;
			buf[have] = '\0';
			if (memchr(buf, '\0', have)) /* NUL bytes: not HTTP */
				goto out;
		}
		size_t used = (size_t)(end + 4 - buf);
		end[2] = '\0';
		struct request req;
		if (request_parse(buf, &req) < 0) {
			static const char bad[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
			send_all(s->fd, bad, sizeof bad - 1);
			goto out;
		}
		if (request_serve(s->fd, s->conn_no, &req) < 0)
			goto out;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
out:
	free(buf);
	/* The main thread closes fd after the join, so it can never name another file. */
	shutdown(s->fd, SHUT_RDWR);
	atomic_store(&s->finished, true);
	return NULL;
}

static void on_signal(int sig)
{
	(void)sig;
	signalled = 1;
}

static void reap(bool all)
{
	for (size_t i = 0; i < CONNECTIONS_MAX; i++) {
		struct slot *s = &slots[i];
		if (!atomic_load(&s->busy))
			continue;
		if (all && !atomic_load(&s->finished))
			shutdown(s->fd, SHUT_RDWR);
		if (all || atomic_load(&s->finished)) {
			pthread_join(s->thread, NULL);
			close(s->fd);
			atomic_store(&s->busy, false);
		}
	}
}

static void usage(void)
{
	fputs("usage: tmdb_server --port-file FILE [--routes FILE]... [--dir DIR]... [--fault SPEC]...\n"
	      "                   [--faults FILE] [--latency-ms N] [--log FILE] [--max-seconds N] [--max-age N]\n",
	      stderr);
	exit(2);
}

static long number_arg(const char *option, const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);
	if (!*value || *end || v < 0) {
		fprintf(stderr, "tmdb_server: %s wants a number, not \"%s\"\n", option, value);
		usage();
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *port_file = NULL, *log_path = NULL;
	const char **routes_files = xcalloc((size_t)argc, sizeof *routes_files);
	size_t n_routes_files = 0;
	long max_seconds = 60;
	start_ms = now_ms();
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		if (i + 1 >= argc)
			usage();
		const char *value = argv[++i];
		if (strcmp(opt, "--port-file") == 0)
			port_file = value;
		else if (strcmp(opt, "--routes") == 0)
			routes_files[n_routes_files++] = value;
		else if (strcmp(opt, "--dir") == 0) {
			canned_dir_add(value);
		} else if (strcmp(opt, "--fault") == 0)
			canned_fault_add(value, "--fault");
		else if (strcmp(opt, "--faults") == 0)
			canned_faults_load(value);
		else if (strcmp(opt, "--latency-ms") == 0)
			latency_ms = number_arg(opt, value);
		else if (strcmp(opt, "--log") == 0)
			log_path = value;
		else if (strcmp(opt, "--max-seconds") == 0)
			max_seconds = number_arg(opt, value);
		else if (strcmp(opt, "--max-age") == 0)
			max_age = number_arg(opt, value);
		else
			usage();
	}
	if (!port_file)
		usage();
	/* Bodies are looked up in --dir wherever it comes on the line. */
	for (size_t i = 0; i < n_routes_files; i++)
		canned_routes_load(routes_files[i]);
	free(routes_files);
	if (log_path && !(log_file = fopen(log_path, "w")))
		canned_die("%s: %s", log_path, strerror(errno));

	int listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0)
		canned_die("socket: %s", strerror(errno));
	int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t addr_len = sizeof addr;
	if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 128) < 0 ||
	    getsockname(listener, (struct sockaddr *)&addr, &addr_len) < 0)
		canned_die("127.0.0.1: %s", strerror(errno));
	char *tmp = xasprintf("%s.tmp", port_file);
	FILE *pf = fopen(tmp, "w");
	if (!pf || fprintf(pf, "%d\n", ntohs(addr.sin_port)) < 0 || fclose(pf) != 0 || rename(tmp, port_file) != 0)
		canned_die("%s: %s", port_file, strerror(errno));
	free(tmp);

	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	long long until = start_ms + max_seconds * 1000;
	long conn_no = 0;
	while (!signalled && !atomic_load(&stopping) && now_ms() < until) {
		reap(false);
		struct pollfd p = { .fd = listener, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0)
			continue;
		int fd = accept(listener, NULL, NULL);
		if (fd < 0)
			continue;
		conn_no++;
		struct slot *s = NULL;
		for (size_t i = 0; i < CONNECTIONS_MAX && !s; i++)
			if (!atomic_load(&slots[i].busy))
				s = &slots[i];
		if (!s) {
			close(fd);
			continue;
		}
		s->fd = fd;
		s->conn_no = conn_no;
		atomic_store(&s->finished, false);
		atomic_store(&s->busy, true);
		if (pthread_create(&s->thread, NULL, connection_main, s) != 0) {
			atomic_store(&s->busy, false);
			close(fd);
		}
	}
	atomic_store(&stopping, true);
	close(listener);
	reap(true);
	if (log_file)
		fclose(log_file);
	canned_free();
	return 0;
}
