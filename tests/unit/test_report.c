/* The report renderers: Markdown, JSON and HTML escape what did not come from grill. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "grill/report.h"
#include "grill/scorer.h"
#include "grill/xalloc.h"
#include "harness.h"

static const char hostile[] =
	"</script><img src=x onerror=alert(1)> \x1b[31mred\x1b[0m \x1b]8;;http://evil.example/\x07link\x1b]8;;\x07 & \"q\" 'a'";

/* A finished solo session whose answers and notes carry hostile text. */
static transcript *hostile_session(void)
{
	transcript *t = transcript_new("solo");
	turn *tu;

	t->id = xstrdup("20261101-100000-aaaa");
	free(t->status);
	t->status = xstrdup("complete");
	tu = transcript_add_turn(t, TURN_ANSWER, "How do you avoid charging twice?");
	turn_set_answer(tu, hostile);
	tu->reason = xstrdup("main question 1 of 1");
	tu = transcript_add_turn(t, TURN_PROBE, "What happens when <the consumer> crashes?");
	turn_set_answer(tu, "It is delivered exactly once.");
	tu->reason = xstrdup("the answer mentioned <script>");
	tu->depth = 1;
	t->self.present = true;
	t->self.score[DIM_ACCURACY] = 5;
	t->self.note[DIM_ACCURACY] = xstrdup(hostile);
	return t;
}

static rubric *load_rubric(void)
{
	char *path = harness_source("rubrics/self-assessment.json");
	diag_list diags = DIAG_LIST_INIT;
	rubric *r = rubric_load(path, &diags);

	diag_free(&diags);
	free(path);
	CHECK(r != NULL);
	return r;
}

static char *render(report_format f)
{
	transcript *t = hostile_session();
	rubric *r = load_rubric();
	bank_set *banks = bank_set_new();
	scorer_result *res = scorer_assess(t, banks, r);
	strbuf out = STRBUF_INIT;

	report_render(f, &out, t, banks, r, res);
	scorer_result_free(res);
	bank_set_free(banks);
	rubric_free(r);
	transcript_free(t);
	return sb_detach(&out);
}

TEST(html_report_escapes_hostile_answers_and_strips_terminal_escapes)
{
	char *html = render(REPORT_HTML);

	CHECK_CONTAINS(html, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
	CHECK_LACKS(html, "<img");
	CHECK_LACKS(html, "</script>");
	CHECK_LACKS(html, "<script");
	CHECK_LACKS(html, "\x1b");
	CHECK_LACKS(html, "\x07");
	CHECK_CONTAINS(html, "red");
	CHECK_CONTAINS(html, "&amp; &quot;q&quot; &#39;a&#39;");
	CHECK_CONTAINS(html, "the answer mentioned &lt;script&gt;");
	free(html);
}

TEST(html_report_makes_no_external_requests)
{
	char *html = render(REPORT_HTML);

	CHECK_LACKS(html, "http://");
	CHECK_LACKS(html, "https://");
	CHECK_LACKS(html, "<link");
	CHECK_LACKS(html, "src=\"");
	CHECK_LACKS(html, "href=");
	CHECK_LACKS(html, "url(");
	CHECK_LACKS(html, "@import");
	CHECK_CONTAINS(html, "<style>");
	CHECK_CONTAINS(html, "default-src 'none'");
	free(html);
}

TEST(html_report_shows_every_turn_with_why_it_was_asked_and_the_scores)
{
	char *html = render(REPORT_HTML);

	CHECK_CONTAINS(html, "1. Main question");
	CHECK_CONTAINS(html, "2. Follow-up");
	CHECK_CONTAINS(html, "Why asked");
	CHECK_CONTAINS(html, "<table id=\"scores\">");
	CHECK_CONTAINS(html, "<h2>Evidence</h2>");
	CHECK_CONTAINS(html, "<h2>Verdict</h2>");
	CHECK_CONTAINS(html, "</html>");
	free(html);
}

TEST(markdown_report_escapes_html_and_markup_in_answers)
{
	char *md = render(REPORT_MD);

	CHECK_CONTAINS(md, "# grill report: 20261101-100000-aaaa");
	CHECK_CONTAINS(md, "> &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
	CHECK_LACKS(md, "<img");
	CHECK_LACKS(md, "\x1b");
	CHECK_CONTAINS(md, "*Why asked:* the answer mentioned &lt;script&gt;");
	CHECK_CONTAINS(md, "| Dimension | Self | grill | Gap |");
	free(md);
}

TEST(json_report_is_valid_json_with_turns_scores_and_verdict)
{
	char *json = render(REPORT_JSON);
	cJSON *root = cJSON_Parse(json);
	const cJSON *turns, *scores, *first;

	CHECK(root != NULL);
	turns = cJSON_GetObjectItemCaseSensitive(root, "turns");
	CHECK_INT(cJSON_GetArraySize(turns), 2);
	first = cJSON_GetArrayItem(turns, 0);
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(first, "answer")->valuestring, hostile);
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(turns, 1), "reason")->valuestring,
	          "the answer mentioned <script>");
	scores = cJSON_GetObjectItemCaseSensitive(root, "scores");
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(scores, "self"), "accuracy")->valueint, 5);
	CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(scores, "scorer")));
	CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "verdict")));
	CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "missed_points")));
	CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "red_flags")));
	cJSON_Delete(root);
	free(json);
}

