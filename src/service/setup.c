/* setup.c: a year, its units and its teams. */
#include "../core/date.h"
#include "../core/period.h"
#include "service_impl.h"
#include "../core/builtin.h"
#include "../storage/audit.h"
#include "../storage/team.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A year kaohe keeps (YEAR_MIN..YEAR_MAX). */
static int check_year(struct svc *s, int year)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return svc_fail(s, SVC_INVALID, "year", "年度 %d 不在 %d 到 %d 之间", year, YEAR_MIN, YEAR_MAX);
	return 0;
}

/* ---- the year ---- */

static const struct builtin_scheme *builtin_find(const char *name)
{
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

int svc_year_init(struct svc *s, int year, const char *template_name, const struct svc_text *county,
		  const struct svc_text *department)
{
	if (svc_allow(s, OP_YEAR_INIT, NULL) != 0)
		return -1;
	if (check_year(s, year) != 0)
		return -1;
	static const char *const kinds[2] = {"county", "department"};
	const struct svc_text *given[2] = {county, department};
	struct scheme_text texts[2];
	struct scheme *schemes[2] = {NULL, NULL};
	bool pair = true;
	int rc = 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		if (given[i]) {
			texts[i] = (struct scheme_text){given[i]->file, given[i]->text, given[i]->len};
			pair = false;
		} else {
			char name[128];
			snprintf(name, sizeof name, "%s-%s", template_name, kinds[i]);
			const struct builtin_scheme *b = builtin_find(name);
			if (!b) {
				rc = svc_fail(s, SVC_INVALID, "template", "未知的模板“%s”（内置方案没有 %s）",
					      template_name, name);
				break;
			}
			texts[i] = (struct scheme_text){b->file, b->data, b->len};
		}
		struct diag d = {0};
		schemes[i] = scheme_parse(texts[i].text, texts[i].len, texts[i].file, &d);
		if (!schemes[i]) {
			rc = svc_fail_problems(s, &d, "方案 %s 有误，未新建年度", texts[i].file);
			break;
		}
		diag_free(&d);
		if (strcmp(schemes[i]->unit, kinds[i]) != 0)
			rc = svc_fail(s, SVC_INVALID, i ? "department_scheme" : "county_scheme",
				      "%s 是%s方案，这里需要%s方案", texts[i].file,
				      strcmp(schemes[i]->unit, "county") == 0 ? "县区" : schemes[i]->unit_title,
				      i ? "市直部门" : "县区");
	}
	if (rc == 0)
		rc = svc_begin_any(s);
	if (rc == 0) {
		rc = year_create(s->db, year, pair ? template_name : "", schemes, texts) == 0 ? 0
			: svc_fail_db(s);
		rc = svc_end(s, rc);
	}
	scheme_free(schemes[0]);
	scheme_free(schemes[1]);
	return rc;
}

int svc_year_init_from(struct svc *s, int year, int from)
{
	if (svc_allow(s, OP_YEAR_INIT, NULL) != 0)
		return -1;
	if (check_year(s, year) != 0)
		return -1;
	if (from == year)
		return svc_fail(s, SVC_INVALID, "from", "不能从同一年度（%d）沿用", year);
	/* The schemes of the year carried over, as texts. */
	if (svc_use_year(s, from) != 0)
		return -1;
	struct scheme_text texts[2];
	char *copies[2] = {NULL, NULL};
	struct year_info old;
	if (year_info_get(s->db, &old) != 0)
		return svc_fail_db(s);
	int rc = 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		const struct scheme *sc = svc_scheme(s, i ? KIND_DEPARTMENT : KIND_COUNTY);
		if (!sc) {
			rc = -1;
			break;
		}
		size_t len;
		copies[i] = year_scheme_text(s->db, i ? KIND_DEPARTMENT : KIND_COUNTY, &len);
		if (!copies[i])
			rc = svc_fail_db(s);
		texts[i] = (struct scheme_text){sc->name, copies[i], copies[i] ? len : 0};
	}
	struct scheme *schemes[2] = {NULL, NULL};
	for (int i = 0; i < 2 && rc == 0; i++) {
		struct diag d = {0};
		schemes[i] = scheme_parse(texts[i].text, texts[i].len, texts[i].file, &d);
		if (!schemes[i])
			rc = svc_fail_problems(s, &d, "%d 年度的方案 %s 无法读取", from, texts[i].file);
		else
			diag_free(&d);
	}
	if (rc == 0 && svc_begin_any(s) == 0) {
		rc = year_create(s->db, year, old.template_name, schemes, texts) == 0 &&
		     year_copy_from(s->db, from) == 0 ? 0 : svc_fail_db(s);
		if (rc == 0) {
			struct buf what = {0};
			buf_printf(&what, "沿用 %d 年度的方案、单位、考核组、行业监管部门和日常考核任务", from);
			rc = audit_add(s->db, "year.carry", NULL, NULL, NULL, buf_str(&what), NULL) == 0 ? 0
				: svc_fail_db(s);
			buf_free(&what);
		}
		rc = svc_end(s, rc);
	} else if (rc == 0) {
		rc = -1;
	}
	year_info_clear(&old);
	for (int i = 0; i < 2; i++) {
		scheme_free(schemes[i]);
		free(copies[i]);
	}
	return rc;
}

