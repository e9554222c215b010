#ifndef GRILL_STRBUF_H
#define GRILL_STRBUF_H

#include <stddef.h>

/*
 * A growable NUL-terminated string. buf is NULL until the first append;
 * sb_str() always returns a valid string. The struct is plain data so it can
 * live on the stack: strbuf sb = STRBUF_INIT; ... sb_free(&sb);
 */
typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void sb_append(strbuf *sb, const char *s);
void sb_appendn(strbuf *sb, const char *s, size_t n);
void sb_putc(strbuf *sb, char c);
void sb_appendf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void sb_append_json_string(strbuf *sb, const char *s);
const char *sb_str(const strbuf *sb);
void sb_truncate(strbuf *sb, size_t len);
/* Hands the buffer to the caller (never NULL) and resets sb; caller frees. */
char *sb_detach(strbuf *sb);
void sb_free(strbuf *sb);

#endif
