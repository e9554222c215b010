#include "harness.h"

#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "grill/bank.h"
#include "grill/fsutil.h"
#include "grill/xalloc.h"

jmp_buf harness_jump;
int harness_failed_current;

static int total, failed;
static char home[256];

static void setup_home(void)
{
	const char *tmp = getenv("TMPDIR");
	char *p;

	if (home[0])
		return;
	snprintf(home, sizeof(home), "%s/grill-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(home)) {
		perror("mkdtemp");
		abort();
	}
	setenv("HOME", home, 1);
	p = fs_join(home, ".local/share");
	setenv("XDG_DATA_HOME", p, 1);
	free(p);
	p = fs_join(home, ".config");
	setenv("XDG_CONFIG_HOME", p, 1);
	free(p);
	p = fs_join(home, ".cache");
	setenv("XDG_CACHE_HOME", p, 1);
	free(p);
	unsetenv("GRILL_HOME");
	unsetenv("GRILL_DATA_DIR");
	/* a developer's own model settings must never reach a test */
	unsetenv("GRILL_LLM_URL");
	unsetenv("GRILL_LLM_MODEL");
	unsetenv("GRILL_LLM_PROVIDER");
	unsetenv("GRILL_LLM_API_KEY");
	unsetenv("GRILL_LLM_API_KEY_FILE");
	unsetenv("OPENAI_API_KEY");
	unsetenv("ANTHROPIC_API_KEY");
	unsetenv("NO_COLOR");
	setenv("LC_ALL", "C", 1);
}

const char *harness_home(void)
{
	setup_home();
	return home;
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	harness_failed_current = 1;
	longjmp(harness_jump, 1);
}

void harness_run(const char *name, void (*fn)(void))
{
	setup_home();
	total++;
	harness_failed_current = 0;
	if (setjmp(harness_jump) == 0)
		fn();
	if (harness_failed_current) {
		failed++;
		printf("not ok %d - %s\n", total, name);
	} else {
		printf("ok %d - %s\n", total, name);
	}
	fflush(stdout);
}

static int remove_tree(const char *path)
{
	char *cmd = xasprintf("rm -rf '%s'", path);
	int rc = system(cmd);

	free(cmd);
	return rc;
}

int harness_done(void)
{
	printf("1..%d\n", total);
	if (home[0] && !getenv("GRILL_KEEP_TEST_HOME"))
		remove_tree(home);
	return failed ? 1 : 0;
}

char *harness_fixture(const char *rel)
{
	return xasprintf("%s/tests/fixtures/%s", GRILL_SOURCE_ROOT, rel);
}

char *harness_source(const char *rel)
{
	return xasprintf("%s/%s", GRILL_SOURCE_ROOT, rel);
}

char *harness_write_temp(const char *name, const char *text)
{
	char *path = fs_join(harness_home(), name);
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		abort();
	}
	fputs(text, f);
	fclose(f);
	return path;
}

struct bank_set *harness_load_banks(const char *rel)
{
	char *dir = harness_source(rel);
	diag_list d = DIAG_LIST_INIT;
	bank_set *set = bank_set_new();
	size_t i;

	bank_set_add_dir(set, dir, &d);
	bank_set_link(set);
	for (i = 0; i < d.n; i++)
		printf("# bank problem: %s\n", d.items[i]);
	if (d.n) {
		printf("Bail out! %s has banks that do not load\n", rel);
		exit(1);
	}
	diag_free(&d);
	free(dir);
	return set;
}
