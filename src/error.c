#include "grill/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "grill/strbuf.h"
#include "grill/xalloc.h"

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return xstrdup("(unformattable error)");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

void err_set(grill_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	free(err->msg);
	va_start(ap, fmt);
	err->msg = vformat(fmt, ap);
	va_end(ap);
}

void err_prefix(grill_err *err, const char *fmt, ...)
{
	va_list ap;
	char *prefix, *joined;

	if (!err || !err->msg)
		return;
	va_start(ap, fmt);
	prefix = vformat(fmt, ap);
	va_end(ap);
	joined = xasprintf("%s: %s", prefix, err->msg);
	free(prefix);
	free(err->msg);
	err->msg = joined;
}

const char *err_msg(const grill_err *err)
{
	return err && err->msg ? err->msg : "unknown error";
}

void err_clear(grill_err *err)
{
	if (!err)
		return;
	free(err->msg);
	err->msg = NULL;
}
