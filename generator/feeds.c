/* Feeds, sitemap, robots.txt, JSON-LD and oEmbed: text built from pages. */
#include "generator/feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/xalloc.h"

static void xml_escape(struct buf *out, const char *s)
{
	tpl_escape(out, s, strlen(s));
}

static const char *text_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Newest first; for one date, by output path. */
static int newest_first(const void *a, const void *b)
{
	const struct page *x = *(const struct page *const *)a, *y = *(const struct page *const *)b;
	int c = strcmp(y->date, x->date);
	return c ? c : strcmp(x->out, y->out);
}

static bool feed_item(const struct site *site, const struct page *p)
{
	return !p->is_list && strcmp(p->dir, site->feed_section) == 0;
}

char *feed_json_path(const struct site *site, const struct page *p)
{
	/* "weeks/2024-W27/" -> "weeks/2024-W27.json" */
	return feed_item(site, p) ? xasprintf("%.*s.json", (int)strlen(p->url) - 1, p->url) : NULL;
}

/* The feed section's regular pages, newest first. */
static size_t feed_items(const struct site *site, const struct page ***out)
{
	const struct page **items = xcalloc(site->n_pages + 1, sizeof *items);
	size_t n = 0;
	for (size_t i = 0; i < site->n_pages; i++)
		if (feed_item(site, site->pages[i]))
			items[n++] = site->pages[i];
	if (n)
		qsort(items, n, sizeof *items, newest_first);
	*out = items;
	return n;
}

/* The fingerprint of a file made from what these pages show of themselves
 * (their front matter and place: the feeds use nothing else; the sitemap,
 * with where_only, only their URL and date). */
static uint64_t pages_key(const struct site *site, const char *name,
			  const struct page *const *pages, size_t n, bool where_only)
{
	uint64_t key = hash_bytes(site->inputs_hash, name, strlen(name) + 1);
	for (size_t i = 0; i < n; i++) {
		const uint64_t *h = where_only ? &pages[i]->loc_hash : &pages[i]->meta_hash;
		key = hash_bytes(key, h, sizeof *h);
	}
	return key;
}

static void rfc822(char *out, size_t size, const char *ymd)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	long d;
	int y, m, dd;
	if (date_parse(ymd, &d) != 0) {
		snprintf(out, size, "Thu, 01 Jan 1970 00:00:00 +0000");
		return;
	}
	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, size, "%s, %02d %s %04d 00:00:00 +0000", days[date_weekday(d)], dd,
		 months[m - 1], y);
}

static const char *summary_of(const struct page *p)
{
	const char *d = text_of(p->params, "description");
	return d ? d : p->title;
}

static char *rss(const struct site *site, const struct page **items, size_t n)
{
	struct buf b = BUF_INIT;
	char date[64];
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		     "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n<title>");
	xml_escape(&b, site->title);
	buf_printf(&b, "</title>\n<link>%s</link>\n<description>", site->base_url);
	xml_escape(&b, *site->description ? site->description : site->title);
	buf_printf(&b, "</description>\n<language>%s</language>\n"
		   "<atom:link href=\"%sindex.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n",
		   site->lang, site->base_url);
	if (n && *items[0]->date) {
		rfc822(date, sizeof date, items[0]->date);
		buf_printf(&b, "<lastBuildDate>%s</lastBuildDate>\n", date);
	}
	for (size_t i = 0; i < n && i < 50; i++) {
		const struct page *p = items[i];
		buf_puts(&b, "<item>\n<title>");
		xml_escape(&b, p->title);
		buf_printf(&b, "</title>\n<link>%s%s</link>\n<guid>%s%s</guid>\n", site->base_url,
			   p->url, site->base_url, p->url);
		if (*p->date) {
			rfc822(date, sizeof date, p->date);
			buf_printf(&b, "<pubDate>%s</pubDate>\n", date);
		}
		buf_puts(&b, "<description>");
		xml_escape(&b, summary_of(p));
		buf_puts(&b, "</description>\n</item>\n");
	}
	buf_puts(&b, "</channel>\n</rss>\n");
	return buf_detach(&b);
}

