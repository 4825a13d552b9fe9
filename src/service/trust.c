/* trust.c: signing the audit head at approval (Ed25519, libsodium) with a
 * key the office keeps outside the database, and proving the state: the
 * chain, the tables against the replayed log, the stored results against
 * a fresh scoring, each signature against its year's public key. */
#include "service_impl.h"
#include "../storage/audit.h"
#include "../storage/result.h"
#include "../storage/state.h"
#include "../storage/year.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char KEY_MAGIC[] = "kaohe-sign-key-v1";

/* What is signed: the year and the head (number and hash). */
static void head_message(char *msg, size_t size, int year, long long seq, const char *hash)
{
	snprintf(msg, size, "kaohe-audit-head-v1|%d|%lld|%s", year, seq, hash);
}

static bool from_hex(const char *hex, unsigned char *bin, size_t len)
{
	size_t got = 0;
	return hex && strlen(hex) == len * 2 &&
	       sodium_hex2bin(bin, len, hex, len * 2, NULL, &got, NULL) == 0 && got == len;
}

static int write_key(struct svc *s, const char *path, const unsigned char sk[64])
{
	char hex[129];
	sodium_bin2hex(hex, sizeof hex, sk, 64);
	char text[160];
	int len = snprintf(text, sizeof text, "%s\n%s\n", KEY_MAGIC, hex);
	sodium_memzero(hex, sizeof hex);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;
		sodium_memzero(text, sizeof text);
		if (e == EEXIST)
			return svc_fail(s, SVC_CONFLICT, "file", "密钥文件 %s 已存在，不会覆盖：请换一个文件名", path);
		return svc_fail(s, SVC_FAILED, "file", "无法创建密钥文件 %s（目录不存在或没有写权限？）", path);
	}
	bool ok = fchmod(fd, 0600) == 0 && write(fd, text, (size_t)len) == len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	sodium_memzero(text, sizeof text);
	if (!ok) {
		unlink(path);
		return svc_fail(s, SVC_FAILED, "file", "写入密钥文件 %s 失败（磁盘已满？）", path);
	}
	return 0;
}

int svc_key_new(struct svc *s, const char *path, char public_key[65])
{
	public_key[0] = '\0';
	if (svc_allow(s, OP_APPROVE, NULL) != 0)
		return -1;
	if (!path || !*path)
		return svc_fail(s, SVC_INVALID, "file", "须指定写入私钥的文件");
	if (sodium_init() < 0)
		return svc_fail(s, SVC_FAILED, NULL, "无法初始化密码库");
	if (svc_begin(s) != 0)
		return -1;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	crypto_sign_keypair(pk, sk);
	sodium_bin2hex(public_key, 65, pk, sizeof pk);
	struct year_trust t;
	int rc = year_trust_get(s->db, &t) == 0 && year_set_public_key(s->db, public_key) == 0 &&
		 audit_add(s->db, "key.new", NULL, NULL, t.public_key, public_key, NULL) == 0 ? 0 : svc_fail_db(s);
	year_trust_clear(&t);
	bool written = false;
	if (rc == 0) {
		rc = write_key(s, path, sk);
		written = rc == 0;
	}
	sodium_memzero(sk, sizeof sk);
	rc = svc_end(s, rc);
	if (rc != 0) {
		if (written)
			unlink(path);
		public_key[0] = '\0';
	}
	return rc;
}

