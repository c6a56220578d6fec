/*
 * The TMDB tests' helpers (defined in test_tmdb.c): bodies written with '
 * for ", and each parser run with its messages captured into *said (owned).
 * A parser that rejects its body gives NULL.
 */
#ifndef MARQUEE_TEST_TMDB_PARSE_H
#define MARQUEE_TEST_TMDB_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/sources/tmdb.h"

char *json_of(const char *quoted);
bool same(const char *a, const char *b);
long day(const char *ymd);
struct tmdb_movie *movie_from(const char *body, size_t len, const char *region, char **said);
struct tmdb_movie *movie_json(const char *quoted, const char *region, char **said);
struct tmdb_page *page_from(const char *body, size_t len, char **said);
struct tmdb_person *person_json(const char *quoted, char **said);
struct tmdb_images *images_json(const char *quoted, char **said);

#endif
