/* test_service.c: the service API called directly, as every surface calls
 * it: who may do what (the authorization matrix: every operation × every
 * role, each role getting exactly what doc/domain.md allows, and a refused
 * call changing nothing), errors as data, imports from a buffer, accounts
 * and passwords. The fixture is the demo year plus one account per role. */
#include "testutil.h"

#include <sqlite3.h>
#include <unistd.h>

#include "../../src/service/service.h"
#include "rule.h"

static char base[96], work[96];

/* A hash of every row of every table: equal before and after a refused
 * call. */
static char *snapshot(const char *path)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' .dump | sha256sum", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[128] = "";
	assert_non_null(fgets(line, sizeof line, p));
	pclose(p);
	return xstrdup(line);
}

static void copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	FILE *f = fopen(from, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	data = xmalloc(len);
	assert_int_equal(fread(data, 1, len, f), len);
	fclose(f);
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	free(data);
}

static struct svc *open_as(const char *path, const char *account)
{
	struct svc_error err;
	struct svc_options o = {path, false, 0, false};
	struct svc *s = svc_open(&o, &err);
	if (!s)
		fail_msg("open: %s", err.message);
	if (account) {
		if (svc_act_as(s, account) != 0)
			fail_msg("act as %s: %s", account, svc_err(s)->message);
	} else {
		svc_act_local(s, "测试");
	}
	return s;
}

static void add_user(struct svc *s, const char *name, enum role r, const char *team,
		     const char *industry, const char *unit)
{
	struct account a = {.name = (char *)name, .role = r, .team = (char *)team,
			    .industry = (char *)industry, .unit = (char *)unit};
	if (svc_user_add(s, &a, "secret-pass-1") != 0)
		fail_msg("user add %s: %s", name, svc_err(s)->message);
}

/* The demo year, one account per role (the leader and member are in
 * 部门考核组, whose scope is the city departments), and a second file
 * whose results are approved and published. */
static int setup(void **state)
{
	(void)state;
	snprintf(base, sizeof base, "/tmp/kaohe-svc-%d.db", (int)getpid());
	snprintf(work, sizeof work, "/tmp/kaohe-svc-%d-work.db", (int)getpid());
	unlink(base);
	struct svc_error err;
	struct svc_options o = {base, true, 0, true};
	struct svc *s = svc_open(&o, &err);
	assert_non_null(s);
	svc_act_local(s, "测试");
	if (svc_demo(s, 2016) != 0)
		fail_msg("demo: %s", svc_err(s)->message);
	add_user(s, "办公室", ROLE_OFFICE, NULL, NULL, NULL);
	add_user(s, "组长", ROLE_LEADER, "部门考核组", NULL, NULL);
	add_user(s, "组员", ROLE_MEMBER, "部门考核组", NULL, NULL);
	add_user(s, "消防评分", ROLE_INDUSTRY, NULL, "消防", NULL);
	add_user(s, "执法评分", ROLE_ENFORCEMENT, NULL, NULL, NULL);
	add_user(s, "昌黎", ROLE_UNIT, NULL, NULL, "昌黎县");
	add_user(s, "组织部", ROLE_VIEWER, NULL, NULL, NULL);
	/* material 1, 昌黎县's, for 删除本单位资料 */
	if (svc_material_link(s, "昌黎县", NULL, "安全生产制度汇编", "https://example.org/zhidu") != 1)
		fail_msg("material link: %s", svc_err(s)->message);
	svc_close(s);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[128];
	for (int i = 0; i < 2; i++) {
		const char *f = i ? work : base;
		unlink(f);
		snprintf(p, sizeof p, "%s-wal", f);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", f);
		unlink(p);
	}
	return 0;
}

static const char *const accounts[ROLE_COUNT] = {
	[ROLE_OFFICE] = "办公室", [ROLE_LEADER] = "组长", [ROLE_MEMBER] = "组员",
	[ROLE_INDUSTRY] = "消防评分", [ROLE_ENFORCEMENT] = "执法评分", [ROLE_UNIT] = "昌黎",
	[ROLE_VIEWER] = "组织部",
};

/* ---- the operations, each as a surface would call it ---- */

