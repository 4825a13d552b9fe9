/* pdf_frame.c: the parts the PDF documents share (pdf_frame.h). */
#include "pdf_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"

/* The issuing office. The year records no issuing office: the plan is
 * issued by the city's safety committee office (秦安办, 秦皇岛市安全生产委员会
 * 办公室), so the office is the city of the scheme's title followed by
 * these words. A year that records its own office would be read here. */
#define OFFICE_WORDS "安全生产委员会办公室"

const struct pdf_style pdf_title_style = {.face = PDF_SERIF, .size = 19, .bold = true, .align = PDF_CENTER,
					  .after = 8, .keep = true};
const struct pdf_style pdf_issuer_style = {.face = PDF_SERIF, .size = 12, .align = PDF_CENTER, .after = 14,
					   .keep = true};
const struct pdf_style pdf_heading_style = {.face = PDF_SANS, .size = 12, .bold = true, .before = 12, .after = 5,
					    .keep = true};
const struct pdf_style pdf_body_style = {.face = PDF_SERIF, .size = 11.5, .first = 23, .after = 3};
const struct pdf_style pdf_small_style = {.face = PDF_SANS, .size = 9, .after = 2};

/* The city a scheme's title begins with: the words before its first year
 * ("2016年"), if they end in 市; NULL if none. The year need not be the
 * year's own: a year carried from the one before keeps its scheme, and
 * the scheme its title ("秦皇岛市2016年度…" assessing 2017). */
static char *city_of(const char *t)
{
	for (const char *p = t; p && *p; p++) {
		if (!(p[0] >= '0' && p[0] <= '9'))
			continue;
		size_t n = strspn(p, "0123456789");
		if (n == 4 && strncmp(p + 4, "年", 3) == 0)   /* the first year decides */
			return p - t >= 3 && strncmp(p - 3, "市", 3) == 0 ? xstrndup(t, (size_t)(p - t)) : NULL;
		p += n - 1;
	}
	return NULL;
}

char *pdf_city(const struct svc_stamp *st)
{
	/* the county scheme's title, else the departments' (a year may
	 * assess only one of them) */
	const char *titles[] = {st->county_scheme, st->department_scheme};
	for (int i = 0; i < 2; i++) {
		char *c = titles[i] ? city_of(titles[i]) : NULL;
		if (c)
			return c;
	}
	return xstrdup("");
}

char *pdf_office(const struct svc_stamp *st)
{
	char *city = pdf_city(st);
	struct buf b = {0};
	buf_printf(&b, "%s%s", *city ? city : "市", OFFICE_WORDS);
	free(city);
	return buf_take(&b);
}

char *pdf_issuer_line(const struct svc_stamp *st)
{
	char today[11], day[DATE_CN_SIZE], *office = pdf_office(st);
	date_today(today);
	date_cn(today, day);
	struct buf b = {0};
	buf_printf(&b, "%s　　%s", office, day);
	free(office);
	return buf_take(&b);
}

void pdf_time(const char *utc, char out[48])
{
	char t[TIME_CN_SIZE];
	out[0] = '\0';
	if (utc && time_cn(utc, t))
		snprintf(out, 48, "%s", t);
}

const char *pdf_draft_mark(bool approved)
{
	return approved ? NULL : "征求意见稿（未审定）";
}

void pdf_closing(struct pdf_doc *d, const struct svc_stamp *st)
{
	static const struct pdf_style end = {.face = PDF_SANS, .size = 8.5, .color = 0x555555, .before = 14};
	struct buf b = {0};
	buf_printf(&b, "本件据审计记录 #%lld（校验值 %s）生成，可与数据库核对。", st->seq, st->head);
	if (st->signed_seq)
		buf_printf(&b, "审定签名：审计记录 #%lld（校验值 %s），签名 %s，公钥 %s。", st->signed_seq,
			   st->signed_hash, st->signature, st->public_key);
	pdf_text(d, &end, buf_str(&b));
	buf_free(&b);
}

int pdf_finish(struct pdf_doc *d, const char *path, struct svc_error *err)
{
	char *temp = report_temp_path(path);
	struct buf why = {0};
	int rc;
	if (pdf_doc_write(d, temp, &why) != 0) {
		report_abandon(temp);
		rc = report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, buf_str(&why));
	} else {
		rc = report_commit(temp, path, err);
	}
	buf_free(&why);
	free(temp);
	return rc;
}
