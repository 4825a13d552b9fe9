/* schema.h: numbered schema migrations. Migration i (1-based) takes the
 * file from version i-1 to i. Never edit a released migration: add one. */
#ifndef KAOHE_SCHEMA_H
#define KAOHE_SCHEMA_H

extern const char *const schema_migrations[];

#endif