static int op_year_init(struct svc *s) { return svc_year_init(s, 2017, "qhd-2016", NULL, NULL); }
static int op_unit_add(struct svc *s)
{
	struct svc_unit_fields f = {.name = "新县", .kind = "county"};
	return svc_unit_add(s, &f, NULL);
}
static int op_unit_edit(struct svc *s)
{
	struct svc_unit_fields f = {.industry = "交通"};
	return svc_unit_edit(s, "昌黎县交通运输局", &f);
}
static int op_unit_list(struct svc *s)
{
	struct unit *u;
	int n, rc = svc_unit_list(s, -1, &u, &n);
	if (rc == 0)
		unit_list_free(u, n);
	return rc;
}
static int op_team_add(struct svc *s) { return svc_team_add(s, "第三考核组"); }
static int op_team_list(struct svc *s)
{
	struct team *t;
	int n, rc = svc_team_list(s, &t, &n);
	if (rc == 0)
		team_list_free(t, n);
	return rc;
}
static int op_sample_draw(struct svc *s)
{
	static const int counts[4] = {0, -1, 0, 0};
	struct spot_report r = {0};
	int rc = svc_sample_draw(s, "卢龙县", true, 7, counts, &r);
	free(r.detail);
	return rc;
}
static int op_sample_list(struct svc *s)
{
	struct spot *p;
	int n, rc = svc_sample_list(s, NULL, &p, &n);
	if (rc == 0)
		spot_list_free(p, n);
	return rc;
}
static int score(struct svc *s, const char *unit, const char *code, enum input_form form, long long v)
{
	struct finding f = {.code = code};
	finding_set_value(&f, form, v);
	return svc_score_set(s, unit, &f);
}
static int op_score_in_scope(struct svc *s) { return score(s, "安监局", "1.1.4", INPUT_COUNT, 1); }
static int op_score_out_of_scope(struct svc *s) { return score(s, "昌黎县", "1.1.4", INPUT_COUNT, 1); }
static int op_score_enforcement(struct svc *s) { return score(s, "昌黎县", "3", INPUT_SCORE, POINTS(90)); }
static int op_score_own_industry(struct svc *s) { return score(s, "昌黎县", "4.15", INPUT_SCORE, POINTS(85)); }
static int op_score_other_industry(struct svc *s) { return score(s, "昌黎县", "4.14", INPUT_SCORE, POINTS(85)); }
static int op_score_clear(struct svc *s) { return svc_score_clear(s, "安监局", NULL); }
static int op_score_import(struct svc *s)
{
	const char csv[] = "单位,编号,次数\n安监局,1.1.4,2\n";
	struct csv_mem m;
	struct csv_source src;
	csv_mem_source(&m, csv, sizeof csv - 1, &src);
	struct svc_import_report rep;
	return svc_score_import(s, &src, "t.csv", &rep);
}
static int op_accident_add(struct svc *s)
{
	struct accident_rec a = {.county = "昌黎县", .date = "2016-05-05", .deaths = 0, .injuries = 1,
				 .loss = 1000};
	return svc_accident_add(s, &a);
}
static int op_accident_list(struct svc *s)
{
	struct accident_rec *a;
	int n, rc = svc_accident_list(s, &a, &n);
	if (rc == 0)
		accident_list_free(a, n);
	return rc;
}
static int op_veto_add(struct svc *s) { return svc_veto_add(s, "昌黎县", "falsified", "测试"); }
static int op_industry_set(struct svc *s) { return svc_industry_set(s, "消防", "安监局"); }
static int op_daily_task(struct svc *s)
{
	return svc_daily_task(s, "会议", "county", "meeting", "2016-03-01") > 0 ? 0 : -1;
}
static int op_daily_list(struct svc *s)
{
	struct daily_task *t;
	int n, rc = svc_daily_list(s, &t, &n);
	if (rc == 0)
		daily_list_free(t, n);
	return rc;
}
static int op_accident_edit(struct svc *s)
{
	struct accident_rec a = {.county = xstrdup("昌黎县"), .date = xstrdup("2016-05-06"), .deaths = 0,
				 .injuries = 1, .loss = 1000};
	int rc = svc_accident_edit(s, 1, &a, "核实后更正");
	accident_rec_clear(&a);
	return rc;
}
static int op_daily_outcomes(struct svc *s)
{
	struct svc_daily_outcome *o;
	int n, rc = svc_daily_outcomes(s, 1, &o, &n);
	if (rc == 0)
		svc_daily_outcomes_free(o, n);
	return rc;
}
static int op_daily_rules(struct svc *s)
{
	struct svc_daily_rule *r;
	int n, rc = svc_daily_rules(s, &r, &n);
	if (rc == 0)
		free(r);
	return rc;
}
static int op_daily_record_many(struct svc *s)
{
	struct svc_daily_entry e[] = {{"昌黎县", "absent", 0}, {"卢龙县", "attended", 0}};
	return svc_daily_record_many(s, 1, e, 2);
}
/* A form with nothing changed records nothing, but is still the office's. */
static int op_daily_record_none(struct svc *s) { return svc_daily_record_many(s, 1, NULL, 0); }
static int op_grid(struct svc *s)
{
	struct svc_grid g;
	int rc = svc_grid(s, &g);
	if (rc == 0)
		svc_grid_free(&g);
	return rc;
}
static int op_compute(struct svc *s)
{
	struct svc_compute_report r;
	int rc = svc_compute(s, &r);
	diag_free(&r.notes);
	return rc;
}
static int op_status(struct svc *s)
{
	struct svc_status st;
	int rc = svc_status(s, &st);
	if (rc == 0)
		svc_status_free(&st);
	return rc;
}
static int explain(struct svc *s, const char *unit)
{
	struct svc_explain e;
	int rc = svc_explain(s, unit, &e);
	if (rc == 0)
		svc_explain_free(&e);
	return rc;
}
static int op_explain_in_scope(struct svc *s) { return explain(s, "安监局"); }
static int op_explain_out_of_scope(struct svc *s) { return explain(s, "昌黎县"); }
static int op_results(struct svc *s)
{
	struct stored_result *r;
	int n, rc = svc_results(s, -1, false, &r, &n);
	if (rc == 0)
		stored_results_free(r, n);
	return rc;
}
static int op_result_own(struct svc *s)
{
	struct stored_result r;
	int rc = svc_result(s, "昌黎县", true, &r);
	if (rc == 0)
		stored_result_clear(&r);
	return rc;
}
static int op_result_other(struct svc *s)
{
	struct stored_result r;
	int rc = svc_result(s, "卢龙县", true, &r);
	if (rc == 0)
		stored_result_clear(&r);
	return rc;
}
static int unit_years(struct svc *s, const char *unit)
{
	struct svc_unit_year *y;
	int n, rc = svc_unit_years(s, unit, &y, &n);
	if (rc == 0)
		svc_unit_years_free(y, n);
	return rc;
}
static int op_years_own(struct svc *s) { return unit_years(s, "昌黎县"); }
static int op_years_other(struct svc *s) { return unit_years(s, "卢龙县"); }

