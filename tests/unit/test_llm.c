/*
 * The LLM client against the loopback fake server, in all three dialects:
 * what the session gets back (question, opinion, error line, switch-off)
 * and what was sent.
 */
#include "harness.h"

#include <cjson/cJSON.h>
#include <time.h>

#include "../llm/fake_llm.h"
#include "grill/llm.h"

#define KEY "sk-test-0123456789abcdef"

static const llm_provider providers[] = { LLM_PROVIDER_OPENAI, LLM_PROVIDER_ANTHROPIC, LLM_PROVIDER_OLLAMA };
static const char *prov; /* the provider under test, for failure messages */

#define CHECKP(cond) do { if (!(cond)) harness_fail(__FILE__, __LINE__, "%s: check failed: %s", prov, #cond); } while (0)
#define CHECKP_STR(a, b) do { const char *a_ = (a), *b_ = (b); if (!a_ || strcmp(a_, b_) != 0) \
	harness_fail(__FILE__, __LINE__, "%s: %s is \"%s\", expected \"%s\"", prov, #a, a_ ? a_ : "(null)", b_); } while (0)
#define CHECKP_HAS(a, b) do { const char *a_ = (a), *b_ = (b); if (!a_ || !strstr(a_, b_)) \
	harness_fail(__FILE__, __LINE__, "%s: %s lacks \"%s\": \"%s\"", prov, #a, b_, a_ ? a_ : "(null)"); } while (0)
#define CHECKP_LACKS(a, b) do { const char *a_ = (a), *b_ = (b); if (a_ && strstr(a_, b_)) \
	harness_fail(__FILE__, __LINE__, "%s: %s has \"%s\"", prov, #a, b_); } while (0)

static int notices;
static strbuf notice_text = STRBUF_INIT;

static void on_notice(void *ctx, const char *sentence)
{
	(void)ctx;
	notices++;
	sb_truncate(&notice_text, 0);
	sb_append(&notice_text, sentence);
}

/* A client for SEGMENT.PROVIDER with test limits; the segment name the server counts is returned in *segment. */
static llm_client *client_for(const char *scenario, llm_provider p, int retries, char **segment)
{
	llm_config cfg;
	llm_client *c = NULL;
	grill_err err = GRILL_ERR_INIT;
	static int serial;
	char *seg = xasprintf("%s.%s%d", scenario, llm_provider_name(p), ++serial);

	memset(&cfg, 0, sizeof(cfg));
	cfg.wanted = true;
	cfg.provider = p;
	cfg.url = fake_llm_url(seg);
	cfg.model = xstrdup("test-model");
	cfg.api_key = xstrdup(KEY);
	cfg.key_from = xstrdup("GRILL_LLM_API_KEY");
	cfg.connect_timeout_ms = 2000;
	cfg.reply_timeout_ms = 400;
	cfg.idle_timeout_ms = 400;
	cfg.max_reply_bytes = 16384;
	cfg.max_retries = retries;
	cfg.max_retry_wait_ms = 5000;
	cfg.retry_backoff_ms = 10;
	if (llm_new(&cfg, &c, &err) < 0 || !c)
		harness_fail(__FILE__, __LINE__, "llm_new: %s", err_msg(&err));
	llm_config_free(&cfg);
	llm_set_notice(c, on_notice, NULL);
	prov = llm_provider_name(p);
	if (segment)
		*segment = seg;
	else
		free(seg);
	return c;
}

typedef struct shown {
	strbuf text;
	int pieces;
} shown;

static void on_piece(void *ctx, const char *piece)
{
	shown *s = ctx;

	sb_append(&s->text, piece);
	s->pieces++;
}

static const char *const points[] = { "cache invalidation", "failure of the database" };
static const char *const asked[] = { "How big is the cache?" };

static const llm_followup_request followup_req = {
	"How would you cache reads for a product page?",
	"I would use a write-through cache in front of Postgres.",
	points, 2, asked, 1
};

/* Runs a follow-up; returns the result with the question (or NULL), the error and what was shown. */
static llm_result ask(llm_client *c, char **q, grill_err *err, shown *s)
{
	return llm_followup(c, &followup_req, s ? on_piece : NULL, s, q, err);
}

TEST(followup_streams_the_question_in_pieces_that_join_to_it)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		llm_client *c = client_for("ok", providers[i], 0, NULL);
		shown s = { STRBUF_INIT, 0 };
		char *q = NULL;

		CHECKP(ask(c, &q, NULL, &s) == LLM_OK);
		CHECKP_STR(q, "You said the cache is write-through; what happens to a write when the database is down?");
		CHECKP_STR(sb_str(&s.text), q);
		CHECKP(s.pieces > 1);
		CHECKP(llm_failures(c) == 0);
		free(q);
		sb_free(&s.text);
		llm_free(c);
	}
}

TEST(followup_sends_answer_points_and_asked_probes_with_the_key_in_a_header)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		char *seg, *q = NULL, *last;
		llm_client *c = client_for("ok", providers[i], 0, &seg);
		cJSON *j, *headers, *body;
		char *body_text;

		CHECKP(ask(c, &q, NULL, NULL) == LLM_OK);
		last = fake_llm_last(seg);
		j = cJSON_Parse(last);
		headers = cJSON_GetObjectItem(j, "headers");
		body = cJSON_GetObjectItem(j, "body");
		body_text = cJSON_PrintUnformatted(body);
		CHECKP_HAS(body_text, "I would use a write-through cache in front of Postgres.");
		CHECKP_HAS(body_text, "failure of the database");
		CHECKP_HAS(body_text, "How big is the cache?");
		CHECKP_LACKS(body_text, KEY);
		CHECKP(cJSON_IsTrue(cJSON_GetObjectItem(body, "stream")));
		if (providers[i] == LLM_PROVIDER_ANTHROPIC) {
			CHECKP_STR(cJSON_GetObjectItem(headers, "x-api-key")->valuestring, KEY);
			CHECKP_STR(cJSON_GetObjectItem(headers, "anthropic-version")->valuestring, "2023-06-01");
		} else {
			CHECKP_STR(cJSON_GetObjectItem(headers, "authorization")->valuestring, "Bearer " KEY);
		}
		free(body_text);
		cJSON_Delete(j);
		free(last);
		free(q);
		free(seg);
		llm_free(c);
	}
}

