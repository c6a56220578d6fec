/* libFuzzer target: the RFC 4180 reader and the text and number checks. */
#include <stdint.h>
#include <stdio.h>

#include "predictor/sources/csv.h"
#include "predictor/sources/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	struct csv_reader *r = csv_new(f);
	char **fields;
	size_t n;
	int got;
	while ((got = csv_next(r, &fields, &n)) != 0) {
		if (got < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			double v;
			const char *why;
			csv_check_text(fields[i]);
			import_parse_number(fields[i], &v, &why);
		}
	}
	csv_free(r);
	fclose(f);
	return 0;
}
