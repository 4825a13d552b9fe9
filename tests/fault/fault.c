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
 *
 * The C library calls are intercepted with the linker's --wrap (see the
 * Makefile): only kaohe's own objects are rewired, not SQLite's or other
 * libraries', whose I/O goes through the VFS above. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum fault_class { CLASS_NONE, CLASS_IO, CLASS_FULL, CLASS_ALLOC };

static enum fault_class armed;    /* the class that fails, if any */
static long long target;          /* fail at this call of the class */
static bool persist;              /* and at every later one */
static long long calls[4];        /* calls seen, per class */
static long long fired;           /* calls made to fail */
static const char *fired_call;    /* the first of them */
static bool time_fixed;
static time_t fixed_time;

static const char *const class_names[] = {"none", "io", "full", "alloc"};

/* Appends one line to KAOHE_FAULT_LOG: what (fired, or exit) and the
 * calls of each class so far. Written when the fault first fires too,
 * since a step may end without reaching exit(). */
static void fault_log(const char *what);

/* Counts a call of class c (a write is both an io and a full call) and
 * says whether it is to fail. */
static bool fault_hit(enum fault_class c, const char *call)
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

static bool io_fails(const char *call)
{
	return fault_hit(CLASS_IO, call);
}

/* A write: counted as io and as full; 1 if it fails as io, 2 as full. */
static int write_fails(const char *call)
{
	bool io = fault_hit(CLASS_IO, call);
	bool full = fault_hit(CLASS_FULL, call);
	return io ? 1 : full ? 2 : 0;
}

/* --- the VFS shim -------------------------------------------------------- */

static sqlite3_vfs *base_vfs;
static sqlite3_vfs fault_vfs;

struct fault_file {
	sqlite3_file head;        /* pMethods: fault_io */
	sqlite3_file *real;       /* the base VFS's file, after this struct */
};

#define REAL(f) (((struct fault_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	return rc;
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_READ;
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	int w = write_fails(__func__);
	if (w)
		return w == 1 ? SQLITE_IOERR_WRITE : SQLITE_FULL;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int w = write_fails(__func__);
	if (w)
		return w == 1 ? SQLITE_IOERR_TRUNCATE : SQLITE_FULL;
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_FSTAT;
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_LOCK;
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_UNLOCK;
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_check_reserved(sqlite3_file *f, int *out)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_CHECKRESERVEDLOCK;
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **pp)
{
	if (io_fails(__func__))
		return SQLITE_IOERR_SHMMAP;
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	/* Releasing a lock cannot fail in the unix VFS; taking one can. */
	if (!(flags & SQLITE_SHM_UNLOCK) && io_fails(__func__))
		return SQLITE_IOERR_SHMLOCK;
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

/* Memory-mapped reads are declined, so that every read is an xRead. */
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	(void)f;
	(void)off;
	(void)n;
	*pp = NULL;
	return SQLITE_OK;
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods fault_io = {
	3,           f_close,        f_read,          f_write,         f_truncate,
	f_sync,      f_file_size,    f_lock,          f_unlock,        f_check_reserved,
	f_file_control, f_sector_size, f_device_characteristics, f_shm_map, f_shm_lock,
	f_shm_barrier, f_shm_unmap,  f_fetch,         f_unfetch,
};

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	(void)v;
	struct fault_file *ff = (struct fault_file *)f;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->head.pMethods = NULL;
	if (io_fails(__func__))
		return SQLITE_CANTOPEN;
	int rc = base_vfs->xOpen(base_vfs, name, ff->real, flags, out_flags);
	/* The base's file is closed through ours, even after a failed open
	 * that set its methods (SQLite then calls xClose). */
	if (ff->real->pMethods)
		ff->head.pMethods = &fault_io;
	return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
	(void)v;
	if (io_fails(__func__))
		return SQLITE_IOERR_DELETE;
	return base_vfs->xDelete(base_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	if (io_fails(__func__))
		return SQLITE_IOERR_ACCESS;
	return base_vfs->xAccess(base_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return base_vfs->xFullPathname(base_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return base_vfs->xDlOpen(base_vfs, name);
}

static void v_dlerror(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	base_vfs->xDlError(base_vfs, n, out);
}

static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return base_vfs->xDlSym(base_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	base_vfs->xDlClose(base_vfs, h);
}

static int v_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return base_vfs->xRandomness(base_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return base_vfs->xSleep(base_vfs, us);
}

static int v_current_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return base_vfs->xCurrentTime(base_vfs, out);
}

static int v_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return base_vfs->xGetLastError(base_vfs, n, out);
}

static int v_current_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return base_vfs->xCurrentTimeInt64(base_vfs, out);
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

/* --- kaohe's own calls (--wrap) ------------------------------------------ */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_open(const char *path, int flags, ...);
ssize_t __real_write(int fd, const void *p, size_t n);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_rename(const char *from, const char *to);
int __real_mkstemp(char *tmpl);
char *__real_mkdtemp(char *tmpl);
FILE *__real_fopen(const char *path, const char *mode);
size_t __real_fread(void *p, size_t size, size_t n, FILE *f);
int __real_ferror(FILE *f);
size_t __real_fwrite(const void *p, size_t size, size_t n, FILE *f);
int __real_fflush(FILE *f);
int __real_fclose(FILE *f);
time_t __real_time(time_t *t);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
int __wrap_open(const char *path, int flags, ...);
ssize_t __wrap_write(int fd, const void *p, size_t n);
int __wrap_fsync(int fd);
int __wrap_close(int fd);
int __wrap_rename(const char *from, const char *to);
int __wrap_mkstemp(char *tmpl);
char *__wrap_mkdtemp(char *tmpl);
FILE *__wrap_fopen(const char *path, const char *mode);
size_t __wrap_fread(void *p, size_t size, size_t n, FILE *f);
int __wrap_ferror(FILE *f);
size_t __wrap_fwrite(const void *p, size_t size, size_t n, FILE *f);
int __wrap_fflush(FILE *f);
int __wrap_fclose(FILE *f);
time_t __wrap_time(time_t *t);

void *__wrap_malloc(size_t n)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fault_hit(CLASS_ALLOC, __func__) ? NULL : __real_strndup(s, n);
}

