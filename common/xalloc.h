/*
 * Allocation wrappers that abort on out-of-memory, so callers need no OOM
 * branches (the cmark and sblg habit). Every pointer they return belongs to
 * the caller and is released with free().
 */
#ifndef MARQUEE_XALLOC_H
#define MARQUEE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of *cap elements of size elem so that it holds at least need. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string owned by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
