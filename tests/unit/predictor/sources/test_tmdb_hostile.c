/*
 * The TMDB parsers on hostile bodies: wrong types, bad text, huge lists,
 * broken JSON, and TMDB's error bodies. Every message is captured and checked.
 */
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xalloc.h"
#include "predictor/sources/tmdb.h"
#include "tests/unit/harness.h"
#include "tests/unit/predictor/sources/tmdb_parse.h"


static void test_wrong_types(void)
{
	char *said;
	struct tmdb_movie *m = movie_json("{'id':'550','title':'X'}", "FR", &said);
	OK(!m, "a string id rejects the movie");
	HAS(said, "test: id: not a number", "says why");
	free(said);
	m = movie_json("{'id':550.5,'title':'X'}", "FR", &said);
	OK(!m, "a fractional id");
	HAS(said, "id: 550.5 is not a whole number", "says why");
	free(said);
	m = movie_json("{'id':-4,'title':'X'}", "FR", &said);
	OK(!m, "a negative id");
	free(said);
	m = movie_json("{'id':1e999,'title':'X'}", "FR", &said);
	OK(!m, "an infinite id");
	HAS(said, "id: inf is outside", "says why");
	free(said);
	m = movie_json("{'id':550,'title':['X']}", "FR", &said);
	OK(!m, "a list as title");
	HAS(said, "test: title: not text", "says why");
	free(said);
	m = movie_json("{'title':'X'}", "FR", &said);
	OK(!m, "no id");
	HAS(said, "test: id: missing", "says why");
	free(said);
	m = movie_json("{'id':550,'title':'   '}", "FR", &said);
	OK(!m, "a blank title");
	HAS(said, "test: title: empty", "says why");
	free(said);

	m = movie_json(
	    "{'id':550,'title':'X','runtime':'139','budget':-5,'popularity':'high',"
	    "'vote_count':3.5,'genres':{'id':1},'release_date':'1999-02-30',"
	    "'release_dates':[],'credits':{'cast':[{'id':1,'name':'A','order':0},"
	    "{'id':2,'name':42},'nobody',{'id':3,'name':'C','order':'first'}],"
	    "'crew':'none'},'belongs_to_collection':'Saga','poster_path':'../../etc/passwd',"
	    "'imdb_id':'nm0000093','original_language':'english',"
	    "'production_countries':[{'iso_3166_1':'USA','name':'America'}]}",
	    "FR", &said);
	OK(m != NULL, "wrong optional types leave the movie");
	if (m) {
		OK(m->runtime_min == 0 && m->budget_usd == 0 && m->popularity == -1 &&
		       m->vote_count == -1,
		   "bad numbers unknown");
		OK(m->n_genres == 0 && m->release_first == TMDB_NO_DATE && !m->poster_path &&
		       !m->imdb_id && !m->original_language && !m->collection_name &&
		       m->n_countries == 0,
		   "bad values unknown");
		OK(m->n_cast == 1 && same(m->cast[0].name, "A"), "good cast kept");
	}
	HAS(said, "test: runtime: not a number; left unknown", "runtime");
	HAS(said, "test: budget: -5 is outside 0..2e+09; left unknown", "budget");
	HAS(said, "test: popularity: not a number; left unknown", "popularity");
	HAS(said, "test: vote_count: 3.5 is not a whole number; left unknown", "votes");
	HAS(said, "test: genres: not a list; left empty", "genres");
	HAS(said, "test: release_date: not a date YYYY-MM-DD from 1800 to 2200; left unknown",
	    "date");
	HAS(said, "test: release_dates: not an object; left empty", "release_dates");
	HAS(said, "test: credits.cast: 3 of 4 entries skipped (first: [1] name: not text)", "cast");
	HAS(said, "test: crew: not a list; left empty", "crew");
	HAS(said, "test: belongs_to_collection: not an object; left empty", "collection");
	HAS(said, "test: poster_path: not a TMDB image path; left unknown", "poster");
	HAS(said, "test: imdb_id: not an IMDb title id", "imdb");
	HAS(said, "test: original_language: not two letters; left unknown", "language");
	HAS(said,
	    "test: production_countries: 1 of 1 entries skipped (first: [0] iso_3166_1: not "
	    "two letters)",
	    "country code not cut to fit");
	tmdb_movie_free(m);
	free(said);

	/* null everywhere but id and title: all unknown, nothing said */
	m = movie_json("{'id':7,'title':'Nulle part','original_title':null,'release_date':null,"
		       "'runtime':null,'budget':0,'genres':null,'production_countries':null,"
		       "'spoken_languages':null,'original_language':null,'belongs_to_collection':"
		       "null,'credits':null,'keywords':null,'overview':null,'imdb_id':null,"
		       "'external_ids':null,'popularity':null,'vote_count':null,'poster_path':null,"
		       "'release_dates':{'results':null},'production_companies':null}",
		       "FR", &said);
	QUIET(said, "nulls are unknown, not bad");
	OK(m && !m->original_title && m->release == TMDB_NO_DATE && m->runtime_min == 0 &&
	       m->budget_usd == 0 && !m->overview && m->popularity == -1 && m->vote_count == -1,
	   "nulls unknown");
	tmdb_movie_free(m);
	free(said);

	/* a release_dates entry with a bad value is skipped, the others count */
	m = movie_json(
	    "{'id':8,'title':'X','release_dates':{'results':[{'iso_3166_1':'FR',"
	    "'release_dates':[{'type':'3','release_date':'2020-01-01'},"
	    "{'type':3,'release_date':'2020-02-31T00:00:00.000Z'},"
	    "{'type':3,'release_date':'2020-03-04T00:00:00.000Z','certification':7},"
	    "{'type':3,'release_date':'2020-05-06T00:00:00.000Z','certification':'12'}]},"
	    "{'iso_3166_1':'FR','release_dates':'soon'}]}}",
	    "FR", &said);
	OK(m && m->release == day("2020-05-06") && same(m->certification, "12"),
	   "only the good entry counts");
	HAS(said, "release_dates.results: 4 of 5 entries skipped (first: [0] type: not a number)",
	    "skipped entries counted");
	tmdb_movie_free(m);
	free(said);
}

