/*
 * The Mustache engine against the official spec (../shared/fixtures/
 * mustache-spec, read at test time; skipped with a note when absent), plus
 * the extensions and errors the themes rely on.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "common/xalloc.h"
#include "generator/template.h"
#include "tests/unit/harness.h"

static const char *const spec_files[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials", "sections",
	"~inheritance",
};

static char *render_text(const char *template, const char *json, const char *lang)
{
	struct tpl_set *set = tpl_set_new(false);
	cJSON *data = cJSON_Parse(json);
	struct buf out = BUF_INIT;
	char *result = NULL;
	if (tpl_set_add(set, "t", "t", template, strlen(template)) == 0) {
		const cJSON *frames[] = { data };
		tpl_render(set, "t", frames, 1, lang, &out);
		result = buf_detach(&out);
	}
	cJSON_Delete(data);
	tpl_set_free(set);
	return result;
}

static void run_spec(const char *dir, int *passed, int *total)
{
	for (size_t f = 0; f < sizeof spec_files / sizeof *spec_files; f++) {
		char *path = xasprintf("%s/%s.json", dir, spec_files[f]);
		char *text = file_read_all(path, NULL);
		cJSON *doc = text ? cJSON_Parse(text) : NULL;
		OK(doc != NULL, "%s: cannot read", path);
		const cJSON *tests = cJSON_GetObjectItemCaseSensitive(doc, "tests");
		const cJSON *test;
		cJSON_ArrayForEach(test, tests)
		{
			const char *name = cJSON_GetObjectItemCaseSensitive(test, "name")->valuestring;
			const char *tmpl = cJSON_GetObjectItemCaseSensitive(test, "template")->valuestring;
			const char *want = cJSON_GetObjectItemCaseSensitive(test, "expected")->valuestring;
			const cJSON *data = cJSON_GetObjectItemCaseSensitive(test, "data");
			const cJSON *partials = cJSON_GetObjectItemCaseSensitive(test, "partials");
			struct tpl_set *set = tpl_set_new(false);
			const cJSON *p;
			cJSON_ArrayForEach(p, partials)
				tpl_set_add(set, p->string, p->string, p->valuestring,
					    strlen(p->valuestring));
			struct buf out = BUF_INIT;
			int rc = tpl_set_add(set, "__spec__", name, tmpl, strlen(tmpl));
			if (rc == 0) {
				const cJSON *frames[] = { data };
				rc = tpl_render(set, "__spec__", frames, 1, "en", &out);
			}
			bool ok = rc == 0 && strcmp(buf_str(&out), want) == 0;
			(*total)++;
			if (ok)
				(*passed)++;
			OK(ok, "mustache spec %s: %s: got \"%s\", want \"%s\"", spec_files[f], name,
			   buf_str(&out), want);
			buf_free(&out);
			tpl_set_free(set);
		}
		cJSON_Delete(doc);
		free(text);
		free(path);
	}
}

static void test_extensions(void)
{
	char *s = render_text("{{n.fmt}} {{n.fmt1}} {{p.pct}} {{big.compact}} {{list.count}}",
			      "{\"n\": 310000.26, \"p\": 0.626, \"big\": 1500000, \"list\": [1,2,3]}",
			      "en");
	STR_EQ(s, "310,000 310,000.3 63% 1.5M 3", "number extensions (en)");
	free(s);
	s = render_text("{{n.fmt}}|{{p.pct}}", "{\"n\": 1234567, \"p\": 0.5}", "fr");
	STR_EQ(s, "1\xe2\x80\xaf" "234\xe2\x80\xaf" "567|50\xe2\x80\xaf%", "number extensions (fr)");
	free(s);
	s = render_text("{{#e}}x{{/e}}{{^e}}empty{{/e}}|{{t}}", "{\"e\": \"\", \"t\": \"<script>\\\"\"}",
			"en");
	STR_EQ(s, "empty|&lt;script&gt;&quot;", "empty string is falsey; escaping");
	free(s);
	s = render_text("{{x}} {{y}} {{z}}", "{\"x\": 0.1, \"y\": -3, \"z\": 1e21}", "en");
	STR_EQ(s, "0.1 -3 1e+21", "number interpolation");
	free(s);
}

/* .date: a date in the words of the theme's strings. */
static void test_dates(void)
{
	static const char t_en[] = "\"t\": {\"months\": [\"January\", \"February\", \"March\","
				   " \"April\", \"May\", \"June\", \"July\", \"August\","
				   " \"September\", \"October\", \"November\", \"December\"]}";
	char *json = xasprintf("{%s, \"d\": \"2023-07-19\", \"ts\": \"2023-11-04T22:13:20Z\","
			       " \"first\": \"2024-03-01\", \"word\": \"soon\","
			       " \"bad\": \"2023-13-01\", \"l\": [\"2024-12-25\"]}", t_en);
	char *s = render_text("{{d.date}}|{{ts.date}}|{{first.date}}|{{word.date}}|{{bad.date}}|"
			      "{{#l}}{{.date}}{{/l}}", json, "en");
	STR_EQ(s, "19 July 2023|4 November 2023|1 March 2024|soon|2023-13-01|25 December 2024",
	       "dates in the theme's month names; other text as it is");
	free(s);
	free(json);
	s = render_text("{{d.date}}|{{first.date}}",
			"{\"t\": {\"months\": [\"janvier\", \"f\u00e9vrier\", \"mars\", \"avril\","
			" \"mai\", \"juin\", \"juillet\", \"ao\u00fbt\", \"septembre\", \"octobre\","
			" \"novembre\", \"d\u00e9cembre\"], \"day_one\": \"1er\"},"
			" \"d\": \"2023-08-19\", \"first\": \"2024-03-01\"}", "fr");
	STR_EQ(s, "19 ao\xc3\xbbt 2023|1er mars 2024", "French, with the first of the month");
	free(s);
	s = render_text("{{d.date}}|{{d}}", "{\"d\": \"2023-07-19\", \"t\": {\"months\": [\"x\"]}}",
			"en");
	STR_EQ(s, "2023-07-19|2023-07-19", "no twelve month names: the date as it is");
	free(s);
}

