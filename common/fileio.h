/*
 * Whole-file reading and atomic writing. Every function reports its own
 * error (with the path and strerror) and returns -1 or NULL on failure.
 */
#ifndef MARQUEE_FILEIO_H
#define MARQUEE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file into a NUL-terminated string owned by the caller. */
char *file_read_all(const char *path, size_t *len);
/*
 * Writes data to path through a temporary file in the same folder, fsync and
 * rename, so readers see the old or the new file, never a half-written one.
 */
int file_write_atomic(const char *path, const char *data, size_t len);
/*
 * The first half of file_write_atomic, for writing several files as one:
 * writes data into a temporary file beside path (synced to disk when sync)
 * and returns its name (owned by the caller) in *tmp; renaming it over path
 * is the caller's second half. Nothing is left behind on failure.
 */
int file_write_temp(const char *path, const char *data, size_t len, bool sync, char **tmp);
/* Creates a folder and its parents (mode 0777 & umask); 0 if it exists. */
int file_mkdirs(const char *path);
bool file_exists(const char *path);
bool file_is_dir(const char *path);
/* Removes a folder tree; 0 when done or when it did not exist. */
int file_remove_tree(const char *path);

#endif