TEST(notice_is_given_once_before_the_first_request)
{
	char *seg, *q = NULL;
	llm_client *c = client_for("ok", LLM_PROVIDER_OLLAMA, 0, &seg);

	notices = 0;
	CHECK_INT(fake_llm_count(seg), 0);
	CHECK_INT(ask(c, &q, NULL, NULL), LLM_OK);
	free(q);
	CHECK_INT(ask(c, &q, NULL, NULL), LLM_OK);
	free(q);
	CHECK_INT(notices, 1);
	CHECK_STR(sb_str(&notice_text), "The language model at 127.0.0.1 on this machine (ollama, test-model) "
	          "receives: for follow-ups, the question, your answer, its expected points and the probes already "
	          "asked; for the second opinion, the rubric and the transcript.");
	CHECK_STR(llm_notice_text(c), sb_str(&notice_text));
	free(seg);
	llm_free(c);
}

TEST(nothing_is_sent_without_a_notice_function)
{
	char *seg, *q = NULL;
	llm_client *c = client_for("ok", LLM_PROVIDER_OPENAI, 0, &seg);
	grill_err err = GRILL_ERR_INIT;

	llm_set_notice(c, NULL, NULL);
	CHECK_INT(ask(c, &q, &err, NULL), LLM_FAILED);
	CHECK(q == NULL);
	CHECK_INT(fake_llm_count(seg), 0);
	CHECK_CONTAINS(err_msg(&err), "nothing was sent");
	CHECK_INT(llm_failures(c), 0);
	err_clear(&err);
	free(seg);
	llm_free(c);
}

/* Asks in scenario for every provider; checks the result is a failure whose message has want. */
static void expect_followup_failure(const char *scenario, const char *want)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		llm_client *c = client_for(scenario, providers[i], 0, NULL);
		grill_err err = GRILL_ERR_INIT;
		char *q = (char *)"unset";

		CHECKP(ask(c, &q, &err, NULL) == LLM_FAILED);
		CHECKP(q == NULL);
		CHECKP_HAS(err_msg(&err), want);
		CHECKP_LACKS(err_msg(&err), KEY);
		CHECKP(llm_failures(c) == 1);
		err_clear(&err);
		llm_free(c);
	}
}

