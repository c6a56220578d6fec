/* The `marquee build` command: options in, site_build out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "generator/site.h"

static int build_run(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "base-url", required_argument, NULL, 'b' },
		{ "out", required_argument, NULL, 'o' },
		{ "theme", required_argument, NULL, 't' },
		{ "drafts", no_argument, NULL, 'd' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct site_options opt = { 0 };
	int c;
	while ((c = getopt_long(argc, argv, "b:o:t:dj:", options, NULL)) != -1) {
		switch (c) {
		case 'b':
			opt.base_url = optarg;
			break;
		case 'o':
			opt.out_dir = optarg;
			break;
		case 't':
			opt.theme_dir = optarg;
			break;
		case 'd':
			opt.drafts = true;
			break;
		case 'j':
			opt.jobs = atoi(optarg);
			if (opt.jobs < 1 || opt.jobs > 8)
				return command_usage(&cmd_build);
			break;
		default:
			return command_usage(&cmd_build);
		}
	}
	if (optind != argc)
		return command_usage(&cmd_build);
	return site_build(app->cfg, &opt) == 0 ? 0 : 1;
}

const struct command cmd_build = {
	.name = "build",
	.run = build_run,
	.usage = "build [--base-url URL] [--out DIR] [--theme DIR] [--drafts] [--jobs N]",
	.summary = "build the static site from content/ and a theme",
	.help = "Reads content/ (Markdown pages with YAML front matter, and JSON data in\n"
		"content/_data/), the theme (site.theme in marquee.yml, default \"default\")\n"
		"and writes the site. Everything is checked before anything is written. A\n"
		"first build is written beside the output and swapped into place; later\n"
		"builds make and write only the files whose inputs changed, each written\n"
		"beside its target and renamed over it once the whole build has succeeded.\n"
		"Either way a failed build leaves the previous site as it was.\n\n"
		"Options:\n"
		"  --base-url URL  the address the site is published at (site.base_url)\n"
		"  --out DIR       where to write the site (default: site)\n"
		"  --theme DIR     use the theme in DIR\n"
		"  --drafts        include pages marked draft: true\n"
		"  --jobs N        rendering threads (default: one per core, at most 8)\n",
};
