/* session.c: opening a session, who acts, errors as data, transactions. */
#include "service_impl.h"
#include "../storage/account.h"
#include "../storage/audit.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void svc_error_clear(struct svc_error *e)
{
	free(e->message);
	free(e->field);
	diag_free(&e->problems);
	memset(e, 0, sizeof *e);
}

void svc_error_copy(struct svc_error *dst, const struct svc_error *src)
{
	memset(dst, 0, sizeof *dst);
	dst->code = src->code;
	dst->next = src->next;
	dst->message = src->message ? xstrdup(src->message) : NULL;
	dst->field = src->field ? xstrdup(src->field) : NULL;
	for (int i = 0; i < src->problems.n; i++)
		diag_add_at(&dst->problems, src->problems.row ? src->problems.row[i] : 0,
			    src->problems.col ? src->problems.col[i] : 0, "%s", src->problems.msgs[i]);
}

static void set_error(struct svc_error *e, enum svc_code code, const char *field, const char *msg)
{
	free(e->message);
	free(e->field);
	e->next = SVC_NEXT_NONE;
	e->code = code;
	e->message = xstrdup(msg);
	e->field = field ? xstrdup(field) : NULL;
}

int svc_fail(struct svc *s, enum svc_code code, const char *field, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	set_error(&s->err, code, field, buf_str(&b));
	buf_free(&b);
	return -1;
}

static enum svc_code code_of(enum db_code c)
{
	switch (c) {
	case DB_NOT_FOUND: return SVC_NOT_FOUND;
	case DB_CONFLICT: return SVC_CONFLICT;
	case DB_BUSY: return SVC_BUSY;
	case DB_FAILED: return SVC_FAILED;
	default: return SVC_INVALID;
	}
}

int svc_fail_db(struct svc *s)
{
	set_error(&s->err, code_of(db_error_code(s->db)), db_error_field(s->db), db_error(s->db));
	return -1;
}

int svc_fail_problems(struct svc *s, struct diag *problems, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	set_error(&s->err, SVC_INVALID, NULL, buf_str(&b));
	buf_free(&b);
	diag_free(&s->err.problems);
	s->err.problems = *problems;
	memset(problems, 0, sizeof *problems);
	return -1;
}

const struct svc_error *svc_err(const struct svc *s)
{
	return &s->err;
}

struct svc *svc_open(const struct svc_options *o, struct svc_error *err)
{
	memset(err, 0, sizeof *err);
	if (sodium_init() < 0) {
		set_error(err, SVC_FAILED, NULL, "无法初始化加密库");
		return NULL;
	}
	char *msg = NULL;
	struct db *db = db_open(o->path, o->create, &msg);
	if (!db) {
		set_error(err, SVC_FAILED, "database", msg);
		free(msg);
		/* no file, or an empty one: a year is made first */
		struct stat sb;
		if (!o->create && (stat(o->path, &sb) != 0 ? errno == ENOENT : S_ISREG(sb.st_mode) && sb.st_size == 0))
			err->next = SVC_NEXT_INIT;
		return NULL;
	}
	struct svc *s = xcalloc(1, sizeof *s);
	s->db = db;
	if (!o->no_year && db_use_year(db, o->year) != 0) {
		set_error(err, code_of(db_error_code(db)), "year", db_error(db));
		err->next = SVC_NEXT_INIT;
		svc_close(s);
		return NULL;
	}
	return s;
}

void svc_close(struct svc *s)
{
	if (!s)
		return;
	db_close(s->db);
	svc_error_clear(&s->err);
	account_clear(&s->actor);
	free(s);
}

void svc_act_none(struct svc *s)
{
	account_clear(&s->actor);
	s->acting = s->local = false;
	db_set_actor(s->db, "");
	svc_error_clear(&s->err);
}

void svc_act_local(struct svc *s, const char *name)
{
	account_clear(&s->actor);
	s->actor.name = xstrdup(name && *name ? name : "unknown");
	s->actor.role = ROLE_OFFICE;
	s->acting = s->local = true;
	db_set_actor(s->db, s->actor.name);
}

int svc_act_as(struct svc *s, const char *name)
{
	struct account a;
	s->acting = s->local = false;
	if (account_get(s->db, name, &a, NULL) != 0)
		return svc_fail_db(s);
	if (a.disabled) {
		account_clear(&a);
		return svc_fail(s, SVC_FORBIDDEN, "name", "账号“%s”已停用", name);
	}
	account_clear(&s->actor);
	s->actor = a;
	s->acting = true;
	db_set_actor(s->db, a.name);
	return 0;
}

