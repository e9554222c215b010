/* The SSE and NDJSON parsers: what a caller receives from a stream fed in any chunks. */
#include "harness.h"

#include "grill/llm_stream.h"
#include "grill/strbuf.h"

/* Events rendered as "event|data|id\n" so one string states what was seen. */
typedef struct seen {
	strbuf log;
	int count;
	int stop_after;  /* 0: never stop */
} seen;

static int record_event(void *ctx, const sse_event *ev)
{
	seen *s = ctx;

	sb_appendf(&s->log, "%s|", ev->event);
	sb_appendn(&s->log, ev->data, ev->len);
	sb_appendf(&s->log, "|%s\n", ev->id);
	s->count++;
	return s->stop_after && s->count >= s->stop_after;
}

static int record_line(void *ctx, const char *line, size_t len)
{
	seen *s = ctx;

	sb_appendn(&s->log, line, len);
	sb_putc(&s->log, '\n');
	s->count++;
	return s->stop_after && s->count >= s->stop_after;
}

/* Feeds text to a new SSE parser in chunks of size step (0: all at once). */
static stream_status sse_run(const char *text, size_t step, size_t max, seen *s, grill_err *err, bool *pending)
{
	sse_parser *p = sse_parser_new(max);
	size_t len = strlen(text), i;
	stream_status st = STREAM_OK;

	if (!step)
		step = len ? len : 1;
	for (i = 0; i < len && st == STREAM_OK; i += step)
		st = sse_parser_feed(p, text + i, len - i < step ? len - i : step, record_event, s, err);
	if (pending)
		*pending = sse_parser_pending(p);
	sse_parser_free(p);
	return st;
}

TEST(sse_joins_multi_line_data_with_newlines)
{
	seen s = { STRBUF_INIT, 0, 0 };

	CHECK_INT(sse_run("data: first\ndata: second\ndata:\n\n", 0, 0, &s, NULL, NULL), STREAM_OK);
	CHECK_STR(sb_str(&s.log), "message|first\nsecond\n|\n");
	sb_free(&s.log);
}

TEST(sse_skips_comment_lines)
{
	seen s = { STRBUF_INIT, 0, 0 };

	sse_run(": keep-alive\n\n:ping\ndata: a\n: between\n\n", 0, 0, &s, NULL, NULL);
	CHECK_STR(sb_str(&s.log), "message|a|\n");
	CHECK_INT(s.count, 1);
	sb_free(&s.log);
}

TEST(sse_names_events_and_keeps_the_last_id)
{
	seen s = { STRBUF_INIT, 0, 0 };

	sse_run("event: ping\ndata: {}\n\nid: 7\ndata: x\n\ndata: y\n\n", 0, 0, &s, NULL, NULL);
	CHECK_STR(sb_str(&s.log), "ping|{}|\nmessage|x|7\nmessage|y|7\n");
	sb_free(&s.log);
}

TEST(sse_event_without_data_is_not_dispatched_and_its_name_is_forgotten)
{
	seen s = { STRBUF_INIT, 0, 0 };

	sse_run("event: lonely\n\ndata: z\n\n", 0, 0, &s, NULL, NULL);
	CHECK_STR(sb_str(&s.log), "message|z|\n");
	sb_free(&s.log);
}

TEST(sse_strips_one_leading_space_only)
{
	seen s = { STRBUF_INIT, 0, 0 };

	sse_run("data:  two\ndata:none\n\n", 0, 0, &s, NULL, NULL);
	CHECK_STR(sb_str(&s.log), "message| two\nnone|\n");
	sb_free(&s.log);
}

TEST(sse_accepts_crlf_and_cr_line_endings)
{
	seen s = { STRBUF_INIT, 0, 0 };

	sse_run("data: a\r\n\r\ndata: b\r\rdata: c\n\n", 0, 0, &s, NULL, NULL);
	CHECK_STR(sb_str(&s.log), "message|a|\nmessage|b|\nmessage|c|\n");
	sb_free(&s.log);
}

