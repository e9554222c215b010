/* The HTTP layer against the loopback fake server: policy, retries, limits, timeouts. */
#include "harness.h"

#include <time.h>

#include "../llm/fake_llm.h"
#include "grill/http.h"

static http_limits quick_limits(void)
{
	http_limits l = { 2000, 400, 400, 65536, 2, 5000, 10 };

	return l;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* POSTs a small JSON body to SEGMENT's OpenAI endpoint. */
static int post(http_client *c, const char *segment, http_response *resp, grill_err *err)
{
	char *base = fake_llm_url(segment), *url = xasprintf("%s/chat/completions", base);
	const char *headers[] = { "Content-Type: application/json", "Authorization: Bearer sk-test-secret-123", NULL };
	http_request req = { "POST", url, headers, "{\"model\":\"m\",\"stream\":false}", 29, NULL, NULL,
	                     "sk-test-secret-123" };
	int rc = http_send(c, &req, resp, err);

	free(base);
	free(url);
	return rc;
}

TEST(url_check_allows_https_anywhere_and_http_only_to_loopback)
{
	grill_err err = GRILL_ERR_INIT;
	char *host = NULL;

	CHECK_INT(http_url_check("https://api.openai.com/v1", &host, NULL), 0);
	CHECK_STR(host, "api.openai.com");
	free(host);
	CHECK_INT(http_url_check("http://127.0.0.1:11434", NULL, NULL), 0);
	CHECK_INT(http_url_check("http://localhost:8080/v1", NULL, NULL), 0);
	CHECK_INT(http_url_check("http://[::1]:8080/v1", NULL, NULL), 0);
	CHECK_INT(http_url_check("http://192.168.1.20:11434", NULL, &err), -1);
	CHECK_STR(err_msg(&err), "plain http is only used to this machine (127.0.0.1, ::1, localhost); "
	          "use https://192.168.1.20/... so that what you send is encrypted");
	CHECK_INT(http_url_check("ftp://127.0.0.1/x", NULL, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "only http and https");
	CHECK_INT(http_url_check("not a url", NULL, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "is not a URL");
	err_clear(&err);
}

TEST(url_check_refuses_credentials_in_the_url_without_repeating_them)
{
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(http_url_check("https://user:hunter2@api.example.com/v1", NULL, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "holds a user name or password");
	CHECK_LACKS(err_msg(&err), "hunter2");
	err_clear(&err);
}

TEST(loopback_means_127_slash_8_ipv6_loopback_and_localhost)
{
	CHECK(http_host_is_loopback("127.0.0.1"));
	CHECK(http_host_is_loopback("127.9.8.7"));
	CHECK(http_host_is_loopback("localhost"));
	CHECK(http_host_is_loopback("[::1]"));
	CHECK(!http_host_is_loopback("128.0.0.1"));
	CHECK(!http_host_is_loopback("localhost.example.com"));
	CHECK(!http_host_is_loopback("[::2]"));
	CHECK(!http_host_is_loopback("0.0.0.0"));
}

TEST(retries_only_statuses_where_a_retry_helps)
{
	static const long yes[] = { 408, 409, 429, 500, 502, 503, 504, 529 };
	static const long no[] = { 200, 302, 400, 401, 403, 404, 422 };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(http_status_retryable(yes[i], "{}"));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!http_status_retryable(no[i], "{}"));
	CHECK(!http_status_retryable(429, "{\"error\":{\"code\":\"insufficient_quota\"}}"));
	CHECK(!http_status_retryable(429, "check your plan and billing details"));
}

TEST(retry_after_is_read_as_seconds_or_a_date)
{
	CHECK_INT(http_parse_retry_after("3"), 3000);
	CHECK_INT(http_parse_retry_after(" 0 "), 0);
	CHECK_INT(http_parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0); /* in the past: now */
	CHECK_INT(http_parse_retry_after("soon"), -1);
	CHECK_INT(http_parse_retry_after("-4"), -1);
	CHECK_INT(http_parse_retry_after("5s"), -1);
}

TEST(backoff_doubles_with_jitter_and_is_capped)
{
	unsigned long long rng = 42;
	int n;

	for (n = 1; n <= 8; n++) {
		long cap = 100L << (n - 1 < 4 ? n - 1 : 4);
		long d = http_backoff_ms(100, n, &rng);

		CHECK(d >= cap / 2);
		CHECK(d <= cap);
	}
}

TEST(plain_http_to_a_remote_host_is_refused_before_sending)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_request req = { "GET", "http://10.255.255.1/v1/models", NULL, NULL, 0, NULL, NULL, NULL };
	http_response resp;
	grill_err err = GRILL_ERR_INIT;
	double t0 = now_ms();

	CHECK_INT(http_send(c, &req, &resp, &err), -1);
	CHECK_INT(resp.failure, HTTP_FAIL_POLICY);
	CHECK_INT(resp.attempts, 0);
	CHECK(now_ms() - t0 < 100);
	CHECK_CONTAINS(err_msg(&err), "plain http is only used to this machine");
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

TEST(a_good_reply_is_collected)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;

	CHECK_INT(post(c, "ok.h1", &resp, NULL), 0);
	CHECK_INT(resp.status, 200);
	CHECK_INT(resp.attempts, 1);
	CHECK_CONTAINS(resp.body, "write-through");
	http_response_free(&resp);
	http_client_free(c);
}

TEST(status_429_waits_as_retry_after_asks_then_succeeds)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	double t0 = now_ms();

	CHECK_INT(post(c, "s429.h", &resp, NULL), 0);
	CHECK(now_ms() - t0 >= 950);
	CHECK_INT(resp.attempts, 2);
	CHECK_INT(fake_llm_count("s429.h"), 2);
	http_response_free(&resp);
	http_client_free(c);
}

TEST(retry_after_ms_is_preferred_to_retry_after)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	double t0 = now_ms();

	CHECK_INT(post(c, "s429ms.h", &resp, NULL), 0);
	CHECK(now_ms() - t0 < 2000); /* Retry-After said 30 s; retry-after-ms said 50 ms */
	CHECK_INT(resp.attempts, 2);
	http_response_free(&resp);
	http_client_free(c);
}

