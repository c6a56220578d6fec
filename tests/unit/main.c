/* Runs every unit-test suite and prints "unit: N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/buf.h"
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

static int saved_stderr = -1;
static FILE *captured;

void harness_capture_begin(void)
{
	fflush(stderr);
	captured = tmpfile();
	saved_stderr = dup(2);
	if (!captured || saved_stderr < 0 || dup2(fileno(captured), 2) < 0) {
		perror("harness_capture_begin");
		exit(1);
	}
}

char *harness_capture_end(void)
{
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	struct buf text = BUF_INIT;
	char chunk[4096];
	size_t n;
	rewind(captured);
	while ((n = fread(chunk, 1, sizeof chunk, captured)) > 0)
		buf_append(&text, chunk, n);
	fclose(captured);
	return buf_detach(&text);
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
