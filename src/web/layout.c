/* layout.c: the page frame, navigation, forms and refusals. */
#include "layout.h"
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The navigation: what each role works on. A link only leads to a page;
 * the service decides what that page may show or change. A link whose
 * page depends on the year's state (the results, before they are
 * published) names the operation, and shows when the service permits it. */
static const struct nav {
	const char *path, *label, *key;
	unsigned roles;
	int op; /* an enum svc_op, or -1 */
} navs[] = {
#define R(x) (1u << (x))
	{"/", "首页", "home", ~0u, -1},
	{"/sheets", "评分表", "sheets", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER), -1},
	{"/samples", "抽查", "samples", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER), -1},
	{"/industry", "行业评分", "industry", R(ROLE_OFFICE) | R(ROLE_INDUSTRY) | R(ROLE_ENFORCEMENT), -1},
	{"/accidents", "事故", "accidents", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER), -1},
	{"/daily", "日常考核", "daily", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER), -1},
	{"/review", "统计核实", "review", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER), -1},
	{"/results", "考核结果", "results", R(ROLE_OFFICE) | R(ROLE_UNIT) | R(ROLE_VIEWER), OP_RESULTS_READ},
	{"/materials", "资料", "materials", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER) | R(ROLE_UNIT), -1},
	{"/objections", "意见", "objections", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER) | R(ROLE_UNIT), -1},
	{"/history", "修改记录", "history", R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER), -1},
	{"/admin", "年度与账号", "admin", R(ROLE_OFFICE), -1},
#undef R
};

void page_begin(struct req *r, struct resp *w, const char *title, const char *here)
{
	struct buf *b = &w->body;
	const struct account *a = req_user(r);
	h(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%s — 安全生产目标考核</title>"
	     "<link rel=\"stylesheet\" href=\"/static/app.css\">"
	     "<script src=\"/static/app.js\" defer></script></head>\n<body", title);
	if (r->session)
		h(b, " data-csrf=\"%s\"", r->session->csrf);
	h(b, ">\n<header class=\"top\"><div class=\"brand\">安全生产目标考核</div>");
	if (a) {
		/* what the session already knows: no query for every page */
		h(b, "<div class=\"year\">%d 年度", svc_year(r->svc));
		if (svc_published(r->svc))
			h(b, "<span class=\"state\">已公布</span>");
		else if (svc_approved(r->svc))
			h(b, "<span class=\"state\">已审定</span>");
		h(b, "</div>");
		h(b, "<div class=\"who\">%s（%s）<a href=\"/password\">修改密码</a>"
		     "<form method=\"post\" action=\"/logout\" class=\"inline\">", a->name, role_title(a->role));
		form_csrf(r, b);
		h(b, "<button type=\"submit\" class=\"link\">退出</button></form></div>");
	}
	h(b, "</header>\n");
	if (a) {
		h(b, "<nav class=\"main\">");
		for (size_t i = 0; i < sizeof navs / sizeof navs[0]; i++)
			if ((navs[i].roles & (1u << a->role)) &&
			    (navs[i].op < 0 || svc_permits(r->svc, (enum svc_op)navs[i].op, a->unit)))
				h(b, "<a href=\"%s\"%S>%s</a>", navs[i].path,
				  here && strcmp(here, navs[i].key) == 0 ? " class=\"here\" aria-current=\"page\"" : "",
				  navs[i].label);
		h(b, "</nav>\n");
	}
	h(b, "<main>\n");
	if (r->session && r->session->flash) {
		h(b, "<p class=\"flash\" role=\"status\">%s</p>\n", r->session->flash);
		free(r->session->flash);
		r->session->flash = NULL;
		session_update(r->session);
	}
	/* a refused form: the message at the top too, since its field may
	 * be far down the page */
	if (r->failed && (!r->failed->field || !*r->failed->field))
		h(b, "<p class=\"error\" role=\"alert\">%s</p>\n", r->failed->message);
	else if (r->failed)
		h(b, "<p class=\"error\" role=\"alert\">未能保存：%s（已在下方相应的位置标出，填写的内容已保留）</p>\n",
		  r->failed->message);
	h(b, "<h1>%s</h1>\n", title);
}