TEST(a_retry_after_beyond_the_limit_ends_the_request_at_once)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	grill_err err = GRILL_ERR_INIT;
	double t0 = now_ms();

	CHECK_INT(post(c, "s429long.h", &resp, &err), -1);
	CHECK(now_ms() - t0 < 1000);
	CHECK_INT(resp.status, 429);
	CHECK_INT(resp.attempts, 1);
	CHECK_STR(err_msg(&err), "127.0.0.1: HTTP 429; the server asks to wait 120 s, longer than max_retry_wait_ms");
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

TEST(server_errors_are_retried_up_to_max_retries)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(post(c, "s500.h", &resp, &err), -1);
	CHECK_INT(resp.status, 500);
	CHECK_INT(resp.attempts, 3);
	CHECK_INT(fake_llm_count("s500.h"), 3);
	CHECK_STR(err_msg(&err), "127.0.0.1: HTTP 500");
	http_response_free(&resp);
	CHECK_INT(post(c, "s529.h", &resp, &err), -1);
	CHECK_INT(fake_llm_count("s529.h"), 3);
	http_response_free(&resp);
	CHECK_INT(post(c, "s500once.h", &resp, &err), 0);
	CHECK_INT(resp.attempts, 2);
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

TEST(client_errors_and_quota_are_never_retried)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;

	CHECK_INT(post(c, "s401.h", &resp, NULL), -1);
	CHECK_INT(resp.status, 401);
	http_response_free(&resp);
	CHECK_INT(post(c, "s404.h", &resp, NULL), -1);
	http_response_free(&resp);
	CHECK_INT(post(c, "quota.h", &resp, NULL), -1);
	CHECK_INT(resp.status, 429);
	http_response_free(&resp);
	CHECK_INT(fake_llm_count("s401.h"), 1);
	CHECK_INT(fake_llm_count("s404.h"), 1);
	CHECK_INT(fake_llm_count("quota.h"), 1);
	http_client_free(c);
}

TEST(a_redirect_is_reported_not_followed)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(post(c, "redirect.h", &resp, &err), -1);
	CHECK_INT(resp.status, 302);
	CHECK_INT(resp.attempts, 1);
	CHECK_STR(err_msg(&err), "127.0.0.1: HTTP 302, a redirect to http://127.0.0.2:9/elsewhere; grill does "
	          "not follow redirects: set the URL to the final address");
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

TEST(a_reply_over_the_size_cap_is_dropped)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(post(c, "toobig.h", &resp, &err), -1);
	CHECK_INT(resp.failure, HTTP_FAIL_TOO_BIG);
	CHECK_STR(err_msg(&err), "127.0.0.1: the reply is larger than 65536 bytes (max_reply_bytes); it was dropped");
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

