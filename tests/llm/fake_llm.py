#!/usr/bin/env python3
"""A loopback stand-in for three model servers, for grill's tests.

It speaks OpenAI Chat Completions (POST .../chat/completions, GET .../models),
the Anthropic Messages API (POST .../v1/messages, GET .../v1/models) and
Ollama's native API (POST .../api/chat, GET .../api/tags), plain and
streamed (SSE, NDJSON). It binds 127.0.0.1 on an ephemeral port and never
reaches anywhere else.

The scenario is the first path segment after /s/: a test uses the base URL
http://127.0.0.1:PORT/s/SCENARIO[.TAG] and the client appends its endpoint.
The optional .TAG keeps request counts apart between tests. Scenarios:

  ok          a good reply (streams carry SSE comments and ping events)
  multi       a two-part question        long      a question past 300 chars
  escape      escape sequences in text   think     a leading <think> block
  s401        401, echoing the key       s404      404 unknown model
  s429        429 Retry-After: 1, then ok
  s429ms      429 retry-after-ms: 50, then ok
  s429long    429 Retry-After: 120, always
  quota       429 insufficient_quota     s500      500 always
  s500once    500, then ok               s503 / s529   always
  s400temp    400 when temperature is sent, else ok
  redirect    302 elsewhere              err200    an error on an HTTP 200
  malformed   JSON that does not parse   truncated the reply stops early
  errmid      an error event mid-stream  toobig    a reply of 200 kB
  stall       starts the reply, then goes silent
  stallfirst  says nothing at all        length    finish reason "length"
  lengthonce  "length" once, then ok     invalid   a score of 9
  nomodel     the model list lacks the configured model

Control: GET /_count/SEGMENT (requests seen), GET /_last/SEGMENT (the last
request: path, headers, JSON body).

Modes: by default prints the port on stdout and serves until stdin closes.
With --detach it forks, writes --write-config (a grill config.json pointing
at the server), and the server exits after --idle seconds without requests.
"""
import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

QUESTION = "You said the cache is write-through; what happens to a write when the database is down?"
MODEL = "test-model"

OPINION = {
    "accuracy": {"score": 4, "evidence": ["I would use a write-through cache",
                                          "I have run Kafka at scale for years"],
                 "reason": "The caching claims were correct."},
    "honesty": {"score": 3, "evidence": ["\u201cI am not sure about the eviction policy\u201d"],
                "reason": "Admitted a gap."},
    "reasoning": {"score": 4, "evidence": [], "reason": "Explained the trade-off."},
    "challenge": {"score": None, "evidence": [], "reason": "No pushback happened."},
    "specificity": {"score": 2, "evidence": ["in front of   Postgres"], "reason": "Few numbers."},
    "questions": {"score": None, "evidence": [], "reason": "No questions asked."},
}

state_lock = threading.Lock()
counts = {}
last = {}
last_activity = [time.monotonic()]


