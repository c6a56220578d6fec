/*
 * The Mustache engine: a compiler from text to a node tree (standalone
 * lines, set delimiters, inheritance) and a renderer over cJSON data.
 */
#define _GNU_SOURCE
#include "generator/template.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/fmt.h"

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

static struct tpl *find(const struct tpl_set *set, const char *name)
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
	return find(set, name) != NULL;
}

static int check_node(const struct tpl_set *set, const struct tpl *t, const struct tpl_node *n)
{
	int rc = 0;
	if ((n->kind == TPL_PARTIAL || n->kind == TPL_PARENT) && !find(set, n->name)) {
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

/* ---- rendering ---- */

/* Block overrides in effect: a list whose outermost entry wins. */
struct override {
	const struct tpl_node *block;  /* borrowed */
	const struct override *next;   /* borrowed */
};

struct render {
	const struct tpl_set *set;
	const cJSON **stack;  /* owned array of borrowed values */
	size_t depth, cap;
	struct buf *out;      /* borrowed */
	const char *lang;     /* borrowed */
	struct buf indent;    /* owned; the current standalone indentation */
	bool line_start;      /* the next output starts a line of template text */
	int nesting;          /* partial depth, bounded against runaway recursion */
	bool too_deep;        /* the partial depth was exceeded */
	unsigned long steps;  /* nodes rendered, bounded against runaway nesting */
};

/* Enough for any real page many times over; a template that needs more
 * nests sections over lists without end (2 items, 40 levels: 2^40). */
#define MAX_STEPS 20000000UL

/* A resolved name: a cJSON value, or text made up by an extension. */
struct value {
	const cJSON *node; /* borrowed from the context, or NULL for a made value */
	const char *text;  /* a made value's text (points into made) */
	char made[64];
	bool empty;        /* a made value that counts as false: a count of 0 */
};

static int kind_of(const cJSON *v)
{
	return v->type & 0xFF;
}

static const cJSON *member(const cJSON *obj, const char *key)
{
	if (!obj || kind_of(obj) != cJSON_Object)
		return NULL;
	for (const cJSON *c = obj->child; c; c = c->next)
		if (c->string && c->string[0] == key[0] && strcmp(c->string, key) == 0)
			return c;
	return NULL;
}

/* The extensions on numbers and lists (see template.h). */
static bool extension(const struct render *r, const cJSON *v, const char *key, struct value *out)
{
	if (kind_of(v) == cJSON_Number) {
		double x = v->valuedouble;
		if (strcmp(key, "fmt") == 0)
			fmt_grouped(out->made, sizeof out->made, x, 0, r->lang);
		else if (strcmp(key, "fmt1") == 0)
			fmt_grouped(out->made, sizeof out->made, x, 1, r->lang);
		else if (strcmp(key, "fmt2") == 0)
			fmt_grouped(out->made, sizeof out->made, x, 2, r->lang);
		else if (strcmp(key, "pct") == 0) {
			char num[48];
			fmt_grouped(num, sizeof num, x * 100, 0, r->lang);
			snprintf(out->made, sizeof out->made, "%s%s%%", num,
				 r->lang && strcmp(r->lang, "fr") == 0 ? "\xe2\x80\xaf" : "");
		} else if (strcmp(key, "compact") == 0)
			fmt_compact(out->made, sizeof out->made, x);
		else
			return false;
	} else if (kind_of(v) == cJSON_Array && strcmp(key, "count") == 0) {
		snprintf(out->made, sizeof out->made, "%d", cJSON_GetArraySize(v));
		out->empty = cJSON_GetArraySize(v) == 0;
	} else {
		return false;
	}
	out->node = NULL;
	out->text = out->made;
	return true;
}

static bool lookup(const struct render *r, const struct tpl_node *n, struct value *out)
{
	out->node = NULL;
	out->text = NULL;
	out->empty = false;
	if (n->n_keys == 0) {
		out->node = r->depth ? r->stack[r->depth - 1] : NULL;
		return out->node != NULL;
	}
	const cJSON *v = NULL;
	for (size_t i = r->depth; i-- > 0;) {
		v = member(r->stack[i], n->keys[0]);
		if (v)
			break;
	}
	if (!v)
		return false;
	for (size_t k = 1; k < n->n_keys; k++) {
		const cJSON *next = member(v, n->keys[k]);
		if (!next)
			return k + 1 == n->n_keys && extension(r, v, n->keys[k], out);
		v = next;
	}
	out->node = v;
	return true;
}

static bool truthy(const struct value *v)
{
	if (v->text)
		return *v->text != '\0' && !v->empty;
	if (!v->node)
		return false;
	switch (kind_of(v->node)) {
	case cJSON_False:
	case cJSON_NULL:
	case cJSON_Invalid:
		return false;
	case cJSON_Array:
		return v->node->child != NULL;
	case cJSON_String:
		return v->node->valuestring && *v->node->valuestring;
	default:
		return true;
	}
}

void tpl_escape(struct buf *out, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_append(out, s + start, len - start);
}

static void begin_output(struct render *r)
{
	if (r->line_start) {
		buf_append(r->out, r->indent.data ? r->indent.data : "", r->indent.len);
		r->line_start = false;
	}
}

static void emit_text(struct render *r, const char *s, size_t len)
{
	if (r->indent.len == 0) {
		if (len) {
			buf_append(r->out, s, len);
			r->line_start = s[len - 1] == '\n';
		}
		return;
	}
	while (len > 0) {
		begin_output(r);
		const char *nl = memchr(s, '\n', len);
		size_t part = nl ? (size_t)(nl - s) + 1 : len;
		buf_append(r->out, s, part);
		if (nl)
			r->line_start = true;
		s += part;
		len -= part;
	}
}

static void emit_value(struct render *r, const struct value *v, bool escape)
{
	char num[64];
	const char *s = NULL;
	begin_output(r);
	if (v->text) {
		s = v->text;
	} else if (v->node) {
		switch (kind_of(v->node)) {
		case cJSON_String:
			s = v->node->valuestring;
			break;
		case cJSON_Number:
			fmt_number(num, sizeof num, v->node->valuedouble);
			s = num;
			break;
		case cJSON_True:
			s = "true";
			break;
		case cJSON_False:
			s = "false";
			break;
		case cJSON_Raw:
			s = v->node->valuestring;
			break;
		default:
			break;
		}
	}
	if (!s)
		return;
	if (escape)
		tpl_escape(r->out, s, strlen(s));
	else
		buf_puts(r->out, s);
}

static void push(struct render *r, const cJSON *v)
{
	r->stack = xgrow(r->stack, &r->cap, r->depth + 1, sizeof *r->stack);
	r->stack[r->depth++] = v;
}

static void render_nodes(struct render *r, const struct tpl_node *parent,
			 const struct override *ovr);

static void render_template(struct render *r, const struct tpl *t, const char *indent,
			    const struct override *ovr)
{
	if (r->nesting > 64) {
		r->too_deep = true;
		return;
	}
	size_t saved = r->indent.len;
	if (indent && *indent) {
		buf_puts(&r->indent, indent);
		/* the standalone tag was at the start of its line */
		r->line_start = true;
	}
	r->nesting++;
	render_nodes(r, t->root, ovr);
	r->nesting--;
	r->indent.len = saved;
	if (r->indent.data)
		r->indent.data[saved] = '\0';
}

/* Renders an override where a block stood, moving its lines from their own
 * indentation to the block's. */
static void render_reindented(struct render *r, const struct tpl_node *block,
			      const struct tpl_node *use, const struct override *ovr)
{
	struct buf *saved_out = r->out;
	struct buf text = BUF_INIT, indent = r->indent;
	bool saved_start = r->line_start;
	r->out = &text;
	r->indent = (struct buf)BUF_INIT;
	r->line_start = false;
	render_nodes(r, use, ovr);
	buf_free(&r->indent);
	r->out = saved_out;
	r->indent = indent;
	r->line_start = saved_start;

	const char *to = block->reindent ? block->reindent : "";
	const char *from = use->intrinsic ? use->intrinsic : "";
	size_t from_len = strlen(from);
	const char *s = buf_str(&text);
	bool first = true;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
		if (from_len && len >= from_len && memcmp(s, from, from_len) == 0) {
			s += from_len;
			len -= from_len;
		}
		if (!(first && block->keep_first))
			emit_text(r, to, strlen(to));
		emit_text(r, s, len);
		s += len;
		first = false;
	}
	buf_free(&text);
}

static void render_nodes(struct render *r, const struct tpl_node *parent,
			 const struct override *ovr)
{
	for (size_t i = 0; i < parent->n_kids; i++) {
		if (++r->steps > MAX_STEPS)
			return;
		const struct tpl_node *n = parent->kids[i];
		struct value v;
		switch (n->kind) {
		case TPL_ROOT:
			break;
		case TPL_TEXT:
			emit_text(r, n->text, n->len);
			break;
		case TPL_VAR:
		case TPL_RAW:
			if (lookup(r, n, &v))
				emit_value(r, &v, n->kind == TPL_VAR);
			else
				begin_output(r);
			break;
		case TPL_SECTION:
			if (!lookup(r, n, &v) || !truthy(&v))
				break;
			if (v.text) {
				render_nodes(r, n, ovr);
			} else if (kind_of(v.node) == cJSON_Array) {
				for (const cJSON *item = v.node->child; item; item = item->next) {
					push(r, item);
					render_nodes(r, n, ovr);
					r->depth--;
				}
			} else {
				push(r, v.node);
				render_nodes(r, n, ovr);
				r->depth--;
			}
			break;
		case TPL_INVERTED:
			if (!lookup(r, n, &v) || !truthy(&v))
				render_nodes(r, n, ovr);
			break;
		case TPL_PARTIAL: {
			const struct tpl *t = find(r->set, n->name);
			if (t)
				render_template(r, t, n->indent, ovr);
			break;
		}
		case TPL_PARENT: {
			const struct tpl *t = find(r->set, n->name);
			if (!t)
				break;
			/* this parent's blocks come after (lose to) the outer ones */
			struct override *mine = xcalloc(n->n_kids + 1, sizeof *mine);
			const struct override *head = ovr;
			for (size_t k = 0; k < n->n_kids; k++) {
				if (n->kids[k]->kind != TPL_BLOCK)
					continue;
				mine[k].block = n->kids[k];
				mine[k].next = head;
				head = &mine[k];
			}
			render_template(r, t, n->indent, head);
			free(mine);
			break;
		}
		case TPL_BLOCK: {
			const struct tpl_node *use = n;
			for (const struct override *o = ovr; o; o = o->next)
				if (strcmp(o->block->name, n->name) == 0)
					use = o->block;
			if (use == n || (!n->reindent && !use->intrinsic))
				render_nodes(r, use, ovr);
			else
				render_reindented(r, n, use, ovr);
			break;
		}
		}
	}
}

int tpl_render(const struct tpl_set *set, const char *name, const cJSON *const *frames,
	       size_t n_frames, const char *lang, struct buf *out)
{
	const struct tpl *t = find(set, name);
	if (!t) {
		msg_error("template \"%s\" not found", name);
		return -1;
	}
	struct render r = { .set = set, .out = out, .lang = lang, .line_start = true };
	for (size_t i = 0; i < n_frames; i++)
		push(&r, frames[i]);
	render_template(&r, t, NULL, NULL);
	free(r.stack);
	buf_free(&r.indent);
	if (r.steps > MAX_STEPS || r.too_deep) {
		msg_error("%s: %s", t->file,
			  r.too_deep ? "partials nest more than 64 deep (a partial that includes itself?)"
				     : "rendering does not end (sections nested over lists without end?)");
		return -1;
	}
	return 0;
}
