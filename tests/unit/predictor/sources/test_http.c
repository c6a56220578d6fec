/*
 * The HTTP client without the canned server (tests/e2e/http.sh has those):
 * options, redaction, refused URLs and header values, and the callback's
 * powers over a batch, on a port where nothing listens.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "predictor/sources/http.h"
#include "tests/unit/harness.h"

#define SECRET "s3cr3t-key-0123"
#define BEARER "tok/en+=42"
#define NOWHERE "http://127.0.0.1:1/3" /* connection refused */

struct seen {
	struct http_client *client; /* borrowed */
	int calls;
	int stop_at;     /* the callback returns -1 on this call; 0: never */
	int queue_at;    /* the callback queues one more request on this call */
	long users[8];   /* res->user of each call, as numbers */
	int attempts, status;
	bool ok;
	char error[512];
};

static int on_done(void *ctx, const struct http_response *res)
{
	struct seen *s = ctx;
	if (s->calls < 8)
		s->users[s->calls] = (long)(intptr_t)res->user;
	s->calls++;
	s->ok = res->ok;
	s->status = res->status;
	s->attempts = res->attempts;
	snprintf(s->error, sizeof s->error, "%s", res->error ? res->error : "");
	if (s->calls == s->queue_at)
		http_get(s->client, NOWHERE "/person/1?api_key=" SECRET, NULL, NULL, (void *)(intptr_t)100);
	return s->calls == s->stop_at ? -1 : 0;
}

static void redaction(struct http_client *c)
{
	static const char *const cases[][2] = {
		{ "https://api.themoviedb.org/3/movie/550?api_key=" SECRET "&language=fr",
		  "https://api.themoviedb.org/3/movie/550?api_key=***&language=fr" },
		{ "https://h/3/discover/movie?page=2&api_key=another#top",
		  "https://h/3/discover/movie?page=2&api_key=***#top" },
		{ "api_key=abc", "api_key=***" },
		{ "https://h/3/person/" SECRET "/x", "https://h/3/person/***/x" },
		{ "Authorization: Bearer " BEARER, "Authorization: Bearer ***" },
		{ "https://h/?t=tok%2Fen%2B%3D42", "https://h/?t=***" },
		{ "https://h/?my_api_key=1", "https://h/?my_api_key=1" },
		{ "no secret here", "no secret here" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = http_redact(c, cases[i][0]);
		STR_EQ(got, cases[i][1], "redacted");
		free(got);
	}
}

void test_http(void)
{
	struct http_options bad = { .rate = -1 };
	OK(http_new(&bad) == NULL, "a negative rate is refused");
	bad = (struct http_options){ .max_connections = 5000 };
	OK(http_new(&bad) == NULL, "5000 connections are refused");
	bad = (struct http_options){ .secret = "ab" };
	OK(http_new(&bad) == NULL, "a two-character secret is refused: redacting it would garble text");
	bad = (struct http_options){ .bearer = "abcd\r\nX-Evil: 1" };
	OK(http_new(&bad) == NULL, "a bearer token of two lines is refused");

	struct http_options opt = { .secret = SECRET, .bearer = BEARER, .seed = 1, .max_attempts = 2,
				    .backoff_base_ms = 1, .rate = 1000 };
	struct http_client *c = http_new(&opt);
	OK(c != NULL, "a client");
	if (!c)
		return;
	redaction(c);

	OK(http_get(c, "ftp://example.org/x", NULL, NULL, NULL) < 0, "ftp is refused");
	OK(http_get(c, "http://example.org/a b", NULL, NULL, NULL) < 0, "a space in a URL is refused");
	OK(http_get(c, "http://example.org/", "\"x\"\r\nX-Evil: 1", NULL, NULL) < 0,
	   "an ETag of two lines is refused");

	struct seen s = { .client = c };
	INT_EQ(http_run(c, on_done, &s), 0, "an empty batch runs");
	INT_EQ(s.calls, 0, "and calls nothing");

	/* A refused connection is retried, then handed over with curl's words. */
	INT_EQ(http_get(c, NOWHERE "/movie/1?api_key=" SECRET, NULL, NULL, (void *)(intptr_t)7), 0, "queued");
	INT_EQ(http_run(c, on_done, &s), 0, "a batch whose request failed still runs to its end");
	INT_EQ(s.calls, 1, "one callback");
	INT_EQ(s.users[0], 7, "with the caller's pointer");
	OK(!s.ok && s.status == 0, "a failure without status");
	INT_EQ(s.attempts, 2, "max_attempts attempts");
	OK(strstr(s.error, "GET " NOWHERE "/movie/1?api_key=***: Couldn't connect to server") != NULL,
	   "message: %s", s.error);
	OK(strstr(s.error, "(after 2 attempts)") != NULL, "attempts said: %s", s.error);
	OK(strstr(s.error, SECRET) == NULL, "no secret in: %s", s.error);
	struct http_stats st;
	http_stats_get(c, &st);
	OK(st.requests == 2 && st.retries == 1 && st.failed == 1 && st.succeeded == 0,
	   "stats: %ld requests, %ld retries, %ld failed", st.requests, st.retries, st.failed);

	/* The callback queues a request, which runs in the same batch. */
	s = (struct seen){ .client = c, .queue_at = 1 };
	http_get(c, NOWHERE "/movie/2", NULL, NULL, (void *)(intptr_t)1);
	INT_EQ(http_run(c, on_done, &s), 0, "a batch that grew");
	INT_EQ(s.calls, 2, "the queued request ran too");
	INT_EQ(s.users[1], 100, "the queued request's pointer");

	/* The callback stops the batch: the rest is dropped, not called back. */
	s = (struct seen){ .client = c, .stop_at = 1 };
	for (int i = 0; i < 5; i++)
		http_get(c, NOWHERE "/movie/3", NULL, NULL, (void *)(intptr_t)i);
	INT_EQ(http_run(c, on_done, &s), -1, "a stopped batch");
	INT_EQ(s.calls, 1, "one callback before the stop");
	s = (struct seen){ .client = c };
	INT_EQ(http_run(c, on_done, &s), 0, "the next batch starts empty");
	INT_EQ(s.calls, 0, "nothing left over from the stopped batch");
	http_free(c);
	http_free(NULL);
}
