/* test_csv.c: CSV as offices write it, and as they get it wrong. */
#include "testutil.h"

#include "csv.h"

static struct csv ok(const char *text)
{
	struct csv c;
	struct diag d = {0};
	if (csv_parse(text, strlen(text), "t.csv", &c, &d) != 0)
		fail_msg("rejected: %s", d.n ? d.msgs[0] : "");
	diag_free(&d);
	return c;
}

static char *bad(const char *text, size_t len)
{
	struct csv c;
	struct diag d = {0};
	assert_int_equal(csv_parse(text, len, "t.csv", &c, &d), -1);
	struct buf b = {0};
	for (int i = 0; i < d.n; i++) {
		char *m = diag_located(&d, i, "t.csv");
		buf_printf(&b, "%s\n", m);
		free(m);
	}
	diag_free(&d);
	return buf_take(&b);
}

/* A source that hands out the bytes a few at a time, so that rows,
 * quoted fields, CRLF pairs and multi-byte characters are cut by reads. */
struct trickle {
	const char *p;
	size_t len, pos, step;
};

static long trickle_read(void *arg, char *buf, size_t n)
{
	struct trickle *t = arg;
	size_t k = t->step;
	if (k > n)
		k = n;
	if (k > t->len - t->pos)
		k = t->len - t->pos;
	memcpy(buf, t->p + t->pos, k);
	t->pos += k;
	t->step = t->step % 5 + 1;
	return (long)k;
}

static int trickle_rewind(void *arg)
{
	((struct trickle *)arg)->pos = 0;
	return 0;
}

/* The rows read through a trickling source equal those of csv_parse. */
static void reads_cut_anywhere(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"单位,备注\r\n甲县,\"含,逗号\"\r\n乙县,\"两行\n备注，\"\"引号\"\"\"\r\n",
		"\xEF\xBB\xBF单位,编号\r1,2\r\n3,\"4\"\"\"\n",
		"\xb5\xa5\xce\xbb,\xb1\xe0\xba\xc5\n\xbc\xd7\xcf\xd8,1.1.4\n",
	};
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		struct csv c = ok(texts[k]);
		struct trickle t = {texts[k], strlen(texts[k]), 0, 1};
		struct csv_source src = {trickle_read, trickle_rewind, &t, NULL, NULL};
		struct csv_reader r;
		struct diag d = {0};
		assert_int_equal(csv_open(&r, &src, "t.csv", &d), 0);
		assert_string_equal(r.encoding, c.encoding);
		int rows = 0;
		while (csv_next(&r, &d) == 1) {
			assert_true(rows < c.nrows);
			assert_int_equal(r.nf, c.ncols);
			for (int i = 0; i < r.nf; i++)
				assert_string_equal(r.fields[i], c.rows[rows][i]);
			assert_int_equal(r.row_line, c.line[rows]);
			rows++;
		}
		assert_int_equal(rows, c.nrows);
		assert_int_equal(d.n, 0);
		csv_close(&r);
		csv_free(&c);
	}
}

static void quoting(void **state)
{
	(void)state;
	struct csv c = ok("单位,备注\r\n甲县,\"含,逗号\"\r\n乙县,\"两行\n备注，\"\"引号\"\"\"\r\n");
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[1][1], "含,逗号");
	assert_string_equal(c.rows[2][1], "两行\n备注，\"引号\"");
	assert_int_equal(c.line[2], 3);
	csv_free(&c);
	/* BOM, trailing empty field, blank lines, spaces trimmed */
	c = ok("\xEF\xBB\xBF单位 , 编号,次数\n\n 甲县,1.1.4,\n");
	assert_int_equal(c.nrows, 2);
	assert_string_equal(c.rows[0][0], "单位");
	assert_string_equal(c.rows[1][0], "甲县");
	assert_string_equal(c.rows[1][2], "");
	assert_string_equal(c.encoding, "UTF-8");
	csv_free(&c);
	/* a lone CR ends a line (old Mac files) and eats nothing */
	c = ok("a,b\r1,2\r3,4");
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[1][0], "1");
	assert_string_equal(c.rows[2][1], "4");
	assert_int_equal(c.line[2], 3);
	csv_free(&c);
	c = ok("a,b,\n1,2,");
	assert_int_equal(c.ncols, 3);
	assert_string_equal(c.rows[1][2], "");
	csv_free(&c);
}

static void gbk(void **state)
{
	(void)state;
	/* "单位,编号\n甲县,1.1.4\n" in GBK */
	const char text[] = "\xb5\xa5\xce\xbb,\xb1\xe0\xba\xc5\n\xbc\xd7\xcf\xd8,1.1.4\n";
	struct csv c;
	struct diag d = {0};
	assert_int_equal(csv_parse(text, sizeof text - 1, "g.csv", &c, &d), 0);
	assert_string_equal(c.encoding, "GBK");
	assert_string_equal(c.rows[0][0], "单位");
	assert_string_equal(c.rows[1][0], "甲县");
	csv_free(&c);
	diag_free(&d);
}

static void problems_named_by_row_and_column(void **state)
{
	(void)state;
	char *m = bad("a,b\n1,\"x\n", 9);
	assert_contains(m, "t.csv:第2行第2列：引号没有闭合");
	free(m);
	m = bad("a,b\n1,2,3\n4\n", 12);
	assert_contains(m, "t.csv:第2行：有 3 列，表头有 2 列");
	assert_contains(m, "t.csv:第3行：有 1 列，表头有 2 列");
	free(m);
	m = bad("a,b\n1,x\"y\n", 10);
	assert_contains(m, "t.csv:第2行第2列：未加引号的字段中出现引号");
	free(m);
	m = bad("a,b\n1,\"x\"y\n", 11);
	assert_contains(m, "t.csv:第2行第2列：引号后面不能紧跟其他字符");
	free(m);
	m = bad("", 0);
	assert_contains(m, "文件为空");
	free(m);
	m = bad("a,b\n\x81\x20,2\n", 8);
	assert_contains(m, "t.csv:第2行：既不是有效的 UTF-8，也不是有效的 GBK 编码");
	free(m);
	m = bad("a\0b\n", 4);
	assert_contains(m, "空字符");
	free(m);
}

static void writes_fields_back(void **state)
{
	(void)state;
	struct buf b = {0};
	csv_put_field(&b, "plain");
	buf_putc(&b, ',');
	csv_put_field(&b, "有,逗号");
	buf_putc(&b, ',');
	csv_put_field(&b, "引\"号");
	assert_string_equal(buf_str(&b), "plain,\"有,逗号\",\"引\"\"号\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting),
		cmocka_unit_test(gbk),
		cmocka_unit_test(problems_named_by_row_and_column),
		cmocka_unit_test(writes_fields_back),
		cmocka_unit_test(reads_cut_anywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
