/* xlsx_spill.c: one temporary file for the rows of every worksheet of a
 * constant_memory workbook.
 *
 * Why: in constant_memory mode libxlsxwriter writes each worksheet's rows
 * to a temporary file of its own and keeps every one of them open until
 * workbook_close, with a stdio buffer and a 128 KiB cell array each. The
 * all-units workbook has a worksheet per county and department (20,000 at
 * the benchmark's national scale): that is more open files than a process
 * may have (1,024 by default on Debian) and memory that grows with the
 * units. So when a worksheet is finished its rows move to one shared file,
 * its own file is closed and its cell array freed, and libxlsxwriter gets
 * a stdio stream (fopencookie) that reads that worksheet's slice back when
 * it assembles the workbook. One file is open however many worksheets.
 *
 * This reads and sets fields of lxw_worksheet that the public header
 * declares (optimize_tmpfile, file, array, optimize_buffer, dim_rowmin),
 * so it is enabled only for the libxlsxwriter versions whose use of them
 * was read (1.1.x, 1.2.x: the packager flushes the last row, then
 * rewinds, reads and closes optimize_tmpfile); any other version keeps
 * libxlsxwriter's own files. bench/xlsx_baseline.c links this file too. */
#define _GNU_SOURCE
#include "xlsx_spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID >= 110 && LXW_VERSION_ID < 130
#define SPILL_KNOWN 1
#else
#define SPILL_KNOWN 0
#endif

#define WRITE_BUF (256 * 1024)
#define READ_BUF (64 * 1024)

/* One worksheet's rows in the shared file. */
struct slice {
	struct xlsx_spill *sp;
	off_t start, end, pos;
	FILE *stream;
	bool closed;              /* libxlsxwriter closed the stream */
};

struct xlsx_spill {
	int fd;
	off_t end;                /* bytes written, with those buffered */
	char *wbuf;
	size_t wlen;
	/* The stdio buffer every slice's stream uses: libxlsxwriter reads
	 * one worksheet back at a time and closes it before the next. */
	char *rbuf;
	struct slice **slices;
	size_t nslices, cap;
	bool failed;
};

bool xlsx_spill_supported(void)
{
	return SPILL_KNOWN;
}

