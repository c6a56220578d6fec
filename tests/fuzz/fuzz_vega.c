/*
 * libFuzzer target: the vega-datasets movies.json reader (import_vega.c),
 * with its rows stored into a scratch store inside a transaction that is
 * rolled back after each input, as a failed import's would be.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/fileio.h"
#include "common/msg.h"
#include "predictor/sources/import.h"
#include "predictor/store/store.h"

static struct store *scratch;
static char scratch_dir[] = "/tmp/marquee-fuzz-vega.XXXXXX";

/* The scratch store goes when the process ends, so that runs leave no folders. */
static void scratch_remove(void)
{
	store_close(scratch);
	file_remove_tree(scratch_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	msg_set_level(MSG_QUIET);
	if (!scratch) {
		if (!mkdtemp(scratch_dir) || !(scratch = store_open(scratch_dir)))
			abort();
		atexit(scratch_remove);
	}
	int fd = memfd_create("movies.json", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size && store_begin(scratch) == 0) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		struct import_ctx ctx = { .store = scratch, .path = path, .source = "vega" };
		import_vega(&ctx);
		buf_free(&ctx.outcome_names);
		store_rollback(scratch);
	}
	close(fd);
	return 0;
}
