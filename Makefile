# kaohe — build, test, demo, benchmark, install.
# Plain make + pkg-config. `make check` builds with ASan and UBSan.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
VERSION = 0.1.0

PKGS = yaml-0.1 libcjson sqlite3 libsodium
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wno-missing-field-initializers
BASE_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -DKAOHE_VERSION='"$(VERSION)"' \
              $(WARN) $(PKG_CFLAGS)
CFLAGS ?= -O2 -g
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

CORE_SRC = $(wildcard src/core/*.c)
RENDER_SRC = $(wildcard src/render/*.c)
STORAGE_SRC = $(wildcard src/storage/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
SCHEMES = $(sort $(wildcard schemes/*.yaml))
LIB_SRC = $(CORE_SRC) $(STORAGE_SRC) $(RENDER_SRC)
HDRS = $(wildcard src/*/*.h)

UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all check demo bench install uninstall clean fuzz deps deps-check valgrind

all: deps kaohe

deps:
	@scripts/deps.sh build

deps-check:
	@scripts/deps.sh check

build/gen/builtin_schemes.c: tools/embed.c $(SCHEMES)
	@mkdir -p build/gen
	$(CC) -O1 -o build/embed tools/embed.c
	build/embed $@ $(SCHEMES)

# Release binary.
kaohe: $(LIB_SRC) $(CLI_SRC) $(HDRS) build/gen/builtin_schemes.c
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -Isrc/core -o $@ $(LIB_SRC) $(CLI_SRC) \
		build/gen/builtin_schemes.c $(PKG_LIBS)

# Sanitized binary and tests, used by `make check`.
build/asan/kaohe: $(LIB_SRC) $(CLI_SRC) $(HDRS) build/gen/builtin_schemes.c
	@mkdir -p build/asan
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -Isrc/core -o $@ $(LIB_SRC) $(CLI_SRC) \
		build/gen/builtin_schemes.c $(PKG_LIBS)

build/asan/test_%: tests/unit/test_%.c tests/unit/testutil.h $(LIB_SRC) $(HDRS) build/gen/builtin_schemes.c
	@mkdir -p build/asan
	$(CC) $(BASE_CFLAGS) -Wno-missing-prototypes -O1 -g $(SAN) -Isrc/core -Isrc -o $@ $< \
		$(LIB_SRC) build/gen/builtin_schemes.c $(PKG_LIBS) $(shell pkg-config --libs cmocka)

# The fuzz harness with a plain main() that replays the corpus.
build/asan/fuzz_scheme_replay: tests/fuzz/fuzz_scheme.c tests/fuzz/replay_main.c $(CORE_SRC) $(HDRS)
	@mkdir -p build/asan
	$(CC) $(BASE_CFLAGS) -Wno-missing-prototypes -O1 -g $(SAN) -Isrc/core -o $@ \
		tests/fuzz/fuzz_scheme.c tests/fuzz/replay_main.c $(CORE_SRC) $(PKG_LIBS)

build/asan/fuzz_csv_replay: tests/fuzz/fuzz_csv.c tests/fuzz/replay_main.c $(CORE_SRC) $(HDRS)
	@mkdir -p build/asan
	$(CC) $(BASE_CFLAGS) -Wno-missing-prototypes -O1 -g $(SAN) -Isrc/core -o $@ \
		tests/fuzz/fuzz_csv.c tests/fuzz/replay_main.c $(CORE_SRC) $(PKG_LIBS)

check: deps-check build/asan/kaohe $(addprefix build/asan/,$(UNIT_TESTS)) build/asan/fuzz_scheme_replay \
	build/asan/fuzz_csv_replay kaohe
	@tests/run.sh build/asan $(UNIT_TESTS)

valgrind: kaohe
	@tests/valgrind.sh ./kaohe

# libFuzzer on the scheme parser, for a bounded time (FUZZ_SECONDS).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/deps.sh fuzz
	@mkdir -p build/fuzz/corpus
	clang $(filter-out -Wmissing-prototypes,$(BASE_CFLAGS)) -Wno-missing-prototypes -O1 -g \
		-fsanitize=fuzzer,address,undefined -Isrc/core -o build/fuzz/fuzz_scheme \
		tests/fuzz/fuzz_scheme.c $(CORE_SRC) $(PKG_LIBS)
	build/fuzz/fuzz_scheme -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-dict=tests/fuzz/scheme.dict build/fuzz/corpus tests/fuzz/corpus
	@mkdir -p build/fuzz/csv_corpus
	clang $(filter-out -Wmissing-prototypes,$(BASE_CFLAGS)) -Wno-missing-prototypes -O1 -g \
		-fsanitize=fuzzer,address,undefined -Isrc/core -o build/fuzz/fuzz_csv \
		tests/fuzz/fuzz_csv.c $(CORE_SRC) $(PKG_LIBS)
	build/fuzz/fuzz_csv -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		build/fuzz/csv_corpus tests/fuzz/csv_corpus

DEMO_DB ?= kaohe-demo.db
demo: all
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./kaohe demo $(DEMO_DB)
	./kaohe -d $(DEMO_DB) results
	@echo
	@echo "演示数据库 / demo database: $(DEMO_DB)"
	@echo "  ./kaohe -d $(DEMO_DB) explain 昌黎县      逐项得分 / item by item"
	@echo "  ./kaohe -d $(DEMO_DB) results --json      机器可读 / machine-readable"

bench: all
	@bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kaohe/schemes \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/kaohe
	install -m 755 kaohe $(DESTDIR)$(PREFIX)/bin/kaohe
	install -m 644 $(SCHEMES) $(DESTDIR)$(PREFIX)/share/kaohe/schemes/
	install -m 644 doc/kaohe.1 $(DESTDIR)$(PREFIX)/share/man/man1/kaohe.1
	install -m 644 README.md doc/scheme-language.md doc/domain.md $(DESTDIR)$(PREFIX)/share/doc/kaohe/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kaohe $(DESTDIR)$(PREFIX)/share/man/man1/kaohe.1
	rm -rf $(DESTDIR)$(PREFIX)/share/kaohe $(DESTDIR)$(PREFIX)/share/doc/kaohe

clean:
	rm -rf build kaohe
