/* cmd_demo.c: kaohe demo [FILE]. */
#include "args.h"
#include "cli.h"
#include "demo.h"
#include "../storage/db.h"

#include <stdio.h>
#include <unistd.h>

int cmd_demo(int argc, char **argv)
{
	struct opt opts[] = {{"--seed", OPT_INT}, {NULL}};
	char *pos[1];
	int n = args_parse("demo", argc, argv, opts, pos, 1);
	if (n < 0)
		return EXIT_USAGE;
	const char *path = n ? pos[0] : cli_env.db_path ? cli_env.db_path : "kaohe-demo.db";
	if (access(path, F_OK) == 0) {
		cli_error("%s 已存在；演示数据库须新建（删除该文件或另选文件名）", path);
		return EXIT_REJECTED;
	}
	cli_env.db_path = path;
	struct db *db = cli_open(true, false);
	if (!db)
		return EXIT_REJECTED;
	int rc = demo_build(db, opt_get(opts, "--seed")->set ? (unsigned long long)opt_get(opts, "--seed")->num : 2016);
	if (rc != 0) {
		cli_db_error(db);
		db_close(db);
		unlink(path);
		return EXIT_REJECTED;
	}
	printf("已生成演示数据库 %s（秦皇岛市2016年度考核）\n", path);
	db_close(db);
	return EXIT_OK;
}
