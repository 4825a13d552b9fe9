/* numtext.c: full-width digits, point and minus folded to ASCII, spaces
 * around a number dropped (see numtext.h). */
#include "numtext.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The ASCII character of the full-width or space code point at s (its
 * length in *len), ' ' for a space, or 0 for anything else. */
static char fold_one(const unsigned char *s, size_t *len)
{
	if (s[0] == ' ' || s[0] == '\t') {
		*len = 1;
		return ' ';
	}
	/* U+3000 IDEOGRAPHIC SPACE: E3 80 80 */
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) {
		*len = 3;
		return ' ';
	}
	/* U+FF0D FULLWIDTH HYPHEN-MINUS .. U+FF19 FULLWIDTH DIGIT NINE: EF BC 8D..99 */
	if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x8D && s[2] <= 0x99 && s[2] != 0x8F) {
		*len = 3;
		return s[2] == 0x8D ? '-' : s[2] == 0x8E ? '.' : (char)('0' + (s[2] - 0x90));
	}
	/* U+2212 MINUS SIGN: E2 88 92 */
	if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) {
		*len = 3;
		return '-';
	}
	*len = 1;
	return 0;
}

bool numtext_fold(const char *s, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0, end = 0; /* end: the length up to the last non-space */
	bool started = false;
	while (*p) {
		size_t len;
		char c = fold_one(p, &len);
		if (c == ' ' && !started) {
			p += len;
			continue;
		}
		/* anything else is copied as it is, for the parser to refuse */
		for (size_t i = 0; i < (c ? 1 : len); i++) {
			if (n + 1 >= cap)
				return false;
			out[n++] = c ? c : (char)p[i];
		}
		started = true;
		if (c != ' ')
			end = n;
		p += len;
	}
	out[end] = '\0';
	return true;
}

int numtext_count(const char *s, long long *out)
{
	char t[64];
	if (!numtext_fold(s, t, sizeof t) || !t[0])
		return -1;
	const char *p = t[0] == '-' ? t + 1 : t;
	if (*p < '0' || *p > '9')
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(t, &end, 10);
	if (*end)
		return -1;
	if (errno == ERANGE)
		return -2;
	*out = v;
	return 0;
}
