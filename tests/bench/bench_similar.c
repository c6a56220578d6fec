/*
 * Similar films benchmark: generates a corpus of synthetic films with a fixed
 * seed, then times the index and every film's top k, RUNS times, and prints
 * the median and the peak memory. Sizes follow a real catalogue: 1-3 genres
 * of 20, 1 director of 4,000, 5-10 actors of 20,000, 0-15 keywords of 3,000,
 * 1-2 countries of 40, a collection for 8% of the films, and overviews of
 * 40-80 words from 8,000 made-up French-looking words (accents, capitals,
 * elisions, punctuation); actors, keywords, countries and words are drawn
 * with Zipf frequencies, so that some are very common.
 * Also checks the table against comparing every pair for a sample of films.
 *
 * Usage: bench_similar [FILMS [RUNS [THREADS [POSTING_CAP]]]]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "common/buf.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "predictor/analytics/similar.h"

struct rng {
	uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_next(r) % n);
}

static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

/* Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s. */
struct zipf {
	double *cumulative; /* owned; n */
	size_t n;
};

static struct zipf zipf_make(size_t n, double s)
{
	struct zipf z = { xmalloc(n * sizeof(double)), n };
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		z.cumulative[i] = sum += pow((double)i + 1, -s);
	for (size_t i = 0; i < n; i++)
		z.cumulative[i] /= sum;
	return z;
}

