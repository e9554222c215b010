/*
 * Answer signals: what the wording of an answer shows, with no bank and no
 * network. Phrase lexicons are matched word by word on the text as
 * match.h cuts it (lower case, apostrophes split words: "I'd" is "i d").
 */
#include "grill/signals.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

/* ---- lexicons (docs/scoring.md explains each) ----
 *
 * Each entry is a family of phrasings rather than one transcript's wording:
 * a pattern word may list alternatives separated by '|' ("never used|run|ran"),
 * any alternative may end in '*' for a prefix, and a lone '*' is any word.
 */

static const char *const lex_hedge[] = {
	"i think", "i guess", "i believe", "i reckon", "i suppose", "i feel like", "kind of", "sort of",
	"kinda", "sorta", "probably", "maybe", "perhaps", "possibly", "presumably", "i m not sure",
	"not a hundred percent", "fairly sure", "pretty sure", "if i remember", "if i recall",
	"or something", "something like that", "something along", "along those lines", "or whatever",
	"um|uh|erm|er|hmm", "i d say", "more or less", NULL
};

static const char *const lex_filler[] = {
	"basically", "honestly", "you know", "i mean", "stuff", "pretty", "super", "yeah", "totally",
	"whole", "thing", "actually", "really", "anyway", "literally", "at the end of the day",
	NULL
};

static const char *const lex_precision[] = {
	"rather than", "per", "default", "at most", "at least", "instead of", "up to", "roughly",
	"only", "still", "under", "behind", NULL
};

static const char *const lex_absolute[] = {
	"always", "never", "definitely", "anymore", "no need", "don t need", "don t really", "solved",
	"whole point", "huge", "completely", "totally", "only sane", "just works", "out of the box",
	"nobody", "no one", "everyone", "everybody", "everything", "all the time", "no problem",
	"the only", "guarantee*", "not really a thing", "exactly once", "you just", "it s all",
	"every single", "no matter", "non issue", "all you need", "job done", "simple as that",
	"end of story", "massively", "for no benefit", "no benefit", NULL
};

/* Claims of depth or standing, not of a single action ("I built X" is a story). */
static const char *const lex_overclaim[] = {
	"bread and butter", "inside out", "as well as anyone", "better than anyone", "go to person",
	"go to guy", "the * person at", "expert", "guru", "all day", "in my sleep", "single handed*",
	"singlehanded*", "all by myself", "i designed the whole", "i built the whole", "i built our whole",
	"i wrote the whole", "the whole setup", "the whole pipeline", "the whole platform",
	"i * every cluster|service|system|pipeline", "deal with a lot", "i basically", "i know it",
	"know it well", "know it inside", "most comfortable", "i did a lot", "where i live",
	"no part of it", "nothing i haven t", "i ve done it all", "seen it all", "people escalate",
	"escalate to me", "come to me", "i literally", "never once", "this one s easy", NULL
};

static const char *const lex_because[] = {
	"because", "since", "so that", "which means", "that s why", "which is why", "the reason",
	"that way", "otherwise", "means", "due to", "therefore", "hence", "as a result", "to avoid",
	"to prevent", "so the|you|i|a|it|we|they|there|if|one|no|any|all|nothing|only|every|each",
	NULL
};

static const char *const lex_cond[] = {
	"if", "unless", "assuming", "as long as", "when", "whenever", "only when", "until",
	"in that case", "in which case", "depending on", "provided", NULL
};

static const char *const lex_trade[] = {
	"but", "rather than", "instead of", "whereas", "the cost", "costs", "trade off*", "tradeoff*",
	"downside", "the catch", "catches", "at the expense", "versus", "vs", "on the other hand",
	"pay for", "pay", "price", "worth", "cheap*", "expensive", "overhead", "risk", NULL
};

/* "it depends" and its relatives: the answer declines to pick. */
static const char *const lex_depends[] = {
	"it depends", "depends on", "really depends", "it could still depend", "case by case",
	"no single right answer", "no one size", "there s no one", "no right answer",
	"isn t a right answer", "not a right answer", "no correct answer", "all about trade offs",
	"pros and cons", "comes down to", "it varies", "some companies|teams|people do", NULL
};

/* A choice: "I'd / I would / I + habit verb" and the team's past choices. */
static const char *const lex_commit[] = {
	"i d|would go|pick|choose|use|keep|start|put|set|recommend|add|key|lean|favour|favor|stick|take|default|prefer|only|leave|make|run|shard|split|cap|alarm|alert",
	"i go|pick|choose|use|keep|start|put|set|size|prefer|alarm|alert|default|lean|key|shard|cap",
	"i chose", "we went with", "i went with", "we chose", "we picked", "i picked", "we opted",
	"i opted", "my default", "my pick", "my choice", "my preference", "so i d", "so my",
	"i d still", "i d hold off", "my starting assumption", NULL
};

static const char *const lex_assume[] = {
	"assuming", "assumption", "let me assume", "i d assume", "i ll assume", "i will assume",
	"given that", "if we can", "say it s", "let s say", NULL
};

