#ifndef GRILL_RUBRIC_H
#define GRILL_RUBRIC_H

#include <stddef.h>

#include "grill/diag.h"

/*
 * The self-assessment rubric (docs/rubric-format.md). The six dimensions
 * have fixed keys and a fixed order everywhere in grill: transcripts,
 * scorer output, history.
 */
#define RUBRIC_DIMS 6

typedef enum rubric_dim {
	DIM_ACCURACY,
	DIM_HONESTY,
	DIM_REASONING,
	DIM_CHALLENGE,
	DIM_SPECIFICITY,
	DIM_QUESTIONS
} rubric_dim;

/* "accuracy", "honesty", ... in rubric_dim order. */
extern const char *const rubric_keys[RUBRIC_DIMS];
/* -1 when key is not one of the six */
int rubric_key_index(const char *key);

typedef struct rubric_dimension {
	char *key;
	char *name;          /* "Accuracy of technical claims" */
	char *question;      /* "Did the claims match the depth...?" */
	char *definition;
	char *anchors[6];    /* [1]..[5] the levels, [0] when the dimension is null */
} rubric_dimension;

typedef struct rubric {
	char *path;
	char *id;
	char *title;
	char *description;
	rubric_dimension *dims;  /* n_dims entries in file order */
	size_t n_dims;
	int pass_min;            /* every scored dimension at or above: the best account */
	int overclaim_below;     /* below this on an overclaim key: over-claiming */
	char **overclaim_keys;
	size_t n_overclaim_keys;
	char *verdict_pass;
	char *verdict_overclaim;
	char *verdict_practice;
} rubric;

#define RUBRIC_MAX_FILE_BYTES (1024u * 1024u)

/* NULL with every problem in diags when the file is not a valid rubric. Caller frees. */
rubric *rubric_load(const char *path, diag_list *diags);
/* The same for len bytes of JSON in buf; path names the rubric in messages. */
rubric *rubric_parse(const char *path, const char *buf, size_t len, diag_list *diags);
/* The rubric with id in dir (file <id>.json); NULL + diags when absent or invalid. */
rubric *rubric_load_id(const char *dir, const char *id, diag_list *diags);
void rubric_free(rubric *r);
/* NULL when the rubric has no such dimension. */
const rubric_dimension *rubric_find(const rubric *r, const char *key);

typedef enum verdict_kind {
	VERDICT_NONE,       /* nothing scored */
	VERDICT_PASS,       /* pass_min or more on every scored dimension */
	VERDICT_OVERCLAIM,  /* below overclaim_below on accuracy or honesty */
	VERDICT_PRACTICE    /* anything else */
} verdict_kind;

/* scores[i] in 1..5, or 0 for null. */
verdict_kind rubric_verdict(const rubric *r, const int scores[RUBRIC_DIMS]);
/* The rubric's sentence for the verdict ("" for VERDICT_NONE). */
const char *rubric_verdict_text(const rubric *r, verdict_kind v);
const char *verdict_kind_name(verdict_kind v);

#endif
