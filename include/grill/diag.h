#ifndef GRILL_DIAG_H
#define GRILL_DIAG_H

#include <stddef.h>

/*
 * A list of problems, one line each ("FILE: PATH: cause"), for loaders
 * that report everything wrong with a file rather than only the first.
 */
typedef struct diag_list {
	char **items;
	size_t n;
	size_t cap;
} diag_list;

#define DIAG_LIST_INIT { NULL, 0, 0 }

void diag_add(diag_list *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_free(diag_list *d);

#endif
