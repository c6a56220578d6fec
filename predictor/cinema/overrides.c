/* The manager's overrides: checking one before it is recorded, and a week's. */
#include "predictor/cinema/overrides.h"

#include <stdbool.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/cinema/decision.h"
#include "predictor/store/store_records.h"

/*
 * A choice for a film that does not exist is refused; one for a film not
 * released that week, or for a week already published, is allowed (the
 * manager may know better, or publish again) but said.
 */
int overrides_check(struct store *st, const struct cinema *cinema, const char *week,
			  const char *film)
{
	struct film_info info;
	bool found;
	if (store_film_info(st, film, &info, &found) != 0)
		return -1;
	if (!found) {
		msg_error("no film has the key \"%s\" ('marquee select --week %s' shows the "
			  "candidates' keys)", film, week);
		return -1;
	}
	long start = decision_week_start(cinema, week), released;
	if (date_parse(info.release_date, &released) == 0 &&
	    (released < start || released >= start + cinema->days))
		msg_warn("%s (%s) is released on %s, not in %s: it is not a candidate that week",
			 info.title, film, info.release_date, week);
	film_info_clear(&info);
	int version;
	if (store_week_version(st, week, &version) != 0)
		return -1;
	if (version > 0)
		msg_warn("%s is already published: the choice counts when it is published again "
			 "(marquee publish --week %s --replace)", week, week);
	return 0;
}


int overrides_for_week(struct store *st, const struct config *cfg, const char *week,
		       struct override_row **out, size_t *n)
{
	if (store_overrides_list(st, week, out, n) != 0)
		return -1;
	const struct ytree *list = config_node(cfg, "overrides");
	if (!list)
		return 0;
	if (list->type != YTREE_SEQ) {
		config_error(cfg, list, "overrides", "expected a list of {week, film, action}");
		goto fail;
	}
	size_t cap = *n;
	for (size_t i = 0; i < list->n_items; i++) {
		const struct ytree *o = list->items[i];
		const struct ytree *w = ytree_get(o, "week"), *f = ytree_get(o, "film"),
				   *a = ytree_get(o, "action");
		long monday;
		if (!w || !f || !a || w->type != YTREE_SCALAR || f->type != YTREE_SCALAR ||
		    a->type != YTREE_SCALAR || date_parse_week(w->value, &monday) != 0 ||
		    (strcmp(a->value, "pin") != 0 && strcmp(a->value, "exclude") != 0)) {
			config_error(cfg, o, "overrides",
				     "item %zu needs week (YYYY-Www), film (its key) and action "
				     "(pin or exclude)", i + 1);
			goto fail;
		}
		if (strcmp(w->value, week) != 0)
			continue;
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct override_row){ xstrdup(f->value), xstrdup(a->value), NULL };
	}
	return 0;
fail:
	override_rows_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}
