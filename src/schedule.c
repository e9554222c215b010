/* SM-2 style spaced repetition over the history (docs/selection.md). */
#include "grill/schedule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"
#include "strmap.h"

#define DAY 86400.0
#define TAG_BONUS 0.5

typedef struct tag_score {
	const char *tag;
	double sum;      /* of (5 - quality) / 5 */
	int n;
} tag_score;

struct schedule {
	schedule_item *items;
	size_t n_items, cap_items;
	strmap *by_id;   /* id -> index + 1 */
	tag_score *tags;
	size_t n_tags, cap_tags;
	strmap *by_tag;
	char **strings;  /* owned copies of ids and tags */
	size_t n_strings, cap_strings;
	time_t now;
};

static const char *keep(schedule *s, const char *text)
{
	xgrow((void **)&s->strings, &s->cap_strings, s->n_strings + 1, sizeof(*s->strings));
	s->strings[s->n_strings] = xstrdup(text);
	return s->strings[s->n_strings++];
}

void schedule_review(schedule_item *it, int quality, time_t when)
{
	double miss = 5 - quality;

	if (quality < 3) {
		it->repetitions = 0;
		it->interval_days = 1;
	} else {
		it->repetitions++;
		if (it->repetitions == 1)
			it->interval_days = quality >= 5 ? 4 : quality == 4 ? 2 : 1;
		else if (it->repetitions == 2)
			it->interval_days = 6;
		else
			it->interval_days = (double)(long long)(it->interval_days * it->ease + 0.5);
	}
	it->ease += 0.1 - miss * (0.08 + miss * 0.02);
	if (it->ease < 1.3)
		it->ease = 1.3;
	it->reviews++;
	it->last = when;
	it->last_quality = quality;
	it->due = when + (time_t)(it->interval_days * DAY);
}

static schedule_item *item_for(schedule *s, const char *id)
{
	size_t idx = (size_t)(uintptr_t)strmap_get(s->by_id, id);
	schedule_item *it;

	if (idx)
		return &s->items[idx - 1];
	xgrow((void **)&s->items, &s->cap_items, s->n_items + 1, sizeof(*s->items));
	it = &s->items[s->n_items++];
	memset(it, 0, sizeof(*it));
	it->id = keep(s, id);
	it->ease = 2.5;
	strmap_put(s->by_id, it->id, (void *)(uintptr_t)s->n_items);
	return it;
}

static void rate_tag(schedule *s, const char *tag, int quality)
{
	size_t idx = (size_t)(uintptr_t)strmap_get(s->by_tag, tag);
	tag_score *ts;

	if (!idx) {
		xgrow((void **)&s->tags, &s->cap_tags, s->n_tags + 1, sizeof(*s->tags));
		ts = &s->tags[s->n_tags++];
		memset(ts, 0, sizeof(*ts));
		ts->tag = keep(s, tag);
		strmap_put(s->by_tag, ts->tag, (void *)(uintptr_t)s->n_tags);
	} else {
		ts = &s->tags[idx - 1];
	}
	ts->sum += (5 - quality) / 5.0;
	ts->n++;
}

schedule *schedule_build(const history *h, time_t now)
{
	schedule *s = xcalloc(1, sizeof(*s));
	size_t i, k, t;

	s->by_id = strmap_new();
	s->by_tag = strmap_new();
	s->now = now;
	/* oldest first: each rating updates the state the earlier ones left */
	for (i = history_count(h); i-- > 0;) {
		const history_entry *e = history_get(h, i);

		if (strcmp(e->kind, "debrief") == 0 || e->when == 0)
			continue;
		for (k = 0; k < e->n_questions; k++) {
			const history_question *q = &e->questions[k];

			if (q->quality < 0)
				continue;
			schedule_review(item_for(s, q->id), q->quality, e->when);
			for (t = 0; t < q->n_tags; t++)
				rate_tag(s, q->tags[t], q->quality);
		}
	}
	return s;
}

void schedule_free(schedule *s)
{
	size_t i;

	if (!s)
		return;
	strmap_free(s->by_id);
	strmap_free(s->by_tag);
	for (i = 0; i < s->n_strings; i++)
		free(s->strings[i]);
	free(s->strings);
	free(s->items);
	free(s->tags);
	free(s);
}

const schedule_item *schedule_find(const schedule *s, const char *id)
{
	size_t idx = (size_t)(uintptr_t)strmap_get(s->by_id, id);

	return idx ? &s->items[idx - 1] : NULL;
}

double schedule_tag_weakness(const schedule *s, const char *tag)
{
	size_t idx = (size_t)(uintptr_t)strmap_get(s->by_tag, tag);
	const tag_score *ts;

	if (!idx)
		return 0;
	ts = &s->tags[idx - 1];
	return ts->n ? ts->sum / ts->n : 0;
}

double schedule_priority(const schedule *s, const bank_question *q)
{
	const schedule_item *it = schedule_find(s, q->id);
	double weakest = 0, p;
	size_t i;

	for (i = 0; i < q->n_tags; i++) {
		double w = schedule_tag_weakness(s, q->tags[i]);

		if (w > weakest)
			weakest = w;
	}
	if (!it) {
		p = 1.0; /* never asked: as due as a question whose interval just ran out */
	} else {
		double elapsed = difftime(s->now, it->last) / DAY;

		if (elapsed < 0)
			elapsed = 0;
		p = elapsed / it->interval_days;
	}
	return p + TAG_BONUS * weakest;
}

double schedule_priority_fn(const bank_question *q, void *ctx)
{
	return schedule_priority(ctx, q);
}
