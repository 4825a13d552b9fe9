/* server.c: the HTTP server (libmicrohttpd): a pool of threads, each with
 * its own database session; a request is read whole (within limits),
 * routed, checked for sign-in and CSRF, handed to its page, answered with
 * the security headers every response carries, and logged. SIGTERM or
 * SIGINT stops accepting, lets the requests under way finish, and stops. */
#include "web.h"
#include "http.h"
#include "cache.h"
#include "../core/numtext.h"
#include "layout.h"
#include "routes.h"
#include "session.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Limits set explicitly (libmicrohttpd's defaults are unlimited). */
#define FORM_MAX (1u << 20)                   /* a form without files */
#define UPLOAD_MAX (SVC_MATERIAL_MAX + (1u << 20))
#define CONNECTIONS_MAX 256
#define CONNECTIONS_PER_ADDRESS 64
#define CONNECTION_TIMEOUT 60                 /* seconds idle */
#define CONNECTION_MEMORY (64u << 10)            /* headers and parsing; zeroed per request */

static const char *db_path;
static bool quiet;
static pthread_key_t svc_key;
static atomic_int under_way;

/* The thread's own service session (SQLite connections are per thread),
 * opened on first use and closed when the thread ends. */
static struct svc *thread_svc(struct svc_error *err)
{
	struct svc *s = pthread_getspecific(svc_key);
	if (s)
		return s;
	struct svc_options o = {db_path, false, 0, true};
	s = svc_open(&o, err);
	if (s)
		pthread_setspecific(svc_key, s);
	return s;
}

static void forget_acted(void);

static void close_svc(void *s)
{
	forget_acted();
	svc_close(s);
}

/* ---- one request ---- */

struct pending {
	struct req req;
	struct MHD_PostProcessor *pp;
	size_t received, limit;
	bool too_large;
	char *path_copy;
	const struct route *route;
	char *args_copy;
};

static struct field *field_add(struct req *r, const char *name, const char *filename)
{
	r->fields = xrealloc(r->fields, (size_t)(r->nfields + 1) * sizeof *r->fields);
	struct field *f = &r->fields[r->nfields++];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	f->filename = filename ? xstrdup(filename) : NULL;
	buf_puts(&f->value, "");
	return f;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct req *r = cls;
	if (r->nfields < 256)
		buf_puts(&field_add(r, key, NULL)->value, value ? value : "");
	return MHD_YES;
}

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				  const char *content_type, const char *transfer_encoding, const char *data,
				  uint64_t off, size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct pending *p = cls;
	struct req *r = &p->req;
	struct field *f = NULL;
	/* a value arrives in pieces: the first has offset 0 */
	if (off == 0 || r->nfields == 0 || strcmp(r->fields[r->nfields - 1].name, key) != 0) {
		if (r->nfields >= 512)
			return MHD_NO;
		f = field_add(r, key, filename);
	} else {
		f = &r->fields[r->nfields - 1];
	}
	buf_putn(&f->value, data, size);
	return MHD_YES;
}

const char *req_param(const struct req *r, const char *name)
{
	/* the form's value before the query's */
	for (int i = r->nfields - 1; i >= 0; i--)
		if (strcmp(r->fields[i].name, name) == 0 && !r->fields[i].filename)
			return buf_str((struct buf *)&r->fields[i].value);
	return NULL;
}

int req_params(const struct req *r, const char *name, const char ***out)
{
	int n = 0;
	*out = NULL;
	for (int i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0 && !r->fields[i].filename) {
			*out = xrealloc(*out, (size_t)(n + 1) * sizeof **out);
			(*out)[n++] = buf_str((struct buf *)&r->fields[i].value);
		}
	return n;
}

bool req_int(const struct req *r, const char *name, long long *out)
{
	const char *v = req_param(r, name);
	return v && numtext_count(v, out) == 0;
}

const struct field *req_file(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0 && r->fields[i].filename && r->fields[i].filename[0])
			return &r->fields[i];
	return NULL;
}

const struct account *req_user(const struct req *r)
{
	return r->session ? svc_actor(r->svc) : NULL;
}

void resp_redirect(struct resp *w, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(w->location);
	w->location = buf_take(&b);
}

