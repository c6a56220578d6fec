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

/* Registers the extensions; call once before threads render. */
void md_init(void);
/* The HTML for len bytes of Markdown, owned by the caller. Never NULL. */
char *md_render(const char *text, size_t len, bool unsafe_html);

#endif
