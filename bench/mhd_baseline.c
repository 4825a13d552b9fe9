/* mhd_baseline.c: the baseline for the web benchmark's page: a minimal
 * libmicrohttpd server, configured as kaohe serve is (thread pool, epoll),
 * returning one fixed page (the bytes of the page measured) to every
 * request. Usage: mhd_baseline PORT FILE THREADS */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *page;
static size_t page_len;

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *data, size_t *size, void **state)
{
	(void)cls; (void)url; (void)method; (void)version; (void)data; (void)size;
	if (!*state) {      /* the first call: nothing yet (keep-alive) */
		*state = (void *)1;
		return MHD_YES;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(page_len, page, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	enum MHD_Result rc = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	FILE *f = fopen(argv[2], "rb");
	if (!f)
		return 1;
	fseek(f, 0, SEEK_END);
	page_len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	page = malloc(page_len);
	if (fread(page, 1, page_len, f) != page_len)
		return 1;
	fclose(f);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGTERM);
	sigaddset(&s, SIGINT);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL,
		(uint16_t)strtol(argv[1], NULL, 10), NULL, NULL, answer, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)strtol(argv[3], NULL, 10),
		MHD_OPTION_CONNECTION_LIMIT, 256u, MHD_OPTION_END);
	if (!d)
		return 1;
	int sig;
	sigwait(&s, &sig);
	MHD_stop_daemon(d);
	free(page);
	return 0;
}
