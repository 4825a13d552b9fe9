/* events.c: accidents, the industry table, veto causes and the daily
 * assessment: what the office records about a year besides findings. */
#include "service_impl.h"
#include "../core/daily.h"
#include "../storage/daily.h"
#include "../storage/events.h"
#include "../storage/unit.h"

#include <stdlib.h>
#include <string.h>


static int accident_texts(struct svc *s, const struct accident_rec *a)
{
	return svc_text(s, "industry", "行业", a->industry, UNIT_WORD_MAX, false, false) ||
	       svc_text(s, "note", "备注", a->note, TEXT_NOTE_MAX, true, false) ||
	       svc_text(s, "misreported_by", "瞒报单位", a->misreported_by, UNIT_NAME_MAX, false, false) ?
	       -1 : 0;
}

int svc_accident_add(struct svc *s, struct accident_rec *a)
{
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0 || accident_texts(s, a) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, accident_add(s->db, a) == 0 ? 0 : svc_fail_db(s));
}

int svc_accident_list(struct svc *s, struct accident_rec **out, int *n)
{
	if (svc_allow(s, OP_EVENT_READ, NULL) != 0)
		return -1;
	return accident_list(s->db, out, n) == 0 ? 0 : svc_fail_db(s);
}

int svc_accident_remove(struct svc *s, long long id, const char *reason)
{
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0 ||
	    svc_text(s, "reason", "删除原因", reason, TEXT_NOTE_MAX, true, true) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, accident_remove(s->db, id, reason) == 0 ? 0 : svc_fail_db(s));
}

static char *dup_nonempty(const char *v)
{
	return v && *v ? xstrdup(v) : NULL;
}

int svc_accident_import(struct svc *s, const struct csv_source *src, const char *file,
			long long *rows)
{
	static const char *const cols[][3] = {
		{"县区", "county", NULL}, {"日期", "date", NULL}, {"死亡", "deaths", NULL},
		{"重伤", "injuries", NULL}, {"损失", "loss", NULL}, {"行业", "industry", NULL},
		{"瞒报", "concealed", NULL}, {"谎报", "false-report", NULL}, {"漏报", "omitted", NULL},
		{"备注", "note", NULL}, {"瞒报单位", "misreported-by", NULL},
		{"职业病危害", "occupational", NULL}, {"等级", "grade", NULL},
	};
	enum { NCOLS = 13 };
	static const char *const known[] = {"县区", "county", "日期", "date", "死亡", "deaths",
		"重伤", "injuries", "损失", "loss", "行业", "industry", "瞒报", "concealed", "谎报",
		"false-report", "漏报", "omitted", "备注", "note", "瞒报单位", "misreported-by",
		"职业病危害", "occupational", "等级", "grade", NULL};
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0)
		return -1;
	struct csv_reader r;
	struct diag d = {0};
	char digest[65];
	if (svc_open_csv(s, &r, src, file, digest, &d) != 0)
		return -1;
	*rows = 0;
	int bad = 0, rc = csv_next(&r, &d);
	if (rc <= 0) {
		if (rc == 0)
			diag_add(&d, "%s：文件为空（需要表头行）", file);
		csv_close(&r);
		return svc_fail_problems(s, &d, "导入失败，数据库未作任何改动");
	}
	int ix[NCOLS], hline = r.row_line;
	const char *const *groups[NCOLS + 1];
	for (int k = 0; k < NCOLS; k++) {
		ix[k] = csv_header_column(r.fields, r.nf, cols[k]);
		groups[k] = cols[k];
	}
	groups[NCOLS] = NULL;
	bad = r.problems + csv_header_check(r.fields, r.nf, hline, known, &d) +
	      csv_header_dups(r.fields, r.nf, hline, groups, &d);
	for (int k = 0; k < 5; k++)
		if (ix[k] < 0) {
			diag_add_at(&d, hline, 0, "表头缺少“%s”列（县区、日期、死亡、重伤、损失 必须有）", cols[k][0]);
			bad++;
		}
	if (bad) {
		csv_close(&r);
		return svc_fail_problems(s, &d, "导入失败（%d 处问题），数据库未作任何改动", d.n);
	}
	if (svc_begin(s) != 0) {
		csv_close(&r);
		diag_free(&d);
		return -1;
	}
	int problems = r.problems;
	while (bad < MAX_PROBLEMS && (rc = csv_next(&r, &d)) == 1) {
		char **f = r.fields;
		int line = r.row_line, ok = 1;
		if (r.problems > problems) {
			bad += r.problems - problems;
			problems = r.problems;
			continue;
		}
		struct accident_rec a = {0};
		a.county = xstrdup(f[ix[0]]);
		a.date = xstrdup(f[ix[1]]);
		long long *nums[3] = {&a.deaths, &a.injuries, &a.loss};
		static const long long max[3] = {ACCIDENT_MAX_PEOPLE, ACCIDENT_MAX_PEOPLE, ACCIDENT_MAX_LOSS};
		for (int k = 0; k < 3; k++)
			if ((*nums[k] = csv_count(f[ix[2 + k]], max[k])) < 0) {
				diag_add_at(&d, line, ix[2 + k] + 1, "%s“%s”须是 0 到 %lld 的整数（没有的写 0）",
					    cols[2 + k][0], f[ix[2 + k]], max[k]);
				ok = 0;
			}
		bool *flags[4] = {&a.concealed, &a.false_report, &a.omitted, &a.occupational};
		static const int flag_col[4] = {6, 7, 8, 11};
		for (int k = 0; k < 4; k++) {
			int c = ix[flag_col[k]];
			if (c < 0)
				continue;
			int v = csv_yes_no(f[c]);
			if (v < 0) {
				diag_add_at(&d, line, c + 1, "%s“%s”须是 是 或 否（空白为否）",
					    cols[flag_col[k]][0], f[c]);
				ok = 0;
			}
			*flags[k] = v == 1;
		}
		a.industry = ix[5] >= 0 ? dup_nonempty(f[ix[5]]) : NULL;
		a.note = ix[9] >= 0 ? dup_nonempty(f[ix[9]]) : NULL;
		a.misreported_by = ix[10] >= 0 ? dup_nonempty(f[ix[10]]) : NULL;
		a.grade = ix[12] >= 0 ? dup_nonempty(f[ix[12]]) : NULL;
		if (ok && accident_texts(s, &a) != 0) {
			diag_add_at(&d, line, 0, "%s", s->err.message);
			ok = 0;
		} else if (ok && accident_add(s->db, &a) != 0) {
			diag_add_at(&d, line, 0, "%s", db_error(s->db));
			ok = 0;
		}
		accident_rec_clear(&a);
		if (ok)
			(*rows)++;
		else
			bad++;
	}
	if (rc < 0)
		bad++;
	if (!bad && *rows == 0) {
		diag_add(&d, "%s：只有表头，没有数据行", file);
		bad++;
	}
	csv_close(&r);
	struct buf what = {0};
	buf_printf(&what, "导入 %lld 起事故", *rows);
	int done = svc_import_end(s, bad, &d, "accident.import", file, buf_str(&what), digest);
	buf_free(&what);
	return done;
}

