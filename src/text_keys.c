/* Content-word keys of free text and their similarity (text_keys.h). */
#include "grill/text_keys.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

/* A free-text question matches a bank text when at least this many
 * content words are shared, covering this share of the shorter text. */
#define MATCH_MIN_SHARED 3
#define MATCH_MIN_SHARE 0.6

static const char *const stopwords[] = {
	"the", "and", "for", "you", "your", "how", "what", "why", "when", "with", "that", "this",
	"does", "did", "are", "was", "were", "would", "could", "should", "can", "about", "from",
	"into", "have", "has", "had", "there", "their", "they", "them", "its", "it", "do", "a", "an",
	"of", "to", "in", "on", "is", "be", "or", "if", "at", "by", "as", "we", "our", "me", "my",
	"tell", "walk", "through", "actually", "really", "some", "any", "which", "where", "who", NULL
};

/* Up to eight bytes of a word as one number (zero-padded), so comparing
 * two short words is one comparison and a key needs no allocation. */
static uint64_t pack_word(const char *w, size_t len)
{
	uint64_t v = 0;

	memcpy(&v, w, len < 8 ? len : 8);
	return v;
}

static bool is_stopword(const char *w, size_t len)
{
	static uint64_t packed[sizeof(stopwords) / sizeof(stopwords[0])];
	static size_t n;
	uint64_t v;
	size_t i;

	if (n == 0)
		for (const char *const *p = stopwords; *p; p++)
			packed[n++] = pack_word(*p, strlen(*p));
	if (len > 8)
		return false;
	v = pack_word(w, len);
	for (i = 0; i < n; i++)
		if (packed[i] == v)
			return true;
	return false;
}

static bool key_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The words as match.h cuts them (ASCII letters and digits, lower-cased, and
 * non-ASCII bytes), read in one pass without building a match_text. */
void text_keys_of(const char *text, text_keys *out)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t cap = 0, k;

	out->keys = NULL;
	out->n = 0;
	while (*p) {
		char w[8];
		size_t len = 0;
		unsigned char last = 0;
		uint64_t key;
		bool dup = false;

		if (!key_byte(*p)) {
			p++;
			continue;
		}
		for (; key_byte(*p); p++, len++) {
			last = (*p >= 'A' && *p <= 'Z') ? (unsigned char)(*p - 'A' + 'a') : *p;
			if (len < 8)
				w[len] = (char)last;
		}
		if (len < 3 || is_stopword(w, len))
			continue;
		if (len > 3 && last == 's')
			len--;
		key = pack_word(w, len > 6 ? 6 : len);
		for (k = 0; k < out->n && !dup; k++)
			dup = out->keys[k] == key;
		if (dup)
			continue;
		xgrow((void **)&out->keys, &cap, out->n + 1, sizeof(*out->keys));
		out->keys[out->n++] = key;
	}
}

void text_keys_free(text_keys *k)
{
	if (!k)
		return;
	free(k->keys);
	k->keys = NULL;
	k->n = 0;
}

double text_keys_similarity(const text_keys *a, const uint64_t *b, size_t n_b)
{
	size_t i, j, shared = 0, shorter;
	double share;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < n_b; j++)
			if (a->keys[i] == b[j]) {
				shared++;
				break;
			}
	shorter = a->n < n_b ? a->n : n_b;
	share = shorter ? (double)shared / (double)shorter : 0.0;
	if (shared < MATCH_MIN_SHARED || share < MATCH_MIN_SHARE)
		return 0.0;
	/* prefer the candidate that also covers more of the longer text */
	return share + (double)shared / (double)(a->n + n_b + 1);
}
