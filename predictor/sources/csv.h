/*
 * A streaming RFC 4180 CSV reader: one record at a time, in memory bounded
 * by the longest record (at most CSV_MAX_RECORD bytes). Quoted fields may
 * hold commas, doubled quotes and line breaks; CRLF and LF both end a
 * record; a UTF-8 byte-order mark is skipped. Malformed records are
 * reported with their reason and the reader resumes at the next line.
 */
#ifndef MARQUEE_CSV_H
#define MARQUEE_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_RECORD (1 << 20)

struct csv_reader;

/* Reads from f (borrowed; the caller closes it). */
struct csv_reader *csv_new(FILE *f);
void csv_free(struct csv_reader *r);

/*
 * Reads the next record. Returns 1 and sets *fields (borrowed until the next
 * call) and *n_fields; 0 at end of input; -1 for a malformed record, whose
 * reason csv_error() gives, after which reading may go on.
 */
int csv_next(struct csv_reader *r, char ***fields, size_t *n_fields);
/* The line on which the last record began (1-based). */
long csv_line(const struct csv_reader *r);
/* Why the last record was malformed (borrowed). */
const char *csv_error(const struct csv_reader *r);
/* Bytes read so far, for progress. */
long long csv_offset(const struct csv_reader *r);

/* 0 when s is valid UTF-8 without control characters other than tab, line
 * feed and carriage return (utf8_check, which also says why not). */
int csv_check_text(const char *s);

#endif
