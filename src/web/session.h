/* session.h: who is signed in, kept in the server's memory (a restart
 * signs everyone out): a 128-bit random token in an HttpOnly,
 * SameSite=Strict cookie, renewed at sign-in, ended at sign-out and after
 * 30 idle minutes; a CSRF token per session; a one-time message to show
 * after a redirect. Sign-in attempts are throttled per account and per
 * address. */
#ifndef KAOHE_SESSION_H
#define KAOHE_SESSION_H

#include <stdbool.h>
#include <time.h>

#define SESSION_IDLE (30 * 60)

struct web_session {
	char token[33];           /* hex of 16 random bytes */
	char csrf[33];
	char *account;
	int year;                 /* the year chosen (0: the latest) */
	char *flash;              /* shown once on the next page */
	time_t seen;
};

void sessions_init(void);
void sessions_free(void);
/* A new session for account (its token renewed: never one the browser
 * brought). The returned copy is the caller's (session_free). */
struct web_session *session_create(const char *account);
/* The live session with this token (a copy, the caller's), touched; NULL
 * if there is none or it has been idle too long. */
struct web_session *session_find(const char *token);
void session_end(const char *token);
/* Stores a session's changed year or flash back. */
void session_update(const struct web_session *s);
/* Ends every session of an account (disabled, password changed). */
void session_end_account(const char *account);
void session_free(struct web_session *s);

/* Whether a sign-in for account from addr may be tried now; if not,
 * *wait the minutes left. */
bool throttle_allows(const char *account, const char *addr, int *wait);
/* Records a failed (or, clearing, a successful) sign-in. */
void throttle_record(const char *account, const char *addr, bool failed);

/* 16 random bytes as 32 hex digits (libsodium). */
void random_token(char out[33]);

#endif
