/* http.h: a request as the pages see it (already parsed: path arguments,
 * query and form fields, uploaded files, the session) and the response
 * they fill. Nothing here knows libmicrohttpd; server.c does. */
#ifndef KAOHE_HTTP_H
#define KAOHE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/util.h"
#include "../service/service.h"

struct web_session;

struct field {
	char *name;
	struct buf value;         /* bytes as sent (a file's content) */
	char *filename;           /* an uploaded file's name, else NULL */
};

struct req {
	const char *method;       /* "GET", "POST" */
	const char *path;         /* "/sheet/昌黎县", decoded */
	char *args[4];            /* the route's '*' segments, decoded */
	int nargs;
	struct field *fields;     /* query string, then form */
	int nfields;
	const char *addr;         /* the client's address */
	bool post;
	bool wants_json;          /* a script asked (Accept: application/json) */
	struct svc *svc;          /* the service, acting as the signed-in user */
	struct web_session *session;   /* NULL: not signed in */
	const struct svc_error *failed;  /* a refused form: render it again with this */
};

/* The first value of a query or form field, or NULL. */
const char *req_param(const struct req *r, const char *name);
/* Every value of a field (checkboxes); returns how many, *out the caller's
 * (free the array, not the strings). */
int req_params(const struct req *r, const char *name, const char ***out);
/* A whole-number field (decimal digits, optional minus sign); false if
 * it is missing or not a number. */
bool req_int(const struct req *r, const char *name, long long *out);
/* An uploaded file field, or NULL. */
const struct field *req_file(const struct req *r, const char *name);
/* The acting user (NULL if not signed in). */
const struct account *req_user(const struct req *r);

struct resp {
	int status;               /* 200 unless set */
	const char *type;         /* "text/html; charset=utf-8" unless set */
	struct buf body;
	char *location;           /* a redirect (303 unless status is set) */
	char *cookie;             /* a Set-Cookie value */
	char *disposition;        /* Content-Disposition (downloads) */
	char *file;               /* send this file's bytes instead of body */
	bool unlink_file;         /* remove file after sending (a made ZIP) */
	bool cacheable;           /* a static asset: cache it */
};

/* Redirects (303 See Other) to a path of the application. */
void resp_redirect(struct resp *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
