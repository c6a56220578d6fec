/*
 * Text folded for matching, and the words of folded text.
 *
 * Folding makes two spellings of the same words compare equal: "L’Été
 * dernier !" and "l'ete  DERNIER" both fold to "l ete dernier". It lower-cases,
 * takes the accents off Latin letters (Latin-1 Supplement, Latin Extended-A
 * and -B, Latin Extended Additional; œ -> oe, æ -> ae, ß -> ss, ﬁ -> fi),
 * drops combining accents (so decomposed text folds like composed text),
 * lower-cases Greek and Cyrillic, turns fullwidth ASCII into ASCII, and turns
 * every space, control, punctuation mark and symbol (typographic quotes and
 * apostrophes, dashes, « », …, emoji) into a separator. Separators collapse
 * into one space and none begins or ends the result. Letters of other scripts
 * are kept as they are. Invalid UTF-8 never fails: the bytes that do not
 * decode are dropped.
 *
 * Splitting folded text gives its words, without French and English stop
 * words (articles, pronouns, prepositions, conjunctions, auxiliaries and the
 * commonest verbs), words of one character and numbers other than years
 * (1800 to 2099: "Paris, 1942" says something about a story; "3 amis" does
 * not). As folding turns an apostrophe into a separator, an elided article
 * or pronoun becomes a word of its own that the stop list holds: "l'amour"
 * gives "amour", "qu'il" gives nothing. Flags keep what is dropped, for
 * matching titles, where "Alien 3" and "Le Parrain" need every word.
 *
 * Pure functions: no global state, safe from any thread.
 */
#ifndef MARQUEE_TEXTFOLD_H
#define MARQUEE_TEXTFOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"

/* Appends the folded form of len bytes of UTF-8 text to out. */
void textfold_append(struct buf *out, const char *text, size_t len);
/* The folded form of a NUL-terminated text, owned by the caller ("" for "" or NULL). */
char *textfold_copy(const char *text);

/* What textfold_words_split keeps beyond its default. */
enum textfold_keep {
	TEXTFOLD_KEEP_STOP_WORDS = 1, /* stop words ("le", "the", "qu") */
	TEXTFOLD_KEEP_SHORT = 2,      /* words of one character ("l", "3") */
	TEXTFOLD_KEEP_NUMBERS = 4,    /* numbers, years or not */
	TEXTFOLD_KEEP_ALL = 7,
};

/* The words of a text; reusable from one split to the next. */
struct textfold_words {
	struct buf text;   /* owned: the folded text, a NUL after each word */
	const char **word; /* owned array of n; each borrowed from text */
	size_t n;
	size_t cap;
};

#define TEXTFOLD_WORDS_INIT { BUF_INIT, NULL, 0, 0 }

/*
 * Folds text (UTF-8, NULL as "") and replaces w's words with its words in
 * order, repeats included; keep is a set of enum textfold_keep flags (0 for
 * the default). The words stay valid until the next split or free.
 */
void textfold_words_split(struct textfold_words *w, const char *text, unsigned keep);
void textfold_words_free(struct textfold_words *w);

/* Is a folded word on the stop list? */
bool textfold_is_stop_word(const char *word);
/* The stop list, sorted (C locale), *n words; static, not to be freed. */
const char *const *textfold_stop_words(size_t *n);

#endif
