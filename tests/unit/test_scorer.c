#include "harness.h"

#include <cjson/cJSON.h>

#include "grill/bank.h"
#include "grill/scorer.h"
#include "grill/transcript.h"

/* A transcript from (kind, question, answer) triples, ended by a kind of -1. */
typedef struct turn_spec {
	int kind;
	const char *question;
	const char *answer;
} turn_spec;

static transcript *make(const turn_spec *spec)
{
	transcript *t = transcript_new("external");

	for (; spec->kind >= 0; spec++) {
		turn *tu = transcript_add_turn(t, (turn_kind)spec->kind, spec->question);

		turn_set_answer(tu, spec->answer);
	}
	return t;
}

static scorer_result *assess(const turn_spec *spec)
{
	transcript *t = make(spec);
	scorer_result *res = scorer_assess(t, NULL, NULL);

	transcript_free(t);
	return res;
}

/* All evidence lines of a dimension, joined by newlines; caller frees. */
static char *evidence_of(const scorer_result *res, rubric_dim d)
{
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < res->dims[d].n_evidence; i++)
		sb_appendf(&sb, "%s\n", res->dims[d].evidence[i].text);
	return sb_detach(&sb);
}

#define END { -1, NULL, NULL }

static const char *const cq = "Do you have any questions for us?";

TEST(honesty_scores_high_when_gap_is_named_with_next_step)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How does Vault unsealing work in your setup?",
		  "The platform team runs Vault; I'm a consumer and wrote the policies for our services. "
		  "I know it runs HA on integrated Raft storage with auto-unseal through AWS KMS. "
		  "I've never operated the cluster myself, so I couldn't tell you how they handle losing quorum. "
		  "I'd start with their restore runbook and do a snapshot restore into a test cluster." },
		END
	};
	scorer_result *res = assess(spec);
	char *ev = evidence_of(res, DIM_HONESTY);

	CHECK_INT(res->dims[DIM_HONESTY].score, 5);
	CHECK_CONTAINS(ev, "concrete way to close the gap");
	free(ev);
	scorer_result_free(res);
}

TEST(honesty_scores_low_when_the_question_is_thrown_back)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How does automated canary analysis decide to roll back?",
		  "Hmm. What are you guys using for deployments right now? Because the answer is different "
		  "depending on the tooling. What does your current setup look like?" },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_HONESTY].score, 2);
	CHECK_INT(res->dims[DIM_REASONING].score, 1);
	scorer_result_free(res);
}

TEST(honesty_scores_three_when_claims_hide_behind_hedges)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "What does a DNS TTL control?",
		  "So the TTL, I think, is kind of how long a record gets cached, I guess. "
		  "It's in seconds, I believe, or something like that, maybe." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_HONESTY].score, 3);
	CHECK_INT(res->dims[DIM_ACCURACY].score, 3);
	scorer_result_free(res);
}

TEST(accuracy_scores_one_when_experience_is_oversold_with_absolutes)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Your CV lists Terraform. How have you used it?",
		  "Terraform is basically my bread and butter, honestly. I know it inside out, I wrote "
		  "everything from scratch, I'd say I'm an expert. It just works out of the box, you never "
		  "need locking, that's the whole point." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_ACCURACY].score, 1);
	CHECK_INT(res->dims[DIM_HONESTY].score, 1);
	CHECK_INT(res->verdict, VERDICT_OVERCLAIM);
	scorer_result_free(res);
}

TEST(accuracy_is_not_raised_by_repeating_an_answer)
{
	const char *once = "Replicas copy the data and sharding splits it; which one really depends on the situation.";
	strbuf five = STRBUF_INIT;
	scorer_result *a, *b;

	for (int i = 0; i < 5; i++)
		sb_appendf(&five, "%s ", once);
	{
		const turn_spec s1[] = { { TURN_ANSWER, "Replicas or sharding?", once }, END };
		const turn_spec s5[] = { { TURN_ANSWER, "Replicas or sharding?", sb_str(&five) }, END };

		a = assess(s1);
		b = assess(s5);
	}
	CHECK(b->dims[DIM_ACCURACY].score <= a->dims[DIM_ACCURACY].score);
	CHECK(b->dims[DIM_REASONING].score <= a->dims[DIM_REASONING].score);
	scorer_result_free(a);
	scorer_result_free(b);
	sb_free(&five);
}