/* the documents' reads (report_reads.c) */
static int each_noop(void *ctx, const struct stored_result *r)
{
	(void)ctx;
	(void)r;
	return 0;
}
static int op_results_each(struct svc *s) { return svc_results_each(s, -1, true, each_noop, NULL); }
static int op_read_begin(struct svc *s)
{
	if (svc_read_begin(s) != 0)
		return -1;
	svc_read_end(s);
	return 0;
}
static int op_explain_own(struct svc *s) { return explain(s, "昌黎县"); }
static int op_explain_other(struct svc *s) { return explain(s, "卢龙县"); }
static int notes(struct svc *s, const char *unit)
{
	struct svc_finding_note *v;
	int n, rc = svc_finding_notes(s, unit, &v, &n);
	if (rc == 0)
		svc_finding_notes_free(v, n);
	return rc;
}
static int op_notes_in_scope(struct svc *s) { return notes(s, "安监局"); }
static int op_notes_out_of_scope(struct svc *s) { return notes(s, "昌黎县"); }
static int op_notes_other(struct svc *s) { return notes(s, "卢龙县"); }
static int op_objection_own(struct svc *s)
{
	return svc_objection_file(s, "昌黎县", "2.1.1", "会议纪要已提供，不应扣分", "2016年第3次常委会会议纪要") > 0
		? 0 : -1;
}
static int op_objection_other(struct svc *s)
{
	return svc_objection_file(s, "卢龙县", NULL, "对结果有异议", "来函") > 0 ? 0 : -1;
}
static int op_objection_list(struct svc *s)
{
	struct objection *o;
	int n, rc = svc_objection_list(s, NULL, &o, &n);
	if (rc == 0)
		objection_list_free(o, n);
	return rc;
}
static int op_objection_answer(struct svc *s) { return svc_objection_answer(s, 1, "upheld", "经核实，维持原评分"); }
static int op_set_many(struct svc *s)
{
	char *units[] = {"安监局", "公安局"};
	struct finding f = {.code = "1.1.4"};
	finding_set_value(&f, INPUT_COUNT, 1);
	return svc_score_set_many(s, units, 2, &f);
}
static int op_year_from(struct svc *s) { return svc_year_init_from(s, 2017, 2016); }
static int op_progress(struct svc *s)
{
	struct svc_progress p;
	int rc = svc_progress(s, &p);
	if (rc == 0)
		svc_progress_free(&p);
	return rc;
}
static int op_review_list(struct svc *s)
{
	struct sheet_review *r;
	int n, rc = svc_review_list(s, &r, &n);
	if (rc == 0)
		sheet_review_list_free(r, n);
	return rc;
}
static int op_review_submit_in(struct svc *s) { return svc_review_submit(s, "安监局"); }
static int op_review_submit_out(struct svc *s) { return svc_review_submit(s, "昌黎县"); }
static int op_review_return(struct svc *s) { return svc_review_return(s, "安监局", "请补充"); }
static int op_review_verify(struct svc *s) { return svc_review_verify(s, "安监局"); }
static int op_material_file(struct svc *s, const char *unit)
{
	return svc_material_file(s, unit, "1.1", "纪要.txt", "会议纪要", 12) > 0 ? 0 : -1;
}
static int op_material_own(struct svc *s) { return op_material_file(s, "昌黎县"); }
static int op_material_team(struct svc *s) { return op_material_file(s, "安监局"); }
static int op_material_list(struct svc *s, const char *unit)
{
	struct material *m;
	int n, rc = svc_material_list(s, unit, &m, &n);
	if (rc == 0)
		material_list_free(m, n);
	return rc;
}
static int op_material_list_own(struct svc *s) { return op_material_list(s, "昌黎县"); }
static int op_material_list_team(struct svc *s) { return op_material_list(s, "安监局"); }
static int op_material_zip(struct svc *s)
{
	char p[128];
	snprintf(p, sizeof p, "%s.zip", work);
	int rc = svc_material_zip(s, "昌黎县", p);
	unlink(p);
	return rc;
}
static int op_consent(struct svc *s) { return svc_consent(s, "2017-02-11", "秦政字〔2017〕6号"); }
static int op_objection_period(struct svc *s) { return svc_objection_period(s, "2017-03-01", "2017-03-31"); }
static int op_grade_set(struct svc *s) { return svc_grade_set(s, "昌黎县", "良好", "集体研究"); }
static int op_approve(struct svc *s)
{
	struct svc_approval a;
	int rc = svc_approve(s, &a);
	diag_free(&a.automatic);
	return rc;
}
static int op_reopen(struct svc *s) { return svc_reopen(s, "测试"); }
static int op_publish(struct svc *s) { return svc_publish(s); }
static int audit(struct svc *s, const char *unit)
{
	struct audit_row *r;
	int n, rc = svc_audit(s, unit, &r, &n);
	if (rc == 0)
		audit_list_free(r, n);
	return rc;
}
static int op_audit_in_scope(struct svc *s) { return audit(s, "安监局"); }
static int op_audit_out_of_scope(struct svc *s) { return audit(s, "昌黎县"); }
static int op_audit_verify(struct svc *s)
{
	long long rows;
	char head[65];
	return svc_audit_verify(s, &rows, head);
}
static int op_verify(struct svc *s)
{
	struct svc_verify v;
	int rc = svc_verify(s, &v);
	svc_verify_free(&v);
	return rc;
}
static int op_key_new(struct svc *s)
{
	char p[128], pk[65];
	snprintf(p, sizeof p, "%s.key", work);
	unlink(p);
	int rc = svc_key_new(s, p, pk);
	unlink(p);
	return rc;
}
static int op_approve_signed(struct svc *s)
{
	struct svc_approval a;
	int rc = svc_approve_signed(s, "/nonexistent/key", &a);
	diag_free(&a.automatic);
	return rc;
}
static int op_backup(struct svc *s)
{
	char p[128];
	snprintf(p, sizeof p, "%s.copy", work);
	int rc = svc_backup(s, p, false);
	unlink(p);
	return rc;
}
static int op_user_add(struct svc *s)
{
	struct account a = {.name = "新账号", .role = ROLE_VIEWER};
	return svc_user_add(s, &a, "another-pass-2");
}
static int op_user_list(struct svc *s)
{
	struct account *a;
	int n, rc = svc_user_list(s, &a, &n);
	if (rc == 0)
		account_list_free(a, n);
	return rc;
}
static int op_user_disable(struct svc *s) { return svc_user_disable(s, "组织部", true, NULL); }
static int op_passwd_self(struct svc *s)
{
	return svc_user_passwd(s, svc_actor(s)->name, "secret-pass-1", "changed-pass-3");
}

#define O (1u << ROLE_OFFICE)
#define L (1u << ROLE_LEADER)
#define M (1u << ROLE_MEMBER)
#define I (1u << ROLE_INDUSTRY)
#define E (1u << ROLE_ENFORCEMENT)
#define U (1u << ROLE_UNIT)
#define V (1u << ROLE_VIEWER)
#define ALL (O | L | M | I | E | U | V)

/* The rest of the service's operations (every function of service.h that
 * reads or writes the year's records). */
