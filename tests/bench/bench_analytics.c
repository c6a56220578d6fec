/*
 * Analytics benchmark over a real store: times, RUNS times, loading the
 * catalogue, the similar films of every film (the index and each film's
 * top 5), and writing the analytics pages (every figure and the model's
 * view) into a fresh folder; prints the median wall and CPU time of each
 * and the peak memory.
 *
 * Usage: bench_analytics DATA_DIR [RUNS [METRIC [similar]]]
 *   with "similar" as the fourth argument, only the catalogue and the
 *   similar films are timed (a store without a model).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/analytics/recommend.h"
#include "predictor/pages/pages.h"

struct clock {
	double wall, cpu;
};

static struct clock now(void)
{
	struct timespec w, c;
	clock_gettime(CLOCK_MONOTONIC, &w);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	return (struct clock){ (double)w.tv_sec + (double)w.tv_nsec / 1e9,
			       (double)c.tv_sec + (double)c.tv_nsec / 1e9 };
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define STEPS 3
static const char *const step_name[STEPS] = { "catalogue", "similar films", "analytics pages" };

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_analytics DATA_DIR [RUNS [METRIC [similar]]]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	const char *metric = argc > 3 ? argv[3] : "first_week_admissions";
	bool similar_only = argc > 4 && strcmp(argv[4], "similar") == 0;
	if (runs < 1)
		runs = 1;
	msg_set_command("bench_analytics");
	struct store *st = store_open(argv[1]);
	if (!st)
		return 1;
	double *wall[STEPS], *cpu[STEPS];
	for (int s = 0; s < STEPS; s++) {
		wall[s] = xcalloc((size_t)runs, sizeof **wall);
		cpu[s] = xcalloc((size_t)runs, sizeof **cpu);
	}
	struct page_lang pl = { .lang = "en", .metric = metric, .label = metric, .unit = "admissions" };
	size_t films = 0, pages = 0;
	int rc = 0;
	for (int r = 0; r < runs && rc == 0; r++) {
		struct catalogue_film *cat = NULL;
		size_t n = 0;
		struct clock t0 = now();
		if (store_catalogue_load(st, metric, "viewer_rating", &cat, &n) != 0) {
			rc = 1;
			break;
		}
		struct clock t1 = now();
		struct similar_settings set;
		similar_settings_default(&set);
		struct recommend *sim = recommend_new(cat, n, &set);
		struct clock t2 = now();
		films = n;
		wall[0][r] = t1.wall - t0.wall;
		cpu[0][r] = t1.cpu - t0.cpu;
		wall[1][r] = t2.wall - t1.wall;
		cpu[1][r] = t2.cpu - t1.cpu;
		if (!similar_only && sim) {
			char dir[] = "/tmp/bench-analytics.XXXXXX";
			if (!mkdtemp(dir)) {
				rc = 1;
			} else {
				struct page_films pf = { .films = cat, .n = n, .similar = sim };
				page_films_name(&pf, NULL, 0);
				struct page_set ps = { .dir = dir };
				struct clock t3 = now();
				if (page_analytics_write(st, &ps, &pf, "viewer_rating", &pl) != 0 ||
				    file_set_commit(&ps.changed) != 0)
					rc = 1;
				struct clock t4 = now();
				wall[2][r] = t4.wall - t3.wall;
				cpu[2][r] = t4.cpu - t3.cpu;
				pages = ps.n;
				file_set_free(&ps.changed);
				for (size_t i = 0; i < ps.n; i++)
					free(ps.paths[i]);
				free(ps.paths);
				page_films_clear(&pf);
				file_remove_tree(dir);
			}
		}
		recommend_free(sim);
		catalogue_free(cat, n);
	}
	if (rc == 0) {
		printf("%zu films, %d runs; median wall (CPU):\n", films, runs);
		for (int s = 0; s < (similar_only ? 2 : STEPS); s++)
			printf("  %-16s %.3f s (%.3f s CPU)\n", step_name[s], median(wall[s], runs),
			       median(cpu[s], runs));
		if (!similar_only)
			printf("  (%zu analytics pages)\n", pages);
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("  peak memory %.1f MiB\n", (double)ru.ru_maxrss / 1024);
	}
	for (int s = 0; s < STEPS; s++) {
		free(wall[s]);
		free(cpu[s]);
	}
	store_close(st);
	return rc;
}
