/*
 * The TMDB mapping: URLs, credentials, and the parsers on genuine captures
 * (read from ../shared/fixtures/tmdb, skipped when absent) and on hand-made
 * bodies (the hostile ones are in test_tmdb_hostile.c). Every message is
 * captured and checked.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/xalloc.h"
#include "tests/unit/harness.h"
#include "tests/unit/predictor/sources/tmdb_parse.h"
#include "predictor/sources/tmdb.h"

/* ---- helpers, shared with test_tmdb_hostile.c (tmdb_parse.h) ---- */

/* The test's JSON, written with ' for " (owned). */
char *json_of(const char *quoted)
{
	char *s = xstrdup(quoted);
	for (char *p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	return s;
}

/* Both strings, and equal. */
bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

long day(const char *ymd)
{
	long d = TMDB_NO_DATE;
	date_parse(ymd, &d);
	return d;
}

/* Parses a movie from body, messages into *said (owned); NULL when rejected. */
struct tmdb_movie *movie_from(const char *body, size_t len, const char *region, char **said)
{
	struct tmdb_movie *m = (struct tmdb_movie *)1;
	harness_capture_begin();
	int rc = tmdb_movie_parse(body, len, "test", region, &m);
	*said = harness_capture_end();
	OK((rc == 0) == (m != NULL), "rc %d goes with *out", rc);
	return m;
}

struct tmdb_movie *movie_json(const char *quoted, const char *region, char **said)
{
	char *body = json_of(quoted);
	struct tmdb_movie *m = movie_from(body, strlen(body), region, said);
	free(body);
	return m;
}

struct tmdb_page *page_from(const char *body, size_t len, char **said)
{
	struct tmdb_page *p;
	harness_capture_begin();
	int rc = tmdb_page_parse(body, len, "test", &p);
	*said = harness_capture_end();
	OK((rc == 0) == (p != NULL), "rc %d goes with *out", rc);
	return p;
}

struct tmdb_person *person_json(const char *quoted, char **said)
{
	char *body = json_of(quoted);
	struct tmdb_person *p;
	harness_capture_begin();
	int rc = tmdb_person_parse(body, strlen(body), "test", &p);
	*said = harness_capture_end();
	OK((rc == 0) == (p != NULL), "rc %d goes with *out", rc);
	free(body);
	return p;
}

struct tmdb_images *images_json(const char *quoted, char **said)
{
	char *body = json_of(quoted);
	struct tmdb_images *img;
	harness_capture_begin();
	int rc = tmdb_images_parse(body, strlen(body), "test", &img);
	*said = harness_capture_end();
	OK((rc == 0) == (img != NULL), "rc %d goes with *out", rc);
	free(body);
	return img;
}
/* ---- URLs and credentials ---- */

static void test_urls(void)
{
	struct tmdb_auth key = { TMDB_AUTH_API_KEY, "TMDB_API_KEY",
				 "0123456789abcdef0123456789abcdef" };
	struct tmdb_auth token = { TMDB_AUTH_READ_TOKEN, "TMDB_READ_TOKEN",
				   "eyJhbGciOiJIUzI1NiJ9.e30.sig" };
	struct tmdb_api *api = tmdb_api_new(TMDB_BASE_URL, &key, "FR", "fr");
	OK(api != NULL, "api with a key");
	STR_EQ(tmdb_api_region(api), "FR", "region kept");
	char *url = tmdb_url_discover(api, day("2024-07-03"), day("2024-07-09"), 2);
	STR_EQ(url,
	       "https://api.themoviedb.org/3/discover/movie?region=FR&release_date.gte=2024-07-03"
	       "&release_date.lte=2024-07-09&with_release_type=2%7C3&language=fr-FR"
	       "&sort_by=popularity.desc&page=2&api_key=0123456789abcdef0123456789abcdef",
	       "discover URL");
	char *shown = tmdb_url_redact(url);
	OK(strstr(shown, "api_key=REDACTED") && !strstr(shown, "0123456789abcdef"), "redacted: %s",
	   shown);
	free(shown);
	free(url);
	url = tmdb_url_movie(api, 550);
	STR_EQ(url,
	       "https://api.themoviedb.org/3/movie/550?append_to_response=credits,keywords,"
	       "release_dates,external_ids&language=fr-FR&api_key=0123456789abcdef0123456789abcdef",
	       "movie URL");
	free(url);
	url = tmdb_url_person(api, 287);
	STR_EQ(url,
	       "https://api.themoviedb.org/3/person/287?api_key=0123456789abcdef0123456789abcdef",
	       "person URL");
	free(url);
	url = tmdb_url_configuration(api);
	STR_EQ(
	    url,
	    "https://api.themoviedb.org/3/configuration?api_key=0123456789abcdef0123456789abcdef",
	    "configuration URL");
	free(url);

	harness_capture_begin();
	char *none = tmdb_url_discover(api, day("2024-07-03"), day("2024-07-09"), 0);
	char *past =
	    tmdb_url_discover(api, day("2024-07-03"), day("2024-07-09"), TMDB_MAX_PAGE + 1);
	char *reversed = tmdb_url_discover(api, day("2024-07-09"), day("2024-07-03"), 1);
	char *no_id = tmdb_url_movie(api, 0);
	char *said = harness_capture_end();
	OK(!none && !past && !reversed && !no_id, "bad page, range and id refused");
	HAS(said, "page 0 is outside 1..500", "page 0");
	HAS(said, "the week ends (2024-07-03) before it starts (2024-07-09)", "reversed week");
	HAS(said, "movie id 0 is outside", "id 0");
	free(said);
	tmdb_api_free(api);

	/* a read token stays out of URLs; a test server's base; a tagged language */
	api = tmdb_api_new("http://127.0.0.1:8089/3/", &token, "BE", "nl-BE");
	url = tmdb_url_movie(api, 550);
	STR_EQ(
	    url,
	    "http://127.0.0.1:8089/3/movie/550?append_to_response=credits,keywords,release_dates,"
	    "external_ids&language=nl-BE",
	    "token: nothing secret in the URL; trailing slash dropped");
	free(url);
	tmdb_api_free(api);
	char *header = tmdb_auth_header(&token);
	STR_EQ(header, "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "bearer header");
	free(header);
	OK(tmdb_auth_header(&key) == NULL, "no header for an API key");

	/* values are encoded: a key pasted with '&' cannot add a parameter */
	struct tmdb_auth odd = { TMDB_AUTH_API_KEY, "TMDB_API_KEY", "a&b=c d" };
	api = tmdb_api_new(TMDB_BASE_URL, &odd, "FR", "en");
	url = tmdb_url_configuration(api);
	STR_EQ(url, "https://api.themoviedb.org/3/configuration?api_key=a%26b%3Dc%20d",
	       "api_key encoded");
	free(url);
	tmdb_api_free(api);
	url = tmdb_url_redact("http://h/3/x?my_api_key=1&api_key=s3cret&page=2#api_key=x");
	STR_EQ(url, "http://h/3/x?my_api_key=1&api_key=REDACTED&page=2#api_key=x",
	       "only the api_key parameter is redacted");
	free(url);

	harness_capture_begin();
	OK(!tmdb_api_new("ftp://x/3", NULL, "FR", "fr"), "ftp refused");
	OK(!tmdb_api_new("https://user:pw@evil/3", NULL, "FR", "fr"), "credentials refused");
	OK(!tmdb_api_new("https://h/3?x=1", NULL, "FR", "fr"), "query refused");
	OK(!tmdb_api_new(TMDB_BASE_URL, NULL, "France", "fr"), "long region refused");
	OK(!tmdb_api_new(TMDB_BASE_URL, NULL, "fr", "fr"), "lower-case region refused");
	OK(!tmdb_api_new(TMDB_BASE_URL, NULL, "FR", "french"), "language refused");
	said = harness_capture_end();
	HAS(said, "TMDB base URL \"ftp://x/3\"", "base URL named");
	HAS(said, "TMDB region \"France\"", "region named");
	HAS(said, "TMDB language \"french\"", "language named");
	free(said);
}

static void test_auth(void)
{
	const char *key = "0123456789abcdef0123456789abcdef";
	const char *token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIxMjMifQ.c2lnbmF0dXJl";
	struct tmdb_auth auth;
	unsetenv("TMDB_API_KEY");
	unsetenv("TMDB_READ_TOKEN");
	harness_capture_begin();
	int rc = tmdb_auth_from_env(&auth);
	char *said = harness_capture_end();
	INT_EQ(rc, -1, "no credentials");
	HAS(said, "set TMDB_READ_TOKEN", "says what to set");
	free(said);

	setenv("TMDB_API_KEY", key, 1);
	INT_EQ(tmdb_auth_from_env(&auth), 0, "key");
	INT_EQ(auth.kind, TMDB_AUTH_API_KEY, "key kind");
	STR_EQ(tmdb_auth_describe(&auth), "a v3 API key (TMDB_API_KEY)", "described");
	setenv("TMDB_READ_TOKEN", token, 1);
	INT_EQ(tmdb_auth_from_env(&auth), 0, "both");
	INT_EQ(auth.kind, TMDB_AUTH_READ_TOKEN, "the token wins");
	STR_EQ(auth.variable, "TMDB_READ_TOKEN", "variable");

	setenv("TMDB_READ_TOKEN", "eyJ not a token\r\nX-Evil: 1", 1);
	harness_capture_begin();
	rc = tmdb_auth_from_env(&auth);
	said = harness_capture_end();
	INT_EQ(rc, -1, "malformed token");
	HAS(said, "TMDB_READ_TOKEN is not a TMDB read access token", "says which");
	OK(!strstr(said, "Evil"), "the value is not shown");
	free(said);
	unsetenv("TMDB_READ_TOKEN");
	setenv("TMDB_API_KEY", token, 1);
	harness_capture_begin();
	rc = tmdb_auth_from_env(&auth);
	said = harness_capture_end();
	INT_EQ(rc, -1, "a token in TMDB_API_KEY");
	HAS(said, "it looks like a read access token, which goes in TMDB_READ_TOKEN", "hint");
	OK(!strstr(said, token), "the secret is not shown");
	free(said);
	unsetenv("TMDB_API_KEY");
}

/* ---- genuine captures ---- */

static char *fixture(const char *dir, const char *name, size_t *len)
{
	char *path = xasprintf("%s/jdrouet__%s", dir, name);
	char *text = file_read_all(path, len);
	free(path);
	return text;
}

static cJSON *fixture_json(const char *dir, const char *name)
{
	size_t len;
	char *text = fixture(dir, name, &len);
	cJSON *json = text ? cJSON_Parse(text) : NULL;
	free(text);
	return json;
}

/* Details with credits, keywords, release_dates and external_ids appended,
 * as /movie/550?append_to_response=... answers, from the separate captures. */
static char *fight_club(const char *dir)
{
	static const char *const parts[][2] = { { "credits", "movie-credits.json" },
						{ "keywords", "movie-keywords.json" },
						{ "release_dates", "movie-release-dates.json" },
						{ "external_ids", "movie-external-ids.json" } };
	cJSON *details = fixture_json(dir, "movie-details.json");
	for (size_t i = 0; details && i < sizeof parts / sizeof parts[0]; i++) {
		cJSON *part = fixture_json(dir, parts[i][1]);
		cJSON_DeleteItemFromObjectCaseSensitive(part, "id");
		cJSON_AddItemToObject(details, parts[i][0], part);
	}
	char *body = details ? cJSON_PrintUnformatted(details) : NULL;
	cJSON_Delete(details);
	return body;
}

static void test_fixture_movie(const char *dir)
{
	char *body = fight_club(dir), *said;
	OK(body != NULL, "fight club assembled");
	if (!body)
		return;
	struct tmdb_movie *m = movie_from(body, strlen(body), "FR", &said);
	QUIET(said, "Fight Club, FR");
	free(said);
	if (m) {
		INT_EQ(m->id, 550, "id");
		STR_EQ(m->title, "Fight Club", "title");
		STR_EQ(m->original_title, "Fight Club", "original title");
		INT_EQ(m->release, day("1999-11-10"),
		       "FR theatrical date, not the 2019 re-release");
		INT_EQ(m->release_source, TMDB_RELEASE_THEATRICAL, "from a type 3 entry");
		INT_EQ(m->release_first, day("1999-10-15"), "first release anywhere");
		INT_EQ(m->release_us, day("1999-10-15"), "US theatrical, not the festivals");
		STR_EQ(m->certification, "16", "FR certification");
		INT_EQ(m->runtime_min, 139, "runtime");
		NEAR(m->budget_usd, 63e6, 0, "budget");
		STR_EQ(m->original_language, "en", "original language");
		OK(m->n_genres == 1 && same(m->genres[0], "Drama"), "genres");
		OK(m->n_countries == 2 && same(m->countries[0].code, "DE") &&
		       same(m->countries[1].name, "United States of America"),
		   "production countries");
		OK(m->n_languages == 1 && same(m->languages[0].code, "en") &&
		       same(m->languages[0].name, "English"),
		   "spoken languages");
		OK(m->collection_id == 0 && !m->collection_name, "no collection");
		INT_EQ(m->n_cast, 76, "whole cast");
		if (m->n_cast >= 2) {
			STR_EQ(m->cast[0].name, "Edward Norton", "top billing");
			INT_EQ(m->cast[0].id, 819, "top billing id");
			INT_EQ(m->cast[1].order, 1, "second billing");
			NEAR(m->cast[0].popularity, 19.575, 1e-9, "cast popularity");
		}
		OK(m->n_directors == 1 && m->directors[0].id == 7467 &&
		       same(m->directors[0].name, "David Fincher"),
		   "the director");
		OK(m->n_companies == 5 && m->companies[0].id == 711 &&
		       same(m->companies[0].name, "Fox 2000 Pictures"),
		   "companies");
		OK(m->n_keywords == 14 && same(m->keywords[0], "dual identity"), "keywords");
		OK(m->overview && strncmp(m->overview, "A ticking-time-bomb insomniac", 29) == 0,
		   "overview");
		STR_EQ(m->imdb_id, "tt0137523", "IMDb id");
		NEAR(m->popularity, 93.958, 1e-9, "popularity");
		INT_EQ(m->vote_count, 27917, "votes");
		STR_EQ(m->poster_path, "/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg", "poster");
	}
	tmdb_movie_free(m);

	m = movie_from(body, strlen(body), "DE", &said);
	OK(m && m->release == day("1999-11-11") && m->certification && same(m->certification, "18"),
	   "Germany's date and certification");
	tmdb_movie_free(m);
	free(said);
	m = movie_from(body, strlen(body), "US", &said);
	OK(m && m->release == day("1999-10-15") && m->release_us == m->release &&
	       same(m->certification, "R"),
	   "the US as the region");
	tmdb_movie_free(m);
	free(said);
	free(body);

	/* the capture without appended parts: the top-level date, said so */
	size_t len;
	body = fixture(dir, "movie-details.json", &len);
	m = movie_from(body, len, "FR", &said);
	QUIET(said, "bare details");
	OK(m && m->release == day("1999-10-15") && m->release_source == TMDB_RELEASE_PRIMARY,
	   "no release_dates: the top-level date");
	OK(m && !m->certification && m->n_cast == 0 && m->release_us == TMDB_NO_DATE,
	   "no appended parts: unknown");
	OK(m && m->imdb_id && same(m->imdb_id, "tt0137523"), "top-level imdb_id");
	tmdb_movie_free(m);
	free(said);
	free(body);
}

static void test_fixture_others(const char *dir)
{
	size_t len;
	char *said;
	char *body = fixture(dir, "movie-upcoming.json", &len);
	struct tmdb_page *p = page_from(body, len, &said);
	QUIET(said, "upcoming page");
	OK(p && p->page == 1 && p->total_pages == 37 && p->total_results == 737, "page counts");
	OK(p && p->n_results == 20 && p->n_skipped == 0, "20 results");
	if (p && p->n_results) {
		INT_EQ(p->results[0].id, 787699, "first result id");
		STR_EQ(p->results[0].title, "Wonka", "first result title");
		INT_EQ(p->results[0].release, day("2023-12-06"), "first result date");
		NEAR(p->results[0].popularity, 3205.442, 1e-9, "first result popularity");
		INT_EQ(p->results[0].vote_count, 1411, "first result votes");
		STR_EQ(p->results[0].poster_path, "/qhb1qOilapbapxWQn9jtRCMwXJF.jpg", "poster");
	}
	tmdb_page_free(p);
	free(said);
	free(body);
	body = fixture(dir, "movie-now-playing.json", &len);
	p = page_from(body, len, &said);
	OK(p && p->n_results > 0 && p->n_skipped == 0, "now playing page");
	QUIET(said, "now playing page");
	tmdb_page_free(p);
	free(said);
	free(body);

	body = fixture(dir, "person-details.json", &len);
	struct tmdb_person *person;
	harness_capture_begin();
	tmdb_person_parse(body, len, "person", &person);
	said = harness_capture_end();
	QUIET(said, "person");
	OK(person && person->id == 287 && same(person->name, "Brad Pitt"), "Brad Pitt");
	OK(person && person->birthday == day("1963-12-18") && person->deathday == TMDB_NO_DATE,
	   "birthday, no deathday");
	OK(person && fabs(person->popularity - 42.404) < 1e-9, "person popularity");
	tmdb_person_free(person);
	free(said);
	free(body);

	int code = 0;
	body = fixture(dir, "invalid-api-key.json", &len);
	char *sentence = tmdb_error_message(body, len, &code);
	INT_EQ(code, 7, "status 7");
	STR_EQ(sentence, "invalid API key (TMDB status 7): check TMDB_API_KEY or TMDB_READ_TOKEN",
	       "invalid key");
	free(sentence);
	struct tmdb_movie *m = movie_from(body, len, "FR", &said);
	OK(!m, "an error body is no movie");
	STR_EQ(said,
	       "marquee: test: invalid API key (TMDB status 7): check TMDB_API_KEY or "
	       "TMDB_READ_TOKEN\n",
	       "the parser says the error once");
	free(said);
	free(body);
	body = fixture(dir, "resource-not-found.json", &len);
	sentence = tmdb_error_message(body, len, &code);
	INT_EQ(code, 34, "status 34 without \"success\"");
	STR_EQ(sentence, "not found (TMDB status 34)", "not found");
	free(sentence);
	free(body);
	body = fixture(dir, "movie-videos.json", &len);
	OK(tmdb_error_message(body, len, NULL) == NULL, "videos are no error body");
	free(body);
}

/* ---- hand-made bodies ---- */

/* A French film: a Cannes premiere, then cinemas, then a platform. */
static const char monte_cristo[] =
    "{'id':1084736,'title':'Le Comte de Monte-Cristo','original_title':'Le Comte de "
    "Monte-Cristo','original_language':'fr','release_date':'2024-05-22','runtime':178,"
    "'budget':42900000,'belongs_to_collection':null,'popularity':61.2,'vote_count':1234,"
    "'genres':[{'id':12,'name':'Aventure'},{'id':18,'name':'Drame'}],"
    "'production_countries':[{'iso_3166_1':'FR','name':'France'}],"
    "'spoken_languages':[{'english_name':'French','iso_639_1':'fr','name':'Français'},"
    "{'english_name':'Esperanto','iso_639_1':'eo','name':''}],"
    "'overview':'Victime d’un complot,\\nEdmond Dantès est arrêté.','imdb_id':'tt26446278',"
    "'release_dates':{'results':["
    "{'iso_3166_1':'FR','release_dates':["
    "{'certification':'','note':'Cannes','release_date':'2024-05-22T00:00:00.000Z','type':1},"
    "{'certification':'TP','note':'','release_date':'2024-06-28T00:00:00.000Z','type':3},"
    "{'certification':'12','note':'Canal+','release_date':'2024-11-20T00:00:00.000Z','type':4}]},"
    "{'iso_3166_1':'US','release_dates':["
    "{'certification':'','release_date':'2024-12-20T00:00:00.000Z','type':2}]}]},"
    "'credits':{'cast':[{'id':2,'name':'Anaïs Demoustier','order':1,'popularity':9.1},"
    "{'id':1,'name':'Pierre Niney','order':0,'popularity':12.5}],"
    "'crew':[{'id':5,'name':'Alexandre de La Patellière','job':'Director'},"
    "{'id':6,'name':'Matthieu Delaporte','job':'Director'},"
    "{'id':5,'name':'Alexandre de La Patellière','job':'Director'},"
    "{'id':7,'name':'Dimitri Rassam','job':'Producer'}]},"
    "'keywords':{'keywords':[{'id':1,'name':'vengeance'}]},"
    "'external_ids':{'imdb_id':null}}";

static void test_french_film(void)
{
	char *said;
	struct tmdb_movie *m = movie_json(monte_cristo, "FR", &said);
	QUIET(said, "Monte-Cristo");
	free(said);
	if (!m) {
		OK(0, "Monte-Cristo parses");
		return;
	}
	INT_EQ(m->release, day("2024-06-28"), "in cinemas, not at Cannes");
	INT_EQ(m->release_source, TMDB_RELEASE_THEATRICAL, "type 3");
	STR_EQ(m->certification, "TP", "the theatrical certification, not the platform's");
	INT_EQ(m->release_us, day("2024-12-20"), "US limited release (type 2)");
	INT_EQ(m->release_first, day("2024-05-22"), "first anywhere");
	OK(m->n_cast == 2 && same(m->cast[0].name, "Pierre Niney"),
	   "billing order, not list order");
	INT_EQ(m->n_directors, 2, "two directors, once each, no producer");
	OK(m->n_languages == 2 && same(m->languages[1].name, "Esperanto"),
	   "an empty language name: its English one");
	STR_EQ(m->overview, "Victime d’un complot,\nEdmond Dantès est arrêté.", "line break kept");
	STR_EQ(m->imdb_id, "tt26446278", "null external id: the top-level one");
	OK(m->n_genres == 2 && same(m->genres[1], "Drame"), "genres in order");
	tmdb_movie_free(m);

	/* a film Belgium has no entry for: the top-level date, said so */
	m = movie_json(monte_cristo, "BE", &said);
	OK(m && m->release == day("2024-05-22") && m->release_source == TMDB_RELEASE_PRIMARY &&
	       !m->certification,
	   "no regional entry");
	tmdb_movie_free(m);
	free(said);

	m = movie_json("{'id':1,'title':'Sans date','release_date':'',"
		       "'release_dates':{'results':[]}}",
		       "FR", &said);
	OK(m && m->release == TMDB_NO_DATE && m->release_source == TMDB_RELEASE_UNKNOWN,
	   "no date at all");
	QUIET(said, "an empty date is unknown, not bad");
	tmdb_movie_free(m);
	free(said);

	/* only a limited release; a certification only on a platform entry */
	m = movie_json("{'id':2,'title':'Petite sortie','release_dates':{'results':[{"
		       "'iso_3166_1':'FR','release_dates':["
		       "{'certification':'','release_date':'2023-03-08T00:00:00.000Z','type':2},"
		       "{'certification':'','release_date':'2023-02-01T00:00:00.000Z','type':2},"
		       "{'certification':'12','release_date':'2023-09-01T00:00:00.000Z','type':4}"
		       "]}]}}",
		       "FR", &said);
	OK(m && m->release == day("2023-02-01") && m->release_source == TMDB_RELEASE_LIMITED,
	   "earliest limited release");
	OK(m && m->certification && same(m->certification, "12"),
	   "a platform's certification when the cinemas' is empty");
	tmdb_movie_free(m);
	free(said);

	/* a re-release: first shown in 1962, in French cinemas again in 2023 */
	m = movie_json("{'id':3,'title':'Lawrence d’Arabie','release_date':'1962-12-10',"
		       "'release_dates':{'results':[{'iso_3166_1':'FR','release_dates':["
		       "{'certification':'TP','note':'Re-release','release_date':"
		       "'2023-07-12T00:00:00.000Z','type':3}]}]}}",
		       "FR", &said);
	OK(m && m->release == day("2023-07-12") && m->release_first == day("1962-12-10"),
	   "re-release: regional date long after the first");
	tmdb_movie_free(m);
	free(said);
}

static void test_page_person_images(void)
{
	char *said;
	char *body = json_of("{'page':2,'total_pages':3,'total_results':45,'results':["
			     "{'id':1,'title':'Un','release_date':'2024-07-03','popularity':5,"
			     "'vote_count':10,'poster_path':'/a.jpg','original_title':'One'},"
			     "{'id':2},{'id':'x','title':'Trois'},"
			     "{'id':4,'title':'Quatre','release_date':'tomorrow','popularity':-1,"
			     "'poster_path':'http://evil/x.jpg'}]}");
	struct tmdb_page *p = page_from(body, strlen(body), &said);
	OK(p && p->page == 2 && p->total_pages == 3 && p->total_results == 45, "page counts");
	OK(p && p->n_results == 2 && p->n_skipped == 2, "two results kept, two skipped");
	HAS(said, "test: results: 2 of 4 entries skipped (first: [1]: missing)", "skips said");
	if (p && p->n_results == 2) {
		OK(p->results[0].release == day("2024-07-03") &&
		       same(p->results[0].original_title, "One"),
		   "first result");
		OK(p->results[1].release == TMDB_NO_DATE && p->results[1].popularity == -1 &&
		       !p->results[1].poster_path && p->results[1].vote_count == -1,
		   "bad values in a result unknown");
	}
	tmdb_page_free(p);
	free(said);
	free(body);
	body = json_of("{'total_pages':3,'results':[]}");
	p = page_from(body, strlen(body), &said);
	OK(!p, "no page number");
	HAS(said, "test: page: missing", "said");
	free(said);
	free(body);
	body = json_of("{'page':1,'total_pages':0,'results':{}}");
	p = page_from(body, strlen(body), &said);
	OK(!p, "results not a list");
	HAS(said, "test: results: not a list", "said");
	free(said);
	free(body);

	struct tmdb_person *person =
	    person_json("{'id':9,'name':'Jeanne Moreau','birthday':'1928-01-23',"
			"'deathday':'1917-07-31','popularity':3.5}",
			&said);
	OK(person && person->birthday == day("1928-01-23") && person->deathday == TMDB_NO_DATE,
	   "a deathday before the birthday is unknown");
	HAS(said, "test: deathday: before the birthday; left unknown", "said");
	tmdb_person_free(person);
	free(said);
	person = person_json("{'id':9,'name':null}", &said);
	OK(!person, "a person without a name");
	HAS(said, "test: name: missing", "said");
	free(said);
	person =
	    person_json("{'id':9,'name':'Dumas','birthday':'1802-07-24','deathday':null}", &said);
	OK(person && person->birthday == day("1802-07-24") && person->deathday == TMDB_NO_DATE,
	   "null deathday");
	QUIET(said, "person");
	tmdb_person_free(person);
	free(said);

	struct tmdb_images *img = images_json(
	    "{'images':{'base_url':'http://image.tmdb.org/t/p/','secure_base_url':"
	    "'https://image.tmdb.org/t/p/','poster_sizes':['w92','w154','w185','w342','w500',"
	    "'w780','original']}}",
	    &said);
	QUIET(said, "configuration");
	free(said);
	if (img) {
		STR_EQ(tmdb_images_size(img, 300), "w342", "nearest to 300");
		STR_EQ(tmdb_images_size(img, 4000), "w780", "the largest for a huge width");
		STR_EQ(tmdb_images_size(img, 0), "w92", "the smallest for nothing");
		char *url = tmdb_url_poster(img, 500, "/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg");
		STR_EQ(url, "https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg",
		       "poster URL");
		free(url);
		harness_capture_begin();
		url = tmdb_url_poster(img, 500, "/../../x.jpg");
		said = harness_capture_end();
		OK(!url, "a path climbing out refused");
		HAS(said, "poster path: not a TMDB image path", "said");
		free(said);
	}
	tmdb_images_free(img);
	img = images_json("{'images':{'secure_base_url':'http://127.0.0.1:8089/img',"
			  "'poster_sizes':['w100','w200','huge',7,'original']}}",
			  &said);
	OK(img && same(img->secure_base_url, "http://127.0.0.1:8089/img/"),
	   "a slash added to the base");
	OK(img && img->n_poster_sizes == 3 && same(tmdb_images_size(img, 150), "w200"),
	   "a tie goes to the larger");
	HAS(said, "test: images.poster_sizes: 2 of 5 entries skipped", "bad sizes said");
	tmdb_images_free(img);
	free(said);
	img = images_json("{'images':{'secure_base_url':'https://x/','poster_sizes':['original']}}",
			  &said);
	OK(img && same(tmdb_images_size(img, 300), "original"), "original alone");
	tmdb_images_free(img);
	free(said);
	img = images_json("{'images':{'secure_base_url':'javascript:alert(1)','poster_sizes':["
			  "'w92']}}",
			  &said);
	OK(!img, "not an http URL");
	HAS(said, "test: images.secure_base_url: not an http(s) URL", "said");
	free(said);
	img = images_json("{'change_keys':[]}", &said);
	OK(!img, "no images");
	HAS(said, "test: images: missing", "said");
	free(said);
	img = images_json("{'images':{'secure_base_url':'https://x/','poster_sizes':[]}}", &said);
	OK(!img, "no sizes");
	HAS(said, "test: images.poster_sizes: no usable size", "said");
	free(said);
}

void test_tmdb(void)
{
	test_urls();
	test_auth();
	const char *shared = getenv("SHARED");
	char *dir = xasprintf("%s/fixtures/tmdb", shared && *shared ? shared : "../shared");
	if (file_is_dir(dir)) {
		test_fixture_movie(dir);
		test_fixture_others(dir);
	} else {
		printf("tmdb captures: skipped, %s is absent\n", dir);
	}
	free(dir);
	test_french_film();
	test_page_person_images();
}
