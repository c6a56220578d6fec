/* The canned server's routes and faults: reading them, matching requests. */
#include "tests/tmdb/canned.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/xalloc.h"

enum {
	BODY_MAX = 64 << 20, /* largest body file or size:N */
	PARAMS_MAX = 64,     /* query parameters in a key */
};

static const char *const action_names[] = { "status", "delay", "truncate", "bad-json", "html", "drop" };
enum { N_ACTIONS = sizeof action_names / sizeof *action_names };

static struct canned_route *routes; /* owned */
static size_t n_routes, cap_routes;
static struct canned_fault *faults; /* owned */
static size_t n_faults, cap_faults;
static char **dirs; /* owned, each owned: where bodies are looked up */
static size_t n_dirs, cap_dirs;

void canned_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("tmdb_server: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void canned_http_date(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

const char *canned_action_name(enum canned_action action)
{
	return action_names[action];
}

/* "*" matches any run of characters; everything else matches itself. */
static bool glob_match(const char *pattern, const char *s)
{
	const char *star = NULL, *resume = NULL;
	while (*s) {
		if (*pattern == '*') {
			star = pattern++;
			resume = s;
		} else if (*pattern == *s) {
			pattern++;
			s++;
		} else if (star) {
			pattern = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

static int param_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *canned_key_new(const char *target)
{
	const char *q = strchr(target, '?');
	size_t path_len = q ? (size_t)(q - target) : strlen(target);
	if (path_len >= 2 && target[0] == '/' && target[1] == '3' && (path_len == 2 || target[2] == '/')) {
		target += 2;
		path_len -= 2;
	}
	struct buf key = BUF_INIT;
	if (path_len == 0)
		buf_putc(&key, '/');
	buf_append(&key, target, path_len);
	if (!q)
		return buf_detach(&key);
	char *query = xstrdup(q + 1);
	char *params[PARAMS_MAX];
	size_t n = 0;
	char *save = NULL;
	for (char *p = strtok_r(query, "&", &save); p; p = strtok_r(NULL, "&", &save)) {
		if (strncmp(p, "api_key", 7) == 0 && (p[7] == '=' || p[7] == '\0'))
			continue;
		if (n == PARAMS_MAX) {
			free(query);
			buf_free(&key);
			return NULL;
		}
		params[n++] = p;
	}
	qsort(params, n, sizeof *params, param_cmp);
	for (size_t i = 0; i < n; i++) {
		buf_putc(&key, i ? '&' : '?');
		buf_puts(&key, params[i]);
	}
	free(query);
	return buf_detach(&key);
}

void canned_dir_add(const char *dir)
{
	dirs = xgrow(dirs, &cap_dirs, n_dirs + 1, sizeof *dirs);
	dirs[n_dirs++] = xstrdup(dir);
}

/* The file's bytes (owned), or NULL when it cannot be opened. */
static char *body_read(const char *path, size_t *len, time_t *mtime)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	struct buf data = BUF_INIT;
	char chunk[65536];
	size_t n;
	if (fstat(fileno(f), &st) == 0)
		*mtime = st.st_mtime;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (data.len + n > BODY_MAX)
			canned_die("%s: larger than %d bytes", path, BODY_MAX);
		buf_append(&data, chunk, n);
	}
	if (ferror(f))
		canned_die("%s: %s", path, strerror(errno));
	fclose(f);
	*len = data.len;
	return buf_detach(&data);
}

/* Reads BODY into r: "-", "size:N", or a file beside the routes, then in each folder. */
static void route_body_load(struct canned_route *r, const char *routes_path, const char *where,
			    const char *body)
{
	r->modified = time(NULL);
	if (strcmp(body, "-") == 0) {
		r->body = xstrdup("");
		return;
	}
	if (strncmp(body, "size:", 5) == 0) {
		char *end;
		long size = strtol(body + 5, &end, 10);
		if (*end || size < 2 || size > BODY_MAX)
			canned_die("%s: bad generated size \"%s\"", where, body);
		/* A JSON array holding one long string: ["xxx...x"] */
		r->body = xmalloc((size_t)size + 1);
		memset(r->body, 'x', (size_t)size);
		if (size < 4) {
			memcpy(r->body, "[]", 2);
		} else {
			memcpy(r->body, "[\"", 2);
			memcpy(r->body + size - 2, "\"]", 2);
		}
		r->body[size] = '\0';
		r->body_len = (size_t)size;
		return;
	}
	const char *slash = strrchr(routes_path, '/');
	char *path = body[0] == '/' ? xstrdup(body)
		: slash ? xasprintf("%.*s/%s", (int)(slash - routes_path), routes_path, body)
			: xstrdup(body);
	r->body = body_read(path, &r->body_len, &r->modified);
	for (size_t i = 0; !r->body && body[0] != '/' && i < n_dirs; i++) {
		free(path);
		path = xasprintf("%s/%s", dirs[i], body);
		r->body = body_read(path, &r->body_len, &r->modified);
	}
	free(path);
	if (!r->body)
		canned_die("%s: %s: found neither beside the routes file nor in a --dir", where, body);
}

void canned_routes_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		canned_die("%s: %s", path, strerror(errno));
	char line[4096];
	int line_no = 0;
	while (fgets(line, sizeof line, f)) {
		line_no++;
		char where[512];
		snprintf(where, sizeof where, "%s:%d", path, line_no);
		char *hash = strchr(line, '#');
		if (hash && (hash == line || hash[-1] == ' ' || hash[-1] == '\t'))
			*hash = '\0';
		char *save = NULL, *field[5];
		int n = 0;
		for (char *w = strtok_r(line, " \t\r\n", &save); w && n < 5; w = strtok_r(NULL, " \t\r\n", &save))
			field[n++] = w;
		if (n == 0)
			continue;
		if (n != 4)
			canned_die("%s: want PATH STATUS CONTENT-TYPE BODY", where);
		if (field[0][0] != '/')
			canned_die("%s: a path starts with /", where);
		char *end;
		long status = strtol(field[1], &end, 10);
		if (*end || status < 100 || status > 599)
			canned_die("%s: bad status \"%s\"", where, field[1]);
		routes = xgrow(routes, &cap_routes, n_routes + 1, sizeof *routes);
		struct canned_route *r = &routes[n_routes++];
		memset(r, 0, sizeof *r);
		r->pattern = canned_key_new(field[0]);
		if (!r->pattern)
			canned_die("%s: too many query parameters", where);
		r->status = (int)status;
		r->content_type = xstrdup(field[2]);
		route_body_load(r, path, where, field[3]);
		uint64_t h = 14695981039346656037ULL; /* FNV-1a */
		for (size_t i = 0; i < r->body_len; i++)
			h = (h ^ (unsigned char)r->body[i]) * 1099511628211ULL;
		snprintf(r->etag, sizeof r->etag, "\"%016llx\"", (unsigned long long)h);
		canned_http_date(r->modified, r->last_modified);
	}
	fclose(f);
}

const struct canned_route *canned_route_find(const char *key)
{
	for (size_t i = 0; i < n_routes; i++)
		if (glob_match(routes[i].pattern, key))
			return &routes[i];
	return NULL;
}

static long number_word(const char *where, const char *word, long min)
{
	char *end;
	long v = strtol(word, &end, 10);
	if (!*word || *end || v < min)
		canned_die("%s: \"%s\" is not a number of at least %ld", where, word, min);
	return v;
}

void canned_fault_add(const char *spec, const char *where)
{
	char *copy = xstrdup(spec);
	char *save = NULL, *word[8];
	int n = 0;
	for (char *w = strtok_r(copy, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == 8)
			canned_die("%s: too many words in fault \"%s\"", where, spec);
		word[n++] = w;
	}
	if (n < 2)
		canned_die("%s: a fault reads WHERE ACTION [ARGS] [times N], not \"%s\"", where, spec);
	struct canned_fault f = { .remaining = -1, .retry_after_s = -1 };
	if (word[0][0] == '#')
		f.request_no = number_word(where, word[0] + 1, 1);
	else if (word[0][0] == '/' || strcmp(word[0], "*") == 0)
		f.pattern = canned_key_new(word[0]);
	else
		canned_die("%s: WHERE is a path or #N, not \"%s\"", where, word[0]);
	if (word[0][0] != '#' && !f.pattern)
		canned_die("%s: too many query parameters", where);
	size_t a = 0;
	while (a < N_ACTIONS && strcmp(word[1], action_names[a]) != 0)
		a++;
	if (a == N_ACTIONS)
		canned_die("%s: unknown fault action \"%s\"", where, word[1]);
	f.action = (enum canned_action)a;
	int i = 2;
	if (f.action == CANNED_STATUS || f.action == CANNED_DELAY) {
		if (i >= n)
			canned_die("%s: %s needs a number", where, word[1]);
		if (f.action == CANNED_STATUS)
			f.status = (int)number_word(where, word[i], 100);
		else
			f.delay_ms = number_word(where, word[i], 0);
		if (f.status > 599)
			canned_die("%s: bad status %d", where, f.status);
		i++;
	}
	if (f.action == CANNED_STATUS && i < n &&
	    (strcmp(word[i], "retry-after") == 0 || strcmp(word[i], "retry-after-date") == 0)) {
		f.retry_after_date = strcmp(word[i], "retry-after-date") == 0;
		if (i + 1 >= n)
			canned_die("%s: %s needs a number of seconds", where, word[i]);
		f.retry_after_s = number_word(where, word[i + 1], 0);
		i += 2;
	}
	if (i < n && strcmp(word[i], "times") == 0) {
		if (i + 1 >= n)
			canned_die("%s: times needs a number", where);
		f.remaining = number_word(where, word[i + 1], 1);
		i += 2;
	}
	if (i != n)
		canned_die("%s: unexpected \"%s\" in fault \"%s\"", where, word[i], spec);
	faults = xgrow(faults, &cap_faults, n_faults + 1, sizeof *faults);
	faults[n_faults++] = f;
	free(copy);
}

void canned_faults_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		canned_die("%s: %s", path, strerror(errno));
	char line[1024];
	int line_no = 0;
	while (fgets(line, sizeof line, f)) {
		line_no++;
		char *p = line + strspn(line, " \t");
		/* "#3 drop" is a fault on the third request; "# text" a comment. */
		if (*p == '\0' || *p == '\n' || (*p == '#' && !(p[1] >= '0' && p[1] <= '9')))
			continue;
		char where[512];
		snprintf(where, sizeof where, "%s:%d", path, line_no);
		canned_fault_add(p, where);
	}
	fclose(f);
}

bool canned_fault_take(const char *key, long request_no, struct canned_fault *out)
{
	for (size_t i = 0; i < n_faults; i++) {
		struct canned_fault *f = &faults[i];
		if (f->remaining == 0)
			continue;
		if (f->pattern ? !glob_match(f->pattern, key) : f->request_no != request_no)
			continue;
		if (f->remaining > 0)
			f->remaining--;
		*out = *f;
		return true;
	}
	return false;
}

void canned_free(void)
{
	for (size_t i = 0; i < n_routes; i++) {
		free(routes[i].pattern);
		free(routes[i].content_type);
		free(routes[i].body);
	}
	free(routes);
	for (size_t i = 0; i < n_faults; i++)
		free(faults[i].pattern);
	free(faults);
	for (size_t i = 0; i < n_dirs; i++)
		free(dirs[i]);
	free(dirs);
	routes = NULL;
	faults = NULL;
	dirs = NULL;
	n_routes = n_faults = n_dirs = cap_routes = cap_faults = cap_dirs = 0;
}
