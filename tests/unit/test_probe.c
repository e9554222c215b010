#include "harness.h"

#include "grill/bank.h"
#include "grill/probe.h"
#include "grill/transcript.h"
#include "grill/xalloc.h"

static bank_set *banks;

/* A thread: the main question answered, then (node, answer) pairs. */
static transcript *thread(const char *qid, const char *main_answer)
{
	transcript *t = transcript_new("solo");
	const bank_question *q = bank_set_find_question(banks, qid);
	turn *tu = transcript_add_turn(t, TURN_ANSWER, q->prompt);

	tu->question_id = xstrdup(qid);
	turn_set_answer(tu, main_answer);
	return t;
}

static void follow(transcript *t, turn_kind kind, const char *node, int depth, const char *answer)
{
	turn *tu = transcript_add_turn(t, kind, "asked");

	tu->question_id = xstrdup(t->turns[0].question_id);
	tu->node = xstrdup(node);
	tu->depth = depth;
	turn_set_answer(tu, answer);
	{
		const char *b = probe_boundary(banks, tu);

		tu->boundary = b ? xstrdup(b) : NULL;
	}
}

static probe_choice choose(const transcript *t, char **claims, size_t n_claims, bool last_main)
{
	probe_context ctx = { banks, t, 0, 3, claims, n_claims, last_main };
	probe_choice c;

	probe_choose(&ctx, &c);
	return c;
}

