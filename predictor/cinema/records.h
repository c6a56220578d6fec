/*
 * Keeping cinema.db in git (records.c): each table as JSON Lines, one row a
 * line in primary-key order, so each week's commit shows what changed.
 */
#ifndef MARQUEE_RECORDS_H
#define MARQUEE_RECORDS_H

#include "predictor/store/store.h"

/* Writes every table into dir/TABLE.jsonl; the files change together, so a
 * failure (a full disk) leaves the previous set whole. 0 or -1 (reported). */
int records_export(struct store *st, const char *dir);
/*
 * Fills an empty cinema.db from dir inside the caller's transaction; *rows
 * counts the rows read. A store that holds records, a folder missing any
 * table's file, or a bad row is refused (reported, -1).
 */
int records_restore(struct store *st, const char *dir, long *rows);

#endif
