/*
 * What the Mustache compiler (template.c) hands the renderer
 * (template_render.c): the compiled tree of a template and the set of
 * templates. Nothing else sees these.
 */
#ifndef MARQUEE_TEMPLATE_INTERNAL_H
#define MARQUEE_TEMPLATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "generator/template.h"

enum tpl_kind {
	TPL_ROOT,
	TPL_TEXT,
	TPL_VAR,      /* {{name}}: escaped */
	TPL_RAW,      /* {{{name}}} or {{&name}} */
	TPL_SECTION,  /* {{#name}} */
	TPL_INVERTED, /* {{^name}} */
	TPL_PARTIAL,  /* {{>name}} */
	TPL_PARENT,   /* {{<name}} */
	TPL_BLOCK,    /* {{$name}} */
};

struct tpl_node {
	enum tpl_kind kind;
	const char *text;        /* borrowed from the template's source (TPL_TEXT) */
	size_t len;
	char *name;              /* owned; tag name, NULL for text */
	char **keys;             /* owned; the dotted name split, none for "." */
	size_t n_keys;
	char *indent;            /* owned; standalone partial's indentation, or NULL */
	/* Blocks: how an override's lines are re-indented to sit where the block
	 * is (the spec's "block reindentation"). */
	char *reindent;          /* owned; indentation the block's lines take, or NULL */
	char *intrinsic;         /* owned; indentation an override's own lines carry */
	bool keep_first;         /* the first line is already indented in the output */
	bool open_standalone;    /* the opening tag stood alone on its line */
	bool open_left_ok;       /* only blanks before the opening tag on its line */
	size_t open_ls, open_p;  /* where the opening tag's line and tag begin */
	struct tpl_node **kids;  /* owned */
	size_t n_kids, cap;
	int line;
};

struct tpl {
	char *name;             /* owned */
	char *file;             /* owned */
	char *source;           /* owned; text nodes point into it */
	struct tpl_node *root;  /* owned */
};

struct tpl_set {
	bool strict;
	struct tpl **tpls;      /* owned, sorted by name */
	size_t n_tpls, cap;
};

/* The template called name in the set, or NULL. */
struct tpl *tpl_find(const struct tpl_set *set, const char *name);

#endif
