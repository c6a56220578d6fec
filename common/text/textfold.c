/* Folding UTF-8 text for matching, and splitting it into words. */
#include "common/text/textfold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

/*
 * Decodes the code point at p (n > 0 bytes left) into *cp and returns its
 * length, or 0 when p does not start a well-formed sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF).
 */
static size_t decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		*cp = c & 0x1Fu;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		*cp = c & 0x0Fu;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		*cp = c & 0x07u;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3Fu);
	}
	return len;
}

static size_t encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* U+00C0..U+00FF without accents; "" for × and ÷, which separate words. */
static const char latin1[64][3] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

/* U+0100..U+017F (Latin Extended-A): the base letter of each; ĳ, ŉ and œ are
 * special-cased. */
static const char extended_a[] =
	"aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk"
	"llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww"
	"yyy" "zzzzzz" "s";
_Static_assert(sizeof extended_a == 0x80 + 1, "one letter per code point");

/* U+1E00..U+1E95 (Latin Extended Additional) come in pairs, capital then
 * small: the base letter of each pair. */
static const char additional_pairs[] =
	"a" "bbb" "c" "ddddd" "eeeee" "f" "g" "hhhhh" "ii" "kkk" "llll" "mmm" "nnnn" "oooo" "pp"
	"rrrr" "sssss" "tttt" "uuuuu" "vv" "wwwww" "xx" "y" "zzz";
_Static_assert(sizeof additional_pairs == 0x96 / 2 + 1, "one letter per pair");

