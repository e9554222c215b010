/*
 * Answer signals: what the wording of an answer shows, with no bank and no
 * network. Phrase lexicons are matched word by word on the text as
 * match.h cuts it (lower case, apostrophes split words: "I'd" is "i d").
 */
#include "grill/signals.h"

#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"
#include "lexicon.h"
#include "phrase_lists.h"

static const char *const signal_names[SIG_COUNT] = {
	"hedge", "filler", "precision", "absolute", "overclaim", "because", "condition", "tradeoff",
	"depends", "commit", "assume", "gap", "next_step", "own", "deflect", "dismissive", "hostile",
	"concede", "concede_partial", "fold", "story",
};

const char *const *signals_lexicon(signal_kind k)
{
	return (unsigned)k < SIG_COUNT ? phrase_lists[k] : NULL;
}

const char *signal_kind_name(signal_kind k)
{
	return (unsigned)k < SIG_COUNT ? signal_names[k] : "?";
}

/* ---- phrase matching (lexicon.h) ---- */

/* Words [from, to) of t as the lexicons read them. Caller frees. */
static lexicon_word *text_words_new(const match_text *t, size_t from, size_t to)
{
	size_t n = to - from;
	lexicon_word *words = xmalloc((n + 1) * sizeof(*words));

	for (size_t i = 0; i < n; i++) {
		words[i].s = match_text_word(t, from + i, &words[i].len);
		words[i].sentence = match_text_word_sentence(t, from + i);
	}
	lexicon_words_prepare(words, n);
	return words;
}

/* The index of built-in list k (phrase_lists.h), compiled when grill was built. */
static const lexicon_index *builtin_index(size_t k)
{
	return &phrase_list_indexes[k];
}

/* Is w (len bytes) a word of list k (PHRASE_LIST_IRREGULAR_PAST, ...)? */
static bool is_listed(size_t k, const char *w, size_t len)
{
	return lexicon_index_has_word(builtin_index(k), w, len);
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
	for (size_t k = 0; k < PHRASE_LIST_COUNT; k++)
		if (phrases == phrase_lists[k])
			return builtin_index(k);
	return kept_index(phrases);
}

int signals_lexicon_count(const match_text *t, const char *const *phrases, long *first)
{
	size_t n = match_text_word_count(t);
	lexicon_word *words;
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
	lexicon_word *words;
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
	       is_listed(PHRASE_LIST_IRREGULAR_PAST, word, len);
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

	if (is_listed(PHRASE_LIST_NUMBER_WORDS, w, strlen(w)))
		return true;
	if (!is_digit(w[0]))
		return false;
	while (is_digit(w[i]) || w[i] == '.' || w[i] == ',')
		i++;
	return w[i] == '\0' || strcmp(w + i, "%") == 0 || is_listed(PHRASE_LIST_UNITS, w + i, strlen(w + i));
}

/* "40%", "300ms", "2gb": a number written with its unit. */
static bool has_attached_unit(const char *w)
{
	size_t i = 0;

	if (!is_digit(w[0]))
		return false;
	while (is_digit(w[i]) || w[i] == '.' || w[i] == ',')
		i++;
	return w[i] != '\0' && (strcmp(w + i, "%") == 0 || is_listed(PHRASE_LIST_UNITS, w + i, strlen(w + i)));
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
		if (number && (has_attached_unit(cur) || (q && is_listed(PHRASE_LIST_UNITS, next, strlen(next)))))
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

static bool word_is(const lexicon_word *w, const char *lit)
{
	return w->len == strlen(lit) && memcmp(w->s, lit, w->len) == 0;
}

/* signals_is_past_verb for a word already read. */
static bool is_past_word(const lexicon_word *w)
{
	return (w->len > 3 && w->s[w->len - 2] == 'e' && w->s[w->len - 1] == 'd') ||
	       lexicon_index_any(builtin_index(PHRASE_LIST_IRREGULAR_PAST), w, 1);
}

static void scan_sentences(const match_text *t, const lexicon_word *words, size_t nw, answer_signals *out)
{
	size_t ns = match_text_sentence_count(t), i, s;
	bool *first_person = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *past = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *team = xcalloc(ns ? ns : 1, sizeof(bool));
	bool *singular = xcalloc(ns ? ns : 1, sizeof(bool));

	for (i = 0; i < nw; i++) {
		const lexicon_word *w = &words[i];

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
		    (past[s] || lexicon_index_any(builtin_index(PHRASE_LIST_OWN_SETUP), words + from, i - from)))
			out->story_sentences++;
	}
	free(first_person);
	free(past);
	free(team);
	free(singular);
}

void signals_analyze_text(const match_text *t, const char *answer, answer_signals *out)
{
	lexicon_word *words;

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
