/* libFuzzer target: YAML documents into struct ytree (marquee.yml, front matter). */
#include <stdint.h>

#include "common/msg.h"
#include "common/ytree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	msg_set_level(MSG_QUIET);
	struct ytree *t = ytree_parse((const char *)data, size, "fuzz.yml", 1);
	ytree_path(t, "a.b.c");
	ytree_free(t);
	return 0;
}
