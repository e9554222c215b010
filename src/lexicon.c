/*
 * Phrase lists compiled into indexes and matched word by word (lexicon.h).
 * An index is one block of exact size, counted before it is filled: it is
 * built once and read for the life of the process, so it should touch as
 * little memory as it can.
 */
#include "lexicon.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

/* The first eight bytes of s as a number: see lexicon_alt.head. */
static uint64_t first8(const char *s, size_t len)
{
	const unsigned char *b = (const unsigned char *)s;
	uint64_t v = 0;

	switch (len < 8 ? len : 8) {
	case 8: v |= (uint64_t)b[7] << 56; /* fall through */
	case 7: v |= (uint64_t)b[6] << 48; /* fall through */
	case 6: v |= (uint64_t)b[5] << 40; /* fall through */
	case 5: v |= (uint64_t)b[4] << 32; /* fall through */
	case 4: v |= (uint64_t)b[3] << 24; /* fall through */
	case 3: v |= (uint64_t)b[2] << 16; /* fall through */
	case 2: v |= (uint64_t)b[1] << 8; /* fall through */
	case 1: v |= b[0]; /* fall through */
	default: return v;
	}
}

/* The bits of first8 that a prefix of len bytes covers. */
static uint64_t prefix_mask(uint32_t len)
{
	return len >= 8 ? UINT64_MAX : ((uint64_t)1 << (8 * len)) - 1;
}

static unsigned byte_slot(unsigned char b)
{
	return b & (LEXICON_SLOT_BYTES - 1);
}

void lexicon_words_prepare(lexicon_word *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		lexicon_word *w = &words[i];

		w->head = first8(w->s, w->len);
		w->slot = (unsigned char)byte_slot((unsigned char)w->s[0]);
	}
	for (size_t i = 0; i < n; i++) {
		bool next = i + 1 < n && words[i + 1].sentence == words[i].sentence;

		words[i].next_bit = next ? (uint64_t)1 << words[i + 1].slot : LEXICON_NO_NEXT_WORD;
	}
}

/* ---- matching ---- */

static bool alt_matches(const lexicon_index *x, const lexicon_alt *a, const lexicon_word *w)
{
	if (a->prefix ? (w->head & prefix_mask(a->len)) != a->head || w->len < a->len
	              : w->head != a->head || w->len != a->len)
		return false;
	return a->len <= 8 || memcmp(w->s + 8, x->tails + a->tail, a->len - 8) == 0;
}

static bool word_matches(const lexicon_index *x, uint32_t k, const lexicon_word *w)
{
	for (uint32_t j = x->word_alts[k]; j < x->word_alts[k + 1]; j++)
		if (alt_matches(x, &x->alts[j], w))
			return true;
	return false;
}

/* Can the start's phrase begin at word w? Its first word, and the next word's first byte. */
static inline bool start_fits(const lexicon_index *x, const lexicon_start *ps, const lexicon_word *w)
{
	return (ps->next_bits & w->next_bit) && alt_matches(x, &ps->first, w);
}

/* Do the start's other words follow word w, before end and in w's sentence? */
static bool rest_matches(const lexicon_index *x, const lexicon_start *ps, const lexicon_word *w,
                         const lexicon_word *end)
{
	const lexicon_word *v = w;

	for (uint32_t k = x->phrase_words[ps->phrase]; k < x->phrase_words[ps->phrase + 1]; k++)
		if (++v >= end || v->sentence != w->sentence || !word_matches(x, k, v))
			return false;
	return true;
}

/*
 * The phrases of starts [from, to) that match at word w and had not
 * matched in its sentence yet (last[phrase]: the sentence of its last
 * match).
 */
static int hits_at(const lexicon_index *x, uint32_t from, uint32_t to, const lexicon_word *w,
                   const lexicon_word *end, size_t *last)
{
	int hits = 0;

	for (uint32_t j = from; j < to; j++) {
		const lexicon_start *ps = &x->starts[j];

		if (start_fits(x, ps, w) && last[ps->phrase] != w->sentence && rest_matches(x, ps, w, end)) {
			last[ps->phrase] = w->sentence;
			hits++;
		}
	}
	return hits;
}

