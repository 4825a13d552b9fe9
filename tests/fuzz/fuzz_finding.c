/* fuzz_finding.c: libFuzzer harness for the whole finding path. The input
 * is a CSV file of findings (单位, 编号, 次数, 情形, 扣分, 得分, 不适用,
 * 备注) imported through the service into the demo year: read, decoded
 * (UTF-8 or GBK), validated against the units and the scheme, stored. The
 * database is made once per process (svc_demo into a temporary file) and
 * reused: each input is either refused, with a message, and changes
 * nothing (the findings, the units and the audit head are as before), or
 * accepted, and the database still passes PRAGMA integrity_check with the
 * audit head moved on only when something was written. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "csv.h"
#include "service/service.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static struct svc *svc;
static sqlite3 *ro;

static void cleanup(void)
{
	if (ro)
		sqlite3_close(ro);
	if (svc)
		svc_close(svc);
	char p[80];
	const char *suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static void setup(void)
{
	snprintf(path, sizeof path, "/tmp/kaohe-fuzz-finding-%d.db", (int)getpid());
	cleanup();
	atexit(cleanup);
	struct svc_error err = {0};
	struct svc_options o = {path, true, 0, true};
	struct svc *s = svc_open(&o, &err);
	if (!s) {
		fprintf(stderr, "open: %s\n", err.message);
		abort();
	}
	svc_act_local(s, "fuzz");
	if (svc_demo(s, 2016) != 0) {
		fprintf(stderr, "demo: %s\n", svc_err(s)->message);
		abort();
	}
	svc_close(s);
	struct svc_options o2 = {path, false, 0, false};
	svc = svc_open(&o2, &err);
	if (!svc) {
		fprintf(stderr, "open: %s\n", err.message);
		abort();
	}
	svc_act_local(svc, "fuzz");
	if (svc_approved(svc) && svc_reopen(svc, "fuzz") != 0)
		abort();
	if (sqlite3_open_v2(path, &ro, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		abort();
}

/* A cheap fingerprint of what an import can change. */
struct print {
	long long findings, units, audit;
	double values, notes;
	char head[80];
};

static void fingerprint(struct print *p)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ro,
			       "SELECT (SELECT count(*) FROM finding),"
			       " (SELECT total(value) FROM finding),"
			       " (SELECT total(length(code) + length(coalesce(note, '')) * 3"
			       "   + length(form) * 7 + unit_id * 11) FROM finding),"
			       " (SELECT count(*) FROM unit),"
			       " (SELECT count(*) FROM audit),"
			       " (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1)",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		abort();
	p->findings = sqlite3_column_int64(st, 0);
	p->values = sqlite3_column_double(st, 1);
	p->notes = sqlite3_column_double(st, 2);
	p->units = sqlite3_column_int64(st, 3);
	p->audit = sqlite3_column_int64(st, 4);
	const unsigned char *h = sqlite3_column_text(st, 5);
	snprintf(p->head, sizeof p->head, "%s", h ? (const char *)h : "");
	sqlite3_finalize(st);
}

static int same(const struct print *a, const struct print *b)
{
	return a->findings == b->findings && a->values == b->values && a->notes == b->notes &&
	       a->units == b->units && a->audit == b->audit && strcmp(a->head, b->head) == 0;
}

static void integrity(void)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ro, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		abort();
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		fprintf(stderr, "integrity_check: %s\n",
			rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "no row");
		abort();
	}
	sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!svc)
		setup();
	struct print before, after;
	fingerprint(&before);
	struct csv_mem m;
	struct csv_source src;
	csv_mem_source(&m, (const char *)data, size, &src);
	struct svc_import_report rep = {0};
	int rc = svc_score_import(svc, &src, "fuzz.csv", &rep);
	fingerprint(&after);
	if (rc != 0) {
		const struct svc_error *e = svc_err(svc);
		if (!e->message || !*e->message) {
			fprintf(stderr, "refused without saying why\n");
			abort();
		}
		if (!same(&before, &after)) {
			fprintf(stderr, "a refused import changed the database: %s\n", e->message);
			abort();
		}
		return 0;
	}
	integrity();
	if (rep.rows < 0 || rep.replaced < 0 || rep.unchanged < 0 || rep.unchanged > rep.rows ||
	    rep.replaced > rep.rows)
		abort();
	if (after.findings < before.findings || after.findings > before.findings + rep.rows)
		abort();    /* an import adds or replaces findings, never removes */
	if (after.units != before.units)
		abort();    /* an import never makes units */
	if (rep.unchanged < rep.rows && (after.audit <= before.audit || !strcmp(after.head, before.head)))
		abort();    /* something was written and not recorded */
	return 0;
}
