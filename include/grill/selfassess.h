#ifndef GRILL_SELFASSESS_H
#define GRILL_SELFASSESS_H

#include <stdbool.h>
#include <stdio.h>

#include "grill/repl.h"
#include "grill/rubric.h"
#include "grill/transcript.h"

/*
 * The candidate scores themselves: for each of the six dimensions its
 * question and anchors, a score 1-5 (or skip) and a note. Used by `grill run`
 * at the end of a session and by `grill score`. A front end: it prints to out
 * and reads from in (a terminal: one line for the score, one for the note;
 * piped: a block whose first line is the score and the rest the note).
 * Nothing about the session is shown, so no feedback comes first.
 */

/*
 * The six scores with their anchors and no heading (pair mode uses it for
 * the interviewer). Fills *scores (present = true); false, with nothing
 * kept, when input ended or was interrupted. Free notes with selfassess_clear.
 */
bool scores_read(FILE *out, repl *in, const rubric *r, score_set *scores);
/* The candidate's heading ("Score yourself before you see any feedback"), then scores_read. */
bool selfassess_read(FILE *out, repl *in, const rubric *r, score_set *self);
/* Frees the notes and zeroes the set. */
void selfassess_clear(score_set *self);

#endif
