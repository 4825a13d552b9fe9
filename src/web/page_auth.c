/* page_auth.c: signing in (throttled per account and address), signing
 * out, and changing one's own password. The sign-in form carries a
 * CSRF token bound to a cookie, since there is no session yet. */
#include "layout.h"
#include "pages.h"
#include "session.h"

#include <stdlib.h>
#include <string.h>

/* Where to go after signing in: a path of this application only. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, ':'))
		return "/";
	return next;
}

static void login_form(struct req *r, struct resp *w, const char *message)
{
	char token[33];
	random_token(token);
	struct buf cookie = {0};
	buf_printf(&cookie, "kaohe_login=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600", token);
	free(w->cookie);
	w->cookie = buf_take(&cookie);
	page_begin(r, w, "登录", NULL);
	struct buf *b = &w->body;
	if (message)
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", message);
	h(b, "<form method=\"post\" action=\"/login\" class=\"login\">"
	     "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
	     "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	     "<label>账号<input name=\"name\" autocomplete=\"username\" required autofocus value=\"%s\"></label>"
	     "<label>密码<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
	     "<button type=\"submit\">登录</button></form>"
	     "<p class=\"hint\">账号由市安委办分配。忘记密码请联系市安委办重置。</p>",
	  token, safe_next(req_param(r, "next")), req_param(r, "name") ? req_param(r, "name") : "");
	if (!svc_has_accounts(r->svc))
		h(b, "<p class=\"hint\">还没有任何账号。请在服务器上以数据库文件所有者的身份运行："
		     "<code>kaohe user add 账号 --role office --password-stdin</code>，建立第一个安委办账号。</p>");
	page_end(r, w);
}

void get_login(struct req *r, struct resp *w)
{
	if (r->session) {
		resp_redirect(w, "/");
		return;
	}
	login_form(r, w, NULL);
}

void post_login(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "name"), *password = req_param(r, "password");
	int wait;
	if (!throttle_allows(name, r->addr, &wait)) {
		w->status = 429;
		struct buf msg = {0};
		buf_printf(&msg, "登录失败次数过多，请 %d 分钟后再试", wait);
		login_form(r, w, buf_str(&msg));
		buf_free(&msg);
		return;
	}
	if (svc_sign_in(r->svc, name ? name : "", password ? password : "") != 0) {
		throttle_record(name, r->addr, true);
		w->status = 401;
		login_form(r, w, svc_err(r->svc)->message);
		return;
	}
	throttle_record(name, r->addr, false);
	if (r->session)
		session_end(r->session->token);
	struct web_session *s = session_create(svc_actor(r->svc)->name);
	struct buf cookie = {0};
	buf_printf(&cookie, "kaohe_session=%s; Path=/; HttpOnly; SameSite=Strict", s->token);
	w->cookie = buf_take(&cookie);
	resp_redirect(w, "%s", safe_next(req_param(r, "next")));
	session_free(s);
}

void post_logout(struct req *r, struct resp *w)
{
	if (r->session)
		session_end(r->session->token);
	w->cookie = xstrdup("kaohe_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	resp_redirect(w, "/login");
}

void get_password(struct req *r, struct resp *w)
{
	page_begin(r, w, "修改密码", NULL);
	struct buf *b = &w->body;
	h(b, "<form method=\"post\" action=\"/password\" class=\"narrow\">");
	form_csrf(r, b);
	h(b, "<label>原密码<input name=\"old\" type=\"password\" autocomplete=\"current-password\" required></label>");
	form_error(r, b, "old");
	h(b, "<label>新密码（至少 8 个字符）<input name=\"password\" type=\"password\" autocomplete=\"new-password\" "
	     "required minlength=\"8\"></label>");
	form_error(r, b, "password");
	h(b, "<label>再输入一次新密码<input name=\"again\" type=\"password\" autocomplete=\"new-password\" required></label>");
	form_error(r, b, "again");
	h(b, "<button type=\"submit\">修改密码</button></form>");
	page_end(r, w);
}

void post_password(struct req *r, struct resp *w)
{
	const char *old = req_param(r, "old"), *pw = req_param(r, "password"), *again = req_param(r, "again");
	const struct account *me = req_user(r);
	char *name = xstrdup(me->name);
	if (!pw || !again || strcmp(pw, again) != 0) {
		struct svc_error *e = xcalloc(1, sizeof *e);
		e->code = SVC_INVALID;
		e->message = xstrdup("两次输入的新密码不一致");
		e->field = xstrdup("again");
		r->failed = e;
		get_password(r, w);
		w->status = 422;
	} else if (svc_user_passwd(r->svc, name, old ? old : "", pw) != 0) {
		page_again(r, w, get_password);
	} else {
		/* every other session of the account ends; this one is renewed */
		session_end_account(name);
		struct web_session *s = session_create(name);
		struct buf cookie = {0};
		buf_printf(&cookie, "kaohe_session=%s; Path=/; HttpOnly; SameSite=Strict", s->token);
		w->cookie = buf_take(&cookie);
		free(s->flash);
		s->flash = xstrdup("密码已修改；其他地方的登录已退出");
		session_update(s);
		session_free(s);
		resp_redirect(w, "/");
	}
	free(name);
}
