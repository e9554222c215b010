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

/* A bank's keys for matching free text: n numbers (text_keys.h). */
typedef struct bank_keys {
	const uint64_t *keys;
	size_t n;
} bank_keys;

/*
 * What a set needs to know of a bank before reading all of it: its ids, and
 * the keys of its prompts and of its technology probes, so a free-text
 * question can be matched and an id found without decoding the bank.
 * Technology probes are listed tech by tech, each tech's tree in preorder;
 * tech i's are probes[tech_probes[i]] up to probes[tech_probes[i + 1]].
 */
typedef struct bank_index {
	char *id;
	size_t n_questions;
	char **question_ids;
	bank_keys *prompts;
	size_t n_techs;
	char **tech_ids;
	size_t *tech_probes;            /* n_techs + 1 entries */
	size_t n_probes;
	bank_keys *probes;
	/* internal: the encoded index and the arrays above */
	char *owned;
	char *arena;
} bank_index;

/* Encodes the index of b (computing its keys); *arena_len gets the memory
 * its arrays need when decoded. Caller frees *out. */
void bank_index_encode(const bank *b, char **out, size_t *len, size_t *arena_len);
/*
 * Reads an index from len bytes at buf (aligned to 8) into ix, with its
 * arrays in arena (arena_len bytes, aligned to 8); ix points into both.
 * False when the bytes are not a well-formed index.
 */
bool bank_index_decode(const char *buf, size_t len, char *arena, size_t arena_len, bank_index *ix);
/* The index of a bank in memory; free with bank_index_free. */
void bank_index_of(const bank *b, bank_index *ix);
void bank_index_free(bank_index *ix);

/*
 * One cache file: its index is read and checked when it is opened, its
 * payload only when bank_image_decode is called.
 */
typedef struct bank_image bank_image;

/* The image saved for path with stamp st, or NULL on a miss. */
bank_image *bank_image_open(const char *dir, const char *path, const bank_stamp *st);
const bank_index *bank_image_index(const bank_image *im);
/*
 * The bank, read from the payload into mem (b->image is where) with its
 * structs and arrays. NULL when the file no longer starts with the header
 * it had when opened, or the payload is damaged. Only the links
 * bank_set_link adds are freed by bank_cache_release.
 */
bank *bank_image_decode(bank_image *im, bank_mem *mem);
void bank_image_close(bank_image *im);

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
