/* saves.h: the entry page's saves, committed together. When many people
 * save at once they wait for the write lock one after another, and each
 * save would pay for its own durable commit; instead the first to arrive
 * takes every save waiting behind it, enters each as its own account
 * (svc_score_set_batch: every check of a single entry, a refusal undoes
 * only that save) and commits them all at once. Each request is answered
 * after the commit that holds its save. */
#ifndef KAOHE_SAVES_H
#define KAOHE_SAVES_H

#include "../service/service.h"

/* Saves finding f for unit as account (using the thread's session s);
 * 0, or -1 with the refusal in *err (the caller's: svc_error_clear). */
int save_finding(struct svc *s, const char *account, const char *unit, const struct finding *f,
		 struct svc_error *err);

#endif
