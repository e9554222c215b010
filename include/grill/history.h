#ifndef GRILL_HISTORY_H
#define GRILL_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "grill/error.h"
#include "grill/rubric.h"

/*
 * Every session and debrief in the sessions folder, summarised: what
 * `grill history`, `grill stats` and question selection need, without the
 * turns. Files that are not grill sessions (corrupt, truncated, another
 * program's JSON, a calibration file) are listed as skipped with the reason;
 * they are read, never written, moved or deleted.
 *
 * Loading 5,000 full transcripts on every call would be slow, so the
 * summaries are kept in a cache file (HOME/history.cache) keyed by
 * each session file's name, inode, size and modification time. An entry
 * whose file changed is rebuilt from the file; a cache that is missing,
 * unreadable or from another format is rebuilt whole. The cache is written
 * atomically (temporary file and rename), so two grill processes updating it
 * at once leave one complete cache or the other; whichever loses the race
 * only costs a rebuild later. It is never the source of truth: deleting it
 * loses nothing.
 *
 * Plain read-only data owned by the history; the data layer never prints.
 */

/* One main question of a session, as spaced repetition sees it. Its strings are shared by every session that asked the question. */
typedef struct history_question {
	char *id;            /* bank question id */
	char *bank;          /* bank id when it was known at indexing, else NULL */
	char **tags;         /* the question's tags when known at indexing */
	size_t n_tags;
	int quality;         /* 0..5: how well it went (docs/selection.md); -1 = no evidence */
	int red_flags;       /* red flags hit on this question's turns */
} history_question;

typedef struct history_entry {
	char *file;          /* file name in the sessions folder */
	char *path;          /* full path */
	char *id;            /* the transcript's id, else the file name without .json */
	char *kind;          /* "solo", "pair" or "debrief" */
	char *status;        /* "in_progress" or "complete" */
	char *created;       /* ISO 8601 UTC as saved ("" when absent) */
	time_t when;         /* created as seconds since the epoch (0 when unparsable) */
	char **banks;        /* the banks asked for, else those of the questions asked */
	size_t n_banks;
	history_question *questions;  /* main questions asked, in order */
	size_t n_questions;
	bool has_self, has_scorer, has_interviewer;
	int self[RUBRIC_DIMS];        /* 1..5, 0 = skipped or absent */
	int scorer[RUBRIC_DIMS];
	int interviewer[RUBRIC_DIMS];
	char **flags;        /* the claims of the red flags hit */
	size_t n_flags;
	char *company, *role, *date, *round;  /* a debrief's details, or NULL */
} history_entry;

typedef struct history_skip {
	char *file;
	char *path;
	char *reason;        /* why it is not a session: the loader's message, or "not a .json file" */
} history_skip;

/*
 * Bank id and tags of a question id, for sessions being indexed (not for
 * those already in the cache): strings stay owned by the callee. false when
 * the question is unknown. lookup may be NULL: then only the banks asked
 * for are recorded.
 */
typedef struct history_lookup {
	bool (*question)(void *ctx, const char *question_id, const char **bank, char *const **tags, size_t *n_tags);
	void *ctx;
} history_lookup;

typedef struct history history;

/*
 * Reads sessions_dir with the cache at cache_path (NULL: no cache). A
 * folder that does not exist is an empty history. NULL with err set when
 * the folder cannot be read. Entries are sorted newest first (created, then
 * id). Caller frees with history_free.
 */
history *history_load(const char *sessions_dir, const char *cache_path, const history_lookup *lookup, grill_err *err);
/* The same for the user's sessions folder and cache (paths.h). */
history *history_load_default(const history_lookup *lookup, grill_err *err);
void history_free(history *h);

size_t history_count(const history *h);
const history_entry *history_get(const history *h, size_t i);
size_t history_skipped_count(const history *h);
const history_skip *history_skipped(const history *h, size_t i);
/* How many files were read in full (not taken from the cache) by this load. */
size_t history_files_parsed(const history *h);
/* The cache file could not be written (the history itself is fine); NULL when it could. */
const char *history_cache_problem(const history *h);

/* The cache file for the user's data folder; caller frees. */
char *history_cache_path(void);

typedef struct history_filter {
	const char *kind;    /* NULL: any */
	const char *bank;    /* NULL: any */
	const char *since;   /* "YYYY-MM-DD", inclusive, NULL: no bound (UTC dates) */
	const char *until;
} history_filter;

bool history_entry_matches(const history_entry *e, const history_filter *f);

/* True when s is a calendar date written YYYY-MM-DD. */
bool history_valid_date(const char *s);

/* Seconds since the epoch of an ISO 8601 UTC time ("2026-11-23T13:05:01Z" or a date); -1 when not one. */
long long history_parse_time(const char *iso);

#endif
