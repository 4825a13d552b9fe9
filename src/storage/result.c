/* result.c: gathering inputs, computing, ranking, deciding, approving. */
#include "result.h"
#include "audit.h"
#include "daily.h"
#include "events.h"
#include "finding.h"
#include "year.h"
#include "../core/grade.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *keep(struct unit_load *L, const char *s)
{
	L->strings = xrealloc(L->strings, (size_t)(L->nstrings + 1) * sizeof *L->strings);
	return L->strings[L->nstrings++] = xstrdup(s);
}

void unit_load_free(struct unit_load *L)
{
	for (int i = 0; i < L->nstrings; i++)
		free(L->strings[i]);
	free(L->strings);
	for (int i = 0; i < L->in.nsheets; i++)
		free(L->sheet_findings[i]);
	free(L->sheet_findings);
	free(L->sheets);
	free(L->findings);
	free(L->accidents);
	for (int i = 0; i < 4; i++)
		free(L->veto_reasons[i]);
	memset(L, 0, sizeof *L);
}

int unit_load(struct db *db, const struct unit *u, struct unit_load *L)
{
	memset(L, 0, sizeof *L);
	L->unit = *u;
	L->scheme = year_scheme(db, u->kind);
	if (!L->scheme)
		return -1;
	/* The sheets: one per sampled county department or enterprise. */
	sqlite3_stmt *st = db_stmt(db, "SELECT s.unit_id, u.name, u.kind FROM sample s"
				   " JOIN unit u ON u.id = s.unit_id WHERE s.county_id = ?"
				   " AND u.kind IN ('county-department', 'enterprise') ORDER BY u.kind, u.sort_order");
	sqlite3_bind_int64(st, 1, u->id);
	long long *sheet_ids = NULL;
	int *sheet_n = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct node *root = scheme_sheets_node(L->scheme, sample_kind_parse(db_col_text(st, 2)));
		if (!root)
			continue;
		int k = L->in.nsheets++;
		L->sheets = xrealloc(L->sheets, (size_t)L->in.nsheets * sizeof *L->sheets);
		L->sheet_findings = xrealloc(L->sheet_findings,
					     (size_t)L->in.nsheets * sizeof *L->sheet_findings);
		sheet_ids = xrealloc(sheet_ids, (size_t)L->in.nsheets * sizeof *sheet_ids);
		sheet_n = xrealloc(sheet_n, (size_t)L->in.nsheets * sizeof *sheet_n);
		sheet_ids[k] = sqlite3_column_int64(st, 0);
		sheet_n[k] = 0;
		L->sheet_findings[k] = NULL;
		L->sheets[k] = (struct sheet_input){root->code, keep(L, db_col_text(st, 1)), NULL, 0};
	}
	sqlite3_reset(st);
	/* Findings: the unit's own sheet (0) and the sampled units' sheets.
	 * Codes point at the scheme's own strings where the item exists
	 * (the engine reports the rest); arrays grow geometrically. */
	st = db_stmt(db, "SELECT sheet_id, code, form, value, note FROM finding WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, u->id);
	int nf = 0, capf = 0, rc;
	int *sheet_cap = xcalloc((size_t)(L->in.nsheets ? L->in.nsheets : 1), sizeof *sheet_cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long sheet = sqlite3_column_int64(st, 0);
		struct finding f = {0};
		const char *code = db_col_text(st, 1);
		const struct node *n = scheme_find(L->scheme, code);
		f.code = n ? n->code : keep(L, code);
		f.node = n;
		f.form = finding_form_parse(db_col_text(st, 2));
		long long v = sqlite3_column_int64(st, 3);
		if (f.form == INPUT_COUNT)
			f.count = v;
		else if (f.form == INPUT_CONDITIONS)
			f.conditions = (uint64_t)v;
		else
			f.amount = v;
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			f.note = keep(L, db_col_text(st, 4));
		if (sheet == 0) {
			if (nf == capf) {
				capf = capf ? capf * 2 : 64;
				L->findings = xrealloc(L->findings, (size_t)capf * sizeof *L->findings);
			}
			L->findings[nf++] = f;
			continue;
		}
		for (int k = 0; k < L->in.nsheets; k++)
			if (sheet_ids[k] == sheet) {
				if (sheet_n[k] == sheet_cap[k]) {
					sheet_cap[k] = sheet_cap[k] ? sheet_cap[k] * 2 : 32;
					L->sheet_findings[k] = xrealloc(L->sheet_findings[k],
						(size_t)sheet_cap[k] * sizeof **L->sheet_findings);
				}
				L->sheet_findings[k][sheet_n[k]++] = f;
			}
	}
	sqlite3_reset(st);
	free(sheet_cap);
	for (int k = 0; k < L->in.nsheets; k++) {
		L->sheets[k].findings = L->sheet_findings[k];
		L->sheets[k].nfindings = sheet_n[k];
	}
	free(sheet_ids);
	free(sheet_n);
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取评分记录");
	/* Daily assessment: a judged deduction per item, explained in its note. */
	struct daily_deduction *dd;
	int ndd;
	if (daily_deductions(db, u->id, u->kind, &dd, &ndd) != 0)
		return -1;
	for (int i = 0; i < ndd; i++) {
		const struct node *n = scheme_find(L->scheme, dd[i].code);
		if (!n || n->rule.type != RULE_JUDGED)
			continue;
		struct finding f = {.code = keep(L, dd[i].code), .form = INPUT_DEDUCT, .amount = dd[i].amount};
		if (f.amount > n->rule.max) {
			char a[POINTS_BUFSZ], b[POINTS_BUFSZ], note[1024];
			snprintf(note, sizeof note, "%s；超过本项上限，按 %s 分计（合计 %s 分）", dd[i].note,
				 points_fmt(n->rule.max, a), points_fmt(f.amount, b));
			f.amount = n->rule.max;
			f.note = keep(L, note);
		} else {
			f.note = keep(L, dd[i].note);
		}
		if (nf == capf) {
			capf = capf ? capf * 2 : 64;
			L->findings = xrealloc(L->findings, (size_t)capf * sizeof *L->findings);
		}
		L->findings[nf++] = f;
	}
	daily_deductions_free(dd, ndd);
	L->in.findings = L->findings;
	L->in.nfindings = nf;
	L->in.sheets = L->sheets;
	if (accident_load(db, u->id, u->kind, u->name, &L->accidents, &L->in.naccidents) != 0)
		return -1;
	L->in.accidents = L->accidents;
	L->in.flags = veto_flags(db, u->id, L->veto_reasons);
	/* 优秀否决(4) counts against whoever concealed (events.h). */
	char *why = NULL;
	int mis = accident_misreported(db, u->id, u->kind, &why);
	if (mis < 0)
		return -1;
	if (mis) {
		L->in.flags |= FLAG_MISREPORTED;
		free(L->veto_reasons[3]);
		L->veto_reasons[3] = why;
	}
	L->in.unit = L->unit.name;
	/* Places examined for 每发现一地: the county and its sampled towns. */
	if (strcmp(u->kind, "county") == 0) {
		st = db_stmt(db, "SELECT count(*) FROM sample s JOIN unit t ON t.id = s.unit_id"
			     " WHERE s.county_id = ? AND t.kind = 'town'");
		sqlite3_bind_int64(st, 1, u->id);
		L->in.places = 1 + (sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0);
		sqlite3_reset(st);
	}
	return 0;
}

