/* fault.c: fault injection for the test-only binary build/asan/kaohe-fault
 * (never linked into the shipped kaohe), in the manner of SQLite's own
 * I/O-error and out-of-memory tests. tests/cli/test_fault.sh drives it.
 *
 * Three classes of fault, chosen by the environment:
 *
 *   KAOHE_FAULT=io:N     the Nth I/O call fails: every method of SQLite's
 *                        VFS that returns a code (xOpen, xDelete, xAccess,
 *                        xRead, xWrite, xTruncate, xSync, xFileSize, xLock,
 *                        xUnlock, xCheckReservedLock, xShmMap, xShmLock),
 *                        with the SQLite code a real failure gives
 *                        (SQLITE_CANTOPEN, SQLITE_IOERR_READ, ...), and the
 *                        C library calls kaohe's own code makes to read and
 *                        write files (open, write, fsync, close, rename,
 *                        mkstemp, mkdtemp, fopen, fread, fwrite, fflush,
 *                        fclose), with EIO.
 *   KAOHE_FAULT=full:N   the Nth write fails for want of space: xWrite and
 *                        xTruncate with SQLITE_FULL, write and fwrite with
 *                        ENOSPC.
 *   KAOHE_FAULT=alloc:N  the Nth allocation fails: SQLite's (through
 *                        SQLITE_CONFIG_MALLOC) and kaohe's own (malloc,
 *                        calloc, realloc, strdup, strndup).
 *
 * A trailing '+' (io:N+) fails every call of the class from the Nth on
 * (SQLite's "persistent" mode); without it only the Nth fails ("transient").
 * Counting starts before main (the shim's own set-up is not counted):
 * opening the database is part of every step, and is tested with it. KAOHE_FAULT=count counts without failing.
 *
 * KAOHE_FAULT_CALL=NAME: only the calls whose name (the shim's function:
 * f_sync, f_read, v_open, __wrap_rename, m_malloc, ...) begins with NAME
 * are counted and failed, for a loop over every call of one kind.
 * KAOHE_FAULT_LOG=FILE: a line "fired io:N ..." is appended to FILE when
 * the fault first fires, and "exit io:N io=A full=B alloc=C" (calls of each
 * class) at exit, so that the driver knows whether the fault was reached
 * and how many calls a step makes.
 * KAOHE_FAULT_TIME=SECONDS: time() returns this, so that two runs of the
 * same step write byte-identical rows and a dump can be compared whole.
 * KAOHE_FAULT_CLOCK=FILE: time() returns the seconds written in FILE, read
 * at every call, so that a test moves a running server's clock (idle
 * sessions, sign-in throttling, the days left); without a number in FILE,
 * the real time.
 *
 * The C library calls are intercepted with the linker's --wrap (see the
 * Makefile): only kaohe's own objects are rewired, not SQLite's or other
 * libraries', whose I/O goes through the VFS above. */#include "fault.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

FILE *__real_fopen(const char *path, const char *mode);
int __real_fclose(FILE *f);
time_t __real_time(time_t *t);
time_t __wrap_time(time_t *t);

static enum fault_class armed;    /* the class that fails, if any */
static long long target;          /* fail at this call of the class */
static bool persist;              /* and at every later one */
static long long calls[4];        /* calls seen, per class */
static long long fired;           /* calls made to fail */
static const char *fired_call;    /* the first of them */
static bool time_fixed;
static time_t fixed_time;
static const char *clock_file;

static const char *const class_names[] = {"none", "io", "full", "alloc"};

/* Appends one line to KAOHE_FAULT_LOG: what (fired, or exit) and the
 * calls of each class so far. Written when the fault first fires too,
 * since a step may end without reaching exit(). */
static void fault_log(const char *what);

/* Counts a call of class c (a write is both an io and a full call) and
 * says whether it is to fail. */
bool fault_hit(enum fault_class c, const char *call)
{
	/* KAOHE_FAULT_CALL: only calls whose name begins so are counted */
	static const char *only;
	static bool read_only;
	if (!read_only) {
		only = getenv("KAOHE_FAULT_CALL");
		read_only = true;
	}
	if (only && strncmp(call, only, strlen(only)) != 0)
		return false;
	long long n = ++calls[c];
	if (c != armed || n < target || (!persist && n != target))
		return false;
	if (fired++ == 0) {
		fired_call = call;
		fault_log("fired");
	}
	return true;
}

/* An I/O call: counted as io. */
bool io_fails(const char *call)
{
	return fault_hit(CLASS_IO, call);
}

