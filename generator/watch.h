/*
 * Watching the files a site is built from, for `marquee serve`: inotify
 * watches on every folder of content/, static/, layouts/, partials/ and the
 * theme, and on the project folder for the configuration file and for those
 * folders appearing. It says whether anything changed and, under content/,
 * which files, so that a rebuild need not look at the 10,000 others. When it
 * cannot know (a folder appeared or went, the kernel's queue overflowed), it
 * says so and the build lists content/ again.
 */
#ifndef MARQUEE_WATCH_H
#define MARQUEE_WATCH_H

#include <stdbool.h>
#include <stddef.h>

struct watch;

/*
 * Starts watching the folders above (run from the project folder); config
 * is the configuration file's path. NULL, after a warning, when inotify is
 * not available or out of watches: the caller then polls.
 */
struct watch *watch_open(const char *theme_dir, const char *config);
void watch_close(struct watch *w);
/* The descriptor to poll for POLLIN. */
int watch_fd(const struct watch *w);
/* Reads the events waiting, if any, without blocking. */
void watch_read(struct watch *w);

/* What changed since watch_reset: */
struct watch_changes {
	bool any;                  /* something the site is built from */
	bool broken;               /* a new folder could not be watched (out of
				    * watches): from now on, poll instead */
	bool content_known;        /* content holds every changed file under content/ */
	const char *const *content; /* borrowed; paths under content/, each once */
	size_t n_content;
};
void watch_changes(const struct watch *w, struct watch_changes *out);
/* Forgets the changes seen so far (after a build took them in). */
void watch_reset(struct watch *w);

#endif