static char *json_feed(const struct site *site, const struct page **items, size_t n)
{
	cJSON *feed = cJSON_CreateObject();
	cJSON_AddStringToObject(feed, "version", "https://jsonfeed.org/version/1.1");
	cJSON_AddStringToObject(feed, "title", site->title);
	cJSON_AddStringToObject(feed, "home_page_url", site->base_url);
	char *self = xasprintf("%sfeed.json", site->base_url);
	cJSON_AddStringToObject(feed, "feed_url", self);
	free(self);
	cJSON_AddStringToObject(feed, "language", site->lang);
	cJSON *list = cJSON_AddArrayToObject(feed, "items");
	for (size_t i = 0; i < n && i < 50; i++) {
		const struct page *p = items[i];
		cJSON *item = cJSON_CreateObject();
		char *url = xasprintf("%s%s", site->base_url, p->url);
		cJSON_AddStringToObject(item, "id", url);
		cJSON_AddStringToObject(item, "url", url);
		free(url);
		cJSON_AddStringToObject(item, "title", p->title);
		cJSON_AddStringToObject(item, "content_text", summary_of(p));
		if (*p->date) {
			char *d = xasprintf("%sT00:00:00Z", p->date);
			cJSON_AddStringToObject(item, "date_published", d);
			free(d);
		}
		cJSON_AddItemToArray(list, item);
	}
	char *text = cJSON_Print(feed);
	cJSON_Delete(feed);
	char *result = xasprintf("%s\n", text);
	free(text);
	return result;
}

static char *sitemap(const struct site *site)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < site->n_pages; i++) {
		const struct page *p = site->pages[i];
		buf_puts(&b, "<url><loc>");
		xml_escape(&b, site->base_url);
		xml_escape(&b, p->url);
		buf_puts(&b, "</loc>");
		if (*p->date)
			buf_printf(&b, "<lastmod>%s</lastmod>", p->date);
		buf_puts(&b, "</url>\n");
	}
	buf_puts(&b, "</urlset>\n");
	return buf_detach(&b);
}

/* The page as JSON beside it ("weeks/2024-W27.json"), for integrations. */
static int page_json(const struct site *site, const struct page *p)
{
	char *path = feed_json_path(site, p);
	uint64_t key = pages_key(site, path, &p, 1, false);
	if (site_unchanged(site, path, key)) {
		free(path);
		return 0;
	}
	char *text = cJSON_Print(p->params);
	struct buf b = BUF_INIT;
	buf_puts(&b, text);
	buf_putc(&b, '\n');
	int rc = site_write(site, path, b.data, b.len, key);
	buf_free(&b);
	free(text);
	free(path);
	return rc;
}

int feed_write_all(const struct site *site)
{
	const struct page **items;
	size_t n = feed_items(site, &items);
	const char *names[4] = { "index.xml", "feed.json", "sitemap.xml", "robots.txt" };
	int rc = 0;
	for (int i = 0; rc == 0 && i < 4; i++) {
		/* made again only when what they show changed */
		uint64_t key = i < 2 ? pages_key(site, names[i], items, n, false)
			     : i == 2 ? pages_key(site, names[i], (const struct page *const *)site->pages,
						  site->n_pages, true)
				      : pages_key(site, names[i], NULL, 0, false);
		if (site_unchanged(site, names[i], key))
			continue;
		char *text = i == 0   ? rss(site, items, n)
			     : i == 1 ? json_feed(site, items, n)
			     : i == 2 ? sitemap(site)
				      : xasprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n",
						  site->base_url);
		rc = site_write(site, names[i], text, strlen(text), key);
		free(text);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = page_json(site, items[i]);
	free(items);
	return rc;
}

/* ---- JSON-LD ---- */

static cJSON *movie(const cJSON *film)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "@type", "Movie");
	const char *title = text_of(film, "title");
	cJSON_AddStringToObject(m, "name", title ? title : "");
	const char *date = text_of(film, "release_date");
	if (date)
		cJSON_AddStringToObject(m, "datePublished", date);
	const char *poster = text_of(film, "poster");
	if (poster)
		cJSON_AddStringToObject(m, "image", poster);
	const cJSON *runtime = cJSON_GetObjectItemCaseSensitive(film, "runtime");
	if (cJSON_IsNumber(runtime) && runtime->valuedouble > 0) {
		char d[32];
		snprintf(d, sizeof d, "PT%dM", (int)runtime->valuedouble);
		cJSON_AddStringToObject(m, "duration", d);
	}
	const cJSON *directors = cJSON_GetObjectItemCaseSensitive(film, "director");
	if (cJSON_IsArray(directors) && directors->child) {
		cJSON *list = cJSON_AddArrayToObject(m, "director");
		const cJSON *d;
		cJSON_ArrayForEach(d, directors)
			if (cJSON_IsString(d)) {
				cJSON *person = cJSON_CreateObject();
				cJSON_AddStringToObject(person, "@type", "Person");
				cJSON_AddStringToObject(person, "name", d->valuestring);
				cJSON_AddItemToArray(list, person);
			}
	}
	const cJSON *genres = cJSON_GetObjectItemCaseSensitive(film, "genres");
	if (cJSON_IsArray(genres) && genres->child)
		cJSON_AddItemToObject(m, "genre", cJSON_Duplicate(genres, true));
	return m;
}

