#ifndef GRILL_TERM_H
#define GRILL_TERM_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Text that did not come from grill itself (banks, transcripts, model
 * replies) goes through term_sanitize before it reaches a terminal: escape
 * sequences (CSI, OSC, DCS, ...) and control characters other than newline
 * and tab are removed, C1 controls too, and invalid UTF-8 bytes become '?'.
 * Returns a new string; caller frees.
 */
char *term_sanitize(const char *s);

/* True when s is valid UTF-8 (no overlongs, no surrogates). */
bool term_utf8_valid(const char *s, size_t len);

/* Colour is used only when the stream is a tty and NO_COLOR is unset or empty. */
bool term_color_enabled(FILE *stream);

/* SGR codes, or "" when colour is off. */
typedef struct term_style {
	const char *bold, *dim, *red, *green, *yellow, *cyan, *reset;
} term_style;

term_style term_style_for(FILE *stream);

/* Prints s sanitized. */
void term_print_untrusted(FILE *stream, const char *s);

/* Wraps text at width columns (ASCII estimate), indenting every line. */
void term_print_wrapped(FILE *stream, const char *text, int indent, int width);

#endif
