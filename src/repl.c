#include "grill/repl.h"

#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"
#include "readline_lazy.h"

const slash_command repl_commands[] = {
	{ "skip", "skip this question (a follow-up: end this line of questioning)" },
	{ "repeat", "show the question again" },
	{ "hint", "a nudge that does not give the answer away" },
	{ "time", "how long this answer and the session have taken" },
	{ "quit", "stop here; the session is saved and `grill resume` continues it" },
	{ "help", "list these commands" },
};
const size_t repl_command_count = sizeof(repl_commands) / sizeof(repl_commands[0]);

struct repl {
	FILE *out;
	bool tty;
};

static sigjmp_buf sigint_jump;
static volatile sig_atomic_t sigint_armed;

static void on_sigint(int sig)
{
	(void)sig;
	if (sigint_armed) {
		sigint_armed = 0;
		siglongjmp(sigint_jump, 1);
	}
}

static char *complete_command(const char *text, int state)
{
	static size_t i, len;

	if (state == 0) {
		i = 0;
		len = strlen(text);
	}
	while (i < repl_command_count) {
		const char *name = repl_commands[i++].name;
		char *slashed = xasprintf("/%s", name);

		if (strncmp(slashed, text, len) == 0)
			return slashed; /* readline frees it */
		free(slashed);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1; /* never complete file names in an answer */
	if (start == 0 && text[0] == '/')
		return rl_completion_matches(text, complete_command);
	return NULL;
}

repl *repl_new(FILE *out)
{
	repl *r = xcalloc(1, sizeof(*r));

	r->out = out;
	r->tty = isatty(STDIN_FILENO) == 1;
	if (r->tty) {
		static bool warned;
		struct sigaction sa;
		const char *cause;

		if (!readline_lazy_load(&cause) && !warned) {
			warned = true;
			fputs("grill: ", stderr);
			term_print_untrusted(stderr, cause);
			fputs("; reading lines without editing, history or completion\n", stderr);
		}
		rl_readline_name = "grill";
		rl_attempted_completion_function = complete;
		rl_completer_word_break_characters = " \t\n";
		rl_outstream = out;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigint;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
	}
	return r;
}

void repl_free(repl *r)
{
	if (!r)
		return;
	if (r->tty)
		clear_history();
	free(r);
}

bool repl_interactive(const repl *r)
{
	return r->tty;
}

double repl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * One line from the terminal; NULL at EOF. On Ctrl-C, *interrupted is set
 * and *had_text says whether the line being edited held anything.
 */
static char *tty_line(const char *prompt, bool *interrupted, bool *had_text)
{
	char *line;

	*interrupted = false;
	*had_text = false;
	if (sigsetjmp(sigint_jump, 1)) {
		*had_text = rl_end > 0;
		rl_free_line_state();
		rl_cleanup_after_signal();
		RL_UNSETSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_VIMOTION | RL_STATE_NUMERICARG |
		              RL_STATE_MULTIKEY | RL_STATE_READCMD);
		rl_point = rl_end = 0;
		fputc('\n', rl_outstream);
		*interrupted = true;
		return NULL;
	}
	sigint_armed = 1;
	line = readline(prompt);
	sigint_armed = 0;
	return line;
}

/* One line from a pipe, without its newline; NULL at EOF. */
static char *pipe_line(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);

	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static bool is_command(const char *line, char **name)
{
	size_t n;

	if (line[0] != '/' || line[1] == '\0' || line[1] == ' ')
		return false;
	n = strcspn(line + 1, " \t");
	*name = xstrndup(line + 1, n);
	return true;
}

static bool known_command(const char *name)
{
	size_t i;

	for (i = 0; i < repl_command_count; i++)
		if (strcmp(repl_commands[i].name, name) == 0)
			return true;
	return false;
}

/* Strips what a terminal must not get back and a reader need not keep. */
static char *clean_answer(const strbuf *sb)
{
	char *clean = term_sanitize(sb_str(sb));
	size_t n = strlen(clean);

	while (n > 0 && (clean[n - 1] == '\n' || clean[n - 1] == ' ' || clean[n - 1] == '\t'))
		clean[--n] = '\0';
	return clean;
}

input_kind repl_read_answer(repl *r, double soft_deadline, char **text)
{
	strbuf sb = STRBUF_INIT;
	bool first = true, warned = false;

	*text = NULL;
	for (;;) {
		bool interrupted = false, had_text = false;
		char *line, *name = NULL;

		if (r->tty)
			line = tty_line(first ? "you> " : "...> ", &interrupted, &had_text);
		else
			line = pipe_line();
		if (interrupted) {
			if (sb.len == 0 && !had_text) {
				sb_free(&sb);
				return INPUT_INTERRUPT;
			}
			fprintf(r->out, "(answer discarded: type it again, or /quit to stop; the session is saved)\n");
			sb_free(&sb);
			first = true;
			continue;
		}
		if (!line) {
			/* EOF: on a terminal, Ctrl-D on an empty line ends the answer */
			if (r->tty && sb.len > 0)
				break;
			if (sb.len > 0)
				break;
			sb_free(&sb);
			return INPUT_EOF;
		}
		if (first && is_command(line, &name)) {
			if (known_command(name)) {
				free(line);
				sb_free(&sb);
				*text = name;
				return INPUT_COMMAND;
			}
			fprintf(r->out, "unknown command /%s (/help lists them); type your answer\n", name);
			free(name);
			free(line);
			continue;
		}
		if (r->tty ? strcmp(line, ".") == 0 : line[0] == '\0') {
			free(line);
			break;
		}
		if (r->tty && *line)
			add_history(line);
		if (sb.len)
			sb_putc(&sb, '\n');
		sb_append(&sb, line);
		free(line);
		first = false;
		if (r->tty && soft_deadline > 0 && !warned && repl_now() > soft_deadline) {
			fprintf(r->out, "(the time budget for this answer has passed: wrap up when you are ready)\n");
			warned = true;
		}
	}
	*text = clean_answer(&sb);
	sb_free(&sb);
	return INPUT_TEXT;
}

input_kind repl_read_entry(repl *r, const char *prompt, char **text)
{
	*text = NULL;
	if (r->tty) {
		bool interrupted = false, had_text = false;
		char *line = tty_line(prompt, &interrupted, &had_text);
		strbuf sb = STRBUF_INIT;

		if (interrupted)
			return INPUT_INTERRUPT;
		if (!line)
			return INPUT_EOF;
		sb_append(&sb, line);
		free(line);
		*text = clean_answer(&sb);
		sb_free(&sb);
		return INPUT_TEXT;
	}
	fputs(prompt, r->out);
	fputc('\n', r->out);
	return repl_read_answer(r, 0, text);
}

input_kind repl_read_line(repl *r, const char *prompt, char **text)
{
	strbuf sb = STRBUF_INIT;
	char *line;

	*text = NULL;
	if (r->tty) {
		bool interrupted = false, had_text = false;

		line = tty_line(prompt, &interrupted, &had_text);
		if (interrupted && !had_text)
			return INPUT_INTERRUPT;
		if (interrupted) {      /* Ctrl-C on a half-typed line drops just that line */
			*text = xstrdup("");
			return INPUT_TEXT;
		}
	} else {
		line = pipe_line();
	}
	if (!line)
		return INPUT_EOF;
	sb_append(&sb, line);
	free(line);
	*text = clean_answer(&sb);
	sb_free(&sb);
	return INPUT_TEXT;
}
