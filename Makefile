# Makefile: builds yeonpyo and its tests, installs it, and installs the Debian
# packages the build needs when they are missing. The only build system.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/yeonpyo
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
DESTDIR ?=
CFLAGS ?= -O2 -g
VERSION := 0.1.0

# pkg-config module:Debian package providing it.
BUILD_PKGS := ncursesw:libncurses-dev sqlite3:libsqlite3-dev \
	icu-uc:libicu-dev icu-i18n:libicu-dev
TEST_PKGS := cmocka:libcmocka-dev vterm:libvterm-dev
# command:Debian package, for the checks of the man pages.
TEST_TOOLS := mandoc:mandoc groff:groff-base tmux:tmux sqlite3:sqlite3 \
	setpriv:util-linux /usr/bin/python3:python3 zsh:zsh bash:bash
BENCH_TOOLS := sqlite3:sqlite3 less:less
# Debian packages checked by name: x11-utils has an older luit without
# EUC-KR tables, the locales package has ko_KR's sources, OpenSSH is for
# the ssh test, and python3-icalendar reads the iCalendar export back.
TEST_DEBS := luit:luit locales:locales openssh-server:openssh-server \
	openssh-client:openssh-client python3-icalendar:python3-icalendar

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wconversion
# Same feature macros as ncursesw's pkg-config flags, so every file sees one
# consistent libc API whether or not it includes curses.
YP_CPPFLAGS := -Iinclude -Isrc -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 \
	-DYEONPYO_VERSION='"$(VERSION)"'
YP_CFLAGS := -std=c11 $(WARN)

B := build
SRCS := $(wildcard src/*.c src/ui/*.c)
OBJS := $(SRCS:src/%.c=$(B)/%.o) $(B)/dataset_json.o
LIB_OBJS := $(filter-out $(B)/main.o,$(OBJS))
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(B)/tests/%)
TEST_SUPPORT := $(B)/tests/support.o $(B)/tests/screen.o

PKG_CFLAGS = $$(cat $(B)/pkg.cflags)
PKG_LIBS = $$(cat $(B)/pkg.libs)

# The sanitizer build: the program and the test programs again, with
# AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer, every
# report fatal. make check runs its tests as well as the normal build's.
SAN := $(B)/san
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
SAN_LDFLAGS := -fsanitize=address,undefined
SAN_TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(SAN)/tests/%)
# fuzz targets (tests/fuzz/fuzz_*.c), replayed over their corpora by check
FUZZ_TARGETS := import text search
REPLAY_BINS := $(FUZZ_TARGETS:%=$(B)/replay/replay_%)

.PHONY: all run check sanitize san-build memcheck fuzz fuzz-build bench \
	deps test-deps install uninstall clean
.DELETE_ON_ERROR:
.SECONDARY: $(TEST_BINS:=.o) $(TEST_SUPPORT)

all: yeonpyo

# Checks pkg-config modules (and commands) and installs what is missing with
# apt-get when it can; otherwise names the packages on one line and fails.
define ensure_packages
	@need=""; \
	command -v pkg-config >/dev/null 2>&1 || need="pkgconf"; \
	for pair in $(1); do \
		mod=$${pair%%:*}; deb=$${pair#*:}; \
		case "$(2)" in \
		cmd) command -v "$$mod" >/dev/null 2>&1 || need="$$need $$deb" ;; \
		deb) dpkg-query -W -f='$${Status}' "$$deb" 2>/dev/null | \
			grep -q 'ok installed' || need="$$need $$deb" ;; \
		*) pkg-config --exists "$$mod" 2>/dev/null || need="$$need $$deb" ;; \
		esac; \
	done; \
	need=$$(printf '%s\n' $$need | sort -u | tr '\n' ' ' | sed 's/ *$$//'); \
	if [ -n "$$need" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "make: installing missing packages: $$need"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$need \
				>/dev/null 2>&1 || { echo "make: apt-get install $$need failed" >&2; exit 1; }; \
		else \
			echo "make: missing packages; install them with: sudo apt-get install $$need" >&2; \
			exit 1; \
		fi; \
	fi
endef

$(B)/deps.ok:
	@mkdir -p $(B)
	$(call ensure_packages,$(BUILD_PKGS),pc)
	@pkg-config --cflags ncursesw sqlite3 icu-uc icu-i18n > $(B)/pkg.cflags
	@pkg-config --libs ncursesw sqlite3 icu-uc icu-i18n > $(B)/pkg.libs
	@touch $@

$(B)/test-deps.ok: $(B)/deps.ok
	$(call ensure_packages,$(TEST_PKGS),pc)
	$(call ensure_packages,$(TEST_TOOLS),cmd)
	$(call ensure_packages,$(TEST_DEBS),deb)
	@pkg-config --cflags cmocka vterm > $(B)/test.cflags
	@pkg-config --libs cmocka vterm > $(B)/test.libs
	@touch $@

deps: $(B)/deps.ok
test-deps: $(B)/test-deps.ok

$(B)/%.o: src/%.c $(wildcard include/yeonpyo/*.h src/*.h src/ui/*.h src/*.def) | $(B)/deps.ok
	@mkdir -p $(dir $@)
	$(CC) $(YP_CPPFLAGS) $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# The curated dataset is compiled into the binary so a new user needs no
# setup; od is in coreutils, unlike xxd.
$(B)/dataset_json.c: assets/timeline.json | $(B)/deps.ok
	@{ echo '/* generated from assets/timeline.json by the Makefile */'; \
	  echo '#include "yeonpyo/dataset.h"'; \
	  echo 'const unsigned char dataset_builtin_json[] = {'; \
	  od -An -v -tx1 $< | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00};'; \
	  echo "const size_t dataset_builtin_len = sizeof dataset_builtin_json - 1;"; \
	} > $@