/* JSON inside <script>: no "</" can end the element early. */
static char *script_safe(cJSON *json)
{
	char *text = cJSON_PrintUnformatted(json);
	struct buf b = BUF_INIT;
	for (const char *s = text; *s; s++) {
		if (*s == '<')
			buf_puts(&b, "\\u003c");
		else if (*s == '>')
			buf_puts(&b, "\\u003e");
		else if (*s == '&')
			buf_puts(&b, "\\u0026");
		else
			buf_putc(&b, *s);
	}
	free(text);
	return buf_detach(&b);
}

char *feed_jsonld(const struct site *site, const struct page *page)
{
	cJSON *doc = NULL;
	const cJSON *params = page->params;
	if (strcmp(page->layout, "film") == 0) {
		doc = movie(params);
		cJSON_AddStringToObject(doc, "url", cJSON_GetObjectItemCaseSensitive(params, "permalink")->valuestring);
	} else {
		const cJSON *week = strcmp(page->layout, "week") == 0 ? params
				    : cJSON_GetObjectItemCaseSensitive(params, "week");
		const cJSON *picks = cJSON_GetObjectItemCaseSensitive(week, "picks");
		if (!cJSON_IsArray(picks) || !picks->child)
			return NULL;
		doc = cJSON_CreateArray();
		const cJSON *pick;
		cJSON_ArrayForEach(pick, picks)
		{
			const cJSON *film = cJSON_GetObjectItemCaseSensitive(pick, "film");
			cJSON *ev = cJSON_CreateObject();
			cJSON_AddStringToObject(ev, "@type", "ScreeningEvent");
			const char *title = text_of(film, "title");
			cJSON_AddStringToObject(ev, "name", title ? title : "");
			const char *start = text_of(week, "week_start"), *end = text_of(week, "week_end");
			if (start)
				cJSON_AddStringToObject(ev, "startDate", start);
			if (end)
				cJSON_AddStringToObject(ev, "endDate", end);
			cJSON *place = cJSON_AddObjectToObject(ev, "location");
			cJSON_AddStringToObject(place, "@type", "MovieTheater");
			cJSON_AddStringToObject(place, "name", site->title);
			cJSON_AddStringToObject(place, "url", site->base_url);
			const cJSON *screen = cJSON_GetObjectItemCaseSensitive(pick, "screen");
			if (cJSON_IsNumber(screen) || cJSON_IsString(screen)) {
				char s[64];
				if (cJSON_IsNumber(screen))
					snprintf(s, sizeof s, "%d", (int)screen->valuedouble);
				else
					snprintf(s, sizeof s, "%s", screen->valuestring);
				cJSON_AddStringToObject(place, "screenCount", "2");
				cJSON_AddStringToObject(ev, "screen", s);
			}
			cJSON_AddItemToObject(ev, "workPresented", movie(film ? film : pick));
			cJSON_AddItemToArray(doc, ev);
		}
		cJSON *wrap = cJSON_CreateObject();
		cJSON_AddStringToObject(wrap, "@context", "https://schema.org");
		cJSON_AddItemToObject(wrap, "@graph", doc);
		doc = wrap;
		char *text = script_safe(doc);
		cJSON_Delete(doc);
		return text;
	}
	cJSON *ctx = cJSON_CreateString("https://schema.org");
	cJSON_AddItemToObject(doc, "@context", ctx);
	char *text = script_safe(doc);
	cJSON_Delete(doc);
	return text;
}

char *feed_oembed(const struct site *site, const char *title, const char *url, int width,
		  int height)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "version", "1.0");
	cJSON_AddStringToObject(o, "type", "rich");
	cJSON_AddStringToObject(o, "title", title);
	cJSON_AddStringToObject(o, "provider_name", site->title);
	cJSON_AddStringToObject(o, "provider_url", site->base_url);
	cJSON_AddNumberToObject(o, "width", width);
	cJSON_AddNumberToObject(o, "height", height);
	struct buf html = BUF_INIT;
	buf_puts(&html, "<iframe src=\"");
	tpl_escape(&html, url, strlen(url));
	buf_printf(&html, "\" width=\"%d\" height=\"%d\" style=\"border:0;width:100%%\" title=\"",
		   width, height);
	tpl_escape(&html, title, strlen(title));
	buf_printf(&html, "\" loading=\"lazy\"></iframe><script src=\"%sembed.js\" async></script>",
		   site->base_url);
	cJSON_AddStringToObject(o, "html", buf_str(&html));
	buf_free(&html);
	char *text = cJSON_Print(o);
	cJSON_Delete(o);
	char *result = xasprintf("%s\n", text);
	free(text);
	return result;
}