static void pending_free(struct pending *p)
{
	if (p->pp)
		MHD_destroy_post_processor(p->pp);
	for (int i = 0; i < p->req.nfields; i++) {
		free(p->req.fields[i].name);
		free(p->req.fields[i].filename);
		buf_free(&p->req.fields[i].value);
	}
	free(p->req.fields);
	free(p->path_copy);
	free(p->args_copy);
	if (p->req.failed) {
		svc_error_clear((struct svc_error *)p->req.failed);
		free((struct svc_error *)p->req.failed);
	}
	session_free(p->req.session);
	free(p);
}

/* ---- answering ---- */

static void add_security_headers(struct MHD_Response *m, const struct resp *w)
{
	MHD_add_response_header(m, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(m, "X-Frame-Options", "DENY");
	MHD_add_response_header(m, "Referrer-Policy", "same-origin");
	MHD_add_response_header(m, "Cache-Control", w->cacheable ? "public, max-age=86400" : "no-store");
}

static enum MHD_Result answer(struct MHD_Connection *c, struct resp *w)
{
	struct MHD_Response *m = NULL;
	if (w->file) {
		int fd = open(w->file, O_RDONLY | O_CLOEXEC);
		struct stat st;
		if (fd >= 0 && fstat(fd, &st) == 0) {
			m = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
		} else {
			if (fd >= 0)
				close(fd);
			w->status = 404;
			w->type = "text/plain; charset=utf-8";
			buf_reset(&w->body);
			buf_puts(&w->body, "文件不存在\n");
		}
		if (w->unlink_file)
			unlink(w->file);
	}
	if (!m) {
		size_t len = w->body.len;
		char *data = buf_take(&w->body);
		m = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	}
	if (!m)
		return MHD_NO;
	int status = w->status ? w->status : 200;
	if (w->location) {
		MHD_add_response_header(m, "Location", w->location);
		if (!w->status)
			status = 303;
	}
	MHD_add_response_header(m, "Content-Type", w->type ? w->type : "text/html; charset=utf-8");
	if (w->cookie)
		MHD_add_response_header(m, "Set-Cookie", w->cookie);
	if (w->disposition)
		MHD_add_response_header(m, "Content-Disposition", w->disposition);
	add_security_headers(m, w);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, m);
	MHD_destroy_response(m);
	w->status = status;
	return rc;
}

static void resp_free(struct resp *w)
{
	buf_free(&w->body);
	free(w->location);
	free(w->cookie);
	free(w->disposition);
	free(w->file);
}

static void plain(struct resp *w, int status, const char *msg)
{
	w->status = status;
	w->type = "text/plain; charset=utf-8";
	buf_reset(&w->body);
	buf_printf(&w->body, "%s\n", msg);
}

/* Whether the request carries the session's CSRF token (a form field or
 * the X-CSRF-Token header a script sends). */
static bool csrf_ok(struct MHD_Connection *c, const struct req *r, const char *expected)
{
	const char *t = req_param(r, "_csrf");
	if (!t)
		t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
	return t && expected && strlen(t) == 32 && strlen(expected) == 32 && sodium_memcmp(t, expected, 32) == 0;
}

static void log_request(const struct req *r, const struct resp *w, double ms)
{
	if (quiet)
		return;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	const struct account *a = req_user(r);
	fprintf(stderr, "%s %s %s %s %d %.1fms %s\n", when, r->addr ? r->addr : "-", r->method, r->path,
		w->status, ms, a ? a->name : "-");
}

/* Who the thread's session acted for at the end of its last GET, and at
 * which version of the file. Nothing can have changed an account or the
 * year without a new version (every change is on the record), so the
 * same account at the same version needs no reading again. */
static __thread struct {
	char *account;            /* NULL: nobody */
	int year;
	long long version;        /* -1: unknown */
} acted = {NULL, 0, -1};

static void forget_acted(void)
{
	free(acted.account);
	acted.account = NULL;
	acted.version = -1;
}

/* The thread's session acting as the request's signed-in account (or
 * nobody) in the session's year; a disabled account's session ends. */
