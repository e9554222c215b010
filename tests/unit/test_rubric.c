#include "harness.h"

#include "grill/fsutil.h"
#include "grill/rubric.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

static rubric *shipped(void)
{
	char *dir = harness_source("rubrics");
	diag_list d = DIAG_LIST_INIT;
	rubric *r = rubric_load_id(dir, "self-assessment", &d);
	size_t i;

	for (i = 0; i < d.n; i++)
		printf("# %s\n", d.items[i]);
	diag_free(&d);
	free(dir);
	return r;
}

TEST(shipped_rubric_has_the_six_dimensions_with_every_anchor)
{
	rubric *r = shipped();
	int i, k;

	CHECK(r != NULL);
	CHECK_INT(r->n_dims, 6);
	for (i = 0; i < RUBRIC_DIMS; i++) {
		const rubric_dimension *d = rubric_find(r, rubric_keys[i]);

		CHECK(d != NULL);
		for (k = 0; k <= 5; k++)
			CHECK(d->anchors[k] && d->anchors[k][0]);
	}
	rubric_free(r);
}

TEST(verdict_is_pass_when_every_scored_dimension_is_four_or_more)
{
	rubric *r = shipped();
	int s[RUBRIC_DIMS] = { 4, 5, 4, 0, 4, 0 };

	CHECK_INT(rubric_verdict(r, s), VERDICT_PASS);
	rubric_free(r);
}

TEST(verdict_is_overclaim_when_accuracy_or_honesty_is_below_three)
{
	rubric *r = shipped();
	int a[RUBRIC_DIMS] = { 2, 5, 5, 5, 5, 5 };
	int h[RUBRIC_DIMS] = { 5, 2, 5, 5, 5, 5 };

	CHECK_INT(rubric_verdict(r, a), VERDICT_OVERCLAIM);
	CHECK_INT(rubric_verdict(r, h), VERDICT_OVERCLAIM);
	CHECK_CONTAINS(rubric_verdict_text(r, VERDICT_OVERCLAIM), "calibration exercise");
	rubric_free(r);
}

TEST(verdict_is_practice_when_a_dimension_is_below_four_without_overclaiming)
{
	rubric *r = shipped();
	int s[RUBRIC_DIMS] = { 4, 3, 2, 0, 0, 1 };

	CHECK_INT(rubric_verdict(r, s), VERDICT_PRACTICE);
	rubric_free(r);
}

TEST(verdict_is_none_when_nothing_was_scored)
{
	int s[RUBRIC_DIMS] = { 0 };

	CHECK_INT(rubric_verdict(NULL, s), VERDICT_NONE);
}

TEST(rubric_missing_an_anchor_is_rejected_with_its_path)
{
	char *path = harness_write_temp("r.json",
		"{\"format\": 1, \"id\": \"r\", \"title\": \"R\", \"dimensions\": [{\"key\": \"accuracy\", \"name\": \"A\", "
		"\"question\": \"Q?\", \"anchors\": {\"1\": \"a\", \"2\": \"b\", \"3\": \"c\", \"5\": \"e\"}}], "
		"\"verdict\": {\"pass_min\": 4, \"overclaim_below\": 3, \"overclaim_keys\": [\"accuracy\"], "
		"\"pass\": \"p\", \"overclaim\": \"o\", \"practice\": \"r\"}}");
	diag_list d = DIAG_LIST_INIT;

	CHECK(rubric_load(path, &d) == NULL);
	CHECK(d.n == 1);
	CHECK_CONTAINS(d.items[0], "dimensions[0].anchors: missing \"4\"");
	diag_free(&d);
	free(path);
}

/*
 * Loads the shipped rubric with the first "from" replaced by "to" and
 * returns every problem, one per line ("" when it loads). Caller frees.
 */
static char *problems_after(const char *from, const char *to)
{
	char *src = harness_source("rubrics/self-assessment.json"), *text = NULL, *path, *at;
	diag_list d = DIAG_LIST_INIT;
	strbuf edited = STRBUF_INIT, out = STRBUF_INIT;
	rubric *r;
	size_t i;

	if (fs_read_file(src, 1 << 20, &text, NULL, NULL) < 0 || !(at = strstr(text, from))) {
		harness_fail(__FILE__, __LINE__, "shipped rubric lacks \"%s\"", from);
		free(text);
		free(src);
		return xstrdup("(the shipped rubric could not be edited)");
	}
	sb_appendn(&edited, text, (size_t)(at - text));
	sb_append(&edited, to);
	sb_append(&edited, at + strlen(from));
	path = harness_write_temp("edited.json", sb_str(&edited));
	r = rubric_load(path, &d);
	for (i = 0; i < d.n; i++) {
		sb_append(&out, d.items[i]);
		sb_putc(&out, '\n');
	}
	if (r && d.n)
		harness_fail(__FILE__, __LINE__, "loaded with problems: %s", sb_str(&out));
	rubric_free(r);
	diag_free(&d);
	sb_free(&edited);
	free(text);
	free(src);
	free(path);
	return sb_detach(&out);
}

