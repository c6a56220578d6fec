/* The similar films of a catalogue: franchises from titles, the search by
 * title, a hand-made history where the nearest film is known, and the
 * quality figures counted by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "predictor/analytics/recommend.h"
#include "predictor/pages/pages.h"
#include "tests/unit/harness.h"

static void franchise_is(const char *title, const char *want)
{
	char *got = recommend_title_franchise(title);
	if (want)
		STR_EQ(got, want, title);
	else
		OK(got == NULL, "%s: no franchise, got \"%s\"", title, got ? got : "");
	free(got);
}

static char **list(size_t n, const char *const *names)
{
	char **out = xcalloc(n ? n : 1, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(names[i]);
	return out;
}

#define LIST(field, ...)                                                               \
	do {                                                                           \
		static const char *const names_[] = { __VA_ARGS__ };                   \
		f->n_##field = sizeof names_ / sizeof *names_;                         \
		f->field = list(f->n_##field, names_);                                 \
	} while (0)

/* A film of the catalogue with a key, a title and a day; the rest empty. */
static void film(struct catalogue_film *f, const char *key, const char *title, long day)
{
	memset(f, 0, sizeof *f);
	f->key = xstrdup(key);
	f->title = xstrdup(title);
	f->release = day;
	f->budget_usd = -1;
	f->outcome = f->rating = NAN;
}

static void director(struct catalogue_film *f, long id, const char *name)
{
	f->directors = xcalloc(1, sizeof *f->directors);
	f->director_ids = xcalloc(1, sizeof *f->director_ids);
	f->directors[0] = xstrdup(name);
	f->director_ids[0] = id;
	f->n_directors = 1;
}

static const char *neighbour(const struct recommend *r, const struct catalogue_film *films,
			     size_t i, size_t j)
{
	size_t n;
	const struct similar_match *m = recommend_film(r, i, &n);
	return j < n ? films[m[j].film].key : "(none)";
}

