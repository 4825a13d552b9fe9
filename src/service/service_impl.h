/* service_impl.h: the service's insides, for src/service only: the
 * session, its errors, the permission check and the transaction helpers
 * every operation uses. */
#ifndef KAOHE_SERVICE_IMPL_H
#define KAOHE_SERVICE_IMPL_H

#include "service.h"
#include "../storage/db.h"

struct svc {
	struct db *db;
	struct svc_error err;
	struct account actor;     /* who acts: name, role, scope */
	bool acting;              /* an actor was set */
	bool local;               /* the owner of the file, without an account */
	bool read_only;           /* svc_read_only: writes refused */
};

/* Sets the session's error; returns -1. */
int svc_fail(struct svc *s, enum svc_code code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Takes the storage layer's error as the session's; returns -1. */
int svc_fail_db(struct svc *s);
/* Moves problems into the session's error (refusing an input): returns -1. */
int svc_fail_problems(struct svc *s, struct diag *problems, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A write: BEGIN IMMEDIATE, then the year must still be open. */
int svc_begin(struct svc *s);
/* A write that does not need the year open (accounts, reopening). */
int svc_begin_any(struct svc *s);
/* A consistent read. */
int svc_begin_read(struct svc *s);
/* Ends what svc_begin* began: commits if rc is 0, else rolls back and
 * keeps the error. Returns 0 or -1. */
int svc_end(struct svc *s, int rc);
/* The secret key for approval from keyfile (NULL: none), checked against
 * the current year's public key: refused when the year has a public key
 * and no file is given, or the file's key is not the year's. */
int svc_signing_key(struct svc *s, const char *keyfile, unsigned char sk[64]);
/* Signs the audit head after approval (inside its transaction), stores
 * the signature in the year and records it. */
int svc_sign_head(struct svc *s, const unsigned char sk[64], struct svc_approval *out);
/* Scores the current year afresh without storing and adds to diffs each
 * way the stored results differ from it. Inside a read transaction. */
int svc_results_recheck(struct svc *s, struct diag *diffs);

/* ---- permissions (auth.c) ---- */

/* enum svc_op (service.h): every operation, by what it touches. */

/* May the acting user do op (on target, a county or department, where the
 * operation concerns one; NULL otherwise)? 0, or -1 with SVC_FORBIDDEN. */
int svc_allow(struct svc *s, enum svc_op op, const struct unit *target);
/* svc_allow as a question: no error is left behind (filtering lists). */
bool svc_may(struct svc *s, enum svc_op op, const struct unit *target);
/* May the acting user enter a finding on item n of owner's sheet? (The
 * office any; a team member an item a team enters for a unit in scope,
 * while the sheet is not submitted or verified (locked); an industry or enforcement scorer only
 * the entered scores that are theirs.) */
int svc_allow_item(struct svc *s, const struct unit *owner, const struct node *n, bool locked);
/* Whether the acting user sees unit u's results (published and theirs, or
 * the office's). */
bool svc_sees_result(struct svc *s, const struct unit *u);

/* A county's or department's own sheet, for reading: the unit (the
 * caller's, unit_clear) after checking it has one (a sampled unit's
 * findings count for its county) and the acting user may read it
 * (OP_EXPLAIN). 0, or -1 with the reason. */
int svc_sheet_unit(struct svc *s, const char *name, struct unit *u);

/* The county or department a unit's findings count for (itself or its
 * parent), copied into owner. */
int svc_owner_of(struct svc *s, const struct unit *u, struct unit *owner);

/* Scores an assessed unit now from its records (inside the caller's
 * transaction): its inputs in *L and the result in *r, freed together by
 * svc_score_now_free. */
struct unit_load;
int svc_score_now(struct svc *s, const struct unit *u, struct unit_load **L, struct result **r);
void svc_score_now_free(struct unit_load *L, struct result *r);

/* Whether county u's spot check is short of the year's sizes (sizes from
 * storage's spot_sizes); what is short appended to why (if not NULL). */
struct spot_size;
bool svc_sample_short(struct svc *s, const struct unit *u, const struct spot_size *sizes, struct buf *why);

/* A file a person uploads: its name and size within bounds. */
int svc_material_check(struct svc *s, const char *name, size_t len);
/* Adds material m (its item, objection, name, and file or link) to unit
 * u, unless u has it already (a form sent twice): then m is that one,
 * nothing is recorded; 0 or -1. Inside a transaction. */
int svc_material_add_once(struct svc *s, const struct unit *u, struct material *m);


/* Checks a text field a person typed (core text_check) into the error. */
int svc_text(struct svc *s, const char *field, const char *label, const char *value, int max,
	     bool multiline, bool required);

/* An import lists at most this many problems: enough to fix a file, not a
 * flood from a file in the wrong format. */
#define MAX_PROBLEMS 100

/* Opens an import's CSV: the encoding decided, the file's SHA-256 (hex)
 * in digest for the record. On failure the problems become the error. */
int svc_open_csv(struct svc *s, struct csv_reader *r, const struct csv_source *src,
		 const char *file, char digest[65], struct diag *problems);
/* Records an import in the audit log: what, and the file's digest. */
int svc_audit_import(struct svc *s, const char *action, const char *file, const char *what,
		     const char *digest);
/* Ends an import's transaction: with no problem (bad 0) the import is
 * recorded (svc_audit_import) and committed; otherwise it is rolled back
 * and the problems in *d (bad > 0) become the error, or the error already
 * set (bad < 0) stays. *d is freed either way. 0 or -1. */
int svc_import_end(struct svc *s, int bad, struct diag *d, const char *action, const char *file,
		   const char *what, const char *digest);

/* Refuses a unit kind the current year does not take (NULL: none
 * given), listing the kinds it does (kinds.c). Returns -1. */
int svc_kind_unknown(struct svc *s, const char *word);

#endif
