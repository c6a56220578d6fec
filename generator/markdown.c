/* cmark-gfm behind one function. */
#include "generator/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>


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
