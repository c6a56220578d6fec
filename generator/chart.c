/* SVG charts: scales, ticks, marks and the data table. */
#include "generator/chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/fmt.h"
#include "generator/template.h"

#define W 640.0
#define H 380.0
#define LEFT 70.0
#define RIGHT 20.0
#define TOP 20.0
#define BOTTOM 84.0
#define CHAR_W 6.6 /* the width of a character at 12px, for fitting labels */

enum chart_kind { CHART_BAR, CHART_SCATTER, CHART_LINE };
enum series_style { STYLE_PREDICTED, STYLE_ACTUAL, STYLE_OTHER };

struct point {
	const char *label; /* borrowed from the spec, or NULL */
	double x, y, low, high;
	bool has_x, has_interval;
	bool is_date;      /* x was a date (YYYY-MM-DD), held as a day number */
};

struct series {
	const char *name;  /* borrowed */
	enum series_style style;
	struct point *points; /* owned */
	size_t n_points;
};

struct scale {
	double min, max;
	bool log;
	double from, to; /* pixel range */
};

static const char *const style_names[] = { "predicted", "actual", "other" };
static const char *const style_colours[] = { "#3d6fb6", "#c4561d", "#5b8c3a" };
static const char *const style_dashes[] = { "6 4", "none", "2 3" };

static double project(const struct scale *s, double v)
{
	double a = s->min, b = s->max;
	if (s->log) {
		v = log10(v > 0 ? v : s->min);
		a = log10(a);
		b = log10(b);
	}
	if (b == a)
		return (s->from + s->to) / 2;
	return s->from + (v - a) / (b - a) * (s->to - s->from);
}

static void num(struct buf *out, double v)
{
	buf_printf(out, "%.1f", v);
}

static void esc(struct buf *out, const char *s)
{
	if (s)
		tpl_escape(out, s, strlen(s));
}

/* Escapes text for a caption, keeping ISO dates and weeks (2024-07-03,
 * 2024-W27) whole: a line may not break after their hyphens. */