int svc_year_info(struct svc *s, struct svc_year_info *out)
{
	memset(out, 0, sizeof *out);
	struct year_info y;
	if (year_info_get(s->db, &y) != 0 || year_list(s->db, &out->years, &out->nyears) != 0)
		return svc_fail_db(s);
	out->year = y.year;
	out->title = y.title;
	out->template_name = y.template_name;
	out->window_from = y.window_from;
	out->window_to = y.window_to;
	out->objection_from = y.objection_from;
	out->objection_to = y.objection_to;
	out->consent_date = y.consent_date;
	out->consent_ref = y.consent_ref;
	out->approved = y.approved;
	out->published = y.published;
	return 0;
}

void svc_year_info_clear(struct svc_year_info *y)
{
	free(y->title);
	free(y->template_name);
	free(y->window_from);
	free(y->window_to);
	free(y->objection_from);
	free(y->objection_to);
	free(y->consent_date);
	free(y->consent_ref);
	free(y->years);
	memset(y, 0, sizeof *y);
}

int svc_year_window(struct svc *s, char **from, char **to)
{
	return year_window(s->db, from, to) == 0 ? 0 : svc_fail_db(s);
}

/* ---- units ---- */

static int parse_word(struct svc *s, const char *field, const char *value,
		      int (*parse)(const char *), const char *what, int *out)
{
	int v = parse(value);
	if (v < 0)
		return svc_fail(s, SVC_INVALID, field, "未知的%s“%s”", what, value);
	*out = v;
	return 0;
}