TEST(only_candidate_questions_leaves_technical_dimensions_null)
{
	const turn_spec spec[] = {
		{ TURN_CANDIDATE_QUESTIONS, cq,
		  "Two. What does on-call look like, how many pages in a typical week? I ask because it tells "
		  "me how much firefighting there is. And what would success look like at six months?" },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_ACCURACY].score, 0);
	CHECK_INT(res->dims[DIM_HONESTY].score, 0);
	CHECK_INT(res->dims[DIM_REASONING].score, 0);
	CHECK_INT(res->dims[DIM_CHALLENGE].score, 0);
	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 0);
	CHECK_INT(res->dims[DIM_QUESTIONS].score, 5);
	scorer_result_free(res);
}

TEST(challenge_is_null_without_a_challenge_turn)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "What is a hot partition?", "One key takes far more than its share of traffic, so that partition throttles." },
		END
	};
	scorer_result *res = assess(spec);
	char *ev = evidence_of(res, DIM_CHALLENGE);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 0);
	CHECK_CONTAINS(ev, "no challenge turn");
	free(ev);
	scorer_result_free(res);
}

TEST(challenge_scores_one_when_the_candidate_questions_the_interviewer)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do you make a payment charge once?", "Kafka transactions handle it end to end." },
		{ TURN_CHALLENGE, "What if the consumer crashes after calling the provider?",
		  "Have you actually worked with Kafka transactions? That is the case they were built for." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 1);
	scorer_result_free(res);
}

TEST(challenge_scores_two_when_the_candidate_folds_at_once)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Which database?", "Postgres, because orders need transactions and constraints." },
		{ TURN_CHALLENGE, "We use event sourcing here. Why relational?",
		  "Oh, OK. Then that's probably the better choice, I don't have a strong attachment." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 2);
	scorer_result_free(res);
}

TEST(challenge_scores_five_when_the_point_is_conceded_with_conditions)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do you set CPU limits?", "Requests drive scheduling; a CPU limit becomes a CFS quota and throttles." },
		{ TURN_CHALLENGE, "Why not drop CPU limits entirely?",
		  "That's a reasonable position, and on many clusters I'd agree, because requests already "
		  "guarantee a share under contention. Where I'd still keep limits is multi-tenant clusters, "
		  "since I can't trust every team's requests, and capacity tests, unless the noise is acceptable. "
		  "If every pod has sane requests, I'd drop them for latency-sensitive services." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 5);
	scorer_result_free(res);
}

TEST(specificity_is_null_for_definitional_answers)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Why do etcd clusters have an odd number of members?",
		  "Raft needs a majority. Three members need two, four need three, so the fourth adds no tolerance." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 0);
	scorer_result_free(res);
}

TEST(specificity_scores_one_for_a_hypothetical_when_asked_for_an_example)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Tell me about a time you tracked down high load.",
		  "What you'd typically do is log in, run top, and see what's eating it. Then you would restart it." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 1);
	scorer_result_free(res);
}

TEST(specificity_scores_five_for_a_story_with_role_numbers_cause_decision_and_outcome)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Tell me about a time you dealt with OOM kills.",
		  "I owned a Java pricing API with a 2 GiB memory limit. Pods were OOMKilled a few times a day. "
		  "The problem was non-heap memory: Native Memory Tracking showed about 2.1 GB committed. "
		  "I swapped -Xmx for MaxRAMPercentage at 60 and capped Netty's direct memory. "
		  "OOM kills went to zero over the following month." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 5);
	scorer_result_free(res);
}

