#ifndef GRILL_STORE_H
#define GRILL_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/error.h"

/*
 * Where sessions live: one file per session, SESSIONS/<id>.json, with ids
 * that sort by time ("20261123-130501-4f2a"). Strings returned are new;
 * the caller frees them.
 */

/* A new id from the current time and a random suffix. */
char *store_new_id(void);

/* The file for id in the sessions folder (which need not exist). */
char *store_path_for(const char *id);

/*
 * Resolves what a user typed as SESSION: an existing file path, an id, a
 * unique id prefix, or "latest". NULL with err set ("no session matches
 * 'x'", "'2026' matches 3 sessions: ...") otherwise.
 */
char *store_resolve(const char *ref, grill_err *err);

/*
 * The newest session whose status is "in_progress" (optionally of kind),
 * skipping files that cannot be read. NULL with err set when there is none.
 */
char *store_latest_unfinished(const char *kind, grill_err *err);

/* An id that is a plain file name: letters, digits, '-', '_', '.'; not starting with '.'. */
bool store_valid_id(const char *id);

/*
 * Writes data to path, which must not exist: nothing is ever overwritten.
 * The bytes go to a temporary file in the same folder first (fsync) and are
 * linked into place, so a reader never sees half a file. 0, or -1 with err
 * set ("PATH: exists already; nothing was overwritten").
 */
int store_write_new(const char *path, const char *data, size_t len, grill_err *err);

struct transcript;

/*
 * Gives t a new id and path and writes it as a new file with
 * store_write_new, which never replaces one: two grill processes starting
 * in the same second with the same random suffix cannot write into one
 * session; the second sees the file and picks another id. 0, or -1 with err
 * set when the sessions folder cannot be written.
 */
int store_claim_new(struct transcript *t, grill_err *err);

/*
 * Copies a transcript file into the sessions folder as <id>.json, byte for
 * byte, after checking that it loads and that its id is a plain file name
 * (letters, digits, '-', '_', '.'). Refuses an id already in the folder.
 * *id gets the id (caller frees). 0, or -1 with err set.
 */
int store_import(const char *src, char **id, grill_err *err);

#endif
