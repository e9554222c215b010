/*
 * libFuzzer target: the SSE and NDJSON stream parsers. The first byte picks
 * the chunk size, so the same reply is also cut at every kind of boundary
 * (inside a CRLF, a BOM, a multi-byte character).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/llm_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_event(void *ctx, const sse_event *ev)
{
	size_t *total = ctx;

	/* data is NUL-terminated at len, as the header promises, and a CR always
	 * ends a line, so none can be inside an event's data */
	if (ev->data[ev->len] != '\0' || !ev->event || !ev->id || memchr(ev->data, '\r', ev->len))
		abort();
	*total += ev->len + strlen(ev->event) + strlen(ev->id);
	return 0;
}

static int on_line(void *ctx, const char *line, size_t len)
{
	size_t *total = ctx;

	if (memchr(line, '\n', len))
		abort(); /* a line never holds its line end */
	*total += len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	grill_err err = GRILL_ERR_INIT;
	sse_parser *sse;
	ndjson_parser *nd;
	size_t chunk, off, total = 0;

	if (size == 0)
		return 0;
	chunk = (size_t)(data[0] % 17) + 1;
	data++;
	size--;
	sse = sse_parser_new(4096);
	nd = ndjson_parser_new(4096);
	for (off = 0; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;

		sse_parser_feed(sse, (const char *)data + off, n, on_event, &total, &err);
		err_clear(&err);
		ndjson_parser_feed(nd, (const char *)data + off, n, on_line, &total, &err);
		err_clear(&err);
	}
	(void)sse_parser_pending(sse);
	ndjson_parser_finish(nd, on_line, &total, &err);
	err_clear(&err);
	sse_parser_free(sse);
	ndjson_parser_free(nd);
	return 0;
}
