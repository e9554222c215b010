#include "harness.h"

#include <stdint.h>

#include "grill/match.h"
#include "grill/xalloc.h"

static bool matches(const char *text, const char *pattern)
{
	match_text *t = match_text_new(text);
	match_pattern *p = match_pattern_new(pattern, NULL);
	bool hit = match_find(t, p, NULL);

	match_pattern_free(p);
	match_text_free(t);
	return hit;
}

TEST(pattern_matches_consecutive_words_ignoring_case)
{
	CHECK(matches("We set the Visibility Timeout to 30s.", "visibility timeout"));
	CHECK(!matches("The visibility of the timeout", "visibility timeout"));
}

TEST(pattern_word_with_star_matches_by_prefix)
{
	CHECK(matches("we retried three times", "retr*"));
	CHECK(matches("retries with jitter", "retr* with jitter"));
	CHECK(!matches("we tried", "retr*"));
}

TEST(pattern_does_not_match_across_a_sentence_end)
{
	CHECK(!matches("It was the visibility. Timeout was fine.", "visibility timeout"));
	CHECK(matches("Version 2.5 timeout", "2 5 timeout"));
}

TEST(hyphens_and_apostrophes_split_words)
{
	CHECK(matches("a read-modify-write race", "read modify write"));
	CHECK(matches("it doesn't restart", "doesn t restart"));
}

TEST(pattern_does_not_match_inside_a_longer_word)
{
	CHECK(!matches("the dlqueue", "dlq"));
	CHECK(matches("the dlq filled", "dlq"));
}

TEST(sentences_keep_their_original_text)
{
	match_text *t = match_text_new("First one. Second, with 2.5 ms!\nThird");
	char *s;

	CHECK_INT(match_text_sentence_count(t), 3);
	s = match_text_sentence(t, 1);
	CHECK_STR(s, "Second, with 2.5 ms!");
	free(s);
	match_text_free(t);
}

TEST(text_keeps_its_own_copy_so_the_caller_may_reuse_the_buffer)
{
	char buf[64];
	match_text *t;
	const char *w;
	size_t len;
	char *s;

	snprintf(buf, sizeof(buf), "Kafka LAG grew. Then it fell; ");
	t = match_text_new(buf);
	memset(buf, 'x', sizeof(buf) - 1);
	CHECK_INT(match_text_word_count(t), 6);
	w = match_text_word(t, 1, &len);
	CHECK_INT(len, 3);
	CHECK_STR(w, "lag");
	CHECK_INT(match_text_word_sentence(t, 5), 1);
	s = match_text_sentence(t, 1);
	CHECK_STR(s, "Then it fell;");
	free(s);
	s = match_text_sentence(t, 2);
	CHECK_STR(s, "");
	free(s);
	match_text_free(t);
}

TEST(empty_text_has_no_words_and_no_sentences)
{
	match_text *t = match_text_new(" ... ");
	match_pattern *p = match_pattern_new("anything", NULL);

	CHECK_INT(match_text_word_count(t), 0);
	CHECK_INT(match_text_sentence_count(t), 0);
	CHECK(!match_find(t, p, NULL));
	match_pattern_free(p);
	match_text_free(t);
	t = match_text_new(NULL);
	CHECK_INT(match_text_word_count(t), 0);
	match_text_free(t);
}

TEST(pattern_without_words_is_rejected_with_a_reason)
{
	grill_err err = GRILL_ERR_INIT;

	CHECK(match_pattern_new(" - ", &err) == NULL);
	CHECK_CONTAINS(err.msg, "has no letters or digits");
	err_clear(&err);
}

TEST(sentence_count_counts_each_sentence_once)
{
	match_text *t = match_text_new("retry here. retry retry there. none");
	match_pattern *p = match_pattern_new("retry", NULL);

	CHECK_INT(match_count_sentences(t, p), 2);
	CHECK(match_in_sentence(t, p, 1));
	CHECK(!match_in_sentence(t, p, 2));
	match_pattern_free(p);
	match_text_free(t);
}

TEST(pattern_view_should_match_like_the_original_when_the_image_is_intact)
{
	match_pattern *p = match_pattern_new("visibility time*", NULL);
	match_text *t = match_text_new("Set the Visibility Timeout from the p99.");
	size_t len;
	const void *img = match_pattern_image(p, &len);
	uint32_t *copy = xmalloc(len + 4);
	const match_pattern *v;

	memcpy(copy, img, len);
	v = match_pattern_view(copy, len);
	CHECK(v != NULL);
	CHECK(v && match_find(t, v, NULL));
	CHECK_STR(v ? match_pattern_source(v) : NULL, "visibility time*");
	free(copy);
	match_text_free(t);
	match_pattern_free(p);
}

TEST(pattern_view_should_refuse_an_image_when_any_field_is_out_of_bounds)
{
	match_pattern *p = match_pattern_new("dead letter queue", NULL);
	size_t len, i, fields;
	const void *img = match_pattern_image(p, &len);
	uint32_t *copy = xmalloc(len + 4);
	unsigned char *bytes = (unsigned char *)copy;

	/* a shorter length, an odd address and an unterminated source */
	memcpy(copy, img, len);
	CHECK(match_pattern_view(copy, len) != NULL);
	CHECK(match_pattern_view(copy, len - 1) == NULL);
	CHECK(match_pattern_view(bytes + 1, len - 1) == NULL);
	bytes[len - 1] = 'x';
	CHECK(match_pattern_view(copy, len) == NULL);
	/* every byte of the header (four 16-bit fields) and of the three
	 * words (four bytes each), made 0xff */
	fields = 8 + 3 * 4;
	for (i = 0; i < fields; i++) {
		memcpy(copy, img, len);
		bytes[i] = 0xff;
		if (match_pattern_view(copy, len) != NULL)
			harness_fail(__FILE__, __LINE__, "an image with byte %zu made 0xff was accepted", i);
	}
	free(copy);
	match_pattern_free(p);
}

TEST(pattern_should_be_refused_with_a_reason_when_a_word_is_too_long)
{
	grill_err err = GRILL_ERR_INIT;
	char word[300];

	memset(word, 'a', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	CHECK(match_pattern_new(word, &err) == NULL);
	CHECK_CONTAINS(err_msg(&err), "too long (at most 255)");
	err_clear(&err);
}

int main(void)
{
	RUN(pattern_matches_consecutive_words_ignoring_case);
	RUN(pattern_word_with_star_matches_by_prefix);
	RUN(pattern_does_not_match_across_a_sentence_end);
	RUN(hyphens_and_apostrophes_split_words);
	RUN(pattern_does_not_match_inside_a_longer_word);
	RUN(sentences_keep_their_original_text);
	RUN(text_keeps_its_own_copy_so_the_caller_may_reuse_the_buffer);
	RUN(empty_text_has_no_words_and_no_sentences);
	RUN(pattern_without_words_is_rejected_with_a_reason);
	RUN(sentence_count_counts_each_sentence_once);
	RUN(pattern_view_should_match_like_the_original_when_the_image_is_intact);
	RUN(pattern_view_should_refuse_an_image_when_any_field_is_out_of_bounds);
	RUN(pattern_should_be_refused_with_a_reason_when_a_word_is_too_long);
	return harness_done();
}