static void test_bad_text(void)
{
	char *said;
	struct buf body = BUF_INIT;
	/* 200 é (400 bytes) cut to 150 (300 bytes) on a character boundary */
	buf_puts(&body, "{\"id\":1,\"title\":\"");
	for (int i = 0; i < 200; i++)
		buf_puts(&body, "é");
	buf_puts(&body, "\",\"overview\":\"");
	for (int i = 0; i < 2000; i++)
		buf_puts(&body, "€");
	buf_puts(&body, "\",\"credits\":{\"cast\":[{\"id\":1,\"name\":\"");
	for (int i = 0; i < 500; i++)
		buf_putc(&body, 'n');
	buf_puts(&body, "\"}]}}");
	struct tmdb_movie *m = movie_from(body.data, body.len, "FR", &said);
	OK(m && strlen(m->title) == 300 && strncmp(m->title + 298, "é", 2) == 0,
	   "title cut at 300 bytes on a boundary");
	HAS(said, "test: title: 400 bytes long: cut to 300", "the cut title is said");
	OK(m && strlen(m->overview) == 3999, "overview cut to 3999 bytes (1333 €)");
	OK(m && m->n_cast == 1 && strlen(m->cast[0].name) == TMDB_MAX_TEXT, "a long name cut");
	tmdb_movie_free(m);
	free(said);
	buf_clear(&body);

	/* a cut that ends on a space leaves no trailing space */
	buf_puts(&body, "{\"id\":1,\"title\":\"");
	for (int i = 0; i < TMDB_MAX_TEXT - 1; i++)
		buf_putc(&body, 'a');
	buf_puts(&body, " bbbb\"}");
	m = movie_from(body.data, body.len, "FR", &said);
	OK(m && strlen(m->title) == TMDB_MAX_TEXT - 1, "cut, then trimmed");
	tmdb_movie_free(m);
	free(said);
	buf_free(&body);

	m = movie_json("{'id':1,'title':'\xff\xfe'}", "FR", &said);
	OK(!m, "an invalid UTF-8 title rejects");
	HAS(said, "test: title: not UTF-8 text, or holds a control character", "says why");
	free(said);
	m = movie_json("{'id':1,'title':'Tab\\there'}", "FR", &said);
	OK(!m, "a tab in a title rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Bell\\u0007'}", "FR", &said);
	OK(!m, "an escaped control character rejects");
	free(said);
	m = movie_json("{'id':1,'title':'C1\\u0085'}", "FR", &said);
	OK(!m, "a C1 control character rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Overlong \xc0\xaf'}", "FR", &said);
	OK(!m, "an overlong encoding rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Lone surrogate \xed\xa0\x80'}", "FR", &said);
	OK(!m, "an encoded surrogate rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Ok','overview':'bad \xc3\x28 byte',"
		       "'genres':[{'name':'\xe2\x82'},{'name':'Drame'}]}",
		       "FR", &said);
	OK(m && !m->overview && m->n_genres == 1, "bad optional text unknown, bad entry skipped");
	HAS(said, "test: overview: not UTF-8 text, or holds a control character; left unknown",
	    "overview said");
	HAS(said, "test: genres: 1 of 2 entries skipped (first: [0] name: not UTF-8", "genre said");
	tmdb_movie_free(m);
	free(said);
	m = movie_json("{'id':1,'title':'  Espaces  ','original_title':'Emoji 🎬'}", "FR", &said);
	OK(m && same(m->title, "Espaces") && same(m->original_title, "Emoji 🎬"),
	   "trimmed; four-byte characters fine");
	QUIET(said, "good text");
	tmdb_movie_free(m);
	free(said);
}

