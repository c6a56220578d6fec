/* UTF-8 validation with the reason (utf8.h). */
#include "common/utf8.h"

#include <stdio.h>

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
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char c = *p;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return refuse(why, c);
			p++;
			continue;
		}
		int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || (len == 2 && c < 0xC2) || c > 0xF4)
			return refuse(why, 0x80);
		for (int i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return refuse(why, 0x80);
		if (len == 3) {
			unsigned cp = (c & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
			if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
				return refuse(why, 0x80);
		}
		if (len == 4) {
			unsigned cp = (c & 0x07u) << 18 | (p[1] & 0x3Fu) << 12;
			if (cp < 0x10000 || cp > 0x10FFFF)
				return refuse(why, 0x80);
		}
		p += len;
	}
	return 0;
}
