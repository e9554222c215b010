#include "harness.h"

#include "grill/strbuf.h"
#include "grill/xalloc.h"

TEST(strbuf_appends_and_formats)
{
	strbuf sb = STRBUF_INIT;

	CHECK_STR(sb_str(&sb), "");
	sb_append(&sb, "ab");
	sb_appendf(&sb, "-%d-", 42);
	sb_putc(&sb, 'z');
	CHECK_STR(sb_str(&sb), "ab-42-z");
	CHECK_INT(sb.len, 7);
	sb_free(&sb);
}

TEST(strbuf_escapes_json_strings)
{
	strbuf sb = STRBUF_INIT;

	sb_append_json_string(&sb, "a\"b\\c\nd\x01");
	CHECK_STR(sb_str(&sb), "\"a\\\"b\\\\c\\nd\\u0001\"");
	sb_free(&sb);
}

TEST(strbuf_detach_hands_over_the_buffer)
{
	strbuf sb = STRBUF_INIT;
	char *s;

	s = sb_detach(&sb);
	CHECK_STR(s, "");
	free(s);
	sb_append(&sb, "x");
	s = sb_detach(&sb);
	CHECK_STR(s, "x");
	CHECK(sb.buf == NULL && sb.len == 0);
	free(s);
}

TEST(xasprintf_formats_a_new_string)
{
	char *s = xasprintf("%s/%03d", "a", 7);

	CHECK_STR(s, "a/007");
	free(s);
}

int main(void)
{
	RUN(strbuf_appends_and_formats);
	RUN(strbuf_escapes_json_strings);
	RUN(strbuf_detach_hands_over_the_buffer);
	RUN(xasprintf_formats_a_new_string);
	return harness_done();
}
