/* assets.h: the script and stylesheet compiled in (src/web/assets/, by
 * tools/embed.c). */
#ifndef KAOHE_ASSETS_H
#define KAOHE_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char *name;         /* "app.js" */
	const char *file;
	const char *data;
	size_t len;
};

/* Ended by an entry whose name is NULL. */
extern const struct web_asset web_assets[];

#endif