static size_t zipf_draw(const struct zipf *z, struct rng *r)
{
	double u = rng_unit(r);
	size_t lo = 0, hi = z->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (z->cumulative[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *const syllables[] = {
	"ba", "bé", "bou", "ca", "cha", "ché", "ço", "da", "dé", "di", "dou", "fa", "fé", "fran",
	"ga", "gè", "gné", "jo", "la", "lè", "li", "lou", "ma", "mé", "mi", "mon", "na", "né",
	"no", "nou", "pa", "pé", "pi", "pré", "qué", "ra", "ré", "ri", "ro", "sa", "sé", "si",
	"son", "ta", "té", "ti", "tou", "tré", "va", "vé", "vi", "voi", "zé", "eau", "ain", "oi",
};

/* n distinct made-up words of 2-4 syllables (owned, as are the strings). */
static char **words_make(struct rng *r, size_t n, size_t min_syl, size_t max_syl)
{
	char **words = xmalloc(n * sizeof *words);
	struct strmap seen = STRMAP_INIT;
	struct buf b = BUF_INIT;
	size_t n_syl = sizeof syllables / sizeof syllables[0];
	for (size_t i = 0; i < n;) {
		buf_clear(&b);
		size_t len = min_syl + rng_below(r, max_syl - min_syl + 1);
		for (size_t k = 0; k < len; k++)
			buf_puts(&b, syllables[rng_below(r, n_syl)]);
		if (strmap_get(&seen, buf_str(&b)))
			continue;
		words[i] = buf_detach(&b);
		strmap_put(&seen, words[i], words[i]);
		i++;
	}
	strmap_free(&seen);
	buf_free(&b);
	return words;
}

static char *capitalised(const char *a, const char *b)
{
	char *s = xasprintf("%s %s", a, b);
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* Everything the films point to. */
struct corpus {
	struct similar_film *films;   /* owned */
	const char **lists;           /* owned: all the films' names arrays */
	char **overviews;             /* owned, each owned */
	char **words, **people, **keywords, **collections; /* owned, each owned */
	char **film_keys;             /* owned, each owned */
	size_t n, n_words, n_people, n_keywords, n_collections;
};

static const char *const genres[] = {
	"Drame", "Comédie", "Thriller", "Action", "Romance", "Documentaire", "Animation",
	"Aventure", "Policier", "Science-Fiction", "Horreur", "Fantastique", "Familial",
	"Historique", "Guerre", "Musique", "Mystère", "Biopic", "Western", "Comédie musicale",
};

static const char *const countries[] = {
	"France", "États-Unis", "Belgique", "Royaume-Uni", "Italie", "Allemagne", "Espagne",
	"Canada", "Japon", "Suisse", "Corée du Sud", "Danemark", "Suède", "Iran", "Inde",
	"Chine", "Brésil", "Argentine", "Mexique", "Pologne", "Roumanie", "Norvège", "Turquie",
	"Israël", "Liban", "Maroc", "Tunisie", "Algérie", "Sénégal", "Australie", "Irlande",
	"Portugal", "Grèce", "Autriche", "Pays-Bas", "Finlande", "Hongrie", "Russie", "Taïwan",
	"Islande",
};

static void corpus_make(struct corpus *c, size_t n, uint64_t seed)
{
	struct rng r = { seed };
	memset(c, 0, sizeof *c);
	c->n = n;
	c->n_words = 8000;
	c->n_people = 24000; /* 4,000 directors, then 20,000 actors */
	c->n_keywords = 3000;
	c->n_collections = 300;
	c->words = words_make(&r, c->n_words, 2, 4);
	char **first = words_make(&r, 400, 2, 2), **last = words_make(&r, 3000, 2, 3);
	c->people = xmalloc(c->n_people * sizeof *c->people);
	for (size_t i = 0; i < c->n_people; i++)
		c->people[i] = xasprintf("%s %s%s", first[rng_below(&r, 400)],
					 last[rng_below(&r, 3000)], i % 7 ? "" : "-Lévêque");
	c->keywords = xmalloc(c->n_keywords * sizeof *c->keywords);
	for (size_t i = 0; i < c->n_keywords; i++)
		c->keywords[i] = capitalised(c->words[rng_below(&r, c->n_words)],
					     c->words[rng_below(&r, c->n_words)]);
	c->collections = xmalloc(c->n_collections * sizeof *c->collections);
	for (size_t i = 0; i < c->n_collections; i++)
		c->collections[i] = capitalised("saga", last[rng_below(&r, 3000)]);
	for (size_t i = 0; i < 400; i++)
		free(first[i]);
	for (size_t i = 0; i < 3000; i++)
		free(last[i]);
	free(first);
	free(last);

	struct zipf z_genre = zipf_make(20, 1.0), z_director = zipf_make(4000, 0.5);
	struct zipf z_actor = zipf_make(20000, 1.0), z_keyword = zipf_make(c->n_keywords, 1.0);
	struct zipf z_country = zipf_make(40, 1.5), z_word = zipf_make(c->n_words, 1.0);
	c->films = xcalloc(n, sizeof *c->films);
	c->lists = xmalloc(n * 31 * sizeof *c->lists);
	c->overviews = xmalloc(n * sizeof *c->overviews);
	c->film_keys = xmalloc(n * sizeof *c->film_keys);
	struct buf text = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct similar_film *f = &c->films[i];
		const char **slot = c->lists + i * 31;
		c->film_keys[i] = xasprintf("film-%06zu", i);
		f->key = c->film_keys[i];
		f->title = f->key;
		f->genres = (struct similar_names){ slot, 1 + rng_below(&r, 3) };
		for (size_t k = 0; k < f->genres.n; k++)
			*slot++ = genres[zipf_draw(&z_genre, &r)];
		f->directors = (struct similar_names){ slot, 1 };
		*slot++ = c->people[zipf_draw(&z_director, &r)];
		f->cast = (struct similar_names){ slot, 5 + rng_below(&r, 6) };
		for (size_t k = 0; k < f->cast.n; k++)
			*slot++ = c->people[4000 + zipf_draw(&z_actor, &r)];
		f->keywords = (struct similar_names){ slot, rng_below(&r, 16) };
		for (size_t k = 0; k < f->keywords.n; k++)
			*slot++ = c->keywords[zipf_draw(&z_keyword, &r)];
		f->countries = (struct similar_names){ slot, 1 + rng_below(&r, 2) };
		for (size_t k = 0; k < f->countries.n; k++)
			*slot++ = countries[zipf_draw(&z_country, &r)];
		f->collection = rng_below(&r, 100) < 8
					? c->collections[rng_below(&r, c->n_collections)]
					: NULL;
		buf_clear(&text);
		size_t len = 40 + rng_below(&r, 41);
		for (size_t k = 0; k < len; k++) {
			const char *w = c->words[zipf_draw(&z_word, &r)];
			int style = (int)rng_below(&r, 20);
			if (k)
				buf_puts(&text, style == 0 ? ", " : style == 1 ? ". " : " ");
			if (style == 2)
				buf_puts(&text, "l’");
			else if (style == 3)
				buf_puts(&text, "d'");
			if (style == 1 && w[0] >= 'a' && w[0] <= 'z') {
				buf_putc(&text, (char)(w[0] - 'a' + 'A'));
				buf_puts(&text, w + 1);
			} else {
				buf_puts(&text, w);
			}
		}
		buf_putc(&text, '.');
		c->overviews[i] = buf_detach(&text);
		f->overview = c->overviews[i];
		f->release_day = 10957 + (long)rng_below(&r, 9000); /* 2000 to 2024 */
	}
	buf_free(&text);
	free(z_genre.cumulative);
	free(z_director.cumulative);
	free(z_actor.cumulative);
	free(z_keyword.cumulative);
	free(z_country.cumulative);
	free(z_word.cumulative);
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->overviews[i]);
		free(c->film_keys[i]);
	}
	for (size_t i = 0; i < c->n_words; i++)
		free(c->words[i]);
	for (size_t i = 0; i < c->n_people; i++)
		free(c->people[i]);
	for (size_t i = 0; i < c->n_keywords; i++)
		free(c->keywords[i]);
	for (size_t i = 0; i < c->n_collections; i++)
		free(c->collections[i]);
	free(c->words);
	free(c->people);
	free(c->keywords);
	free(c->collections);
	free(c->overviews);
	free(c->film_keys);
	free(c->lists);
	free(c->films);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, compare_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* CPU time of the process, all threads, in seconds. */
static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static double peak_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024;
}

/* Film i's top k by comparing it with every film: does the table agree? */
static int agrees(const struct similar_index *idx, const struct similar_table *t, size_t i,
		  size_t n, const struct similar_settings *set)
{
	struct similar_match best[SIMILAR_K_MAX + 1], m;
	size_t n_best = 0;
	for (size_t b = 0; b < n; b++) {
		if (b == i)
			continue;
		similar_index_pair(idx, i, b, &m);
		if (m.score < set->min_score || m.score <= 0)
			continue;
		size_t at = n_best < set->k ? n_best++ : set->k;
		while (at > 0 && (best[at - 1].score < m.score ||
				  (best[at - 1].score == m.score && strcmp(best[at - 1].key, m.key) > 0))) {
			if (at < set->k)
				best[at] = best[at - 1];
			at--;
		}
		if (at < set->k)
			best[at] = m;
	}
	size_t n_got;
	const struct similar_match *got = similar_table_film(t, i, &n_got);
	if (n_got != n_best)
		return 0;
	for (size_t j = 0; j < n_best; j++)
		if (got[j].film != best[j].film || got[j].score != best[j].score)
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	struct similar_settings set;
	similar_settings_default(&set);
	if (argc > 3)
		set.threads = atoi(argv[3]);
	if (argc > 4)
		set.posting_cap = strtoul(argv[4], NULL, 10);
	if (runs < 1 || runs > 100 || n < 1) {
		fprintf(stderr, "usage: bench_similar [FILMS [RUNS [THREADS [POSTING_CAP]]]]\n");
		return 2;
	}
	struct corpus c;
	corpus_make(&c, n, 20261201);
	double corpus_mib = peak_mib();
	double *index_s = xmalloc((size_t)runs * sizeof *index_s);
	double *top_s = xmalloc((size_t)runs * sizeof *top_s);
	double *total_s = xmalloc((size_t)runs * sizeof *total_s);
	double *cpu_s = xmalloc((size_t)runs * sizeof *cpu_s);
	size_t neighbours = 0, with_none = 0, ok = 0, sampled = 0;
	for (int run = 0; run < runs; run++) {
		double c0 = cpu_seconds(), t0 = now();
		struct similar_index *idx = similar_index_new(c.films, n, &set);
		if (!idx)
			return 1;
		double t1 = now();
		struct similar_table *t = similar_table_new(idx);
		double t2 = now();
		cpu_s[run] = cpu_seconds() - c0;
		index_s[run] = t1 - t0;
		top_s[run] = t2 - t1;
		total_s[run] = t2 - t0;
		if (run == 0) {
			for (size_t i = 0; i < n; i++) {
				neighbours += t->n_match[i];
				with_none += t->n_match[i] == 0;
			}
			for (size_t i = 0; i < n; i += n / 100 + 1, sampled++)
				ok += (size_t)agrees(idx, t, i, n, &set);
		}
		similar_table_free(t);
		similar_index_free(idx);
	}
	double mi = median(index_s, (size_t)runs), mt = median(top_s, (size_t)runs);
	double mall = median(total_s, (size_t)runs), mcpu = median(cpu_s, (size_t)runs);
	char cap[48] = "no posting cap";
	if (set.posting_cap)
		snprintf(cap, sizeof cap, "posting cap %zu", set.posting_cap);
	printf("similar %zu films, top %zu, %d thread%s, %s: index %.2f s + neighbours %.2f s = "
	       "median %.2f s of %d runs (min %.2f, max %.2f), CPU %.2f s\n",
	       n, set.k, set.threads, set.threads == 1 ? "" : "s", cap, mi, mt, mall, runs,
	       total_s[0], total_s[runs - 1], mcpu);
	printf("  peak RSS %.1f MiB (%.1f MiB of it the generated films); %.2f neighbours a film, "
	       "%zu films with none\n",
	       peak_mib(), corpus_mib, (double)neighbours / (double)n, with_none);
	printf("  same as comparing every pair for %zu of %zu sampled films\n", ok, sampled);
	free(index_s);
	free(top_s);
	free(total_s);
	free(cpu_s);
	corpus_free(&c);
	return ok == sampled ? 0 : 1;
}
