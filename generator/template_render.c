/*
 * The Mustache renderer: a compiled template (template_internal.h) over a
 * stack of cJSON values, with the extensions template.h lists.
 */
#define _GNU_SOURCE
#include "generator/template_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"
#include "generator/fmt.h"

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
	size_t out_start;     /* out's length when rendering began */
	bool too_long;        /* the output passed TPL_MAX_OUTPUT */
	struct loop {         /* the innermost list being iterated: -first, -last, -index */
		bool active;
		bool first, last;
		size_t index;     /* from 1 */
	} loop;
};

/* Enough for any real page many times over; a template that needs more
 * nests sections over lists without end (2 items, 40 levels: 2^40). */
#define MAX_STEPS 20000000UL

/* A resolved name: a cJSON value, or text made up by an extension. */
struct value {
	const cJSON *node; /* borrowed from the context, or NULL for a made value */
	const char *text;  /* a made value's text (points into made or owned) */
	char made[64];
	char *owned;       /* owned; a made value too long for made (.json), or NULL */
	bool empty;        /* a made value that counts as false: a count of 0 */
};

static void value_clear(struct value *v)
{
	free(v->owned);
	v->owned = NULL;
}

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

/*
 * s as a JSON string that is also inert inside an HTML <script> element:
 * <, > and & are \u escapes, so no "</script" or "<!--" can appear, and the
 * line separators U+2028 and U+2029 are escaped for JavaScript's sake.
 */
static void json_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '<': buf_puts(b, "\\u003c"); break;
		case '>': buf_puts(b, "\\u003e"); break;
		case '&': buf_puts(b, "\\u0026"); break;
		default:
			if (*p < 0x20) {
				buf_printf(b, "\\u%04x", *p);
			} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				buf_printf(b, "\\u%04x", 0x2028 + (p[2] - 0xa8));
				p += 2;
			} else {
				buf_putc(b, (char)*p);
			}
		}
	}
	buf_putc(b, '"');
}

/* v as compact JSON, script-safe (json_string); numbers as {{x}} prints them. */
static void json_value(struct buf *b, const cJSON *v)
{
	char num[64];
	switch (kind_of(v)) {
	case cJSON_Number:
		if (isfinite(v->valuedouble)) {
			fmt_number(num, sizeof num, v->valuedouble);
			buf_puts(b, num);
		} else {
			buf_puts(b, "null");
		}
		break;
	case cJSON_String:
		json_string(b, v->valuestring ? v->valuestring : "");
		break;
	case cJSON_True:
		buf_puts(b, "true");
		break;
	case cJSON_False:
		buf_puts(b, "false");
		break;
	case cJSON_Array:
	case cJSON_Object:
		buf_putc(b, kind_of(v) == cJSON_Array ? '[' : '{');
		for (const cJSON *c = v->child; c; c = c->next) {
			if (kind_of(v) == cJSON_Object) {
				json_string(b, c->string ? c->string : "");
				buf_putc(b, ':');
			}
			json_value(b, c);
			if (c->next)
				buf_putc(b, ',');
		}
		buf_putc(b, kind_of(v) == cJSON_Array ? ']' : '}');
		break;
	default:
		buf_puts(b, "null");
		break;
	}
}

/*
 * "2023-07-19" (or the start of a longer "2023-07-19T...") as "19 July 2023",
 * with the month names of the theme's strings (t.months, a list of 12; the
 * first of the month as t.day_one when there is one: "1er juillet 2023");
 * false when the text is not a date or the theme has no month names.
 */
