/*
 * Pair sessions: the interviewer decides, the engine records. Unlike the
 * solo session there is no probe choice here; the console offers the
 * suggestions (probe_suggest) and the interviewer picks one.
 */
#include "grill/pair.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/fsutil.h"
#include "grill/paths.h"
#include "grill/probe.h"
#include "grill/store.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

#define CANDIDATE_QUESTIONS_PROMPT "That's all from me. Do you have any questions for us?"

struct pair_session {
	const bank_set *banks;
	transcript *t;
};

static int save(pair_session *p, grill_err *err)
{
	free(p->t->updated);
	p->t->updated = transcript_now();
	return transcript_save(p->t, p->t->path, err);
}

/* ---- meta ---- */

/* The out-of-memory policy of xalloc.h, for cJSON's allocations. */
static void *json_must(void *ptr)
{
	if (!ptr) {
		fputs("grill: out of memory (building JSON)\n", stderr);
		abort();
	}
	return ptr;
}

static cJSON *meta_object(const transcript *t)
{
	cJSON *m = t->meta_json ? cJSON_Parse(t->meta_json) : NULL;

	if (!cJSON_IsObject(m)) {
		cJSON_Delete(m);
		m = json_must(cJSON_CreateObject());
	}
	return m;
}

static void meta_store(transcript *t, cJSON *m)
{
	char *s = json_must(cJSON_PrintUnformatted(m));

	free(t->meta_json);
	t->meta_json = xstrdup(s);
	cJSON_free(s);
	cJSON_Delete(m);
}

static void meta_set_string(cJSON *m, const char *key, const char *value)
{
	cJSON_DeleteItemFromObjectCaseSensitive(m, key);
	if (value)
		cJSON_AddItemToObject(m, key, json_must(cJSON_CreateString(value)));
}

char *pair_meta_string(const transcript *t, const char *key)
{
	cJSON *m, *v;
	char *out = NULL;

	if (!t->meta_json)
		return NULL;
	m = cJSON_Parse(t->meta_json);
	v = cJSON_GetObjectItemCaseSensitive(m, key);
	if (cJSON_IsString(v) && v->valuestring)
		out = xstrdup(v->valuestring);
	cJSON_Delete(m);
	return out;
}

/* ---- starting ---- */

static char **copy_strings(char *const *src, size_t n)
{
	char **out = xcalloc(n ? n : 1, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(src[i]);
	return out;
}

static turn *open_turn(pair_session *p, turn_kind kind, const char *text, const char *qid)
{
	turn *tu = transcript_add_turn(p->t, kind, text);

	tu->question_id = qid ? xstrdup(qid) : NULL;
	tu->asked_at = transcript_now();
	return tu;
}

static size_t count_kind(const transcript *t, turn_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_turns; i++)
		if (t->turns[i].kind == kind)
			n++;
	return n;
}

/* Opens the next main question or the candidate's questions; false when both are done. */
static bool open_next(pair_session *p, grill_err *err, int *failed)
{
	transcript *t = p->t;
	size_t asked = count_kind(t, TURN_ANSWER);

	*failed = 0;
	if (asked < t->n_plan) {
		const bank_question *q = bank_set_find_question(p->banks, t->plan[asked]);
		turn *tu;

		if (!q) {
			err_set(err, "%s: question \"%s\" of this session is no longer in the banks", t->path, t->plan[asked]);
			*failed = 1;
			return false;
		}
		tu = open_turn(p, TURN_ANSWER, q->prompt, q->id);
		tu->reason = xasprintf("main question %zu of %zu", asked + 1, t->n_plan);
		return true;
	}
	if (!count_kind(t, TURN_CANDIDATE_QUESTIONS)) {
		open_turn(p, TURN_CANDIDATE_QUESTIONS, CANDIDATE_QUESTIONS_PROMPT, NULL);
		return true;
	}
	return false;
}

