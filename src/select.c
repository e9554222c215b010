#include "grill/select.h"

#include <stdlib.h>
#include <string.h>

#include "grill/strbuf.h"
#include "grill/xalloc.h"

unsigned long long select_hash(unsigned long seed, const char *text)
{
	unsigned long long h = 0x9e3779b97f4a7c15ull ^ (unsigned long long)seed;

	for (; *text; text++) {
		h ^= (unsigned char)*text;
		h *= 0x100000001b3ull;
	}
	/* splitmix64 finaliser: spreads nearby seeds apart */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 31;
	return h;
}

static bool in_list(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static bool has_tag(const bank_question *q, const char *const *tags, size_t n)
{
	size_t i;

	for (i = 0; i < q->n_tags; i++)
		if (in_list(tags, n, q->tags[i]))
			return true;
	return false;
}

static bool matches(const bank_question *q, const select_opts *o)
{
	if (o->n_banks && !in_list(o->banks, o->n_banks, q->bank->id))
		return false;
	if (o->topic) {
		const char *topic = o->topic;

		if (strcmp(q->bank->id, topic) != 0 && strcmp(q->domain, topic) != 0 && !has_tag(q, &topic, 1))
			return false;
	}
	if (o->n_tags && !has_tag(q, o->tags, o->n_tags))
		return false;
	if (o->level >= 0 && (int)q->level != o->level)
		return false;
	return true;
}

typedef struct ranked {
	const bank_question *q;
	int claimed;
	double priority;
	unsigned long long key;
} ranked;

static int ranked_cmp(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->claimed != y->claimed)
		return y->claimed - x->claimed;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return strcmp(x->q->id, y->q->id);
}

long select_questions(const bank_set *banks, const select_opts *o, char ***ids, grill_err *err)
{
	ranked *all = NULL;
	size_t n = 0, cap = 0, b, i, take;

	for (b = 0; b < bank_set_count(banks); b++) {
		const bank *bk = bank_set_get(banks, b);

		for (i = 0; i < bk->n_questions; i++) {
			const bank_question *q = &bk->questions[i];
			ranked *r;

			if (!matches(q, o))
				continue;
			xgrow((void **)&all, &cap, n + 1, sizeof(*all));
			r = &all[n++];
			r->q = q;
			r->claimed = o->n_claims && has_tag(q, o->claims, o->n_claims);
			r->priority = o->priority ? o->priority(q, o->priority_ctx) : 0.0;
			r->key = select_hash(o->seed, q->id);
		}
	}
	if (n == 0) {
		strbuf what = STRBUF_INIT;

		if (o->n_banks)
			sb_appendf(&what, " in bank%s %s%s", o->n_banks > 1 ? "s" : "", o->banks[0], o->n_banks > 1 ? ", ..." : "");
		if (o->topic)
			sb_appendf(&what, " on topic '%s'", o->topic);
		if (o->n_tags)
			sb_appendf(&what, " tagged %s%s", o->tags[0], o->n_tags > 1 ? ", ..." : "");
		if (o->level >= 0)
			sb_appendf(&what, " at level %s", question_level_name((question_level)o->level));
		err_set(err, "no question matches%s ('grill banks' lists what there is)", n == 0 && what.len ? sb_str(&what) : "");
		sb_free(&what);
		free(all);
		return -1;
	}
	qsort(all, n, sizeof(*all), ranked_cmp);
	take = o->count < n ? o->count : n;
	*ids = xcalloc(take ? take : 1, sizeof(**ids));
	for (i = 0; i < take; i++)
		(*ids)[i] = xstrdup(all[i].q->id);
	free(all);
	return (long)take;
}
