/*
 * The output folder of a build (the only file that writes into site/).
 *
 * A first build writes everything into a hidden folder beside the output and
 * swaps it into place. Later builds update in place, writing only the files
 * whose content changed: a manifest (site/.marquee-manifest) keeps the hash
 * of every file the last build wrote. Either way nothing touches the live
 * site until the whole build has succeeded: changed files are first written
 * into a hidden staging folder in the site (.marquee-staging-PID), and
 * renamed over their targets only at the commit (their folders made then);
 * a failure removes the staging folder and leaves the site as it was. Files
 * the new build no longer makes are removed at the commit. What builds
 * killed before their end left (staging folders, new folders beside the
 * site) is removed by the next one once their process is gone.
 * The renames are journalled in the manifest (each file about to change is
 * first marked as holding anything), so that a commit cut short is repaired
 * by the next build; and a file the manifest is trusted for is checked to be
 * a regular file of the recorded size.
 */
#ifndef MARQUEE_OUTPUT_H
#define MARQUEE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct output;

/*
 * Prepares to write the site at out_dir (its parent folder must exist).
 * fresh forces a full rebuild into a new folder. trusted: the site is known
 * to be as the manifest says (serve wrote it moments ago), so unchanged
 * files are not checked for existence. NULL after reporting.
 */
struct output *output_open(const char *out_dir, bool fresh, bool trusted);
/*
 * Writes data at rel ("films/a/index.html"), or nothing when the site
 * already holds exactly that. key fingerprints every input the file was made
 * from (0: not known), so that a later build can skip making it at all.
 * Thread-safe. 0, or -1 after reporting.
 */
int output_write(struct output *out, const char *rel, const char *data, size_t len, uint64_t key);
/*
 * True when the site holds rel as made from inputs with this key by the last
 * build: the caller need not make it again, and it counts as written.
 * Thread-safe.
 */
bool output_unchanged(struct output *out, const char *rel, uint64_t key);
/* Makes every write visible and removes stale files. 0, or -1 after
 * reporting: then the site may be part old, part new, and its manifest says
 * which files the next build must make again. */
int output_commit(struct output *out);
/* Undoes every write (when not committed) and frees. NULL does nothing. */
void output_free(struct output *out);
/*
 * Removes the folders named PREFIX... in dir that processes which did not
 * end left: the process id that follows PREFIX is gone (or is this one), or,
 * when by_age, the folder has not changed for an hour (a build lasts
 * minutes; a serve may run for days, and its folder need not change). Only
 * this user's folders, never links. output_open does it for builds; serve
 * for its previews.
 */
void output_sweep(const char *dir, const char *prefix, bool by_age);
/* Files written, and left as they were, so far. */
void output_counts(const struct output *out, size_t *written, size_t *unchanged);

#endif
