#include "grill/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

static void sb_reserve(strbuf *sb, size_t extra)
{
	xgrow((void **)&sb->buf, &sb->cap, sb->len + extra + 1, 1);
}

void sb_appendn(strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_append(strbuf *sb, const char *s)
{
	sb_appendn(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
	sb_appendn(sb, &c, 1);
}

void sb_appendf(strbuf *sb, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		sb_reserve(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
		sb->len += (size_t)n;
	}
	va_end(ap2);
}

void sb_append_json_string(strbuf *sb, const char *s)
{
	const unsigned char *p;

	sb_putc(sb, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_append(sb, "\\\""); break;
		case '\\': sb_append(sb, "\\\\"); break;
		case '\n': sb_append(sb, "\\n"); break;
		case '\r': sb_append(sb, "\\r"); break;
		case '\t': sb_append(sb, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sb_appendf(sb, "\\u%04x", *p);
			else
				sb_putc(sb, (char)*p);
		}
	}
	sb_putc(sb, '"');
}

const char *sb_str(const strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void sb_truncate(strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

char *sb_detach(strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void sb_free(strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}
