/*
 * SSE and NDJSON, incrementally. Both keep the unfinished line in a buffer
 * between feeds; SSE also keeps the event being assembled. The state is
 * sticky: after an error or a stop, further input is ignored, so a caller
 * that forgets to check one return value cannot resume a broken stream.
 */
#include "grill/llm_stream.h"

#include <stdlib.h>
#include <string.h>

#include "grill/strbuf.h"
#include "grill/xalloc.h"

struct sse_parser {
	size_t max_line;
	strbuf line;
	strbuf data;
	strbuf event;
	strbuf id;
	bool have_data;   /* a data line was seen since the last dispatch */
	bool after_cr;    /* the last byte ended a line with CR: skip a following LF */
	bool first_line;  /* a byte-order mark may still come */
	stream_status state;
};

sse_parser *sse_parser_new(size_t max_line)
{
	sse_parser *p = xcalloc(1, sizeof(*p));

	p->max_line = max_line ? max_line : STREAM_DEFAULT_MAX_LINE;
	p->first_line = true;
	return p;
}

void sse_parser_free(sse_parser *p)
{
	if (!p)
		return;
	sb_free(&p->line);
	sb_free(&p->data);
	sb_free(&p->event);
	sb_free(&p->id);
	free(p);
}

static stream_status sse_dispatch(sse_parser *p, sse_event_fn fn, void *ctx)
{
	sse_event ev;
	int stop;

	if (!p->have_data) {
		/* an event with no data is not dispatched; its name is forgotten */
		sb_truncate(&p->event, 0);
		return STREAM_OK;
	}
	/* the data lines were each followed by '\n'; the last one is not part of the data */
	if (p->data.len)
		sb_truncate(&p->data, p->data.len - 1);
	ev.event = p->event.len ? sb_str(&p->event) : "message";
	ev.data = sb_str(&p->data);
	ev.len = p->data.len;
	ev.id = sb_str(&p->id);
	stop = fn(ctx, &ev);
	sb_truncate(&p->data, 0);
	sb_truncate(&p->event, 0);
	p->have_data = false;
	return stop ? STREAM_STOPPED : STREAM_OK;
}

static stream_status sse_line(sse_parser *p, sse_event_fn fn, void *ctx, grill_err *err)
{
	const char *s = sb_str(&p->line);
	size_t len = p->line.len, name_len;
	const char *value;
	size_t value_len;
	const char *colon;

	if (p->first_line) {
		p->first_line = false;
		if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
	}
	if (len == 0)
		return sse_dispatch(p, fn, ctx);
	if (s[0] == ':')
		return STREAM_OK; /* a comment: servers send these to keep the connection alive */
	colon = memchr(s, ':', len);
	if (colon) {
		name_len = (size_t)(colon - s);
		value = colon + 1;
		value_len = len - name_len - 1;
		if (value_len && *value == ' ') {
			value++;
			value_len--;
		}
	} else {
		name_len = len;
		value = "";
		value_len = 0;
	}
	if (name_len == 4 && memcmp(s, "data", 4) == 0) {
		if (p->data.len + value_len + 1 > p->max_line) {
			err_set(err, "stream event longer than %zu bytes", p->max_line);
			return STREAM_ERROR;
		}
		sb_appendn(&p->data, value, value_len);
		sb_putc(&p->data, '\n');
		p->have_data = true;
	} else if (name_len == 5 && memcmp(s, "event", 5) == 0) {
		sb_truncate(&p->event, 0);
		sb_appendn(&p->event, value, value_len);
	} else if (name_len == 2 && memcmp(s, "id", 2) == 0) {
		if (!memchr(value, '\0', value_len)) {
			sb_truncate(&p->id, 0);
			sb_appendn(&p->id, value, value_len);
		}
	}
	/* "retry" and unknown fields are ignored, as the SSE rules say */
	return STREAM_OK;
}

stream_status sse_parser_feed(sse_parser *p, const char *buf, size_t len,
                              sse_event_fn fn, void *ctx, grill_err *err)
{
	size_t i = 0;

	if (p->state != STREAM_OK)
		return p->state;
	while (i < len) {
		size_t start = i;
		stream_status st;

		if (p->after_cr) {
			p->after_cr = false;
			if (buf[i] == '\n') {
				i++;
				continue;
			}
		}
		while (i < len && buf[i] != '\n' && buf[i] != '\r')
			i++;
		if (p->line.len + (i - start) > p->max_line) {
			err_set(err, "stream line longer than %zu bytes", p->max_line);
			return p->state = STREAM_ERROR;
		}
		sb_appendn(&p->line, buf + start, i - start);
		if (i == len)
			break;
		p->after_cr = buf[i] == '\r';
		i++;
		st = sse_line(p, fn, ctx, err);
		sb_truncate(&p->line, 0);
		if (st != STREAM_OK)
			return p->state = st;
	}
	return STREAM_OK;
}

bool sse_parser_pending(const sse_parser *p)
{
	return p->line.len > 0 || p->have_data;
}

struct ndjson_parser {
	size_t max_line;
	strbuf line;
	stream_status state;
};

ndjson_parser *ndjson_parser_new(size_t max_line)
{
	ndjson_parser *p = xcalloc(1, sizeof(*p));

	p->max_line = max_line ? max_line : STREAM_DEFAULT_MAX_LINE;
	return p;
}

void ndjson_parser_free(ndjson_parser *p)
{
	if (!p)
		return;
	sb_free(&p->line);
	free(p);
}

static stream_status ndjson_line(ndjson_parser *p, ndjson_line_fn fn, void *ctx)
{
	size_t len = p->line.len;
	const char *s = sb_str(&p->line);
	size_t k;
	int stop;

	if (len && s[len - 1] == '\r')
		len--;
	for (k = 0; k < len; k++)
		if (s[k] != ' ' && s[k] != '\t')
			break;
	if (k == len) {
		sb_truncate(&p->line, 0);
		return STREAM_OK;
	}
	stop = fn(ctx, s, len);
	sb_truncate(&p->line, 0);
	return stop ? STREAM_STOPPED : STREAM_OK;
}

stream_status ndjson_parser_feed(ndjson_parser *p, const char *buf, size_t len,
                                 ndjson_line_fn fn, void *ctx, grill_err *err)
{
	size_t i = 0;

	if (p->state != STREAM_OK)
		return p->state;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;
		stream_status st;

		if (p->line.len + (end - i) > p->max_line) {
			err_set(err, "stream line longer than %zu bytes", p->max_line);
			return p->state = STREAM_ERROR;
		}
		sb_appendn(&p->line, buf + i, end - i);
		if (!nl)
			break;
		i = end + 1;
		st = ndjson_line(p, fn, ctx);
		if (st != STREAM_OK)
			return p->state = st;
	}
	return STREAM_OK;
}

stream_status ndjson_parser_finish(ndjson_parser *p, ndjson_line_fn fn, void *ctx, grill_err *err)
{
	(void)err;
	if (p->state != STREAM_OK)
		return p->state;
	if (p->line.len == 0)
		return STREAM_OK;
	return p->state = ndjson_line(p, fn, ctx);
}
