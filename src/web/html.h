/* html.h: writing HTML, escaped by default. h() is printf for pages:
 *   %s  text, HTML-escaped (NULL prints nothing)
 *   %S  raw HTML the caller made safe (rare: grep for %S)
 *   %d %ld %lld %zu  numbers
 *   %P  points (points_t) as the engine states them: 94.33, 6, 0.5
 *   %U  a URL component, percent-encoded (then HTML-safe)
 *   %D  an ISO date "2017-01-20" as 2017年1月20日
 *   %T  a recorded (UTC) time as local 2017年1月20日 10:32, in <time>
 *   %%  a percent sign
 * Nothing else is accepted (an unknown conversion aborts: a bug). */
#ifndef KAOHE_HTML_H
#define KAOHE_HTML_H

#include <stdarg.h>

#include "../core/util.h"

void h(struct buf *b, const char *fmt, ...);
void hv(struct buf *b, const char *fmt, va_list ap);
/* Text, escaped. */
void h_text(struct buf *b, const char *s);
/* A string as JSON (for the script's fetch answers). */
void h_json_str(struct buf *b, const char *s);

#endif