TEST(followup_error_event_mid_stream_is_a_failure_naming_the_error)
{
	expect_followup_failure("errmid", "127.0.0.1: the model's reply broke off with an error: ");
}

TEST(followup_stream_cut_before_its_end_marker_is_a_failure)
{
	expect_followup_failure("truncated", "127.0.0.1: the reply stream ended early, before its end marker");
}

TEST(followup_malformed_json_in_the_stream_is_a_failure)
{
	expect_followup_failure("malformed", "127.0.0.1: malformed JSON in the reply stream");
}

TEST(followup_cut_by_the_token_limit_is_set_aside)
{
	expect_followup_failure("length", "the follow-up was cut short (finish reason \"length\"); set aside");
}

TEST(followup_longer_than_the_cap_is_set_aside)
{
	expect_followup_failure("long", "the follow-up ran past 300 characters; set aside");
}

TEST(followup_error_on_http_200_is_a_failure_with_the_servers_words)
{
	expect_followup_failure("err200", "model is overloaded, try later");
}

TEST(followup_stalled_stream_times_out_quickly)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	expect_followup_failure("stall", "127.0.0.1: the reply stalled for 0.4 s. Fix: a slow model needs larger "
	                        "reply_timeout_ms / idle_timeout_ms in config.json");
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK(b.tv_sec - a.tv_sec < 5);
}

TEST(followup_reply_over_the_size_cap_is_dropped)
{
	expect_followup_failure("toobig", "the reply is larger than 16384 bytes (max_reply_bytes)");
}

TEST(rejected_key_says_so_without_repeating_the_key)
{
	expect_followup_failure("s401", "127.0.0.1: HTTP 401: the server refused the key (\"Incorrect API key provided: ");
	expect_followup_failure("s401", "Fix: check the key from GRILL_LLM_API_KEY");
}

TEST(unknown_model_says_how_to_find_the_right_one)
{
	expect_followup_failure("s404", "HTTP 404 (\"The model `test-model` does not exist\"): no model \"test-model\" "
	                        "there, or a wrong URL. Fix: `grill doctor` lists the server's models");
}

TEST(quota_error_is_not_retried_and_says_to_check_the_plan)
{
	expect_followup_failure("quota", "HTTP 429 (\"You exceeded your current quota");
	expect_followup_failure("quota", "the account's quota or billing limit is reached");
}

TEST(overload_is_retried_then_reported_with_the_attempts)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		char *seg, *q = NULL;
		llm_client *c = client_for("s529", providers[i], 2, &seg);
		grill_err err = GRILL_ERR_INIT;

		CHECKP(ask(c, &q, &err, NULL) == LLM_FAILED);
		CHECKP_HAS(err_msg(&err), "HTTP 529 (\"Overloaded\"): the server is overloaded or unavailable, 3 attempts");
		CHECKP(fake_llm_count(seg) == 3);
		err_clear(&err);
		free(seg);
		llm_free(c);
		c = client_for("s503", providers[i], 1, &seg);
		CHECKP(ask(c, &q, &err, NULL) == LLM_FAILED);
		CHECKP_HAS(err_msg(&err), "HTTP 503 (\"Service unavailable\"): the server is overloaded or unavailable, 2 attempts");
		err_clear(&err);
		free(seg);
		llm_free(c);
	}
}

TEST(rate_limit_is_retried_after_the_wait_and_then_succeeds)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		char *seg, *q = NULL;
		llm_client *c = client_for("s429ms", providers[i], 2, &seg);

		CHECKP(ask(c, &q, NULL, NULL) == LLM_OK);
		CHECKP(q != NULL);
		CHECKP(fake_llm_count(seg) == 2);
		free(q);
		free(seg);
		llm_free(c);
	}
}