struct xlsx_spill *xlsx_spill_open(const char *dir)
{
	const char *d = dir && *dir ? dir : getenv("TMPDIR");
	if (!d || !*d)
		d = "/tmp";
	size_t n = strlen(d) + sizeof "/.kaohe-xlsx-XXXXXX";
	char *name = malloc(n);
	if (!name)
		return NULL;
	snprintf(name, n, "%s/.kaohe-xlsx-XXXXXX", d);
	int fd = mkstemp(name);
	if (fd >= 0)
		unlink(name);
	free(name);
	if (fd < 0)
		return NULL;
	struct xlsx_spill *sp = calloc(1, sizeof *sp);
	if (sp) {
		sp->wbuf = malloc(WRITE_BUF);
		sp->rbuf = malloc(READ_BUF);
	}
	if (!sp || !sp->wbuf || !sp->rbuf) {
		if (sp) {
			free(sp->wbuf);
			free(sp->rbuf);
		}
		free(sp);
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	sp->fd = fd;
	return sp;
}

/* Writes all of p[0..n) at the file offset at. */
static int put_at(int fd, const char *p, size_t n, off_t at)
{
	while (n) {
		ssize_t w = pwrite(fd, p, n, at);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
		at += w;
	}
	return 0;
}

int xlsx_spill_flush(struct xlsx_spill *sp)
{
	if (sp->wlen && put_at(sp->fd, sp->wbuf, sp->wlen, sp->end - (off_t)sp->wlen) != 0)
		sp->failed = true;
	sp->wlen = 0;
	return sp->failed ? -1 : 0;
}

/* Appends p[0..n) to the shared file. */
static void append(struct xlsx_spill *sp, const char *p, size_t n)
{
	if (sp->wlen + n > WRITE_BUF)
		xlsx_spill_flush(sp);
	if (n > WRITE_BUF) {
		if (put_at(sp->fd, p, n, sp->end) != 0)
			sp->failed = true;
	} else {
		memcpy(sp->wbuf + sp->wlen, p, n);
		sp->wlen += n;
	}
	sp->end += (off_t)n;
}

/* ---- the stream libxlsxwriter reads a worksheet back from ---- */

static ssize_t slice_read(void *cookie, char *p, size_t n)
{
	struct slice *s = cookie;
	off_t left = s->end - s->pos;
	if ((off_t)n > left)
		n = (size_t)left;
	if (!n)
		return 0;
	ssize_t r;
	do
		r = pread(s->sp->fd, p, n, s->pos);
	while (r < 0 && errno == EINTR);
	if (r <= 0) {
		s->sp->failed = true;
		return -1;
	}
	s->pos += r;
	return r;
}

static int slice_seek(void *cookie, off64_t *off, int whence)
{
	struct slice *s = cookie;
	off_t base = whence == SEEK_SET ? s->start : whence == SEEK_CUR ? s->pos : s->end;
	off_t to = base + (off_t)*off;
	if (to < s->start || to > s->end)
		return -1;
	s->pos = to;
	*off = to - s->start;
	return 0;
}

static int slice_close(void *cookie)
{
	struct slice *s = cookie;
	s->closed = true;
	return 0;
}

int xlsx_spill_take(struct xlsx_spill *sp, lxw_worksheet *ws)
{
#if SPILL_KNOWN
	/* A worksheet without rows is never read back (nor closed) by
	 * libxlsxwriter: leave it as it is. */
	if (!ws->optimize || !ws->optimize_tmpfile || ws->dim_rowmin == LXW_ROW_MAX)
		return 0;
	if (sp->nslices == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 64;
		struct slice **p = realloc(sp->slices, cap * sizeof *p);
		if (!p)
			return sp->failed = true, -1;
		sp->slices = p;
		sp->cap = cap;
	}
	struct slice *s = calloc(1, sizeof *s);
	if (!s)
		return sp->failed = true, -1;
	lxw_worksheet_write_single_row(ws);  /* the row still pending */
	FILE *own = ws->optimize_tmpfile;
	fflush(own);
	s->sp = sp;
	s->start = s->pos = sp->end;
#if LXW_VERSION_ID >= 115
	if (ws->optimize_buffer) {
		/* a build that keeps rows in memory (open_memstream) */
		append(sp, ws->optimize_buffer, ws->optimize_buffer_size);
		fclose(own);
		free(ws->optimize_buffer);
		ws->optimize_buffer = NULL;
		ws->optimize_buffer_size = 0;
		own = NULL;
	}
#endif
	if (own) {
		char chunk[64 * 1024];
		size_t r;
		rewind(own);
		while ((r = fread(chunk, 1, sizeof chunk, own)) > 0)
			append(sp, chunk, r);
		if (ferror(own))
			sp->failed = true;
		fclose(own);
	}
	s->end = sp->end;
	cookie_io_functions_t io = {.read = slice_read, .seek = slice_seek, .close = slice_close};
	s->stream = fopencookie(s, "r", io);
	if (!s->stream) {
		free(s);
		ws->optimize_tmpfile = ws->file = NULL;
		return sp->failed = true, -1;
	}
	setvbuf(s->stream, sp->rbuf, _IOFBF, READ_BUF);
	sp->slices[sp->nslices++] = s;
	ws->optimize_tmpfile = ws->file = s->stream;
	/* Nothing reads the cell array of a finished worksheet again (the
	 * pending row is written, so the packager's flush returns at once);
	 * lxw_worksheet_free skips a NULL one. */
	free(ws->array);
	ws->array = NULL;
	return sp->failed ? -1 : 0;
#else
	(void)sp;
	(void)ws;
	return 0;
#endif
}

bool xlsx_spill_failed(const struct xlsx_spill *sp)
{
	return sp->failed;
}

void xlsx_spill_close(struct xlsx_spill *sp)
{
	if (!sp)
		return;
	for (size_t i = 0; i < sp->nslices; i++) {
		/* a stream libxlsxwriter never read (a workbook that failed) */
		if (!sp->slices[i]->closed)
			fclose(sp->slices[i]->stream);
		free(sp->slices[i]);
	}
	free(sp->slices);
	free(sp->wbuf);
	free(sp->rbuf);
	close(sp->fd);
	free(sp);
}
