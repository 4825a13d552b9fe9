/* result.c: storing and reading typed results (result.h). */
#include "result.h"
#include "db_impl.h"
#include "state.h"
#include "unit.h"
#include "year.h"

#include <stdlib.h>
#include <string.h>

static const char *const effect_names[] = {"fail", "at-most", "zero"};

int result_clear_year(struct db *db)
{
	static const char *const sql[] = {
		"DELETE FROM result_node WHERE unit_id IN (SELECT id FROM unit WHERE year_id = ?)",
		"DELETE FROM result_veto WHERE unit_id IN (SELECT id FROM unit WHERE year_id = ?)",
		"DELETE FROM result_note WHERE unit_id IN (SELECT id FROM unit WHERE year_id = ?)",
		"DELETE FROM result_unit WHERE unit_id IN (SELECT id FROM unit WHERE year_id = ?)",
	};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st = db_stmt(db, sql[i]);
		sqlite3_bind_int64(st, 1, db->year_id);
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	return 0;
}

static int store_node(struct db *db, long long unit_id, long long sheet_id,
		      const struct node_result *nr)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO result_node (unit_id, sheet_id, code, score, deduction,"
				   " state, derivation, warning) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int64(st, 2, sheet_id);
	sqlite3_bind_text(st, 3, nr->node->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, nr->score);
	sqlite3_bind_int64(st, 5, nr->deduction);
	sqlite3_bind_int(st, 6, (nr->na ? NODE_NA : 0) | (nr->missing ? NODE_MISSING : 0) |
			 (nr->has_input ? NODE_INPUT : 0));
	if (nr->derivation)
		sqlite3_bind_text(st, 7, nr->derivation, -1, SQLITE_STATIC);
	if (nr->warning)
		sqlite3_bind_text(st, 8, nr->warning, -1, SQLITE_STATIC);
	return db_exec_stmt(db, st);
}

static int store_note(struct db *db, long long unit_id, const char *kind, int seq, const char *text)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO result_note (unit_id, kind, seq, text) VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, seq);
	db_bind_text(st, 4, text);
	return db_exec_stmt(db, st);
}

/* The stored nodes of one scored unit: the own sheet, then each sheet. */
static int store_nodes(struct db *db, const struct result_entry *e)
{
	const struct result *r = e->r;
	const struct scheme *s = r->scheme;
	for (int i = 0; i < s->nnodes; i++) {
		const struct node_result *nr = &r->nodes[i];
		if (!nr->node)
			continue;
		if (store_node(db, e->unit->id, 0, nr) != 0)
			return -1;
		for (int k = 0; k < nr->nsheets; k++) {
			long long sid = 0;
			for (int j = 0; j < e->nsheets && !sid; j++)
				if (strcmp(e->sheets[j].label, nr->sheets[k].label) == 0)
					sid = e->sheet_ids[j];
			const struct node_result *sn = nr->sheets[k].nodes;
			for (int m = s->nodes[i]->index; m < s->nnodes; m++) {
				if (m > i && s->nodes[m]->depth <= s->nodes[i]->depth)
					break;
				if (sn[m].node && store_node(db, e->unit->id, sid, &sn[m]) != 0)
					return -1;
			}
		}
	}
	return 0;
}

