/*
 * marquee.yml: the project's configuration. It is optional: every getter
 * takes the default when a key is absent. A present but invalid value is
 * reported once as "marquee.yml:LINE: key: reason" and the getter returns
 * -1, so commands fail before doing any work.
 */
#ifndef MARQUEE_CONFIG_H
#define MARQUEE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "common/ytree.h"

struct config {
	char *path;          /* owned; the file read, or the default name */
	struct ytree *tree;  /* owned; an empty map when there is no file */
};

/*
 * Loads the configuration. path NULL means "marquee.yml" in the current
 * folder, which may be absent; an explicit path must exist. Every key must
 * be one config.c knows: an unknown one is reported as "FILE:LINE: key:
 * unknown key (did you mean KNOWN?)". Returns NULL after reporting an error.
 */
struct config *config_load(const char *path);
void config_free(struct config *cfg);

/* The node at a dotted key, or NULL when absent. Borrowed. */
const struct ytree *config_node(const struct config *cfg, const char *key);
/* The string at key (borrowed) or def. A list or mapping there is an error. */
int config_string(const struct config *cfg, const char *key, const char *def, const char **out);
int config_long(const struct config *cfg, const char *key, long def, long min, long max, long *out);
int config_double(const struct config *cfg, const char *key, double def, double min, double max,
		  double *out);
int config_bool(const struct config *cfg, const char *key, bool def, bool *out);
/* Reports "FILE:LINE: key: reason" about a node the caller validated itself. */
void config_error(const struct config *cfg, const struct ytree *node, const char *key,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * The word of known (n words) nearest to word by edit distance, when it is
 * near enough to be a likely typo (at most a third of its letters differ);
 * else NULL. Borrowed from known.
 */
const char *config_nearest(const char *word, const char *const *known, size_t n);

/* Parses a whole number / a decimal in full; 0 on success. */
int parse_long(const char *s, long *out);
int parse_double(const char *s, double *out);

#endif
