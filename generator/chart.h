/*
 * Charts as inline SVG, drawn in C (no JavaScript): bar charts with
 * intervals, scatter plots and line charts, on linear or log axes. Each
 * comes with role="img", a title and description that state the point,
 * and the same data as an HTML table. Predicted and actual series differ in
 * shape and dash as well as colour. The spec is the front matter format
 * documented in generator/CONTENT.md.
 */
#ifndef MARQUEE_CHART_H
#define MARQUEE_CHART_H

#include <cJSON.h>

/*
 * The HTML (<figure> with <svg> and <table>) for one chart, owned by the
 * caller. id names it in the page ("weekly"); lang ("en", "fr") picks the
 * table's words and number format. An invalid spec is reported as
 * "where: charts.ID: reason" and gives NULL.
 */
char *chart_render(const cJSON *spec, const char *id, const char *lang, const char *where);

#endif
