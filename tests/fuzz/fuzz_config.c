/*
 * libFuzzer target: marquee.yml read as the commands read it: the file
 * loaded (common/config.c over YAML), every documented key asked for with
 * its getter, the cinema (screens, tickets, week start) and the model's
 * options validated.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/config.h"
#include "common/msg.h"
#include "predictor/cinema/cinema.h"
#include "predictor/model/model.h"

static const char *const strings[] = {
	"data_dir", "content_dir", "site.title", "site.description", "site.base_url",
	"site.language", "site.theme", "model.metric", "model.metric_label", "model.metric_unit",
	"model.kernel", "tmdb.base_url", "import.inbox", "import.source", "cinema.name",
	"cinema.region", "cinema.language", "cinema.currency", "records.actuals", "records.dir",
};

static const char *const numbers[] = {
	"model.promotion_margin", "model.interval_level", "tmdb.rate", "cinema.share",
	"cinema.holdover_factor", "cinema.empty_occupancy", "cinema.national_ticket_price",
};

static const char *const counts[] = {
	"model.folds", "model.seed", "model.threads", "model.search_weeks", "model.retrain_days",
	"tmdb.connections", "tmdb.ttl_hours", "tmdb.people_ttl_days", "tmdb.poster_width",
	"tmdb.deadline_minutes", "cinema.shows_per_day", "cinema.days",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	msg_set_level(MSG_QUIET);
	int fd = memfd_create("marquee.yml", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		struct config *cfg = config_load(path);
		if (cfg) {
			const char *s;
			double x;
			long n;
			bool b;
			for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
				config_string(cfg, strings[i], "", &s);
			for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
				config_double(cfg, numbers[i], 0, -1e9, 1e9, &x);
			for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
				config_long(cfg, counts[i], 0, -1000000, 1000000, &n);
			config_bool(cfg, "site.unsafe_html", false, &b);
			config_node(cfg, "overrides");
			struct cinema cinema;
			if (cinema_load(cfg, &cinema) == 0)
				cinema_free(&cinema);
			struct model_options mo;
			model_options_from_config(cfg, &mo);
			config_free(cfg);
		}
	}
	close(fd);
	return 0;
}
