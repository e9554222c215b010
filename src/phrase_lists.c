/*
 * The built-in phrase lists: the answer-signal lexicons (docs/scoring.md
 * explains each) and the word lists the signals read beside them.
 *
 * Each lexicon entry is a family of phrasings rather than one
 * transcript's wording: a pattern word may list alternatives separated by
 * '|' ("never used|run|ran"), any alternative may end in '*' for a
 * prefix, and a lone '*' is any word.
 */
#include "phrase_lists.h"

#include <stddef.h>

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

const char *const *const phrase_lists[PHRASE_LIST_COUNT] = {
	[SIG_HEDGE] = lex_hedge,
	[SIG_FILLER] = lex_filler,
	[SIG_PRECISION] = lex_precision,
	[SIG_ABSOLUTE] = lex_absolute,
	[SIG_OVERCLAIM] = lex_overclaim,
	[SIG_BECAUSE] = lex_because,
	[SIG_CONDITION] = lex_cond,
	[SIG_TRADEOFF] = lex_trade,
	[SIG_DEPENDS] = lex_depends,
	[SIG_COMMIT] = lex_commit,
	[SIG_ASSUME] = lex_assume,
	[SIG_GAP] = lex_gap,
	[SIG_NEXT_STEP] = lex_nextstep,
	[SIG_OWN] = lex_own,
	[SIG_DEFLECT] = lex_deflect,
	[SIG_DISMISSIVE] = lex_dismiss,
	[SIG_HOSTILE] = lex_hostile,
	[SIG_CONCEDE] = lex_concede_strong,
	[SIG_CONCEDE_PARTIAL] = lex_concede_partial,
	[SIG_FOLD] = lex_fold,
	[SIG_STORY] = lex_story,
	[PHRASE_LIST_OWN_SETUP] = lex_own_setup,
	[PHRASE_LIST_IRREGULAR_PAST] = irregular_past,
	[PHRASE_LIST_NUMBER_WORDS] = number_words,
	[PHRASE_LIST_UNITS] = units,
};
