/*
 * Feature engineering: calendar, holidays, competition, film facts, and the
 * walk-forward track records and smoothed target encodings of people,
 * companies, genres, countries and languages.
 */
#include "predictor/model/features.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"

enum group {
	G_SEASON, G_HOLIDAYS, G_COMPETITION, G_MARKET, G_RUNTIME, G_BUDGET, G_CERTIFICATION,
	G_FRANCHISE, G_US, G_DIRECTOR, G_CAST, G_DISTRIBUTOR, G_GENRE, G_COUNTRY, G_LANGUAGE,
	G_POPULARITY, G_BUZZ, N_GROUPS
};

static const struct feature_group groups[N_GROUPS] = {
	[G_SEASON] = { "season" },
	[G_HOLIDAYS] = { "holidays" },
	[G_COMPETITION] = { "competition" },
	[G_MARKET] = { "market" },
	[G_RUNTIME] = { "runtime" },
	[G_BUDGET] = { "budget" },
	[G_CERTIFICATION] = { "certification" },
	[G_FRANCHISE] = { "franchise" },
	[G_US] = { "us" },
	[G_DIRECTOR] = { "director" },
	[G_CAST] = { "cast" },
	[G_DISTRIBUTOR] = { "distributor" },
	[G_GENRE] = { "genre" },
	[G_COUNTRY] = { "country" },
	[G_LANGUAGE] = { "language" },
	[G_POPULARITY] = { "popularity" },
	[G_BUZZ] = { "buzz" },
};

enum col {
	F_WEEK_SIN, F_WEEK_COS, F_MONTH_SIN, F_MONTH_COS, F_SCHOOL_HOLIDAY, F_PUBLIC_HOLIDAY,
	F_COMPETITION, F_MARKET_RECENT, F_RUNTIME, F_RUNTIME_KNOWN, F_LOG_BUDGET, F_BUDGET_KNOWN,
	F_CERTIFICATION, F_FRANCHISE, F_FRANCHISE_PREV, F_FRANCHISE_PREV_KNOWN, F_RERELEASE, F_SEQUEL_TITLE,
	F_US_BEFORE, F_US_GROSS, F_US_GROSS_KNOWN, F_US_OPENING, F_US_OPENING_KNOWN, F_DIRECTOR_MEAN,
	F_DIRECTOR_KNOWN, F_DIRECTOR_FILMS, F_CAST_MEAN, F_CAST_BEST, F_CAST_KNOWN, F_CAST_FILMS,
	F_CAST_SIZE, F_DISTRIBUTOR_MEAN, F_DISTRIBUTOR_KNOWN, F_DISTRIBUTOR_FILMS,
	F_DISTRIBUTOR_ENC, F_GENRE_ENC, F_COUNTRY_ENC, F_LANGUAGE_ENC, F_CAST_POPULARITY,
	F_CREW_POPULARITY, F_POPULARITY_KNOWN, F_BUZZ_POPULARITY, F_BUZZ_VOTES, F_BUZZ_KNOWN,
	N_COLS
};