static void esc_caption(struct buf *out, const char *s)
{
	size_t start = 0, len = s ? strlen(s) : 0;
	for (size_t i = 0; i + 8 <= len; i++) {
		bool digits4 = true;
		for (size_t k = 0; k < 4; k++)
			digits4 &= s[i + k] >= '0' && s[i + k] <= '9';
		if (!digits4 || s[i + 4] != '-' || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		size_t n = 0;
		if (s[i + 5] == 'W' && s[i + 6] >= '0' && s[i + 6] <= '9' && s[i + 7] >= '0' &&
		    s[i + 7] <= '9')
			n = 8;
		else if (i + 10 <= len && s[i + 7] == '-' && s[i + 5] >= '0' && s[i + 5] <= '9')
			n = 10;
		if (!n)
			continue;
		tpl_escape(out, s + start, i - start);
		buf_puts(out, "<span class=\"nowrap\">");
		tpl_escape(out, s + i, n);
		buf_puts(out, "</span>");
		start = i + n;
		i += n - 1;
	}
	tpl_escape(out, s + start, len - start);
}

/* Rounds a linear range out to "nice" tick steps; returns the step. */
static double nice_range(double *min, double *max)
{
	double span = *max - *min;
	if (span <= 0)
		span = fabs(*max) > 0 ? fabs(*max) : 1;
	double raw = span / 5;
	double mag = pow(10, floor(log10(raw)));
	double step = mag;
	if (raw / mag > 5)
		step = 10 * mag;
	else if (raw / mag > 2)
		step = 5 * mag;
	else if (raw / mag > 1)
		step = 2 * mag;
	*min = floor(*min / step) * step;
	*max = ceil(*max / step) * step;
	if (*max == *min)
		*max = *min + step;
	return step;
}

/* A tick's value, short and exact: 0.25, 750k, 1.25M (1,25 M in French). */
static void tick_label(char *out, size_t size, double v, const char *lang)
{
	double a = fabs(v), unit = a >= 1e9 ? 1e9 : a >= 1e6 ? 1e6 : a >= 1e3 ? 1e3 : 1;
	int decimals = fmt_decimals_for(v / unit);
	fmt_compact(out, size, v, decimals > 3 ? 3 : decimals, lang);
}

static void axis_ticks(struct buf *out, const struct scale *s, bool vertical, double step,
		       const char *lang)
{
	double ticks[64];
	size_t n = 0;
	if (s->log) {
		for (double p = floor(log10(s->min)); p <= ceil(log10(s->max)) && n < 60; p++) {
			double base = pow(10, p);
			const double mult[] = { 1, 2, 5 };
			for (size_t k = 0; k < 3; k++) {
				double v = base * mult[k];
				if (v >= s->min * 0.999 && v <= s->max * 1.001 &&
				    (k == 0 || log10(s->max / s->min) < 2.5))
					ticks[n++] = v;
			}
		}
	} else {
		for (double v = s->min; v <= s->max + step / 2 && n < 60; v += step)
			ticks[n++] = fabs(v) < step / 1e6 ? 0 : v;
	}
	for (size_t i = 0; i < n; i++) {
		char label[48];
		tick_label(label, sizeof label, ticks[i], lang);
		double p = project(s, ticks[i]);
		if (vertical) {
			buf_puts(out, "<line class=\"grid\" x1=\"");
			num(out, LEFT);
			buf_puts(out, "\" x2=\"");
			num(out, W - RIGHT);
			buf_puts(out, "\" y1=\"");
			num(out, p);
			buf_puts(out, "\" y2=\"");
			num(out, p);
			buf_puts(out, "\" stroke=\"#999\" stroke-opacity=\"0.35\"/>");
			buf_puts(out, "<text x=\"");
			num(out, LEFT - 6);
			buf_puts(out, "\" y=\"");
			num(out, p + 4);
			buf_printf(out, "\" text-anchor=\"end\">%s</text>\n", label);
		} else {
			buf_puts(out, "<line class=\"grid\" y1=\"");
			num(out, TOP);
			buf_puts(out, "\" y2=\"");
			num(out, H - BOTTOM);
			buf_puts(out, "\" x1=\"");
			num(out, p);
			buf_puts(out, "\" x2=\"");
			num(out, p);
			buf_puts(out, "\" stroke=\"#999\" stroke-opacity=\"0.35\"/>");
			buf_puts(out, "<text x=\"");
			num(out, p);
			buf_puts(out, "\" y=\"");
			num(out, H - BOTTOM + 16);
			buf_printf(out, "\" text-anchor=\"middle\">%s</text>\n", label);
		}
	}
}

/* A marker whose shape says the style: circle, square or diamond. */
static void marker(struct buf *out, enum series_style style, double x, double y)
{
	const char *colour = style_colours[style];
	if (style == STYLE_PREDICTED) {
		buf_puts(out, "<circle cx=\"");
		num(out, x);
		buf_puts(out, "\" cy=\"");
		num(out, y);
		buf_printf(out, "\" r=\"4\" fill=\"%s\"/>", colour);
	} else if (style == STYLE_ACTUAL) {
		buf_puts(out, "<rect x=\"");
		num(out, x - 4);
		buf_puts(out, "\" y=\"");
		num(out, y - 4);
		buf_printf(out, "\" width=\"8\" height=\"8\" fill=\"%s\"/>", colour);
	} else {
		buf_puts(out, "<path d=\"M");
		num(out, x);
		buf_putc(out, ' ');
		num(out, y - 5);
		buf_puts(out, "l5 5l-5 5l-5 -5z\" fill=\"");
		buf_printf(out, "%s\"/>", colour);
	}
}

static int number_at(const cJSON *obj, const char *key, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v || cJSON_IsNull(v))
		return 1;
	if (!cJSON_IsNumber(v))
		return -1;
	*out = v->valuedouble;
	return isfinite(*out) ? 0 : -1;
}

static void free_series(struct series *series, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(series[i].points);
	free(series);
}

