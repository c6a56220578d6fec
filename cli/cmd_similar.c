/*
 * `marquee similar`: the films most like a film of the history, with why,
 * and how good the similar films are (predictor/analytics/recommend.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/command.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/analytics/recommend.h"
#include "predictor/model/predict.h"
#include "predictor/pages/pages.h"
#include "predictor/store/store_analytics.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_film(const struct recommend *r, const struct catalogue_film *films, size_t i,
		       const char *lang)
{
	char day[11];
	date_format(films[i].release, day);
	printf("%s (%s), %s\n", films[i].title, day, films[i].key);
	size_t n;
	const struct similar_match *m = recommend_film(r, i, &n);
	if (n == 0)
		printf("  no similar film\n");
	for (size_t j = 0; j < n; j++) {
		const struct catalogue_film *o = &films[m[j].film];
		date_format(o->release, day);
		char *why = page_similar_why(lang, &m[j]);
		printf("  %zu. %s (%s)  %.3f  %s\n", j + 1, o->title, day, m[j].score, why);
		free(why);
	}
}

static double percent(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_quality(const struct recommend_quality *q, double seconds)
{
	printf("similar films: %zu films, the top %zu of each in %.2f s\n", q->films, q->k, seconds);
	printf("  same director or franchise: %zu films have other films by one of their "
	       "directors or of their franchise; for %zu of them (%.1f%%) one is in the top %zu\n",
	       q->with_kin, q->kin_found, percent(q->kin_found, q->with_kin), q->k);
	printf("    director: %zu of %zu (%.1f%%); franchise: %zu of %zu (%.1f%%)\n",
	       q->director_found, q->with_director, percent(q->director_found, q->with_director),
	       q->franchise_found, q->with_franchise,
	       percent(q->franchise_found, q->with_franchise));
	printf("  main genre: over %zu films, %.1f%% of the top %zu have the film's main genre "
	       "(%.1f%% of all films: the base rate); %.1f%% have at least one such film\n",
	       q->with_genre, 100 * q->genre_share, q->k, 100 * q->genre_base,
	       percent(q->genre_any, q->with_genre));
}

static int run_similar(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "quality", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	bool quality = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'q':
			quality = true;
			break;
		default:
			return command_usage(&cmd_similar);
		}
	}
	if (!quality && optind == argc)
		return command_usage(&cmd_similar);
	struct similar_settings settings;
	const char *metric, *lang;
	if (recommend_settings(app->cfg, &settings) != 0 ||
	    predict_metric(app->cfg, NULL, &metric) != 0 ||
	    config_string(app->cfg, "site.language", "en", &lang) != 0)
		return 1;
	/* similar only reads: no lock, and it works on a store it cannot write */
	struct store *st = store_open_config_read_only(app->cfg);
	if (!st || store_begin(st) != 0) {
		store_close(st);
		return 1;
	}
	struct catalogue_film *films = NULL;
	size_t n = 0;
	struct recommend *r = NULL;
	int rc = 1;
	if (store_catalogue_load(st, metric, NULL, &films, &n) != 0)
		goto out;
	double start = now();
	r = recommend_new(films, n, &settings);
	if (!r)
		goto out;
	double seconds = now() - start;
	rc = 0;
	for (int a = optind; a < argc; a++) {
		size_t found[8];
		size_t k = recommend_lookup(films, n, argv[a], found, 8);
		if (k == 0) {
			msg_error("no film \"%s\" (a key, or a title)", argv[a]);
			rc = 1;
		}
		for (size_t i = 0; i < k && i < 8; i++)
			print_film(r, films, found[i], lang);
		if (k > 8)
			printf("... and %zu more films titled \"%s\"\n", k - 8, argv[a]);
	}
	if (quality) {
		struct recommend_quality q;
		recommend_quality(r, films, &q);
		print_quality(&q, seconds);
	}
out:
	recommend_free(r);
	catalogue_free(films, n);
	store_close(st);
	return rc;
}

const struct command cmd_similar = {
	.name = "similar",
	.run = run_similar,
	.usage = "similar [--quality] [FILM...]",
	.summary = "the films most like a film of the history, and how good they are",
	.help = "Prints the films most like each FILM (its key, or its title, accents and case\n"
		"aside), best first, with the score (cosine similarity, 0 to 1) and why. They\n"
		"are found among every film of analytics.db from genres, director, cast,\n"
		"keywords, countries, franchise and the words of the synopsis, weighted by\n"
		"similar.weights in marquee.yml; the film pages show the same ones.\n"
		"\n"
		"--quality measures them over the whole history: of the films whose director\n"
		"or franchise has other films in it, how often one of those is among the\n"
		"similar films; and how often the similar films share the film's main genre,\n"
		"against the share of all films that have it.\n",
};
