/*
 * What the canned TMDB server answers (tests only): the routes it replays
 * from files and the faults it injects, both read once at start-up. The
 * formats are described at the top of tmdb_server.c. Every loading function
 * ends the program with a message naming the file and line on bad input.
 */
#ifndef MARQUEE_CANNED_H
#define MARQUEE_CANNED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct canned_route {
	char *pattern;      /* owned: the normalised key, "*" as wildcard */
	int status;
	char *content_type; /* owned */
	char *body;         /* owned, NUL-terminated */
	size_t body_len;
	char etag[24];      /* a quoted hash of the body */
	char last_modified[32];
	time_t modified;
};

enum canned_action {
	CANNED_STATUS,
	CANNED_DELAY,
	CANNED_TRUNCATE,
	CANNED_BAD_JSON,
	CANNED_HTML,
	CANNED_DROP,
};

struct canned_fault {
	char *pattern;         /* owned; NULL when by request number */
	long request_no;       /* 0 when by pattern */
	enum canned_action action;
	int status;
	long delay_ms;
	long retry_after_s;    /* -1: no Retry-After */
	bool retry_after_date; /* send it as an HTTP date */
	long remaining;        /* -1: every time */
};

/* Prints "tmdb_server: ..." on stderr and exits with status 1. */
void canned_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Adds a folder where route bodies are looked up (copied). */
void canned_dir_add(const char *dir);
/* Reads a routes file; bodies are found beside it, then in each folder added. */
void canned_routes_load(const char *path);
/* Adds one fault SPEC; where names it in messages ("--fault", "file:3"). */
void canned_fault_add(const char *spec, const char *where);
/* Reads a faults file: one SPEC a line, "# " starting a comment line. */
void canned_faults_load(const char *path);
/* Releases every route, fault and folder. */
void canned_free(void);

/*
 * The key of a request target, owned by the caller: the path without a
 * leading "/3" segment, then the query parameters sorted, without api_key.
 * NULL when the query has too many parameters.
 */
char *canned_key_new(const char *target);
/* The first route matching key (borrowed), or NULL. */
const struct canned_route *canned_route_find(const char *key);
/*
 * Copies into out the first fault for this request whose count is not used
 * up, and counts it used. Not thread-safe: the caller holds its lock.
 */
bool canned_fault_take(const char *key, long request_no, struct canned_fault *out);
/* The action's name as written in a SPEC ("bad-json"). */
const char *canned_action_name(enum canned_action action);
/* Formats t as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"). */
void canned_http_date(time_t t, char out[32]);

#endif
