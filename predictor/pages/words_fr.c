/*
 * The sentences Marquee writes, in French (words.h). Typography: a narrow
 * no-break space (U+202F, "\xe2\x80\xaf") before % and between groups of
 * digits, a no-break space (U+00A0, "\xc2\xa0") before : ; ? !.
 */
#include "predictor/pages/words.h"

#include <stddef.h>

#define NNBSP "\xe2\x80\xaf" /* narrow no-break space */
#define NBSP "\xc2\xa0"      /* no-break space */

static const struct words_reason reasons[] = {
	{ "season", "Saison",
	  "La période de l'année où il sort",
	  "il sort à une période faste pour les salles",
	  "il sort à une période creuse pour les salles",
	  NULL },
	{ "holidays", "Vacances",
	  "Les vacances scolaires et les jours fériés de sa semaine de sortie",
	  "des vacances ou des jours fériés tombent la semaine de sa sortie",
	  "ni vacances ni jour férié la semaine de sa sortie",
	  NULL },
	{ "competition", "Concurrence",
	  "Le nombre d'autres films qui sortent la même semaine",
	  "peu d'autres films sortent la même semaine",
	  "beaucoup d'autres films sortent la même semaine",
	  NULL },
	{ "market", "Marché",
	  "La fréquentation des salles ces dernières semaines",
	  "la fréquentation des salles a été forte ces dernières semaines",
	  "la fréquentation des salles a été faible ces dernières semaines",
	  NULL },
	{ "runtime", "Durée",
	  "La durée du film",
	  "sa durée est celle des grosses sorties",
	  "sa durée est celle des sorties plus modestes",
	  "sa durée n'est pas connue" },
	{ "budget", "Budget",
	  "Son budget de production, quand il est connu",
	  "son budget de production est élevé",
	  "son budget est modeste ou inconnu",
	  "son budget n'est pas connu" },
	{ "certification", "Classification",
	  "Sa classification par âge",
	  "les films de même classification attirent beaucoup de monde",
	  "les films de même classification attirent moins de monde",
	  NULL },
	{ "franchise", "Saga",
	  "S'il prolonge une saga, ou s'il s'agit d'une reprise",
	  "il prolonge une saga qui attire le public ici",
	  "c'est une reprise, ou la suite d'aucun succès ici",
	  NULL },
	{ "us", "Sortie américaine",
	  "S'il est déjà sorti aux États-Unis, et avec quel succès",
	  "il a déjà bien marché aux États-Unis",
	  "il a peu marché aux États-Unis, ou n'y est pas sorti",
	  "il n'est pas sorti aux États-Unis, ou ses chiffres n'y sont pas connus" },
	{ "director", "Réalisation",
	  "Les démarrages des films précédents de son réalisateur ou de sa réalisatrice",
	  "les films précédents de sa réalisation ont bien démarré",
	  "les films précédents de sa réalisation ont démarré timidement, ou il n'y en a pas",
	  "sa réalisation est inconnue ou sans film précédent dans l'historique" },
	{ "cast", "Distribution",
	  "Les démarrages des films précédents de ses interprètes",
	  "les films précédents de ses interprètes ont bien démarré",
	  "ses interprètes ont peu de grands démarrages à leur actif",
	  "ses interprètes sont inconnus ou sans film précédent dans l'historique" },
	{ "distributor", "Distributeur",
	  "Les démarrages habituels des sorties de son distributeur",
	  "les sorties de son distributeur démarrent souvent fort",
	  "les sorties de son distributeur démarrent souvent modestement",
	  "son distributeur est inconnu ou nouveau dans l'historique" },
	{ "genre", "Genres",
	  "Les démarrages habituels des films de ses genres",
	  "ses genres attirent souvent un large public",
	  "ses genres attirent souvent un public plus restreint",
	  NULL },
	{ "country", "Pays",
	  "Les démarrages habituels des films de ses pays",
	  "les films de ses pays démarrent souvent bien",
	  "les films de ses pays démarrent souvent modestement",
	  NULL },
	{ "language", "Langue",
	  "Les démarrages habituels des films dans sa langue",
	  "les films dans sa langue démarrent souvent bien",
	  "les films dans sa langue démarrent souvent modestement",
	  NULL },
	{ "popularity", "Notoriété",
	  "La notoriété de son équipe et de ses interprètes",
	  "son équipe et ses interprètes sont connus du public",
	  "son équipe et ses interprètes sont peu connus",
	  "la popularité de son équipe n'est pas connue" },
	{ "buzz", "Attente",
	  "L'attention qu'il suscitait avant sa sortie",
	  "on en parlait beaucoup avant sa sortie",
	  "on en parlait peu avant sa sortie",
	  "aucun buzz n'a été mesuré avant sa sortie" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
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
	.thousands = NNBSP,
	.decimal = ",",
	.weekdays = { "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche" },
	.text = {
		[W_WEEK_TITLE] = "Semaine %s",
		[W_MODEL_LABEL] = "modèle %ld",
		[W_NOTE_MONEY] = "Le modèle prévoit les %s en %s" NBSP "; elles sont converties en "
				 "entrées à %s" NBSP "%s la place (cinema.national_ticket_price).",
		[W_NOTE_SHARE] = "La fréquentation attendue ici est celle de tout le pays multipliée "
				 "par la part de ce cinéma, %s" NNBSP "%% (%s).",
		[W_SHARE_LABEL] = "%s" NNBSP "%% (%s)",
		[W_SHARE_CALIBRATED] = "calibrée sur les entrées enregistrées",
		[W_SHARE_CONFIGURED] = "valeur de la configuration",
		[W_NOTE_FEWER] = "Seulement %zu nouveauté%s cette semaine" NBSP ": la meilleure passe "
				 "dans plus d'une salle.",
		[W_NOTE_REPEAT] = "%s passe dans %zu salles" NBSP ": on attend plus de monde qu'une salle "
				  "n'en contient, et cela rapporte plus que de montrer un autre film.",
		[W_NOTE_HOLDOVER] = "Aucune nouveauté cette semaine" NBSP ": le meilleur film de la "
				    "semaine précédente, %s (%s), reste à l'affiche.",
		[W_NOTE_NOTHING] = "Aucune nouveauté cette semaine, et rien n'a été publié la semaine "
				   "précédente" NBSP ": rien à l'affiche.",
		[W_PICK_PREDICTED] = "Prévision" NBSP ": %s (%s), entre %s et %s dans huit cas sur "
				     "dix.",
		[W_PICK_FILL] = "Devrait remplir %s" NNBSP "%% des %s places de la salle sur la "
				"semaine.",
		[W_PICK_PINNED] = "Choisi par la direction pour cette semaine.",
		[W_PICK_HOLDOVER] = "Prolongé depuis %s" NBSP ": sa deuxième semaine est estimée à "
				    "%s" NNBSP "%% de la première (cinema.holdover_factor).",
		[W_REASON] = "%s (%s" NNBSP "%%)",
		[W_WEEK_CHART_TITLE] = "Prévisions (%s), semaine %s",
		[W_WEEK_CHART_DESC] = "%s arrive en tête avec une prévision de %s" NBSP "; les traits "
				      "montrent l'intervalle à 80" NNBSP "%%.",
		[W_WEEK_CHART_EMPTY] = "Aucun candidat cette semaine.",
		[W_FILM] = "Film",
		[W_PREDICTED] = "Prévu",
		[W_ACTUAL] = "Réel",
		[W_WEEK] = "Semaine",
		[W_WEEKS_TITLE] = "Toutes les semaines",
		[W_FILMS_TITLE] = "Films",
		[W_HOME_NOTHING] = "Rien n'a encore été publié" NBSP ": lancez `marquee publish`.\n",
		[W_SITE_DESCRIPTION] = "Les films de la semaine à %s, choisis d'après les %s prévues.",
		[W_PUBLIC_DESCRIPTION] = "Les films de la semaine à %s.",
		[W_PICK_ON_SCREEN] = "%s (%s)",
		[W_STARTER_NOTE] = "Marquee réécrit cette page, dans la langue du site et d'après "
				   "marquee.yml, tant que cette ligne reste dans %s" NBSP "; supprimez-la "
				   "et la page est à vous.",
		[W_ABOUT_TITLE] = "Le cinéma",
		[W_ABOUT_BODY] = "**%s** ne programme que des nouveautés, dans leur semaine de sortie, "
				 "sur %zu" NBSP "salles" NBSP ": %s. Le programme change chaque %s.\n",
		[W_ABOUT_SCREEN] = "*%s* (%s" NBSP "places)",
		[W_ABOUT_MODEL] = "\nLes films de chaque semaine sont choisis d'après les %s prévues" NBSP
				  ": voir [comment fonctionne le modèle](../model/) et [ce qu'ont "
				  "donné ses prévisions](../history/).\n",
		[W_AND] = " et ",
		[W_PRICES_TITLE] = "Tarifs",
		[W_PRICES_HEAD] = "| Billet | Prix |\n|---|---:|\n",
		[W_PRICE_ROW] = "| %s | %s" NBSP "%s |\n",
		[W_PRICE_FULL] = "Plein tarif",
		[W_PRICE_REDUCED] = "Tarif réduit",
		[W_PRICE_TICKET] = "Toutes les places",
		[W_HISTORY_TITLE] = "Historique",
		[W_SCATTER_TITLE] = "Prévu et réel (%s)",
		[W_SCATTER_DESC] = "Chaque point est un film candidat" NBSP ": sur la diagonale, la "
				   "prévision était exacte. Les deux axes sont logarithmiques.",
		[W_PICKED_FILMS] = "Films choisis",
		[W_OTHER_CANDIDATES] = "Autres candidats",
		[W_SERIES_TITLE] = "Films choisis, semaine par semaine" NBSP ": prévu et réel",
		[W_SERIES_DESC] = "La somme, sur les films choisis de la semaine, de ce qui était prévu "
				  "et de ce qui s'est passé.",
		[W_ERROR_TITLE] = "Erreur sur quatre semaines glissantes",
		[W_ERROR_DESC] = "Erreur absolue moyenne de la prévision (en log) sur les quatre "
				 "dernières semaines (0,69" NBSP ": un facteur deux en moyenne).",
		[W_ERROR_AXIS] = "Erreur absolue moyenne (log)",
		[W_ERROR_SERIES] = "Erreur moyenne sur 4 semaines",
		[W_CAPTURE_TITLE] = "Part du meilleur choix, vu après coup",
		[W_CAPTURE_DESC] = "Pour chaque semaine, les chiffres réels des films choisis, en part "
				   "(%) de la meilleure paire connue après coup.",
		[W_CAPTURE_AXIS] = "% de la meilleure paire",
		[W_CAPTURED] = "Part obtenue",
		[W_MODEL_TITLE] = "Le modèle",
		[W_IMPORTANCE_TITLE] = "Ce sur quoi s'appuie le modèle",
		[W_IMPORTANCE_DESC] = "De combien l'erreur validée augmente quand on mélange les "
				      "valeurs d'un groupe de variables" NBSP ": plus la barre est "
				      "longue, plus le modèle en dépend.",
		[W_FEATURE_GROUP] = "Groupe de variables",
		[W_IMPORTANCE_AXIS] = "Hausse de l'erreur quadratique (RMSE, log)",
		[W_IMPORTANCE_SERIES] = "Importance",
		[W_MODEL_BODY] = "Les erreurs ci-dessus sont mesurées sur des films que le modèle "
				 "n'avait pas vus" NBSP ": chaque découpage l'entraîne sur les films "
				 "les plus anciens et le juge sur les suivants, comme en situation "
				 "réelle. [L'historique](../history/) vérifie combien de fois la réalité "
				 "est tombée dans les intervalles.\n",
		[W_MODEL_NONE] = "Aucun modèle n'a encore été entraîné" NBSP ": lancez "
				 "`marquee train`.\n",
		[W_BASELINE_MODEL] = "Le modèle de Marquee (régression à vecteurs de support)",
		[W_BASELINE_LINEAR] = "Un modèle linéaire sur les mêmes données",
		[W_BASELINE_NEAREST] = "Les 10 films antérieurs les plus proches",
		[W_BASELINE_MEAN] = "La moyenne des films antérieurs",
		[W_STRATUM_COMPLETE_SMALL] = "Films bien renseignés, petites prévisions",
		[W_STRATUM_COMPLETE_LARGE] = "Films bien renseignés, grandes prévisions",
		[W_STRATUM_SPARSE_SMALL] = "Films peu renseignés, petites prévisions",
		[W_STRATUM_SPARSE_LARGE] = "Films peu renseignés, grandes prévisions",
	},
};