int unit_explain(struct db *db, const char *name, struct unit_load *L, struct result **r,
		 struct diag *d)
{
	memset(L, 0, sizeof *L);
	*r = NULL;
	struct unit u;
	if (unit_get(db, name, &u) != 0)
		return -1;
	if (strcmp(u.kind, "county") != 0 && strcmp(u.kind, "department") != 0) {
		db_fail(db, "“%s”是%s，其评分计入%s（kaohe explain %s）", u.name, unit_kind_title(u.kind),
			u.parent, u.parent);
		return -1;
	}
	if (strcmp(u.status, "assessed") != 0) {
		db_fail(db, "“%s”%s，没有逐项评分", u.name,
			strcmp(u.status, "provincial") == 0 ? "由省考核组考核" : "本年度不参加考核");
		return -1;
	}
	if (unit_load(db, &u, L) != 0)
		return -1;
	*r = score_unit(L->scheme, &L->in, d);
	if (!*r) {
		db_fail(db, "“%s”的评分记录有误", u.name);
		return -1;
	}
	return 0;
}

/* The stored summary: parts, vetoes (with the reasons the office gave),
 * missing inputs. */
static char *detail_json(const struct result *r, const struct unit_load *L)
{
	/* Written directly (once per unit per compute): same shape as the
	 * JSON readers of this column expect. */
	struct buf j = {0};
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	const struct node *root = r->scheme->root;
	buf_puts(&j, "{\"parts\":[");
	for (int i = 0; i < root->nchildren; i++) {
		const struct node *n = root->children[i];
		buf_printf(&j, "%s{\"code\":", i ? "," : "");
		buf_put_json(&j, n->code);
		buf_puts(&j, ",\"title\":");
		buf_put_json(&j, n->title);
		buf_printf(&j, ",\"points\":%s,\"score\":%s}", points_fmt(n->points, b1),
			   points_fmt(r->nodes[n->index].score, b2));
	}
	buf_puts(&j, "],\"vetoes\":[");
	for (int i = 0; i < r->nvetoes; i++) {
		const struct veto_rule *vr = r->vetoes[i].rule;
		const char *why = NULL;
		for (int k = 0; k < 4 && vr->when == WHEN_FLAG; k++)
			if (vr->flag == (1u << k))
				why = L->veto_reasons[k];
		static const char *const eff[] = {"fail", "at-most", "zero"};
		buf_printf(&j, "%s{\"code\":", i ? "," : "");
		buf_put_json(&j, vr->code);
		buf_puts(&j, ",\"title\":");
		buf_put_json(&j, vr->title);
		buf_puts(&j, ",\"detail\":");
		buf_put_json(&j, why ? why : r->vetoes[i].detail);
		buf_printf(&j, ",\"effect\":\"%s\"", eff[vr->effect]);
		if (vr->effect == EFFECT_AT_MOST)
			buf_printf(&j, ",\"grade\":\"%s\"", grade_name(vr->grade));
		buf_putc(&j, '}');
	}
	buf_puts(&j, "],\"missing\":[");
	for (int i = 0; i < r->nmissing; i++) {
		if (i)
			buf_putc(&j, ',');
		buf_put_json(&j, r->missing[i]);
	}
	buf_putc(&j, ']');
	if (r->mandatory_failed) {
		buf_puts(&j, ",\"mandatory_failed\":");
		buf_put_json(&j, r->mandatory_failed->code);
	}
	buf_printf(&j, ",\"raw_total\":%s,\"by_score\":\"%s\"}", points_fmt(r->raw_total, b1),
		   grade_name(r->by_score));
	return buf_take(&j);
}