TEST(rubric_malformed_json_names_file_line_and_column)
{
	char *p = problems_after("\"title\": \"Self", "\"title\" \"Self");

	CHECK_CONTAINS(p, "edited.json:4:11: malformed JSON near");
	free(p);
}

TEST(rubric_number_too_large_for_an_integer_is_an_error_not_a_crash)
{
	char *p = problems_after("\"format\": 1", "\"format\": 1e999");

	CHECK_CONTAINS(p, "edited.json: \"format\" must be a whole number from 1 to 1");
	free(p);
}

TEST(rubric_wrong_type_names_the_key_and_the_type)
{
	char *p = problems_after("\"pass_min\": 4", "\"pass_min\": \"4\"");

	CHECK_CONTAINS(p, "edited.json: verdict: \"pass_min\" must be a number");
	free(p);
}

TEST(rubric_missing_field_is_named)
{
	char *p = problems_after("\"title\": \"Self-assessment rubric\",", "");

	CHECK_CONTAINS(p, "edited.json: missing \"title\"");
	free(p);
}

TEST(rubric_duplicate_dimension_keys_are_rejected)
{
	char *p = problems_after("\"key\": \"honesty\"", "\"key\": \"accuracy\"");

	CHECK_CONTAINS(p, "edited.json: dimensions[1]: duplicate dimension key \"accuracy\"");
	free(p);
}

TEST(rubric_escape_sequences_in_text_are_rejected)
{
	char *p = problems_after("\"title\": \"Self", "\"title\": \"\\u001b]0;pwned\\u0007Self");

	CHECK_CONTAINS(p, "edited.json: \"title\" contains a control character");
	free(p);
}

TEST(rubric_invalid_utf8_names_line_and_column)
{
	char *p = problems_after("\"title\": \"Self", "\"title\": \"\xc3\x28Self");

	CHECK_CONTAINS(p, "edited.json:4:13: invalid UTF-8 (byte 0xc3)");
	free(p);
}

TEST(rubric_nested_too_deep_is_rejected)
{
	strbuf deep = STRBUF_INIT;
	char *p;
	int i;

	sb_append(&deep, "\"x-deep\": ");
	for (i = 0; i < 200; i++)
		sb_putc(&deep, '[');
	for (i = 0; i < 200; i++)
		sb_putc(&deep, ']');
	sb_append(&deep, ", \"format\": 1");
	p = problems_after("\"format\": 1", sb_str(&deep));
	CHECK_CONTAINS(p, "edited.json: JSON nested deeper than 64 levels");
	sb_free(&deep);
	free(p);
}

TEST(rubric_oversize_file_is_refused_saying_the_limit)
{
	char *path = fs_join(harness_home(), "huge.json");
	diag_list d = DIAG_LIST_INIT;
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	/* sparse: the size is what is checked, before anything is read */
	CHECK(fseek(f, (long)RUBRIC_MAX_FILE_BYTES + 1, SEEK_SET) == 0);
	fputc('}', f);
	fclose(f);
	CHECK(rubric_load(path, &d) == NULL);
	CHECK_INT(d.n, 1);
	CHECK_CONTAINS(d.items[0], "huge.json: file is 1048578 bytes, over the 1048576 byte limit");
	diag_free(&d);
	free(path);
}

int main(void)
{
	RUN(shipped_rubric_has_the_six_dimensions_with_every_anchor);
	RUN(verdict_is_pass_when_every_scored_dimension_is_four_or_more);
	RUN(verdict_is_overclaim_when_accuracy_or_honesty_is_below_three);
	RUN(verdict_is_practice_when_a_dimension_is_below_four_without_overclaiming);
	RUN(verdict_is_none_when_nothing_was_scored);
	RUN(rubric_missing_an_anchor_is_rejected_with_its_path);
	RUN(rubric_malformed_json_names_file_line_and_column);
	RUN(rubric_number_too_large_for_an_integer_is_an_error_not_a_crash);
	RUN(rubric_wrong_type_names_the_key_and_the_type);
	RUN(rubric_missing_field_is_named);
	RUN(rubric_duplicate_dimension_keys_are_rejected);
	RUN(rubric_escape_sequences_in_text_are_rejected);
	RUN(rubric_invalid_utf8_names_line_and_column);
	RUN(rubric_nested_too_deep_is_rejected);
	RUN(rubric_oversize_file_is_refused_saying_the_limit);
	return harness_done();
}
