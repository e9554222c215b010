#ifndef GRILL_SELECT_H
#define GRILL_SELECT_H

#include <stddef.h>

#include "grill/bank.h"
#include "grill/error.h"

/*
 * Which main questions a session asks. Deterministic: the same options,
 * seed and history give the same questions in the same order.
 */
typedef struct select_opts {
	const char *const *banks;   /* bank ids; none = all */
	size_t n_banks;
	const char *topic;          /* matches bank id, domain or a tag; NULL = any */
	const char *const *tags;    /* every question must carry one of these; none = any */
	size_t n_tags;
	int level;                  /* question_level, or -1 for any */
	size_t count;
	unsigned long seed;
	const char *const *claims;  /* questions tagged with a claimed technology come first */
	size_t n_claims;
	/*
	 * How due a question is for practice (higher comes sooner), from the
	 * history; NULL when history is ignored (--fresh, or none yet).
	 */
	double (*priority)(const bank_question *q, void *ctx);
	void *priority_ctx;
} select_opts;

/*
 * Fills *ids with up to count question ids (caller frees each and the array)
 * and returns how many; -1 with err set when no question matches.
 */
long select_questions(const bank_set *banks, const select_opts *opts, char ***ids, grill_err *err);

/* A 64-bit mix of seed and text, the same on every machine. */
unsigned long long select_hash(unsigned long seed, const char *text);

#endif
