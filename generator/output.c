/* Writing the site: a fresh folder swapped in, or changed files renamed in. */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/fault.h"
#include "../common/fileio.h"
#include "../common/hash.h"
#include "../common/msg.h"
#include "../common/xalloc.h"

#define MANIFEST ".marquee-manifest"

struct entry {
	char *rel;       /* owned, unless borrowed */
	bool borrowed;   /* rel belongs to the previous manifest's entry */
	uint64_t hash;   /* of the content */
	size_t size;
	uint64_t key;    /* of the inputs that made it, 0 when not known */
};

struct pending {
	char *tmp;       /* owned; the temporary file */
	char *final;     /* owned; where it goes at the commit */
};

struct output {
	char *out_dir;          /* owned */
	char *root;             /* owned; where files are written: out_dir, or the new folder */
	bool fresh;             /* writing a new folder to swap in */
	bool trusted;           /* unchanged files need no existence check */
	bool committed;
	struct entry *old;      /* owned; the previous manifest, sorted by rel */
	size_t n_old;
	struct entry *made;     /* owned; this build's files, for the next manifest */
	size_t n_made, cap_made;
	struct pending *pending; /* owned; temporary files to rename at the commit */
	size_t n_pending, cap_pending;
	char **dirs;            /* owned; folders this build created in out_dir */
	size_t n_dirs, cap_dirs;
	size_t written, unchanged;
	pthread_mutex_t lock;
};

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->rel, ((const struct entry *)b)->rel);
}

/* Reads "HASH SIZE KEY PATH" lines; a missing or damaged manifest means none. */
static bool read_manifest(struct output *out)
{
	char *path = xasprintf("%s/" MANIFEST, out->out_dir);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return false;
	char line[4200];
	size_t cap = 0;
	bool ok = true;
	while (ok && fgets(line, sizeof line, f)) {
		char *nl = strchr(line, '\n');
		unsigned long long h, key;
		size_t size;
		int off = 0;
		if (!nl || sscanf(line, "%16llx %zu %16llx %n", &h, &size, &key, &off) != 3 || off == 0) {
			ok = false;
			break;
		}
		*nl = '\0';
		out->old = xgrow(out->old, &cap, out->n_old + 1, sizeof *out->old);
		out->old[out->n_old++] = (struct entry){ xstrdup(line + off), false, h, size, key };
	}
	fclose(f);
	if (!ok) {
		for (size_t i = 0; i < out->n_old; i++)
			free(out->old[i].rel);
		free(out->old);
		out->old = NULL;
		out->n_old = 0;
		return false;
	}
	if (out->n_old)
		qsort(out->old, out->n_old, sizeof *out->old, by_rel);
	return true;
}

struct output *output_open(const char *out_dir, bool fresh, bool trusted)
{
	struct output *out = xcalloc(1, sizeof *out);
	out->trusted = trusted;
	pthread_mutex_init(&out->lock, NULL);
	out->out_dir = xstrdup(out_dir);
	if (file_exists(out_dir) && !file_is_dir(out_dir)) {
		msg_error("%s: exists and is not a folder", out_dir);
		goto fail;
	}
	out->fresh = fresh || !file_is_dir(out_dir) || !read_manifest(out);
	if (!out->fresh) {
		out->root = xstrdup(out_dir);
		return out;
	}
	/* A new folder beside the output, swapped in at the commit. */
	char *copy = xstrdup(out_dir);
	char *slash = strrchr(copy, '/');
	const char *parent = ".", *base = copy;
	if (slash) {
		*slash = '\0';
		parent = slash == copy ? "/" : copy;
		base = slash + 1;
	}
	out->root = xasprintf("%s/.%s.new-XXXXXX", parent, base);
	int rc = 0;
	if (!file_is_dir(parent)) {
		msg_error("%s: the folder for the site does not exist", parent);
		rc = -1;
	} else if (!mkdtemp(out->root)) {
		msg_error("%s: cannot write the site here: %s", out_dir, strerror(errno));
		rc = -1;
	} else if (chmod(out->root, 0755) != 0) {
		msg_error("%s: %s", out->root, strerror(errno));
		rc = -1;
	}
	free(copy);
	if (rc == 0)
		return out;
	free(out->root);
	out->root = NULL;
fail:
	output_free(out);
	return NULL;
}

