/* Similar films on hand-made corpora where the nearest film is known, and
 * against comparing every pair on a random one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xalloc.h"
#include "predictor/analytics/similar.h"
#include "tests/unit/harness.h"

/* A list of names as a compound literal (lives in the enclosing block). */
#define NAMES(...)                                                                     \
	((struct similar_names){ (const char *const[]){ __VA_ARGS__ },                 \
				 sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *) })

static struct similar_settings defaults(void)
{
	struct similar_settings s;
	similar_settings_default(&s);
	return s;
}

static struct similar_film film(const char *key)
{
	return (struct similar_film){ .key = key, .release_day = SIMILAR_NO_DAY };
}

/* The keys of film i's neighbours joined by spaces, from a table. */
static char *neighbours(const struct similar_table *t, size_t i)
{
	size_t n;
	const struct similar_match *m = similar_table_film(t, i, &n);
	struct buf b = BUF_INIT;
	for (size_t j = 0; j < n; j++) {
		if (j)
			buf_putc(&b, ' ');
		buf_puts(&b, m[j].key);
	}
	return buf_detach(&b);
}

static void neighbours_are(const struct similar_table *t, size_t i, const char *want,
			   const char *what)
{
	char *got = neighbours(t, i);
	STR_EQ(got, want, what);
	free(got);
}

static const struct similar_why *reason(const struct similar_match *m, enum similar_reason r)
{
	for (size_t i = 0; i < m->n_why; i++)
		if (m->why[i].reason == r)
			return &m->why[i];
	return NULL;
}

static void test_director_or_genre(void)
{
	struct similar_film f[3] = { film("a"), film("b"), film("c") };
	f[0].genres = NAMES("Drame");
	f[0].directors = NAMES("Jacques Audiard");
	f[1].genres = NAMES("Comédie");
	f[1].directors = NAMES("JACQUES  AUDIARD");
	f[2].genres = NAMES("drame");
	f[2].directors = NAMES("Céline Sciamma");
	struct similar_settings s = defaults();
	struct similar_index *idx = similar_index_new(f, 3, &s);
	OK(idx != NULL, "index made");
	struct similar_table *t = similar_table_new(idx);
	neighbours_are(t, 0, "b c", "the same director (3) beats the same genre (1)");
	size_t n;
	const struct similar_match *m = similar_table_film(t, 0, &n);
	NEAR(m[0].score, 0.75, 1e-6, "director's share: 3 of 4");
	NEAR(m[1].score, 0.25, 1e-6, "genre's share: 1 of 4");
	OK(m[0].n_why == 1 && m[0].why[0].reason == SIMILAR_SAME_DIRECTOR && m[0].why[0].count == 1,
	   "why: the same director");
	OK(m[1].n_why == 1 && m[1].why[0].reason == SIMILAR_SHARED_GENRES, "why: the genre");
	similar_table_free(t);
	similar_index_free(idx);

	s.weight[SIMILAR_GENRES] = 3;
	s.weight[SIMILAR_DIRECTORS] = 1;
	idx = similar_index_new(f, 3, &s);
	t = similar_table_new(idx);
	neighbours_are(t, 0, "c b", "when genres weigh more, the same genre wins");
	similar_table_free(t);
	similar_index_free(idx);
}

static void test_collection(void)
{
	struct similar_film f[5] = { film("asterix-1"), film("asterix-2"), film("comedy"),
				     film("asterix-3"), film("other") };
	struct similar_names genres = NAMES("Comédie", "Aventure", "Familial");
	for (int i = 0; i < 5; i++)
		f[i].genres = genres;
	f[0].collection = "Astérix et Obélix";
	f[1].collection = "ASTERIX ET OBELIX";
	f[3].collection = "  astérix ET obélix";
	f[0].cast = NAMES("Christian Clavier", "Gérard Depardieu");
	f[2].cast = NAMES("Christian Clavier", "Gérard Depardieu", "Jean Reno");
	f[4].collection = "Les Visiteurs";
	struct similar_settings s = defaults();
	struct similar_index *idx = similar_index_new(f, 5, &s);
	struct similar_table *t = similar_table_new(idx);
	/* asterix-3 is asterix-2 to the letter; asterix-1 has a cast as well */
	neighbours_are(t, 1, "asterix-3 asterix-1 comedy other", "the collection first");
	size_t n;
	const struct similar_match *m = similar_table_film(t, 1, &n);
	OK(m[0].why[0].reason == SIMILAR_SAME_COLLECTION, "why: the collection, strongest");
	const struct similar_why *g = reason(&m[0], SIMILAR_SHARED_GENRES);
	OK(g && g->count == 3, "three genres shared");
	double sum = 0;
	for (size_t i = 0; i < m[0].n_why; i++)
		sum += m[0].why[i].share;
	NEAR(sum, m[0].score, 1e-12, "the shares add up to the score");
	m = similar_table_film(t, 0, &n);
	STR_EQ(m[0].key, "asterix-2", "the first film's nearest is in its collection");
	const struct similar_match *c = similar_table_film(t, 2, &n);
	const struct similar_why *cast = reason(&c[0], SIMILAR_SHARED_CAST);
	OK(strcmp(c[0].key, "asterix-1") == 0 && cast && cast->count == 2,
	   "the comedy's nearest shares two actors");
	similar_table_free(t);
	similar_index_free(idx);
}