static const struct {
	const char *name;
	enum group group;
} cols[N_COLS] = {
	[F_WEEK_SIN] = { "week_sin", G_SEASON },
	[F_WEEK_COS] = { "week_cos", G_SEASON },
	[F_MONTH_SIN] = { "month_sin", G_SEASON },
	[F_MONTH_COS] = { "month_cos", G_SEASON },
	[F_SCHOOL_HOLIDAY] = { "school_holiday_days", G_HOLIDAYS },
	[F_PUBLIC_HOLIDAY] = { "public_holidays", G_HOLIDAYS },
	[F_COMPETITION] = { "competition", G_COMPETITION },
	[F_MARKET_RECENT] = { "market_recent", G_MARKET },
	[F_RUNTIME] = { "runtime", G_RUNTIME },
	[F_RUNTIME_KNOWN] = { "runtime_known", G_RUNTIME },
	[F_LOG_BUDGET] = { "log_budget", G_BUDGET },
	[F_BUDGET_KNOWN] = { "budget_known", G_BUDGET },
	[F_CERTIFICATION] = { "certification_enc", G_CERTIFICATION },
	[F_FRANCHISE] = { "franchise", G_FRANCHISE },
	[F_FRANCHISE_PREV] = { "franchise_prev", G_FRANCHISE },
	[F_FRANCHISE_PREV_KNOWN] = { "franchise_prev_known", G_FRANCHISE },
	[F_RERELEASE] = { "rerelease", G_FRANCHISE },
	[F_SEQUEL_TITLE] = { "sequel_title", G_FRANCHISE },
	[F_US_BEFORE] = { "us_release_before", G_US },
	[F_US_GROSS] = { "us_gross_log", G_US },
	[F_US_GROSS_KNOWN] = { "us_gross_known", G_US },
	[F_US_OPENING] = { "us_opening_log", G_US },
	[F_US_OPENING_KNOWN] = { "us_opening_known", G_US },
	[F_DIRECTOR_MEAN] = { "director_mean", G_DIRECTOR },
	[F_DIRECTOR_KNOWN] = { "director_known", G_DIRECTOR },
	[F_DIRECTOR_FILMS] = { "director_films", G_DIRECTOR },
	[F_CAST_MEAN] = { "cast_mean", G_CAST },
	[F_CAST_BEST] = { "cast_best", G_CAST },
	[F_CAST_KNOWN] = { "cast_known", G_CAST },
	[F_CAST_FILMS] = { "cast_films", G_CAST },
	[F_CAST_SIZE] = { "cast_size", G_CAST },
	[F_DISTRIBUTOR_MEAN] = { "distributor_mean", G_DISTRIBUTOR },
	[F_DISTRIBUTOR_KNOWN] = { "distributor_known", G_DISTRIBUTOR },
	[F_DISTRIBUTOR_FILMS] = { "distributor_films", G_DISTRIBUTOR },
	[F_DISTRIBUTOR_ENC] = { "distributor_enc", G_DISTRIBUTOR },
	[F_GENRE_ENC] = { "genre_enc", G_GENRE },
	[F_COUNTRY_ENC] = { "country_enc", G_COUNTRY },
	[F_LANGUAGE_ENC] = { "language_enc", G_LANGUAGE },
	[F_CAST_POPULARITY] = { "cast_popularity", G_POPULARITY },
	[F_CREW_POPULARITY] = { "crew_popularity", G_POPULARITY },
	[F_POPULARITY_KNOWN] = { "popularity_known", G_POPULARITY },
	[F_BUZZ_POPULARITY] = { "buzz_popularity", G_BUZZ },
	[F_BUZZ_VOTES] = { "buzz_votes", G_BUZZ },
	[F_BUZZ_KNOWN] = { "buzz_known", G_BUZZ },
};

/* Shrinkage of target encodings towards the running mean, in films. */
#define SMOOTHING 5.0
/* Top-billed actors whose records count. */
#define TOP_CAST 4
/* The window of the recent market level, in days. */
#define MARKET_DAYS 56
/*
 * Scaled values are kept within this many standard deviations: a rare flag
 * (seven films in 1,378 lack a running time) would otherwise sit 14 standard
 * deviations out and, alone, make its film unlike every other for the RBF
 * kernel.
 */
#define SCALE_LIMIT 3.0
/* A film made at least this many years before its release is a re-release
 * (films delayed by festivals or closures come out two or three years late). */
#define RERELEASE_YEARS 5
/* Running times within this many minutes are the same cut of a film. */
#define SAME_RUNTIME 3

size_t features_count(void)
{
	return N_COLS;
}

const char *features_name(size_t col)
{
	return col < N_COLS ? cols[col].name : NULL;
}

size_t features_group_of(size_t col)
{
	return cols[col].group;
}

bool features_group_missing(const double *x, size_t group)
{
	bool flagged = false;
	for (size_t j = 0; j < N_COLS; j++) {
		size_t len = strlen(cols[j].name);
		if ((size_t)cols[j].group != group || len < 6 ||
		    strcmp(cols[j].name + len - 6, "_known") != 0)
			continue;
		if (x[j] != 0)
			return false;
		flagged = true;
	}
	return flagged;
}

size_t features_group_count(void)
{
	return N_GROUPS;
}

const struct feature_group *features_group(size_t g)
{
	return g < N_GROUPS ? &groups[g] : NULL;
}

