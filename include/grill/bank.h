#ifndef GRILL_BANK_H
#define GRILL_BANK_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/diag.h"
#include "grill/match.h"
#include "grill/strbuf.h"
#include "grill/text_keys.h"

/*
 * Question banks (docs/bank-format.md) as typed, validated structs. The
 * structs are read-only data owned by the bank_set they were loaded into;
 * every pointer stays valid until bank_set_free.
 */

#define BANK_MAX_FILE_BYTES (32u * 1024u * 1024u)
#define BANK_MAX_PROBE_DEPTH 8

typedef struct pattern_list {
	match_pattern **items;
	size_t n;
} pattern_list;

typedef enum trigger_kind {
	TRIGGER_MENTIONS,
	TRIGGER_MISSES,
	TRIGGER_VAGUE,
	TRIGGER_ALWAYS
} trigger_kind;

struct bank_tech;
struct bank_set;

typedef struct bank_trigger {
	trigger_kind kind;
	pattern_list terms;             /* mentions */
	/* mentions: terms that name a technology, as numbers in the set the
	 * bank was linked in; read them with bank_trigger_tech */
	size_t *tech_numbers;
	size_t n_techs;
	const struct bank_set *set;
	char *point;                    /* misses: expected-point id of the parent */
} bank_trigger;

typedef struct bank_point {
	char *id;
	char *point;
	int weight;
	pattern_list patterns;
} bank_point;

typedef struct bank_red_flag {
	char *id;
	char *claim;
	char *correction;
	pattern_list patterns;
	pattern_list unless;
} bank_red_flag;

typedef struct bank_probe {
	char *id;
	bank_trigger trigger;
	char *ask;
	char *purpose;                  /* may be NULL */
	bank_point *expected;
	size_t n_expected;
	bank_red_flag *red_flags;
	size_t n_red_flags;
	struct bank_probe *probes;
	size_t n_probes;
	int depth;                      /* 1 for a top-level probe */
	const struct bank_probe *parent; /* NULL at top level */
} bank_probe;

typedef struct bank_challenge {
	char *id;
	bank_trigger trigger;
	char *ask;
	char *good_response;
} bank_challenge;

typedef enum question_kind {
	QKIND_TECHNICAL,
	QKIND_DESIGN,
	QKIND_BEHAVIORAL,
	QKIND_ARCHITECTURE,
	QKIND_TERMINOLOGY
} question_kind;

typedef enum question_level {
	LEVEL_JUNIOR,
	LEVEL_MID,
	LEVEL_SENIOR,
	LEVEL_STAFF
} question_level;

struct bank;

typedef struct bank_question {
	char *id;
	char *domain;
	char **tags;
	size_t n_tags;
	question_kind kind;
	question_level level;
	char *prompt;
	char *hint;                     /* may be NULL */
	char *model_answer;             /* may be NULL */
	char *interviewer_notes;        /* may be NULL */
	bank_point *expected;
	size_t n_expected;
	bank_red_flag *red_flags;
	size_t n_red_flags;
	bank_probe *probes;
	size_t n_probes;
	bank_challenge *challenges;
	size_t n_challenges;
	const struct bank *bank;
} bank_question;

typedef struct bank_tech {
	char *id;
	char *name;
	pattern_list aliases;
	bank_probe *probes;
	size_t n_probes;
	const struct bank *bank;
} bank_tech;

typedef struct bank {
	char *path;
	char *id;
	char *title;
	char *version;
	char *description;
	bank_question *questions;
	size_t n_questions;
	bank_tech *techs;
	size_t n_techs;
	/* internal: where a bank read from the cache lies (in memory its set
	 * owns), else NULL */
	void *image;
	size_t image_len;
} bank;

typedef struct bank_set bank_set;

bank_set *bank_set_new(void);
void bank_set_free(bank_set *set);

/*
 * Loads one bank file into the set. On any problem the file is not added
 * and every problem is appended to diags ("FILE: JSON.PATH: cause");
 * returns 0 when added, -1 when not. Ids already in the set count as
 * problems of the new file.
 */
int bank_set_add_file(bank_set *set, const char *path, diag_list *diags);
/* The same for len bytes of JSON in buf; path names the bank in messages. */
int bank_set_add_buffer(bank_set *set, const char *path, const char *buf, size_t len, diag_list *diags);
/* Every *.json in dir, sorted by name; returns how many files failed. A
 * folder that cannot be read is one problem. */
int bank_set_add_dir(bank_set *set, const char *dir, diag_list *diags);
/*
 * Keeps compiled banks in dir (docs/performance.md, "The bank cache"): a
 * bank file loaded before, unchanged since, is read from its image there
 * instead of being parsed. NULL (the default) turns the cache off.
 */
void bank_set_use_cache(bank_set *set, const char *dir);
/* Resolves technology ids named in mentions triggers; call after adding. */
void bank_set_link(bank_set *set);

/*
 * Banks read from the cache are decoded the first time one of the calls
 * below needs them (the count calls do not); until then the set holds only
 * their ids and the keys bank_set_match_prompt compares.
 */

size_t bank_set_count(const bank_set *set);
const bank *bank_set_get(const bank_set *set, size_t i);
const bank *bank_set_find_bank(const bank_set *set, const char *id);
size_t bank_set_question_count(const bank_set *set);
const bank_question *bank_set_find_question(const bank_set *set, const char *id);
size_t bank_set_tech_count(const bank_set *set);
const bank_tech *bank_set_tech(const bank_set *set, size_t i);
const bank_tech *bank_set_find_tech(const bank_set *set, const char *id);
/* A mentions trigger's technology i (< n_techs); NULL before linking. */
const bank_tech *bank_trigger_tech(const bank_trigger *tr, size_t i);

/*
 * The question whose prompt is most like keys (text_keys_similarity; the
 * first in set order among equals), or NULL when none is like it. Only
 * that question's bank is decoded.
 */
const bank_question *bank_set_match_prompt(const bank_set *set, const text_keys *keys);
/* The same over every technology's probes, at any depth. */
const bank_probe *bank_set_match_tech_probe(const bank_set *set, const text_keys *keys);

/* A probe anywhere in the question's tree, by id; NULL when absent. */
const bank_probe *bank_question_find_probe(const bank_question *q, const char *id);
const bank_probe *bank_tech_find_probe(const bank_tech *t, const char *id);
const bank_challenge *bank_question_find_challenge(const bank_question *q, const char *id);
/* Deepest probe nesting in the question (0 when it has no probes). */
int bank_question_depth(const bank_question *q);

/* True when any pattern matches. */
bool pattern_list_match(const pattern_list *l, const match_text *t);
/* Red flag hit: a pattern in a sentence with none of the unless patterns. *sentence gets it. */
bool bank_red_flag_hit(const bank_red_flag *f, const match_text *t, size_t *sentence);
/* A mentions trigger: terms or linked technology aliases match. */
bool bank_trigger_mentions(const bank_trigger *tr, const match_text *t);

const char *question_kind_name(question_kind k);
const char *question_level_name(question_level l);
/* -1 when the name is not a level */
int question_level_parse(const char *name);
const char *trigger_kind_name(trigger_kind k);

/* The bank as JSON in the documented format (for round trips and tools). */
void bank_write_json(const bank *b, strbuf *out);

#endif
