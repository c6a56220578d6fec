/* The sentences Marquee writes, in French (words.h). */
#include "predictor/pages/words.h"

#include <stddef.h>

static const struct words_reason reasons[] = {
	{ "season", "il sort à une période faste pour les salles",
	  "il sort à une période creuse pour les salles" },
	{ "holidays", "des vacances ou des jours fériés tombent la semaine de sa sortie",
	  "aucune vacance ne tombe la semaine de sa sortie" },
	{ "competition", "peu d'autres films sortent la même semaine",
	  "beaucoup d'autres films sortent la même semaine" },
	{ "market", "la fréquentation des salles a été forte ces dernières semaines",
	  "la fréquentation des salles a été faible ces dernières semaines" },
	{ "runtime", "sa durée est celle des grosses sorties",
	  "sa durée est celle des sorties plus modestes" },
	{ "budget", "son budget de production est élevé", "son budget est modeste ou inconnu" },
	{ "certification", "les films de sa classification attirent beaucoup de monde",
	  "les films de sa classification attirent moins de monde" },
	{ "sequel", "c'est une suite ou un épisode d'une saga", "ce n'est pas une suite" },
	{ "us", "il a déjà bien marché aux États-Unis",
	  "il a peu marché ou est inconnu aux États-Unis" },
	{ "director", "les derniers films du réalisateur ont bien démarré",
	  "les derniers films du réalisateur ont peu démarré, ou il n'y en a pas" },
	{ "cast", "les films précédents de ses acteurs ont bien démarré",
	  "ses acteurs ont peu de grands démarrages derrière eux" },
	{ "distributor", "les sorties de son distributeur démarrent souvent fort",
	  "les sorties de son distributeur démarrent souvent modestement" },
	{ "genre", "ses genres attirent souvent un large public",
	  "ses genres attirent souvent un public plus restreint" },
	{ "country", "les films de ses pays démarrent souvent bien",
	  "les films de ses pays démarrent souvent modestement" },
	{ "language", "les films dans sa langue démarrent souvent bien",
	  "les films dans sa langue démarrent souvent modestement" },
	{ "popularity", "son équipe et ses acteurs sont populaires",
	  "son équipe et ses acteurs sont peu connus" },
	{ "buzz", "on en parlait beaucoup avant sa sortie", "on en parlait peu avant sa sortie" },
	{ NULL, NULL, NULL },
};

static const struct words_metric metrics[] = {
	{ "first_week_admissions", "entrées de première semaine" },
	{ "total_admissions", "entrées totales" },
	{ "us_gross", "recettes aux États-Unis" },
	{ "worldwide_gross", "recettes mondiales" },
	{ NULL, NULL },
};

