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
 * is the caller's second half. Nothing is left behind on failure. The
 * temporary file is hidden (".NAME.tmp.PID"), so that a crash before the
 * rename leaves nothing a site build or a listing would take for content.
 */
int file_write_temp(const char *path, const char *data, size_t len, bool sync, char **tmp);

/*
 * Files that change together (content/ pages, the records' files): each is
 * written as a temporary beside its target, and all are renamed in only at
 * file_set_commit, so a failure (a full disk) leaves the old set whole.
 * A writer killed before its commit leaves its temporary files: the first
 * file_set_put into a folder removes those of writers that are gone (their
 * process id no longer runs) or an hour old.
 */
struct file_set {
	char **tmps, **finals; /* owned, parallel */
	size_t n, cap;
	char **swept;          /* owned; the folders cleared of dead writers' temporary files */
	size_t n_swept, cap_swept;
};
#define FILE_SET_INIT { NULL, NULL, 0, 0, NULL, 0, 0 }
/* Adds path with data to the set (nothing to do when it holds data already). */
int file_set_put(struct file_set *set, const char *path, const char *data, size_t len);
/* Syncs the set's files to disk (one syncfs per file system), then renames
 * every file into place. 0, or -1 after reporting. */
int file_set_commit(struct file_set *set);
/* Removes the temporary files not committed, and frees. */
void file_set_free(struct file_set *set);
/* Creates a folder and its parents (mode 0777 & umask); 0 if it exists. */
int file_mkdirs(const char *path);
bool file_exists(const char *path);
bool file_is_dir(const char *path);
/* Removes a folder tree; 0 when done or when it did not exist. */
int file_remove_tree(const char *path);

#endif