static const struct entry *old_entry(const struct output *out, const char *rel)
{
	struct entry key = { .rel = (char *)rel };
	return out->n_old ? bsearch(&key, out->old, out->n_old, sizeof *out->old, by_rel) : NULL;
}

/* Creates the folders of path below root, remembering new ones (lock held). */
static int make_dirs(struct output *out, const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash) {
		*slash = '\0';
		size_t root_len = strlen(out->root);
		for (char *s = dir + root_len + 1; rc == 0; s++) {
			if (*s != '/' && *s != '\0')
				continue;
			char saved = *s;
			*s = '\0';
			if (mkdir(dir, 0755) == 0) {
				if (!out->fresh) {
					out->dirs = xgrow(out->dirs, &out->cap_dirs, out->n_dirs + 1,
							  sizeof *out->dirs);
					out->dirs[out->n_dirs++] = xstrdup(dir);
				}
			} else if (errno != EEXIST) {
				msg_error("%s: cannot create folder: %s", dir, strerror(errno));
				rc = -1;
			} else if (!file_is_dir(dir)) {
				msg_error("%s: exists and is not a folder", dir);
				rc = -1;
			}
			*s = saved;
			if (saved == '\0')
				break;
		}
	}
	free(dir);
	return rc;
}

static int write_file(const char *path, const char *shown, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		msg_error("%s: cannot write: %s", shown, strerror(errno));
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = fault_hit("write") ? (errno = ENOSPC, -1) : write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			msg_error("%s: write failed: %s", shown, strerror(errno));
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	if (close(fd) != 0) {
		msg_error("%s: write failed: %s", shown, strerror(errno));
		return -1;
	}
	return 0;
}

bool output_unchanged(struct output *out, const char *rel, uint64_t key)
{
	if (out->fresh || key == 0)
		return false;
	const struct entry *old = old_entry(out, rel); /* old is read-only: no lock */
	if (!old || old->key != key)
		return false;
	if (!out->trusted) {
		char *final = xasprintf("%s/%s", out->root, rel);
		bool exists = file_exists(final);
		free(final);
		if (!exists)
			return false;
	}
	pthread_mutex_lock(&out->lock);
	out->made = xgrow(out->made, &out->cap_made, out->n_made + 1, sizeof *out->made);
	out->made[out->n_made++] = (struct entry){ old->rel, true, old->hash, old->size, key };
	out->unchanged++;
	pthread_mutex_unlock(&out->lock);
	return true;
}

int output_write(struct output *out, const char *rel, const char *data, size_t len, uint64_t key)
{
	uint64_t h = hash_bytes(HASH_SEED, data, len);
	char *final = xasprintf("%s/%s", out->root, rel);
	char *shown = xasprintf("%s/%s", out->out_dir, rel);
	char *tmp = NULL;
	int rc = -1;
	pthread_mutex_lock(&out->lock);
	const struct entry *old = out->fresh ? NULL : old_entry(out, rel);
	bool same = old && old->hash == h && old->size == len && file_exists(final);
	out->made = xgrow(out->made, &out->cap_made, out->n_made + 1, sizeof *out->made);
	out->made[out->n_made++] = (struct entry){ xstrdup(rel), false, h, len, key };
	if (same) {
		out->unchanged++;
		pthread_mutex_unlock(&out->lock);
		rc = 0;
		goto done;
	}
	rc = make_dirs(out, final);
	if (rc == 0 && !out->fresh) {
		/* Beside its target, hidden, renamed over it at the commit. */
		char *slash = strrchr(final, '/');
		tmp = xasprintf("%.*s/.%s.tmp-%ld", (int)(slash - final), final, slash + 1,
				(long)getpid());
		out->pending = xgrow(out->pending, &out->cap_pending, out->n_pending + 1,
				     sizeof *out->pending);
		out->pending[out->n_pending++] = (struct pending){ xstrdup(tmp), xstrdup(final) };
	}
	out->written++;
	pthread_mutex_unlock(&out->lock);
	if (rc == 0)
		rc = write_file(tmp ? tmp : final, shown, data, len);
done:
	free(tmp);
	free(final);
	free(shown);
	return rc;
}

