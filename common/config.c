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
