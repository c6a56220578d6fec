/*
 * A lock file that keeps two runs of a job apart (the weekly job started by
 * cron while the last one still runs). The lock is the kernel's (flock), so
 * it is released when the process ends, even by kill -9; the file keeps the
 * holder's pid and start time for the message the second run prints.
 */
#ifndef MARQUEE_LOCK_H
#define MARQUEE_LOCK_H

struct lock;

/*
 * Takes the lock at path (creating the file) without waiting. NULL after
 * reporting "what: PATH is held by process PID since TIME" or an I/O error.
 */
struct lock *lock_take(const char *path, const char *what);
/* Releases and frees; NULL does nothing. */
void lock_release(struct lock *lock);

#endif
