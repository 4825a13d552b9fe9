/* points.c: parsing, formatting and rounding of hundredths of a point. */
#include "points.h"
#include "numtext.h"

#include <assert.h>
#include <stdio.h>

/* The number in plain ASCII: digits, at most two decimals. */
static int parse_plain(const char *s, points_t *out)
{
	points_t whole = 0;
	int digits = 0, decimals = 0;
	points_t frac = 0;

	if (!s || !*s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		whole = whole * 10 + (*s - '0');
		if (++digits > 12)
			return -1;
	}
	if (digits == 0)
		return -1;
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (++decimals > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (decimals == 0)
			return -1;
		if (decimals == 1)
			frac *= 10;
	}
	if (*s != '\0')
		return -1;
	points_t v = whole * 100 + frac;
	if (v > POINTS_LIMIT)
		return -1;
	*out = v;
	return 0;
}

int points_parse(const char *s, points_t *out)
{
	char t[64];
	if (!s || !numtext_fold(s, t, sizeof t))
		return -1;
	return parse_plain(t, out);
}

char *points_fmt(points_t v, char *buf)
{
	/* By hand: scoring formats a number for every derivation. */
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t whole = a / 100, frac = a % 100;
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole);
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = digits[--n];
	if (frac) {
		*p++ = '.';
		*p++ = (char)('0' + frac / 10);
		if (frac % 10)
			*p++ = (char)('0' + frac % 10);
	}
	*p = '\0';
	return buf;
}

points_t points_muldiv(points_t a, points_t b, points_t c)
{
	assert(c > 0);
	__int128 num = (__int128)a * b;
	int neg = num < 0;
	if (neg)
		num = -num;
	__int128 q = (num * 2 + c) / (2 * (__int128)c);
	return (points_t)(neg ? -q : q);
}

points_t points_mean(points_t sum, int64_t n)
{
	return points_muldiv(sum, 1, n);
}
