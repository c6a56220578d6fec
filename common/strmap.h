/*
 * A map from strings to pointers: open addressing with linear probing,
 * for the sets the site build looks things up in thousands of times
 * (output paths, folders made, the previous manifest). Keys are borrowed:
 * the caller keeps them alive and unchanged while they are in the map.
 * Not thread-safe; lookups alone may run in parallel.
 */
#ifndef MARQUEE_STRMAP_H
#define MARQUEE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	uint64_t hash;
	const char *key; /* borrowed; NULL: empty */
	void *value;
};

struct strmap {
	struct strmap_slot *slots; /* owned; cap entries, a power of two */
	size_t cap, n;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* The value stored for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* Stores value (not NULL) for key and returns the value it replaces, or NULL. */
void *strmap_put(struct strmap *m, const char *key, void *value);
void strmap_free(struct strmap *m);

#endif
