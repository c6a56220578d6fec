/* Slugs from titles (slug.h). */
#include "common/text/slug.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/hash.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"

/* Latin letters for Cyrillic U+0430..U+045F (Russian, then Ukrainian,
 * Belarusian, Serbian, Macedonian), after the usual romanisations. */
static const char *const cyrillic[48] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
	"e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k", "i", "u", "dz",
};

/* Latin letters for Greek U+03B1..U+03C9 (ELOT 743, simplified). */
static const char *const greek[25] = {
	"a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n",
	"x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o",
};

/* The Latin letters for the code point at p (len bytes), or NULL. */
static const char *latin_for(const unsigned char *p, int len)
{
	if (len != 2)
		return NULL;
	unsigned cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
	if (cp >= 0x430 && cp <= 0x45F)
		return cyrillic[cp - 0x430];
	if (cp == 0x491) /* ґ */
		return "g";
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return greek[cp - 0x3B1];
	return NULL;
}

static int utf8_length(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

char *slug_text(const char *text)
{
	/* folding lower-cases every script, takes the accents off and turns
	 * punctuation into spaces; what is left is written letter by letter */
	char *folded = textfold_copy(text);
	struct buf b = BUF_INIT;
	bool hyphen = false;
	for (const unsigned char *p = (const unsigned char *)folded; *p;) {
		int len = utf8_length(*p);
		for (int i = 1; i < len; i++)
			if (!p[i]) /* cut short: textfold never does, but never read past the end */
				len = i;
		const char *latin = NULL;
		char ascii[2] = { 0, 0 };
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			ascii[0] = (char)*p;
			latin = ascii;
		} else {
			latin = latin_for(p, len);
		}
		p += len;
		if (!latin) {
			hyphen = true;
			continue;
		}
		if (!*latin) /* a hard or soft sign: no letter, no break */
			continue;
		if (hyphen && b.len)
			buf_putc(&b, '-');
		hyphen = false;
		buf_puts(&b, latin);
	}
	free(folded);
	/* bounded, cut after a whole word when one ends in the second half */
	if (b.len > SLUG_TEXT_MAX) {
		size_t cut = SLUG_TEXT_MAX;
		while (cut > SLUG_TEXT_MAX / 2 && b.data[cut] != '-')
			cut--;
		if (b.data[cut] != '-')
			cut = SLUG_TEXT_MAX;
		while (cut && b.data[cut - 1] == '-')
			cut--;
		b.data[cut] = '\0';
		b.len = cut;
	}
	return buf_detach(&b);
}

char *slug_make(const char *text)
{
	char *s = slug_text(text);
	if (*s)
		return s;
	free(s);
	return xstrdup("untitled");
}

char *slug_film(const char *title, const char *original_title, int year, const char *key)
{
	char *base = slug_text(title);
	if (!*base && original_title) {
		free(base);
		base = slug_text(original_title);
	}
	if (!*base) {
		/* a title in a script without Latin letters: an id that the same
		 * film gives again when the store is rebuilt from its sources */
		free(base);
		uint64_t h = hash_bytes(HASH_SEED, key, strlen(key));
		base = xasprintf("film-%08x", (unsigned)(h ^ (h >> 32)));
	}
	char suffix[16];
	snprintf(suffix, sizeof suffix, "-%d", year);
	size_t n = strlen(base), k = strlen(suffix);
	if (n > k && strcmp(base + n - k, suffix) == 0)
		return base;
	char *slug = xasprintf("%s%s", base, suffix);
	free(base);
	return slug;
}

bool slug_is_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > SLUG_MAX || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-' ? s[i + 1] == '-' : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}
