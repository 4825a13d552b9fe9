/* util.h: memory, growable buffers and diagnostics shared by every layer.
 *
 * Out-of-memory policy: allocation failure is not recoverable for a
 * command-line tool or a request handler; xmalloc() and friends print a
 * message and end the process with status 1 (no core dump: not a bug).
 * Callers never check for NULL from them. */
#ifndef KAOHE_UTIL_H
#define KAOHE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Says "内存不足" on stderr and ends the process with status 1. */
__attribute__((noreturn)) void oom(void);
/* path (kept by the caller until cancelled) is removed by oom(): a
 * temporary file or empty directory that must not outlive a failure. */
void oom_remove_later(const char *path);
void oom_remove_cancel(const char *path);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable NUL-terminated byte string. Zero-initialise to start. */
struct buf {
	char *p;
	size_t len, cap;
};

void buf_putn(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal (quoted, escaped). */
void buf_put_json(struct buf *b, const char *s);
/* Returns the string (never NULL, "" for an empty buffer); the buffer keeps it. */
const char *buf_str(struct buf *b);
/* Hands the string to the caller, who frees it; the buffer is reset. */
char *buf_take(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* Appends to *b only if b is not NULL, without evaluating the arguments
 * otherwise: explanations cost nothing when nobody will read them. */
#define SAY(b, ...) do { if (b) buf_printf((b), __VA_ARGS__); } while (0)
#define SAYS(b, s) do { if (b) buf_puts((b), (s)); } while (0)

/* A list of problems found in one input (a file, a CSV, a set of findings).
 * Each is a message; problems in a table also carry their row and column
 * as data (1-based, 0 if none), so each surface says where in its own
 * words (CLI: FILE:第N行第M列：…; web: beside the cell). */
struct diag {
	char **msgs;
	int *row, *col;
	int n, cap;
};

void diag_add(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_add_at(struct diag *d, int row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "FILE:第N行第M列：message" (or "FILE:第N行：", or the message alone when
 * the problem has no row). Caller frees. */
char *diag_located(const struct diag *d, int i, const char *file);
void diag_free(struct diag *d);

/* Returns 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF), else 0 and *bad the offset of the first bad byte. */
/* errno in Chinese (the common cases). */
const char *errno_words(int e);

int utf8_valid(const char *s, size_t n, size_t *bad);
/* The number of characters in s, or -1 if it is not valid UTF-8. */
int utf8_chars(const char *s);

/* Looks s up in a table of {code, 中文} pairs, matching either column;
 * returns column col of the matching row, or NULL. */
const char *pair_lookup(const char *const table[][2], int n, const char *s, int col);

/* Columns a UTF-8 string takes in a terminal: 2 for CJK and full-width
 * characters, 1 otherwise. */
int utf8_width(const char *s);

#endif
