/* Helpers shared by the commands. */
#include <stdio.h>

#include "command.h"

int command_usage(const struct command *cmd)
{
	fprintf(stderr, "usage: marquee %s\n", cmd->usage);
	fprintf(stderr, "Try 'marquee help %s' for details.\n", cmd->name);
	return 2;
}
