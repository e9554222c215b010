#include "harness.h"

#include "grill/bank.h"
#include "grill/pair.h"
#include "grill/probe.h"
#include "grill/transcript.h"
#include "grill/xalloc.h"

#define QUEUES "mini-queues-duplicates"
#define K8S "mini-k8s-readiness"

static bank_set *banks;

static pair_session *start(const char *q1, const char *q2)
{
	transcript_settings s;
	char *plan[2];
	pair_roles roles = { "Ana", "Ben", 1, NULL };
	grill_err err = GRILL_ERR_INIT;
	pair_session *p;

	memset(&s, 0, sizeof(s));
	s.questions = q2 ? 2 : 1;
	s.depth = 3;
	plan[0] = (char *)q1;
	plan[1] = (char *)q2;
	p = pair_start(banks, &s, plan, q2 ? 2 : 1, &roles, &err);
	if (!p)
		harness_fail(__FILE__, __LINE__, "pair_start: %s", err_msg(&err));
	err_clear(&err);
	return p;
}

/* The session as saved on disk. */
static transcript *saved(const pair_session *p)
{
	transcript *t = transcript_load(pair_transcript(p)->path, NULL);

	if (!t)
		harness_fail(__FILE__, __LINE__, "the session file does not load");
	return t;
}

static bool suggests(const probe_suggestion *s, size_t n, const char *node)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s[i].node, node) == 0)
			return true;
	return false;
}

/* Whether node is offered and its trigger fired. */
static bool fits(const probe_suggestion *s, size_t n, const char *node)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s[i].node, node) == 0)
			return s[i].fits;
	return false;
}

static size_t suggest(const pair_session *p, probe_suggestion **out)
{
	char *words = pair_thread_words(p);
	size_t n = probe_suggest(banks, pair_transcript(p), (size_t)pair_thread_start(p), words, out);

	free(words);
	return n;
}

TEST(pair_start_saves_a_pair_session_with_the_first_question_open)
{
	pair_session *p = start(QUEUES, NULL);
	transcript *t = saved(p);
	char *cand = pair_meta_string(t, "candidate");

	CHECK_STR(t->kind, "pair");
	CHECK_STR(t->status, "in_progress");
	CHECK_INT(t->n_turns, 1);
	CHECK_STR(t->turns[0].question_id, QUEUES);
	CHECK(t->turns[0].answered_at == NULL);
	CHECK_STR(cand, "Ana");
	CHECK_INT(pair_phase_of(p), PAIR_ASKING);
	free(cand);
	transcript_free(t);
	pair_free(p);
}

TEST(ticks_words_and_notes_are_saved_on_the_open_turn)
{
	pair_session *p = start(QUEUES, NULL);
	transcript *t;

	CHECK_INT(pair_tick(p, "redelivery", true, NULL), 0);
	CHECK_INT(pair_tick(p, "dlq", true, NULL), 0);
	CHECK_INT(pair_tick(p, "redelivery", true, NULL), 0);
	CHECK_INT(pair_tick(p, "dlq", false, NULL), 0);
	CHECK_INT(pair_add_words(p, "visibility timeout", NULL), 0);
	CHECK_INT(pair_add_words(p, "dlq", NULL), 0);
	CHECK_INT(pair_add_note(p, "knew redelivery unprompted", NULL), 0);
	t = saved(p);
	CHECK_INT(t->turns[0].n_ticked, 1);
	CHECK_STR(t->turns[0].ticked[0], "redelivery");
	CHECK_STR(t->turns[0].answer, "visibility timeout\ndlq");
	CHECK_STR(t->turns[0].note, "knew redelivery unprompted");
	transcript_free(t);
	pair_free(p);
}

TEST(ticking_a_point_the_turn_does_not_have_is_refused_by_name)
{
	pair_session *p = start(QUEUES, NULL);
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(pair_tick(p, "processing-time", true, &err), -1);
	CHECK_STR(err_msg(&err), "this turn has no expected point \"processing-time\"");
	err_clear(&err);
	pair_free(p);
}

TEST(asking_a_probe_closes_the_open_turn_and_records_the_node)
{
	pair_session *p = start(QUEUES, NULL);
	const bank_point *pts;
	size_t n;
	transcript *t;

	CHECK_INT(pair_ask(p, "probe:visibility", "the candidate said \"visibility\"", 12.0, NULL), 0);
	t = saved(p);
	CHECK_INT(t->n_turns, 2);
	CHECK(t->turns[0].answered_at != NULL);
	CHECK_STR(t->turns[0].answer, "");
	CHECK_INT(t->turns[1].kind, TURN_PROBE);
	CHECK_STR(t->turns[1].node, "probe:visibility");
	CHECK_STR(t->turns[1].reason, "the candidate said \"visibility\"");
	CHECK_INT(t->turns[1].depth, 1);
	pair_open_points(p, &pts, &n);
	CHECK_INT(n, 1);
	CHECK_STR(pts[0].id, "processing-time");
	transcript_free(t);
	pair_free(p);
}