static void test_huge_lists(void)
{
	struct buf body = BUF_INIT;
	buf_puts(&body, "{\"id\":1,\"title\":\"Foule\",\"credits\":{\"cast\":[");
	for (int i = 299; i >= 0; i--)
		buf_printf(&body, "%s{\"id\":%d,\"name\":\"P%d\",\"order\":%d}", i < 299 ? "," : "",
			   i + 1, i, i);
	buf_puts(&body, "]},\"keywords\":{\"keywords\":[");
	for (int i = 0; i < 150; i++)
		buf_printf(&body, "%s{\"id\":%d,\"name\":\"k%d\"}", i ? "," : "", i + 1, i);
	buf_puts(&body, "]},\"genres\":[");
	for (int i = 0; i < 60; i++)
		buf_printf(&body, "%s{\"id\":%d,\"name\":\"g%d\"}", i ? "," : "", i + 1, i);
	buf_puts(&body, "]}");
	char *said;
	struct tmdb_movie *m = movie_from(body.data, body.len, "FR", &said);
	QUIET(said, "long lists are said only with -v");
	OK(m && m->n_cast == TMDB_MAX_CAST, "cast capped");
	OK(m && same(m->cast[0].name, "P0") && m->cast[TMDB_MAX_CAST - 1].order == 199,
	   "the top-billed kept, though listed last");
	OK(m && m->n_keywords == TMDB_MAX_KEYWORDS && m->n_genres == TMDB_MAX_LIST, "lists capped");
	tmdb_movie_free(m);
	free(said);

	buf_clear(&body);
	buf_puts(&body, "{\"page\":1,\"total_pages\":1,\"total_results\":150,\"results\":[");
	for (int i = 0; i < 150; i++)
		buf_printf(&body, "%s{\"id\":%d,\"title\":\"t%d\"}", i ? "," : "", i + 1, i);
	buf_puts(&body, "]}");
	struct tmdb_page *p = page_from(body.data, body.len, &said);
	OK(p && p->n_results == TMDB_MAX_RESULTS, "results capped");
	tmdb_page_free(p);
	free(said);

	/* more values than cJSON should be asked to hold */
	buf_clear(&body);
	buf_puts(&body, "{\"x\":[0");
	for (int i = 0; i < TMDB_MAX_VALUES; i++)
		buf_puts(&body, ",0");
	buf_puts(&body, "]}");
	m = movie_from(body.data, body.len, "FR", &said);
	OK(!m, "too many values refused");
	HAS(said, "test: more than 250000 values at byte", "says the limit");
	free(said);
	buf_free(&body);
}

