#ifndef GRILL_SCORER_H
#define GRILL_SCORER_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/bank.h"
#include "grill/rubric.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"

/*
 * The offline scorer: rates a transcript on the six rubric dimensions from
 * the evidence in it. Never touches the network, never prints. The same
 * transcript (and banks) always gives the same result.
 */

typedef struct scorer_evidence {
	int sign;           /* +1 earned points, -1 cost points, 0 context */
	int turn;           /* index into transcript turns, -1 when global */
	char *text;         /* "turn 2: admits the gap and names a next step: \"...\"" */
} scorer_evidence;

typedef struct scorer_dim {
	int score;          /* 1..5, or 0 for null (no evidence) */
	scorer_evidence *evidence;
	size_t n_evidence;
} scorer_dim;

typedef struct scorer_point {
	int turn;
	const char *question_id;   /* owned by the bank set */
	const char *node;          /* probe id or NULL for the main question */
	const char *point;         /* the expected point's text */
	int weight;
	bool covered;
} scorer_point;

typedef struct scorer_flag {
	int turn;
	const char *claim;         /* owned by the bank set */
	const char *correction;
	char *sentence;            /* the sentence that hit it */
} scorer_flag;

typedef struct scorer_result {
	scorer_dim dims[RUBRIC_DIMS];
	scorer_point *points;      /* expected points covered and missed, in turn order */
	size_t n_points;
	scorer_flag *flags;        /* red flags hit */
	size_t n_flags;
	const char **matched;      /* per turn: the bank question id it was matched to, or NULL */
	size_t n_matched;
	verdict_kind verdict;
	char *verdict_text;
} scorer_result;

/* banks and r may be NULL (no bank matching; built-in verdict sentences). Caller frees. */
scorer_result *scorer_assess(const transcript *t, const bank_set *banks, const rubric *r);
void scorer_result_free(scorer_result *res);
/* Fills scores[i] (0 = null) from the result. */
void scorer_result_scores(const scorer_result *res, int scores[RUBRIC_DIMS]);
/*
 * {"dimensions": {"accuracy": {"score": N|null, "evidence": [...]}, ... the six
 * keys ...}, "verdict": "..."} and, with details, also "points", "red_flags".
 */
void scorer_result_json(const scorer_result *res, bool details, strbuf *out);

#endif
