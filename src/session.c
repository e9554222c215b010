#include "grill/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/paths.h"
#include "grill/probe.h"
#include "grill/store.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

#define CANDIDATE_QUESTIONS_PROMPT "That's all from me. Do you have any questions for us?"

struct session {
	const bank_set *banks;
	transcript *t;
	bool resumed_pending;  /* resumed with a turn waiting: say so when it is asked again */
};

static int save(session *s, grill_err *err)
{
	free(s->t->updated);
	s->t->updated = transcript_now();
	return transcript_save(s->t, s->t->path, err);
}

static char **copy_strings(char *const *src, size_t n)
{
	char **out = xcalloc(n ? n : 1, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(src[i]);
	return out;
}

static void copy_settings(transcript_settings *dst, const transcript_settings *src)
{
	*dst = *src;
	dst->banks = copy_strings(src->banks, src->n_banks);
	dst->tags = copy_strings(src->tags, src->n_tags);
	dst->claims = copy_strings(src->claims, src->n_claims);
	dst->level = src->level ? xstrdup(src->level) : NULL;
}

session *session_start(const bank_set *banks, const char *kind, const transcript_settings *settings,
                       char *const *plan, size_t n_plan, grill_err *err)
{
	session *s = xcalloc(1, sizeof(*s));
	char *dir = paths_ensure_sessions_dir(err);

	if (!dir) {
		free(s);
		return NULL;
	}
	free(dir);
	s->banks = banks;
	s->t = transcript_new(kind);
	copy_settings(&s->t->settings, settings);
	s->t->plan = copy_strings(plan, n_plan);
	s->t->n_plan = n_plan;
	if (store_claim_new(s->t, err) < 0) {
		session_free(s);
		return NULL;
	}
	return s;
}

session *session_resume(const bank_set *banks, transcript *t, grill_err *err)
{
	session *s;
	size_t i;

	if (strcmp(t->status, "in_progress") != 0) {
		err_set(err, "%s: session %s is already complete ('grill report %s' shows it)", t->path, t->id, t->id);
		transcript_free(t);
		return NULL;
	}
	for (i = 0; i < t->n_plan; i++) {
		if (!bank_set_find_question(banks, t->plan[i])) {
			err_set(err, "%s: question \"%s\" of this session is no longer in the banks", t->path, t->plan[i]);
			transcript_free(t);
			return NULL;
		}
	}
	s = xcalloc(1, sizeof(*s));
	s->banks = banks;
	s->t = t;
	s->resumed_pending = t->n_turns && !t->turns[t->n_turns - 1].answer;
	return s;
}

void session_free(session *s)
{
	if (!s)
		return;
	transcript_free(s->t);
	free(s);
}

const transcript *session_transcript(const session *s)
{
	return s->t;
}

const char *session_path(const session *s)
{
	return s->t->path;
}

const bank_set *session_banks(const session *s)
{
	return s->banks;
}

static size_t count_kind(const transcript *t, turn_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_turns; i++)
		if (t->turns[i].kind == kind)
			n++;
	return n;
}

static long thread_start(const transcript *t)
{
	size_t i = t->n_turns;

	while (i-- > 0)
		if (t->turns[i].kind == TURN_ANSWER)
			return (long)i;
	return -1;
}

const bank_question *session_current_question(const session *s)
{
	long ts = thread_start(s->t);

	return ts < 0 ? NULL : bank_set_find_question(s->banks, s->t->turns[ts].question_id);
}

static void choose_next(const session *s, size_t ts, probe_choice *c)
{
	const transcript *t = s->t;
	probe_context ctx = { s->banks, t, ts, t->settings.depth, t->settings.claims,
	                      t->settings.n_claims, count_kind(t, TURN_ANSWER) >= t->n_plan };

	probe_choose(&ctx, c);
}

bool session_bank_probe_fits(const session *s)
{
	long ts = thread_start(s->t);
	probe_choice c;
	bool fits;

	if (ts < 0 || !s->t->n_turns || !s->t->turns[s->t->n_turns - 1].answer)
		return false;
	choose_next(s, (size_t)ts, &c);
	fits = c.kind == CHOICE_PROBE;
	probe_choice_free(&c);
	return fits;
}

static turn *add_turn(session *s, turn_kind kind, const char *text, const char *qid)
{
	turn *tu = transcript_add_turn(s->t, kind, text);

	tu->question_id = qid ? xstrdup(qid) : NULL;
	tu->asked_at = transcript_now();
	return tu;
}

static void fill_step(const session *s, session_step *step, step_kind kind)
{
	memset(step, 0, sizeof(*step));
	step->kind = kind;
	step->main_total = (int)s->t->n_plan;
	step->main_index = (int)count_kind(s->t, TURN_ANSWER);
	if (kind == STEP_ASK)
		step->turn = &s->t->turns[s->t->n_turns - 1];
}

