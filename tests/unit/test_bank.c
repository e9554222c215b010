#include "harness.h"

#include <unistd.h>

#include "grill/bank.h"
#include "grill/fsutil.h"
#include "grill/xalloc.h"

/* Loads one fixture into a fresh set; returns the problems joined by newlines. */
static char *problems_of(const char *rel, bank_set **out)
{
	char *path = harness_fixture(rel);
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;
	strbuf sb = STRBUF_INIT;
	size_t i;

	if (fs_is_dir(path))
		bank_set_add_dir(set, path, &d);
	else
		bank_set_add_file(set, path, &d);
	bank_set_link(set);
	for (i = 0; i < d.n; i++)
		sb_appendf(&sb, "%s\n", d.items[i]);
	diag_free(&d);
	free(path);
	if (out)
		*out = set;
	else
		bank_set_free(set);
	return sb_detach(&sb);
}

#define CHECK_REJECTED(rel, text) do { \
	char *p_ = problems_of(rel, NULL); \
	CHECK_CONTAINS(p_, text); \
	free(p_); } while (0)

TEST(bank_rejects_duplicate_question_ids)
{
	CHECK_REJECTED("bad/duplicate-question-id.json", "questions[1]: duplicate question id \"bad-q1\"");
}

TEST(bank_rejects_a_question_id_used_by_another_bank)
{
	CHECK_REJECTED("bad/cross-file", "b.json: questions[0]: question id \"bad-q1\" is already used in a.json");
}

TEST(bank_rejects_unknown_trigger_kinds)
{
	CHECK_REJECTED("bad/unknown-trigger.json", "questions[0].probes[0].trigger: unknown trigger kind \"sometimes\"");
}

TEST(bank_rejects_empty_prompts)
{
	CHECK_REJECTED("bad/empty-prompt.json", "questions[0]: \"prompt\" must not be empty");
}

TEST(bank_rejects_probes_nested_past_the_limit)
{
	CHECK_REJECTED("bad/too-deep.json", "probes nested deeper than 8 levels");
}

TEST(bank_rejects_invalid_utf8_with_line_and_column)
{
	CHECK_REJECTED("bad/invalid-utf8.json", "invalid-utf8.json:16:22: invalid UTF-8 (byte 0xff)");
}

TEST(bank_rejects_malformed_json_with_line_and_column)
{
	CHECK_REJECTED("bad/malformed.json", "malformed.json:5:3: malformed JSON near");
	CHECK_REJECTED("bad/truncated.json", "malformed JSON: unexpected end of file");
}

TEST(bank_rejects_unknown_keys)
{
	CHECK_REJECTED("bad/unknown-key.json", "questions[0]: unknown key \"probs\"");
}

TEST(bank_rejects_wrong_types_and_missing_fields)
{
	CHECK_REJECTED("bad/wrong-type.json", "questions[0]: \"tags\" must be an array");
	CHECK_REJECTED("bad/missing-prompt.json", "questions[0]: missing \"prompt\"");
	CHECK_REJECTED("bad/unknown-level.json", "unknown level \"principal\"");
}

TEST(bank_rejects_misses_triggers_naming_no_expected_point)
{
	CHECK_REJECTED("bad/misses-unknown-point.json", "\"point\" \"nope\" is not an expected point of the parent");
}

TEST(bank_rejects_escape_sequences_in_text)
{
	CHECK_REJECTED("bad/escape-in-text.json", "\"prompt\" contains a control character");
}

TEST(bank_rejects_json_nested_too_deep)
{
	CHECK_REJECTED("bad/deep-json.json", "JSON nested deeper than 64 levels");
}

TEST(bank_rejects_oversize_files_saying_the_limit)
{
	char *path = harness_write_temp("huge.json", "");
	FILE *f = fopen(path, "r+");
	diag_list d = DIAG_LIST_INIT;
	bank_set *set = bank_set_new();

	CHECK(f && ftruncate(fileno(f), (off_t)BANK_MAX_FILE_BYTES + 1) == 0);
	fclose(f);
	CHECK_INT(bank_set_add_file(set, path, &d), -1);
	CHECK(d.n == 1);
	CHECK_CONTAINS(d.items[0], "over the 33554432 byte limit");
	diag_free(&d);
	bank_set_free(set);
	free(path);
}

TEST(bad_bank_does_not_stop_good_banks_from_loading)
{
	char *dir = harness_fixture("banks"), *bad = harness_fixture("bad/malformed.json");
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;

	bank_set_add_file(set, bad, &d);
	bank_set_add_dir(set, dir, &d);
	CHECK_INT(d.n, 1);
	CHECK_INT(bank_set_count(set), 3);
	CHECK(bank_set_find_question(set, "mini-queues-duplicates") != NULL);
	diag_free(&d);
	bank_set_free(set);
	free(dir);
	free(bad);
}

