#include "harness.h"

#include "grill/bank.h"
#include "grill/select.h"
#include "grill/session.h"
#include "grill/xalloc.h"

static bank_set *banks;

static long plan_for(unsigned long seed, char ***ids)
{
	select_opts o;

	memset(&o, 0, sizeof(o));
	o.level = -1;
	o.count = 3;
	o.seed = seed;
	return select_questions(banks, &o, ids, NULL);
}

static void free_ids(char **ids, long n)
{
	while (n-- > 0)
		free(ids[n]);
	free(ids);
}

TEST(same_seed_gives_the_same_questions_in_the_same_order)
{
	char **a = NULL, **b = NULL;
	long na = plan_for(42, &a), nb = plan_for(42, &b), i;

	CHECK_INT(na, 3);
	CHECK_INT(nb, 3);
	for (i = 0; i < na; i++)
		CHECK_STR(a[i], b[i]);
	free_ids(a, na);
	free_ids(b, nb);
}

TEST(different_seeds_can_change_the_order)
{
	char **a = NULL, **b = NULL;
	unsigned long seed;
	bool differs = false;
	long na = plan_for(1, &a);

	for (seed = 2; seed < 40 && !differs; seed++) {
		long nb = plan_for(seed, &b);

		differs = strcmp(a[0], b[0]) != 0;
		free_ids(b, nb);
	}
	CHECK(differs);
	free_ids(a, na);
}

TEST(selection_filters_by_level_and_reports_an_empty_match)
{
	select_opts o;
	char **ids = NULL;
	grill_err err = GRILL_ERR_INIT;

	memset(&o, 0, sizeof(o));
	o.count = 5;
	o.level = LEVEL_MID;
	CHECK_INT(select_questions(banks, &o, &ids, &err), 1);
	CHECK_STR(ids[0], "mini-k8s-readiness");
	free_ids(ids, 1);
	o.level = LEVEL_STAFF;
	CHECK_INT(select_questions(banks, &o, &ids, &err), -1);
	CHECK_CONTAINS(err.msg, "no question matches at level staff");
	err_clear(&err);
}

TEST(claimed_technology_questions_come_first)
{
	select_opts o;
	const char *claims[] = { "sqs" };
	char **ids = NULL;
	unsigned long seed;

	memset(&o, 0, sizeof(o));
	o.count = 3;
	o.level = -1;
	o.claims = claims;
	o.n_claims = 1;
	for (seed = 0; seed < 10; seed++) {
		o.seed = seed;
		CHECK_INT(select_questions(banks, &o, &ids, NULL), 3);
		CHECK_STR(ids[0], "mini-queues-duplicates");
		free_ids(ids, 3);
	}
}

static session *start(const char *qid)
{
	transcript_settings s;
	char *plan[] = { (char *)qid };
	grill_err err = GRILL_ERR_INIT;
	session *ses;

	memset(&s, 0, sizeof(s));
	s.questions = 1;
	s.depth = 3;
	ses = session_start(banks, "solo", &s, plan, 1, &err);
	if (!ses)
		printf("# %s\n", err_msg(&err));
	return ses;
}

TEST(every_turn_is_saved_before_the_engine_returns)
{
	session *s = start("mini-queues-duplicates");
	session_step step;
	transcript *disk;

	CHECK(s != NULL);
	CHECK_INT(session_next(s, &step, NULL), 0);
	CHECK_INT(step.kind, STEP_ASK);
	disk = transcript_load(session_path(s), NULL);
	CHECK(disk && disk->n_turns == 1 && disk->turns[0].answer == NULL);
	transcript_free(disk);
	CHECK_INT(session_answer(s, "At least once, so the visibility timeout matters.", 3.0, NULL), 0);
	disk = transcript_load(session_path(s), NULL);
	CHECK_STR(disk->turns[0].answer, "At least once, so the visibility timeout matters.");
	transcript_free(disk);
	session_free(s);
}

TEST(resumed_session_asks_the_pending_turn_again_then_goes_on_as_before)
{
	session *s = start("mini-queues-duplicates"), *r;
	session_step step;
	char *path;
	transcript *t;

	session_next(s, &step, NULL);
	session_answer(s, "At least once; the visibility timeout; idempotency; a DLQ.", -1, NULL);
	session_next(s, &step, NULL);
	CHECK_STR(step.turn->node, "probe:visibility");
	path = xstrdup(session_path(s));
	session_free(s); /* as if killed while the probe was waiting */
	t = transcript_load(path, NULL);
	r = session_resume(banks, t, NULL);
	CHECK(r != NULL);
	CHECK_INT(session_next(r, &step, NULL), 0);
	CHECK(step.reask);
	CHECK_STR(step.turn->node, "probe:visibility");
	session_answer(r, "The p99 of processing plus a margin.", -1, NULL);
	session_next(r, &step, NULL);
	CHECK_STR(step.turn->node, "probe:outlives");
	session_free(r);
	free(path);
}

TEST(session_ends_with_the_candidates_questions_then_self_assessment)
{
	session *s = start("mini-behavioral-outage");
	session_step step;
	int guard = 0;

	for (;;) {
		CHECK_INT(session_next(s, &step, NULL), 0);
		if (step.kind != STEP_ASK || step.turn->kind == TURN_CANDIDATE_QUESTIONS || ++guard > 10)
			break;
		session_skip(s, NULL);
	}
	CHECK_INT(step.turn->kind, TURN_CANDIDATE_QUESTIONS);
	CHECK_CONTAINS(step.turn->question, "Do you have any questions for us?");
	session_answer(s, "What does on-call look like?", -1, NULL);
	session_next(s, &step, NULL);
	CHECK_INT(step.kind, STEP_SELF_ASSESS);
	session_free(s);
}

int main(void)
{
	banks = harness_load_banks("tests/fixtures/banks");
	RUN(same_seed_gives_the_same_questions_in_the_same_order);
	RUN(different_seeds_can_change_the_order);
	RUN(selection_filters_by_level_and_reports_an_empty_match);
	RUN(claimed_technology_questions_come_first);
	RUN(every_turn_is_saved_before_the_engine_returns);
	RUN(resumed_session_asks_the_pending_turn_again_then_goes_on_as_before);
	RUN(session_ends_with_the_candidates_questions_then_self_assessment);
	bank_set_free(banks);
	return harness_done();
}
