/* Helpers shared by the commands. */
#include "cli/command.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"

int command_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	/* a leading ':' (after a '+') tells a missing value from an unknown option */
	char opts[64];
	bool plus = shortopts[0] == '+';
	snprintf(opts, sizeof opts, "%s:%s", plus ? "+" : "", shortopts + plus);
	opterr = 0;
	int c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c != ':' && c != '?')
		return c;
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	char shortname[3] = { '-', (char)optopt, '\0' };
	/* a long option is named by the argument; a short one by its letter */
	const char *name = optopt && strncmp(arg, "--", 2) != 0 ? shortname : arg;
	char *eq = strchr(name, '=');
	if (c == ':')
		msg_error("option '%.*s' needs a value", eq ? (int)(eq - name) : (int)strlen(name),
			  name);
	else
		msg_error("unknown option '%.*s'", eq ? (int)(eq - name) : (int)strlen(name), name);
	return '?';
}

const char *command_nearest(const char *name, const char *const *names, size_t n)
{
	return config_nearest(name, names, n);
}

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
