/* test_html.c: the web's HTML writer escapes by default: text never
 * becomes markup, URLs components are percent-encoded, points print as
 * the engine states them, dates in Chinese. */
#include "testutil.h"

#include "../../src/web/html.h"
#include "points.h"

static char *out(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	hv(&b, fmt, ap);
	va_end(ap);
	return buf_take(&b);
}

static void text_is_escaped(void **state)
{
	(void)state;
	char *s = out("<td>%s</td>", "<script>alert('x')</script> & \"q\"");
	assert_string_equal(s, "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>");
	free(s);
	/* an attribute cannot be closed from a value */
	s = out("<input value=\"%s\">", "\" onfocus=\"x");
	assert_string_equal(s, "<input value=\"&quot; onfocus=&quot;x\">");
	free(s);
	s = out("[%s]", (const char *)NULL);
	assert_string_equal(s, "[]");
	free(s);
	/* raw is explicit */
	s = out("%S|%s", "<b>", "<b>");
	assert_string_equal(s, "<b>|&lt;b&gt;");
	free(s);
}

static void numbers_urls_dates(void **state)
{
	(void)state;
	/* 94.33, 6, 0.5, -1.5: as the engine states them */
	char *s = out("%P %P %P %P", (points_t)9433, (points_t)600, (points_t)50, (points_t)-150);
	assert_string_equal(s, "94.33 6 0.5 -1.5");
	free(s);
	s = out("/sheet/%U?x=%d&y=%lld&z=%zu", "昌黎县 a/b?", 7, 8LL, (size_t)9);
	assert_string_equal(s, "/sheet/%E6%98%8C%E9%BB%8E%E5%8E%BF%20a%2Fb%3F?x=7&y=8&z=9");
	free(s);
	s = out("%D", "2017-01-20");
	assert_string_equal(s, "2017年1月20日");
	free(s);
	s = out("100%%");
	assert_string_equal(s, "100%");
	free(s);
}

static void json_strings(void **state)
{
	(void)state;
	struct buf b = {0};
	h_json_str(&b, "a\"b\\c\n</script>");
	assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\u000a\\u003c/script\\u003e\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(numbers_urls_dates),
		cmocka_unit_test(json_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
