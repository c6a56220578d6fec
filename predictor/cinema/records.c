/*
 * cinema.db as text files, to keep the records in git: one JSON Lines file
 * per table, exported together and restored into an empty store.
 */
#include "predictor/cinema/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/store/store_records.h"

int records_export(struct store *st, const char *dir)
{
	if (file_mkdirs(dir) != 0)
		return -1;
	struct file_set files = FILE_SET_INIT;
	int rc = 0;
	for (size_t t = 0; rc == 0 && t < store_cinema_n_tables; t++) {
		struct buf out = BUF_INIT;
		char *path = xasprintf("%s/%s.jsonl", dir, store_cinema_tables[t]);
		rc = store_cinema_export(st, store_cinema_tables[t], &out);
		if (rc == 0)
			rc = file_set_put(&files, path, buf_str(&out), out.len);
		free(path);
		buf_free(&out);
	}
	if (rc == 0)
		rc = file_set_commit(&files);
	file_set_free(&files);
	return rc;
}

int records_restore(struct store *st, const char *dir, long *rows)
{
	long existing;
	if (store_cinema_rows(st, &existing) != 0)
		return -1;
	if (existing > 0) {
		msg_error("cinema.db already holds %ld records: restore only fills an empty one "
			  "(move it away first)", existing);
		return -1;
	}
	/* every table's file, even empty: a missing one is a wrong folder or a
	 * partial copy, and restoring it would lose records at the next export */
	for (size_t t = 0; t < store_cinema_n_tables; t++) {
		char *path = xasprintf("%s/%s.jsonl", dir, store_cinema_tables[t]);
		bool there = file_exists(path);
		if (!there)
			msg_error("%s: missing (records export writes one file per table, even empty)",
				  path);
		free(path);
		if (!there)
			return -1;
	}
	for (size_t t = 0; t < store_cinema_n_tables; t++) {
		char *path = xasprintf("%s/%s.jsonl", dir, store_cinema_tables[t]);
		char *text = file_read_all(path, NULL);
		int rc = text ? 0 : -1;
		long line = 0;
		for (char *p = text, *nl; rc == 0 && p && *p; p = nl + 1) {
			nl = strchr(p, '\n');
			if (!nl)
				nl = p + strlen(p) - 1;
			else
				*nl = '\0';
			line++;
			if (!*p)
				continue;
			char where[600];
			snprintf(where, sizeof where, "%s:%ld: ", path, line);
			rc = store_cinema_import_row(st, store_cinema_tables[t], p, where);
			(*rows)++;
		}
		free(text);
		free(path);
		if (rc != 0)
			return -1;
	}
	return 0;
}

