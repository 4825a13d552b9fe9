/* commands.c: the registration table of every kaohe command, with its
 * usage and help text beside it, so `kaohe help` never drifts. */
#include "cli.h"
#include "../core/figures.h"

#include <stdio.h>
#include <string.h>

const struct command commands[] = {
	{"help", cmd_help, 0, OP_NONE, "help [命令 [子命令]]", "显示命令说明"},
	{"version", cmd_version, 0, OP_NONE, "version", "显示版本"},
	{"scheme list", cmd_scheme_list, 0, OP_NONE, "scheme list", "列出内置考核方案"},
	{"scheme show", cmd_scheme_show, 0, OP_NONE, "scheme show 方案名|文件 [--json]",
	 "显示方案的完整结构：编号、分值、原文、考核方式和规则说明"},
	{"scheme check", cmd_scheme_check, 0, OP_NONE, "scheme check 文件…",
	 "检查方案文件，逐条报告问题（文件:行号: 说明）"},
	{"scheme draft", cmd_scheme_draft, 0, OP_NONE, "scheme draft 细则表.csv|细则表.xlsx -o 方案.yaml [--force] "
	 "[--name 方案名] [--title 标题] [--unit county|department|类型 --unit-title 中文名称] [--year 年度]",
	 "从考核细则表（编号、考核项目、分值、考核内容及评分标准、考核方式）生成方案草稿；"
	 "未能确定的规则标注 draft，须人工核对"},
	{"scheme add", cmd_scheme_add, CMD_DB | CMD_WRITES, OP_YEAR_INIT, "scheme add 方案.yaml",
	 "为本年度添加另一类被考核单位（如学校、医院、社区）的考核方案，每类一个；审定后不能添加"},
	{"init", cmd_init, CMD_WRITES, OP_YEAR_INIT, "init --year 年度 [--template qhd-2016] [--county-scheme 文件] "
	 "[--department-scheme 文件]", "新建考核年度（内置方案或自编方案）"},
	{"unit add", cmd_unit_add, CMD_DB | CMD_WRITES, OP_UNIT_WRITE, "unit add 名称 --kind 类型 [--parent 上级] [--industry 行业] "
	 "[--order 顺序] [--status 状态]",
	 "登记单位；类型：county 县区、department 市直部门、town 乡镇、county-department 县区部门、"
	 "enterprise 企业，或本年度添加的方案所考核的类型（如 school 学校）；"
	 "状态：assessed 市考核、provincial 省考核、excluded 不考核"},
	{"unit list", cmd_unit_list, CMD_DB, OP_UNIT_READ, "unit list [--kind 类型] [--json]", "按规定顺序列出单位"},
	{"unit edit", cmd_unit_edit, CMD_DB | CMD_WRITES, OP_UNIT_WRITE, "unit edit 名称 [--name 新名称] [--parent 上级] [--industry 行业] "
	 "[--order 顺序] [--status 状态] [--provincial-total 分数] [--provincial-grade 档次] [--applied-grade 档次]",
	 "修改单位；省考核单位录入省考核得分和档次；--applied-grade 记录申报档次（决定须达到哪一档的★必达项，空值清除）"},
	{"unit remove", cmd_unit_remove, CMD_DB | CMD_WRITES, OP_UNIT_WRITE, "unit remove 名称 --reason 原因",
	 "删除误登记的单位（尚无任何记录时；记录在案）"},
	{"unit import", cmd_unit_import, CMD_DB | CMD_WRITES, OP_UNIT_WRITE, "unit import 文件.csv",
	 "导入单位（列：名称、类型、上级、行业、顺序、状态），全部成功或全部不导入"},
	{"team add", cmd_team_add, CMD_DB | CMD_WRITES, OP_TEAM_WRITE, "team add 考核组", "建立考核组"},
	{"team member", cmd_team_member, CMD_DB | CMD_WRITES, OP_TEAM_WRITE, "team member 考核组 姓名 [--role 职务] [--title 职务说明] "
	 "[--contact 联系方式]", "加入成员；职务：leader 组长、deputy 副组长、member 组员、contact 联系人"},
	{"team assign", cmd_team_assign, CMD_DB | CMD_WRITES, OP_TEAM_WRITE, "team assign 考核组 单位…", "指定考核范围"},
	{"team list", cmd_team_list, CMD_DB, OP_TEAM_READ, "team list", "列出考核组及其成员和考核范围"},
	{"sample draw", cmd_sample_draw, CMD_DB | CMD_WRITES, OP_SAMPLE_WRITE, "sample draw 县区 [--seed 种子] [--only 类别] [--towns N] "
	 "[--departments N] [--enterprises N]",
	 "按记录的种子随机抽取乡镇、县区部门和企业（重点行业优先，数量按方案规定），可重现；"
	 "--only town|county-department|enterprise 只重新抽取一类"},
	{"sample set", cmd_sample_set, CMD_DB | CMD_WRITES, OP_SAMPLE_WRITE, "sample set 县区 单位…",
	 "记录考核组自行确定的抽查对象；只替换所列单位的类别，其他类别不变"},
	{"sample list", cmd_sample_list, CMD_DB, OP_SAMPLE_READ, "sample list [县区]", "列出抽查对象"},
	{"score set", cmd_score_set, CMD_DB | CMD_WRITES, OP_SCORE_WRITE, "score set 单位 编号 (--count N | --conditions 1,3 | --deduct 分 | "
	 "--score 分 | --na | --figures 2;1;0) [--note 备注] [--period 期间]",
	 "录入考核发现：按次数、情形、评定扣分、得分、不适用或数据（多条规则、区间扣分、比率、"
	 "指标：" FIGURES_SYNTAX "）；抽查的县区部门和企业用其自身名称；"
	 "按季度或月考核的方案须用 --period 注明期间（季度：2、Q2、第2季度；月：3、M3、3月、2017-03）"},
	{"score clear", cmd_score_clear, CMD_DB | CMD_WRITES, OP_SCORE_WRITE, "score clear 单位 [编号] [--period 期间]",
	 "删除评分记录（按期间考核的方案：删除该期间的）"},
	{"score import", cmd_score_import, CMD_DB | CMD_WRITES, OP_SCORE_WRITE, "score import 文件.csv|文件.xlsx",
	 "导入评分（列：单位、编号、次数、情形、扣分、得分、不适用、数据、备注，按期间考核的方案另有“期间”列；"
	 "UTF-8 或 GBK），或导入填好的评分模板（kaohe template xlsx），全部成功或全部不导入"},
	{"accident add", cmd_accident_add, CMD_DB | CMD_WRITES, OP_EVENT_WRITE, "accident add --unit 县区 --date YYYY-MM-DD --deaths N "
	 "--injuries N --loss 元 [--industry 行业] [--concealed|--false-report|--omitted "
	 "[--misreported-by 单位]] [--occupational --grade 等级] [--note 备注]",
	 "记录生产安全事故（按国务院令第493号定级）；瞒报、谎报、漏报的单位默认为县区本身；"
	 "职业病危害事故写明调查认定的等级"},
	{"accident list", cmd_accident_list, CMD_DB, OP_EVENT_READ, "accident list", "列出事故（带编号）"},
	{"accident remove", cmd_accident_remove, CMD_DB | CMD_WRITES, OP_EVENT_WRITE, "accident remove 编号 --reason 原因",
	 "删除误录的事故（记录在案）"},
	{"industry list", cmd_industry_list, CMD_DB, OP_EVENT_READ, "industry list", "列出行业及其监管部门（事故计入该部门）"},
	{"industry set", cmd_industry_set, CMD_DB | CMD_WRITES, OP_EVENT_WRITE, "industry set 行业 部门", "设定行业的监管部门"},
	{"accident import", cmd_accident_import, CMD_DB | CMD_WRITES, OP_EVENT_WRITE, "accident import 文件.csv",
	 "导入事故（列：县区、日期、死亡、重伤、损失、行业、瞒报、谎报、漏报、瞒报单位、职业病危害、等级、备注）"},
	{"veto add", cmd_veto_add, CMD_DB | CMD_WRITES, OP_EVENT_WRITE, "veto add 单位 --cause rescue-failure|negative-impact|falsified "
	 "--reason 理由", "记录其他否决原因"},
	{"veto list", cmd_veto_list, CMD_DB, OP_EVENT_READ, "veto list", "列出否决原因（带编号）"},
	{"veto remove", cmd_veto_remove, CMD_DB | CMD_WRITES, OP_EVENT_WRITE, "veto remove 编号 --reason 原因", "删除误录的否决原因（记录在案）"},
	{"daily task", cmd_daily_task, CMD_DB | CMD_WRITES, OP_DAILY_WRITE, "daily task 名称 --target county|office|supervision "
	 "--kind meeting|feedback|report|summary|other --due YYYY-MM-DD", "登记日常考核任务"},
	{"daily record", cmd_daily_record, CMD_DB | CMD_WRITES, OP_DAILY_WRITE, "daily record 任务编号 单位 attended|absent|on-time|late|missing "
	 "[--days N]", "记录单位完成日常考核任务的情况"},
	{"daily rule", cmd_daily_rule, CMD_DB | CMD_WRITES, OP_DAILY_WRITE, "daily rule absent|late|missing --deduct 分 [--per-day 分] "
	 "[--target county|office|supervision]",
	 "设定本年度日常考核的扣分（不写 --target 时适用于全部考核对象）"},
	{"daily list", cmd_daily_list, CMD_DB, OP_DAILY_READ, "daily list", "列出日常考核任务"},
	{"status", cmd_status, CMD_DB, OP_STATUS, "status", "逐个单位列出审定前的待办事项（抽查、缺少的评分、计分）"},
	{"compute", cmd_compute, CMD_DB | CMD_WRITES, OP_COMPUTE, "compute", "为全部县区和市直部门计分、排名、拟定档次"},
	{"results", cmd_results, CMD_DB, OP_RESULTS_READ, "results [--kind county|department|类型] [--json]",
	 "考核结果：总分、名次、各部分得分、否决、拟定档次、确定档次"},
	{"explain", cmd_explain, CMD_DB, OP_EXPLAIN, "explain 单位 [--json] [--period 期间]",
	 "逐项说明单位的得分；按期间考核的方案：全年为各期间的平均或累计，--period 说明一个期间的评分表"},
	{"grade set", cmd_grade_set, CMD_DB | CMD_WRITES, OP_DECIDE, "grade set 单位 档次 [--reason 理由]",
	 "记录集体研究确定的档次（与拟定档次不同须写理由）"},
	{"key new", cmd_key_new, CMD_DB | CMD_WRITES, OP_APPROVE, "key new -o 密钥文件",
	 "生成本年度的签名密钥：私钥写入密钥文件（仅本人可读，请离线保管），公钥存入本年度；"
	 "此后审定须用 approve --key 签名"},
	{"approve", cmd_approve, CMD_DB | CMD_WRITES, OP_APPROVE, "approve [--key 密钥文件]",
	 "审定并锁定本年度考核结果；--key 用私钥对审计记录链尾签名（本年度有公钥时必须）"},
	{"reopen", cmd_reopen, CMD_DB | CMD_WRITES, OP_APPROVE, "reopen --reason 理由", "重新开放已审定的年度（记录在案）"},
	{"audit", cmd_audit, CMD_DB | CMD_NO_YEAR, OP_AUDIT_READ, "audit [单位] [--verify]",
	 "查看修改记录；--verify 校验记录链、按记录重放核对各表和结果、核对审定签名"},
	{"export", cmd_export, CMD_DB, OP_RESULTS_READ, "export [目录]", "导出 results.csv 和 sheets.csv（每个单位的评分表）"},
	{"backup", cmd_backup, CMD_DB | CMD_NO_YEAR, OP_BACKUP, "backup 文件 [--force]",
	 "在他人写入时也能做一致的在线备份；文件已存在时须加 --force 才覆盖"},
	{"report results", cmd_report_results, CMD_DB, OP_RESULTS_READ, "report results [--format xlsx|pdf|csv] -o 文件",
	 "考核结果：工作簿（排名、事故、日常考核）、报送用的结果通知（PDF）或 CSV（-o 为目录）"},
	{"report sheet", cmd_report_sheet, CMD_DB, OP_EXPLAIN, "report sheet 单位 [--format xlsx|pdf|csv] -o 文件",
	 "单位评分表（按附件格式，含扣分说明；PDF 另含备注、意见和答复）"},
	{"report sheets", cmd_report_sheets, CMD_DB, OP_EXPLAIN, "report sheets [--format xlsx] -o 文件", "全部单位的评分表，每个单位一个工作表"},
	{"report chart", cmd_report_chart, CMD_DB, OP_RESULTS_READ, "report chart totals|parts|years [--unit 单位] [--format svg|png|pdf] -o 文件",
	 "图表：总分（标出档次线）、各部分得分、单位历年总分"},
	{"template", cmd_template, CMD_DB, OP_SCORE_WRITE, "template xlsx -o 文件 [--team 考核组] [--industry 行业] [--unit 单位] "
	 "[--period 期间]", "评分模板工作簿（单位、编号、规则原文、带数据验证的录入格），填好后用 kaohe score import 导入；"
	 "按期间考核的方案：--period 只列一个期间，否则每个期间各一组行"},
	{"serve", cmd_serve, CMD_WRITES, OP_NONE, "serve [--listen 地址:端口] [--threads N] [--quiet]",
	 "在数据库上提供网页服务（默认 127.0.0.1:8080；SIGTERM 或 Ctrl-C 停止）"},
	{"demo", cmd_demo, CMD_WRITES, OP_NONE, "demo [文件] [--seed N] [--accounts]",
	 "生成秦皇岛市2016年度考核的演示数据库；--accounts 另建每种角色一个账号（随机密码，只显示一次）"},
	{"publish", cmd_publish, CMD_DB | CMD_WRITES, OP_PUBLISH, "publish", "公布已审定的考核结果（公布后查阅账号和被考核单位可以看到）"},
	{"consent", cmd_consent, CMD_DB | CMD_WRITES, OP_CONSENT, "consent --date YYYY-MM-DD --ref 文号",
	 "记录市政府同意审定结果的日期和文号（报市政府同意后才能公布）"},
	{"objection file", cmd_objection_file, CMD_DB | CMD_WRITES, OP_OBJECTION_FILE, "objection file 单位 --text 理由 --evidence 证据 [--item 编号]",
	 "被考核单位在期限内对已公布的考核结果提出意见（可针对某一考核项；理由和证据都须写明）"},
	{"objection list", cmd_objection_list, CMD_DB, OP_OBJECTION_READ, "objection list [单位]", "列出意见和答复"},
	{"objection answer", cmd_objection_answer, CMD_DB | CMD_WRITES, OP_OBJECTION_ANSWER, "objection answer 编号 --outcome upheld|changed --text 答复",
	 "安委办答复意见：upheld 维持评分，changed 已改变评分（再次答复会替换原答复，记录在案）"},
	{"objection period", cmd_objection_period, CMD_DB | CMD_WRITES, OP_OBJECTION_ANSWER, "objection period 开始日期 截止日期 | --clear",
	 "设定被考核单位提出意见的期限"},
	{"review list", cmd_review_list, CMD_DB, OP_REVIEW_READ, "review list", "列出各评分表的核实状态、考核组得分和核实得分"},
	{"review submit", cmd_review_submit, CMD_DB | CMD_WRITES, OP_REVIEW_SUBMIT, "review submit 单位", "考核组组长提交评分表供安委办核实"},
	{"review return", cmd_review_return, CMD_DB | CMD_WRITES, OP_REVIEW_VERIFY, "review return 单位 --remark 意见", "安委办退回评分表"},
	{"review verify", cmd_review_verify, CMD_DB | CMD_WRITES, OP_REVIEW_VERIFY, "review verify 单位",
	 "安委办核实评分表（此后考核组不能修改；安委办再修改时回到待核实）"},
	{"material add", cmd_material_add, CMD_DB | CMD_WRITES, OP_MATERIAL_WRITE, "material add 单位 文件 [--item 编号] [--name 文件名]",
	 "上传资料（每个文件不超过 20 MB）"},
	{"material link", cmd_material_link, CMD_DB | CMD_WRITES, OP_MATERIAL_WRITE, "material link 单位 链接 --title 标题 [--item 编号]", "登记资料链接"},
	{"material list", cmd_material_list, CMD_DB, OP_MATERIAL_READ, "material list 单位", "列出单位的资料"},
	{"material remove", cmd_material_remove, CMD_DB | CMD_WRITES, OP_MATERIAL_WRITE, "material remove 编号", "删除误传的资料（记录在案）"},
	{"material zip", cmd_material_zip, CMD_DB, OP_MATERIAL_READ, "material zip 单位 文件.zip", "把单位的全部资料打包为一个 ZIP 文件"},
	{"material checklist", cmd_material_checklist, CMD_DB, OP_MATERIAL_READ, "material checklist 单位",
	 "按各考核项的考核方式列出须提供的资料及是否已有"},
	{"progress", cmd_progress, CMD_DB, OP_STATUS, "progress", "各评分表的录入进度、核实状态和本人的待办事项"},
	{"score set-many", cmd_score_set_many, CMD_DB | CMD_WRITES, OP_SCORE_WRITE, "score set-many 编号 单位… (--count N | --conditions 1,3 | "
	 "--deduct 分 | --score 分 | --na | --figures 2;1;0) [--note 备注] [--period 期间]",
	 "同一评分一次录入多个单位（全部成功或全部不录入）；按季度或月考核的方案须用 --period 注明期间"},
	{"user add", cmd_user_add, CMD_DB | CMD_WRITES, OP_USER_ADMIN, "user add 账号 --role 角色 [--team 考核组] "
	 "[--industry 行业] [--unit 单位] --password-stdin",
	 "新建账号；角色：office 安委办、leader 考核组组长、member 考核组成员、industry 行业评分、"
	 "enforcement 执法评分、unit 被考核单位、viewer 查阅结果；密码从标准输入读取"},
	{"user list", cmd_user_list, CMD_DB | CMD_NO_YEAR, OP_USER_ADMIN, "user list", "列出账号"},
	{"user disable", cmd_user_disable, CMD_DB | CMD_NO_YEAR | CMD_WRITES, OP_USER_ADMIN, "user disable 账号 [--enable] [--reason 原因]",
	 "停用（或重新启用）账号"},
	{"user passwd", cmd_user_passwd, CMD_DB | CMD_NO_YEAR | CMD_WRITES, OP_USER_SELF, "user passwd 账号 --password-stdin",
	 "更改账号密码（从标准输入读取新密码；本人更改时先读原密码一行）"},
	{NULL, NULL, 0, OP_NONE, NULL, NULL},
};