$(B)/dataset_json.o: $(B)/dataset_json.c include/yeonpyo/dataset.h
	$(CC) $(YP_CPPFLAGS) $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) -c -o $@ $<

BIN ?= yeonpyo
$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

run: yeonpyo
	./yeonpyo

$(B)/tests/%.o: tests/unit/%.c $(wildcard include/yeonpyo/*.h src/*.h src/*.def) tests/unit/support.h tests/unit/screen.h | $(B)/test-deps.ok
	@mkdir -p $(B)/tests
	$(CC) $(YP_CPPFLAGS) -Itests/unit $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) $$(cat $(B)/test.cflags) -c -o $@ $<

$(B)/tests/test_%: $(B)/tests/test_%.o $(TEST_SUPPORT) $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $$(cat $(B)/test.libs) -lutil

check: yeonpyo $(TEST_BINS) $(B)/gen $(REPLAY_BINS) san-build
	@SAN_BIN=$(SAN)/yeonpyo SAN_TESTS="$(SAN_TEST_BINS)" \
		sh tests/run.sh $(TEST_BINS)

# Only the sanitizer build's tests (some read a feed made by build/gen).
sanitize: san-build $(B)/gen
	@YEONPYO_BIN=$(SAN)/yeonpyo sh tests/run.sh --programs $(SAN_TEST_BINS)

san-build: | $(B)/test-deps.ok
	@$(MAKE) --no-print-directory B=$(SAN) BIN=$(SAN)/yeonpyo \
		CFLAGS="$(SAN_CFLAGS)" LDFLAGS="$(SAN_LDFLAGS)" \
		$(SAN)/yeonpyo $(SAN_TEST_BINS) $(FUZZ_TARGETS:%=$(SAN)/replay/replay_%)

# Fuzzing with libFuzzer (clang): each target in tests/fuzz runs for
# FUZZ_SECONDS from a copy of its seed corpus; what crashes it is left in
# $(B)/fuzz as crash-TARGET-* (save it in tests/fuzz/regressions/TARGET,
# which make check replays). The replay programs are built by any compiler.
FUZZ_SECONDS ?= 60
FUZZ := $(B)/fuzz
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all
FUZZ_TOOLS := clang:clang
FUZZ_DEBS := libclang-rt-14-dev:libclang-rt-14-dev
$(B)/replay/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIB_OBJS) | $(B)/deps.ok
	@mkdir -p $(B)/replay
	$(CC) $(YP_CPPFLAGS) $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB_OBJS) $(LDFLAGS) $(PKG_LIBS)

$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJS) | $(B)/deps.ok
	$(CC) $(YP_CPPFLAGS) $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(PKG_LIBS)

fuzz-build:
	$(call ensure_packages,$(FUZZ_TOOLS),cmd)
	$(call ensure_packages,$(FUZZ_DEBS),deb)
	@$(MAKE) --no-print-directory B=$(FUZZ) CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" \
		$(FUZZ_TARGETS:%=$(FUZZ)/fuzz_%)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		rm -rf $(FUZZ)/corpus-$$t; mkdir -p $(FUZZ)/corpus-$$t; \
		cp tests/fuzz/corpus/$$t/* $(FUZZ)/corpus-$$t/; \
		echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-artifact_prefix=$(FUZZ)/crash-$$t- -print_final_stats=1 \
			$(FUZZ)/corpus-$$t 2>&1 | grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' ; \
		ls $(FUZZ)/crash-$$t-* >/dev/null 2>&1 && { echo "fuzz_$$t: crashed; see $(FUZZ)/crash-$$t-*"; exit 1; }; \
	done; echo "fuzz: no crash"

# The screen tests with every yeonpyo they start under valgrind's memcheck:
# no error and no definite or indirect leak, beyond the library noise in
# tests/valgrind.supp (each entry says why).
MEMCHECK_TESTS := $(B)/tests/test_screen $(B)/tests/test_hostile \
	$(B)/tests/test_terminals \
	$(B)/tests/test_output
memcheck: yeonpyo $(MEMCHECK_TESTS) $(B)/gen
	$(call ensure_packages,valgrind:valgrind,cmd)
	@sh tests/memcheck.sh $(MEMCHECK_TESTS)

# Figures beside references measured in the same run; never a pass/fail.
$(B)/bench/%: tests/bench/%.c $(LIB_OBJS) | $(B)/deps.ok
	@mkdir -p $(B)/bench
	$(CC) $(YP_CPPFLAGS) $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(PKG_LIBS)

$(B)/bench/pty_probe: tests/bench/pty_probe.c | $(B)/deps.ok
	@mkdir -p $(B)/bench
	$(CC) $(YP_CPPFLAGS) $(CPPFLAGS) $(YP_CFLAGS) $(CFLAGS) -o $@ $< $(LDFLAGS) -lutil

# Synthetic events for benchmarks and tests:
# $(B)/gen [--document] N [SEED] > feed (NDJSON, or one JSON document)
$(B)/gen: tests/gen.c | $(B)/deps.ok
	$(CC) $(YP_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

# BENCH_SIZES="1000 100000" for a shorter run; BENCH_RUNS for the median.
BENCH_SIZES ?= 1000 100000 1000000
bench: yeonpyo $(B)/bench/text_bench $(B)/bench/pty_probe $(B)/bench/view_bench $(B)/gen
	$(call ensure_packages,$(BENCH_TOOLS),cmd)
	@$(B)/bench/text_bench
	@B=$(B) sh tests/bench/bench.sh $(BENCH_SIZES)

install: yeonpyo
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 yeonpyo $(DESTDIR)$(BINDIR)/yeonpyo
	install -m 644 assets/timeline.json $(DESTDIR)$(DATADIR)/timeline.json
	rm -f $(DESTDIR)$(DATADIR)/timeline.db
	./yeonpyo --db $(DESTDIR)$(DATADIR)/timeline.db db init --shared >/dev/null
	chmod 644 $(DESTDIR)$(DATADIR)/timeline.db
	install -m 644 man/yeonpyo.1 $(DESTDIR)$(MANDIR)/man1/yeonpyo.1
	install -m 644 man/yeonpyo.5 $(DESTDIR)$(MANDIR)/man5/yeonpyo.5
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 assets/completion/yeonpyo.bash \
		$(DESTDIR)$(BASHCOMPDIR)/yeonpyo
	install -m 644 assets/completion/_yeonpyo $(DESTDIR)$(ZSHCOMPDIR)/_yeonpyo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yeonpyo $(DESTDIR)$(DATADIR)/timeline.json \
		$(DESTDIR)$(DATADIR)/timeline.db \
		$(DESTDIR)$(MANDIR)/man1/yeonpyo.1 $(DESTDIR)$(MANDIR)/man5/yeonpyo.5 \
		$(DESTDIR)$(BASHCOMPDIR)/yeonpyo $(DESTDIR)$(ZSHCOMPDIR)/_yeonpyo
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf $(B) yeonpyo
