/*
 * URL slugs: lower-case ASCII letters, digits and single hyphens, safe as a
 * file or folder name ("Les Filles du Docteur March" -> "les-filles-du-
 * docteur-march"). Text is folded first (textfold.h: accents off Latin
 * letters, œ -> oe, ß -> ss), then Greek and Cyrillic letters are written
 * in Latin ones ("Война и мир" -> "voyna-i-mir", "Ζορμπάς" -> "zormpas");
 * letters of other scripts, and everything else, separate words. Slugs are
 * bounded, so that a title of any length gives a file name far below
 * NAME_MAX.
 */
#ifndef MARQUEE_SLUG_H
#define MARQUEE_SLUG_H

#include <stdbool.h>

/* The longest slug, in bytes: a title's part, a year and a number. */
#define SLUG_MAX 80
/* The longest part a text gives, cut at a word when it can be. */
#define SLUG_TEXT_MAX 60

/* A new slug for text (owned by the caller), at most SLUG_TEXT_MAX bytes;
 * "" when nothing in it can be written in Latin letters or digits. */
char *slug_text(const char *text);
/* slug_text, or "untitled" when that is "". */
char *slug_make(const char *text);
/*
 * A film's slug (owned): its title's slug, else its original title's,
 * else a stable id made from its key ("film-3f9a0c12"), then "-YEAR"
 * unless it already ends so ("Dune (2021)"). original_title may be NULL.
 */
char *slug_film(const char *title, const char *original_title, int year, const char *key);
/* Whether s is a slug: [a-z0-9]+ joined by single hyphens, at most SLUG_MAX bytes. */
bool slug_is_valid(const char *s);

#endif
