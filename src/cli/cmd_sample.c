/* cmd_sample.c: kaohe sample draw | set | list (抽查). */
#include "args.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_report(const char *county, struct spot_report *r, bool drawn)
{
	printf("%s：%s\n", county, r->detail);
	if (drawn)
		printf("（* 为重点抽查对象；用 --seed %llu 可重现本次抽取）\n", (unsigned long long)r->seed);
	free(r->detail);
}

int cmd_sample_draw(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--seed", OPT_INT}, {"--towns", OPT_INT}, {"--departments", OPT_INT},
			     {"--enterprises", OPT_INT}, {"--only", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("sample draw");
	int counts[4] = {0, -1, -1, -1};
	if (opt_get(opts, "--only")->set) {
		enum sample_kind k = sample_kind_parse(opt_get(opts, "--only")->text);
		if (!k) {
			cli_error("--only 须是 town（乡镇）、county-department（县区部门）或 enterprise（企业）");
			return EXIT_USAGE;
		}
		for (int i = SAMPLE_TOWN; i <= SAMPLE_ENTERPRISE; i++)
			counts[i] = i == (int)k ? -1 : 0;
	}
	bool has_seed = opt_get(opts, "--seed")->set;
	if (has_seed && opt_get(opts, "--seed")->num < 0) {
		cli_error("种子须是非负整数");
		return EXIT_USAGE;
	}
	const char *names[3] = {"--towns", "--departments", "--enterprises"};
	for (int i = 0; i < 3; i++)
		if (opt_get(opts, names[i])->set) {
			long long v = opt_get(opts, names[i])->num;
			if (v < 1 || v > 16) {
				cli_error("%s 的值须是 1 到 16 之间的整数，不能是 %s（方案规定的数量见 kaohe scheme show）",
					  names[i], opt_get(opts, names[i])->text);
				return EXIT_USAGE;
			}
			if (counts[SAMPLE_TOWN + i] == 0) {
				cli_error("%s 与 --only 指定的类别不一致", names[i]);
				return EXIT_USAGE;
			}
			counts[SAMPLE_TOWN + i] = (int)v;
		}
	struct spot_report r = {0};
	if (svc_sample_draw(s, pos[0], has_seed, (uint64_t)opt_get(opts, "--seed")->num, counts, &r) != 0)
		return cli_fail(s, NULL);
	print_report(pos[0], &r, true);
	return EXIT_OK;
}

int cmd_sample_set(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[49];
	int n = args_parse(argc, argv, opts, pos, 49);
	if (n < 2)
		return cli_usage("sample set");
	struct spot_report r = {0};
	if (svc_sample_set(s, pos[0], pos + 1, n - 1, &r) != 0)
		return cli_fail(s, NULL);
	print_report(pos[0], &r, false);
	return EXIT_OK;
}

int cmd_sample_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	int n = args_parse(argc, argv, opts, pos, 1);
	if (n < 0)
		return cli_usage("sample list");
	struct spot *p;
	int np;
	if (svc_sample_list(s, n ? pos[0] : NULL, &p, &np) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < np; i++)
		printf("%s\t%s\t%s\n", p[i].county, unit_kind_title(p[i].kind), p[i].unit);
	spot_list_free(p, np);
	return EXIT_OK;
}
