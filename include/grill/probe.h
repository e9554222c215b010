#ifndef GRILL_PROBE_H
#define GRILL_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/bank.h"
#include "grill/transcript.h"

/*
 * Which follow-up comes next, decided from what the answers said. Pure and
 * deterministic: the same transcript and banks always give the same choice,
 * which is what lets a killed session resume exactly where it was.
 *
 * Node references, as stored in a turn's "node":
 *   NULL                 the main question
 *   "probe:ID"           a probe in the question's tree
 *   "tech:TECH/ID"       a probe from the technology probe library
 *   "challenge:ID"       one of the question's challenges
 *   "llm"                a follow-up written by the language model
 */

typedef struct node_ref {
	const bank_question *question; /* NULL when the question is not in the banks */
	const bank_tech *tech;         /* for tech: nodes */
	const bank_probe *probe;       /* for probe: and tech: nodes */
	const bank_challenge *challenge;
} node_ref;

/* Finds the bank node a turn was asked from. False when it is not in the banks. */
bool node_resolve(const bank_set *banks, const char *question_id, const char *node, node_ref *out);

/* The expected points and red flags that judge an answer given at this node. */
void node_expectations(const node_ref *ref, const bank_point **points, size_t *n_points,
                       const bank_red_flag **flags, size_t *n_flags);

typedef enum choice_kind {
	CHOICE_NONE,       /* the branch is over: move on */
	CHOICE_PROBE,
	CHOICE_CHALLENGE
} choice_kind;

typedef struct probe_choice {
	choice_kind kind;
	char *node;        /* reference string (caller frees) */
	const char *ask;   /* owned by the banks */
	char *reason;      /* why, for the transcript (caller frees) */
	int depth;
} probe_choice;

typedef struct probe_context {
	const bank_set *banks;
	const transcript *t;
	size_t thread_start;   /* index of the main-question turn of this thread */
	int depth_limit;       /* settings.depth */
	char **claims;         /* technology ids from --claims */
	size_t n_claims;
	bool last_main;        /* this is the session's last main question */
} probe_context;

/* Decides the next turn of the current thread; the last turn must be answered. */
void probe_choose(const probe_context *ctx, probe_choice *out);
void probe_choice_free(probe_choice *c);

/*
 * Whether one answer to a follow-up reached the candidate's boundary:
 * "honest" (the gap is admitted), "guess" (a confident misconception: the
 * answer states one of the node's red flags), or NULL. Either ends the branch.
 */
const char *probe_boundary(const bank_set *banks, const turn *tu);

/*
 * Pair mode: the follow-ups an interviewer could ask next in the thread
 * that starts at turn thread_start, ranked best first. words are what the
 * candidate said as the interviewer typed them (lines, not full answers);
 * the expected points the interviewer ticked stand in for pattern matching
 * on "misses" triggers. Offered: the question's top-level probes, the
 * children of every probe already asked in the thread, and the technology
 * library's probes for each technology the words name; never a probe
 * asked before in the session. Deterministic, like probe_choose.
 */
typedef struct probe_suggestion {
	char *node;                 /* "probe:ID" or "tech:TECH/ID" */
	const bank_probe *probe;    /* owned by the banks */
	const bank_tech *tech;      /* NULL for the question's own tree */
	bool fits;                  /* the trigger fired: ask it now */
	char *why;                  /* fits: why ("the candidate said \"dlq\""); else NULL */
	char *trigger;              /* the trigger in words, for the interviewer to listen for */
} probe_suggestion;

/* Fills *out (caller frees with probe_suggestions_free) and returns the count. */
size_t probe_suggest(const bank_set *banks, const transcript *t, size_t thread_start, const char *words,
                     probe_suggestion **out);
void probe_suggestions_free(probe_suggestion *list, size_t n);

#endif
