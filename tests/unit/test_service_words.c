/* test_service_words.c: the service's and storage's messages are words
 * for any surface (issue 7: "a message in Chinese without any surface's
 * syntax"): they name no kaohe command and no command-line flag, and what
 * a person can do next travels as svc_error.next, which the command line
 * says as a command and the web as a button. Each refusal below once
 * named a command ("kaohe init", "kaohe key new", "kaohe approve --key",
 * "--force", "-d"), which a web form would have shown its users. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "../../src/service/service.h"

static char dir[64];

static void path_in(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

/* Neither a command ("kaohe init"; the name alone, "kaohe 数据库", is
 * the program's) nor a flag in text. */
static void no_surface(const char *text)
{
	assert_non_null(text);
	for (const char *k = strstr(text, "kaohe "); k; k = strstr(k + 1, "kaohe "))
		if (k[6] >= 'a' && k[6] <= 'z')
			fail_msg("a command in: %s", text);
	if (strstr(text, "--") || strstr(text, "-d ") || strstr(text, "-o "))
		fail_msg("a flag in: %s", text);
}

static struct svc *open_db(const char *path, bool create, bool no_year, struct svc_error *err)
{
	struct svc_options o = {path, create, 0, no_year};
	return svc_open(&o, err);
}

static void opening_a_file_that_is_no_database(void **state)
{
	(void)state;
	char path[128];
	struct svc_error err;
	/* a file that does not exist: a year is made first */
	path_in(path, sizeof path, "missing.db");
	assert_null(open_db(path, false, false, &err));
	assert_int_equal(err.code, SVC_FAILED);
	assert_non_null(strstr(err.message, "文件不存在"));
	no_surface(err.message);
	assert_int_equal(err.next, SVC_NEXT_INIT);
	assert_int_equal(access(path, F_OK), -1);
	svc_error_clear(&err);
	/* an empty file: the same, and left empty */
	path_in(path, sizeof path, "empty.db");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_null(open_db(path, false, false, &err));
	assert_non_null(strstr(err.message, "是空文件，不是 kaohe 数据库"));
	no_surface(err.message);
	assert_int_equal(err.next, SVC_NEXT_INIT);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	svc_error_clear(&err);
	/* a directory: no year would help */
	path_in(path, sizeof path, "dir.db");
	assert_int_equal(mkdir(path, 0700), 0);
	assert_null(open_db(path, false, false, &err));
	assert_non_null(strstr(err.message, "这是一个目录，不是数据库文件"));
	no_surface(err.message);
	assert_int_equal(err.next, SVC_NEXT_NONE);
	svc_error_clear(&err);
	rmdir(path);
}

static void backup_over_a_file_and_signed_approval(void **state)
{
	(void)state;
	char path[128], copy[128], key[128], bogus[128];
	path_in(path, sizeof path, "year.db");
	path_in(copy, sizeof copy, "copy.db");
	path_in(key, sizeof key, "office.key");
	path_in(bogus, sizeof bogus, "bogus.key");
	struct svc_error err;
	struct svc *s = open_db(path, true, true, &err);
	assert_non_null(s);
	svc_act_local(s, "测试");
	assert_int_equal(svc_year_init(s, 2016, "qhd-2016", NULL, NULL), 0);

	/* a backup onto an existing file: refused, the file as it was */
	FILE *f = fopen(copy, "w");
	assert_non_null(f);
	fputs("keep", f);
	fclose(f);
	assert_int_equal(svc_backup(s, copy, false), -1);
	assert_int_equal(svc_err(s)->code, SVC_CONFLICT);
	assert_non_null(strstr(svc_err(s)->message, "已存在，未作改动"));
	no_surface(svc_err(s)->message);
	assert_int_equal(svc_err(s)->next, SVC_NEXT_OVERWRITE);
	struct stat sb;
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_size, 4);

	/* a signed approval in a year without a public key */
	struct svc_approval ap;
	assert_int_equal(svc_approve_signed(s, key, &ap), -1);
	diag_free(&ap.automatic);
	assert_non_null(strstr(svc_err(s)->message, "没有签名公钥"));
	no_surface(svc_err(s)->message);
	assert_int_equal(svc_err(s)->next, SVC_NEXT_KEY_NEW);

	/* with a public key: an unsigned approval, and a file that is no key */
	char pk[65];
	assert_int_equal(svc_key_new(s, key, pk), 0);
	assert_int_equal(svc_approve(s, &ap), -1);
	diag_free(&ap.automatic);
	assert_non_null(strstr(svc_err(s)->message, "已设签名公钥，审定须用私钥签名"));
	no_surface(svc_err(s)->message);
	assert_int_equal(svc_err(s)->next, SVC_NEXT_SIGN);
	f = fopen(bogus, "w");
	assert_non_null(f);
	fputs("not a key\n", f);
	fclose(f);
	assert_int_equal(svc_approve_signed(s, bogus, &ap), -1);
	diag_free(&ap.automatic);
	assert_non_null(strstr(svc_err(s)->message, "不是 kaohe 的密钥文件"));
	no_surface(svc_err(s)->message);
	assert_false(svc_approved(s));

	/* a county scheme offered as an added kind's */
	const struct builtin_scheme *b = &builtin_schemes[0];
	assert_string_equal(b->name, "qhd-2016-county");
	struct svc_text t = {"county.yaml", b->data, b->len};
	assert_int_equal(svc_scheme_add(s, &t, NULL), -1);
	assert_non_null(strstr(svc_err(s)->message, "县区和市直部门的方案在新建年度时确定"));
	no_surface(svc_err(s)->message);
	svc_close(s);
	unlink(copy);
	unlink(key);
	unlink(bogus);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/kaohe-words-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opening_a_file_that_is_no_database),
		cmocka_unit_test(backup_over_a_file_and_signed_approval),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
