/* config.json and the environment: what grill will send where, and the errors a user sees. */
#include "harness.h"

#include <sys/stat.h>
#include <unistd.h>

#include "grill/config.h"
#include "grill/fsutil.h"
#include "grill/paths.h"
#include "grill/xalloc.h"

static const char *const llm_vars[] = {
	"GRILL_LLM_URL", "GRILL_LLM_MODEL", "GRILL_LLM_PROVIDER", "GRILL_LLM_API_KEY",
	"GRILL_LLM_API_KEY_FILE", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", NULL
};

static void clean_env(void)
{
	const char *const *v;

	for (v = llm_vars; *v; v++)
		unsetenv(*v);
}

/* Writes the user's config.json; returns its path (caller frees). */
static char *write_config(const char *text)
{
	char *path = paths_config_file();
	char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	FILE *f;

	fs_mkdir_p(dir, 0700, NULL);
	free(dir);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static char *write_key(const char *name, const char *text, mode_t mode)
{
	char *path = harness_write_temp(name, text);

	chmod(path, mode);
	return path;
}

TEST(config_without_a_file_means_no_llm)
{
	llm_config cfg;
	char *path = paths_config_file();

	clean_env();
	remove(path);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK(!cfg.wanted);
	CHECK(!cfg.file_found);
	CHECK(cfg.url == NULL);
	CHECK(cfg.api_key == NULL);
	llm_config_free(&cfg);
	free(path);
}

TEST(config_reads_the_llm_object)
{
	llm_config cfg;
	char *path;

	clean_env();
	path = write_config("{\"llm\": {\"url\": \"http://127.0.0.1:11434\", \"provider\": \"ollama\", "
	                    "\"model\": \"qwen2.5:7b\", \"idle_timeout_ms\": 250, \"max_retries\": 0}}");
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK(cfg.wanted);
	CHECK_STR(cfg.url, "http://127.0.0.1:11434");
	CHECK_STR(cfg.url_from, "config.json");
	CHECK_STR(cfg.model, "qwen2.5:7b");
	CHECK_INT(cfg.provider, LLM_PROVIDER_OLLAMA);
	CHECK_INT(cfg.idle_timeout_ms, 250);
	CHECK_INT(cfg.max_retries, 0);
	CHECK_INT(cfg.connect_timeout_ms, LLM_DEFAULT_CONNECT_TIMEOUT_MS);
	llm_config_free(&cfg);
	free(path);
}

TEST(config_malformed_json_is_an_error_naming_file_line_and_column)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *path, *want;

	clean_env();
	path = write_config("{\"llm\": {\n  \"url\": \"http://127.0.0.1\",\n  \"model\" \"x\"\n}}\n");
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	want = xasprintf("%s:3:11: malformed JSON", path);
	CHECK_CONTAINS(err_msg(&err), want);
	free(want);
	err_clear(&err);
	free(path);
}

TEST(config_unknown_key_is_an_error_naming_its_path)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *path, *want;

	clean_env();
	path = write_config("{\"llm\": {\"url\": \"http://127.0.0.1\", \"modle\": \"x\"}}");
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	want = xasprintf("%s: llm: unknown key \"modle\"", path);
	CHECK_STR(err_msg(&err), want);
	free(want);
	err_clear(&err);
	free(path);
}

TEST(config_bad_value_names_the_key_and_the_range)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *path;

	clean_env();
	path = write_config("{\"llm\": {\"idle_timeout_ms\": -5, \"provider\": \"gemini\"}}");
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "llm: \"provider\" must be \"openai\", \"anthropic\" or \"ollama\"");
	CHECK_CONTAINS(err_msg(&err), "llm: \"idle_timeout_ms\" must be a whole number from 1 to 3600000");
	err_clear(&err);
	free(path);
}

TEST(config_refuses_a_key_written_in_the_file)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *path;

	clean_env();
	path = write_config("{\"llm\": {\"url\": \"https://api.openai.com/v1\", \"api_key\": \"sk-secret-in-file\"}}");
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	CHECK_CONTAINS(err_msg(&err), "\"api_key\" is not read from config.json");
	CHECK_CONTAINS(err_msg(&err), "api_key_file");
	CHECK_LACKS(err_msg(&err), "sk-secret-in-file");
	err_clear(&err);
	free(path);
}