static void test_story(void)
{
	struct similar_film f[5] = { film("a"), film("b"), film("c"), film("d"), film("e") };
	f[0].overview = "Un jeune garçon découvre un dragon dans la forêt.";
	f[1].overview = "Dans une FORÊT enchantée, le jeune Garcon apprivoise un dragon.";
	f[2].overview = "Une femme et un homme se rencontrent à Paris pendant l'été.";
	f[3].overview = "Le président de la République et le ministre dans la tempête.";
	f[4].overview = "Qu'il est beau, l'été, à Paris : l’amour et la pluie.";
	struct similar_settings s = defaults();
	s.min_score = 0;
	struct similar_index *idx = similar_index_new(f, 5, &s);
	struct similar_table *t = similar_table_new(idx);
	neighbours_are(t, 0, "b", "only the dragon story shares words; stop words match nothing");
	size_t n;
	const struct similar_match *m = similar_table_film(t, 0, &n);
	OK(n == 1 && m[0].why[0].reason == SIMILAR_STORY && m[0].why[0].count == 4,
	   "why: a similar story, 4 words (jeune garcon dragon foret)");
	neighbours_are(t, 2, "e", "Paris and the summer");
	neighbours_are(t, 3, "", "the minister shares only stop words");
	similar_table_free(t);
	similar_index_free(idx);
}

static void test_empty_and_poor(void)
{
	struct similar_settings s = defaults();
	struct similar_index *idx = similar_index_new(NULL, 0, &s);
	OK(idx != NULL, "an empty corpus is an index");
	struct similar_table *t = similar_table_new(idx);
	INT_EQ(t->n_films, 0, "no films, no lists");
	struct similar_film q = film("new");
	q.genres = NAMES("Drame");
	struct similar_match out[SIMILAR_K_MAX];
	INT_EQ(similar_index_query(idx, &q, SIMILAR_NO_DAY, out), 0, "nothing to find");
	similar_table_free(t);
	similar_index_free(idx);

	struct similar_film one = film("only");
	one.genres = NAMES("Drame");
	idx = similar_index_new(&one, 1, &s);
	t = similar_table_new(idx);
	INT_EQ(t->n_match[0], 0, "one film is nobody's neighbour, not even its own");
	INT_EQ(similar_index_query(idx, &one, SIMILAR_NO_DAY, out), 0, "nor by query");
	INT_EQ(similar_index_query(idx, &q, SIMILAR_NO_DAY, out), 1, "a new film finds it");
	similar_table_free(t);
	similar_index_free(idx);

	/* Empty fields, NULL names, names that fold to nothing, invalid UTF-8. */
	struct similar_film f[5] = { film("full"), film("nothing"), film("blank"), film("bytes"),
				     film("bytes-2") };
	f[0].genres = NAMES("Drame", "Policier");
	f[0].directors = NAMES("Jacques Audiard");
	f[2].genres = NAMES(NULL, "", "!!!", "—");
	f[2].overview = "";
	f[2].collection = "";
	f[2].cast = (struct similar_names){ NULL, 3 };
	f[3].directors = NAMES("Jacques\xff Audiard\xc3");
	f[3].overview = "\xc0\xaf caf\xe9 \xed\xa0\x80 dragon\xf4\x90";
	f[4].overview = "Un dragon !";
	idx = similar_index_new(f, 5, &s);
	t = similar_table_new(idx);
	neighbours_are(t, 1, "", "a film with no data has no neighbours");
	neighbours_are(t, 2, "", "nor has one whose fields are all empty");
	neighbours_are(t, 3, "full bytes-2", "invalid bytes are dropped; the rest matches");
	for (size_t i = 0; i < 5; i++) {
		size_t n;
		const struct similar_match *m = similar_table_film(t, i, &n);
		for (size_t j = 0; j < n; j++)
			OK(m[j].film != 1 && m[j].film != 2, "an empty film is nobody's neighbour");
	}
	similar_table_free(t);
	similar_index_free(idx);
}

