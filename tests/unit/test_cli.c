#include "harness.h"

#include <unistd.h>

#include "grill/commands.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

static int parse(const char *name, int argc, char **argv, cli_args **out)
{
	const command *cmd = command_find(name);
	int rc;

	/* usage errors go to stderr; keep the TAP stream clean */
	fflush(stderr);
	{
		FILE *saved = stderr;
		FILE *sink = fopen("/dev/null", "w");

		stderr = sink;
		rc = cli_parse(cmd, argc, argv, out);
		stderr = saved;
		fclose(sink);
	}
	return rc;
}

TEST(long_options_take_values_with_space_or_equals)
{
	char *argv[] = { "run", "--questions", "3", "--level=senior", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("run", 4, argv, &a), EXIT_OK);
	CHECK_STR(cli_value(a, "questions"), "3");
	CHECK_STR(cli_value(a, "level"), "senior");
	CHECK(!cli_flag(a, "coach"));
	cli_args_free(a);
}

TEST(short_options_bundle_and_take_attached_values)
{
	char *argv[] = { "run", "-qn5", "-s", "9", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("run", 4, argv, &a), EXIT_OK);
	CHECK(cli_flag(a, "quiet"));
	CHECK_STR(cli_value(a, "questions"), "5");
	CHECK_STR(cli_value(a, "seed"), "9");
	cli_args_free(a);
}

TEST(repeatable_options_keep_every_value)
{
	char *argv[] = { "run", "--bank", "a", "--bank-dir", "x", "--bank", "b", NULL };
	cli_args *a = NULL;
	const char *const *v;
	size_t n;

	CHECK_INT(parse("run", 7, argv, &a), EXIT_OK);
	v = cli_values(a, "bank", &n);
	CHECK_INT(n, 2);
	CHECK_STR(v[0], "a");
	CHECK_STR(v[1], "b");
	v = cli_values(a, "bank-dir", &n);
	CHECK_INT(n, 1);
	cli_args_free(a);
}

TEST(unknown_option_is_a_usage_error)
{
	char *argv[] = { "assess", "--jsn", "f.json", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("assess", 3, argv, &a), EXIT_USAGE);
}

TEST(option_without_its_value_is_a_usage_error)
{
	char *argv[] = { "run", "--seed", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("run", 2, argv, &a), EXIT_USAGE);
}

TEST(flag_given_a_value_is_a_usage_error)
{
	char *argv[] = { "run", "--coach=yes", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("run", 2, argv, &a), EXIT_USAGE);
}

TEST(missing_and_extra_arguments_are_usage_errors)
{
	char *argv1[] = { "assess", NULL };
	char *argv2[] = { "report", "a", "b", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("assess", 1, argv1, &a), EXIT_USAGE);
	CHECK_INT(parse("report", 3, argv2, &a), EXIT_USAGE);
}

TEST(double_dash_ends_options)
{
	char *argv[] = { "validate", "--", "--odd-name.json", NULL };
	cli_args *a = NULL;

	CHECK_INT(parse("validate", 3, argv, &a), EXIT_OK);
	CHECK_INT(cli_npos(a), 1);
	CHECK_STR(cli_pos(a, 0), "--odd-name.json");
	cli_args_free(a);
}

static char *capture(void (*fn)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(f);
	fclose(f);
	return buf;
}

static void usage(FILE *f) { commands_print_usage(f); }
static void man(FILE *f) { commands_print_man(f); }
static void completion(FILE *f) { commands_print_completion(f); }

TEST(help_man_page_and_completion_list_every_command)
{
	char *u = capture(usage), *m = capture(man), *c = capture(completion);
	size_t i;

	for (i = 0; i < grill_command_count; i++) {
		char *line = xasprintf("\n  %-10s %s\n", grill_commands[i].name, grill_commands[i].summary);
		char *mh = xasprintf(".SS \"grill %s", grill_commands[i].name);
		char *ch = xasprintf("\t\t%s) COMPREPLY", grill_commands[i].name);

		CHECK_CONTAINS(u, line);
		CHECK_CONTAINS(m, mh);
		CHECK_CONTAINS(c, ch);
		free(line);
		free(mh);
		free(ch);
	}
	free(u);
	free(m);
	free(c);
}

TEST(man_page_and_completion_list_every_option)
{
	char *m = capture(man), *c = capture(completion);
	size_t i;

	for (i = 0; i < grill_command_count; i++) {
		const opt_spec *o;

		for (o = grill_commands[i].opts; o && o->name; o++) {
			strbuf esc = STRBUF_INIT;
			char *opt = xasprintf("--%s ", o->name);

			for (const char *p = o->name; *p; p++) {
				if (*p == '-')
					sb_append(&esc, "\\-");
				else
					sb_putc(&esc, *p);
			}
			CHECK_CONTAINS(m, sb_str(&esc));
			CHECK_CONTAINS(c, opt);
			sb_free(&esc);
			free(opt);
		}
	}
	free(m);
	free(c);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

TEST(shipped_man_page_and_completion_match_the_command_table)
{
	char *m = capture(man), *c = capture(completion);
	char *mp = harness_source("docs/grill.1"), *cp = harness_source("scripts/completion/grill.bash");
	char *ms = read_all(mp), *cs = read_all(cp);

	/* regenerate with: build/grill help --man > docs/grill.1;
	 * build/grill help --completion > scripts/completion/grill.bash */
	CHECK(ms != NULL && strcmp(ms, m) == 0);
	CHECK(cs != NULL && strcmp(cs, c) == 0);
	free(m);
	free(c);
	free(mp);
	free(cp);
	free(ms);
	free(cs);
}

int main(void)
{
	RUN(long_options_take_values_with_space_or_equals);
	RUN(short_options_bundle_and_take_attached_values);
	RUN(repeatable_options_keep_every_value);
	RUN(unknown_option_is_a_usage_error);
	RUN(option_without_its_value_is_a_usage_error);
	RUN(flag_given_a_value_is_a_usage_error);
	RUN(missing_and_extra_arguments_are_usage_errors);
	RUN(double_dash_ends_options);
	RUN(help_man_page_and_completion_list_every_command);
	RUN(man_page_and_completion_list_every_option);
	RUN(shipped_man_page_and_completion_match_the_command_table);
	return harness_done();
}
