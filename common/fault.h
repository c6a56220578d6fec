/*
 * Fault injection for tests, in the spirit of SQLite's test harness. The
 * environment variable MARQUEE_FAULT="SITE:N[:kill|:stop]" makes the Nth
 * call of fault_hit(SITE) report a failure (or, with ":kill", end the
 * process with SIGKILL there, as a crash would; with ":stop", stop it there
 * with SIGSTOP, as a hung process, holding what it holds, and go on when
 * continued). Sites: "import-row" (a row of an import), "commit" (a store
 * transaction about to commit), "write" (a write of file_write_atomic or
 * of a site's file), "rename" (a site's changed file renamed into place at
 * the commit),
 * "inotify" (serve's watcher starting: as if inotify were unavailable),
 * "http" (an attempt of the HTTP client: fails as a transport error would).
 * A process that ":kill" ends first appends its pid to the file named by
 * MARQUEE_FAULT_KILLED, when set (tests/valgrind.sh: its memory is no leak).
 * Unset, it costs one getenv on the first call.
 */
#ifndef MARQUEE_FAULT_H
#define MARQUEE_FAULT_H

#include <stdbool.h>

bool fault_hit(const char *site);

#endif