TEST(probe_is_chosen_when_answer_mentions_its_trigger)
{
	transcript *t = thread("mini-queues-duplicates", "We tune the visibility timeout and make it idempotent with a DLQ.");
	probe_choice c = choose(t, NULL, 0, false);

	CHECK_INT(c.kind, CHOICE_PROBE);
	CHECK_STR(c.node, "probe:visibility");
	CHECK_INT(c.depth, 1);
	CHECK_CONTAINS(c.reason, "the answer mentioned \"visibility timeout\"");
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(probe_for_a_missing_point_is_chosen_when_the_answer_leaves_it_out)
{
	transcript *t = thread("mini-queues-duplicates", "Messages can be delivered more than once, and bad ones go to a dead letter queue.");
	probe_choice c = choose(t, NULL, 0, false);

	CHECK_STR(c.node, "probe:twice");
	CHECK_CONTAINS(c.reason, "the answer did not cover: Makes the charge idempotent");
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(vague_answer_gets_the_probe_for_vague_answers)
{
	transcript *t = thread("mini-k8s-readiness", "Kind of similar, I think maybe one restarts.");
	probe_choice c;

	/* the points it misses come first; once asked, the vague probe is next */
	follow(t, TURN_PROBE, "probe:restart-storm", 1, "I'm not sure.");
	transcript_free(t);
	t = thread("mini-k8s-readiness", "Kind of similar, I think, sort of.");
	c = choose(t, NULL, 0, false);
	CHECK(c.kind == CHOICE_PROBE);
	CHECK(strcmp(c.node, "probe:restart-storm") == 0 || strcmp(c.node, "probe:explain-more") == 0);
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(deepest_branch_is_followed_before_going_wide)
{
	transcript *t = thread("mini-queues-duplicates", "At least once; we set the visibility timeout, idempotency keys, and a DLQ.");
	probe_choice c;

	follow(t, TURN_PROBE, "probe:visibility", 1, "From the p99 processing time plus a margin.");
	c = choose(t, NULL, 0, false);
	CHECK_STR(c.node, "probe:outlives");
	CHECK_INT(c.depth, 2);
	probe_choice_free(&c);
	follow(t, TURN_PROBE, "probe:outlives", 2, "It becomes visible again and we get a duplicate.");
	c = choose(t, NULL, 0, false);
	CHECK_STR(c.node, "probe:detect-duplicates");
	CHECK_INT(c.depth, 3);
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(honest_boundary_ends_the_branch)
{
	transcript *t = thread("mini-queues-duplicates", "At least once; the visibility timeout, idempotency keys, a DLQ.");
	probe_choice c;

	follow(t, TURN_PROBE, "probe:visibility", 1, "I haven't tuned it myself; I'd look at the p99 of the handler first.");
	CHECK_STR(t->turns[1].boundary, "honest");
	c = choose(t, NULL, 0, false);
	CHECK(c.kind != CHOICE_PROBE);
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(stated_misconception_is_recorded_as_a_guess)
{
	transcript *t = thread("mini-k8s-readiness", "Liveness restarts the container and readiness removes the endpoints.");

	follow(t, TURN_PROBE, "probe:startup", 1, "The readiness probe restarts the container when it fails, like liveness.");
	CHECK_STR(t->turns[1].boundary, "guess");
	transcript_free(t);
}

TEST(depth_limit_ends_the_branch)
{
	transcript *t = thread("mini-queues-duplicates", "At least once; the visibility timeout, idempotency keys, a DLQ.");
	probe_choice c;

	follow(t, TURN_PROBE, "probe:visibility", 1, "From the p99 plus a margin.");
	follow(t, TURN_PROBE, "probe:outlives", 2, "It is processed twice: a duplicate.");
	follow(t, TURN_PROBE, "probe:detect-duplicates", 3, "An alarm on the receive count metric.");
	c = choose(t, NULL, 0, false);
	CHECK(c.kind != CHOICE_PROBE);
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(same_probe_is_never_asked_twice_in_a_session)
{
	transcript *t = thread("mini-queues-duplicates", "We tune the visibility timeout, idempotency and a DLQ.");
	probe_choice c;

	/* an earlier thread already asked probe:visibility */
	follow(t, TURN_PROBE, "probe:visibility", 1, "p99 plus a margin.");
	{
		turn *main2 = transcript_add_turn(t, TURN_ANSWER, "again");

		main2->question_id = xstrdup("mini-queues-duplicates");
		turn_set_answer(main2, "The visibility timeout again, idempotency, a DLQ.");
	}
	{
		probe_context ctx = { banks, t, 2, 3, NULL, 0, false };

		probe_choose(&ctx, &c);
	}
	CHECK(c.kind == CHOICE_PROBE);
	CHECK(strcmp(c.node, "probe:visibility") != 0);
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(technology_library_probe_is_used_when_the_answer_names_a_technology)
{
	transcript *t = thread("mini-behavioral-outage",
		"I led the rollback myself after the SQS consumers fell behind; errors hit 30 percent for 12 minutes "
		"because the root cause was a bad deploy.");
	probe_choice c = choose(t, NULL, 0, false);

	CHECK_INT(c.kind, CHOICE_PROBE);
	CHECK(strncmp(c.node, "tech:sqs/", 9) == 0);
	CHECK_CONTAINS(c.reason, "Amazon SQS (\"sqs\")");
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(claimed_technology_is_drilled_to_its_deepest_branch_first)
{
	char *claims[] = { "sqs" };
	transcript *t = thread("mini-queues-duplicates", "We used SQS: at least once, idempotency keys, and a DLQ; the visibility timeout was tuned.");
	probe_choice c = choose(t, claims, 1, false);

	CHECK_STR(c.node, "tech:sqs/dlq-policy");
	CHECK_CONTAINS(c.reason, "is in --claims");
	probe_choice_free(&c);
	/* a claimed branch may go past the depth limit */
	follow(t, TURN_PROBE, "tech:sqs/dlq-policy", 3, "maxReceiveCount of 5 via a redrive policy.");
	c = choose(t, claims, 1, false);
	CHECK_STR(c.node, "tech:sqs/dlq-alarm");
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(challenge_follows_when_the_answer_mentions_the_choice)
{
	transcript *t = thread("mini-queues-duplicates", "At least once; idempotency keys; a DLQ for the queue.");
	probe_choice c;

	follow(t, TURN_PROBE, "probe:backlog", 1, "I don't know, honestly; I'd check the queue age metric.");
	c = choose(t, NULL, 0, false);
	CHECK_INT(c.kind, CHOICE_CHALLENGE);
	CHECK_STR(c.node, "challenge:why-not-kafka");
	CHECK_CONTAINS(c.reason, "pushback on a choice");
	probe_choice_free(&c);
	transcript_free(t);
}

TEST(branch_ends_after_a_challenge)
{
	transcript *t = thread("mini-queues-duplicates", "At least once; idempotency keys; a DLQ for the queue.");
	probe_choice c;

	follow(t, TURN_CHALLENGE, "challenge:why-not-kafka", 1, "Kafka is fine too.");
	c = choose(t, NULL, 0, false);
	CHECK_INT(c.kind, CHOICE_NONE);
	transcript_free(t);
}

TEST(skipped_follow_up_ends_the_branch)
{
	transcript *t = thread("mini-queues-duplicates", "At least once; idempotency keys; a DLQ; visibility timeout.");
	probe_choice c;

	follow(t, TURN_PROBE, "probe:visibility", 1, "");
	t->turns[1].skipped = true;
	c = choose(t, NULL, 0, false);
	CHECK_INT(c.kind, CHOICE_NONE);
	transcript_free(t);
}

static const char story_bank[] =
	"{\"format\": 1, \"id\": \"story\", \"title\": \"Story\", \"version\": \"1\", \"questions\": [{"
	"\"id\": \"story-own\", \"domain\": \"architecture\", \"tags\": [\"architecture\"], "
	"\"kind\": \"architecture\", \"level\": \"senior\", "
	"\"prompt\": \"Tell me about a system you own.\", "
	"\"expected\": [{\"id\": \"flow\", \"point\": \"Walks the data flow\", \"patterns\": [\"data flow\"]}], "
	"\"probes\": [{\"id\": \"scale\", \"trigger\": {\"kind\": \"always\"}, \"ask\": \"What breaks first at ten times the load?\"}]}]}";

TEST(architecture_story_is_probed_in_the_order_its_components_were_named)
{
	char *path = harness_write_temp("story.json", story_bank);
	diag_list d = DIAG_LIST_INIT;
	transcript *t;
	probe_choice c;

	CHECK_INT(bank_set_add_file(banks, path, &d), 0);
	bank_set_link(banks);
	t = thread("story-own", "Orders land on SQS, and workers on Kubernetes drain the queue.");
	c = choose(t, NULL, 0, false);
	CHECK(strncmp(c.node, "tech:sqs/", 9) == 0);
	probe_choice_free(&c);
	transcript_free(t);
	t = thread("story-own", "Workers on Kubernetes drain the queue, and orders land on SQS.");
	c = choose(t, NULL, 0, false);
	CHECK(strncmp(c.node, "tech:kubernetes/", 16) == 0);
	probe_choice_free(&c);
	transcript_free(t);
	diag_free(&d);
	free(path);
}

int main(void)
{
	banks = harness_load_banks("tests/fixtures/banks");
	RUN(probe_is_chosen_when_answer_mentions_its_trigger);
	RUN(probe_for_a_missing_point_is_chosen_when_the_answer_leaves_it_out);
	RUN(vague_answer_gets_the_probe_for_vague_answers);
	RUN(deepest_branch_is_followed_before_going_wide);
	RUN(honest_boundary_ends_the_branch);
	RUN(stated_misconception_is_recorded_as_a_guess);
	RUN(depth_limit_ends_the_branch);
	RUN(same_probe_is_never_asked_twice_in_a_session);
	RUN(technology_library_probe_is_used_when_the_answer_names_a_technology);
	RUN(claimed_technology_is_drilled_to_its_deepest_branch_first);
	RUN(challenge_follows_when_the_answer_mentions_the_choice);
	RUN(branch_ends_after_a_challenge);
	RUN(skipped_follow_up_ends_the_branch);
	RUN(architecture_story_is_probed_in_the_order_its_components_were_named);
	bank_set_free(banks);
	return harness_done();
}
