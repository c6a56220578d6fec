/*
 * The HTTP client: the only file that includes curl. A batch of GET
 * requests runs on one multi handle, whose connection cache keeps
 * connections alive between requests. Each request goes through a queue
 * (fresh), a list of retries waiting for their time, and the list of
 * transfers in flight; the loop in http_run starts what is due when the
 * token bucket allows, lets curl work, and hands each finished request to
 * the caller's callback at once.
 */
#include "predictor/sources/http.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/buf.h"
#include "common/fault.h"
#include "common/msg.h"
#include "common/xalloc.h"

#ifndef MARQUEE_VERSION
#define MARQUEE_VERSION "0"
#endif

enum {
	HEADER_VALUE_MAX = 1024, /* longest ETag, Last-Modified... kept */
	URL_MAX = 8192,
	SECRETS_MAX = 4,         /* the key and the token, each raw and percent-encoded */
	POLL_MAX_MS = 1000,
};

struct request {
	struct http_client *client; /* borrowed: the owner */
	char *url;                  /* owned: as given, secret included */
	char *shown;                /* owned: url redacted */
	char *etag;                 /* owned: to send, or NULL */
	char *last_modified;        /* owned: to send, or NULL */
	void *user;                 /* borrowed: the caller's */
	int attempts;
	long long first_start_ms;
	long long attempt_start_ms;
	long long not_before_ms;    /* a retry waits until then */
	char *last_error;           /* owned: why the last attempt failed, or NULL */
	long last_status;           /* of the last attempt, 0 when none came */
	/* The current or last attempt. */
	CURL *easy;                   /* owned while in flight */
	struct curl_slist *headers;   /* owned while in flight */
	struct buf body;
	char *got_etag;               /* owned, or NULL */
	char *got_last_modified;      /* owned, or NULL */
	char *got_content_type;       /* owned, or NULL */
	char reason[64];              /* the status line's reason phrase */
	long max_age;
	long long retry_after_ms;     /* -1: none */
	bool body_too_big;            /* on_body aborted the transfer */
	bool header_too_long;         /* on_header aborted the transfer */
	char errbuf[CURL_ERROR_SIZE];
	struct request *next;         /* borrowed: the next in the same list */
};

struct request_list {
	struct request *head, *tail; /* owned */
};

struct http_client {
	struct http_options opt;  /* defaults filled in; pointers borrowed */
	CURLM *multi;             /* owned */
	char *secrets[SECRETS_MAX]; /* owned: strings to redact, NULL after the last */
	char *bearer_header;      /* owned: "Bearer TOKEN", or NULL */
	char *user_agent;         /* owned */
	struct request_list queue;   /* fresh requests, in order */
	struct request_list waiting; /* retries waiting for not_before_ms */
	struct request_list running; /* in flight */
	int n_running;
	double tokens;
	long long tokens_at_us;
	uint64_t rng;
	bool running_batch;
	bool closing; /* the deadline passed: requests queued now are dropped */
	struct http_stats stats;
};

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long now_ms(void)
{
	return now_us() / 1000;
}

/* splitmix64: small, seedable, good enough for jitter. */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void list_push(struct request_list *l, struct request *r)
{
	r->next = NULL;
	if (l->tail)
		l->tail->next = r;
	else
		l->head = r;
	l->tail = r;
}

static void list_remove(struct request_list *l, struct request *r)
{
	struct request *prev = NULL;
	for (struct request *p = l->head; p; prev = p, p = p->next) {
		if (p != r)
			continue;
		if (prev)
			prev->next = r->next;
		else
			l->head = r->next;
		if (l->tail == r)
			l->tail = prev;
		r->next = NULL;
		return;
	}
}

/* Clears what one attempt gathered, keeping the body's memory. */
static void attempt_reset(struct request *r)
{
	buf_clear(&r->body);
	free(r->got_etag);
	free(r->got_last_modified);
	free(r->got_content_type);
	r->got_etag = r->got_last_modified = r->got_content_type = NULL;
	r->reason[0] = '\0';
	r->max_age = -1;
	r->retry_after_ms = -1;
	r->body_too_big = r->header_too_long = false;
	r->errbuf[0] = '\0';
}

