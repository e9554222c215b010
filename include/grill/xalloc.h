#ifndef GRILL_XALLOC_H
#define GRILL_XALLOC_H

#include <stddef.h>

/*
 * The one out-of-memory policy: these never return NULL. On failure they
 * print one line to stderr and abort, so callers need no NULL checks.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows *ptr (an array of *cap elements of elem bytes) to hold need elements. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
