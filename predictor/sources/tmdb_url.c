/*
 * TMDB's URLs and credentials: which secret to use, where it goes, and the
 * request URLs with their parameters encoded. Pure string work.
 */
#include "predictor/sources/tmdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"

#define MAX_BASE_URL 200

struct tmdb_api {
	char *base_url; /* owned; without a trailing '/' */
	char *api_key;  /* owned; NULL when a read token (a header) authenticates */
	char *region;   /* owned; "FR" */
	char *language; /* owned; TMDB's tag, "fr-FR" */
};

static bool all_in(const char *s, const char *allowed)
{
	return s[strspn(s, allowed)] == '\0';
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/*
 * The shapes checked keep a secret that was pasted wrong (a quote, a line
 * break that would split the Authorization header) from reaching a request.
 */
static bool api_key_shaped(const char *s)
{
	size_t n = strlen(s);
	return n >= 16 && n <= 64 && all_in(s, ALNUM);
}

static bool read_token_shaped(const char *s)
{
	size_t n = strlen(s);
	return n >= 20 && n <= 4096 && all_in(s, ALNUM "._-");
}

int tmdb_auth_from_env(struct tmdb_auth *auth)
{
	const char *token = getenv("TMDB_READ_TOKEN");
	const char *key = getenv("TMDB_API_KEY");
	if (token && *token) {
		if (!read_token_shaped(token)) {
			msg_error("TMDB_READ_TOKEN is not a TMDB read access token (20 or more "
				  "letters, digits, '.', '-', '_'; the value is not shown)");
			return -1;
		}
		*auth = (struct tmdb_auth){ TMDB_AUTH_READ_TOKEN, "TMDB_READ_TOKEN", token };
		return 0;
	}
	if (key && *key) {
		if (!api_key_shaped(key)) {
			/* A read token is the secret people most often put here. */
			bool token_like = strncmp(key, "eyJ", 3) == 0 && read_token_shaped(key);
			msg_error("TMDB_API_KEY is not a TMDB v3 API key (16 to 64 letters and "
				  "digits; the value is not shown)%s",
				  token_like ? ": it looks like a read access token, which goes in "
					       "TMDB_READ_TOKEN"
					     : "");
			return -1;
		}
		*auth = (struct tmdb_auth){ TMDB_AUTH_API_KEY, "TMDB_API_KEY", key };
		return 0;
	}
	msg_error("no TMDB credentials: set TMDB_READ_TOKEN (a v4 read access token) or "
		  "TMDB_API_KEY (a v3 API key), both found at "
		  "https://www.themoviedb.org/settings/api");
	return -1;
}

const char *tmdb_auth_describe(const struct tmdb_auth *auth)
{
	return auth->kind == TMDB_AUTH_READ_TOKEN ? "a v4 read access token (TMDB_READ_TOKEN)"
						  : "a v3 API key (TMDB_API_KEY)";
}

char *tmdb_auth_header(const struct tmdb_auth *auth)
{
	if (auth->kind != TMDB_AUTH_READ_TOKEN)
		return NULL;
	return xasprintf("Authorization: Bearer %s", auth->secret);
}

/* scheme://host[:port][/path], nothing that could carry a query, a fragment
 * or credentials ('?', '#', '@'). */
static bool base_url_ok(const char *url)
{
	const char *rest;
	if (strncmp(url, "https://", 8) == 0)
		rest = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		rest = url + 7;
	else
		return false;
	return strlen(url) <= MAX_BASE_URL && rest[0] && rest[0] != '/' && rest[0] != ':' &&
	       all_in(rest, ALNUM "-._~:/%");
}

static bool upper2(const char *s)
{
	return strlen(s) == 2 && all_in(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

static bool lower2(const char *s)
{
	return strlen(s) == 2 && all_in(s, "abcdefghijklmnopqrstuvwxyz");
}

struct tmdb_api *tmdb_api_new(const char *base_url, const struct tmdb_auth *auth,
			      const char *region, const char *language)
{
	if (!base_url_ok(base_url)) {
		msg_error("TMDB base URL \"%.*s\": expected http(s)://HOST[:PORT]/PATH, "
			  "without '?', '#' or '@'",
			  MAX_BASE_URL, base_url);
		return NULL;
	}
	if (!upper2(region)) {
		msg_error("TMDB region \"%.8s\": expected two capital letters (ISO 3166-1, "
			  "as \"FR\")",
			  region);
		return NULL;
	}
	bool tagged = strlen(language) == 5 && language[2] == '-';
	char lang[3] = { language[0], language[0] ? language[1] : '\0', '\0' };
	if (!(lower2(language) || (tagged && lower2(lang) && upper2(language + 3)))) {
		msg_error("TMDB language \"%.8s\": expected \"fr\" or \"fr-FR\" (ISO 639-1, "
			  "then a region)",
			  language);
		return NULL;
	}
	struct tmdb_api *api = xcalloc(1, sizeof *api);
	size_t n = strlen(base_url);
	while (n && base_url[n - 1] == '/')
		n--;
	api->base_url = xstrndup(base_url, n);
	if (auth && auth->kind == TMDB_AUTH_API_KEY)
		api->api_key = xstrdup(auth->secret);
	api->region = xstrdup(region);
	api->language = tagged ? xstrdup(language) : xasprintf("%s-%s", language, region);
	return api;
}

void tmdb_api_free(struct tmdb_api *api)
{
	if (!api)
		return;
	free(api->base_url);
	free(api->api_key);
	free(api->region);
	free(api->language);
	free(api);
}

const char *tmdb_api_region(const struct tmdb_api *api)
{
	return api->region;
}

/*
 * RFC 3986 unreserved characters stay; so does ',', which TMDB documents
 * unencoded in append_to_response and which a query may hold as it is.
 */
static void put_encoded(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (strchr(ALNUM "-._~,", *p)) {
			buf_putc(b, (char)*p);
		} else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_append(b, esc, 3);
		}
	}
}

static void put_param(struct buf *b, const char *key, const char *value)
{
	buf_putc(b, strchr(buf_str(b), '?') ? '&' : '?');
	buf_puts(b, key);
	buf_putc(b, '=');
	put_encoded(b, value);
}

/* The URL so far with the API key added last, handed to the caller. */
static char *url_finish(const struct tmdb_api *api, struct buf *b)
{
	if (api->api_key)
		put_param(b, "api_key", api->api_key);
	return buf_detach(b);
}

char *tmdb_url_discover(const struct tmdb_api *api, long first_day, long last_day, int page)
{
	if (page < 1 || page > TMDB_MAX_PAGE) {
		msg_error("TMDB discover: page %d is outside 1..%d", page, TMDB_MAX_PAGE);
		return NULL;
	}
	char first[11], last[11];
	date_format(first_day, first);
	date_format(last_day, last);
	if (first_day > last_day) {
		msg_error("TMDB discover: the week ends (%s) before it starts (%s)", last, first);
		return NULL;
	}
	char page_text[16];
	snprintf(page_text, sizeof page_text, "%d", page);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/discover/movie", api->base_url);
	put_param(&b, "region", api->region);
	put_param(&b, "release_date.gte", first);
	put_param(&b, "release_date.lte", last);
	put_param(&b, "with_release_type", "2|3");
	put_param(&b, "language", api->language);
	put_param(&b, "sort_by", "popularity.desc");
	put_param(&b, "page", page_text);
	return url_finish(api, &b);
}

static bool id_ok(const char *what, long id)
{
	if (id >= 1 && id <= TMDB_MAX_ID)
		return true;
	msg_error("TMDB %s id %ld is outside 1..%ld", what, id, TMDB_MAX_ID);
	return false;
}

char *tmdb_url_movie(const struct tmdb_api *api, long movie_id)
{
	if (!id_ok("movie", movie_id))
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/movie/%ld", api->base_url, movie_id);
	put_param(&b, "append_to_response", "credits,keywords,release_dates,external_ids");
	put_param(&b, "language", api->language);
	return url_finish(api, &b);
}

char *tmdb_url_person(const struct tmdb_api *api, long person_id)
{
	if (!id_ok("person", person_id))
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/person/%ld", api->base_url, person_id);
	return url_finish(api, &b);
}

char *tmdb_url_configuration(const struct tmdb_api *api)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/configuration", api->base_url);
	return url_finish(api, &b);
}

