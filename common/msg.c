/* Error, warning, information and progress output. */
#include "common/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

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

static void prefixed(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void prefixed(const char *kind, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("marquee: ", stderr);
	if (current_command)
		fprintf(stderr, "%s: ", current_command);
	if (kind)
		fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
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
