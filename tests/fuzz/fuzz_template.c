/* libFuzzer target: the Mustache compiler and renderer on a fixed context. */
#include <cJSON.h>
#include <stdint.h>

#include "common/buf.h"
#include "generator/template.h"

static const char context[] =
	"{\"a\":\"<b>&\",\"n\":310000.5,\"list\":[{\"x\":1},{\"x\":2}],\"t\":true,"
	"\"o\":{\"p\":{\"q\":\"deep\"}},\"e\":[],\"z\":null}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tpl_set *set = tpl_set_new(false);
	static const char partial[] = "[{{a}}{{> self}}]";
	tpl_set_add(set, "self", "self.mustache", partial, sizeof partial - 1);
	if (tpl_set_add(set, "fuzz", "fuzz.mustache", (const char *)data, size) == 0) {
		cJSON *ctx = cJSON_Parse(context);
		const cJSON *frames[] = { ctx };
		struct buf out = BUF_INIT;
		tpl_render(set, "fuzz", frames, 1, "fr", &out);
		buf_free(&out);
		cJSON_Delete(ctx);
	}
	tpl_set_free(set);
	return 0;
}