/* ---- holidays ---- */

long features_easter(int year)
{
	/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	long days = 0;
	date_from_ymd(year, month, day, &days);
	return days;
}

bool features_public_holiday(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	static const int fixed[][2] = { { 1, 1 },  { 5, 1 },   { 5, 8 },  { 7, 14 },
					{ 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } };
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (m == fixed[i][0] && d == fixed[i][1])
			return true;
	long easter = features_easter(y);
	/* Easter Monday, Ascension Thursday, Whit Monday. */
	return day == easter + 1 || day == easter + 39 || day == easter + 50;
}

bool features_school_holiday(long day)
{
	/*
	 * The union of zones A, B and C, as month-day ranges that cover the
	 * official calendars of 2015-2025 to within a few days: winter holidays
	 * stagger over five weeks, spring ones over four.
	 */
	static const int ranges[][4] = {
		{ 1, 1, 1, 3 },    /* end of the Christmas holidays */
		{ 2, 5, 3, 8 },    /* winter, three zones staggered */
		{ 4, 6, 5, 6 },    /* spring, three zones staggered */
		{ 7, 6, 8, 31 },   /* summer */
		{ 10, 19, 11, 3 }, /* All Saints */
		{ 12, 20, 12, 31 } /* Christmas */
	};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int md = m * 100 + d;
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		if (md >= ranges[i][0] * 100 + ranges[i][1] && md <= ranges[i][2] * 100 + ranges[i][3])
			return true;
	return false;
}

/* ---- running statistics keyed by strings ---- */

struct stat_entry {
	char *key;  /* owned */
	double sum;
	long count;
	struct stat_entry *next; /* owned chain */
};

struct stats {
	struct stat_entry **buckets; /* owned */
	size_t n_buckets;
};

static uint64_t hash_key(char kind, const char *s)
{
	uint64_t h = 1469598103934665603ULL ^ (unsigned char)kind;
	h *= 1099511628211ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct stat_entry *stats_find(struct stats *s, char kind, const char *name, bool create)
{
	size_t b = hash_key(kind, name) % s->n_buckets;
	for (struct stat_entry *e = s->buckets[b]; e; e = e->next)
		if (e->key[0] == kind && strcmp(e->key + 1, name) == 0)
			return e;
	if (!create)
		return NULL;
	struct stat_entry *e = xcalloc(1, sizeof *e);
	e->key = xasprintf("%c%s", kind, name);
	e->next = s->buckets[b];
	s->buckets[b] = e;
	return e;
}

static void stats_add(struct stats *s, char kind, const char *name, double y)
{
	if (!name || !*name)
		return;
	struct stat_entry *e = stats_find(s, kind, name, true);
	e->sum += y;
	e->count++;
}

static void stats_free(struct stats *s)
{
	for (size_t b = 0; b < s->n_buckets; b++) {
		struct stat_entry *e = s->buckets[b];
		while (e) {
			struct stat_entry *next = e->next;
			free(e->key);
			free(e);
			e = next;
		}
	}
	free(s->buckets);
}

/* Pooled track record over names: mean, count, and the best single mean. */
static void track(struct stats *s, char kind, char *const *names, size_t n, double *mean,
		  long *count, double *best)
{
	double sum = 0;
	long c = 0;
	double top = NAN;
	for (size_t i = 0; i < n; i++) {
		struct stat_entry *e = stats_find(s, kind, names[i], false);
		if (!e || e->count == 0)
			continue;
		sum += e->sum;
		c += e->count;
		double m = e->sum / (double)e->count;
		if (isnan(top) || m > top)
			top = m;
	}
	*count = c;
	*mean = c ? sum / (double)c : NAN;
	if (best)
		*best = top;
}

/* The mean over names of each name's mean shrunk towards prior. */
static double encode(struct stats *s, char kind, char *const *names, size_t n, double prior)
{
	double total = 0;
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		if (!names[i] || !*names[i])
			continue;
		struct stat_entry *e = stats_find(s, kind, names[i], false);
		double sum = e ? e->sum : 0, count = e ? (double)e->count : 0;
		total += (sum + SMOOTHING * prior) / (count + SMOOTHING);
		used++;
	}
	return used ? total / (double)used : prior;
}