static int import_csv(struct svc *s, const char *csv,
		      int (*imp)(struct svc *, const struct csv_source *, const char *, long long *))
{
	struct csv_mem m;
	struct csv_source src;
	csv_mem_source(&m, csv, strlen(csv), &src);
	long long rows;
	return imp(s, &src, "t.csv", &rows);
}
/* 茹荷镇, a town of 昌黎县 with nothing on record */
static int op_unit_remove(struct svc *s) { return svc_unit_remove(s, "茹荷镇", "误登记"); }
static int op_unit_import(struct svc *s) { return import_csv(s, "名称,类型\n测试县,county\n", svc_unit_import); }
static int op_unit_get(struct svc *s)
{
	struct unit u;
	int rc = svc_unit_get(s, "昌黎县", &u);
	if (rc == 0)
		unit_clear(&u);
	return rc;
}
static int op_scheme_add(struct svc *s)
{
	static const char yaml[] =
		"scheme: city-2016-school\ntitle: 学校安全工作考核\nunit: school\nunit_title: 学校\n"
		"year: 2016\npoints: 20\nchildren:\n"
		"- {code: '1', title: 应急疏散演练, points: 20, text: 每少开展1次扣5分，最高扣20分。,"
		" rule: {type: per, each: 5, cap: 20}}\n";
	struct svc_text t = {"school.yaml", yaml, sizeof yaml - 1};
	char *title = NULL;
	int rc = svc_scheme_add(s, &t, &title);
	free(title);
	return rc;
}
static int op_team_member(struct svc *s) { return svc_team_member(s, "部门考核组", "王五", "member", NULL, NULL); }
/* 交通局, a department in neither team's scope */
static int op_team_assign(struct svc *s) { return svc_team_assign(s, "部门考核组", "交通局"); }
static int op_sample_set(struct svc *s)
{
	/* two towns (the scheme's 1 to 2), in place of the two drawn */
	char *units[] = {"刘台庄镇", "新集镇"};
	struct spot_report r = {0};
	int rc = svc_sample_set(s, "昌黎县", units, 2, &r);
	free(r.detail);
	return rc;
}
static int op_accident_remove(struct svc *s) { return svc_accident_remove(s, 3, "误录"); }
static int op_accident_import(struct svc *s)
{
	return import_csv(s, "县区,日期,死亡,重伤,损失\n昌黎县,2016-05-01,0,1,1000\n", svc_accident_import);
}
static int op_industry_list(struct svc *s)
{
	struct industry_row *r;
	int n, rc = svc_industry_list(s, &r, &n);
	if (rc == 0)
		industry_list_free(r, n);
	return rc;
}
static int op_veto_list(struct svc *s)
{
	struct veto_row *v;
	int n, rc = svc_veto_list(s, &v, &n);
	if (rc == 0)
		veto_list_free(v, n);
	return rc;
}
/* the demo records no other veto: the office is told there is none,
 * everyone else that they may not */
static int op_veto_remove(struct svc *s) { return svc_veto_remove(s, 1, "误录"); }
static int op_daily_record(struct svc *s) { return svc_daily_record(s, 1, "昌黎县", "absent", 0); }
static int op_daily_rule(struct svc *s) { return svc_daily_rule(s, NULL, "absent", POINTS(3), -1); }
static int op_link(struct svc *s, const char *unit)
{
	return svc_material_link(s, unit, NULL, "会议纪要", "https://example.org/jiyao") > 0 ? 0 : -1;
}
static int op_link_own(struct svc *s) { return op_link(s, "昌黎县"); }
static int op_link_team(struct svc *s) { return op_link(s, "安监局"); }
static int op_material_remove_own(struct svc *s) { return svc_material_remove(s, 1); }
static int op_review_get(struct svc *s)
{
	struct sheet_review r;
	int rc = svc_review_get(s, "安监局", &r);
	if (rc == 0)
		sheet_review_clear(&r);
	return rc;
}
static int op_preview(struct svc *s)
{
	struct finding f = {.code = "1.1.4"};
	finding_set_value(&f, INPUT_COUNT, 1);
	struct svc_explain ex;
	int rc = svc_preview(s, "安监局", &f, &ex);
	if (rc == 0)
		svc_explain_free(&ex);
	return rc;
}

/* Each operation and the roles it allows (doc/domain.md, "Who uses the
 * system"; README, "Accounts and roles"). */
