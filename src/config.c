/*
 * config.json and the environment, merged into one validated llm_config.
 * The environment wins so a one-off `GRILL_LLM_MODEL=x grill run` works
 * without editing the file. Keys are read only when an LLM is wanted and
 * not offline: a stale key file must not break a session that sends
 * nothing.
 */
#include "grill/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grill/diag.h"
#include "grill/fsutil.h"
#include "grill/paths.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"
#include "jsonread.h"

static const char *const provider_names[] = { "openai", "anthropic", "ollama" };

const char *llm_provider_name(llm_provider p)
{
	return (unsigned)p < 3 ? provider_names[p] : "unknown";
}

int llm_provider_parse(const char *name, llm_provider *out)
{
	unsigned i;

	for (i = 0; i < 3; i++) {
		if (strcmp(name, provider_names[i]) == 0) {
			*out = (llm_provider)i;
			return 0;
		}
	}
	return -1;
}

void llm_config_free(llm_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->url);
	free(cfg->model);
	if (cfg->api_key) {
		/* do not leave the key in freed heap memory */
		volatile char *k = cfg->api_key;

		while (*k)
			*k++ = '\0';
		free(cfg->api_key);
	}
	free(cfg->key_from);
	free(cfg->file);
	memset(cfg, 0, sizeof(*cfg));
}

static const char *env_value(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static void set_defaults(llm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->provider = LLM_PROVIDER_OPENAI;
	cfg->provider_from = "default";
	cfg->connect_timeout_ms = LLM_DEFAULT_CONNECT_TIMEOUT_MS;
	cfg->reply_timeout_ms = LLM_DEFAULT_REPLY_TIMEOUT_MS;
	cfg->idle_timeout_ms = LLM_DEFAULT_IDLE_TIMEOUT_MS;
	cfg->max_reply_bytes = LLM_DEFAULT_MAX_REPLY_BYTES;
	cfg->max_retries = LLM_DEFAULT_MAX_RETRIES;
	cfg->max_retry_wait_ms = LLM_DEFAULT_MAX_RETRY_WAIT_MS;
	cfg->retry_backoff_ms = LLM_DEFAULT_RETRY_BACKOFF_MS;
}

static void diags_to_err(const diag_list *d, grill_err *err)
{
	strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (i)
			sb_putc(&sb, '\n');
		sb_append(&sb, d->items[i]);
	}
	err_set(err, "%s", sb_str(&sb));
	sb_free(&sb);
}

/* "~/x" is relative to HOME; other relative paths to the config file's folder. */
static char *expand_path(const char *path, const char *config_file)
{
	if (path[0] == '~' && path[1] == '/') {
		const char *home = env_value("HOME");

		return fs_join(home ? home : "/", path + 2);
	}
	if (path[0] != '/') {
		const char *slash = strrchr(config_file, '/');
		char *dir = slash ? xstrndup(config_file, (size_t)(slash - config_file)) : xstrdup(".");
		char *full = fs_join(dir, path);

		free(dir);
		return full;
	}
	return xstrdup(path);
}

static const char *const llm_keys[] = {
	"url", "provider", "model", "api_key_file", "connect_timeout_ms", "reply_timeout_ms",
	"idle_timeout_ms", "max_reply_bytes", "max_retries", "max_retry_wait_ms", "retry_backoff_ms", "offline", NULL
};

static int read_file_settings(const char *path, llm_config *cfg, char **key_file, grill_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	diag_list diags = DIAG_LIST_INIT;
	jr_ctx c;
	cJSON *root;
	const cJSON *llm;
	char *provider;
	struct stat st;

	if (stat(path, &st) < 0 && errno == ENOENT)
		return 0;
	cfg->file_found = true;
	if (fs_read_file(path, CONFIG_MAX_FILE_BYTES, &buf, &len, err) < 0)
		return -1;
	jr_init(&c, path, &diags);
	root = jr_parse(&c, buf, len);
	free(buf);
	if (!root) {
		diags_to_err(&diags, err);
		diag_free(&diags);
		return -1;
	}
	if (!cJSON_IsObject(root)) {
		jr_error(&c, "the file must hold a JSON object");
		goto out;
	}
	llm = jr_object(&c, root, "llm", false);
	if (!llm)
		goto out;
	jr_key(&c, "llm");
	if (cJSON_GetObjectItemCaseSensitive(llm, "api_key")) {
		jr_error(&c, "\"api_key\" is not read from config.json, which is often shared; put the key "
		         "in a file only you can read (chmod 600) and set \"api_key_file\", or set GRILL_LLM_API_KEY");
		goto out;
	}
	jr_check_keys(&c, llm, llm_keys);
	cfg->url = jr_string(&c, llm, "url", false, true);
	if (cfg->url)
		cfg->url_from = "config.json";
	cfg->model = jr_string(&c, llm, "model", false, true);
	if (cfg->model)
		cfg->model_from = "config.json";
	provider = jr_string(&c, llm, "provider", false, true);
	if (provider) {
		if (llm_provider_parse(provider, &cfg->provider) < 0)
			jr_error(&c, "\"provider\" must be \"openai\", \"anthropic\" or \"ollama\"");
		else
			cfg->provider_from = "config.json";
		free(provider);
	}
	*key_file = jr_string(&c, llm, "api_key_file", false, true);
	cfg->connect_timeout_ms = jr_int(&c, llm, "connect_timeout_ms", false, 1, 600000, cfg->connect_timeout_ms);
	cfg->reply_timeout_ms = jr_int(&c, llm, "reply_timeout_ms", false, 1, 3600000, cfg->reply_timeout_ms);
	cfg->idle_timeout_ms = jr_int(&c, llm, "idle_timeout_ms", false, 1, 3600000, cfg->idle_timeout_ms);
	cfg->max_reply_bytes = (size_t)jr_int(&c, llm, "max_reply_bytes", false, 1024, 64L * 1024 * 1024,
	                                      (long)cfg->max_reply_bytes);
	cfg->max_retries = (int)jr_int(&c, llm, "max_retries", false, 0, 10, cfg->max_retries);
	cfg->max_retry_wait_ms = jr_int(&c, llm, "max_retry_wait_ms", false, 0, 600000, cfg->max_retry_wait_ms);
	cfg->retry_backoff_ms = jr_int(&c, llm, "retry_backoff_ms", false, 1, 60000, cfg->retry_backoff_ms);
	cfg->offline = jr_bool(&c, llm, "offline", false);
out:
	cJSON_Delete(root);
	if (diags.n) {
		diags_to_err(&diags, err);
		diag_free(&diags);
		return -1;
	}
	return 0;
}

