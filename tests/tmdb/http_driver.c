/*
 * http_driver: runs the HTTP client (predictor/sources/http.c) on URLs from
 * the command line, for the end-to-end tests and the benchmark. Not a user
 * command. For each finished request it prints
 *
 *   response INDEX STATUS ok|fail attempts=N bytes=N ms=N max_age=N url=URL
 *     type: CONTENT-TYPE        (each of these four lines only when present)
 *     etag: ETAG
 *     last-modified: DATE
 *     error: MESSAGE
 *
 * INDEX counts the URLs from 1 in the order queued. Last comes
 *
 *   stats requests=N retries=N succeeded=N failed=N elapsed_ms=N rate=R
 *
 * Exit status: 0 when every request succeeded, 1 otherwise, 2 on usage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/sources/http.h"

struct driver {
	struct http_client *client; /* borrowed */
	const char **then;          /* borrowed: URLs to queue from the first callback */
	size_t n_then;
	const char *save_dir;       /* borrowed, or NULL */
	long stop_after;            /* 0: never */
	long responses;
	long queued;
	long failed;
};

static void usage(void)
{
	fputs("usage: http_driver [--rate R] [--burst N] [--connections N] [--attempts N]\n"
	      "         [--timeout-ms N] [--connect-timeout-ms N] [--deadline-ms N] [--backoff-ms N]\n"
	      "         [--backoff-max-ms N] [--max-body N] [--secret S] [--bearer S] [--seed N]\n"
	      "         [--etag E] [--last-modified D] [--count N] [--then URL]... [--stop-after N]\n"
	      "         [--save DIR] [-v] URL...\n",
	      stderr);
	exit(2);
}

static long number(const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);
	if (!*value || *end || v < 0)
		usage();
	return v;
}

static int on_done(void *ctx, const struct http_response *res)
{
	struct driver *d = ctx;
	long index = (long)(intptr_t)res->user;
	d->responses++;
	printf("response %ld %d %s attempts=%d bytes=%zu ms=%ld max_age=%ld url=%s\n", index, res->status,
	       res->ok ? "ok" : "fail", res->attempts, res->body_len, res->elapsed_ms, res->max_age, res->url);
	if (res->content_type)
		printf("  type: %s\n", res->content_type);
	if (res->etag)
		printf("  etag: %s\n", res->etag);
	if (res->last_modified)
		printf("  last-modified: %s\n", res->last_modified);
	if (res->error)
		printf("  error: %s\n", res->error);
	fflush(stdout);
	if (!res->ok)
		d->failed++;
	if (d->save_dir) {
		char *path = xasprintf("%s/%ld", d->save_dir, index);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(res->body, 1, res->body_len, f) != res->body_len || fclose(f) != 0) {
			msg_error("%s: cannot write", path);
			free(path);
			return -1;
		}
		free(path);
	}
	if (d->responses == 1)
		for (size_t i = 0; i < d->n_then; i++)
			if (http_get(d->client, d->then[i], NULL, NULL, (void *)(intptr_t)++d->queued) < 0)
				return -1;
	if (d->stop_after > 0 && d->responses >= d->stop_after)
		return -1;
	return 0;
}

/* Queues url, or url with "{n}" replaced by 1..count. */
static int queue_url(struct driver *d, const char *url, long count, const char *etag,
		     const char *last_modified)
{
	const char *mark = strstr(url, "{n}");
	if (!mark)
		return http_get(d->client, url, etag, last_modified, (void *)(intptr_t)++d->queued);
	for (long n = 1; n <= count; n++) {
		char *one = xasprintf("%.*s%ld%s", (int)(mark - url), url, n, mark + 3);
		int rc = http_get(d->client, one, etag, last_modified, (void *)(intptr_t)++d->queued);
		free(one);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct http_options opt = { 0 };
	struct driver d = { 0 };
	const char *etag = NULL, *last_modified = NULL;
	long count = 1;
	d.then = xcalloc((size_t)argc, sizeof *d.then);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-v") == 0) {
			msg_set_level(MSG_VERBOSE);
			continue;
		}
		if (i + 1 >= argc)
			usage();
		const char *v = argv[++i];
		if (strcmp(o, "--rate") == 0)
			opt.rate = strtod(v, NULL);
		else if (strcmp(o, "--burst") == 0)
			opt.burst = (int)number(v);
		else if (strcmp(o, "--connections") == 0)
			opt.max_connections = (int)number(v);
		else if (strcmp(o, "--attempts") == 0)
			opt.max_attempts = (int)number(v);
		else if (strcmp(o, "--timeout-ms") == 0)
			opt.attempt_timeout_ms = number(v);
		else if (strcmp(o, "--connect-timeout-ms") == 0)
			opt.connect_timeout_ms = number(v);
		else if (strcmp(o, "--deadline-ms") == 0)
			opt.deadline_ms = number(v);
		else if (strcmp(o, "--backoff-ms") == 0)
			opt.backoff_base_ms = number(v);
		else if (strcmp(o, "--backoff-max-ms") == 0)
			opt.backoff_max_ms = number(v);
		else if (strcmp(o, "--max-body") == 0)
			opt.max_body = (size_t)number(v);
		else if (strcmp(o, "--secret") == 0)
			opt.secret = v;
		else if (strcmp(o, "--bearer") == 0)
			opt.bearer = v;
		else if (strcmp(o, "--seed") == 0)
			opt.seed = (unsigned long)number(v);
		else if (strcmp(o, "--etag") == 0)
			etag = v;
		else if (strcmp(o, "--last-modified") == 0)
			last_modified = v;
		else if (strcmp(o, "--count") == 0)
			count = number(v);
		else if (strcmp(o, "--then") == 0)
			d.then[d.n_then++] = v;
		else if (strcmp(o, "--stop-after") == 0)
			d.stop_after = number(v);
		else if (strcmp(o, "--save") == 0)
			d.save_dir = v;
		else
			usage();
	}
	if (i == argc)
		usage();
	int status = 1;
	d.client = http_new(&opt);
	if (!d.client)
		goto out;
	for (; i < argc; i++)
		if (queue_url(&d, argv[i], count, etag, last_modified) < 0)
			goto out;
	int rc = http_run(d.client, on_done, &d);
	struct http_stats st;
	http_stats_get(d.client, &st);
	printf("stats requests=%ld retries=%ld succeeded=%ld failed=%ld elapsed_ms=%ld rate=%.2f\n", st.requests,
	       st.retries, st.succeeded, st.failed, st.elapsed_ms, st.rate);
	status = rc == 0 && d.failed == 0 ? 0 : 1;
out:
	http_free(d.client);
	free(d.then);
	return status;
}
