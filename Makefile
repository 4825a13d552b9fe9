# kaohe — build, test, demo, benchmark, install.
# Plain make + pkg-config. Each layer is a static library of objects with
# header dependencies (-MMD); each binary links the layers it needs:
#   core (libyaml only) <- storage (SQLite, libsodium) <- service <- report <- web <- cli
#   core <- render (cJSON); report: libxlsxwriter, cairo/pango, libzip, expat;
#   the web's script and stylesheet are compiled in
# `make` only builds; `make check` and `make demo` first install missing
# Debian packages (scripts/deps.sh). `make check` builds with ASan+UBSan.

PREFIX ?= /usr/local
DESTDIR ?=
UNITDIR ?= $(PREFIX)/lib/systemd/system
CC ?= cc
VERSION = 0.2.0

PKGS = yaml-0.1 libcjson sqlite3 libsodium libzip libmicrohttpd xlsxwriter pangocairo cairo expat
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS_CORE := $(shell pkg-config --libs yaml-0.1 2>/dev/null)
LIBS_ALL := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wno-missing-field-initializers
BASE_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -DKAOHE_VERSION='"$(VERSION)"' $(WARN) $(PKG_CFLAGS) -Isrc/core
CFLAGS ?= -O2 -g
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SCHEMES = $(sort $(wildcard schemes/*.yaml))
LAYERS = core storage service render report web
ASSETS = $(sort $(wildcard src/web/assets/*))
src_of = $(wildcard src/$(1)/*.c)
CORE_SRC = $(call src_of,core)

# Object files of one build flavour (rel or asan) for one layer.
objs = $(patsubst src/%.c,build/$(1)/%.o,$(call src_of,$(2)))

UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all check demo bench install uninstall clean fuzz fault deps deps-check deps-bench valgrind core-check

all: kaohe

deps:
	@scripts/deps.sh build

deps-check:
	@scripts/deps.sh check

build/gen/builtin_schemes.c: tools/embed.c $(SCHEMES)
	@mkdir -p build/gen
	$(CC) -O1 -o build/embed tools/embed.c
	build/embed $@ builtin.h builtin_scheme builtin_schemes .yaml $(SCHEMES)

# --- objects ---------------------------------------------------------------

build/rel/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

build/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -MMD -MP -c $< -o $@

build/gen/web_assets.c: tools/embed.c $(ASSETS)
	@mkdir -p build/gen
	$(CC) -O1 -o build/embed tools/embed.c
	build/embed $@ assets.h web_asset web_assets "" $(ASSETS)

build/rel/gen/web_assets.o: build/gen/web_assets.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -Isrc/web $(CFLAGS) -c $< -o $@

build/asan/gen/web_assets.o: build/gen/web_assets.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -Isrc/web -O1 -g $(SAN) -c $< -o $@

build/rel/gen/builtin_schemes.o: build/gen/builtin_schemes.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -c $< -o $@

build/asan/gen/builtin_schemes.o: build/gen/builtin_schemes.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -c $< -o $@

# --- libraries: one per layer ----------------------------------------------

define layer_lib
build/$(1)/lib$(2).a: $(call objs,$(1),$(2)) $(if $(filter core,$(2)),build/$(1)/gen/builtin_schemes.o) \
	$(if $(filter web,$(2)),build/$(1)/gen/web_assets.o)
	@rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach f,rel asan,$(foreach l,$(LAYERS),$(eval $(call layer_lib,$(f),$(l)))))

libs = $(foreach l,web report service storage render core,build/$(1)/lib$(l).a)

-include $(wildcard build/rel/*/*.d build/asan/*/*.d)

# --- binaries --------------------------------------------------------------

kaohe: $(call objs,rel,cli) $(call libs,rel)
	$(CC) $(CFLAGS) -o $@ $(call objs,rel,cli) $(call libs,rel) $(LIBS_ALL)

build/asan/kaohe: $(call objs,asan,cli) $(call libs,asan)
	$(CC) -O1 -g $(SAN) -o $@ $(call objs,asan,cli) $(call libs,asan) $(LIBS_ALL)

# A test-only kaohe with fault injection (tests/fault/fault.c): the same
# objects, with kaohe's own allocation and file calls rewired by the
# linker's --wrap to the shim, which also wraps SQLite's VFS and allocator.
# tests/cli/test_fault.sh drives it; it is never installed.
FAULT_WRAP = malloc calloc realloc strdup strndup open write fsync close rename mkstemp mkdtemp \
	fopen fread ferror fwrite fflush fclose time
FAULT_SRC = $(sort $(wildcard tests/fault/*.c))
build/asan/kaohe-fault: $(FAULT_SRC) tests/fault/fault.h $(call objs,asan,cli) $(call libs,asan)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -o $@ $(FAULT_SRC) $(call objs,asan,cli) $(call libs,asan) \
		$(foreach f,$(FAULT_WRAP),-Wl,--wrap=$(f)) $(LIBS_ALL)

# The core links with libyaml alone: no SQL, no JSON, no I/O library.
build/core-check: tests/core_only.c build/rel/libcore.a
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< build/rel/libcore.a $(LIBS_CORE)

core-check: build/core-check
	@build/core-check

# Unit tests link every library below the CLI.
TEST_LIBS = $(foreach l,web report service storage render core,build/asan/lib$(l).a)
build/asan/test_%: tests/unit/test_%.c tests/unit/testutil.h $(TEST_LIBS)
	@mkdir -p build/asan
	$(CC) $(BASE_CFLAGS) -Wno-missing-prototypes -O1 -g $(SAN) -Isrc -MMD -MP -o $@ $< \
		$(TEST_LIBS) $(LIBS_ALL) $(shell pkg-config --libs cmocka)

# The fuzz harnesses with a plain main() that replays the corpus.
build/asan/fuzz_%_replay: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(TEST_LIBS)
	@mkdir -p build/asan
	$(CC) $(BASE_CFLAGS) -Wno-missing-prototypes -O1 -g $(SAN) -Isrc -o $@ \
		$< tests/fuzz/replay_main.c $(TEST_LIBS) $(LIBS_ALL)

FUZZERS = $(patsubst tests/fuzz/fuzz_%.c,build/asan/fuzz_%_replay,$(wildcard tests/fuzz/fuzz_*.c))

check: deps-check
	@$(MAKE) --no-print-directory core-check build/asan/kaohe build/asan/kaohe-fault $(addprefix build/asan/,$(UNIT_TESTS)) \
		$(FUZZERS) kaohe
	@tests/run.sh build/asan $(UNIT_TESTS)

valgrind: kaohe
	@tests/valgrind.sh ./kaohe

# libFuzzer on each harness in tests/fuzz, for a bounded time (FUZZ_SECONDS).
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(foreach l,core storage service render report,$(call src_of,$(l))) build/gen/builtin_schemes.c
fuzz: build/gen/builtin_schemes.c
	@scripts/deps.sh fuzz
	@for h in tests/fuzz/fuzz_*.c; do \
		name=$$(basename $$h .c); \
		mkdir -p build/fuzz/$$name.corpus; \
		clang $(filter-out -Wmissing-prototypes,$(BASE_CFLAGS)) -Wno-missing-prototypes -O1 -g \
			-fsanitize=fuzzer,address,undefined -Isrc -o build/fuzz/$$name $$h \
			$(FUZZ_SRC) $(LIBS_ALL) || exit 1; \
		build/fuzz/$$name -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
			build/fuzz/$$name.corpus tests/fuzz/$${name#fuzz_}_corpus || exit 1; \
	done

DEMO_DB ?= kaohe-demo.db
DEMO_LISTEN ?= 127.0.0.1:8080
demo: deps kaohe
	rm -rf $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).files
	./kaohe demo $(DEMO_DB) --accounts
	@echo
	./kaohe -d $(DEMO_DB) results
	@echo
	@echo "演示数据库 / demo database: $(DEMO_DB)"
	@echo "  ./kaohe -d $(DEMO_DB) explain 昌黎县      逐项得分 / item by item"
	@echo "  ./kaohe -d $(DEMO_DB) results --json      机器可读 / machine-readable"
	@echo "  ./kaohe -d $(DEMO_DB) report results -o 考核结果.pdf   结果通知（PDF）/ the results notice; .xlsx: the workbook"
	@echo
	@echo "网页 / web: 用上面的账号登录 http://$(DEMO_LISTEN)/ （Ctrl-C 停止 / to stop）"
	./kaohe -d $(DEMO_DB) serve --listen $(DEMO_LISTEN)

deps-bench:
	@scripts/deps.sh bench

# The whole fault-injection loop (tests/cli/test_fault.sh): every N of
# every I/O and full-disk loop, not the sample make check runs (about half
# an hour; allocation is left to make check's sample: every N of it would
# take many hours).
fault: build/asan/kaohe build/asan/kaohe-fault
	@FAULT_STRIDE=1 FAULT_CLASSES="io full" LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0" \
		sh tests/cli/test_fault.sh $(CURDIR)/build/asan/kaohe

bench: deps-bench kaohe
	@bench/run.sh

install: kaohe
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kaohe/schemes \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/kaohe
	install -m 755 kaohe $(DESTDIR)$(PREFIX)/bin/kaohe
	install -m 644 $(SCHEMES) $(DESTDIR)$(PREFIX)/share/kaohe/schemes/
	install -m 644 doc/kaohe.1 $(DESTDIR)$(PREFIX)/share/man/man1/kaohe.1
	install -m 644 README.md doc/scheme-language.md doc/domain.md doc/architecture.md \
		$(DESTDIR)$(PREFIX)/share/doc/kaohe/
	install -d $(DESTDIR)$(UNITDIR)
	sed -e 's|@BINDIR@|$(PREFIX)/bin|g' -e 's|@UNITDIR@|$(UNITDIR)|g' contrib/kaohe.service.in \
		> $(DESTDIR)$(UNITDIR)/kaohe.service
	chmod 644 $(DESTDIR)$(UNITDIR)/kaohe.service

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kaohe $(DESTDIR)$(PREFIX)/share/man/man1/kaohe.1 \
		$(DESTDIR)$(UNITDIR)/kaohe.service
	rm -rf $(DESTDIR)$(PREFIX)/share/kaohe $(DESTDIR)$(PREFIX)/share/doc/kaohe

clean:
	rm -rf build kaohe
