#ifndef GRILL_TRANSCRIPT_H
#define GRILL_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/error.h"
#include "grill/rubric.h"
#include "grill/strbuf.h"

/*
 * A session transcript (docs/transcript-format.md): what grill writes after
 * every turn and what `grill assess` reads. The loader also reads the
 * calibration format (id, turns, and labels it ignores) and a JSON array of
 * such transcripts. Plain data: every string is owned by the transcript and
 * freed by transcript_free.
 */

#define TRANSCRIPT_FORMAT 1
#define TRANSCRIPT_MAX_FILE_BYTES (16u * 1024u * 1024u)

typedef enum turn_kind {
	TURN_ANSWER,               /* a main question */
	TURN_PROBE,                /* a follow-up that digs into what was said */
	TURN_CHALLENGE,            /* the interviewer pushes back on a choice */
	TURN_CANDIDATE_QUESTIONS   /* the candidate's turn to ask */
} turn_kind;

typedef struct turn {
	turn_kind kind;
	char *question;       /* as asked */
	char *answer;         /* NULL while pending: asked, not yet answered */
	char *question_id;    /* bank question this turn belongs to, or NULL */
	char *node;           /* probe or challenge ref ("probe:ID", "tech:sqs/ID",
	                         "challenge:ID", "llm"), or NULL */
	char *reason;         /* why the engine chose this turn, or NULL */
	char *boundary;       /* "honest", "guess" or NULL: how the branch ended */
	int depth;            /* 0 for a main question, 1.. for follow-ups */
	bool skipped;         /* the candidate typed /skip */
	char *asked_at;       /* ISO 8601 UTC, or NULL */
	char *answered_at;
	double duration_s;    /* -1 when unknown */
	char **ticked;        /* pair mode: expected-point ids the interviewer ticked */
	size_t n_ticked;
	char *note;           /* pair mode: interviewer's note on the turn */
} turn;

typedef struct transcript_settings {
	char **banks;
	size_t n_banks;
	char **tags;
	size_t n_tags;
	char **claims;
	size_t n_claims;
	char *level;          /* NULL: any */
	int questions;        /* main questions asked for */
	int depth;            /* probe depth limit */
	unsigned long seed;
	bool has_seed;
	int minutes;          /* 0: no budget */
	bool coach;
	bool offline;
} transcript_settings;

/* One set of rubric scores: score[i] 1..5, 0 = null/skipped; present=false when absent. */
typedef struct score_set {
	bool present;
	int score[RUBRIC_DIMS];
	char *note[RUBRIC_DIMS];  /* may be NULL */
} score_set;

typedef struct transcript {
	char *path;           /* file it was loaded from or saved to, or NULL */
	char *id;
	char *kind;           /* "solo", "pair", "debrief", or "external" (calibration format) */
	char *status;         /* "in_progress" or "complete" */
	char *created;
	char *updated;
	char *grill_version;
	transcript_settings settings;
	char **plan;          /* main question ids, in order */
	size_t n_plan;
	turn *turns;
	size_t n_turns;
	score_set self;       /* the candidate's self-assessment */
	score_set interviewer;/* pair mode: the interviewer's scores */
	score_set scorer;     /* the offline scorer's scores, as saved */
	char *scorer_json;    /* the full scorer result as saved (raw JSON object), or NULL */
	char *llm_json;       /* second opinion (raw JSON object), or NULL */
	score_set llm;        /* its scores, read from llm_json */
	char *llm_source;     /* "MODEL (PROVIDER) at HOST", or NULL */
	char *meta_json;      /* debrief/pair details (raw JSON object), or NULL */
	char *extra_json;     /* unknown top-level keys, kept verbatim (raw JSON object), or NULL */
} transcript;

transcript *transcript_new(const char *kind);
void transcript_free(transcript *t);

/* Stores the language model's second opinion (raw JSON, see llm.h) and its scores. */
void transcript_set_llm_json(transcript *t, const char *json);

/* Appends a turn (strings copied) and returns it for the caller to fill further. */
turn *transcript_add_turn(transcript *t, turn_kind kind, const char *question);
void turn_set_answer(turn *tu, const char *answer);

/*
 * Loads FILE: a grill transcript, one calibration-format transcript, or a
 * JSON array of them. Returns the number loaded (>= 1) with *out an array of
 * that many transcripts (caller frees each and the array), or -1 with err
 * naming the file, the place (line:col or JSON path) and the cause.
 */
long transcript_load_all(const char *path, transcript ***out, grill_err *err);
/* Exactly one transcript; an array of several is an error. */
transcript *transcript_load(const char *path, grill_err *err);
/* The same from a buffer; name is used in messages. */
long transcript_parse_all(const char *name, const char *buf, size_t len, transcript ***out, grill_err *err);

/* The transcript as JSON in the documented format. */
void transcript_write_json(const transcript *t, strbuf *out);
/* {"accuracy": N|null, ...} for the six scores (score[i] 0 = null), or null when !present. */
void scores_write_json(strbuf *out, bool present, const int scores[RUBRIC_DIMS]);
/* Writes atomically to path (0600); the previous file survives a failure. */
int transcript_save(const transcript *t, const char *path, grill_err *err);

/*
 * When saving fails, writes the whole transcript to a new private (0600)
 * file in $TMPDIR (or /tmp), grill-rescue-ID.json or grill-rescue-ID-N.json,
 * never following a symlink or replacing a file, so nothing typed is lost;
 * returns that path (caller frees) or NULL when even that failed.
 */
char *transcript_rescue(const transcript *t);

const char *turn_kind_name(turn_kind k);
/* -1 when unknown */
int turn_kind_parse(const char *name);

/* Current UTC time as ISO 8601 ("2026-11-23T13:05:01Z"); caller frees. */
char *transcript_now(void);

#endif