int svc_signing_key(struct svc *s, const char *keyfile, unsigned char sk[64])
{
	if (sodium_init() < 0)
		return svc_fail(s, SVC_FAILED, NULL, "无法初始化密码库");
	struct year_trust t;
	if (svc_begin_read(s) != 0)
		return -1;
	int rc = year_trust_get(s->db, &t) == 0 ? 0 : svc_fail_db(s);
	svc_end(s, 0);
	if (rc != 0)
		return -1;
	if (!keyfile) {
		if (t.public_key) {
			rc = svc_fail(s, SVC_CONFLICT, "key", "%d 年度已设签名公钥，审定须用私钥签名", db_year(s->db));
			s->err.next = SVC_NEXT_SIGN;
		}
		year_trust_clear(&t);
		return rc;
	}
	if (!t.public_key) {
		year_trust_clear(&t);
		svc_fail(s, SVC_CONFLICT, "key", "%d 年度没有签名公钥，不能签名审定", db_year(s->db));
		s->err.next = SVC_NEXT_KEY_NEW;
		return -1;
	}
	char text[256] = "";
	FILE *f = fopen(keyfile, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	char *hex = strchr(text, '\n');
	if (hex) {
		*hex++ = '\0';
		hex[strcspn(hex, "\r\n")] = '\0';
	}
	if (!f)
		rc = svc_fail(s, SVC_INVALID, "key", "无法读取密钥文件 %s", keyfile);
	else if (!hex || strcmp(text, KEY_MAGIC) != 0 || !from_hex(hex, sk, 64))
		rc = svc_fail(s, SVC_INVALID, "key", "%s 不是 kaohe 的密钥文件（应是生成本年度签名密钥时写出的私钥文件）", keyfile);
	else {
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		char pkhex[65];
		crypto_sign_ed25519_sk_to_pk(pk, sk);
		sodium_bin2hex(pkhex, sizeof pkhex, pk, sizeof pk);
		if (strcmp(pkhex, t.public_key) != 0)
			rc = svc_fail(s, SVC_INVALID, "key", "密钥文件 %s 的密钥不是 %d 年度的签名密钥"
				      "（年度公钥 %.16s…，文件的公钥 %.16s…）", keyfile, db_year(s->db),
				      t.public_key, pkhex);
	}
	sodium_memzero(text, sizeof text);
	if (rc != 0)
		sodium_memzero(sk, 64);
	year_trust_clear(&t);
	return rc;
}

int svc_sign_head(struct svc *s, const unsigned char sk[64], struct svc_approval *out)
{
	char hash[65], msg[160];
	long long seq = audit_head(s->db, hash);
	if (seq < 0)
		return svc_fail_db(s);
	head_message(msg, sizeof msg, db_year(s->db), seq, hash);
	unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), sk);
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	sodium_bin2hex(out->signature, sizeof out->signature, sig, sizeof sig);
	sodium_bin2hex(out->public_key, sizeof out->public_key, pk, sizeof pk);
	snprintf(out->signed_hash, sizeof out->signed_hash, "%s", hash);
	out->signed_seq = seq;
	char what[256];
	snprintf(what, sizeof what, "签名第 %lld 条记录（校验值 %s）", seq, hash);
	if (year_set_signature(s->db, seq, hash, out->signature) != 0 ||
	    audit_add(s->db, "year.sign", NULL, NULL, NULL, what, out->signature) != 0)
		return svc_fail_db(s);
	/* the head is now the signing record; approval output shows both */
	return audit_head(s->db, out->head) < 0 ? svc_fail_db(s) : 0;
}

/* Checks one year's signature; what it proves goes to notes, what fails
 * to problems. */
