/* RFC 4180 CSV, read record by record. */
#include "predictor/sources/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/text/utf8.h"
#include "common/xalloc.h"

struct csv_reader {
	FILE *in;          /* borrowed */
	struct buf text;   /* owned; the current record's fields, NUL-separated */
	size_t *starts;    /* owned; offset of each field in text */
	char **fields;     /* owned array; pointers into text */
	size_t cap_starts, cap_fields;
	long line;         /* line of the next character */
	long record_line;  /* line where the last record began */
	long long offset;
	char error[160];
	bool at_start;
};

struct csv_reader *csv_new(FILE *f)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->in = f;
	r->line = 1;
	r->at_start = true;
	return r;
}

void csv_free(struct csv_reader *r)
{
	if (!r)
		return;
	buf_free(&r->text);
	free(r->starts);
	free(r->fields);
	free(r);
}

long csv_line(const struct csv_reader *r)
{
	return r->record_line;
}

const char *csv_error(const struct csv_reader *r)
{
	return r->error;
}

long long csv_offset(const struct csv_reader *r)
{
	return r->offset;
}

static int get(struct csv_reader *r)
{
	int c = getc_unlocked(r->in);
	if (c != EOF)
		r->offset++;
	if (c == '\n')
		r->line++;
	return c;
}

/* After an error: drop the rest of the physical line. */
static void skip_line(struct csv_reader *r, int c)
{
	while (c != '\n' && c != EOF)
		c = get(r);
}

/*
 * After an error inside a record that may go on in quoted fields: drop the
 * rest of it, newlines inside quotes included, so that the next record
 * starts where it really does (a synopsis line is not a film). A quote
 * opens a quoted part only at the start of a field, as in csv_next.
 */
static void skip_record(struct csv_reader *r, int c, bool quoted)
{
	bool field_start = false;
	for (; c != EOF; c = get(r)) {
		if (quoted) {
			if (c == '"') {
				c = get(r);
				if (c == '"')
					continue;
				quoted = false;
				if (c == EOF)
					return;
			} else {
				continue;
			}
		}
		if (c == '\n')
			return;
		if (c == '"' && field_start)
			quoted = true;
		field_start = c == ',';
	}
}

static void start_field(struct csv_reader *r, size_t n)
{
	r->starts = xgrow(r->starts, &r->cap_starts, n + 1, sizeof *r->starts);
	r->starts[n] = r->text.len;
}

int csv_next(struct csv_reader *r, char ***fields, size_t *n_fields)
{
	buf_clear(&r->text);
	r->error[0] = '\0';
	int c = get(r);
	if (r->at_start) {
		r->at_start = false;
		if (c == 0xEF) {
			int c2 = get(r), c3 = get(r);
			if (c2 != 0xBB || c3 != 0xBF) {
				snprintf(r->error, sizeof r->error, "not UTF-8 text (bad byte-order mark)");
				r->record_line = r->line;
				skip_line(r, c3);
				return -1;
			}
			c = get(r);
		}
	}
	/* Skip blank lines between records. */
	while (c == '\n' || c == '\r')
		c = get(r);
	if (c == EOF)
		return 0;
	r->record_line = r->line;
	size_t n = 0;
	start_field(r, n);
	bool quoted = false, after_quote = false;
	long quote_line = 0;
	for (;; c = get(r)) {
		if (r->text.len > CSV_MAX_RECORD) {
			snprintf(r->error, sizeof r->error, "record longer than %d bytes", CSV_MAX_RECORD);
			skip_record(r, c, quoted);
			return -1;
		}
		if (c == 0) {
			snprintf(r->error, sizeof r->error, "binary data (a NUL byte) in field %zu",
				 n + 1);
			skip_record(r, c, quoted);
			return -1;
		}
		if (quoted) {
			if (c == EOF) {
				snprintf(r->error, sizeof r->error,
					 "unterminated quoted field %zu (its quote opens on line %ld)",
					 n + 1, quote_line);
				return -1;
			}
			if (c == '"') {
				int next = get(r);
				if (next == '"') {
					buf_putc(&r->text, '"');
					continue;
				}
				quoted = false;
				after_quote = true;
				c = next;
			} else {
				buf_putc(&r->text, (char)c);
				continue;
			}
		}
		if (c == ',' || c == '\n' || c == EOF || c == '\r') {
			if (c == '\r') {
				int next = get(r);
				if (next != '\n' && next != EOF) {
					snprintf(r->error, sizeof r->error,
						 "carriage return inside unquoted field %zu", n + 1);
					skip_line(r, next);
					return -1;
				}
				c = '\n';
			}
			buf_putc(&r->text, '\0');
			n++;
			after_quote = false;
			if (c == ',') {
				start_field(r, n);
				continue;
			}
			break;
		}
		if (after_quote) {
			snprintf(r->error, sizeof r->error,
				 "unexpected character after the closing quote of field %zu", n + 1);
			skip_line(r, c);
			return -1;
		}
		if (c == '"') {
			if (r->text.len != r->starts[n]) {
				snprintf(r->error, sizeof r->error,
					 "quote inside unquoted field %zu (quote the field and double the quote)",
					 n + 1);
				skip_line(r, c);
				return -1;
			}
			quoted = true;
			quote_line = r->line;
			continue;
		}
		buf_putc(&r->text, (char)c);
	}
	r->fields = xgrow(r->fields, &r->cap_fields, n, sizeof *r->fields);
	for (size_t i = 0; i < n; i++)
		r->fields[i] = r->text.data + r->starts[i];
	*fields = r->fields;
	*n_fields = n;
	return 1;
}

int csv_check_text(const char *s)
{
	return utf8_check(s, NULL);
}
