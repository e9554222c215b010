/*
 * Starts tests/llm/fake_llm.py for a unit test process and talks to its
 * control endpoints. Header-only so each test program that needs the
 * server includes it; the server dies when this process closes its stdin.
 */
#ifndef GRILL_TEST_FAKE_LLM_H
#define GRILL_TEST_FAKE_LLM_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grill/strbuf.h"
#include "grill/xalloc.h"
#include "../unit/harness.h"

static pid_t fake_pid;
static int fake_stdin = -1;
static int fake_stdout = -1;
static int fake_port;

/* One line from fd (without the newline) into buf; false at end of input. */
static bool fake_read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	char ch;

	while (read(fd, &ch, 1) == 1) {
		if (ch == '\n') {
			buf[n] = '\0';
			return true;
		}
		if (n + 1 < size)
			buf[n++] = ch;
	}
	return false;
}

/* Starts the server once per process; aborts the run when it cannot. */
static __attribute__((unused)) void fake_llm_start(void)
{
	int in[2], out[2];
	char line[256];
	char *script;

	if (fake_port)
		return;
	script = harness_source("tests/llm/fake_llm.py");
	if (pipe(in) < 0 || pipe(out) < 0) {
		perror("pipe");
		abort();
	}
	fflush(stdout);
	fake_pid = fork();
	if (fake_pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp("python3", "python3", script, (char *)NULL);
		perror("python3");
		_exit(127);
	}
	free(script);
	close(in[0]);
	close(out[1]);
	fake_stdin = in[1];
	/* kept open while the server runs, so it never writes into a closed pipe */
	fake_stdout = out[0];
	while (fake_read_line(fake_stdout, line, sizeof(line))) {
		char *end;
		long port = strtol(line, &end, 10);

		if (end != line && *end == '\0' && port > 0 && port < 65536) {
			fake_port = (int)port;
			return;
		}
		printf("# fake_llm.py said: %s\n", line);
	}
	fprintf(stderr, "fake_llm.py did not start\n");
	abort();
}

static __attribute__((unused)) void fake_llm_stop(void)
{
	if (!fake_pid)
		return;
	close(fake_stdin);
	close(fake_stdout);
	kill(fake_pid, SIGTERM);
	waitpid(fake_pid, NULL, 0);
	fake_pid = 0;
	fake_port = 0;
}

/* The base URL for a scenario ("ok", "s500.tag", ...); caller frees. */
static __attribute__((unused)) char *fake_llm_url(const char *segment)
{
	fake_llm_start();
	return xasprintf("http://127.0.0.1:%d/s/%s", fake_port, segment);
}

/* GET path on the server with a bare socket (not the code under test); the body, caller frees. */
static __attribute__((unused)) char *fake_llm_get(const char *path)
{
	struct sockaddr_in addr;
	strbuf sb = STRBUF_INIT;
	char buf[4096], *req;
	const char *body;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ssize_t n;
	char *out;

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short)fake_port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("connect to fake_llm");
		abort();
	}
	req = xasprintf("GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", path);
	if (write(fd, req, strlen(req)) < 0)
		perror("write");
	free(req);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sb_appendn(&sb, buf, (size_t)n);
	close(fd);
	body = strstr(sb_str(&sb), "\r\n\r\n");
	out = xstrdup(body ? body + 4 : "");
	sb_free(&sb);
	return out;
}

/* Requests the server saw for a segment. */
static __attribute__((unused)) long fake_llm_count(const char *segment)
{
	char *path = xasprintf("/_count/%s", segment);
	char *body = fake_llm_get(path);
	long n = strtol(body, NULL, 10);

	free(path);
	free(body);
	return n;
}

/* The last request for a segment as JSON ({"path", "method", "headers", "body"}); caller frees. */
static __attribute__((unused)) char *fake_llm_last(const char *segment)
{
	char *path = xasprintf("/_last/%s", segment);
	char *body = fake_llm_get(path);

	free(path);
	return body;
}

/* A port with nothing listening: bound, then closed. */
static __attribute__((unused)) int fake_closed_port(void)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
		abort();
	port = ntohs(addr.sin_port);
	close(fd);
	return port;
}

#endif
