/* html.c: the escaping writer. */
#include "html.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"
#include "../core/points.h"

void h_text(struct buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_putn(b, run, (size_t)(p - run));
		buf_puts(b, rep);
		run = p + 1;
	}
	buf_puts(b, run);
}

static void url_component(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

static void cn_date(struct buf *b, const char *iso)
{
	char day[DATE_CN_SIZE];
	date_cn(iso, day);
	h_text(b, day);
}

/* A recorded UTC time as the reader's local 2017年1月20日 10:32. */
static void cn_time(struct buf *b, const char *utc)
{
	char t[TIME_CN_SIZE];
	if (!time_cn(utc, t)) {
		h_text(b, utc);
		return;
	}
	buf_printf(b, "<time datetime=\"%.10sT%sZ\">", utc, utc + 11);
	h_text(b, t);
	buf_puts(b, "</time>");
}

void hv(struct buf *b, const char *fmt, va_list ap)
{
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_putn(b, run, (size_t)(p - run));
		p++;
		char num[32];
		switch (*p) {
		case 's': h_text(b, va_arg(ap, const char *)); break;
		case 'S': {
			const char *raw = va_arg(ap, const char *);
			if (raw)
				buf_puts(b, raw);
			break;
		}
		case 'd': snprintf(num, sizeof num, "%d", va_arg(ap, int)); buf_puts(b, num); break;
		case 'l':
			if (p[1] == 'l' && p[2] == 'd') {
				snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
				p += 2;
			} else if (p[1] == 'd') {
				snprintf(num, sizeof num, "%ld", va_arg(ap, long));
				p++;
			} else {
				abort();
			}
			buf_puts(b, num);
			break;
		case 'z':
			if (p[1] != 'u')
				abort();
			snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
			buf_puts(b, num);
			p++;
			break;
		case 'P': {
			char pts[POINTS_BUFSZ];
			buf_puts(b, points_fmt(va_arg(ap, points_t), pts));
			break;
		}
		case 'U': url_component(b, va_arg(ap, const char *)); break;
		case 'D': cn_date(b, va_arg(ap, const char *)); break;
		case 'T': cn_time(b, va_arg(ap, const char *)); break;
		case '%': buf_putc(b, '%'); break;
		default: abort();
		}
		run = p + 1;
	}
	buf_puts(b, run);
}

void h(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hv(b, fmt, ap);
	va_end(ap);
}

void h_json_str(struct buf *b, const char *s)
{
	/* buf_put_json escapes quotes, backslashes and control characters;
	 * '<' too, so a string never closes a script or a tag. */
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}
