/* cmd_serve.c: kaohe serve — the web application on the database. */
#include "args.h"
#include "cli.h"
#include "../web/web.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int cmd_serve(struct svc *unused, int argc, char **argv)
{
	(void)unused;
	struct opt opts[] = {{"--listen", OPT_TEXT}, {"--threads", OPT_INT}, {"--quiet", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("serve");
	const char *path = cli_db_path();
	if (access(path, F_OK) != 0) {
		if (errno == ENOENT)
			cli_error("无法打开数据库 %s：文件不存在（先运行 kaohe init 新建考核年度，或 kaohe demo 生成演示数据库）",
				  path);
		else
			cli_error("无法打开数据库 %s：%s", path, errno_words(errno));
		return EXIT_REJECTED;
	}
	long long threads = opt_get(opts, "--threads")->set ? opt_get(opts, "--threads")->num : 0;
	if (threads < 0 || threads > 256) {
		cli_error("--threads 须是 1 到 256 之间的整数，不能是 %s", opt_get(opts, "--threads")->text);
		return EXIT_USAGE;
	}
	struct web_options o = {path, opt_get(opts, "--listen")->text, (int)threads, opt_get(opts, "--quiet")->set};
	return web_serve(&o) == 0 ? EXIT_OK : EXIT_REJECTED;
}
