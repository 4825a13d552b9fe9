/* routes.h: the registration table of every page and action of the web
 * application (routes.c): method, path pattern ('*' is one segment,
 * given to the handler as req->args[i]), handler, flags, and what it is.
 * Every handler asks the service, which checks the user's role for each
 * operation; a route never decides permissions itself. */
#ifndef KAOHE_ROUTES_H
#define KAOHE_ROUTES_H

#include "http.h"

enum {
	ROUTE_PUBLIC = 1,         /* no sign-in needed (sign-in page, assets) */
	ROUTE_LOGIN_CSRF = 2,     /* the sign-in form: a pre-session CSRF cookie */
	ROUTE_UPLOAD = 4,         /* may carry files up to the upload limit */
};

struct route {
	const char *method;
	const char *pattern;
	void (*handle)(struct req *, struct resp *);
	unsigned flags;
	const char *title;
};

extern const struct route routes[];

/* The route for method and path, its '*' segments in args (at most 4,
 * pointing into a copy the caller frees: *copy). NULL if none; *other_method
 * tells whether the path exists for another method. */
const struct route *route_find(const char *method, const char *path, char *args[4], int *nargs,
			       char **copy, bool *other_method);

#endif