/* .json: JSON that no script element or attribute can be broken out of. */
static void test_json(void)
{
	char *s = render_text("{{{t.json}}}|{{{n.json}}}|{{{o.json}}}|{{{missing.json}}}",
			      "{\"t\": \"</script><!-- a & b \\\"q\\\" \\n\\u2028\", \"n\": 166,"
			      " \"o\": {\"a\": [1, 2.5, true, null, \"x\"], \"b\": {}}}",
			      "en");
	STR_EQ(s, "\"\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\\"q\\\" \\n\\u2028\"|166|"
		  "{\"a\":[1,2.5,true,null,\"x\"],\"b\":{}}|",
		  "raw .json is script-safe");
	free(s);
	s = render_text("<a data-x=\"{{o.json}}\">", "{\"o\": {\"k\": \"v'\"}}", "en");
	STR_EQ(s, "<a data-x=\"{&quot;k&quot;:&quot;v&#39;&quot;}\">", "escaped .json for attributes");
	free(s);
	s = render_text("{{#l}}{{{.json}}}{{/l}}|{{#n}}{{.fmt}} {{/n}}",
			"{\"l\": [\"a\", {\"b\": 1}], \"n\": [1000, 2]}", "en");
	STR_EQ(s, "\"a\"{\"b\":1}|1,000 2 ", "a leading dot: the current item's extension");
	free(s);
}

/* -first, -last, -index: where the innermost list is. */
static void test_list_position(void)
{
	char *s = render_text("[{{#l}}{{.}}{{^-last}}, {{/-last}}{{/l}}]", "{\"l\": [\"a\", \"b\", \"c\"]}",
			      "en");
	STR_EQ(s, "[a, b, c]", "separators between items");
	free(s);
	s = render_text("{{#l}}{{-index}}{{#-first}}F{{/-first}}{{#o}}{{#-last}}L{{/-last}}{{/o}} {{/l}}"
			"{{#-first}}outside{{/-first}}",
			"{\"l\": [{\"o\": {\"x\": 1}}, {\"o\": {\"x\": 2}}]}", "en");
	STR_EQ(s, "1F 2L ", "an object section keeps the list's position; none outside a list");
	free(s);
	s = render_text("{{#a}}{{#b}}{{.}}{{#-last}}.{{/-last}}{{/b}}{{#-last}}!{{/-last}}|{{/a}}",
			"{\"a\": [{\"b\": [1, 2]}, {\"b\": [3]}]}", "en");
	STR_EQ(s, "12.|3.!|", "nested lists: the innermost one counts, the outer one after it");
	free(s);
	s = render_text("{{#one}}{{-first}}/{{-last}}{{/one}}", "{\"one\": [0]}", "en");
	STR_EQ(s, "true/true", "one item is first and last");
	free(s);
}

static void test_errors(void)
{
	struct tpl_set *set = tpl_set_new(true);
	INT_EQ(tpl_set_add(set, "a", "a.mustache", "{{#x}}", 6), -1, "unclosed section");
	INT_EQ(tpl_set_add(set, "b", "b.mustache", "{{#x}}{{/y}}", 12), -1, "mismatched close");
	INT_EQ(tpl_set_add(set, "c", "c.mustache", "{{x", 3), -1, "unclosed tag");
	INT_EQ(tpl_set_add(set, "d", "d.mustache", "{{> nothere}}", 13), 0, "partial compiles");
	INT_EQ(tpl_set_check(set), -1, "strict set: missing partial");
	tpl_set_free(set);
}

