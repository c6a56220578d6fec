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
/*
 * The slug of a film page: its title and release year ("dune-2021"), the
 * year not repeated when the title ends with it ("Dune (2021)"). release is
 * a day number (common/date.h). Owned by the caller.
 */
char *slug_film(const char *title, long release);

#endif