struct computed {
	long long unit_id;
	char kind[32];
	bool ranked;
	points_t total, raw_total;
	bool incomplete;
	enum grade proposed;
	char *detail;
	int rank;
};

struct compute_ctx {
	struct db *db;
	struct computed *c;
	int n;
	struct compute_summary *sum;
	struct diag *d;
	struct diag *notes;
};

static int compute_one(const struct unit *u, void *arg)
{
	struct compute_ctx *x = arg;
	if (strcmp(u->kind, "county") != 0 && strcmp(u->kind, "department") != 0)
		return 0;
	if (strcmp(u->status, "excluded") == 0) {
		x->sum->excluded++;
		return 0;
	}
	struct computed c = {.unit_id = u->id};
	snprintf(c.kind, sizeof c.kind, "%s", u->kind);
	if (strcmp(u->status, "provincial") == 0) {
		x->sum->provincial++;
		c.total = c.raw_total = u->provincial_total;
		c.incomplete = !u->has_provincial_total;
		c.proposed = u->provincial_grade[0] ? grade_parse(u->provincial_grade) : GRADE_NONE;
		char b[POINTS_BUFSZ];
		struct buf j = {0};
		buf_printf(&j, "{\"provincial\":true,\"parts\":[],\"vetoes\":[],\"missing\":[%s],"
			   "\"raw_total\":%s}", c.incomplete ? "\"省考核得分\"" : "",
			   points_fmt(c.total, b));
		c.detail = buf_take(&j);
	} else {
		struct unit_load L;
		struct diag d = {0};
		struct result *r = NULL;
		if (unit_load(x->db, u, &L) == 0) {
			L.in.brief = true;   /* kaohe explain rebuilds the derivations */
			r = score_unit(L.scheme, &L.in, &d);
		}
		else
			diag_add(&d, "%s", db_error(x->db));
		if (!r) {
			for (int i = 0; i < d.n; i++)
				diag_add(x->d, "%s：%s", u->name, d.msgs[i]);
			x->sum->failed++;
			diag_free(&d);
			unit_load_free(&L);
			return 0;
		}
		x->sum->scored++;
		/* A partial total is not comparable: no rank until complete. */
		c.ranked = !r->incomplete;
		c.total = r->total;
		c.raw_total = r->raw_total;
		c.incomplete = r->incomplete;
		c.proposed = r->proposed;
		c.detail = detail_json(r, &L);
		result_free(r);
		unit_load_free(&L);
		diag_free(&d);
	}
	if (c.incomplete) {
		x->sum->incomplete++;
		struct buf miss = {0};
		cJSON *dj = cJSON_Parse(c.detail), *m;
		cJSON_ArrayForEach(m, cJSON_GetObjectItem(dj, "missing"))
			buf_printf(&miss, "%s%s", miss.len ? "、" : "", cJSON_GetStringValue(m));
		cJSON_Delete(dj);
		diag_add(x->notes, "%s：结果未完成，缺少 %s", u->name, buf_str(&miss));
		buf_free(&miss);
	}
	x->c = xrealloc(x->c, (size_t)(x->n + 1) * sizeof *x->c);
	x->c[x->n++] = c;
	return 0;
}

