#!/bin/sh
# kaohe scheme draft writes the head it is given (issue 11, "A draft scheme
# from the rubric's table"; doc/scheme-language.md: "The head (scheme,
# title, unit, year) is what --name, --title, --unit and --year give").
# --year is also the global option that picks a database's year: it must
# reach the draft wherever it stands on the line, not be taken for the
# database's and the draft written with this calendar year.
. "$(dirname "$0")/lib.sh"

printf '编号,考核项目,分值,考核内容及评分标准,考核方式\n1,责任落实,10,,\n1.1,责任制,10,未落实的，扣10分。,查文件\n' > t.csv
expect_exit 0 "$KAOHE" scheme draft t.csv -o a.yaml --name a-2017 --title 某县考核 --year 2017
expect_line a.yaml "scheme: \"a-2017\""
expect_line a.yaml "title: \"某县考核\""
expect_line a.yaml "year: 2017"
expect_exit 0 "$KAOHE" --year 2015 scheme draft t.csv -o b.yaml --unit department
expect_line b.yaml "year: 2015"
expect_line b.yaml "unit: \"department\""
# a bad year is refused and nothing is written
expect_exit 2 "$KAOHE" scheme draft t.csv -o c.yaml --year 17
[ -e c.yaml ] && fail "c.yaml written with a bad year"
# without --year the draft takes this year (the person sets it)
expect_exit 0 "$KAOHE" scheme draft t.csv -o d.yaml
expect_line d.yaml "year: $(date +%Y)"
# a kind the scheme names itself (form 9: schools, hospitals…): its word
# and its Chinese name; the draft is a scheme of that kind
expect_exit 0 "$KAOHE" scheme draft t.csv -o e.yaml --unit school --unit-title 学校 --year 2017
expect_line e.yaml "unit: \"school\""
expect_line e.yaml "unit_title: \"学校\""
expect_exit 0 "$KAOHE" scheme check e.yaml
expect_exit 2 "$KAOHE" scheme draft t.csv -o f.yaml --unit school
expect_text err.txt "须同时用 --unit-title 写明这类单位的中文名称"
expect_exit 2 "$KAOHE" scheme draft t.csv -o f.yaml --unit School --unit-title 学校
[ -e f.yaml ] && fail "f.yaml written with a bad kind"
finish
