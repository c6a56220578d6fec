/* String-keyed map: open addressing, linear probing, grown at half full. */
#include "common/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "common/xalloc.h"

static uint64_t key_hash(const char *key)
{
	uint64_t h = hash_bytes(HASH_SEED, key, strlen(key));
	return h ^ (h >> 32);
}

static struct strmap_slot *find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->n)
		return NULL;
	struct strmap_slot *s = find(m, key, key_hash(key));
	return s->key ? s->value : NULL;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	uint64_t h = key_hash(key);
	struct strmap_slot *s = find(m, key, h);
	void *previous = s->key ? s->value : NULL;
	if (!s->key)
		m->n++;
	*s = (struct strmap_slot){ h, key, value };
	return previous;
}

void strmap_free(struct strmap *m)
{
	free(m->slots);
	*m = (struct strmap)STRMAP_INIT;
}