/* Reads and checks the series; reports the first problem. */
static struct series *read_series(const cJSON *spec, enum chart_kind kind, const char *id,
				  const char *where, size_t *n_out)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(spec, "series");
	if (!cJSON_IsArray(list) || !list->child) {
		msg_error("%s: charts.%s: series must be a non-empty list", where, id);
		return NULL;
	}
	size_t n = (size_t)cJSON_GetArraySize(list), i = 0;
	struct series *series = xcalloc(n, sizeof *series);
	const cJSON *s;
	cJSON_ArrayForEach(s, list)
	{
		struct series *se = &series[i++];
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(s, "name");
		const cJSON *style = cJSON_GetObjectItemCaseSensitive(s, "style");
		const cJSON *points = cJSON_GetObjectItemCaseSensitive(s, "points");
		se->name = cJSON_IsString(name) ? name->valuestring : "";
		se->style = STYLE_OTHER;
		if (cJSON_IsString(style)) {
			if (strcmp(style->valuestring, "predicted") == 0)
				se->style = STYLE_PREDICTED;
			else if (strcmp(style->valuestring, "actual") == 0)
				se->style = STYLE_ACTUAL;
			else if (strcmp(style->valuestring, "other") != 0) {
				msg_error("%s: charts.%s: series %zu: style \"%s\" is not predicted, "
					  "actual or other", where, id, i, style->valuestring);
				goto fail;
			}
		}
		if (!cJSON_IsArray(points)) {
			msg_error("%s: charts.%s: series %zu: points must be a list", where, id, i);
			goto fail;
		}
		se->points = xcalloc((size_t)cJSON_GetArraySize(points) + 1, sizeof *se->points);
		const cJSON *p;
		cJSON_ArrayForEach(p, points)
		{
			struct point *pt = &se->points[se->n_points++];
			const cJSON *label = cJSON_GetObjectItemCaseSensitive(p, "label");
			const cJSON *x = cJSON_GetObjectItemCaseSensitive(p, "x");
			pt->label = cJSON_IsString(label) ? label->valuestring : NULL;
			if (cJSON_IsString(x) && !pt->label)
				pt->label = x->valuestring;
			long day;
			if (kind != CHART_BAR && cJSON_IsString(x) && date_parse(x->valuestring, &day) == 0) {
				/* a date: the point sits on a time axis */
				pt->x = (double)day;
				pt->has_x = pt->is_date = true;
			}
			if (number_at(p, "y", &pt->y) != 0) {
				msg_error("%s: charts.%s: series %zu, point %zu: y must be a number",
					  where, id, i, se->n_points);
				goto fail;
			}
			int rc = pt->is_date ? 0 : number_at(p, "x", &pt->x);
			pt->has_x = rc == 0;
			if (kind == CHART_SCATTER && !pt->has_x) {
				msg_error("%s: charts.%s: series %zu, point %zu: x must be a number",
					  where, id, i, se->n_points);
				goto fail;
			}
			if (kind == CHART_BAR && !pt->label) {
				msg_error("%s: charts.%s: series %zu, point %zu: a bar needs a label",
					  where, id, i, se->n_points);
				goto fail;
			}
			int lo = number_at(p, "low", &pt->low), hi = number_at(p, "high", &pt->high);
			if (lo < 0 || hi < 0) {
				msg_error("%s: charts.%s: series %zu, point %zu: low and high must be "
					  "numbers", where, id, i, se->n_points);
				goto fail;
			}
			pt->has_interval = lo == 0 && hi == 0;
		}
	}
	*n_out = n;
	return series;
fail:
	free_series(series, n);
	return NULL;
}

