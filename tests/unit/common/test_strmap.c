/* The string map: puts, replacements, lookups across growth. */
#include <stdio.h>
#include <stdlib.h>

#include "common/strmap.h"
#include "tests/unit/harness.h"

void test_strmap(void)
{
	struct strmap m = STRMAP_INIT;
	OK(strmap_get(&m, "a") == NULL, "an empty map finds nothing");
	enum { N = 5000 };
	static char keys[N][24];
	int values[N];
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "films/%d", i);
		values[i] = i;
		if (strmap_put(&m, keys[i], &values[i]) != NULL) {
			OK(0, "a new key replaced something: %s", keys[i]);
			break;
		}
	}
	INT_EQ(m.n, N, "every key counted once");
	int found = 0;
	for (int i = 0; i < N; i++) {
		char copy[24];
		snprintf(copy, sizeof copy, "films/%d", i); /* equal text, other storage */
		const int *v = strmap_get(&m, copy);
		found += v && *v == i;
	}
	INT_EQ(found, N, "every key found after the map grew");
	OK(strmap_get(&m, "films/") == NULL && strmap_get(&m, "films/5000") == NULL,
	   "absent keys are absent");
	int other = -1;
	OK(strmap_put(&m, "films/7", &other) == &values[7], "a replacement returns the old value");
	OK(strmap_get(&m, "films/7") == &other && m.n == N, "the new value, no new entry");
	strmap_free(&m);
	OK(m.n == 0 && strmap_get(&m, "films/1") == NULL, "a freed map is empty");
}