static const struct {
	const char *name;
	int (*run)(struct svc *);
	unsigned allowed;
	bool published;          /* run on the approved and published year */
} matrix[] = {
	{"新建年度", op_year_init, O, false},
	{"沿用上一年度新建年度", op_year_from, O, false},
	{"查看进度", op_progress, O | L | M | I | E, false},
	{"一次录入多个单位（本组范围内）", op_set_many, O | L | M, false},
	{"查看核实情况", op_review_list, O | L | M, false},
	{"提交核实（本组范围内）", op_review_submit_in, O | L, false},
	{"提交核实（本组范围外）", op_review_submit_out, O, false},
	{"退回评分表", op_review_return, O, false},
	{"核实评分表", op_review_verify, O, false},
	{"上传本单位资料", op_material_own, O | U, false},
	{"上传本组单位资料", op_material_team, O | L | M, false},
	{"查看本单位资料", op_material_list_own, O | U, false},
	{"查看本组单位资料", op_material_list_team, O | L | M, false},
	{"打包单位资料", op_material_zip, O | U, false},
	{"登记单位", op_unit_add, O, false},
	{"修改单位", op_unit_edit, O, false},
	{"查看单位", op_unit_list, ALL, false},
	{"建立考核组", op_team_add, O, false},
	{"查看考核组", op_team_list, O | L | M, false},
	{"抽查（考核范围外的县区）", op_sample_draw, O, false},
	{"查看抽查对象", op_sample_list, O | L | M, false},
	{"录入评分（本组范围内）", op_score_in_scope, O | L | M, false},
	{"录入评分（本组范围外）", op_score_out_of_scope, O, false},
	{"录入行政执法评分", op_score_enforcement, O | E, false},
	{"录入本行业评分", op_score_own_industry, O | I, false},
	{"录入其他行业评分", op_score_other_industry, O, false},
	{"删除评分（本组范围内）", op_score_clear, O | L | M, false},
	{"导入评分（本组范围内）", op_score_import, O | L | M, false},
	{"记录事故", op_accident_add, O, false},
	{"查看事故", op_accident_list, O | L | M, false},
	{"记录否决原因", op_veto_add, O, false},
	{"设定行业监管部门", op_industry_set, O, false},
	{"登记日常考核任务", op_daily_task, O, false},
	{"查看日常考核", op_daily_list, O | L | M, false},
	{"修改事故", op_accident_edit, O, false},
	{"查看日常考核任务的结果", op_daily_outcomes, O | L | M, false},
	{"查看日常考核扣分标准", op_daily_rules, O | L | M, false},
	{"一次记录多个单位的日常考核结果", op_daily_record_many, O, false},
	{"一次记录多个单位的日常考核结果（没有改动）", op_daily_record_none, O, false},
	{"查看行业和行政执法评分", op_grid, O | I | E, false},
	{"计分", op_compute, O, false},
	{"查看待办事项", op_status, O | L | M | I | E, false},
	{"查看评分表（本组范围内）", op_explain_in_scope, O | L | M, false},
	{"查看评分表（本组范围外）", op_explain_out_of_scope, O, false},
	{"查看评分备注（本组范围内）", op_notes_in_scope, O | L | M, false},
	{"查看评分备注（本组范围外）", op_notes_out_of_scope, O, false},
	{"查看未公布的结果", op_results, O, false},
	{"查看本单位未公布的历年结果", op_years_own, O, false},
	{"确定档次", op_grade_set, O, false},
	{"审定", op_approve, O, false},
	{"记录市政府同意", op_consent, O, true},
	{"设定意见期限", op_objection_period, O, true},
	{"公布", op_publish, O, true},
	{"重新开放", op_reopen, O, true},
	{"查看已公布的结果", op_results, O | U | V, true},
	{"逐个读取未公布的结果（文件）", op_results_each, O, false},
	{"逐个读取已公布的结果（文件）", op_results_each, O | U | V, true},
	{"一致读取未公布的结果（文件）", op_read_begin, O, false},
	{"一致读取已公布的结果（文件）", op_read_begin, O | U | V, true},
	{"查看本单位已公布的评分表", op_result_own, O | U | V, true},
	{"查看他单位已公布的评分表", op_result_other, O | V, true},
	{"查看本单位已公布的历年结果", op_years_own, O | U | V, true},
	{"查看他单位已公布的历年结果", op_years_other, O | V, true},
	{"查看本单位已公布的评分明细", op_explain_own, O | U | V, true},
	{"查看他单位已公布的评分明细", op_explain_other, O | V, true},
	{"查看本单位已公布的评分备注", op_notes_out_of_scope, O | U | V, true},
	{"查看他单位已公布的评分备注", op_notes_other, O | V, true},
	{"对本单位结果提出意见", op_objection_own, O | U, true},
	{"对他单位结果提出意见", op_objection_other, O, true},
	{"查看意见", op_objection_list, O | L | M | U, true},
	{"答复意见", op_objection_answer, O, true},
	/* in an approved year the scope is refused as such, not as the year's state */
	{"录入评分（已审定，本组范围内）", op_score_in_scope, O | L | M, true},
	{"录入评分（已审定，本组范围外）", op_score_out_of_scope, O, true},
	{"录入行政执法评分（已审定）", op_score_enforcement, O | E, true},
	{"录入本行业评分（已审定）", op_score_own_industry, O | I, true},
	{"删除评分（已审定，本组范围内）", op_score_clear, O | L | M, true},
	{"一次录入多个单位（已审定，本组范围内）", op_set_many, O | L | M, true},
	{"抽查（已审定，考核范围外的县区）", op_sample_draw, O, true},
	{"查看修改记录（本组范围内）", op_audit_in_scope, O | L | M, false},
	{"查看修改记录（本组范围外）", op_audit_out_of_scope, O, false},
	{"校验审计记录", op_audit_verify, O, false},
	{"核对记录与各表", op_verify, O, false},
	{"生成签名密钥", op_key_new, O, false},
	{"签名审定", op_approve_signed, O, false},
	{"备份", op_backup, O, false},
	{"新建账号", op_user_add, O, false},
	{"查看账号", op_user_list, O, false},
	{"停用账号", op_user_disable, O, false},
	{"修改本人密码", op_passwd_self, ALL, false},
	{"删除单位", op_unit_remove, O, false},
	{"导入单位", op_unit_import, O, false},
	{"查看一个单位", op_unit_get, ALL, false},
	{"添加其他单位类型的方案", op_scheme_add, O, false},
	{"加入考核组成员", op_team_member, O, false},
	{"指定考核范围", op_team_assign, O, false},
	{"记录抽查对象（考核范围外的县区）", op_sample_set, O, false},
	{"删除事故", op_accident_remove, O, false},
	{"导入事故", op_accident_import, O, false},
	{"查看行业监管部门", op_industry_list, O | L | M, false},
	{"查看否决原因", op_veto_list, O | L | M, false},
	{"删除否决原因", op_veto_remove, O, false},
	{"记录日常考核结果", op_daily_record, O, false},
	{"设定日常考核扣分", op_daily_rule, O, false},
	{"登记本单位资料链接", op_link_own, O | U, false},
	{"登记本组单位资料链接", op_link_team, O | L | M, false},
	{"删除本单位资料", op_material_remove_own, O | U, false},
	{"查看评分表核实状态（本组范围内）", op_review_get, O | L | M, false},
	{"试算评分（本组范围内）", op_preview, O | L | M, false},
};

static void authorization_matrix(void **state)
{
	(void)state;
	/* the published year: approved and published by the office */
	char published[128];
	snprintf(published, sizeof published, "%s.published", base);
	copy_file(base, published);
	struct svc *s = open_as(published, "办公室");
	assert_int_equal(op_approve(s), 0);
	assert_int_equal(svc_consent(s, "2017-02-10", "秦政字〔2017〕5号"), 0);
	assert_int_equal(svc_publish(s), 0);
	assert_int_equal(svc_objection_period(s, "2000-01-01", "2999-12-31"), 0);
	assert_int_equal(op_objection_own(s), 0);    /* number 1, for 答复意见 */
	svc_close(s);
	int checked = 0;
	for (size_t i = 0; i < sizeof matrix / sizeof matrix[0]; i++)
		for (int r = 0; r < ROLE_COUNT; r++) {
			copy_file(matrix[i].published ? published : base, work);
			char *before = snapshot(work);
			s = open_as(work, accounts[r]);
			int rc = matrix[i].run(s);
			enum svc_code code = rc ? svc_err(s)->code : SVC_OK;
			bool allowed = matrix[i].allowed & (1u << r);
			if (allowed && code == SVC_FORBIDDEN)
				fail_msg("%s：%s 应当可以，却被拒绝：%s", matrix[i].name, role_title((enum role)r),
					 svc_err(s)->message);
			if (!allowed && code != SVC_FORBIDDEN)
				fail_msg("%s：%s 不应当可以，结果 %d：%s", matrix[i].name, role_title((enum role)r),
					 code, rc ? svc_err(s)->message : "成功");
			svc_close(s);
			if (!allowed) {
				char *after = snapshot(work);
				if (strcmp(before, after) != 0)
					fail_msg("%s：%s 被拒绝，数据库却改变了", matrix[i].name,
						 role_title((enum role)r));
				free(after);
			}
			free(before);
			checked++;
		}
	assert_int_equal(checked, (int)(sizeof matrix / sizeof matrix[0]) * ROLE_COUNT);
	unlink(published);
}

