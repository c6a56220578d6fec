/*
 * A page's front matter (the only file that reads it): found between "---"
 * lines at the top of the page, held to a size before any library sees it,
 * then read as JSON (cJSON) when it is a JSON object and as YAML
 * (common/ytree.c) otherwise. JSON is YAML, but YAML 1.1, libyaml's, takes
 * U+0085, U+2028 and U+2029 for line breaks and folds them into spaces: a
 * title the predictor wrote as JSON must come back exactly as it was.
 * Either way the result is the same tree, each node with a line for
 * messages, nested at most YTREE_MAX_DEPTH deep.
 */
#ifndef MARQUEE_FRONTMATTER_H
#define MARQUEE_FRONTMATTER_H

#include <stddef.h>

#include "common/ytree.h"

/* The largest front matter a page may have (bytes). */
#define FM_MAX_BYTES (1u << 20)

struct front_matter {
	struct ytree *tree; /* owned; a mapping (empty when the page has none) */
	size_t start, end;  /* where its text is in the page (both 0: none) */
	size_t body;        /* where the Markdown starts */
};

/*
 * Finds and reads the front matter of a page's text (len bytes,
 * NUL-terminated); src names the page in messages. Front matter over
 * max_bytes is refused unread (FM_MAX_BYTES but for tests). 0, or -1 after
 * reporting "src:line: front matter: reason" (*fm then holds nothing).
 */
int fm_read(const char *text, size_t len, const char *src, size_t max_bytes,
	    struct front_matter *fm);
void fm_free(struct front_matter *fm);

#endif