int lexicon_index_count(const lexicon_index *x, const lexicon_word *words, size_t n, long *first)
{
	size_t last_few[128], *last;
	const lexicon_word *end = words + n;
	const uint32_t *by_slot = x->by_slot;
	uint32_t any_from = by_slot[LEXICON_ANY_WORD], any_to = by_slot[LEXICON_ANY_WORD + 1];
	int count = 0;

	if (first)
		*first = -1;
	last = x->nphrases <= sizeof(last_few) / sizeof(last_few[0]) ? last_few
	                                                            : xmalloc(x->nphrases * sizeof(*last));
	for (size_t k = 0; k < x->nphrases; k++)
		last[k] = SIZE_MAX;
	for (const lexicon_word *w = words; w < end; w++) {
		int hits = hits_at(x, by_slot[w->slot], by_slot[w->slot + 1], w, end, last) +
		           hits_at(x, any_from, any_to, w, end, last);

		if (hits > 0 && first && *first < 0)
			*first = (long)w->sentence;
		count += hits;
	}
	if (last != last_few)
		free(last);
	return count;
}

static bool any_at(const lexicon_index *x, uint32_t from, uint32_t to, const lexicon_word *w,
                   const lexicon_word *end)
{
	for (uint32_t j = from; j < to; j++)
		if (start_fits(x, &x->starts[j], w) && rest_matches(x, &x->starts[j], w, end))
			return true;
	return false;
}

bool lexicon_index_any(const lexicon_index *x, const lexicon_word *words, size_t n)
{
	const lexicon_word *end = words + n;
	const uint32_t *by_slot = x->by_slot;
	uint32_t any_from = by_slot[LEXICON_ANY_WORD], any_to = by_slot[LEXICON_ANY_WORD + 1];

	for (const lexicon_word *w = words; w < end; w++)
		if (any_at(x, by_slot[w->slot], by_slot[w->slot + 1], w, end) || any_at(x, any_from, any_to, w, end))
			return true;
	return false;
}

bool lexicon_index_has_word(const lexicon_index *x, const char *s, size_t len)
{
	lexicon_word w;

	if (len == 0)
		return false; /* it has no first byte to read */
	w = (lexicon_word){ .s = s, .len = len, .head = first8(s, len), .next_bit = LEXICON_NO_NEXT_WORD,
	                    .slot = (unsigned char)byte_slot((unsigned char)s[0]) };
	return lexicon_index_any(x, &w, 1);
}

/* ---- compiling a list ----
 *
 * The same walk over the phrases runs twice: once to count (b->x is
 * NULL), once to fill the block that the counts sized.
 */
typedef struct index_builder {
	lexicon_index *x;        /* NULL while counting */
	lexicon_start *starts;
	lexicon_alt *alts;
	uint32_t *by_slot, *phrase_words, *word_alts;
	unsigned char *tails;
	uint32_t nstarts, nwords, nalts, ntails;
	uint32_t slot_starts[LEXICON_SLOTS];  /* counting: each slot's starts; filling: where the next goes */
} index_builder;

/*
 * The next alternative of the word at *p, [*alt, *alt + *len): each '|'
 * ends one (an empty one matches nothing), and nothing after a last '|'
 * is one. At the word's end, a ' ' or the phrase's end, false, with *p
 * left there.
 */
static bool next_alt(const char **p, const char **alt, size_t *len)
{
	static const bool ends_alt[UCHAR_MAX + 1] = { ['\0'] = true, [' '] = true, ['|'] = true };
	const char *s = *p, *e = s;

	while (!ends_alt[(unsigned char)*e])
		e++;
	if (*e != '|' && e == s)
		return false;
	*alt = s;
	*len = (size_t)(e - s);
	*p = *e == '|' ? e + 1 : e;
	return true;
}

/* An alternative of len bytes at s; a last '*' makes it a prefix. Its tail goes to the block. */
static lexicon_alt make_alt(index_builder *b, const char *s, size_t len)
{
	lexicon_alt a = { 0 };

	a.prefix = len > 0 && s[len - 1] == '*';
	a.len = (unsigned)(a.prefix ? len - 1 : len) & 0x7fffffffu;
	if (a.len > 8) {
		a.tail = b->ntails;
		if (b->x)
			memcpy(b->tails + b->ntails, s + 8, a.len - 8);
		b->ntails += a.len - 8;
	}
	if (b->x)
		a.head = first8(s, a.len);
	return a;
}

/* The slot of a start: its first byte's, LEXICON_ANY_WORD, or -1 for the empty word, which fits none. */
static int alt_slot(const lexicon_alt *a, const char *s)
{
	if (a->len > 0)
		return (int)byte_slot((unsigned char)s[0]);
	return a->prefix ? LEXICON_ANY_WORD : -1;
}

static bool is_any_word(const char *alt, size_t len)
{
	return len == 1 && alt[0] == '*';
}

