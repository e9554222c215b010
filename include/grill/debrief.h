#ifndef GRILL_DEBRIEF_H
#define GRILL_DEBRIEF_H

#include "grill/strbuf.h"

/*
 * The details of a debriefed real interview, kept in a transcript's "meta"
 * object (kind "debrief"): every field optional. Plain data; strings owned
 * by the struct, NULL when absent.
 */
typedef struct debrief_meta {
	char *company;
	char *role;
	char *date;        /* YYYY-MM-DD as typed */
	char *round;       /* "phone screen", "onsite 2", ... */
	char *went_well;
	char *rehearse;
} debrief_meta;

/* Reads the fields from a raw JSON object (NULL or malformed: all NULL). */
void debrief_meta_parse(const char *meta_json, debrief_meta *m);
/* The fields as a JSON object, absent ones left out. */
void debrief_meta_json(const debrief_meta *m, strbuf *out);
void debrief_meta_free(debrief_meta *m);

#endif
