#ifndef GRILL_REPL_H
#define GRILL_REPL_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Reading the candidate's input. On a terminal: GNU readline (loaded by the
 * first repl_new on one) with editing, history, pasted text, tab completion
 * of slash commands, or plain lines with one warning where libreadline
 * cannot be loaded; an answer spans lines until a line holding only "." (or
 * Ctrl-D on an empty line).
 * Otherwise (a pipe or a file): blocks of lines ended by a blank line or
 * end of input, so a session can be scripted.
 */
typedef struct repl repl;

typedef enum input_kind {
	INPUT_TEXT,       /* *text holds the block (lines joined by \n, no trailing newline) */
	INPUT_COMMAND,    /* *text holds a slash command's name, without the slash ("skip") */
	INPUT_EOF,        /* no more input: end cleanly, the session stays resumable */
	INPUT_INTERRUPT   /* Ctrl-C on an empty prompt: the candidate wants to stop */
} input_kind;

typedef struct slash_command {
	const char *name;
	const char *help;
} slash_command;

/* The session's slash commands; the table feeds /help and tab completion. */
extern const slash_command repl_commands[];
extern const size_t repl_command_count;

repl *repl_new(FILE *out);
void repl_free(repl *r);
bool repl_interactive(const repl *r);

/*
 * Reads one answer. A first line that starts with "/" is a slash command
 * (unknown ones are reported and the read goes on). soft_deadline (a
 * monotonic time in seconds, 0 for none) gets one gentle note once passed.
 * Caller frees *text.
 */
input_kind repl_read_answer(repl *r, double soft_deadline, char **text);

/* Reads one short entry (a score, a name): one line on a terminal, one block otherwise. */
input_kind repl_read_entry(repl *r, const char *prompt, char **text);

/*
 * Reads one line (a console command): with readline and prompt on a
 * terminal, kept out of the history (pair mode hands the keyboard over: the
 * interviewer's notes must not come back with the up arrow); one line of
 * the pipe, no prompt, otherwise. Ctrl-C on a half-typed line gives "".
 * Caller frees *text.
 */
input_kind repl_read_line(repl *r, const char *prompt, char **text);

/* Seconds on a monotonic clock. */
double repl_now(void);

#endif
