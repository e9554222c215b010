/*
 * libcurl behind the rules in http.h. The transfer runs on a multi handle
 * so that grill, not curl's once-a-second progress callback, decides when a
 * server has been silent too long: the loop wakes every 25 ms at most.
 */
#include "grill/http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

struct http_client {
	http_limits limits;
	CURLM *multi;
	CURL *easy;
	unsigned long long rng;
};

typedef struct transfer {
	const http_request *req;
	http_response *resp;
	size_t max;
	long status;           /* from the last status line seen */
	bool got_byte;         /* any header or body byte of the reply */
	double last_byte_ms;
	bool too_big;
	bool stopped;
	strbuf body;
} transfer;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

http_client *http_client_new(const http_limits *limits, grill_err *err)
{
	static bool curl_ready;
	http_client *c;
	struct timespec ts;
	CURLcode rc;

	if (!curl_ready) {
		if ((rc = curl_global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK) {
			err_set(err, "cannot use libcurl: %s", curl_easy_strerror(rc));
			return NULL;
		}
		curl_ready = true;
	}
	c = xcalloc(1, sizeof(*c));
	c->limits = *limits;
	c->multi = curl_multi_init();
	c->easy = curl_easy_init();
	if (!c->multi || !c->easy) {
		err_set(err, "cannot use libcurl: %s", curl_easy_strerror(CURLE_FAILED_INIT));
		http_client_free(c);
		return NULL;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	c->rng = ((unsigned long long)ts.tv_nsec << 20) ^ (unsigned long long)ts.tv_sec ^
	         ((unsigned long long)getpid() << 40) ^ 0x9e3779b97f4a7c15ULL;
	return c;
}

void http_client_free(http_client *c)
{
	if (!c)
		return;
	if (c->easy)
		curl_easy_cleanup(c->easy);
	if (c->multi)
		curl_multi_cleanup(c->multi);
	free(c);
}

void http_response_free(http_response *resp)
{
	if (!resp)
		return;
	free(resp->body);
	free(resp->location);
	memset(resp, 0, sizeof(*resp));
}

bool http_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	char buf[64];
	size_t n = strlen(host);

	if (strcasecmp(host, "localhost") == 0)
		return true; /* curl resolves localhost to loopback itself, never via DNS */
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof(buf)) {
		memcpy(buf, host + 1, n - 2);
		buf[n - 2] = '\0';
		host = buf;
	}
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

int http_url_check(const char *url, char **host_out, grill_err *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL, *password = NULL;
	int rc = -1;

	if (!u) {
		/* NULL when libcurl could not be loaded; strerror says why */
		err_set(err, "cannot use libcurl: %s", curl_easy_strerror(CURLE_FAILED_INIT));
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		err_set(err, "\"%.200s\" is not a URL; expected something like https://api.example.com/v1", url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host) {
		err_set(err, "\"%.200s\" has no host", url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK) {
		err_set(err, "the URL for %s holds a user name or password; remove it and set the key "
		        "with GRILL_LLM_API_KEY_FILE instead", host);
		goto out;
	}
	if (strcasecmp(scheme, "https") != 0) {
		if (strcasecmp(scheme, "http") != 0) {
			err_set(err, "%s: only http and https URLs are used", url);
			goto out;
		}
		if (!http_host_is_loopback(host)) {
			err_set(err, "plain http is only used to this machine (127.0.0.1, ::1, localhost); "
			        "use https://%s/... so that what you send is encrypted", host);
			goto out;
		}
	}
	if (host_out)
		*host_out = xstrdup(host);
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(password);
	curl_url_cleanup(u);
	return rc;
}

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

bool http_status_retryable(long status, const char *body)
{
	if (status == 429)
		/* a rate limit passes; an exhausted quota or billing limit does not */
		return !(body && (contains_nocase(body, "quota") || contains_nocase(body, "billing")));
	return status == 408 || status == 409 || (status >= 500 && status <= 599);
}

static unsigned long long next_random(unsigned long long *s)
{
	unsigned long long x = *s ? *s : 0x2545f4914f6cdd1dULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

long http_backoff_ms(long base_ms, int n, unsigned long long *rng)
{
	long d = base_ms > 0 ? base_ms : 1;
	int i;

	for (i = 1; i < n && i < 5; i++)
		d *= 2;
	/* "equal jitter": half fixed, half random, so retries from many clients spread out */
	return d / 2 + (long)(next_random(rng) % (unsigned long long)(d / 2 + 1));
}

long http_parse_retry_after(const char *value)
{
	char *end;
	long secs;
	time_t when;

	while (*value == ' ' || *value == '\t')
		value++;
	if (isdigit((unsigned char)*value)) {
		secs = strtol(value, &end, 10);
		while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
			end++;
		if (*end || secs < 0 || secs > 86400)
			return -1;
		return secs * 1000;
	}
	when = curl_getdate(value, NULL);
	if (when == (time_t)-1)
		return -1;
	secs = (long)(when - time(NULL));
	return secs > 0 ? secs * 1000 : 0;
}

/* The value of header name in line "Name: value\r\n", or NULL. */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	v = line + n + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *buf, size_t size, size_t nitems, void *userdata)
{
	transfer *t = userdata;
	size_t len = size * nitems;
	char *v;

	t->got_byte = true;
	t->last_byte_ms = now_ms();
	if (len > 5 && strncmp(buf, "HTTP/", 5) == 0) {
		const char *sp = memchr(buf, ' ', len);

		/* a new status line (after a 100 Continue): forget the earlier headers */
		t->status = sp ? strtol(sp + 1, NULL, 10) : 0;
		t->resp->retry_after_ms = -1;
		free(t->resp->location);
		t->resp->location = NULL;
		return len;
	}
	if ((v = header_value(buf, len, "retry-after-ms"))) {
		char *end;
		long ms = strtol(v, &end, 10);

		if (end != v && ms >= 0)
			t->resp->retry_after_ms = ms;
		free(v);
	} else if ((v = header_value(buf, len, "retry-after"))) {
		long ms = http_parse_retry_after(v);

		if (ms >= 0 && t->resp->retry_after_ms < 0)
			t->resp->retry_after_ms = ms;
		free(v);
	} else if ((v = header_value(buf, len, "location"))) {
		free(t->resp->location);
		t->resp->location = v;
	}
	return len;
}

static size_t on_write(char *buf, size_t size, size_t nmemb, void *userdata)
{
	transfer *t = userdata;
	size_t len = size * nmemb;
	size_t have = t->body.len + t->resp->streamed;

	t->got_byte = true;
	t->last_byte_ms = now_ms();
	if (have + len > t->max) {
		t->too_big = true;
		return 0;
	}
	if (t->req->on_body && t->status >= 200 && t->status < 300) {
		t->resp->streamed += len;
		if (t->req->on_body(t->req->ctx, buf, len) != 0) {
			t->stopped = true;
			return 0;
		}
		return len;
	}
	sb_appendn(&t->body, buf, len);
	return len;
}

/* msg with every occurrence of secret replaced; caller frees. */
static char *redact(const char *msg, const char *secret)
{
	strbuf sb = STRBUF_INIT;
	size_t n = secret ? strlen(secret) : 0;
	const char *p = msg, *hit;

	if (n < 4)
		return xstrdup(msg);
	while ((hit = strstr(p, secret))) {
		sb_appendn(&sb, p, (size_t)(hit - p));
		sb_append(&sb, "[key]");
		p = hit + n;
	}
	sb_append(&sb, p);
	return sb_detach(&sb);
}

static void set_error(grill_err *err, const http_request *req, const char *fmt, const char *host,
                      const char *detail)
{
	char *raw = xasprintf(fmt, host, detail);
	char *clean = redact(raw, req->secret);

	err_set(err, "%s", clean);
	free(raw);
	free(clean);
}

static struct curl_slist *build_headers(const http_request *req)
{
	struct curl_slist *list = NULL, *next;
	const char *const *h;

	for (h = req->headers; h && *h; h++) {
		next = curl_slist_append(list, *h);
		if (!next) {
			curl_slist_free_all(list);
			return NULL;
		}
		list = next;
	}
	/* no "Expect: 100-continue" round trip before a POST body */
	next = curl_slist_append(list, "Expect:");
	return next ? next : list;
}

/* One attempt. Returns the curl result; t says what arrived. */
static CURLcode attempt(http_client *c, const http_request *req, bool plain_http, transfer *t,
                        struct curl_slist *headers, char *errbuf, bool *timed_out)
{
	CURL *h = c->easy;
	CURLcode result = CURLE_OK;
	int running = 1;
	double start = now_ms();
	CURLMsg *msg;
	int left;

	curl_easy_reset(h);
	errbuf[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, req->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->limits.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "grill/" GRILL_VERSION);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->limits.max_reply_bytes);
	if (plain_http)
		curl_easy_setopt(h, CURLOPT_PROXY, ""); /* loopback traffic never goes through a proxy */
	if (req->method && strcmp(req->method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(req->body ? req->body_len : 0));
	} else {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	}
	*timed_out = false;
	curl_multi_add_handle(c->multi, h);
	while (running) {
		double now;

		if (curl_multi_perform(c->multi, &running) != CURLM_OK) {
			result = CURLE_FAILED_INIT;
			break;
		}
		if (!running)
			break;
		now = now_ms();
		if ((!t->got_byte && now - start > (double)c->limits.reply_timeout_ms) ||
		    (t->got_byte && now - t->last_byte_ms > (double)c->limits.idle_timeout_ms)) {
			*timed_out = true;
			break;
		}
		curl_multi_poll(c->multi, NULL, 0, 25, NULL);
	}
	while ((msg = curl_multi_info_read(c->multi, &left)))
		if (msg->msg == CURLMSG_DONE && msg->easy_handle == h)
			result = msg->data.result;
	curl_multi_remove_handle(c->multi, h);
	t->resp->elapsed_ms = now_ms() - start;
	if (*timed_out)
		result = CURLE_OPERATION_TIMEDOUT;
	return result;
}

static bool connection_error(CURLcode r)
{
	switch (r) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		return true;
	default:
		return false;
	}
}

int http_send(http_client *c, const http_request *req, http_response *resp, grill_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	char *host = NULL;
	struct curl_slist *headers;
	bool plain_http;
	int rc = -1;

	memset(resp, 0, sizeof(*resp));
	resp->retry_after_ms = -1;
	if (http_url_check(req->url, &host, err) < 0) {
		resp->failure = HTTP_FAIL_POLICY;
		resp->body = xstrdup("");
		return -1;
	}
	plain_http = strncasecmp(req->url, "http:", 5) == 0;
	headers = build_headers(req);
	for (;;) {
		transfer t;
		bool timed_out, retry = false;
		CURLcode r;
		long wait = -1;

		memset(&t, 0, sizeof(t));
		t.req = req;
		t.resp = resp;
		t.max = c->limits.max_reply_bytes;
		free(resp->body);
		resp->body = NULL;
		resp->body_len = 0;
		resp->status = 0;
		resp->retry_after_ms = -1;
		resp->attempts++;
		r = attempt(c, req, plain_http, &t, headers, errbuf, &timed_out);
		resp->status = t.status;
		resp->body_len = t.body.len;
		resp->body = sb_detach(&t.body);
		resp->stopped = t.stopped;
		if (t.stopped) {
			resp->failure = HTTP_OK;
			rc = 0;
			break;
		}
		if (t.too_big || r == CURLE_FILESIZE_EXCEEDED) {
			resp->failure = HTTP_FAIL_TOO_BIG;
			err_set(err, "%s: the reply is larger than %zu bytes (max_reply_bytes); it was dropped",
			        host, c->limits.max_reply_bytes);
			break;
		}
		if (timed_out || r == CURLE_OPERATION_TIMEDOUT) {
			resp->failure = HTTP_FAIL_TIMEOUT;
			if (!t.got_byte && r == CURLE_OPERATION_TIMEDOUT && !timed_out)
				err_set(err, "%s: no connection within %.1f s", host, c->limits.connect_timeout_ms / 1000.0);
			else if (!t.got_byte)
				err_set(err, "%s: no reply within %.1f s", host, c->limits.reply_timeout_ms / 1000.0);
			else
				err_set(err, "%s: the reply stalled for %.1f s", host, c->limits.idle_timeout_ms / 1000.0);
			break;
		}
		if (r != CURLE_OK && t.status == 0) {
			resp->failure = HTTP_FAIL_CONNECT;
			set_error(err, req, "%s: %s", host, errbuf[0] ? errbuf : curl_easy_strerror(r));
			retry = connection_error(r) && resp->streamed == 0;
		} else if (r != CURLE_OK) {
			resp->failure = HTTP_FAIL_BROKEN;
			set_error(err, req, "%s: the reply broke off: %s", host, errbuf[0] ? errbuf : curl_easy_strerror(r));
			/* a reply cut before it reached the caller can be asked for again */
			retry = connection_error(r) && resp->streamed == 0;
		} else if (t.status < 200 || t.status > 299) {
			resp->failure = HTTP_FAIL_STATUS;
			if (t.status >= 300 && t.status < 400)
				err_set(err, "%s: HTTP %ld, a redirect%s%.200s; grill does not follow redirects: "
				        "set the URL to the final address", host, t.status,
				        resp->location ? " to " : "", resp->location ? resp->location : "");
			else
				err_set(err, "%s: HTTP %ld", host, t.status);
			retry = http_status_retryable(t.status, resp->body);
		} else {
			resp->failure = HTTP_OK;
			rc = 0;
			break;
		}
		if (!retry || resp->attempts > c->limits.max_retries)
			break;
		if (resp->retry_after_ms >= 0) {
			if (resp->retry_after_ms > c->limits.max_retry_wait_ms) {
				err_set(err, "%s: HTTP %ld; the server asks to wait %ld s, longer than max_retry_wait_ms",
				        host, resp->status, (resp->retry_after_ms + 999) / 1000);
				break;
			}
			wait = resp->retry_after_ms;
		} else {
			wait = http_backoff_ms(c->limits.backoff_ms, resp->attempts, &c->rng);
		}
		sleep_ms(wait);
	}
	if (rc == 0)
		err_clear(err);
	curl_slist_free_all(headers);
	free(host);
	return rc;
}
