/*
 * The search for a film's nearest neighbours in a similar-films index, and
 * the table of every film's neighbours, made on one or more threads.
 *
 * The table, without a posting cap, scores each pair once: film a scans the
 * postings of its features from the first film after a, and offers each
 * score to both films' heaps of the k best (one set of heaps per thread,
 * merged at the end). That halves the work of searching every film in turn.
 *
 * A search (a query, or the table with a posting cap) runs in three steps
 * over the film's vector, a feature being common when its postings are
 * longer than the cap:
 *  1. the films that share one of its rare features are found through the
 *     postings of those features, adding up the products: their partial
 *     scores, exact over the rare features;
 *  2. the common features' part is added to each of them whose partial score
 *     plus an upper bound of that part could reach the k-th best partial
 *     score (partial scores only grow, so the k-th best is a floor), which
 *     gives their scores and the threshold theta, the k-th best of them;
 *  3. a film sharing only common features scores at most the sum, over the
 *     common features, of the film's value times the feature's largest value
 *     anywhere. If that reaches theta, the postings of the common features are
 *     scanned too, leaving out the weakest ones while their bounds add up to
 *     less than theta.
 * Films left out by a bound score strictly less than k others, so the result
 * is that of comparing every pair. The candidates near the top are scored
 * again in a fixed order (similar_vector_score), so that ties are real ties
 * and are broken by the distance between releases, then by key (struct tie).
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "predictor/analytics/similar_internal.h"

/* Room for rounding: scores are sums of a few hundred products below 1. */
#define EPS 1e-9

/* A reason per part, in the order of the parts. */
static const enum similar_reason part_reason[SIMILAR_PARTS] = {
	[SIMILAR_GENRES] = SIMILAR_SHARED_GENRES,       [SIMILAR_DIRECTORS] = SIMILAR_SAME_DIRECTOR,
	[SIMILAR_CAST] = SIMILAR_SHARED_CAST,           [SIMILAR_KEYWORDS] = SIMILAR_SHARED_KEYWORDS,
	[SIMILAR_COUNTRIES] = SIMILAR_SAME_COUNTRY,     [SIMILAR_COLLECTION] = SIMILAR_SAME_COLLECTION,
	[SIMILAR_OVERVIEW] = SIMILAR_STORY,
};

struct candidate {
	uint32_t film;
	double score;
};

/* A common feature of the film searched, with the most it can add to a score. */
struct common {
	double bound;
	uint32_t feature;
	float value;
};

struct similar_searcher {
	const struct similar_index *idx; /* borrowed */
	double *acc;          /* owned: n_films partial scores, all 0 between searches; values
				 are positive, so a film is met when its score leaves 0 */
	uint32_t *touched;    /* owned: n_films; the films met, step 1's then step 3's */
	double *dense;        /* owned: n_common; the searched film's common values, else 0 */
	struct common *common; /* owned: cap_common */
	size_t cap_common;
	struct candidate *cand; /* owned: n_cand of cap_cand */
	size_t n_cand, cap_cand;
	double *heap;         /* owned: k; a min-heap of the k largest values offered */
	size_t n_heap;
};

struct similar_vector similar_index_vector(const struct similar_index *idx, size_t i)
{
	size_t start = idx->vec_start[i];
	return (struct similar_vector){ idx->vec_feature + start, idx->vec_value + start,
					idx->vec_start[i + 1] - start, idx->vec_common[i] };
}

void similar_vector_score(const struct similar_index *idx, const struct similar_vector *v,
			  size_t b, struct similar_match *out)
{
	double share[SIMILAR_PARTS] = { 0 }, score = 0;
	unsigned count[SIMILAR_PARTS] = { 0 };
	struct similar_vector w = similar_index_vector(idx, b);
	/* The products are exact in double (floats' 24-bit mantissas), and the
	   score sums them in increasing feature order: the order in which a scan
	   of the postings adds them up, either way round. */
	for (size_t i = 0, j = 0; i < v->n && j < w.n;) {
		if (v->feature[i] < w.feature[j]) {
			i++;
		} else if (v->feature[i] > w.feature[j]) {
			j++;
		} else {
			int p = idx->part[v->feature[i]];
			double product = (double)v->value[i] * w.value[j];
			score += product;
			share[p] += product;
			count[p]++;
			i++, j++;
		}
	}
	out->film = b;
	out->key = idx->films[b].key;
	out->score = score;
	out->n_why = 0;
	for (int p = 0; p < SIMILAR_PARTS; p++) {
		if (!count[p])
			continue;
		/* Insertion by decreasing share; parts in order among equals. */
		size_t at = out->n_why++;
		while (at > 0 && out->why[at - 1].share < share[p]) {
			out->why[at] = out->why[at - 1];
			at--;
		}
		out->why[at] = (struct similar_why){ part_reason[p], count[p], share[p] };
	}
}