TEST(a_follow_up_is_never_asked_twice)
{
	pair_session *p = start(QUEUES, NULL);
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(pair_ask(p, "challenge:why-not-kafka", NULL, -1, NULL), 0);
	CHECK(!pair_can_ask(p, "challenge:why-not-kafka", &err));
	CHECK_STR(err_msg(&err), "\"challenge:why-not-kafka\" was asked already (turn 2)");
	err_clear(&err);
	CHECK_INT(pair_ask(p, "probe:nonexistent", NULL, -1, &err), -1);
	CHECK_STR(err_msg(&err), "no follow-up \"probe:nonexistent\" for question " QUEUES);
	err_clear(&err);
	CHECK_INT(pair_transcript(p)->n_turns, 2);
	pair_free(p);
}

TEST(next_after_the_last_question_opens_the_candidates_questions_then_ends_the_interview)
{
	pair_session *p = start(QUEUES, K8S);

	CHECK_INT(pair_next(p, -1, NULL), 1);
	CHECK_STR(pair_question(p)->id, K8S);
	CHECK_INT(pair_main_number(p), 2);
	CHECK_INT(pair_next(p, -1, NULL), 1);
	CHECK_INT(pair_open_turn(p)->kind, TURN_CANDIDATE_QUESTIONS);
	CHECK(pair_question(p) == NULL);
	CHECK_INT(pair_next(p, -1, NULL), 0);
	CHECK_INT(pair_phase_of(p), PAIR_INTERVIEWER_SCORES);
	pair_free(p);
}

TEST(the_candidate_scores_only_after_the_interviewer)
{
	pair_session *p = start(QUEUES, NULL);
	score_set iv, self;
	transcript *t;

	memset(&iv, 0, sizeof(iv));
	memset(&self, 0, sizeof(self));
	iv.score[DIM_ACCURACY] = 2;
	self.score[DIM_ACCURACY] = 5;
	CHECK_INT(pair_end_interview(p, -1, NULL), 0);
	CHECK_INT(pair_set_self(p, &self, NULL), -1);
	CHECK_INT(pair_set_interviewer(p, &iv, NULL), 0);
	CHECK_INT(pair_phase_of(p), PAIR_SELF_SCORES);
	CHECK_INT(pair_set_self(p, &self, NULL), 0);
	CHECK_INT(pair_phase_of(p), PAIR_DONE);
	t = saved(p);
	CHECK_STR(t->status, "complete");
	CHECK_INT(t->interviewer.score[DIM_ACCURACY], 2);
	CHECK_INT(t->self.score[DIM_ACCURACY], 5);
	transcript_free(t);
	pair_free(p);
}

TEST(a_resumed_session_continues_with_the_open_turn_and_its_ticks)
{
	pair_session *p = start(QUEUES, K8S);
	grill_err err = GRILL_ERR_INIT;
	pair_session *again;

	pair_ask(p, "probe:visibility", NULL, -1, NULL);
	pair_tick(p, "processing-time", true, NULL);
	again = pair_resume(banks, saved(p), &err);
	CHECK(again != NULL);
	if (again) {
		CHECK_INT(pair_phase_of(again), PAIR_ASKING);
		CHECK_STR(pair_open_turn(again)->node, "probe:visibility");
		CHECK_INT(pair_open_turn(again)->n_ticked, 1);
		CHECK_STR(pair_question(again)->id, QUEUES);
	}
	pair_free(again);
	pair_free(p);
}

TEST(resume_refuses_a_solo_session)
{
	transcript *t = transcript_new("solo");
	grill_err err = GRILL_ERR_INIT;

	t->id = xstrdup("20260101-000000-0001");
	t->path = xstrdup("/nowhere/20260101-000000-0001.json");
	CHECK(pair_resume(banks, t, &err) == NULL);
	CHECK_STR(err_msg(&err), "/nowhere/20260101-000000-0001.json: session 20260101-000000-0001 is a solo session, not a pair session");
	err_clear(&err);
}

TEST(partner_id_links_the_two_rounds_in_meta)
{
	pair_session *p = start(QUEUES, NULL);
	transcript *t;
	char *other;

	CHECK_INT(pair_set_partner(p, "20260101-000000-beef", NULL), 0);
	t = saved(p);
	other = pair_meta_string(t, "paired_with");
	CHECK_STR(other, "20260101-000000-beef");
	free(other);
	transcript_free(t);
	pair_free(p);
}