int svc_sign_in(struct svc *s, const char *name, const char *password)
{
	struct account a;
	char *hash = NULL;
	s->acting = s->local = false;
	int found = account_get(s->db, name, &a, &hash) == 0;
	/* The same work and the same words whether or not the name exists. */
	int ok = found && crypto_pwhash_str_verify(hash, password ? password : "",
						   strlen(password ? password : "")) == 0;
	if (!found) {
		char dummy[crypto_pwhash_STRBYTES];
		if (crypto_pwhash_str(dummy, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
			ok = 0;
	}
	free(hash);
	if (!ok || a.disabled) {
		bool disabled = found && ok && a.disabled;
		if (found)
			account_clear(&a);
		return svc_fail(s, SVC_FORBIDDEN, "password", disabled ? "账号已停用" : "账号或密码不正确");
	}
	account_clear(&s->actor);
	s->actor = a;
	s->acting = true;
	db_set_actor(s->db, a.name);
	return 0;
}

const struct account *svc_actor(const struct svc *s)
{
	return s->acting ? &s->actor : NULL;
}

int svc_year(const struct svc *s) { return db_year(s->db); }

long long svc_version(struct svc *s)
{
	return audit_head_seq(s->db);
}
bool svc_approved(const struct svc *s) { return db_approved(s->db); }
bool svc_published(const struct svc *s) { return db_published(s->db); }

int svc_use_year(struct svc *s, int year)
{
	return db_use_year(s->db, year) == 0 ? 0 : svc_fail_db(s);
}

const struct scheme *svc_scheme(struct svc *s, enum unit_kind kind)
{
	const struct scheme *sc = year_scheme(s->db, kind);
	if (!sc)
		svc_fail_db(s);
	return sc;
}

const struct scheme *svc_grading(struct svc *s, enum unit_kind kind)
{
	return year_grading(s->db, kind);
}

void svc_read_only(struct svc *s, bool on)
{
	if (s)
		s->read_only = on;
}

/* A write asked of a read-only session: a fault of the caller, refused. */
static int refuse_write(struct svc *s)
{
	return svc_fail(s, SVC_FAILED, NULL, "内部错误：只读的操作不能修改数据库");
}

int svc_begin(struct svc *s)
{
	if (s->read_only)
		return refuse_write(s);
	if (db_begin(s->db) != 0)
		return svc_fail_db(s);
	if (db_write_check(s->db) != 0) {
		svc_fail_db(s);
		if (db_approved(s->db))
			s->err.next = SVC_NEXT_REOPEN;
		db_rollback(s->db);
		return -1;
	}
	return 0;
}

int svc_begin_any(struct svc *s)
{
	if (s->read_only)
		return refuse_write(s);
	return db_begin(s->db) == 0 ? 0 : svc_fail_db(s);
}

int svc_begin_read(struct svc *s)
{
	return db_begin_read(s->db) == 0 ? 0 : svc_fail_db(s);
}

int svc_end(struct svc *s, int rc)
{
	if (rc != 0) {
		db_rollback(s->db);
		return -1;
	}
	if (db_commit(s->db) != 0)
		return svc_fail_db(s);
	return 0;
}

int svc_owner_of(struct svc *s, const struct unit *u, struct unit *owner)
{
	if (unit_kind_assessed(u->kind) || !u->parent_id) {
		unit_copy(owner, u);
		return 0;
	}
	return unit_get_id(s->db, u->parent_id, owner) == 0 ? 0 : svc_fail_db(s);
}

int svc_text(struct svc *s, const char *field, const char *label, const char *value, int max,
	     bool multiline, bool required)
{
	struct buf why = {0};
	if (text_check(value, label, max, multiline, required, &why) != 0) {
		svc_fail(s, SVC_INVALID, field, "%s", buf_str(&why));
		buf_free(&why);
		return -1;
	}
	return 0;
}

/* The first pass over an import feeds the digest of the whole file. */
struct digest_ctx {
	crypto_hash_sha256_state h;
	const struct csv_source *src;   /* the caller's, whose observer is kept */
};

static void observe(void *arg, const char *buf, size_t n)
{
	struct digest_ctx *c = arg;
	crypto_hash_sha256_update(&c->h, (const unsigned char *)buf, n);
	if (c->src->observe)
		c->src->observe(c->src->observe_arg, buf, n);
}

int svc_open_csv(struct svc *s, struct csv_reader *r, const struct csv_source *src,
		 const char *file, char digest[65], struct diag *problems)
{
	struct digest_ctx c = {.src = src};
	crypto_hash_sha256_init(&c.h);
	struct csv_source with = *src;
	with.observe = observe;
	with.observe_arg = &c;
	if (csv_open(r, &with, file, problems) != 0)
		return svc_fail_problems(s, problems, "导入失败，数据库未作任何改动");
	unsigned char out[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&c.h, out);
	sodium_bin2hex(digest, 65, out, sizeof out);
	return 0;
}

int svc_audit_import(struct svc *s, const char *action, const char *file, const char *what,
		     const char *digest)
{
	struct buf b = {0};
	buf_printf(&b, "%s（SHA-256 %s）", what, digest);
	int rc = audit_add(s->db, action, NULL, file, NULL, buf_str(&b), NULL);
	buf_free(&b);
	return rc == 0 ? 0 : svc_fail_db(s);
}

int svc_import_end(struct svc *s, int bad, struct diag *d, const char *action, const char *file,
		   const char *what, const char *digest)
{
	if (!bad && svc_audit_import(s, action, file, what, digest) != 0)
		bad = -1;
	if (!bad) {
		diag_free(d);
		return svc_end(s, 0);
	}
	svc_end(s, -1);
	if (bad < 0) {
		diag_free(d);
		return -1;
	}
	return svc_fail_problems(s, d, "导入失败（%d 处问题），数据库未作任何改动", s->err.problems.n + d->n);
}

void svc_remove_files(const char *path)
{
	db_remove_files(path);
}