pair_session *pair_start(const bank_set *banks, const transcript_settings *settings, char *const *plan,
                         size_t n_plan, const pair_roles *roles, grill_err *err)
{
	pair_session *p;
	char *dir;
	cJSON *m;
	int failed;

	if (n_plan == 0) {
		err_set(err, "a pair session needs at least one question");
		return NULL;
	}
	dir = paths_ensure_sessions_dir(err);
	if (!dir)
		return NULL;
	free(dir);
	p = xcalloc(1, sizeof(*p));
	p->banks = banks;
	p->t = transcript_new("pair");
	p->t->settings = *settings;
	p->t->settings.banks = copy_strings(settings->banks, settings->n_banks);
	p->t->settings.tags = copy_strings(settings->tags, settings->n_tags);
	p->t->settings.claims = copy_strings(settings->claims, settings->n_claims);
	p->t->settings.level = settings->level ? xstrdup(settings->level) : NULL;
	p->t->plan = copy_strings(plan, n_plan);
	p->t->n_plan = n_plan;
	m = meta_object(p->t);
	meta_set_string(m, "candidate", roles ? roles->candidate : NULL);
	meta_set_string(m, "interviewer", roles ? roles->interviewer : NULL);
	cJSON_AddItemToObject(m, "round", json_must(cJSON_CreateNumber(roles && roles->round > 1 ? roles->round : 1)));
	meta_set_string(m, "paired_with", roles ? roles->paired_with : NULL);
	meta_store(p->t, m);
	/* a new file with a new id (never another session's), then the first turn */
	if (store_claim_new(p->t, err) < 0 || !open_next(p, err, &failed) || save(p, err) < 0) {
		pair_free(p);
		return NULL;
	}
	return p;
}

pair_session *pair_resume(const bank_set *banks, transcript *t, grill_err *err)
{
	pair_session *p;
	size_t i;
	int failed;

	if (strcmp(t->kind, "pair") != 0) {
		err_set(err, "%s: session %s is a %s session, not a pair session", t->path, t->id ? t->id : "?", t->kind);
		transcript_free(t);
		return NULL;
	}
	if (!t->id || !store_valid_id(t->id)) {
		err_set(err, "%s: \"id\" is missing or not a session id", t->path);
		transcript_free(t);
		return NULL;
	}
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
	p = xcalloc(1, sizeof(*p));
	p->banks = banks;
	p->t = t;
	/* a file with no turns yet (written by hand or cut short): open the first */
	if (!t->n_turns && ((!open_next(p, err, &failed) && failed) || save(p, err) < 0)) {
		pair_free(p);
		return NULL;
	}
	return p;
}

void pair_free(pair_session *p)
{
	if (!p)
		return;
	transcript_free(p->t);
	free(p);
}

const transcript *pair_transcript(const pair_session *p)
{
	return p->t;
}

/* ---- where the interview is ---- */

static turn *open_turn_of(const pair_session *p)
{
	turn *last;

	if (!p->t->n_turns)
		return NULL;
	last = &p->t->turns[p->t->n_turns - 1];
	return last->answered_at ? NULL : last;
}

pair_phase pair_phase_of(const pair_session *p)
{
	if (strcmp(p->t->status, "complete") == 0)
		return PAIR_DONE;
	if (open_turn_of(p))
		return PAIR_ASKING;
	if (!p->t->interviewer.present)
		return PAIR_INTERVIEWER_SCORES;
	if (!p->t->self.present)
		return PAIR_SELF_SCORES;
	return PAIR_DONE;
}

const turn *pair_open_turn(const pair_session *p)
{
	return open_turn_of(p);
}

long pair_thread_start(const pair_session *p)
{
	size_t i = p->t->n_turns;

	while (i-- > 0)
		if (p->t->turns[i].kind == TURN_ANSWER)
			return (long)i;
	return -1;
}

const bank_question *pair_question(const pair_session *p)
{
	long ts = pair_thread_start(p);

	if (ts < 0 || p->t->turns[p->t->n_turns - 1].kind == TURN_CANDIDATE_QUESTIONS)
		return NULL;
	return bank_set_find_question(p->banks, p->t->turns[ts].question_id);
}