TEST(config_a_folder_in_place_of_the_file_is_an_error)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *path = paths_config_file();

	clean_env();
	remove(path);
	fs_mkdir_p(path, 0700, NULL);
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	CHECK_CONTAINS(err_msg(&err), path);
	CHECK_CONTAINS(err_msg(&err), "is a folder");
	rmdir(path);
	err_clear(&err);
	free(path);
}

TEST(config_environment_overrides_the_file)
{
	llm_config cfg;
	char *path;

	clean_env();
	path = write_config("{\"llm\": {\"url\": \"http://127.0.0.1:1\", \"model\": \"a\", \"provider\": \"ollama\"}}");
	setenv("GRILL_LLM_URL", "https://api.anthropic.com", 1);
	setenv("GRILL_LLM_MODEL", "claude-x", 1);
	setenv("GRILL_LLM_PROVIDER", "anthropic", 1);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.url, "https://api.anthropic.com");
	CHECK_STR(cfg.url_from, "GRILL_LLM_URL");
	CHECK_STR(cfg.model, "claude-x");
	CHECK_INT(cfg.provider, LLM_PROVIDER_ANTHROPIC);
	CHECK_STR(cfg.provider_from, "GRILL_LLM_PROVIDER");
	llm_config_free(&cfg);
	clean_env();
	remove(path);
	free(path);
}

TEST(config_unknown_provider_in_the_environment_is_an_error)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *path = paths_config_file();

	clean_env();
	remove(path);
	setenv("GRILL_LLM_PROVIDER", "gemini", 1);
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	CHECK_STR(err_msg(&err), "GRILL_LLM_PROVIDER: unknown provider \"gemini\"; use openai, anthropic or ollama");
	clean_env();
	err_clear(&err);
	free(path);
}

TEST(config_key_file_readable_by_others_is_refused_with_the_fix)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	char *key = write_key("key-open", "sk-open-key\n", 0644), *fix;

	clean_env();
	setenv("GRILL_LLM_URL", "https://api.openai.com/v1", 1);
	setenv("GRILL_LLM_API_KEY_FILE", key, 1);
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	fix = xasprintf("key file %s can be read by other users (mode 0644); grill will not use it. "
	                "Fix with: chmod 600 '%s'", key, key);
	CHECK_STR(err_msg(&err), fix);
	CHECK_LACKS(err_msg(&err), "sk-open-key");
	clean_env();
	err_clear(&err);
	free(fix);
	free(key);
}

TEST(config_key_file_is_read_and_trimmed)
{
	llm_config cfg;
	char *key = write_key("key-ok", "  sk-good-key \n\n", 0600), *from;

	clean_env();
	setenv("GRILL_LLM_URL", "https://api.openai.com/v1", 1);
	setenv("GRILL_LLM_API_KEY_FILE", key, 1);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.api_key, "sk-good-key");
	from = xasprintf("%s (GRILL_LLM_API_KEY_FILE)", key);
	CHECK_STR(cfg.key_from, from);
	llm_config_free(&cfg);
	clean_env();
	free(from);
	free(key);
}

TEST(config_key_file_in_config_json_is_read_relative_to_home)
{
	llm_config cfg;
	char *key = write_key("key-home", "sk-home-key\n", 0400), *path;

	clean_env();
	path = write_config("{\"llm\": {\"url\": \"https://api.openai.com/v1\", \"api_key_file\": \"~/key-home\"}}");
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.api_key, "sk-home-key");
	CHECK_CONTAINS(cfg.key_from, "(config.json)");
	llm_config_free(&cfg);
	remove(path);
	free(path);
	free(key);
}

