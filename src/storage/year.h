/* year.h: assessment years, the schemes they were created with, and the
 * settings they took from those schemes (window, spot-check sizes and
 * pools, industry table, daily items and deductions). */
#ifndef KAOHE_YEAR_H
#define KAOHE_YEAR_H

#include "db.h"
#include "../core/unit_rules.h"

struct scheme_text {
	const char *file;
	const char *text;
	size_t len;
};

/* Creates a year from two parsed schemes (county, department) and their
 * texts, which the year keeps; copies the settings the schemes carry, and
 * makes it the current year. template_name is recorded ("" if the schemes
 * are not a built-in pair). Caller holds a write transaction. */
int year_create(struct db *db, int year, const char *template_name,
		struct scheme *const schemes[2], const struct scheme_text texts[2]);

/* The scheme of the current year for a unit kind (county, department,
 * or a kind a scheme added to the year names; sampled sub-units have
 * none). Parsed once and cached. */
const struct scheme *year_scheme(struct db *db, enum unit_kind kind);
/* The scheme whose grade names units of kind use (year_scheme for counties
 * and departments), or NULL for other kinds or no year: the four standard
 * names then (scheme_grade_name). */
const struct scheme *year_grading(struct db *db, enum unit_kind kind);

/* The kinds of unit the current year assesses, one scheme each: county
 * and department first, then the kinds added (year_kinds.c), in *kinds
 * (caller frees). Reading them makes their words and titles known to
 * unit_kind_parse. */
int year_kinds(struct db *db, enum unit_kind **kinds, int *n);
/* A kind by word or title, the current year's added kinds included; -1
 * if unknown (no error set). */
int year_kind_parse(struct db *db, const char *s);
/* Adds a scheme for a kind the current year has none for (its text
 * kept), on the record. Caller holds a write transaction. */
int year_scheme_add(struct db *db, const struct scheme *sc, const struct scheme_text *t);

/* The text of the current year's scheme for a kind
 * (caller frees), its length in *len; NULL if there is none. */
char *year_scheme_text(struct db *db, enum unit_kind kind, size_t *len);

/* The assessment window ("YYYY-MM-DD"), NULL if the schemes state none. */
int year_window(struct db *db, char **from, char **to);
/* Every year in the file, oldest first. */
int year_list(struct db *db, int **years, int *n);
/* Sets "approved" or "published" of the current year (no audit: the
 * caller records why). */
int year_set_state(struct db *db, const char *what, bool value);

/* What the current year records about itself. Strings are the struct's
 * own, NULL where not set. */
struct year_info {
	int year;
	char *title, *template_name;
	char *window_from, *window_to;        /* the assessment window */
	char *objection_from, *objection_to;  /* the objection period */
	char *consent_date, *consent_ref;     /* the city government's consent */
	bool approved, published;
};
int year_info_get(struct db *db, struct year_info *out);
void year_info_clear(struct year_info *y);
/* The city government's consent (报市政府同意): date and document; NULL
 * clears it. No audit (the caller records it). */
int year_set_consent(struct db *db, const char *date, const char *ref);
/* The period in which assessed units may object; NULL clears it. */
int year_set_objection_period(struct db *db, const char *from, const char *to);

/* Carries over into the current (new, empty) year what the year `from`
 * set up: the schemes added for other kinds, units (each back to 市考核, without provincial results), teams
 * with their members and units, the industry table, the daily tasks
 * (their dates a year on) and deductions. Not findings, samples,
 * accidents, vetoes, results, decisions or states. Caller holds a write
 * transaction. */
int year_copy_from(struct db *db, int from);

/* The signing of a year (schema 7): its public key, and the audit head
 * signed at approval. Strings are the struct's own, NULL where not set. */
struct year_trust {
	int year;
	bool approved;
	char *public_key;     /* Ed25519, hex */
	char *signature;      /* hex */
	long long signed_seq; /* 0: not signed */
	char *signed_hash;
};
/* Of every year in the file, oldest first. */
int year_trust_list(struct db *db, struct year_trust **out, int *n);
/* Of the current year. */
int year_trust_get(struct db *db, struct year_trust *out);
void year_trust_clear(struct year_trust *t);
void year_trust_free(struct year_trust *t, int n);
/* Sets the current year's public key (hex); no audit. */
int year_set_public_key(struct db *db, const char *hex);
/* Records the signature of the head (seq, hash); NULL clears. No audit. */
int year_set_signature(struct db *db, long long seq, const char *hash, const char *signature);
/* What the current year's stored results were computed from (a digest of
 * the scoring inputs, state.h); NULL if not recorded. */
int year_set_inputs_digest(struct db *db, const char *digest);
char *year_inputs_digest(struct db *db);

#endif
