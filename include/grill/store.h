#ifndef GRILL_STORE_H
#define GRILL_STORE_H

#include <stdbool.h>

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

#endif