TEST(questions_score_two_for_perks_only)
{
	const turn_spec spec[] = {
		{ TURN_CANDIDATE_QUESTIONS, cq, "Yes. What's the salary band? And how many days a week in the office?" },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_QUESTIONS].score, 2);
	scorer_result_free(res);
}

TEST(questions_score_one_when_the_candidate_declines)
{
	const turn_spec spec[] = {
		{ TURN_CANDIDATE_QUESTIONS, cq, "No, I think I'm all set, thanks." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_QUESTIONS].score, 1);
	scorer_result_free(res);
}

TEST(questions_are_scored_from_clarifying_questions_on_a_design_problem)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Design a rate limiter for our public API.",
		  "A few questions first. Are limits per API key or per user? Do you need to allow short bursts? "
		  "Is the API served from one region or several? Assuming per-key limits, I'd use a token bucket in Redis." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_QUESTIONS].score, 5);
	CHECK_INT(res->dims[DIM_HONESTY].score >= 4, 1);
	scorer_result_free(res);
}

TEST(questions_are_null_without_a_turn_to_ask)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do you rename a column without downtime?", "Expand and contract over several deploys." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_QUESTIONS].score, 0);
	scorer_result_free(res);
}

TEST(reasoning_scores_two_when_it_depends_is_never_resolved)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "When would you use layer 4 over layer 7 load balancing?",
		  "It depends. It depends on your traffic, your protocols and your budget. There's no single right answer." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_REASONING].score, 2);
	scorer_result_free(res);
}

static const char *const test_bank =
	"{\"format\": 1, \"id\": \"probes\", \"title\": \"Probes\", \"version\": \"1\", \"description\": \"\","
	" \"questions\": [{\"id\": \"probes-q\", \"domain\": \"kubernetes\", \"tags\": [\"kubernetes\"],"
	" \"kind\": \"technical\", \"level\": \"mid\","
	" \"prompt\": \"How do liveness and readiness probes differ in Kubernetes?\","
	" \"expected\": [{\"id\": \"restart\", \"point\": \"Liveness failure restarts the container\", \"weight\": 2,"
	"   \"patterns\": [\"restart*\"]},"
	"  {\"id\": \"endpoints\", \"point\": \"Readiness failure removes the pod from endpoints\", \"weight\": 2,"
	"   \"patterns\": [\"endpoint*\"]}],"
	" \"red_flags\": [{\"id\": \"readiness-restarts\", \"claim\": \"A failing readiness probe restarts the container\","
	"   \"patterns\": [\"readiness probe restart*\"], \"unless\": [\"not\"],"
	"   \"correction\": \"Readiness only removes the pod from endpoints.\"}],"
	" \"model_answer\": \"Liveness restarts; readiness gates traffic.\"}]}";

static bank_set *load_test_bank(void)
{
	char *path = harness_write_temp("probes.json", test_bank);
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;

	CHECK_INT(bank_set_add_file(set, path, &d), 0);
	bank_set_link(set);
	diag_free(&d);
	free(path);
	return set;
}

TEST(free_text_question_is_matched_to_the_bank_prompt_it_clearly_corresponds_to)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "What's the difference between a readiness probe and a liveness probe?",
		  "Readiness takes the pod out of the Service endpoints; a failing liveness probe gets it restarted." },
		{ TURN_ANSWER, "What is your favourite text editor?", "Vim, because it is everywhere." },
		END
	};
	bank_set *banks = load_test_bank();
	transcript *t = make(spec);
	scorer_result *res = scorer_assess(t, banks, NULL);

	CHECK_INT(res->n_matched, 2);
	CHECK_STR(res->matched[0], "probes-q");
	CHECK(res->matched[1] == NULL);
	CHECK_INT(res->n_points, 2);
	CHECK(res->points[0].covered);
	CHECK(res->points[1].covered);
	scorer_result_free(res);
	transcript_free(t);
	bank_set_free(banks);
}