/* Admitting a limit: not knowing, not having done, knowing only second hand. */
static const char *const lex_gap[] = {
	"i haven t", "i have not", "i ve not",
	"never used|run|ran|operated|touched|tested|configured|tuned|restored|done|debugged|deployed|managed|owned|tried|implemented|written|migrated|upgraded|administered|maintained|installed|worked|dealt|needed|set",
	"never had to",
	"haven t had to", "not myself", "not personally", "never personally", "not hands on",
	"no hands on", "don t know", "do not know", "no idea", "no clue", "not sure", "not certain",
	"unsure", "not familiar", "unfamiliar", "don t remember", "do not remember", "can t remember",
	"can t recall", "don t recall", "i forget", "i couldn t tell you", "couldn t say",
	"can t say for sure", "only partly", "i m thin", "on thin ice", "rusty", "a gap now|in|for", "my gap",
	"outside what i", "outside my", "beyond what i", "beyond my", "not my area",
	"not something i ve", "i wouldn t bet", "i d be guessing", "be making it up",
	"i d|would have|need to look|check|verify", "i d|would want to verify", "from the docs",
	"from reading", "only read", "read about", "from a talk|blog|course", "i don t actually",
	"i wasn t", "i was not", "i only use", "only using", "a consumer of", NULL
};

/* A concrete way to close a gap: an action to find out, not "read up" or "ask someone". */
static const char *const lex_nextstep[] = {
	"i d|would|will|ll test|check|try|run|measure|benchmark|reproduce|profile|trace|verify|confirm|compare|rehearse|prototype|instrument|dig|pull|replay|simulate|inspect|time|load|build|spin|stand|enable|turn|capture|graph|grep|diff",
	"i d|would|will|ll start|begin with|by", "i d|would want to see|check|test|measure|try|run",
	"i d|would look at", "i d|would set up", "first thing i d", "before touching", "in a sandbox",
	"scratch cluster", "test cluster", "in staging", "on staging", "restored snapshot",
	"load test*", "drill", "see it for myself", "see for myself", "find out by", NULL
};

/* Separating what the candidate did from what others did. */
static const char *const lex_own[] = {
	"i was one of", "my part", "my role", "my job", "i wrote", "a teammate", "teammates",
	"a colleague", "colleagues", "i owned", "i own", "responsible for", "my service", "i was the",
	"i was on call", "the * team", "another team", "dbas", "tech lead", "on call lead",
	"i proposed", "i made the change", "i set", "i changed", "i pulled", "i turned on", "i swapped",
	"i added", "i took over", "i tagged", "i led", "i was", "i ran", "i drove", "i did",
	"i look after", "i looked after", "i maintain*", "i only use", "a consumer of", NULL
};

/* Handing the question back or putting off the answer. */
static const char *const lex_deflect[] = {
	"what are you guys", "what do you guys", "how do you guys", "what does your", "what do you use",
	"what are you using", "what are you running", "your setup first", "understand your setup",
	"depends on your setup", "i d want to sit down", "sit down with whoever", "work it out together",
	"figure it out together", "figure out together", "go from there", "what s your current",
	"before i answer", "i d rather hear", NULL
};

/* Waving the point away instead of answering it. */
static const char *const lex_dismiss[] = {
	"like i said", "as i said", "i already said", "not sure why", "there s a reason",
	"for a reason", "fine in theory", "ceremony", "just works", "standard stuff", "pretty standard",
	"it s standard", "industry standard", "best practice", "everyone does", "everybody does",
	"nobody serious", "no one serious", "that s how it s done", "that s just how",
	"that s how i d do it", "i d stick with that", "obviously", "overcomplicat*", "overengineer*",
	"overthink*", "paranoi*", "a solved problem", "the old way", "for no reason",
	"i don t see the|what problem|issue|point", "don t see what s wrong", "i m confident on|about",
	"get better at", "go around in circles", "keeps coming up", "worked on every", "never had a|an|any problem|issue", NULL
};

/* Turning on the interviewer: their competence, their team, their sources. */
static const char *const lex_hostile[] = {
	"have you actually", "have you ever actually", "did you actually", "do you even",
	"have you measured", "are you sure you", "why would you", "with respect", "no offence",
	"no offense", "i don t think you", "you clearly", "clearly you", "you obviously",
	"you don t understand", "whoever set|built|designed|wrote|decided|thought|s", "i m guessing you",
	"sounds like you", "sounds like your", "never been paged", "don t want to learn",
	"you people", "ridiculous", "nonsense", NULL
};

/* Crediting the challenger's point. */
static const char *const lex_concede_strong[] = {
	"reasonable", "are fine", "is fine", "fine for", "fair", "i d agree", "i agree", "agreed",
	"you re right", "you are right", "you re not wrong", "good point", "good catch", "well spotted",
	"valid", "legitimate", "that s true", "it s true", "has a point", "have a point",
	"got a point", "something in that", "something to that", "good thing to push on",
	"good challenge", "makes sense", "i ll give you", "i ll grant", "i grant", "i take your point",
	"i missed", "i skated", "i glossed", "i overlooked", "hadn t considered", "didn t consider",
	"hadn t thought", "i was wrong", "i stand corrected", "is real", "is a real", "that works",
	"would work", NULL
};

static const char *const lex_concede_partial[] = {
	"sure", "i get that", "i get the", "you could", "granted", "i see the", "i see your",
	"i take the", "point taken", "i can see", "to be fair", "admittedly", "i ll admit", "i admit",
	NULL
};

