/*
 * YAML documents as a small tree (the only file that calls libyaml). Used for
 * marquee.yml and for the front matter of content pages. Scalars keep their
 * text and whether they were quoted; each node keeps its source line, so a
 * caller can report "file:line: key: reason".
 */
#ifndef MARQUEE_YTREE_H
#define MARQUEE_YTREE_H

#include <stdbool.h>
#include <stddef.h>

enum ytree_type { YTREE_SCALAR, YTREE_SEQ, YTREE_MAP };

struct ytree {
	enum ytree_type type;
	char *value;          /* owned; scalar text, NULL for collections */
	bool quoted;          /* scalar was written in quotes or as a block */
	int line;             /* 1-based line in the file */
	char **keys;          /* owned; map keys, parallel to items */
	int *key_lines;       /* owned; the line of each key (a mapping's value may start below) */
	struct ytree **items; /* owned; sequence items or map values */
	size_t n_items;
	size_t cap;
};

/* How deep collections may nest (flow ones checked before libyaml's
 * scanner reads far ahead into them). */
#define YTREE_MAX_DEPTH 64

/*
 * Parses one YAML document. first_line is the file line where text starts
 * (front matter starts at line 2). An empty document gives an empty map.
 * On error, reports "file:line:col: reason" and returns NULL: a key given
 * twice in a mapping, collections nested deeper than YTREE_MAX_DEPTH, an
 * alias. The tree belongs to the caller (ytree_free). Time and memory grow
 * with the text, not faster.
 */
struct ytree *ytree_parse(const char *text, size_t len, const char *file, int first_line);
/* A map's value for key, or NULL (also when node is not a map). Borrowed. */
const struct ytree *ytree_get(const struct ytree *map, const char *key);
/* Follows a dotted path of map keys ("cinema.screens"). Borrowed or NULL. */
const struct ytree *ytree_path(const struct ytree *root, const char *dotted);
/* A short name for a node's type, for messages ("a list", "a mapping"...). */
const char *ytree_type_name(const struct ytree *node);
void ytree_free(struct ytree *node);

#endif
