/* Slugs from titles. */
#include "common/slug.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/xalloc.h"

/* Base letters of U+00C0..U+00FF ('\0' where there is none). */
static const char latin1[64] = "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";

char *slug_make(const char *text)
{
	struct buf b = BUF_INIT;
	bool hyphen = false;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		char c = 0;
		if (isalnum(*p) && *p < 0x80) {
			c = (char)tolower(*p);
		} else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			c = latin1[p[1] - 0x80];
			c = isalpha((unsigned char)c) ? (char)tolower((unsigned char)c) : 0;
			p++;
			if (c == 's' && p[0] == 0x9F) /* ß */
				buf_putc(&b, 's');
		} else if (p[0] == 0xC5 && (p[1] == 0x92 || p[1] == 0x93)) { /* Œ œ */
			buf_puts(&b, hyphen && b.len ? "-" : "");
			hyphen = false;
			buf_puts(&b, "oe");
			p++;
			continue;
		}
		if (c) {
			if (hyphen && b.len)
				buf_putc(&b, '-');
			hyphen = false;
			buf_putc(&b, c);
		} else {
			hyphen = true;
		}
	}
	if (!b.len)
		buf_puts(&b, "untitled");
	return buf_detach(&b);
}

char *slug_film(const char *title, long release)
{
	char *base = slug_make(title);
	int y, m, day;
	date_to_ymd(release, &y, &m, &day);
	/* "Dune (2021)" already carries its year. */
	char year[16];
	snprintf(year, sizeof year, "-%d", y);
	size_t n = strlen(base), k = strlen(year);
	if (n > k && strcmp(base + n - k, year) == 0)
		return base;
	char *slug = xasprintf("%s%s", base, year);
	free(base);
	return slug;
}
