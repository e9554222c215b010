/* The "meta" object of a debrief transcript. */
#include "grill/debrief.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <string.h>
#include <stdlib.h>

#include "grill/xalloc.h"

static char *field(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) && v->valuestring && *v->valuestring ? xstrdup(v->valuestring) : NULL;
}

void debrief_meta_parse(const char *meta_json, debrief_meta *m)
{
	cJSON *root = meta_json ? cJSON_Parse(meta_json) : NULL;

	memset(m, 0, sizeof(*m));
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return;
	}
	m->company = field(root, "company");
	m->role = field(root, "role");
	m->date = field(root, "date");
	m->round = field(root, "round");
	m->went_well = field(root, "went_well");
	m->rehearse = field(root, "rehearse");
	cJSON_Delete(root);
}

void debrief_meta_json(const debrief_meta *m, strbuf *out)
{
	const char *const keys[] = { "company", "role", "date", "round", "went_well", "rehearse" };
	const char *const values[] = { m->company, m->role, m->date, m->round, m->went_well, m->rehearse };
	bool first = true;
	size_t i;

	sb_putc(out, '{');
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!values[i])
			continue;
		if (!first)
			sb_append(out, ", ");
		first = false;
		sb_append_json_string(out, keys[i]);
		sb_append(out, ": ");
		sb_append_json_string(out, values[i]);
	}
	sb_putc(out, '}');
}

void debrief_meta_free(debrief_meta *m)
{
	free(m->company);
	free(m->role);
	free(m->date);
	free(m->round);
	free(m->went_well);
	free(m->rehearse);
	memset(m, 0, sizeof(*m));
}