int cli_usage(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			fprintf(stderr, "用法：kaohe %s\n", c->usage);
	return EXIT_USAGE;
}

int cmd_help(struct svc *s, int argc, char **argv)
{
	(void)s;
	if (argc > 3) {
		cli_error("多余的参数“%s”", argv[3]);
		return cli_usage("help");
	}
	if (argc > 1) {
		/* "help score" or "help score set" */
		struct buf want = {0};
		buf_printf(&want, "%s%s%s", argv[1], argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
		int found = 0;
		for (const struct command *c = commands; c->name; c++)
			if (strncmp(c->name, buf_str(&want), want.len) == 0 &&
			    (c->name[want.len] == '\0' || c->name[want.len] == ' ' || argc == 2)) {
				printf("kaohe %s\n    %s\n", c->usage, c->help);
				struct buf who = {0};
				if (c->op != OP_NONE) {
					svc_op_roles((enum svc_op)c->op, &who);
					printf("    可执行：%s\n", buf_str(&who));
				}
				buf_free(&who);
				printf("    %s\n", c->flags & CMD_WRITES ? "修改数据（记入审计记录）" : "只读，不修改数据");
				found = 1;
			}
		if (!found)
			cli_error("未知的命令“%s”", buf_str(&want));
		buf_free(&want);
		return found ? EXIT_OK : EXIT_USAGE;
	}
	puts("kaohe — 安全生产目标考核系统\n\n用法：kaohe 命令 [参数]\n");
	for (const struct command *c = commands; c->name; c++) {
		printf("  kaohe %s\n", c->usage);
		printf("      %s\n", c->help);
	}
	puts("\n全局选项：-d 文件 数据库（默认 ./kaohe.db，或环境变量 KAOHE_DB）；--year 年度（默认最新年度）；\n"
	     "  --user 账号 以该账号的身份和权限操作（默认：数据库文件的所有者，即安委办）\n"
	     "操作人：以账号操作时为账号名，否则为环境变量 KAOHE_USER 或登录名\n"
	     "退出状态：0 成功；1 输入有误被拒绝；2 用法错误。");
	return EXIT_OK;
}

int cmd_version(struct svc *s, int argc, char **argv)
{
	(void)s;
	if (argc > 1) {
		cli_error("多余的参数“%s”", argv[1]);
		return cli_usage("version");
	}
	(void)argv;
	puts("kaohe " KAOHE_VERSION);
	return EXIT_OK;
}
