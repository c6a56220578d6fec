/* cmark-gfm behind one function, and the limits the text is held to first. */
#include "generator/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"

/* A page of text is a few KB; the limits are far above any written by hand
 * and keep a page within a second and some tens of MB. */
const struct md_limits md_limits_default = {
	.bytes = 4u << 20,
	.table_cells = 100000,
	.row_cells = 1000,
	.autolink_work = 10000000,
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The cells a line would make as a table row: its unescaped '|' plus one
 * (an upper bound: leading and trailing pipes count). */
static size_t cells(const char *s, const char *end)
{
	size_t n = 1;
	for (; s < end; s++) {
		if (*s == '\\' && s + 1 < end)
			s++;
		else if (*s == '|')
			n++;
	}
	return n;
}

/* Whether a line (its block quote markers and indentation skipped) could
 * be a table's delimiter row: only '|', ':', '-' and blanks, a '|' and a '-'. */
static bool delimiter_row(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
		s++;
	bool pipe = false, dash = false;
	for (; s < end; s++) {
		if (*s == '|')
			pipe = true;
		else if (*s == '-')
			dash = true;
		else if (*s != ':' && *s != ' ' && *s != '\t' && *s != '\r')
			return false;
	}
	return pipe && dash;
}

static bool blank_line(const char *s, const char *end)
{
	while (s < end && (is_space(*s) || *s == '>'))
		s++;
	return s == end;
}

int md_check(const char *text, size_t len, const struct md_limits *lim, const char *src,
	     int first_line)
{
	if (len > lim->bytes) {
		msg_error("%s:%d: %zu bytes of Markdown, more than the %zu a page may have", src,
			  first_line, len, lim->bytes);
		return -1;
	}
	const char *end = text + len, *prev = NULL, *prev_end = NULL;
	size_t width = 0, table_cells = 0, work = 0;
	int line = first_line;
	for (const char *s = text; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *eol = nl ? nl : end;
		size_t row = cells(s, eol);
		if (delimiter_row(s, eol) && prev) {
			/* a header, then its delimiter row: a table starts */
			size_t header = cells(prev, prev_end);
			width = header > row ? header : row;
			row = width;
			table_cells += width;
		} else if (width && blank_line(s, eol)) {
			width = 0;
		} else if (width) {
			table_cells += width;
		}
		if (row > lim->row_cells && (width || delimiter_row(s, eol))) {
			msg_error("%s:%d: a table row of %zu cells, more than the %zu a row may have",
				  src, line, row, lim->row_cells);
			return -1;
		}
		if (table_cells > lim->table_cells) {
			msg_error("%s:%d: tables of more than %zu cells in one page (each row counts as "
				  "wide as its table's header)", src, line, lim->table_cells);
			return -1;
		}
		prev = s;
		prev_end = eol;
		s = nl ? nl + 1 : end;
	}
	/* runs without a space: "www." and "@" each cost a scan of the run */
	line = first_line;
	for (const char *s = text; s < end;) {
		if (is_space(*s)) {
			line += *s++ == '\n';
			continue;
		}
		const char *run = s;
		size_t triggers = 0;
		for (; s < end && !is_space(*s); s++)
			if (*s == '@' || (s + 4 <= end && (s[0] | 0x20) == 'w' && (s[1] | 0x20) == 'w' &&
					  (s[2] | 0x20) == 'w' && s[3] == '.'))
				triggers++;
		size_t run_len = (size_t)(s - run);
		if (triggers && run_len > (lim->autolink_work - work) / triggers) {
			msg_error("%s:%d: %zu characters without a space, holding \"www.\" or \"@\" %zu "
				  "times: more autolinking than a page may ask for (%zu); break the run "
				  "with spaces", src, line, run_len, triggers, lim->autolink_work);
			return -1;
		}
		work += triggers * run_len;
	}
	return 0;
}


static const char *const extensions[] = { "table", "strikethrough", "autolink", "tagfilter" };

void md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

char *md_render(const char *text, size_t len, bool unsafe_html)
{
	int options = CMARK_OPT_DEFAULT | (unsafe_html ? CMARK_OPT_UNSAFE : 0);
	cmark_parser *parser = cmark_parser_new(options);
	if (!parser)
		abort();
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	char *html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
	if (!html)
		abort();
	/* cmark's default allocator is malloc, so free() releases it */
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return html;
}