int result_store(struct db *db, const struct result_entry *e, const char *at, long long seq)
{
	const struct result *r = e->r;
	const struct unit *u = e->unit;
	bool provincial = r == NULL;
	const struct scheme *gs = r ? r->scheme : year_grading(db, u->kind);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO result_unit (unit_id, total, raw_total, incomplete,"
				   " provincial, by_score, proposed_grade, rank, mandatory_failed, computed_at,"
				   " audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_int64(st, 2, provincial ? u->provincial_total : r->total);
	sqlite3_bind_int64(st, 3, provincial ? u->provincial_total : r->raw_total);
	sqlite3_bind_int(st, 4, provincial ? !u->has_provincial_total : r->incomplete);
	sqlite3_bind_int(st, 5, provincial);
	if (!provincial && r->by_score != GRADE_NONE)
		db_bind_text(st, 6, scheme_grade_name(gs, r->by_score));
	if (e->proposed != GRADE_NONE)
		db_bind_text(st, 7, scheme_grade_name(gs, e->proposed));
	if (e->rank)
		sqlite3_bind_int(st, 8, e->rank);
	if (!provincial && r->mandatory_failed)
		db_bind_text(st, 9, r->mandatory_failed->code);
	db_bind_text(st, 10, at);
	sqlite3_bind_int64(st, 11, seq);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (provincial)
		return u->has_provincial_total ? 0 : store_note(db, u->id, "missing", 0, "省考核得分");
	for (int i = 0; i < r->nvetoes; i++) {
		const struct veto_rule *vr = r->vetoes[i].rule;
		const char *why = NULL;
		for (int k = 0; k < 4 && vr->when == WHEN_FLAG && e->veto_reasons; k++)
			if (vr->flag == (1u << k))
				why = e->veto_reasons[k];
		st = db_stmt(db, "INSERT INTO result_veto (unit_id, seq, code, title, detail, effect, grade)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, u->id);
		sqlite3_bind_int(st, 2, i);
		db_bind_text(st, 3, vr->code);
		db_bind_text(st, 4, vr->title);
		db_bind_text(st, 5, why ? why : r->vetoes[i].detail);
		db_bind_text(st, 6, effect_names[vr->effect]);
		if (vr->effect == EFFECT_AT_MOST)
			db_bind_text(st, 7, scheme_grade_name(gs, vr->grade));
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	for (int i = 0; i < r->nmissing; i++)
		if (store_note(db, u->id, "missing", i, r->missing[i]) != 0)
			return -1;
	for (int i = 0; i < r->nwarnings; i++)
		if (store_note(db, u->id, "warning", i, r->warnings[i]) != 0)
			return -1;
	return store_nodes(db, e);
}

int result_set_seq(struct db *db, long long seq)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE result_unit SET audit_seq = ? WHERE unit_id IN"
				   " (SELECT id FROM unit WHERE year_id = ?)");
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, db->year_id);
	return db_exec_stmt(db, st);
}

int result_set_rank(struct db *db, long long unit_id, int rank, enum grade proposed)
{
	/* the grade's name is the unit kind's scheme's */
	sqlite3_stmt *st = db_stmt(db, "SELECT kind FROM unit WHERE id = ?");
	sqlite3_bind_int64(st, 1, unit_id);
	int kind = sqlite3_step(st) == SQLITE_ROW ? unit_kind_parse(db_col_text(st, 0)) : -1;
	sqlite3_reset(st);
	const struct scheme *gs = kind < 0 ? NULL : year_grading(db, (enum unit_kind)kind);
	st = db_stmt(db, "UPDATE result_unit SET rank = ?, proposed_grade = ? WHERE unit_id = ?");
	if (rank)
		sqlite3_bind_int(st, 1, rank);
	if (proposed != GRADE_NONE)
		db_bind_text(st, 2, scheme_grade_name(gs, proposed));
	sqlite3_bind_int64(st, 3, unit_id);
	return db_exec_stmt(db, st);
}

/* ---- reading ------------------------------------------------------------ */

#define RESULT_COLS "u.id, r.total, r.raw_total, r.incomplete, r.provincial, r.by_score," \
	" r.proposed_grade, ifnull(r.rank, 0), r.mandatory_failed, r.computed_at, r.audit_seq," \
	" d.grade, d.reason, d.actor, d.at, u.kind"
#define RESULT_FROM " FROM result_unit r JOIN unit u ON u.id = r.unit_id" \
	" LEFT JOIN decision d ON d.unit_id = r.unit_id "

/* The reason recorded with grades taken from the proposal at approval
 * (decision.c). */
extern const char *const AUTO_REASON;

/* A stored grade, by the names of scheme s (year_grading). */
static enum grade grade_col(sqlite3_stmt *st, int i, const struct scheme *s)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? GRADE_NONE
		: scheme_grade_parse(s, db_col_text(st, i));
}

static void read_row(struct db *db, sqlite3_stmt *st, struct stored_result *r)
{
	const struct scheme *s = year_grading(db, (enum unit_kind)unit_kind_parse(db_col_text(st, 15)));
	r->grading = s;
	r->total = sqlite3_column_int64(st, 1);
	r->raw_total = sqlite3_column_int64(st, 2);
	r->incomplete = sqlite3_column_int(st, 3);
	r->provincial = sqlite3_column_int(st, 4);
	r->by_score = grade_col(st, 5, s);
	r->proposed = grade_col(st, 6, s);
	r->rank = sqlite3_column_int(st, 7);
	r->mandatory_failed = db_col_dup(st, 8);
	r->computed_at = db_col_str(st, 9);
	r->audit_seq = sqlite3_column_int64(st, 10);
	r->decision.grade = grade_col(st, 11, s);
	r->decision.reason = db_col_dup(st, 12);
	r->decision.actor = db_col_dup(st, 13);
	r->decision.at = db_col_dup(st, 14);
	r->decision.automatic = r->decision.reason && strcmp(r->decision.reason, AUTO_REASON) == 0;
}

