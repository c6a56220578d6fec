/* Writing the site: a fresh folder swapped in, or changed files renamed in. */
#define _GNU_SOURCE
#include "generator/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/fault.h"
#include "common/fileio.h"
#include "common/hash.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"

#define MANIFEST ".marquee-manifest"
/* A build's temporary files, in the site: STAGING and its process id. */
#define STAGING ".marquee-staging-"
/* A leftover whose process may still run is taken for dead after this long
 * unchanged (seconds): a build takes seconds. */
#define LEFTOVER_AGE 3600

struct entry {
	char *rel;       /* owned, unless borrowed */
	bool borrowed;   /* rel belongs to the previous manifest's entry */
	uint64_t hash;   /* of the content */
	size_t size;
	uint64_t key;    /* of the inputs that made it, 0 when not known */
	bool kept;       /* (previous manifest) this build makes it too: not stale */
	bool dirty;      /* (previous manifest) a commit that was replacing it was
			  * cut short: the file may hold anything, or be missing */
};

struct pending {
	char *tmp;       /* owned; the temporary file, in the staging folder */
	char *final;     /* owned; where it goes at the commit */
	const char *rel; /* borrowed from final: the path inside the site */
};

struct output {
	char *out_dir;          /* owned */
	char *root;             /* owned; where files are written: out_dir, or the new folder */
	char *staging;          /* owned; updating in place: the folder in out_dir holding the
				 * changed files until the commit (made when first needed) */
	unsigned long n_staged; /* names given in staging */
	bool fresh;             /* writing a new folder to swap in */
	bool trusted;           /* unchanged files need no existence check */
	bool committed;
	struct entry *old;      /* owned; the previous manifest */
	size_t n_old;
	struct strmap old_index; /* rel -> its entry in old */
	struct entry *made;     /* owned; this build's files, for the next manifest */
	size_t n_made, cap_made;
	struct strmap made_index; /* the rels in made: each file is made once */
	struct pending *pending; /* owned; temporary files to rename at the commit */
	size_t n_pending, cap_pending;
	char **dirs;            /* owned; folders this build created in out_dir */
	size_t n_dirs, cap_dirs;
	struct strmap known_dirs; /* folders known to exist (keys owned) */
	size_t written, unchanged;
	pthread_mutex_t lock;
};

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->rel, ((const struct entry *)b)->rel);
}