/* Ends the transfer in flight, if any. */
static void attempt_end(struct request *r)
{
	if (r->easy) {
		curl_multi_remove_handle(r->client->multi, r->easy);
		curl_easy_cleanup(r->easy);
		r->easy = NULL;
	}
	curl_slist_free_all(r->headers);
	r->headers = NULL;
}

static void request_free(struct request *r)
{
	if (!r)
		return;
	attempt_end(r);
	attempt_reset(r);
	buf_free(&r->body);
	free(r->url);
	free(r->shown);
	free(r->etag);
	free(r->last_modified);
	free(r->last_error);
	free(r);
}

static void list_free(struct request_list *l)
{
	while (l->head) {
		struct request *r = l->head;
		l->head = r->next;
		request_free(r);
	}
	l->tail = NULL;
}

/* ---- redaction ---- */

/* The percent-encoded form of s, as it would appear in a URL (owned). */
static char *url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf out = BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p)) {
			buf_putc(&out, (char)*p);
		} else {
			buf_putc(&out, '%');
			buf_putc(&out, hex[*p >> 4]);
			buf_putc(&out, hex[*p & 15]);
		}
	}
	return buf_detach(&out);
}

static void secret_add(struct http_client *c, const char *secret)
{
	size_t n = 0;
	while (c->secrets[n])
		n++;
	c->secrets[n++] = xstrdup(secret);
	char *escaped = url_escape(secret);
	if (strcmp(escaped, secret) != 0)
		c->secrets[n] = escaped;
	else
		free(escaped);
}

char *http_redact(const struct http_client *c, const char *text)
{
	struct buf out = BUF_INIT;
	const char *p = text;
	while (*p) {
		size_t skip = 0;
		for (size_t i = 0; i < SECRETS_MAX && c->secrets[i] && !skip; i++)
			if (strncmp(p, c->secrets[i], strlen(c->secrets[i])) == 0)
				skip = strlen(c->secrets[i]);
		if (skip) {
			buf_puts(&out, "***");
			p += skip;
		} else if ((p == text || p[-1] == '?' || p[-1] == '&') && strncmp(p, "api_key=", 8) == 0) {
			buf_puts(&out, "api_key=***");
			p += 8;
			p += strcspn(p, "&# \t\r\n\"'");
		} else {
			buf_putc(&out, *p++);
		}
	}
	buf_puts(&out, ""); /* "" for empty text, never NULL */
	return buf_detach(&out);
}

/* ---- the client ---- */

/* A header value fit to send: one line, bounded. */
static bool header_value_ok(const char *v)
{
	return strlen(v) <= HEADER_VALUE_MAX && !strpbrk(v, "\r\n");
}

static int option_range(const char *name, double value, double max)
{
	if (value >= 0 && value <= max)
		return 0;
	msg_error("http: %s must lie between 0 and %g, not %g", name, max, value);
	return -1;
}

