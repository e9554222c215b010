#ifndef GRILL_CONFIG_H
#define GRILL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "grill/error.h"

/*
 * The user's settings: $XDG_CONFIG_HOME/grill/config.json (paths_config_file)
 * and the environment, which wins over the file. Today the file holds one
 * object, "llm", for the optional language model (docs/llm.md):
 *
 *   { "llm": { "url": "http://127.0.0.1:11434", "provider": "ollama",
 *              "model": "qwen2.5:7b", "api_key_file": "~/.config/grill/key",
 *              "connect_timeout_ms": 5000, "reply_timeout_ms": 120000,
 *              "idle_timeout_ms": 30000, "max_reply_bytes": 1048576,
 *              "max_retries": 2, "max_retry_wait_ms": 20000,
 *              "retry_backoff_ms": 500,
 *              "offline": false } }
 *
 * A key is never read from config.json itself (the file is often shared or
 * checked in): it comes from GRILL_LLM_API_KEY, a key file
 * (GRILL_LLM_API_KEY_FILE or "api_key_file"), or OPENAI_API_KEY /
 * ANTHROPIC_API_KEY for those providers, in that order.
 */

typedef enum llm_provider {
	LLM_PROVIDER_OPENAI,     /* any OpenAI-compatible Chat Completions server */
	LLM_PROVIDER_ANTHROPIC,  /* the Messages API */
	LLM_PROVIDER_OLLAMA      /* Ollama's native /api/chat */
} llm_provider;

/* "openai", "anthropic", "ollama" */
const char *llm_provider_name(llm_provider p);
/* 0 and *out set, or -1 for an unknown name. */
int llm_provider_parse(const char *name, llm_provider *out);

/*
 * The LLM settings, validated. Plain data owned by the struct; free with
 * llm_config_free. The *_from fields say where a value came from
 * ("GRILL_LLM_URL", "config.json", "default") for `grill doctor`; they are
 * static strings or owned, see llm_config_free.
 */
typedef struct llm_config {
	bool wanted;            /* a URL is configured: the user asked for an LLM */
	bool offline;           /* "offline": true; nothing is ever sent */
	llm_provider provider;
	char *url;              /* NULL when not configured */
	char *model;            /* NULL when not configured */
	char *api_key;          /* NULL when none; never print it */
	const char *url_from, *model_from, *provider_from;
	char *key_from;         /* "GRILL_LLM_API_KEY", "/path (GRILL_LLM_API_KEY_FILE)", ... or NULL */
	long connect_timeout_ms;
	long reply_timeout_ms;  /* from sending the request to the first byte of the reply */
	long idle_timeout_ms;   /* longest silence once the reply has started */
	size_t max_reply_bytes;
	int max_retries;        /* extra attempts after a failure worth retrying */
	long max_retry_wait_ms; /* a longer Retry-After is not waited for */
	long retry_backoff_ms;  /* first backoff; doubles per retry, with jitter */
	char *file;             /* the config file consulted */
	bool file_found;
} llm_config;

#define LLM_DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define LLM_DEFAULT_REPLY_TIMEOUT_MS 120000L
#define LLM_DEFAULT_IDLE_TIMEOUT_MS 30000L
#define LLM_DEFAULT_MAX_REPLY_BYTES (1024u * 1024u)
#define LLM_DEFAULT_MAX_RETRIES 2
#define LLM_DEFAULT_MAX_RETRY_WAIT_MS 20000L
#define LLM_DEFAULT_RETRY_BACKOFF_MS 500L
#define CONFIG_MAX_FILE_BYTES (256u * 1024u)
#define CONFIG_MAX_KEY_BYTES 4096u

/*
 * Reads paths_config_file() and the environment into *cfg (zeroed first).
 * A missing file is fine: no LLM unless the environment names one. Returns
 * 0, or -1 with err naming the file and line:col or JSON path, the
 * variable, or the key file and the chmod that fixes it. On -1, *cfg holds
 * nothing to free.
 */
int llm_config_load(llm_config *cfg, grill_err *err);
/* The same with an explicit file (for tests and tools). */
int llm_config_load_file(const char *path, llm_config *cfg, grill_err *err);
void llm_config_free(llm_config *cfg);

#endif
