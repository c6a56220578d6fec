/*
 * URL slugs: lower-case ASCII letters, digits and single hyphens, safe as a
 * file or folder name ("Les Filles du Docteur March" -> "les-filles-du-
 * docteur-march"). Accented Latin letters lose their accents; other
 * characters separate words.
 */
#ifndef MARQUEE_SLUG_H
#define MARQUEE_SLUG_H

/* A new slug for text (owned by the caller); "untitled" when nothing is left. */
char *slug_make(const char *text);

#endif
