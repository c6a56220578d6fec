/* `marquee status`: what the stores hold. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/command.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/store/store.h"

static int run_status(struct app *app, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return command_usage(&cmd_status);
	/* status only looks: it does not make stores where there are none (a
	 * mistyped data_dir would otherwise show empty new ones) */
	const char *dir;
	if (config_string(app->cfg, "data_dir", "data", &dir) != 0)
		return 1;
	char *analytics = xasprintf("%s/analytics.db", dir);
	bool exists = file_exists(analytics);
	free(analytics);
	if (!exists) {
		printf("stores:          none in %s/ yet ('marquee import' makes them)\n", dir);
		return 0;
	}
	struct store *st = store_open_config_read_only(app->cfg);
	if (!st || store_begin(st) != 0) {
		store_close(st);
		return 1;
	}
	struct store_summary sum;
	struct store_metric_count *metrics = NULL;
	size_t n = 0;
	int rc = 1;
	if (store_summary_get(st, &sum) != 0 || store_metrics_list(st, &metrics, &n) != 0)
		goto out;
	printf("stores:          %s/analytics.db (schema %d), %s/cinema.db (schema %d)\n",
	       store_dir(st), store_analytics_version(), store_dir(st), store_cinema_version());
	printf("films:           %ld", sum.films);
	if (sum.films)
		printf(", released %s to %s", sum.first_release, sum.last_release);
	printf("\npeople:          %ld\n", sum.people);
	printf("outcomes:        %ld\n", sum.outcomes);
	for (size_t i = 0; i < n; i++)
		printf("  %-22s %ld films\n", metrics[i].metric, metrics[i].films);
	printf("models:          %ld\n", sum.models);
	printf("published weeks: %ld\n", sum.published_weeks);
	printf("actuals:         %ld\n", sum.actuals);
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(metrics[i].metric);
	free(metrics);
	store_close(st);
	return rc;
}

const struct command cmd_status = {
	.name = "status",
	.run = run_status,
	.usage = "status",
	.summary = "show what the stores hold",
	.help = "Prints the number of films, people and outcomes (per metric) in analytics.db,\n"
		"the models trained, and the weeks published and actuals recorded in cinema.db.\n",
};
