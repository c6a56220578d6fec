/* Test-only failure injection driven by MARQUEE_FAULT. */
#include "common/fault.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_once_t parsed = PTHREAD_ONCE_INIT;
static char fault_site[64];
static long fault_at;
static bool fault_kill, fault_stop;
static atomic_long fault_calls; /* the site is hit from the rendering threads */

static void parse(void)
{
	const char *spec = getenv("MARQUEE_FAULT");
	if (!spec || !*spec)
		return;
	const char *colon = strchr(spec, ':');
	if (!colon || (size_t)(colon - spec) >= sizeof fault_site)
		return;
	memcpy(fault_site, spec, (size_t)(colon - spec));
	fault_site[colon - spec] = '\0';
	char *end;
	fault_at = strtol(colon + 1, &end, 10);
	fault_kill = strcmp(end, ":kill") == 0;
	fault_stop = strcmp(end, ":stop") == 0;
}

bool fault_hit(const char *site)
{
	pthread_once(&parsed, parse);
	if (fault_at <= 0 || strcmp(site, fault_site) != 0)
		return false;
	if (atomic_fetch_add(&fault_calls, 1) + 1 != fault_at)
		return false;
	if (fault_kill) {
		/* tests/valgrind.sh: what a process killed on purpose held is no leak */
		const char *killed = getenv("MARQUEE_FAULT_KILLED");
		FILE *f = killed && *killed ? fopen(killed, "a") : NULL;
		if (f) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
		fflush(NULL);
		raise(SIGKILL);
	}
	if (fault_stop) {
		/* hangs there, whatever it holds, until SIGCONT (or SIGKILL) */
		fflush(NULL);
		raise(SIGSTOP);
		return false;
	}
	return true;
}