TEST(followup_is_asked_again_without_temperature_when_the_server_refuses_it)
{
	char *seg, *q = NULL, *last;
	llm_client *c = client_for("s400temp", LLM_PROVIDER_OPENAI, 0, &seg);

	CHECK_INT(ask(c, &q, NULL, NULL), LLM_OK);
	CHECK_CONTAINS(q, "write-through");
	CHECK_INT(fake_llm_count(seg), 2);
	last = fake_llm_last(seg);
	CHECK_LACKS(last, "\"temperature\"");
	CHECK_INT(llm_failures(c), 0);
	free(last);
	free(q);
	free(seg);
	llm_free(c);
}

TEST(followup_keeps_only_the_first_question)
{
	llm_client *c = client_for("multi", LLM_PROVIDER_OPENAI, 0, NULL);
	shown s = { STRBUF_INIT, 0 };
	char *q = NULL;

	CHECK_INT(ask(c, &q, NULL, &s), LLM_OK);
	CHECK_STR(q, "Why did you pick Postgres?");
	CHECK_STR(sb_str(&s.text), "Why did you pick Postgres?");
	free(q);
	sb_free(&s.text);
	llm_free(c);
}

TEST(followup_text_is_stripped_of_escape_sequences_before_it_is_shown)
{
	llm_client *c = client_for("escape", LLM_PROVIDER_ANTHROPIC, 0, NULL);
	shown s = { STRBUF_INIT, 0 };
	char *q = NULL;

	CHECK_INT(ask(c, &q, NULL, &s), LLM_OK);
	CHECK_STR(q, "Why did you choose that?");
	CHECK_STR(sb_str(&s.text), "Why did you choose that?");
	free(q);
	sb_free(&s.text);
	llm_free(c);
}

TEST(followup_skips_a_leading_think_block)
{
	llm_client *c = client_for("think", LLM_PROVIDER_OLLAMA, 0, NULL);
	char *q = NULL;

	CHECK_INT(ask(c, &q, NULL, NULL), LLM_OK);
	CHECK_STR(q, "Why write-through?");
	free(q);
	llm_free(c);
}

TEST(three_failures_in_a_row_switch_the_client_off_with_one_message)
{
	char *seg, *q = NULL;
	llm_client *c = client_for("s500", LLM_PROVIDER_OPENAI, 0, &seg);
	grill_err err = GRILL_ERR_INIT;

	CHECK(llm_off_message(c) == NULL);
	CHECK_INT(ask(c, &q, &err, NULL), LLM_FAILED);
	CHECK_INT(ask(c, &q, &err, NULL), LLM_FAILED);
	CHECK(!llm_is_off(c));
	CHECK_INT(ask(c, &q, &err, NULL), LLM_SWITCHED_OFF);
	CHECK(llm_is_off(c));
	CHECK_STR(llm_off_message(c), "The language model is switched off for the rest of this session after 3 "
	          "failures in a row (last: 127.0.0.1: HTTP 500 (\"The server had an error while processing your "
	          "request.\"): server error). The interview and the offline scores carry on.");
	err_clear(&err);
	CHECK_INT(ask(c, &q, &err, NULL), LLM_OFF);
	CHECK(err.msg == NULL);
	CHECK_INT(fake_llm_count(seg), 3);
	free(seg);
	llm_free(c);
}

TEST(a_success_resets_the_failure_count)
{
	char *q = NULL;
	llm_client *c = client_for("s500once", LLM_PROVIDER_OLLAMA, 0, NULL);

	CHECK_INT(ask(c, &q, NULL, NULL), LLM_FAILED);
	CHECK_INT(llm_failures(c), 1);
	CHECK_INT(ask(c, &q, NULL, NULL), LLM_OK);
	CHECK_INT(llm_failures(c), 0);
	free(q);
	llm_free(c);
}

/* --- second opinion --- */

static transcript *sample_transcript(void)
{
	transcript *t = transcript_new("solo");
	turn *tu = transcript_add_turn(t, TURN_ANSWER, "How would you cache reads for a product page?");

	turn_set_answer(tu, "I would use a write-through cache in front of Postgres.");
	tu = transcript_add_turn(t, TURN_PROBE, "How would you evict entries?");
	turn_set_answer(tu, "I am not sure about the eviction policy, maybe LRU.");
	return t;
}

