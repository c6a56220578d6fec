/*
 * A 64-bit fingerprint to tell whether bytes changed (rows of an import,
 * files of a site): FNV-1a's constants, taken eight bytes at a time so that
 * hashing a whole site costs little. Not for security.
 */
#ifndef MARQUEE_HASH_H
#define MARQUEE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define HASH_SEED 1469598103934665603ULL

/* Continues the hash h (start with HASH_SEED) over n bytes. */
static inline uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t word;
		memcpy(&word, p + i, 8);
		h = (h ^ word) * 1099511628211ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

#endif
