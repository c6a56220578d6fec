/*
 * A build's configuration and theme (site_internal.h): marquee.yml's site
 * keys, where the theme is, its layouts and partials (the project's own
 * overriding the theme's) and its strings for the site language.
 */
#define _GNU_SOURCE
#include "generator/site/site_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/fileio.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "common/ytree.h"

const char *site_string(const struct site *site, const char *key, const char *def)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(site->globals, "t");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, key);
	return cJSON_IsString(v) ? v->valuestring : def;
}

static char *exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	char *slash = strrchr(path, '/');
	if (slash)
		*slash = '\0';
	return xstrdup(path);
}

/* themes/NAME in the project, else beside the installed program. */
static char *find_theme(const char *name)
{
	char *dir = xasprintf("themes/%s", name);
	if (file_is_dir(dir))
		return dir;
	free(dir);
	char *exe = exe_dir();
	for (int i = 0; exe && i < 2; i++) {
		dir = i == 0 ? xasprintf("%s/../themes/%s", exe, name)
			     : xasprintf("%s/../share/marquee/themes/%s", exe, name);
		if (file_is_dir(dir)) {
			free(exe);
			return dir;
		}
		free(dir);
	}
	free(exe);
	return xasprintf("themes/%s", name);
}

int site_config_read(struct site *site, const struct config *cfg, const struct site_options *opt)
{
	const char *title, *base, *lang, *theme, *feed, *desc;
	if (config_string(cfg, "site.title", "Marquee", &title) != 0 ||
	    config_string(cfg, "site.description", "", &desc) != 0 ||
	    config_string(cfg, "site.base_url", "http://localhost:8080/", &base) != 0 ||
	    config_string(cfg, "site.language", "en", &lang) != 0 ||
	    config_string(cfg, "site.theme", "default", &theme) != 0 ||
	    config_string(cfg, "site.feed_section", NULL, &feed) != 0 ||
	    config_bool(cfg, "site.unsafe_html", false, &site->unsafe_html) != 0 ||
	    config_bool(cfg, "site.public", false, &site->public_site) != 0)
		return -1;
	if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
		config_error(cfg, config_node(cfg, "site.language"), "site.language",
			     "\"%s\" is not a supported language (en, fr)", lang);
		return -1;
	}
	if (opt->base_url)
		base = opt->base_url;
	if (strncmp(base, "http://", 7) != 0 && strncmp(base, "https://", 8) != 0) {
		msg_error("base URL \"%s\" must start with http:// or https://", base);
		return -1;
	}
	/* Themes put it in attributes and JSON-LD as it is: only a URL's characters. */
	size_t bad = strcspn(base, " \"'<>\\`{}|^");
	for (const char *c = base; *c && bad == strlen(base); c++)
		if ((unsigned char)*c < 0x21 || (unsigned char)*c > 0x7e)
			bad = (size_t)(c - base);
	if (base[bad]) {
		msg_error("base URL \"%s\" has a character a URL cannot hold at byte %zu "
			  "(percent-encode it)", base, bad + 1);
		return -1;
	}
	site->title = xstrdup(title);
	site->description = xstrdup(desc);
	site->base_url = site_ends_with(base, "/") ? xstrdup(base) : xasprintf("%s/", base);
	const char *host = strstr(site->base_url, "//") + 2;
	const char *path = strchr(host, '/');
	site->base_path = xstrdup(path ? path : "/");
	site->lang = xstrdup(lang);
	site->feed_section = feed ? xstrdup(feed) : NULL; /* else theme.yml's, or every page */
	site->theme_dir = opt->theme_dir ? xstrdup(opt->theme_dir) : find_theme(theme);
	site->out_dir = xstrdup(opt->out_dir ? opt->out_dir : "site");
	while (strlen(site->out_dir) > 1 && site_ends_with(site->out_dir, "/"))
		site->out_dir[strlen(site->out_dir) - 1] = '\0';
	site->drafts = opt->drafts;
	site->cache = opt->cache;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	site->jobs = opt->jobs > 0 ? opt->jobs : cores > 8 ? 8 : cores < 1 ? 1 : (int)cores;
	if (!file_is_dir(site->theme_dir)) {
		msg_error("%s: theme not found (set site.theme or use --theme DIR)", site->theme_dir);
		return -1;
	}
	return 0;
}

/* Adds every *.mustache under dir to the set, names prefixed by prefix. */
static int load_templates(struct site *site, const char *dir, const char *prefix)
{
	if (!file_is_dir(dir))
		return 0;
	struct names files = { 0 };
	int rc = site_walk(dir, "", &files);
	for (size_t i = 0; rc == 0 && i < files.n; i++) {
		if (!site_ends_with(files.items[i], ".mustache"))
			continue;
		char *path = xasprintf("%s/%s", dir, files.items[i]);
		size_t len;
		char *text = file_read_all(path, &len);
		char *name = xasprintf("%s%.*s", prefix, (int)(strlen(files.items[i]) - 9),
				       files.items[i]);
		if (!text || tpl_set_add(site->tpls, name, path, text, len) != 0)
			rc = -1;
		else
			site->inputs_hash = hash_bytes(hash_bytes(site->inputs_hash, name, strlen(name) + 1),
						       text, len);
		free(name);
		free(text);
		free(path);
	}
	site_names_free(&files);
	return rc;
}

int site_theme_load(struct site *site)
{
	site->tpls = tpl_set_new(true);
	site->inputs_hash = HASH_SEED;
	char *dirs[4] = {
		xasprintf("%s/layouts", site->theme_dir), xasprintf("%s/partials", site->theme_dir),
		xstrdup("layouts"), xstrdup("partials"),
	};
	int rc = 0;
	/* the project's own files come last and so override the theme's */
	for (int i = 0; rc == 0 && i < 4; i++)
		rc = load_templates(site, dirs[i], i % 2 == 0 ? "layouts/" : "");
	for (int i = 0; i < 4; i++)
		free(dirs[i]);
	if (rc == 0)
		rc = tpl_set_check(site->tpls);
	if (rc == 0)
		rc = site_views_load(site);
	return rc;
}

/* The theme's strings for the site language: i18n/LANG.yml. */
cJSON *site_strings_load(const struct site *site)
{
	char *path = xasprintf("%s/i18n/%s.yml", site->theme_dir, site->lang);
	cJSON *t = NULL;
	if (!file_exists(path)) {
		t = cJSON_CreateObject();
		goto out;
	}
	size_t len;
	char *text = file_read_all(path, &len);
	struct ytree *tree = text ? ytree_parse(text, len, path, 1) : NULL;
	if (tree && tree->type == YTREE_MAP)
		t = page_yaml_to_json(tree);
	else if (tree)
		msg_error("%s: the strings must be a mapping of names to text", path);
	ytree_free(tree);
	free(text);
out:
	free(path);
	return t;
}