static rubric *sample_rubric(void)
{
	diag_list d = DIAG_LIST_INIT;
	char *dir = harness_source("rubrics");
	rubric *r = rubric_load_id(dir, "self-assessment", &d);

	free(dir);
	diag_free(&d);
	if (!r)
		harness_fail(__FILE__, __LINE__, "the shipped rubric does not load");
	return r;
}

TEST(second_opinion_is_validated_and_keeps_only_quotes_from_the_answers)
{
	rubric *r = sample_rubric();
	transcript *t = sample_transcript();
	size_t i;

	for (i = 0; i < 3; i++) {
		llm_client *c = client_for("ok", providers[i], 0, NULL);
		llm_opinion *op = NULL;
		grill_err err = GRILL_ERR_INIT;

		CHECKP(llm_second_opinion(c, r, t, &op, &err) == LLM_OK);
		if (!op)
			harness_fail(__FILE__, __LINE__, "%s: %s", prov, err_msg(&err));
		CHECKP(op->dims[DIM_ACCURACY].score == 4);
		CHECKP(op->dims[DIM_HONESTY].score == 3);
		CHECKP(op->dims[DIM_CHALLENGE].score == 0);
		CHECKP(op->dims[DIM_SPECIFICITY].score == 2);
		CHECKP(op->dims[DIM_QUESTIONS].score == 0);
		CHECKP(op->dims[DIM_ACCURACY].n_evidence == 1);
		CHECKP_STR(op->dims[DIM_ACCURACY].evidence[0], "I would use a write-through cache");
		CHECKP(op->dims[DIM_ACCURACY].dropped == 1); /* the Kafka claim is not in the transcript */
		CHECKP_STR(op->dims[DIM_HONESTY].evidence[0], "I am not sure about the eviction policy");
		CHECKP(op->dims[DIM_SPECIFICITY].n_evidence == 1); /* spacing differs, words match */
		CHECKP_STR(op->dims[DIM_CHALLENGE].reason, "No pushback happened.");
		CHECKP(op->attempts == 1);
		CHECKP_STR(op->host, "127.0.0.1");
		llm_opinion_free(op);
		llm_free(c);
	}
	transcript_free(t);
	rubric_free(r);
}

TEST(second_opinion_asks_for_structured_output_at_temperature_zero)
{
	rubric *r = sample_rubric();
	transcript *t = sample_transcript();
	size_t i;

	for (i = 0; i < 3; i++) {
		char *seg, *last, *text;
		llm_client *c = client_for("ok", providers[i], 0, &seg);
		llm_opinion *op = NULL;
		cJSON *j, *body, *opts;

		CHECKP(llm_second_opinion(c, r, t, &op, NULL) == LLM_OK);
		last = fake_llm_last(seg);
		j = cJSON_Parse(last);
		body = cJSON_GetObjectItem(j, "body");
		text = cJSON_PrintUnformatted(body);
		CHECKP_HAS(text, "I am not sure about the eviction policy, maybe LRU.");
		CHECKP_HAS(text, "\"required\":[\"accuracy\",\"honesty\",\"reasoning\",\"challenge\",\"specificity\",\"questions\"]");
		switch (providers[i]) {
		case LLM_PROVIDER_OPENAI:
			CHECKP_HAS(text, "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"rubric_scores\",\"strict\":true");
			CHECKP(cJSON_GetObjectItem(body, "temperature")->valuedouble == 0);
			CHECKP(cJSON_GetObjectItem(body, "seed")->valuedouble == LLM_SEED);
			break;
		case LLM_PROVIDER_ANTHROPIC:
			CHECKP_HAS(text, "\"tool_choice\":{\"type\":\"tool\",\"name\":\"record_scores\"}");
			CHECKP(cJSON_GetObjectItem(body, "temperature")->valuedouble == 0);
			CHECKP(cJSON_GetObjectItem(body, "seed") == NULL);
			break;
		case LLM_PROVIDER_OLLAMA:
			CHECKP(cJSON_IsObject(cJSON_GetObjectItem(body, "format")));
			opts = cJSON_GetObjectItem(body, "options");
			CHECKP(cJSON_GetObjectItem(opts, "temperature")->valuedouble == 0);
			CHECKP(cJSON_GetObjectItem(opts, "seed")->valuedouble == LLM_SEED);
			CHECKP(cJSON_IsFalse(cJSON_GetObjectItem(body, "stream")));
			break;
		}
		free(text);
		cJSON_Delete(j);
		free(last);
		free(seg);
		llm_opinion_free(op);
		llm_free(c);
	}
	transcript_free(t);
	rubric_free(r);
}