/* A write: counted as io and as full; 1 if it fails as io, 2 as full. */
int write_fails(const char *call)
{
	bool io = fault_hit(CLASS_IO, call);
	bool full = fault_hit(CLASS_FULL, call);
	return io ? 1 : full ? 2 : 0;
}

/* --- SQLite's allocator -------------------------------------------------- */

static sqlite3_mem_methods base_mem;

static void *m_malloc(int n)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : base_mem.xMalloc(n);
}

static void m_free(void *p)
{
	base_mem.xFree(p);
}

static void *m_realloc(void *p, int n)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : base_mem.xRealloc(p, n);
}

static int m_size(void *p)
{
	return base_mem.xSize(p);
}

static int m_roundup(int n)
{
	return base_mem.xRoundup(n);
}

static int m_init(void *app)
{
	return base_mem.xInit(app);
}

static void m_shutdown(void *app)
{
	base_mem.xShutdown(app);
}

/* The time KAOHE_FAULT_CLOCK's file holds; 0 if none. Read with the real
 * calls: reading the clock is not one of the calls counted. */
static time_t clock_now(void)
{
	long long v = 0;
	FILE *f = __real_fopen(clock_file, "r");
	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = 0;
		__real_fclose(f);
	}
	return (time_t)v;
}

/* time(): fixed by KAOHE_FAULT_TIME, so that two runs write the same rows,
 * or moved by KAOHE_FAULT_CLOCK. */
time_t __wrap_time(time_t *t)
{
	time_t now = time_fixed ? fixed_time : clock_file ? clock_now() : 0;
	if (!time_fixed && !now)
		now = __real_time(NULL);
	if (t)
		*t = now;
	return now;
}

/* --- set-up and report --------------------------------------------------- */

/* See the declaration above. */
static void fault_log(const char *what)
{
	const char *log = getenv("KAOHE_FAULT_LOG");
	if (!log)
		return;
	FILE *f = __real_fopen(log, "a");
	if (!f)
		return;
	fprintf(f, "%s %s:%lld%s %s io=%lld full=%lld alloc=%lld\n", what, class_names[armed], target,
		persist ? "+" : "", fired_call ? fired_call : "-", calls[CLASS_IO], calls[CLASS_FULL],
		calls[CLASS_ALLOC]);
	__real_fclose(f);
}

/* At exit: the counts, for the driver. */
static void fault_report(void)
{
	fault_log("exit");
}

/* Before main: reads KAOHE_FAULT, wraps SQLite's allocator (which must be
 * done before SQLite initializes) and registers the VFS shim as default. */
__attribute__((constructor)) static void fault_init(void)
{
	const char *tm = getenv("KAOHE_FAULT_TIME");
	if (tm && *tm) {
		time_fixed = true;
		fixed_time = (time_t)strtoll(tm, NULL, 10);
	}
	const char *clock = getenv("KAOHE_FAULT_CLOCK");
	if (clock && *clock)
		clock_file = clock;
	const char *spec = getenv("KAOHE_FAULT");
	if (!spec || !*spec)
		return;
	static const struct {
		const char *name;
		enum fault_class c;
	} names[] = {{"io:", CLASS_IO}, {"full:", CLASS_FULL}, {"alloc:", CLASS_ALLOC}};
	enum fault_class c = CLASS_NONE;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t l = strlen(names[i].name);
		if (strncmp(spec, names[i].name, l) == 0) {
			char *end;
			c = names[i].c;
			target = strtoll(spec + l, &end, 10);
			persist = *end == '+';
		}
	}
	if (c == CLASS_NONE && strcmp(spec, "count") != 0) {
		fprintf(stderr, "kaohe-fault: KAOHE_FAULT=%s: want io:N, full:N, alloc:N (N+ persistent) or count\n",
			spec);
		_exit(3);
	}
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base_mem);
	static sqlite3_mem_methods mem;
	mem = base_mem;
	mem.xMalloc = m_malloc;
	mem.xFree = m_free;
	mem.xRealloc = m_realloc;
	mem.xSize = m_size;
	mem.xRoundup = m_roundup;
	mem.xInit = m_init;
	mem.xShutdown = m_shutdown;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &mem);
	/* SQLite's own look-aside would hide most small allocations. */
	sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
	fault_vfs_install();
	atexit(fault_report);
	/* armed last: the set-up's own calls are not counted */
	memset(calls, 0, sizeof calls);
	armed = c;
}