/* A batch of saves from several people: each part as its own account
 * (组员 may score 安监局, a city department in 部门考核组's scope, and not
 * 昌黎县), and the session that committed it goes on as itself. */
static void batch_keeps_actor(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, "组长");
	struct svc_batch_item items[2] = {
		{.account = "组员", .unit = "安监局", .finding = {.code = "1.1.4"}},
		{.account = "组员", .unit = "昌黎县", .finding = {.code = "1.1.4"}},
	};
	finding_set_value(&items[0].finding, INPUT_COUNT, 1);
	finding_set_value(&items[1].finding, INPUT_COUNT, 1);
	assert_int_equal(svc_score_set_batch(s, items, 2), 0);
	assert_int_equal(items[0].rc, 0);
	assert_int_equal(items[1].rc, -1);
	assert_int_equal(items[1].err.code, SVC_FORBIDDEN);
	svc_error_clear(&items[0].err);
	svc_error_clear(&items[1].err);
	assert_non_null(svc_actor(s));
	assert_string_equal(svc_actor(s)->name, "组长");
	/* and still allowed what 组长 may do: 1.1.4 "每少落实1次，扣10分" */
	assert_int_equal(score(s, "安监局", "1.1.4", INPUT_COUNT, 2), 0);
	svc_close(s);
}

/* Signing in: the right password, a wrong one, an unknown name (the same
 * words), a disabled account. The stored password is an argon2id string. */
static void sign_in(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc_error err;
	struct svc_options o = {work, false, 0, false};
	struct svc *s = svc_open(&o, &err);
	assert_non_null(s);
	assert_null(svc_actor(s));
	assert_int_equal(op_unit_list(s), -1);
	assert_int_equal(svc_err(s)->code, SVC_FORBIDDEN);
	assert_int_equal(svc_sign_in(s, "组长", "wrong-password"), -1);
	assert_string_equal(svc_err(s)->message, "账号或密码不正确");
	assert_int_equal(svc_sign_in(s, "没有这个人", "secret-pass-1"), -1);
	assert_string_equal(svc_err(s)->message, "账号或密码不正确");
	assert_int_equal(svc_sign_in(s, "组长", "secret-pass-1"), 0);
	assert_int_equal(svc_actor(s)->role, ROLE_LEADER);
	assert_string_equal(svc_actor(s)->team, "部门考核组");
	svc_close(s);
	s = open_as(work, "办公室");
	assert_int_equal(svc_user_disable(s, "组长", true, "离岗"), 0);
	svc_close(s);
	s = svc_open(&o, &err);
	assert_int_equal(svc_sign_in(s, "组长", "secret-pass-1"), -1);
	assert_string_equal(svc_err(s)->message, "账号已停用");
	assert_int_equal(svc_act_as(s, "组长"), -1);
	svc_close(s);
	sqlite3 *h;
	sqlite3_open(work, &h);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(h, "SELECT password FROM account WHERE name = '组员'", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_memory_equal(sqlite3_column_text(st, 0), "$argon2id$", 10);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* Errors are data: a code, a message without any surface's syntax, the
 * field, and an import's every problem at its row and column. */
static void errors_are_data(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, NULL);
	/* 1.1.4 "每少落实1次，扣10分。最高可扣40分": a negative count */
	assert_int_equal(score(s, "安监局", "1.1.4", INPUT_COUNT, -1), -1);
	const struct svc_error *e = svc_err(s);
	assert_int_equal(e->code, SVC_INVALID);
	assert_string_equal(e->field, "value");
	assert_contains(e->message, "1.1.4 的次数 -1 不能为负数");
	assert_null(strstr(e->message, "--"));
	/* an unknown unit */
	assert_int_equal(score(s, "没有的县", "1.1.4", INPUT_COUNT, 1), -1);
	assert_int_equal(svc_err(s)->code, SVC_NOT_FOUND);
	/* a reason required */
	assert_int_equal(svc_veto_add(s, "昌黎县", "falsified", ""), -1);
	assert_string_equal(svc_err(s)->field, "reason");
	/* an import from a buffer: problems by row and column, nothing written */
	char *before = snapshot(work);
	const char csv[] = "单位,编号,次数\n安监局,1.1.4,x\n安监局,9.9,1\n昌黎县,1.1.4,1\n";
	struct csv_mem m;
	struct csv_source src;
	csv_mem_source(&m, csv, sizeof csv - 1, &src);
	struct svc_import_report rep;
	assert_int_equal(svc_score_import(s, &src, "t.csv", &rep), -1);
	e = svc_err(s);
	assert_int_equal(e->problems.n, 2);
	assert_int_equal(e->problems.row[0], 2);
	assert_int_equal(e->problems.col[0], 3);
	assert_contains(e->problems.msgs[0], "次数“x”格式不对");
	assert_int_equal(e->problems.row[1], 3);
	assert_int_equal(e->problems.col[1], 2);
	assert_contains(e->problems.msgs[1], "未知的考核项编号“9.9”");
	svc_close(s);
	char *after = snapshot(work);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* text that is not text: invalid UTF-8, control characters, too long */
	s = open_as(work, NULL);
	struct svc_unit_fields f = {.name = "\xff\xfe", .kind = "county"};
	assert_int_equal(svc_unit_add(s, &f, NULL), -1);
	assert_contains(svc_err(s)->message, "无效的文字编码");
	f.name = "甲\x01县";
	assert_int_equal(svc_unit_add(s, &f, NULL), -1);
	assert_contains(svc_err(s)->message, "控制字符");
	/* an edit that changes nothing is refused, not recorded */
	struct svc_unit_fields same = {0};
	assert_int_equal(svc_unit_edit(s, "昌黎县", &same), -1);
	assert_contains(svc_err(s)->message, "没有要修改的内容");
	svc_close(s);
}

/* Correcting an accident: the checks of recording one, in one
 * transaction, on the record with the old and new values and the reason. */
static void accident_edit(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, NULL);
	struct accident_rec *all;
	int n;
	assert_int_equal(svc_accident_list(s, &all, &n), 0);
	struct accident_rec *two = NULL;
	for (int i = 0; i < n; i++)
		if (all[i].id == 2)
			two = &all[i];
	assert_non_null(two);
	assert_string_equal(two->county, "抚宁区");
	char *before = snapshot(work);
	/* the same values: nothing to change */
	struct accident_rec a = {.county = xstrdup(two->county), .date = xstrdup(two->date), .deaths = two->deaths,
				 .injuries = two->injuries, .loss = two->loss, .industry = xstrdup(two->industry),
				 .note = xstrdup(two->note)};
	assert_int_equal(svc_accident_edit(s, 2, &a, "核实"), -1);
	assert_contains(svc_err(s)->message, "没有要修改的内容");
	/* a reason is required */
	a.deaths = 0;
	assert_int_equal(svc_accident_edit(s, 2, &a, ""), -1);
	assert_string_equal(svc_err(s)->field, "reason");
	/* the checks of an accident: a date in the year, a grade only for an
	 * occupational-disease hazard accident */
	free(a.date);
	a.date = xstrdup("2017-04-09");
	assert_int_equal(svc_accident_edit(s, 2, &a, "核实"), -1);
	assert_int_equal(svc_err(s)->code, SVC_INVALID);
	assert_string_equal(svc_err(s)->field, "date");
	free(a.date);
	a.date = xstrdup(two->date);
	a.grade = xstrdup("较大");
	assert_int_equal(svc_accident_edit(s, 2, &a, "核实"), -1);
	assert_string_equal(svc_err(s)->field, "grade");
	free(a.grade);
	a.grade = NULL;
	/* no such accident */
	assert_int_equal(svc_accident_edit(s, 99, &a, "核实"), -1);
	assert_int_equal(svc_err(s)->code, SVC_NOT_FOUND);
	/* the same as accident 3 would count it twice */
	struct accident_rec *three = &all[0];
	for (int i = 0; i < n; i++)
		if (all[i].id == 3)
			three = &all[i];
	struct accident_rec dup = {.county = xstrdup(three->county), .date = xstrdup(three->date),
				   .deaths = three->deaths, .injuries = three->injuries, .loss = three->loss,
				   .industry = xstrdup(three->industry), .note = xstrdup(three->note)};
	assert_int_equal(svc_accident_edit(s, 2, &dup, "核实"), -1);
	assert_int_equal(svc_err(s)->code, SVC_CONFLICT);
	assert_contains(svc_err(s)->message, "第 3 号事故");
	accident_rec_clear(&dup);
	svc_close(s);
	char *after = snapshot(work);
	assert_string_equal(before, after);
	free(after);
	free(before);
	/* no deaths after all: stored, on the record */
	s = open_as(work, NULL);
	assert_int_equal(svc_accident_edit(s, 2, &a, "核实后更正"), 0);
	assert_int_equal(a.id, 2);
	assert_string_equal(a.department, "安监局");
	struct audit_row *rows;
	int nr;
	assert_int_equal(svc_audit(s, "抚宁区", &rows, &nr), 0);
	assert_string_equal(rows[nr - 1].action, "accident.edit");
	assert_contains(rows[nr - 1].old, "死亡 1 人");
	assert_contains(rows[nr - 1].new_value, "死亡 0 人");
	assert_string_equal(rows[nr - 1].reason, "核实后更正");
	audit_list_free(rows, nr);
	svc_close(s);
	accident_rec_clear(&a);
	accident_list_free(all, n);
}