/*
 * A sequel number in the title: 2-9 or II-VI standing alone, "Chapitre",
 * "Part", "Partie". Alone it proves nothing (a foreign franchise may have no
 * audience here), so it is a column of its own, next to the franchise facts,
 * and never set on a re-release. Measured on three yearly periods it still
 * carries signal the facts cannot give yet: most sequels continue franchises
 * that began before the history (see the README).
 */
static bool is_sequel_title(const char *title)
{
	static const char *const marks[] = { " 2", " 3", " 4", " 5", " 6", " 7", " 8", " 9",
					     " II", " III", " IV", " V", " VI" };
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		const char *p = title;
		size_t len = strlen(marks[i]);
		while ((p = strstr(p, marks[i])) != NULL) {
			char next = p[len];
			if (next == '\0' || next == ':' || next == ' ' || next == '.' || next == ',')
				return true;
			p += len;
		}
	}
	return strstr(title, "Chapitre") || strstr(title, "Part ") || strstr(title, "Partie");
}

/* ---- franchises and re-releases ---- */

/* Latin-1 letters (U+00C0..U+00FF, UTF-8 C3 80..C3 BF) without their
 * accents; ' ' for the multiplication and division signs. */
static const char latin1_base[65] = "aaaaaaaceeeeiiiidnooooo ouuuuyts"
				    "aaaaaaaceeeeiiiidnooooo ouuuuyty";

/*
 * The comparable form of a title: trailing parenthesised notes dropped ("Dune
 * (2021)" is "dune"), letters folded to lower case without accents, words
 * separated by one space, and ':', ',' and '-' (also '–' and '—') kept as
 * words of their own. Owned by the caller.
 */
static char *title_key(const char *title)
{
	size_t len = strlen(title);
	/* Drop trailing "(...)" groups, innermost last: "Dune (2021) (Rep. 2024)". */
	for (;;) {
		while (len > 0 && title[len - 1] == ' ')
			len--;
		if (len == 0 || title[len - 1] != ')')
			break;
		size_t open = len - 1;
		while (open > 0 && title[open] != '(')
			open--;
		if (title[open] != '(' || open == 0)
			break;
		len = open;
	}
	char *key = xmalloc(2 * len + 2);
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)title[i];
		char word = 0, mark = 0;
		if (isalnum(c)) {
			word = (char)tolower(c);
		} else if (c == 0xC3 && i + 1 < len && ((unsigned char)title[i + 1] & 0xC0) == 0x80) {
			word = latin1_base[(unsigned char)title[++i] & 0x3F];
			if (word == ' ') {
				space = true;
				continue;
			}
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)title[i + 1] == 0x80 &&
			   ((unsigned char)title[i + 2] == 0x93 || (unsigned char)title[i + 2] == 0x94)) {
			mark = '-'; /* en and em dashes */
			i += 2;
		} else if (c == ':' || c == ',' || c == '-') {
			mark = (char)c;
		} else if (c >= 0x80) {
			word = (char)c; /* other scripts: compared byte for byte */
		} else {
			space = true; /* spaces, apostrophes, other punctuation */
			continue;
		}
		if (mark) {
			if (k > 0)
				key[k++] = ' ';
			key[k++] = mark;
			space = true;
			continue;
		}
		if (space && k > 0)
			key[k++] = ' ';
		space = false;
		key[k++] = word;
	}
	key[k] = '\0';
	return key;
}

/* A sequel number as the first word of s: 2-99, or a Roman numeral II-XV. */
static bool sequel_number(const char *s)
{
	static const char *const roman[] = { "ii", "iii", "iv", "vi", "vii", "viii", "ix",
					     "xi", "xii", "xiii", "xiv", "xv" };
	size_t n = strcspn(s, " ");
	if (n >= 1 && n <= 2 && strspn(s, "0123456789") == n) {
		int v = atoi(s);
		return v >= 2 && v <= 99;
	}
	for (size_t i = 0; i < sizeof roman / sizeof *roman; i++)
		if (strlen(roman[i]) == n && strncmp(s, roman[i], n) == 0)
			return true;
	return false;
}