void test_recommend(void)
{
	franchise_is("Dune : Deuxième Partie", "dune");
	franchise_is("Dune (2021)", "dune");
	franchise_is("Les Trolls 3", "les trolls");
	franchise_is("Scream VI", "scream");
	franchise_is("Demon Slayer - Kimetsu no Yaiba", "demon slayer");
	franchise_is("Astérix et Obélix : L'Empire du milieu", "asterix et obelix");
	franchise_is("Petite maman", NULL);
	franchise_is("2 (deux)", NULL);
	franchise_is("Alien 3", "alien");
	franchise_is("X: (a title)", NULL);

	/* a (Drame, director 1), b (Drame, director 1): kin by director;
	 * c and d: one franchise by their titles; e: Comédie alone;
	 * f: Drame, nothing else. */
	struct catalogue_film *films = xcalloc(6, sizeof *films);
	struct catalogue_film *f = &films[0];
	film(f, "t:a", "Les Filles", 100);
	LIST(genres, "Drame");
	director(f, 1, "Jeanne Dupont");
	f = &films[1];
	film(f, "t:b", "Le Retour", 200);
	LIST(genres, "drame", "Comédie");
	director(f, 1, "Jeanne Dupont");
	f = &films[2];
	film(f, "t:c", "Mission : Lune", 300);
	LIST(genres, "Aventure");
	f = &films[3];
	film(f, "t:d", "Mission 2", 400);
	LIST(genres, "Aventure");
	f->overview = xstrdup("Une mission vers la Lune.");
	f = &films[4];
	film(f, "t:e", "Le Rire", 500);
	LIST(genres, "Comédie");
	f = &films[5];
	film(f, "t:f", "Amélie", 600);
	LIST(genres, "Drame");

	struct similar_settings s;
	similar_settings_default(&s);
	s.k = 2;
	struct recommend *r = recommend_new(films, 6, &s);
	OK(r != NULL, "indexed");
	if (!r)
		return;
	STR_EQ(r->franchise[2], "mission", "a franchise two titles share");
	OK(r->franchise[0] == NULL, "no franchise of one's own");
	STR_EQ(neighbour(r, films, 0, 0), "t:b", "the same director comes first");
	STR_EQ(neighbour(r, films, 2, 0), "t:d", "the same franchise comes first");
	STR_EQ(neighbour(r, films, 1, 0), "t:a", "director and genre");
	/* t:f shares only its genre with t:a and t:b: equal scores on t:a's
	 * side, and t:b has two genres, so t:a scores higher; a tie keeps key order. */
	STR_EQ(neighbour(r, films, 5, 0), "t:a", "a single genre in common, the closer first");
	size_t n;
	const struct similar_match *m = recommend_film(r, 0, &n);
	char *why = page_similar_why("en", &m[0]);
	STR_EQ(why, "same director, same genre", "why, in English");
	free(why);
	why = page_similar_why("fr", &m[0]);
	STR_EQ(why, "même réalisateur, même genre", "why, in French");
	free(why);
	m = recommend_film(r, 2, &n);
	why = page_similar_why("en", &m[0]);
	STR_EQ(why, "same franchise, same genre", "why: a franchise");
	free(why);

	/* Counted by hand. Kin: a and b (director), c and d (franchise): 4 films,
	 * all found. Main genres: a Drame (neighbours b and f, both Drame: 2/2);
	 * b Drame (a, then e: Comédie is rarer than Drame, so it weighs more
	 * than f's Drame: 1/2); c Aventure (d, and no other film shares
	 * anything: 1/1); d Aventure (c: 1/1); e Comédie (b: 1/1); f Drame (a,
	 * b: 2/2). */
	struct recommend_quality q;
	recommend_quality(r, films, &q);
	INT_EQ(q.films, 6, "films");
	INT_EQ(q.with_kin, 4, "films with kin");
	INT_EQ(q.kin_found, 4, "kin found");
	INT_EQ(q.with_director, 2, "films with another film by their director");
	INT_EQ(q.with_franchise, 2, "films with another film of their franchise");
	INT_EQ(q.with_genre, 6, "films with a main genre and a neighbour");
	STR_EQ(neighbour(r, films, 1, 1), "t:e", "the rarer genre weighs more");
	NEAR(q.genre_share, 5.5 / 6, 1e-9, "share of neighbours with the main genre");
	INT_EQ(q.genre_any, 6, "films with a neighbour of their main genre");
	/* base rate: Drame is had by 3 films (a, b, f), Aventure by 2, Comédie
	 * by 2 (b, e): a, b, f see 2 of 5 others; c, d 1 of 5; e 1 of 5. */
	NEAR(q.genre_base, (3 * 0.4 + 3 * 0.2) / 6, 1e-9, "base rate");

	size_t found[4];
	INT_EQ(recommend_lookup(films, 6, "t:c", found, 4), 1, "a key");
	INT_EQ(found[0], 2, "the key's film");
	INT_EQ(recommend_lookup(films, 6, "AMELIE", found, 4), 1, "a title, accents and case aside");
	INT_EQ(found[0], 5, "the title's film");
	INT_EQ(recommend_lookup(films, 6, "Nothing", found, 4), 0, "no such film");
	recommend_free(r);

	/* Ties: films exactly alike are listed by how near their release is to the
	 * film's, then by key, whatever the catalogue order. */
	struct catalogue_film *tie = xcalloc(4, sizeof *tie);
	f = &tie[0];
	film(f, "t:w", "W", 100);
	LIST(genres, "Western");
	f = &tie[1];
	film(f, "t:z", "Z", 108);
	LIST(genres, "Western");
	f = &tie[2];
	film(f, "t:y", "Y", 92);
	LIST(genres, "Western");
	f = &tie[3];
	film(f, "t:x", "X", 2000);
	LIST(genres, "Western");
	for (int threads = 1; threads <= 2; threads++) {
		s.threads = threads;
		r = recommend_new(tie, 4, &s);
		STR_EQ(neighbour(r, tie, 0, 0), "t:y", "a tie, as near: the smaller key first");
		STR_EQ(neighbour(r, tie, 0, 1), "t:z", "then the other");
		STR_EQ(neighbour(r, tie, 3, 0), "t:z", "from the other end, the nearest first");
		STR_EQ(neighbour(r, tie, 3, 1), "t:w", "then the next nearest, not the smaller key");
		recommend_free(r);
	}
	catalogue_free(tie, 4);

	/* The pages' names: a published slug is kept, a clash gets -2. */
	struct page_films pf = { .films = films, .n = 6 };
	free(films[4].title);
	films[4].title = xstrdup("Les Filles");
	films[4].release = films[0].release;
	page_films_name(&pf, NULL, 0);
	STR_EQ(pf.slug[0], "les-filles-1970", "title and year");
	STR_EQ(pf.slug[4], "les-filles-1970-2", "the later film of the same title and year");
	page_films_clear(&pf);
	catalogue_free(films, 6);
}
