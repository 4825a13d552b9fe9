/* session.c: sessions and sign-in throttling, in memory, behind one
 * mutex (the pages hold a session only as a copy). */
#include "session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

/* Failures allowed per account and per address in THROTTLE_WINDOW
 * seconds; then sign-in waits until the window has passed. */
#define THROTTLE_FAILURES 5
#define THROTTLE_WINDOW (15 * 60)

struct attempt {
	char *key;                /* "u:NAME" or "a:ADDRESS" */
	int failures;
	time_t first;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct web_session *live;     /* an array: few people sign in */
static int nlive, caplive;
static struct attempt *attempts;
static int nattempts, capattempts;

void random_token(char out[33])
{
	unsigned char r[16];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(out, 33, r, sizeof r);
}

static struct web_session *copy_of(const struct web_session *s)
{
	struct web_session *c = xmalloc(sizeof *c);
	*c = *s;
	c->account = xstrdup(s->account);
	c->flash = s->flash ? xstrdup(s->flash) : NULL;
	return c;
}

void session_free(struct web_session *s)
{
	if (!s)
		return;
	free(s->account);
	free(s->flash);
	free(s);
}

void sessions_init(void)
{
}

void sessions_free(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nlive; i++) {
		free(live[i].account);
		free(live[i].flash);
	}
	free(live);
	live = NULL;
	nlive = caplive = 0;
	for (int i = 0; i < nattempts; i++)
		free(attempts[i].key);
	free(attempts);
	attempts = NULL;
	nattempts = capattempts = 0;
	pthread_mutex_unlock(&lock);
}

static void drop(int i)
{
	free(live[i].account);
	free(live[i].flash);
	live[i] = live[--nlive];
}

/* Forgets sessions idle too long (lock held). */
static void expire(time_t now)
{
	for (int i = 0; i < nlive;)
		if (now - live[i].seen > SESSION_IDLE)
			drop(i);
		else
			i++;
}

struct web_session *session_create(const char *account)
{
	struct web_session s = {0};
	random_token(s.token);
	random_token(s.csrf);
	s.account = xstrdup(account);
	s.seen = time(NULL);
	pthread_mutex_lock(&lock);
	expire(s.seen);
	if (nlive == caplive) {
		caplive = caplive ? caplive * 2 : 16;
		live = xrealloc(live, (size_t)caplive * sizeof *live);
	}
	live[nlive++] = s;
	struct web_session *c = copy_of(&s);
	pthread_mutex_unlock(&lock);
	return c;
}

static int find(const char *token)
{
	if (!token || strlen(token) != 32)
		return -1;
	for (int i = 0; i < nlive; i++)
		if (sodium_memcmp(live[i].token, token, 32) == 0)
			return i;
	return -1;
}

struct web_session *session_find(const char *token)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&lock);
	expire(now);
	int i = find(token);
	struct web_session *c = NULL;
	if (i >= 0) {
		live[i].seen = now;
		c = copy_of(&live[i]);
	}
	pthread_mutex_unlock(&lock);
	return c;
}

void session_end(const char *token)
{
	pthread_mutex_lock(&lock);
	int i = find(token);
	if (i >= 0)
		drop(i);
	pthread_mutex_unlock(&lock);
}

void session_update(const struct web_session *s)
{
	pthread_mutex_lock(&lock);
	int i = find(s->token);
	if (i >= 0) {
		live[i].year = s->year;
		free(live[i].flash);
		live[i].flash = s->flash ? xstrdup(s->flash) : NULL;
	}
	pthread_mutex_unlock(&lock);
}

void session_end_account(const char *account)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nlive;)
		if (strcmp(live[i].account, account) == 0)
			drop(i);
		else
			i++;
	pthread_mutex_unlock(&lock);
}

/* The attempt record for key (lock held), made if make. */
static struct attempt *attempt_of(const char *key, bool make, time_t now)
{
	for (int i = 0; i < nattempts;) {
		if (now - attempts[i].first > THROTTLE_WINDOW) {
			free(attempts[i].key);
			attempts[i] = attempts[--nattempts];
			continue;
		}
		if (strcmp(attempts[i].key, key) == 0)
			return &attempts[i];
		i++;
	}
	if (!make)
		return NULL;
	if (nattempts == capattempts) {
		capattempts = capattempts ? capattempts * 2 : 16;
		attempts = xrealloc(attempts, (size_t)capattempts * sizeof *attempts);
	}
	attempts[nattempts] = (struct attempt){xstrdup(key), 0, now};
	return &attempts[nattempts++];
}

static void keys(const char *account, const char *addr, struct buf *k1, struct buf *k2)
{
	buf_printf(k1, "u:%s", account ? account : "");
	buf_printf(k2, "a:%s", addr ? addr : "");
}

bool throttle_allows(const char *account, const char *addr, int *wait)
{
	struct buf k1 = {0}, k2 = {0};
	keys(account, addr, &k1, &k2);
	time_t now = time(NULL);
	bool ok = true;
	*wait = 0;
	pthread_mutex_lock(&lock);
	const char *k[2] = {buf_str(&k1), buf_str(&k2)};
	for (int i = 0; i < 2; i++) {
		struct attempt *a = attempt_of(k[i], false, now);
		/* an address gets more tries than one account: an office
		 * shares one address */
		int limit = i ? THROTTLE_FAILURES * 4 : THROTTLE_FAILURES;
		if (a && a->failures >= limit) {
			ok = false;
			int left = (int)((THROTTLE_WINDOW - (now - a->first) + 59) / 60);
			if (left > *wait)
				*wait = left;
		}
	}
	pthread_mutex_unlock(&lock);
	buf_free(&k1);
	buf_free(&k2);
	return ok;
}

void throttle_record(const char *account, const char *addr, bool failed)
{
	struct buf k1 = {0}, k2 = {0};
	keys(account, addr, &k1, &k2);
	time_t now = time(NULL);
	pthread_mutex_lock(&lock);
	if (failed) {
		attempt_of(buf_str(&k1), true, now)->failures++;
		attempt_of(buf_str(&k2), true, now)->failures++;
	} else {
		struct attempt *a = attempt_of(buf_str(&k1), false, now);
		if (a)
			a->failures = 0;
	}
	pthread_mutex_unlock(&lock);
	buf_free(&k1);
	buf_free(&k2);
}