int pair_main_number(const pair_session *p)
{
	return (int)count_kind(p->t, TURN_ANSWER);
}

char *pair_thread_words(const pair_session *p)
{
	long ts = pair_thread_start(p);
	strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = ts < 0 ? p->t->n_turns : (size_t)ts; i < p->t->n_turns; i++) {
		const char *a = p->t->turns[i].answer;

		if (!a || !*a)
			continue;
		if (sb.len)
			sb_putc(&sb, '\n');
		sb_append(&sb, a);
	}
	return sb_detach(&sb);
}

/* ---- moving on ---- */

static void close_open(pair_session *p, double duration_s)
{
	turn *tu = open_turn_of(p);

	if (!tu)
		return;
	if (!tu->answer)
		tu->answer = xstrdup("");
	tu->answered_at = transcript_now();
	tu->duration_s = duration_s >= 0 ? duration_s : -1;
}

static bool interview_over(const pair_session *p, grill_err *err)
{
	if (pair_phase_of(p) != PAIR_ASKING) {
		err_set(err, "the interview part of session %s is over", p->t->id);
		return true;
	}
	return false;
}

int pair_next(pair_session *p, double duration_s, grill_err *err)
{
	int failed;
	bool opened;

	if (interview_over(p, err))
		return -1;
	close_open(p, duration_s);
	opened = open_next(p, err, &failed);
	if (failed)
		return -1;
	if (save(p, err) < 0)
		return -1;
	return opened ? 1 : 0;
}

bool pair_can_ask(const pair_session *p, const char *node, grill_err *err)
{
	const bank_question *q;
	node_ref ref;
	size_t i;

	if (interview_over(p, err))
		return false;
	q = pair_question(p);
	if (!q) {
		err_set(err, "no question is being asked: follow-ups belong to a main question");
		return false;
	}
	if (!node || !node_resolve(p->banks, q->id, node, &ref) || (!ref.probe && !ref.challenge)) {
		err_set(err, "no follow-up \"%s\" for question %s", node ? node : "", q->id);
		return false;
	}
	for (i = 0; i < p->t->n_turns; i++) {
		if (p->t->turns[i].node && strcmp(p->t->turns[i].node, node) == 0) {
			err_set(err, "\"%s\" was asked already (turn %zu)", node, i + 1);
			return false;
		}
	}
	return true;
}

int pair_ask(pair_session *p, const char *node, const char *reason, double duration_s, grill_err *err)
{
	const bank_question *q;
	node_ref ref;
	turn *tu;

	if (!pair_can_ask(p, node, err))
		return -1;
	q = pair_question(p);
	node_resolve(p->banks, q->id, node, &ref);
	close_open(p, duration_s);
	tu = open_turn(p, ref.challenge ? TURN_CHALLENGE : TURN_PROBE, ref.challenge ? ref.challenge->ask : ref.probe->ask,
	               q->id);
	tu->node = xstrdup(node);
	tu->reason = reason ? xstrdup(reason) : NULL;
	tu->depth = ref.probe ? ref.probe->depth : 1;
	return save(p, err);
}

int pair_end_interview(pair_session *p, double duration_s, grill_err *err)
{
	if (interview_over(p, err))
		return -1;
	close_open(p, duration_s);
	return save(p, err);
}

/* ---- the open turn ---- */

void pair_open_points(const pair_session *p, const bank_point **points, size_t *n)
{
	const turn *tu = open_turn_of(p);
	const bank_red_flag *flags;
	size_t nf;
	node_ref ref;

	*points = NULL;
	*n = 0;
	if (tu && tu->question_id && node_resolve(p->banks, tu->question_id, tu->node, &ref))
		node_expectations(&ref, points, n, &flags, &nf);
}

