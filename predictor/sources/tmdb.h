/*
 * TMDB API v3, the pure layer between TMDB's JSON and Marquee's data: the
 * URLs Marquee asks for (tmdb_url.c) and the parsing of the responses
 * (tmdb.c, on the checked body readers of tmdb_json.c). No I/O, no network:
 * the HTTP client sends the requests and hands the bodies here. No other file knows TMDB's paths or JSON keys.
 *
 * Authentication. A v3 API key travels in the URL (api_key=...); a v4 read
 * access token travels in an "Authorization: Bearer" header and nothing of
 * it in the URL. Secrets are never printed: messages name the environment
 * variable, and a URL shown to a person goes through tmdb_url_redact().
 *
 * Hostile input. Every body is treated as hostile, and a parser reports
 * "WHERE: reason" once (WHERE is the caller's name for the response, such as
 * the redacted URL) before returning -1:
 *
 *   - Before cJSON sees it, the body is refused when it is empty, larger than
 *     TMDB_MAX_BODY, nested deeper than TMDB_MAX_DEPTH, holds more than
 *     TMDB_MAX_VALUES values, or has a raw control character or a \u0000
 *     escape inside a string (cJSON would silently cut the text there).
 *     Anything after the JSON value but white space is refused too.
 *   - An error body ({"status_code":7,...}) given to any parser is reported
 *     with tmdb_error_message()'s sentence.
 *   - Text must be UTF-8 without control characters (C0, DEL, C1); only the
 *     overview may hold line breaks and tabs. Text that fails is rejected,
 *     never repaired. Leading and trailing spaces are trimmed; empty text
 *     is unknown. Over-long text is cut on a character boundary: names and
 *     titles at TMDB_MAX_TEXT bytes, the overview at TMDB_MAX_OVERVIEW.
 *   - Numbers must be finite and in range (ids 1..TMDB_MAX_ID, runtime
 *     1..1000 minutes, budget up to TMDB_MAX_BUDGET); dates must be real
 *     days written YYYY-MM-DD (release_dates' "YYYY-MM-DDT..." too).
 *   - A missing id or title (name, for a person) rejects the whole record:
 *     the parser returns -1. Any other missing field, null, or field of the
 *     wrong type is unknown; when it was present but bad, a warning says so.
 *   - A list entry with a bad value is skipped, and one warning per list
 *     counts the skipped entries and gives the first reason. Lists keep at
 *     most the TMDB_MAX_* entries below (the rest is said with -v).
 */
#ifndef MARQUEE_TMDB_H
#define MARQUEE_TMDB_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define TMDB_BASE_URL "https://api.themoviedb.org/3"

#define TMDB_MAX_BODY (4L << 20) /* bytes of a response */
#define TMDB_MAX_DEPTH 32        /* TMDB's own bodies nest 6 deep */
#define TMDB_MAX_VALUES 250000   /* JSON values in a body (cJSON nodes) */
#define TMDB_MAX_TEXT 300        /* bytes of a title or name */
#define TMDB_MAX_OVERVIEW 4000   /* bytes of an overview */
#define TMDB_MAX_ID 2147483647L
#define TMDB_MAX_BUDGET 2e9  /* USD; above is a mistake, left unknown */
#define TMDB_MAX_RESULTS 100 /* results kept from a discover page */
#define TMDB_MAX_CAST 200
#define TMDB_MAX_DIRECTORS 20
#define TMDB_MAX_KEYWORDS 100
#define TMDB_MAX_LIST 50  /* genres, countries, languages, companies */
#define TMDB_MAX_SIZES 20 /* poster sizes of the configuration */
#define TMDB_MAX_PAGE 500 /* TMDB serves no discover page beyond */

/* A date TMDB did not give (day numbers are otherwise any long). */
#define TMDB_NO_DATE LONG_MIN

/* ---- authentication and URLs (tmdb_url.c) ---- */

enum tmdb_auth_kind {
	TMDB_AUTH_READ_TOKEN, /* v4 read access token: "Authorization: Bearer" */
	TMDB_AUTH_API_KEY,    /* v3 API key: the api_key query parameter */
};

struct tmdb_auth {
	enum tmdb_auth_kind kind;
	const char *variable; /* borrowed (static): the environment variable read */
	const char *secret;   /* borrowed from the environment; never printed */
};

/*
 * How to authenticate, from TMDB_READ_TOKEN or else TMDB_API_KEY (the token
 * wins when both are set: it keeps the secret out of URLs and logs). 0, or
 * -1 after reporting that neither is set or that the one set is not shaped
 * like its kind (the message names the variable, never its value).
 */
