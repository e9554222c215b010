#ifndef GRILL_READLINE_LAZY_H
#define GRILL_READLINE_LAZY_H

/*
 * GNU readline, loaded by readline_lazy.c the first time a terminal session
 * needs it. Include this header instead of readline's own: it includes them
 * for the types and constants, then turns readline's variables into the
 * library's objects reached through the addresses the loader found. Before
 * the library is loaded, or when it cannot be, they are grill's own
 * stand-ins, so reading or setting them is always safe; but a value set
 * before readline_lazy_load() stays in the stand-in, unseen by readline.
 */
#include <stdbool.h>
#include <stdio.h>

#include <readline/readline.h>
#include <readline/history.h>

/*
 * Loads libreadline once. False when it cannot be loaded, with *cause (a
 * static string, not to be freed) naming the library and the loader's
 * reason; readline() then reads plain lines from standard input.
 */
bool readline_lazy_load(const char **cause);

/* Where each variable grill uses lives: in libreadline once it is loaded. */
struct readline_lazy_vars {
	int *end;
	int *point;
	FILE **outstream;
	const char **readline_name;
	rl_completion_func_t **attempted_completion_function;
	const char **completer_word_break_characters;
	int *attempted_completion_over;
	unsigned long *readline_state;
};
extern struct readline_lazy_vars readline_lazy_vars;

/* After readline.h: its declarations keep their names, uses go through the table. */
#define rl_end (*readline_lazy_vars.end)
#define rl_point (*readline_lazy_vars.point)
#define rl_outstream (*readline_lazy_vars.outstream)
#define rl_readline_name (*readline_lazy_vars.readline_name)
#define rl_attempted_completion_function (*readline_lazy_vars.attempted_completion_function)
#define rl_completer_word_break_characters (*readline_lazy_vars.completer_word_break_characters)
#define rl_attempted_completion_over (*readline_lazy_vars.attempted_completion_over)
#define rl_readline_state (*readline_lazy_vars.readline_state)

#endif
