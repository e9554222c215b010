#ifndef GRILL_SCHEDULE_H
#define GRILL_SCHEDULE_H

#include <stddef.h>
#include <time.h>

#include "grill/bank.h"
#include "grill/history.h"

/*
 * Spaced repetition over the history (docs/selection.md): an SM-2 style
 * interval per question from how well it went each time it was asked, and
 * a priority for question selection that prefers questions that are due
 * (overdue longest relative to their interval), then questions never asked,
 * with a bonus for tags where past answers were weakest. Never prints.
 */

typedef struct schedule_item {
	const char *id;        /* question id (owned by the schedule) */
	int reviews;           /* times asked with a rating */
	int repetitions;       /* consecutive passing ratings (quality >= 3) */
	double ease;           /* SM-2 easiness factor, >= 1.3 */
	double interval_days;  /* days from the last time to the next */
	time_t last;           /* when it was last asked */
	time_t due;            /* last + interval */
	int last_quality;      /* 0..5 */
} schedule_item;

typedef struct schedule schedule;

/* From every rated question in h (solo and pair sessions), as of now. Caller frees. */
schedule *schedule_build(const history *h, time_t now);
void schedule_free(schedule *s);

/* NULL when the question was never rated. */
const schedule_item *schedule_find(const schedule *s, const char *question_id);
/* How weak past answers were on tag: 0 (all perfect or never rated) to 1 (all failed). */
double schedule_tag_weakness(const schedule *s, const char *tag);
/* Higher = sooner; see docs/selection.md. */
double schedule_priority(const schedule *s, const bank_question *q);
/* select_opts.priority with ctx a schedule *. */
double schedule_priority_fn(const bank_question *q, void *ctx);

/* One SM-2 step: updates item after a rating of quality (0..5) at time when. */
void schedule_review(schedule_item *item, int quality, time_t when);

#endif
