/*
 * Feature engineering: calendar, holidays, competition, film facts, and the
 * walk-forward track records and smoothed target encodings of people,
 * companies, genres, countries and languages.
 */
#include "features.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/date.h"
#include "../common/msg.h"
#include "../common/xalloc.h"

enum group {
	G_SEASON, G_HOLIDAYS, G_COMPETITION, G_MARKET, G_RUNTIME, G_BUDGET, G_CERTIFICATION,
	G_SEQUEL, G_US, G_DIRECTOR, G_CAST, G_DISTRIBUTOR, G_GENRE, G_COUNTRY, G_LANGUAGE,
	G_POPULARITY, G_BUZZ, N_GROUPS
};

static const struct feature_group groups[N_GROUPS] = {
	[G_SEASON] = { "season", "it opens in a strong season for cinemas",
		       "it opens in a quiet season for cinemas",
		       "il sort à une période faste pour les salles",
		       "il sort à une période creuse pour les salles" },
	[G_HOLIDAYS] = { "holidays", "school or public holidays fall in its opening week",
			 "no holidays fall in its opening week",
			 "des vacances ou des jours fériés tombent la semaine de sa sortie",
			 "aucune vacance ne tombe la semaine de sa sortie" },
	[G_COMPETITION] = { "competition", "few other films open the same week",
			    "many other films open the same week",
			    "peu d'autres films sortent la même semaine",
			    "beaucoup d'autres films sortent la même semaine" },
	[G_MARKET] = { "market", "cinema attendance has been high in recent weeks",
		       "cinema attendance has been low in recent weeks",
		       "la fréquentation des salles a été forte ces dernières semaines",
		       "la fréquentation des salles a été faible ces dernières semaines" },
	[G_RUNTIME] = { "runtime", "its running time is typical of big releases",
			"its running time is typical of smaller releases",
			"sa durée est celle des grosses sorties",
			"sa durée est celle des sorties plus modestes" },
	[G_BUDGET] = { "budget", "it had a large production budget",
		       "its budget is small or unknown",
		       "son budget de production est élevé",
		       "son budget est modeste ou inconnu" },
	[G_CERTIFICATION] = { "certification", "films with its certification draw large audiences",
			      "films with its certification draw smaller audiences",
			      "les films de sa classification attirent beaucoup de monde",
			      "les films de sa classification attirent moins de monde" },
	[G_SEQUEL] = { "sequel", "it is a sequel or part of a collection",
		       "it is not a sequel",
		       "c'est une suite ou un épisode d'une saga",
		       "ce n'est pas une suite" },
	[G_US] = { "us", "it already did well in the US", "it did modestly or is unknown in the US",
		   "il a déjà bien marché aux États-Unis",
		   "il a peu marché ou est inconnu aux États-Unis" },
	[G_DIRECTOR] = { "director", "the director's last films opened strongly",
			 "the director's last films opened weakly, or there are none",
			 "les derniers films du réalisateur ont bien démarré",
			 "les derniers films du réalisateur ont peu démarré, ou il n'y en a pas" },
	[G_CAST] = { "cast", "the cast's earlier films opened strongly",
		     "the cast has few strong openings behind it",
		     "les films précédents de ses acteurs ont bien démarré",
		     "ses acteurs ont peu de grands démarrages derrière eux" },
	[G_DISTRIBUTOR] = { "distributor", "its distributor's releases usually open strongly",
			    "its distributor's releases usually open modestly",
			    "les sorties de son distributeur démarrent souvent fort",
			    "les sorties de son distributeur démarrent souvent modestement" },
	[G_GENRE] = { "genre", "its genres usually draw large audiences",
		      "its genres usually draw smaller audiences",
		      "ses genres attirent souvent un large public",
		      "ses genres attirent souvent un public plus restreint" },
	[G_COUNTRY] = { "country", "films from its countries usually open well",
			"films from its countries usually open modestly",
			"les films de ses pays démarrent souvent bien",
			"les films de ses pays démarrent souvent modestement" },
	[G_LANGUAGE] = { "language", "films in its language usually open well",
			 "films in its language usually open modestly",
			 "les films dans sa langue démarrent souvent bien",
			 "les films dans sa langue démarrent souvent modestement" },
	[G_POPULARITY] = { "popularity", "its cast and crew are popular",
			   "its cast and crew are little known",
			   "son équipe et ses acteurs sont populaires",
			   "son équipe et ses acteurs sont peu connus" },
	[G_BUZZ] = { "buzz", "it had strong buzz before release", "it had little buzz before release",
		     "on en parlait beaucoup avant sa sortie",
		     "on en parlait peu avant sa sortie" },
};

enum col {
	F_WEEK_SIN, F_WEEK_COS, F_MONTH_SIN, F_MONTH_COS, F_SCHOOL_HOLIDAY, F_PUBLIC_HOLIDAY,
	F_COMPETITION, F_MARKET_RECENT, F_RUNTIME, F_RUNTIME_KNOWN, F_LOG_BUDGET, F_BUDGET_KNOWN,
	F_CERTIFICATION, F_SEQUEL, F_US_BEFORE, F_US_GROSS, F_US_GROSS_KNOWN, F_DIRECTOR_MEAN,
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
	[F_SEQUEL] = { "sequel", G_SEQUEL },
	[F_US_BEFORE] = { "us_release_before", G_US },
	[F_US_GROSS] = { "us_gross_log", G_US },
	[F_US_GROSS_KNOWN] = { "us_gross_known", G_US },
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

static bool is_sequel_title(const char *title)
{
	/* A number 2-9 or a Roman numeral II-VI standing alone, or "Chapitre"/"Part". */
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

/* The US gross is a feature when the US release came at least 14 days earlier. */
static bool us_gross_usable(const struct film_facts *f)
{
	return f->release_us >= 0 && f->release - f->release_us >= 14 && !isnan(f->us_gross) &&
	       f->us_gross > 0;
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
	struct stats s = { xcalloc(4096, sizeof *s.buckets), 4096 };
	double hist_sum = 0;
	long hist_count = 0;
	/* Earlier films' known log budgets and usable log US grosses: the values
	 * a film whose figure is unknown is given. */
	double budget_sum = 0, us_sum = 0;
	long budget_count = 0, us_count = 0;
	size_t next_hist = 0;   /* films[0..next_hist) are in the history */
	size_t market_start = 0; /* first film of the recent-market window */
	double market_sum = 0;
	long market_count = 0;
	size_t week_lo = 0, week_hi = 0; /* films of the current release window */

	for (size_t i = 0; i < n; i++) {
		const struct film_facts *f = &films[i];
		double *x = out->x + i * N_COLS;
		out->y[i] = isnan(f->target) ? NAN : log1p(f->target);
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
		x[F_SEQUEL] = (f->collection && *f->collection) || is_sequel_title(f->title);
		x[F_US_BEFORE] = f->release_us >= 0 && f->release_us < f->release;
		bool us_known = us_gross_usable(f);
		x[F_US_GROSS] = us_known ? log1p(f->us_gross) : us_count ? us_sum / (double)us_count : 0;
		x[F_US_GROSS_KNOWN] = us_known;

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
	return 0;
}

void features_free(struct feature_matrix *m)
{
	free(m->x);
	free(m->y);
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
