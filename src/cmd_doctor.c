/*
 * `grill doctor`: where grill reads and writes, whether the banks and the
 * rubric load, and the language model: what is configured, whether the
 * server answers, the model it lists, the round trip, and what to fix.
 * Exit 0 when all is well (no LLM configured is well), 1 on any failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/bank.h"
#include "grill/commands.h"
#include "grill/config.h"
#include "grill/diag.h"
#include "grill/fsutil.h"
#include "grill/llm.h"
#include "grill/paths.h"
#include "grill/rubric.h"
#include "grill/term.h"

static void row(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void row(const char *label, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("  %-10s ", label);
	term_print_untrusted(stdout, buf);
	putchar('\n');
}

static void path_row(const char *label, char *path, const char *what)
{
	row(label, "%s%s%s", path, fs_is_dir(path) ? "" : " (not there yet; ", fs_is_dir(path) ? "" : what);
	free(path);
}

static int check_data(void)
{
	bank_set *set = bank_set_new();
	diag_list diags = DIAG_LIST_INIT;
	char *shipped = paths_shipped_banks(), *user = paths_user_banks(), *rdir = paths_shipped_rubrics();
	rubric *r;
	int problems = 0;
	size_t i;

	if (!fs_is_dir(shipped)) {
		row("banks", "FAILED: %s is missing. Fix: reinstall grill, or set GRILL_DATA_DIR to a folder "
		    "holding question_banks/ and rubrics/", shipped);
		problems++;
	} else {
		bank_set_add_dir(set, shipped, &diags);
		if (fs_is_dir(user))
			bank_set_add_dir(set, user, &diags);
		bank_set_link(set);
		row("banks", "%zu banks, %zu questions%s", bank_set_count(set), bank_set_question_count(set),
		    diags.n ? "" : ", all valid");
		for (i = 0; i < diags.n; i++)
			row("", "FAILED: %s", diags.items[i]);
		if (diags.n) {
			row("", "Fix: `grill validate FILE` explains each problem; a broken bank is skipped");
			problems++;
		}
	}
	diag_free(&diags);
	r = rubric_load_id(rdir, "self-assessment", &diags);
	if (r) {
		row("rubric", "%s, %zu dimensions", r->id, r->n_dims);
	} else {
		for (i = 0; i < diags.n; i++)
			row("rubric", "FAILED: %s", diags.items[i]);
		problems++;
	}
	rubric_free(r);
	diag_free(&diags);
	bank_set_free(set);
	free(shipped);
	free(user);
	free(rdir);
	return problems;
}

static int check_llm(void)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	llm_client *llm = NULL;
	llm_check_result res;
	char *file = paths_config_file();
	int problems = 0;

	printf("\nLanguage model (optional)\n");
	if (llm_config_load(&cfg, &err) < 0) {
		row("config", "FAILED: %s", err_msg(&err));
		row("", "Fix: correct the file or the variable; until then grill runs without a language model");
		err_clear(&err);
		free(file);
		return 1;
	}
	row("config", "%s%s", file, cfg.file_found ? "" : " (none: defaults)");
	free(file);
	if (!cfg.wanted) {
		row("status", "none configured; grill works fully offline");
		row("", "To use one, set GRILL_LLM_URL and GRILL_LLM_MODEL (see docs/llm.md)");
		llm_config_free(&cfg);
		return 0;
	}
	row("provider", "%s (%s)", llm_provider_name(cfg.provider), cfg.provider_from);
	row("URL", "%s (%s)", cfg.url, cfg.url_from);
	row("model", "%s%s%s%s", cfg.model ? cfg.model : "not set", cfg.model ? " (" : "",
	    cfg.model ? cfg.model_from : "", cfg.model ? ")" : "");
	if (cfg.offline) {
		row("key", "not read");
		row("status", "offline is set in %s: nothing is sent", cfg.file);
		llm_config_free(&cfg);
		return 0;
	}
	if (cfg.api_key)
		row("key", "set, from %s", cfg.key_from);
	else
		row("key", "not set%s", cfg.provider == LLM_PROVIDER_OLLAMA ? " (a local server needs none)" : "");
	if (llm_new(&cfg, &llm, &err) < 0) {
		row("status", "FAILED: %s", err_msg(&err));
		err_clear(&err);
		llm_config_free(&cfg);
		return 1;
	}
	llm_config_free(&cfg);
	row("sends to", "%s%s", llm_host(llm), llm_is_local(llm) ? " (this machine: nothing leaves it)" : "");
	if (llm_check(llm, &res, &err) < 0) {
		row("server", "FAILED: %s", err_msg(&err));
		err_clear(&err);
		problems++;
	} else {
		row("server", "answers; round trip %.0f ms; lists %zu model%s", res.rtt_ms, res.n_models,
		    res.n_models == 1 ? "" : "s");
		if (res.model_listed) {
			row("", "model \"%s\" is there", llm_model(llm));
		} else {
			size_t i;
			char list[512] = "";
			size_t used = 0;

			for (i = 0; i < res.n_models && i < 8 && used < sizeof(list) - 1; i++) {
				int n = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", res.models[i]);

				if (n < 0)
					break;
				used += (size_t)n;
			}
			row("", "FAILED: the server does not list model \"%s\"%s%s", llm_model(llm),
			    res.n_models ? "; it offers: " : "", list);
			if (llm_provider_of(llm) == LLM_PROVIDER_OLLAMA)
				row("", "Fix: ollama pull %s, or set GRILL_LLM_MODEL to one it has", llm_model(llm));
			else
				row("", "Fix: set GRILL_LLM_MODEL (or \"model\" in config.json) to one it offers");
			problems++;
		}
		llm_check_result_free(&res);
	}
	llm_free(llm);
	return problems;
}

int cmd_doctor(const command *cmd, const cli_args *args)
{
	int problems = 0;

	(void)cmd;
	(void)args;
	printf("Where grill reads and writes\n");
	path_row("data", paths_data_root(), "reinstall grill or set GRILL_DATA_DIR)");
	path_row("sessions", paths_sessions_dir(), "made on the first session)");
	path_row("your banks", paths_user_banks(), "optional)");
	{
		char *cache = paths_bank_cache();

		if (cache)
			path_row("bank cache", cache, "made on the first load; safe to delete)");
		else
			row("bank cache", "off (GRILL_NO_CACHE is set): every command parses every bank");
	}
	problems += check_data();
	problems += check_llm();
	printf("\n");
	if (problems) {
		printf("%d problem%s found.\n", problems, problems == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	printf("All is well.\n");
	return EXIT_OK;
}
