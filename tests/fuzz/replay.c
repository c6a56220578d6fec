/*
 * A fuzz target without libFuzzer: runs its LLVMFuzzerTestOneInput once on
 * each file named, so the seed corpus (tests/fuzz/seeds/TARGET/) is a
 * regression test of `make test`, and of `make test-asan` under the
 * sanitizers, with gcc alone (`make fuzz` needs clang to search for more).
 * Prints "TARGET: N inputs" and exits 1 on an unreadable file; a crash is
 * the failure the test looks for.
 * Usage: fuzz_replay_TARGET FILE...
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's default bound on an input, and so this driver's. */
#define MAX_INPUT (1u << 20)

int main(int argc, char **argv)
{
	uint8_t *data = malloc(MAX_INPUT + 1);
	if (!data) {
		perror("fuzz replay");
		return 1;
	}
	int rc = 0, n = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			fprintf(stderr, "fuzz replay: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		size_t size = fread(data, 1, MAX_INPUT + 1, f);
		int failed = ferror(f);
		fclose(f);
		if (failed || size > MAX_INPUT) {
			fprintf(stderr, "fuzz replay: %s: %s\n", argv[i],
				failed ? "cannot be read" : "larger than 1 MiB");
			rc = 1;
			continue;
		}
		/* a copy of exactly size bytes, so reading past the input is caught */
		uint8_t *input = malloc(size ? size : 1);
		if (!input) {
			perror("fuzz replay");
			return 1;
		}
		memcpy(input, data, size);
		LLVMFuzzerTestOneInput(input, size);
		free(input);
		n++;
	}
	free(data);
	printf("%d inputs\n", n);
	return rc;
}