/* Runs a second opinion in scenario for every provider: a failure with want, after requests tries. */
static void expect_opinion_failure(const char *scenario, long requests, const char *want)
{
	rubric *r = sample_rubric();
	transcript *t = sample_transcript();
	size_t i;

	for (i = 0; i < 3; i++) {
		char *seg;
		llm_client *c = client_for(scenario, providers[i], 0, &seg);
		llm_opinion *op = (llm_opinion *)1;
		grill_err err = GRILL_ERR_INIT;

		CHECKP(llm_second_opinion(c, r, t, &op, &err) == LLM_FAILED);
		CHECKP(op == NULL);
		CHECKP_HAS(err_msg(&err), want);
		CHECKP(fake_llm_count(seg) == requests);
		CHECKP(llm_failures(c) == 1);
		err_clear(&err);
		free(seg);
		llm_free(c);
	}
	transcript_free(t);
	rubric_free(r);
}

TEST(second_opinion_cut_short_is_asked_once_more_then_set_aside)
{
	expect_opinion_failure("length", 2, "127.0.0.1: the second opinion was set aside after 2 tries: the reply "
	                       "was cut short (finish reason \"length\")");
}

TEST(second_opinion_with_an_invalid_score_is_asked_once_more_then_set_aside)
{
	expect_opinion_failure("invalid", 2, "set aside after 2 tries: accuracy.score must be an integer from 1 to 5 or null");
}

TEST(second_opinion_that_is_not_json_is_asked_once_more_then_set_aside)
{
	expect_opinion_failure("malformed", 2, "set aside after 2 tries: the reply is not valid JSON");
}

TEST(second_opinion_error_on_http_200_is_a_failure)
{
	expect_opinion_failure("err200", 1, "127.0.0.1: the server answered HTTP 200 with an error: model is overloaded, try later");
}

TEST(second_opinion_reply_cut_mid_body_is_a_failure)
{
	expect_opinion_failure("truncated", 1, "127.0.0.1: the reply broke off");
}

TEST(second_opinion_over_the_size_cap_is_a_failure)
{
	expect_opinion_failure("toobig", 1, "the reply is larger than 16384 bytes");
}

TEST(second_opinion_from_a_silent_server_times_out)
{
	expect_opinion_failure("stallfirst", 1, "127.0.0.1: no reply within 0.4 s");
}

TEST(second_opinion_cut_once_succeeds_on_the_second_try)
{
	rubric *r = sample_rubric();
	transcript *t = sample_transcript();
	size_t i;

	for (i = 0; i < 3; i++) {
		char *seg;
		llm_client *c = client_for("lengthonce", providers[i], 0, &seg);
		llm_opinion *op = NULL;

		CHECKP(llm_second_opinion(c, r, t, &op, NULL) == LLM_OK);
		CHECKP(op && op->attempts == 2);
		CHECKP(fake_llm_count(seg) == 2);
		llm_opinion_free(op);
		free(seg);
		llm_free(c);
	}
	transcript_free(t);
	rubric_free(r);
}

TEST(openai_server_that_refuses_temperature_is_asked_again_without_it)
{
	rubric *r = sample_rubric();
	transcript *t = sample_transcript();
	char *seg, *last;
	llm_client *c = client_for("s400temp", LLM_PROVIDER_OPENAI, 0, &seg);
	llm_opinion *op = NULL;

	CHECK_INT(llm_second_opinion(c, r, t, &op, NULL), LLM_OK);
	CHECK_INT(fake_llm_count(seg), 2);
	last = fake_llm_last(seg);
	CHECK_LACKS(last, "\"temperature\"");
	CHECK_LACKS(last, "\"seed\"");
	free(last);
	llm_opinion_free(op);
	free(seg);
	llm_free(c);
	transcript_free(t);
	rubric_free(r);
}

