/* material.h: materials (资料) units provide for items and evidence for
 * objections: files kept by content hash in a directory beside the
 * database (FILE.files/, never served as a path) and links (struct
 * material: core/records.h). */
#ifndef KAOHE_MATERIAL_H
#define KAOHE_MATERIAL_H

#include "db.h"
#include "../core/records.h"

/* Stores a file's bytes under their SHA-256 (written to a temporary file,
 * synced, renamed; mode 0600); hash receives the hex digest. Storing the
 * same bytes twice keeps one copy. */
int blob_put(struct db *db, const void *data, size_t len, char hash[65]);
/* The path of a stored file (caller frees), or NULL if hash is not a
 * well-formed digest. */
char *blob_path(struct db *db, const char *hash);

/* Records a material of unit u (m: code, objection_id, name, and link or
 * hash and size); fills m->id. On the record. */
int material_add(struct db *db, const struct unit *u, struct material *m);
/* The year's materials of unit_id (0: every unit), newest last;
 * objection_id > 0: only those of that objection. */
int material_list(struct db *db, long long unit_id, long long objection_id, struct material **out,
		  int *n);
int material_get(struct db *db, long long id, struct material *out);
/* Removes a material from the list (its file stays: the record may
 * name it); on the record. */
int material_remove(struct db *db, long long id);

#endif
