#ifndef GRILL_SESSION_H
#define GRILL_SESSION_H

#include <stdbool.h>

#include "grill/bank.h"
#include "grill/error.h"
#include "grill/transcript.h"

/*
 * A solo session as a state machine over its transcript. The engine never
 * prints: a front end asks session_next() what to ask, shows it, reads the
 * answer and hands it to session_answer(). Every change is saved to disk
 * before the call returns, so a kill loses at most the answer being typed;
 * the next turn is decided from the transcript alone, so a resumed session
 * continues exactly where it stopped.
 */
typedef struct session session;

typedef enum step_kind {
	STEP_ASK,          /* ask step.text and read an answer */
	STEP_SELF_ASSESS,  /* every turn is done: the candidate scores themselves */
	STEP_REPORT,       /* self-scores are in: score and report */
	STEP_DONE          /* complete */
} step_kind;

typedef struct session_step {
	step_kind kind;
	const turn *turn;  /* STEP_ASK: the pending turn (text, node, reason, depth) */
	int main_index;    /* 1-based number of the current main question */
	int main_total;
	bool reask;        /* the turn was pending when the session was resumed */
} session_step;

/*
 * Starts a session of kind ("solo", "pair") asking plan (question ids),
 * saves it and returns it; banks are borrowed and must outlive it.
 */
session *session_start(const bank_set *banks, const char *kind, const transcript_settings *settings,
                       char *const *plan, size_t n_plan, grill_err *err);
/* Continues t (taken over), which must be unfinished; NULL + err otherwise. */
session *session_resume(const bank_set *banks, transcript *t, grill_err *err);
void session_free(session *s);

const transcript *session_transcript(const session *s);
const char *session_path(const session *s);
const bank_set *session_banks(const session *s);

/* Decides and records the next step (a new pending turn is saved first). */
int session_next(session *s, session_step *step, grill_err *err);
/* Records the answer to the pending turn; duration in seconds or -1. */
int session_answer(session *s, const char *answer, double duration_s, grill_err *err);
/* Skips the pending turn: a main question moves on, a follow-up ends its branch. */
int session_skip(session *s, grill_err *err);
/* Saves the candidate's self-assessment. */
int session_set_self(session *s, const score_set *self, grill_err *err);
/* Saves the scorer's result (scores and raw JSON) and marks the session complete. */
int session_complete(session *s, const int scores[RUBRIC_DIMS], const char *scorer_json, grill_err *err);

/*
 * True when the banks have a follow-up for the answer just given, i.e. the
 * next step would be a probe from the question's tree or the technology
 * library. Decides nothing and records nothing.
 */
bool session_bank_probe_fits(const session *s);

/*
 * Adds a follow-up that came from elsewhere (node "llm": written by the
 * language model) as the pending turn of the current thread, one level
 * deeper than the last answer, and saves it.
 */
int session_add_followup(session *s, const char *question, const char *node, const char *reason, grill_err *err);

/* Saves the language model's second opinion (raw JSON object, see llm.h) with the session. */
int session_set_llm_opinion(session *s, const char *json, grill_err *err);

/* The question the current thread belongs to, or NULL. */
const bank_question *session_current_question(const session *s);

/*
 * When saving fails, writes the whole transcript to a file in $TMPDIR (or
 * /tmp) so nothing typed is lost; returns its path (caller frees) or NULL.
 */
char *session_rescue(const session *s);

#endif
