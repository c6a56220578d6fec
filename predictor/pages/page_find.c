/*
 * "Find a film you liked" (pages.h): the films' page with the search box,
 * the A-Z index that leads to every film page without JavaScript, and the
 * search index the theme's script reads (content/films/similar.json).
 *
 * The index is public: titles, page slugs, years and which films are
 * similar, nothing else (no admissions, no predictions, no scores). Films
 * are listed A to Z; a film's similar films are given by their place in
 * that list, so the file stays small:
 *
 *   {"films":[["Amélie","amelie-2001",2001,[12,40,7]],...]}
 */
#define _GNU_SOURCE
#include "predictor/pages/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/json.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"
#include "predictor/words/words.h"

/* The letters of the index: a to z, then digits, then the rest. */
#define LETTERS 28
#define DIGITS 26
#define OTHER 27

struct entry {
	size_t film;   /* index in the catalogue */
	char *folded;  /* owned; the folded title, for sorting */
	int letter;    /* 0..LETTERS-1 */
};

static int by_title(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->letter != y->letter)
		return x->letter - y->letter;
	int c = strcmp(x->folded, y->folded);
	return c ? c : (x->film > y->film) - (x->film < y->film);
}

static int letter_of(const char *folded)
{
	unsigned char c = (unsigned char)folded[0];
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	return c >= '0' && c <= '9' ? DIGITS : OTHER;
}

static const char *letter_slug(int l, char out[2])
{
	if (l == DIGITS)
		return "0-9";
	if (l == OTHER)
		return "other";
	out[0] = (char)('a' + l);
	out[1] = '\0';
	return out;
}

static const char *letter_label(int l, char out[2], const char *lang)
{
	if (l == DIGITS)
		return "0-9";
	if (l == OTHER)
		return words_get(lang, W_AZ_OTHER);
	out[0] = (char)('A' + l);
	out[1] = '\0';
	return out;
}

static int year_of(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* The letters that have films, for the navigation of every index page. */
static cJSON *letters_json(const size_t *count, const char *lang)
{
	cJSON *list = cJSON_CreateArray();
	for (int l = 0; l < LETTERS; l++) {
		if (!count[l])
			continue;
		char s[2], t[2];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "letter", letter_label(l, t, lang));
		cJSON_AddStringToObject(o, "slug", letter_slug(l, s));
		cJSON_AddNumberToObject(o, "films", (double)count[l]);
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

/* The search index: every film A to Z with its similar films' places. */
static char *search_json(const struct page_films *pf, const struct entry *e, size_t n)
{
	size_t *place = xcalloc(pf->n ? pf->n : 1, sizeof *place);
	for (size_t k = 0; k < n; k++)
		place[e[k].film] = k;
	cJSON *root = cJSON_CreateObject();
	cJSON *films = cJSON_AddArrayToObject(root, "films");
	for (size_t k = 0; k < n; k++) {
		const struct catalogue_film *f = &pf->films[e[k].film];
		cJSON *row = cJSON_CreateArray();
		cJSON_AddItemToArray(row, cJSON_CreateString(f->title));
		cJSON_AddItemToArray(row, cJSON_CreateString(pf->slug[e[k].film]));
		cJSON_AddItemToArray(row, cJSON_CreateNumber(year_of(f->release)));
		cJSON *similar = cJSON_CreateArray();
		size_t m;
		const struct similar_match *match = recommend_film(pf->similar, e[k].film, &m);
		for (size_t j = 0; j < m; j++)
			cJSON_AddItemToArray(similar, cJSON_CreateNumber((double)place[match[j].film]));
		cJSON_AddItemToArray(row, similar);
		cJSON_AddItemToArray(films, row);
	}
	char *text = json_print(root);
	cJSON_Delete(root);
	free(place);
	return text;
}

/* A page of the index; current names the letter it lists (NULL: none). */
static cJSON *index_page(const char *title, const char *layout, const cJSON *letters,
			 const char *current, const char *lang)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "title", title);
	cJSON_AddStringToObject(p, "layout", layout);
	cJSON_AddBoolToObject(p, "generated", true);
	cJSON_AddStringToObject(p, "az", words_get(lang, W_AZ_ALL));
	cJSON *list = cJSON_Duplicate(letters, true);
	cJSON_AddItemToObject(p, "letters", list);
	cJSON *l;
	cJSON_ArrayForEach(l, list)
		cJSON_AddBoolToObject(l, "current",
				      current && strcmp(json_str(l, "letter"), current) == 0);
	return p;
}