static int options_check(struct http_options *o)
{
	const double day_ms = 86400000;
	if (option_range("rate", o->rate, 1e6) < 0 || option_range("burst", o->burst, 1e6) < 0 ||
	    option_range("max_connections", o->max_connections, 1000) < 0 ||
	    option_range("max_attempts", o->max_attempts, 100) < 0 ||
	    option_range("attempt_timeout_ms", (double)o->attempt_timeout_ms, day_ms) < 0 ||
	    option_range("connect_timeout_ms", (double)o->connect_timeout_ms, day_ms) < 0 ||
	    option_range("deadline_ms", (double)o->deadline_ms, day_ms) < 0 ||
	    option_range("backoff_base_ms", (double)o->backoff_base_ms, day_ms) < 0 ||
	    option_range("backoff_max_ms", (double)o->backoff_max_ms, day_ms) < 0)
		return -1;
	if (o->secret && (strlen(o->secret) < 4 || !header_value_ok(o->secret))) {
		msg_error("http: the secret must be one line of at least 4 characters");
		return -1;
	}
	if (o->bearer && (strlen(o->bearer) < 4 || !header_value_ok(o->bearer))) {
		msg_error("http: the bearer token must be one line of at least 4 characters");
		return -1;
	}
	if (o->rate == 0)
		o->rate = 40;
	if (o->burst == 0)
		o->burst = o->rate >= 20 ? (int)(o->rate / 10) : 1;
	if (o->max_connections == 0)
		o->max_connections = 20;
	if (o->max_attempts == 0)
		o->max_attempts = 4;
	if (o->attempt_timeout_ms == 0)
		o->attempt_timeout_ms = 30000;
	if (o->connect_timeout_ms == 0)
		o->connect_timeout_ms = 10000;
	if (o->deadline_ms == 0)
		o->deadline_ms = 600000;
	if (o->backoff_base_ms == 0)
		o->backoff_base_ms = 500;
	if (o->backoff_max_ms == 0)
		o->backoff_max_ms = 30000;
	if (o->max_body == 0)
		o->max_body = 8u << 20;
	return 0;
}

struct http_client *http_new(const struct http_options *opt)
{
	struct http_options o = *opt;
	if (options_check(&o) < 0)
		return NULL;
	CURLcode e = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (e != CURLE_OK) {
		msg_error("http: curl_global_init: %s", curl_easy_strerror(e));
		return NULL;
	}
	struct http_client *c = xcalloc(1, sizeof *c);
	c->opt = o;
	c->multi = curl_multi_init();
	if (!c->multi) {
		msg_error("http: curl_multi_init failed");
		curl_global_cleanup();
		free(c);
		return NULL;
	}
	curl_multi_setopt(c->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(c->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o.max_connections);
	curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)o.max_connections);
	curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)o.max_connections);
	if (o.secret)
		secret_add(c, o.secret);
	if (o.bearer) {
		secret_add(c, o.bearer);
		c->bearer_header = xasprintf("Bearer %s", o.bearer);
	}
	c->user_agent = xstrdup(o.user_agent ? o.user_agent : "marquee/" MARQUEE_VERSION);
	c->tokens = o.burst;
	c->tokens_at_us = now_us();
	c->rng = o.seed ? o.seed : (uint64_t)now_us() ^ ((uint64_t)(uintptr_t)c << 16);
	return c;
}

void http_free(struct http_client *c)
{
	if (!c)
		return;
	list_free(&c->queue);
	list_free(&c->waiting);
	list_free(&c->running);
	curl_multi_cleanup(c->multi);
	for (size_t i = 0; i < SECRETS_MAX; i++)
		free(c->secrets[i]);
	free(c->bearer_header);
	free(c->user_agent);
	free(c);
	curl_global_cleanup();
}

int http_get(struct http_client *c, const char *url, const char *etag, const char *last_modified,
	     void *user)
{
	if ((strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0) ||
	    strlen(url) > URL_MAX || strpbrk(url, " \t\r\n")) {
		char *shown = http_redact(c, url);
		msg_error("http: not an http(s) URL of at most %d characters: \"%.200s\"", URL_MAX, shown);
		free(shown);
		return -1;
	}
	if ((etag && !header_value_ok(etag)) || (last_modified && !header_value_ok(last_modified))) {
		char *shown = http_redact(c, url);
		msg_error("http: GET %s: an ETag or Last-Modified to send is not one line of at most %d bytes",
			  shown, HEADER_VALUE_MAX);
		free(shown);
		return -1;
	}
	struct request *r = xcalloc(1, sizeof *r);
	r->client = c;
	r->url = xstrdup(url);
	r->shown = http_redact(c, url);
	r->etag = etag ? xstrdup(etag) : NULL;
	r->last_modified = last_modified ? xstrdup(last_modified) : NULL;
	r->user = user;
	r->max_age = -1;
	r->retry_after_ms = -1;
	if (c->closing)
		request_free(r); /* the deadline passed: see http_run */
	else
		list_push(&c->queue, r);
	return 0;
}

