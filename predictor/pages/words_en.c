/* The sentences Marquee writes, in English (words.h). */
#include "predictor/pages/words.h"

#include <stddef.h>

static const struct words_reason reasons[] = {
	{ "season", "it opens in a strong season for cinemas",
	  "it opens in a quiet season for cinemas" },
	{ "holidays", "school or public holidays fall in its opening week",
	  "no holidays fall in its opening week" },
	{ "competition", "few other films open the same week", "many other films open the same week" },
	{ "market", "cinema attendance has been high in recent weeks",
	  "cinema attendance has been low in recent weeks" },
	{ "runtime", "its running time is typical of big releases",
	  "its running time is typical of smaller releases" },
	{ "budget", "it had a large production budget", "its budget is small or unknown" },
	{ "certification", "films with its certification draw large audiences",
	  "films with its certification draw smaller audiences" },
	{ "sequel", "it is a sequel or part of a collection", "it is not a sequel" },
	{ "us", "it already did well in the US", "it did modestly or is unknown in the US" },
	{ "director", "the director's last films opened strongly",
	  "the director's last films opened weakly, or there are none" },
	{ "cast", "the cast's earlier films opened strongly",
	  "the cast has few strong openings behind it" },
	{ "distributor", "its distributor's releases usually open strongly",
	  "its distributor's releases usually open modestly" },
	{ "genre", "its genres usually draw large audiences",
	  "its genres usually draw smaller audiences" },
	{ "country", "films from its countries usually open well",
	  "films from its countries usually open modestly" },
	{ "language", "films in its language usually open well",
	  "films in its language usually open modestly" },
	{ "popularity", "its cast and crew are popular", "its cast and crew are little known" },
	{ "buzz", "it had strong buzz before release", "it had little buzz before release" },
	{ NULL, NULL, NULL },
};

static const struct words_metric metrics[] = {
	{ "first_week_admissions", "first-week admissions" },
	{ "total_admissions", "total admissions" },
	{ "us_gross", "US gross" },
	{ "worldwide_gross", "worldwide gross" },
	{ NULL, NULL },
};

const struct words_table words_en = {
	.lang = "en",
	.reasons = reasons,
	.metrics = metrics,
	.thousands = ",",
	.text = {
		[W_WEEK_TITLE] = "Week %s",
		[W_MODEL_LABEL] = "model %ld",
		[W_NOTE_MONEY] = "The model predicts %s in %s; it is turned into admissions at %.2f %s "
				 "a ticket (cinema.national_ticket_price).",
		[W_NOTE_SHARE] = "Local attendance is national admissions times this cinema's share, "
				 "%.4f%% (%s).",
		[W_SHARE_CALIBRATED] = "calibrated on recorded attendance",
		[W_SHARE_CONFIGURED] = "configured",
		[W_NOTE_FEWER] = "Only %zu new release%s this week: the best is shown on more than one "
				 "screen.",
		[W_NOTE_HOLDOVER] = "No new release this week: last week's best film, %s (%s), stays on.",
		[W_NOTE_NOTHING] = "No new release this week, and nothing was published for the week "
				   "before to hold over: nothing to show.",
		[W_PICK_PREDICTED] = "Predicted: %s %s (80%% interval %s to %s).",
		[W_PICK_FILL] = "Expected to fill %.0f%% of the room's %s seats over the week.",
		[W_PICK_PINNED] = "Pinned by the manager for this week.",
		[W_PICK_HOLDOVER] = "Held over from %s: its second week is expected at %.0f%% of its "
				    "first (cinema.holdover_factor).",
		[W_REASON] = "%s (%+.0f%%)",
		[W_WEEK_CHART_TITLE] = "Predicted %s, week %s",
		[W_WEEK_CHART_DESC] = "%s leads with %.0f predicted; bars show the 80%% interval.",
		[W_WEEK_CHART_EMPTY] = "No candidate this week.",
		[W_FILM] = "Film",
		[W_PREDICTED] = "Predicted",
		[W_ACTUAL] = "Actual",
		[W_WEEK] = "Week",
		[W_WEEKS_TITLE] = "Every week",
		[W_FILMS_TITLE] = "Films",
		[W_HOME_NOTHING] = "Nothing has been published yet: run `marquee publish`.\n",
		[W_HISTORY_TITLE] = "History",
		[W_SCATTER_TITLE] = "Predicted against actual %s",
		[W_SCATTER_DESC] = "Each point is a candidate film: on the diagonal the prediction was "
				   "exact. Both axes are logarithmic.",
		[W_PICKED_FILMS] = "Picked films",
		[W_OTHER_CANDIDATES] = "Other candidates",
		[W_SERIES_TITLE] = "Picked films per week: predicted and actual",
		[W_SERIES_DESC] = "The sum over the week's picks of what was predicted and what "
				  "happened.",
		[W_ERROR_TITLE] = "Rolling error",
		[W_ERROR_DESC] = "Mean absolute error of the log prediction over the last four weeks "
				 "(0.69 means off by a factor of two on average).",
		[W_ERROR_AXIS] = "Mean absolute log error",
		[W_ERROR_SERIES] = "4-week mean absolute error",
		[W_CAPTURE_TITLE] = "Captured against the best choice in hindsight",
		[W_CAPTURE_DESC] = "For each week, the picks' actual figures as a share (%) of the best "
				   "pair known afterwards.",
		[W_CAPTURE_AXIS] = "% of the best pair",
		[W_CAPTURED] = "Captured",
		[W_MODEL_TITLE] = "The model",
		[W_IMPORTANCE_TITLE] = "What the model relies on",
		[W_IMPORTANCE_DESC] = "How much the validated error grows when a feature group is "
				      "shuffled: the longer the bar, the more the model needs it.",
		[W_FEATURE_GROUP] = "Feature group",
		[W_IMPORTANCE_AXIS] = "Increase in RMSE of the log prediction",
		[W_IMPORTANCE_SERIES] = "Importance",
		[W_MODEL_BODY] = "The errors above were measured on films the model had not seen: each "
				 "fold trains on earlier films and is scored on the next ones, as in "
				 "real use. [The history](../history/) checks how often the truth fell "
				 "inside the intervals.\n",
		[W_MODEL_NONE] = "No model has been trained yet: run `marquee train`.\n",
		[W_WHY_GENRE] = "same genre",
		[W_WHY_GENRES] = "shares %zu genres",
		[W_WHY_DIRECTOR] = "same director",
		[W_WHY_ACTOR] = "an actor in common",
		[W_WHY_ACTORS] = "%zu actors in common",
		[W_WHY_KEYWORD] = "a theme in common",
		[W_WHY_KEYWORDS] = "%zu themes in common",
		[W_WHY_COUNTRY] = "same country",
		[W_WHY_COLLECTION] = "same franchise",
		[W_WHY_STORY] = "similar story",
		[W_FIND_TITLE] = "Find a film you liked",
		[W_FIND_INTRO] = "Type the title of a film you liked: you will see the films most like it, by "
				  "their genres, director, cast and story.",
		[W_FIND_LABEL] = "A film you liked",
		[W_FIND_PLACEHOLDER] = "Type a title",
		[W_FIND_NONE] = "No film with that title.",
		[W_FIND_LIKE] = "If you liked it:",
		[W_AZ_ALL] = "Every film from A to Z",
		[W_AZ_INTRO] = "%s films, each on a page with the films most like it.",
		[W_AZ_TITLE] = "Films: %s",
		[W_AZ_OTHER] = "Other",
		[W_FIND_ERROR] = "The list of films could not be loaded; the A-Z index below leads to every "
				  "film.",
	},
};
