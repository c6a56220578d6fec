/*
 * A growable byte buffer, always NUL-terminated. The struct owns its data;
 * buf_free() releases it and leaves an empty buffer behind.
 */
#ifndef MARQUEE_BUF_H
#define MARQUEE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* owned, NUL-terminated, NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_append(struct buf *b, const char *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Empties the buffer but keeps its memory for reuse. */
void buf_clear(struct buf *b);
/* Returns the contents ("" when empty); borrowed until the next append. */
const char *buf_str(const struct buf *b);
/* Hands the contents to the caller (never NULL) and empties the buffer. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif
