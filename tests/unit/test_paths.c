#include "harness.h"

#include "config.h"
#include "grill/paths.h"
#include "grill/xalloc.h"

TEST(home_is_grill_home_when_set)
{
	char *p;

	setenv("GRILL_HOME", "/tmp/gh", 1);
	p = paths_home();
	CHECK_STR(p, "/tmp/gh");
	free(p);
	unsetenv("GRILL_HOME");
}

TEST(home_is_under_xdg_data_home_by_default)
{
	char *p, *want;

	setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
	p = paths_home();
	CHECK_STR(p, "/tmp/xdg-data/grill");
	free(p);
	p = paths_sessions_dir();
	CHECK_STR(p, "/tmp/xdg-data/grill/sessions");
	free(p);
	unsetenv("XDG_DATA_HOME");
	p = paths_home();
	want = xasprintf("%s/.local/share/grill", harness_home());
	CHECK_STR(p, want);
	free(p);
	free(want);
}

TEST(relative_xdg_values_are_ignored)
{
	char *p, *want;

	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	p = paths_config_file();
	want = xasprintf("%s/.config/grill/config.json", harness_home());
	CHECK_STR(p, want);
	free(p);
	free(want);
	setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
	p = paths_config_file();
	CHECK_STR(p, "/tmp/cfg/grill/config.json");
	free(p);
}

TEST(user_banks_live_under_xdg_data_home)
{
	char *p;

	setenv("XDG_DATA_HOME", "/tmp/xd", 1);
	p = paths_user_banks();
	CHECK_STR(p, "/tmp/xd/grill/banks");
	free(p);
	unsetenv("XDG_DATA_HOME");
}

TEST(data_root_is_grill_data_dir_when_set)
{
	char *p;

	setenv("GRILL_DATA_DIR", "/opt/grill-data", 1);
	p = paths_shipped_banks();
	CHECK_STR(p, "/opt/grill-data/question_banks");
	free(p);
	unsetenv("GRILL_DATA_DIR");
}

TEST(data_root_is_the_source_tree_when_run_from_the_build_tree)
{
	/* this test binary lives under the build root, like build/grill */
	char *p = paths_data_root();

	CHECK_STR(p, GRILL_SOURCE_ROOT);
	free(p);
}

TEST(bank_cache_should_follow_grill_home_then_xdg_cache_home_and_be_off_when_grill_no_cache_is_set)
{
	char *p, *want;

	setenv("XDG_CACHE_HOME", "/tmp/xdg-cache", 1);
	p = paths_bank_cache();
	CHECK_STR(p, "/tmp/xdg-cache/grill/banks");
	free(p);
	setenv("GRILL_HOME", "/tmp/gh", 1);
	p = paths_bank_cache();
	CHECK_STR(p, "/tmp/gh/cache/banks");
	free(p);
	setenv("GRILL_NO_CACHE", "1", 1);
	CHECK(paths_bank_cache() == NULL);
	unsetenv("GRILL_NO_CACHE");
	unsetenv("GRILL_HOME");
	unsetenv("XDG_CACHE_HOME");
	p = paths_bank_cache();
	want = xasprintf("%s/.cache/grill/banks", harness_home());
	CHECK_STR(p, want);
	free(p);
	free(want);
}

int main(void)
{
	RUN(home_is_grill_home_when_set);
	RUN(home_is_under_xdg_data_home_by_default);
	RUN(relative_xdg_values_are_ignored);
	RUN(user_banks_live_under_xdg_data_home);
	RUN(data_root_is_grill_data_dir_when_set);
	RUN(data_root_is_the_source_tree_when_run_from_the_build_tree);
	RUN(bank_cache_should_follow_grill_home_then_xdg_cache_home_and_be_off_when_grill_no_cache_is_set);
	return harness_done();
}
