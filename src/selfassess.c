/* The self-assessment: six scores with the rubric's anchors, before any feedback. */
#include "grill/selfassess.h"

#include <stdlib.h>
#include <string.h>

#include "grill/term.h"
#include "grill/xalloc.h"

bool scores_read(FILE *out, repl *in, const rubric *r, score_set *self)
{
	term_style st = term_style_for(out);
	int d, k;

	memset(self, 0, sizeof(*self));
	self->present = true;
	for (d = 0; d < RUBRIC_DIMS; d++) {
		const rubric_dimension *dim = rubric_find(r, rubric_keys[d]);
		char *text = NULL, *note = NULL;
		input_kind kind;

		fprintf(out, "\n%s%s%s: ", st.bold, dim ? dim->name : rubric_keys[d], st.reset);
		term_print_untrusted(out, dim ? dim->question : "");
		fputc('\n', out);
		for (k = 5; dim && k >= 1; k--) {
			char *line = xasprintf("%d  %s", k, dim->anchors[k]);

			term_print_wrapped(out, line, 2, 100);
			free(line);
		}
		for (;;) {
			char *end;
			long v;

			kind = repl_read_entry(in, "score> ", &text);
			if (kind == INPUT_EOF || kind == INPUT_INTERRUPT) {
				selfassess_clear(self);
				return false;
			}
			if (kind == INPUT_COMMAND) {
				free(text);
				fprintf(out, "a score from 1 to 5, or %s to skip\n", repl_interactive(in) ? "Enter" : "an empty block");
				continue;
			}
			/* piped: the first line is the score, the rest of the block the note */
			end = strchr(text, '\n');
			if (end) {
				*end = '\0';
				note = xstrdup(end + 1);
			}
			if (text[0] == '\0' || strcmp(text, "skip") == 0 || strcmp(text, "-") == 0) {
				self->score[d] = 0;
				break;
			}
			v = strtol(text, &end, 10);
			if (*end == '\0' && v >= 1 && v <= 5) {
				self->score[d] = (int)v;
				break;
			}
			fprintf(out, "'%s' is not a score: type 1 to 5, or %s to skip\n", text, repl_interactive(in) ? "Enter" : "an empty block");
			free(text);
			free(note);
			note = NULL;
		}
		free(text);
		if (repl_interactive(in)) {
			kind = repl_read_entry(in, "note (Enter for none)> ", &note);
			if (kind == INPUT_EOF || kind == INPUT_INTERRUPT) {
				selfassess_clear(self);
				return false;
			}
		}
		if (note && *note)
			self->note[d] = note;
		else
			free(note);
	}
	return true;
}

bool selfassess_read(FILE *out, repl *in, const rubric *r, score_set *self)
{
	term_style st = term_style_for(out);

	fprintf(out, "\n%sScore yourself%s before you see any feedback: for each dimension 1-5, or %s to skip.\n",
	        st.bold, st.reset, repl_interactive(in) ? "Enter" : "an empty block");
	return scores_read(out, in, r, self);
}

void selfassess_clear(score_set *self)
{
	int d;

	for (d = 0; d < RUBRIC_DIMS; d++)
		free(self->note[d]);
	memset(self, 0, sizeof(*self));
}