/* The stored results are what compute wrote: typed, with every node of
 * every sheet, read back without scoring again. 昌黎县's stored total
 * equals the sum of its stored parts, and each part the scheme's points
 * minus its stored deduction. */
static void stored_results_are_typed(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, NULL);
	struct stored_result r;
	assert_int_equal(svc_result(s, "昌黎县", true, &r), 0);
	points_t sum = 0;
	for (int i = 0; i < r.nparts; i++) {
		sum += r.parts[i].score;
		assert_int_equal(r.parts[i].score + r.parts[i].deduction, r.parts[i].node->points);
	}
	assert_int_equal(r.nparts, 5);
	assert_int_equal(sum, r.total);
	assert_true(r.nsheets >= 4);   /* 2–3 departments and 2–3 enterprises */
	const struct node *n = scheme_find(r.scheme, "1.1.1");
	assert_non_null(r.nodes[n->index].node);
	assert_non_null(r.nodes[n->index].derivation);
	/* the explanation from the current records agrees */
	struct svc_explain e;
	assert_int_equal(svc_explain(s, "昌黎县", &e), 0);
	assert_int_equal(e.r->total, r.total);
	assert_true(e.current);
	svc_explain_free(&e);
	stored_result_clear(&r);
	svc_close(s);
}

/* Clearing all of a unit's findings is entering each of them: a team
 * whose county holds 行政执法 and industry scores (entered by other
 * bodies) may not clear them all, and nothing changes; its own finding
 * it may clear. */
static void clear_all_keeps_scores_of_others(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, "办公室");
	add_user(s, "县区组长", ROLE_LEADER, "县区考核组", NULL, NULL);
	svc_close(s);
	char *before = snapshot(work);
	s = open_as(work, "县区组长");
	assert_int_equal(svc_score_clear(s, "卢龙县", NULL), -1);
	assert_int_equal(svc_err(s)->code, SVC_FORBIDDEN);
	svc_close(s);
	char *after = snapshot(work);
	assert_string_equal(before, after);
	free(before);
	free(after);
	s = open_as(work, "县区组长");
	assert_int_equal(svc_score_clear(s, "卢龙县", "1.1.4"), 0);
	svc_close(s);
}

/* A unit's results over the years: 2017 made from 2016, one finding more
 * for 安监局 (1.1.4 "每少落实1次，扣10分": 2 times, 20 points) and
 * computed. Both years come back oldest first, each total the one
 * svc_result gives in that year; the session stays on its year (2017),
 * and from 2016 the later year is not shown. A viewer may not see 2017
 * before it is published, though 2016 is. */