void page_end(struct req *r, struct resp *w)
{
	(void)r;
	h(&w->body, "</main>\n<footer>kaohe 安全生产目标考核系统</footer>\n</body></html>\n");
}

void form_csrf(struct req *r, struct buf *b)
{
	if (r->session)
		h(b, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", r->session->csrf);
}

const char *form_value(const struct req *r, const char *name, const char *current)
{
	if (r->failed && r->post) {
		const char *v = req_param(r, name);
		if (v)
			return v;
	}
	return current;
}

void form_error(const struct req *r, struct buf *b, const char *field)
{
	if (!r->failed || !r->failed->field || !field || strcmp(r->failed->field, field) != 0)
		return;
	h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
}

bool form_refused(const struct req *r, const char *path, const char *key_field, const char *key)
{
	if (!r->failed || !r->post || strcmp(r->path, path) != 0)
		return false;
	if (!key_field || !key)
		return true;
	const char *v = req_param(r, key_field);
	return v && strcmp(v, key) == 0;
}

const char *form_value_of(const struct req *r, const char *path, const char *key_field, const char *key,
			  const char *name, const char *current)
{
	return form_refused(r, path, key_field, key) ? form_value(r, name, current) : current;
}

void form_error_of(const struct req *r, struct buf *b, const char *path, const char *key_field, const char *key,
		   const char *field)
{
	if (form_refused(r, path, key_field, key))
		form_error(r, b, field);
}

void form_error_other(const struct req *r, struct buf *b, const char *path, const char *key_field,
		      const char *key, const char *const *fields)
{
	if (!form_refused(r, path, key_field, key) || !r->failed->field || !*r->failed->field)
		return;
	for (int i = 0; fields[i]; i++)
		if (strcmp(fields[i], r->failed->field) == 0)
			return;
	h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
}

void resp_download(struct resp *w, char *path, bool temporary, const char *type, const char *name)
{
	free(w->file);
	w->file = path;
	w->unlink_file = temporary;
	w->type = type;
	struct buf b = {0};
	h(&b, "attachment; filename*=UTF-8''%U", name);
	free(w->disposition);
	w->disposition = buf_take(&b);
}

char *web_temp_file(const char *suffix)
{
	struct buf b = {0};
	buf_printf(&b, "/tmp/kaohe-XXXXXX%s", suffix ? suffix : "");
	char *path = buf_take(&b);
	int fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

bool is_office(const struct req *r)
{
	const struct account *a = req_user(r);
	return a && a->role == ROLE_OFFICE;
}

int page_kinds(struct req *r, enum unit_kind **kinds)
{
	int nk = 0;
	*kinds = NULL;
	if (svc_kinds(r->svc, kinds, &nk) != 0) {
		free(*kinds);
		*kinds = xcalloc(2, sizeof **kinds);
		(*kinds)[0] = KIND_COUNTY;
		(*kinds)[1] = KIND_DEPARTMENT;
		nk = 2;
	}
	return nk;
}

int refusal_status(const struct svc_error *e)
{
	switch (e->code) {
	case SVC_FORBIDDEN: return 403;
	case SVC_NOT_FOUND: return 404;
	case SVC_CONFLICT: return 409;
	case SVC_BUSY: return 503;
	case SVC_FAILED: return 500;
	default: return 422;
	}
}

static const char *next_words(enum svc_next n)
{
	switch (n) {
	case SVC_NEXT_COMPUTE: return "请先在“考核结果”页计分。";
	case SVC_NEXT_REOPEN: return "如确需修改，须由安委办在“考核结果”页重新开放本年度。";
	case SVC_NEXT_INIT: return "须先在“年度与账号”页新建考核年度。";
	case SVC_NEXT_SIGN: return "签名审定须由安委办在本机用本年度的私钥进行。";
	default: return NULL;
	}
}

void page_refused(struct req *r, struct resp *w, const struct svc_error *e)
{
	w->status = refusal_status(e);
	buf_reset(&w->body);
	if (r->wants_json) {
		w->type = "application/json; charset=utf-8";
		buf_puts(&w->body, "{\"error\":");
		h_json_str(&w->body, e->message);
		buf_puts(&w->body, ",\"field\":");
		h_json_str(&w->body, e->field ? e->field : "");
		buf_puts(&w->body, ",\"problems\":[");
		for (int i = 0; i < e->problems.n; i++) {
			if (i)
				buf_putc(&w->body, ',');
			h_json_str(&w->body, e->problems.msgs[i]);
		}
		buf_puts(&w->body, "]}");
		return;
	}
	page_begin(r, w, w->status == 403 ? "不能进行此操作" : w->status == 404 ? "找不到" : "未能完成", NULL);
	struct buf *b = &w->body;
	h(b, "<p class=\"error\" role=\"alert\">%s</p>", e->message);
	if (e->problems.n) {
		h(b, "<ul class=\"problems\">");
		for (int i = 0; i < e->problems.n; i++)
			h(b, "<li>%s</li>", e->problems.msgs[i]);
		h(b, "</ul>");
	}
	const char *next = next_words(e->next);
	if (next)
		h(b, "<p>%s</p>", next);
	h(b, "<p><a href=\"/\">返回首页</a></p>");
	page_end(r, w);
}

void page_not_found(struct req *r, struct resp *w)
{
	struct svc_error e = {.code = SVC_NOT_FOUND, .message = "没有这个页面"};
	if (!r->svc) {
		w->status = 404;
		w->type = "text/plain; charset=utf-8";
		buf_puts(&w->body, "没有这个页面\n");
		return;
	}
	page_refused(r, w, &e);
}

void page_done(struct req *r, struct resp *w, const char *path, const char *fmt, ...)
{
	struct buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (r->wants_json) {
		w->type = "application/json; charset=utf-8";
		buf_puts(&w->body, "{\"ok\":true,\"message\":");
		h_json_str(&w->body, buf_str(&msg));
		buf_puts(&w->body, "}");
	} else {
		if (r->session) {
			free(r->session->flash);
			r->session->flash = buf_take(&msg);
			session_update(r->session);
		}
		/* the message shows at the top of the page: a jump to a part
		 * further down would hide it (a sheet's row marks itself) */
		const char *hash = strchr(path, '#');
		if (hash && strncmp(path, "/sheet/", 7) != 0)
			resp_redirect(w, "%.*s", (int)(hash - path), path);
		else
			resp_redirect(w, "%s", path);
	}
	buf_free(&msg);
}

void page_again_with(struct req *r, struct resp *w, void (*get)(struct req *, struct resp *),
		     const struct svc_error *e)
{
	if (r->wants_json || e->code == SVC_FORBIDDEN || e->code == SVC_FAILED || e->code == SVC_BUSY) {
		page_refused(r, w, e);
		return;
	}
	/* a copy: rendering the page calls the service again */
	struct svc_error *copy = xmalloc(sizeof *copy);
	svc_error_copy(copy, e);
	r->failed = copy;
	buf_reset(&w->body);
	get(r, w);
	/* the refusal's status: the page's own reading may have failed since */
	w->status = refusal_status(copy);
}

void page_refuse_form(struct req *r, struct resp *w, void (*get)(struct req *, struct resp *),
		      const char *field, const char *message)
{
	struct svc_error e = {.code = SVC_INVALID, .field = (char *)field, .message = (char *)message};
	page_again_with(r, w, get, &e);
}

void page_again(struct req *r, struct resp *w, void (*get)(struct req *, struct resp *))
{
	page_again_with(r, w, get, svc_err(r->svc));
}