/* Everything else that folds to other letters, sorted, without overlaps. */
static const struct fold_range {
	uint32_t first, last;
	const char *to;
} ranges[] = {
	{ 0x0180, 0x0181, "b" },  { 0x0187, 0x0188, "c" },  { 0x018A, 0x018A, "d" },
	{ 0x0191, 0x0192, "f" },  { 0x0193, 0x0193, "g" },  { 0x0197, 0x0197, "i" },
	{ 0x0198, 0x0199, "k" },  { 0x019A, 0x019A, "l" },  { 0x019D, 0x019E, "n" },
	{ 0x01A0, 0x01A1, "o" },  { 0x01A4, 0x01A5, "p" },  { 0x01AB, 0x01AE, "t" },
	{ 0x01AF, 0x01B0, "u" },  { 0x01B2, 0x01B2, "v" },  { 0x01B3, 0x01B4, "y" },
	{ 0x01B5, 0x01B6, "z" },  { 0x01C4, 0x01C6, "dz" }, { 0x01C7, 0x01C9, "lj" },
	{ 0x01CA, 0x01CC, "nj" }, { 0x01CD, 0x01CE, "a" },  { 0x01CF, 0x01D0, "i" },
	{ 0x01D1, 0x01D2, "o" },  { 0x01D3, 0x01DC, "u" },  { 0x01DD, 0x01DD, "e" },
	{ 0x01DE, 0x01E1, "a" },  { 0x01E2, 0x01E3, "ae" }, { 0x01E4, 0x01E7, "g" },
	{ 0x01E8, 0x01E9, "k" },  { 0x01EA, 0x01ED, "o" },  { 0x01F0, 0x01F0, "j" },
	{ 0x01F1, 0x01F3, "dz" }, { 0x01F4, 0x01F5, "g" },  { 0x01F8, 0x01F9, "n" },
	{ 0x01FA, 0x01FB, "a" },  { 0x01FC, 0x01FD, "ae" }, { 0x01FE, 0x01FF, "o" },
	{ 0x0200, 0x0203, "a" },  { 0x0204, 0x0207, "e" },  { 0x0208, 0x020B, "i" },
	{ 0x020C, 0x020F, "o" },  { 0x0210, 0x0213, "r" },  { 0x0214, 0x0217, "u" },
	{ 0x0218, 0x0219, "s" },  { 0x021A, 0x021B, "t" },  { 0x021E, 0x021F, "h" },
	{ 0x0226, 0x0227, "a" },  { 0x0228, 0x0229, "e" },  { 0x022A, 0x0231, "o" },
	{ 0x0232, 0x0233, "y" },
	/* Greek letters with tonos or dialytika, and the final sigma */
	{ 0x0386, 0x0386, "α" },  { 0x0388, 0x0388, "ε" },  { 0x0389, 0x0389, "η" },
	{ 0x038A, 0x038A, "ι" },  { 0x038C, 0x038C, "ο" },  { 0x038E, 0x038E, "υ" },
	{ 0x038F, 0x038F, "ω" },  { 0x0390, 0x0390, "ι" },  { 0x03AA, 0x03AA, "ι" },
	{ 0x03AB, 0x03AB, "υ" },  { 0x03AC, 0x03AC, "α" },  { 0x03AD, 0x03AD, "ε" },
	{ 0x03AE, 0x03AE, "η" },  { 0x03AF, 0x03AF, "ι" },  { 0x03B0, 0x03B0, "υ" },
	{ 0x03C2, 0x03C2, "σ" },  { 0x03CA, 0x03CA, "ι" },  { 0x03CB, 0x03CB, "υ" },
	{ 0x03CC, 0x03CC, "ο" },  { 0x03CD, 0x03CD, "υ" },  { 0x03CE, 0x03CE, "ω" },
	{ 0x1E96, 0x1E96, "h" },  { 0x1E97, 0x1E97, "t" },  { 0x1E98, 0x1E98, "w" },
	{ 0x1E99, 0x1E99, "y" },  { 0x1E9A, 0x1E9A, "a" },  { 0x1E9B, 0x1E9D, "s" },
	{ 0x1E9E, 0x1E9E, "ss" }, { 0x1EA0, 0x1EB7, "a" },  { 0x1EB8, 0x1EC7, "e" },
	{ 0x1EC8, 0x1ECB, "i" },  { 0x1ECC, 0x1EE3, "o" },  { 0x1EE4, 0x1EF1, "u" },
	{ 0x1EF2, 0x1EF9, "y" },  { 0x2070, 0x2070, "0" },  { 0x2071, 0x2071, "i" },
	{ 0x2074, 0x2074, "4" },  { 0x2075, 0x2075, "5" },  { 0x2076, 0x2076, "6" },
	{ 0x2077, 0x2077, "7" },  { 0x2078, 0x2078, "8" },  { 0x2079, 0x2079, "9" },
	{ 0x207F, 0x207F, "n" },  { 0x2080, 0x2080, "0" },  { 0x2081, 0x2081, "1" },
	{ 0x2082, 0x2082, "2" },  { 0x2083, 0x2083, "3" },  { 0x2084, 0x2084, "4" },
	{ 0x2085, 0x2085, "5" },  { 0x2086, 0x2086, "6" },  { 0x2087, 0x2087, "7" },
	{ 0x2088, 0x2088, "8" },  { 0x2089, 0x2089, "9" },  { 0xFB00, 0xFB00, "ff" },
	{ 0xFB01, 0xFB01, "fi" }, { 0xFB02, 0xFB02, "fl" }, { 0xFB03, 0xFB03, "ffi" },
	{ 0xFB04, 0xFB04, "ffl" }, { 0xFB05, 0xFB06, "st" },
};

/* Code points that vanish without separating words: combining accents,
 * zero-width joiners, direction marks, variation selectors, the BOM. */
static const uint32_t dropped[][2] = {
	{ 0x00AD, 0x00AD },   { 0x0300, 0x036F },   { 0x1AB0, 0x1AFF },   { 0x1DC0, 0x1DFF },
	{ 0x200C, 0x200F },   { 0x202A, 0x202E },   { 0x2060, 0x206F },   { 0x20D0, 0x20FF },
	{ 0xFE00, 0xFE0F },   { 0xFE20, 0xFE2F },   { 0xFEFF, 0xFEFF },   { 0xE0000, 0xE01EF },
};