static void test_bad_bodies(void)
{
	char *said;
	struct buf body = BUF_INIT;
	/* nested one level deeper than allowed, and far beyond cJSON's own limit */
	int depths[] = { TMDB_MAX_DEPTH, TMDB_MAX_DEPTH + 1, 5000 };
	for (int k = 0; k < 3; k++) {
		buf_clear(&body);
		buf_puts(&body, "{\"id\":1,\"title\":\"x\",\"deep\":");
		for (int i = 1; i < depths[k]; i++)
			buf_putc(&body, '[');
		for (int i = 1; i < depths[k]; i++)
			buf_putc(&body, ']');
		buf_putc(&body, '}');
		struct tmdb_movie *m = movie_from(body.data, body.len, "FR", &said);
		if (k == 0) {
			OK(m != NULL, "%d levels accepted", depths[k]);
		} else {
			OK(!m, "%d levels refused", depths[k]);
			HAS(said, "test: nested deeper than 32 levels at byte", "depth said");
		}
		tmdb_movie_free(m);
		free(said);
	}
	buf_free(&body);

	/* the size is checked before anything is read */
	size_t big = (size_t)TMDB_MAX_BODY + 1;
	char *huge = xmalloc(big);
	memset(huge, ' ', big);
	struct tmdb_movie *m = movie_from(huge, big, "FR", &said);
	OK(!m, "over 4 MiB refused");
	HAS(said, "test: response of 4194305 bytes, over the limit of 4194304", "size said");
	free(said);
	free(huge);

	static const struct {
		const char *body, *said;
	} bad[] = {
		{ "", "test: empty response" },
		{ "{\"id\":1,\"title\":\"cut",
		  "test: not JSON, cut short: a string or bracket is left open at byte" },
		{ "{\"id\":1,\"title\":\"x\"}garbage",
		  "test: more after the JSON value at byte 20" },
		{ "{\"id\":1,\"title\":\"x\"} \n", NULL },
		{ "[1,2]", "test: not a JSON object" },
		{ "null", "test: not a JSON object" },
		{ "{\"id\":1,\"title\":\"a\nb\"}",
		  "test: a raw control character inside a string at byte 18" },
		{ "{\"id\":1,\"title\":\"ab\\u0000cd\"}",
		  "test: a string holding \\u0000 at byte 19" },
		{ "{\"id\":1,\"title\":\"ab\\\\u0000\"}",
		  NULL }, /* an escaped backslash, then text */
		{ "{\"id\":1,\"title\":\"x\",\"id\":2}", NULL }, /* the first of repeated keys */
		{ "{\"id\":1,\"title\":\"\\ud800\"}", "test: not JSON at byte" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		m = movie_from(bad[i].body, strlen(bad[i].body), "FR", &said);
		if (bad[i].said) {
			OK(!m, "refused: %s", bad[i].body);
			HAS(said, bad[i].said, bad[i].body);
		} else {
			OK(m && m->id == 1, "accepted: %s", bad[i].body);
		}
		tmdb_movie_free(m);
		free(said);
	}
	/* a NUL byte inside the given length is not the end of the body */
	m = movie_from("{\"id\":1,\"title\":\"x\"}\0{", 23, "FR", &said);
	OK(!m, "bytes after a NUL are still read");
	free(said);
	m = movie_from("{\"id\":1,\"title\":\"x\"}", 10, "FR", &said);
	OK(!m, "only len bytes are read");
	free(said);
	m = movie_from("{\"id\":1,\"title\":\"x\"}", 20, "F", &said);
	OK(!m, "a bad region");
	HAS(said, "test: region \"F\" is not a two-letter code", "region said");
	free(said);
}

static void test_errors(void)
{
	int code = 0;
	char *body = json_of("{'status_code':25,'status_message':'Your request count (41) is over "
			     "the allowed limit of (40).','success':false}");
	char *s = tmdb_error_message(body, strlen(body), &code);
	STR_EQ(s, "rate limit exceeded (TMDB status 25)", "429 body");
	INT_EQ(code, 25, "code 25");
	free(s);
	free(body);
	body =
	    json_of("{'status_code':3,'status_message':'Authentication failed','success':false}");
	s = tmdb_error_message(body, strlen(body), NULL);
	HAS(s, "invalid API key (TMDB status 3)", "status 3");
	free(s);
	free(body);

	struct buf b = BUF_INIT;
	buf_puts(&b, "{\"status_code\":99,\"status_message\":\"Odd\\u001b[31m \xff ");
	for (int i = 0; i < 300; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\",\"success\":false}");
	s = tmdb_error_message(b.data, b.len, &code);
	OK(s && strncmp(s, "TMDB status 99: \"Odd?[31m ? xxx", 31) == 0, "sanitised: %s",
	   s ? s : "(null)");
	OK(s && strlen(s) < 240, "bounded");
	free(s);
	buf_free(&b);

	static const char *const not_errors[] = {
		"{\"status_code\":1,\"status_message\":\"Success.\",\"success\":true}",
		"{\"id\":550,\"status_code\":7}",
		"{\"status_code\":\"7\"}",
		"[{\"status_code\":7}]",
		"not json",
		"",
	};
	for (size_t i = 0; i < sizeof not_errors / sizeof not_errors[0]; i++)
		OK(!tmdb_error_message(not_errors[i], strlen(not_errors[i]), NULL),
		   "not an error body: %s", not_errors[i]);
	body = json_of("{'status_code':7,'success':false}");
	s = tmdb_error_message(body, strlen(body), NULL);
	OK(s != NULL, "a code alone is enough");
	free(s);
	free(body);
	body = json_of("{'status_code':1234,'success':false}");
	s = tmdb_error_message(body, strlen(body), NULL);
	STR_EQ(s, "TMDB status 1234, without a message", "no message");
	free(s);
	free(body);
}

void test_tmdb_hostile(void)
{
	test_wrong_types();
	test_bad_text();
	test_huge_lists();
	test_bad_bodies();
	test_errors();
}
