/* Reading, atomic writing and folder handling. */
#define _GNU_SOURCE
#include "common/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/fault.h"
#include "common/msg.h"
#include "common/xalloc.h"

char *file_read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		msg_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 0, n = 0;
	char *data = NULL;
	for (;;) {
		data = xgrow(data, &cap, n + 65536 + 1, 1);
		size_t got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		msg_error("%s: read error: %s", path, strerror(errno));
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

int file_write_temp(const char *path, const char *data, size_t len, bool sync, char **tmp_out)
{
	int rc = -1;
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.%s.tmp.%ld", (int)(slash - path), path, slash + 1,
				      (long)getpid())
			  : xasprintf(".%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		msg_error("%s: %s", path, strerror(errno));
		goto out;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = fault_hit("write") ? (errno = ENOSPC, -1)
					       : write(fd, data + done, len - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			msg_error("%s: write failed: %s", path, strerror(errno));
			goto out_unlink;
		}
		done += (size_t)w;
	}
	if (sync && fsync(fd) != 0 && errno != EINVAL) {
		msg_error("%s: fsync failed: %s", path, strerror(errno));
		goto out_unlink;
	}
	if (close(fd) != 0) {
		fd = -1;
		msg_error("%s: close failed: %s", path, strerror(errno));
		goto out_unlink;
	}
	*tmp_out = tmp;
	return 0;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(tmp);
	return rc;
}

int file_write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp;
	if (file_write_temp(path, data, len, true, &tmp) != 0)
		return -1;
	int rc = 0;
	if (rename(tmp, path) != 0) {
		msg_error("%s: rename failed: %s", path, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/*
 * Removes from dir the temporary files of file_write_temp (".NAME.tmp.PID")
 * whose writer is gone, or that are an hour old (a process id may have been
 * taken again). Only regular files of that exact form.
 */
static void sweep_temps(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *tmp = e->d_name[0] == '.' ? strstr(e->d_name, ".tmp.") : NULL;
		for (const char *next; tmp && (next = strstr(tmp + 1, ".tmp."));)
			tmp = next;
		if (!tmp || tmp == e->d_name || !tmp[5] || strspn(tmp + 5, "0123456789") != strlen(tmp + 5))
			continue;
		long pid = strtol(tmp + 5, NULL, 10);
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    ((pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH) ||
		     time(NULL) - st.st_mtime > 3600))
			unlink(path);
		free(path);
	}
	closedir(d);
}

int file_set_put(struct file_set *set, const char *path, const char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	size_t k = 0;
	while (k < set->n_swept && strcmp(set->swept[k], dir) != 0)
		k++;
	if (k == set->n_swept) {
		/* once per folder: what a writer killed before its commit left */
		sweep_temps(dir);
		set->swept = xgrow(set->swept, &set->cap_swept, set->n_swept + 1, sizeof *set->swept);
		set->swept[set->n_swept++] = dir;
	} else {
		free(dir);
	}
	size_t old_len = 0;
	char *old = file_exists(path) ? file_read_all(path, &old_len) : NULL;
	bool same = old && old_len == len && memcmp(old, data, len) == 0;
	free(old);
	char *tmp = NULL;
	if (same)
		return 0;
	/* Synced together at commit: one syncfs, not an fsync per file (3,000
	 * film pages took 10 s of fsync, 0.3 s of work). */
	if (file_write_temp(path, data, len, false, &tmp) != 0)
		return -1;
	size_t cap = set->cap;
	set->tmps = xgrow(set->tmps, &set->cap, set->n + 1, sizeof *set->tmps);
	set->finals = xgrow(set->finals, &cap, set->n + 1, sizeof *set->finals);
	set->tmps[set->n] = tmp;
	set->finals[set->n++] = xstrdup(path);
	return 0;
}

/* Flushes the file systems that hold the set's temporary files, once each. */
static int sync_set(const struct file_set *set)
{
	dev_t synced = 0;
	bool any = false;
	for (size_t i = 0; i < set->n; i++) {
		struct stat sb;
		if (!set->tmps[i] || stat(set->tmps[i], &sb) != 0 || (any && sb.st_dev == synced))
			continue;
		int fd = open(set->tmps[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syncfs(fd) != 0) {
			msg_error("%s: sync failed: %s", set->finals[i], strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
		synced = sb.st_dev;
		any = true;
	}
	return 0;
}

int file_set_commit(struct file_set *set)
{
	if (sync_set(set) != 0)
		return -1;
	for (size_t i = 0; i < set->n; i++) {
		if (rename(set->tmps[i], set->finals[i]) != 0) {
			msg_error("%s: rename failed: %s", set->finals[i], strerror(errno));
			return -1;
		}
		free(set->tmps[i]);
		set->tmps[i] = NULL;
	}
	return 0;
}

void file_set_free(struct file_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		if (set->tmps[i])
			unlink(set->tmps[i]);
		free(set->tmps[i]);
		free(set->finals[i]);
	}
	for (size_t i = 0; i < set->n_swept; i++)
		free(set->swept[i]);
	free(set->tmps);
	free(set->finals);
	free(set->swept);
	*set = (struct file_set)FILE_SET_INIT;
}

int file_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			msg_error("%s: cannot create folder: %s", p, strerror(errno));
			rc = -1;
			break;
		}
		*s = saved;
		if (saved == '\0')
			break;
	}
	if (rc == 0 && !file_is_dir(path)) {
		msg_error("%s: exists and is not a folder", path);
		rc = -1;
	}
	free(p);
	return rc;
}

bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool file_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (remove(path) != 0) {
		msg_error("%s: cannot remove: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int file_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