/* Dropping the position at the first push. */
static const char *const lex_fold[] = {
	"let s just", "let s do that", "let s go with", "let s use", "probably the better choice",
	"strong attachment", "i ll go with", "i ll use", "i ll switch", "happy to switch",
	"happy to go with", "i d go with * then", "then that s probably", "i don t think it s worth",
	"we can do that instead", "your way", "you know best", "i don t mind", "fine by me",
	"works for me", NULL
};

static const char *const lex_story[] = {
	"we had", "we were", "i was", "we ran", "we used", "we moved", "we built", "we started",
	"we set", "we saw", "we got", "we use", "we run", "we have", "at my", "my last", "my current",
	"my previous", "my old", "last year", "i owned", "i pulled", "it was my", "i learned", "i took",
	"i noticed", "i diagnosed", "we found", "we figured", "we looked", "we swapped", "i wrote",
	"we rewrote", "we made", "we deployed", "we did", "i did", "i changed", "i made", "i proposed",
	NULL
};

static const char *const *const lexicons[SIG_COUNT] = {
	lex_hedge, lex_filler, lex_precision, lex_absolute, lex_overclaim, lex_because, lex_cond,
	lex_trade, lex_depends, lex_commit, lex_assume, lex_gap, lex_nextstep, lex_own, lex_deflect,
	lex_dismiss, lex_hostile, lex_concede_strong, lex_concede_partial, lex_fold, lex_story,
};

static const char *const signal_names[SIG_COUNT] = {
	"hedge", "filler", "precision", "absolute", "overclaim", "because", "condition", "tradeoff",
	"depends", "commit", "assume", "gap", "next_step", "own", "deflect", "dismissive", "hostile",
	"concede", "concede_partial", "fold", "story",
};

/* Irregular past tenses that show up in production stories. */
static const char *const irregular_past[] = {
	"began", "broke", "brought", "built", "came", "caught", "chose", "cut", "did", "drove", "fell",
	"felt", "found", "gave", "got", "had", "kept", "knew", "learned", "led", "left", "lost", "made",
	"meant", "met", "owned", "paid", "pulled", "put", "ran", "rose", "said", "saw", "sent", "set",
	"shut", "sold", "spent", "stood", "thought", "told", "took", "was", "went", "were", "won",
	"wrote", NULL
};

/* Present-tense phrases that describe the candidate's own set-up. */
static const char *const lex_own_setup[] = {
	"we use", "we run", "we have", "we keep", "we alert", "i own", "i look after", "i maintain",
	"used to", NULL
};

static const char *const number_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
	"thousand", "dozen", NULL
};

static const char *const units[] = {
	"ms", "millisecond", "milliseconds", "second", "seconds", "sec", "secs", "s", "minute",
	"minutes", "min", "mins", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
	"year", "years", "percent", "%", "gb", "gig", "gigs", "gib", "mb", "mib", "kb", "tb", "core",
	"cores", "rps", "qps", "request", "requests", "message", "messages", "page", "pages",
	"replica", "replicas", "pod", "pods", "node", "nodes", "connection", "connections", "thread",
	"threads", "x", "times", "k", "million", "billion", "unit", "units", "device", "devices",
	"service", "services", "engineer", "engineers", "member", "members", "shard", "shards",
	"queries", "rows", "users", "tenants", NULL
};

const char *const *signals_lexicon(signal_kind k)
{
	return (unsigned)k < SIG_COUNT ? lexicons[k] : NULL;
}

const char *signal_kind_name(signal_kind k)
{
	return (unsigned)k < SIG_COUNT ? signal_names[k] : "?";
}

/* ---- phrase matching ----
 *
 * A phrase list is compiled once into an index, and a text is read once
 * per list. Each alternative of a phrase's first word is a start; starts
 * are grouped by their first byte, so a text word meets only the starts
 * that can begin with it, and a start also knows the bytes the next word
 * may begin with. Words are compared eight bytes at a time.
 *
 * An index is one block of exact size, counted before it is filled: it
 * is built once and read for the life of the process, so it should touch
 * as little memory as it can.
 */

/*
 * The first eight bytes of s (fewer when len is shorter, zeros after
 * them) as a number, the first byte lowest, whatever the machine's byte
 * order: so the bytes a prefix covers are its low bytes.
 */
static uint64_t first8(const char *s, size_t len)
{
	uint64_t v = 0;

	for (size_t i = len < 8 ? len : 8; i-- > 0;)
		v = v << 8 | (unsigned char)s[i];
	return v;
}

/* The bits of first8 that a prefix of len bytes covers. */
static uint64_t prefix_mask(uint32_t len)
{
	return len >= 8 ? UINT64_MAX : ((uint64_t)1 << (8 * len)) - 1;
}

/*
 * Bytes fall in 63 slots, a byte's slot being its value modulo 63, so the
 * bytes a word may begin with fit in one number (lex_start.next_bits);
 * bit 63 stands for "no next word in the sentence". Bytes that share a
 * slot ('0' and 'o') are told apart when the words are compared.
 */
