#include "grill/match.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

/* 32-bit fields: loaders cap files far below 4 GiB. */
typedef struct word {
	uint32_t off;      /* into the lower-cased words */
	uint32_t len;
	uint32_t sentence;
} word;

/* A sentence: bytes [start, end) of the text as written. */
typedef struct sentence_span {
	uint32_t start, end;
} sentence_span;

/* A pattern's word. Banks hold tens of thousands of patterns of two or
 * three short words, so these are small: a pattern is at most
 * MATCH_PATTERN_MAX_BYTES and its words at most 255 bytes. */
typedef struct pattern_word {
	uint16_t off;      /* into the pattern's lower-cased words */
	uint8_t len;
	uint8_t prefix;    /* 1 when it ended in '*' */
} pattern_word;

/*
 * One block: this header, the words, the sentences, the lower-cased words
 * and a copy of the text. Scoring keeps one for each answer of a
 * transcript, so they should be small.
 */
struct match_text {
	const char *orig;          /* the copy of the text */
	const char *lower;         /* the words, each NUL-terminated, back to back */
	const word *words;
	const sentence_span *sent;
	size_t nwords, nsent;
};

/*
 * One block with no pointers in it: this header, the words, then the
 * lower-cased words and the source, found by offsets from the header.
 * Being position-independent, a pattern can be stored in a file and used
 * where it lies once it has been checked (match_pattern_image/_view).
 */
struct match_pattern {
	uint16_t size;       /* of the whole block */
	uint16_t nwords;
	uint16_t lower_off;
	uint16_t source_off;
	pattern_word words[];
};

#define PATTERN_LOWER(p) ((const char *)(p) + (p)->lower_off)
#define PATTERN_SOURCE(p) ((const char *)(p) + (p)->source_off)

/* What a byte is to cutting: a word byte, a byte that may end a sentence, or neither. */
enum { WORD_BYTE = 1, SENTENCE_MARK = 2 };