TEST(config_grill_key_wins_over_key_file_and_provider_key)
{
	llm_config cfg;
	char *key = write_key("key-prec", "sk-from-file\n", 0600);

	clean_env();
	setenv("GRILL_LLM_URL", "https://api.openai.com/v1", 1);
	setenv("OPENAI_API_KEY", "sk-from-openai-var", 1);
	setenv("GRILL_LLM_API_KEY_FILE", key, 1);
	setenv("GRILL_LLM_API_KEY", "sk-from-grill-var", 1);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.api_key, "sk-from-grill-var");
	CHECK_STR(cfg.key_from, "GRILL_LLM_API_KEY");
	llm_config_free(&cfg);
	unsetenv("GRILL_LLM_API_KEY");
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.api_key, "sk-from-file");
	llm_config_free(&cfg);
	unsetenv("GRILL_LLM_API_KEY_FILE");
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.api_key, "sk-from-openai-var");
	CHECK_STR(cfg.key_from, "OPENAI_API_KEY");
	llm_config_free(&cfg);
	clean_env();
	free(key);
}

TEST(config_provider_key_goes_only_to_its_provider)
{
	llm_config cfg;

	clean_env();
	setenv("GRILL_LLM_URL", "http://127.0.0.1:11434", 1);
	setenv("GRILL_LLM_PROVIDER", "ollama", 1);
	setenv("OPENAI_API_KEY", "sk-openai", 1);
	setenv("ANTHROPIC_API_KEY", "sk-ant", 1);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK(cfg.api_key == NULL);
	llm_config_free(&cfg);
	setenv("GRILL_LLM_PROVIDER", "anthropic", 1);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);
	CHECK_STR(cfg.api_key, "sk-ant");
	llm_config_free(&cfg);
	clean_env();
}

TEST(config_key_with_a_line_break_is_refused_without_showing_it)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;

	clean_env();
	setenv("GRILL_LLM_URL", "https://api.openai.com/v1", 1);
	setenv("GRILL_LLM_API_KEY", "sk-line\r\nX-Injected: 1", 1);
	CHECK_INT(llm_config_load(&cfg, &err), -1);
	CHECK_STR(err_msg(&err), "GRILL_LLM_API_KEY: the key must be one line of printable characters");
	clean_env();
	err_clear(&err);
}

TEST(config_reads_no_key_when_offline_or_without_url)
{
	llm_config cfg;
	char *key = write_key("key-bad", "sk-x\n", 0666), *path;

	clean_env();
	setenv("GRILL_LLM_API_KEY_FILE", key, 1);
	CHECK_INT(llm_config_load(&cfg, NULL), 0);   /* no URL: the bad key file does not matter */
	CHECK(!cfg.wanted);
	llm_config_free(&cfg);
	path = write_config("{\"llm\": {\"url\": \"https://api.openai.com/v1\", \"offline\": true}}");
	CHECK_INT(llm_config_load(&cfg, NULL), 0);   /* offline: nothing is sent, no key is read */
	CHECK(cfg.offline);
	CHECK(cfg.api_key == NULL);
	llm_config_free(&cfg);
	clean_env();
	remove(path);
	free(path);
	free(key);
}

int main(void)
{
	RUN(config_without_a_file_means_no_llm);
	RUN(config_reads_the_llm_object);
	RUN(config_malformed_json_is_an_error_naming_file_line_and_column);
	RUN(config_unknown_key_is_an_error_naming_its_path);
	RUN(config_bad_value_names_the_key_and_the_range);
	RUN(config_refuses_a_key_written_in_the_file);
	RUN(config_a_folder_in_place_of_the_file_is_an_error);
	RUN(config_environment_overrides_the_file);
	RUN(config_unknown_provider_in_the_environment_is_an_error);
	RUN(config_key_file_readable_by_others_is_refused_with_the_fix);
	RUN(config_key_file_is_read_and_trimmed);
	RUN(config_key_file_in_config_json_is_read_relative_to_home);
	RUN(config_grill_key_wins_over_key_file_and_provider_key);
	RUN(config_provider_key_goes_only_to_its_provider);
	RUN(config_key_with_a_line_break_is_refused_without_showing_it);
	RUN(config_reads_no_key_when_offline_or_without_url);
	return harness_done();
}