const struct words_table words_fr = {
	.lang = "fr",
	.reasons = reasons,
	.metrics = metrics,
	.thousands = "\xe2\x80\xaf", /* a narrow no-break space */
	.text = {
		[W_WEEK_TITLE] = "Semaine %s",
		[W_MODEL_LABEL] = "model %ld",
		[W_NOTE_MONEY] = "Le modèle prédit les %s en %s, converties en entrées à %.2f %s la "
				 "place (cinema.national_ticket_price).",
		[W_NOTE_SHARE] = "La fréquentation attendue ici est celle du pays multipliée par la "
				 "part de ce cinéma, %.4f\xe2\x80\xaf%% (%s).",
		[W_SHARE_CALIBRATED] = "calibrée sur les entrées enregistrées",
		[W_SHARE_CONFIGURED] = "configurée",
		[W_NOTE_FEWER] = "Seulement %zu nouveauté%s cette semaine : la meilleure passe dans "
				 "plus d'une salle.",
		[W_NOTE_HOLDOVER] = "Aucune nouveauté cette semaine : le meilleur film de la semaine "
				    "précédente, %s (%s), reste à l'affiche.",
		[W_NOTE_NOTHING] = "Aucune nouveauté cette semaine, et rien n'a été publié la semaine "
				   "précédente : rien à l'affiche.",
		[W_PICK_PREDICTED] = "Prévision : %s %s (intervalle à 80\xe2\x80\xaf%% de %s à %s).",
		[W_PICK_FILL] = "Devrait remplir %.0f\xe2\x80\xaf%% des %s places de la salle sur la "
				"semaine.",
		[W_PICK_PINNED] = "Choisi par la direction pour cette semaine.",
		[W_PICK_HOLDOVER] = "Prolongé depuis %s : sa deuxième semaine est estimée à "
				    "%.0f\xe2\x80\xaf%% de la première (cinema.holdover_factor).",
		[W_REASON] = "%s (%+.0f\xe2\x80\xaf%%)",
		[W_WEEK_CHART_TITLE] = "%s prévues, semaine %s",
		[W_WEEK_CHART_DESC] = "%s arrive en tête avec %.0f prévues ; les barres montrent "
				      "l'intervalle à 80 %%.",
		[W_WEEK_CHART_EMPTY] = "Aucun candidat cette semaine.",
		[W_FILM] = "Film",
		[W_PREDICTED] = "Prévu",
		[W_ACTUAL] = "Réel",
		[W_WEEK] = "Semaine",
		[W_WEEKS_TITLE] = "Toutes les semaines",
		[W_FILMS_TITLE] = "Films",
		[W_HOME_NOTHING] = "Rien n'a encore été publié : lancez `marquee publish`.\n",
		[W_HISTORY_TITLE] = "Historique",
		[W_SCATTER_TITLE] = "%s : prévu contre réel",
		[W_SCATTER_DESC] = "Chaque point est un film candidat : sur la diagonale, la prévision "
				   "était exacte. Les deux axes sont logarithmiques.",
		[W_PICKED_FILMS] = "Films choisis",
		[W_OTHER_CANDIDATES] = "Autres candidats",
		[W_SERIES_TITLE] = "Films choisis par semaine : prévu et réel",
		[W_SERIES_DESC] = "La somme, sur les films choisis de la semaine, de ce qui était prévu "
				  "et de ce qui s'est passé.",
		[W_ERROR_TITLE] = "Erreur glissante",
		[W_ERROR_DESC] = "Erreur absolue moyenne de la prévision (en log) sur les quatre "
				 "dernières semaines (0,69 : un facteur deux en moyenne).",
		[W_ERROR_AXIS] = "Erreur absolue moyenne (log)",
		[W_ERROR_SERIES] = "Erreur moyenne sur 4 semaines",
		[W_CAPTURE_TITLE] = "Obtenu face au meilleur choix a posteriori",
		[W_CAPTURE_DESC] = "Pour chaque semaine, les chiffres réels des films choisis en part "
				   "(%) de la meilleure paire connue après coup.",
		[W_CAPTURE_AXIS] = "% de la meilleure paire",
		[W_CAPTURED] = "Obtenu",
		[W_MODEL_TITLE] = "Le modèle",
		[W_IMPORTANCE_TITLE] = "Ce qui compte pour le modèle",
		[W_IMPORTANCE_DESC] = "De combien l'erreur validée augmente quand un groupe de "
				      "variables est mélangé : plus la barre est longue, plus le "
				      "modèle en a besoin.",
		[W_FEATURE_GROUP] = "Groupe de variables",
		[W_IMPORTANCE_AXIS] = "Hausse de la RMSE de la prévision (log)",
		[W_IMPORTANCE_SERIES] = "Importance",
		[W_MODEL_BODY] = "Les erreurs ci-dessus sont mesurées sur des films que le modèle "
				 "n'avait pas vus : chaque pli s'entraîne sur les films plus anciens et "
				 "se note sur les suivants, comme en situation réelle. "
				 "[L'historique](../history/) vérifie combien de fois la réalité est "
				 "tombée dans les intervalles.\n",
		[W_MODEL_NONE] = "Aucun modèle n'a encore été entraîné : lancez `marquee train`.\n",
		[W_WHY_GENRE] = "même genre",
		[W_WHY_GENRES] = "%zu genres en commun",
		[W_WHY_DIRECTOR] = "même réalisateur",
		[W_WHY_ACTOR] = "un acteur en commun",
		[W_WHY_ACTORS] = "%zu acteurs en commun",
		[W_WHY_KEYWORD] = "un thème en commun",
		[W_WHY_KEYWORDS] = "%zu thèmes en commun",
		[W_WHY_COUNTRY] = "même pays",
		[W_WHY_COLLECTION] = "même saga",
		[W_WHY_STORY] = "histoire proche",
		[W_FIND_TITLE] = "Retrouver un film que vous avez aimé",
		[W_FIND_INTRO] = "Tapez le titre d'un film que vous avez aimé : vous verrez les films qui lui "
				  "ressemblent le plus, par leurs genres, leur réalisation, leur distribution "
				  "et leur histoire.",
		[W_FIND_LABEL] = "Un film que vous avez aimé",
		[W_FIND_PLACEHOLDER] = "Tapez un titre",
		[W_FIND_NONE] = "Aucun film de ce titre.",
		[W_FIND_LIKE] = "Si vous l'avez aimé :",
		[W_AZ_ALL] = "Tous les films de A à Z",
		[W_AZ_INTRO] = "%s films, chacun sur une page avec les films qui lui ressemblent le plus.",
		[W_AZ_TITLE] = "Films : %s",
		[W_AZ_OTHER] = "Autres",
		[W_FIND_ERROR] = "La liste des films n'a pas pu être chargée ; l'index de A à Z ci-dessous "
				  "mène à tous les films.",
	},
};