int session_next(session *s, session_step *step, grill_err *err)
{
	transcript *t = s->t;
	size_t asked_main = count_kind(t, TURN_ANSWER);
	long ts;

	if (strcmp(t->status, "complete") == 0) {
		fill_step(s, step, STEP_DONE);
		return 0;
	}
	if (t->n_turns && !t->turns[t->n_turns - 1].answer) {
		fill_step(s, step, STEP_ASK);
		step->reask = s->resumed_pending;
		s->resumed_pending = false;
		return 0;
	}
	if (count_kind(t, TURN_CANDIDATE_QUESTIONS)) {
		fill_step(s, step, t->self.present ? STEP_REPORT : STEP_SELF_ASSESS);
		return 0;
	}
	ts = thread_start(t);
	if (ts >= 0) {
		probe_choice c;

		choose_next(s, (size_t)ts, &c);
		if (c.kind != CHOICE_NONE) {
			turn *tu = add_turn(s, c.kind == CHOICE_PROBE ? TURN_PROBE : TURN_CHALLENGE, c.ask,
			                    t->turns[ts].question_id);

			tu->node = c.node;
			tu->reason = c.reason;
			tu->depth = c.depth;
			c.node = c.reason = NULL;
			probe_choice_free(&c);
			fill_step(s, step, STEP_ASK);
			return save(s, err);
		}
	}
	if (asked_main < t->n_plan) {
		const bank_question *q = bank_set_find_question(s->banks, t->plan[asked_main]);
		turn *tu;

		if (!q) {
			err_set(err, "question \"%s\" is no longer in the banks", t->plan[asked_main]);
			return -1;
		}
		tu = add_turn(s, TURN_ANSWER, q->prompt, q->id);
		tu->reason = xasprintf("main question %zu of %zu", asked_main + 1, t->n_plan);
		fill_step(s, step, STEP_ASK);
		return save(s, err);
	}
	add_turn(s, TURN_CANDIDATE_QUESTIONS, CANDIDATE_QUESTIONS_PROMPT, NULL);
	fill_step(s, step, STEP_ASK);
	return save(s, err);
}

int session_add_followup(session *s, const char *question, const char *node, const char *reason, grill_err *err)
{
	long ts = thread_start(s->t);
	int depth;
	turn *tu;

	if (ts < 0 || !s->t->turns[s->t->n_turns - 1].answer) {
		err_set(err, "no answered question to follow up on");
		return -1;
	}
	/* read before add_turn: it may move the turns */
	depth = s->t->turns[s->t->n_turns - 1].depth + 1;
	tu = add_turn(s, TURN_PROBE, question, s->t->turns[ts].question_id);
	tu->depth = depth;
	tu->node = xstrdup(node);
	tu->reason = reason ? xstrdup(reason) : NULL;
	return save(s, err);
}

int session_set_llm_opinion(session *s, const char *json, grill_err *err)
{
	transcript_set_llm_json(s->t, json);
	return save(s, err);
}

static turn *pending(session *s, grill_err *err)
{
	if (!s->t->n_turns || s->t->turns[s->t->n_turns - 1].answer) {
		err_set(err, "no question is waiting for an answer");
		return NULL;
	}
	return &s->t->turns[s->t->n_turns - 1];
}

int session_answer(session *s, const char *answer, double duration_s, grill_err *err)
{
	turn *tu = pending(s, err);
	const char *boundary;

	if (!tu)
		return -1;
	turn_set_answer(tu, answer);
	tu->answered_at = transcript_now();
	tu->duration_s = duration_s;
	boundary = probe_boundary(s->banks, tu);
	free(tu->boundary);
	tu->boundary = boundary ? xstrdup(boundary) : NULL;
	return save(s, err);
}

int session_skip(session *s, grill_err *err)
{
	turn *tu = pending(s, err);

	if (!tu)
		return -1;
	turn_set_answer(tu, "");
	tu->skipped = true;
	tu->answered_at = transcript_now();
	return save(s, err);
}

int session_set_self(session *s, const score_set *self, grill_err *err)
{
	int i;

	for (i = 0; i < RUBRIC_DIMS; i++) {
		free(s->t->self.note[i]);
		s->t->self.note[i] = self->note[i] ? xstrdup(self->note[i]) : NULL;
		s->t->self.score[i] = self->score[i];
	}
	s->t->self.present = true;
	return save(s, err);
}

int session_complete(session *s, const int scores[RUBRIC_DIMS], const char *scorer_json, grill_err *err)
{
	int i;

	if (scores) {
		s->t->scorer.present = true;
		for (i = 0; i < RUBRIC_DIMS; i++)
			s->t->scorer.score[i] = scores[i];
	}
	free(s->t->scorer_json);
	s->t->scorer_json = scorer_json ? xstrdup(scorer_json) : NULL;
	free(s->t->status);
	s->t->status = xstrdup("complete");
	return save(s, err);
}

char *session_rescue(const session *s)
{
	return transcript_rescue(s->t);
}
