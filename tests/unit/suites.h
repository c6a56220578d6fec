/* The list of unit-test suites: one line per test_*.c file under tests/unit/. */
#ifndef MARQUEE_SUITES_H
#define MARQUEE_SUITES_H

#define SUITES                  \
	SUITE(test_analytics) \
	SUITE(test_config)    \
	SUITE(test_csv)       \
	SUITE(test_date)      \
	SUITE(test_features)  \
	SUITE(test_http)      \
	SUITE(test_plan)      \
	SUITE(test_recommend) \
	SUITE(test_similar)   \
	SUITE(test_slug)      \
	SUITE(test_store)     \
	SUITE(test_strmap)    \
	SUITE(test_svr)       \
	SUITE(test_template)  \
	SUITE(test_textfold)  \
	SUITE(test_tmdb)      \
	SUITE(test_tmdb_hostile) \
	SUITE(test_words)

#define SUITE(name) void name(void);
SUITES
#undef SUITE

#endif