TEST(sse_crlf_split_between_feeds_ends_one_line_not_two)
{
	seen s = { STRBUF_INIT, 0, 0 };

	/* byte at a time: every CR arrives before its LF */
	sse_run("data: a\r\ndata: b\r\n\r\n", 1, 0, &s, NULL, NULL);
	CHECK_STR(sb_str(&s.log), "message|a\nb|\n");
	sb_free(&s.log);
}

TEST(sse_gives_the_same_events_whatever_the_chunk_size)
{
	const char *text = "\xef\xbb\xbf: hi\nevent: content_block_delta\ndata: {\"t\": \"Wh\"}\n\n"
	                   "event: ping\ndata: {\"type\": \"ping\"}\r\n\r\ndata: [DONE]\n\n";
	seen whole = { STRBUF_INIT, 0, 0 };
	size_t step;

	sse_run(text, 0, 0, &whole, NULL, NULL);
	CHECK_STR(sb_str(&whole.log), "content_block_delta|{\"t\": \"Wh\"}|\nping|{\"type\": \"ping\"}|\nmessage|[DONE]|\n");
	for (step = 1; step < 12; step++) {
		seen s = { STRBUF_INIT, 0, 0 };

		sse_run(text, step, 0, &s, NULL, NULL);
		CHECK_STR(sb_str(&s.log), sb_str(&whole.log));
		sb_free(&s.log);
	}
	sb_free(&whole.log);
}

TEST(sse_rejects_a_line_longer_than_the_cap)
{
	seen s = { STRBUF_INIT, 0, 0 };
	grill_err err = GRILL_ERR_INIT;
	char text[200];

	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	memcpy(text, "data: ", 6);
	CHECK_INT(sse_run(text, 7, 64, &s, &err, NULL), STREAM_ERROR);
	CHECK_STR(err_msg(&err), "stream line longer than 64 bytes");
	CHECK_INT(s.count, 0);
	err_clear(&err);
	sb_free(&s.log);
}

TEST(sse_rejects_event_data_longer_than_the_cap)
{
	seen s = { STRBUF_INIT, 0, 0 };
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(sse_run("data: 0123456789\ndata: 0123456789\ndata: 0123456789\n\n", 0, 24, &s, &err, NULL), STREAM_ERROR);
	CHECK_STR(err_msg(&err), "stream event longer than 24 bytes");
	err_clear(&err);
	sb_free(&s.log);
}

TEST(sse_stops_when_the_callback_asks_and_ignores_later_input)
{
	seen s = { STRBUF_INIT, 0, 1 };
	sse_parser *p = sse_parser_new(0);

	CHECK_INT(sse_parser_feed(p, "data: 1\n\ndata: 2\n\n", 18, record_event, &s, NULL), STREAM_STOPPED);
	CHECK_INT(sse_parser_feed(p, "data: 3\n\n", 9, record_event, &s, NULL), STREAM_STOPPED);
	CHECK_STR(sb_str(&s.log), "message|1|\n");
	sse_parser_free(p);
	sb_free(&s.log);
}

TEST(sse_reports_an_event_cut_off_by_the_end_of_input)
{
	seen s = { STRBUF_INIT, 0, 0 };
	bool pending = false;

	sse_run("data: whole\n\ndata: half", 0, 0, &s, NULL, &pending);
	CHECK(pending);
	CHECK_STR(sb_str(&s.log), "message|whole|\n");
	sb_free(&s.log);
	s.log = (strbuf)STRBUF_INIT;
	sse_run("data: whole\n\ndata: no blank line\n", 0, 0, &s, NULL, &pending);
	CHECK(pending);
	sse_run("data: whole\n\n", 0, 0, &s, NULL, &pending);
	CHECK(!pending);
	sb_free(&s.log);
}

TEST(ndjson_delivers_lines_split_across_feeds)
{
	seen s = { STRBUF_INIT, 0, 0 };
	ndjson_parser *p = ndjson_parser_new(0);
	const char *text = "{\"a\":1}\n{\"b\":2}\n";
	size_t i;

	for (i = 0; text[i]; i++)
		CHECK_INT(ndjson_parser_feed(p, text + i, 1, record_line, &s, NULL), STREAM_OK);
	CHECK_INT(ndjson_parser_finish(p, record_line, &s, NULL), STREAM_OK);
	CHECK_STR(sb_str(&s.log), "{\"a\":1}\n{\"b\":2}\n");
	ndjson_parser_free(p);
	sb_free(&s.log);
}