static char *dup_nonempty(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* Applies the given fields to u (a copy being edited or a new unit),
 * resolving the parent. The whole record is checked after. */
static int apply_fields(struct svc *s, const struct svc_unit_fields *f, struct unit *u, int *parent_kind)
{
	int v = 0;
	if (f->name) {
		free(u->name);
		u->name = xstrdup(f->name);
		text_trim(u->name);
	}
	if (f->kind) {
		/* the year's added kinds (school, …) as well as the built-in ones */
		if ((v = svc_kind_parse(s, f->kind)) < 0)
			return svc_kind_unknown(s, f->kind);
		u->kind = (enum unit_kind)v;
	}
	if (f->industry) {
		free(u->industry);
		u->industry = dup_nonempty(f->industry);
		if (u->industry)
			text_trim(u->industry);
	}
	if (f->status) {
		if (parse_word(s, "status", f->status, unit_status_parse, "考核状态（市考核、省考核、不考核）",
			       &v) != 0)
			return -1;
		u->status = (enum unit_status)v;
	}
	if (f->order && *f->order) {
		struct buf why = {0};
		int rc = unit_order_parse(f->order, &u->sort_order, &why);
		if (rc != 0)
			svc_fail(s, SVC_INVALID, "order", "%s", buf_str(&why));
		buf_free(&why);
		if (rc != 0)
			return -1;
	}
	if (f->set_total) {
		u->has_provincial_total = true;
		u->provincial_total = f->provincial_total;
	}
	if (f->provincial_grade) {
		if (!*f->provincial_grade) {
			u->provincial_grade = GRADE_NONE;
		} else {
			const struct scheme *gs = svc_grading(s, u->kind);
			if ((u->provincial_grade = scheme_grade_parse(gs, f->provincial_grade)) == GRADE_NONE) {
				struct buf names = {0};
				scheme_grade_list(gs, &names);
				svc_fail(s, SVC_INVALID, "provincial_grade", "未知的档次“%s”（%s）",
					 f->provincial_grade, buf_str(&names));
				buf_free(&names);
				return -1;
			}
		}
	}
	if (f->applied_grade) {
		free(u->applied_grade);
		u->applied_grade = NULL;
		const struct scheme *gs = svc_grading(s, u->kind);
		if (*f->applied_grade && (!gs || scheme_grade_parse(gs, f->applied_grade) == GRADE_NONE)) {
			struct buf names = {0};
			scheme_grade_list(gs, &names);
			if (gs)
				svc_fail(s, SVC_INVALID, "applied_grade", "未知的档次“%s”（%s）", f->applied_grade,
					 buf_str(&names));
			else
				svc_fail(s, SVC_INVALID, "applied_grade", "%s不申报档次（“%s”）：只有县区和市直部门评定档次",
					 unit_kind_title(u->kind), f->applied_grade);
			buf_free(&names);
			return -1;
		}
		if (*f->applied_grade)
			u->applied_grade = xstrdup(f->applied_grade);
	}
	if (f->parent) {
		char *p = xstrdup(f->parent);
		text_trim(p);
		free(u->parent);
		u->parent = NULL;
		u->parent_id = 0;
		if (*p) {
			struct unit parent;
			if (unit_get(s->db, p, &parent) != 0) {
				free(p);
				return svc_fail_db(s);
			}
			u->parent = xstrdup(parent.name);
			u->parent_id = parent.id;
			unit_clear(&parent);
		}
		free(p);
	}
	*parent_kind = -1;
	if (u->parent_id) {
		struct unit parent;
		if (unit_get_id(s->db, u->parent_id, &parent) != 0)
			return svc_fail_db(s);
		*parent_kind = parent.kind;
		unit_clear(&parent);
	}
	return 0;
}

/* The one check of a unit record, for add, edit and import. */
static int check_unit(struct svc *s, const struct unit *u, int parent_kind)
{
	struct buf why = {0};
	const char *field = NULL;
	points_t max = POINTS(1000);
	const struct scheme *sc = unit_kind_assessed(u->kind) ? year_scheme(s->db, u->kind) : NULL;
	if (sc)
		max = scheme_year_points(sc);
	else if ((int)u->kind >= KIND_COUNT)
		return svc_kind_unknown(s, unit_kind_name(u->kind));
	if (unit_check(u, parent_kind, max, &why, &field) != 0) {
		svc_fail(s, SVC_INVALID, field, "%s", buf_str(&why));
		buf_free(&why);
		return -1;
	}
	return 0;
}

static int unit_add_tx(struct svc *s, const struct svc_unit_fields *f, struct unit *out)
{
	struct unit u = {0};
	u.provincial_grade = GRADE_NONE;
	u.kind = KIND_COUNT;
	int parent_kind, rc = -1;
	if (!f->kind) {
		svc_kind_unknown(s, NULL);
		goto out;
	}
	if (apply_fields(s, f, &u, &parent_kind) != 0 || check_unit(s, &u, parent_kind) != 0)
		goto out;
	int e = unit_exists(s->db, u.name);
	if (e != 0) {
		if (e > 0)
			svc_fail(s, SVC_CONFLICT, "name", "单位“%s”已经存在（同名乡镇请写全称，如“昌黎县城关镇”）",
				 u.name);
		else
			svc_fail_db(s);
		goto out;
	}
	rc = unit_insert(s->db, &u) == 0 ? 0 : svc_fail_db(s);
	if (rc == 0 && out) {
		*out = u;
		return 0;
	}
out:
	unit_clear(&u);
	return rc;
}

int svc_unit_add(struct svc *s, const struct svc_unit_fields *f, struct unit *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_UNIT_WRITE, NULL) != 0 || svc_begin(s) != 0)
		return -1;
	int rc = svc_end(s, unit_add_tx(s, f, out));
	if (rc != 0 && out)
		unit_clear(out);
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool unit_equal(const struct unit *a, const struct unit *b)
{
	return strcmp(a->name, b->name) == 0 && a->kind == b->kind && a->parent_id == b->parent_id &&
	       same_text(a->industry, b->industry) && a->sort_order == b->sort_order &&
	       a->status == b->status && a->has_provincial_total == b->has_provincial_total &&
	       (!a->has_provincial_total || a->provincial_total == b->provincial_total) &&
	       a->provincial_grade == b->provincial_grade && same_text(a->applied_grade, b->applied_grade);
}