static void unit_years_across_years(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, "办公室");
	struct stored_result r16, r17;
	assert_int_equal(svc_result(s, "安监局", false, &r16), 0);
	assert_int_equal(svc_year_init_from(s, 2017, 2016), 0);
	assert_int_equal(svc_year(s), 2017);
	struct svc_compute_report rep;
	assert_int_equal(svc_compute(s, &rep), 0);
	diag_free(&rep.notes);
	assert_int_equal(svc_result(s, "安监局", false, &r17), 0);
	struct finding f = {.code = "1.1.4"};
	finding_set_value(&f, INPUT_COUNT, 2);
	assert_int_equal(svc_score_set(s, "安监局", &f), 0);
	assert_int_equal(svc_compute(s, &rep), 0);
	diag_free(&rep.notes);
	points_t before = r17.total;
	stored_result_clear(&r17);
	assert_int_equal(svc_result(s, "安监局", false, &r17), 0);
	assert_int_equal(r17.total, before - 2000);
	struct svc_unit_year *y;
	int n;
	assert_int_equal(svc_unit_years(s, "安监局", &y, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(y[0].year, 2016);
	assert_int_equal(y[0].total, r16.total);
	assert_int_equal(y[0].vetoed, stored_veto_cap(&r16) != GRADE_NONE);
	assert_int_equal(y[0].rank, r16.rank);
	assert_int_equal(y[0].points, 100000);
	assert_int_equal(y[0].kind, KIND_DEPARTMENT);
	assert_int_equal(y[1].year, 2017);
	assert_int_equal(y[1].total, r17.total);
	assert_int_equal(svc_year(s), 2017);
	svc_unit_years_free(y, n);
	/* the scheme is read again after the switch, and still the year's */
	assert_non_null(svc_scheme(s, KIND_DEPARTMENT));
	assert_int_equal(svc_scheme(s, KIND_DEPARTMENT)->root->points, 100000);
	/* no such unit this year */
	assert_int_equal(svc_unit_years(s, "无此单位", &y, &n), -1);
	assert_int_equal(svc_err(s)->code, SVC_NOT_FOUND);
	assert_int_equal(svc_year(s), 2017);
	/* from 2016: 2016 alone */
	assert_int_equal(svc_use_year(s, 2016), 0);
	assert_int_equal(svc_unit_years(s, "安监局", &y, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(y[0].year, 2016);
	assert_int_equal(svc_year(s), 2016);
	svc_unit_years_free(y, n);
	/* 2016 approved and published; 2017 not: the viewer sees 2016 only
	 * from 2016, and nothing from 2017 */
	struct svc_approval ap;
	assert_int_equal(svc_approve(s, &ap), 0);
	diag_free(&ap.automatic);
	assert_int_equal(svc_consent(s, "2017-02-10", "秦政字〔2017〕5号"), 0);
	assert_int_equal(svc_publish(s), 0);
	svc_close(s);
	s = open_as(work, "组织部");
	assert_int_equal(svc_year(s), 2017);
	assert_int_equal(svc_unit_years(s, "安监局", &y, &n), -1);
	assert_int_equal(svc_err(s)->code, SVC_FORBIDDEN);
	assert_int_equal(svc_year(s), 2017);
	assert_int_equal(svc_use_year(s, 2016), 0);
	assert_int_equal(svc_unit_years(s, "安监局", &y, &n), 0);
	assert_int_equal(n, 1);
	svc_unit_years_free(y, n);
	svc_close(s);
	stored_result_clear(&r16);
	stored_result_clear(&r17);
}

/* A session made read-only (the command line's, for a command that does
 * not write) refuses every write, and the file keeps what it had; made
 * writable again, the same call goes through. */
static void read_only_session_refuses_writes(void **state)
{
	(void)state;
	copy_file(base, work);
	struct svc *s = open_as(work, accounts[ROLE_OFFICE]);
	struct unit *u;
	int before, after;
	assert_int_equal(svc_unit_list(s, KIND_COUNTY, &u, &before), 0);
	unit_list_free(u, before);
	svc_read_only(s, true);
	struct svc_unit_fields f = {.name = "新县", .kind = "county"};
	assert_int_equal(svc_unit_add(s, &f, NULL), -1);
	assert_non_null(strstr(svc_err(s)->message, "只读的操作不能修改数据库"));
	struct svc_compute_report rep;
	memset(&rep, 0, sizeof rep);
	assert_int_equal(svc_compute(s, &rep), -1);
	diag_free(&rep.notes);
	assert_int_equal(svc_unit_list(s, KIND_COUNTY, &u, &after), 0);
	unit_list_free(u, after);
	assert_int_equal(after, before);
	svc_read_only(s, false);
	assert_int_equal(svc_unit_add(s, &f, NULL), 0);
	assert_int_equal(svc_unit_list(s, KIND_COUNTY, &u, &after), 0);
	unit_list_free(u, after);
	assert_int_equal(after, before + 1);
	svc_close(s);
}

/* `kaohe help` says who may run a command from auth.c's own table
 * (doc/domain.md: teams write findings for the units in their scope; an
 * assessed unit reads its own sheet once published; the viewer reads
 * published results). */
static void roles_said_from_the_table(void **state)
{
	(void)state;
	struct buf b = {0};
	svc_op_roles(OP_COMPUTE, &b);
	assert_string_equal(buf_str(&b), "安委办");
	b.len = 0;
	svc_op_roles(OP_EXPLAIN, &b);
	assert_string_equal(buf_str(&b), "安委办、考核组组长、考核组成员、被考核单位、查阅结果"
			    "（考核组限本组考核范围；被考核单位限本单位；公布之后）");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(authorization_matrix),
		cmocka_unit_test(sign_in),
		cmocka_unit_test(batch_keeps_actor),
		cmocka_unit_test(errors_are_data),
		cmocka_unit_test(stored_results_are_typed),
		cmocka_unit_test(accident_edit),
		cmocka_unit_test(clear_all_keeps_scores_of_others),
		cmocka_unit_test(unit_years_across_years),
		cmocka_unit_test(read_only_session_refuses_writes),
		cmocka_unit_test(roles_said_from_the_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
