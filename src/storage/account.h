/* account.h: the people who sign in, with their role and its scope
 * (struct account: core/records.h). Accounts belong to the installation,
 * not to a year. The password is stored only as an argon2id string made
 * by the service. */
#ifndef KAOHE_ACCOUNT_H
#define KAOHE_ACCOUNT_H

#include "db.h"
#include "../core/records.h"

int account_insert(struct db *db, const struct account *a, const char *hash);
/* The account named name; *hash (if not NULL) receives its password
 * string. -1 with DB_NOT_FOUND if there is none. */
int account_get(struct db *db, const char *name, struct account *out, char **hash);
int account_list(struct db *db, struct account **out, int *n);
int account_set_disabled(struct db *db, const char *name, bool disabled, const char *reason);
int account_set_password(struct db *db, const char *name, const char *hash);

#endif