/* Sixteen hex digits into *v, advancing *s; false when they are not there. */
static bool parse_hex16(const char **s, uint64_t *v)
{
	uint64_t x = 0;
	for (int i = 0; i < 16; i++) {
		char c = (*s)[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return false;
		x = x << 4 | (uint64_t)d;
	}
	*s += 16;
	*v = x;
	return true;
}

/*
 * Whether rel, read from a manifest, is a path the build could have made:
 * relative, inside the site, without control characters. The manifest
 * names the files a build removes: one naming "../x" must not be trusted.
 */
static bool path_inside(const char *rel, const char *end)
{
	if (rel == end || *rel == '/')
		return false;
	for (const char *s = rel; s < end;) {
		const char *slash = memchr(s, '/', (size_t)(end - s));
		size_t len = slash ? (size_t)(slash - s) : (size_t)(end - s);
		if (len == 0 || (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return false;
		s += len + (slash ? 1 : 0);
		if (slash && s == end)
			return false;
	}
	return true;
}

/*
 * One "HASH SIZE KEY PATH" line (without its newline) into e. SIZE is "-"
 * in the entry of a file a commit was replacing when it was cut short (see
 * output_commit).
 */
static bool parse_line(const char *s, const char *end, struct entry *e)
{
	uint64_t size = 0;
	if (!parse_hex16(&s, &e->hash) || *s++ != ' ')
		return false;
	if (*s == '-') {
		e->dirty = true;
		s++;
	} else if (*s < '0' || *s > '9') {
		return false;
	}
	while (*s >= '0' && *s <= '9' && size < (1ULL << 50))
		size = size * 10 + (uint64_t)(*s++ - '0');
	if (*s++ != ' ' || !parse_hex16(&s, &e->key) || *s++ != ' ' || !path_inside(s, end))
		return false;
	e->size = (size_t)size;
	e->rel = xstrndup(s, (size_t)(end - s));
	return true;
}

/* Reads the previous manifest; a missing or damaged one means none. */
static bool read_manifest(struct output *out)
{
	char *path = xasprintf("%s/" MANIFEST, out->out_dir);
	size_t len = 0;
	char *text = NULL;
	if (file_exists(path)) {
		text = file_read_all(path, &len);
	}
	free(path);
	if (!text)
		return false;
	size_t cap = 0;
	bool ok = len > 0; /* a site has files: an empty manifest was cut short */
	for (const char *s = text, *end = text + len; ok && s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		struct entry e = { 0 };
		ok = nl && parse_line(s, nl, &e);
		if (ok) {
			out->old = xgrow(out->old, &cap, out->n_old + 1, sizeof *out->old);
			out->old[out->n_old++] = e;
			s = nl + 1;
		}
	}
	free(text);
	for (size_t i = 0; ok && i < out->n_old; i++)
		ok = strmap_put(&out->old_index, out->old[i].rel, &out->old[i]) == NULL;
	if (!ok) {
		for (size_t i = 0; i < out->n_old; i++)
			free(out->old[i].rel);
		free(out->old);
		out->old = NULL;
		out->n_old = 0;
		strmap_free(&out->old_index);
		return false;
	}
	return true;
}

/*
 * Whether what a process left at path (a folder; the process id at the start
 * of suffix, if any) belongs to a process that is over: it is gone, or is
 * this one (a process of the same id ran before, in a container), or, when
 * by_age, the folder has not changed for LEFTOVER_AGE. Links and other
 * users' folders are never taken for leftovers.
 */
static bool leftover_dead(const char *path, const char *suffix, bool by_age)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
		return false;
	char *end;
	long pid = strtol(suffix, &end, 10);
	bool known = end > suffix && (*end == '\0' || *end == '-') && pid > 0;
	if (known && (pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)))
		return true;
	return by_age && time(NULL) - st.st_mtime > LEFTOVER_AGE;
}

void output_sweep(const char *dir, const char *prefix, bool by_age)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t len = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, len) != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		if (leftover_dead(path, e->d_name + len, by_age)) {
			msg_verbose("%s: removed, left by a process that did not end", path);
			file_remove_tree(path);
		}
		free(path);
	}
	closedir(d);
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
	char *copy = xstrdup(out_dir);
	char *slash = strrchr(copy, '/');
	const char *parent = ".", *base = copy;
	if (slash) {
		*slash = '\0';
		parent = slash == copy ? "/" : copy;
		base = slash + 1;
	}
	/* what builds killed before their end left: new folders beside the
	 * site, staging folders in it */
	char *prefix = xasprintf(".%s.new-", base);
	output_sweep(parent, prefix, true);
	free(prefix);
	output_sweep(out_dir, STAGING, true);
	out->fresh = fresh || !file_is_dir(out_dir) || !read_manifest(out);
	if (!out->fresh) {
		free(copy);
		out->root = xstrdup(out_dir);
		return out;
	}
	/* A new folder beside the output, swapped in at the commit. */
	out->root = xasprintf("%s/.%s.new-%ld-XXXXXX", parent, base, (long)getpid());
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

static struct entry *old_entry(const struct output *out, const char *rel)
{
	return strmap_get(&out->old_index, rel);
}

/* Whether the folder is known to exist (takes the lock). */
static bool dir_known(struct output *out, const char *dir)
{
	pthread_mutex_lock(&out->lock);
	bool known = strmap_get(&out->known_dirs, dir) != NULL;
	pthread_mutex_unlock(&out->lock);
	return known;
}

/* The folder exists now; created says this build made it, so that a failed
 * build removes it (only the thread whose mkdir succeeded says so). Takes
 * the lock. */