int tmdb_auth_from_env(struct tmdb_auth *auth);
/* "a v4 read access token (TMDB_READ_TOKEN)": for messages. Static text. */
const char *tmdb_auth_describe(const struct tmdb_auth *auth);
/*
 * The header line "Authorization: Bearer TOKEN" for a read token (owned by
 * the caller; it holds the secret: never print it), or NULL for an API key,
 * which goes in the URL instead.
 */
char *tmdb_auth_header(const struct tmdb_auth *auth);

/* Where and how to ask: base URL, credentials, the cinema's region and language. */
struct tmdb_api;

/*
 * base_url includes the version path, without a trailing slash needed:
 * TMDB_BASE_URL, or a test server's "http://127.0.0.1:PORT/3". auth may be
 * NULL (no credentials in URLs). region is ISO 3166-1 ("FR"); language is
 * the cinema's ("fr") or a TMDB tag ("fr-FR"); "fr" with region "FR" asks
 * TMDB for "fr-FR". Everything is copied. NULL after reporting a bad value.
 */
struct tmdb_api *tmdb_api_new(const char *base_url, const struct tmdb_auth *auth,
			      const char *region, const char *language);
void tmdb_api_free(struct tmdb_api *api);
/* The region ("FR"), borrowed, for tmdb_movie_parse. */
const char *tmdb_api_region(const struct tmdb_api *api);

/*
 * The URLs, each owned by the caller, every parameter percent-encoded, with
 * api_key last when an API key authenticates:
 *
 * Films released in the region from first_day to last_day (day numbers,
 * inclusive) in cinemas (release types 2|3), most popular first; page
 * 1..TMDB_MAX_PAGE. NULL after reporting a bad page or an empty range.
 */
char *tmdb_url_discover(const struct tmdb_api *api, long first_day, long last_day, int page);
/* A film's details with credits, keywords, release_dates and external_ids
 * appended. NULL after reporting an id outside 1..TMDB_MAX_ID. */
char *tmdb_url_movie(const struct tmdb_api *api, long movie_id);
/* A person's details. NULL after reporting a bad id. */
char *tmdb_url_person(const struct tmdb_api *api, long person_id);
/* The API configuration (image base URL and sizes). Never NULL. */
char *tmdb_url_configuration(const struct tmdb_api *api);
/* A copy of url (owned) with every api_key value replaced by "REDACTED". */
char *tmdb_url_redact(const char *url);

/* ---- parsing (tmdb.c) ---- */

/* One film of a discover page. */
struct tmdb_result {
	long id;
	char *title;          /* owned */
	char *original_title; /* owned; NULL when unknown */
	long release;         /* day number, or TMDB_NO_DATE */
	double popularity;    /* -1 when unknown */
	long vote_count;      /* -1 when unknown */
	char *poster_path;    /* owned; "/abc.jpg", NULL when none */
};

struct tmdb_page {
	int page, total_pages;
	long total_results;          /* -1 when unknown */
	struct tmdb_result *results; /* owned; n_results of them */
	size_t n_results;
	size_t n_skipped; /* results without a usable id or title */
};

/*
 * A /discover/movie (or /movie/upcoming) page. page, total_pages and
 * results are required. 0 with *out owned by the caller (tmdb_page_free),
 * or -1 after reporting.
 */
int tmdb_page_parse(const char *body, size_t len, const char *where, struct tmdb_page **out);
void tmdb_page_free(struct tmdb_page *page);

/* Where tmdb_movie.release came from. */
enum tmdb_release_source {
	TMDB_RELEASE_UNKNOWN,    /* no date at all */
	TMDB_RELEASE_THEATRICAL, /* the region's earliest theatrical entry (type 3) */
	TMDB_RELEASE_LIMITED,    /* no type 3: the region's earliest limited one (type 2) */
	TMDB_RELEASE_PRIMARY,    /* no regional entry: the top-level release_date */
};

/* A cast member (billing order) or a director (order -1). */
struct tmdb_credit {
	long id;
	char *name;        /* owned */
	int order;         /* 0 = top billing; -1 when unknown or a director */
	double popularity; /* -1 when unknown */
};

/* A country (ISO 3166-1) or a language (ISO 639-1) with its name. */
struct tmdb_coded {
	char *code; /* owned; two letters, as TMDB writes them */
	char *name; /* owned; NULL when TMDB gives none */
};

struct tmdb_company {
	long id;
	char *name; /* owned */
};

