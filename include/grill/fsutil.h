#ifndef GRILL_FSUTIL_H
#define GRILL_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "grill/error.h"

/*
 * Reads a whole file into a new NUL-terminated buffer (caller frees *out).
 * A file larger than max bytes is refused with its size in the message.
 * Returns 0, or -1 with err set ("FILE: cause").
 */
int fs_read_file(const char *path, size_t max, char **out, size_t *len, grill_err *err);

/*
 * Replaces path with data so that a reader sees either the old file or the
 * new one, never a mix: a temporary file in the same folder, fsync, rename,
 * fsync of the folder. The old file survives any failure. mode applies to a
 * new file. Returns 0, or -1 with err set.
 */
int fs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, grill_err *err);

/*
 * The same without the fsyncs, for files that can be rebuilt (caches):
 * readers still see the old file or the new one, but after a crash the
 * new one may be incomplete, so readers must check what they read.
 */
int fs_write_replace(const char *path, const char *data, size_t len, mode_t mode, grill_err *err);
/* mkdir -p with mode for the folders it creates. Returns 0 or -1 with err set. */
int fs_mkdir_p(const char *path, mode_t mode, grill_err *err);

bool fs_is_dir(const char *path);
bool fs_is_file(const char *path);

/* "dir/name", without doubling a slash; caller frees. */
char *fs_join(const char *dir, const char *name);

/*
 * The regular files in dir whose names end in suffix, sorted by name, as
 * full paths (caller frees each and the array). Returns the count, or -1
 * with err set when dir cannot be read.
 */
long fs_list(const char *dir, const char *suffix, char ***out, grill_err *err);
void fs_list_free(char **list, long n);

#endif
