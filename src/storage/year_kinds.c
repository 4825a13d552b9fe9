/* year_kinds.c: the kinds of unit a year assesses, one scheme each
 * (county, department, and any a scheme added later names: school, …). */
#include "year.h"
#include "audit.h"
#include "db_impl.h"

#include <stdlib.h>
#include <string.h>

int year_kinds(struct db *db, enum unit_kind **kinds, int *n)
{
	*kinds = NULL;
	*n = 0;
	/* county and department first, as every year has had them; then the
	 * added kinds in the order they were added */
	sqlite3_stmt *st = db_stmt(db, "SELECT unit_kind FROM scheme WHERE year_id = ? ORDER BY"
				   " unit_kind <> 'county', unit_kind <> 'department', id");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc;
	char **words = NULL;
	int nw = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		words = xrealloc(words, (size_t)(nw + 1) * sizeof *words);
		words[nw++] = xstrdup(db_col_text(st, 0));
	}
	sqlite3_reset(st);
	int out = rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取考核方案");
	*kinds = xcalloc((size_t)nw + 1, sizeof **kinds);
	for (int i = 0; i < nw && out == 0; i++) {
		int k = unit_kind_intern(words[i], NULL);
		/* an added kind's scheme gives the kind its title */
		if (k < 0 || (k >= KIND_COUNT && !year_scheme(db, (enum unit_kind)k))) {
			if (k < 0)
				db_fail(db, "方案的单位类型“%s”无法使用", words[i]);
			out = -1;
			break;
		}
		(*kinds)[(*n)++] = (enum unit_kind)k;
	}
	for (int i = 0; i < nw; i++)
		free(words[i]);
	free(words);
	if (out != 0) {
		free(*kinds);
		*kinds = NULL;
		*n = 0;
	}
	return out;
}

int year_kind_parse(struct db *db, const char *s)
{
	enum unit_kind *kinds;
	int n;
	/* reading the year's schemes makes their kinds known by word and title */
	if (year_kinds(db, &kinds, &n) != 0)
		return -1;
	free(kinds);
	return unit_kind_parse(s);
}

int year_scheme_add(struct db *db, const struct scheme *sc, const struct scheme_text *t)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM scheme WHERE year_id = ? AND unit_kind = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, sc->unit);
	int dup = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (dup) {
		db_fail_code(db, DB_CONFLICT, "scheme", "%d 年度已有%s考核方案（每类单位一个方案）",
			     db->year, sc->unit_title ? sc->unit_title : sc->unit);
		return -1;
	}
	st = db_stmt(db, "INSERT INTO scheme (year_id, unit_kind, name, source) VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, sc->unit);
	db_bind_text(st, 3, sc->name);
	sqlite3_bind_text(st, 4, t->text, (int)t->len, SQLITE_TRANSIENT);
	int rc = db_exec_stmt(db, st);
	if (rc == 0) {
		struct buf what = {0};
		buf_printf(&what, "%s（%s，%s）", sc->name, sc->unit_title ? sc->unit_title : sc->unit, t->file);
		rc = audit_add(db, "year.scheme.add", NULL, sc->unit, NULL, buf_str(&what), NULL);
		buf_free(&what);
	}
	return rc;
}
