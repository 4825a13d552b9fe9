/* accident.h: accident grades by 国务院令第493号 第三条, and the yearly
 * summary of a unit's accidents that the vetoes read. */
#ifndef KAOHE_ACCIDENT_H
#define KAOHE_ACCIDENT_H

#include <stdbool.h>

#include "scheme.h"

/* Bounds on what an accident record may say (guards the sums). */
#define ACCIDENT_MAX_PEOPLE 100000LL
#define ACCIDENT_MAX_LOSS 10000000000000LL

/* Whether an accident's figures can be (the one statement of it, for
 * the register and the engine): none negative, people at most
 * ACCIDENT_MAX_PEOPLE, the loss at most ACCIDENT_MAX_LOSS yuan. 0, or -1
 * with the reason appended to *why and the field concerned ("deaths",
 * "injuries", "loss") in *field. */
int accident_figures_check(long long deaths, long long injuries, long long loss, struct buf *why,
			   const char **field);

struct accident {
	long long deaths;
	long long injuries;     /* serious injuries, incl. acute poisoning */
	long long loss;         /* direct economic loss, yuan */
	bool concealed, false_report, omitted;  /* 瞒报、谎报、漏报 by this unit */
	bool graded;            /* grade found by the investigation (an
				   occupational-disease hazard accident, whose
				   grade Decree 493's thresholds do not give) */
	enum accident_grade grade;   /* when graded */
	int month;              /* month of its date, 1..12 (periods); 0
				   unknown */
	/* Borrowed, NULL if unknown: for items counted from the register
	 * (accident_rule.h) and the explanation naming the accidents. */
	const char *date;       /* YYYY-MM-DD */
	const char *industry;
};

/* The grade of an accident record: the investigation's where it gives
 * one, else by deaths, injuries and loss. */
enum accident_grade accident_grade_of(const struct accident *a);

/* The grade of an accident: the highest any of the three criteria reaches.
 * Arguments must be >= 0. */
enum accident_grade accident_classify(long long deaths, long long injuries,
				      long long loss);

struct accident_summary {
	int count[4];           /* accidents per grade */
	int total;
	long long deaths;       /* total deaths in the year */
	bool misreported;       /* any concealed, false or omitted */
};

void accident_summarize(const struct accident *a, int n, struct accident_summary *out);

#endif
