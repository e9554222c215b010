#ifndef GRILL_TEXT_KEYS_H
#define GRILL_TEXT_KEYS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The content words of a text as numbers, for telling which bank question or
 * probe a free-text question is: words as match.h cuts them, stop words and
 * words under three letters left out, a plural 's' dropped, cut to a 6-letter
 * stem and packed into 64 bits, each kept once, in the order they first
 * appear.
 */
typedef struct text_keys {
	uint64_t *keys;
	size_t n;
} text_keys;

/* Fills out with the keys of text; free with text_keys_free. */
void text_keys_of(const char *text, text_keys *out);
void text_keys_free(text_keys *k);

/*
 * How well a question (keys a) matches a bank text (n_b keys at b): the
 * share of the shorter one's keys found in the other, plus a small bonus
 * for covering more of the longer one; 0 when fewer than three keys are
 * shared or the share is under 0.6. Higher is better.
 */
double text_keys_similarity(const text_keys *a, const uint64_t *b, size_t n_b);

#endif
