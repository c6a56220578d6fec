/*
 * A tiny unit-test harness (after cmark's api_test/harness.h). Each check
 * counts as one test; a failure prints its place and goes on.
 */
#ifndef MARQUEE_HARNESS_H
#define MARQUEE_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int harness_passed, harness_failed;

#define OK(cond, ...)                                                                  \
	do {                                                                           \
		if (cond) {                                                            \
			harness_passed++;                                              \
		} else {                                                               \
			harness_failed++;                                              \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
			fprintf(stderr, __VA_ARGS__);                                  \
			fputc('\n', stderr);                                           \
		}                                                                      \
	} while (0)

#define INT_EQ(got, want, what)                                                        \
	do {                                                                           \
		long long g_ = (long long)(got), w_ = (long long)(want);               \
		OK(g_ == w_, "%s: got %lld, want %lld", what, g_, w_);                 \
	} while (0)

#define STR_EQ(got, want, what)                                                        \
	do {                                                                           \
		const char *g_ = (got), *w_ = (want);                                  \
		OK(g_ && w_ && strcmp(g_, w_) == 0, "%s: got \"%s\", want \"%s\"", what, \
		   g_ ? g_ : "(null)", w_ ? w_ : "(null)");                              \
	} while (0)

#define NEAR(got, want, tol, what)                                                     \
	do {                                                                           \
		double g_ = (got), w_ = (want);                                        \
		OK(fabs(g_ - w_) <= (tol), "%s: got %g, want %g (within %g)", what,    \
		   g_, w_, (double)(tol));                                             \
	} while (0)

/* text contains part; text is nothing at all (what a run said, say). */
#define HAS(text, part, what)                                                          \
	OK(strstr((text), (part)) != NULL, "%s: \"%s\" not in: %s", what, part, text)
#define QUIET(text, what) OK((text)[0] == '\0', "%s: unexpected message: %s", what, text)

/* A fresh temporary folder for a test (owned by the caller; free it). */
char *harness_tmpdir(void);

/*
 * Sends stderr to a temporary file from harness_capture_begin until
 * harness_capture_end, which gives what was written (owned). Not nested.
 */
void harness_capture_begin(void);
char *harness_capture_end(void);

#endif