static const char *text_at(const cJSON *spec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(spec, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static bool bool_at(const cJSON *spec, const char *key, bool def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(spec, key);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : def;
}

static void value_cell(struct buf *out, double v, const char *lang)
{
	char text[64];
	fmt_grouped(text, sizeof text, v, fabs(v) < 10 && v != floor(v) ? 2 : 0, lang);
	buf_puts(out, text);
}

static void data_table(struct buf *out, enum chart_kind kind, const struct series *series,
		       size_t n, const char *title, const char *lang)
{
	bool fr = lang && strcmp(lang, "fr") == 0;
	buf_printf(out, "<details class=\"chart-data\"><summary>%s</summary>\n<table>\n<caption>",
		   fr ? "Données du graphique" : "Chart data");
	esc(out, title);
	buf_puts(out, "</caption>\n<thead><tr><th scope=\"col\">");
	buf_puts(out, fr ? "Série" : "Series");
	buf_printf(out, "</th><th scope=\"col\">%s</th>", fr ? "Libellé" : "Label");
	if (kind != CHART_BAR)
		buf_puts(out, "<th scope=\"col\">x</th>");
	buf_printf(out, "<th scope=\"col\">%s</th>", kind == CHART_BAR ? (fr ? "Valeur" : "Value") : "y");
	buf_printf(out, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		   fr ? "Intervalle" : "Interval");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < series[i].n_points; k++) {
			const struct point *p = &series[i].points[k];
			buf_puts(out, "<tr><td>");
			esc(out, series[i].name);
			buf_puts(out, "</td><td>");
			esc(out, p->label);
			buf_puts(out, "</td>");
			if (kind != CHART_BAR) {
				buf_puts(out, "<td>");
				if (p->is_date) {
					int yy, mm, dd;
					date_to_ymd((long)p->x, &yy, &mm, &dd);
					buf_printf(out, "%04d-%02d-%02d", yy, mm, dd);
				} else if (p->has_x) {
					value_cell(out, p->x, lang);
				}
				buf_puts(out, "</td>");
			}
			buf_puts(out, "<td>");
			value_cell(out, p->y, lang);
			buf_puts(out, "</td><td>");
			if (p->has_interval) {
				value_cell(out, p->low, lang);
				buf_puts(out, "\xe2\x80\x93");
				value_cell(out, p->high, lang);
			}
			buf_puts(out, "</td></tr>\n");
		}
	buf_puts(out, "</tbody>\n</table></details>\n");
}

/* Characters (not bytes) in the first len bytes of UTF-8 text. */
static size_t chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void legend(struct buf *out, const struct series *series, size_t n, bool lines)
{
	double x = LEFT;
	for (size_t i = 0; i < n; i++) {
		enum series_style st = series[i].style;
		buf_puts(out, "<g class=\"legend\">");
		marker(out, st, x + 6, H - 18);
		/* a line's sample only where lines are drawn */
		if (lines)
			buf_printf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				   "stroke-width=\"2\" stroke-dasharray=\"%s\"/>", x + 14, x + 34, H - 18,
				   H - 18, style_colours[st], style_dashes[st]);
		buf_puts(out, "<text x=\"");
		num(out, lines ? x + 40 : x + 16);
		buf_printf(out, "\" y=\"%.1f\">", H - 14);
		esc(out, series[i].name);
		buf_puts(out, "</text></g>\n");
		x += (lines ? 48 : 24) + 7.0 * (double)chars(series[i].name, strlen(series[i].name));
	}
}

/* The bytes of s that hold its first n characters. */
static size_t bytes_of(const char *s, size_t n)
{
	size_t i = 0;
	for (size_t c = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == n)
			break;
	}
	return i;
}

/*
 * A label under an axis, centred on x, within width pixels: whole when it
 * fits, else on two lines at a space, else cut with an ellipsis (the data
 * table has it whole).
 */
static void axis_label(struct buf *out, const char *label, double x, double y, double width)
{
	size_t fit = width / CHAR_W < 3 ? 3 : (size_t)(width / CHAR_W);
	size_t len = label ? strlen(label) : 0;
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x, y);
	if (chars(label ? label : "", len) <= fit) {
		esc(out, label);
	} else {
		/* the space nearest the middle whose two halves both fit */
		const char *best = NULL;
		for (const char *sp = strchr(label, ' '); sp; sp = strchr(sp + 1, ' ')) {
			size_t a = chars(label, (size_t)(sp - label)), b = chars(sp + 1, strlen(sp + 1));
			if (a <= fit && b <= fit &&
			    (!best || labs((long)a - (long)b) <
					      labs((long)chars(label, (size_t)(best - label)) -
						   (long)chars(best + 1, strlen(best + 1)))))
				best = sp;
		}
		if (best) {
			buf_printf(out, "<tspan x=\"%.1f\">", x);
			tpl_escape(out, label, (size_t)(best - label));
			buf_printf(out, "</tspan><tspan x=\"%.1f\" dy=\"14\">", x);
			esc(out, best + 1);
			buf_puts(out, "</tspan>");
		} else {
			tpl_escape(out, label, bytes_of(label, fit - 1));
			buf_puts(out, "\xe2\x80\xa6");
		}
	}
	buf_puts(out, "</text>\n");
}

