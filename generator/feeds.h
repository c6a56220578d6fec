/*
 * The machine-readable outputs: RSS 2.0 and JSON Feed 1.1 of the feed
 * section (the weekly picks), a JSON file per page of that section,
 * sitemap.xml, robots.txt, and oEmbed answers for the embeds. Dates come
 * from the content only. (JSON-LD is the theme's: its templates print page
 * data with the `.json` extension.)
 */
#ifndef MARQUEE_FEEDS_H
#define MARQUEE_FEEDS_H

#include "generator/site/site.h"

/* Writes index.xml, feed.json, sitemap.xml, robots.txt and the per-page
 * JSON files into the folder being built. 0 or -1 after reporting. */
int feed_write_all(const struct site *site);
/* Where the JSON file of page p goes ("weeks/2024-W27.json"), or NULL when
 * p is not in the feed section. Owned by the caller. */
char *feed_json_path(const struct site *site, const struct page *p);
/* An oEmbed 1.0 "rich" answer for an embed at url (absolute). Caller owns. */
char *feed_oembed(const struct site *site, const char *title, const char *url, int width,
		  int height);

#endif
