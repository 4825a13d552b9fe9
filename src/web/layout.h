/* layout.h: the frame of every page (head, the header with the year and
 * the user, the navigation for the user's role, a one-time message),
 * form helpers (the CSRF field, a refused form's values and errors shown
 * again), and the answers to refusals. */
#ifndef KAOHE_LAYOUT_H
#define KAOHE_LAYOUT_H

#include "html.h"
#include "http.h"

/* Begins a page titled title; `here` marks the navigation item. */
void page_begin(struct req *r, struct resp *w, const char *title, const char *here);
void page_end(struct req *r, struct resp *w);

/* <input type=hidden name=_csrf>: every form that changes something. */
void form_csrf(struct req *r, struct buf *b);
/* The value to show in a field: what was just posted if the form was
 * refused, else current. */
const char *form_value(const struct req *r, const char *name, const char *current);
/* The refusal's message beside its field (or, field NULL, at the top of
 * the form if the refusal names no field of it). */
void form_error(const struct req *r, struct buf *b, const char *field);

/* On a page with several forms that share field names: whether the page is
 * shown again because the form posted to path was refused — and, with
 * key_field, the one whose field key_field held key (e.g. the decision
 * form of one unit). */
bool form_refused(const struct req *r, const char *path, const char *key_field, const char *key);
/* form_value and form_error for that form only. */
const char *form_value_of(const struct req *r, const char *path, const char *key_field, const char *key,
			  const char *name, const char *current);
void form_error_of(const struct req *r, struct buf *b, const char *path, const char *key_field, const char *key,
		   const char *field);
/* That form's refusal when it names none of the fields the form shows
 * (fields: NULL-terminated); a refusal naming no field is shown at the top
 * of the page already. */
void form_error_other(const struct req *r, struct buf *b, const char *path, const char *key_field,
		      const char *key, const char *const *fields);

/* A refused service call: for a script, JSON {"error", "field"} with the
 * status; for a page, an error page. */
void page_refused(struct req *r, struct resp *w, const struct svc_error *e);
/* The HTTP status of a refusal. */
int refusal_status(const struct svc_error *e);
void page_not_found(struct req *r, struct resp *w);

/* After a change: a one-time message and a redirect to path (a script
 * gets {"ok": true} instead). */
void page_done(struct req *r, struct resp *w, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A form that was refused: show the page again with the values typed
 * and the message; the page's GET handler renders it (status 422). */
void page_again(struct req *r, struct resp *w, void (*get)(struct req *, struct resp *));
/* The same for a refusal found by the page itself (e.g. an unreadable
 * number) or kept from an earlier call. */
void page_again_with(struct req *r, struct resp *w, void (*get)(struct req *, struct resp *),
		     const struct svc_error *e);
/* A form refused before the service is asked (two passwords differ, a
 * number that is not one): the page again, message at field (422). */
void page_refuse_form(struct req *r, struct resp *w, void (*get)(struct req *, struct resp *),
		      const char *field, const char *message);
/* A download: the file at path (heap, taken) sent as an attachment named
 * name (RFC 5987) of type, removed after sending if temporary. */
void resp_download(struct resp *w, char *path, bool temporary, const char *type, const char *name);
/* A new empty temporary file for an answer ("/tmp/kaohe-XXXXXX" + suffix);
 * heap path, or NULL. */
char *web_temp_file(const char *suffix);

/* Whether the office is signed in (pages offer it the forms; the service
 * still checks every change). */
bool is_office(const struct req *r);
/* The kinds the year assesses, in the order of its schemes (county,
 * department, then the added ones), into *kinds (caller frees); their
 * number. A list that cannot be read gives the two built-in kinds, so a
 * page still shows what it can. */
int page_kinds(struct req *r, enum unit_kind **kinds);

#endif