/* Resets st after its rows were read: 0 if they ended (rc SQLITE_DONE),
 * else -1 with the message: a read that failed is not fewer rows. */
static int read_end(struct db *db, sqlite3_stmt *st, int rc)
{
	if (rc != SQLITE_DONE) {
		db_sqlite_fail(db, "读取考核结果");
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static int read_details(struct db *db, struct stored_result *r, bool tree)
{
	long long id = r->unit.id;
	sqlite3_stmt *st = db_stmt(db, "SELECT code, title, detail, effect, grade FROM result_veto"
				   " WHERE unit_id = ? ORDER BY seq");
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->vetoes = xrealloc(r->vetoes, (size_t)(r->nvetoes + 1) * sizeof *r->vetoes);
		struct stored_veto *v = &r->vetoes[r->nvetoes++];
		v->code = db_col_str(st, 0);
		v->title = db_col_str(st, 1);
		v->detail = db_col_str(st, 2);
		const char *e = db_col_text(st, 3);
		v->effect = strcmp(e, "fail") == 0 ? EFFECT_FAIL : strcmp(e, "zero") == 0 ? EFFECT_ZERO
			: EFFECT_AT_MOST;
		v->grade = grade_col(st, 4, r->grading);
	}
	if (read_end(db, st, rc) != 0)
		return -1;
	st = db_stmt(db, "SELECT kind, text FROM result_note WHERE unit_id = ? ORDER BY kind, seq");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool missing = strcmp(db_col_text(st, 0), "missing") == 0;
		char ***list = missing ? &r->missing : &r->warnings;
		int *n = missing ? &r->nmissing : &r->nwarnings;
		*list = xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
		(*list)[(*n)++] = db_col_str(st, 1);
	}
	if (read_end(db, st, rc) != 0)
		return -1;
	if (r->provincial)
		return 0;
	const struct scheme *s = year_scheme(db, r->unit.kind);
	if (!s)
		return -1;
	/* the parts: the scheme's first level on the unit's own sheet */
	const struct node *root = s->root;
	r->parts = xcalloc((size_t)root->nchildren + 1, sizeof *r->parts);
	st = db_stmt(db, "SELECT score, deduction, state, derivation, warning FROM result_node"
		     " WHERE unit_id = ? AND sheet_id = 0 AND code = ?");
	for (int i = 0; i < root->nchildren; i++) {
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, root->children[i]->code);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct stored_node *p = &r->parts[r->nparts++];
			p->node = root->children[i];
			p->score = sqlite3_column_int64(st, 0);
			p->deduction = sqlite3_column_int64(st, 1);
			p->state = sqlite3_column_int(st, 2);
			p->derivation = db_col_dup(st, 3);
			p->warning = db_col_dup(st, 4);
			rc = SQLITE_DONE;
		}
		if (read_end(db, st, rc) != 0)
			return -1;
	}
	if (!tree)
		return 0;
	r->scheme = s;
	r->nodes = xcalloc((size_t)s->nnodes, sizeof *r->nodes);
	st = db_stmt(db, "SELECT n.sheet_id, n.code, n.score, n.deduction, n.state, n.derivation, n.warning,"
		     " ifnull(su.name, '') FROM result_node n LEFT JOIN unit su ON su.id = n.sheet_id"
		     " WHERE n.unit_id = ? ORDER BY n.sheet_id = 0 DESC, su.kind, su.sort_order, su.id");
	sqlite3_bind_int64(st, 1, id);
	long long current = -1;
	struct stored_node *nodes = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long sid = sqlite3_column_int64(st, 0);
		const struct node *n = scheme_find(s, db_col_text(st, 1));
		if (!n)
			continue;
		if (sid == 0) {
			nodes = r->nodes;
		} else if (sid != current) {
			r->sheets = xrealloc(r->sheets, (size_t)(r->nsheets + 1) * sizeof *r->sheets);
			struct stored_sheet *sh = &r->sheets[r->nsheets++];
			sh->label = db_col_str(st, 7);
			sh->nodes = xcalloc((size_t)s->nnodes, sizeof *sh->nodes);
			nodes = sh->nodes;
		}
		current = sid;
		struct stored_node *sn = &nodes[n->index];
		sn->node = n;
		sn->score = sqlite3_column_int64(st, 2);
		sn->deduction = sqlite3_column_int64(st, 3);
		sn->state = sqlite3_column_int(st, 4);
		sn->derivation = db_col_dup(st, 5);
		sn->warning = db_col_dup(st, 6);
	}
	return read_end(db, st, rc);
}