static void draw_bars(struct buf *out, const struct series *series, size_t n, struct scale *y,
		      const char *lang)
{
	/* categories in order of first appearance */
	const char **cats = NULL;
	size_t n_cats = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < series[i].n_points; k++) {
			size_t c = 0;
			while (c < n_cats && strcmp(cats[c], series[i].points[k].label) != 0)
				c++;
			if (c == n_cats) {
				cats = xgrow(cats, &cap, n_cats + 1, sizeof *cats);
				cats[n_cats++] = series[i].points[k].label;
			}
		}
	double group = (W - LEFT - RIGHT) / (double)(n_cats ? n_cats : 1);
	double bar = group * 0.7 / (double)n;
	for (size_t c = 0; c < n_cats; c++) {
		double gx = LEFT + group * (double)c + group * 0.15;
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < series[i].n_points; k++) {
				const struct point *p = &series[i].points[k];
				if (strcmp(p->label, cats[c]) != 0)
					continue;
				enum series_style st = series[i].style;
				double x = gx + bar * (double)i, top = project(y, p->y > 0 ? p->y : 0);
				double base = project(y, y->min);
				buf_printf(out, "<rect class=\"bar %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
					   "height=\"%.1f\" fill=\"%s\" fill-opacity=\"%s\" stroke=\"%s\" "
					   "stroke-width=\"1.5\" stroke-dasharray=\"%s\"><title>",
					   style_names[st], x, top, bar * 0.92, base - top,
					   style_colours[st], st == STYLE_PREDICTED ? "0.45" : "0.9",
					   style_colours[st], style_dashes[st]);
				esc(out, p->label);
				char v[48];
				fmt_grouped(v, sizeof v, p->y, fabs(p->y) < 10 && p->y != floor(p->y) ? 2 : 0,
					    lang);
				buf_printf(out, ": %s</title></rect>\n", v);
				if (p->has_interval) {
					double cx = x + bar * 0.46;
					double lo = project(y, p->low), hi = project(y, p->high);
					buf_printf(out, "<path class=\"interval\" d=\"M%.1f %.1fV%.1fM%.1f "
						   "%.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"currentColor\" "
						   "stroke-width=\"1.5\" fill=\"none\"/>\n",
						   cx, lo, hi, cx - 5, lo, cx + 5, cx - 5, hi, cx + 5);
				}
			}
		axis_label(out, cats[c], LEFT + group * ((double)c + 0.5), H - BOTTOM + 16, group - 4);
	}
	free(cats);
}

static void draw_points(struct buf *out, enum chart_kind kind, const struct series *series,
			size_t n, const struct scale *x, const struct scale *y, bool by_index,
			bool diagonal, const char *lang)
{
	if (diagonal) {
		double lo = fmax(x->min, y->min), hi = fmin(x->max, y->max);
		if (hi > lo)
			buf_printf(out, "<line class=\"diagonal\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				   "y2=\"%.1f\" stroke=\"currentColor\" stroke-opacity=\"0.5\" "
				   "stroke-dasharray=\"1 3\"/>\n",
				   project(x, lo), project(y, lo), project(x, hi), project(y, hi));
	}
	for (size_t i = 0; i < n; i++) {
		const struct series *s = &series[i];
		buf_printf(out, "<g class=\"series %s\">", style_names[s->style]);
		if (kind == CHART_LINE && s->n_points > 1) {
			buf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
				   "stroke-dasharray=\"%s\" points=\"", style_colours[s->style],
				   style_dashes[s->style]);
			for (size_t k = 0; k < s->n_points; k++)
				buf_printf(out, "%s%.1f,%.1f", k ? " " : "",
					   project(x, by_index ? (double)k : s->points[k].x),
					   project(y, s->points[k].y));
			buf_puts(out, "\"/>");
		}
		for (size_t k = 0; k < s->n_points; k++) {
			const struct point *p = &s->points[k];
			double px = project(x, by_index ? (double)k : p->x), py = project(y, p->y);
			buf_puts(out, "<g>");
			marker(out, s->style, px, py);
			buf_puts(out, "<title>");
			esc(out, s->name);
			if (p->label) {
				buf_puts(out, ", ");
				esc(out, p->label);
			}
			char v[48];
			fmt_grouped(v, sizeof v, p->y, fabs(p->y) < 10 ? 2 : 0, lang);
			buf_printf(out, ": %s</title></g>", v);
		}
		buf_puts(out, "</g>\n");
	}
}