int svc_industry_set(struct svc *s, const char *industry, const char *department)
{
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0 ||
	    svc_text(s, "industry", "行业", industry, UNIT_WORD_MAX, false, true) != 0 ||
	    svc_text(s, "department", "监管部门", department, UNIT_NAME_MAX, false, true) != 0 ||
	    svc_begin(s) != 0)
		return -1;
	return svc_end(s, industry_set(s->db, industry, department) == 0 ? 0 : svc_fail_db(s));
}

int svc_industry_list(struct svc *s, struct industry_row **out, int *n)
{
	if (svc_allow(s, OP_EVENT_READ, NULL) != 0)
		return -1;
	return industry_list(s->db, out, n) == 0 ? 0 : svc_fail_db(s);
}

int svc_veto_add(struct svc *s, const char *unit, const char *cause, const char *reason)
{
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0)
		return -1;
	int flag = veto_flag_parse(cause ? cause : "");
	if (!flag || flag == FLAG_MISREPORTED)
		return svc_fail(s, SVC_INVALID, "cause", "未知的否决原因“%s”（rescue-failure 未按预案抢险救援、"
				"negative-impact 重大负面影响、falsified 弄虚作假；瞒报谎报漏报随事故记录）",
				cause ? cause : "");
	if (svc_text(s, "reason", "否决理由", reason, TEXT_NOTE_MAX, true, true) != 0 || svc_begin(s) != 0)
		return -1;
	struct unit u;
	if (unit_get(s->db, unit, &u) != 0)
		return svc_end(s, svc_fail_db(s));
	int rc;
	if (!unit_kind_assessed(u.kind))
		rc = svc_fail(s, SVC_INVALID, "unit", "否决只针对县区和市直部门，“%s”是%s", u.name,
			      unit_kind_title(u.kind));
	else
		rc = veto_add(s->db, &u, flag, reason) == 0 ? 0 : svc_fail_db(s);
	unit_clear(&u);
	return svc_end(s, rc);
}

int svc_veto_list(struct svc *s, struct veto_row **out, int *n)
{
	if (svc_allow(s, OP_EVENT_READ, NULL) != 0)
		return -1;
	return veto_list(s->db, out, n) == 0 ? 0 : svc_fail_db(s);
}