TEST(text_report_for_a_file_has_no_colour_or_escapes)
{
	char *text = render(REPORT_TEXT);

	CHECK_CONTAINS(text, "Session 20261101-100000-aaaa (solo, complete)");
	CHECK_CONTAINS(text, "why: the answer mentioned <script>");
	CHECK_LACKS(text, "\x1b");
	free(text);
}

/* The same session with a language model's second opinion saved beside the offline scores. */
static char *render_with_opinion(report_format f)
{
	transcript *t = hostile_session();
	rubric *r = load_rubric();
	bank_set *banks = bank_set_new();
	scorer_result *res = scorer_assess(t, banks, r);
	strbuf out = STRBUF_INIT;

	transcript_set_llm_json(t, "{\"source\": \"llm\", \"provider\": \"ollama\", \"model\": \"m7\", "
	                           "\"host\": \"127.0.0.1\", \"scores\": {\"accuracy\": 2, \"honesty\": null}}");
	report_render(f, &out, t, banks, r, res);
	scorer_result_free(res);
	bank_set_free(banks);
	rubric_free(r);
	transcript_free(t);
	return sb_detach(&out);
}

TEST(every_report_format_shows_the_models_scores_and_where_they_came_from)
{
	char *md = render_with_opinion(REPORT_MD), *html = render_with_opinion(REPORT_HTML);
	char *json = render_with_opinion(REPORT_JSON);

	CHECK_CONTAINS(md, "| Dimension | Self | grill | Model | Gap |");
	CHECK_CONTAINS(md, "m7 (ollama) at 127.0.0.1");
	CHECK_CONTAINS(html, "<th>Self</th><th>grill</th><th>Model</th><th>Gap</th>");
	CHECK_CONTAINS(html, "m7 (ollama) at 127.0.0.1");
	CHECK_CONTAINS(json, "\"llm\": {\"accuracy\": 2, \"honesty\": null");
	free(md);
	free(html);
	free(json);
}

TEST(report_format_parse_knows_the_four_formats)
{
	CHECK_INT(report_format_parse("text"), REPORT_TEXT);
	CHECK_INT(report_format_parse("md"), REPORT_MD);
	CHECK_INT(report_format_parse("json"), REPORT_JSON);
	CHECK_INT(report_format_parse("html"), REPORT_HTML);
	CHECK_INT(report_format_parse("pdf"), -1);
}

int main(void)
{
	RUN(html_report_escapes_hostile_answers_and_strips_terminal_escapes);
	RUN(html_report_makes_no_external_requests);
	RUN(html_report_shows_every_turn_with_why_it_was_asked_and_the_scores);
	RUN(markdown_report_escapes_html_and_markup_in_answers);
	RUN(json_report_is_valid_json_with_turns_scores_and_verdict);
	RUN(text_report_for_a_file_has_no_colour_or_escapes);
	RUN(every_report_format_shows_the_models_scores_and_where_they_came_from);
	RUN(report_format_parse_knows_the_four_formats);
	return harness_done();
}