#define BYTE_KIND(c)                                                                                  \
	(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9') ||     \
	         (c) >= 0x80                                                                          \
	     ? WORD_BYTE                                                                              \
	     : (c) == '.' || (c) == '!' || (c) == '?' || (c) == ';' || (c) == '\n' ? SENTENCE_MARK : 0)
#define BYTE_KINDS_4(c) BYTE_KIND(c), BYTE_KIND((c) + 1), BYTE_KIND((c) + 2), BYTE_KIND((c) + 3)
#define BYTE_KINDS_16(c) BYTE_KINDS_4(c), BYTE_KINDS_4((c) + 4), BYTE_KINDS_4((c) + 8), BYTE_KINDS_4((c) + 12)
#define BYTE_KINDS_64(c) BYTE_KINDS_16(c), BYTE_KINDS_16((c) + 16), BYTE_KINDS_16((c) + 32), BYTE_KINDS_16((c) + 48)

static const unsigned char byte_kind[UCHAR_MAX + 1] = {
	BYTE_KINDS_64(0), BYTE_KINDS_64(64), BYTE_KINDS_64(128), BYTE_KINDS_64(192),
};

static bool is_word_byte(unsigned char c)
{
	return byte_kind[c] & WORD_BYTE;
}

static char lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* A sentence ends at . ! ? ; followed by space or end, and at a newline. */
static bool ends_sentence(const char *s, size_t i)
{
	char c = s[i], next = s[i + 1];

	if (c == '\n')
		return true;
	if (c == '!' || c == '?' || c == ';')
		return true;
	if (c == '.')
		return next == '\0' || next == ' ' || next == '\n' || next == '\t' || next == '"' || next == ')';
	return false;
}

/*
 * Bounds for cutting the len bytes at s, read in one quick pass: how
 * many words exactly (one begins at each word byte that follows another
 * byte or none), and at most how many sentences (one per '.', '!', '?',
 * ';' or newline, and one more). The lower-cased words take at most
 * len + 2 bytes: each word's NUL takes the place of the byte that ended
 * it, the last one's may need one more, and a last NUL ends them all.
 */
static void count_words(const char *s, size_t len, size_t *words, size_t *sentences)
{
	size_t nwords = 0, marks = 1;
	bool in_word = false;

	for (size_t i = 0; i < len; i++) {
		unsigned kind = byte_kind[(unsigned char)s[i]];

		nwords += (kind & WORD_BYTE) && !in_word;
		in_word = kind & WORD_BYTE;
		marks += kind == SENTENCE_MARK;
	}
	*words = nwords;
	*sentences = marks;
}

/* Where cutting a text puts what it finds, in arrays that count_words sized. */
typedef struct cut {
	word *words;
	uint8_t *prefix;           /* optional: 1 for a word that ended in '*' (patterns) */
	sentence_span *sent;       /* texts only */
	char *lower;
	size_t nwords, nsent, lower_len;
} cut;

/*
 * Cuts s (len bytes) into words. With pattern set, a '*' right after a word
 * marks it as a prefix and sentence marks are not looked for.
 */
static void cut_words(const char *s, size_t len, bool pattern, cut *c)
{
	size_t i = 0, cur_start = 0;
	bool sentence_has_words = false;

	c->nwords = c->nsent = c->lower_len = 0;
	while (i <= len) {
		if (i < len && is_word_byte((unsigned char)s[i])) {
			size_t start = i;

			while (i < len && is_word_byte((unsigned char)s[i]))
				i++;
			c->words[c->nwords] = (word){ .off = (uint32_t)c->lower_len, .len = (uint32_t)(i - start),
			                              .sentence = (uint32_t)c->nsent };
			if (c->prefix)
				c->prefix[c->nwords] = pattern && i < len && s[i] == '*';
			c->nwords++;
			for (size_t k = start; k < i; k++)
				c->lower[c->lower_len++] = lower_ascii(s[k]);
			c->lower[c->lower_len++] = '\0';
			sentence_has_words = true;
			continue;
		}
		if (!pattern && (i == len || ends_sentence(s, i))) {
			if (sentence_has_words) {
				c->sent[c->nsent++] = (sentence_span){ (uint32_t)cur_start, (uint32_t)(i < len ? i + 1 : len) };
				sentence_has_words = false;
			}
			cur_start = i + 1;
		}
		i++;
	}
	c->lower[c->lower_len] = '\0';
}

match_text *match_text_new(const char *text)
{
	const char *s = text ? text : "";
	size_t len = strlen(s), nwords, nsent;
	cut c = { 0 };
	match_text *t;
	char *orig;

	/* one block, sized by a quick count, then the cut of the copy */
	count_words(s, len, &nwords, &nsent);
	t = xmalloc(sizeof(*t) + nwords * sizeof(*c.words) + nsent * sizeof(*c.sent) + len + 2 + len + 1);
	c.words = (word *)(t + 1);
	c.sent = (sentence_span *)(c.words + nwords);
	c.lower = (char *)(c.sent + nsent);
	orig = memcpy(c.lower + len + 2, s, len + 1);
	cut_words(orig, len, false, &c);
	*t = (match_text){ .orig = orig, .lower = c.lower, .words = c.words, .sent = c.sent,
	                   .nwords = c.nwords, .nsent = c.nsent };
	return t;
}

void match_text_free(match_text *t)
{
	free(t);
}

size_t match_text_word_count(const match_text *t)
{
	return t->nwords;
}

size_t match_text_sentence_count(const match_text *t)
{
	return t->nsent;
}

char *match_text_sentence(const match_text *t, size_t i)
{
	size_t a, b;

	if (i >= t->nsent)
		return xstrdup("");
	a = t->sent[i].start;
	b = t->sent[i].end;
	while (a < b && (t->orig[a] == ' ' || t->orig[a] == '\n' || t->orig[a] == '\t'))
		a++;
	while (b > a && (t->orig[b - 1] == ' ' || t->orig[b - 1] == '\n' || t->orig[b - 1] == '\t'))
		b--;
	return xstrndup(t->orig + a, b - a);
}

const char *match_text_word(const match_text *t, size_t i, size_t *len)
{
	if (len)
		*len = t->words[i].len;
	return t->lower + t->words[i].off;
}

size_t match_text_word_sentence(const match_text *t, size_t i)
{
	return t->words[i].sentence;
}

match_pattern *match_pattern_new(const char *src, grill_err *err)
{
	size_t src_len = strlen(src), nwords, nsent, size, i;
	cut c = { 0 };
	match_pattern *p = NULL;
	char *scratch;

	/* the words, their prefix marks and the lower-cased words, then the pattern from them */
	count_words(src, src_len, &nwords, &nsent);
	scratch = xmalloc(nwords * (sizeof(*c.words) + sizeof(*c.prefix)) + src_len + 2);
	c.words = (word *)scratch;
	c.prefix = (uint8_t *)(c.words + nwords);
	c.lower = (char *)(c.prefix + nwords);
	cut_words(src, src_len, true, &c);
	if (c.nwords == 0) {
		err_set(err, "pattern \"%s\" has no letters or digits", src);
		goto done;
	}
	/* the last word's NUL ends the lower-cased words */
	size = sizeof(*p) + c.nwords * sizeof(*p->words) + c.lower_len + src_len + 1;
	if (size > MATCH_PATTERN_MAX_BYTES) {
		err_set(err, "a pattern of %zu bytes is too long (at most about %u)", src_len, MATCH_PATTERN_MAX_BYTES / 3);
		goto done;
	}
	for (i = 0; i < c.nwords; i++) {
		if (c.words[i].len > UINT8_MAX) {
			err_set(err, "a word of %u characters in pattern \"%.40s...\" is too long (at most 255)",
			        c.words[i].len, src);
			goto done;
		}
	}
	p = xmalloc(size);
	p->size = (uint16_t)size;
	p->nwords = (uint16_t)c.nwords;
	p->lower_off = (uint16_t)(sizeof(*p) + c.nwords * sizeof(*p->words));
	p->source_off = (uint16_t)(p->lower_off + c.lower_len);
	for (i = 0; i < c.nwords; i++) {
		p->words[i].off = (uint16_t)c.words[i].off;
		p->words[i].len = (uint8_t)c.words[i].len;
		p->words[i].prefix = c.prefix[i];
	}
	memcpy((char *)p + p->lower_off, c.lower, c.lower_len);
	memcpy((char *)p + p->source_off, src, src_len + 1);
done:
	free(scratch);
	return p;
}

void match_pattern_free(match_pattern *p)
{
	free(p);
}

const char *match_pattern_source(const match_pattern *p)
{
	return PATTERN_SOURCE(p);
}

const void *match_pattern_image(const match_pattern *p, size_t *len)
{
	*len = p->size;
	return p;
}

size_t match_pattern_image_len(const void *image, size_t avail)
{
	uint16_t size;

	if (avail < sizeof(struct match_pattern))
		return 0;
	memcpy(&size, image, sizeof(size));
	return size;
}

const match_pattern *match_pattern_view(const void *image, size_t len)
{
	const match_pattern *p = image;
	const char *base = image;
	size_t i, lower_len;

	if ((uintptr_t)image % MATCH_PATTERN_ALIGN != 0 || len < sizeof(*p) || p->size != len || p->nwords == 0 ||
	    p->nwords > (len - sizeof(*p)) / sizeof(*p->words) ||
	    p->lower_off != sizeof(*p) + (size_t)p->nwords * sizeof(*p->words) ||
	    p->source_off <= p->lower_off || p->source_off >= len || base[len - 1] != '\0' ||
	    base[p->source_off - 1] != '\0')
		return NULL;
	lower_len = p->source_off - p->lower_off;
	for (i = 0; i < p->nwords; i++) {
		const pattern_word *w = &p->words[i];

		if (w->len == 0 || w->off >= lower_len || w->len > lower_len - w->off - 1 || w->prefix > 1)
			return NULL;
	}
	return p;
}

static bool word_eq(const match_text *t, size_t ti, const match_pattern *p, size_t pi)
{
	const word *tw = &t->words[ti];
	const pattern_word *pw = &p->words[pi];

	if (pw->prefix)
		return tw->len >= pw->len && memcmp(t->lower + tw->off, PATTERN_LOWER(p) + pw->off, pw->len) == 0;
	return tw->len == pw->len && memcmp(t->lower + tw->off, PATTERN_LOWER(p) + pw->off, pw->len) == 0;
}

static bool match_at(const match_text *t, const match_pattern *p, size_t i)
{
	size_t k;

	if (i + p->nwords > t->nwords)
		return false;
	for (k = 0; k < p->nwords; k++) {
		if (t->words[i + k].sentence != t->words[i].sentence || !word_eq(t, i + k, p, k))
			return false;
	}
	return true;
}

bool match_find(const match_text *t, const match_pattern *p, size_t *sentence)
{
	size_t i;

	for (i = 0; i < t->nwords; i++) {
		if (match_at(t, p, i)) {
			if (sentence)
				*sentence = t->words[i].sentence;
			return true;
		}
	}
	return false;
}

bool match_find_word(const match_text *t, const match_pattern *p, size_t *first)
{
	size_t i;

	for (i = 0; i < t->nwords; i++) {
		if (match_at(t, p, i)) {
			if (first)
				*first = i;
			return true;
		}
	}
	return false;
}

bool match_in_sentence(const match_text *t, const match_pattern *p, size_t s)
{
	size_t i;

	for (i = 0; i < t->nwords; i++) {
		if (t->words[i].sentence < s)
			continue;
		if (t->words[i].sentence > s)
			break;
		if (match_at(t, p, i))
			return true;
	}
	return false;
}

size_t match_count_sentences(const match_text *t, const match_pattern *p)
{
	size_t i, count = 0, last = (size_t)-1;

	for (i = 0; i < t->nwords; i++) {
		if (t->words[i].sentence == last)
			continue;
		if (match_at(t, p, i)) {
			last = t->words[i].sentence;
			count++;
		}
	}
	return count;
}
