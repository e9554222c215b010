#ifndef GRILL_LLM_H
#define GRILL_LLM_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/config.h"
#include "grill/error.h"
#include "grill/rubric.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"

/*
 * The optional language model behind one small interface: a generated
 * follow-up question, and a second opinion on the rubric scores. grill is
 * complete without it; every failure here is reported, never fatal, and
 * the session carries on offline.
 *
 * The client never prints. Everything it returns that came from the model
 * or the server (questions, reasons, quotes, error text) has been through
 * term_sanitize. The key appears in no message.
 *
 * Typical session use:
 *
 *   llm_client *llm = NULL;
 *   if (!offline && llm_config_load(&cfg, &err) == 0 && llm_new(&cfg, &llm, &err) == 0 && llm)
 *       llm_set_notice(llm, print_notice, term);   // once per session, before any request
 *   ...
 *   r = llm_followup(llm, &req, print_piece, term, &question, &err);
 *   if (r == LLM_OK) ...record question as a "llm" probe...
 *   else if (r == LLM_SWITCHED_OFF) print llm_off_message(llm) once
 *   else if (r == LLM_FAILED) say err briefly, use the bank / offline probe
 *   (LLM_OFF: nothing was sent; use the offline probe silently)
 */

typedef struct llm_client llm_client;

typedef enum llm_result {
	LLM_OK = 0,
	LLM_FAILED,        /* this call failed; err says why; the client stays on */
	LLM_SWITCHED_OFF,  /* this call failed and was the third failure in a row: the client is
	                      now off for the session; show llm_off_message() once */
	LLM_OFF            /* the client was already off; nothing was sent, err is not set */
} llm_result;

#define LLM_FAILURES_BEFORE_OFF 3
#define LLM_FOLLOWUP_MAX_CHARS 300   /* a follow-up longer than this is set aside */
#define LLM_MAX_QUOTES 3             /* evidence quotes kept per dimension */
#define LLM_SEED 7                   /* sent where the server takes a seed */

/*
 * Makes a client from a loaded config. Returns 0 with *out NULL when no LLM
 * is wanted (no URL) or cfg->offline is set: nothing will be sent. Returns
 * 0 with *out set when ready (no request is made yet), or -1 with err when
 * the settings cannot work (a URL that is not https and not loopback, no
 * model, no key for Anthropic). The client copies what it needs from cfg.
 * Free with llm_free.
 */
int llm_new(const llm_config *cfg, llm_client **out, grill_err *err);
void llm_free(llm_client *c);

/* "api.openai.com", "127.0.0.1" (no port): for the privacy notice and the report. */
const char *llm_host(const llm_client *c);
const char *llm_model(const llm_client *c);
llm_provider llm_provider_of(const llm_client *c);
/* True for 127.0.0.0/8, ::1 and localhost: nothing leaves the machine. */
bool llm_is_local(const llm_client *c);

/*
 * The privacy notice: called once per client, just before the first request
 * leaves, with one sentence saying which host receives what (for example
 * "The language model at api.openai.com (openai, gpt-4o-mini) receives: for
 * follow-ups, the question, your answer, its expected points and the probes
 * already asked; for the second opinion, the rubric and the transcript.").
 * Without a notice function set, llm_followup and llm_second_opinion refuse
 * to send (LLM_FAILED), so the notice cannot be skipped by mistake.
 */
typedef void (*llm_notice_fn)(void *ctx, const char *sentence);
void llm_set_notice(llm_client *c, llm_notice_fn fn, void *ctx);
/* The same sentence, at any time (for `grill doctor` and the report). */
const char *llm_notice_text(const llm_client *c);

/* True once three calls in a row have failed. */
bool llm_is_off(const llm_client *c);
/*
 * NULL while the client is on; afterwards one line for the user, such as
 * "The language model is switched off for the rest of this session after 3
 * failures in a row (last: api.openai.com: HTTP 503). The interview and the
 * offline scores carry on."
 */
const char *llm_off_message(const llm_client *c);
/* Failures in a row so far (reset by a success). */
int llm_failures(const llm_client *c);