/* A template whose work never ends fails instead of hanging the build. */
static void test_runaway(void)
{
	struct tpl_set *set = tpl_set_new(false);
	struct buf nested = BUF_INIT;
	for (int i = 0; i < 40; i++)
		buf_puts(&nested, "{{#l}}");
	buf_puts(&nested, "x");
	for (int i = 0; i < 40; i++)
		buf_puts(&nested, "{{/l}}");
	INT_EQ(tpl_set_add(set, "n", "n.mustache", nested.data, nested.len), 0, "nested compiles");
	INT_EQ(tpl_set_add(set, "self", "self.mustache", "{{> self}}", 10), 0, "recursive compiles");
	cJSON *ctx = cJSON_Parse("{\"l\": [1, 2]}");
	const cJSON *frames[] = { ctx };
	struct buf out = BUF_INIT;
	INT_EQ(tpl_render(set, "n", frames, 1, "en", &out), -1, "2^40 renders refused");
	buf_clear(&out);
	INT_EQ(tpl_render(set, "self", frames, 1, "en", &out), -1, "endless partial refused");
	buf_free(&out);
	buf_free(&nested);
	cJSON_Delete(ctx);
	tpl_set_free(set);
}

/* A template's tree is walked by recursion: nesting is bounded when it is
 * compiled (30,000 nested sections crashed the build). */
static void test_depth(void)
{
	const int depths[] = { TPL_MAX_DEPTH, TPL_MAX_DEPTH + 1, 30000 };
	struct tpl_set *set = tpl_set_new(true);
	struct buf nested = BUF_INIT;
	for (size_t d = 0; d < sizeof depths / sizeof *depths; d++) {
		buf_clear(&nested);
		for (int i = 0; i < depths[d]; i++)
			buf_puts(&nested, i % 2 ? "{{^s}}" : "{{#s}}");
		buf_puts(&nested, "x");
		for (int i = 0; i < depths[d]; i++)
			buf_puts(&nested, "{{/s}}");
		INT_EQ(tpl_set_add(set, "deep", "deep.mustache", nested.data, nested.len),
		       depths[d] <= TPL_MAX_DEPTH ? 0 : -1, "nesting as deep as allowed, or deeper");
	}
	buf_free(&nested);
	tpl_set_free(set);
}

/* Partials that fan out make much text from few nodes: the output is
 * bounded in bytes, not only in nodes (10 x 10 x 10 x 70 KB here). */
static void test_output_bound(void)
{
	struct tpl_set *set = tpl_set_new(true);
	struct buf text = BUF_INIT;
	for (int i = 0; i < 70 * 1024; i++)
		buf_putc(&text, 'x');
	tpl_set_add(set, "p3", "p3.mustache", text.data, text.len);
	const char *fan[] = { "p2", "{{>p3}}", "p1", "{{>p2}}", "top", "{{>p1}}" };
	for (int i = 0; i < 6; i += 2) {
		buf_clear(&text);
		for (int k = 0; k < 10; k++)
			buf_puts(&text, fan[i + 1]);
		tpl_set_add(set, fan[i], fan[i], text.data, text.len);
	}
	INT_EQ(tpl_set_check(set), 0, "the partials exist");
	cJSON *ctx = cJSON_CreateObject();
	const cJSON *frames[] = { ctx };
	struct buf out = BUF_INIT;
	INT_EQ(tpl_render(set, "p1", frames, 1, "en", &out), 0, "7 MB made");
	INT_EQ(out.len, 100 * 70 * 1024, "all of it");
	buf_clear(&out);
	INT_EQ(tpl_render(set, "top", frames, 1, "en", &out), -1, "70 MB refused");
	OK(out.len <= TPL_MAX_OUTPUT + 70 * 1024, "stopped at the bound: %zu bytes", out.len);
	buf_free(&out);
	buf_free(&text);
	cJSON_Delete(ctx);
	tpl_set_free(set);
}

void test_template(void)
{
	const char *shared = getenv("SHARED");
	char *dir = xasprintf("%s/fixtures/mustache-spec", shared && *shared ? shared : "../shared");
	if (file_is_dir(dir)) {
		int passed = 0, total = 0;
		run_spec(dir, &passed, &total);
		printf("mustache spec: %d of %d tests passed\n", passed, total);
	} else {
		printf("mustache spec: skipped, %s is absent\n", dir);
	}
	free(dir);
	test_extensions();
	test_dates();
	test_json();
	test_list_position();
	test_errors();
	test_depth();
	test_output_bound();
	test_runaway();
}
