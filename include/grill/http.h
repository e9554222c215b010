#ifndef GRILL_HTTP_H
#define GRILL_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/error.h"

/*
 * HTTP for the LLM client, with the safety rules fixed rather than
 * configurable: TLS certificates are always verified, redirects are never
 * followed, plain http goes only to loopback addresses (and never through a
 * proxy), and only http and https are spoken. A request retries by itself
 * where a retry can help: a connection that failed before any reply, and
 * HTTP 408, 409, 429 (not a quota error), 5xx and 529, waiting as
 * Retry-After asks or with capped exponential backoff with jitter. Nothing
 * is retried once streamed bytes have reached the caller. This module never
 * prints; the request's secret never appears in a message it writes.
 */

typedef struct http_limits {
	long connect_timeout_ms;
	long reply_timeout_ms;   /* from the start of the request to the first byte of the reply */
	long idle_timeout_ms;    /* longest silence once the reply has started */
	size_t max_reply_bytes;  /* body bytes, streamed or not */
	int max_retries;
	long max_retry_wait_ms;  /* a longer Retry-After ends the request instead */
	long backoff_ms;         /* first backoff; doubles per retry up to 16x */
} http_limits;

/*
 * Body bytes of a 2xx reply, as they arrive. Return 0 to go on, nonzero to
 * end the transfer early (not a failure: the caller has what it needs).
 */
typedef int (*http_body_fn)(void *ctx, const char *buf, size_t len);

typedef struct http_request {
	const char *method;           /* "GET" or "POST" */
	const char *url;
	const char *const *headers;   /* NULL-terminated "Name: value" list, or NULL */
	const char *body;             /* POST body, or NULL */
	size_t body_len;
	http_body_fn on_body;         /* NULL: a 2xx body is collected in the response */
	void *ctx;
	const char *secret;           /* replaced by "[key]" in any message; may be NULL */
} http_request;

typedef enum http_failure {
	HTTP_OK,
	HTTP_FAIL_POLICY,     /* refused before sending: scheme, non-loopback http, bad URL */
	HTTP_FAIL_CONNECT,    /* no connection, or it broke before a reply */
	HTTP_FAIL_TIMEOUT,    /* connect, reply or idle timeout */
	HTTP_FAIL_TOO_BIG,    /* the reply passed max_reply_bytes */
	HTTP_FAIL_BROKEN,     /* the reply was cut short */
	HTTP_FAIL_STATUS      /* a reply with a status other than 2xx */
} http_failure;

typedef struct http_response {
	long status;            /* 0 when no reply arrived */
	http_failure failure;
	char *body;             /* collected body (never NULL after a request), NUL-terminated */
	size_t body_len;
	char *location;         /* Location of a 3xx reply, or NULL */
	long retry_after_ms;    /* from Retry-After / retry-after-ms; -1 when none */
	int attempts;           /* requests made, retries included */
	double elapsed_ms;      /* of the last attempt */
	size_t streamed;        /* bytes handed to on_body */
	bool stopped;           /* on_body ended the transfer */
} http_response;

typedef struct http_client http_client;

/*
 * Free with http_client_free. Connections are reused between requests.
 * NULL with err set when libcurl cannot be used (not installed, too old).
 */
http_client *http_client_new(const http_limits *limits, grill_err *err);
void http_client_free(http_client *c);

/*
 * Sends req, retrying as described above. Returns 0 when a 2xx reply was
 * received in full (or on_body stopped it), else -1 with resp->failure,
 * resp->status and resp->body set and err holding one line for the user
 * (which host, what happened). Always free resp with http_response_free.
 */
int http_send(http_client *c, const http_request *req, http_response *resp, grill_err *err);
void http_response_free(http_response *resp);

/*
 * Checks that url may be used: http or https, a host, no user name or
 * password in it, plain http only to 127.0.0.0/8, ::1 or localhost.
 * Returns 0 with *host set (caller frees; may pass NULL), or -1 with err.
 */
int http_url_check(const char *url, char **host, grill_err *err);
/* True for 127.0.0.0/8, ::1 and localhost. */
bool http_host_is_loopback(const char *host);

/* Whether a reply with this status and body is worth another attempt. */
bool http_status_retryable(long status, const char *body);

/* The wait before retry number n (1, 2, ...): capped doubling of base with jitter. */
long http_backoff_ms(long base_ms, int n, unsigned long long *rng);

/* Milliseconds from a Retry-After value (seconds or an HTTP date), or -1. */
long http_parse_retry_after(const char *value);

#endif
