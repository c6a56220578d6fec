/* Folding text for matching, and its words without stop words. */
#include <stdlib.h>
#include <string.h>

#include "common/text/textfold.h"
#include "tests/unit/harness.h"

static void fold_is(const char *text, const char *want)
{
	char *got = textfold_copy(text);
	STR_EQ(got, want, text ? text : "(null)");
	free(got);
}

/* The words of text joined by "|". */
static void words_are(const char *text, unsigned keep, const char *want)
{
	struct textfold_words w = TEXTFOLD_WORDS_INIT;
	textfold_words_split(&w, text, keep);
	struct buf joined = BUF_INIT;
	for (size_t i = 0; i < w.n; i++) {
		if (i)
			buf_putc(&joined, '|');
		buf_puts(&joined, w.word[i]);
	}
	STR_EQ(buf_str(&joined), want, text);
	buf_free(&joined);
	textfold_words_free(&w);
}

/* Valid UTF-8, single spaces between words, none at either end. */
static int well_formed(const char *s)
{
	size_t n = strlen(s);
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	if (strstr(s, "  "))
		return 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (!len || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if (((unsigned char)s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

static void test_fold(void)
{
	fold_is("L’Été dernier !", "l ete dernier");
	fold_is("Ça déçoit, À Noël ÆSOP Œuvre Straße Niño", "ca decoit a noel aesop oeuvre strasse nino");
	fold_is("Łódź Škoda Ğ ſ Ĳssel Ŧ", "lodz skoda g s ijssel t");
	fold_is("Ştefan Ștefan Việt Nam Ǖ ẞ", "stefan stefan viet nam u ss");
	fold_is("« Bonjour » — dit-il… “hello” ‘x’ „y“ ‹z›", "bonjour dit il hello x y z");
	fold_is("aujourd\xCA\xBChui", "aujourd hui"); /* U+02BC, the modifier apostrophe */
	fold_is("  a\t\n b  ", "a b");
	fold_is("", "");
	fold_is(NULL, "");
	fold_is("!!! ... ---", "");
	fold_is("e\xCC\x81te\xCC\x81", "ete"); /* decomposed accents */
	fold_is("co\xC2\xADop\xE2\x80\x8Dx", "coopx");  /* soft hyphen, zero-width joiner */
	fold_is("ＡＢＣ１！ｚ", "abc1 z");
	fold_is("ﬁlm ﬂeur", "film fleur");
	fold_is("ΑΘΉΝΑ ς МОСКВА Ёж", "αθηνα σ москва ёж");
	fold_is("東京物語", "東京物語");
	fold_is("a😀b", "a b");
	fold_is("x²y ¹/₂ n° 5 µ", "x2y 1 2 n 5 μ");
	fold_is("caf\xE9 cr\xC3", "caf cr");            /* Latin-1 bytes, a truncated sequence */
	fold_is("\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80", ""); /* overlong, surrogate, too high */
	fold_is("a\xFF\xFE" "b", "ab");
	fold_is("1 000 000 $, 9.5/10", "1 000 000 9 5 10");

	struct buf b = BUF_INIT;
	buf_puts(&b, "kept:");
	textfold_append(&b, " Éric  ", strlen(" Éric  "));
	STR_EQ(buf_str(&b), "kept:eric", "append adds the folded text, trimmed");
	buf_free(&b);

	/* Random bytes never crash and always give well-formed text. */
	unsigned seed = 12345;
	char noise[512];
	int good = 0;
	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i + 1 < sizeof noise; i++) {
			seed = seed * 1103515245u + 12345u;
			noise[i] = (char)((seed >> 16) & 0xFF);
			if (!noise[i])
				noise[i] = ' ';
		}
		noise[sizeof noise - 1] = '\0';
		char *got = textfold_copy(noise);
		char *again = textfold_copy(got);
		good += well_formed(got) && strcmp(got, again) == 0;
		free(got);
		free(again);
	}
	INT_EQ(good, 200, "random bytes fold to well-formed text, which folding leaves alone");
	fold_is("\xCE\xA2", "\xCE\xA2"); /* unassigned between capitals: not made a final sigma */
}

static void test_words(void)
{
	words_are("L'amour est dans le pré", 0, "amour|pre");
	words_are("qu'il", 0, "");
	words_are("Jusqu’au bout du monde", 0, "bout|monde");
	words_are("Aujourd'hui, maman est morte.", 0, "maman|morte");
	words_are("The man with the golden gun", 0, "man|golden|gun");
	words_are("Il s'est fait avoir : elle n'y a pas été.", 0, "ete");
	words_are("Les 3 mousquetaires, Paris 1942, 10000 ans, 2001, 1799", 0,
		  "mousquetaires|paris|1942|ans|2001");
	words_are("L'Été 2 : le retour", TEXTFOLD_KEEP_ALL, "l|ete|2|le|retour");
	words_are("Alien 42 : le 8e passager", TEXTFOLD_KEEP_NUMBERS, "alien|42|8e|passager");
	words_are("Le Parrain", TEXTFOLD_KEEP_STOP_WORDS, "le|parrain");
	words_are("X Y z 7", TEXTFOLD_KEEP_SHORT, "x|z"); /* "y" is a stop word */
	words_are("\xFF\xFE", 0, "");
	words_are(NULL, 0, "");

	/* A split reuses the words struct and replaces what it held. */
	struct textfold_words w = TEXTFOLD_WORDS_INIT;
	textfold_words_split(&w, "un grand voyage vers l'ouest", 0);
	INT_EQ(w.n, 3, "three words");
	textfold_words_split(&w, "océan", 0);
	OK(w.n == 1 && strcmp(w.word[0], "ocean") == 0, "the second split alone");
	textfold_words_split(&w, "", 0);
	INT_EQ(w.n, 0, "an empty text has no words");
	textfold_words_free(&w);
	OK(w.word == NULL && w.n == 0, "freed words are empty");
}

static void test_stop_list(void)
{
	size_t n;
	const char *const *list = textfold_stop_words(&n);
	OK(n > 300, "a stop list of some size (%zu)", n);
	int sorted = 1, found = 0, folded = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(list[i - 1], list[i]) >= 0)
			sorted = 0;
		found += textfold_is_stop_word(list[i]);
		char *f = textfold_copy(list[i]);
		folded += strcmp(f, list[i]) == 0;
		free(f);
	}
	OK(sorted, "the stop list is sorted and has no repeats");
	INT_EQ(found, n, "every stop word is found");
	INT_EQ(folded, n, "every stop word is already folded");
	OK(textfold_is_stop_word("avec") && textfold_is_stop_word("the") &&
		   textfold_is_stop_word("etre") && textfold_is_stop_word("qu"),
	   "French and English");
	OK(!textfold_is_stop_word("amour") && !textfold_is_stop_word("") &&
		   !textfold_is_stop_word("avecs"),
	   "other words are not stop words");
}

void test_textfold(void)
{
	test_fold();
	test_words();
	test_stop_list();
}
