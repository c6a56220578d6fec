/*
 * The Mustache compiler: from text to a node tree (standalone lines, set
 * delimiters, inheritance), and the set of compiled templates. Rendering is
 * template_render.c.
 */
#define _GNU_SOURCE
#include "generator/template_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"

static void node_free(struct tpl_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n_kids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	for (size_t i = 0; i < n->n_keys; i++)
		free(n->keys[i]);
	free(n->keys);
	free(n->name);
	free(n->indent);
	free(n->reindent);
	free(n->intrinsic);
	free(n);
}

static void tpl_free(struct tpl *t)
{
	if (!t)
		return;
	node_free(t->root);
	free(t->name);
	free(t->file);
	free(t->source);
	free(t);
}

struct tpl_set *tpl_set_new(bool strict)
{
	struct tpl_set *set = xcalloc(1, sizeof *set);
	set->strict = strict;
	return set;
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n_tpls; i++)
		tpl_free(set->tpls[i]);
	free(set->tpls);
	free(set);
}

static struct tpl_node *node_add(struct tpl_node *parent, enum tpl_kind kind, int line)
{
	struct tpl_node *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = line;
	parent->kids = xgrow(parent->kids, &parent->cap, parent->n_kids + 1, sizeof *parent->kids);
	parent->kids[parent->n_kids++] = n;
	return n;
}

