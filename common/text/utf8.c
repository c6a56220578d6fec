/* UTF-8 decoding, and validation with the reason (utf8.h). */
#include "common/text/utf8.h"

#include <stdio.h>

int utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80) {
		*cp = p[0];
		return p[0] ? 1 : 0;
	}
	int len = p[0] < 0xc2 ? 0 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : p[0] < 0xf5 ? 4 : 0;
	unsigned c = len ? p[0] & (0x7fu >> len) : 0;
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3fu);
	}
	if (len == 0 || (len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

static int refuse(char why[UTF8_WHY], unsigned control)
{
	if (why) {
		if (control < 0x20)
			snprintf(why, UTF8_WHY, "a control character (U+%04X)", control);
		else
			snprintf(why, UTF8_WHY, "not UTF-8 text");
	}
	return -1;
}

int utf8_check(const char *s, char why[UTF8_WHY])
{
	for (const char *p = s; *p;) {
		unsigned cp;
		int len = utf8_decode(p, &cp);
		if (len == 0)
			return refuse(why, 0x80);
		if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
			return refuse(why, cp);
		p += len;
	}
	return 0;
}
