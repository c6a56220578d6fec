/*
 * Mustache templates: the spec's required modules (interpolation, sections,
 * inverted sections, comments, partials, set delimiters) and template
 * inheritance (parents {{<base}} with blocks {{$name}}). Lambdas are not
 * supported. The data is a cJSON tree.
 *
 * Templates are compiled once into a tree and rendered many times; a
 * compiled set is read-only while rendering, so threads may share it.
 *
 * Extensions for themes: a falsey value is also "" (as in mustache.js), and
 * numbers and lists answer a few extra names: `x.fmt` (grouped digits in the
 * page language: "310,000"), `x.fmt1`, `x.fmt2` (one or two decimals),
 * `x.pct` (0.62 -> "62%"), `x.compact` ("1.5M") and `list.count`; a
 * string starting with a date answers `x.date` ("19 July 2023", with the
 * month names of t.months, else the text as it is).
 * Any value answers `x.json`: the value as compact JSON in which <, >, &,
 * U+2028 and U+2029 are \u escapes, so `{{{x.json}}}` is safe inside a
 * <script> element (and `{{x.json}}` inside an attribute). A name that
 * starts with a dot applies an extension to the current item: `{{.json}}`,
 * `{{.fmt}}`. Inside a list's iteration, as in JMustache, `-first` and
 * `-last` are true on the first and last item and `-index` counts from 1
 * (the innermost list's; outside a list they are missing):
 * `{{#names}}{{.}}{{^-last}}, {{/-last}}{{/names}}`.
 */
#ifndef MARQUEE_TEMPLATE_H
#define MARQUEE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "common/buf.h"

struct tpl_set;

/*
 * A new, empty set. A strict set makes tpl_set_check fail on a partial or
 * parent that does not exist; a lax one renders it as empty (the spec's
 * rule). Never NULL; free with tpl_set_free.
 */
struct tpl_set *tpl_set_new(bool strict);
void tpl_set_free(struct tpl_set *set);

/* How deep sections, inverted sections, parents and blocks may nest in one
 * template: the tree is walked by recursion (checked, rendered). */
#define TPL_MAX_DEPTH 100

/*
 * Compiles text (len bytes, copied) under name, replacing a template of the
 * same name. file names the source in messages ("themes/x/layouts/a.mustache").
 * A syntax error, or nesting deeper than TPL_MAX_DEPTH, is reported as
 * "file:line: reason" and gives -1.
 */
int tpl_set_add(struct tpl_set *set, const char *name, const char *file, const char *text,
		size_t len);
bool tpl_set_has(const struct tpl_set *set, const char *name);
/*
 * Checks that every partial and parent the templates name exists (strict
 * sets only); reports each missing one with its file and line. 0 or -1.
 */
int tpl_set_check(const struct tpl_set *set);

/* The most a template may append to out in one tpl_render (bytes): a
 * hundred times the largest page the default theme makes (320 KB). */
#define TPL_MAX_OUTPUT (64u << 20)

/*
 * Renders the template called name with a context stack of n_frames cJSON
 * values (frames[0] at the bottom), appending to out. lang ("en", "fr")
 * chooses how `.fmt` groups digits. -1 when there is no such template, or
 * after reporting "file: reason" when rendering does not end, partials nest
 * too deep, or the output passes TPL_MAX_OUTPUT (what it appended is then
 * left in out).
 */
int tpl_render(const struct tpl_set *set, const char *name, const cJSON *const *frames,
	       size_t n_frames, const char *lang, struct buf *out);

/* Appends s HTML-escaped (& < > " ') to out. */
void tpl_escape(struct buf *out, const char *s, size_t len);

#endif
