#include "grill/match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

/* 32-bit fields: loaders cap files far below 4 GiB. */
typedef struct word {
	uint32_t off;      /* into the lower-cased word buffer */
	uint32_t len;
	uint32_t sentence;
	bool prefix;       /* pattern words only: it ended in '*' */
} word;

/* A pattern's word. Banks hold tens of thousands of patterns of two or
 * three short words, so these are small: a pattern is at most
 * MATCH_PATTERN_MAX_BYTES and its words at most 255 bytes. */
typedef struct pattern_word {
	uint16_t off;      /* into the pattern's lower-cased words */
	uint8_t len;
	uint8_t prefix;    /* 1 when it ended in '*' */
} pattern_word;

struct match_text {
	char *lower;     /* words, each NUL-terminated, back to back */
	word *words;
	size_t nwords;
	const char *orig;
	char *orig_copy;
	size_t *sent_start, *sent_end; /* byte spans in orig */
	size_t nsent;
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

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
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
 * Cuts s into words. With pattern set, a '*' right after a word marks it as
 * a prefix and sentence marks are not looked for.
 */
static word *split_words(const char *s, bool pattern, char **lower_out, size_t *nwords,
                         size_t **sstart, size_t **send, size_t *nsent)
{
	size_t len = strlen(s), i = 0, n = 0, cap = 0, scap = 0, ns = 0, cur_start = 0;
	bool sentence_has_words = false;
	word *words = NULL;
	/* each word's NUL takes the place of the byte that ended it (the last
	 * one's may need one more): one allocation, no growing */
	char *lower = xmalloc(len + 2);
	size_t lower_len = 0;
	size_t *st = NULL, *en = NULL;

	while (i <= len) {
		if (i < len && is_word_byte((unsigned char)s[i])) {
			size_t start = i;
			word w;

			while (i < len && is_word_byte((unsigned char)s[i]))
				i++;
			w.off = (uint32_t)lower_len;
			w.len = (uint32_t)(i - start);
			w.sentence = (uint32_t)ns;
			w.prefix = pattern && i < len && s[i] == '*';
			for (size_t k = start; k < i; k++)
				lower[lower_len++] = lower_ascii(s[k]);
			lower[lower_len++] = '\0';
			xgrow((void **)&words, &cap, n + 1, sizeof(*words));
			words[n++] = w;
			sentence_has_words = true;
			continue;
		}
		if (!pattern && (i == len || ends_sentence(s, i))) {
			if (sentence_has_words) {
				xgrow((void **)&st, &scap, ns + 1, sizeof(*st));
				en = xrealloc(en, scap * sizeof(*en));
				st[ns] = cur_start;
				en[ns] = i < len ? i + 1 : len;
				ns++;
				sentence_has_words = false;
			}
			cur_start = i + 1;
		}
		i++;
	}
	lower[lower_len] = '\0';
	*lower_out = lower;
	*nwords = n;
	if (sstart) {
		*sstart = st;
		*send = en;
		*nsent = ns;
	}
	return words;
}

match_text *match_text_new(const char *text)
{
	match_text *t = xcalloc(1, sizeof(*t));

	t->orig_copy = xstrdup(text ? text : "");
	t->orig = t->orig_copy;
	t->words = split_words(t->orig, false, &t->lower, &t->nwords, &t->sent_start, &t->sent_end, &t->nsent);
	return t;
}

void match_text_free(match_text *t)
{
	if (!t)
		return;
	free(t->lower);
	free(t->words);
	free(t->orig_copy);
	free(t->sent_start);
	free(t->sent_end);
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
	a = t->sent_start[i];
	b = t->sent_end[i];
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
	char *lower;
	size_t nwords, src_len = strlen(src), lower_len, size, i;
	word *words = split_words(src, true, &lower, &nwords, NULL, NULL, NULL);
	match_pattern *p;

	if (nwords == 0) {
		err_set(err, "pattern \"%s\" has no letters or digits", src);
		goto fail;
	}
	/* the last word's NUL ends the lower-cased words */
	lower_len = words[nwords - 1].off + words[nwords - 1].len + 1;
	size = sizeof(*p) + nwords * sizeof(*p->words) + lower_len + src_len + 1;
	if (size > MATCH_PATTERN_MAX_BYTES) {
		err_set(err, "a pattern of %zu bytes is too long (at most about %u)", src_len, MATCH_PATTERN_MAX_BYTES / 3);
		goto fail;
	}
	for (i = 0; i < nwords; i++) {
		if (words[i].len > UINT8_MAX) {
			err_set(err, "a word of %u characters in pattern \"%.40s...\" is too long (at most 255)",
			        words[i].len, src);
			goto fail;
		}
	}
	p = xmalloc(size);
	p->size = (uint16_t)size;
	p->nwords = (uint16_t)nwords;
	p->lower_off = (uint16_t)(sizeof(*p) + nwords * sizeof(*p->words));
	p->source_off = (uint16_t)(p->lower_off + lower_len);
	for (i = 0; i < nwords; i++) {
		p->words[i].off = (uint16_t)words[i].off;
		p->words[i].len = (uint8_t)words[i].len;
		p->words[i].prefix = words[i].prefix;
	}
	memcpy((char *)p + p->lower_off, lower, lower_len);
	memcpy((char *)p + p->source_off, src, src_len + 1);
	free(words);
	free(lower);
	return p;
fail:
	free(words);
	free(lower);
	return NULL;
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
