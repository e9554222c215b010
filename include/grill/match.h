#ifndef GRILL_MATCH_H
#define GRILL_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/error.h"

/*
 * Word matching, the rules of docs/bank-format.md "Patterns": text and
 * pattern are cut into lower-case words of ASCII letters, digits and
 * non-ASCII bytes; a pattern matches when its words appear consecutively
 * within one sentence; a pattern word ending in '*' matches by prefix.
 */
typedef struct match_text match_text;
typedef struct match_pattern match_pattern;

/* Splits text into words and sentences. Caller frees with match_text_free. */
match_text *match_text_new(const char *text);
void match_text_free(match_text *t);
size_t match_text_word_count(const match_text *t);
size_t match_text_sentence_count(const match_text *t);
/* The i-th sentence as it was written, trimmed; caller frees. */
char *match_text_sentence(const match_text *t, size_t i);
/* The i-th word (lower case), valid while t lives. */
const char *match_text_word(const match_text *t, size_t i, size_t *len);
/* The sentence the i-th word belongs to. */
size_t match_text_word_sentence(const match_text *t, size_t i);

/* Compiles a pattern; NULL with err set when it has no words or is too
 * long (MATCH_PATTERN_MAX_BYTES). Caller frees. */
match_pattern *match_pattern_new(const char *src, grill_err *err);
void match_pattern_free(match_pattern *p);
const char *match_pattern_source(const match_pattern *p);

/*
 * A compiled pattern is one block without pointers, so it can be saved
 * and used again where it lies. match_pattern_image gives the block and
 * its length. match_pattern_image_len reads the length of a block at
 * image from its start (0 when fewer than avail bytes could hold one);
 * match_pattern_view checks len bytes at image (aligned to
 * MATCH_PATTERN_ALIGN) and returns them as a pattern, or NULL when they
 * are not a well-formed one. The viewed pattern is valid while the bytes
 * are, and is never passed to match_pattern_free.
 */
#define MATCH_PATTERN_ALIGN 2
/* A compiled pattern's limit (words are also at most 255 bytes each). */
#define MATCH_PATTERN_MAX_BYTES 65535u
const void *match_pattern_image(const match_pattern *p, size_t *len);
size_t match_pattern_image_len(const void *image, size_t avail);
const match_pattern *match_pattern_view(const void *image, size_t len);

/* True when p matches anywhere; *sentence (optional) gets the first sentence. */
bool match_find(const match_text *t, const match_pattern *p, size_t *sentence);
/* True when p matches anywhere; *first gets the index of the first word of the first match. */
bool match_find_word(const match_text *t, const match_pattern *p, size_t *first);
/* True when p matches inside sentence s. */
bool match_in_sentence(const match_text *t, const match_pattern *p, size_t s);
/* Number of distinct sentences in which p matches. */
size_t match_count_sentences(const match_text *t, const match_pattern *p);

#endif