/* Blocks of punctuation and symbols, which separate words. */
static const uint32_t separating[][2] = {
	{ 0x0080, 0x00BF }, /* C1 controls, Latin-1 punctuation and signs */
	{ 0x02B0, 0x02FF }, /* modifier letters: ʼ ˈ ˆ used as apostrophes and accents */
	{ 0x037E, 0x037E }, { 0x0387, 0x0387 }, /* Greek question mark, ano teleia */
	{ 0x2000, 0x2BFF }, /* spaces, dashes, quotes, currency, arrows, maths, shapes */
	{ 0x2E00, 0x2E7F }, { 0x3000, 0x303F }, /* supplemental and CJK punctuation */
	{ 0xFE10, 0xFE1F }, { 0xFE30, 0xFE6F }, { 0xFF5F, 0xFF65 }, { 0xFFF0, 0xFFFF },
	{ 0x1F000, 0x1FAFF }, /* emoji, playing cards, pictographs */
};

static bool in_blocks(uint32_t cp, const uint32_t (*blocks)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= blocks[i][0] && cp <= blocks[i][1])
			return true;
	return false;
}

static const char *range_find(uint32_t cp)
{
	size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < ranges[mid].first)
			hi = mid;
		else if (cp > ranges[mid].last)
			lo = mid + 1;
		else
			return ranges[mid].to;
	}
	return NULL;
}

/* The folding of one code point. */
enum fold_kind { FOLD_LETTERS, FOLD_SEPARATOR, FOLD_NOTHING };

/* Writes the letters cp folds to into to (NUL-terminated) and says what cp is. */
static enum fold_kind fold_cp(uint32_t cp, char to[8])
{
	to[0] = '\0';
	if (cp >= 0xFF01 && cp <= 0xFF5E) /* fullwidth ASCII */
		cp -= 0xFEE0;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (!(cp >= 'a' && cp <= 'z') && !(cp >= '0' && cp <= '9'))
			return FOLD_SEPARATOR;
		to[0] = (char)cp;
		to[1] = '\0';
		return FOLD_LETTERS;
	}
	const char *s = NULL;
	switch (cp) {
	case 0xAA: s = "a"; break; /* ª */
	case 0xBA: s = "o"; break; /* º */
	case 0xB2: s = "2"; break;
	case 0xB3: s = "3"; break;
	case 0xB9: s = "1"; break;
	case 0xB5: s = "μ"; break; /* the micro sign is a Greek mu */
	case 0x132: case 0x133: s = "ij"; break;
	case 0x149: s = "n"; break;
	case 0x152: case 0x153: s = "oe"; break;
	default: break;
	}
	if (!s && cp >= 0xC0 && cp <= 0xFF) {
		s = latin1[cp - 0xC0];
		if (!*s)
			return FOLD_SEPARATOR;
	} else if (!s && cp >= 0x100 && cp <= 0x17F) {
		to[0] = extended_a[cp - 0x100];
		to[1] = '\0';
		return FOLD_LETTERS;
	} else if (!s && cp >= 0x1E00 && cp <= 0x1E95) {
		to[0] = additional_pairs[(cp - 0x1E00) / 2];
		to[1] = '\0';
		return FOLD_LETTERS;
	} else if (!s) {
		s = range_find(cp);
	}
	if (s) {
		strcpy(to, s);
		return FOLD_LETTERS;
	}
	if (in_blocks(cp, dropped, sizeof dropped / sizeof dropped[0]))
		return FOLD_NOTHING;
	if (in_blocks(cp, separating, sizeof separating / sizeof separating[0]))
		return FOLD_SEPARATOR;
	if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		cp += 0x20; /* Greek and Cyrillic capitals (U+03A2 is unassigned) */
	else if (cp >= 0x400 && cp <= 0x40F)
		cp += 0x50;
	to[encode(cp, to)] = '\0';
	return FOLD_LETTERS;
}

