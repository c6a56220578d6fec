/*
 * The marquee program: global options, then a git-style subcommand.
 * Only the command line lives here; each command is in its own module.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/config.h"
#include "common/msg.h"
#include "cli/command.h"

#ifndef MARQUEE_VERSION
#define MARQUEE_VERSION "0.0-dev"
#endif

static const struct command *const commands[] = {
	&cmd_init,
	&cmd_import,
	&cmd_scrape,
	&cmd_status,
	&cmd_train,
	&cmd_models,
	&cmd_predict,
	&cmd_backtest,
	&cmd_features,
	&cmd_select,
	&cmd_publish,
	&cmd_override,
	&cmd_actuals,
	&cmd_records,
	&cmd_replay,
	&cmd_similar,
	&cmd_content,
	&cmd_build,
	&cmd_serve,
	&cmd_weekly,
};

#define N_COMMANDS (sizeof commands / sizeof *commands)

static const char global_usage[] =
	"usage: marquee [-C DIR] [--config FILE] [-q | -v] COMMAND [ARGS]\n"
	"       marquee help [COMMAND]\n"
	"       marquee --version\n";

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* "no such command", with the nearest one when the name looks mistyped. */
static int no_such_command(const char *name)
{
	const char *names[N_COMMANDS + 1];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i]->name;
	names[N_COMMANDS] = "help";
	const char *near = command_nearest(name, names, N_COMMANDS + 1);
	if (near)
		msg_error("no such command \"%s\"; did you mean \"%s\"? ('marquee help' lists them)",
			  name, near);
	else
		msg_error("no such command \"%s\"; 'marquee help' lists them", name);
	return 2;
}

static void print_overview(FILE *out)
{
	fputs(global_usage, out);
	fputs("\nMarquee picks the week's films for a two-screen cinema from predicted\n"
	      "first-week admissions, and publishes the decision as a static site.\n\n"
	      "Options:\n"
	      "  -C DIR         run as if started in DIR\n"
	      "  --config FILE  configuration file (default: marquee.yml in the project)\n"
	      "  -q, --quiet    print errors only\n"
	      "  -v, --verbose  print details of the work\n"
	      "  -h, --help     this help\n"
	      "  --version      print the version\n\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nSee 'marquee help COMMAND' for one command.\n", out);
}

static int help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return 0;
	}
	const struct command *cmd = find_command(argv[1]);
	if (!cmd)
		return no_such_command(argv[1]);
	printf("usage: marquee %s\n\n%s", cmd->usage, cmd->help);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL;
	int opt;
	/* "+": stop at the command name, so its own options are left for it. */
	while ((opt = command_getopt(argc, argv, "+C:qvh", options)) != -1) {
		switch (opt) {
		case 'C':
			if (chdir(optarg) != 0) {
				msg_error("cannot change to %s: %s", optarg, strerror(errno));
				return 1;
			}
			break;
		case 'c':
			config_path = optarg;
			break;
		case 'q':
			msg_set_level(MSG_QUIET);
			break;
		case 'v':
			msg_set_level(MSG_VERBOSE);
			break;
		case 'h':
			print_overview(stdout);
			return 0;
		case 'V':
			printf("marquee %s\n", MARQUEE_VERSION);
			return 0;
		default:
			fputs(global_usage, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs(global_usage, stderr);
		return 2;
	}
	argc -= optind;
	argv += optind;
	if (strcmp(argv[0], "help") == 0)
		return help(argc, argv);
	const struct command *cmd = find_command(argv[0]);
	if (!cmd)
		return no_such_command(argv[0]);
	/* A subcommand's --help is answered before the configuration is read. */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			char *args[] = { "help", argv[0] };
			return help(2, args);
		}
	msg_set_command(cmd->name);
	struct app app = { 0 };
	app.cfg = config_load(config_path);
	if (!app.cfg)
		return 1;
	optind = 0; /* glibc: reinitialise getopt for the command's options */
	int rc = cmd->run(&app, argc, argv);
	config_free(app.cfg);
	if (fflush(stdout) != 0 && rc == 0) {
		msg_error("cannot write output: %s", strerror(errno));
		rc = 1;
	}
	return rc;
}