TEST(accuracy_is_capped_at_two_when_a_bank_red_flag_is_hit)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do liveness and readiness probes differ in Kubernetes?",
		  "When it fails the readiness probe restarts the container, and liveness removes it from endpoints "
		  "for 30 seconds at a time, measured by the kubelet every 10 s with a failureThreshold of 3." },
		END
	};
	bank_set *banks = load_test_bank();
	transcript *t = make(spec);
	scorer_result *res = scorer_assess(t, banks, NULL);
	char *ev = evidence_of(res, DIM_ACCURACY);

	CHECK_INT(res->n_flags, 1);
	CHECK_INT(res->dims[DIM_ACCURACY].score <= 2, 1);
	CHECK_CONTAINS(ev, "red flag \"A failing readiness probe restarts the container\"");
	free(ev);
	scorer_result_free(res);
	transcript_free(t);
	bank_set_free(banks);
}

TEST(every_dimension_has_evidence_scored_or_not)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "What is idempotency?", "Doing it twice has the same effect as once, so retries are safe." },
		END
	};
	scorer_result *res = assess(spec);

	for (int d = 0; d < RUBRIC_DIMS; d++)
		CHECK(res->dims[d].n_evidence > 0);
	scorer_result_free(res);
}

TEST(json_has_exactly_the_six_keys_and_a_verdict)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "What is idempotency?", "Doing it twice has the same effect as once, so retries are safe." },
		END
	};
	scorer_result *res = assess(spec);
	strbuf sb = STRBUF_INIT;
	cJSON *root, *dims, *it;
	int n = 0;

	scorer_result_json(res, false, &sb);
	root = cJSON_Parse(sb_str(&sb));
	CHECK(root != NULL);
	dims = cJSON_GetObjectItemCaseSensitive(root, "dimensions");
	cJSON_ArrayForEach(it, dims) {
		CHECK_STR(it->string, rubric_keys[n]);
		CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(it, "evidence")));
		n++;
	}
	CHECK_INT(n, 6);
	CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(dims, "challenge"), "score")));
	CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "verdict")));
	CHECK(cJSON_GetObjectItemCaseSensitive(root, "points") == NULL);
	CHECK_INT(cJSON_GetArraySize(root), 2);
	cJSON_Delete(root);
	sb_free(&sb);
	scorer_result_free(res);
}

TEST(same_transcript_always_gives_the_same_result)
{
	char *path = harness_fixture("calibration/public.json");
	transcript **list = NULL;
	long n = transcript_load_all(path, &list, NULL);

	CHECK(n > 0);
	for (long i = 0; i < n; i++) {
		scorer_result *a = scorer_assess(list[i], NULL, NULL), *b = scorer_assess(list[i], NULL, NULL);
		strbuf ja = STRBUF_INIT, jb = STRBUF_INIT;

		scorer_result_json(a, true, &ja);
		scorer_result_json(b, true, &jb);
		CHECK_STR(sb_str(&ja), sb_str(&jb));
		sb_free(&ja);
		sb_free(&jb);
		scorer_result_free(a);
		scorer_result_free(b);
		transcript_free(list[i]);
	}
	free(list);
	free(path);
}

TEST(rising_tone_statement_is_not_handing_the_question_back)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "What are traces for?",
		  "Traces follow one request across services? Each hop records a span with its timing. "
		  "The spans share a trace ID, so you can see which service the time went to." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK(res->dims[DIM_HONESTY].score >= 3);
	CHECK(res->dims[DIM_REASONING].score >= 2);
	scorer_result_free(res);
}

TEST(clarifying_question_settled_by_an_assumption_is_not_a_deflection)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do you pick a shard key for an orders table?",
		  "How many orders do you take a day? I'll assume a few million, mostly read by customer. "
		  "Then I'd shard on customer ID, because almost every query filters on it, "
		  "and keep a separate index by order ID for support lookups." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK(res->dims[DIM_HONESTY].score >= 4);
	CHECK(res->dims[DIM_REASONING].score >= 3);
	scorer_result_free(res);
}