/* ---- probe suggestions for the words the interviewer typed ---- */

TEST(suggestion_puts_the_probe_whose_trigger_the_words_mention_first)
{
	pair_session *p = start(QUEUES, NULL);
	probe_suggestion *s;
	size_t n;

	pair_add_words(p, "we rely on the visibility timeout", NULL);
	n = suggest(p, &s);
	CHECK(n > 0);
	if (n) {
		CHECK_STR(s[0].node, "probe:visibility");
		CHECK(s[0].fits);
		CHECK_STR(s[0].why, "the candidate said \"visibility timeout\"");
		CHECK_STR(s[0].trigger, "they mention \"visibility timeout\", \"visibility\"");
	}
	probe_suggestions_free(s, n);
	pair_free(p);
}

TEST(suggestion_leaves_a_mentions_probe_unfit_until_its_words_are_typed)
{
	pair_session *p = start(QUEUES, NULL);
	probe_suggestion *s;
	size_t n;

	n = suggest(p, &s);
	CHECK(suggests(s, n, "probe:visibility"));
	CHECK(!fits(s, n, "probe:visibility"));
	probe_suggestions_free(s, n);
	pair_free(p);
}

TEST(suggestion_offers_the_technology_library_for_a_named_technology)
{
	pair_session *p = start(QUEUES, NULL);
	probe_suggestion *s;
	size_t n;

	n = suggest(p, &s);
	CHECK(!suggests(s, n, "tech:sqs/dlq-policy"));
	probe_suggestions_free(s, n);
	pair_add_words(p, "we ran it on SQS", NULL);
	n = suggest(p, &s);
	CHECK(fits(s, n, "tech:sqs/dlq-policy"));
	CHECK(suggests(s, n, "tech:sqs/fifo"));
	CHECK(!fits(s, n, "tech:sqs/fifo"));
	probe_suggestions_free(s, n);
	pair_add_words(p, "a fifo queue", NULL);
	n = suggest(p, &s);
	CHECK(fits(s, n, "tech:sqs/fifo"));
	probe_suggestions_free(s, n);
	pair_free(p);
}

TEST(suggestion_drops_a_misses_probe_once_its_point_is_ticked)
{
	pair_session *p = start(QUEUES, NULL);
	probe_suggestion *s;
	size_t n;

	n = suggest(p, &s);
	CHECK(suggests(s, n, "probe:twice"));
	probe_suggestions_free(s, n);
	pair_tick(p, "idempotency", true, NULL);
	n = suggest(p, &s);
	CHECK(!suggests(s, n, "probe:twice"));
	probe_suggestions_free(s, n);
	pair_free(p);
}

TEST(suggestion_ranks_the_children_of_the_probe_being_asked_first_and_never_repeats_it)
{
	pair_session *p = start(QUEUES, NULL);
	probe_suggestion *s;
	size_t n;

	pair_ask(p, "probe:visibility", NULL, -1, NULL);
	n = suggest(p, &s);
	CHECK(n > 0);
	if (n)
		CHECK_STR(s[0].node, "probe:outlives");
	CHECK(!suggests(s, n, "probe:visibility"));
	CHECK(!suggests(s, n, "probe:detect-duplicates"));
	probe_suggestions_free(s, n);
	pair_free(p);
}

int main(void)
{
	banks = harness_load_banks("tests/fixtures/banks");
	RUN(pair_start_saves_a_pair_session_with_the_first_question_open);
	RUN(ticks_words_and_notes_are_saved_on_the_open_turn);
	RUN(ticking_a_point_the_turn_does_not_have_is_refused_by_name);
	RUN(asking_a_probe_closes_the_open_turn_and_records_the_node);
	RUN(a_follow_up_is_never_asked_twice);
	RUN(next_after_the_last_question_opens_the_candidates_questions_then_ends_the_interview);
	RUN(the_candidate_scores_only_after_the_interviewer);
	RUN(a_resumed_session_continues_with_the_open_turn_and_its_ticks);
	RUN(resume_refuses_a_solo_session);
	RUN(partner_id_links_the_two_rounds_in_meta);
	RUN(suggestion_puts_the_probe_whose_trigger_the_words_mention_first);
	RUN(suggestion_leaves_a_mentions_probe_unfit_until_its_words_are_typed);
	RUN(suggestion_offers_the_technology_library_for_a_named_technology);
	RUN(suggestion_drops_a_misses_probe_once_its_point_is_ticked);
	RUN(suggestion_ranks_the_children_of_the_probe_being_asked_first_and_never_repeats_it);
	bank_set_free(banks);
	return harness_done();
}