int page_find_write(struct page_set *set, const struct page_films *pf, const struct page_lang *pl)
{
	const char *lang = pl->lang;
	size_t n = pf->n, count[LETTERS] = { 0 };
	struct entry *e = xcalloc(n ? n : 1, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		e[i].film = i;
		e[i].folded = textfold_copy(pf->films[i].title);
		e[i].letter = letter_of(e[i].folded);
		count[e[i].letter]++;
	}
	if (n)
		qsort(e, n, sizeof *e, by_title);
	cJSON *letters = letters_json(count, lang);
	int rc = -1;

	/* The films' page: the search box, and the letters. */
	cJSON *p = index_page(words_get(lang, W_FILMS_TITLE), "films", letters, NULL, lang);
	cJSON_AddNumberToObject(p, "menu", 3);
	cJSON_AddNumberToObject(p, "films", (double)n);
	cJSON *find = cJSON_AddObjectToObject(p, "find");
	cJSON_AddStringToObject(find, "title", words_get(lang, W_FIND_TITLE));
	cJSON_AddStringToObject(find, "intro", words_get(lang, W_FIND_INTRO));
	cJSON_AddStringToObject(find, "label", words_get(lang, W_FIND_LABEL));
	cJSON_AddStringToObject(find, "placeholder", words_get(lang, W_FIND_PLACEHOLDER));
	cJSON_AddStringToObject(find, "none", words_get(lang, W_FIND_NONE));
	cJSON_AddStringToObject(find, "like", words_get(lang, W_FIND_LIKE));
	cJSON_AddStringToObject(find, "error", words_get(lang, W_FIND_ERROR));
	cJSON_AddStringToObject(find, "index", "films/similar.json");
	char *number = words_count(lang, (double)n);
	char *all = words_say(lang, W_AZ_INTRO, number);
	free(number);
	cJSON_AddStringToObject(p, "az_intro", all);
	free(all);
	int r = content_put(set, "films/_index.md", p, "");
	cJSON_Delete(p);
	if (r != 0)
		goto out;

	/* A page per letter, and the A-Z page that lists the letters. */
	p = index_page(words_get(lang, W_AZ_ALL), "az", letters, NULL, lang);
	r = content_put(set, "films/az/_index.md", p, "");
	cJSON_Delete(p);
	if (r != 0)
		goto out;
	for (size_t k = 0; k < n;) {
		int l = e[k].letter;
		char s[2], t[2];
		char *title = words_say(lang, W_AZ_TITLE, letter_label(l, t, lang));
		p = index_page(title, "az", letters, letter_label(l, t, lang), lang);
		free(title);
		cJSON *films = cJSON_AddArrayToObject(p, "films");
		for (; k < n && e[k].letter == l; k++) {
			const struct catalogue_film *f = &pf->films[e[k].film];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "title", f->title);
			cJSON_AddStringToObject(o, "slug", pf->slug[e[k].film]);
			cJSON_AddNumberToObject(o, "year", year_of(f->release));
			cJSON_AddItemToArray(films, o);
		}
		char *rel = xasprintf("films/az/%s.md", letter_slug(l, s));
		r = content_put(set, rel, p, "");
		free(rel);
		cJSON_Delete(p);
		if (r != 0)
			goto out;
	}

	/* The search index, copied into the site as it is. */
	char *json = search_json(pf, e, n);
	r = content_put_file(set, "films/similar.json", json, strlen(json));
	free(json);
	if (r != 0)
		goto out;
	rc = 0;
out:
	cJSON_Delete(letters);
	for (size_t i = 0; i < n; i++)
		free(e[i].folded);
	free(e);
	return rc;
}
