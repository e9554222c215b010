#ifndef GRILL_PHRASE_LISTS_H
#define GRILL_PHRASE_LISTS_H

/*
 * The built-in phrase lists (internal to the answer signals), each
 * NULL-terminated, in the pattern language of signals.h. The signal
 * lexicons come first, by signal_kind; the word lists after them are
 * plain words (no spaces, '|' or '*'), so a match is an equal word.
 */
#include "grill/signals.h"
#include "lexicon.h"

enum {
	PHRASE_LIST_OWN_SETUP = SIG_COUNT, /* present-tense phrases about one's own set-up */
	PHRASE_LIST_IRREGULAR_PAST,        /* irregular past tenses */
	PHRASE_LIST_NUMBER_WORDS,          /* "one" ... "thousand", "dozen" */
	PHRASE_LIST_UNITS,                 /* "ms", "gb", "replicas", ... */
	PHRASE_LIST_COUNT
};

extern const char *const *const phrase_lists[PHRASE_LIST_COUNT];

/*
 * phrase_lists[k] compiled by lexicon_index_new: tables written when
 * grill is built (src/lexicon_gen.c), so no process compiles them.
 */
extern const lexicon_index phrase_list_indexes[PHRASE_LIST_COUNT];

#endif
