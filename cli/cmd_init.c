/*
 * `marquee init DIR`: a cinema's own project, like `hugo new site` or `zola
 * init`: its settings, its pages, its records, and the files that run it
 * every week (a script, a systemd service and timer, a cron line, a GitHub
 * Actions workflow). The files are built into the program (cli/skeleton.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/command.h"
#include "cli/skeleton.h"
#include "common/buf.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"

#ifndef MARQUEE_VERSION
#define MARQUEE_VERSION "main"
#endif

/* The placeholders of the skeleton's texts and their values. */
struct fill {
	const char *name, *value;
};

static char *filled(const char *text, const struct fill *fills, size_t n)
{
	struct buf b = BUF_INIT;
	for (const char *p = text; *p;) {
		size_t i;
		for (i = 0; i < n && strncmp(p, fills[i].name, strlen(fills[i].name)) != 0; i++)
			;
		if (i < n) {
			buf_puts(&b, fills[i].value);
			p += strlen(fills[i].name);
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_detach(&b);
}

/* A folder that does not exist, or an empty one. */
static bool usable(const char *dir)
{
	if (!file_exists(dir))
		return true;
	if (!file_is_dir(dir))
		return false;
	char *probe = xasprintf("%s/marquee.yml", dir);
	bool there = file_exists(probe);
	free(probe);
	return !there;
}

static int run_init(struct app *app, int argc, char **argv)
{
	(void)app;
	static const struct option options[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "language", required_argument, NULL, 'l' },
		{ "repo", required_argument, NULL, 'r' },
		{ "ref", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = "New is always better", *lang = "en",
		   *repo = "https://github.com/OWNER/marquee", *ref = MARQUEE_VERSION;
	bool repo_given = false;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		switch (opt) {
		case 'n':
			name = optarg;
			break;
		case 'l':
			lang = optarg;
			if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
				msg_error("--language %s: expected en or fr", lang);
				return 2;
			}
			break;
		case 'r':
			repo = optarg;
			repo_given = true;
			break;
		case 'f':
			ref = optarg;
			break;
		default:
			return command_usage(&cmd_init);
		}
	}
	if (optind + 1 != argc)
		return command_usage(&cmd_init);
	const char *dir = argv[optind];
	if (!usable(dir)) {
		msg_error("%s: already a project or not a folder: init makes a new one", dir);
		return 1;
	}
	if (strpbrk(name, "\n\r\"\\") || strlen(name) > 200) {
		msg_error("--name: one line of at most 200 characters, without quotes");
		return 2;
	}
	if (file_mkdirs(dir) != 0)
		return 1;
	char abs[PATH_MAX];
	if (!realpath(dir, abs)) {
		msg_error("%s: %s", dir, strerror(errno));
		return 1;
	}
	const struct fill fills[] = { { "@NAME@", name }, { "@LANG@", lang }, { "@DIR@", abs },
				      { "@REPO@", repo }, { "@REF@", ref } };
	/* the files change together: a failure leaves no half project */
	struct file_set files = FILE_SET_INIT;
	int rc = 1;
	size_t n = 0;
	for (const struct skeleton_file *f = skeleton_files; f->path; f++, n++) {
		char *path = xasprintf("%s/%s", dir, f->path);
		char *slash = strrchr(path, '/');
		*slash = '\0';
		int made = file_mkdirs(path);
		*slash = '/';
		char *text = filled(f->text, fills, sizeof fills / sizeof *fills);
		int put = made == 0 ? file_set_put(&files, path, text, strlen(text)) : -1;
		free(text);
		free(path);
		if (put != 0)
			goto out;
	}
	if (file_set_commit(&files) != 0)
		goto out;
	char *script = xasprintf("%s/deploy/weekly.sh", dir);
	chmod(script, 0755);
	free(script);
	msg_info("init: %s: a project for \"%s\" (%zu files)", dir, name, n);
	msg_info("next: set site.base_url, the screens and prices in %s/marquee.yml, put a "
		 "box-office history in %s/imports/, and read %s/README.md", dir, dir, dir);
	if (!repo_given)
		msg_info("for GitHub Actions: set MARQUEE_REPO in %s/.github/workflows/weekly.yml "
			 "to the repository Marquee is built from", dir);
	rc = 0;
out:
	file_set_free(&files);
	return rc;
}

const struct command cmd_init = {
	.name = "init",
	.run = run_init,
	.usage = "init [--name NAME] [--language en|fr] [--repo URL] [--ref REF] DIR",
	.summary = "create a cinema's project: settings, pages, records, weekly deployment",
	.help = "Creates DIR (new or empty) as a cinema's own project, which Marquee runs\n"
		"without its source:\n"
		"  marquee.yml                  the settings, commented\n"
		"  content/about.md, prices.md  the cinema's own pages\n"
		"  records/actuals.csv          the attendance the manager enters each week\n"
		"  imports/                     national box-office files waiting to be imported\n"
		"  deploy/weekly.sh             the weekly job (restore, run, export the records)\n"
		"  deploy/marquee-weekly.service, .timer, crontab   to run it on a server\n"
		"  .github/workflows/weekly.yml to run it on GitHub Actions and publish on Pages\n"
		"  .gitignore, README.md\n\n"
		"  --name NAME       the cinema's name (\"New is always better\")\n"
		"  --language en|fr  the site's language (en)\n"
		"  --repo URL        where GitHub Actions gets Marquee's source\n"
		"  --ref REF         its tag or branch (this program's version)\n",
};
