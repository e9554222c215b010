#include "harness.h"

#include <sys/stat.h>
#include <unistd.h>

#include "grill/fsutil.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"
#include "grill/xalloc.h"

TEST(calibration_format_loads_and_labels_are_not_read_as_scores)
{
	char *path = harness_write_temp("cal.json",
		"{\"id\": \"cal-1\", \"turns\": [{\"kind\": \"answer\", \"question\": \"Q?\", \"answer\": \"A.\"},"
		"{\"kind\": \"candidate_questions\", \"question\": \"Any?\", \"answer\": \"None.\"}],"
		"\"expert\": {\"accuracy\": 4}, \"why\": \"because\"}");
	grill_err err = GRILL_ERR_INIT;
	transcript *t = transcript_load(path, &err);

	CHECK(t != NULL);
	CHECK_STR(t->id, "cal-1");
	CHECK_STR(t->kind, "external");
	CHECK_INT(t->n_turns, 2);
	CHECK_INT(t->turns[1].kind, TURN_CANDIDATE_QUESTIONS);
	CHECK(!t->self.present && !t->scorer.present);
	CHECK_CONTAINS(t->extra_json, "\"expert\"");
	transcript_free(t);
	free(path);
}

TEST(array_of_transcripts_loads_each)
{
	char *path = harness_source("tests/fixtures/transcripts/two.json");
	transcript **list = NULL;
	grill_err err = GRILL_ERR_INIT;
	long n = transcript_load_all(path, &list, &err);

	CHECK_INT(n, 2);
	CHECK_STR(list[1]->id, "b");
	while (n-- > 0)
		transcript_free(list[n]);
	free(list);
	free(path);
}

TEST(unknown_turn_kind_is_rejected_with_its_path)
{
	char *path = harness_write_temp("bad.json", "{\"turns\": [{\"kind\": \"answer\", \"question\": \"Q\", \"answer\": \"A\"}, {\"kind\": \"rant\", \"question\": \"Q\"}]}");
	grill_err err = GRILL_ERR_INIT;

	CHECK(transcript_load(path, &err) == NULL);
	CHECK_CONTAINS(err.msg, "bad.json: turns[1]: \"kind\" must be answer, probe, challenge or candidate_questions");
	err_clear(&err);
	free(path);
}

TEST(truncated_transcript_is_rejected_with_line_and_column)
{
	char *path = harness_write_temp("cut.json", "{\n  \"turns\": [\n    {\"kind\": \"answer\", \"question\": \"Q\", \"answ");
	grill_err err = GRILL_ERR_INIT;

	CHECK(transcript_load(path, &err) == NULL);
	CHECK_CONTAINS(err.msg, "cut.json:3:");
	CHECK_CONTAINS(err.msg, "malformed JSON");
	err_clear(&err);
	free(path);
}

TEST(saved_transcript_reloads_with_every_field_and_unknown_keys_kept)
{
	transcript *t = transcript_new("solo"), *back;
	char *path = fs_join(harness_home(), "s.json");
	grill_err err = GRILL_ERR_INIT;
	turn *tu;

	t->id = xstrdup("20261123-000000-beef");
	t->settings.has_seed = true;
	t->settings.seed = 7;
	t->plan = xcalloc(1, sizeof(char *));
	t->plan[0] = xstrdup("q1");
	t->n_plan = 1;
	tu = transcript_add_turn(t, TURN_PROBE, "Why \"that\"?");
	turn_set_answer(tu, "Because\nof \x1b[31m colour");
	tu->question_id = xstrdup("q1");
	tu->node = xstrdup("probe:p1");
	tu->reason = xstrdup("answer mentioned \"dlq\"");
	tu->depth = 2;
	tu->duration_s = 12.5;
	transcript_add_turn(t, TURN_ANSWER, "Pending?");
	t->self.present = true;
	t->self.score[DIM_HONESTY] = 4;
	t->self.note[DIM_HONESTY] = xstrdup("ok");
	t->extra_json = xstrdup("{\"x-future\":{\"a\":1}}");
	CHECK_INT(transcript_save(t, path, &err), 0);
	back = transcript_load(path, &err);
	CHECK(back != NULL);
	CHECK_STR(back->id, t->id);
	CHECK_INT(back->settings.seed, 7);
	CHECK_STR(back->plan[0], "q1");
	CHECK_STR(back->turns[0].answer, "Because\nof \x1b[31m colour");
	CHECK_STR(back->turns[0].node, "probe:p1");
	CHECK_INT(back->turns[0].depth, 2);
	CHECK(back->turns[1].answer == NULL);
	CHECK_INT(back->self.score[DIM_HONESTY], 4);
	CHECK_STR(back->self.note[DIM_HONESTY], "ok");
	CHECK_INT(back->self.score[DIM_ACCURACY], 0);
	CHECK_CONTAINS(back->extra_json, "x-future");
	transcript_free(t);
	transcript_free(back);
	free(path);
}