static int unit_edit_tx(struct svc *s, const char *name, const struct svc_unit_fields *f)
{
	struct unit before, after = {0};
	if (unit_get(s->db, name, &before) != 0)
		return svc_fail_db(s);
	int rc = -1, parent_kind;
	unit_copy(&after, &before);
	if (f->kind && svc_kind_parse(s, f->kind) != (int)before.kind) {
		svc_fail(s, SVC_INVALID, "kind", "单位类型不能修改（须删除后重新登记）");
		goto out;
	}
	if (apply_fields(s, f, &after, &parent_kind) != 0 || check_unit(s, &after, parent_kind) != 0)
		goto out;
	if (unit_equal(&before, &after)) {
		svc_fail(s, SVC_INVALID, NULL, "没有要修改的内容：“%s”与原记录相同", before.name);
		goto out;
	}
	if (after.parent_id != before.parent_id) {
		int used = unit_sampled(s->db, before.id);
		if (used) {
			if (used > 0)
				svc_fail(s, SVC_CONFLICT, "parent", "“%s”已是%s的抽查单位（或已有评分），"
					 "不能改换上级（须先重新确定抽查对象）", before.name, before.parent);
			else
				svc_fail_db(s);
			goto out;
		}
	}
	if (strcmp(before.name, after.name) != 0) {
		int e = unit_exists(s->db, after.name);
		if (e != 0) {
			if (e > 0)
				svc_fail(s, SVC_CONFLICT, "name", "单位“%s”已经存在", after.name);
			else
				svc_fail_db(s);
			goto out;
		}
	}
	rc = unit_update(s->db, &before, &after) == 0 ? 0 : svc_fail_db(s);
out:
	unit_clear(&before);
	unit_clear(&after);
	return rc;
}

int svc_unit_edit(struct svc *s, const char *name, const struct svc_unit_fields *f)
{
	if (svc_allow(s, OP_UNIT_WRITE, NULL) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, unit_edit_tx(s, name, f));
}

int svc_unit_remove(struct svc *s, const char *name, const char *reason)
{
	if (svc_allow(s, OP_UNIT_WRITE, NULL) != 0)
		return -1;
	if (svc_text(s, "reason", "删除原因", reason, TEXT_NOTE_MAX, true, true) != 0)
		return -1;
	if (svc_begin(s) != 0)
		return -1;
	struct unit u;
	if (unit_get(s->db, name, &u) != 0)
		return svc_end(s, svc_fail_db(s));
	struct buf used = {0};
	int refs = unit_references(s->db, u.id, &used), rc;
	if (refs < 0)
		rc = svc_fail_db(s);
	else if (refs > 0)
		rc = svc_fail(s, SVC_CONFLICT, "unit", "“%s”已有%s，不能删除（须先删除这些记录）", u.name,
			      buf_str(&used));
	else
		rc = unit_delete(s->db, &u, reason) == 0 ? 0 : svc_fail_db(s);
	buf_free(&used);
	unit_clear(&u);
	return svc_end(s, rc);
}

