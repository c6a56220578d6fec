/* Runs every unit-test suite and prints "unit: N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>

#include "common/msg.h"
#include "common/xalloc.h"
#include "tests/unit/harness.h"
#include "tests/unit/suites.h"

int harness_passed, harness_failed;

char *harness_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/marquee-unit.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	return dir;
}

int main(void)
{
	/* The modules report errors on stderr; tests check return values. */
	msg_set_level(MSG_QUIET);
#define SUITE(name) name();
	SUITES
#undef SUITE
	printf("unit: %d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed ? 1 : 0;
}