TEST(opinion_json_carries_scores_evidence_and_source)
{
	rubric *r = sample_rubric();
	transcript *t = sample_transcript();
	llm_client *c = client_for("ok", LLM_PROVIDER_OLLAMA, 0, NULL);
	llm_opinion *op = NULL;
	strbuf sb = STRBUF_INIT;
	cJSON *j;

	CHECK_INT(llm_second_opinion(c, r, t, &op, NULL), LLM_OK);
	llm_opinion_write_json(op, &sb);
	j = cJSON_Parse(sb_str(&sb));
	CHECK(j != NULL);
	CHECK_CONTAINS(sb_str(&sb), "\"scores\": {\"accuracy\": 4, \"honesty\": 3, \"reasoning\": 4, \"challenge\": null, "
	               "\"specificity\": 2, \"questions\": null}");
	CHECK_CONTAINS(sb_str(&sb), "\"source\": \"llm\", \"provider\": \"ollama\", \"model\": \"test-model\"");
	CHECK_CONTAINS(sb_str(&sb), "\"evidence\": [\"I would use a write-through cache\"], \"dropped_quotes\": 1");
	CHECK(llm_opinion_disagrees(op, DIM_ACCURACY, 2));
	CHECK(!llm_opinion_disagrees(op, DIM_ACCURACY, 3));
	CHECK(!llm_opinion_disagrees(op, DIM_CHALLENGE, 5)); /* the model gave no score */
	cJSON_Delete(j);
	sb_free(&sb);
	llm_opinion_free(op);
	llm_free(c);
	transcript_free(t);
	rubric_free(r);
}

/* --- creation and the set-up check --- */

TEST(no_client_without_url_or_when_offline)
{
	llm_config cfg;
	llm_client *c = (llm_client *)1;

	memset(&cfg, 0, sizeof(cfg));
	CHECK_INT(llm_new(&cfg, &c, NULL), 0);
	CHECK(c == NULL);
	cfg.wanted = true;
	cfg.url = (char *)"http://127.0.0.1:9";
	cfg.model = (char *)"m";
	cfg.offline = true;
	c = (llm_client *)1;
	CHECK_INT(llm_new(&cfg, &c, NULL), 0);
	CHECK(c == NULL);
}

TEST(client_is_refused_for_plain_http_to_another_host_or_without_a_model)
{
	llm_config cfg;
	llm_client *c = NULL;
	grill_err err = GRILL_ERR_INIT;

	memset(&cfg, 0, sizeof(cfg));
	cfg.wanted = true;
	cfg.url = (char *)"http://gpu-box.lan:11434";
	cfg.url_from = "GRILL_LLM_URL";
	cfg.model = (char *)"m";
	CHECK_INT(llm_new(&cfg, &c, &err), -1);
	CHECK_STR(err_msg(&err), "LLM URL (GRILL_LLM_URL): plain http is only used to this machine (127.0.0.1, ::1, "
	          "localhost); use https://gpu-box.lan/... so that what you send is encrypted");
	cfg.url = (char *)"https://api.openai.com/v1";
	cfg.model = NULL;
	cfg.file = (char *)"/home/u/.config/grill/config.json";
	CHECK_INT(llm_new(&cfg, &c, &err), -1);
	CHECK_STR(err_msg(&err), "no model configured for api.openai.com: set GRILL_LLM_MODEL or \"model\" in "
	          "/home/u/.config/grill/config.json");
	cfg.model = (char *)"claude";
	cfg.provider = LLM_PROVIDER_ANTHROPIC;
	CHECK_INT(llm_new(&cfg, &c, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "the anthropic provider needs a key");
	CHECK(c == NULL);
	err_clear(&err);
}

TEST(check_lists_the_servers_models_and_finds_the_configured_one)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		llm_client *c = client_for("ok", providers[i], 0, NULL);
		llm_check_result res;
		grill_err err = GRILL_ERR_INIT;

		CHECKP(llm_check(c, &res, &err) == 0);
		CHECKP(res.model_listed);
		CHECKP(res.n_models == 2);
		CHECKP(res.rtt_ms > 0);
		llm_check_result_free(&res);
		llm_free(c);
		c = client_for("nomodel", providers[i], 0, NULL);
		CHECKP(llm_check(c, &res, &err) == 0);
		CHECKP(!res.model_listed);
		CHECKP_STR(res.models[0], providers[i] == LLM_PROVIDER_OLLAMA ? "other-model:latest" : "other-model");
		llm_check_result_free(&res);
		llm_free(c);
	}
}