static void dir_record(struct output *out, const char *dir, bool created)
{
	pthread_mutex_lock(&out->lock);
	if (!strmap_get(&out->known_dirs, dir)) {
		char *copy = xstrdup(dir);
		strmap_put(&out->known_dirs, copy, copy);
	}
	if (created && !out->fresh) {
		out->dirs = xgrow(out->dirs, &out->cap_dirs, out->n_dirs + 1, sizeof *out->dirs);
		out->dirs[out->n_dirs++] = xstrdup(dir);
	}
	pthread_mutex_unlock(&out->lock);
}

/*
 * Creates the folders of path below root. Each folder is made or checked
 * once per build: a site of 10,000 pages in one section asks for the
 * section's folder 10,000 times.
 */
static int make_dirs(struct output *out, const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (!slash || (*slash = '\0', dir_known(out, dir))) {
		free(dir);
		return 0;
	}
	size_t root_len = strlen(out->root);
	for (char *s = dir + root_len + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		if (saved == '\0' || !dir_known(out, dir)) {
			if (mkdir(dir, 0755) == 0) {
				dir_record(out, dir, true);
			} else if (errno != EEXIST) {
				msg_error("%s: cannot create folder: %s", dir, strerror(errno));
				rc = -1;
			} else if (!file_is_dir(dir)) {
				msg_error("%s: exists and is not a folder", dir);
				rc = -1;
			} else {
				dir_record(out, dir, false);
			}
		}
		*s = saved;
		if (saved == '\0')
			break;
	}
	free(dir);
	return rc;
}

/*
 * A new name in the staging folder (made on the first call), owned by the
 * caller; NULL after reporting. Called with the lock held.
 */
static char *stage_name(struct output *out)
{
	if (!out->staging) {
		char *dir = xasprintf("%s/" STAGING "%ld", out->out_dir, (long)getpid());
		if (mkdir(dir, 0755) != 0) {
			msg_error("%s: cannot create folder: %s", dir, strerror(errno));
			free(dir);
			return NULL;
		}
		out->staging = dir;
	}
	return xasprintf("%s/%lu", out->staging, out->n_staged++);
}

