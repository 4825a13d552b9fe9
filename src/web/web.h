/* web.h: the web application (kaohe serve): an HTTP server on the
 * installation's database, every page and asset compiled in. Its pages
 * parse a request, call the service (which checks every permission) and
 * render HTML escaped by default. */
#ifndef KAOHE_WEB_H
#define KAOHE_WEB_H

#include <stdbool.h>

struct web_options {
	const char *db_path;
	const char *listen;       /* "ADDR:PORT"; NULL: 127.0.0.1:8080 */
	int threads;              /* 0: 8 per processor, at least 16 */
	bool quiet;               /* no request log on standard error */
};

/* Serves until SIGTERM or SIGINT, then stops accepting, lets the requests
 * under way finish, and returns 0; -1 (after saying why on standard
 * error) if it cannot start. */
int web_serve(const struct web_options *o);

#endif
