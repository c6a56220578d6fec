/* Loading marquee.yml and reading typed, validated values from it. */
#include "common/config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"

/*
 * Every key marquee.yml may hold, in one place, so that a mistyped key is an
 * error naming the nearest known one instead of a setting silently ignored
 * (site.base_urll would publish the site with localhost links). "[]" stands
 * for the items of a list. A key that has keys below it is a section.
 */
static const char *const known_keys[] = {
	"data_dir",
	"content_dir",
	"site.title",
	"site.description",
	"site.base_url",
	"site.language",
	"site.theme",
	"site.feed_section",
	"site.unsafe_html",
	"site.public",
	"model.metric",
	"model.metric_label",
	"model.metric_unit",
	"model.promotion_margin",
	"model.kernel",
	"model.folds",
	"model.seed",
	"model.threads",
	"model.interval_level",
	"model.search_weeks",
	"model.retrain_days",
	"tmdb.base_url",
	"tmdb.rate",
	"tmdb.connections",
	"tmdb.ttl_hours",
	"tmdb.people_ttl_days",
	"tmdb.configuration_ttl_days",
	"tmdb.poster_width",
	"tmdb.deadline_minutes",
	"import.inbox",
	"import.source",
	"similar.count",
	"similar.min_score",
	"similar.weights.genres",
	"similar.weights.director",
	"similar.weights.cast",
	"similar.weights.keywords",
	"similar.weights.countries",
	"similar.weights.collection",
	"similar.weights.overview",
	"cinema.name",
	"cinema.address.street",
	"cinema.address.postal_code",
	"cinema.address.locality",
	"cinema.address.region",
	"cinema.address.country",
	"cinema.url",
	"cinema.booking_url",
	"cinema.showtimes",
	"cinema.screens[].name",
	"cinema.screens[].seats",
	"cinema.screens[].showtimes",
	"cinema.shows_per_day",
	"cinema.days",
	"cinema.week_starts",
	"cinema.region",
	"cinema.language",
	"cinema.currency",
	"cinema.ticket_price",
	"cinema.ticket.full",
	"cinema.ticket.reduced",
	"cinema.ticket.reduced_share",
	"cinema.fixed_costs",
	"cinema.concessions_per_head",
	"cinema.rental_share",
	"cinema.share",
	"cinema.share_prior_weeks",
	"cinema.holdover_factor",
	"cinema.empty_occupancy",
	"cinema.national_ticket_price",
	"overrides[].week",
	"overrides[].film",
	"overrides[].action",
	"records.actuals",
	"records.dir",
};

/* Keys that meant something once: said plainly rather than "unknown". */
static const struct {
	const char *key, *why;
} retired_keys[] = {
	{ "site.tmdb", "no longer used: TMDB's credit now appears on the pages whose films' data "
		       "came from TMDB, and only there" },
};

#define N_KNOWN (sizeof known_keys / sizeof *known_keys)

/* Whether key is known as a value ("site.title") or as a section ("site"). */
static bool key_is(const char *key, bool *section)
{
	size_t len = strlen(key);
	bool value = false;
	*section = false;
	for (size_t i = 0; i < N_KNOWN; i++) {
		if (strcmp(known_keys[i], key) == 0)
			value = true;
		else if (strncmp(known_keys[i], key, len) == 0 &&
			 (known_keys[i][len] == '.' || known_keys[i][len] == '['))
			*section = true;
	}
	return value || *section;
}

/*
 * Checks every key under node (a mapping at path, "" at the top): each must
 * be known. shown is the path as the person wrote it (with list indexes).
 */
static int check_keys(const char *file, const struct ytree *node, const char *path,
		      const char *shown)
{
	int rc = 0;
	for (size_t i = 0; i < node->n_items; i++) {
		const struct ytree *value = node->items[i];
		char *key = *path ? xasprintf("%s.%s", path, node->keys[i]) : xstrdup(node->keys[i]);
		char *show = *shown ? xasprintf("%s.%s", shown, node->keys[i]) : xstrdup(node->keys[i]);
		bool section;
		const char *why = NULL;
		for (size_t r = 0; r < sizeof retired_keys / sizeof *retired_keys; r++)
			if (strcmp(retired_keys[r].key, key) == 0)
				why = retired_keys[r].why;
		int line = node->key_lines ? node->key_lines[i] : value->line;
		if (why) {
			msg_error("%s:%d: %s: %s", file, line, show, why);
			rc = -1;
		} else if (!key_is(key, &section)) {
			/* the nearest known key or section ("modle" -> "model") */
			const char *names[2 * N_KNOWN];
			char *prefixes[N_KNOWN];
			size_t n = 0;
			for (size_t k = 0; k < N_KNOWN; k++) {
				names[n++] = known_keys[k];
				size_t cut = strcspn(known_keys[k], ".[");
				prefixes[k] = xstrndup(known_keys[k], cut);
				names[n++] = prefixes[k];
			}
			const char *near = config_nearest(key, names, n);
			if (near) {
				/* said as written: "cinema.screens[2].seets" -> "...[2].seats" */
				const char *tail = strrchr(near, '.');
				size_t keep = strlen(show) - strlen(node->keys[i]);
				msg_error("%s:%d: %s: unknown key (did you mean %.*s%s?)", file,
					  line, show, (int)keep, show,
					  tail && strncmp(near, key, (size_t)(tail - near)) == 0 ? tail + 1
												  : near);
			} else {
				msg_error("%s:%d: %s: unknown key (README.md, \"Configuration\", lists "
					  "them)", file, line, show);
			}
			for (size_t k = 0; k < N_KNOWN; k++)
				free(prefixes[k]);
			rc = -1;
		} else if (section && value->type == YTREE_MAP) {
			rc |= check_keys(file, value, key, show);
		} else if (section && value->type == YTREE_SEQ) {
			char *items = xasprintf("%s[]", key);
			bool item_section;
			if (key_is(items, &item_section) && item_section)
				for (size_t k = 0; k < value->n_items; k++) {
					char *at = xasprintf("%s[%zu]", show, k + 1);
					if (value->items[k]->type == YTREE_MAP)
						rc |= check_keys(file, value->items[k], items, at);
					free(at);
				}
			free(items);
		}
		free(key);
		free(show);
	}
	return rc;
}