static void test_ties_k_and_min_score(void)
{
	/* Identical films: ties are broken by key, whatever the corpus order. */
	struct similar_film f[5] = { film("zeta"), film("alpha"), film("mu"), film("beta"),
				     film("weak") };
	struct similar_names western = NAMES("Western"), duel = NAMES("duel", "desert");
	for (int i = 0; i < 4; i++) { /* a compound literal in the loop would die with it */
		f[i].genres = western;
		f[i].keywords = duel;
	}
	f[4].genres = NAMES("Western", "Drame", "Romance", "Histoire");
	f[4].overview = "Une longue histoire d'amour pendant la guerre.";
	f[4].directors = NAMES("Someone");
	struct similar_settings s = defaults();
	s.k = 10;
	s.min_score = 0;
	struct similar_index *idx = similar_index_new(f, 5, &s);
	struct similar_table *t = similar_table_new(idx);
	neighbours_are(t, 0, "alpha beta mu weak", "ties by key; k above the corpus gives all");
	neighbours_are(t, 1, "beta mu zeta weak", "never itself");
	size_t n;
	const struct similar_match *m = similar_table_film(t, 0, &n);
	OK(m[0].score == m[1].score && m[1].score == m[2].score, "real ties are exact");
	double weak = m[3].score;
	OK(weak > 0 && weak < 0.2, "the weak film shares a genre only (%g)", weak);
	similar_table_free(t);
	similar_index_free(idx);

	s.min_score = 0.2;
	s.k = 2;
	idx = similar_index_new(f, 5, &s);
	t = similar_table_new(idx);
	neighbours_are(t, 0, "alpha beta", "k = 2");
	neighbours_are(t, 4, "", "below the minimum score, no neighbours");
	similar_table_free(t);
	similar_index_free(idx);
}

/* Many films alike: the first k by key, from the table and from a query. */
static void test_many_ties(void)
{
	enum { N = 400 };
	struct similar_film *f = xcalloc(N, sizeof *f);
	char (*keys)[8] = xcalloc(N, sizeof *keys);
	struct similar_names drame = NAMES("Drame");
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "f%03d", N - 1 - i); /* keys in reverse order */
		f[i] = film(keys[i]);
		f[i].genres = drame;
	}
	struct similar_settings s = defaults();
	struct similar_index *idx = similar_index_new(f, N, &s);
	struct similar_table *t = similar_table_new(idx);
	neighbours_are(t, 0, "f000 f001 f002 f003 f004", "the first five keys");
	neighbours_are(t, N - 1, "f001 f002 f003 f004 f005", "never itself, then by key");
	struct similar_film q = film("new");
	q.genres = drame;
	struct similar_match out[SIMILAR_K_MAX];
	size_t n = similar_index_query(idx, &q, SIMILAR_NO_DAY, out);
	OK(n == 5 && strcmp(out[0].key, "f000") == 0 && strcmp(out[4].key, "f004") == 0,
	   "a query too");
	similar_table_free(t);
	similar_index_free(idx);
	free(keys);
	free(f);
}

static void test_cast_billing(void)
{
	struct similar_film f[3] = { film("a"), film("lead"), film("tenth") };
	f[0].cast = NAMES("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10");
	f[1].cast = NAMES("A1", "X2", "X3");
	f[2].cast = NAMES("Y1", "Y2", "A10");
	struct similar_settings s = defaults();
	struct similar_index *idx = similar_index_new(f, 3, &s);
	struct similar_table *t = similar_table_new(idx);
	neighbours_are(t, 0, "lead tenth", "sharing the lead counts more than the tenth billed");
	similar_table_free(t);
	similar_index_free(idx);
}

