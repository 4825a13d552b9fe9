/* cache.h: pages kept while nothing changes. Every change kaohe makes is
 * on the record, so the record's newest number (svc_version) tells
 * whether a kept page still holds; a page is kept per account, so nothing
 * one person may see reaches another. The session's CSRF token is put in
 * when a page is given out (CACHE_CSRF marks where, in the kept bytes). */
#ifndef KAOHE_CACHE_H
#define KAOHE_CACHE_H

#include <stdbool.h>

#include "../core/util.h"

/* 32 bytes, as long as a token; a control character a typed text never
 * holds (text_check refuses them) starts and ends it. */
#define CACHE_CSRF "\001kaohe-csrf-token-goes-here-xxx\001"
_Static_assert(sizeof CACHE_CSRF == 33, "CACHE_CSRF is as long as a token");

/* Appends the bytes kept for key at version to out, with csrf in place of
 * every CACHE_CSRF; false if none is kept. */
bool cache_get(const char *key, long long version, const char *csrf, struct buf *out);
/* Keeps data (holding CACHE_CSRF where the token goes) for key at version. */
void cache_put(const char *key, long long version, const char *data, size_t len);
void cache_free_all(void);

#endif
