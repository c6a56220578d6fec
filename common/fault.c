/* Test-only failure injection driven by MARQUEE_FAULT. */
#include "fault.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parsed;
static char fault_site[64];
static long fault_at;
static bool fault_kill;
static long fault_calls;

static void parse(void)
{
	parsed = true;
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
}

bool fault_hit(const char *site)
{
	if (!parsed)
		parse();
	if (fault_at <= 0 || strcmp(site, fault_site) != 0)
		return false;
	if (++fault_calls != fault_at)
		return false;
	if (fault_kill) {
		fflush(NULL);
		raise(SIGKILL);
	}
	return true;
}
