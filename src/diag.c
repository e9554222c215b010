#include "grill/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "grill/xalloc.h"

void diag_add(diag_list *d, const char *fmt, ...)
{
	va_list ap;
	char buf[2048];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xgrow((void **)&d->items, &d->cap, d->n + 1, sizeof(*d->items));
	d->items[d->n++] = xstrdup(buf);
}

void diag_free(diag_list *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->items[i]);
	free(d->items);
	d->items = NULL;
	d->n = d->cap = 0;
}