static bool date_text(const struct render *r, const char *text, char *out, size_t size)
{
	int y, m, d, n = 0;
	if (!text || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return false;
	const cJSON *months = NULL, *t = NULL;
	for (size_t i = r->depth; i-- > 0 && !months;)
		months = member(t = member(r->stack[i], "t"), "months");
	const cJSON *first = member(t, "day_one"); /* "1er" in French */
	const cJSON *name = months && kind_of(months) == cJSON_Array && cJSON_GetArraySize(months) == 12
				    ? cJSON_GetArrayItem(months, m - 1) : NULL;
	if (!name || !cJSON_IsString(name))
		return false;
	if (d == 1 && first && cJSON_IsString(first))
		snprintf(out, size, "%s %s %d", first->valuestring, name->valuestring, y);
	else
		snprintf(out, size, "%d %s %d", d, name->valuestring, y);
	return true;
}

/* The extensions on values, numbers and lists (see template.h). */
static bool extension(const struct render *r, const cJSON *v, const char *key, struct value *out)
{
	if (strcmp(key, "json") == 0) {
		struct buf b = BUF_INIT;
		json_value(&b, v);
		out->owned = buf_detach(&b);
		out->node = NULL;
		out->text = out->owned;
		return true;
	}
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
			fmt_compact(out->made, sizeof out->made, x, -1, r->lang);
		else
			return false;
	} else if (kind_of(v) == cJSON_String && strcmp(key, "date") == 0) {
		if (!date_text(r, v->valuestring, out->made, sizeof out->made)) {
			out->node = v; /* not a date, or no month names: the text as it is */
			return true;
		}
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

/* -first, -last, -index: where the innermost list iteration is. */
static bool loop_name(const struct render *r, const char *key, struct value *out)
{
	if (!r->loop.active)
		return false;
	if (strcmp(key, "-index") == 0) {
		snprintf(out->made, sizeof out->made, "%zu", r->loop.index);
	} else if (strcmp(key, "-first") == 0 || strcmp(key, "-last") == 0) {
		bool yes = key[1] == 'f' ? r->loop.first : r->loop.last;
		snprintf(out->made, sizeof out->made, "%s", yes ? "true" : "false");
		out->empty = !yes;
	} else {
		return false;
	}
	out->text = out->made;
	return true;
}

static bool lookup(const struct render *r, const struct tpl_node *n, struct value *out)
{
	out->node = NULL;
	out->text = NULL;
	out->owned = NULL;
	out->empty = false;
	if (n->n_keys == 0) {
		out->node = r->depth ? r->stack[r->depth - 1] : NULL;
		return out->node != NULL;
	}
	if (n->n_keys == 1 && n->keys[0][0] == '-' && loop_name(r, n->keys[0], out))
		return true;
	const cJSON *v = NULL;
	if (n->keys[0][0] == '\0') {
		/* ".json", ".fmt": an extension of the current item */
		v = r->depth ? r->stack[r->depth - 1] : NULL;
	} else {
		for (size_t i = r->depth; i-- > 0;) {
			v = member(r->stack[i], n->keys[0]);
			if (v)
				break;
		}
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
		/* partials that fan out make much text from few nodes: the steps
		 * alone do not bound it */
		if (r->out->len - r->out_start > TPL_MAX_OUTPUT) {
			r->too_long = true;
			return;
		}
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
			value_clear(&v);
			break;
		case TPL_SECTION:
			if (!lookup(r, n, &v) || !truthy(&v)) {
				value_clear(&v);
				break;
			}
			if (v.text) {
				render_nodes(r, n, ovr);
			} else if (kind_of(v.node) == cJSON_Array) {
				struct loop outer = r->loop;
				size_t index = 0;
				for (const cJSON *item = v.node->child; item; item = item->next) {
					r->loop = (struct loop){ true, index == 0, item->next == NULL, index + 1 };
					index++;
					push(r, item);
					render_nodes(r, n, ovr);
					r->depth--;
				}
				r->loop = outer;
			} else {
				push(r, v.node);
				render_nodes(r, n, ovr);
				r->depth--;
			}
			value_clear(&v);
			break;
		case TPL_INVERTED:
			if (!lookup(r, n, &v) || !truthy(&v))
				render_nodes(r, n, ovr);
			value_clear(&v);
			break;
		case TPL_PARTIAL: {
			const struct tpl *t = tpl_find(r->set, n->name);
			if (t)
				render_template(r, t, n->indent, ovr);
			break;
		}
		case TPL_PARENT: {
			const struct tpl *t = tpl_find(r->set, n->name);
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
	const struct tpl *t = tpl_find(set, name);
	if (!t) {
		msg_error("template \"%s\" not found", name);
		return -1;
	}
	struct render r = { .set = set, .out = out, .lang = lang, .line_start = true,
			    .out_start = out->len };
	for (size_t i = 0; i < n_frames; i++)
		push(&r, frames[i]);
	render_template(&r, t, NULL, NULL);
	free(r.stack);
	buf_free(&r.indent);
	if (r.too_long) {
		msg_error("%s: the output passes %u MB (partials or sections repeated without end?)",
			  t->file, TPL_MAX_OUTPUT >> 20);
		return -1;
	}
	if (r.steps > MAX_STEPS || r.too_deep) {
		msg_error("%s: %s", t->file,
			  r.too_deep ? "partials nest more than 64 deep (a partial that includes itself?)"
				     : "rendering does not end (sections nested over lists without end?)");
		return -1;
	}
	return 0;
}
