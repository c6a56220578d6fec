/* Error, warning, information and progress output. */
#include "common/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/text/utf8.h"

static const char *current_command;
static enum msg_level level = MSG_NORMAL;

void msg_set_command(const char *command)
{
	current_command = command;
}

const char *msg_command(void)
{
	return current_command;
}

void msg_set_level(enum msg_level l)
{
	level = l;
}

enum msg_level msg_get_level(void)
{
	return level;
}

/*
 * Appends s to out with what a terminal could take for a command written
 * as text: C0 and C1 control characters (ESC, BEL, CSI...), DEL, line
 * breaks (a message is one line), the bidirectional overrides and isolates,
 * and bytes that are not UTF-8, as \xNN or \uNNNN. Messages quote file
 * names, front matter and requests that others wrote.
 */
static void put_escaped(struct buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp = 0;
		int len = *p < 0x80 ? 1 : utf8_decode((const char *)p, &cp);
		if (len == 1 && (*p >= 0x20 || *p == '\t') && *p != 0x7f) {
			buf_putc(out, (char)*p++);
		} else if (len <= 1) {
			buf_printf(out, "\\x%02x", *p++);
		} else if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
			   (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029) {
			buf_printf(out, "\\u%04x", cp);
			p += len;
		} else {
			buf_append(out, (const char *)p, (size_t)len);
			p += len;
		}
	}
}

/* The whole line, escaped, written at once: threads (serve's) do not
 * interleave their lines. */
static void write_line(FILE *to, const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static void write_line(FILE *to, const char *prefix, const char *fmt, va_list ap)
{
	struct buf text = BUF_INIT, line = BUF_INIT;
	buf_vprintf(&text, fmt, ap);
	buf_puts(&line, prefix);
	put_escaped(&line, buf_str(&text));
	buf_putc(&line, '\n');
	fwrite(line.data, 1, line.len, to);
	buf_free(&text);
	buf_free(&line);
}

static void prefixed(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void prefixed(const char *kind, const char *fmt, va_list ap)
{
	fflush(stdout);
	struct buf prefix = BUF_INIT;
	buf_puts(&prefix, "marquee: ");
	if (current_command)
		buf_printf(&prefix, "%s: ", current_command);
	if (kind)
		buf_puts(&prefix, kind);
	write_line(stderr, buf_str(&prefix), fmt, ap);
	buf_free(&prefix);
}

void msg_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	prefixed(NULL, fmt, ap);
	va_end(ap);
}

void msg_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	prefixed("warning: ", fmt, ap);
	va_end(ap);
}

void msg_info(const char *fmt, ...)
{
	if (level < MSG_NORMAL)
		return;
	va_list ap;
	va_start(ap, fmt);
	write_line(stdout, "", fmt, ap);
	va_end(ap);
}

void msg_verbose(const char *fmt, ...)
{
	if (level < MSG_VERBOSE)
		return;
	va_list ap;
	va_start(ap, fmt);
	prefixed(NULL, fmt, ap);
	va_end(ap);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void progress_begin(struct progress *p, const char *what, long long total)
{
	p->what = what;
	p->total = total;
	p->last_ms = 0;
	p->drawn = false;
	p->active = level >= MSG_NORMAL && isatty(STDERR_FILENO);
}

void progress_update(struct progress *p, long long done)
{
	if (!p->active)
		return;
	long long t = now_ms();
	if (p->drawn && t - p->last_ms < 100)
		return;
	p->last_ms = t;
	p->drawn = true;
	if (p->total > 0)
		fprintf(stderr, "\r%s: %lld/%lld (%lld%%)", p->what, done, p->total,
			done * 100 / p->total);
	else
		fprintf(stderr, "\r%s: %lld", p->what, done);
	fflush(stderr);
}

void progress_end(struct progress *p)
{
	if (p->active && p->drawn)
		fputs("\r\033[K", stderr);
	p->active = false;
}
