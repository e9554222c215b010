/*
 * Answer signals: what the wording of an answer shows, with no bank and no
 * network. Phrase lexicons are matched word by word on the text as
 * match.h cuts it (lower case, apostrophes split words: "I'd" is "i d").
 */
#include "grill/signals.h"

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

static bool in_list(const char *const *list, const char *w, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, w, len) == 0)
			return true;
	return false;
}

/* ---- phrase matching ---- */

/*
 * One pattern word against one text word: alternatives separated by '|',
 * each a whole word or a prefix ending in '*'; a lone '*' is any word.
 */
static bool word_matches(const char *w, size_t wlen, const char *p, size_t plen)
{
	while (plen > 0) {
		const char *bar = memchr(p, '|', plen);
		size_t alen = bar ? (size_t)(bar - p) : plen;

		if (alen > 0 && p[alen - 1] == '*') {
			if (wlen >= alen - 1 && memcmp(w, p, alen - 1) == 0)
				return true;
		} else if (wlen == alen && memcmp(w, p, alen) == 0) {
			return true;
		}
		if (!bar)
			break;
		plen -= alen + 1;
		p = bar + 1;
	}
	return false;
}

/* Does the phrase match at word i, all its words inside one sentence? */
static bool phrase_at(const match_text *t, size_t i, const char *phrase)
{
	size_t n = match_text_word_count(t), sent = match_text_word_sentence(t, i);
	const char *p = phrase;

	while (*p) {
		const char *end = strchr(p, ' ');
		size_t plen = end ? (size_t)(end - p) : strlen(p), wlen;
		const char *w;

		if (i >= n || match_text_word_sentence(t, i) != sent)
			return false;
		w = match_text_word(t, i, &wlen);
		if (!word_matches(w, wlen, p, plen))
			return false;
		i++;
		p = end ? end + 1 : p + plen;
	}
	return true;
}

/*
 * The bytes a word can start with to match the phrase's first word (one bit
 * each), so most positions are turned down without reading the phrase.
 */
typedef struct first_bytes {
	uint64_t bits[4];
} first_bytes;

static void phrase_first_bytes(const char *phrase, first_bytes *fb)
{
	const char *p = phrase;

	memset(fb, 0, sizeof(*fb));
	for (;;) {
		size_t alen = strcspn(p, "| ");

		if (alen == 0 || (alen == 1 && p[0] == '*')) {
			/* an empty or bare-wildcard alternative: any word */
			memset(fb, 0xff, sizeof(*fb));
			return;
		}
		fb->bits[(unsigned char)p[0] / 64] |= (uint64_t)1 << ((unsigned char)p[0] % 64);
		if (p[alen] != '|')
			return;
		p += alen + 1;
	}
}

static int phrase_sentences(const match_text *t, const char *phrase, long *first)
{
	size_t i, n = match_text_word_count(t), last = (size_t)-1;
	const unsigned char *starts = match_text_first_bytes(t);
	int count = 0;
	first_bytes fb;

	phrase_first_bytes(phrase, &fb);
	for (i = 0; i < n; i++) {
		size_t s;

		if (!((fb.bits[starts[i] / 64] >> (starts[i] % 64)) & 1))
			continue;
		s = match_text_word_sentence(t, i);
		if (s == last)
			continue;
		if (phrase_at(t, i, phrase)) {
			last = s;
			count++;
			if (first && (*first < 0 || (long)s < *first))
				*first = (long)s;
		}
	}
	return count;
}

int signals_lexicon_count(const match_text *t, const char *const *phrases, long *first)
{
	int count = 0;

	if (first)
		*first = -1;
	for (; phrases && *phrases; phrases++)
		count += phrase_sentences(t, *phrases, first);
	return count;
}

bool signals_lexicon_in_sentence(const match_text *t, const char *const *phrases, size_t s)
{
	size_t i, n = match_text_word_count(t);

	for (i = 0; i < n; i++) {
		size_t ws = match_text_word_sentence(t, i);

		if (ws < s)
			continue;
		if (ws > s)
			break;
		for (const char *const *p = phrases; *p; p++)
			if (phrase_at(t, i, *p))
				return true;
	}
	return false;
}