static int check_signature(struct svc *s, const struct year_trust *t, struct svc_verify *v)
{
	if (!t->signature) {
		if (t->approved && t->public_key)
			diag_add(&v->problems, "%d 年度（year）：已审定，年度有签名公钥，但没有审定时的签名", t->year);
		else if (t->approved)
			diag_add(&v->notes, "%d 年度：已审定，审定时未签名（没有签名公钥），记录链无法与签名核对", t->year);
		return 0;
	}
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
	char msg[160];
	head_message(msg, sizeof msg, t->year, t->signed_seq, t->signed_hash ? t->signed_hash : "");
	if (!from_hex(t->public_key, pk, sizeof pk) || !from_hex(t->signature, sig, sizeof sig) ||
	    crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), pk) != 0) {
		diag_add(&v->problems, "%d 年度（year）：审定时的签名无效：签名、签名的记录号、校验值或公钥被改动"
			 "（第 %lld 条，校验值 %s）", t->year, t->signed_seq, t->signed_hash ? t->signed_hash : "无");
		return 0;
	}
	char now[65];
	int rc = audit_hash_at(s->db, t->signed_seq, now);
	if (rc < 0)
		return svc_fail_db(s);
	if (rc > 0)
		diag_add(&v->problems, "%d 年度（audit）：签名的第 %lld 条审计记录已不存在（记录被截去）", t->year,
			 t->signed_seq);
	else if (strcmp(now, t->signed_hash) != 0)
		diag_add(&v->problems, "%d 年度（audit）：记录链被重写：签名的第 %lld 条记录校验值为 %s，现有记录为 %s",
			 t->year, t->signed_seq, t->signed_hash, now);
	else
		diag_add(&v->notes, "%d 年度：审定签名有效（公钥 %s），至第 %lld 条的记录链即签名时的记录链（校验值 %s）",
			 t->year, t->public_key, t->signed_seq, t->signed_hash);
	return 0;
}

static int verify_tx(struct svc *s, struct svc_verify *v)
{
	v->rows = audit_verify(s->db, v->head);
	if (v->rows < 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "审计记录校验失败：%s", db_error(s->db));
	if (audit_guards_check(s->db, &v->problems) != 0)
		return svc_fail_db(s);
	struct state_diff *d;
	int n;
	if (state_compare(s->db, &d, &n, &v->state_from) != 0)
		return svc_fail_db(s);
	for (int i = 0; i < n; i++) {
		if (d[i].logged && d[i].held)
			diag_add(&v->problems, "%s %s：审计记录（第 %lld 条）为 %s，表中为 %s", d[i].table, d[i].row,
				 d[i].seq, d[i].logged, d[i].held);
		else if (d[i].logged)
			diag_add(&v->problems, "%s %s：审计记录（第 %lld 条）为 %s，表中没有此行", d[i].table, d[i].row,
				 d[i].seq, d[i].logged);
		else
			diag_add(&v->problems, "%s %s：审计记录中没有此行，表中为 %s", d[i].table, d[i].row, d[i].held);
	}
	state_diffs_free(d, n);
	struct year_trust *t;
	int nt;
	if (year_trust_list(s->db, &t, &nt) != 0)
		return svc_fail_db(s);
	/* each year is looked at in turn; the session's year is put back (a
	 * server thread keeps its session) */
	int current = db_year(s->db);
	int rc = 0;
	for (int i = 0; i < nt && rc == 0; i++) {
		rc = check_signature(s, &t[i], v);
		if (rc == 0 && db_use_year(s->db, t[i].year) != 0)
			rc = svc_fail_db(s);
		if (rc != 0)
			break;
		int stale = results_stale(s->db);
		if (stale == -2) {
			rc = svc_fail_db(s);
			break;
		}
		if (stale > 0)
			diag_add(&v->notes, "%d 年度：计分后又有改动，结果已过期，未与重新计分核对（重新计分后再校验）",
				 t[i].year);
		else if (stale == 0) {
			int before = v->problems.n;
			rc = svc_results_recheck(s, &v->problems);
			if (rc == 0 && v->problems.n == before)
				diag_add(&v->notes, "%d 年度：存储的结果与按现有记录重新计分一致", t[i].year);
		}
	}
	year_trust_free(t, nt);
	if (current && db_year(s->db) != current && db_use_year(s->db, current) != 0 && rc == 0)
		rc = svc_fail_db(s);
	return rc;
}

int svc_verify(struct svc *s, struct svc_verify *out)
{
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_AUDIT_VERIFY, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	int rc = verify_tx(s, out);
	svc_end(s, 0);
	return rc;
}

void svc_verify_free(struct svc_verify *v)
{
	diag_free(&v->problems);
	diag_free(&v->notes);
	memset(v, 0, sizeof *v);
}
