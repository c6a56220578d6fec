/* marquee.yml: YAML tree and typed getters with their errors. */
#include <stdlib.h>
#include <unistd.h>

#include "common/config.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "tests/unit/harness.h"

static struct config *load_text(const char *dir, const char *text)
{
	char *path = xasprintf("%s/marquee.yml", dir);
	file_write_atomic(path, text, strlen(text));
	struct config *cfg = config_load(path);
	free(path);
	return cfg;
}

void test_config(void)
{
	char *dir = harness_tmpdir();
	struct config *cfg = load_text(dir, "data_dir: store\n"
					    "cinema:\n"
					    "  screens:\n"
					    "    - {name: Grande, seats: 120}\n"
					    "    - {name: Petite, seats: 80}\n"
					    "  ticket_price: 10.5\n"
					    "  region: FR\n"
					    "  days: many\n"
					    "site:\n"
					    "  unsafe_html: yes\n");
	OK(cfg != NULL, "config loads");
	int level = msg_get_level();
	msg_set_level(MSG_QUIET);
	struct config *twice = load_text(dir, "cinema:\n  region: FR\n  region: BE\n");
	OK(twice == NULL, "a key given twice in one mapping is an error");
	config_free(twice);
	struct config *nested = load_text(dir, "cinema:\n  language: fr\nsite:\n  language: en\n");
	OK(nested != NULL, "one key in two mappings is fine");
	config_free(nested);
	msg_set_level(level);
	const char *s;
	OK(config_string(cfg, "data_dir", "data", &s) == 0, "string read");
	STR_EQ(s, "store", "data_dir");
	OK(config_string(cfg, "missing.key", "dflt", &s) == 0, "absent key");
	STR_EQ(s, "dflt", "default used");
	double price;
	OK(config_double(cfg, "cinema.ticket_price", 1, 0, 1000, &price) == 0, "double read");
	NEAR(price, 10.5, 1e-9, "ticket price");
	long seats;
	OK(config_long(cfg, "cinema.days", 1, 1, 1000, &seats) != 0, "non-number rejected");
	OK(config_long(cfg, "cinema.ticket_price", 1, 1, 1000, &seats) != 0, "decimal is not whole");
	OK(config_string(cfg, "cinema.screens", "", &s) != 0, "list is not a string");
	bool flag;
	OK(config_bool(cfg, "site.unsafe_html", false, &flag) == 0 && flag, "yes is true");
	const struct ytree *screens = config_node(cfg, "cinema.screens");
	OK(screens && screens->type == YTREE_SEQ && screens->n_items == 2, "screens list");
	if (screens && screens->n_items == 2) {
		STR_EQ(ytree_get(screens->items[1], "name")->value, "Petite", "second screen");
		INT_EQ(screens->items[1]->line, 5, "line of second screen");
	}
	config_free(cfg);

	/* every key is one config.c knows, at any depth, in lists too */
	msg_set_level(MSG_QUIET);
	static const char *const unknown[] = {
		"site:\n  base_urll: https://cinema.example/\n",
		"sitee:\n  title: x\n",
		"cinema:\n  screens:\n    - {name: A, seats: 100}\n    - {name: B, seets: 80}\n",
		"overrides:\n  - {week: 2024-W27, film: x, acton: pin}\n",
		"site:\n  tmdb: true\n",
		"nonsense: 1\n",
	};
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
		cfg = load_text(dir, unknown[i]);
		OK(cfg == NULL, "unknown key refused: %s", unknown[i]);
		config_free(cfg);
	}
	msg_set_level(level);
	static const char *const known[] = { "site", "site.base_url", "cinema.screens[].seats",
					     "model", "model.metric" };
	STR_EQ(config_nearest("site.base_urll", known, 5), "site.base_url", "nearest key");
	STR_EQ(config_nearest("modle", known, 5), "model", "nearest section (a transposition)");
	OK(config_nearest("nonsense", known, 5) == NULL, "nothing near");

	cfg = load_text(dir, "a: [unclosed\n");
	OK(cfg == NULL, "syntax error fails");
	cfg = load_text(dir, "- just\n- a list\n");
	OK(cfg == NULL, "top-level list rejected");
	cfg = load_text(dir, "");
	OK(cfg != NULL && cfg->tree->type == YTREE_MAP, "empty file is an empty map");
	config_free(cfg);

	char *cwd = getcwd(NULL, 0);
	OK(chdir(dir) == 0, "chdir");
	unlink("marquee.yml");
	cfg = config_load(NULL);
	OK(cfg != NULL, "absent default config is fine");
	config_free(cfg);
	OK(config_load("nope.yml") == NULL, "absent explicit config fails");
	OK(chdir(cwd) == 0, "chdir back");
	free(cwd);
	file_remove_tree(dir);
	free(dir);
}
