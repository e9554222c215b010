#ifndef GRILL_BANK_CACHE_H
#define GRILL_BANK_CACHE_H

/*
 * The compiled bank cache (internal to the bank loader): a bank that loaded
 * without problems is saved as one binary image, and read back from it as
 * long as the bank file and the grill binary are the ones it was made from.
 * Any doubt (another stamp, a bad checksum, a malformed image) is a miss:
 * the bank file is parsed again. Format and rules: docs/performance.md.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grill/bank.h"

/* What identifies one version of a file: a change to any field is a miss. */
typedef struct bank_stamp {
	uint64_t dev, ino, size, mtime_ns, ctime_ns;
} bank_stamp;

/* The stamp of the file at path; false when it cannot be stat'ed. */
bool bank_stamp_of(const char *path, bank_stamp *st);

/* The cache file for the bank at path, inside dir; caller frees. */
char *bank_cache_file(const char *dir, const char *path);

/* Memory shared by the cached banks of one set; freed with the set. */
typedef struct bank_mem bank_mem;
bank_mem *bank_mem_new(void);
void bank_mem_free(bank_mem *m);

/*
 * The bank saved for path with stamp st, or NULL on a miss. The bank, its
 * strings, arrays and patterns live in mem (b->image is where); only the
 * links bank_set_link adds are freed by bank_cache_release.
 */
bank *bank_cache_load(const char *dir, const char *path, const bank_stamp *st, bank_mem *mem);

/* Saves b (loaded from path with stamp st); failures are silent: the
 * cache only saves time. Returns 0 when written, -1 when not. */
int bank_cache_store(const char *dir, const char *path, const bank_stamp *st, const bank *b);

/* Frees what a bank read from the cache owns outside mem: its links. */
void bank_cache_release(bank *b);

/*
 * The payload decoder on its own, for the fuzz target and tests: reads a
 * bank from len bytes at buf (aligned to 8), with arena_len bytes of
 * arena for its arrays. The bank points into buf and arena. NULL when the
 * bytes are not a well-formed image.
 */
bank *bank_cache_decode(char *buf, size_t len, char *arena, size_t arena_len);

/* Encodes b as a payload into out; *arena_len gets the arena it needs. */
void bank_cache_encode(const bank *b, char **out, size_t *len, size_t *arena_len);

#endif