/* Ranks the city-assessed units of one kind and applies the scheme's
 * quotas to their proposed grades. */
static int rank_kind(struct db *db, struct compute_ctx *x, const char *kind)
{
	const struct scheme *s = year_scheme(db, kind);
	if (!s)
		return -1;
	int n = 0;
	for (int i = 0; i < x->n; i++)
		n += x->c[i].ranked && strcmp(x->c[i].kind, kind) == 0;
	if (!n)
		return 0;
	points_t *totals = xmalloc((size_t)n * sizeof *totals);
	int *ranks = xmalloc((size_t)n * sizeof *ranks);
	enum grade *grades = xmalloc((size_t)n * sizeof *grades);
	struct computed **who = xmalloc((size_t)n * sizeof *who);
	int k = 0;
	for (int i = 0; i < x->n; i++)
		if (x->c[i].ranked && strcmp(x->c[i].kind, kind) == 0) {
			who[k] = &x->c[i];
			totals[k] = x->c[i].total;
			grades[k] = x->c[i].proposed;
			k++;
		}
	rank_totals(totals, n, ranks);
	grade_apply_quota(s, totals, n, grades);
	for (int i = 0; i < n; i++) {
		who[i]->rank = ranks[i];
		who[i]->proposed = grades[i];
	}
	free(totals);
	free(ranks);
	free(grades);
	free(who);
	return 0;
}

