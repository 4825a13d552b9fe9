/* fault_libc.c: kaohe's own allocation and file calls, rewired to these
 * wrappers by the linker's --wrap in the test-only link (Makefile
 * FAULT_WRAP): each asks fault.c whether to fail and fails as the C
 * library does (NULL, -1 with EIO or ENOSPC, EOF). The standard streams
 * are spared: a failure to print is not a failure of the step. */
#include "fault.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

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