void http_stats_get(const struct http_client *c, struct http_stats *out)
{
	*out = c->stats;
}

/* ---- one attempt ---- */

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
	struct request *r = userp;
	size_t len = size * n;
	if (r->body.len + len > r->client->opt.max_body) {
		r->body_too_big = true;
		return 0; /* curl aborts with CURLE_WRITE_ERROR */
	}
	buf_append(&r->body, data, len);
	return len;
}

/* Retry-After: delay-seconds or an HTTP date. -1 when it is neither. */
static long long retry_after_parse(const char *v)
{
	if (*v >= '0' && *v <= '9') {
		char *end;
		long long s = strtoll(v, &end, 10);
		return *end == '\0' && s < 86400LL * 365 ? s * 1000 : -1;
	}
	time_t at = curl_getdate(v, NULL);
	if (at == (time_t)-1)
		return -1;
	time_t now = time(NULL);
	return at > now ? (long long)(at - now) * 1000 : 0;
}

static long max_age_parse(const char *v)
{
	for (const char *p = strstr(v, "max-age="); p; p = strstr(p + 1, "max-age=")) {
		if (p != v && p[-1] != ' ' && p[-1] != ',' && p[-1] != '\t')
			continue; /* s-maxage and the like */
		char *end;
		long s = strtol(p + 8, &end, 10);
		if (end != p + 8 && s >= 0)
			return s;
	}
	return -1;
}

static size_t on_header(char *data, size_t size, size_t n, void *userp)
{
	struct request *r = userp;
	size_t len = size * n;
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after a 1xx): forget the previous one's headers. */
		attempt_reset(r);
		const char *sp = memchr(data, ' ', len);
		sp = sp ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - data)) : NULL;
		if (sp) {
			size_t rlen = len - (size_t)(sp + 1 - data);
			snprintf(r->reason, sizeof r->reason, "%.*s", (int)rlen, sp + 1);
		}
		return size * n;
	}
	const char *colon = memchr(data, ':', len);
	if (!colon)
		return size * n;
	size_t name_len = (size_t)(colon - data);
	const char *value = colon + 1;
	size_t value_len = len - name_len - 1;
	while (value_len > 0 && (*value == ' ' || *value == '\t')) {
		value++;
		value_len--;
	}
	static const char *const kept[] = {
		"etag", "last-modified", "content-type", "cache-control", "retry-after",
	};
	enum { N_KEPT = sizeof kept / sizeof *kept };
	size_t k = 0;
	while (k < N_KEPT && !(strlen(kept[k]) == name_len && strncasecmp(data, kept[k], name_len) == 0))
		k++;
	if (k == N_KEPT)
		return size * n;
	if (value_len > HEADER_VALUE_MAX) {
		r->header_too_long = true;
		return 0;
	}
	char *copy = xstrndup(value, value_len);
	switch (k) {
	case 0: free(r->got_etag); r->got_etag = copy; copy = NULL; break;
	case 1: free(r->got_last_modified); r->got_last_modified = copy; copy = NULL; break;
	case 2: free(r->got_content_type); r->got_content_type = copy; copy = NULL; break;
	case 3: r->max_age = max_age_parse(copy); break;
	case 4: r->retry_after_ms = retry_after_parse(copy); break;
	}
	free(copy);
	return size * n;
}

/* Appends a header line (copied) to r's list. 0, or -1 when curl is out of memory. */
static int header_add(struct request *r, const char *name, const char *value)
{
	char *line = xasprintf("%s: %s", name, value);
	struct curl_slist *more = curl_slist_append(r->headers, line);
	free(line);
	if (!more)
		return -1;
	r->headers = more;
	return 0;
}

