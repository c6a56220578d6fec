/*
 * TMDB's JSON into Marquee's structs: discover pages, movie details with
 * their appended parts, people, the image configuration and error bodies.
 * The bounds and the treatment of bad input are described in tmdb.h; this
 * file and tmdb_json.c (error bodies) are the only ones that know TMDB's keys.
 */
#include "predictor/sources/tmdb_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"

#define MAX_CERTIFICATION 32 /* "Tous publics" is the longest TMDB has for FR */
#define MAX_POPULARITY 1e7
#define MAX_VOTES 1e9

/* ---- lists ---- */

/* The "name" of each object of a list (genres, keywords). */
static void names_read(const char *where, const cJSON *list, const char *label, size_t cap,
		       char ***names, size_t *n)
{
	struct tmdb_skips s = { where, label, 0, 0, "" };
	size_t alloc = 0;
	const cJSON *e;
	char why[TMDB_WHY_MAX];
	cJSON_ArrayForEach(e, list)
	{
		char *name;
		if (!tmdb_json_room(&s, list, *n, cap))
			break;
		if (!cJSON_IsObject(e))
			tmdb_json_skip(&s, NULL, "not an object");
		else if (tmdb_json_text(e, "name", TMDB_MAX_TEXT, false, &name, why) !=
			 TMDB_FIELD_OK)
			tmdb_json_skip(&s, "name", why);
		else {
			*names = xgrow(*names, &alloc, *n + 1, sizeof **names);
			(*names)[(*n)++] = name;
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
}

/* Countries (iso_3166_1) and languages (iso_639_1) with their names. */
static void coded_read(const char *where, const cJSON *list, const char *label,
		       const char *code_key, struct tmdb_coded **out, size_t *n)
{
	struct tmdb_skips s = { where, label, 0, 0, "" };
	size_t alloc = 0;
	const cJSON *e;
	char why[TMDB_WHY_MAX];
	cJSON_ArrayForEach(e, list)
	{
		char *code = NULL, *name = NULL;
		if (!tmdb_json_room(&s, list, *n, TMDB_MAX_LIST))
			break;
		if (!cJSON_IsObject(e)) {
			tmdb_json_skip(&s, NULL, "not an object");
		} else if (tmdb_json_text(e, code_key, TMDB_MAX_TEXT, false, &code, why) !=
			       TMDB_FIELD_OK ||
			   !tmdb_json_code_ok(code)) {
			tmdb_json_skip(&s, code_key, code ? "not two letters" : why);
			free(code);
		} else {
			/* a language's own name is sometimes empty: its English one then */
			if (tmdb_json_text(e, "name", TMDB_MAX_TEXT, false, &name, why) !=
			    TMDB_FIELD_OK)
				tmdb_json_text(e, "english_name", TMDB_MAX_TEXT, false, &name, why);
			*out = xgrow(*out, &alloc, *n + 1, sizeof **out);
			(*out)[(*n)++] = (struct tmdb_coded){ code, name };
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
}

static void companies_read(const char *where, const cJSON *list, struct tmdb_movie *m)
{
	struct tmdb_skips s = { where, "production_companies", 0, 0, "" };
	size_t alloc = 0;
	const cJSON *e;
	char why[TMDB_WHY_MAX];
	cJSON_ArrayForEach(e, list)
	{
		double id;
		char *name;
		if (!tmdb_json_room(&s, list, m->n_companies, TMDB_MAX_LIST))
			break;
		if (!cJSON_IsObject(e))
			tmdb_json_skip(&s, NULL, "not an object");
		else if (tmdb_json_number(e, "id", 1, TMDB_MAX_ID, true, &id, why) != TMDB_FIELD_OK)
			tmdb_json_skip(&s, "id", why);
		else if (tmdb_json_text(e, "name", TMDB_MAX_TEXT, false, &name, why) !=
			 TMDB_FIELD_OK)
			tmdb_json_skip(&s, "name", why);
		else {
			m->companies =
			    xgrow(m->companies, &alloc, m->n_companies + 1, sizeof *m->companies);
			m->companies[m->n_companies++] = (struct tmdb_company){ (long)id, name };
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
}

/* A person of credits.cast or credits.crew: NULL, or the key at fault with why. */
static const char *credit_read(const cJSON *e, bool cast, struct tmdb_credit *c, char *why)
{
	double id, order = -1, popularity = -1;
	if (tmdb_json_number(e, "id", 1, TMDB_MAX_ID, true, &id, why) != TMDB_FIELD_OK)
		return "id";
	if (cast && tmdb_json_number(e, "order", 0, 1e6, true, &order, why) == TMDB_FIELD_BAD)
		return "order";
	if (tmdb_json_number(e, "popularity", 0, MAX_POPULARITY, false, &popularity, why) ==
	    TMDB_FIELD_BAD)
		return "popularity";
	char *name;
	if (tmdb_json_text(e, "name", TMDB_MAX_TEXT, false, &name, why) != TMDB_FIELD_OK)
		return "name";
	*c = (struct tmdb_credit){ (long)id, name, (int)order, popularity };
	return NULL;
}

struct ranked {
	struct tmdb_credit credit;
	size_t at; /* its place in TMDB's list: ties keep it */
};

/* Billing order; an unknown order after every known one. */
static int by_billing(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	long ox = x->credit.order < 0 ? LONG_MAX : x->credit.order;
	long oy = y->credit.order < 0 ? LONG_MAX : y->credit.order;
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The cast sorted by billing (TMDB sorts it, but a cap must keep the top). */
static void cast_read(const char *where, const cJSON *list, struct tmdb_movie *m)
{
	struct tmdb_skips s = { where, "credits.cast", 0, 0, "" };
	struct ranked *all = NULL;
	size_t n = 0, alloc = 0;
	const cJSON *e;
	char why[TMDB_WHY_MAX];
	cJSON_ArrayForEach(e, list)
	{
		struct tmdb_credit c;
		const char *key;
		if (!cJSON_IsObject(e)) {
			tmdb_json_skip(&s, NULL, "not an object");
		} else if ((key = credit_read(e, true, &c, why))) {
			tmdb_json_skip(&s, key, why);
		} else {
			all = xgrow(all, &alloc, n + 1, sizeof *all);
			all[n] = (struct ranked){ c, n };
			n++;
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
	if (n > 1)
		qsort(all, n, sizeof *all, by_billing);
	if (n > TMDB_MAX_CAST)
		msg_verbose("%s: credits.cast: %zu people, the first %d billed kept", where, n,
			    TMDB_MAX_CAST);
	m->n_cast = n < TMDB_MAX_CAST ? n : TMDB_MAX_CAST;
	m->cast = xcalloc(m->n_cast, sizeof *m->cast);
	for (size_t i = 0; i < n; i++) {
		if (i < m->n_cast)
			m->cast[i] = all[i].credit;
		else
			free(all[i].credit.name);
	}
	free(all);
}

/* The crew with job "Director", once each. */
static void directors_read(const char *where, const cJSON *list, struct tmdb_movie *m)
{
	struct tmdb_skips s = { where, "credits.crew (directors)", 0, 0, "" };
	size_t alloc = 0;
	const cJSON *e;
	char why[TMDB_WHY_MAX];
	cJSON_ArrayForEach(e, list)
	{
		const cJSON *job = tmdb_json_get(e, "job");
		struct tmdb_credit c;
		const char *key;
		if (!cJSON_IsString(job) || strcmp(job->valuestring, "Director") != 0)
			continue;
		if (!tmdb_json_room(&s, list, m->n_directors, TMDB_MAX_DIRECTORS))
			break;
		if ((key = credit_read(e, false, &c, why))) {
			tmdb_json_skip(&s, key, why);
		} else {
			bool again = false;
			for (size_t i = 0; i < m->n_directors; i++)
				again = again || m->directors[i].id == c.id;
			if (again) {
				free(c.name);
			} else {
				m->directors = xgrow(m->directors, &alloc, m->n_directors + 1,
						     sizeof *m->directors);
				m->directors[m->n_directors++] = c;
			}
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
}

/* ---- release dates ---- */

/* What one country's release_dates give. */
struct release_pick {
	long theatrical, limited; /* earliest type 3 and type 2, or TMDB_NO_DATE */
	char *certification;      /* owned; first non-empty of a theatrical entry */
	char *any_certification;  /* owned; first non-empty of any entry */
};

static void release_country_read(const cJSON *dates, struct release_pick *pick,
				 struct tmdb_skips *s)
{
	const cJSON *e;
	char why[TMDB_WHY_MAX];
	cJSON_ArrayForEach(e, dates)
	{
		double type;
		long day;
		char *certification = NULL;
		if (!cJSON_IsObject(e))
			tmdb_json_skip(s, NULL, "not an object");
		else if (tmdb_json_number(e, "type", 1, 6, true, &type, why) != TMDB_FIELD_OK)
			tmdb_json_skip(s, "type", why);
		else if (tmdb_json_date(e, "release_date", &day, why) != TMDB_FIELD_OK)
			tmdb_json_skip(s, "release_date", why);
		else if (tmdb_json_text(e, "certification", TMDB_MAX_TEXT, false, &certification,
					why) == TMDB_FIELD_BAD)
			tmdb_json_skip(s, "certification", why);
		else if (certification && strlen(certification) > MAX_CERTIFICATION)
			tmdb_json_skip(s, "certification",
				       "longer than " TMDB_STR(MAX_CERTIFICATION) " bytes");
		else {
			bool theatrical = type == 2 || type == 3;
			long *earliest = type == 3 ? &pick->theatrical : &pick->limited;
			if (theatrical && (*earliest == TMDB_NO_DATE || day < *earliest))
				*earliest = day;
			char **slot = theatrical ? &pick->certification : &pick->any_certification;
			if (certification && !*slot) {
				*slot = certification;
				certification = NULL;
			}
		}
		free(certification);
		s->seen++;
	}
}

static void release_dates_read(const char *where, const cJSON *root, const char *region,
			       struct tmdb_movie *m)
{
	struct release_pick local = { TMDB_NO_DATE, TMDB_NO_DATE, NULL, NULL };
	struct release_pick us = local;
	struct tmdb_skips s = { where, "release_dates.results", 0, 0, "" };
	const cJSON *rd = tmdb_json_part(where, root, "release_dates", false);
	const cJSON *results = rd ? tmdb_json_part(where, rd, "results", true) : NULL;
	const cJSON *country;
	cJSON_ArrayForEach(country, results)
	{
		const cJSON *code = tmdb_json_get(country, "iso_3166_1");
		if (!cJSON_IsString(code))
			continue;
		bool is_local = strcmp(code->valuestring, region) == 0;
		bool is_us = strcmp(code->valuestring, "US") == 0;
		const cJSON *dates = tmdb_json_get(country, "release_dates");
		if ((is_local || is_us) && !cJSON_IsArray(dates)) {
			tmdb_json_skip(&s, "release_dates", "not a list");
			s.seen++;
			continue;
		}
		if (is_local)
			release_country_read(dates, &local, &s);
		if (is_us && !is_local)
			release_country_read(dates, &us, &s);
	}
	tmdb_json_skips_report(&s);
	if (strcmp(region, "US") == 0)
		us = (struct release_pick){ local.theatrical, local.limited, NULL, NULL };

	if (local.theatrical != TMDB_NO_DATE) {
		m->release = local.theatrical;
		m->release_source = TMDB_RELEASE_THEATRICAL;
	} else if (local.limited != TMDB_NO_DATE) {
		m->release = local.limited;
		m->release_source = TMDB_RELEASE_LIMITED;
	} else if (m->release_first != TMDB_NO_DATE) {
		m->release = m->release_first;
		m->release_source = TMDB_RELEASE_PRIMARY;
	}
	m->release_us = us.theatrical != TMDB_NO_DATE ? us.theatrical : us.limited;
	if (local.certification) {
		m->certification = local.certification;
		free(local.any_certification);
	} else {
		m->certification = local.any_certification;
	}
	free(us.certification);
	free(us.any_certification);
}

/* ---- movie details ---- */

static void collection_read(const char *where, const cJSON *root, struct tmdb_movie *m)
{
	const cJSON *c = tmdb_json_part(where, root, "belongs_to_collection", false);
	char why[TMDB_WHY_MAX];
	double id;
	if (!c)
		return;
	if (tmdb_json_number(c, "id", 1, TMDB_MAX_ID, true, &id, why) != TMDB_FIELD_OK ||
	    tmdb_json_text(c, "name", TMDB_MAX_TEXT, false, &m->collection_name, why) !=
		TMDB_FIELD_OK) {
		msg_warn("%s: belongs_to_collection: %s; left unknown", where, why);
		return;
	}
	m->collection_id = (long)id;
}

static void imdb_read(const char *where, const cJSON *root, struct tmdb_movie *m)
{
	const cJSON *ids = tmdb_json_part(where, root, "external_ids", false);
	char *id = ids ? tmdb_json_text_opt(where, ids, "imdb_id", TMDB_MAX_TEXT, false) : NULL;
	if (!id)
		id = tmdb_json_text_opt(where, root, "imdb_id", TMDB_MAX_TEXT, false);
	size_t digits = id && strncmp(id, "tt", 2) == 0 ? strspn(id + 2, "0123456789") : 0;
	if (id && (digits < 1 || digits > 12 || id[2 + digits] != '\0')) {
		msg_warn("%s: imdb_id: not an IMDb title id (tt and digits); left unknown", where);
		free(id);
		id = NULL;
	}
	m->imdb_id = id;
}

int tmdb_movie_parse(const char *body, size_t len, const char *where, const char *region,
		     struct tmdb_movie **out)
{
	*out = NULL;
	if (!tmdb_json_code_ok(region)) {
		msg_error("%s: region \"%.8s\" is not a two-letter code", where, region);
		return -1;
	}
	int rc = -1;
	struct tmdb_movie *m = NULL;
	cJSON *root = tmdb_json_response(body, len, where);
	if (!root)
		goto out;
	m = xcalloc(1, sizeof *m);
	m->release = m->release_first = m->release_us = TMDB_NO_DATE;
	if (tmdb_json_id_required(where, root, &m->id) != 0 ||
	    tmdb_json_text_required(where, root, "title", &m->title) != 0)
		goto out;
	char why[TMDB_WHY_MAX];
	enum tmdb_field f =
	    tmdb_json_text(root, "original_title", TMDB_MAX_TEXT, false, &m->original_title, why);
	if (f == TMDB_FIELD_BAD || (f == TMDB_FIELD_OK && why[0]))
		msg_warn("%s: original_title: %s", where, why);
	m->release_first = tmdb_json_date_opt(where, root, "release_date");
	release_dates_read(where, root, region, m);
	/* TMDB writes 0 for an unknown runtime and budget */
	const cJSON *runtime = tmdb_json_get(root, "runtime");
	if (!cJSON_IsNumber(runtime) || runtime->valuedouble != 0)
		m->runtime_min =
		    (int)tmdb_json_number_opt(where, root, "runtime", 1, 1000, true, 0);
	m->budget_usd = tmdb_json_number_opt(where, root, "budget", 0, TMDB_MAX_BUDGET, false, 0);
	m->original_language =
	    tmdb_json_text_opt(where, root, "original_language", TMDB_MAX_TEXT, false);
	if (m->original_language && !tmdb_json_code_ok(m->original_language)) {
		msg_warn("%s: original_language: not two letters; left unknown", where);
		free(m->original_language);
		m->original_language = NULL;
	}
	const cJSON *list;
	if ((list = tmdb_json_part(where, root, "genres", true)))
		names_read(where, list, "genres", TMDB_MAX_LIST, &m->genres, &m->n_genres);
	if ((list = tmdb_json_part(where, root, "production_countries", true)))
		coded_read(where, list, "production_countries", "iso_3166_1", &m->countries,
			   &m->n_countries);
	if ((list = tmdb_json_part(where, root, "spoken_languages", true)))
		coded_read(where, list, "spoken_languages", "iso_639_1", &m->languages,
			   &m->n_languages);
	if ((list = tmdb_json_part(where, root, "production_companies", true)))
		companies_read(where, list, m);
	collection_read(where, root, m);
	const cJSON *credits = tmdb_json_part(where, root, "credits", false);
	if (credits && (list = tmdb_json_part(where, credits, "cast", true)))
		cast_read(where, list, m);
	if (credits && (list = tmdb_json_part(where, credits, "crew", true)))
		directors_read(where, list, m);
	const cJSON *keywords = tmdb_json_part(where, root, "keywords", false);
	if (keywords && (list = tmdb_json_part(where, keywords, "keywords", true)))
		names_read(where, list, "keywords", TMDB_MAX_KEYWORDS, &m->keywords,
			   &m->n_keywords);
	m->overview = tmdb_json_text_opt(where, root, "overview", TMDB_MAX_OVERVIEW, true);
	imdb_read(where, root, m);
	m->popularity =
	    tmdb_json_number_opt(where, root, "popularity", 0, MAX_POPULARITY, false, -1);
	m->vote_count =
	    (long)tmdb_json_number_opt(where, root, "vote_count", 0, MAX_VOTES, true, -1);
	m->poster_path = tmdb_json_path_opt(where, root, "poster_path");
	*out = m;
	m = NULL;
	rc = 0;
out:
	tmdb_movie_free(m);
	cJSON_Delete(root);
	return rc;
}

static void credits_free(struct tmdb_credit *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].name);
	free(c);
}

static void coded_free(struct tmdb_coded *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].code);
		free(c[i].name);
	}
	free(c);
}

static void names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

void tmdb_movie_free(struct tmdb_movie *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->original_title);
	free(m->certification);
	free(m->original_language);
	names_free(m->genres, m->n_genres);
	coded_free(m->countries, m->n_countries);
	coded_free(m->languages, m->n_languages);
	free(m->collection_name);
	credits_free(m->cast, m->n_cast);
	credits_free(m->directors, m->n_directors);
	for (size_t i = 0; i < m->n_companies; i++)
		free(m->companies[i].name);
	free(m->companies);
	names_free(m->keywords, m->n_keywords);
	free(m->overview);
	free(m->imdb_id);
	free(m->poster_path);
	free(m);
}

/* ---- discover pages ---- */

static int result_read(const cJSON *e, struct tmdb_result *r, char *why)
{
	double id, popularity = -1, votes = -1;
	*r = (struct tmdb_result){ 0, NULL, NULL, TMDB_NO_DATE, -1, -1, NULL };
	if (!cJSON_IsObject(e)) {
		snprintf(why, TMDB_WHY_MAX, "not an object");
		return -1;
	}
	if (tmdb_json_number(e, "id", 1, TMDB_MAX_ID, true, &id, why) != TMDB_FIELD_OK ||
	    tmdb_json_text(e, "title", TMDB_MAX_TEXT, false, &r->title, why) != TMDB_FIELD_OK)
		return -1;
	r->id = (long)id;
	/* A result is one line of a list: a bad optional value is just unknown. */
	tmdb_json_text(e, "original_title", TMDB_MAX_TEXT, false, &r->original_title, why);
	if (tmdb_json_date(e, "release_date", &r->release, why) != TMDB_FIELD_OK)
		r->release = TMDB_NO_DATE;
	if (tmdb_json_number(e, "popularity", 0, MAX_POPULARITY, false, &popularity, why) ==
	    TMDB_FIELD_OK)
		r->popularity = popularity;
	if (tmdb_json_number(e, "vote_count", 0, MAX_VOTES, true, &votes, why) == TMDB_FIELD_OK)
		r->vote_count = (long)votes;
	char *path;
	if (tmdb_json_text(e, "poster_path", TMDB_MAX_TEXT, false, &path, why) == TMDB_FIELD_OK &&
	    tmdb_path_check(path) != 0) {
		free(path);
		path = NULL;
	}
	r->poster_path = path;
	return 0;
}

static void result_clear(struct tmdb_result *r)
{
	free(r->title);
	free(r->original_title);
	free(r->poster_path);
}

int tmdb_page_parse(const char *body, size_t len, const char *where, struct tmdb_page **out)
{
	*out = NULL;
	int rc = -1;
	struct tmdb_page *p = NULL;
	cJSON *root = tmdb_json_response(body, len, where);
	if (!root)
		goto out;
	char why[TMDB_WHY_MAX];
	double page, total_pages;
	if (tmdb_json_number(root, "page", 1, 1e6, true, &page, why) != TMDB_FIELD_OK) {
		msg_error("%s: page: %s", where, why);
		goto out;
	}
	if (tmdb_json_number(root, "total_pages", 0, 1e6, true, &total_pages, why) !=
	    TMDB_FIELD_OK) {
		msg_error("%s: total_pages: %s", where, why);
		goto out;
	}
	const cJSON *results = tmdb_json_get(root, "results");
	if (!cJSON_IsArray(results)) {
		msg_error("%s: results: %s", where, results ? "not a list" : "missing");
		goto out;
	}
	p = xcalloc(1, sizeof *p);
	p->page = (int)page;
	p->total_pages = (int)total_pages;
	p->total_results =
	    (long)tmdb_json_number_opt(where, root, "total_results", 0, 1e9, true, -1);
	struct tmdb_skips s = { where, "results", 0, 0, "" };
	size_t alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, results)
	{
		struct tmdb_result r;
		if (!tmdb_json_room(&s, results, p->n_results, TMDB_MAX_RESULTS))
			break;
		if (result_read(e, &r, why) != 0) {
			result_clear(&r);
			tmdb_json_skip(&s, NULL, why);
		} else {
			p->results =
			    xgrow(p->results, &alloc, p->n_results + 1, sizeof *p->results);
			p->results[p->n_results++] = r;
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
	p->n_skipped = s.skipped;
	*out = p;
	p = NULL;
	rc = 0;
out:
	tmdb_page_free(p);
	cJSON_Delete(root);
	return rc;
}

void tmdb_page_free(struct tmdb_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_results; i++)
		result_clear(&p->results[i]);
	free(p->results);
	free(p);
}

/* ---- people ---- */

int tmdb_person_parse(const char *body, size_t len, const char *where, struct tmdb_person **out)
{
	*out = NULL;
	int rc = -1;
	struct tmdb_person *p = NULL;
	cJSON *root = tmdb_json_response(body, len, where);
	if (!root)
		goto out;
	p = xcalloc(1, sizeof *p);
	if (tmdb_json_id_required(where, root, &p->id) != 0 ||
	    tmdb_json_text_required(where, root, "name", &p->name) != 0)
		goto out;
	p->popularity =
	    tmdb_json_number_opt(where, root, "popularity", 0, MAX_POPULARITY, false, -1);
	p->birthday = tmdb_json_date_opt(where, root, "birthday");
	p->deathday = tmdb_json_date_opt(where, root, "deathday");
	if (p->birthday != TMDB_NO_DATE && p->deathday != TMDB_NO_DATE &&
	    p->deathday < p->birthday) {
		msg_warn("%s: deathday: before the birthday; left unknown", where);
		p->deathday = TMDB_NO_DATE;
	}
	*out = p;
	p = NULL;
	rc = 0;
out:
	tmdb_person_free(p);
	cJSON_Delete(root);
	return rc;
}

void tmdb_person_free(struct tmdb_person *p)
{
	if (!p)
		return;
	free(p->name);
	free(p);
}

/* ---- configuration ---- */

int tmdb_images_parse(const char *body, size_t len, const char *where, struct tmdb_images **out)
{
	*out = NULL;
	int rc = -1;
	struct tmdb_images *img = NULL;
	char *base = NULL;
	cJSON *root = tmdb_json_response(body, len, where);
	if (!root)
		goto out;
	const cJSON *images = tmdb_json_get(root, "images");
	if (!cJSON_IsObject(images)) {
		msg_error("%s: images: %s", where, images ? "not an object" : "missing");
		goto out;
	}
	char why[TMDB_WHY_MAX];
	if (tmdb_json_text(images, "secure_base_url", TMDB_MAX_TEXT, false, &base, why) !=
		TMDB_FIELD_OK ||
	    why[0]) {
		msg_error("%s: images.secure_base_url: %s", where, why);
		goto out;
	}
	if ((strncmp(base, "https://", 8) != 0 && strncmp(base, "http://", 7) != 0) ||
	    strcspn(base, " \"'<>\\^`{|}?#") != strlen(base)) {
		msg_error("%s: images.secure_base_url: not an http(s) URL", where);
		goto out;
	}
	const cJSON *sizes = tmdb_json_get(images, "poster_sizes");
	if (!cJSON_IsArray(sizes)) {
		msg_error("%s: images.poster_sizes: %s", where, sizes ? "not a list" : "missing");
		goto out;
	}
	img = xcalloc(1, sizeof *img);
	img->secure_base_url =
	    base[strlen(base) - 1] == '/' ? xstrdup(base) : xasprintf("%s/", base);
	struct tmdb_skips s = { where, "images.poster_sizes", 0, 0, "" };
	size_t alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, sizes)
	{
		const char *size = cJSON_IsString(e) ? e->valuestring : "";
		size_t digits = size[0] == 'w' ? strspn(size + 1, "0123456789") : 0;
		if (!tmdb_json_room(&s, sizes, img->n_poster_sizes, TMDB_MAX_SIZES))
			break;
		if (strcmp(size, "original") != 0 &&
		    !(digits >= 1 && digits <= 5 && size[digits + 1] == '\0')) {
			tmdb_json_skip(&s, NULL, "not \"wN\" nor \"original\"");
		} else {
			img->poster_sizes =
			    xgrow(img->poster_sizes, &alloc, img->n_poster_sizes + 1,
				  sizeof *img->poster_sizes);
			img->poster_sizes[img->n_poster_sizes++] = xstrdup(size);
		}
		s.seen++;
	}
	tmdb_json_skips_report(&s);
	if (!img->n_poster_sizes) {
		msg_error("%s: images.poster_sizes: no usable size", where);
		goto out;
	}
	*out = img;
	img = NULL;
	rc = 0;
out:
	free(base);
	tmdb_images_free(img);
	cJSON_Delete(root);
	return rc;
}

void tmdb_images_free(struct tmdb_images *img)
{
	if (!img)
		return;
	free(img->secure_base_url);
	names_free(img->poster_sizes, img->n_poster_sizes);
	free(img);
}