static turn *open_or_fail(pair_session *p, grill_err *err)
{
	turn *tu = open_turn_of(p);

	if (!tu)
		err_set(err, "no question is open in session %s", p->t->id);
	return tu;
}

int pair_tick(pair_session *p, const char *point_id, bool on, grill_err *err)
{
	turn *tu = open_or_fail(p, err);
	const bank_point *pts;
	size_t n, i;

	if (!tu)
		return -1;
	pair_open_points(p, &pts, &n);
	for (i = 0; i < n && strcmp(pts[i].id, point_id) != 0; i++)
		;
	if (i == n) {
		err_set(err, "this turn has no expected point \"%s\"", point_id);
		return -1;
	}
	for (i = 0; i < tu->n_ticked && strcmp(tu->ticked[i], point_id) != 0; i++)
		;
	if (on && i == tu->n_ticked) {
		tu->ticked = xrealloc(tu->ticked, (tu->n_ticked + 1) * sizeof(*tu->ticked));
		tu->ticked[tu->n_ticked++] = xstrdup(point_id);
	} else if (!on && i < tu->n_ticked) {
		free(tu->ticked[i]);
		memmove(&tu->ticked[i], &tu->ticked[i + 1], (tu->n_ticked - i - 1) * sizeof(*tu->ticked));
		tu->n_ticked--;
	}
	return save(p, err);
}

static void append_line(char **field, const char *text)
{
	char *joined = *field && **field ? xasprintf("%s\n%s", *field, text) : xstrdup(text);

	free(*field);
	*field = joined;
}

int pair_add_words(pair_session *p, const char *words, grill_err *err)
{
	turn *tu = open_or_fail(p, err);

	if (!tu)
		return -1;
	append_line(&tu->answer, words);
	return save(p, err);
}

int pair_add_note(pair_session *p, const char *note, grill_err *err)
{
	turn *tu = open_or_fail(p, err);

	if (!tu)
		return -1;
	append_line(&tu->note, note);
	return save(p, err);
}

/* ---- scores ---- */

static void copy_scores(score_set *dst, const score_set *src)
{
	int i;

	for (i = 0; i < RUBRIC_DIMS; i++) {
		free(dst->note[i]);
		dst->note[i] = src->note[i] ? xstrdup(src->note[i]) : NULL;
		dst->score[i] = src->score[i];
	}
	dst->present = true;
}

int pair_set_interviewer(pair_session *p, const score_set *scores, grill_err *err)
{
	pair_phase ph = pair_phase_of(p);

	if (ph != PAIR_INTERVIEWER_SCORES) {
		err_set(err, "session %s: the interviewer scores once the interview is over and before the candidate does",
		        p->t->id);
		return -1;
	}
	copy_scores(&p->t->interviewer, scores);
	return save(p, err);
}

static int complete(pair_session *p, grill_err *err)
{
	free(p->t->status);
	p->t->status = xstrdup("complete");
	return save(p, err);
}

int pair_set_self(pair_session *p, const score_set *self, grill_err *err)
{
	if (pair_phase_of(p) != PAIR_SELF_SCORES) {
		err_set(err, "session %s: the candidate scores after the interviewer", p->t->id);
		return -1;
	}
	copy_scores(&p->t->self, self);
	return complete(p, err);
}

int pair_self_later(pair_session *p, grill_err *err)
{
	cJSON *m;

	if (pair_phase_of(p) != PAIR_SELF_SCORES) {
		err_set(err, "session %s: the candidate scores after the interviewer", p->t->id);
		return -1;
	}
	m = meta_object(p->t);
	meta_set_string(m, "self_scores", "later");
	meta_store(p->t, m);
	return complete(p, err);
}

int pair_set_partner(pair_session *p, const char *other_id, grill_err *err)
{
	cJSON *m = meta_object(p->t);

	meta_set_string(m, "paired_with", other_id);
	meta_store(p->t, m);
	return save(p, err);
}

char *pair_rescue(const pair_session *p)
{
	return transcript_rescue(p->t);
}
