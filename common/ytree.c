/* libyaml event stream -> struct ytree. */
#include "common/ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"

/* Bytes handed to libyaml at a time: how far its scanner may run between
 * two checks of its flow depth. */
#define CHUNK 128

static struct ytree *node_new(enum ytree_type type, int line)
{
	struct ytree *n = xcalloc(1, sizeof *n);
	n->type = type;
	n->line = line;
	return n;
}

static void node_add(struct ytree *parent, char *key, int key_line, struct ytree *child)
{
	size_t cap = parent->cap, cap2 = parent->cap;
	parent->items = xgrow(parent->items, &parent->cap, parent->n_items + 1, sizeof *parent->items);
	if (parent->type == YTREE_MAP) {
		parent->keys = xgrow(parent->keys, &cap, parent->n_items + 1, sizeof *parent->keys);
		parent->key_lines = xgrow(parent->key_lines, &cap2, parent->n_items + 1,
					  sizeof *parent->key_lines);
		parent->keys[parent->n_items] = key;
		parent->key_lines[parent->n_items] = key_line;
	}
	parent->items[parent->n_items++] = child;
}

void ytree_free(struct ytree *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n_items; i++) {
		if (node->keys)
			free(node->keys[i]);
		ytree_free(node->items[i]);
	}
	free(node->keys);
	free(node->key_lines);
	free(node->items);
	free(node->value);
	free(node);
}

/* Parse state: a stack of open collections, and for maps the pending key. */
struct frame {
	struct ytree *node; /* borrowed from the tree being built */
	char *key;          /* owned until handed to node_add */
	int key_line;       /* where the key is */
	struct strmap keys; /* a map's keys so far (borrowed from node): twins are
			     * found by hash, not by a scan per key (50,000 keys took 11 s) */
};

/*
 * The text, handed to libyaml CHUNK bytes at a time. Its scanner keeps a
 * possible simple key per open flow collection ([ or {) and looks at all of
 * them at every token: 100,000 nested [ took it 46 s, and it reads far
 * ahead before the first event comes out. So the depth is checked as the
 * text goes in, not on the events.
 */
struct input {
	const char *text; /* borrowed */
	size_t len, at;
	yaml_parser_t *parser; /* borrowed: whose flow depth is checked */
	bool too_deep;
};

static int read_chunk(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	struct input *in = data;
	if (in->parser->flow_level > YTREE_MAX_DEPTH) {
		in->too_deep = true;
		return 0;
	}
	size_t n = in->len - in->at;
	if (n > size)
		n = size;
	if (n > CHUNK)
		n = CHUNK;
	memcpy(buffer, in->text + in->at, n);
	in->at += n;
	*size_read = n;
	return 1;
}

struct ytree *ytree_parse(const char *text, size_t len, const char *file, int first_line)
{
	yaml_parser_t parser;
	yaml_event_t event;
	struct ytree *root = NULL;
	struct frame *stack = NULL;
	size_t depth = 0, cap = 0;
	bool ok = false, done = false;

	if (!yaml_parser_initialize(&parser))
		abort();
	struct input in = { text, len, 0, &parser, false };
	yaml_parser_set_input(&parser, read_chunk, &in);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			if (in.too_deep) {
				msg_error("%s:%d: flow collections ([...], {...}) nest more than %d deep",
					  file, (int)parser.mark.line + first_line, YTREE_MAX_DEPTH);
				goto out;
			}
			msg_error("%s:%d:%d: %s%s%s", file,
				  (int)parser.problem_mark.line + first_line,
				  (int)parser.problem_mark.column + 1,
				  parser.problem ? parser.problem : "YAML syntax error",
				  parser.context ? " " : "", parser.context ? parser.context : "");
			goto out;
		}
		int line = (int)event.start_mark.line + first_line;
		struct ytree *made = NULL;
		switch (event.type) {
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			done = event.type == YAML_STREAM_END_EVENT || root != NULL;
			break;
		case YAML_ALIAS_EVENT:
			msg_error("%s:%d: YAML aliases (*name) are not supported", file, line);
			yaml_event_delete(&event);
			goto out;
		case YAML_SCALAR_EVENT:
			made = node_new(YTREE_SCALAR, line);
			made->value = xstrndup((const char *)event.data.scalar.value,
					       event.data.scalar.length);
			made->quoted = event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
			made = node_new(YTREE_SEQ, line);
			break;
		case YAML_MAPPING_START_EVENT:
			made = node_new(YTREE_MAP, line);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			strmap_free(&stack[--depth].keys);
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
		if (!made)
			continue;
		if (depth == 0) {
			if (root) {
				ytree_free(made);
				continue;
			}
			root = made;
		} else {
			struct frame *top = &stack[depth - 1];
			if (top->node->type == YTREE_MAP && !top->key) {
				if (made->type != YTREE_SCALAR) {
					msg_error("%s:%d: a mapping key must be plain text", file, line);
					ytree_free(made);
					goto out;
				}
				/* YAML keys are unique; loaders that let the last one win
				 * hide a mistake, and two readers could disagree */
				if (strmap_get(&top->keys, made->value)) {
					msg_error("%s:%d: \"%s\" is given twice in one mapping", file, line,
						  made->value);
					ytree_free(made);
					goto out;
				}
				top->key = made->value;
				top->key_line = made->line;
				strmap_put(&top->keys, top->key, top->node);
				made->value = NULL;
				ytree_free(made);
				continue;
			}
			node_add(top->node, top->key, top->key_line, made);
			top->key = NULL;
		}
		if (made->type != YTREE_SCALAR) {
			if (depth >= YTREE_MAX_DEPTH) {
				/* the tree is walked by recursion (to free it, to make JSON) */
				msg_error("%s:%d: collections nest more than %d deep", file, line,
					  YTREE_MAX_DEPTH);
				goto out;
			}
			stack = xgrow(stack, &cap, depth + 1, sizeof *stack);
			stack[depth] = (struct frame){ made, NULL, 0, STRMAP_INIT };
			depth++;
		}
	}
	if (!root)
		root = node_new(YTREE_MAP, first_line);
	else if (root->type == YTREE_SCALAR && root->value[0] == '\0' && !root->quoted) {
		int line = root->line;
		ytree_free(root);
		root = node_new(YTREE_MAP, line);
	}
	ok = true;
out:
	for (size_t i = 0; i < depth; i++) {
		free(stack[i].key);
		strmap_free(&stack[i].keys);
	}
	free(stack);
	yaml_parser_delete(&parser);
	if (!ok) {
		ytree_free(root);
		return NULL;
	}
	return root;
}

const struct ytree *ytree_get(const struct ytree *map, const char *key)
{
	if (!map || map->type != YTREE_MAP)
		return NULL;
	/* keys are unique (ytree_parse refuses twins) */
	for (size_t i = map->n_items; i-- > 0;)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

const struct ytree *ytree_path(const struct ytree *root, const char *dotted)
{
	const struct ytree *node = root;
	const char *p = dotted;
	while (node && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char *key = xstrndup(p, n);
		node = ytree_get(node, key);
		free(key);
		p += n + (dot ? 1 : 0);
	}
	return node;
}

const char *ytree_type_name(const struct ytree *node)
{
	switch (node->type) {
	case YTREE_SCALAR:
		return "a value";
	case YTREE_SEQ:
		return "a list";
	case YTREE_MAP:
		return "a mapping";
	}
	return "?";
}
