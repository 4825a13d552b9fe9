/* pages.h: the handlers of the routes (routes.c), one file per page. */
#ifndef KAOHE_PAGES_H
#define KAOHE_PAGES_H

#include "http.h"

#define PAGE(name) void name(struct req *r, struct resp *w)

/* page_auth.c: signing in and out, one's own password */
PAGE(get_login); PAGE(post_login); PAGE(post_logout); PAGE(get_password); PAGE(post_password);
/* page_home.c: the start page: progress and what the user has to do */
PAGE(get_home); PAGE(post_year);
/* page_sheet.c: a unit's sheet and its rows; page_sheet_save.c: entering
 * findings; page_sheets.c: the list of sheets, one value for many units */
PAGE(get_sheets); PAGE(get_sheet); PAGE(get_sheet_rows); PAGE(post_finding); PAGE(post_finding_clear); PAGE(post_preview);
PAGE(post_set_many);
/* page_template.c: the scoring workbook: its download, the import of a
 * filled one (or a CSV), and their part of the sheets page */
PAGE(get_template); PAGE(post_sheets_import);
void sheets_template_section(struct req *r, struct buf *b);
/* page_static.c: the script and the stylesheet */
PAGE(get_static);
/* results, decisions, history */
/* page_results.c: the ranking and the office's steps to publication; chart.c: its charts */
PAGE(get_results); PAGE(get_results_chart); PAGE(post_results_compute); PAGE(post_results_grade);
PAGE(post_results_approve); PAGE(post_results_reopen); PAGE(post_results_consent); PAGE(post_results_publish);
/* page_history.c: the record of a unit or an item, and checking the record's chain */
PAGE(get_history); PAGE(post_history_verify);
/* samples, industry scores, accidents, the daily ledger */
PAGE(get_samples); PAGE(get_sample_county); PAGE(post_sample_draw); PAGE(post_sample_set);
PAGE(get_industry); PAGE(post_industry);
PAGE(get_accidents); PAGE(post_accident_add); PAGE(get_accident); PAGE(post_accident_edit);
PAGE(post_accident_remove);
PAGE(get_daily); PAGE(post_daily_task); PAGE(post_daily_rule); PAGE(get_daily_task); PAGE(post_daily_record);
/* verification, objections, materials */
/* page_review.c: 统计核实, submitting, verifying and returning sheets */
PAGE(get_review); PAGE(post_review_submit); PAGE(post_review_verify); PAGE(post_review_return);
/* page_objections.c: 听取意见, filing, evidence, answers, the period */
PAGE(get_objections); PAGE(post_objection); PAGE(post_objection_evidence); PAGE(post_objection_answer);
PAGE(post_objection_period);
/* page_materials.c: 资料, the checklist, uploads, links, downloads, the ZIP */
PAGE(get_materials); PAGE(get_materials_unit); PAGE(get_material_file); PAGE(get_materials_zip);
PAGE(post_material_upload); PAGE(post_material_link); PAGE(post_material_remove);
/* page_reports.c: the documents as downloads, and the links to them
 * (unit: one unit's sheet; NULL: the year's documents) */
PAGE(get_report_results); PAGE(get_report_sheet); PAGE(get_report_sheets); PAGE(get_report_chart);
void reports_links(struct req *r, struct buf *b, const char *unit);
/* the year, accounts, units and teams */
/* page_admin.c: the year, a new year, the accounts */
PAGE(get_admin); PAGE(post_admin_carry); PAGE(post_admin_template); PAGE(post_admin_user_add);
PAGE(get_admin_user); PAGE(post_admin_user_disable); PAGE(post_admin_user_password);
/* page_units.c: the units */
PAGE(get_units); PAGE(post_units_add); PAGE(post_units_import); PAGE(get_units_edit); PAGE(post_units_edit);
PAGE(post_units_remove);
/* page_teams.c: the assessment teams */
PAGE(get_teams); PAGE(post_teams_add); PAGE(post_teams_member); PAGE(post_teams_assign);

#endif
