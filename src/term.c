#include "grill/term.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grill/strbuf.h"
#include "grill/xalloc.h"

/* Length of the UTF-8 sequence at p (1-4), or 0 if it is not valid. */
static size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
	unsigned c = p[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return n;
}

bool term_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		/* most text is ASCII: skip it eight bytes at a time */
		while (len - i >= 8) {
			uint64_t chunk;

			memcpy(&chunk, p + i, 8);
			if (chunk & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);

		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* Skips an escape sequence starting at p[0] == ESC; returns bytes consumed. */
static size_t skip_escape(const unsigned char *p, size_t avail)
{
	size_t i = 1;

	if (avail < 2)
		return 1;
	switch (p[1]) {
	case '[': /* CSI: parameters and intermediates, then a final byte */
		for (i = 2; i < avail; i++)
			if (p[i] >= 0x40 && p[i] <= 0x7e)
				return i + 1;
		return avail;
	case ']': case 'P': case 'X': case '^': case '_': /* strings ended by BEL or ST */
		for (i = 2; i < avail; i++) {
			if (p[i] == 0x07)
				return i + 1;
			if (p[i] == 0x1b && i + 1 < avail && p[i + 1] == '\\')
				return i + 2;
		}
		return avail;
	default:
		/* two-byte sequences (ESC c, ESC 7, ...) and charset designations */
		if (p[1] >= 0x20 && p[1] <= 0x2f && avail > 2)
			return 3;
		return 2;
	}
}

char *term_sanitize(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;
	strbuf out = STRBUF_INIT;

	while (i < len) {
		unsigned c = p[i];
		size_t n;

		if (c == 0x1b) {
			i += skip_escape(p + i, len - i);
			continue;
		}
		if (c == '\n' || c == '\t') {
			sb_putc(&out, (char)c);
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (n == 0) {
			sb_putc(&out, '?');
			i++;
			continue;
		}
		/* C1 controls U+0080..U+009F arrive as C2 80..C2 9F; CSI among them */
		if (n == 2 && c == 0xc2 && p[i + 1] < 0xa0) {
			i += 2;
			continue;
		}
		sb_appendn(&out, s + i, n);
		i += n;
	}
	return sb_detach(&out);
}

bool term_color_enabled(FILE *stream)
{
	const char *nc = getenv("NO_COLOR");

	if (nc && *nc)
		return false;
	return isatty(fileno(stream)) == 1;
}

term_style term_style_for(FILE *stream)
{
	term_style on = { "\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[33m", "\033[36m", "\033[0m" };
	term_style off = { "", "", "", "", "", "", "" };

	return term_color_enabled(stream) ? on : off;
}

void term_print_untrusted(FILE *stream, const char *s)
{
	char *clean = term_sanitize(s);

	fputs(clean, stream);
	free(clean);
}

void term_print_wrapped(FILE *stream, const char *text, int indent, int width)
{
	char *clean = term_sanitize(text);
	const char *p = clean;
	int col = 0, room = width - indent;

	if (room < 20)
		room = 20;
	fprintf(stream, "%*s", indent, "");
	while (*p) {
		const char *w = p;
		int wlen;

		if (*p == '\n') {
			fprintf(stream, "\n%*s", indent, "");
			col = 0;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		while (*p && *p != ' ' && *p != '\n')
			p++;
		wlen = (int)(p - w);
		if (col > 0 && col + 1 + wlen > room) {
			fprintf(stream, "\n%*s", indent, "");
			col = 0;
		} else if (col > 0) {
			fputc(' ', stream);
			col++;
		}
		fwrite(w, 1, (size_t)wlen, stream);
		col += wlen;
	}
	fputc('\n', stream);
	free(clean);
}