/* A key must be one token of printable ASCII: it goes into an HTTP header. */
static bool key_text_ok(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++)
		if ((unsigned char)*k <= 0x20 || (unsigned char)*k >= 0x7f)
			return false;
	return true;
}

static int read_key_file(const char *path, char **out, grill_err *err)
{
	struct stat st;
	char buf[CONFIG_MAX_KEY_BYTES + 1];
	size_t n = 0, start = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		err_set(err, "key file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err_set(err, "key file %s: not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_mode & 077) {
		err_set(err, "key file %s can be read by other users (mode %04o); grill will not use it. "
		        "Fix with: chmod 600 '%s'", path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return -1;
	}
	while (n < sizeof(buf)) {
		ssize_t r = read(fd, buf + n, sizeof(buf) - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_set(err, "key file %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > CONFIG_MAX_KEY_BYTES) {
		err_set(err, "key file %s: over %u bytes; it should hold only the key", path, CONFIG_MAX_KEY_BYTES);
		return -1;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	while (start < n && (buf[start] == ' ' || buf[start] == '\t' || buf[start] == '\n' || buf[start] == '\r'))
		start++;
	buf[n] = '\0';
	if (start == n) {
		err_set(err, "key file %s is empty", path);
		return -1;
	}
	if (!key_text_ok(buf + start)) {
		memset(buf, 0, sizeof(buf));
		err_set(err, "key file %s: the key must be one line of printable characters", path);
		return -1;
	}
	*out = xstrdup(buf + start);
	memset(buf, 0, sizeof(buf));
	return 0;
}

static int env_key(const char *var, llm_config *cfg, grill_err *err)
{
	const char *v = env_value(var);

	if (!v)
		return 0;
	if (!key_text_ok(v)) {
		err_set(err, "%s: the key must be one line of printable characters", var);
		return -1;
	}
	cfg->api_key = xstrdup(v);
	cfg->key_from = xstrdup(var);
	return 1;
}

static int find_key(llm_config *cfg, const char *file_key_path, grill_err *err)
{
	const char *provider_var = cfg->provider == LLM_PROVIDER_OPENAI ? "OPENAI_API_KEY"
	                         : cfg->provider == LLM_PROVIDER_ANTHROPIC ? "ANTHROPIC_API_KEY" : NULL;
	const char *env_file = env_value("GRILL_LLM_API_KEY_FILE");
	int r;

	if ((r = env_key("GRILL_LLM_API_KEY", cfg, err)) != 0)
		return r < 0 ? -1 : 0;
	if (env_file || file_key_path) {
		char *path = env_file ? expand_path(env_file, cfg->file) : expand_path(file_key_path, cfg->file);

		if (read_key_file(path, &cfg->api_key, err) < 0) {
			if (!env_file)
				err_prefix(err, "%s: llm.api_key_file", cfg->file);
			free(path);
			return -1;
		}
		cfg->key_from = xasprintf("%s (%s)", path, env_file ? "GRILL_LLM_API_KEY_FILE" : "config.json");
		free(path);
		return 0;
	}
	if (provider_var && (r = env_key(provider_var, cfg, err)) < 0)
		return -1;
	return 0;
}

int llm_config_load_file(const char *path, llm_config *cfg, grill_err *err)
{
	char *key_file = NULL;
	const char *v;

	set_defaults(cfg);
	cfg->file = xstrdup(path);
	if (read_file_settings(path, cfg, &key_file, err) < 0)
		goto fail;
	if ((v = env_value("GRILL_LLM_URL"))) {
		free(cfg->url);
		cfg->url = xstrdup(v);
		cfg->url_from = "GRILL_LLM_URL";
	}
	if ((v = env_value("GRILL_LLM_MODEL"))) {
		free(cfg->model);
		cfg->model = xstrdup(v);
		cfg->model_from = "GRILL_LLM_MODEL";
	}
	if ((v = env_value("GRILL_LLM_PROVIDER"))) {
		if (llm_provider_parse(v, &cfg->provider) < 0) {
			err_set(err, "GRILL_LLM_PROVIDER: unknown provider \"%.40s\"; use openai, anthropic or ollama", v);
			goto fail;
		}
		cfg->provider_from = "GRILL_LLM_PROVIDER";
	}
	cfg->wanted = cfg->url != NULL;
	if (cfg->wanted && !cfg->offline && find_key(cfg, key_file, err) < 0)
		goto fail;
	free(key_file);
	return 0;
fail:
	free(key_file);
	llm_config_free(cfg);
	return -1;
}

int llm_config_load(llm_config *cfg, grill_err *err)
{
	char *path = paths_config_file();
	int r = llm_config_load_file(path, cfg, err);

	free(path);
	return r;
}