TEST(failed_save_leaves_the_previous_file_intact)
{
	char *dir = fs_join(harness_home(), "ro");
	char *path = fs_join(dir, "t.json");
	transcript *t = transcript_new("solo");
	grill_err err = GRILL_ERR_INIT;
	char *before = NULL, *after = NULL;

	fs_mkdir_p(dir, 0700, NULL);
	CHECK_INT(transcript_save(t, path, &err), 0);
	fs_read_file(path, 1 << 20, &before, NULL, NULL);
	transcript_add_turn(t, TURN_ANSWER, "new");
	chmod(dir, 0500);
	if (geteuid() == 0) {
		/* root ignores folder permissions; simulate the failure with a missing folder */
		char *gone = fs_join(harness_home(), "missing/t.json");

		CHECK_INT(transcript_save(t, gone, &err), -1);
		free(gone);
	} else {
		CHECK_INT(transcript_save(t, path, &err), -1);
	}
	CHECK(err.msg != NULL);
	chmod(dir, 0700);
	fs_read_file(path, 1 << 20, &after, NULL, NULL);
	CHECK_STR(after, before);
	err_clear(&err);
	transcript_free(t);
	free(before);
	free(after);
	free(path);
	free(dir);
}

/* The message from loading text as a transcript named t.json; NULL when it loads. Caller frees. */
static char *load_error(const char *text)
{
	transcript **list = NULL;
	grill_err err = GRILL_ERR_INIT;
	long n = transcript_parse_all("t.json", text, strlen(text), &list, &err), i;

	for (i = 0; i < n; i++)
		transcript_free(list[i]);
	free(list);
	return err.msg;
}

TEST(transcript_invalid_utf8_names_line_and_column)
{
	char *msg = load_error("{\"turns\": [{\"kind\": \"answer\",\n \"question\": \"Q\xff\", \"answer\": \"A\"}]}");

	CHECK_STR(msg, "t.json:2:16: invalid UTF-8 (byte 0xff)");
	free(msg);
}

TEST(transcript_wrong_types_and_missing_fields_name_the_json_path)
{
	char *a = load_error("{\"turns\": {\"kind\": \"answer\"}}");
	char *b = load_error("{\"turns\": [{\"kind\": \"answer\", \"answer\": \"A\"}]}");
	char *c = load_error("{\"turns\": [{\"kind\": \"answer\", \"question\": 7}]}");

	CHECK_CONTAINS(a, "t.json: \"turns\" must be an array");
	CHECK_CONTAINS(b, "t.json: turns[0]: missing \"question\"");
	CHECK_CONTAINS(c, "t.json: turns[0]: \"question\" must be a string");
	free(a);
	free(b);
	free(c);
}

TEST(transcript_duplicate_keys_are_rejected_not_guessed)
{
	char *top = load_error("{\"id\": \"a\", \"id\": \"b\", \"turns\": []}");
	char *in_turn = load_error("{\"turns\": [{\"kind\": \"answer\", \"question\": \"Q\", \"answer\": \"A\", \"answer\": \"B\"}]}");

	CHECK_CONTAINS(top, "t.json: key \"id\" appears twice");
	CHECK_CONTAINS(in_turn, "t.json: turns[0]: key \"answer\" appears twice");
	free(top);
	free(in_turn);
}

TEST(transcript_infinite_duration_is_rejected_so_it_is_never_saved_as_inf)
{
	char *msg = load_error("{\"turns\": [{\"kind\": \"answer\", \"question\": \"Q\", \"answer\": \"A\", \"duration_s\": 1e999}]}");

	CHECK_CONTAINS(msg, "t.json: turns[0]: \"duration_s\" must be a number of seconds");
	free(msg);
}

TEST(transcript_number_too_large_for_an_integer_is_an_error)
{
	char *msg = load_error("{\"format\": -1e999, \"turns\": []}");

	CHECK_CONTAINS(msg, "t.json: \"format\" must be a whole number from 1 to 1");
	free(msg);
}