TEST(ndjson_skips_blank_lines_and_strips_carriage_returns)
{
	seen s = { STRBUF_INIT, 0, 0 };
	ndjson_parser *p = ndjson_parser_new(0);

	ndjson_parser_feed(p, "\n{\"a\":1}\r\n  \n{}\n", 17, record_line, &s, NULL);
	CHECK_STR(sb_str(&s.log), "{\"a\":1}\n{}\n");
	CHECK_INT(s.count, 2);
	ndjson_parser_free(p);
	sb_free(&s.log);
}

TEST(ndjson_finish_delivers_a_last_line_without_newline)
{
	seen s = { STRBUF_INIT, 0, 0 };
	ndjson_parser *p = ndjson_parser_new(0);

	ndjson_parser_feed(p, "{\"done\":false}\n{\"done\":tr", 25, record_line, &s, NULL);
	CHECK_INT(s.count, 1);
	CHECK_INT(ndjson_parser_finish(p, record_line, &s, NULL), STREAM_OK);
	CHECK_STR(sb_str(&s.log), "{\"done\":false}\n{\"done\":tr\n");
	ndjson_parser_free(p);
	sb_free(&s.log);
}

TEST(ndjson_rejects_a_line_longer_than_the_cap)
{
	seen s = { STRBUF_INIT, 0, 0 };
	grill_err err = GRILL_ERR_INIT;
	ndjson_parser *p = ndjson_parser_new(16);

	CHECK_INT(ndjson_parser_feed(p, "{\"x\":\"0123", 10, record_line, &s, &err), STREAM_OK);
	CHECK_INT(ndjson_parser_feed(p, "456789abcdef\"}\n", 15, record_line, &s, &err), STREAM_ERROR);
	CHECK_STR(err_msg(&err), "stream line longer than 16 bytes");
	CHECK_INT(ndjson_parser_feed(p, "{}\n", 3, record_line, &s, &err), STREAM_ERROR);
	CHECK_INT(s.count, 0);
	err_clear(&err);
	ndjson_parser_free(p);
	sb_free(&s.log);
}

TEST(ndjson_stops_when_the_callback_asks)
{
	seen s = { STRBUF_INIT, 0, 1 };
	ndjson_parser *p = ndjson_parser_new(0);

	CHECK_INT(ndjson_parser_feed(p, "{}\n[]\n", 6, record_line, &s, NULL), STREAM_STOPPED);
	CHECK_INT(ndjson_parser_finish(p, record_line, &s, NULL), STREAM_STOPPED);
	CHECK_INT(s.count, 1);
	ndjson_parser_free(p);
	sb_free(&s.log);
}

int main(void)
{
	RUN(sse_joins_multi_line_data_with_newlines);
	RUN(sse_skips_comment_lines);
	RUN(sse_names_events_and_keeps_the_last_id);
	RUN(sse_event_without_data_is_not_dispatched_and_its_name_is_forgotten);
	RUN(sse_strips_one_leading_space_only);
	RUN(sse_accepts_crlf_and_cr_line_endings);
	RUN(sse_crlf_split_between_feeds_ends_one_line_not_two);
	RUN(sse_gives_the_same_events_whatever_the_chunk_size);
	RUN(sse_rejects_a_line_longer_than_the_cap);
	RUN(sse_rejects_event_data_longer_than_the_cap);
	RUN(sse_stops_when_the_callback_asks_and_ignores_later_input);
	RUN(sse_reports_an_event_cut_off_by_the_end_of_input);
	RUN(ndjson_delivers_lines_split_across_feeds);
	RUN(ndjson_skips_blank_lines_and_strips_carriage_returns);
	RUN(ndjson_finish_delivers_a_last_line_without_newline);
	RUN(ndjson_rejects_a_line_longer_than_the_cap);
	RUN(ndjson_stops_when_the_callback_asks);
	return harness_done();
}