int compute_all(struct db *db, struct compute_summary *sum, struct diag *d, struct diag *notes)
{
	memset(sum, 0, sizeof *sum);
	struct compute_ctx x = {db, NULL, 0, sum, d, notes};
	int rc = unit_each(db, "county", compute_one, &x);
	if (rc == 0)
		rc = unit_each(db, "department", compute_one, &x);
	if (rc == 0)
		rc = rank_kind(db, &x, "county");
	if (rc == 0)
		rc = rank_kind(db, &x, "department");
	if (rc == 0 && sum->failed) {
		db_fail(db, "%d 个单位的评分记录有误，未计分，原有结果保持不变", sum->failed);
		rc = -1;
	}
	char at[32], what[256];
	db_now(at);
	snprintf(what, sizeof what, "计分 %d 个单位（省考核 %d，不考核 %d，未完成 %d，有误 %d）",
		 sum->scored, sum->provincial, sum->excluded, sum->incomplete, sum->failed);
	if (rc == 0)
		rc = audit_add(db, "compute", NULL, NULL, NULL, what, NULL);
	long long seq = audit_head_seq(db);
	if (rc == 0) {
		sqlite3_stmt *st = db_stmt(db, "DELETE FROM result WHERE unit_id IN"
					   " (SELECT id FROM unit WHERE year_id = ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		rc = db_exec_stmt(db, st);
	}
	for (int i = 0; i < x.n && rc == 0; i++) {
		const struct computed *c = &x.c[i];
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO result (unit_id, total, raw_total, incomplete,"
					   " proposed_grade, rank, detail, computed_at, audit_seq)"
					   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, c->unit_id);
		sqlite3_bind_int64(st, 2, c->total);
		sqlite3_bind_int64(st, 3, c->raw_total);
		sqlite3_bind_int(st, 4, c->incomplete);
		db_bind_text(st, 5, c->proposed == GRADE_NONE ? NULL : grade_name(c->proposed));
		if (c->ranked)
			sqlite3_bind_int(st, 6, c->rank);
		db_bind_text(st, 7, c->detail);
		db_bind_text(st, 8, at);
		sqlite3_bind_int64(st, 9, seq);
		rc = db_exec_stmt(db, st);
	}
	for (int i = 0; i < x.n; i++)
		free(x.c[i].detail);
	free(x.c);
	return rc;
}

int results_each(struct db *db, const char *kind, int (*fn)(const struct result_row *, void *),
		 void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name, u.kind, u.status, r.total, r.incomplete,"
				   " ifnull(r.rank, 0), ifnull(r.proposed_grade, ''), ifnull(d.grade, ''),"
				   " ifnull(d.reason, ''), r.detail FROM result r JOIN unit u ON u.id = r.unit_id"
				   " LEFT JOIN decision d ON d.unit_id = r.unit_id"
				   " WHERE u.year_id = ?1 AND (?2 IS NULL OR u.kind = ?2)"
				   " ORDER BY CASE u.kind WHEN 'county' THEN 1 ELSE 2 END,"
				   " r.rank IS NULL, r.rank, u.sort_order");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind);
	int rc, r = 0;
	struct result_row row;
	char *detail = NULL;
	/* fn may not run statements: results are read in one pass. */
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		snprintf(row.unit, sizeof row.unit, "%s", db_col_text(st, 0));
		snprintf(row.kind, sizeof row.kind, "%s", db_col_text(st, 1));
		snprintf(row.status, sizeof row.status, "%s", db_col_text(st, 2));
		row.total = sqlite3_column_int64(st, 3);
		row.incomplete = sqlite3_column_int(st, 4);
		row.rank = sqlite3_column_int(st, 5);
		snprintf(row.proposed, sizeof row.proposed, "%s", db_col_text(st, 6));
		snprintf(row.grade, sizeof row.grade, "%s", db_col_text(st, 7));
		snprintf(row.reason, sizeof row.reason, "%s", db_col_text(st, 8));
		free(detail);
		detail = xstrdup(db_col_text(st, 9));
		row.detail = detail;
		r = fn(&row, arg);
	}
	sqlite3_reset(st);
	free(detail);
	return r;
}

int result_current_proposal(struct db *db, long long unit_id, enum grade *g)
{
	if (results_stale(db) != 0)
		return 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT proposed_grade FROM result WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, unit_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*g = sqlite3_column_type(st, 0) == SQLITE_NULL ? GRADE_NONE
			: grade_parse(db_col_text(st, 0));
	sqlite3_reset(st);
	return found;
}

int results_stale(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT max(r.audit_seq) FROM result r JOIN unit u ON u.id = r.unit_id"
				   " WHERE u.year_id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	long long seq = -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (seq < 0)
		return -1;
	st = db_stmt(db, "SELECT count(*) FROM audit WHERE seq > ? AND year = ? AND action NOT IN"
		     " ('grade.set', 'year.approve', 'year.reopen', 'compute', 'team.add',"
		     " 'team.member', 'team.assign')");
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int(st, 2, db->year);
	int changed = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	return changed;
}