static void test_query(void)
{
	struct similar_film f[4] = { film("old"), film("older"), film("recent"), film("nodate") };
	struct similar_names drame = NAMES("Drame"), varda = NAMES("Agnès Varda");
	for (int i = 0; i < 4; i++) {
		f[i].genres = drame;
		f[i].directors = varda;
	}
	f[0].release_day = 100;
	f[1].release_day = 50;
	f[2].release_day = 300;
	struct similar_settings s = defaults();
	struct similar_index *idx = similar_index_new(f, 4, &s);
	struct similar_film q = film("new");
	q.genres = NAMES("Drame");
	q.directors = NAMES("Agnes VARDA");
	struct similar_match out[SIMILAR_K_MAX];
	size_t n = similar_index_query(idx, &q, 200, out);
	OK(n == 2 && strcmp(out[0].key, "old") == 0 && strcmp(out[1].key, "older") == 0,
	   "released before day 200 only");
	NEAR(out[0].score, 1, 1e-6, "the same genre and director: a perfect match");
	n = similar_index_query(idx, &q, SIMILAR_NO_DAY, out);
	OK(n == 4 && strcmp(out[0].key, "nodate") == 0, "no filter: every film, the undated too");
	q.key = "old"; /* the key of an indexed film: that film is left out */
	n = similar_index_query(idx, &q, SIMILAR_NO_DAY, out);
	OK(n == 3 && strcmp(out[0].key, "nodate") == 0 && strcmp(out[1].key, "older") == 0,
	   "a query never finds the film itself");

	/* Words no indexed film has match nothing, but count in the norm. */
	q.overview = "Zorglub!";
	n = similar_index_query(idx, &q, SIMILAR_NO_DAY, out);
	OK(n == 3, "the same neighbours");
	NEAR(out[0].score, 4 / sqrt(6.0 * 4), 1e-6, "a story of unknown words weighs 2 of 6");
	struct similar_film unknown = film("unknown");
	unknown.overview = "zorglub";
	INT_EQ(similar_index_query(idx, &unknown, SIMILAR_NO_DAY, out), 0,
	       "a film of unknown words alone has no neighbours");
	similar_index_free(idx);
}

static void test_errors(void)
{
	struct similar_film f[2] = { film("a"), film("a") };
	struct similar_settings s = defaults();
	OK(similar_index_new(f, 2, &s) == NULL, "two films with one key");
	f[1].key = NULL;
	OK(similar_index_new(f, 2, &s) == NULL, "a film without a key");
	f[1].key = "b";
	s.k = 0;
	OK(similar_index_new(f, 2, &s) == NULL, "k = 0");
	s = defaults();
	s.weight[SIMILAR_CAST] = -1;
	OK(similar_index_new(f, 2, &s) == NULL, "a negative weight");
	memset(s.weight, 0, sizeof s.weight);
	OK(similar_index_new(f, 2, &s) == NULL, "every weight 0");
	s = defaults();
	s.min_score = 1.5;
	OK(similar_index_new(f, 2, &s) == NULL, "a minimum score above 1");
}

/* A random corpus with small vocabularies: many overlaps, ties, and poor films. */
struct random_corpus {
	struct similar_film film[300];
	const char *list[300][24];
	char key[300][8];
	char overview[300][200];
};

static const char *const pool[] = {
	"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
	"juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
	"sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
};

static void random_corpus(struct random_corpus *c, size_t n, unsigned seed)
{
	size_t np = sizeof pool / sizeof pool[0];
	for (size_t i = 0; i < n; i++) {
		struct similar_film *f = &c->film[i];
		const char **slot = c->list[i];
		*f = film(c->key[i]);
		snprintf(c->key[i], sizeof c->key[i], "k%03u", (unsigned)((i * 7919) % 1000));
		f->release_day = (long)(i % 50);
		int poor = rand_r(&seed) % 8 == 0; /* genres only, or nothing */
		f->genres = (struct similar_names){ slot, (size_t)(rand_r(&seed) % 3) };
		for (size_t k = 0; k < f->genres.n; k++)
			*slot++ = pool[rand_r(&seed) % 5];
		if (poor)
			continue;
		f->directors = (struct similar_names){ slot, 1 };
		*slot++ = pool[rand_r(&seed) % np];
		f->cast = (struct similar_names){ slot, (size_t)(rand_r(&seed) % 6) };
		for (size_t k = 0; k < f->cast.n; k++)
			*slot++ = pool[rand_r(&seed) % np];
		f->keywords = (struct similar_names){ slot, (size_t)(rand_r(&seed) % 5) };
		for (size_t k = 0; k < f->keywords.n; k++)
			*slot++ = pool[rand_r(&seed) % np];
		f->countries = (struct similar_names){ slot, 1 };
		*slot++ = pool[rand_r(&seed) % 3];
		f->collection = rand_r(&seed) % 10 == 0 ? pool[rand_r(&seed) % 4] : NULL;
		char *o = c->overview[i];
		o[0] = '\0';
		for (int w = rand_r(&seed) % 12; w > 0; w--) {
			strcat(o, pool[(rand_r(&seed) % np + rand_r(&seed) % np) / 2]);
			strcat(o, w % 3 ? " " : ", le ");
		}
		f->overview = o;
	}
}

