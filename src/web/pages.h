/* pages.h: the handlers of the routes (routes.c), one file per page. */
#ifndef KAOHE_PAGES_H
#define KAOHE_PAGES_H

#include "http.h"

#define PAGE(name) void name(struct req *r, struct resp *w)

/* page_auth.c: signing in and out, one's own password */
PAGE(get_login); PAGE(post_login); PAGE(post_logout); PAGE(get_password); PAGE(post_password);
/* page_home.c: the start page: progress and what the user has to do */
PAGE(get_home); PAGE(post_year);
/* page_sheet.c: the sheets and entering findings */
PAGE(get_sheets); PAGE(get_sheet); PAGE(post_finding); PAGE(post_finding_clear); PAGE(post_preview);
PAGE(post_set_many);
/* page_static.c: the script and the stylesheet */
PAGE(get_static);
/* results, decisions, history */
/* samples, industry scores, accidents, the daily ledger */
/* verification, objections, materials */
/* page_review.c: 统计核实, submitting, verifying and returning sheets */
PAGE(get_review); PAGE(post_review_submit); PAGE(post_review_verify); PAGE(post_review_return);
/* page_objections.c: 听取意见, filing, evidence, answers, the period */
PAGE(get_objections); PAGE(post_objection); PAGE(post_objection_evidence); PAGE(post_objection_answer);
PAGE(post_objection_period);
/* page_materials.c: 资料, the checklist, uploads, links, downloads, the ZIP */
PAGE(get_materials); PAGE(get_materials_unit); PAGE(get_material_file); PAGE(get_materials_zip);
PAGE(post_material_upload); PAGE(post_material_link); PAGE(post_material_remove);
/* the year, accounts, units and teams */

#endif