static void act_for(struct req *r)
{
	long long v = svc_version(r->svc);
	const char *want = r->session ? r->session->account : NULL;
	int year = r->session ? r->session->year : 0;
	if (v >= 0 && v == acted.version && year == acted.year &&
	    (want ? acted.account && strcmp(want, acted.account) == 0 : !acted.account))
		return;
	forget_acted();
	svc_act_none(r->svc);
	if (svc_use_year(r->svc, year) != 0 && r->session && r->session->year) {
		r->session->year = year = 0;
		session_update(r->session);
		svc_use_year(r->svc, 0);
	}
	if (r->session && svc_act_as(r->svc, r->session->account) != 0) {
		/* disabled or removed since signing in */
		session_end(r->session->token);
		session_free(r->session);
		r->session = NULL;
		svc_act_none(r->svc);
	}
	acted.account = r->session ? xstrdup(r->session->account) : NULL;
	acted.year = year;
	acted.version = v;
}

/* Routes the whole request, checks sign-in and CSRF, runs the page. */
static void dispatch(struct MHD_Connection *c, struct pending *p, struct resp *w)
{
	struct req *r = &p->req;
	if (p->too_large) {
		plain(w, MHD_HTTP_CONTENT_TOO_LARGE, "提交的内容过大");
		return;
	}
	const struct route *rt = p->route;
	if (!rt) {
		page_not_found(r, w);
		return;
	}
	/* sign-in */
	const char *token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "kaohe_session");
	r->session = token ? session_find(token) : NULL;
	struct svc_error err;
	r->svc = thread_svc(&err);
	if (!r->svc) {
		plain(w, 500, err.message ? err.message : "无法打开数据库");
		svc_error_clear(&err);
		return;
	}
	act_for(r);
	if (!(rt->flags & ROUTE_PUBLIC) && !r->session) {
		if (r->post || r->wants_json) {
			plain(w, 401, "未登录或登录已超时，请重新登录");
		} else {
			struct buf next = {0};
			buf_puts(&next, "/login?next=");
			for (const unsigned char *q = (const unsigned char *)r->path; *q; q++)
				if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
				    *q == '/' || *q == '-' || *q == '_' || *q == '.')
					buf_putc(&next, (char)*q);
				else
					buf_printf(&next, "%%%02X", *q);
			w->location = buf_take(&next);
		}
		return;
	}
	if (r->post) {
		bool ok;
		if (rt->flags & ROUTE_LOGIN_CSRF)
			ok = csrf_ok(c, r, MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "kaohe_login"));
		else
			ok = r->session && csrf_ok(c, r, r->session->csrf);
		if (!ok) {
			plain(w, 403, "表单已失效（缺少或不符的安全令牌），请刷新页面后重试");
			return;
		}
	}
	rt->handle(r, w);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)cls;
	(void)version;
	struct pending *p = *con_cls;
	if (!p) {
		/* The first call: set up, answer nothing yet (answering now
		 * would close a kept-alive connection). */
		p = xcalloc(1, sizeof *p);
		*con_cls = p;
		atomic_fetch_add(&under_way, 1);
		p->path_copy = xstrdup(url);
		p->req.path = p->path_copy;
		p->req.method = strcmp(method, "POST") == 0 ? "POST" : strcmp(method, "HEAD") == 0 ? "HEAD" : "GET";
		p->req.post = strcmp(method, "POST") == 0;
		bool other = false;
		p->route = route_find(p->req.method[0] == 'H' ? "GET" : p->req.method, url, p->req.args,
				      &p->req.nargs, &p->args_copy, &other);
		const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
		p->req.wants_json = accept && strstr(accept, "application/json");
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		static __thread char addr[INET6_ADDRSTRLEN];
		addr[0] = '\0';
		if (ci && ci->client_addr) {
			if (ci->client_addr->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, addr, sizeof addr);
			else if (ci->client_addr->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, addr,
					  sizeof addr);
		}
		p->req.addr = addr;
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, &p->req);
		p->limit = p->route && (p->route->flags & ROUTE_UPLOAD) ? UPLOAD_MAX : FORM_MAX;
		const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (len && strtoull(len, NULL, 10) > p->limit)
			p->too_large = true;
		if (p->req.post && !p->too_large)
			p->pp = MHD_create_post_processor(c, 4096, post_field, p);
		return MHD_YES;
	}
	if (*upload_data_size) {
		p->received += *upload_data_size;
		if (p->received > p->limit)
			p->too_large = true;
		if (!p->too_large && p->pp && MHD_post_process(p->pp, upload_data, *upload_data_size) != MHD_YES)
			p->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct resp w = {0};
	dispatch(c, p, &w);
	/* a change (sign-in, the year chosen) may have changed whom the
	 * thread's session acts for */
	if (p->req.post)
		forget_acted();
	enum MHD_Result rc = answer(c, &w);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_request(&p->req, &w, (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	resp_free(&w);
	return rc;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	(void)cls;
	(void)c;
	(void)t;
	if (*con_cls) {
		pending_free(*con_cls);
		*con_cls = NULL;
		atomic_fetch_sub(&under_way, 1);
	}
}

/* "ADDR:PORT" (IPv4), "[ADDR]:PORT" (IPv6) or ":PORT" into a socket address. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	const char *colon = strrchr(s, ':');
	if (!colon)
		return -1;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return -1;
	char host[64];
	size_t hl = (size_t)(colon - s);
	if (hl >= sizeof host)
		return -1;
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (host[0] == '[') {
		size_t n = strlen(host);
		if (n < 2 || host[n - 1] != ']')
			return -1;
		host[n - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			return -1;
		*len = sizeof *a;
		return 0;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	if (!host[0])
		a->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
		return -1;
	*len = sizeof *a;
	return 0;
}

int web_serve(const struct web_options *o)
{
	db_path = o->db_path;
	quiet = o->quiet;
	const char *listen = o->listen ? o->listen : "127.0.0.1:8080";
	struct sockaddr_storage ss;
	socklen_t sl;
	if (parse_listen(listen, &ss, &sl) != 0) {
		fprintf(stderr, "kaohe: 监听地址“%s”须是 地址:端口，如 127.0.0.1:8080 或 0.0.0.0:8080\n", listen);
		return -1;
	}
	/* The database must open before anyone is told to connect. */
	struct svc_error err;
	struct svc_options so = {db_path, false, 0, false};
	struct svc *probe = svc_open(&so, &err);
	if (!probe) {
		fprintf(stderr, "kaohe: %s\n", err.message);
		svc_error_clear(&err);
		return -1;
	}
	svc_close(probe);
	if (sodium_init() < 0)
		return -1;
	pthread_key_create(&svc_key, close_svc);
	sessions_init();
	/* The signals are waited for here, not delivered to the threads. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Requests wait on the disk (a durable commit) more than they work:
	 * more threads than processors, so that saves can gather (saves.c). */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = o->threads > 0 ? (unsigned)o->threads : (unsigned)(cpus > 2 ? cpus * 8 : 16);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS_MAX,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)CONNECTIONS_PER_ADDRESS,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "kaohe: 无法在 %s 上提供服务（端口被占用或没有权限？）\n", listen);
		pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
		return -1;
	}
	printf("kaohe 正在提供服务：http://%s/（数据库 %s；按 Ctrl-C 停止）\n", listen, db_path);
	fflush(stdout);
	int sig = 0;
	sigwait(&sigs, &sig);
	if (!quiet)
		fprintf(stderr, "kaohe: 收到%s，停止接受新的请求，等待进行中的请求完成\n",
			sig == SIGTERM ? " SIGTERM" : "中断信号");
	/* shut at once: a new connection is refused, not left waiting in the
	 * socket's queue until the server exits; closed only after
	 * MHD_stop_daemon, as libmicrohttpd asks (its threads may still hold
	 * the descriptor, whose number must not be reused meanwhile) */
	MHD_socket listening = MHD_quiesce_daemon(d);
	if (listening != MHD_INVALID_SOCKET)
		shutdown(listening, SHUT_RDWR);
	for (int i = 0; i < 300 && atomic_load(&under_way) > 0; i++) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	if (listening != MHD_INVALID_SOCKET)
		close(listening);
	sessions_free();
	cache_free_all();
	pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
	return 0;
}
