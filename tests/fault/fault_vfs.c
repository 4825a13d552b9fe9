/* fault_vfs.c: the VFS shim of the fault-injection binary (see fault.c):
 * every method of SQLite's default VFS and of its files that returns a
 * code asks fault.c whether to fail, and fails as the real call would
 * (SQLITE_IOERR_READ, SQLITE_FULL, SQLITE_CANTOPEN ...); the others pass
 * through. Memory-mapped reads are declined, so every read is an xRead. */
#include "fault.h"

#include <sqlite3.h>
#include <stddef.h>

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

/* Wraps the default VFS and registers the wrapper as the default. */
void fault_vfs_install(void)
{
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
}