TEST(next_step_counts_only_in_the_answer_that_admits_the_gap)
{
	const turn_spec apart[] = {
		{ TURN_ANSWER, "How would you find a slow query in Postgres?",
		  "I'd check pg_stat_statements for the statements with the highest total time, then run EXPLAIN ANALYZE on them." },
		{ TURN_PROBE, "And the JIT settings?", "I don't know those at all." },
		END
	};
	const turn_spec together[] = {
		{ TURN_ANSWER, "How would you find a slow query in Postgres?",
		  "I'd look at pg_stat_statements for the statements with the highest total time." },
		{ TURN_PROBE, "And the JIT settings?",
		  "I don't know those at all. I'd benchmark a heavy report with jit on and off on a staging copy." },
		END
	};
	scorer_result *a = assess(apart), *b = assess(together);

	CHECK_INT(a->dims[DIM_HONESTY].score, 4);
	CHECK_INT(b->dims[DIM_HONESTY].score, 5);
	scorer_result_free(a);
	scorer_result_free(b);
}

TEST(specificity_is_asked_for_when_the_question_is_about_what_the_candidate_did)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Describe an outage you were involved in.",
		  "In an outage you'd get people on a call, check dashboards and roll back the last deploy." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 1);
	scorer_result_free(res);
}

TEST(specificity_is_null_for_a_passing_mention_of_past_work)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do you deal with flaky tests?",
		  "Record each test's result per commit to find the ones that flip. We had a dashboard like that at my last job. "
		  "Quarantine them in a non-blocking job with an owner, because retries hide real races." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 0);
	scorer_result_free(res);
}

TEST(specificity_caps_a_generic_story_at_two)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Tell me about a time you improved performance.",
		  "We had an API that was slow. I looked into it and it was the database, so I added some indexes "
		  "and put caching in, and after that it was a lot faster." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_SPECIFICITY].score, 2);
	scorer_result_free(res);
}

TEST(questions_explained_by_the_next_sentence_are_substantive)
{
	const turn_spec spec[] = {
		{ TURN_CANDIDATE_QUESTIONS, cq,
		  "What's the part of the system people are most wary of changing? That usually shows where the debt sits. "
		  "And who fixes things when they break in production, the team that shipped it or a separate group?" },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_QUESTIONS].score, 5);
	scorer_result_free(res);
}

TEST(questions_about_leave_and_hybrid_work_are_perks)
{
	const turn_spec spec[] = {
		{ TURN_CANDIDATE_QUESTIONS, cq, "Is it hybrid? And how much annual leave comes with it?" },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_QUESTIONS].score, 2);
	scorer_result_free(res);
}

TEST(dismissing_a_challenge_costs_challenge_not_accuracy)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How do you run schema migrations with continuous deployment?",
		  "Expand and contract. First add new columns as nullable, ship code that writes both, backfill, switch reads, "
		  "and drop the old column in a later release. Migrations run as a job before the rollout, so a failed "
		  "migration stops the deploy rather than leaving half the pods on new code." },
		{ TURN_CHALLENGE, "Isn't that too slow for a small team?",
		  "I don't see the problem. That's how it's done, and it's worked on every team I've been on." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 2);
	CHECK(res->dims[DIM_ACCURACY].score >= 4);
	scorer_result_free(res);
}

TEST(challenge_scores_one_when_the_interviewers_team_is_attacked)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "How would you handle Postgres failover?",
		  "Patroni with etcd: the leader holds a key with a TTL and a replica takes it when the primary stops renewing." },
		{ TURN_CHALLENGE, "Why not fail over by hand with a runbook?",
		  "Sounds like whoever set this place up has never been paged. Manual failover is how you get two primaries." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 1);
	scorer_result_free(res);
}

TEST(challenge_scores_five_when_the_point_is_credited_in_plain_words)
{
	const turn_spec spec[] = {
		{ TURN_ANSWER, "Design a push notification service.",
		  "Producers write to a queue keyed by user; senders call APNs with backoff and per-provider rate limits." },
		{ TURN_CHALLENGE, "Why not call APNs directly from the producers?",
		  "For a small volume that works, and it's one fewer moving part, I'll give you that. "
		  "The problem is when APNs slows down: every producer then owns retries and backoff, "
		  "and latency leaks into checkout because the call is inline. "
		  "If we were at a few thousand a day I'd start direct and add the queue later." },
		END
	};
	scorer_result *res = assess(spec);

	CHECK_INT(res->dims[DIM_CHALLENGE].score, 5);
	scorer_result_free(res);
}

