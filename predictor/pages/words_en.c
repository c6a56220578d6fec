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
	{ "viewer_rating", "viewers' rating (0 to 5)" },
	{ "press_rating", "press rating (0 to 5)" },
	{ "imdb_rating", "IMDb rating (0 to 10)" },
	{ NULL, NULL },
};

const struct words_table words_en = {
	.lang = "en",
	.reasons = reasons,
	.metrics = metrics,
	.thousands = ",",
	.decimal = ".",
	.months = { "January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December" },
	.months_short = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
		"Nov", "Dec" },
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
		[W_FIND_INTRO] = "Type the title of a film you liked: you will see the films most "
				 "like it, by their genres, director, cast and story.",
		[W_FIND_LABEL] = "A film you liked",
		[W_FIND_PLACEHOLDER] = "Type a title",
		[W_FIND_NONE] = "No film with that title.",
		[W_FIND_LIKE] = "If you liked it:",
		[W_AZ_ALL] = "Every film from A to Z",
		[W_AZ_INTRO] = "%s films, each on a page with the films most like it.",
		[W_AZ_TITLE] = "Films: %s",
		[W_AZ_OTHER] = "Other",
		[W_FIND_ERROR] = "The list of films could not be loaded; the A-Z index below "
				 "leads to every film.",
		[W_AN_TITLE] = "Analytics",
		[W_AN_INTRO] = "What fills the seats, from the history of %s films and their %s. "
			       "These figures describe the past as it turned out; the model that "
			       "predicts never sees what happens after a film's release.",
		[W_AN_PERIOD] = "Films released from %s to %s: %s films with their %s.",
		[W_AN_NO_FILM] = "No film of the history has its %s yet: import some with "
				 "`marquee import`.",
		[W_AN_BACK] = "All analytics",
		[W_AN_FROM_TO] = "From %s to %s",
		[W_AN_COL_FILMS] = "Films",
		[W_AN_COL_MEDIAN] = "Median",
		[W_AN_COL_MIDDLE] = "Middle half",
		[W_AN_COL_MEAN] = "Mean",
		[W_AN_COL_MONTH] = "Month",
		[W_AN_COL_WEEK] = "Week",
		[W_AN_COL_SCHOOL] = "School holidays",
		[W_AN_COL_PUBLIC] = "Public holiday",
		[W_AN_COL_GENRE] = "Genre",
		[W_AN_COL_YEAR] = "Year",
		[W_AN_COL_NAME] = "Name",
		[W_AN_COL_BEST] = "Best film",
		[W_AN_COL_RUNTIME] = "Running time",
		[W_AN_COL_RANK] = "Rank",
		[W_AN_COL_RELEASED] = "Released",
		[W_AN_COL_TOP] = "Top films",
		[W_AN_COL_ALL] = "All films",
		[W_AN_COL_AGE] = "Age",
		[W_AN_COL_ROLES] = "Roles",
		[W_AN_COL_COUNTRY] = "Country",
		[W_AN_COL_DISTRIBUTOR] = "Distributor",
		[W_AN_COL_SEASON] = "Season",
		[W_AN_COL_BUDGET] = "Budget",
		[W_AN_COL_CERTIFICATION] = "Certification",
		[W_AN_COL_TYPICAL] = "Typical prediction",
		[W_AN_SERIES_MEDIAN] = "Median",
		[W_AN_SERIES_MEAN] = "Mean",
		[W_AN_SEASONS_TITLE] = "Seasonality",
		[W_AN_SEASONS_SUMMARY] = "The %s by month and by week of release, school and "
					 "public holidays marked.",
		[W_AN_MONTH_TITLE] = "By month of release",
		[W_AN_MONTH_TEXT] = "The median %s of the films released in each month, all years "
				    "together; each bar's whisker spans the middle half of the "
				    "films (first to third quartile).",
		[W_AN_MONTH_CHART] = "Median %s by month of release",
		[W_AN_WEEK_TITLE] = "By week of the year",
		[W_AN_WEEK_TEXT] = "The median %s of the films released in each ISO week, all "
				   "years together. Weeks whose films mostly opened in French "
				   "school holidays, or with a public holiday in their first "
				   "week, have a shape of their own.",
		[W_AN_WEEK_CHART] = "Median %s by week of release",
		[W_AN_SERIES_NO_HOLIDAY] = "No holidays",
		[W_AN_SERIES_SCHOOL] = "School holidays",
		[W_AN_SERIES_PUBLIC] = "Public holiday",
		[W_AN_AXIS_MONTH] = "Month of release",
		[W_AN_AXIS_WEEK] = "ISO week of release",
		[W_AN_SEASONS_REST] = "Each point rests on the films of that month or week in "
				      "every year of the period (the Films column); a point of "
				      "fewer than five films says little. School holidays: the "
				      "share of the seven opening days in the holidays of any "
				      "zone (dates approximated); public holiday: the share of "
				      "the films with one in their first week.",
		[W_AN_GENRES_TITLE] = "Genres",
		[W_AN_GENRES_SUMMARY] = "How many films of each genre, how they did, and how that "
					"changed year by year.",
		[W_AN_GENRE_TITLE] = "By genre",
		[W_AN_GENRE_TEXT] = "The median %s of each genre's films, with the middle half of "
				    "them (whiskers). A film of several genres counts in each.",
		[W_AN_GENRE_CHART] = "Median %s by genre",
		[W_AN_GENRE_REST] = "Genres of fewer than three films are left out of the chart "
				    "and table (%s of them).",
		[W_AN_TREND_TITLE] = "Year by year",
		[W_AN_TREND_TEXT] = "The median %s of the most common genres, year by year; the "
				    "table gives the number of films behind each median.",
		[W_AN_TREND_CHART] = "Median %s by year, most common genres",
		[W_AN_AXIS_YEAR] = "Year of release",
		[W_AN_PEOPLE_TITLE] = "People and companies",
		[W_AN_PEOPLE_SUMMARY] = "The directors, actors and distributors whose films did "
					"best, with the number of films behind each figure.",
		[W_AN_DIRECTORS_TITLE] = "Directors",
		[W_AN_ACTORS_TITLE] = "Actors",
		[W_AN_DISTRIBUTORS_TITLE] = "Distributors",
		[W_AN_PEOPLE_TEXT] = "Ranked by the median %s of their films; only those with at "
				     "least three films in the period are shown.",
		[W_AN_ACTORS_TEXT] = "The four first-billed actors of each film, ranked by the "
				     "median %s of their films; only those with at least three "
				     "films in the period are shown.",
		[W_AN_PEOPLE_CHART] = "Median %s of their films, %s",
		[W_AN_PEOPLE_REST] = "%s of %s had three films or more over the whole period, %s "
				     "over the last three years.",
		[W_AN_PEOPLE_NONE] = "Nobody has three films in this period.",
		[W_AN_RUNTIME_TITLE] = "Running time",
		[W_AN_RUNTIME_SUMMARY] = "How long films run, how the short and the long ones "
					 "did, and how it changed year by year.",
		[W_AN_RUNBAND_TITLE] = "Distribution",
		[W_AN_RUNBAND_TEXT] = "How many films run for each length, and the median %s of "
				      "each band.",
		[W_AN_RUNBAND_CHART] = "Films by running time",
		[W_AN_BAND_UNDER] = "under %d",
		[W_AN_BAND_BETWEEN] = "%d–%d",
		[W_AN_BAND_OVER] = "%d and over",
		[W_AN_RUNYEAR_TITLE] = "Year by year",
		[W_AN_RUNYEAR_TEXT] = "The median and mean running time, in minutes, of the films "
				      "released each year.",
		[W_AN_RUNYEAR_CHART] = "Running time by year of release",
		[W_AN_AXIS_MINUTES] = "Minutes",
		[W_AN_RUNTIME_REST] = "%s of the %s films have a known running time.",
		[W_AN_TOP_TITLE] = "Top films",
		[W_AN_TOP_SUMMARY] = "The films that did best, what they share, and the best "
				     "rated by viewers.",
		[W_AN_TOPLIST_TITLE] = "The top films of the last twelve months",
		[W_AN_TOPLIST_TEXT] = "The %s films with the most %s released from %s to %s.",
		[W_AN_TOPLIST_CHART] = "The top films",
		[W_AN_SHARE_TITLE] = "What the top films share",
		[W_AN_SHARE_TEXT] = "The top tenth: the %s films with the most %s of the %s "
				    "released from %s to %s. For each trait, the share of the top "
				    "films that have it against its share of all films.",
		[W_AN_SHARE_CHART] = "Genres of the top films against all films",
		[W_AN_SERIES_TOP] = "Top films",
		[W_AN_SERIES_ALL] = "All films",
		[W_AN_AXIS_SHARE] = "% of films",
		[W_AN_WINTER] = "Winter (December to February)",
		[W_AN_SPRING] = "Spring (March to May)",
		[W_AN_SUMMER] = "Summer (June to August)",
		[W_AN_AUTUMN] = "Autumn (September to November)",
		[W_AN_BUDGET_UNKNOWN] = "Unknown",
		[W_AN_BUDGET_5M] = "Under $5 million",
		[W_AN_BUDGET_20M] = "$5 to 20 million",
		[W_AN_BUDGET_50M] = "$20 to 50 million",
		[W_AN_BUDGET_100M] = "$50 to 100 million",
		[W_AN_BUDGET_MORE] = "$100 million and more",
		[W_AN_RATED_TITLE] = "Best rated by viewers",
		[W_AN_RATED_TEXT] = "The %s best rated of the %s films with a %s. Between that "
				    "rating and the %s, Spearman's rank correlation is %s (1: the "
				    "best rated always do best; 0: no link).",
		[W_AN_RATED_REST] = "Ratings are given after a film opens: they describe it, and "
				    "the model never uses them to predict.",
		[W_AN_RATED_NONE] = "The history holds no viewers' ratings.",
		[W_AN_COL_RATING] = "Rating",
		[W_AN_AGES_TITLE] = "Actors' age",
		[W_AN_AGES_SUMMARY] = "How old the first-billed actors were when their films came "
				      "out, where birthdays are known.",
		[W_AN_AGES_NONE] = "No actor's birthday is known yet: birthdays come with the "
				   "people fetched from TMDB, and this page fills in once they "
				   "are.",
		[W_AN_AGEDIST_TITLE] = "Age at release",
		[W_AN_AGEDIST_TEXT] = "The age of the four first-billed actors on the day each "
				      "film came out, and the median %s of their films: %s ages "
				      "known, in %s films.",
		[W_AN_AGEDIST_CHART] = "First-billed actors by age at release",
		[W_AN_AGELEAD_TITLE] = "The lead's age",
		[W_AN_AGELEAD_TEXT] = "The median %s of the films by the age of their "
				      "first-billed actor.",
		[W_AN_AGELEAD_CHART] = "Median %s by the lead's age",
		[W_AN_MODEL_TITLE] = "The model's view",
		[W_AN_MODEL_SUMMARY] = "How the predicted %s move with budget, running time, week "
				       "of release and the director's record.",
		[W_AN_MODEL_NONE] = "No model has been trained yet: run `marquee train`.",
		[W_AN_MODEL_TEXT] = "For each value, the feature is set to it in every film's "
				    "row, all else as it was, and the model's predictions are "
				    "averaged (on its logarithmic scale): the curve shows how the "
				    "prediction moves with that feature alone. It shows what the "
				    "model learnt, not a cause.",
		[W_AN_MODEL_REST] = "Model %s; each point averages its predictions over %s of the "
				    "%s films it was trained on, taken evenly through time. Their "
				    "typical prediction as they are: %s.",
		[W_AN_PD_BUDGET_TITLE] = "Budget",
		[W_AN_PD_BUDGET_TEXT] = "With the production budget known and set to each value, "
					"in US dollars.",
		[W_AN_PD_RUNTIME_TITLE] = "Running time",
		[W_AN_PD_RUNTIME_TEXT] = "With the running time set to each value, in minutes.",
		[W_AN_PD_WEEK_TITLE] = "Week of release",
		[W_AN_PD_WEEK_TEXT] = "With the release in each ISO week of %d, its month, school "
				      "holidays and public holidays as they were that year.",
		[W_AN_PD_DIRECTOR_TITLE] = "The director's record",
		[W_AN_PD_DIRECTOR_TEXT] = "With a director whose three earlier films drew this "
					  "multiple of the films released before them (×1: like "
					  "the average film).",
		[W_AN_PD_CHART] = "Typical predicted %s by %s",
		[W_AN_AXIS_BUDGET] = "Budget (US dollars)",
		[W_AN_AXIS_DIRECTOR] = "The director's earlier films, × the average",
		[W_AN_SERIES_TYPICAL] = "Typical prediction",
		[W_AN_COL_VALUE] = "Value",
		[W_AN_WEEK_TABLE] = "The figures of every week",
		[W_AN_PERIOD_ONE] = "The film released on %s, with its %s.",
	},
};