int result_read_all(struct db *db, int kind, bool tree, struct stored_result **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " RESULT_COLS RESULT_FROM
				   " WHERE u.year_id = ?1 AND (?2 IS NULL OR u.kind = ?2)"
				   " ORDER BY CASE u.kind WHEN 'county' THEN 1 WHEN 'department' THEN 2 ELSE 3 END,"
				   " (SELECT s.id FROM scheme s WHERE s.year_id = u.year_id AND s.unit_kind = u.kind),"
				   " r.rank IS NULL, r.rank, u.sort_order");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind < 0 ? NULL : unit_kind_name((enum unit_kind)kind));
	struct stored_result *list = NULL;
	int k = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			list = xrealloc(list, (size_t)cap * sizeof *list);
		}
		memset(&list[k], 0, sizeof list[k]);
		list[k].unit.id = sqlite3_column_int64(st, 0);
		read_row(db, st, &list[k]);
		k++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		stored_results_free(list, k);
		return db_sqlite_fail(db, "读取考核结果");
	}
	/* the units and details after the scan: each read runs statements */
	for (int i = 0; i < k; i++) {
		long long id = list[i].unit.id;
		if (unit_get_id(db, id, &list[i].unit) != 0 || read_details(db, &list[i], tree) != 0) {
			stored_results_free(list, k);
			return -1;
		}
	}
	*out = list;
	*n = k;
	return 0;
}

int result_read_unit(struct db *db, const struct unit *u, bool tree, struct stored_result *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT " RESULT_COLS RESULT_FROM " WHERE r.unit_id = ?");
	sqlite3_bind_int64(st, 1, u->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(db, st, out);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			return db_sqlite_fail(db, "读取考核结果");
		db_fail_code(db, DB_NOT_FOUND, "unit", "“%s”还没有考核结果（须先计分）", u->name);
		return -1;
	}
	unit_copy(&out->unit, u);
	if (read_details(db, out, tree) != 0) {
		stored_result_clear(out);
		return -1;
	}
	return 0;
}

int results_stale(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT max(r.audit_seq) FROM result_unit r JOIN unit u"
				   " ON u.id = r.unit_id WHERE u.year_id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	long long seq = -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		seq = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_sqlite_fail(db, "读取考核结果");
		sqlite3_reset(st);
		return -2;
	}
	sqlite3_reset(st);
	if (seq < 0)
		return -1;
	/* Changes that do not bear on a score: decisions, approval, teams,
	 * accounts, publication, objections, verification, materials,
	 * consent. (A list of what does not count, so that anything new
	 * counts until it is listed here.) */
	st = db_stmt(db, "SELECT count(*) FROM audit WHERE seq > ? AND year = ? AND action NOT IN"
		     " ('grade.set', 'year.approve', 'year.reopen', 'year.publish', 'compute', 'team.add',"
		     " 'team.member', 'team.assign', 'user.add', 'user.disable', 'user.passwd',"
		     " 'objection.file', 'objection.answer', 'objection.evidence', 'objection.period',"
		     " 'sheet.open', 'sheet.submit', 'sheet.return', 'sheet.verify', 'sheet.void',"
		     " 'material.add', 'material.remove', 'year.consent', 'year.sign', 'key.new')");
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int(st, 2, db->year);
	rc = sqlite3_step(st);
	int changed = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_sqlite_fail(db, "读取审计记录"), -2;
	/* Inputs changed behind kaohe's back (no record) make the results
	 * stale too: the digest of what the compute read (schema 7) differs. */
	if (changed)
		return 1;
	/* Nobody else has written since the inputs last matched: this
	 * connection's own changes are all in the audit log, read above. */
	long long version = -1;
	st = db_stmt(db, "PRAGMA data_version");
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (version >= 0 && db->digest_ok_year_id == db->year_id && db->digest_ok_version == version)
		return 0;
	char *was = year_inputs_digest(db);
	if (was) {
		char now[65];
		/* unreadable inputs are not current ones */
		changed = state_digest(db, now) != 0 || strcmp(was, now) != 0;
		free(was);
	}
	if (!changed && version >= 0) {
		db->digest_ok_year_id = db->year_id;
		db->digest_ok_version = version;
	}
	return changed;
}
