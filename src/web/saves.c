/* saves.c: a queue of saves and one leader at a time. */
#include "saves.h"

#include <pthread.h>
#include <string.h>

/* The most saves in one commit (a commit that holds more keeps the first
 * waiters waiting longer than it saves them). */
#define BATCH_MAX 64

struct waiter {
	struct svc_batch_item item;
	bool done;
	struct waiter *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static struct waiter *head, *tail;
static bool leading;

/* Enters and commits the waiting saves (the lock not held). */
static void lead(struct svc *s, struct waiter *batch)
{
	struct svc_batch_item items[BATCH_MAX];
	struct waiter *who[BATCH_MAX];
	int n = 0;
	for (struct waiter *w = batch; w; w = w->next) {
		who[n] = w;
		items[n++] = w->item;
	}
	svc_score_set_batch(s, items, n);
	for (int i = 0; i < n; i++)
		who[i]->item = items[i];
}

int save_finding(struct svc *s, const char *account, const char *unit, const struct finding *f,
		 struct svc_error *err)
{
	struct waiter me = {.item = {.account = account, .unit = unit, .finding = *f}};
	pthread_mutex_lock(&lock);
	if (tail)
		tail->next = &me;
	else
		head = &me;
	tail = &me;
	while (!me.done) {
		if (leading) {
			pthread_cond_wait(&finished, &lock);
			continue;
		}
		/* lead: take up to BATCH_MAX waiting saves, this one among them */
		leading = true;
		struct waiter *batch = head, *last = head;
		for (int k = 1; k < BATCH_MAX && last->next; k++)
			last = last->next;
		head = last->next;
		if (!head)
			tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&lock);
		lead(s, batch);
		pthread_mutex_lock(&lock);
		for (struct waiter *w = batch; w;) {
			struct waiter *next = w->next;
			w->done = true;
			w = next;
		}
		leading = false;
		pthread_cond_broadcast(&finished);
	}
	pthread_mutex_unlock(&lock);
	*err = me.item.err;
	return me.item.rc;
}
