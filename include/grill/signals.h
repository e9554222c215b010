#ifndef GRILL_SIGNALS_H
#define GRILL_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/match.h"

/*
 * What an answer's wording shows, independent of any bank: used by the
 * session engine (vague answers, honest boundaries) and by the scorer.
 * Deterministic: the same text always gives the same signals.
 *
 * Every phrase signal is counted the way the scorer weighs it: each phrase
 * of a lexicon adds the number of sentences it occurs in, so one rambling
 * sentence cannot outweigh several distinct ones. docs/scoring.md lists the
 * lexicons.
 */

/* The phrase lexicons, one per signal. */
typedef enum signal_kind {
	SIG_HEDGE,          /* "I think", "kind of", "probably" */
	SIG_FILLER,         /* "basically", "honestly", "stuff" */
	SIG_PRECISION,      /* "rather than", "by default", "at most", "per" */
	SIG_ABSOLUTE,       /* "always", "never", "no need", "solved", "just works" */
	SIG_OVERCLAIM,      /* "inside out", "bread and butter", "I'm an expert" */
	SIG_BECAUSE,        /* "because", "which means", "that's why" */
	SIG_CONDITION,      /* "if", "unless", "assuming", "when" */
	SIG_TRADEOFF,       /* "but", "rather than", "the cost", "the catch" */
	SIG_DEPENDS,        /* "it depends", "case by case" */
	SIG_COMMIT,         /* "I'd go with", "my default", "I chose" */
	SIG_ASSUME,         /* "assuming", "my starting assumption" */
	SIG_GAP,            /* "I haven't", "I've only", "I'm not sure", "from the docs" */
	SIG_NEXT_STEP,      /* "I'd test", "I'd check", "in a sandbox", "drill" */
	SIG_OWN,            /* "I wrote", "my part", "a teammate", "the platform team" */
	SIG_DEFLECT,        /* "what are you guys using", "work it out together" */
	SIG_DISMISSIVE,     /* "like I said", "it's standard", "overcomplicate" */
	SIG_HOSTILE,        /* "have you actually", "why would you" */
	SIG_CONCEDE,        /* "fair point", "reasonable", "I'd agree" */
	SIG_CONCEDE_PARTIAL,/* "sure", "I get that", "you could" */
	SIG_FOLD,           /* "let's just do that", "probably the better choice" */
	SIG_STORY,          /* "we had", "I was", "at my last" */
	SIG_COUNT
} signal_kind;

typedef struct signal_hit {
	int count;          /* sum over the lexicon's phrases of sentences matched */
	long first;         /* first sentence with a hit, -1 when none */
} signal_hit;

typedef struct answer_signals {
	size_t words;
	size_t sentences;
	bool empty;             /* nothing said, or only filler */
	bool vague;             /* short, hedged or without any concrete detail */
	bool admits_gap;        /* "I haven't done that", "I don't know", "I'm not sure how" */
	bool next_step;         /* a concrete way to close a gap: "I'd check...", "I'd test it in a sandbox" */
	bool separates_own;     /* separates what they did from what others did / what they read */
	bool deflects;          /* answers with a question back instead of an answer */
	bool it_depends;        /* "it depends" */
	bool resolves_depends;  /* ... followed by the conditions and a choice */
	bool commits;           /* commits to a choice: "I'd pick", "I chose", "we went with" */
	int hedges;             /* "kind of", "I think maybe", "probably", "sort of" */
	int tradeoffs;          /* "trade-off", "at the cost of", "but then", "the downside" */
	int conditions;         /* "if ...", "when ...", "unless", "assuming" */
	int numbers_with_units; /* "300 ms", "5k rps", "40%", "2 GB" */
	int first_person;       /* "I ", "my " */
	int team_voice;         /* "we ", "the team" */
	int overclaims;         /* "expert", "everything", "always", "never failed", "bread and butter" */
	int dismissive;         /* "it's standard", "everyone does", "obviously" */
	int concedes;           /* "fair point", "you're right", "good point" */

	/* Added for the scorer. */
	int numbers;            /* any number, with or without a unit */
	int tech_terms;         /* tokens that look technical: digits, camelCase, ACRONYMS, snake_case, a.b */
	int named_terms;        /* capitalised words inside a sentence (tools, products) */
	int story_sentences;    /* first person with a past-tense verb or "we use/run/have" */
	bool own_action;        /* "I" directly followed by a past-tense verb */
	int questions;          /* sentences ending in '?' */
	signal_hit hit[SIG_COUNT];
} answer_signals;

void signals_analyze(const char *answer, answer_signals *out);
/* The same from an already split text (no copy of the text is made). */
void signals_analyze_text(const match_text *t, const char *answer, answer_signals *out);

/*
 * Phrase lexicons: a NULL-terminated array of phrases in the pattern
 * language of match.h written with single spaces ("i d check", "throttl*";
 * a lone "*" is any one word). Returns the sum over phrases of the number
 * of sentences the phrase occurs in; *first (optional) gets the first such
 * sentence or -1.
 *
 * The built-in lexicons are compiled when grill is built. Any other list
 * is compiled on its first use and kept, known by its address and
 * checked against a copy of its phrases on every call (so a list whose
 * phrases change in place is compiled again): calling these often with
 * the same list costs one comparison of the phrases, not a compilation.
 * Up to 32 lists besides the built-in lexicons are kept.
 */
int signals_lexicon_count(const match_text *t, const char *const *phrases, long *first);
/* True when any phrase occurs in sentence s. */
bool signals_lexicon_in_sentence(const match_text *t, const char *const *phrases, size_t s);
/* The built-in lexicon of a signal kind (for evidence and tests). */
const char *const *signals_lexicon(signal_kind k);
/* "hedge", "filler", ... for messages. */
const char *signal_kind_name(signal_kind k);

/* True for a word that reads as a past-tense verb ("had", "changed"). */
bool signals_is_past_verb(const char *word, size_t len);
/* Numbers followed by a unit, or written with one ("300ms", "40%"). */
int signals_numbers_with_units(const char *text);

#endif
