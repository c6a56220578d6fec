/* Feeds, sitemap, robots.txt and oEmbed: text built from pages. */
#include "generator/feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "common/text/utf8.h"

/*
 * s as XML text: & < > " ' as entities, and what XML 1.0 cannot hold at all
 * (control characters but tab and line breaks, bytes that are not UTF-8,
 * U+FFFE and U+FFFF) as U+FFFD: front matter's escapes can put anything in
 * a title, and one such character would make the whole feed unreadable.
 */
static void xml_escape(struct buf *out, const char *s)
{
	while (*s) {
		unsigned cp;
		int len = utf8_decode(s, &cp);
		if (!len || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xfffe ||
		    cp == 0xffff) {
			buf_puts(out, "\xef\xbf\xbd");
			s += len ? len : 1;
			continue;
		}
		tpl_escape(out, s, (size_t)len);
		s += len;
	}
}

/*
 * The absolute URL of path (a page's "films/café/"): the base URL, then
 * path with every byte outside RFC 3986's unreserved characters and "/"
 * percent-encoded (its UTF-8 above all), as the sitemaps protocol and the
 * feeds' readers want it. Owned by the caller.
 */
static char *absolute_url(const struct site *site, const char *path)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, site->base_url);
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~/", *s))
			buf_putc(&b, (char)*s);
		else
			buf_printf(&b, "%%%02X", *s);
	}
	return buf_detach(&b);
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
	return !p->is_list && (!site->feed_section || strcmp(p->dir, site->feed_section) == 0);
}

char *feed_json_path(const struct site *site, const struct page *p)
{
	/* "weeks/2024-W27/" -> "weeks/2024-W27.json" */
	return site->feed_json && feed_item(site, p) ? xasprintf("%.*s.json", (int)strlen(p->url) - 1, p->url) : NULL;
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

/* What the feeds say the site is: site.description, else the home page's
 * description (what the content says it publishes), else its title. */
static const char *channel_description(const struct site *site)
{
	if (*site->description)
		return site->description;
	const char *d = site->home ? text_of(site->home->params, "description") : NULL;
	return d && *d ? d : site->title;
}

/* A page's date, or for a list page without one its newest page's. */
static const char *date_of(const struct page *p)
{
	if (*p->date || !p->is_list)
		return p->date;
	const char *newest = "";
	for (size_t i = 0; i < p->n_members; i++) {
		const char *d = date_of(p->members[i]);
		if (strcmp(d, newest) > 0)
			newest = d;
	}
	return newest;
}

static char *rss(const struct site *site, const struct page **items, size_t n)
{
	struct buf b = BUF_INIT;
	char date[64];
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		     "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n<title>");
	xml_escape(&b, site->title);
	buf_printf(&b, "</title>\n<link>%s</link>\n<description>", site->base_url);
	xml_escape(&b, channel_description(site));
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
		char *url = absolute_url(site, p->url);
		buf_puts(&b, "</title>\n<link>");
		xml_escape(&b, url);
		buf_puts(&b, "</link>\n<guid>");
		xml_escape(&b, url);
		buf_puts(&b, "</guid>\n");
		free(url);
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
	cJSON_AddStringToObject(feed, "description", channel_description(site));
	cJSON_AddStringToObject(feed, "language", site->lang);
	cJSON *list = cJSON_AddArrayToObject(feed, "items");
	for (size_t i = 0; i < n && i < 50; i++) {
		const struct page *p = items[i];
		cJSON *item = cJSON_CreateObject();
		char *url = absolute_url(site, p->url);
		cJSON_AddStringToObject(item, "id", url);
		cJSON_AddStringToObject(item, "url", url);
		free(url);
		cJSON_AddStringToObject(item, "title", p->title);
		cJSON_AddStringToObject(item, "content_text", summary_of(p));
		cJSON_AddStringToObject(item, "summary", summary_of(p));
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
		char *url = absolute_url(site, p->url);
		xml_escape(&b, url);
		free(url);
		buf_puts(&b, "</loc>");
		const char *date = date_of(p);
		if (*date)
			buf_printf(&b, "<lastmod>%s</lastmod>", date);
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
	/* beside the page, its url would resolve against the JSON's folder: absolute */
	cJSON *params = cJSON_Duplicate(p->params, true);
	const cJSON *permalink = cJSON_GetObjectItemCaseSensitive(params, "permalink");
	if (cJSON_IsString(permalink))
		cJSON_ReplaceItemInObjectCaseSensitive(params, "url",
						       cJSON_CreateString(permalink->valuestring));
	char *text = cJSON_Print(params);
	cJSON_Delete(params);
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
		uint64_t key = i < 2 ? hash_bytes(pages_key(site, names[i], items, n, false),
						  site->home ? &site->home->meta_hash : &n,
						  sizeof site->home->meta_hash)
			     : i == 2 ? pages_key(site, names[i], (const struct page *const *)site->pages,
						  site->n_pages, true)
				      : pages_key(site, names[i], NULL, 0, false);
		if (site_unchanged(site, names[i], key))
			continue;
		char *text = i == 0   ? rss(site, items, n)
			     : i == 1 ? json_feed(site, items, n)
			     : i == 2 ? sitemap(site)
			     : site->public_site
				     ? xasprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n",
						 site->base_url)
				     /* the manager's site is for the staff: not to be indexed */
				     : xstrdup("User-agent: *\nDisallow: /\n");
		rc = site_write(site, names[i], text, strlen(text), key);
		free(text);
	}
	for (size_t i = 0; rc == 0 && site->feed_json && i < n; i++)
		rc = page_json(site, items[i]);
	free(items);
	return rc;
}

/* ---- oEmbed ---- */

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
