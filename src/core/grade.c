/* grade.c: thresholds, vetoes, ranking and quotas. */
#include "grade.h"
#include "score.h"

#include <stdio.h>
#include <stdlib.h>

enum grade grade_by_score(const struct scheme *s, points_t total)
{
	for (int i = 0; i < s->ngrades; i++)
		if (!s->grades[i].has_min || total >= s->grades[i].min)
			return s->grades[i].grade;
	return GRADE_FAIL;
}

static void add_hit(struct veto_hit **hits, int *n, const struct veto_rule *r,
		    char *detail)
{
	*hits = xrealloc(*hits, (size_t)(*n + 1) * sizeof **hits);
	(*hits)[*n].rule = r;
	(*hits)[*n].detail = detail;
	(*n)++;
}

int veto_evaluate(const struct scheme *s, const struct accident_summary *acc,
		  unsigned flags, struct veto_hit **hits)
{
	int n = 0;
	for (int i = 0; i < s->nvetoes; i++) {
		const struct veto_rule *v = &s->vetoes[i];
		struct buf b = {0};
		switch (v->when) {
		case WHEN_ACCIDENTS: {
			int count = 0;
			for (int g = v->accident_grade; g <= ACCIDENT_EXTRAORDINARY; g++) {
				if (!v->min_grade && g != (int)v->accident_grade)
					continue;
				count += acc->count[g];
			}
			if (count >= v->count)
				buf_printf(&b, "发生%s%s事故 %d 起", accident_grade_name(v->accident_grade),
					   v->min_grade ? "及以上" : "", count);
			break;
		}
		case WHEN_DEATHS:
			if (acc->deaths >= v->count)
				buf_printf(&b, "全年事故累计死亡 %lld 人", acc->deaths);
			break;
		case WHEN_FLAG:
			if ((v->flag == FLAG_MISREPORTED && acc->misreported) || (flags & v->flag))
				buf_puts(&b, veto_flag_title(v->flag));
			break;
		default:        /* the forms of veto_forms.c */
			break;
		}
		if (b.len)
			add_hit(hits, &n, v, buf_take(&b));
		buf_free(&b);
	}
	return n;
}

enum grade veto_effect_cap(enum grade cap, enum veto_effect effect, enum grade grade)
{
	enum grade g = effect == EFFECT_AT_MOST ? grade : GRADE_FAIL;
	if (g == GRADE_NONE)
		return cap;
	return cap == GRADE_NONE || g > cap ? g : cap;
}

enum grade veto_apply(enum grade g, const struct veto_hit *hits, int n)
{
	enum grade cap = GRADE_NONE;
	for (int i = 0; i < n; i++)
		cap = veto_effect_cap(cap, hits[i].rule->effect, hits[i].rule->grade);
	return cap != GRADE_NONE && g != GRADE_NONE && g < cap ? cap : g;
}

void rank_totals(const points_t *totals, int n, int *rank)
{
	/* O(n log n): sort indices by total descending, then walk. */
	int *idx = xmalloc((size_t)n * sizeof *idx);
	for (int i = 0; i < n; i++)
		idx[i] = i;
	/* insertion into a heap would do; qsort needs the totals, so use a
	 * simple merge sort on indices */
	int *tmp = xmalloc((size_t)n * sizeof *tmp);
	for (int width = 1; width < n; width *= 2) {
		for (int lo = 0; lo < n; lo += 2 * width) {
			int mid = lo + width < n ? lo + width : n;
			int hi = lo + 2 * width < n ? lo + 2 * width : n;
			int a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				tmp[k++] = totals[idx[a]] >= totals[idx[b]] ? idx[a++] : idx[b++];
			while (a < mid)
				tmp[k++] = idx[a++];
			while (b < hi)
				tmp[k++] = idx[b++];
		}
		int *t = idx;
		idx = tmp;
		tmp = t;
	}
	for (int i = 0; i < n; i++)
		rank[idx[i]] = (i > 0 && totals[idx[i]] == totals[idx[i - 1]])
			? rank[idx[i - 1]] : i + 1;
	free(idx);
	free(tmp);
}

int grade_apply_quota(const struct scheme *s, const points_t *totals, int n,
		      enum grade *grades)
{
	int moved = 0;
	for (int gi = 0; gi < s->ngrades; gi++) {
		const struct grade_rule *gr = &s->grades[gi];
		if (gr->quota_pct < 0 || gi + 1 >= s->ngrades)
			continue;
		int allowed = (int)((long long)gr->quota_pct * n / 100);
		/* Holders of this grade, best first; keep those whose total is
		 * above the boundary so that at most `allowed` keep it. */
		int holders = 0;
		for (int i = 0; i < n; i++)
			holders += grades[i] == gr->grade;
		if (holders <= allowed)
			continue;
		/* Find the lowest total t such that the holders with total >= t
		 * number at most `allowed`. */
		points_t cut = POINTS_LIMIT + 1;
		for (;;) {
			points_t next = -1;
			for (int i = 0; i < n; i++)
				if (grades[i] == gr->grade && totals[i] < cut && totals[i] > next)
					next = totals[i];
			if (next < 0)
				break;
			int keep = 0;
			for (int i = 0; i < n; i++)
				keep += grades[i] == gr->grade && totals[i] >= next;
			if (keep > allowed)
				break;
			cut = next;
		}
		for (int i = 0; i < n; i++)
			if (grades[i] == gr->grade && totals[i] < cut) {
				grades[i] = s->grades[gi + 1].grade;
				moved++;
			}
	}
	return moved;
}
