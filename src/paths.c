#include "grill/paths.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "grill/fsutil.h"
#include "grill/xalloc.h"

static const char *env_nonempty(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static char *home_dir(void)
{
	const char *h = env_nonempty("HOME");
	struct passwd *pw;

	if (h)
		return xstrdup(h);
	pw = getpwuid(getuid());
	return xstrdup(pw && pw->pw_dir ? pw->pw_dir : "/");
}

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = env_nonempty(var);
	char *home, *dir;

	/* The XDG spec says relative values are invalid and must be ignored. */
	if (v && v[0] == '/')
		return xstrdup(v);
	home = home_dir();
	dir = fs_join(home, fallback);
	free(home);
	return dir;
}

static int running_from_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t blen = strlen(GRILL_BUILD_ROOT);

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	return strncmp(exe, GRILL_BUILD_ROOT, blen) == 0 && exe[blen] == '/';
}

char *paths_data_root(void)
{
	const char *v = env_nonempty("GRILL_DATA_DIR");

	if (v)
		return xstrdup(v);
	if (running_from_build_tree()) {
		char *banks = fs_join(GRILL_SOURCE_ROOT, "question_banks");
		int ok = fs_is_dir(banks);

		free(banks);
		if (ok)
			return xstrdup(GRILL_SOURCE_ROOT);
	}
	return xstrdup(GRILL_INSTALLED_DATADIR);
}

char *paths_home(void)
{
	const char *v = env_nonempty("GRILL_HOME");
	char *data, *dir;

	if (v)
		return xstrdup(v);
	data = xdg_dir("XDG_DATA_HOME", ".local/share");
	dir = fs_join(data, "grill");
	free(data);
	return dir;
}

char *paths_sessions_dir(void)
{
	char *home = paths_home();
	char *dir = fs_join(home, "sessions");

	free(home);
	return dir;
}

char *paths_config_file(void)
{
	char *cfg = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *file = fs_join(cfg, "grill/config.json");

	free(cfg);
	return file;
}

char *paths_user_banks(void)
{
	char *data = xdg_dir("XDG_DATA_HOME", ".local/share");
	char *dir = fs_join(data, "grill/banks");

	free(data);
	return dir;
}

char *paths_bank_cache(void)
{
	const char *home = env_nonempty("GRILL_HOME");
	char *base, *dir;

	if (env_nonempty("GRILL_NO_CACHE"))
		return NULL;
	if (home)
		return fs_join(home, "cache/banks");
	base = xdg_dir("XDG_CACHE_HOME", ".cache");
	dir = fs_join(base, "grill/banks");
	free(base);
	return dir;
}

char *paths_shipped_banks(void)
{
	char *root = paths_data_root();
	char *dir = fs_join(root, "question_banks");

	free(root);
	return dir;
}

char *paths_shipped_rubrics(void)
{
	char *root = paths_data_root();
	char *dir = fs_join(root, "rubrics");

	free(root);
	return dir;
}

char *paths_ensure_sessions_dir(grill_err *err)
{
	char *dir = paths_sessions_dir();

	if (fs_mkdir_p(dir, 0700, err) < 0) {
		free(dir);
		return NULL;
	}
	return dir;
}
