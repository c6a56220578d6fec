/*
 * Messages to the person running marquee. Errors and warnings go to stderr
 * prefixed with "marquee: COMMAND: "; information goes to stdout unless -q.
 * Progress is drawn on stderr only when stderr is a terminal. Each message
 * is one line, written at once: control characters, line breaks,
 * bidirectional overrides and bytes that are not UTF-8 in it are written as
 * \xNN or \uNNNN, since messages quote what others wrote (file names,
 * front matter, requests).
 */
#ifndef MARQUEE_MSG_H
#define MARQUEE_MSG_H

#include <stdbool.h>

enum msg_level { MSG_QUIET = 0, MSG_NORMAL = 1, MSG_VERBOSE = 2 };

/* Sets the command named in the prefix (borrowed; NULL for none). */
void msg_set_command(const char *command);
/* The command named in the prefix, or NULL. */
const char *msg_command(void);
void msg_set_level(enum msg_level level);
enum msg_level msg_get_level(void);

void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Normal output on stdout; silent with -q. */
void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Detail on stderr, shown only with -v. */
void msg_verbose(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Progress of long work: "what: done/total" redrawn at most ten times a second
 * on a terminal, nothing otherwise. total may be 0 when unknown.
 */
struct progress {
	const char *what; /* borrowed */
	long long total;
	long long last_ms;
	bool active;
	bool drawn;
};

void progress_begin(struct progress *p, const char *what, long long total);
void progress_update(struct progress *p, long long done);
/* Erases the progress line. */
void progress_end(struct progress *p);

#endif
