/* cache.c: a small table of kept pages behind one mutex; the least
 * recently used goes when it is full. */
#include "cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_ENTRIES 256
#define CACHE_BYTES (64u << 20)

struct entry {
	char *key;
	long long version;
	char *data;
	size_t len;
	size_t *marks;            /* offsets of CACHE_CSRF */
	int nmarks;
	unsigned long long used;  /* the clock when last given out */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry entries[CACHE_ENTRIES];
static size_t bytes;
static unsigned long long clock_;

static void drop(struct entry *e)
{
	bytes -= e->len;
	free(e->key);
	free(e->data);
	free(e->marks);
	memset(e, 0, sizeof *e);
}

bool cache_get(const char *key, long long version, const char *csrf, struct buf *out)
{
	bool found = false;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CACHE_ENTRIES; i++) {
		struct entry *e = &entries[i];
		if (!e->key || strcmp(e->key, key) != 0)
			continue;
		if (e->version != version) {
			drop(e);
			break;
		}
		e->used = ++clock_;
		size_t at = out->len;
		buf_putn(out, e->data, e->len);   /* one copy, straight into the answer */
		size_t n = strlen(csrf);
		for (int k = 0; k < e->nmarks && n == sizeof CACHE_CSRF - 1; k++)
			memcpy(out->p + at + e->marks[k], csrf, n);
		found = true;
		break;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

void cache_put(const char *key, long long version, const char *data, size_t len)
{
	if (len > CACHE_BYTES / 4)
		return;
	struct entry n = {0};
	n.key = xstrdup(key);
	n.version = version;
	n.data = xmalloc(len + 1);
	memcpy(n.data, data, len);
	n.data[len] = '\0';
	n.len = len;
	const size_t ml = sizeof CACHE_CSRF - 1;
	for (const char *p = n.data; (p = memchr(p, '\001', (size_t)(n.data + len - p))) != NULL;) {
		if ((size_t)(n.data + len - p) >= ml && memcmp(p, CACHE_CSRF, ml) == 0) {
			n.marks = xrealloc(n.marks, (size_t)(n.nmarks + 1) * sizeof *n.marks);
			n.marks[n.nmarks++] = (size_t)(p - n.data);
			p += ml;
		} else {
			p++;
		}
	}
	pthread_mutex_lock(&lock);
	n.used = ++clock_;
	struct entry *slot = NULL;
	for (int i = 0; i < CACHE_ENTRIES; i++)
		if (entries[i].key && strcmp(entries[i].key, key) == 0) {
			drop(&entries[i]);
			slot = &entries[i];
			break;
		}
	for (;;) {
		struct entry *oldest = NULL;
		for (int i = 0; i < CACHE_ENTRIES && !slot; i++)
			if (!entries[i].key)
				slot = &entries[i];
		if (slot && bytes + len <= CACHE_BYTES)
			break;
		for (int i = 0; i < CACHE_ENTRIES; i++)
			if (entries[i].key && (!oldest || entries[i].used < oldest->used))
				oldest = &entries[i];
		if (!oldest)
			break;
		drop(oldest);
		if (!slot)
			slot = oldest;
	}
	*slot = n;
	bytes += len;
	pthread_mutex_unlock(&lock);
}

void cache_free_all(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CACHE_ENTRIES; i++)
		if (entries[i].key)
			drop(&entries[i]);
	pthread_mutex_unlock(&lock);
}
