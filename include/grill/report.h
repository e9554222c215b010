#ifndef GRILL_REPORT_H
#define GRILL_REPORT_H

#include <stdio.h>

#include "grill/bank.h"
#include "grill/rubric.h"
#include "grill/scorer.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"

/*
 * The report of a finished session, for the terminal: scores (self vs.
 * scorer, and interviewer in pair mode) with the evidence, missed points,
 * red flags with corrections, model answers, the verdict and what to
 * rehearse next. res may be NULL (no scorer result): the self-scores and
 * the turns are shown.
 */
void report_print_text(FILE *out, const transcript *t, const bank_set *banks, const rubric *r,
                       const scorer_result *res);

/* One line: what to rehearse next, from the scores ("" when nothing stands out). Caller frees. */
char *report_next_rehearsal(const transcript *t, const scorer_result *res);

typedef enum report_format {
	REPORT_TEXT,   /* the terminal report, plain when not on a tty */
	REPORT_MD,     /* Markdown, for sharing */
	REPORT_JSON,   /* everything below as one JSON object */
	REPORT_HTML    /* one self-contained page: inline CSS, no scripts, no external requests */
} report_format;

/* -1 when name is not text, md, json or html. */
int report_format_parse(const char *name);

/*
 * The full report of one session for `grill report`: the header (id, kind,
 * date, banks, a debrief's details), every turn with why it was asked, then
 * everything report_print_text shows. Text that did not come from grill is
 * sanitised for the terminal, escaped for Markdown and HTML.
 */
void report_print_full(FILE *out, const transcript *t, const bank_set *banks, const rubric *r,
                       const scorer_result *res);
/* The same in format f, appended to out (REPORT_TEXT without colour). */
void report_render(report_format f, strbuf *out, const transcript *t, const bank_set *banks, const rubric *r,
                   const scorer_result *res);

#endif