#define SLOT_BYTES 63
#define ANY_WORD SLOT_BYTES  /* the slot of starts that fit any word */
#define SLOTS (ANY_WORD + 1)
#define NO_NEXT_WORD ((uint64_t)1 << ANY_WORD)

static unsigned byte_slot(unsigned char b)
{
	return b % SLOT_BYTES;
}

/* A word of the text, read from the match_text once for all the lists. */
typedef struct text_word {
	const char *s;
	size_t len;
	size_t sentence;
	uint64_t head;           /* first8(s, len); words hold no NUL, so equal heads
	                          * and lengths up to 8 are equal words */
	uint64_t next_bit;       /* the bit of the next word's slot, or NO_NEXT_WORD */
	unsigned char slot;      /* byte_slot(s[0]) */
} text_word;

/* Words [from, to) of t; the last has no next word. Caller frees. */
static text_word *text_words_new(const match_text *t, size_t from, size_t to)
{
	size_t n = to - from;
	text_word *tw = xmalloc((n + 1) * sizeof(*tw));

	for (size_t i = 0; i < n; i++) {
		text_word *w = &tw[i];

		w->s = match_text_word(t, from + i, &w->len);
		w->sentence = match_text_word_sentence(t, from + i);
		w->head = first8(w->s, w->len);
		w->slot = (unsigned char)byte_slot((unsigned char)w->s[0]);
	}
	for (size_t i = 0; i < n; i++) {
		bool next = i + 1 < n && tw[i + 1].sentence == tw[i].sentence;

		tw[i].next_bit = next ? (uint64_t)1 << tw[i + 1].slot : NO_NEXT_WORD;
	}
	return tw;
}

/*
 * One alternative of a pattern word: the whole word, or with prefix set
 * the bytes a word must begin with (a lone '*' is the empty prefix: any
 * word). Its bytes past the eighth are tails[tail, tail + len - 8).
 */
typedef struct lex_alt {
	uint64_t head;           /* first8 of its bytes */
	uint32_t tail;
	unsigned len : 31, prefix : 1;
} lex_alt;

/*
 * A way for a phrase to begin: one alternative of its first word. The
 * phrase's other words follow in the index's words (see lexicon_index).
 * A phrase with no words at all matches at every word, as if it were "*".
 */
typedef struct lex_start {
	lex_alt first;
	uint64_t next_bits;      /* the next text word's bit must be one of these */
	uint32_t phrase;         /* its position in the list */
} lex_start;

/*
 * The other words of phrase p are words [phrase_words[p], phrase_words[p + 1]),
 * and the alternatives of word k are alts[word_alts[k], word_alts[k + 1]);
 * a word with none matches nothing. Slot s's starts are
 * starts[by_slot[s], by_slot[s + 1]). All in one block, this header first.
 */
typedef struct lexicon_index {
	uint32_t nphrases, nstarts, nwords, nalts, ntails;
	uint32_t by_slot[SLOTS + 1];
	const lex_start *starts;
	const lex_alt *alts;
	const uint32_t *phrase_words;  /* nphrases + 1 */
	const uint32_t *word_alts;     /* nwords + 1 */
	const unsigned char *tails;
} lexicon_index;

static bool alt_matches(const lexicon_index *x, const lex_alt *a, const text_word *w)
{
	if (a->prefix ? (w->head & prefix_mask(a->len)) != a->head || w->len < a->len
	              : w->head != a->head || w->len != a->len)
		return false;
	return a->len <= 8 || memcmp(w->s + 8, x->tails + a->tail, a->len - 8) == 0;
}

static bool word_matches(const lexicon_index *x, uint32_t k, const text_word *w)
{
	for (uint32_t j = x->word_alts[k]; j < x->word_alts[k + 1]; j++)
		if (alt_matches(x, &x->alts[j], w))
			return true;
	return false;
}

/* Can the start's phrase begin at word w? Its first word, and the next word's first byte. */
static inline bool start_fits(const lexicon_index *x, const lex_start *ps, const text_word *w)
{
	return (ps->next_bits & w->next_bit) && alt_matches(x, &ps->first, w);
}

/* Do the start's other words follow word w, before end and in w's sentence? */
static bool rest_matches(const lexicon_index *x, const lex_start *ps, const text_word *w,
                         const text_word *end)
{
	const text_word *v = w;

	for (uint32_t k = x->phrase_words[ps->phrase]; k < x->phrase_words[ps->phrase + 1]; k++)
		if (++v >= end || v->sentence != w->sentence || !word_matches(x, k, v))
			return false;
	return true;
}

/* ---- compiling a list ----
 *
 * The same walk over the phrases runs twice: once to count (b->x is
 * NULL), once to fill the block that the counts sized.
 */