char *tmdb_url_redact(const char *url)
{
	struct buf b = BUF_INIT;
	const char *query = strchr(url, '?');
	const char *p = url;
	while (query) {
		const char *key = strstr(query, "api_key=");
		if (!key)
			break;
		/* only a parameter named api_key, not one ending in it */
		if (key[-1] != '?' && key[-1] != '&') {
			query = key + 1;
			continue;
		}
		const char *value = key + strlen("api_key=");
		buf_append(&b, p, (size_t)(value - p));
		buf_puts(&b, "REDACTED");
		p = value + strcspn(value, "&#");
		query = p;
	}
	buf_puts(&b, p);
	return buf_detach(&b);
}

int tmdb_path_check(const char *path)
{
	size_t n = strlen(path);
	if (n < 2 || n > TMDB_MAX_TEXT || path[0] != '/' || !strchr(ALNUM, path[1]) ||
	    !all_in(path + 1, ALNUM "._-") || strstr(path, ".."))
		return -1;
	return 0;
}

/* The width of "w342", or 0 for "original" and anything else. */
static long size_width(const char *size)
{
	if (size[0] != 'w' || !size[1] || !all_in(size + 1, "0123456789") || strlen(size) > 6)
		return 0;
	return strtol(size + 1, NULL, 10);
}

const char *tmdb_images_size(const struct tmdb_images *images, int width)
{
	const char *best = NULL;
	long best_gap = 0, best_width = 0;
	for (size_t i = 0; i < images->n_poster_sizes; i++) {
		const char *size = images->poster_sizes[i];
		long w = size_width(size);
		if (w == 0)
			continue;
		long gap = labs(w - (long)width);
		if (!best || gap < best_gap || (gap == best_gap && w > best_width)) {
			best = size;
			best_gap = gap;
			best_width = w;
		}
	}
	if (best)
		return best;
	return images->n_poster_sizes ? images->poster_sizes[images->n_poster_sizes - 1]
				      : "original";
}

char *tmdb_url_poster(const struct tmdb_images *images, int width, const char *poster_path)
{
	if (tmdb_path_check(poster_path) != 0) {
		msg_error("poster path: not a TMDB image path (\"/NAME.jpg\")");
		return NULL;
	}
	/* the path begins with '/', which secure_base_url's trailing one stands for */
	return xasprintf("%s%s%s", images->secure_base_url, tmdb_images_size(images, width),
			 poster_path);
}
