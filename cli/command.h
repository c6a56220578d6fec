/*
 * The subcommands of the marquee program. Each module that implements a
 * command defines one `const struct command`; cli/main.c lists them.
 */
#ifndef MARQUEE_COMMAND_H
#define MARQUEE_COMMAND_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/config.h"

/* What every command receives: the loaded configuration. */
struct app {
	struct config *cfg; /* owned by main */
};

struct command {
	const char *name;
	/* Runs the command; argv[0] is the command name. Returns the exit code:
	 * 0 success, 1 failure (already reported), 2 usage error. */
	int (*run)(struct app *app, int argc, char **argv);
	const char *usage;   /* "import [--strict] [--map C=H]... FILE..." */
	const char *summary; /* one line for `marquee help` */
	const char *help;    /* full text for `marquee help NAME` */
};

/*
 * getopt_long for a command's options, with its errors said as every other
 * error is: "marquee: COMMAND: unknown option '--nope'", "... option
 * '--week' needs a value". Returns as getopt_long does ('?' for either).
 */
int command_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);
/* The command nearest to a mistyped name, or NULL. */
const char *command_nearest(const char *name, const char *const *names, size_t n);
/* Prints "usage: marquee USAGE" on stderr and returns 2. */
int command_usage(const struct command *cmd);
/* Whether a --week value is a week ("2024-W27"); says why not. A command
 * returns 2 (a usage error) when it is not. */
bool command_week_ok(const char *week);

extern const struct command cmd_init;
extern const struct command cmd_import;
extern const struct command cmd_scrape;
extern const struct command cmd_status;
extern const struct command cmd_train;
extern const struct command cmd_models;
extern const struct command cmd_predict;
extern const struct command cmd_backtest;
extern const struct command cmd_features;
extern const struct command cmd_select;
extern const struct command cmd_publish;
extern const struct command cmd_override;
extern const struct command cmd_actuals;
extern const struct command cmd_records;
extern const struct command cmd_replay;
extern const struct command cmd_similar;
extern const struct command cmd_content;
extern const struct command cmd_build;
extern const struct command cmd_serve;
extern const struct command cmd_weekly;

#endif
