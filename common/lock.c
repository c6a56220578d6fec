/* Lock files held with flock (lock.h). */
#define _GNU_SOURCE
#include "common/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"

struct lock {
	int fd;
};

struct lock *lock_take(const char *path, const char *what)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		msg_error("%s: %s: %s", what, path, strerror(errno));
		return NULL;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int err = errno;
		char holder[128] = "";
		ssize_t n = err == EWOULDBLOCK ? pread(fd, holder, sizeof holder - 1, 0) : -1;
		holder[n > 0 ? n : 0] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
		if (err == EWOULDBLOCK)
			msg_error("%s: another run holds %s (%s); wait for it to end", what, path,
				  *holder ? holder : "a process");
		else
			msg_error("%s: %s: %s", what, path, strerror(err));
		close(fd);
		return NULL;
	}
	char now[21], text[96];
	date_now_iso(now);
	int len = snprintf(text, sizeof text, "process %ld, since %s\n", (long)getpid(), now);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, text, (size_t)len, 0) != len)
		msg_verbose("%s: cannot note the holder in %s: %s", what, path, strerror(errno));
	struct lock *lock = xmalloc(sizeof *lock);
	lock->fd = fd;
	return lock;
}

void lock_release(struct lock *lock)
{
	if (!lock)
		return;
	close(lock->fd); /* closing the last descriptor releases the flock */
	free(lock);
}
