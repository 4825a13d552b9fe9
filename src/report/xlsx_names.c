/* xlsx_names.c: worksheet names Excel accepts. A name has at most 31
 * characters (UTF-16 units), none of []:*?/\, does not start or end with
 * an apostrophe, is not "History" (Excel's own), and differs from every
 * other name of the workbook regardless of case. Unit names may break any
 * of these (a long department's name; two units whose first 31 characters
 * agree), so each is made acceptable, then unique with a number. The
 * names given are kept in a hash set: the all-units workbook has tens of
 * thousands. */
#include "xlsx_book.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_UNITS 31

/* The full-width stand-ins for the characters a name may not hold. */
static const char *stand_in(char c)
{
	switch (c) {
	case '[': return "【";
	case ']': return "】";
	case ':': return "：";
	case '*': return "＊";
	case '?': return "？";
	case '/': return "／";
	case '\\': return "＼";
	default: return NULL;
	}
}

/* The length of the UTF-8 sequence at s (1 for a stray byte) and the
 * UTF-16 units its character takes. */
static size_t char_len(const unsigned char *s, int *units)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >> 5 == 6 ? 2 : s[0] >> 4 == 14 ? 3 : s[0] >> 3 == 30 ? 4 : 1;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			n = 1;
	*units = n == 4 ? 2 : 1;
	return n;
}

/* s with the forbidden characters replaced and the apostrophes at either
 * end removed, cut to at most max UTF-16 units. */
static char *clean(const char *s, int max)
{
	struct buf b = {0};
	while (*s == '\'')
		s++;
	int units = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int u;
		size_t n = char_len(p, &u);
		const char *alt = stand_in((char)*p);
		if (units + u > max)
			break;
		if (alt)
			buf_puts(&b, alt);
		else if (*p < 0x20)
			buf_putc(&b, ' ');
		else
			buf_putn(&b, (const char *)p, n);
		units += u;
		p += n;
	}
	while (b.len && b.p[b.len - 1] == '\'')
		b.p[--b.len] = '\0';
	return buf_take(&b);
}

/* The name as Excel compares it: ASCII letters folded. */
static char *fold(const char *s)
{
	char *f = xstrdup(s);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of folded name f: where it is, or the empty one it would take. */
static char **slot(struct sheet_names *t, const char *f)
{
	size_t i = (size_t)hash(f) & (t->cap - 1);
	while (t->slots[i] && strcmp(t->slots[i], f) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static void grow(struct sheet_names *t)
{
	struct sheet_names bigger = {xcalloc(t->cap ? t->cap * 2 : 64, sizeof(char *)), t->cap ? t->cap * 2 : 64, t->n};
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i])
			*slot(&bigger, t->slots[i]) = t->slots[i];
	free(t->slots);
	*t = bigger;
}

/* Whether name is free; if so it is taken. */
static bool take(struct sheet_names *t, const char *name)
{
	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	char *f = fold(name);
	char **s = slot(t, f);
	if (*s || strcmp(f, "history") == 0) {
		free(f);
		return false;
	}
	*s = f;
	t->n++;
	return true;
}

char *sheet_name_make(struct sheet_names *names, const char *want)
{
	char *name = clean(want ? want : "", NAME_MAX_UNITS);
	if (!*name) {
		free(name);
		name = xstrdup("Sheet");
	}
	for (int k = 2; !take(names, name); k++) {
		char tail[32];
		snprintf(tail, sizeof tail, "（%d）", k);
		/* "（N）" is 2 units of brackets and one per digit */
		int tail_units = 2 + (int)strlen(tail) - 6;
		char *base = clean(want ? want : "Sheet", NAME_MAX_UNITS - tail_units);
		free(name);
		struct buf b = {0};
		buf_printf(&b, "%s%s", *base ? base : "Sheet", tail);
		free(base);
		name = buf_take(&b);
	}
	return name;
}

void sheet_names_free(struct sheet_names *names)
{
	for (size_t i = 0; i < names->cap; i++)
		free(names->slots[i]);
	free(names->slots);
	memset(names, 0, sizeof *names);
}