void textfold_append(struct buf *out, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t start = out->len;
	bool pending = false; /* a separator is owed before the next letters */
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = decode(p + i, len - i, &cp);
		if (n == 0) { /* not UTF-8: the byte is dropped */
			i++;
			continue;
		}
		i += n;
		char to[8];
		switch (fold_cp(cp, to)) {
		case FOLD_SEPARATOR:
			pending = true;
			break;
		case FOLD_LETTERS:
			if (pending && out->len > start)
				buf_putc(out, ' ');
			pending = false;
			buf_puts(out, to);
			break;
		case FOLD_NOTHING:
			break;
		}
	}
}

char *textfold_copy(const char *text)
{
	struct buf b = BUF_INIT;
	if (text)
		textfold_append(&b, text, strlen(text));
	return buf_detach(&b);
}

/*
 * French and English stop words, folded, sorted in the C locale. French:
 * articles and determiners, pronouns, the elided forms (l', qu', jusqu',
 * aujourd'hui), prepositions, conjunctions, common adverbs, and être, avoir,
 * faire, aller, pouvoir, devoir, vouloir in their common tenses. "été" is
 * left out: in a story it is as often the summer as the participle, and an
 * idf weight takes care of it when it is frequent. English: articles,
 * pronouns, prepositions, conjunctions, auxiliaries, be/have/do/get/make/go
 * and the halves of contractions ("doesn't" folds to "doesn t").
 */
static const char *const stop_words[] = {
	"a", "about", "above", "afin", "after", "again", "against", "ai", "aie", "aient",
	"aies", "ainsi", "ait", "all", "allait", "aller", "allez", "allons", "alors", "also",
	"am", "among", "an", "and", "any", "apres", "are", "aren", "as", "assez",
	"at", "au", "aucun", "aucune", "aujourd", "auquel", "aura", "aurai", "auraient", "aurais",
	"aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront", "aussi", "autre", "autres",
	"aux", "auxquelles", "auxquels", "avaient", "avais", "avait", "avant", "avec", "avez", "aviez",
	"avions", "avoir", "avons", "ayant", "ayez", "ayons", "be", "beaucoup", "because", "been",
	"before", "being", "below", "bien", "both", "but", "by", "c", "ca", "can",
	"car", "ce", "ceci", "cela", "celle", "celles", "celui", "certaines", "certains", "ces",
	"cet", "cette", "ceux", "chacun", "chacune", "chaque", "chez", "comme", "contre", "could",
	"couldn", "d", "dans", "de", "deja", "depuis", "derriere", "des", "desquelles", "desquels",
	"devait", "devant", "devez", "devoir", "devons", "devra", "devrait", "did", "didn", "do",
	"does", "doesn", "doing", "dois", "doit", "doivent", "donc", "done", "dont", "down",
	"du", "duquel", "durant", "during", "each", "elle", "elles", "else", "en", "encore",
	"ensuite", "entre", "envers", "es", "est", "et", "etaient", "etais", "etait", "etant",
	"etes", "etiez", "etions", "etre", "eu", "eue", "eurent", "eus", "eut", "eux",
	"faire", "fais", "faisaient", "faisait", "faisons", "fait", "faites", "fasse", "fera", "ferait",
	"feront", "few", "font", "for", "from", "furent", "further", "fus", "fut", "get",
	"gets", "go", "goes", "got", "had", "hadn", "has", "hasn", "have", "haven",
	"having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "hors",
	"how", "hui", "i", "ici", "if", "il", "ils", "in", "into", "iront",
	"is", "isn", "it", "its", "itself", "j", "jamais", "je", "jusqu", "jusque",
	"just", "l", "la", "laquelle", "le", "lequel", "les", "lesquelles", "lesquels", "leur",
	"leurs", "ll", "lorsqu", "lorsque", "lui", "m", "ma", "made", "mais", "make",
	"makes", "malgre", "may", "me", "meme", "memes", "mes", "might", "moi", "moins",
	"mon", "more", "most", "must", "my", "myself", "n", "ne", "ni", "no",
	"non", "nor", "nos", "not", "notre", "nous", "of", "off", "on", "once",
	"only", "ont", "onto", "or", "other", "ou", "oui", "our", "ours", "out",
	"outre", "over", "own", "par", "parce", "parmi", "pas", "pendant", "peu", "peut",
	"peuvent", "peux", "plus", "plusieurs", "pour", "pourra", "pourrait", "pouvait", "pouvez", "pouvoir",
	"pouvons", "pres", "presqu", "presque", "puis", "puisqu", "puisque", "qu", "quand", "que",
	"quel", "quelle", "quelles", "quelque", "quelques", "quels", "qui", "quoi", "quoiqu", "quoique",
	"re", "rien", "s", "sa", "same", "sans", "se", "selon", "sera", "serai",
	"seraient", "serais", "serait", "seras", "serez", "seriez", "serions", "serons", "seront", "ses",
	"seulement", "shall", "she", "should", "shouldn", "si", "since", "so", "soi", "soient",
	"sois", "soit", "some", "sommes", "son", "sont", "sous", "souvent", "soyez", "soyons",
	"such", "suis", "sur", "surtout", "t", "ta", "tandis", "tant", "te", "tel",
	"telle", "tellement", "telles", "tels", "tes", "than", "that", "the", "their", "theirs",
	"them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
	"toi", "ton", "too", "toujours", "tous", "tout", "toute", "toutes", "tres", "trop",
	"tu", "un", "under", "une", "until", "up", "us", "va", "vais", "vas",
	"ve", "vers", "very", "veulent", "veut", "veux", "via", "vont", "vos", "votre",
	"voudra", "voudrait", "voulait", "voulez", "vouloir", "voulons", "vous", "vraiment", "was", "wasn",
	"we", "went", "were", "weren", "what", "when", "where", "which", "while", "who",
	"whom", "whose", "why", "will", "with", "without", "would", "wouldn", "y", "your",
	"yours",
};