static void split_name(struct tpl_node *n)
{
	if (strcmp(n->name, ".") == 0)
		return;
	const char *s = n->name;
	for (;;) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);
		n->keys = xrealloc(n->keys, (n->n_keys + 1) * sizeof *n->keys);
		n->keys[n->n_keys++] = xstrndup(s, len);
		if (!dot)
			break;
		s = dot + 1;
	}
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char *trimmed(const char *s, size_t len)
{
	while (len > 0 && (is_blank(*s) || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	while (len > 0 && (is_blank(s[len - 1]) || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

static size_t blanks(const char *s, size_t len)
{
	size_t n = 0;
	while (n < len && is_blank(s[n]))
		n++;
	return n;
}

/* Works out how overrides of a closed block are re-indented. */
static void finish_block(const char *src, struct tpl_node *b)
{
	const struct tpl_node *first = b->n_kids ? b->kids[0] : NULL;
	size_t lead = first && first->kind == TPL_TEXT ? blanks(first->text, first->len) : 0;
	if (b->open_standalone) {
		if (first && first->kind == TPL_TEXT && lead)
			b->reindent = xstrndup(first->text, lead);
		else if (!first && b->open_p > b->open_ls)
			b->reindent = xstrndup(src + b->open_ls, b->open_p - b->open_ls);
		if (lead)
			b->intrinsic = xstrndup(first->text, lead);
	} else if (b->open_left_ok && b->open_p > b->open_ls) {
		b->reindent = xstrndup(src + b->open_ls, b->open_p - b->open_ls);
		b->keep_first = true;
	}
}

/* Compiles t->source into t->root; reports "file:line: reason". */
static int compile(struct tpl *t)
{
	const char *src = t->source;
	size_t end = strlen(src);
	char otag[16] = "{{", ctag[16] = "}}";
	size_t olen = 2, clen = 2;
	size_t pos = 0, counted = 0;
	int line = 1;
	/* Only blanks, and tags that print nothing inside a parent, so far on this
	 * line: a tag here may be standalone. */
	bool line_clean = true;
	struct tpl_node **stack = NULL;
	size_t depth = 0, stack_cap = 0;
	int rc = -1;

	t->root = xcalloc(1, sizeof *t->root);
	t->root->kind = TPL_ROOT;
	stack = xgrow(stack, &stack_cap, 1, sizeof *stack);
	stack[depth++] = t->root;

	for (;;) {
		const char *open = memmem(src + pos, end - pos, otag, olen);
		size_t p = open ? (size_t)(open - src) : end;
		for (; counted < p; counted++)
			if (src[counted] == '\n')
				line++;
		if (!open) {
			if (pos < end) {
				struct tpl_node *n = node_add(stack[depth - 1], TPL_TEXT, line);
				n->text = src + pos;
				n->len = end - pos;
			}
			break;
		}
		size_t q = p + olen;
		bool triple = q < end && src[q] == '{';
		const char *close;
		if (triple) {
			char want[17];
			want[0] = '}';
			memcpy(want + 1, ctag, clen);
			close = memmem(src + q, end - q, want, clen + 1);
		} else {
			close = memmem(src + q, end - q, ctag, clen);
		}
		if (!close) {
			msg_error("%s:%d: unclosed tag \"%.*s\"", t->file, line, (int)olen, otag);
			goto out;
		}
		size_t c = (size_t)(close - src);
		size_t tag_end = c + clen + (triple ? 1 : 0);
		size_t i = q;
		while (i < c && is_blank(src[i]))
			i++;
		char sigil = i < c && strchr("#^/>!=&{<$", src[i]) ? src[i] : 0;
		if (sigil)
			i++;
		size_t inner_end = c;
		if (sigil == '=' && inner_end > i && src[inner_end - 1] == '=')
			inner_end--;

		/* A standalone tag alone on its line takes the whole line with it. */
		size_t text_end = p, after = tag_end;
		size_t ls = p;
		while (ls > pos && is_blank(src[ls - 1]))
			ls--;
		bool left_ok = ls == pos ? line_clean : src[ls - 1] == '\n';
		if (ls == pos && pos > 0 && src[pos - 1] == '\n')
			left_ok = true;
		struct tpl_node *container = stack[depth - 1];
		bool standalone = false;
		if (sigil && strchr("#^/>!=<$", sigil) && left_ok) {
			size_t r = tag_end;
			while (r < end && is_blank(src[r]))
				r++;
			size_t nl = 0;
			if (r == end)
				nl = 0;
			else if (src[r] == '\n')
				nl = 1;
			else if (src[r] == '\r' && r + 1 < end && src[r + 1] == '\n')
				nl = 2;
			else
				r = (size_t)-1;
			if (r != (size_t)-1) {
				text_end = ls;
				after = r + nl;
				standalone = true;
			}
		}
		if (text_end > pos) {
			struct tpl_node *n = node_add(stack[depth - 1], TPL_TEXT, line);
			n->text = src + pos;
			n->len = text_end - pos;
		}
		char *name = trimmed(src + i, inner_end - i);
		struct tpl_node *parent = stack[depth - 1];
		struct tpl_node *n;
		switch (sigil) {
		case '!':
			free(name);
			break;
		case '=': {
			char a[16], b[16];
			char extra;
			if (strlen(name) > 30 || sscanf(name, "%15s %15s %c", a, b, &extra) != 2) {
				msg_error("%s:%d: bad delimiter change \"%s\"", t->file, line, name);
				free(name);
				goto out;
			}
			free(name);
			snprintf(otag, sizeof otag, "%s", a);
			snprintf(ctag, sizeof ctag, "%s", b);
			olen = strlen(otag);
			clen = strlen(ctag);
			break;
		}
		case '#':
		case '^':
		case '<':
		case '$':
			n = node_add(parent, sigil == '#' ? TPL_SECTION : sigil == '^' ? TPL_INVERTED
					   : sigil == '<' ? TPL_PARENT : TPL_BLOCK, line);
			n->name = name;
			split_name(n);
			if (sigil == '<' && standalone)
				n->indent = xstrndup(src + ls, p - ls);
			n->open_standalone = standalone;
			n->open_left_ok = left_ok;
			n->open_ls = ls;
			n->open_p = p;
			if (depth > TPL_MAX_DEPTH) {
				msg_error("%s:%d: sections nest more than %d deep", t->file, line,
					  TPL_MAX_DEPTH);
				goto out;
			}
			stack = xgrow(stack, &stack_cap, depth + 1, sizeof *stack);
			stack[depth++] = n;
			break;
		case '/':
			if (depth == 1 || strcmp(parent->name, name) != 0) {
				if (depth == 1)
					msg_error("%s:%d: {{/%s}} closes nothing", t->file, line, name);
				else
					msg_error("%s:%d: {{/%s}} closes {{%s}} opened on line %d", t->file,
						  line, name, parent->name, parent->line);
				free(name);
				goto out;
			}
			free(name);
			if (parent->kind == TPL_BLOCK)
				finish_block(src, parent);
			if (parent->kind == TPL_PARENT && !parent->open_standalone &&
			    parent->open_left_ok && standalone && parent->open_ls < parent->open_p &&
			    !memchr(src + parent->open_p, '\n', p - parent->open_p)) {
				/* "  {{<base}}{{/base}}" alone on a line: the pair is standalone */
				struct tpl_node *outer = stack[depth - 2];
				size_t w = parent->open_p - parent->open_ls;
				if (outer->n_kids >= 2 && outer->kids[outer->n_kids - 2]->kind == TPL_TEXT &&
				    outer->kids[outer->n_kids - 2]->len >= w) {
					outer->kids[outer->n_kids - 2]->len -= w;
					parent->indent = xstrndup(src + parent->open_ls, w);
				}
			}
			depth--;
			break;
		case '>':
			n = node_add(parent, TPL_PARTIAL, line);
			n->name = name;
			if (standalone)
				n->indent = xstrndup(src + ls, p - ls);
			break;
		default:
			n = node_add(parent, sigil ? TPL_RAW : TPL_VAR, line);
			n->name = name;
			split_name(n);
			if (!*name) {
				msg_error("%s:%d: empty tag", t->file, line);
				goto out;
			}
			break;
		}
		/* what remains clean: the text before the tag, then the tag itself */
		if (standalone) {
			line_clean = true;
		} else {
			bool clean = true;
			for (size_t k = pos; k < p; k++) {
				if (src[k] == '\n')
					clean = true;
				else if (!is_blank(src[k]))
					clean = false;
			}
			if (!memchr(src + pos, '\n', p - pos))
				clean = clean && line_clean;
			bool quiet = sigil == '<' || sigil == '!' || container->kind == TPL_PARENT ||
				     (sigil == '/' && container->kind == TPL_BLOCK && depth >= 1 &&
				      stack[depth - 1]->kind == TPL_PARENT);
			line_clean = clean && quiet;
		}
		pos = after;
	}
	if (depth > 1) {
		msg_error("%s:%d: {{%s}} is never closed", t->file, stack[depth - 1]->line,
			  stack[depth - 1]->name);
		goto out;
	}
	rc = 0;
out:
	free(stack);
	return rc;
}

struct tpl *tpl_find(const struct tpl_set *set, const char *name)
{
	size_t lo = 0, hi = set->n_tpls;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int cmp = strcmp(set->tpls[mid]->name, name);
		if (cmp == 0)
			return set->tpls[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int tpl_set_add(struct tpl_set *set, const char *name, const char *file, const char *text,
		size_t len)
{
	struct tpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->file = xstrdup(file);
	t->source = xstrndup(text, len);
	if (compile(t) != 0) {
		tpl_free(t);
		return -1;
	}
	size_t at = 0;
	while (at < set->n_tpls && strcmp(set->tpls[at]->name, name) < 0)
		at++;
	if (at < set->n_tpls && strcmp(set->tpls[at]->name, name) == 0) {
		tpl_free(set->tpls[at]);
		set->tpls[at] = t;
		return 0;
	}
	set->tpls = xgrow(set->tpls, &set->cap, set->n_tpls + 1, sizeof *set->tpls);
	memmove(set->tpls + at + 1, set->tpls + at, (set->n_tpls - at) * sizeof *set->tpls);
	set->tpls[at] = t;
	set->n_tpls++;
	return 0;
}

bool tpl_set_has(const struct tpl_set *set, const char *name)
{
	return tpl_find(set, name) != NULL;
}

static int check_node(const struct tpl_set *set, const struct tpl *t, const struct tpl_node *n)
{
	int rc = 0;
	if ((n->kind == TPL_PARTIAL || n->kind == TPL_PARENT) && !tpl_find(set, n->name)) {
		msg_error("%s:%d: partial \"%s\" not found", t->file, n->line, n->name);
		rc = -1;
	}
	for (size_t i = 0; i < n->n_kids; i++)
		if (check_node(set, t, n->kids[i]) != 0)
			rc = -1;
	return rc;
}

int tpl_set_check(const struct tpl_set *set)
{
	int rc = 0;
	if (!set->strict)
		return 0;
	for (size_t i = 0; i < set->n_tpls; i++)
		if (check_node(set, set->tpls[i], set->tpls[i]->root) != 0)
			rc = -1;
	return rc;
}