static bool in_list(char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* A director in common, or an actor billed in the top TOP_CAST of both. */
static bool share_people(const struct film_facts *a, const struct film_facts *b)
{
	for (size_t i = 0; i < a->n_directors; i++)
		if (in_list(b->directors, b->n_directors, a->directors[i]))
			return true;
	size_t na = a->n_cast < TOP_CAST ? a->n_cast : TOP_CAST;
	size_t nb = b->n_cast < TOP_CAST ? b->n_cast : TOP_CAST;
	for (size_t i = 0; i < na; i++)
		if (in_list(b->cast, nb, a->cast[i]))
			return true;
	return false;
}

static enum features_relation relation_keyed(const struct film_facts *earlier, const char *ekey,
					     const struct film_facts *later, const char *lkey)
{
	bool same_budget = earlier->budget_usd > 0 && earlier->budget_usd == later->budget_usd;
	size_t n = strlen(ekey);
	if (n > 0 && strcmp(ekey, lkey) == 0) {
		/* The same title is the same film again only when the facts agree:
		 * two unrelated films may share a name. */
		bool same_runtime = earlier->runtime_min > 0 && later->runtime_min > 0 &&
				    abs(earlier->runtime_min - later->runtime_min) <= SAME_RUNTIME;
		return same_budget || same_runtime || share_people(earlier, later) ? FEATURES_REPEAT
										   : FEATURES_UNRELATED;
	}
	bool continues = n > 0 && strncmp(ekey, lkey, n) == 0 && lkey[n] == ' ';
	bool collection = earlier->collection && later->collection && *earlier->collection &&
			  strcmp(earlier->collection, later->collection) == 0;
	if (!continues && !collection)
		return FEATURES_UNRELATED;
	/* A longer title with the very same budget is a new cut ("Version
	 * longue"), not a new episode. */
	if (same_budget)
		return FEATURES_REPEAT;
	if (collection)
		return FEATURES_EPISODE;
	/* The earlier title followed by a number, or by anything when the films
	 * share people: "Maison de retraite 2", "Dune : Deuxième partie". A
	 * title that merely starts like another ("Rose, petite fée des fleurs"
	 * after "Rose") is not enough. */
	return sequel_number(lkey + n + 1) || share_people(earlier, later) ? FEATURES_EPISODE
									   : FEATURES_UNRELATED;
}

enum features_relation features_relation(const struct film_facts *earlier,
					 const struct film_facts *later)
{
	char *ekey = title_key(earlier->title ? earlier->title : "");
	char *lkey = title_key(later->title ? later->title : "");
	enum features_relation r = relation_keyed(earlier, ekey, later, lkey);
	free(ekey);
	free(lkey);
	return r;
}

/*
 * For each film, the earlier films it continues (episodes, in release order,
 * never a re-release) and whether it repeats an earlier film. Relations need
 * only facts known before release, so they look at every earlier film;
 * outcomes are read later, through the history.
 */
struct franchises {
	size_t *episodes; /* owned; the episodes of film i are episodes[start[i]..start[i+1]) */
	size_t *start;    /* owned; n + 1 */
	bool *repeat;     /* owned; n */
};

static void franchises_find(const struct film_facts *films, size_t n, struct franchises *fr)
{
	char **keys = xcalloc(n ? n : 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = title_key(films[i].title ? films[i].title : "");
	fr->start = xcalloc(n + 1, sizeof *fr->start);
	fr->repeat = xcalloc(n ? n : 1, sizeof *fr->repeat);
	fr->episodes = NULL;
	size_t count = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		fr->start[i] = count;
		for (size_t j = 0; j < i && films[j].release < films[i].release; j++) {
			enum features_relation r = relation_keyed(&films[j], keys[j], &films[i], keys[i]);
			if (r == FEATURES_REPEAT) {
				fr->repeat[i] = true;
			} else if (r == FEATURES_EPISODE && !fr->repeat[j]) {
				fr->episodes = xgrow(fr->episodes, &cap, count + 1, sizeof *fr->episodes);
				fr->episodes[count++] = j;
			}
		}
	}
	fr->start[n] = count;
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

static void franchises_free(struct franchises *fr)
{
	free(fr->episodes);
	free(fr->start);
	free(fr->repeat);
}

/* The final US gross is a feature when the US release came at least 14 days earlier. */
static bool us_gross_usable(const struct film_facts *f)
{
	return f->release_us >= 0 && f->release - f->release_us >= 14 && !isnan(f->us_gross) &&
	       f->us_gross > 0;
}

/* The US opening weekend is known once it is over: when the US release came
 * at least 7 days before the local one. */
static bool us_opening_usable(const struct film_facts *f)
{
	return f->release_us >= 0 && f->release - f->release_us >= 7 && !isnan(f->us_opening) &&
	       f->us_opening > 0;
}

/* Fewer than 5 of the 7 basic facts known: in the French data, exactly the
 * films known only from the box-office source (title, genre, running time,
 * some cast). */
static bool sparse_facts(const struct film_facts *f)
{
	int known = (f->n_directors > 0) + (f->n_cast > 0) + (f->distributor && *f->distributor) +
		    (f->n_genres > 0) +
		    (f->n_languages > 0 || f->n_countries > 0 ||
		     (f->original_language && *f->original_language)) +
		    (f->budget_usd > 0) + (f->runtime_min > 0);
	return known < 5;
}

static void add_history(struct stats *s, const struct film_facts *f, double y)
{
	for (size_t i = 0; i < f->n_directors; i++)
		stats_add(s, 'd', f->directors[i], y);
	for (size_t i = 0; i < f->n_cast && i < TOP_CAST; i++)
		stats_add(s, 'a', f->cast[i], y);
	stats_add(s, 'D', f->distributor, y);
	for (size_t i = 0; i < f->n_genres; i++)
		stats_add(s, 'g', f->genres[i], y);
	for (size_t i = 0; i < f->n_countries; i++)
		stats_add(s, 'n', f->countries[i], y);
	if (f->n_languages)
		for (size_t i = 0; i < f->n_languages; i++)
			stats_add(s, 'l', f->languages[i], y);
	else
		stats_add(s, 'l', f->original_language, y);
	stats_add(s, 'c', f->certification, y);
}

int features_build(const struct film_facts *films, size_t n, long cutoff,
		   struct feature_matrix *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 1; i < n; i++)
		if (films[i].release < films[i - 1].release) {
			msg_error("features: films are not sorted by release date (%s)", films[i].key);
			return -1;
		}
	out->n_rows = n;
	out->n_cols = N_COLS;
	out->x = xcalloc(n ? n * N_COLS : 1, sizeof *out->x);
	out->y = xcalloc(n ? n : 1, sizeof *out->y);
	out->sparse = xcalloc(n ? n : 1, sizeof *out->sparse);
	struct stats s = { xcalloc(4096, sizeof *s.buckets), 4096 };
	struct franchises fr;
	franchises_find(films, n, &fr);
	double hist_sum = 0;
	long hist_count = 0;
	/* Earlier films' known log budgets and usable log US grosses: the values
	 * a film whose figure is unknown is given. */
	double budget_sum = 0, us_sum = 0, opening_sum = 0;
	long budget_count = 0, us_count = 0, opening_count = 0;
	size_t next_hist = 0;   /* films[0..next_hist) are in the history */
	size_t market_start = 0; /* first film of the recent-market window */
	double market_sum = 0;
	long market_count = 0;
	size_t week_lo = 0, week_hi = 0; /* films of the current release window */

	for (size_t i = 0; i < n; i++) {
		const struct film_facts *f = &films[i];
		double *x = out->x + i * N_COLS;
		out->y[i] = isnan(f->target) ? NAN : log1p(f->target);
		out->sparse[i] = sparse_facts(f);
		long boundary = cutoff >= 0 && cutoff < f->release ? cutoff : f->release;
		/* History: films released strictly before the boundary. */
		while (next_hist < n && films[next_hist].release < boundary) {
			const struct film_facts *h = &films[next_hist];
			if (h->budget_usd > 0) {
				budget_sum += log1p(h->budget_usd);
				budget_count++;
			}
			if (us_gross_usable(h)) {
				us_sum += log1p(h->us_gross);
				us_count++;
			}
			if (us_opening_usable(h)) {
				opening_sum += log1p(h->us_opening);
				opening_count++;
			}
			if (!isnan(h->target)) {
				double y = log1p(h->target);
				add_history(&s, h, y);
				hist_sum += y;
				hist_count++;
				market_sum += y;
				market_count++;
			}
			next_hist++;
		}
		while (market_start < next_hist && films[market_start].release < boundary - MARKET_DAYS) {
			if (!isnan(films[market_start].target)) {
				market_sum -= log1p(films[market_start].target);
				market_count--;
			}
			market_start++;
		}
		double prior = hist_count ? hist_sum / (double)hist_count : 0;

		/* Calendar. */
		int year, week, m, d;
		date_iso_week(f->release, &year, &week);
		date_to_ymd(f->release, &year, &m, &d);
		x[F_WEEK_SIN] = sin(2 * M_PI * (week - 1) / 52.0);
		x[F_WEEK_COS] = cos(2 * M_PI * (week - 1) / 52.0);
		x[F_MONTH_SIN] = sin(2 * M_PI * (m - 1) / 12.0);
		x[F_MONTH_COS] = cos(2 * M_PI * (m - 1) / 12.0);
		int school = 0, public = 0;
		for (long k = 0; k < 7; k++) {
			school += features_school_holiday(f->release + k);
			public += features_public_holiday(f->release + k);
		}
		x[F_SCHOOL_HOLIDAY] = school / 7.0;
		x[F_PUBLIC_HOLIDAY] = public;

		/* Competition: other films opening within three days either side,
		 * the same programme week for a Wednesday release. */
		while (week_lo < n && films[week_lo].release < f->release - 3)
			week_lo++;
		if (week_hi < i)
			week_hi = i;
		while (week_hi < n && films[week_hi].release <= f->release + 3)
			week_hi++;
		x[F_COMPETITION] = (double)(week_hi - week_lo - 1);
		x[F_MARKET_RECENT] = market_count ? market_sum / (double)market_count - prior : 0;

		/* The film itself. */
		x[F_RUNTIME] = f->runtime_min > 0 ? f->runtime_min : 100;
		x[F_RUNTIME_KNOWN] = f->runtime_min > 0;
		/* An unknown budget is an average one, with its flag off: a 0 would
		 * put every film without a budget far below the smallest real one,
		 * and the spread of real budgets would shrink to a fraction of a
		 * standard deviation once scaled. */
		x[F_LOG_BUDGET] = f->budget_usd > 0  ? log1p(f->budget_usd)
				  : budget_count ? budget_sum / (double)budget_count
						 : 0;
		x[F_BUDGET_KNOWN] = f->budget_usd > 0;
		x[F_CERTIFICATION] =
			f->certification ? encode(&s, 'c', (char *const *)&f->certification, 1, prior) - prior
					 : 0;
		/* The latest earlier episode in the history, and its first week. */
		size_t prev = n;
		bool episode_seen = false;
		for (size_t e = fr.start[i]; e < fr.start[i + 1]; e++) {
			size_t j = fr.episodes[e];
			if (j >= next_hist)
				break;
			episode_seen = true;
			if (!isnan(films[j].target))
				prev = j;
		}
		x[F_FRANCHISE] = (f->collection && *f->collection) || episode_seen;
		x[F_FRANCHISE_PREV] = prev < n ? log1p(films[prev].target) - prior : 0;
		x[F_FRANCHISE_PREV_KNOWN] = prev < n;
		x[F_RERELEASE] = fr.repeat[i] ||
				 (f->production_year > 0 && year - f->production_year >= RERELEASE_YEARS);
		x[F_SEQUEL_TITLE] = !x[F_RERELEASE] && f->title && is_sequel_title(f->title);
		x[F_US_BEFORE] = f->release_us >= 0 && f->release_us < f->release;
		bool us_known = us_gross_usable(f);
		x[F_US_GROSS] = us_known ? log1p(f->us_gross) : us_count ? us_sum / (double)us_count : 0;
		x[F_US_GROSS_KNOWN] = us_known;
		bool opening_known = us_opening_usable(f);
		x[F_US_OPENING] = opening_known   ? log1p(f->us_opening)
				  : opening_count ? opening_sum / (double)opening_count
						  : 0;
		x[F_US_OPENING_KNOWN] = opening_known;

		/* Track records, relative to the running mean of all earlier films. */
		double mean, best;
		long count;
		track(&s, 'd', f->directors, f->n_directors, &mean, &count, NULL);
		x[F_DIRECTOR_MEAN] = count ? mean - prior : 0;
		x[F_DIRECTOR_KNOWN] = count > 0;
		x[F_DIRECTOR_FILMS] = log1p((double)count);
		size_t top = f->n_cast < TOP_CAST ? f->n_cast : TOP_CAST;
		track(&s, 'a', f->cast, top, &mean, &count, &best);
		x[F_CAST_MEAN] = count ? mean - prior : 0;
		x[F_CAST_BEST] = count ? best - prior : 0;
		x[F_CAST_KNOWN] = count > 0;
		x[F_CAST_FILMS] = log1p((double)count);
		x[F_CAST_SIZE] = (double)f->n_cast;
		track(&s, 'D', (char *const *)&f->distributor, f->distributor ? 1 : 0, &mean, &count,
		      NULL);
		x[F_DISTRIBUTOR_MEAN] = count ? mean - prior : 0;
		x[F_DISTRIBUTOR_KNOWN] = count > 0;
		x[F_DISTRIBUTOR_FILMS] = log1p((double)count);
		x[F_DISTRIBUTOR_ENC] =
			f->distributor ? encode(&s, 'D', (char *const *)&f->distributor, 1, prior) - prior
				       : 0;
		x[F_GENRE_ENC] = encode(&s, 'g', f->genres, f->n_genres, prior) - prior;
		x[F_COUNTRY_ENC] = encode(&s, 'n', f->countries, f->n_countries, prior) - prior;
		x[F_LANGUAGE_ENC] =
			f->n_languages ? encode(&s, 'l', f->languages, f->n_languages, prior) - prior
			: f->original_language
				? encode(&s, 'l', (char *const *)&f->original_language, 1, prior) - prior
				: 0;

		bool pop = !isnan(f->cast_popularity) || !isnan(f->crew_popularity);
		x[F_CAST_POPULARITY] = isnan(f->cast_popularity) ? 0 : log1p(f->cast_popularity);
		x[F_CREW_POPULARITY] = isnan(f->crew_popularity) ? 0 : log1p(f->crew_popularity);
		x[F_POPULARITY_KNOWN] = pop;
		bool buzz = !isnan(f->buzz_popularity) || !isnan(f->buzz_votes);
		x[F_BUZZ_POPULARITY] = isnan(f->buzz_popularity) ? 0 : log1p(f->buzz_popularity);
		x[F_BUZZ_VOTES] = isnan(f->buzz_votes) ? 0 : log1p(f->buzz_votes);
		x[F_BUZZ_KNOWN] = buzz;
	}
	stats_free(&s);
	franchises_free(&fr);
	return 0;
}

void features_free(struct feature_matrix *m)
{
	free(m->x);
	free(m->y);
	free(m->sparse);
	memset(m, 0, sizeof *m);
}

void features_scale_fit(const struct feature_matrix *m, const size_t *rows, size_t n_rows,
			double *mean, double *sd)
{
	size_t d = m->n_cols;
	for (size_t j = 0; j < d; j++) {
		double sum = 0, sq = 0;
		for (size_t r = 0; r < n_rows; r++)
			sum += m->x[rows[r] * d + j];
		double mu = n_rows ? sum / (double)n_rows : 0;
		for (size_t r = 0; r < n_rows; r++) {
			double v = m->x[rows[r] * d + j] - mu;
			sq += v * v;
		}
		double s = n_rows > 1 ? sqrt(sq / (double)(n_rows - 1)) : 0;
		mean[j] = mu;
		sd[j] = s > 1e-12 ? s : 1;
	}
}

void features_scale_apply(const double *x, size_t n_cols, const double *mean, const double *sd,
			  double *out)
{
	for (size_t j = 0; j < n_cols; j++) {
		double z = (x[j] - mean[j]) / sd[j];
		out[j] = z > SCALE_LIMIT ? SCALE_LIMIT : z < -SCALE_LIMIT ? -SCALE_LIMIT : z;
	}
}