/* ---- token classes ---- */

bool signals_is_past_verb(const char *word, size_t len)
{
	if (in_list(irregular_past, word, len))
		return true;
	return len > 3 && word[len - 2] == 'e' && word[len - 1] == 'd';
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

	if (in_list(number_words, w, strlen(w)))
		return true;
	if (!is_digit(w[0]))
		return false;
	while (is_digit(w[i]) || w[i] == '.' || w[i] == ',')
		i++;
	return w[i] == '\0' || strcmp(w + i, "%") == 0 || in_list(units, w + i, strlen(w + i));
}

/* "40%", "300ms", "2gb": a number written with its unit. */
static bool has_attached_unit(const char *w)
{
	size_t i = 0;

	if (!is_digit(w[0]))
		return false;
	while (is_digit(w[i]) || w[i] == '.' || w[i] == ',')
		i++;
	return w[i] != '\0' && (strcmp(w + i, "%") == 0 || in_list(units, w + i, strlen(w + i)));
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

int signals_numbers_with_units(const char *text)
{
	char cur[64], next[64];
	const char *p = text ? next_number_word(text, cur, sizeof(cur)) : NULL;
	int count = 0;

	while (p) {
		const char *q = next_number_word(p, next, sizeof(next));

		if (is_number_token(cur)) {
			if (has_attached_unit(cur))
				count++;
			else if (q && in_list(units, next, strlen(next)))
				count++;
		}
		if (!q)
			break;
		memcpy(cur, next, sizeof(cur));
		p = q;
	}
	return count;
}

static int count_numbers(const char *text)
{
	char w[64];
	const char *p = next_number_word(text, w, sizeof(w));
	int count = 0;

	while (p) {
		if (is_number_token(w) || (is_digit(w[0])))
			count++;
		p = next_number_word(p, w, sizeof(w));
	}
	return count;
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

static bool word_is(const match_text *t, size_t i, const char *w)
{
	size_t len;
	const char *x = match_text_word(t, i, &len);

	return len == strlen(w) && memcmp(x, w, len) == 0;
}

static void scan_sentences(const match_text *t, answer_signals *out)
{
	size_t ns = match_text_sentence_count(t), nw = match_text_word_count(t), i, s;
	bool *first_person = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *past = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *team = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *singular = xcalloc(ns ? ns : 1, sizeof(bool));

	for (i = 0; i < nw; i++) {
		size_t len;
		const char *w = match_text_word(t, i, &len);

		s = match_text_word_sentence(t, i);
		if (word_is(t, i, "i") || word_is(t, i, "my"))
			first_person[s] = singular[s] = true;
		if (word_is(t, i, "we") || word_is(t, i, "our"))
			first_person[s] = team[s] = true;
		if (signals_is_past_verb(w, len))
			past[s] = true;
		if (word_is(t, i, "i") && i + 1 < nw && match_text_word_sentence(t, i + 1) == s) {
			size_t l2;
			const char *w2 = match_text_word(t, i + 1, &l2);

			if (signals_is_past_verb(w2, l2))
				out->own_action = true;
		}
	}
	for (s = 0; s < ns; s++) {
		char *text = match_text_sentence(t, s);
		size_t len = strlen(text);

		if (len && text[len - 1] == '?')
			out->questions++;
		free(text);
		if (singular[s])
			out->first_person++;
		if (team[s])
			out->team_voice++;
		if (first_person[s] && (past[s] || signals_lexicon_in_sentence(t, lex_own_setup, s)))
			out->story_sentences++;
	}
	free(first_person);
	free(past);
	free(team);
	free(singular);
}

void signals_analyze_text(const match_text *t, const char *answer, answer_signals *out)
{
	int k;

	memset(out, 0, sizeof(*out));
	if (!answer)
		answer = "";
	out->words = match_text_word_count(t);
	out->sentences = match_text_sentence_count(t);
	for (k = 0; k < SIG_COUNT; k++)
		out->hit[k].count = signals_lexicon_count(t, lexicons[k], &out->hit[k].first);
	scan_tokens(answer, out);
	scan_sentences(t, out);
	out->numbers = count_numbers(answer);
	out->numbers_with_units = signals_numbers_with_units(answer);

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
