#ifndef GRILL_PAIR_H
#define GRILL_PAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/bank.h"
#include "grill/error.h"
#include "grill/transcript.h"

/*
 * A pair session: a friend plays the interviewer and decides every move;
 * the engine records them in a transcript of kind "pair" and saves it
 * before each call returns. It never prints.
 *
 * The last turn is open (being asked) until the interviewer moves on: its
 * "answer" holds the words the interviewer typed as the candidate said them
 * (lines, NULL until the first), "ticked" the expected points heard, "note"
 * the interviewer's notes; answered_at and duration_s are set when it
 * closes. When every turn is closed the interview is over and the scores
 * follow: the interviewer's first, then the candidate's own. The phase is
 * read from the transcript alone, so a resumed session continues exactly
 * where it stopped.
 *
 * meta: {"candidate": NAME, "interviewer": NAME, "round": 1 or 2,
 *        "paired_with": ID of the other round, "self_scores": "later"}
 */
typedef struct pair_session pair_session;

typedef enum pair_phase {
	PAIR_ASKING,             /* a turn is open */
	PAIR_INTERVIEWER_SCORES, /* every turn is closed: the interviewer scores */
	PAIR_SELF_SCORES,        /* the candidate scores themselves, blind */
	PAIR_DONE                /* complete */
} pair_phase;

typedef struct pair_roles {
	const char *candidate;   /* may be NULL */
	const char *interviewer; /* may be NULL */
	int round;               /* 1, or 2 for the role swap */
	const char *paired_with; /* the other round's id, or NULL */
} pair_roles;

/*
 * Starts a pair session asking plan (question ids, at least one), opens
 * the first main question, saves it and returns it; banks are borrowed
 * and must outlive it.
 */
pair_session *pair_start(const bank_set *banks, const transcript_settings *settings, char *const *plan,
                         size_t n_plan, const pair_roles *roles, grill_err *err);
/* Continues t (taken over): kind "pair", unfinished, questions still in the banks; NULL + err otherwise. */
pair_session *pair_resume(const bank_set *banks, transcript *t, grill_err *err);
void pair_free(pair_session *p);

const transcript *pair_transcript(const pair_session *p);
pair_phase pair_phase_of(const pair_session *p);

/* The open turn, or NULL when none is. */
const turn *pair_open_turn(const pair_session *p);
/* Index of the main-question turn that starts the current thread; -1 before any. */
long pair_thread_start(const pair_session *p);
/* The current thread's question, or NULL (the candidate's-questions turn). */
const bank_question *pair_question(const pair_session *p);
/* 1-based number of the current main question. */
int pair_main_number(const pair_session *p);

/* Every word typed for the current thread, one line per entry; caller frees. */
char *pair_thread_words(const pair_session *p);

/*
 * Closes the open turn (duration_s: seconds it was open, or -1) and opens
 * the next main question; after the last one, the candidate's questions.
 * Returns 1 when a turn was opened, 0 when there was nothing left to ask
 * (the interview is over), -1 + err.
 */
int pair_next(pair_session *p, double duration_s, grill_err *err);
/*
 * Closes the open turn and opens a follow-up from the current thread's
 * question: node is "probe:ID", "tech:TECH/ID" or "challenge:ID"; reason
 * (may be NULL) says why it was asked. -1 + err when the node is not in
 * the banks, was asked already, or no question thread is open.
 */
int pair_ask(pair_session *p, const char *node, const char *reason, double duration_s, grill_err *err);
/* Whether pair_ask would accept node; false + err (the reason) otherwise. */
bool pair_can_ask(const pair_session *p, const char *node, grill_err *err);
/* Closes the open turn: the interview is over. */
int pair_end_interview(pair_session *p, double duration_s, grill_err *err);

/* The expected points the open turn is judged on (NULL/0 for a challenge). */
void pair_open_points(const pair_session *p, const bank_point **points, size_t *n);
/* Ticks (on) or unticks an expected point of the open turn by id; -1 + err when it has no such point. */
int pair_tick(pair_session *p, const char *point_id, bool on, grill_err *err);
/* Adds a line of the candidate's words to the open turn. */
int pair_add_words(pair_session *p, const char *words, grill_err *err);
/* Adds a line to the open turn's note. */
int pair_add_note(pair_session *p, const char *note, grill_err *err);

/* Saves the interviewer's scores (the interview must be over). */
int pair_set_interviewer(pair_session *p, const score_set *scores, grill_err *err);
/* Saves the candidate's self-scores (after the interviewer's) and completes the session. */
int pair_set_self(pair_session *p, const score_set *self, grill_err *err);
/* Completes the session without self-scores: the candidate scores later with `grill score`. */
int pair_self_later(pair_session *p, grill_err *err);
/* Records the other round's id in meta.paired_with. */
int pair_set_partner(pair_session *p, const char *other_id, grill_err *err);

/* A string field of t's meta ("candidate", "paired_with", ...), or NULL; caller frees. */
char *pair_meta_string(const transcript *t, const char *key);

/*
 * When saving fails, writes the whole transcript to a file in $TMPDIR (or
 * /tmp) so nothing typed is lost; returns its path (caller frees) or NULL.
 */
char *pair_rescue(const pair_session *p);

#endif
