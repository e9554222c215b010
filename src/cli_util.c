#include "grill/cli_util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "grill/fsutil.h"
#include "grill/paths.h"
#include "grill/term.h"
#include "grill/xalloc.h"

static void print_diags(const diag_list *d, const char *prefix)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		fprintf(stderr, "%s", prefix);
		term_print_untrusted(stderr, d->items[i]);
		fputc('\n', stderr);
	}
}

bank_set *cli_load_banks(const cli_args *args, bool quiet)
{
	bank_set *set = bank_set_new();
	diag_list diags = DIAG_LIST_INIT;
	char *shipped = paths_shipped_banks(), *user = paths_user_banks(), *cache = paths_bank_cache();
	const char *const *dirs;
	size_t n = 0, i;

	bank_set_use_cache(set, cache);
	free(cache);

	if (fs_is_dir(shipped))
		bank_set_add_dir(set, shipped, &diags);
	if (fs_is_dir(user))
		bank_set_add_dir(set, user, &diags);
	dirs = args ? cli_values(args, "bank-dir", &n) : NULL;
	for (i = 0; i < n; i++)
		bank_set_add_dir(set, dirs[i], &diags);
	bank_set_link(set);
	if (!quiet && diags.n) {
		print_diags(&diags, "grill: warning: skipping bank: ");
	}
	diag_free(&diags);
	free(shipped);
	free(user);
	return set;
}

rubric *cli_load_rubric(void)
{
	diag_list diags = DIAG_LIST_INIT;
	char *dir = paths_shipped_rubrics();
	rubric *r = rubric_load_id(dir, "self-assessment", &diags);

	if (!r)
		print_diags(&diags, "grill: ");
	diag_free(&diags);
	free(dir);
	return r;
}

bool cli_parse_int(const char *cmd, const char *name, const char *value, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < min || v > max) {
		fprintf(stderr, "grill %s: --%s wants a whole number from %ld to %ld, not '%s'\n", cmd, name, min, max, value);
		return false;
	}
	*out = v;
	return true;
}

void cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap, again;
	char *msg;
	int n;

	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	if (n < 0 || vsnprintf(msg, (size_t)n + 1, fmt, again) < 0)
		msg[0] = '\0';
	va_end(again);
	va_end(ap);
	fprintf(stderr, "grill%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	term_print_untrusted(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}
