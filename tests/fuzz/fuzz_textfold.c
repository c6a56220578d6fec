/* libFuzzer target: folding text and splitting it into words. Folded text
 * must be valid UTF-8 with single inner spaces, and folding it again must
 * change nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/text/textfold.h"

static void check_folded(const char *s, size_t n)
{
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		abort();
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (!len || i + len > n || (c == ' ' && i + 1 < n && s[i + 1] == ' '))
			abort();
		for (size_t k = 1; k < len; k++)
			if (((unsigned char)s[i + k] & 0xC0) != 0x80)
				abort();
		i += len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf once = BUF_INIT, twice = BUF_INIT;
	textfold_append(&once, (const char *)data, size);
	check_folded(buf_str(&once), once.len);
	textfold_append(&twice, buf_str(&once), once.len);
	if (once.len != twice.len || memcmp(buf_str(&once), buf_str(&twice), once.len) != 0)
		abort();

	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0'; /* the words of the text up to its first NUL */
	struct textfold_words w = TEXTFOLD_WORDS_INIT;
	for (unsigned keep = 0; keep <= TEXTFOLD_KEEP_ALL; keep += 3) {
		textfold_words_split(&w, text, keep);
		for (size_t i = 0; i < w.n; i++)
			if (!w.word[i][0] || strchr(w.word[i], ' '))
				abort();
	}
	textfold_words_free(&w);
	free(text);
	buf_free(&once);
	buf_free(&twice);
	return 0;
}
