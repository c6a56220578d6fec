/*
 * The HTTP client (http.c is the only file that calls libcurl): GET
 * requests queued in a batch and run together over libcurl's multi
 * interface, with kept-alive connections (HTTP/2 multiplexing where the
 * server offers it), a token bucket on request starts, retries with
 * exponential backoff and full jitter, conditional requests, bounded
 * bodies, and a secret that is redacted from everything it prints.
 *
 *   struct http_options opt = { .secret = api_key };
 *   struct http_client *c = http_new(&opt);
 *   http_get(c, url, NULL, NULL, film);     (queue as many as needed)
 *   http_run(c, on_done, store);            (on_done may queue more)
 *   http_free(c);
 *
 * Authentication is the caller's: it puts the key in the URL, or passes a
 * bearer token in the options. The client never prints except through
 * msg_verbose (one line per attempt) and msg_error (the batch deadline).
 */
#ifndef MARQUEE_HTTP_H
#define MARQUEE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Settings; a field left 0 (or NULL) takes the default in brackets. Every
 * pointer is borrowed and must outlive the client.
 */
struct http_options {
	double rate;             /* request starts a second, retries included [40] */
	int burst;               /* starts allowed at once after a pause [rate / 10, at least 1] */
	int max_connections;     /* connections open at once, in total and per host [20] */
	int max_attempts;        /* attempts per request, the first included [4] */
	long attempt_timeout_ms; /* one attempt, connection included [30000] */
	long connect_timeout_ms; /* the connection of one attempt [10000] */
	long deadline_ms;        /* the whole of http_run [600000] */
	long backoff_base_ms;    /* backoff before the first retry, doubling after [500] */
	long backoff_max_ms;     /* longest wait before a retry, Retry-After included [30000] */
	size_t max_body;         /* largest body kept; larger is a failure [8 MiB] */
	const char *secret;      /* borrowed: a key to redact from all output, or NULL */
	const char *bearer;      /* borrowed: sent as "Authorization: Bearer", redacted too */
	const char *user_agent;  /* borrowed ["marquee/VERSION"] */
	unsigned long seed;      /* the jitter's seed [from the clock] */
};

/* What one finished request gives the completion callback. All borrowed. */
struct http_response {
	void *user;                /* the caller's pointer from http_get */
	const char *url;           /* the URL, redacted: safe to print */
	bool ok;                   /* a 2xx or 304 answer */
	int status;                /* the last HTTP status, 0 when none came */
	const char *error;         /* when !ok: "GET URL: reason", redacted; else NULL */
	const char *body;          /* NUL-terminated ("" when none) */
	size_t body_len;
	const char *content_type;  /* or NULL */
	const char *etag;          /* or NULL */
	const char *last_modified; /* or NULL */
	long max_age;              /* Cache-Control max-age in seconds, or -1 */
	int attempts;
	long elapsed_ms;           /* from the first attempt's start to the end */
};

/*
 * Called on the caller's thread for each finished request, as soon as it
 * finishes, success or final failure alike. The response is valid during
 * the call only. The callback may queue requests with http_get. Returns 0
 * to go on, or -1 to stop the batch: requests not yet finished are then
 * dropped without a callback.
 */
typedef int (*http_done_fn)(void *ctx, const struct http_response *res);

/* What a client has done since it was made. */
struct http_stats {
	long requests;   /* attempts started, retries included */
	long retries;
	long succeeded;  /* requests that ended ok */
	long failed;     /* requests that ended in failure */
	long elapsed_ms; /* spent in http_run */
	double rate;     /* requests per second of http_run */
};

struct http_client;

/* A client with its options checked. NULL after reporting a bad option. */
struct http_client *http_new(const struct http_options *opt);
/* Drops any queued request. NULL does nothing. */
void http_free(struct http_client *c);

/*
 * Queues GET url (copied) for the next or the running http_run. etag and
 * last_modified (copied, may be NULL) are sent as If-None-Match and
 * If-Modified-Since. user is handed back in the response. 0, or -1 after
 * reporting a URL that is not http(s) or a header value that is not one line.
 */
int http_get(struct http_client *c, const char *url, const char *etag, const char *last_modified,
	     void *user);

/*
 * Runs every queued request, and those the callback queues, to their end.
 * Returns 0 when each was handed to the callback (failures included); -1
 * when the callback stopped the batch, or when the deadline passed: then
 * every unfinished request was handed to the callback as failed (what the
 * callback queues then is dropped), and the deadline reported once.
 * Not to be called from its own callback.
 */
int http_run(struct http_client *c, http_done_fn done, void *ctx);

void http_stats_get(const struct http_client *c, struct http_stats *out);

/*
 * text with the secret, the bearer token and the value of any api_key
 * parameter replaced by "***". Owned by the caller.
 */
char *http_redact(const struct http_client *c, const char *text);

#endif