def pieces(text, n=6):
    step = max(1, len(text) // n)
    return [text[i:i + step] for i in range(0, len(text), step)]


def question_for(scenario):
    return {
        "multi": "Why did you pick Postgres? And how would you shard it?",
        "long": "Tell me more about " + "the part where you explained the design " * 12,
        "escape": "\x1b[31mWhy\x1b[0m did you \x1b]0;pwned\x07choose\x07 that?",
        "think": "<think>The candidate said write-through.</think>Why write-through?",
        "length": "Could you walk me through how the",
    }.get(scenario, QUESTION)


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-llm/1"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass

    # --- plumbing ---

    def send(self, status, body, ctype="application/json", headers=()):
        if not isinstance(body, bytes):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status, obj, headers=()):
        self.send(status, json.dumps(obj), headers=headers)

    def start_stream(self, ctype):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

    def write(self, text):
        self.wfile.write(text.encode())
        self.wfile.flush()
        time.sleep(0.005)

    def parse_path(self):
        parts = self.path.split("/")
        if len(parts) < 3 or parts[1] != "s":
            return None, None, None
        segment = parts[2]
        return segment, segment.split(".")[0], "/" + "/".join(parts[3:])

    def record(self, segment, body):
        with state_lock:
            counts[segment] = counts.get(segment, 0) + 1
            last[segment] = {"path": self.path, "method": self.command,
                             "headers": {k.lower(): v for k, v in self.headers.items()},
                             "body": body}
            last_activity[0] = time.monotonic()
            return counts[segment]

    def provider(self, rest):
        if rest.endswith("/chat/completions"):
            return "openai"
        if rest.endswith("/v1/messages"):
            return "anthropic"
        if rest.endswith("/api/chat"):
            return "ollama"
        return None

    def key(self):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[7:]
        return self.headers.get("x-api-key", "")

    # --- errors in each dialect ---

    def error(self, provider, status, message, etype="server_error", code=None, headers=()):
        if provider == "ollama":
            obj = {"error": message}
        elif provider == "anthropic":
            obj = {"type": "error", "error": {"type": etype, "message": message}}
        else:
            obj = {"error": {"message": message, "type": etype, "code": code}}
        self.send_json(status, obj, headers)

    # --- requests ---

    def do_GET(self):
        last_activity[0] = time.monotonic()
        parts = self.path.split("/")
        if len(parts) == 3 and parts[1] in ("_count", "_last"):
            with state_lock:
                if parts[1] == "_count":
                    self.send_json(200, counts.get(parts[2], 0))
                else:
                    self.send_json(200, last.get(parts[2]))
            return
        segment, scenario, rest = self.parse_path()
        if segment is None:
            self.send(404, "not found", "text/plain")
            return
        self.record(segment, None)
        anthropic = "anthropic-version" in self.headers
        provider = "ollama" if rest.endswith("/api/tags") else "anthropic" if anthropic else "openai"
        if scenario == "s401":
            self.error(provider, 401, "Incorrect API key provided: " + self.key(), "authentication_error")
            return
        if scenario in ("s500", "s503", "s529"):
            self.error(provider, int(scenario[1:]), "Overloaded" if scenario == "s529" else "Service unavailable",
                       "overloaded_error")
            return
        if scenario == "malformed":
            self.send(200, "{not json")
            return
        if scenario == "stallfirst":
            time.sleep(10)
            return
        names = ["other-model", "another"] if scenario == "nomodel" else [MODEL, "other-model"]
        if provider == "ollama" and rest.endswith("/api/tags"):
            self.send_json(200, {"models": [{"name": n + ":latest", "model": n + ":latest"} for n in names]})
        elif rest.endswith("/models"):
            self.send_json(200, {"object": "list", "data": [{"id": n, "object": "model"} for n in names]})
        else:
            self.send(404, "not found", "text/plain")

    def do_POST(self):
        segment, scenario, rest = self.parse_path()
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        provider = self.provider(rest or "")
        if segment is None or provider is None:
            self.send(404, "not found", "text/plain")
            return
        n = self.record(segment, body)
        body = body or {}
        stream = bool(body.get("stream", provider == "ollama"))
        structured = "response_format" in body or "format" in body or "tools" in body

        if scenario == "s401":
            self.error(provider, 401, "Incorrect API key provided: " + self.key(), "authentication_error",
                       "invalid_api_key")
        elif scenario == "s404":
            self.error(provider, 404, "The model `%s` does not exist" % body.get("model"),
                       "not_found_error", "model_not_found")
        elif scenario == "s429" and n == 1:
            self.error(provider, 429, "Rate limit reached", "rate_limit_error", headers=[("Retry-After", "1")])
        elif scenario == "s429ms" and n == 1:
            self.error(provider, 429, "Rate limit reached", "rate_limit_error",
                       headers=[("retry-after-ms", "50"), ("Retry-After", "30")])
        elif scenario == "s429long":
            self.error(provider, 429, "Rate limit reached", "rate_limit_error", headers=[("Retry-After", "120")])
        elif scenario == "quota":
            self.error(provider, 429, "You exceeded your current quota, please check your plan and billing details.",
                       "insufficient_quota", "insufficient_quota")
        elif scenario == "s500" or (scenario == "s500once" and n == 1):
            self.error(provider, 500, "The server had an error while processing your request.")
        elif scenario == "s503":
            self.error(provider, 503, "Service unavailable")
        elif scenario == "s529":
            self.error(provider, 529, "Overloaded", "overloaded_error")
        elif scenario == "s400temp" and ("temperature" in body or "seed" in body):
            self.error(provider, 400, "Unsupported value: 'temperature' does not support 0 with this model.",
                       "invalid_request_error", "unsupported_value")
        elif scenario == "redirect":
            self.send(302, "", "text/plain", headers=[("Location", "http://127.0.0.2:9/elsewhere")])
        elif scenario == "err200":
            self.error(provider, 200, "model is overloaded, try later")
        elif scenario == "stallfirst":
            time.sleep(10)
        elif scenario == "truncated" and not stream:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"choices": [{"message": ')
        elif scenario == "toobig" and not stream:
            self.send(200, json.dumps({"pad": "x" * 200000}))
        elif structured:
            self.opinion(provider, scenario, n)
        elif stream:
            self.stream_question(provider, scenario)
        else:
            self.plain_question(provider, scenario)

    # --- replies ---

    def opinion(self, provider, scenario, n):
        op = json.loads(json.dumps(OPINION))
        if scenario == "invalid":
            op["accuracy"]["score"] = 9
        cut = scenario == "length" or (scenario == "lengthonce" and n == 1)
        text = json.dumps(op)
        if scenario == "malformed":
            self.send(200, "{not json")
            return
        if provider == "openai":
            self.send_json(200, {"id": "c1", "object": "chat.completion", "model": MODEL,
                                 "choices": [{"index": 0, "message": {"role": "assistant",
                                                                      "content": text[:60] if cut else text},
                                              "finish_reason": "length" if cut else "stop"}]})
        elif provider == "anthropic":
            content = [{"type": "text", "text": text[:60]}] if cut else \
                [{"type": "tool_use", "id": "toolu_1", "name": "record_scores", "input": op}]
            self.send_json(200, {"id": "msg_1", "type": "message", "role": "assistant", "model": MODEL,
                                 "content": content, "stop_reason": "max_tokens" if cut else "tool_use"})
        else:
            self.send_json(200, {"model": MODEL, "message": {"role": "assistant",
                                                             "content": text[:60] if cut else text},
                                 "done": True, "done_reason": "length" if cut else "stop"})

    def plain_question(self, provider, scenario):
        q = question_for(scenario)
        if provider == "openai":
            self.send_json(200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": q},
                                              "finish_reason": "stop"}]})
        elif provider == "anthropic":
            self.send_json(200, {"content": [{"type": "text", "text": q}], "stop_reason": "end_turn"})
        else:
            self.send_json(200, {"message": {"role": "assistant", "content": q}, "done": True})

    def stream_question(self, provider, scenario):
        q = question_for(scenario)
        parts = pieces(q)
        if scenario == "toobig":
            parts = ["x" * 1000] * 200
        ctype = "application/x-ndjson" if provider == "ollama" else "text/event-stream"
        self.start_stream(ctype)
        reason = "length" if scenario == "length" else "stop"
        try:
            if provider == "openai":
                self.write(": keep-alive\n\n")
                self.write(sse(None, chunk({"role": "assistant", "content": ""})))
                for i, p in enumerate(parts):
                    if i == 2:
                        if self.interrupt(provider, scenario):
                            return
                        self.write(": ping\n\n")
                    self.write(sse(None, chunk({"content": p})))
                self.write(sse(None, chunk({}, reason)))
                self.write("data: [DONE]\n\n")
            elif provider == "anthropic":
                self.write(sse("message_start", {"type": "message_start", "message": {
                    "id": "msg_1", "type": "message", "role": "assistant", "content": [], "model": MODEL,
                    "stop_reason": None, "usage": {"input_tokens": 10, "output_tokens": 1}}}))
                self.write(sse("content_block_start", {"type": "content_block_start", "index": 0,
                                                       "content_block": {"type": "text", "text": ""}}))
                self.write(sse("ping", {"type": "ping"}))
                for i, p in enumerate(parts):
                    if i == 2:
                        if self.interrupt(provider, scenario):
                            return
                        self.write(": comment\n")
                    self.write(sse("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                           "delta": {"type": "text_delta", "text": p}}))
                self.write(sse("content_block_stop", {"type": "content_block_stop", "index": 0}))
                self.write(sse("message_delta", {"type": "message_delta", "delta": {
                    "stop_reason": "max_tokens" if reason == "length" else "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": 15}}))
                self.write(sse("message_stop", {"type": "message_stop"}))
            else:
                for i, p in enumerate(parts):
                    if i == 2 and self.interrupt(provider, scenario):
                        return
                    self.write(json.dumps({"model": MODEL, "message": {"role": "assistant", "content": p},
                                           "done": False}) + "\n")
                self.write(json.dumps({"model": MODEL, "message": {"role": "assistant", "content": ""},
                                       "done": True, "done_reason": reason}) + "\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def interrupt(self, provider, scenario):
        """Breaks the stream as the scenario asks; True when the reply is over."""
        if scenario == "truncated":
            return True
        if scenario == "stall":
            time.sleep(10)
            return True
        if scenario == "malformed":
            self.write("{\"message\": oops\n" if provider == "ollama" else "data: {\"choices\": [oops\n\n")
            return True
        if scenario == "errmid":
            if provider == "openai":
                self.write(sse(None, {"error": {"message": "The server had an error while processing your request.",
                                                "type": "server_error"}}))
            elif provider == "anthropic":
                self.write(sse("error", {"type": "error", "error": {"type": "overloaded_error",
                                                                    "message": "Overloaded"}}))
            else:
                self.write(json.dumps({"error": "an error was encountered while running the model"}) + "\n")
            return True
        return False


def chunk(delta, finish=None):
    return {"id": "c1", "object": "chat.completion.chunk", "model": MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def sse(event, obj):
    head = "event: %s\n" % event if event else ""
    return head + "data: " + json.dumps(obj) + "\n\n"


def write_config(path, port, args):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    cfg = {"llm": {"url": "http://127.0.0.1:%d/s/%s" % (port, args.scenario), "provider": args.provider,
                   "model": args.model, "connect_timeout_ms": 2000, "reply_timeout_ms": 500,
                   "idle_timeout_ms": 500, "retry_backoff_ms": 10, "max_reply_bytes": 65536}}
    with open(path, "w") as f:
        json.dump(cfg, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--detach", action="store_true")
    ap.add_argument("--write-config")
    ap.add_argument("--provider", default="openai")
    ap.add_argument("--scenario", default="ok")
    ap.add_argument("--model", default=MODEL)
    ap.add_argument("--idle", type=float, default=5.0)
    args = ap.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]

    if args.detach:
        if os.fork() != 0:
            if args.write_config:
                write_config(args.write_config, port, args)
            print(port)
            return 0
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)

        def idle_watch():
            while time.monotonic() - last_activity[0] < args.idle:
                time.sleep(0.1)
            os._exit(0)
        threading.Thread(target=idle_watch, daemon=True).start()
    else:
        def stdin_watch():
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=stdin_watch, daemon=True).start()
        print(port, flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
