/*
 * libFuzzer target: every TMDB parser on the same input (discover page,
 * movie details, person, configuration, error body), and the promises of
 * tmdb.h checked on what they keep: text is clean UTF-8 within its cap,
 * lists within theirs, numbers in range, paths safe; and the input as a URL
 * to redact. A broken promise aborts.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "predictor/sources/csv.h"
#include "predictor/sources/tmdb.h"

static void promise(bool kept)
{
	if (!kept)
		abort();
}

/* NULL or non-empty UTF-8, no control character, at most cap bytes. */
static void text(const char *s, size_t cap, bool multiline)
{
	if (!s)
		return;
	size_t n = strlen(s);
	promise(n > 0 && n <= cap && csv_check_text(s) == 0);
	promise(multiline || !strpbrk(s, "\t\r\n"));
	promise(s[0] != ' ' && s[n - 1] != ' ');
}

static void credits(const struct tmdb_credit *c, size_t n, size_t cap, bool billed)
{
	promise(n <= cap);
	for (size_t i = 0; i < n; i++) {
		promise(c[i].id >= 1 && c[i].id <= TMDB_MAX_ID && c[i].name);
		text(c[i].name, TMDB_MAX_TEXT, false);
		promise(c[i].popularity == -1 ||
			(isfinite(c[i].popularity) && c[i].popularity >= 0));
		/* billing order: the known orders ascending, the unknown after */
		if (billed && i > 0 && c[i].order >= 0)
			promise(c[i - 1].order >= 0 && c[i - 1].order <= c[i].order);
	}
}

static void movie(const struct tmdb_movie *m)
{
	promise(m->id >= 1 && m->id <= TMDB_MAX_ID && m->title);
	text(m->title, TMDB_MAX_TEXT, false);
	text(m->original_title, TMDB_MAX_TEXT, false);
	text(m->certification, 32, false);
	text(m->overview, TMDB_MAX_OVERVIEW, true);
	text(m->collection_name, TMDB_MAX_TEXT, false);
	promise(!m->original_language || strlen(m->original_language) == 2);
	promise(!m->imdb_id || strncmp(m->imdb_id, "tt", 2) == 0);
	promise(!m->poster_path || tmdb_path_check(m->poster_path) == 0);
	promise(m->runtime_min >= 0 && m->runtime_min <= 1000);
	promise(m->budget_usd >= 0 && m->budget_usd <= TMDB_MAX_BUDGET);
	promise((m->release == TMDB_NO_DATE) == (m->release_source == TMDB_RELEASE_UNKNOWN));
	promise(m->release_source != TMDB_RELEASE_PRIMARY || m->release == m->release_first);
	credits(m->cast, m->n_cast, TMDB_MAX_CAST, true);
	credits(m->directors, m->n_directors, TMDB_MAX_DIRECTORS, false);
	promise(m->n_genres <= TMDB_MAX_LIST && m->n_countries <= TMDB_MAX_LIST &&
		m->n_languages <= TMDB_MAX_LIST && m->n_companies <= TMDB_MAX_LIST &&
		m->n_keywords <= TMDB_MAX_KEYWORDS);
	for (size_t i = 0; i < m->n_genres; i++)
		text(m->genres[i], TMDB_MAX_TEXT, false);
	for (size_t i = 0; i < m->n_keywords; i++)
		text(m->keywords[i], TMDB_MAX_TEXT, false);
	for (size_t i = 0; i < m->n_countries; i++) {
		promise(strlen(m->countries[i].code) == 2);
		text(m->countries[i].name, TMDB_MAX_TEXT, false);
	}
	for (size_t i = 0; i < m->n_languages; i++)
		promise(strlen(m->languages[i].code) == 2);
	for (size_t i = 0; i < m->n_companies; i++)
		text(m->companies[i].name, TMDB_MAX_TEXT, false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	msg_set_level(MSG_QUIET);
	const char *body = (const char *)data;

	struct tmdb_movie *m;
	if (tmdb_movie_parse(body, size, "fuzz", "FR", &m) == 0) {
		movie(m);
		tmdb_movie_free(m);
	}
	struct tmdb_page *page;
	if (tmdb_page_parse(body, size, "fuzz", &page) == 0) {
		promise(page->n_results <= TMDB_MAX_RESULTS && page->page >= 1);
		for (size_t i = 0; i < page->n_results; i++) {
			text(page->results[i].title, TMDB_MAX_TEXT, false);
			promise(!page->results[i].poster_path ||
				tmdb_path_check(page->results[i].poster_path) == 0);
		}
		tmdb_page_free(page);
	}
	struct tmdb_person *person;
	if (tmdb_person_parse(body, size, "fuzz", &person) == 0) {
		text(person->name, TMDB_MAX_TEXT, false);
		promise(person->deathday == TMDB_NO_DATE || person->birthday == TMDB_NO_DATE ||
			person->deathday >= person->birthday);
		tmdb_person_free(person);
	}
	struct tmdb_images *images;
	if (tmdb_images_parse(body, size, "fuzz", &images) == 0) {
		promise(images->n_poster_sizes >= 1 && images->n_poster_sizes <= TMDB_MAX_SIZES);
		char *url = tmdb_url_poster(images, 342, "/poster.jpg");
		promise(url && strncmp(url, "http", 4) == 0 && !strpbrk(url, " \"<>\r\n"));
		free(url);
		tmdb_images_free(images);
	}
	/* the input as a URL to redact: a value after "api_key=" never survives */
	char *url = strndup(body, size);
	char *shown = tmdb_url_redact(url);
	const char *key = strstr(shown, "?api_key=");
	promise(!key || strncmp(key + 9, "REDACTED", 8) == 0);
	free(shown);
	free(url);

	int code;
	char *sentence = tmdb_error_message(body, size, &code);
	if (sentence) {
		promise(strlen(sentence) < 300);
		for (const unsigned char *p = (const unsigned char *)sentence; *p; p++)
			promise(*p >= 0x20 && *p != 0x7F);
		free(sentence);
	}
	return 0;
}
