#ifndef GRILL_STRMAP_H
#define GRILL_STRMAP_H

#include <stddef.h>

/*
 * A string-keyed hash map (open addressing). Keys are borrowed: they must
 * outlive the map. Internal to grill; not part of the public headers.
 */
typedef struct strmap strmap;

strmap *strmap_new(void);
void strmap_free(strmap *m);
/* Returns the previous value for key, or NULL (and stores value). */
void *strmap_put(strmap *m, const char *key, void *value);
void *strmap_get(const strmap *m, const char *key);
size_t strmap_count(const strmap *m);

#endif