TEST(a_long_answer_is_not_a_good_answer)
{
	const char *padded =
		"So yeah, basically, consumer groups are really how you scale, you know, and honestly it's pretty simple. "
		"Every consumer just gets everything, always, that's the whole point, and you can add as many as you want. "
		"It's really the best thing about it, totally, and everyone uses it that way anyway, so it just works. ";
	strbuf long_answer = STRBUF_INIT;
	turn_spec spec[] = {
		{ TURN_ANSWER, "How do Kafka consumer groups work?", NULL },
		END
	};
	scorer_result *res;

	for (int i = 0; i < 6; i++)
		sb_append(&long_answer, padded);
	spec[0].answer = sb_str(&long_answer);
	res = assess(spec);
	CHECK(res->dims[DIM_ACCURACY].score <= 2);
	CHECK(res->dims[DIM_REASONING].score <= 2);
	scorer_result_free(res);
	sb_free(&long_answer);
}

int main(void)
{
	RUN(honesty_scores_high_when_gap_is_named_with_next_step);
	RUN(honesty_scores_low_when_the_question_is_thrown_back);
	RUN(honesty_scores_three_when_claims_hide_behind_hedges);
	RUN(accuracy_scores_one_when_experience_is_oversold_with_absolutes);
	RUN(accuracy_is_not_raised_by_repeating_an_answer);
	RUN(only_candidate_questions_leaves_technical_dimensions_null);
	RUN(challenge_is_null_without_a_challenge_turn);
	RUN(challenge_scores_one_when_the_candidate_questions_the_interviewer);
	RUN(challenge_scores_two_when_the_candidate_folds_at_once);
	RUN(challenge_scores_five_when_the_point_is_conceded_with_conditions);
	RUN(specificity_is_null_for_definitional_answers);
	RUN(specificity_scores_one_for_a_hypothetical_when_asked_for_an_example);
	RUN(specificity_scores_five_for_a_story_with_role_numbers_cause_decision_and_outcome);
	RUN(questions_score_two_for_perks_only);
	RUN(questions_score_one_when_the_candidate_declines);
	RUN(questions_are_scored_from_clarifying_questions_on_a_design_problem);
	RUN(questions_are_null_without_a_turn_to_ask);
	RUN(reasoning_scores_two_when_it_depends_is_never_resolved);
	RUN(free_text_question_is_matched_to_the_bank_prompt_it_clearly_corresponds_to);
	RUN(accuracy_is_capped_at_two_when_a_bank_red_flag_is_hit);
	RUN(every_dimension_has_evidence_scored_or_not);
	RUN(json_has_exactly_the_six_keys_and_a_verdict);
	RUN(same_transcript_always_gives_the_same_result);
	RUN(rising_tone_statement_is_not_handing_the_question_back);
	RUN(clarifying_question_settled_by_an_assumption_is_not_a_deflection);
	RUN(next_step_counts_only_in_the_answer_that_admits_the_gap);
	RUN(specificity_is_asked_for_when_the_question_is_about_what_the_candidate_did);
	RUN(specificity_is_null_for_a_passing_mention_of_past_work);
	RUN(specificity_caps_a_generic_story_at_two);
	RUN(questions_explained_by_the_next_sentence_are_substantive);
	RUN(questions_about_leave_and_hybrid_work_are_perks);
	RUN(dismissing_a_challenge_costs_challenge_not_accuracy);
	RUN(challenge_scores_one_when_the_interviewers_team_is_attacked);
	RUN(challenge_scores_five_when_the_point_is_credited_in_plain_words);
	RUN(a_long_answer_is_not_a_good_answer);
	return harness_done();
}