struct tmdb_movie {
	long id;
	char *title;          /* owned; in the requested language */
	char *original_title; /* owned; NULL when unknown */
	long release;         /* day number in the region, or TMDB_NO_DATE */
	enum tmdb_release_source release_source;
	long release_first;      /* the top-level release_date: the first anywhere.
				  * Far before release means a re-release. */
	long release_us;         /* US theatrical (type 3, else 2), or TMDB_NO_DATE */
	char *certification;     /* owned; the region's, NULL when unknown */
	int runtime_min;         /* 0 when unknown */
	double budget_usd;       /* 0 when unknown */
	char *original_language; /* owned; ISO 639-1, NULL when unknown */
	char **genres;           /* owned, each owned; in TMDB's order */
	size_t n_genres;
	struct tmdb_coded *countries; /* owned; production countries */
	size_t n_countries;
	struct tmdb_coded *languages; /* owned; spoken languages */
	size_t n_languages;
	long collection_id;       /* the franchise; 0 when none */
	char *collection_name;    /* owned; NULL when none */
	struct tmdb_credit *cast; /* owned; in billing order */
	size_t n_cast;
	struct tmdb_credit *directors; /* owned; crew with job "Director" */
	size_t n_directors;
	struct tmdb_company *companies; /* owned; production companies */
	size_t n_companies;
	char **keywords; /* owned, each owned */
	size_t n_keywords;
	char *overview;    /* owned; NULL when unknown */
	char *imdb_id;     /* owned; "tt0137523", NULL when unknown */
	double popularity; /* TMDB's buzz; -1 when unknown */
	long vote_count;   /* -1 when unknown */
	char *poster_path; /* owned; "/abc.jpg", NULL when none */
};

/*
 * Movie details with credits, keywords, release_dates and external_ids
 * appended (tmdb_url_movie). region ("FR") picks the release date and the
 * certification: the region's earliest theatrical entry (type 3), else its
 * earliest limited one (type 2), else the top-level release_date
 * (release_source says which); the certification is the first non-empty
 * one of the region's theatrical entries, else of any of its entries.
 * imdb_id comes from external_ids, else from the top level. Missing appended
 * parts leave their fields empty. 0 with *out owned by the caller
 * (tmdb_movie_free), or -1 after reporting (no id, no title, a bad body).
 */
int tmdb_movie_parse(const char *body, size_t len, const char *where, const char *region,
		     struct tmdb_movie **out);
void tmdb_movie_free(struct tmdb_movie *movie);

struct tmdb_person {
	long id;
	char *name;        /* owned */
	double popularity; /* -1 when unknown */
	long birthday;     /* day number, or TMDB_NO_DATE */
	long deathday;     /* day number, or TMDB_NO_DATE */
};

/* A /person/{id} body. 0 with *out owned by the caller, or -1 after reporting. */
int tmdb_person_parse(const char *body, size_t len, const char *where, struct tmdb_person **out);
void tmdb_person_free(struct tmdb_person *person);

/* The image part of /configuration. */
struct tmdb_images {
	char *secure_base_url; /* owned; ends with '/' */
	char **poster_sizes;   /* owned, each owned: "w92", ..., "original" */
	size_t n_poster_sizes;
};

/* A /configuration body. 0 with *out owned by the caller, or -1 after reporting. */
int tmdb_images_parse(const char *body, size_t len, const char *where, struct tmdb_images **out);
void tmdb_images_free(struct tmdb_images *images);
/*
 * (tmdb_url.c) The poster size nearest width pixels (a tie goes to the larger; "original"
 * only when there is no "wN" size). Borrowed from images; never NULL.
 */
const char *tmdb_images_size(const struct tmdb_images *images, int width);
/* 0 when path is a TMDB image path ("/abc.jpg": '/', then letters, digits,
 * '.', '-', '_', no ".."), else -1. Nothing is reported. */
int tmdb_path_check(const char *path);
/*
 * The URL of a poster about width pixels wide (owned by the caller), or
 * NULL after reporting that poster_path is not a TMDB image path.
 */
char *tmdb_url_poster(const struct tmdb_images *images, int width, const char *poster_path);

/*
 * (tmdb_json.c) When body is a TMDB error body ({"status_code":N,"status_message":...}),
 * a sentence for a person (owned by the caller) and *status_code (may be
 * NULL) set to N: codes 3 and 7 "invalid API key: check TMDB_API_KEY or
 * TMDB_READ_TOKEN", 34 "not found", 25 "rate limit exceeded"; any other
 * quotes TMDB's status_message, cut and with unsafe characters replaced.
 * NULL when body is not an error body. Reports nothing: the HTTP client
 * reports once, with the HTTP status.
 */
char *tmdb_error_message(const char *body, size_t len, int *status_code);

#endif