TEST(example_banks_load_into_typed_trees)
{
	bank_set *set = NULL;
	char *p = problems_of("banks", &set);
	const bank_question *q;
	const bank_probe *pr;

	CHECK_STR(p, "");
	q = bank_set_find_question(set, "mini-queues-duplicates");
	CHECK(q != NULL);
	CHECK_INT(q->n_expected, 3);
	CHECK_INT(q->expected[1].weight, 3);
	CHECK_INT(bank_question_depth(q), 3);
	pr = bank_question_find_probe(q, "detect-duplicates");
	CHECK(pr != NULL && pr->depth == 3);
	CHECK_STR(pr->parent->id, "outlives");
	CHECK(bank_set_find_tech(set, "sqs") != NULL);
	free(p);
	bank_set_free(set);
}

TEST(mentions_trigger_naming_a_technology_matches_its_aliases)
{
	bank_set *set = NULL;
	char *p = problems_of("banks", &set);
	const bank_question *q = bank_set_find_question(set, "mini-queues-duplicates");
	const bank_challenge *ch = bank_question_find_challenge(q, "why-not-kafka");
	match_text *t = match_text_new("We put it on Simple Queue Service.");

	CHECK(ch->trigger.n_techs == 1);
	CHECK(bank_trigger_mentions(&ch->trigger, t));
	match_text_free(t);
	free(p);
	bank_set_free(set);
}

TEST(red_flag_is_not_hit_when_the_sentence_negates_it)
{
	bank_set *set = NULL;
	char *p = problems_of("banks", &set);
	const bank_red_flag *f = &bank_set_find_question(set, "mini-queues-duplicates")->red_flags[0];
	match_text *yes = match_text_new("Fine. SQS gives you exactly once delivery.");
	match_text *no = match_text_new("It is not exactly once, it is at least once.");
	size_t s = 99;

	CHECK(bank_red_flag_hit(f, yes, &s));
	CHECK_INT(s, 1);
	CHECK(!bank_red_flag_hit(f, no, NULL));
	match_text_free(yes);
	match_text_free(no);
	free(p);
	bank_set_free(set);
}

static char *write_and_reload(const bank *b)
{
	strbuf one = STRBUF_INIT, two = STRBUF_INIT;
	char *path, *name = xasprintf("rt-%s.json", b->id);
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;
	char *result;

	bank_write_json(b, &one);
	path = harness_write_temp(name, sb_str(&one));
	if (bank_set_add_file(set, path, &d) == 0)
		bank_write_json(bank_set_get(set, 0), &two);
	result = xasprintf("%s", strcmp(sb_str(&one), sb_str(&two)) == 0 ? "same" : (d.n ? d.items[0] : "differs"));
	diag_free(&d);
	bank_set_free(set);
	sb_free(&one);
	sb_free(&two);
	free(path);
	free(name);
	return result;
}

TEST(every_shipped_bank_validates_and_round_trips)
{
	char *dir = harness_source("question_banks");
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;
	size_t i;

	bank_set_add_dir(set, dir, &d);
	for (i = 0; i < d.n; i++)
		printf("# %s\n", d.items[i]);
	CHECK_INT(d.n, 0);
	CHECK(bank_set_count(set) > 0);
	for (i = 0; i < bank_set_count(set); i++) {
		char *r = write_and_reload(bank_set_get(set, i));

		CHECK_STR(r, "same");
		free(r);
	}
	diag_free(&d);
	bank_set_free(set);
	free(dir);
}

int main(void)
{
	RUN(bank_rejects_duplicate_question_ids);
	RUN(bank_rejects_a_question_id_used_by_another_bank);
	RUN(bank_rejects_unknown_trigger_kinds);
	RUN(bank_rejects_empty_prompts);
	RUN(bank_rejects_probes_nested_past_the_limit);
	RUN(bank_rejects_invalid_utf8_with_line_and_column);
	RUN(bank_rejects_malformed_json_with_line_and_column);
	RUN(bank_rejects_unknown_keys);
	RUN(bank_rejects_wrong_types_and_missing_fields);
	RUN(bank_rejects_misses_triggers_naming_no_expected_point);
	RUN(bank_rejects_escape_sequences_in_text);
	RUN(bank_rejects_json_nested_too_deep);
	RUN(bank_rejects_oversize_files_saying_the_limit);
	RUN(bad_bank_does_not_stop_good_banks_from_loading);
	RUN(example_banks_load_into_typed_trees);
	RUN(mentions_trigger_naming_a_technology_matches_its_aliases);
	RUN(red_flag_is_not_hit_when_the_sentence_negates_it);
	RUN(every_shipped_bank_validates_and_round_trips);
	return harness_done();
}