/* Starts the next attempt of r. 0, or -1 with r->last_error set (not started). */
static int attempt_start(struct http_client *c, struct request *r)
{
	const struct http_options *o = &c->opt;
	const char *why = NULL;
	CURLcode rc = CURLE_OK;
	attempt_reset(r);
	r->attempts++;
	r->attempt_start_ms = now_ms();
	if (r->attempts == 1)
		r->first_start_ms = r->attempt_start_ms;
	c->stats.requests++;
	if (r->attempts > 1)
		c->stats.retries++;
	if (fault_hit("http")) {
		why = "injected fault (MARQUEE_FAULT)";
		goto out;
	}
	r->easy = curl_easy_init();
	if (!r->easy || header_add(r, "Accept", "application/json") < 0 ||
	    (c->bearer_header && header_add(r, "Authorization", c->bearer_header) < 0) ||
	    (r->etag && header_add(r, "If-None-Match", r->etag) < 0) ||
	    (r->last_modified && header_add(r, "If-Modified-Since", r->last_modified) < 0)) {
		rc = CURLE_OUT_OF_MEMORY;
		goto out;
	}
	CURL *e = r->easy;
	/* The first failure is kept; later calls still run, harmlessly. */
#define SET(option, value) \
	do { CURLcode s_ = curl_easy_setopt(e, option, value); if (rc == CURLE_OK) rc = s_; } while (0)
	SET(CURLOPT_URL, r->url);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_PRIVATE, (void *)r);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, (void *)r);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, (void *)r);
	SET(CURLOPT_ERRORBUFFER, r->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_TIMEOUT_MS, o->attempt_timeout_ms);
	SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	SET(CURLOPT_USERAGENT, c->user_agent);
	SET(CURLOPT_HTTPHEADER, r->headers);
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	/* Over TLS, wait to learn whether the first connection multiplexes (HTTP/2)
	   rather than open one per request; cleartext is HTTP/1.1 only. */
	if (strncasecmp(r->url, "https://", 8) == 0)
		SET(CURLOPT_PIPEWAIT, 1L);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
	SET(CURLOPT_TCP_KEEPALIVE, 1L);
#undef SET
	if (rc != CURLE_OK)
		goto out;
	CURLMcode m = curl_multi_add_handle(c->multi, e);
	if (m != CURLM_OK) {
		why = curl_multi_strerror(m);
		goto out;
	}
	list_push(&c->running, r);
	c->n_running++;
	return 0;
out:
	free(r->last_error);
	r->last_error = xstrdup(why ? why : curl_easy_strerror(rc));
	attempt_end(r);
	return -1;
}