/* Film i's top k by comparing every pair, as the table should have it. */
static int same_as_every_pair(const struct similar_index *idx, const struct similar_film *films,
			      const struct similar_match *got, size_t n_got, size_t i, size_t n,
			      const struct similar_settings *s)
{
	struct similar_match *all = xmalloc(n * sizeof *all);
	size_t n_all = 0;
	for (size_t b = 0; b < n; b++) {
		if (b == i)
			continue;
		similar_index_pair(idx, i, b, &all[n_all]);
		if (all[n_all].score > 0 && all[n_all].score >= s->min_score)
			n_all++;
	}
	/* Selection of the k best by (score, distance between releases, key). */
	int same = n_got == (n_all < s->k ? n_all : s->k);
	for (size_t r = 0; same && r < n_got; r++) {
		size_t best = r;
		for (size_t j = r + 1; j < n_all; j++) {
			long dj = labs(films[all[j].film].release_day - films[i].release_day);
			long db = labs(films[all[best].film].release_day - films[i].release_day);
			if (all[j].score > all[best].score ||
			    (all[j].score == all[best].score &&
			     (dj < db || (dj == db && strcmp(all[j].key, all[best].key) < 0))))
				best = j;
		}
		struct similar_match x = all[r];
		all[r] = all[best];
		all[best] = x;
		same = got[r].film == all[r].film && got[r].score == all[r].score;
	}
	free(all);
	return same;
}

static void test_exact(void)
{
	struct random_corpus *c = xcalloc(1, sizeof *c);
	size_t n = 300;
	random_corpus(c, n, 7);
	const size_t caps[] = { 0, 1, 4, 30 };
	const double mins[] = { 0, 0.12 };
	struct similar_table *first = NULL;
	for (size_t ci = 0; ci < sizeof caps / sizeof caps[0]; ci++)
		for (size_t mi = 0; mi < 2; mi++) {
			struct similar_settings s = defaults();
			s.posting_cap = caps[ci];
			s.min_score = mins[mi];
			s.k = mi ? 7 : 3;
			s.threads = ci % 2 ? 2 : 1;
			struct similar_index *idx = similar_index_new(c->film, n, &s);
			struct similar_table *t = similar_table_new(idx);
			size_t agree = 0, queried = 0, symmetric = 0;
			for (size_t i = 0; i < n; i++) {
				size_t n_got;
				const struct similar_match *got = similar_table_film(t, i, &n_got);
				agree += (size_t)same_as_every_pair(idx, c->film, got, n_got, i, n, &s);
				struct similar_match out[SIMILAR_K_MAX], ab, ba;
				size_t n_q = similar_index_query(idx, &c->film[i], SIMILAR_NO_DAY, out);
				int q_same = n_q == n_got;
				for (size_t j = 0; q_same && j < n_q; j++)
					q_same = out[j].film == got[j].film && out[j].score == got[j].score;
				queried += (size_t)q_same;
				similar_index_pair(idx, i, (i * 31 + 7) % n, &ab);
				similar_index_pair(idx, (i * 31 + 7) % n, i, &ba);
				symmetric += ab.score == ba.score;
			}
			INT_EQ(agree, n, "cap and min_score change nothing to the result");
			INT_EQ(queried, n, "a query of an indexed film gives its row of the table");
			INT_EQ(symmetric, n, "scores are symmetric to the last bit");
			if (ci == 0 && mi == 0) {
				first = t;
			} else {
				similar_table_free(t);
			}
			similar_index_free(idx);
		}
	/* Threads and caps aside, the same corpus gives the same table. */
	struct similar_settings s = defaults();
	s.posting_cap = 2;
	s.threads = 2;
	s.min_score = 0;
	s.k = 3;
	struct similar_index *idx = similar_index_new(c->film, n, &s);
	struct similar_table *t = similar_table_new(idx);
	OK(memcmp(t->n_match, first->n_match, n * sizeof *t->n_match) == 0,
	   "same counts with 2 threads and a cap");
	size_t same = 0;
	for (size_t i = 0; i < n * 3; i++)
		same += t->match[i].film == first->match[i].film &&
			t->match[i].score == first->match[i].score;
	INT_EQ(same, n * 3, "same neighbours, same scores");
	similar_table_free(t);
	similar_table_free(first);
	similar_index_free(idx);
	free(c);
}

void test_similar(void)
{
	test_director_or_genre();
	test_collection();
	test_story();
	test_empty_and_poor();
	test_ties_k_and_min_score();
	test_many_ties();
	test_cast_billing();
	test_query();
	test_errors();
	test_exact();
}
