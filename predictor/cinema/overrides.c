/* The manager's overrides: checking one before it is recorded. */
#include "predictor/cinema/overrides.h"

#include <stdbool.h>

#include "common/date.h"
#include "common/msg.h"
#include "predictor/cinema/week.h"
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
	long start = week_start_day(cinema, week), released;
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

