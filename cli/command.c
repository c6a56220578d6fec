/* Helpers shared by the commands. */
#include "cli/command.h"

#include <getopt.h>
#include <stdarg.h>
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

int command_call(struct app *app, const struct command *cmd, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	va_start(ap, cmd);
	for (char *arg; argc < 31 && (arg = va_arg(ap, char *));)
		argv[argc++] = arg;
	va_end(ap);
	argv[argc] = NULL;
	int saved_optind = optind;
	const char *saved_command = msg_command();
	optind = 0; /* glibc: start the step's option parsing afresh */
	msg_set_command(cmd->name);
	int rc = cmd->run(app, argc, argv);
	optind = saved_optind;
	msg_set_command(saved_command);
	return rc;
}