/* --- follow-ups --- */

typedef struct llm_followup_request {
	const char *question;                 /* the question as asked */
	const char *answer;                   /* the candidate's answer */
	const char *const *expected_points;   /* what a strong answer covers */
	size_t n_expected_points;
	const char *const *asked_probes;      /* follow-ups already asked on this question */
	size_t n_asked_probes;
} llm_followup_request;

/* A piece of the question as it arrives: sanitized, one line, never empty. */
typedef void (*llm_text_fn)(void *ctx, const char *piece);

/*
 * Asks the model for one probing question about something the candidate
 * said: one point, no multi-part question (the text ends at its first
 * "?"), at most LLM_FOLLOWUP_MAX_CHARS, on one line. The reply is streamed
 * (SSE for openai and anthropic, NDJSON for ollama) and each piece goes to
 * on_text (may be NULL) as it arrives; the pieces joined are exactly
 * *question_out (caller frees). On anything but LLM_OK, *question_out is
 * NULL and pieces already shown were not a usable question: the caller
 * should end the line and fall back to an offline probe.
 */
llm_result llm_followup(llm_client *c, const llm_followup_request *req,
                        llm_text_fn on_text, void *ctx, char **question_out, grill_err *err);

/* --- second opinion --- */

typedef struct llm_dim_opinion {
	int score;            /* 1..5, or 0 for null: the model saw no evidence */
	char *reason;         /* one sentence, sanitized; "" when none */
	char **evidence;      /* quotes found in the candidate's answers, sanitized */
	size_t n_evidence;
	size_t dropped;       /* quotes the model gave that the transcript does not contain */
} llm_dim_opinion;

typedef struct llm_opinion {
	llm_dim_opinion dims[RUBRIC_DIMS];  /* in rubric_keys order */
	char *provider;
	char *model;
	char *host;
	int attempts;                       /* 1, or 2 when the first reply was set aside */
} llm_opinion;

/*
 * Sends the rubric's anchors and the transcript's turns to the model with
 * structured output (response_format json_schema for openai, "format" for
 * ollama, a forced tool call for anthropic), temperature 0 and seed
 * LLM_SEED where the server takes them. The reply must have the six rubric
 * keys, each with a score that is an integer 1-5 or null; quotes not found
 * in the candidate's answers are dropped (counted in dropped). A reply cut
 * short (finish reason "length") or invalid is asked for once more, then
 * set aside (LLM_FAILED, err saying why). On LLM_OK, *out is the opinion;
 * free with llm_opinion_free.
 */
llm_result llm_second_opinion(llm_client *c, const rubric *r, const transcript *t,
                              llm_opinion **out, grill_err *err);
void llm_opinion_free(llm_opinion *op);

/*
 * The opinion as one JSON object, for transcript.llm_json:
 * {"source":"llm","provider":..,"model":..,"host":..,"attempts":n,
 *  "scores":{"accuracy":3|null,...},
 *  "dimensions":{"accuracy":{"reason":..,"evidence":[..],"dropped_quotes":n},...}}
 */
void llm_opinion_write_json(const llm_opinion *op, strbuf *out);

/* True when both scored dimension d and the scores differ by more than one point. */
bool llm_opinion_disagrees(const llm_opinion *op, rubric_dim d, int offline_score);

/* --- set-up check (grill doctor) --- */

typedef struct llm_check_result {
	double rtt_ms;        /* the round trip of the model list request */
	char **models;        /* what the server lists (sanitized, at most 100) */
	size_t n_models;
	bool model_listed;    /* the configured model is among them */
} llm_check_result;

/*
 * Asks the server for its models (GET .../models, or /api/tags for ollama)
 * and checks the configured one is listed. Does not count towards the
 * switch-off and needs no notice function. Returns 0 when the server
 * answered (see model_listed), or -1 with err saying what failed and what
 * to fix. Free the result with llm_check_result_free.
 */
int llm_check(llm_client *c, llm_check_result *out, grill_err *err);
void llm_check_result_free(llm_check_result *r);

#endif
