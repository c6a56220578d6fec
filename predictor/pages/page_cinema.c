/*
 * The cinema as the site shows it (pages.h): content/_data/cinema.json,
 * what the theme says of the theatre (its name, address, screens with
 * their showtimes, website), and the manager's starter pages, about.md and
 * prices.md, written in the site's language from marquee.yml until the
 * manager deletes their marker line and makes them their own.
 */
#define _GNU_SOURCE
#include "predictor/pages/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/json.h"
#include "common/xalloc.h"
#include "predictor/words/words.h"


static cJSON *cinema_json(const struct cinema *c)
{
	cJSON *o = cJSON_CreateObject();
	/* every key present, null when unknown: a template's lookup must not
	 * fall through to a page's key of the same name */
	cJSON_AddStringToObject(o, "name", c->name);
	if (c->url)
		cJSON_AddStringToObject(o, "url", c->url);
	else
		cJSON_AddNullToObject(o, "url");
	const char *keys[] = { "street", "postal_code", "locality", "region", "country" };
	const char *parts[] = { c->address.street, c->address.postal_code, c->address.locality,
				c->address.region, c->address.country };
	bool any = false;
	for (int i = 0; i < 5; i++)
		any |= parts[i] != NULL;
	cJSON *address = any ? cJSON_AddObjectToObject(o, "address") : NULL;
	if (!any)
		cJSON_AddNullToObject(o, "address");
	for (int i = 0; address && i < 5; i++) {
		if (parts[i])
			cJSON_AddStringToObject(address, keys[i], parts[i]);
		else
			cJSON_AddNullToObject(address, keys[i]);
	}
	cJSON_AddNumberToObject(o, "screen_count", (double)c->n_screens);
	cJSON *screens = cJSON_AddArrayToObject(o, "screens");
	for (size_t i = 0; i < c->n_screens; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "name", c->screens[i].name);
		cJSON_AddNumberToObject(s, "seats", c->screens[i].seats);
		cJSON_AddItemToObject(s, "showtimes",
				      json_strings(c->screens[i].showtimes, c->screens[i].n_showtimes));
		cJSON_AddItemToArray(screens, s);
	}
	cJSON_AddStringToObject(o, "currency", c->currency);
	return o;
}

/* Whether path is absent, or a starter page still marked as one. */
static bool starter_free(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return true;
	char line[256] = "";
	bool marked = fgets(line, sizeof line, f) && strcmp(line, "---\n") == 0 &&
		      fgets(line, sizeof line, f) &&
		      strncmp(line, CONTENT_STARTER, strlen(CONTENT_STARTER)) == 0;
	fclose(f);
	return marked;
}

static int starter_put(struct page_set *set, const char *rel, const char *title, int menu,
		       const char *body, const char *lang)
{
	char *path = xasprintf("%s/%s", set->dir, rel);
	int rc = 0;
	if (starter_free(path)) {
		char *note = words_say(lang, W_STARTER_NOTE, path);
		cJSON *t = cJSON_CreateString(title);
		char *quoted = json_print(t);
		char *text = xasprintf("---\n" CONTENT_STARTER " %s\ntitle: %s\nmenu: %d\n---\n%s", note,
				       quoted, menu, body);
		rc = content_put_file(set, rel, text, strlen(text));
		free(text);
		free(quoted);
		cJSON_Delete(t);
		free(note);
	}
	free(path);
	return rc;
}

static int about_page(struct page_set *set, const struct page_lang *pl)
{
	const struct cinema *c = pl->cinema;
	const char *lang = pl->lang;
	struct buf screens = BUF_INIT;
	for (size_t i = 0; i < c->n_screens; i++) {
		char *seats = words_count(lang, c->screens[i].seats);
		char *one = words_say(lang, W_ABOUT_SCREEN, c->screens[i].name, seats);
		if (i)
			buf_puts(&screens, i + 1 == c->n_screens ? words_get(lang, W_AND) : ", ");
		buf_puts(&screens, one);
		free(one);
		free(seats);
	}
	char *body = words_say(lang, W_ABOUT_BODY, c->name, c->n_screens, buf_str(&screens),
			       words_for(lang)->weekdays[c->week_starts]);
	if (!pl->public_site) {
		char *model = words_say(lang, W_ABOUT_MODEL, pl->label);
		char *both = xasprintf("%s%s", body, model);
		free(body);
		free(model);
		body = both;
	}
	int rc = starter_put(set, "about.md", words_get(lang, W_ABOUT_TITLE), 10, body, lang);
	free(body);
	buf_free(&screens);
	return rc;
}

static int prices_page(struct page_set *set, const struct page_lang *pl)
{
	const struct cinema *c = pl->cinema;
	const char *lang = pl->lang;
	struct buf body = BUF_INIT;
	buf_puts(&body, words_get(lang, W_PRICES_HEAD));
	enum word kinds[] = { W_PRICE_FULL, W_PRICE_REDUCED };
	double prices[] = { c->ticket_full, c->ticket_reduced };
	int n = c->ticket_full > 0 ? (c->ticket_reduced != c->ticket_full ? 2 : 1) : 0;
	if (n == 0) {
		kinds[0] = W_PRICE_TICKET;
		prices[0] = c->ticket_price;
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		char *price = words_number(lang, prices[i], 2);
		char *row = words_say(lang, W_PRICE_ROW, words_get(lang, kinds[i]), price, c->currency);
		buf_puts(&body, row);
		free(row);
		free(price);
	}
	int rc = starter_put(set, "prices.md", words_get(lang, W_PRICES_TITLE), 20, buf_str(&body),
			     lang);
	buf_free(&body);
	return rc;
}

int page_cinema_write(struct page_set *set, const struct page_lang *pl)
{
	cJSON *o = cinema_json(pl->cinema);
	char *text = cJSON_Print(o);
	char *line = xasprintf("%s\n", text);
	int rc = content_put_file(set, "_data/cinema.json", line, strlen(line));
	free(line);
	free(text);
	cJSON_Delete(o);
	if (rc == 0)
		rc = about_page(set, pl);
	if (rc == 0)
		rc = prices_page(set, pl);
	return rc;
}
