/* test_text_check.c: the one check of a text a person typed (issue 10,
 * point 5: "valid UTF-8, no control characters (newlines only where a note
 * allows them), a length limit per field, stated in the error"). Control
 * characters are Unicode's Cc: C0 (U+0000–U+001F), DEL (U+007F) and C1
 * (U+0080–U+009F) — a C1 character is valid UTF-8 (C2 80 … C2 9F) and
 * must be refused as C0 is. */
#include "testutil.h"
#include "unit_rules.h"

/* Returns text_check's verdict; the message (if any) in why. */
static int check(const char *s, bool multiline, struct buf *why)
{
	buf_free(why);
	*why = (struct buf){0};
	return text_check(s, "单位名称", 80, multiline, true, why);
}

static void test_c0_del_c1_refused(void **state)
{
	(void)state;
	struct buf why = {0};
	const char *bad[] = {
		"a\tb",                 /* U+0009 */
		"a\x1b[31m",            /* U+001B: a terminal escape */
		"a\x7f",                /* DEL */
		"a\xc2\x80z",           /* U+0080, the first C1 */
		"a\xc2\x85z",           /* U+0085 NEL (next line) */
		"a\xc2\x9b" "31m",      /* U+009B CSI: a terminal escape in one character */
		"a\xc2\x9fz",           /* U+009F, the last C1 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(check(bad[i], true, &why), -1);
		assert_string_equal(buf_str(&why), "单位名称含有控制字符");
	}
	/* a newline only where the field allows one */
	assert_int_equal(check("第一行\n第二行", false, &why), -1);
	assert_string_equal(buf_str(&why), "单位名称含有控制字符（不能换行）");
	assert_int_equal(check("第一行\n第二行", true, &why), 0);
	buf_free(&why);
}

/* The marks that turn text around: "昌黎县\u202E…" would print reversed
 * in a ranking while it sorts and compares as typed (the "Trojan Source"
 * trick). U+2010 (E2 80 90, a hyphen) and U+2070 (E2 81 B0) are their
 * printable neighbours. */
static void test_bidi_refused(void **state)
{
	(void)state;
	struct buf why = {0};
	const char *bad[] = {
		"昌黎\xe2\x80\x8e县",  /* U+200E LRM */
		"昌黎\xe2\x80\x8f县",  /* U+200F RLM */
		"昌黎\xe2\x80\xaa县",  /* U+202A LRE */
		"昌黎\xe2\x80\xae县",  /* U+202E RLO */
		"昌黎\xe2\x81\xa6县",  /* U+2066 LRI */
		"昌黎\xe2\x81\xa9县",  /* U+2069 PDI */
		"昌黎\xd8\x9c县",       /* U+061C ALM */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(check(bad[i], false, &why), -1);
		assert_string_equal(buf_str(&why), "单位名称含有改变文字方向的控制字符");
	}
	assert_int_equal(check("昌黎\xe2\x80\x90县", false, &why), 0);
	assert_int_equal(check("昌黎\xe2\x81\xb0县", false, &why), 0);
	buf_free(&why);
}

static void test_printable_neighbours_accepted(void **state)
{
	(void)state;
	struct buf why = {0};
	/* U+00A0 (C2 A0) and U+00B7 (C2 B7, the 间隔号 of 阿卜杜·热合曼) are the
	 * first printable characters after C1; 昌黎县 is three characters */
	assert_int_equal(check("a\xc2\xa0" "b", false, &why), 0);
	assert_int_equal(check("阿卜杜\xc2\xb7热合曼", false, &why), 0);
	assert_int_equal(check("昌黎县", false, &why), 0);
	buf_free(&why);
}

static void test_encoding_and_length(void **state)
{
	(void)state;
	struct buf why = {0};
	assert_int_equal(check("\xff\xfe", false, &why), -1);
	assert_string_equal(buf_str(&why), "单位名称含有无效的文字编码（须是 UTF-8）");
	/* 81 characters (243 bytes) against a limit of 80 characters */
	struct buf s = {0};
	for (int i = 0; i < 81; i++)
		buf_puts(&s, "长");
	assert_int_equal(check(buf_str(&s), false, &why), -1);
	assert_string_equal(buf_str(&why), "单位名称过长：81 个字，最多 80 个字");
	buf_free(&s);
	buf_free(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c0_del_c1_refused),
		cmocka_unit_test(test_bidi_refused),
		cmocka_unit_test(test_printable_neighbours_accepted),
		cmocka_unit_test(test_encoding_and_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
