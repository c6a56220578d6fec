/* Helpers shared by the commands. */
#include "cli/command.h"

#include <stdio.h>

#include "common/date.h"
#include "common/msg.h"

int command_usage(const struct command *cmd)
{
	fprintf(stderr, "usage: marquee %s\n", cmd->usage);
	fprintf(stderr, "Try 'marquee help %s' for details.\n", cmd->name);
	return 2;
}

bool command_week_ok(const char *week)
{
	long monday;
	if (date_parse_week(week, &monday) == 0)
		return true;
	msg_error("--week \"%s\": expected YYYY-Www, such as 2024-W27", week);
	return false;
}
