/* fault.h: the fault-injection shim's parts (see fault.c): the counter
 * every wrapped call asks, and the VFS shim's installation. Test-only. */
#ifndef KAOHE_FAULT_H
#define KAOHE_FAULT_H

#include <stdbool.h>

enum fault_class { CLASS_NONE, CLASS_IO, CLASS_FULL, CLASS_ALLOC };

/* Counts a call of class c named call (the wrapper's function name) and
 * says whether it is to fail. */
bool fault_hit(enum fault_class c, const char *call);
/* An I/O call: whether it fails. */
bool io_fails(const char *call);
/* A write, counted as io and as full: 0, or 1 if it fails as io, 2 as full. */
int write_fails(const char *call);
/* Wraps SQLite's default VFS and registers the wrapper as default. */
void fault_vfs_install(void);

#endif
