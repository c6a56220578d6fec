/* libFuzzer target: a content page: front matter, charts and Markdown. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/msg.h"
#include "generator/markdown.h"
#include "generator/page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	msg_set_level(MSG_QUIET);
	md_init();
	int fd = memfd_create("page", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		struct page *p = page_load(path, "films/fuzz.md", "https://example.org/", "en");
		if (p) {
			free(page_body_html(p, false));
			page_free(p);
		}
	}
	close(fd);
	return 0;
}
