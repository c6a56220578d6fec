/*
 * The build (site.h), in the order Zola's `site` crate keeps: configuration
 * and theme (site_config.c), pages (site_load.c), validation
 * (site_check.c), then rendering and writing (site_render.c). Nothing is
 * written until everything validated.
 */
#define _GNU_SOURCE
#include "generator/site/site_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/hash.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/markdown.h"
#include "generator/output.h"


long long site_elapsed_ms(void)
{
	static struct timespec start;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!start.tv_sec)
		start = now;
	return (long long)(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
}

static void site_free(struct site *site)
{
	output_free(site->output);
	if (site->cache)
		site_cache_keep(site);
	for (size_t i = 0; i < site->n_kept; i++)
		free(site->kept[i].rel);
	free(site->kept);
	for (size_t i = 0; i < site->n_pages; i++)
		if (!site->pages[i]->cached)
			page_free(site->pages[i]);
	free(site->pages);
	tpl_set_free(site->tpls);
	site_views_free(site);
	cJSON_Delete(site->globals);
	free(site->title);
	free(site->description);
	free(site->base_url);
	free(site->base_path);
	free(site->lang);
	free(site->theme_dir);
	free(site->out_dir);
	free(site->feed_section);
}

int site_build(const struct config *cfg, const struct site_options *opt)
{
	struct site site = { 0 };
	struct claims claims = { 0 };
	int rc = -1;
	md_init();
	msg_verbose("build starts at %lld ms", site_elapsed_ms());
	if (site_config_read(&site, cfg, opt) != 0 || site_theme_load(&site) != 0)
		goto out;
	site.globals = cJSON_CreateObject();
	cJSON *info = cJSON_AddObjectToObject(site.globals, "site");
	cJSON_AddStringToObject(info, "title", site.title);
	cJSON_AddStringToObject(info, "description", site.description);
	cJSON_AddStringToObject(info, "base_url", site.base_url);
	cJSON_AddStringToObject(info, "language", site.lang);
	cJSON_AddBoolToObject(info, "public", site.public_site);
	cJSON *t = site_strings_load(&site);
	if (!t)
		goto out;
	cJSON_AddItemToObject(site.globals, "t", t);
	if (site_content_load(&site, opt, &claims) != 0)
		goto out;
	site_menu_build(&site);
	/* Everything a page sees besides itself: strings, configuration, data, menu. */
	char *globals = cJSON_PrintUnformatted(site.globals);
	site.inputs_hash = hash_bytes(site.inputs_hash, globals, strlen(globals));
	site.inputs_hash = hash_bytes(site.inputs_hash, &site.unsafe_html, sizeof site.unsafe_html);
	free(globals);
	msg_verbose("loaded %zu pages in %lld ms", site.n_pages, site_elapsed_ms());
	char *theme_static = xasprintf("%s/static", site.theme_dir);
	int st = site_static_add(&claims, theme_static);
	free(theme_static);
	if (st != 0 || site_static_add(&claims, "static") != 0 || site_validate(&site, &claims) != 0)
		goto out;

	/* everything is valid: only now is anything written */
	/* serve (which keeps a page cache) wrote the site itself: no need to
	 * check that every unchanged file is still there */
	site.output = output_open(site.out_dir, false, site.cache && site_cache_clean(site.cache));
	if (!site.output)
		goto out;
	msg_verbose("validated in %lld ms", site_elapsed_ms());
	if (site_pages_render(&site) != 0)
		goto out;
	msg_verbose("rendered in %lld ms", site_elapsed_ms());
	if (site_extras_write(&site, &claims) != 0)
		goto out;
	msg_verbose("wrote feeds and files in %lld ms", site_elapsed_ms());
	if (output_commit(site.output) != 0)
		goto out;
	size_t written, unchanged;
	output_counts(site.output, &written, &unchanged);
	msg_verbose("committed in %lld ms", site_elapsed_ms());
	msg_info("built %zu pages into %s/ (%zu files written, %zu unchanged)", site.n_pages,
		 site.out_dir, written, unchanged);
	rc = 0;
out:
	site_claims_free(&claims);
	site_free(&site);
	if (opt->cache)
		site_cache_done(opt->cache, rc == 0);
	return rc;
}
