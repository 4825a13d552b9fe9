/* figures.c: the one parser and printer of a finding's figures (figures.h). */
#include "figures.h"
#include "numtext.h"
#include "util.h"

#include <string.h>

enum sep { SEP_END, SEP_FIGURE, SEP_RATIO, SEP_PLUS, SEP_TIMES, SEP_NONE };

/* The separator at p, if any, and its length in bytes. */
static enum sep sep_at(const char *p, int *len)
{
	static const struct { const char *s; enum sep k; } seps[] = {
		{";", SEP_FIGURE}, {"；", SEP_FIGURE}, {"/", SEP_RATIO}, {"／", SEP_RATIO},
		{"+", SEP_PLUS}, {"＋", SEP_PLUS}, {"×", SEP_TIMES}, {"x", SEP_TIMES},
		{"X", SEP_TIMES}, {"*", SEP_TIMES}, {"＊", SEP_TIMES},
	};
	if (!*p) {
		*len = 0;
		return SEP_END;
	}
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t n = strlen(seps[i].s);
		if (strncmp(p, seps[i].s, n) == 0) {
			*len = (int)n;
			return seps[i].k;
		}
	}
	return SEP_NONE;
}

int figures_parse(const char *s, struct figures *out, const char **why)
{
	memset(out, 0, sizeof *out);
	*why = "须填写数据";
	if (!s)
		return -1;
	if (strlen(s) > FIGURES_TEXT_MAX) {
		*why = "数据过长";
		return -1;
	}
	const char *p = s;
	long long times = 0;     /* a COUNT× read before the number */
	int ratio_seen = 0;
	out->first[0] = 0;
	out->n = 1;
	for (;;) {
		/* the piece up to the next separator */
		const char *q = p;
		int len = 0;
		enum sep k;
		while ((k = sep_at(q, &len)) == SEP_NONE)
			q++;
		char piece[64];
		size_t n = (size_t)(q - p);
		if (n == 0 || n >= sizeof piece) {
			*why = n ? "数过长" : "有空缺的数（两个分隔符之间或开头结尾没有数）";
			return -1;
		}
		memcpy(piece, p, n);
		piece[n] = '\0';
		if (k == SEP_TIMES) {
			if (times) {
				*why = "“×”只能出现一次（次数×金额）";
				return -1;
			}
			if (numtext_count(piece, &times) != 0 || times < 1 || times > 1000000) {
				*why = "“×”前须是 1 以上的整数（次数）";
				return -1;
			}
			p = q + len;
			continue;
		}
		points_t v;
		if (points_parse(piece, &v) != 0) {
			*why = "数的格式不对（须是非负数，最多两位小数）";
			return -1;
		}
		if (out->nterms == FIGURE_TERMS_MAX) {
			*why = "数据的项数过多";
			return -1;
		}
		out->t[out->nterms++] = (struct figure_term){times ? times : 1, v};
		times = 0;
		if (k == SEP_END)
			break;
		if (k == SEP_FIGURE || k == SEP_RATIO) {
			if (k == SEP_RATIO)
				ratio_seen++;
			if (out->n == FIGURES_MAX) {
				*why = "数据的个数过多";
				return -1;
			}
			out->first[out->n++] = out->nterms;
		}
		p = q + len;
	}
	out->first[out->n] = out->nterms;
	if (ratio_seen && (ratio_seen > 1 || out->n != 2)) {
		*why = "比率只能写成 分子/分母 两个数";
		return -1;
	}
	out->ratio = ratio_seen == 1;
	return 0;
}

char *figures_print(const struct figures *f)
{
	struct buf b = {0};
	char v[POINTS_BUFSZ];
	for (int i = 0; i < f->n; i++) {
		if (i)
			buf_puts(&b, f->ratio ? "/" : ";");
		for (int j = f->first[i]; j < f->first[i + 1]; j++) {
			if (j > f->first[i])
				buf_putc(&b, '+');
			if (f->t[j].times != 1)
				buf_printf(&b, "%lld×", f->t[j].times);
			buf_puts(&b, points_fmt(f->t[j].value, v));
		}
	}
	return buf_take(&b);
}

char *figures_canonical(const char *s)
{
	struct figures f;
	const char *why;
	return figures_parse(s, &f, &why) == 0 ? figures_print(&f) : NULL;
}

points_t figure_sum(const struct figures *f, int i)
{
	points_t sum = 0;
	for (int j = f->first[i]; j < f->first[i + 1]; j++)
		sum += (points_t)f->t[j].times * f->t[j].value;
	return sum;
}

bool figure_plain(const struct figures *f, int i)
{
	return f->first[i + 1] - f->first[i] == 1 && f->t[f->first[i]].times == 1;
}

int figure_whole(const struct figures *f, int i, long long *out)
{
	if (!figure_plain(f, i) || f->t[f->first[i]].value % 100)
		return -1;
	*out = f->t[f->first[i]].value / 100;
	return 0;
}
