/* posix_openpt, grantpt, unlockpt and ptsname are XSI */
#define _XOPEN_SOURCE 600

#include "harness.h"

#include <fcntl.h>
#include <unistd.h>

#include "grill/term.h"

static void check_clean(const char *in, const char *want)
{
	char *out = term_sanitize(in);

	CHECK_STR(out, want);
	free(out);
}

TEST(sanitize_removes_csi_sequences)
{
	check_clean("a\033[31mred\033[0m b", "ared b");
	check_clean("\033[2J\033[Hclear", "clear");
}

TEST(sanitize_removes_osc_and_dcs_strings)
{
	check_clean("x\033]0;title\007y", "xy");
	check_clean("x\033]8;;http://e\033\\link\033]8;;\033\\y", "xlinky");
	check_clean("x\033Pdata\033\\y", "xy");
}

TEST(sanitize_removes_control_characters_but_keeps_newline_and_tab)
{
	check_clean("a\rb\bc\x07\n\td\x7f", "abc\n\td");
}

TEST(sanitize_removes_c1_controls_and_keeps_utf8)
{
	check_clean("caf\xc3\xa9 \xc2\x9b" "31m", "caf\xc3\xa9 31m");
	check_clean("\xe2\x9c\x93 ok", "\xe2\x9c\x93 ok");
}

TEST(sanitize_replaces_invalid_utf8)
{
	check_clean("a\xff" "b\xc3", "a?b?");
}

/* A pseudo-terminal, so that only NO_COLOR can turn colour off. */
static int tty_master = -1;

static FILE *open_tty(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave;
	FILE *f;

	if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
		harness_fail(__FILE__, __LINE__, "no pseudo-terminal");
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0)
		harness_fail(__FILE__, __LINE__, "cannot open %s", ptsname(master));
	f = fdopen(slave, "w");
	tty_master = master; /* the terminal lives while its master is open */
	return f;
}

TEST(color_is_off_when_no_color_is_set)
{
	FILE *tty = open_tty();

	unsetenv("NO_COLOR");
	CHECK(term_color_enabled(tty));
	setenv("NO_COLOR", "1", 1);
	CHECK(!term_color_enabled(tty));
	CHECK_STR(term_style_for(tty).red, "");
	unsetenv("NO_COLOR");
	fclose(tty);
	close(tty_master);
}

TEST(color_is_off_when_output_is_not_a_tty)
{
	FILE *f = tmpfile();

	CHECK(!term_color_enabled(f));
	CHECK_STR(term_style_for(f).red, "");
	fclose(f);
}

int main(void)
{
	RUN(sanitize_removes_csi_sequences);
	RUN(sanitize_removes_osc_and_dcs_strings);
	RUN(sanitize_removes_control_characters_but_keeps_newline_and_tab);
	RUN(sanitize_removes_c1_controls_and_keeps_utf8);
	RUN(sanitize_replaces_invalid_utf8);
	RUN(color_is_off_when_no_color_is_set);
	RUN(color_is_off_when_output_is_not_a_tty);
	return harness_done();
}
