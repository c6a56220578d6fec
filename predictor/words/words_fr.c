/*
 * The sentences Marquee writes, in French (words.h). Typography: a narrow
 * no-break space (U+202F, "\xe2\x80\xaf") before % and between groups of
 * digits, a no-break space (U+00A0, "\xc2\xa0") before : ; ? !.
 */
#include "predictor/words/words.h"

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
	{ "viewer_rating", "note du public (de 0 à 5)" },
	{ "press_rating", "note de la presse (de 0 à 5)" },
	{ "imdb_rating", "note IMDb (de 0 à 10)" },
	{ NULL, NULL },
};

const struct words_table words_fr = {
	.lang = "fr",
	.reasons = reasons,
	.metrics = metrics,
	.thousands = NNBSP,
	.decimal = ",",
	.weekdays = { "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche" },
	.months = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre" },
	.months_short = { "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
		"sept.", "oct.", "nov.", "déc." },
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
		[W_FIND_INTRO] = "Tapez le titre d'un film que vous avez aimé" NBSP ": vous verrez les "
				 "films qui lui ressemblent le plus, par leurs genres, leur "
				 "réalisation, leur distribution et leur histoire.",
		[W_FIND_LABEL] = "Un film que vous avez aimé",
		[W_FIND_PLACEHOLDER] = "Tapez un titre",
		[W_FIND_NONE] = "Aucun film de ce titre.",
		[W_FIND_LIKE] = "Si vous l'avez aimé" NBSP ":",
		[W_AZ_ALL] = "Tous les films de A à Z",
		[W_AZ_INTRO] = "%s films, chacun sur une page avec les films qui lui ressemblent "
			       "le plus.",
		[W_AZ_TITLE] = "Films" NBSP ": %s",
		[W_AZ_OTHER] = "Autres",
		[W_FIND_ERROR] = "La liste des films n'a pas pu être chargée" NBSP "; l'index de A à Z "
				 "ci-dessous mène à tous les films.",
		[W_AN_TITLE] = "Analyses",
		[W_AN_INTRO] = "Ce qui remplit les salles, d'après l'historique de %s films et "
			       "leurs %s. Ces chiffres décrivent le passé tel qu'il s'est passé" NBSP "; "
			       "le modèle qui prévoit ne voit jamais ce qui arrive après la "
			       "sortie d'un film.",
		[W_AN_PERIOD] = "Films sortis du %s au %s" NBSP ": %s films avec leurs %s.",
		[W_AN_NO_FILM] = "Aucun film de l'historique n'a encore ses %s" NBSP ": importez-en avec "
				 "`marquee import`.",
		[W_AN_BACK] = "Toutes les analyses",
		[W_AN_FROM_TO] = "Du %s au %s",
		[W_AN_COL_FILMS] = "Films",
		[W_AN_COL_MEDIAN] = "Médiane",
		[W_AN_COL_MIDDLE] = "Moitié centrale",
		[W_AN_COL_MEAN] = "Moyenne",
		[W_AN_COL_MONTH] = "Mois",
		[W_AN_COL_WEEK] = "Semaine",
		[W_AN_COL_SCHOOL] = "Vacances scolaires",
		[W_AN_COL_PUBLIC] = "Jour férié",
		[W_AN_COL_GENRE] = "Genre",
		[W_AN_COL_YEAR] = "Année",
		[W_AN_COL_NAME] = "Nom",
		[W_AN_COL_BEST] = "Meilleur film",
		[W_AN_COL_RUNTIME] = "Durée",
		[W_AN_COL_RANK] = "Rang",
		[W_AN_COL_RELEASED] = "Sortie",
		[W_AN_COL_TOP] = "Meilleurs films",
		[W_AN_COL_ALL] = "Tous les films",
		[W_AN_COL_AGE] = "Âge",
		[W_AN_COL_ROLES] = "Rôles",
		[W_AN_COL_COUNTRY] = "Pays",
		[W_AN_COL_DISTRIBUTOR] = "Distributeur",
		[W_AN_COL_SEASON] = "Saison",
		[W_AN_COL_BUDGET] = "Budget",
		[W_AN_COL_CERTIFICATION] = "Classification",
		[W_AN_COL_TYPICAL] = "Prévision typique",
		[W_AN_SERIES_MEDIAN] = "Médiane",
		[W_AN_SERIES_MEAN] = "Moyenne",
		[W_AN_SEASONS_TITLE] = "Saisonnalité",
		[W_AN_SEASONS_SUMMARY] = "Les %s par mois et par semaine de sortie, vacances "
					 "scolaires et jours fériés indiqués.",
		[W_AN_MONTH_TITLE] = "Par mois de sortie",
		[W_AN_MONTH_TEXT] = "La médiane des %s des films sortis chaque mois, toutes "
				    "années confondues" NBSP "; la moustache de chaque barre couvre la "
				    "moitié centrale des films (du premier au troisième quartile).",
		[W_AN_MONTH_CHART] = "Médiane des %s par mois de sortie",
		[W_AN_WEEK_TITLE] = "Par semaine de l'année",
		[W_AN_WEEK_TEXT] = "La médiane des %s des films sortis chaque semaine ISO, toutes "
				   "années confondues. Les semaines dont les films sont surtout "
				   "sortis pendant les vacances scolaires, ou avec un jour férié "
				   "dans leur première semaine, ont leur propre forme.",
		[W_AN_WEEK_CHART] = "Médiane des %s par semaine de sortie",
		[W_AN_SERIES_NO_HOLIDAY] = "Hors vacances",
		[W_AN_SERIES_SCHOOL] = "Vacances scolaires",
		[W_AN_SERIES_PUBLIC] = "Jour férié",
		[W_AN_AXIS_MONTH] = "Mois de sortie",
		[W_AN_AXIS_WEEK] = "Semaine ISO de sortie",
		[W_AN_SEASONS_REST] = "Chaque point repose sur les films de ce mois ou de cette "
				      "semaine sur toutes les années de la période (colonne "
				      "Films)" NBSP "; un point de moins de cinq films dit peu de chose. "
				      "Vacances scolaires" NBSP ": la part des sept premiers jours en "
				      "vacances dans au moins une zone (dates approchées)" NBSP "; jour "
				      "férié" NBSP ": la part des films qui en ont un dans leur première "
				      "semaine.",
		[W_AN_GENRES_TITLE] = "Genres",
		[W_AN_GENRES_SUMMARY] = "Combien de films de chaque genre, comment ils ont "
					"marché, et comment cela a changé d'année en année.",
		[W_AN_GENRE_TITLE] = "Par genre",
		[W_AN_GENRE_TEXT] = "La médiane des %s des films de chaque genre, avec leur "
				    "moitié centrale (moustaches). Un film de plusieurs genres "
				    "compte dans chacun.",
		[W_AN_GENRE_CHART] = "Médiane des %s par genre",
		[W_AN_GENRE_REST] = "Les genres de moins de trois films sont laissés de côté (%s).",
		[W_AN_TREND_TITLE] = "Année par année",
		[W_AN_TREND_TEXT] = "La médiane des %s des genres les plus fréquents, année par "
				    "année" NBSP "; le tableau donne le nombre de films derrière chaque "
				    "médiane.",
		[W_AN_TREND_CHART] = "Médiane des %s par année, genres les plus fréquents",
		[W_AN_AXIS_YEAR] = "Année de sortie",
		[W_AN_PEOPLE_TITLE] = "Personnes et sociétés",
		[W_AN_PEOPLE_SUMMARY] = "Les réalisateurs, acteurs et distributeurs dont les "
					"films ont le mieux marché, avec le nombre de films "
					"derrière chaque chiffre.",
		[W_AN_DIRECTORS_TITLE] = "Réalisateurs",
		[W_AN_ACTORS_TITLE] = "Acteurs et actrices",
		[W_AN_DISTRIBUTORS_TITLE] = "Distributeurs",
		[W_AN_PEOPLE_TEXT] = "Classés selon la médiane des %s de leurs films" NBSP "; seuls ceux "
				     "qui ont au moins trois films sur la période sont montrés.",
		[W_AN_ACTORS_TEXT] = "Les quatre premiers rôles de chaque film, classés selon la "
				     "médiane des %s de leurs films" NBSP "; seuls ceux qui ont au moins "
				     "trois films sur la période sont montrés.",
		[W_AN_PEOPLE_CHART] = "Médiane des %s de leurs films, %s",
		[W_AN_PEOPLE_REST] = "%s sur %s ont eu trois films ou plus sur toute la période, "
				     "%s sur les trois dernières années.",
		[W_AN_PEOPLE_NONE] = "Personne n'a trois films sur cette période.",
		[W_AN_RUNTIME_TITLE] = "Durée",
		[W_AN_RUNTIME_SUMMARY] = "La durée des films, comment les courts et les longs ont "
					 "marché, et son évolution d'année en année.",
		[W_AN_RUNBAND_TITLE] = "Répartition",
		[W_AN_RUNBAND_TEXT] = "Combien de films pour chaque durée, et la médiane des %s "
				      "de chaque tranche.",
		[W_AN_RUNBAND_CHART] = "Films par durée",
		[W_AN_BAND_UNDER] = "moins de %d",
		[W_AN_BAND_BETWEEN] = "%d–%d",
		[W_AN_BAND_OVER] = "%d et plus",
		[W_AN_RUNYEAR_TITLE] = "Année par année",
		[W_AN_RUNYEAR_TEXT] = "La durée médiane et moyenne, en minutes, des films sortis "
				      "chaque année.",
		[W_AN_RUNYEAR_CHART] = "Durée par année de sortie",
		[W_AN_AXIS_MINUTES] = "Minutes",
		[W_AN_RUNTIME_REST] = "%s des %s films ont une durée connue.",
		[W_AN_TOP_TITLE] = "Meilleurs films",
		[W_AN_TOP_SUMMARY] = "Les films qui ont le mieux marché, ce qu'ils ont en commun, "
				     "et les mieux notés par le public.",
		[W_AN_TOPLIST_TITLE] = "Les meilleurs films des douze derniers mois",
		[W_AN_TOPLIST_TEXT] = "Les %s films avec le plus de %s, sortis du %s au %s.",
		[W_AN_TOPLIST_CHART] = "Les meilleurs films",
		[W_AN_SHARE_TITLE] = "Ce que les meilleurs films ont en commun",
		[W_AN_SHARE_TEXT] = "Le meilleur dixième" NBSP ": les %s films avec le plus de %s parmi "
				    "les %s sortis du %s au %s. Pour chaque trait, la part des "
				    "meilleurs films qui l'ont, face à sa part parmi tous les "
				    "films.",
		[W_AN_SHARE_CHART] = "Genres des meilleurs films face à tous les films",
		[W_AN_SERIES_TOP] = "Meilleurs films",
		[W_AN_SERIES_ALL] = "Tous les films",
		[W_AN_AXIS_SHARE] = "% des films",
		[W_AN_WINTER] = "Hiver (décembre à février)",
		[W_AN_SPRING] = "Printemps (mars à mai)",
		[W_AN_SUMMER] = "Été (juin à août)",
		[W_AN_AUTUMN] = "Automne (septembre à novembre)",
		[W_AN_BUDGET_UNKNOWN] = "Inconnu",
		[W_AN_BUDGET_5M] = "Moins de 5 millions de dollars",
		[W_AN_BUDGET_20M] = "5 à 20 millions de dollars",
		[W_AN_BUDGET_50M] = "20 à 50 millions de dollars",
		[W_AN_BUDGET_100M] = "50 à 100 millions de dollars",
		[W_AN_BUDGET_MORE] = "100 millions de dollars et plus",
		[W_AN_RATED_TITLE] = "Les mieux notés par le public",
		[W_AN_RATED_TEXT] = "Les %s mieux notés des %s films qui ont une %s. Entre cette "
				    "note et les %s, la corrélation des rangs de Spearman est de "
				    "%s (1" NBSP ": les mieux notés marchent toujours le mieux" NBSP "; 0" NBSP ": "
				    "aucun lien).",
		[W_AN_RATED_REST] = "Les notes sont données après la sortie d'un film" NBSP ": elles le "
				    "décrivent, et le modèle ne s'en sert jamais pour prévoir.",
		[W_AN_RATED_NONE] = "L'historique ne contient aucune note du public.",
		[W_AN_COL_RATING] = "Note",
		[W_AN_AGES_TITLE] = "Âge des acteurs",
		[W_AN_AGES_SUMMARY] = "L'âge des premiers rôles à la sortie de leurs films, là où "
				      "les dates de naissance sont connues.",
		[W_AN_AGES_NONE] = "Aucune date de naissance d'acteur n'est encore connue" NBSP ": elles "
				   "arrivent avec les personnes récupérées sur TMDB, et cette "
				   "page se remplira alors.",
		[W_AN_AGEDIST_TITLE] = "Âge à la sortie",
		[W_AN_AGEDIST_TEXT] = "L'âge des quatre premiers rôles le jour de la sortie de "
				      "chaque film, et la médiane des %s de leurs films" NBSP ": %s âges "
				      "connus, dans %s films.",
		[W_AN_AGEDIST_CHART] = "Premiers rôles par âge à la sortie",
		[W_AN_AGELEAD_TITLE] = "L'âge du premier rôle",
		[W_AN_AGELEAD_TEXT] = "La médiane des %s des films selon l'âge de leur premier "
				      "rôle.",
		[W_AN_AGELEAD_CHART] = "Médiane des %s selon l'âge du premier rôle",
		[W_AN_MODEL_TITLE] = "Le regard du modèle",
		[W_AN_MODEL_SUMMARY] = "Comment les %s prévues varient avec le budget, la durée, "
				       "la semaine de sortie et le passé du réalisateur.",
		[W_AN_MODEL_NONE] = "Aucun modèle n'a encore été entraîné" NBSP ": lancez `marquee "
				    "train`.",
		[W_AN_MODEL_TEXT] = "Pour chaque valeur, la variable y est fixée dans la ligne de "
				    "chaque film, tout le reste inchangé, et les prévisions du "
				    "modèle sont moyennées (sur son échelle logarithmique)" NBSP ": la "
				    "courbe montre comment la prévision varie avec cette seule "
				    "variable. Elle montre ce que le modèle a appris, pas une "
				    "cause.",
		[W_AN_MODEL_REST] = "Modèle %s" NBSP "; chaque point moyenne ses prévisions sur %s des "
				    "%s films de son entraînement, pris régulièrement dans le "
				    "temps. Leur prévision typique telle quelle" NBSP ": %s.",
		[W_AN_PD_BUDGET_TITLE] = "Budget",
		[W_AN_PD_BUDGET_TEXT] = "Avec le budget de production connu et fixé à chaque "
					"valeur, en dollars américains.",
		[W_AN_PD_RUNTIME_TITLE] = "Durée",
		[W_AN_PD_RUNTIME_TEXT] = "Avec la durée fixée à chaque valeur, en minutes.",
		[W_AN_PD_WEEK_TITLE] = "Semaine de sortie",
		[W_AN_PD_WEEK_TEXT] = "Avec la sortie dans chaque semaine ISO de %d, son mois, "
				      "ses vacances scolaires et ses jours fériés tels qu'ils "
				      "étaient cette année-là.",
		[W_AN_PD_DIRECTOR_TITLE] = "Le passé du réalisateur",
		[W_AN_PD_DIRECTOR_TEXT] = "Avec un réalisateur dont les trois films précédents "
					  "ont fait ce multiple des films sortis avant eux (×1" NBSP ": "
					  "comme le film moyen).",
		[W_AN_PD_CHART] = "Prévision typique des %s selon" NBSP ": %s",
		[W_AN_AXIS_BUDGET] = "Budget (dollars américains)",
		[W_AN_AXIS_DIRECTOR] = "Films précédents du réalisateur, × la moyenne",
		[W_AN_SERIES_TYPICAL] = "Prévision typique",
		[W_AN_COL_VALUE] = "Valeur",
		[W_AN_WEEK_TABLE] = "Les chiffres de chaque semaine",
		[W_AN_PERIOD_ONE] = "Le film sorti le %s, avec ses %s.",
	},
};