static int write_manifest(struct output *out)
{
	if (out->n_made)
		qsort(out->made, out->n_made, sizeof *out->made, by_rel);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < out->n_made; i++)
		buf_printf(&b, "%016llx %zu %016llx %s\n", (unsigned long long)out->made[i].hash,
			   out->made[i].size, (unsigned long long)out->made[i].key, out->made[i].rel);
	/* A cache of what the site holds: replaced atomically, but not synced (a
	 * manifest lost in a crash only makes the next build a full one). */
	char *path = xasprintf("%s/" MANIFEST, out->out_dir);
	char *tmp = NULL;
	if (file_write_temp(path, buf_str(&b), b.len, false, &tmp) != 0 || rename(tmp, path) != 0) {
		if (tmp)
			unlink(tmp);
		unlink(path);
		msg_warn("%s: not recorded; the next build rewrites every file", path);
	}
	free(tmp);
	free(path);
	buf_free(&b);
	return 0;
}

/* Removes a stale file and the folders it leaves empty. */
static void remove_stale(const struct output *out, const char *rel)
{
	char *path = xasprintf("%s/%s", out->out_dir, rel);
	if (unlink(path) != 0 && errno != ENOENT)
		msg_warn("%s: cannot remove: %s", path, strerror(errno));
	size_t root_len = strlen(out->out_dir);
	for (char *slash; (slash = strrchr(path, '/')) && (size_t)(slash - path) > root_len;) {
		*slash = '\0';
		if (rmdir(path) != 0)
			break;
	}
	free(path);
}

int output_commit(struct output *out)
{
	if (out->fresh) {
		if (file_is_dir(out->out_dir)) {
			if (renameat2(AT_FDCWD, out->root, AT_FDCWD, out->out_dir, RENAME_EXCHANGE) != 0) {
				msg_error("%s: cannot replace the site: %s", out->out_dir, strerror(errno));
				return -1;
			}
			/* root now holds the previous site */
			file_remove_tree(out->root);
		} else if (rename(out->root, out->out_dir) != 0) {
			msg_error("%s: cannot create the site: %s", out->out_dir, strerror(errno));
			return -1;
		}
		out->committed = true;
		return write_manifest(out);
	}
	for (size_t i = 0; i < out->n_pending; i++) {
		if (rename(out->pending[i].tmp, out->pending[i].final) != 0) {
			msg_error("%s: cannot replace: %s", out->pending[i].final, strerror(errno));
			return -1;
		}
		free(out->pending[i].tmp);
		out->pending[i].tmp = NULL;
	}
	out->committed = true;
	if (out->n_made)
		qsort(out->made, out->n_made, sizeof *out->made, by_rel);
	for (size_t i = 0; i < out->n_old; i++) {
		struct entry key = { .rel = out->old[i].rel };
		if (!out->n_made || !bsearch(&key, out->made, out->n_made, sizeof *out->made, by_rel))
			remove_stale(out, out->old[i].rel);
	}
	return write_manifest(out);
}

void output_counts(const struct output *out, size_t *written, size_t *unchanged)
{
	*written = out->written;
	*unchanged = out->unchanged;
}

void output_free(struct output *out)
{
	if (!out)
		return;
	if (!out->committed) {
		if (out->fresh && out->root)
			file_remove_tree(out->root);
		for (size_t i = 0; i < out->n_pending; i++)
			if (out->pending[i].tmp)
				unlink(out->pending[i].tmp);
		for (size_t i = out->n_dirs; i-- > 0;)
			rmdir(out->dirs[i]);
	}
	for (size_t i = 0; i < out->n_pending; i++) {
		free(out->pending[i].tmp);
		free(out->pending[i].final);
	}
	for (size_t i = 0; i < out->n_old; i++)
		free(out->old[i].rel);
	for (size_t i = 0; i < out->n_made; i++)
		if (!out->made[i].borrowed)
			free(out->made[i].rel);
	for (size_t i = 0; i < out->n_dirs; i++)
		free(out->dirs[i]);
	free(out->pending);
	free(out->old);
	free(out->made);
	free(out->dirs);
	free(out->root);
	free(out->out_dir);
	pthread_mutex_destroy(&out->lock);
	free(out);
}
