#ifndef GRILL_LEXICON_H
#define GRILL_LEXICON_H

/*
 * Phrase lists compiled into indexes, and a text's words matched against
 * them (internal to the answer signals). Phrases are in the pattern
 * language of signals.h: words separated by ' ', alternatives by '|', a
 * last '*' for a prefix, a lone '*' for any word.
 *
 * Each alternative of a phrase's first word is a start; starts are
 * grouped by their first byte, so a text word meets only the starts that
 * can begin with it, and a start also knows the bytes the next word may
 * begin with. Words are compared eight bytes at a time.
 *
 * The layout of an index is public here, not hidden, so that an index
 * can also be written out as C source and compiled in as constant tables.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A byte's slot is its low five bits, so that each of the 26 letters has
 * its own, and the slots a word may begin with fit in one number
 * (lexicon_start.next_bits); bit 32 stands for "no next word in the
 * sentence". Bytes that share a slot ('2' and 'r') are told apart when
 * the words are compared.
 */
#define LEXICON_SLOT_BYTES 32
#define LEXICON_ANY_WORD LEXICON_SLOT_BYTES  /* the slot of starts that fit any word */
#define LEXICON_SLOTS (LEXICON_ANY_WORD + 1)
#define LEXICON_NO_NEXT_WORD ((uint64_t)1 << LEXICON_ANY_WORD)

/* A word of a text, as the matcher reads it. */
typedef struct lexicon_word {
	const char *s;           /* not empty, no NUL in it */
	size_t len;
	size_t sentence;
	/* the rest is set by lexicon_words_prepare */
	uint64_t head;           /* its first eight bytes: see lexicon_alt */
	uint64_t next_bit;       /* the bit of the next word's slot, or LEXICON_NO_NEXT_WORD */
	unsigned char slot;      /* the slot of s[0] */
} lexicon_word;

/* Fills in the rest of n words whose s, len and sentence are set, in text
 * order; the last has no next word. */
void lexicon_words_prepare(lexicon_word *words, size_t n);

/*
 * One alternative of a pattern word: the whole word, or with prefix set
 * the bytes a word must begin with (a lone '*' is the empty prefix: any
 * word). Its first eight bytes (fewer when it is shorter, zeros after
 * them) are head, the first byte lowest whatever the machine's byte
 * order, so the bytes a prefix covers are its low bytes and the number
 * means the same wherever it was computed; its bytes past the eighth
 * are tails[tail, tail + len - 8).
 */
typedef struct lexicon_alt {
	uint64_t head;
	uint32_t tail;
	unsigned len : 31, prefix : 1;
} lexicon_alt;

/*
 * A way for a phrase to begin: one alternative of its first word. A
 * phrase with no words at all matches at every word, as if it were "*".
 */
typedef struct lexicon_start {
	lexicon_alt first;
	uint64_t next_bits;      /* the next text word's bit must be one of these */
	uint32_t phrase;         /* its position in the list */
} lexicon_start;

/*
 * The other words of phrase p are words [phrase_words[p], phrase_words[p + 1]),
 * and the alternatives of word k are alts[word_alts[k], word_alts[k + 1]);
 * a word with none matches nothing. Slot s's starts are
 * starts[by_slot[s], by_slot[s + 1]).
 */
typedef struct lexicon_index {
	uint32_t nphrases, nstarts, nwords, nalts, ntails;
	const uint32_t *by_slot;       /* LEXICON_SLOTS + 1 */
	const lexicon_start *starts;
	const lexicon_alt *alts;
	const uint32_t *phrase_words;  /* nphrases + 1 */
	const uint32_t *word_alts;     /* nwords + 1 */
	const unsigned char *tails;
} lexicon_index;

/*
 * Compiles a NULL-terminated phrase list (NULL: none) of less than 2 GiB
 * into one block of exact size. The index does not point into the
 * phrases. Caller frees with lexicon_index_free.
 */
lexicon_index *lexicon_index_new(const char *const *phrases);
void lexicon_index_free(lexicon_index *x);

/*
 * One pass over the n words: each phrase adds the number of sentences it
 * occurs in; *first (optional) gets the first such sentence or -1.
 */
int lexicon_index_count(const lexicon_index *x, const lexicon_word *words, size_t n, long *first);
/* True when any phrase matches at one of the n words (and ends before the last of them does). */
bool lexicon_index_any(const lexicon_index *x, const lexicon_word *words, size_t n);
/* True when a phrase of one word matches the len bytes at s (none match the empty word). */
bool lexicon_index_has_word(const lexicon_index *x, const char *s, size_t len);

#endif