int svc_unit_list(struct svc *s, int kind, struct unit **out, int *n)
{
	if (svc_allow(s, OP_UNIT_READ, NULL) != 0)
		return -1;
	return unit_list(s->db, kind, out, n) == 0 ? 0 : svc_fail_db(s);
}

int svc_unit_get(struct svc *s, const char *name, struct unit *out)
{
	if (svc_allow(s, OP_UNIT_READ, NULL) != 0)
		return -1;
	return unit_get(s->db, name, out) == 0 ? 0 : svc_fail_db(s);
}

/* The column (1-based; 0: the whole row) of the field a unit row was
 * refused on, by the columns of name, kind, parent, industry, order and
 * status ("unit" is a parent that does not exist). */
static int import_column(const char *field, const int cols[6])
{
	static const char *const fields[6] = {"name", "kind", "parent", "industry", "order", "status"};
	if (field && strcmp(field, "unit") == 0)
		field = "parent";
	for (int i = 0; field && i < 6; i++)
		if (strcmp(field, fields[i]) == 0)
			return cols[i] >= 0 ? cols[i] + 1 : 0;
	return 0;
}

int svc_unit_import(struct svc *s, const struct csv_source *src, const char *file, long long *rows)
{
	static const char *const name_col[] = {"名称", "name", "单位", "unit", NULL};
	static const char *const kind_col[] = {"类型", "kind", NULL};
	static const char *const parent_col[] = {"上级", "parent", NULL};
	static const char *const industry_col[] = {"行业", "industry", NULL};
	static const char *const order_col[] = {"顺序", "order", NULL};
	static const char *const status_col[] = {"状态", "status", NULL};
	static const char *const known[] = {"名称", "name", "单位", "unit", "类型", "kind", "上级", "parent",
		"行业", "industry", "顺序", "order", "状态", "status", NULL};
	const char *const *groups[] = {name_col, kind_col, parent_col, industry_col, order_col,
		status_col, NULL};
	if (svc_allow(s, OP_UNIT_WRITE, NULL) != 0)
		return -1;
	struct csv_reader r;
	struct diag d = {0};
	char digest[65];
	if (svc_open_csv(s, &r, src, file, digest, &d) != 0)
		return -1;
	*rows = 0;
	int rc = csv_next(&r, &d), bad = 0;
	if (rc <= 0) {
		if (rc == 0)
			diag_add(&d, "%s：文件为空（需要表头行）", file);
		bad = 1;
		goto out;
	}
	char **header = xmalloc((size_t)r.nf * sizeof *header);
	for (int i = 0; i < r.nf; i++)
		header[i] = xstrdup(r.fields[i]);
	int ncols = r.nf, hline = r.row_line;
	int cn = csv_header_column(header, ncols, name_col), ck = csv_header_column(header, ncols, kind_col);
	int cp = csv_header_column(header, ncols, parent_col);
	int ci = csv_header_column(header, ncols, industry_col);
	int co = csv_header_column(header, ncols, order_col);
	int cs = csv_header_column(header, ncols, status_col);
	const int cols[6] = {cn, ck, cp, ci, co, cs};
	bad = r.problems + csv_header_check(header, ncols, hline, known, &d) +
	      csv_header_dups(header, ncols, hline, groups, &d);
	if (!bad && (cn < 0 || ck < 0)) {
		diag_add_at(&d, hline, 0, "表头须有“名称”和“类型”列");
		bad++;
	}
	for (int i = 0; i < ncols; i++)
		free(header[i]);
	free(header);
	if (bad)
		goto out;
	if (svc_begin(s) != 0) {
		csv_close(&r);
		diag_free(&d);
		return -1;
	}
	/* Each row through the same path as unit add; the transaction makes
	 * the file all or nothing. */
	int problems = r.problems;
	while (bad < MAX_PROBLEMS && (rc = csv_next(&r, &d)) == 1) {
		if (r.problems > problems) {
			bad += r.problems - problems;
			problems = r.problems;
			continue;
		}
		char **f = r.fields;
		struct svc_unit_fields uf = {.name = f[cn], .kind = f[ck], .order = co >= 0 ? f[co] : NULL,
			.parent = cp >= 0 ? f[cp] : NULL, .industry = ci >= 0 ? f[ci] : NULL,
			.status = cs >= 0 && f[cs][0] ? f[cs] : NULL};
		if (unit_add_tx(s, &uf, NULL) != 0) {
			diag_add_at(&d, r.row_line, import_column(s->err.field, cols), "%s", s->err.message);
			bad++;
		} else {
			(*rows)++;
		}
	}
	if (rc < 0)
		bad++;
	if (!bad && *rows == 0) {
		diag_add(&d, "%s：只有表头，没有数据行", file);
		bad++;
	}
	if (bad >= MAX_PROBLEMS)
		diag_add(&d, "%s：问题过多，只列出前 %d 处", file, MAX_PROBLEMS);
	if (!bad) {
		struct buf what = {0};
		buf_printf(&what, "导入 %lld 个单位", *rows);
		if (svc_audit_import(s, "unit.import", file, buf_str(&what), digest) != 0)
			bad = -1;
		buf_free(&what);
	}
	if (svc_end(s, bad ? -1 : 0) != 0 && bad <= 0) {
		csv_close(&r);
		diag_free(&d);
		return -1;
	}
out:
	csv_close(&r);
	if (bad)
		return svc_fail_problems(s, &d, "导入失败（%d 处问题），数据库未作任何改动", d.n);
	diag_free(&d);
	return 0;
}

