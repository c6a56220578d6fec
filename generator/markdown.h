/*
 * Markdown to HTML with cmark-gfm (the only file that includes its
 * headers): CommonMark plus GitHub tables, strikethrough and autolinks.
 * Raw HTML is dropped unless the site allows it; with it allowed, the
 * tagfilter extension still disarms <script>, <iframe> and the like.
 */
#ifndef MARQUEE_MARKDOWN_H
#define MARQUEE_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * What a page's Markdown is held to before cmark-gfm sees it. Its time and
 * memory grow faster than the text in places, measured on 0.29.0.gfm.6: a
 * table fills every row to its header's width (a 1.5 MB table of 100
 * columns and one-cell rows made 500 MB of HTML and took 12 GB), appends a
 * row's cells to a list it walks from the head (60,000 cells in a row: 40
 * s), and its autolinks scan a whole run of characters without a space at
 * every "www." and "@" in it (200 KB of "www.a_": 29 s).
 */
struct md_limits {
	size_t bytes;         /* of Markdown in a page */
	size_t table_cells;   /* in a page's tables, each row as wide as its header */
	size_t row_cells;     /* in one row of a table (the header too) */
	size_t autolink_work; /* over the runs without a space: the number of
			       * "www." and "@" in each times its length */
};
extern const struct md_limits md_limits_default;

/*
 * Checks len bytes of Markdown against the limits; src and first_line (the
 * file line where the text starts) place messages. Conservative: it counts
 * as a table what may be one. 0, or -1 after reporting "src:line: reason"
 * with the limit.
 */
int md_check(const char *text, size_t len, const struct md_limits *lim, const char *src,
	     int first_line);
/* Registers the extensions; call once before threads render. */
void md_init(void);
/* The HTML for len bytes of Markdown (checked with md_check first), owned
 * by the caller. Never NULL. */
char *md_render(const char *text, size_t len, bool unsafe_html);

#endif