TEST(check_failure_says_what_to_fix_and_does_not_count_as_a_failure)
{
	llm_client *c = client_for("s401", LLM_PROVIDER_OPENAI, 0, NULL);
	llm_check_result res;
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(llm_check(c, &res, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "HTTP 401: the server refused the key");
	CHECK_LACKS(err_msg(&err), KEY);
	CHECK_INT(llm_failures(c), 0);
	llm_free(c);
	err_clear(&err);
}

static void clean_env(void)
{
	static const char *const vars[] = { "GRILL_LLM_URL", "GRILL_LLM_MODEL", "GRILL_LLM_PROVIDER",
		"GRILL_LLM_API_KEY", "GRILL_LLM_API_KEY_FILE", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", NULL };

	for (const char *const *v = vars; *v; v++)
		unsetenv(*v);
}

int main(void)
{
	clean_env();
	RUN(followup_streams_the_question_in_pieces_that_join_to_it);
	RUN(followup_sends_answer_points_and_asked_probes_with_the_key_in_a_header);
	RUN(notice_is_given_once_before_the_first_request);
	RUN(nothing_is_sent_without_a_notice_function);
	RUN(followup_error_event_mid_stream_is_a_failure_naming_the_error);
	RUN(followup_stream_cut_before_its_end_marker_is_a_failure);
	RUN(followup_malformed_json_in_the_stream_is_a_failure);
	RUN(followup_cut_by_the_token_limit_is_set_aside);
	RUN(followup_longer_than_the_cap_is_set_aside);
	RUN(followup_error_on_http_200_is_a_failure_with_the_servers_words);
	RUN(followup_stalled_stream_times_out_quickly);
	RUN(followup_reply_over_the_size_cap_is_dropped);
	RUN(rejected_key_says_so_without_repeating_the_key);
	RUN(unknown_model_says_how_to_find_the_right_one);
	RUN(quota_error_is_not_retried_and_says_to_check_the_plan);
	RUN(overload_is_retried_then_reported_with_the_attempts);
	RUN(rate_limit_is_retried_after_the_wait_and_then_succeeds);
	RUN(followup_is_asked_again_without_temperature_when_the_server_refuses_it);
	RUN(followup_keeps_only_the_first_question);
	RUN(followup_text_is_stripped_of_escape_sequences_before_it_is_shown);
	RUN(followup_skips_a_leading_think_block);
	RUN(three_failures_in_a_row_switch_the_client_off_with_one_message);
	RUN(a_success_resets_the_failure_count);
	RUN(second_opinion_is_validated_and_keeps_only_quotes_from_the_answers);
	RUN(second_opinion_asks_for_structured_output_at_temperature_zero);
	RUN(second_opinion_cut_short_is_asked_once_more_then_set_aside);
	RUN(second_opinion_with_an_invalid_score_is_asked_once_more_then_set_aside);
	RUN(second_opinion_that_is_not_json_is_asked_once_more_then_set_aside);
	RUN(second_opinion_error_on_http_200_is_a_failure);
	RUN(second_opinion_reply_cut_mid_body_is_a_failure);
	RUN(second_opinion_over_the_size_cap_is_a_failure);
	RUN(second_opinion_from_a_silent_server_times_out);
	RUN(second_opinion_cut_once_succeeds_on_the_second_try);
	RUN(openai_server_that_refuses_temperature_is_asked_again_without_it);
	RUN(opinion_json_carries_scores_evidence_and_source);
	RUN(no_client_without_url_or_when_offline);
	RUN(client_is_refused_for_plain_http_to_another_host_or_without_a_model);
	RUN(check_lists_the_servers_models_and_finds_the_configured_one);
	RUN(check_failure_says_what_to_fix_and_does_not_count_as_a_failure);
	fake_llm_stop();
	sb_free(&notice_text);
	return harness_done();
}
