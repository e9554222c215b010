#include "harness.h"

#include "grill/rubric.h"

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

int main(void)
{
	RUN(shipped_rubric_has_the_six_dimensions_with_every_anchor);
	RUN(verdict_is_pass_when_every_scored_dimension_is_four_or_more);
	RUN(verdict_is_overclaim_when_accuracy_or_honesty_is_below_three);
	RUN(verdict_is_practice_when_a_dimension_is_below_four_without_overclaiming);
	RUN(verdict_is_none_when_nothing_was_scored);
	RUN(rubric_missing_an_anchor_is_rejected_with_its_path);
	return harness_done();
}
