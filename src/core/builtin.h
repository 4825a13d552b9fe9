/* builtin.h: the scheme files compiled into kaohe (schemes/NAME.yaml). */
#ifndef KAOHE_BUILTIN_H
#define KAOHE_BUILTIN_H

#include <stddef.h>

struct builtin_scheme {
	const char *name;   /* file name without .yaml: qhd-2016-county */
	const char *file;   /* qhd-2016-county.yaml */
	const char *data;
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct builtin_scheme builtin_schemes[];

#endif