static void add_start(index_builder *b, const lexicon_alt *first, int slot, uint64_t next_bits,
                      uint32_t phrase)
{
	if (b->x)
		b->starts[b->slot_starts[slot]++] =
			(lexicon_start){ .first = *first, .next_bits = next_bits, .phrase = phrase };
	else
		b->slot_starts[slot]++;
	b->nstarts++;
}

/*
 * Adds phrase number no, cut into words at each ' ' (an empty word
 * matches nothing; nothing after a last ' ' is a word): its other words
 * and their alternatives, then its starts.
 */
static void add_phrase(index_builder *b, const char *phrase, uint32_t no)
{
	const char *p = phrase, *alt;
	uint64_t next_bits = UINT64_MAX;
	bool any = false;
	size_t len;

	if (b->x)
		b->phrase_words[no] = b->nwords;
	if (!*p) {
		/* no words: matches at every word */
		add_start(b, &(lexicon_alt){ .prefix = 1 }, LEXICON_ANY_WORD, UINT64_MAX, no);
		return;
	}
	/* a first word that fits any word needs that one start, not one per alternative */
	while (next_alt(&p, &alt, &len))
		any |= is_any_word(alt, len);
	for (bool second = true; *p && *++p; second = false) {
		if (second)
			next_bits = 0;
		if (b->x)
			b->word_alts[b->nwords] = b->nalts;
		b->nwords++;
		while (next_alt(&p, &alt, &len)) {
			lexicon_alt a = make_alt(b, alt, len);
			int slot = alt_slot(&a, alt);

			/* the bytes a word may begin with to follow the first */
			if (second && slot == LEXICON_ANY_WORD)
				next_bits |= ~LEXICON_NO_NEXT_WORD;
			else if (second && slot >= 0)
				next_bits |= (uint64_t)1 << slot;
			if (b->x)
				b->alts[b->nalts] = a;
			b->nalts++;
		}
	}
	for (p = phrase; next_alt(&p, &alt, &len);) {
		lexicon_alt a;
		int slot;

		if (any && !is_any_word(alt, len))
			continue;
		a = make_alt(b, alt, len);
		slot = alt_slot(&a, alt);
		if (slot >= 0)
			add_start(b, &a, slot, next_bits, no);
		if (any)
			break;
	}
}

/* Walks the n phrases (counting when b->x is NULL). */
static void add_phrases(index_builder *b, const char *const *phrases, uint32_t n)
{
	for (uint32_t no = 0; no < n; no++)
		add_phrase(b, phrases[no], no);
	if (b->x) {
		b->phrase_words[n] = b->nwords;
		b->word_alts[b->nwords] = b->nalts;
	}
}

lexicon_index *lexicon_index_new(const char *const *phrases)
{
	index_builder b = { 0 };
	lexicon_index *x;
	uint32_t n = 0, at = 0;
	size_t size;
	char *block;

	while (phrases && phrases[n])
		n++;
	add_phrases(&b, phrases, n);
	/* the header, then the arrays from the widest alignment down */
	size = sizeof(*x) + b.nstarts * sizeof(*b.starts) + b.nalts * sizeof(*b.alts) +
	       (LEXICON_SLOTS + 1 + n + 1 + b.nwords + 1) * sizeof(uint32_t) + b.ntails;
	block = xmalloc(size);
	x = (lexicon_index *)block;
	b.starts = (lexicon_start *)(block + sizeof(*x));
	b.alts = (lexicon_alt *)(b.starts + b.nstarts);
	b.by_slot = (uint32_t *)(b.alts + b.nalts);
	b.phrase_words = b.by_slot + LEXICON_SLOTS + 1;
	b.word_alts = b.phrase_words + n + 1;
	b.tails = (unsigned char *)(b.word_alts + b.nwords + 1);
	*x = (lexicon_index){ .nphrases = n, .nstarts = b.nstarts, .nwords = b.nwords, .nalts = b.nalts,
	                      .ntails = b.ntails, .by_slot = b.by_slot, .starts = b.starts, .alts = b.alts,
	                      .phrase_words = b.phrase_words, .word_alts = b.word_alts, .tails = b.tails };
	/* each slot's starts begin where the slots before it end */
	for (size_t s = 0; s < LEXICON_SLOTS; s++) {
		b.by_slot[s] = at;
		at += b.slot_starts[s];
		b.slot_starts[s] = b.by_slot[s];
	}
	b.by_slot[LEXICON_SLOTS] = at;
	/* the same walk again, filling the block */
	b.x = x;
	b.nstarts = b.nwords = b.nalts = b.ntails = 0;
	add_phrases(&b, phrases, n);
	return x;
}

void lexicon_index_free(lexicon_index *x)
{
	free(x);
}