struct config *config_load(const char *path)
{
	const char *file = path ? path : "marquee.yml";
	struct config *cfg = xcalloc(1, sizeof *cfg);
	cfg->path = xstrdup(file);
	if (!path && !file_exists(file)) {
		cfg->tree = ytree_parse("", 0, file, 1);
		return cfg;
	}
	size_t len;
	char *text = file_read_all(file, &len);
	if (!text)
		goto fail;
	cfg->tree = ytree_parse(text, len, file, 1);
	free(text);
	if (!cfg->tree)
		goto fail;
	if (cfg->tree->type != YTREE_MAP) {
		msg_error("%s:%d: the configuration must be a mapping of keys to values", file,
			  cfg->tree->line);
		goto fail;
	}
	if (check_keys(file, cfg->tree, "", "") != 0)
		goto fail;
	return cfg;
fail:
	config_free(cfg);
	return NULL;
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	ytree_free(cfg->tree);
	free(cfg->path);
	free(cfg);
}

const struct ytree *config_node(const struct config *cfg, const char *key)
{
	return cfg ? ytree_path(cfg->tree, key) : NULL;
}

void config_error(const struct config *cfg, const struct ytree *node, const char *key,
		  const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	msg_error("%s:%d: %s: %s", cfg->path, node ? node->line : 1, key, buf_str(&b));
	buf_free(&b);
}

static const struct ytree *scalar_at(const struct config *cfg, const char *key, int *rc)
{
	const struct ytree *node = config_node(cfg, key);
	*rc = 0;
	if (node && node->type != YTREE_SCALAR) {
		config_error(cfg, node, key, "expected a single value, found %s", ytree_type_name(node));
		*rc = -1;
		return NULL;
	}
	/* An empty plain value ("key:") counts as absent. */
	if (node && !node->quoted && node->value[0] == '\0')
		return NULL;
	return node;
}

int config_string(const struct config *cfg, const char *key, const char *def, const char **out)
{
	int rc;
	const struct ytree *node = scalar_at(cfg, key, &rc);
	*out = node ? node->value : def;
	return rc;
}

int parse_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int config_long(const struct config *cfg, const char *key, long def, long min, long max, long *out)
{
	int rc;
	const struct ytree *node = scalar_at(cfg, key, &rc);
	*out = def;
	if (!node)
		return rc;
	long v;
	if (parse_long(node->value, &v) != 0 || v < min || v > max) {
		config_error(cfg, node, key, "\"%s\" is not a whole number from %ld to %ld", node->value,
			     min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int config_double(const struct config *cfg, const char *key, double def, double min, double max,
		  double *out)
{
	int rc;
	const struct ytree *node = scalar_at(cfg, key, &rc);
	*out = def;
	if (!node)
		return rc;
	double v;
	if (parse_double(node->value, &v) != 0 || v < min || v > max) {
		config_error(cfg, node, key, "\"%s\" is not a number from %g to %g", node->value, min,
			     max);
		return -1;
	}
	*out = v;
	return 0;
}

int config_bool(const struct config *cfg, const char *key, bool def, bool *out)
{
	int rc;
	const struct ytree *node = scalar_at(cfg, key, &rc);
	*out = def;
	if (!node)
		return rc;
	static const char *const yes[] = { "true", "yes", "on", "True", "TRUE", "Yes", "YES", "On" };
	static const char *const no[] = { "false", "no", "off", "False", "FALSE", "No", "NO", "Off" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(node->value, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(node->value, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	config_error(cfg, node, key, "\"%s\" is not true or false", node->value);
	return -1;
}

/* Levenshtein distance, with a transposition of two neighbours counting one. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *config_nearest(const char *word, const char *const *known, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, known[i]);
		if (d < best_d) {
			best_d = d;
			best = known[i];
		}
	}
	size_t len = strlen(word);
	return best && best_d <= (len < 3 ? 1 : len / 3) ? best : NULL;
}