typedef struct index_builder {
	lexicon_index *x;        /* NULL while counting */
	lex_start *starts;
	lex_alt *alts;
	uint32_t *phrase_words, *word_alts;
	unsigned char *tails;
	uint32_t nstarts, nwords, nalts, ntails;
	uint32_t slot_starts[SLOTS];  /* counting: each slot's starts; filling: where the next goes */
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
static lex_alt make_alt(index_builder *b, const char *s, size_t len)
{
	lex_alt a = { 0 };

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

/* The slot of a start: its first byte's, ANY_WORD, or -1 for the empty word, which fits none. */
static int alt_slot(const lex_alt *a, const char *s)
{
	if (a->len > 0)
		return (int)byte_slot((unsigned char)s[0]);
	return a->prefix ? ANY_WORD : -1;
}

static bool is_any_word(const char *alt, size_t len)
{
	return len == 1 && alt[0] == '*';
}

static void add_start(index_builder *b, const lex_alt *first, int slot, uint64_t next_bits, uint32_t phrase)
{
	if (b->x)
		b->starts[b->slot_starts[slot]++] =
			(lex_start){ .first = *first, .next_bits = next_bits, .phrase = phrase };
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
		add_start(b, &(lex_alt){ .prefix = 1 }, ANY_WORD, UINT64_MAX, no);
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
			lex_alt a = make_alt(b, alt, len);
			int slot = alt_slot(&a, alt);

			/* the bytes a word may begin with to follow the first */
			if (second && slot == ANY_WORD)
				next_bits |= ~NO_NEXT_WORD;
			else if (second && slot >= 0)
				next_bits |= (uint64_t)1 << slot;
			if (b->x)
				b->alts[b->nalts] = a;
			b->nalts++;
		}
	}
	for (p = phrase; next_alt(&p, &alt, &len);) {
		lex_alt a;
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

/*
 * Compiles a NULL-terminated phrase list (NULL: none) into one block.
 * Caller frees with lexicon_index_free.
 */
static lexicon_index *lexicon_index_new(const char *const *phrases)
{
	index_builder b = { 0 };
	lexicon_index *x;
	uint32_t n = 0, at = 0;
	size_t size;
	char *block;

	while (phrases && phrases[n])
		n++;
	add_phrases(&b, phrases, n);
	size = sizeof(*x) + b.nstarts * sizeof(*b.starts) + b.nalts * sizeof(*b.alts) +
	       (n + 1 + b.nwords + 1) * sizeof(uint32_t) + b.ntails;
	block = xmalloc(size);
	x = (lexicon_index *)block;
	*x = (lexicon_index){ .nphrases = n, .nstarts = b.nstarts, .nwords = b.nwords, .nalts = b.nalts,
	                      .ntails = b.ntails };
	for (size_t s = 0; s < SLOTS; s++) {
		x->by_slot[s] = at;
		at += b.slot_starts[s];
		b.slot_starts[s] = x->by_slot[s];
	}
	x->by_slot[SLOTS] = at;
	b.starts = (lex_start *)(block + sizeof(*x));
	b.alts = (lex_alt *)(b.starts + b.nstarts);
	b.phrase_words = (uint32_t *)(b.alts + b.nalts);
	b.word_alts = b.phrase_words + n + 1;
	b.tails = (unsigned char *)(b.word_alts + b.nwords + 1);
	x->starts = b.starts;
	x->alts = b.alts;
	x->phrase_words = b.phrase_words;
	x->word_alts = b.word_alts;
	x->tails = b.tails;
	/* the same walk again, filling the block */
	b.x = x;
	b.nstarts = b.nwords = b.nalts = b.ntails = 0;
	add_phrases(&b, phrases, n);
	return x;
}

static void lexicon_index_free(lexicon_index *x)
{
	free(x);
}

/*
 * The phrases of slot's starts that match at word w and had not matched
 * in its sentence yet (last[phrase]: the sentence of its last match).
 */
static int hits_at(const lexicon_index *x, size_t slot, const text_word *w, const text_word *end,
                   size_t *last)
{
	int hits = 0;

	for (uint32_t j = x->by_slot[slot]; j < x->by_slot[slot + 1]; j++) {
		const lex_start *ps = &x->starts[j];

		if (start_fits(x, ps, w) && last[ps->phrase] != w->sentence && rest_matches(x, ps, w, end)) {
			last[ps->phrase] = w->sentence;
			hits++;
		}
	}
	return hits;
}

/*
 * One pass over the n words: each phrase adds the number of sentences it
 * occurs in; *first (optional) gets the first such sentence or -1.
 */
static int lexicon_index_count(const lexicon_index *x, const text_word *words, size_t n, long *first)
{
	size_t last_few[128], *last;
	const text_word *end = words + n;
	int count = 0;

	if (first)
		*first = -1;
	last = x->nphrases <= sizeof(last_few) / sizeof(last_few[0]) ? last_few
	                                                            : xmalloc(x->nphrases * sizeof(*last));
	for (size_t k = 0; k < x->nphrases; k++)
		last[k] = SIZE_MAX;
	for (const text_word *w = words; w < end; w++) {
		int hits = hits_at(x, w->slot, w, end, last) + hits_at(x, ANY_WORD, w, end, last);

		if (hits > 0 && first && *first < 0)
			*first = (long)w->sentence;
		count += hits;
	}
	if (last != last_few)
		free(last);
	return count;
}

static bool any_at(const lexicon_index *x, size_t slot, const text_word *w, const text_word *end)
{
	for (uint32_t j = x->by_slot[slot]; j < x->by_slot[slot + 1]; j++)
		if (start_fits(x, &x->starts[j], w) && rest_matches(x, &x->starts[j], w, end))
			return true;
	return false;
}

/* True when any phrase matches at one of the n words (and ends before the last of them does). */
static bool lexicon_index_any(const lexicon_index *x, const text_word *words, size_t n)
{
	const text_word *end = words + n;

	for (const text_word *w = words; w < end; w++)
		if (any_at(x, w->slot, w, end) || any_at(x, ANY_WORD, w, end))
			return true;
	return false;
}

/*
 * The lists of this file, compiled on first use and kept for the life of
 * the process: they never change, and no other thread reads them. The
 * signal lexicons come first, by signal_kind; the word lists after them
 * are plain words (no spaces, '|' or '*'), so a match is an equal word.
 */
enum {
	LIST_OWN_SETUP = SIG_COUNT,
	LIST_IRREGULAR_PAST,
	LIST_NUMBER_WORDS,
	LIST_UNITS,
	LIST_COUNT
};

static lexicon_index *builtin_indexes[LIST_COUNT];

static const char *const *builtin_list(size_t k)
{
	static const char *const *const word_lists[LIST_COUNT - SIG_COUNT] = {
		lex_own_setup, irregular_past, number_words, units,
	};

	return k < SIG_COUNT ? lexicons[k] : word_lists[k - SIG_COUNT];
}

static const lexicon_index *builtin_index(size_t k)
{
	if (!builtin_indexes[k])
		builtin_indexes[k] = lexicon_index_new(builtin_list(k));
	return builtin_indexes[k];
}

/* Is w (len bytes) a word of list k (LIST_IRREGULAR_PAST, ...)? */
static bool is_listed(size_t k, const char *w, size_t len)
{
	text_word tw;

	if (len == 0)
		return false; /* no list holds the empty word, and it has no first byte to read */
	tw = (text_word){ .s = w, .len = len, .head = first8(w, len), .next_bit = NO_NEXT_WORD,
	                  .slot = (unsigned char)byte_slot((unsigned char)w[0]) };
	return lexicon_index_any(builtin_index(k), &tw, 1);
}

/*
 * Other lists (the scorer's) are kept as well, by address, each compiled
 * from a copy of its phrases. A kept list is used only while the caller's
 * phrases still read the same as the copy, so a list at a reused address
 * (a compound literal, a buffer filled again) is compiled afresh instead
 * of matched with phrases it no longer has. At most LISTS_KEPT are kept;
 * a new one replaces the least recently used.
 */
#define LISTS_KEPT 32

typedef struct kept_list {
	const char *const *phrases;  /* the caller's address; NULL: free slot */
	char **copy;                 /* NULL-terminated, in one block */
	lexicon_index *index;        /* compiled from copy */
	unsigned long used;          /* when last looked up */
} kept_list;

static kept_list kept_lists[LISTS_KEPT];
static unsigned long kept_clock;

static bool same_phrases(char *const *copy, const char *const *phrases)
{
	for (; *copy && *phrases; copy++, phrases++)
		if (strcmp(*copy, *phrases) != 0)
			return false;
	return !*copy && !*phrases;
}

/* A copy of the list in one block: the pointers, then the text. Caller frees. */
static char **copy_phrases(const char *const *phrases)
{
	size_t n = 0, bytes = 0;
	char **copy, *text;

	for (; phrases[n]; n++)
		bytes += strlen(phrases[n]) + 1;
	copy = xmalloc((n + 1) * sizeof(*copy) + bytes);
	text = (char *)(copy + n + 1);
	for (size_t k = 0; k < n; k++) {
		size_t len = strlen(phrases[k]) + 1;

		copy[k] = memcpy(text, phrases[k], len);
		text += len;
	}
	copy[n] = NULL;
	return copy;
}

static const lexicon_index *kept_index(const char *const *phrases)
{
	kept_list *slot = &kept_lists[0];

	for (size_t k = 0; k < LISTS_KEPT; k++) {
		kept_list *kl = &kept_lists[k];

		if (kl->phrases == phrases && same_phrases(kl->copy, phrases)) {
			kl->used = ++kept_clock;
			return kl->index;
		}
		if (kl->used < slot->used)
			slot = kl;
	}
	/* the address is new or its phrases changed: replace the least recently used */
	lexicon_index_free(slot->index);
	free(slot->copy);
	slot->phrases = phrases;
	slot->copy = copy_phrases(phrases);
	slot->index = lexicon_index_new((const char *const *)slot->copy);
	slot->used = ++kept_clock;
	return slot->index;
}

/* The index of a non-NULL phrase list. */
static const lexicon_index *index_of(const char *const *phrases)
{
	for (size_t k = 0; k < LIST_COUNT; k++)
		if (phrases == builtin_list(k))
			return builtin_index(k);
	return kept_index(phrases);
}

int signals_lexicon_count(const match_text *t, const char *const *phrases, long *first)
{
	size_t n = match_text_word_count(t);
	text_word *words;
	int count;

	if (!phrases) {
		if (first)
			*first = -1;
		return 0;
	}
	words = text_words_new(t, 0, n);
	count = lexicon_index_count(index_of(phrases), words, n, first);
	free(words);
	return count;
}

/* The words of sentence s: [*from, *to). Sentence numbers never fall along the words. */
static void sentence_words(const match_text *t, size_t s, size_t *from, size_t *to)
{
	size_t n = match_text_word_count(t), lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (match_text_word_sentence(t, mid) < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = lo;
	while (hi < n && match_text_word_sentence(t, hi) == s)
		hi++;
	*to = hi;
}

bool signals_lexicon_in_sentence(const match_text *t, const char *const *phrases, size_t s)
{
	size_t from, to;
	text_word *words;
	bool found;

	sentence_words(t, s, &from, &to);
	if (!phrases || from == to)
		return false;
	words = text_words_new(t, from, to);
	found = lexicon_index_any(index_of(phrases), words, to - from);
	free(words);
	return found;
}

/* ---- token classes ---- */

bool signals_is_past_verb(const char *word, size_t len)
{
	return (len > 3 && word[len - 2] == 'e' && word[len - 1] == 'd') ||
	       is_listed(LIST_IRREGULAR_PAST, word, len);
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

static bool is_trim_char(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
	       c == ')' || c == '"' || c == '\'';
}

/* A whitespace-separated token with surrounding punctuation trimmed. */
typedef struct token {
	const char *s;
	size_t len;
	bool ends_sentence;  /* the raw token ended with . ? ! or : */
} token;

static const char *next_token(const char *p, token *tk)
{
	const char *start, *end;

	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	if (!*p)
		return NULL;
	start = p;
	while (*p && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
		p++;
	end = p;
	tk->ends_sentence = end > start && (end[-1] == '.' || end[-1] == '?' || end[-1] == '!' || end[-1] == ':');
	while (start < end && is_trim_char(*start))
		start++;
	while (end > start && is_trim_char(end[-1]))
		end--;
	tk->s = start;
	tk->len = (size_t)(end - start);
	return p;
}

/* Digits, camelCase, ACRONYMS, snake_case or a.b: reads as a technical term. */
static bool token_is_technical(const token *tk)
{
	size_t i, upper = 0, lower_tail = 0;
	const char *s = tk->s;

	if (tk->len == 0)
		return false;
	for (i = 0; i < tk->len; i++) {
		if (is_digit(s[i]) || s[i] == '_')
			return true;
		if (i > 0 && is_lower(s[i - 1]) && is_upper(s[i]))
			return true;
		if (i > 0 && i + 1 < tk->len && s[i] == '.' && is_alnum(s[i - 1]) && is_alnum(s[i + 1]))
			return true;
	}
	/* ACRONYM, ACRONYMs, ACRONYMx: two or more capitals then at most one lower-case letter and an s */
	for (i = 0; i < tk->len && is_upper(s[i]); i++)
		upper++;
	for (; i < tk->len && is_lower(s[i]); i++)
		lower_tail++;
	return upper >= 2 && i == tk->len && lower_tail <= 2;
}

static bool is_pronoun_i(const token *tk)
{
	return tk->len >= 1 && tk->s[0] == 'I' && (tk->len == 1 || tk->s[1] == '\'');
}

static void lower_copy(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i;

	if (len >= cap)
		len = cap - 1;
	for (i = 0; i < len; i++)
		dst[i] = (char)(is_upper(s[i]) ? s[i] - 'A' + 'a' : s[i]);
	dst[len] = '\0';
}

static bool is_number_token(const char *w)
{
	size_t i = 0;

	if (is_listed(LIST_NUMBER_WORDS, w, strlen(w)))
		return true;
	if (!is_digit(w[0]))
		return false;
	while (is_digit(w[i]) || w[i] == '.' || w[i] == ',')
		i++;
	return w[i] == '\0' || strcmp(w + i, "%") == 0 || is_listed(LIST_UNITS, w + i, strlen(w + i));
}

/* "40%", "300ms", "2gb": a number written with its unit. */
static bool has_attached_unit(const char *w)
{
	size_t i = 0;

	if (!is_digit(w[0]))
		return false;
	while (is_digit(w[i]) || w[i] == '.' || w[i] == ',')
		i++;
	return w[i] != '\0' && (strcmp(w + i, "%") == 0 || is_listed(LIST_UNITS, w + i, strlen(w + i)));
}

/* Lower-cased runs of letters, digits, '%', '.' and ',' (trailing '.' and ',' dropped). */
static const char *next_number_word(const char *p, char *buf, size_t cap)
{
	const char *start;
	size_t len;

	while (*p && !(is_alnum(*p) || *p == '%'))
		p++;
	if (!*p)
		return NULL;
	start = p;
	while (is_alnum(*p) || *p == '%' || *p == '.' || *p == ',')
		p++;
	len = (size_t)(p - start);
	while (len > 0 && (start[len - 1] == '.' || start[len - 1] == ','))
		len--;
	lower_copy(buf, cap, start, len);
	return p;
}

/*
 * One pass for both counts: numbers (words that read as a number, or start
 * with a digit) and numbers with a unit, attached or in the next word.
 */
static void count_numbers(const char *text, int *numbers, int *with_units)
{
	char cur[64], next[64];
	const char *p = text ? next_number_word(text, cur, sizeof(cur)) : NULL;

	*numbers = *with_units = 0;
	while (p) {
		const char *q = next_number_word(p, next, sizeof(next));
		bool number = is_number_token(cur);

		if (number || is_digit(cur[0]))
			(*numbers)++;
		if (number && (has_attached_unit(cur) || (q && is_listed(LIST_UNITS, next, strlen(next)))))
			(*with_units)++;
		if (!q)
			break;
		memcpy(cur, next, sizeof(cur));
		p = q;
	}
}

int signals_numbers_with_units(const char *text)
{
	int numbers, with_units;

	count_numbers(text, &numbers, &with_units);
	return with_units;
}

static void scan_tokens(const char *text, answer_signals *out)
{
	token tk;
	const char *p = text;
	bool sentence_start = true;

	while ((p = next_token(p, &tk))) {
		if (token_is_technical(&tk))
			out->tech_terms++;
		else if (!sentence_start && tk.len > 1 && is_upper(tk.s[0]) && !is_pronoun_i(&tk))
			out->named_terms++;
		sentence_start = tk.ends_sentence;
	}
}

/* ---- sentence-level signals ---- */

static bool word_is(const text_word *w, const char *lit)
{
	return w->len == strlen(lit) && memcmp(w->s, lit, w->len) == 0;
}

/* signals_is_past_verb for a word already read. */
static bool is_past_word(const text_word *w)
{
	return (w->len > 3 && w->s[w->len - 2] == 'e' && w->s[w->len - 1] == 'd') ||
	       lexicon_index_any(builtin_index(LIST_IRREGULAR_PAST), w, 1);
}

static void scan_sentences(const match_text *t, const text_word *words, size_t nw, answer_signals *out)
{
	size_t ns = match_text_sentence_count(t), i, s;
	bool *first_person = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *past = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *team = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *singular = xcalloc(ns ? ns : 1, sizeof(bool));

	for (i = 0; i < nw; i++) {
		const text_word *w = &words[i];

		s = w->sentence;
		if (word_is(w, "i") || word_is(w, "my"))
			first_person[s] = singular[s] = true;
		if (word_is(w, "we") || word_is(w, "our"))
			first_person[s] = team[s] = true;
		if (is_past_word(w))
			past[s] = true;
		if (word_is(w, "i") && i + 1 < nw && w[1].sentence == s && is_past_word(&w[1]))
			out->own_action = true;
	}
	i = 0;
	for (s = 0; s < ns; s++) {
		char *text = match_text_sentence(t, s);
		size_t len = strlen(text), from = i;

		/* the sentence's words: words[from, i) */
		while (i < nw && words[i].sentence == s)
			i++;
		if (len && text[len - 1] == '?')
			out->questions++;
		free(text);
		if (singular[s])
			out->first_person++;
		if (team[s])
			out->team_voice++;
		if (first_person[s] &&
		    (past[s] || lexicon_index_any(builtin_index(LIST_OWN_SETUP), words + from, i - from)))
			out->story_sentences++;
	}
	free(first_person);
	free(past);
	free(team);
	free(singular);
}

void signals_analyze_text(const match_text *t, const char *answer, answer_signals *out)
{
	text_word *words;

	memset(out, 0, sizeof(*out));
	if (!answer)
		answer = "";
	out->words = match_text_word_count(t);
	out->sentences = match_text_sentence_count(t);
	/* the words are read from t once for all the lexicons */
	words = text_words_new(t, 0, out->words);
	for (size_t k = 0; k < SIG_COUNT; k++)
		out->hit[k].count =
			lexicon_index_count(builtin_index(k), words, out->words, &out->hit[k].first);
	scan_tokens(answer, out);
	scan_sentences(t, words, out->words, out);
	free(words);
	count_numbers(answer, &out->numbers, &out->numbers_with_units);

	out->hedges = out->hit[SIG_HEDGE].count;
	out->tradeoffs = out->hit[SIG_TRADEOFF].count;
	out->conditions = out->hit[SIG_CONDITION].count;
	out->overclaims = out->hit[SIG_OVERCLAIM].count;
	out->dismissive = out->hit[SIG_DISMISSIVE].count;
	out->concedes = out->hit[SIG_CONCEDE].count + out->hit[SIG_CONCEDE_PARTIAL].count;
	out->admits_gap = out->hit[SIG_GAP].count > 0;
	out->next_step = out->hit[SIG_NEXT_STEP].count > 0;
	out->it_depends = out->hit[SIG_DEPENDS].count > 0;
	out->commits = out->hit[SIG_COMMIT].count > 0;
	out->resolves_depends = out->it_depends && out->commits;
	out->separates_own = out->hit[SIG_OWN].count > 0 && (out->admits_gap || out->team_voice > 0);
	out->deflects = out->hit[SIG_DEFLECT].count > 0 ||
	                (out->questions > 0 && (size_t)out->questions * 2 >= out->sentences);
	out->empty = out->words <= 2;
	out->vague = !out->empty &&
	             (out->words < 25 || out->hedges * 100 >= (int)(out->words > 50 ? out->words : 50) * 3 ||
	              (out->tech_terms == 0 && out->numbers == 0 && out->named_terms == 0 && out->words < 60) ||
	              (out->it_depends && !out->resolves_depends));
}

void signals_analyze(const char *answer, answer_signals *out)
{
	match_text *t = match_text_new(answer ? answer : "");

	signals_analyze_text(t, answer, out);
	match_text_free(t);
}
