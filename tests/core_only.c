/* core_only.c: links the scoring core with libyaml alone (make core-check).
 * If the core ever reached for SQLite, JSON or the network, this would not
 * link. It also scores an empty unit on each built-in scheme. */
#include <stdio.h>

#include "builtin.h"
#include "score.h"

int main(void)
{
	int n = 0;
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++) {
		struct diag d = {0};
		struct scheme *s = scheme_parse(b->data, b->len, b->file, &d);
		if (!s) {
			for (int i = 0; i < d.n; i++)
				fprintf(stderr, "%s\n", d.msgs[i]);
			return 1;
		}
		struct unit_input in = {0};
		struct result *r = score_unit(s, &in, &d);
		if (!r)
			return 1;
		result_free(r);
		scheme_free(s);
		diag_free(&d);
		n++;
	}
	printf("core-check: the core links with libyaml alone (%d built-in schemes scored)\n", n);
	return 0;
}