TEST(a_silent_server_times_out_without_retrying)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	grill_err err = GRILL_ERR_INIT;
	double t0 = now_ms();

	CHECK_INT(post(c, "stallfirst.h", &resp, &err), -1);
	CHECK(now_ms() - t0 < 1500);
	CHECK_INT(resp.failure, HTTP_FAIL_TIMEOUT);
	CHECK_INT(resp.attempts, 1);
	CHECK_STR(err_msg(&err), "127.0.0.1: no reply within 0.4 s");
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

typedef struct collected {
	strbuf text;
	int calls;
} collected;

static int collect(void *ctx, const char *buf, size_t len)
{
	collected *c = ctx;

	sb_appendn(&c->text, buf, len);
	c->calls++;
	return 0;
}

TEST(a_stream_that_goes_silent_times_out_after_the_idle_limit)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	char *base = fake_llm_url("stall.h"), *url = xasprintf("%s/chat/completions", base);
	http_request req = { "POST", url, NULL, "{\"stream\":true}", 15, collect, NULL, NULL };
	collected got = { STRBUF_INIT, 0 };
	http_response resp;
	grill_err err = GRILL_ERR_INIT;
	double t0 = now_ms();

	req.ctx = &got;
	CHECK_INT(http_send(c, &req, &resp, &err), -1);
	CHECK(now_ms() - t0 < 1500);
	CHECK_INT(resp.failure, HTTP_FAIL_TIMEOUT);
	CHECK(got.calls > 0);
	CHECK(resp.streamed > 0);
	CHECK_STR(err_msg(&err), "127.0.0.1: the reply stalled for 0.4 s");
	http_response_free(&resp);
	http_client_free(c);
	sb_free(&got.text);
	free(base);
	free(url);
	err_clear(&err);
}

TEST(a_reply_cut_short_is_reported_as_broken)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	http_response resp;
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(post(c, "truncated.h", &resp, &err), -1);
	CHECK_INT(resp.failure, HTTP_FAIL_BROKEN);
	CHECK_CONTAINS(err_msg(&err), "127.0.0.1: the reply broke off");
	http_response_free(&resp);
	http_client_free(c);
	err_clear(&err);
}

TEST(a_refused_connection_is_retried_then_reported)
{
	http_limits l = quick_limits();
	http_client *c = http_client_new(&l, NULL);
	char *url = xasprintf("http://127.0.0.1:%d/v1/models", fake_closed_port());
	http_request req = { "GET", url, NULL, NULL, 0, NULL, NULL, NULL };
	http_response resp;
	grill_err err = GRILL_ERR_INIT;

	CHECK_INT(http_send(c, &req, &resp, &err), -1);
	CHECK_INT(resp.failure, HTTP_FAIL_CONNECT);
	CHECK_INT(resp.attempts, 3);
	CHECK_CONTAINS(err_msg(&err), "127.0.0.1: ");
	CHECK_CONTAINS(err_msg(&err), "onnect");
	http_response_free(&resp);
	http_client_free(c);
	free(url);
	err_clear(&err);
}

int main(void)
{
	RUN(url_check_allows_https_anywhere_and_http_only_to_loopback);
	RUN(url_check_refuses_credentials_in_the_url_without_repeating_them);
	RUN(loopback_means_127_slash_8_ipv6_loopback_and_localhost);
	RUN(retries_only_statuses_where_a_retry_helps);
	RUN(retry_after_is_read_as_seconds_or_a_date);
	RUN(backoff_doubles_with_jitter_and_is_capped);
	RUN(plain_http_to_a_remote_host_is_refused_before_sending);
	RUN(a_good_reply_is_collected);
	RUN(status_429_waits_as_retry_after_asks_then_succeeds);
	RUN(retry_after_ms_is_preferred_to_retry_after);
	RUN(a_retry_after_beyond_the_limit_ends_the_request_at_once);
	RUN(server_errors_are_retried_up_to_max_retries);
	RUN(client_errors_and_quota_are_never_retried);
	RUN(a_redirect_is_reported_not_followed);
	RUN(a_reply_over_the_size_cap_is_dropped);
	RUN(a_silent_server_times_out_without_retrying);
	RUN(a_stream_that_goes_silent_times_out_after_the_idle_limit);
	RUN(a_reply_cut_short_is_reported_as_broken);
	RUN(a_refused_connection_is_retried_then_reported);
	fake_llm_stop();
	return harness_done();
}