static int write_file(const char *path, const char *shown, const char *data, size_t len,
		      bool sync)
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
	if (sync && fsync(fd) != 0 && errno != EINVAL) {
		msg_error("%s: fsync failed: %s", shown, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		msg_error("%s: write failed: %s", shown, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Whether the site's file at path is still what the manifest's entry says,
 * as far as a stat tells: a regular file (not a link put there) of its
 * size. What the build trusts the manifest for, it checks this far.
 */
static bool as_recorded(const struct output *out, const char *path, const struct entry *e)
{
	if (e->dirty)
		return false;
	if (out->trusted)
		return true;
	struct stat st;
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == e->size;
}

bool output_unchanged(struct output *out, const char *rel, uint64_t key)
{
	if (out->fresh || key == 0)
		return false;
	struct entry *old = old_entry(out, rel); /* the index is read-only: no lock */
	if (!old || old->dirty || old->key != key)
		return false;
	char *final = xasprintf("%s/%s", out->root, rel);
	bool recorded = as_recorded(out, final, old);
	free(final);
	if (!recorded)
		return false;
	pthread_mutex_lock(&out->lock);
	bool twice = strmap_get(&out->made_index, rel) != NULL;
	if (!twice) { /* (made twice: output_write says so) */
		out->made = xgrow(out->made, &out->cap_made, out->n_made + 1, sizeof *out->made);
		out->made[out->n_made++] = (struct entry){ .rel = old->rel, .borrowed = true, .hash = old->hash,
							   .size = old->size, .key = key };
		strmap_put(&out->made_index, old->rel, old);
		old->kept = true;
		out->unchanged++;
	}
	pthread_mutex_unlock(&out->lock);
	return !twice;
}

int output_write(struct output *out, const char *rel, const char *data, size_t len, uint64_t key)
{
	uint64_t h = hash_bytes(HASH_SEED, data, len);
	char *final = xasprintf("%s/%s", out->root, rel);
	char *shown = xasprintf("%s/%s", out->out_dir, rel);
	char *tmp = NULL;
	int rc = -1;
	struct entry *old = out->fresh ? NULL : old_entry(out, rel);
	bool same = old && old->hash == h && old->size == len && as_recorded(out, final, old);
	pthread_mutex_lock(&out->lock);
	if (strmap_get(&out->made_index, rel)) {
		/* validation claims every path; this is the net under it */
		pthread_mutex_unlock(&out->lock);
		msg_error("%s: made twice in one build", shown);
		goto done;
	}
	out->made = xgrow(out->made, &out->cap_made, out->n_made + 1, sizeof *out->made);
	out->made[out->n_made++] = (struct entry){ .rel = xstrdup(rel), .hash = h, .size = len, .key = key };
	strmap_put(&out->made_index, out->made[out->n_made - 1].rel, out);
	if (old)
		old->kept = true;
	if (same) {
		out->unchanged++;
		pthread_mutex_unlock(&out->lock);
		rc = 0;
		goto done;
	}
	pthread_mutex_unlock(&out->lock);
	if (out->fresh) {
		rc = make_dirs(out, final);
	} else {
		/* In the staging folder, renamed over its target at the commit. */
		pthread_mutex_lock(&out->lock);
		tmp = stage_name(out);
		if (tmp) {
			out->pending = xgrow(out->pending, &out->cap_pending, out->n_pending + 1,
					     sizeof *out->pending);
			char *pending_final = xstrdup(final);
			out->pending[out->n_pending++] = (struct pending){
				xstrdup(tmp), pending_final, pending_final + strlen(out->root) + 1
			};
		}
		pthread_mutex_unlock(&out->lock);
		rc = tmp ? 0 : -1;
	}
	pthread_mutex_lock(&out->lock);
	out->written++;
	pthread_mutex_unlock(&out->lock);
	if (rc == 0)
		rc = write_file(tmp ? tmp : final, shown, data, len, false);
done:
	free(tmp);
	free(final);
	free(shown);
	return rc;
}

static void put_hex16(struct buf *b, uint64_t v)
{
	char s[16];
	for (int i = 15; i >= 0; i--, v >>= 4)
		s[i] = "0123456789abcdef"[v & 15];
	buf_append(b, s, 16);
}

/* An entry's line; dirty, it says that the file may hold anything. */
static void put_entry(struct buf *b, const struct entry *e, bool dirty)
{
	char digits[24];
	int n = 0;
	size_t size = e->size;
	do
		digits[sizeof digits - 1 - n++] = (char)('0' + size % 10);
	while ((size /= 10) > 0);
	put_hex16(b, dirty ? 0 : e->hash);
	buf_putc(b, ' ');
	if (dirty)
		buf_putc(b, '-');
	else
		buf_append(b, digits + sizeof digits - n, (size_t)n);
	buf_putc(b, ' ');
	put_hex16(b, dirty ? 0 : e->key);
	buf_putc(b, ' ');
	buf_puts(b, e->rel);
	buf_putc(b, '\n');
}

/*
 * Replaces the manifest in dir (out_dir, or the new folder) with the text
 * in b, through a temporary file (in the staging folder when updating in
 * place) and a rename; synced to disk when sync. 0, or -1 after reporting.
 */
static int put_manifest(struct output *out, const char *dir, const struct buf *b, bool sync)
{
	char *path = xasprintf("%s/" MANIFEST, dir);
	char *tmp;
	if (out->fresh) {
		tmp = xasprintf("%s/" MANIFEST ".new", dir);
	} else {
		pthread_mutex_lock(&out->lock);
		tmp = stage_name(out);
		pthread_mutex_unlock(&out->lock);
	}
	int rc = tmp ? write_file(tmp, path, buf_str(b), b->len, sync) : -1;
	if (rc == 0 && rename(tmp, path) != 0) {
		msg_error("%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc != 0 && tmp)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

/* The manifest of the site at dir (out_dir, or the fresh folder before it
 * is swapped in): what this build made. */
static int write_manifest(struct output *out, const char *dir)
{
	/* sorted, so that the manifest too is the same from one build to the next */
	bool sorted = true;
	for (size_t i = 1; sorted && i < out->n_made; i++)
		sorted = strcmp(out->made[i - 1].rel, out->made[i].rel) < 0;
	if (!sorted)
		qsort(out->made, out->n_made, sizeof *out->made, by_rel);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < out->n_made; i++)
		put_entry(&b, &out->made[i], false);
	/* A cache of what the site holds: replaced atomically, but not synced (a
	 * manifest lost in a crash only makes the next build a full one). */
	if (put_manifest(out, dir, &b, false) != 0) {
		char *path = xasprintf("%s/" MANIFEST, dir);
		unlink(path);
		msg_warn("%s: not recorded; the next build rewrites every file", path);
		free(path);
	}
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

/*
 * Before the renames: the manifest says that every file about to be
 * replaced or added may hold anything, synced to disk, so that a commit cut
 * short (a kill, a file that cannot be replaced) leaves a site whose next
 * build remakes those files, or removes them, instead of trusting entries
 * that no longer describe them. The other entries stand as they were. When
 * this cannot be written, the manifest goes: the next build is a full one.
 */
static int write_journal(struct output *out)
{
	struct strmap replaced = STRMAP_INIT;
	for (size_t i = 0; i < out->n_pending; i++)
		strmap_put(&replaced, out->pending[i].rel, &out->pending[i]);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < out->n_old; i++)
		put_entry(&b, &out->old[i], out->old[i].dirty || strmap_get(&replaced, out->old[i].rel));
	for (size_t i = 0; i < out->n_pending; i++)
		if (!old_entry(out, out->pending[i].rel))
			put_entry(&b, &(struct entry){ .rel = (char *)out->pending[i].rel }, true);
	strmap_free(&replaced);
	int rc = 0;
	if (put_manifest(out, out->out_dir, &b, true) != 0) {
		char *path = xasprintf("%s/" MANIFEST, out->out_dir);
		if (unlink(path) != 0 && errno != ENOENT) {
			msg_error("%s: cannot be updated or removed: %s", path, strerror(errno));
			rc = -1;
		}
		free(path);
	}
	buf_free(&b);
	return rc;
}

int output_commit(struct output *out)
{
	if (out->fresh) {
		/* the manifest goes in with the site, in the same swap */
		write_manifest(out, out->root);
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
		return 0;
	}
	bool stale = false;
	for (size_t i = 0; i < out->n_old && !stale; i++)
		stale = !out->old[i].kept;
	if ((out->n_pending || stale) && write_journal(out) != 0)
		return -1;
	for (size_t i = 0; i < out->n_pending; i++) {
		/* the folders too are made only now: a build that fails before
		 * leaves not even an empty folder in the site */
		if (make_dirs(out, out->pending[i].final) != 0)
			return -1;
		if (fault_hit("rename") ? (errno = EPERM, -1)
					: rename(out->pending[i].tmp, out->pending[i].final) != 0) {
			msg_error("%s: cannot replace: %s", out->pending[i].final, strerror(errno));
			return -1;
		}
		free(out->pending[i].tmp);
		out->pending[i].tmp = NULL;
	}
	out->committed = true;
	for (size_t i = 0; i < out->n_old; i++)
		if (!out->old[i].kept)
			remove_stale(out, out->old[i].rel);
	write_manifest(out, out->out_dir);
	if (out->staging && file_remove_tree(out->staging) == 0) {
		free(out->staging);
		out->staging = NULL;
	}
	return 0;
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
		for (size_t i = out->n_dirs; i-- > 0;)
			rmdir(out->dirs[i]);
	}
	if (out->staging)
		file_remove_tree(out->staging);
	free(out->staging);
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
	for (size_t i = 0; i < out->known_dirs.cap; i++)
		free((char *)out->known_dirs.slots[i].key);
	strmap_free(&out->known_dirs);
	strmap_free(&out->old_index);
	strmap_free(&out->made_index);
	free(out->pending);
	free(out->old);
	free(out->made);
	free(out->dirs);
	free(out->root);
	free(out->out_dir);
	pthread_mutex_destroy(&out->lock);
	free(out);
}