int svc_veto_remove(struct svc *s, long long id, const char *reason)
{
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0 ||
	    svc_text(s, "reason", "删除原因", reason, TEXT_NOTE_MAX, true, true) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, veto_remove(s->db, id, reason) == 0 ? 0 : svc_fail_db(s));
}

long long svc_daily_task(struct svc *s, const char *title, const char *target, const char *kind,
			 const char *due)
{
	if (svc_allow(s, OP_DAILY_WRITE, NULL) != 0 ||
	    svc_text(s, "title", "任务名称", title, UNIT_NAME_MAX, false, true) != 0 || svc_begin(s) != 0)
		return -1;
	long long id = daily_task_add(s->db, title, target, kind, due);
	if (id < 0)
		svc_fail_db(s);
	return svc_end(s, id < 0 ? -1 : 0) == 0 ? id : -1;
}

int svc_daily_record(struct svc *s, long long task, const char *unit, const char *outcome,
		     long long days_late)
{
	if (svc_allow(s, OP_DAILY_WRITE, NULL) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, daily_outcome_set(s->db, task, unit, outcome, days_late) == 0 ? 0 : svc_fail_db(s));
}

int svc_daily_rule(struct svc *s, const char *target, const char *outcome, points_t deduct,
		   points_t per_day)
{
	if (svc_allow(s, OP_DAILY_WRITE, NULL) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, daily_rule_set(s->db, target, outcome, deduct, per_day) == 0 ? 0
		       : svc_fail_db(s));
}

int svc_daily_list(struct svc *s, struct daily_task **out, int *n)
{
	if (svc_allow(s, OP_DAILY_READ, NULL) != 0)
		return -1;
	return daily_list(s->db, out, n) == 0 ? 0 : svc_fail_db(s);
}

/* ---- editing an accident, reading the daily ledger ---- */

int svc_accident_edit(struct svc *s, long long id, struct accident_rec *a, const char *reason)
{
	if (svc_allow(s, OP_EVENT_WRITE, NULL) != 0 || accident_texts(s, a) != 0 ||
	    svc_text(s, "reason", "修改原因", reason, TEXT_NOTE_MAX, true, true) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, accident_update(s->db, id, a, reason) == 0 ? 0 : svc_fail_db(s));
}

int svc_daily_outcomes(struct svc *s, long long task, struct svc_daily_outcome **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (svc_allow(s, OP_DAILY_READ, NULL) != 0)
		return -1;
	struct daily_outcome_row *rows;
	int nr;
	if (daily_outcome_list(s->db, task, &rows, &nr) != 0)
		return svc_fail_db(s);
	if (nr)
		*out = xcalloc((size_t)nr, sizeof **out);
	for (int i = 0; i < nr; i++)
		(*out)[i] = (struct svc_daily_outcome){rows[i].unit, rows[i].outcome, rows[i].days_late};
	free(rows);           /* the names now belong to *out */
	*n = nr;
	return 0;
}

void svc_daily_outcomes_free(struct svc_daily_outcome *o, int n)
{
	for (int i = 0; i < n; i++)
		free(o[i].unit);
	free(o);
}

int svc_daily_rules(struct svc *s, struct svc_daily_rule **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (svc_allow(s, OP_DAILY_READ, NULL) != 0)
		return -1;
	struct daily_rule_row *rows;
	int nr;
	if (daily_rule_list(s->db, &rows, &nr) != 0)
		return svc_fail_db(s);
	if (nr)
		*out = xcalloc((size_t)nr, sizeof **out);
	for (int i = 0; i < nr; i++)
		(*out)[i] = (struct svc_daily_rule){rows[i].target, rows[i].outcome, rows[i].deduct,
						    rows[i].per_day};
	free(rows);
	*n = nr;
	return 0;
}

int svc_daily_record_many(struct svc *s, long long task, const struct svc_daily_entry *e, int n)
{
	if (svc_allow(s, OP_DAILY_WRITE, NULL) != 0)
		return -1;
	if (n < 1)
		return 0;       /* nothing changed: nothing to record, once allowed to */
	if (svc_begin(s) != 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (daily_outcome_set(s->db, task, e[i].unit, e[i].outcome, e[i].days_late) == 0)
			continue;
		svc_fail_db(s);
		/* name the unit, and the row it came from */
		struct buf b = {0};
		buf_printf(&b, "%s：%s", e[i].unit ? e[i].unit : "", s->err.message);
		free(s->err.message);
		s->err.message = buf_take(&b);
		diag_free(&s->err.problems);
		diag_add_at(&s->err.problems, i + 1, 0, "%s", s->err.message);
		rc = -1;
	}
	return svc_end(s, rc);
}