TEST(transcript_nested_too_deep_is_rejected)
{
	strbuf deep = STRBUF_INIT;
	char *msg;
	int i;

	sb_append(&deep, "{\"x-deep\": ");
	for (i = 0; i < 500; i++)
		sb_putc(&deep, '[');
	for (i = 0; i < 500; i++)
		sb_putc(&deep, ']');
	sb_append(&deep, ", \"turns\": []}");
	msg = load_error(sb_str(&deep));
	CHECK_STR(msg, "t.json: JSON nested deeper than 64 levels");
	free(msg);
	sb_free(&deep);
}

TEST(transcript_oversize_file_is_refused_saying_the_limit)
{
	char *path = fs_join(harness_home(), "huge.json");
	grill_err err = GRILL_ERR_INIT;
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	/* sparse: the size is checked before anything is read */
	CHECK(fseek(f, (long)TRANSCRIPT_MAX_FILE_BYTES, SEEK_SET) == 0);
	fputc('}', f);
	fclose(f);
	CHECK(transcript_load(path, &err) == NULL);
	CHECK_CONTAINS(err.msg, "huge.json: file is 16777217 bytes, over the 16777216 byte limit");
	err_clear(&err);
	free(path);
}

TEST(transcript_keeps_escape_sequences_as_written_and_saves_valid_json)
{
	const char *text = "{\"turns\": [{\"kind\": \"answer\", \"question\": \"Q\\u001b[2J\", \"answer\": \"A\\u001b]0;pwned\\u0007\"}]}";
	transcript **list = NULL, **again = NULL;
	grill_err err = GRILL_ERR_INIT;
	strbuf out = STRBUF_INIT;

	CHECK_INT(transcript_parse_all("t.json", text, strlen(text), &list, &err), 1);
	CHECK_STR(list[0]->turns[0].answer, "A\x1b]0;pwned\x07");
	transcript_write_json(list[0], &out);
	CHECK_LACKS(sb_str(&out), "\x1b");
	CHECK_INT(transcript_parse_all("again.json", out.buf, out.len, &again, &err), 1);
	CHECK_STR(again[0]->turns[0].question, "Q\x1b[2J");
	transcript_free(list[0]);
	transcript_free(again[0]);
	free(list);
	free(again);
	sb_free(&out);
}

TEST(rescue_writes_a_new_private_file_and_never_follows_a_planted_symlink)
{
	char *victim = harness_write_temp("victim.txt", "precious\n");
	char *dir = fs_join(harness_home(), "rescue-tmp");
	char *planted, *path, *again, *text = NULL;
	size_t len = 0;
	grill_err err = GRILL_ERR_INIT;
	transcript *t = transcript_new("pair");
	struct stat st;

	mkdir(dir, 0700);
	setenv("TMPDIR", dir, 1);
	free(t->id);
	t->id = xstrdup("20261101-100000-abcd");
	planted = xasprintf("%s/grill-rescue-%s.json", dir, t->id);
	CHECK(symlink(victim, planted) == 0);
	path = transcript_rescue(t);
	again = transcript_rescue(t);
	unsetenv("TMPDIR");
	CHECK(path != NULL && again != NULL);
	CHECK(strcmp(path, planted) != 0 && strcmp(again, path) != 0);
	CHECK(fs_read_file(victim, 1024, &text, &len, &err) == 0);
	CHECK_STR(text, "precious\n");
	CHECK(stat(path, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	transcript_free(t);
	free(text);
	free(planted);
	free(path);
	free(again);
	free(dir);
	free(victim);
}

int main(void)
{
	RUN(calibration_format_loads_and_labels_are_not_read_as_scores);
	RUN(array_of_transcripts_loads_each);
	RUN(unknown_turn_kind_is_rejected_with_its_path);
	RUN(truncated_transcript_is_rejected_with_line_and_column);
	RUN(saved_transcript_reloads_with_every_field_and_unknown_keys_kept);
	RUN(failed_save_leaves_the_previous_file_intact);
	RUN(transcript_invalid_utf8_names_line_and_column);
	RUN(transcript_wrong_types_and_missing_fields_name_the_json_path);
	RUN(transcript_duplicate_keys_are_rejected_not_guessed);
	RUN(transcript_infinite_duration_is_rejected_so_it_is_never_saved_as_inf);
	RUN(transcript_number_too_large_for_an_integer_is_an_error);
	RUN(transcript_nested_too_deep_is_rejected);
	RUN(transcript_oversize_file_is_refused_saying_the_limit);
	RUN(transcript_keeps_escape_sequences_as_written_and_saves_valid_json);
	RUN(rescue_writes_a_new_private_file_and_never_follows_a_planted_symlink);
	return harness_done();
}