/* Transport failures that another attempt may get past. */
static bool transient(CURLcode e)
{
	switch (e) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

/* Hands r, finished, to the callback and frees it. The callback's result. */
static int request_finish(struct http_client *c, struct request *r, bool ok, http_done_fn done,
			  void *ctx)
{
	char *error = NULL;
	if (!ok) {
		/* Redacted apart: an api_key value would swallow the ": " after the URL. */
		char *why = http_redact(c, r->last_error ? r->last_error : "failed");
		if (r->attempts > 1)
			error = xasprintf("GET %s: %s (after %d attempts)", r->shown, why, r->attempts);
		else
			error = xasprintf("GET %s: %s", r->shown, why);
		free(why);
		c->stats.failed++;
	} else {
		c->stats.succeeded++;
	}
	struct http_response res = {
		.user = r->user,
		.url = r->shown,
		.ok = ok,
		.status = (int)r->last_status,
		.error = error,
		.body = buf_str(&r->body),
		.body_len = r->body.len,
		.content_type = r->got_content_type,
		.etag = r->got_etag,
		.last_modified = r->got_last_modified,
		.max_age = r->max_age,
		.attempts = r->attempts,
		.elapsed_ms = r->attempts ? (long)(now_ms() - r->first_start_ms) : 0,
	};
	int rc = done ? done(ctx, &res) : 0;
	free(error);
	request_free(r);
	return rc < 0 ? -1 : 0;
}

/* The wait before retry number `attempts` (full jitter, or Retry-After). */
static long long backoff_ms(struct http_client *c, const struct request *r)
{
	const struct http_options *o = &c->opt;
	if (r->retry_after_ms >= 0)
		return r->retry_after_ms < o->backoff_max_ms ? r->retry_after_ms : o->backoff_max_ms;
	long long ceiling = o->backoff_base_ms;
	for (int i = 1; i < r->attempts && ceiling < o->backoff_max_ms; i++)
		ceiling *= 2;
	if (ceiling > o->backoff_max_ms)
		ceiling = o->backoff_max_ms;
	return (long long)(rng_next(&c->rng) % (uint64_t)(ceiling + 1));
}

/*
 * Decides what becomes of r after an attempt: finished (handed to the
 * callback) or waiting for a retry. result is curl's, or -1 when the
 * attempt could not start. The callback's result.
 */
static int attempt_done(struct http_client *c, struct request *r, int result, long long deadline,
			http_done_fn done, void *ctx)
{
	long status = 0;
	if (r->easy)
		curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	attempt_end(r);
	r->last_status = status;
	long long now = now_ms();
	bool ok = false, retry = false;
	if (result == CURLE_OK) {
		ok = (status >= 200 && status < 300) || status == 304;
		retry = status == 429 || status >= 500;
		if (!ok) {
			free(r->last_error);
			r->last_error = xasprintf("HTTP %ld%s%s", status, r->reason[0] ? " " : "", r->reason);
		}
	} else if (result > 0) {
		free(r->last_error);
		if (r->body_too_big || result == CURLE_FILESIZE_EXCEEDED)
			r->last_error = xasprintf("the body is larger than max_body (%zu bytes)", c->opt.max_body);
		else if (r->header_too_long)
			r->last_error = xasprintf("a response header is longer than %d bytes", HEADER_VALUE_MAX);
		else if (r->errbuf[0])
			r->last_error = xasprintf("%s (%s)", curl_easy_strerror((CURLcode)result), r->errbuf);
		else
			r->last_error = xstrdup(curl_easy_strerror((CURLcode)result));
		retry = !r->body_too_big && !r->header_too_long && transient((CURLcode)result);
	} else {
		retry = true; /* could not start: an injected fault, or curl out of resources */
	}
	if (msg_get_level() >= MSG_VERBOSE) {
		char *what = result == CURLE_OK
			? xasprintf("%ld%s%s", status, r->reason[0] ? " " : "", r->reason)
			: http_redact(c, r->last_error);
		msg_verbose("GET %s: %s, %lld ms, attempt %d", r->shown, what, now - r->attempt_start_ms,
			    r->attempts);
		free(what);
	}
	if (retry && r->attempts < c->opt.max_attempts) {
		long long wait = backoff_ms(c, r);
		if (now + wait < deadline) {
			r->not_before_ms = now + wait;
			list_push(&c->waiting, r);
			return 0;
		}
		char *more = xasprintf("%s; a retry in %lld ms would pass the batch deadline", r->last_error, wait);
		free(r->last_error);
		r->last_error = more;
	}
	return request_finish(c, r, ok, done, ctx);
}

/* ---- the batch ---- */

static void bucket_fill(struct http_client *c)
{
	long long t = now_us();
	c->tokens += (double)(t - c->tokens_at_us) * c->opt.rate / 1e6;
	if (c->tokens > c->opt.burst)
		c->tokens = c->opt.burst;
	c->tokens_at_us = t;
}

/* The request to start next: a retry that is due, else the oldest fresh one. */
static struct request *next_due(struct http_client *c, long long now, struct request_list **from)
{
	for (struct request *r = c->waiting.head; r; r = r->next)
		if (r->not_before_ms <= now) {
			*from = &c->waiting;
			return r;
		}
	*from = &c->queue;
	return c->queue.head;
}

/* How long the loop may sleep without missing a start or the deadline. */
static long poll_timeout(struct http_client *c, long long now, long long deadline)
{
	long long wait = deadline - now;
	if (wait > POLL_MAX_MS)
		wait = POLL_MAX_MS;
	if (c->n_running >= c->opt.max_connections)
		return (long)wait;
	long long due = c->queue.head ? now : -1;
	for (struct request *r = c->waiting.head; r; r = r->next)
		if (due < 0 || r->not_before_ms < due)
			due = r->not_before_ms;
	if (due < 0)
		return (long)wait;
	bucket_fill(c);
	long long token_ms = c->tokens >= 1 ? 0 : (long long)((1 - c->tokens) * 1000 / c->opt.rate) + 1;
	long long start = due > now + token_ms ? due : now + token_ms;
	if (start - now < wait)
		wait = start - now;
	return wait < 0 ? 0 : (long)wait;
}

/* The deadline passed: every unfinished request fails. The callback's result. */
static int batch_expire(struct http_client *c, http_done_fn done, void *ctx)
{
	struct request_list *lists[] = { &c->running, &c->waiting, &c->queue };
	long unfinished = 0;
	for (size_t i = 0; i < 3; i++)
		for (struct request *r = lists[i]->head; r; r = r->next)
			unfinished++;
	msg_error("http: the batch deadline of %ld ms passed with %ld requests unfinished",
		  c->opt.deadline_ms, unfinished);
	c->closing = true;
	int rc = 0;
	for (size_t i = 0; i < 3; i++) {
		while (lists[i]->head) {
			struct request *r = lists[i]->head;
			list_remove(lists[i], r);
			if (r->easy)
				c->n_running--;
			attempt_end(r);
			free(r->last_error);
			r->last_error = xasprintf("the batch deadline of %ld ms passed%s", c->opt.deadline_ms,
						  r->attempts ? "" : " before its first attempt");
			if (rc == 0)
				rc = request_finish(c, r, false, done, ctx);
			else
				request_free(r);
		}
	}
	c->closing = false;
	return -1;
}

int http_run(struct http_client *c, http_done_fn done, void *ctx)
{
	if (c->running_batch) {
		msg_error("http: http_run called from its own callback");
		return -1;
	}
	c->running_batch = true;
	long long start = now_ms();
	long long deadline = start + c->opt.deadline_ms;
	int rc = 0;
	for (;;) {
		long long now = now_ms();
		if (!c->queue.head && !c->waiting.head && !c->running.head)
			break;
		if (now >= deadline) {
			rc = batch_expire(c, done, ctx);
			break;
		}
		while (c->n_running < c->opt.max_connections) {
			struct request_list *from;
			struct request *r = next_due(c, now, &from);
			if (!r)
				break;
			bucket_fill(c);
			if (c->tokens < 1)
				break;
			c->tokens -= 1;
			list_remove(from, r);
			if (attempt_start(c, r) < 0 && attempt_done(c, r, -1, deadline, done, ctx) < 0) {
				rc = -1;
				goto out;
			}
		}
		long wait = poll_timeout(c, now_ms(), deadline);
		const char *call = "curl_multi_poll";
		CURLMcode m = curl_multi_poll(c->multi, NULL, 0, (int)wait, NULL);
		if (m == CURLM_OK) {
			int still;
			call = "curl_multi_perform";
			m = curl_multi_perform(c->multi, &still);
		}
		if (m != CURLM_OK) {
			msg_error("http: %s: %s", call, curl_multi_strerror(m));
			rc = -1;
			goto out;
		}
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(c->multi, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			char *priv = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
			struct request *r = (struct request *)(void *)priv;
			CURLcode result = msg->data.result; /* msg is invalid once the handle is removed */
			list_remove(&c->running, r);
			c->n_running--;
			if (attempt_done(c, r, (int)result, deadline, done, ctx) < 0) {
				rc = -1;
				goto out;
			}
		}
	}
out:
	/* After a stop, what is left is dropped without a callback. */
	list_free(&c->running);
	list_free(&c->waiting);
	list_free(&c->queue);
	c->n_running = 0;
	c->stats.elapsed_ms += (long)(now_ms() - start);
	c->stats.rate = c->stats.elapsed_ms > 0 ? c->stats.requests * 1000.0 / (double)c->stats.elapsed_ms : 0;
	c->running_batch = false;
	return rc;
}
