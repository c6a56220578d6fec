/* Slugs: readable in Latin letters for any script, bounded, valid. */
#include <stdlib.h>
#include <string.h>

#include "common/text/slug.h"
#include "tests/unit/harness.h"

static void text_is(const char *text, const char *want)
{
	char *s = slug_make(text);
	STR_EQ(s, want, text);
	free(s);
}

static void film_is(const char *title, const char *original, int year, const char *want)
{
	char *s = slug_film(title, original, year, "src:1");
	STR_EQ(s, want, title);
	OK(slug_is_valid(s), "%s is a valid slug", s);
	free(s);
}

void test_slug(void)
{
	text_is("Les Filles du Docteur March", "les-filles-du-docteur-march");
	text_is("L’Été dernier !", "l-ete-dernier");
	text_is("Cœur & Âme, Straße", "coeur-ame-strasse");
	text_is("Łódź", "lodz");
	text_is("Война и мир", "voyna-i-mir");
	text_is("Ёлки 2", "elki-2");
	text_is("Ζορμπάς ο Έλληνας", "zormpas-o-ellinas");
	text_is("Їжачок у тумані", "yizhachok-u-tumani");
	text_is("千と千尋の神隠し", "untitled");
	text_is("君の名は。 Your Name", "your-name");

	/* two titles in another script in one year no longer share a slug */
	char *a = slug_film("千と千尋の神隠し", NULL, 2001, "jp:1");
	char *b = slug_film("もののけ姫", NULL, 2001, "jp:2");
	OK(strncmp(a, "film-", 5) == 0 && strcmp(a + strlen(a) - 5, "-2001") == 0, "a stable id: %s", a);
	OK(strcmp(a, b) != 0, "two films, two ids: %s, %s", a, b);
	char *again = slug_film("千と千尋の神隠し", NULL, 2001, "jp:1");
	STR_EQ(again, a, "the same film, the same id");
	free(a);
	free(b);
	free(again);
	film_is("千と千尋の神隠し", "Spirited Away", 2001, "spirited-away-2001");
	film_is("Dune (2021)", NULL, 2021, "dune-2021");
	film_is("Twin!", NULL, 2024, "twin-2024");

	/* bounded: a title of any length gives a slug far below NAME_MAX */
	char title[2000];
	memset(title, 0, sizeof title);
	for (size_t i = 0; i + 6 < sizeof title; i += 6)
		memcpy(title + i, "word, ", 6);
	char *s = slug_make(title);
	OK(strlen(s) <= SLUG_TEXT_MAX && strlen(s) > SLUG_TEXT_MAX / 2, "bounded: %zu bytes", strlen(s));
	OK(s[strlen(s) - 1] != '-' && strcmp(s + strlen(s) - 4, "word") == 0, "cut at a word: %s", s);
	free(s);
	memset(title, '7', sizeof title - 1);
	film_is(title, NULL, 2024, "777777777777777777777777777777777777777777777777777777777777-2024");

	OK(slug_is_valid("twin-2024-2"), "valid");
	OK(!slug_is_valid("../etc"), "a path is no slug");
	OK(!slug_is_valid("a--b") && !slug_is_valid("-a") && !slug_is_valid("a-") && !slug_is_valid(""),
	   "hyphens only between words");
	OK(!slug_is_valid("Twin"), "lower case only");
	char longest[SLUG_MAX + 2];
	memset(longest, 'a', sizeof longest);
	longest[SLUG_MAX + 1] = '\0';
	OK(!slug_is_valid(longest), "bounded");
	longest[SLUG_MAX] = '\0';
	OK(slug_is_valid(longest), "at the bound");
}
