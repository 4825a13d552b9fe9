/* page_static.c: the compiled-in script and stylesheet. */
#include "assets.h"
#include "layout.h"
#include "pages.h"

#include <string.h>

void get_static(struct req *r, struct resp *w)
{
	for (const struct web_asset *a = web_assets; a->name; a++) {
		if (strcmp(a->name, r->args[0]) != 0)
			continue;
		size_t n = strlen(a->name);
		w->type = n > 3 && strcmp(a->name + n - 3, ".js") == 0 ? "text/javascript; charset=utf-8"
			: n > 4 && strcmp(a->name + n - 4, ".css") == 0 ? "text/css; charset=utf-8"
			: "application/octet-stream";
		w->cacheable = true;
		buf_putn(&w->body, a->data, a->len);
		return;
	}
	page_not_found(r, w);
}