struct similar_searcher *similar_searcher_new(const struct similar_index *idx)
{
	struct similar_searcher *s = xcalloc(1, sizeof *s);
	size_t n = idx->n_films + 1;
	s->idx = idx;
	s->acc = xcalloc(n, sizeof *s->acc);
	s->touched = xmalloc(n * sizeof *s->touched);
	s->dense = xcalloc(idx->n_common + 1, sizeof *s->dense);
	s->heap = xmalloc(idx->settings.k * sizeof *s->heap);
	return s;
}

void similar_searcher_free(struct similar_searcher *s)
{
	if (!s)
		return;
	free(s->acc);
	free(s->touched);
	free(s->dense);
	free(s->common);
	free(s->cand);
	free(s->heap);
	free(s);
}

static void heap_offer(struct similar_searcher *s, double x)
{
	size_t k = s->idx->settings.k, i;
	double *h = s->heap;
	if (s->n_heap < k) {
		for (i = s->n_heap++; i > 0 && h[(i - 1) / 2] > x; i = (i - 1) / 2)
			h[i] = h[(i - 1) / 2];
		h[i] = x;
		return;
	}
	if (x <= h[0])
		return;
	for (i = 0;;) {
		size_t c = 2 * i + 1;
		if (c >= k)
			break;
		if (c + 1 < k && h[c + 1] < h[c])
			c++;
		if (h[c] >= x)
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

/* The k-th largest value offered since the heap was emptied, 0 with fewer. */
static double heap_kth(const struct similar_searcher *s)
{
	return s->n_heap < s->idx->settings.k ? 0 : s->heap[0];
}

static bool eligible(const struct similar_index *idx, uint32_t b, size_t exclude, long before)
{
	return b != exclude && (before == SIMILAR_NO_DAY || idx->films[b].release_day < before);
}

/* The part of b's score that the searched film's common features bring. */
static double common_dot(const struct similar_searcher *s, uint32_t b)
{
	const struct similar_index *idx = s->idx;
	size_t start = idx->vec_start[b], end = start + idx->vec_common[b];
	double sum = 0;
	for (size_t j = start; j < end; j++)
		sum += s->dense[idx->vec_feature[j]] * idx->vec_value[j];
	return sum;
}

static void candidate_add(struct similar_searcher *s, uint32_t film, double score)
{
	s->cand = xgrow(s->cand, &s->cap_cand, s->n_cand + 1, sizeof *s->cand);
	s->cand[s->n_cand++] = (struct candidate){ film, score };
}

static int compare_bounds(const void *a, const void *b)
{
	const struct common *x = a, *y = b;
	if (x->bound != y->bound)
		return x->bound < y->bound ? -1 : 1;
	return (x->feature > y->feature) - (x->feature < y->feature);
}

/*
 * Whose neighbours are ranked: films of equal score come in the order of
 * their release's distance from this film's (closer first: of two films
 * alike, the one of the same years), then of their keys.
 */
struct tie {
	const struct similar_index *idx;
	long day; /* the film's release, SIMILAR_NO_DAY if unknown */
};

static long distance(const struct tie *t, uint32_t film)
{
	long d = t->idx->films[film].release_day;
	if (d == SIMILAR_NO_DAY || t->day == SIMILAR_NO_DAY)
		return LONG_MAX;
	return d > t->day ? d - t->day : t->day - d;
}

/* Of two films of equal score, the one ranked first: -1, 1 (0: the same film). */
static int compare_ties(const struct tie *t, uint32_t x, uint32_t y)
{
	long dx = distance(t, x), dy = distance(t, y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	const uint32_t *rank = t->idx->key_rank;
	return rank[x] < rank[y] ? -1 : rank[x] > rank[y];
}

/* Best first; among equal scores, see struct tie. */
static int compare_matches(const struct similar_match *x, const struct similar_match *y,
			   const struct tie *t)
{
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return compare_ties(t, x->film, y->film);
}

/* Puts m in its place among the n best of out (at most k, sorted); returns their number. */
static size_t best_insert(struct similar_match *out, size_t n, size_t k,
			  const struct similar_match *m, const struct tie *t)
{
	size_t at = n < k ? n++ : k;
	for (; at > 0 && compare_matches(&out[at - 1], m, t) > 0; at--)
		if (at < k)
			out[at] = out[at - 1];
	if (at < k)
		out[at] = *m;
	return n;
}

size_t similar_searcher_find(struct similar_searcher *s, const struct similar_vector *v, long day,
			     size_t exclude, long before, struct similar_match *out)
{
	const struct similar_index *idx = s->idx;
	const struct tie tie = { idx, day };
	double min_score = idx->settings.min_score;
	if (v->n == 0)
		return 0;
	/* 1. The rare features, through their postings. */
	size_t n1 = 0;
	for (size_t j = v->n_common; j < v->n; j++) {
		uint32_t f = v->feature[j];
		double va = v->value[j];
		const struct similar_posting *p = idx->post + idx->post_start[f];
		const struct similar_posting *end = idx->post + idx->post_start[f + 1];
		for (; p < end; p++) {
			if (s->acc[p->film] == 0)
				s->touched[n1++] = p->film;
			s->acc[p->film] += va * p->value;
		}
	}

	/* 2. The common features' part, where it can matter. */
	size_t nc = v->n_common;
	s->common = xgrow(s->common, &s->cap_common, nc + 1, sizeof *s->common);
	double bound = 0;
	for (size_t j = 0; j < nc; j++) {
		uint32_t f = v->feature[j];
		s->dense[f] = v->value[j];
		s->common[j] = (struct common){ (double)v->value[j] * idx->max_value[f], f, v->value[j] };
		bound += s->common[j].bound;
	}
	s->n_heap = 0;
	for (size_t i = 0; i < n1; i++)
		if (eligible(idx, s->touched[i], exclude, before))
			heap_offer(s, s->acc[s->touched[i]]);
	double lowest = fmax(heap_kth(s), min_score) - EPS;
	s->n_cand = 0;
	for (size_t i = 0; i < n1; i++) {
		uint32_t b = s->touched[i];
		if (eligible(idx, b, exclude, before) && s->acc[b] + bound >= lowest)
			candidate_add(s, b, s->acc[b] + (nc ? common_dot(s, b) : 0));
	}
	s->n_heap = 0;
	for (size_t i = 0; i < s->n_cand; i++)
		heap_offer(s, s->cand[i].score);
	double theta = fmax(heap_kth(s), min_score);

	/* 3. Films that share only common features, when they could reach theta. */
	size_t n3 = n1;
	if (nc && bound + EPS >= theta) {
		qsort(s->common, nc, sizeof *s->common, compare_bounds);
		double skipped = 0;
		size_t j = 0;
		while (j < nc && skipped + s->common[j].bound + EPS < theta)
			skipped += s->common[j++].bound;
		for (; j < nc; j++) {
			uint32_t f = s->common[j].feature;
			double va = s->common[j].value;
			const struct similar_posting *p = idx->post + idx->post_start[f];
			const struct similar_posting *end = idx->post + idx->post_start[f + 1];
			for (; p < end; p++) {
				/* Films met in step 1 were scored whole in step 2: what
				   is added to them here is never read. */
				if (s->acc[p->film] == 0)
					s->touched[n3++] = p->film;
				s->acc[p->film] += va * p->value;
			}
		}
		for (size_t i = n1; i < n3; i++) {
			uint32_t b = s->touched[i];
			if (eligible(idx, b, exclude, before) && s->acc[b] + skipped + EPS >= theta)
				candidate_add(s, b, common_dot(s, b));
		}
	}

	/* The best candidates, and any within rounding of the k-th, scored again. */
	s->n_heap = 0;
	for (size_t i = 0; i < s->n_cand; i++)
		heap_offer(s, s->cand[i].score);
	double cut = fmax(heap_kth(s), min_score) - EPS;
	size_t n_out = 0;
	for (size_t i = 0; i < s->n_cand; i++) {
		if (s->cand[i].score < cut || s->cand[i].score <= 0)
			continue;
		struct similar_match m;
		similar_vector_score(idx, v, s->cand[i].film, &m);
		if (m.score >= min_score && m.score > 0)
			n_out = best_insert(out, n_out, idx->settings.k, &m, &tie);
	}

	for (size_t i = 0; i < n3; i++)
		s->acc[s->touched[i]] = 0;
	for (size_t j = 0; j < nc; j++)
		s->dense[v->feature[j]] = 0;
	return n_out;
}

/* The best offers made to one film: a heap per film, the worst at its root. */
struct offer {
	double score;
	uint32_t film;
};

/* One thread's share of the table: films first, first + step, ... */
struct table_job {
	const struct similar_index *idx; /* borrowed */
	struct similar_table *table;     /* borrowed; each job writes its own films */
	size_t first, step;
	struct offer *offers;  /* owned: k per film of the index, for the pairs searched once */
	uint8_t *n_offers;     /* owned: how many of each film's are used */
	double *worst;         /* owned: each film's worst kept score once it has k, else -1 */
};

/* Is x worse than y: a lower score, or the same and ranked after it? */
static bool worse(const struct offer *x, const struct offer *y, const struct tie *t)
{
	return x->score < y->score || (x->score == y->score && compare_ties(t, x->film, y->film) > 0);
}

static void offer_make(struct table_job *job, uint32_t to, struct offer o)
{
	size_t k = job->idx->settings.k, i;
	const struct tie tie = { job->idx, job->idx->films[to].release_day }, *rank = &tie;
	struct offer *h = job->offers + (size_t)to * k;
	if (o.score < job->worst[to])
		return;
	if (job->n_offers[to] < k) {
		for (i = job->n_offers[to]++; i > 0 && worse(&o, &h[(i - 1) / 2], rank); i = (i - 1) / 2)
			h[i] = h[(i - 1) / 2];
		h[i] = o;
	} else {
		if (!worse(&h[0], &o, rank))
			return;
		for (i = 0;;) {
			size_t c = 2 * i + 1;
			if (c >= k)
				break;
			if (c + 1 < k && worse(&h[c + 1], &h[c], rank))
				c++;
			if (!worse(&h[c], &o, rank))
				break;
			h[i] = h[c];
			i = c;
		}
		h[i] = o;
	}
	if (job->n_offers[to] == k)
		job->worst[to] = h[0].score;
}

/*
 * Without a posting cap, each pair is scored once: film a scans only the
 * films after it in the postings, and offers the score to both. The score
 * of a pair is then its exact sum in feature order (see similar_vector_score).
 */
static void *table_run_pairs(void *arg)
{
	struct table_job *job = arg;
	const struct similar_index *idx = job->idx;
	double min_score = idx->settings.min_score;
	double *acc = xcalloc(idx->n_films + 1, sizeof *acc);
	uint32_t *touched = xmalloc((idx->n_films + 1) * sizeof *touched);
	for (size_t a = job->first; a < idx->n_films; a += job->step) {
		struct similar_vector v = similar_index_vector(idx, a);
		size_t n = 0;
		for (size_t j = 0; j < v.n; j++) {
			uint32_t f = v.feature[j];
			double va = v.value[j];
			const struct similar_posting *p = idx->post + idx->post_start[f];
			const struct similar_posting *end = idx->post + idx->post_start[f + 1];
			size_t lo = 0, hi = (size_t)(end - p);
			while (lo < hi) { /* the first film after a */
				size_t mid = lo + (hi - lo) / 2;
				if (p[mid].film <= a)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (p += lo; p < end; p++) {
				if (acc[p->film] == 0)
					touched[n++] = p->film;
				acc[p->film] += va * p->value;
			}
		}
		for (size_t i = 0; i < n; i++) {
			uint32_t b = touched[i];
			double score = acc[b];
			acc[b] = 0;
			if (score > 0 && score >= min_score) {
				offer_make(job, (uint32_t)a, (struct offer){ score, b });
				offer_make(job, b, (struct offer){ score, (uint32_t)a });
			}
		}
	}
	free(acc);
	free(touched);
	return NULL;
}

static void *table_run_search(void *arg)
{
	struct table_job *job = arg;
	const struct similar_index *idx = job->idx;
	struct similar_searcher *s = similar_searcher_new(idx);
	size_t k = idx->settings.k;
	for (size_t i = job->first; i < idx->n_films; i += job->step) {
		struct similar_vector v = similar_index_vector(idx, i);
		job->table->n_match[i] =
			similar_searcher_find(s, &v, idx->films[i].release_day, i, SIMILAR_NO_DAY,
					      job->table->match + i * k);
	}
	similar_searcher_free(s);
	return NULL;
}

/* Film i's k best of all threads' offers, with their reasons. */
static void table_merge(struct similar_table *t, const struct similar_index *idx,
			const struct table_job *jobs, int n_jobs, size_t i)
{
	size_t k = idx->settings.k, n = 0;
	struct offer best[SIMILAR_K_MAX * SIMILAR_THREADS_MAX];
	const struct tie tie = { idx, idx->films[i].release_day };
	for (int j = 0; j < n_jobs; j++)
		for (size_t o = 0; o < jobs[j].n_offers[i]; o++) {
			struct offer x = jobs[j].offers[i * k + o];
			size_t at = n++;
			for (; at > 0 && worse(&best[at - 1], &x, &tie); at--)
				best[at] = best[at - 1];
			best[at] = x;
		}
	struct similar_vector v = similar_index_vector(idx, i);
	t->n_match[i] = n < k ? n : k;
	for (size_t m = 0; m < t->n_match[i]; m++)
		similar_vector_score(idx, &v, best[m].film, &t->match[i * k + m]);
}

struct similar_table *similar_table_new(const struct similar_index *idx)
{
	struct similar_table *t = xcalloc(1, sizeof *t);
	size_t k = idx->settings.k, n = idx->n_films;
	t->n_films = n;
	t->k = k;
	t->match = xcalloc(n * k + 1, sizeof *t->match);
	t->n_match = xcalloc(n + 1, sizeof *t->n_match);
	bool pairs = idx->n_common == 0;
	void *(*run)(void *) = pairs ? table_run_pairs : table_run_search;
	int threads = idx->settings.threads;
	if ((size_t)threads > n / 64 + 1)
		threads = (int)(n / 64 + 1); /* a thread for a few films costs more */
	struct table_job jobs[SIMILAR_THREADS_MAX];
	pthread_t tids[SIMILAR_THREADS_MAX];
	int started = 0;
	for (int i = 0; i < threads; i++) {
		jobs[i] = (struct table_job){ idx, t, (size_t)i, (size_t)threads, NULL, NULL, NULL };
		if (pairs) {
			jobs[i].offers = xmalloc((n * k + 1) * sizeof *jobs[i].offers);
			jobs[i].n_offers = xcalloc(n + 1, 1);
			jobs[i].worst = xmalloc((n + 1) * sizeof *jobs[i].worst);
			for (size_t f = 0; f < n; f++)
				jobs[i].worst[f] = -1;
		}
	}
	for (int i = 1; i < threads; i++) {
		if (pthread_create(&tids[started], NULL, run, &jobs[i]) != 0)
			break;
		started++;
	}
	/* Jobs whose thread did not start run here: slower, not different. */
	run(&jobs[0]);
	for (int i = 1 + started; i < threads; i++)
		run(&jobs[i]);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	for (size_t i = 0; pairs && i < n; i++)
		table_merge(t, idx, jobs, threads, i);
	for (int i = 0; i < threads; i++) {
		free(jobs[i].offers);
		free(jobs[i].n_offers);
		free(jobs[i].worst);
	}
	return t;
}

const struct similar_match *similar_table_film(const struct similar_table *t, size_t i,
					       size_t *n)
{
	*n = t->n_match[i];
	return t->match + i * t->k;
}

void similar_table_free(struct similar_table *t)
{
	if (!t)
		return;
	free(t->match);
	free(t->n_match);
	free(t);
}
