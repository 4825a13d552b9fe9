/* fuzz_scheme.c: libFuzzer harness for the scheme parser. Any input must
 * either parse (and then score an empty unit without trouble) or be
 * rejected with at least one message; never crash, leak or overflow. */
#include <stdint.h>
#include <stdlib.h>

#include "scheme.h"
#include "score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = {0};
	struct scheme *s = scheme_parse((const char *)data, size, "fuzz.yaml", &d);
	if (!s && d.n == 0)
		abort();    /* rejected without saying why */
	if (s) {
		struct unit_input in = {0};
		struct result *r = score_unit(s, &in, &d);
		if (!r)
			abort();    /* an empty unit is always valid */
		if (r->total < 0)
			abort();
		result_free(r);
		for (int i = 0; i < s->nnodes; i++)
			free(rule_describe(s->nodes[i]));
	}
	scheme_free(s);
	diag_free(&d);
	return 0;
}