char *chart_render(const cJSON *spec, const char *id, const char *lang, const char *where)
{
	if (!cJSON_IsObject(spec)) {
		msg_error("%s: charts.%s: a chart must be a mapping", where, id);
		return NULL;
	}
	const char *kind_name = text_at(spec, "kind");
	enum chart_kind kind;
	if (strcmp(kind_name, "bar") == 0)
		kind = CHART_BAR;
	else if (strcmp(kind_name, "scatter") == 0)
		kind = CHART_SCATTER;
	else if (strcmp(kind_name, "line") == 0)
		kind = CHART_LINE;
	else {
		msg_error("%s: charts.%s: kind \"%s\" is not bar, scatter or line", where, id,
			  kind_name);
		return NULL;
	}
	size_t n = 0;
	struct series *series = read_series(spec, kind, id, where, &n);
	if (!series)
		return NULL;
	const char *title = text_at(spec, "title"), *desc = text_at(spec, "description");
	bool log_y = bool_at(spec, "log_y", false);
	bool log_x = bool_at(spec, "log_x", kind == CHART_SCATTER && log_y);
	if (kind == CHART_BAR)
		log_y = false;

	/* the ranges, from every value and interval end */
	double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
	bool by_index = kind == CHART_LINE;
	size_t longest = 0;
	for (size_t i = 0; i < n; i++) {
		if (series[i].n_points > longest)
			longest = series[i].n_points;
		for (size_t k = 0; k < series[i].n_points; k++) {
			const struct point *p = &series[i].points[k];
			if (kind == CHART_LINE && p->has_x == false)
				by_index = true;
			else if (kind == CHART_LINE)
				by_index = by_index && !p->has_x;
			double vals[3] = { p->y, p->low, p->high };
			for (int v = 0; v < (p->has_interval ? 3 : 1); v++) {
				if (log_y && vals[v] <= 0)
					continue;
				ymin = fmin(ymin, vals[v]);
				ymax = fmax(ymax, vals[v]);
			}
			if (p->has_x && !(log_x && p->x <= 0)) {
				xmin = fmin(xmin, p->x);
				xmax = fmax(xmax, p->x);
			}
		}
	}
	if (!isfinite(ymin)) {
		ymin = log_y ? 1 : 0;
		ymax = log_y ? 10 : 1;
	}
	/* a range the data must fit in, when the spec gives one (0 to 100 for shares) */
	double bound;
	if (number_at(spec, "y_min", &bound) == 0 && (!log_y || bound > 0))
		ymin = fmin(ymin, bound);
	if (number_at(spec, "y_max", &bound) == 0)
		ymax = fmax(ymax, bound);
	struct scale y = { .log = log_y, .from = H - BOTTOM, .to = TOP };
	double ystep = 0;
	if (log_y) {
		y.min = pow(10, floor(log10(ymin)));
		y.max = pow(10, ceil(log10(ymax)));
		if (y.max <= y.min)
			y.max = y.min * 10;
	} else {
		y.min = kind == CHART_BAR ? fmin(0, ymin) : ymin;
		y.max = ymax;
		if (kind != CHART_LINE || y.min > 0)
			y.min = fmin(y.min, 0) == y.min ? y.min : 0;
		ystep = nice_range(&y.min, &y.max);
	}
	/* dates on x make a time axis: the points fall as the days do */
	bool time_x = false;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < series[i].n_points; k++)
			time_x |= series[i].points[k].is_date;
	if (time_x) {
		by_index = false;
		log_x = false;
	}
	struct scale x = { .log = log_x, .from = LEFT + 10, .to = W - RIGHT - 10 };
	double xstep = 0;
	if (by_index) {
		x.min = 0;
		x.max = longest > 1 ? (double)(longest - 1) : 1;
	} else if (kind != CHART_BAR) {
		if (!isfinite(xmin)) {
			xmin = log_x ? 1 : 0;
			xmax = log_x ? 10 : 1;
		}
		if (time_x) {
			/* half a week either side: one week sits in the middle */
			x.min = xmin - 3.5;
			x.max = xmax + 3.5;
		} else if (log_x) {
			x.min = pow(10, floor(log10(xmin)));
			x.max = pow(10, ceil(log10(xmax)));
			if (x.max <= x.min)
				x.max = x.min * 10;
		} else {
			x.min = xmin;
			x.max = xmax;
			xstep = nice_range(&x.min, &x.max);
		}
	}

	struct buf out = BUF_INIT;
	/* the title and description are the figure's visible caption, and the
	 * drawing's accessible name */
	buf_printf(&out, "<figure class=\"chart chart-%s\" id=\"chart-", kind_name);
	esc(&out, id);
	buf_puts(&out, "\">\n<figcaption><span class=\"chart-title\" id=\"chart-");
	esc(&out, id);
	buf_puts(&out, "-title\">");
	esc_caption(&out, title);
	buf_puts(&out, "</span> <span class=\"chart-desc\" id=\"chart-");
	esc(&out, id);
	buf_puts(&out, "-desc\">");
	esc_caption(&out, desc);
	buf_printf(&out, "</span></figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		   "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"chart-", W, H);
	esc(&out, id);
	buf_puts(&out, "-title\" aria-describedby=\"chart-");
	esc(&out, id);
	buf_puts(&out, "-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\" "
		       "fill=\"currentColor\">\n");
	axis_ticks(&out, &y, true, ystep, lang);
	if (kind != CHART_BAR && !by_index && !time_x)
		axis_ticks(&out, &x, false, xstep, lang);
	if (by_index || time_x) {
		/* the x axis labelled with the first series' labels (weeks), thinned
		 * out so that they do not run into each other */
		const struct series *s = &series[0];
		double room = (x.to - x.from) / (s->n_points > 1 ? (double)(s->n_points - 1) : 1);
		size_t longest_label = 1;
		for (size_t k = 0; k < s->n_points; k++) {
			const char *l = s->points[k].label ? s->points[k].label : "";
			size_t c = chars(l, strlen(l));
			longest_label = c > longest_label ? c : longest_label;
		}
		size_t every = 1;
		while (room * (double)every < (double)longest_label * CHAR_W + 8 && every < s->n_points)
			every++;
		for (size_t k = 0; k < s->n_points; k += every) {
			const struct point *p = &s->points[k];
			char date[16];
			const char *label = p->label;
			if (!label && p->is_date) {
				int yy, mm, dd;
				date_to_ymd((long)p->x, &yy, &mm, &dd);
				snprintf(date, sizeof date, "%04d-%02d-%02d", yy, mm, dd);
				label = date;
			}
			axis_label(&out, label, project(&x, by_index ? (double)k : p->x), H - BOTTOM + 16,
				   room * (double)every);
		}
	}
	buf_printf(&out, "<path class=\"axis\" d=\"M%.1f %.1fV%.1fH%.1f\" stroke=\"currentColor\" "
		   "fill=\"none\"/>\n", LEFT, TOP, H - BOTTOM, W - RIGHT);
	buf_printf(&out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (LEFT + W - RIGHT) / 2,
		   H - BOTTOM + 48);
	esc(&out, text_at(spec, "x_label"));
	buf_printf(&out, "</text>\n<text transform=\"translate(14 %.1f) rotate(-90)\" "
		   "text-anchor=\"middle\">", (TOP + H - BOTTOM) / 2);
	esc(&out, text_at(spec, "y_label"));
	if (log_y)
		buf_puts(&out, lang && strcmp(lang, "fr") == 0 ? " (échelle log)" : " (log scale)");
	buf_puts(&out, "</text>\n");
	if (kind == CHART_BAR)
		draw_bars(&out, series, n, &y, lang);
	else
		draw_points(&out, kind, series, n, &x, &y, by_index,
			    bool_at(spec, "diagonal", kind == CHART_SCATTER), lang);
	legend(&out, series, n, kind == CHART_LINE);
	buf_puts(&out, "</svg>\n");
	data_table(&out, kind, series, n, title, lang);
	buf_puts(&out, "</figure>\n");
	free_series(series, n);
	return buf_detach(&out);
}