/* Only the standard streams are spared: a failure to print is not a
 * failure of the step under test. */
static bool std_fd(int fd)
{
	return fd >= 0 && fd <= 2;
}

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (io_fails(__func__)) {
		errno = EIO;
		return -1;
	}
	return __real_open(path, flags, mode);
}

ssize_t __wrap_write(int fd, const void *p, size_t n)
{
	if (!std_fd(fd)) {
		int w = write_fails(__func__);
		if (w) {
			errno = w == 1 ? EIO : ENOSPC;
			return -1;
		}
	}
	return __real_write(fd, p, n);
}

int __wrap_fsync(int fd)
{
	if (io_fails(__func__)) {
		errno = EIO;
		return -1;
	}
	return __real_fsync(fd);
}

/* A failed close still closes the descriptor, as Linux's does. */
int __wrap_close(int fd)
{
	if (!std_fd(fd) && io_fails(__func__)) {
		__real_close(fd);
		errno = EIO;
		return -1;
	}
	return __real_close(fd);
}

int __wrap_rename(const char *from, const char *to)
{
	if (io_fails(__func__)) {
		errno = EIO;
		return -1;
	}
	return __real_rename(from, to);
}

int __wrap_mkstemp(char *tmpl)
{
	if (io_fails(__func__)) {
		errno = EIO;
		return -1;
	}
	return __real_mkstemp(tmpl);
}

char *__wrap_mkdtemp(char *tmpl)
{
	if (io_fails(__func__)) {
		errno = EIO;
		return NULL;
	}
	return __real_mkdtemp(tmpl);
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
	if (io_fails(__func__)) {
		errno = EIO;
		return NULL;
	}
	return __real_fopen(path, mode);
}

/* The streams a failed fread left in error, for ferror to say so. */
static FILE *failed_streams[16];

static void stream_failed(FILE *f, bool failed)
{
	for (int i = 0; i < 16; i++)
		if (failed ? !failed_streams[i] : failed_streams[i] == f) {
			failed_streams[i] = failed ? f : NULL;
			return;
		}
}

/* A failed fread reads nothing and leaves the stream in error, as a read
 * error does. */
size_t __wrap_fread(void *p, size_t size, size_t n, FILE *f)
{
	if (f != stdin && io_fails(__func__)) {
		stream_failed(f, true);
		errno = EIO;
		return 0;
	}
	return __real_fread(p, size, n, f);
}

int __wrap_ferror(FILE *f)
{
	for (int i = 0; i < 16; i++)
		if (failed_streams[i] == f)
			return 1;
	return __real_ferror(f);
}

size_t __wrap_fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	if (f != stdout && f != stderr) {
		int w = write_fails(__func__);
		if (w) {
			errno = w == 1 ? EIO : ENOSPC;
			return 0;
		}
	}
	return __real_fwrite(p, size, n, f);
}

int __wrap_fflush(FILE *f)
{
	if (f && f != stdout && f != stderr && io_fails(__func__)) {
		errno = EIO;
		return EOF;
	}
	return __real_fflush(f);
}

int __wrap_fclose(FILE *f)
{
	stream_failed(f, false);
	if (f != stdout && f != stderr && io_fails(__func__)) {
		__real_fclose(f);
		errno = EIO;
		return EOF;
	}
	return __real_fclose(f);
}

time_t __wrap_time(time_t *t)
{
	time_t now = time_fixed ? fixed_time : __real_time(NULL);
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
	base_vfs = sqlite3_vfs_find(NULL);
	fault_vfs = *base_vfs;
	fault_vfs.zName = "kaohe-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + base_vfs->szOsFile;
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = v_open;
	fault_vfs.xDelete = v_delete;
	fault_vfs.xAccess = v_access;
	fault_vfs.xFullPathname = v_full_pathname;
	fault_vfs.xDlOpen = v_dlopen;
	fault_vfs.xDlError = v_dlerror;
	fault_vfs.xDlSym = v_dlsym;
	fault_vfs.xDlClose = v_dlclose;
	fault_vfs.xRandomness = v_randomness;
	fault_vfs.xSleep = v_sleep;
	fault_vfs.xCurrentTime = v_current_time;
	fault_vfs.xGetLastError = v_last_error;
	fault_vfs.xCurrentTimeInt64 = v_current_time64;
	fault_vfs.iVersion = 2;
	sqlite3_vfs_register(&fault_vfs, 1);
	atexit(fault_report);
	/* armed last: the set-up's own calls are not counted */
	memset(calls, 0, sizeof calls);
	armed = c;
}