/* ---- teams ---- */

int svc_team_add(struct svc *s, const char *name)
{
	if (svc_allow(s, OP_TEAM_WRITE, NULL) != 0 ||
	    svc_text(s, "name", "考核组名称", name, UNIT_NAME_MAX, false, true) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, team_insert(s->db, name) == 0 ? 0 : svc_fail_db(s));
}

int svc_team_member(struct svc *s, const char *team, const char *person, const char *role,
		    const char *title, const char *contact)
{
	if (svc_allow(s, OP_TEAM_WRITE, NULL) != 0)
		return -1;
	int r = team_role_parse(role ? role : "member");
	if (r < 0)
		return svc_fail(s, SVC_INVALID, "role", "未知的职务“%s”（组长、副组长、组员、联系人）", role);
	if (svc_text(s, "name", "成员姓名", person, UNIT_WORD_MAX, false, true) != 0 ||
	    svc_text(s, "title", "职务说明", title, UNIT_NAME_MAX, false, false) != 0 ||
	    svc_text(s, "contact", "联系方式", contact, UNIT_WORD_MAX, false, false) != 0 ||
	    svc_begin(s) != 0)
		return -1;
	long long id = team_id(s->db, team);
	if (!id)
		return svc_end(s, svc_fail_db(s));
	struct team_member m = {(char *)person, (enum team_role)r, title && *title ? (char *)title : NULL,
				contact && *contact ? (char *)contact : NULL};
	return svc_end(s, team_member_insert(s->db, id, team, &m) == 0 ? 0 : svc_fail_db(s));
}

int svc_team_assign(struct svc *s, const char *team, const char *unit)
{
	if (svc_allow(s, OP_TEAM_WRITE, NULL) != 0 || svc_begin(s) != 0)
		return -1;
	long long id = team_id(s->db, team);
	struct unit u;
	if (!id || unit_get(s->db, unit, &u) != 0)
		return svc_end(s, svc_fail_db(s));
	int rc;
	if (!unit_kind_assessed(u.kind))
		rc = svc_fail(s, SVC_INVALID, "unit", "考核范围只含县区和市直部门，“%s”是%s", u.name,
			      unit_kind_title(u.kind));
	else
		rc = team_assign(s->db, id, team, &u) == 0 ? 0 : svc_fail_db(s);
	unit_clear(&u);
	return svc_end(s, rc);
}

int svc_team_list(struct svc *s, struct team **out, int *n)
{
	if (svc_allow(s, OP_TEAM_READ, NULL) != 0)
		return -1;
	return team_list(s->db, out, n) == 0 ? 0 : svc_fail_db(s);
}
