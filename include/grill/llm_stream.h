#ifndef GRILL_LLM_STREAM_H
#define GRILL_LLM_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/error.h"

/*
 * Incremental parsers for the two ways model servers stream a reply:
 * Server-Sent Events (OpenAI-compatible servers, Anthropic) and
 * newline-delimited JSON (Ollama). Bytes are fed in chunks of any size, as
 * they arrive; every complete event or line goes to a callback. No I/O, no
 * globals, no JSON: the protocol meaning of an event is the caller's
 * business, which keeps these small enough to fuzz.
 *
 * A line (and an SSE event's joined data) longer than max_line bytes is an
 * error: a server cannot make grill buffer without limit.
 */

#define STREAM_DEFAULT_MAX_LINE (256u * 1024u)

typedef enum stream_status {
	STREAM_ERROR = -1,  /* err says why; the parser stays in this state */
	STREAM_OK = 0,
	STREAM_STOPPED = 1  /* the callback asked to stop; later feeds do nothing */
} stream_status;

/*
 * One SSE event: event is "message" when the server named none; data is the
 * event's data lines joined with '\n' (NUL-terminated, len bytes); id is the
 * last id seen or "". Valid only during the callback.
 */
typedef struct sse_event {
	const char *event;
	const char *data;
	size_t len;
	const char *id;
} sse_event;

/* Return 0 to go on, nonzero to stop. */
typedef int (*sse_event_fn)(void *ctx, const sse_event *ev);

typedef struct sse_parser sse_parser;

/* max_line 0 means STREAM_DEFAULT_MAX_LINE. Free with sse_parser_free. */
sse_parser *sse_parser_new(size_t max_line);
void sse_parser_free(sse_parser *p);
/*
 * Parses len bytes. Lines end in LF, CRLF or CR (a CRLF split across two
 * feeds counts once); ":" lines are comments; a blank line dispatches the
 * event; a leading byte-order mark is skipped.
 */
stream_status sse_parser_feed(sse_parser *p, const char *buf, size_t len,
                              sse_event_fn fn, void *ctx, grill_err *err);
/*
 * True when input ended inside an event: a line without its end, or data
 * not yet closed by a blank line. Such an event is never dispatched (the
 * SSE rule), so a stream cut short shows up here.
 */
bool sse_parser_pending(const sse_parser *p);

/* One NDJSON line without its line end (and without a trailing CR). */
typedef int (*ndjson_line_fn)(void *ctx, const char *line, size_t len);

typedef struct ndjson_parser ndjson_parser;

ndjson_parser *ndjson_parser_new(size_t max_line);
void ndjson_parser_free(ndjson_parser *p);
/* Blank lines are skipped. */
stream_status ndjson_parser_feed(ndjson_parser *p, const char *buf, size_t len,
                                 ndjson_line_fn fn, void *ctx, grill_err *err);
/* End of input: a last line without a newline is delivered now. */
stream_status ndjson_parser_finish(ndjson_parser *p, ndjson_line_fn fn, void *ctx, grill_err *err);

#endif
