/*
 * GNU readline, loaded the first time a session reads from a terminal.
 * Linking it directly made every start-up load libreadline and libtinfo
 * and relocate them (two thirds of the instructions `grill --version` ran,
 * about 0.7 ms) for the one front end that uses them; piped sessions and
 * every other command never do. These definitions stand in for the
 * readline functions grill calls and forward to the real ones, resolved
 * with dlopen on first use; its variables are reached through
 * readline_lazy_vars (see readline_lazy.h).
 *
 * When libreadline cannot be loaded, a terminal session goes on without it
 * rather than failing: an interview should not be lost to a missing editing
 * library. readline() then prints the prompt and returns one line as the
 * terminal's own line discipline delivers it (backspace and Ctrl-U work;
 * arrows, history and tab completion do not), with readline's contract: a
 * malloc'd line without its newline, NULL at end of input. add_history and
 * the rest do nothing. The REPL says why once, on standard error. One
 * difference remains: the terminal throws away a half-typed line on
 * Ctrl-C without grill seeing it, so Ctrl-C on the first line of an answer
 * counts as Ctrl-C on an empty prompt (a session stops, saved and
 * resumable).
 *
 * A new readline function or variable in grill needs a line here, and a
 * variable one in readline_lazy.h too (the link fails until then).
 */
#include "readline_lazy.h"

#include <dlfcn.h>
#include <errno.h>
#include <unistd.h>

#include "grill/strbuf.h"
#include "grill/xalloc.h"

#define READLINE_SONAME "libreadline.so.8"

/* Every function grill calls, as a table of pointers filled by load(). */
#define READLINE_FUNCTIONS(X) \
	X(char *, readline, (const char *prompt)) \
	X(void, add_history, (const char *line)) \
	X(void, clear_history, (void)) \
	X(char **, rl_completion_matches, (const char *text, rl_compentry_func_t *entry)) \
	X(void, rl_free_line_state, (void)) \
	X(void, rl_cleanup_after_signal, (void))

/* Every variable grill uses (without its rl_ prefix), in readline_lazy_vars. */
#define READLINE_VARIABLES(X) \
	X(int, end) \
	X(int, point) \
	X(FILE *, outstream) \
	X(const char *, readline_name) \
	X(rl_completion_func_t *, attempted_completion_function) \
	X(const char *, completer_word_break_characters) \
	X(int, attempted_completion_over) \
	X(unsigned long, readline_state)

#define DECLARE_POINTER(ret, name, params) static ret (*real_##name) params;
READLINE_FUNCTIONS(DECLARE_POINTER)

/* Until readline is loaded (or when it cannot be), its variables are these. */
#define DECLARE_STAND_IN(type, name) static type stand_in_##name;
READLINE_VARIABLES(DECLARE_STAND_IN)

struct readline_lazy_vars readline_lazy_vars = {
#define POINT_AT_STAND_IN(type, name) .name = &stand_in_##name,
	READLINE_VARIABLES(POINT_AT_STAND_IN)
#undef POINT_AT_STAND_IN
};

static bool tried;
static bool loaded;
static char load_error[512];

/* Loads libreadline once; false (with load_error) when it is not there. */
static bool load(void)
{
	struct readline_lazy_vars found;
	void *lib;

	if (tried)
		return loaded;
	tried = true;
	lib = dlopen(READLINE_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(load_error, sizeof(load_error), "libreadline could not be loaded: %s", dlerror());
		return false;
	}
#define RESOLVE(ret, name, params) \
	*(void **)(&real_##name) = dlsym(lib, #name); \
	if (!real_##name) { \
		snprintf(load_error, sizeof(load_error), "%s lacks %s: is libreadline too old?", READLINE_SONAME, #name); \
		return false; \
	}
	READLINE_FUNCTIONS(RESOLVE)
#undef RESOLVE
#define RESOLVE(type, name) \
	found.name = dlsym(lib, "rl_" #name); \
	if (!found.name) { \
		snprintf(load_error, sizeof(load_error), "%s lacks rl_%s: is libreadline too old?", READLINE_SONAME, #name); \
		return false; \
	}
	READLINE_VARIABLES(RESOLVE)
#undef RESOLVE
	readline_lazy_vars = found;
	loaded = true;
	return true;
}

bool readline_lazy_load(const char **cause)
{
	if (load())
		return true;
	if (cause)
		*cause = load_error;
	return false;
}

/*
 * One line from standard input without readline. read(2), one byte at a
 * time, rather than stdio: Ctrl-C in the REPL jumps out of this call
 * (siglongjmp), which must not happen inside stdio's buffered state, and no
 * byte past the newline is taken from whoever reads next. The line is
 * gathered in a static buffer so that such a jump leaks nothing.
 */
static char *plain_readline(const char *prompt)
{
	static strbuf line;
	FILE *out = rl_outstream ? rl_outstream : stdout;

	sb_truncate(&line, 0);
	if (prompt) {
		fputs(prompt, out);
		fflush(out);
	}
	for (;;) {
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (line.len == 0)
				return NULL;
			break;
		}
		if (c == '\n')
			break;
		sb_putc(&line, c);
	}
	return xstrdup(sb_str(&line));
}

char *readline(const char *prompt)
{
	return load() ? real_readline(prompt) : plain_readline(prompt);
}

void add_history(const char *line)
{
	if (load())
		real_add_history(line);
}

/* The rest mean nothing until readline has been loaded. */
void clear_history(void)
{
	if (loaded)
		real_clear_history();
}

char **rl_completion_matches(const char *text, rl_compentry_func_t *entry)
{
	return loaded ? real_rl_completion_matches(text, entry) : NULL;
}

void rl_free_line_state(void)
{
	if (loaded)
		real_rl_free_line_state();
}

void rl_cleanup_after_signal(void)
{
	if (loaded)
		real_rl_cleanup_after_signal();
}