static int compare_word(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

bool textfold_is_stop_word(const char *word)
{
	return bsearch(word, stop_words, sizeof stop_words / sizeof stop_words[0],
		       sizeof stop_words[0], compare_word) != NULL;
}

const char *const *textfold_stop_words(size_t *n)
{
	*n = sizeof stop_words / sizeof stop_words[0];
	return stop_words;
}

/* Whether a folded word of len bytes is to be kept under the keep flags. */
static bool word_kept(const char *word, size_t len, unsigned keep)
{
	size_t chars = 0;
	bool digits = true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];
		chars += (c & 0xC0) != 0x80;
		digits = digits && c >= '0' && c <= '9';
	}
	if (digits && !(keep & TEXTFOLD_KEEP_NUMBERS)) {
		int year = len == 4 ? atoi(word) : 0;
		if (year < 1800 || year > 2099)
			return false;
	}
	if (chars < 2 && !(keep & TEXTFOLD_KEEP_SHORT))
		return false;
	return (keep & TEXTFOLD_KEEP_STOP_WORDS) || !textfold_is_stop_word(word);
}

void textfold_words_split(struct textfold_words *w, const char *text, unsigned keep)
{
	buf_clear(&w->text);
	w->n = 0;
	if (text)
		textfold_append(&w->text, text, strlen(text));
	/* The buffer no longer moves: words may point into it. */
	char *p = w->text.data;
	char *end = p + w->text.len;
	while (p && p < end) {
		char *space = memchr(p, ' ', (size_t)(end - p));
		size_t len = space ? (size_t)(space - p) : (size_t)(end - p);
		p[len] = '\0';
		if (word_kept(p, len, keep)) {
			w->word = xgrow(w->word, &w->cap, w->n + 1, sizeof *w->word);
			w->word[w->n++] = p;
		}
		p += len + 1;
	}
}

void textfold_words_free(struct textfold_words *w)
{
	buf_free(&w->text);
	free(w->word);
	*w = (struct textfold_words)TEXTFOLD_WORDS_INIT;
}
