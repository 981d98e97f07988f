# docket - a command-line case manager for personal-injury law firms
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
MAN1     = $(wildcard man/*.1)
MAN5     = $(wildcard man/*.5)
MAN7     = $(wildcard man/*.7)
ifeq ($(origin CC),default)
CC        = cc
endif
PKGS      = libgit2 inih libcmark libcrypto
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE -Iinclude
BUILD    ?= build

ifeq ($(SANITIZE),1)
CC        = clang
CFLAGS    = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
BUILD     = build-san
endif

SRCS  = $(wildcard src/*.c)
OBJS  = $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS))
# the unit tests link the modules: not main.c and its command table, nor
# the commands (cmd-complete.c reads the table)
LIB_OBJS = $(filter-out $(BUILD)/main.o $(BUILD)/cmd-%.o,$(OBJS))
HDRS  = $(wildcard include/docket/*.h)

UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_BINS = $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))

CHECK_FUZZ_SECONDS ?= 10
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_FLAGS    = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRCS     = $(filter-out src/main.c src/cmd.c src/cmd-%.c,$(SRCS))

# goals that need nothing installed (the rest need the libraries)
NODEPS_GOALS = clean uninstall lint-man deps-build deps-demo deps-check
.DEFAULT_GOAL := all

ifndef DOCKET_DEPS_DONE
# The first make installs (as root, with apt-get) or names (otherwise, and
# stops) the Debian packages its goals need, then makes them in a sub-make.
# Only that sub-make asks pkg-config for the flags: a make that asked before
# the packages were there would link without them.
GOALS := $(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all))
DEPS  := $(or $(strip $(if $(filter check fuzz fuzz-build build-fuzz/%,$(GOALS)),check) \
           $(if $(filter bench,$(GOALS)),bench) $(if $(filter demo,$(GOALS)),demo)),build)
ifneq ($(strip $(GOALS)),)
$(GOALS): deps-then-make
	@:
deps-then-make:
	@sh scripts/deps.sh $(DEPS)
	@$(MAKE) --no-print-directory DOCKET_DEPS_DONE=1 $(GOALS)
.PHONY: deps-then-make $(GOALS)
endif

else
# The sub-make (and every make below it): the packages are there.
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes),yes)
$(error docket: pkg-config does not find $(PKGS) \
  ($(strip $(shell pkg-config --print-errors --exists $(PKGS) 2>&1 | head -n 4))); \
  on Debian they come with: $(shell sh scripts/deps.sh --line build))
endif
endif
# -pthread: the status cache stats the cases on a second thread
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -pthread
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -pthread
INIH_H     := $(wildcard $(shell pkg-config --variable=includedir inih 2>/dev/null)/ini.h)

all: docket

# docket reads case.ini with inih and sets inih's options its own way: no
# inline comments (a value keeps " ; ..." and " #..."), a heap line buffer
# that grows to 64 KiB.  Debian's libinih lets a program set them (they are
# globals); an inih whose options were fixed when it was compiled (upstream's
# defaults: inline comments on, 200-byte lines) would cut such values without
# a word.  docket could work around such an inih, but then it would read the
# same file two ways depending on the machine; so there is one way: src/cfg.c
# always sets the globals, and before anything is compiled this probe is
# compiled, linked and run against the inih at hand (it reads such values
# back).  If it fails, the build stops and says what it needs.  Only a probe
# that passed leaves $(BUILD)/inih.ok, so a failure (inih or pkg-config not
# installed yet) is never remembered; the probe runs again when ini.h changes.
# The unit test test-cfg round-trips such values through src/cfg.c itself.
$(BUILD)/inih.ok: scripts/inih-probe.c $(INIH_H) | $(BUILD)
	@rm -f $@ $(BUILD)/inih-probe
	@if $(CC) $(CPPFLAGS) -std=c11 $(PKG_CFLAGS) -o $(BUILD)/inih-probe \
	        scripts/inih-probe.c $(PKG_LIBS) >$(BUILD)/inih-probe.log 2>&1 && \
	    $(BUILD)/inih-probe >>$(BUILD)/inih-probe.log 2>&1; then touch $@; else \
	    rm -f $(BUILD)/inih-probe; sed 's/^/    /' $(BUILD)/inih-probe.log >&2; \
	    echo "docket: this inih cannot be told to keep ' ;' and ' #' in values and to read long lines;" >&2; \
	    echo "docket needs an inih whose options are run-time globals: Debian 12's libinih-dev (r55)" >&2; \
	    exit 1; fi

$(BUILD):
	@mkdir -p $(BUILD) $(BUILD)/unit

$(BUILD)/%.o: src/%.c $(HDRS) $(BUILD)/inih.ok | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

docket: $(BUILD)/docket
ifneq ($(SANITIZE),1)
	@cp $(BUILD)/docket docket
endif

$(BUILD)/docket: $(OBJS)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/unit/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJS)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) \
	    -Itests/unit -o $@ $< $(LIB_OBJS) $(PKG_LIBS)

# an LD_PRELOAD library the tests use to crash, pause or fill the disk at
# a chosen file operation (never sanitized: it runs beside any build)
$(BUILD)/faultshim.so: tests/helpers/faultshim.c | $(BUILD)
	@echo "  CC      $<"
	@cc -std=c11 -Wall -Wextra -Werror -O1 -g -shared -fPIC -o $@ $< -ldl

units: $(UNIT_BINS) $(BUILD)/faultshim.so

# make check: the suite, then again under ASan+UBSan, then each fuzz target
# for CHECK_FUZZ_SECONDS; make check SANITIZE=1: the sanitized suite only.
# The builds use every processor (JOBS): on two, the eight fuzz targets
# (each all of the sources, with sanitizers) take minutes one at a time.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check:
	@$(MAKE) --no-print-directory -j$(JOBS) docket units
ifeq ($(SANITIZE),1)
	@sh tests/run.sh build-san
else
	@$(MAKE) --no-print-directory -j$(JOBS) SANITIZE=1 docket units
	@$(MAKE) --no-print-directory -j$(JOBS) fuzz-build
	@sh tests/run.sh --fuzz $(CHECK_FUZZ_SECONDS) build build-san
endif

demo: docket
	@sh scripts/demo.sh

# not part of check: synthetic firms of 10,000 and 50,000 cases, a few
# minutes; taskwarrior's `task next` on 10,000 tasks is the read commands'
# baseline (BENCH_BEFORE=path/to/an/older/docket: its times too)
bench: docket
	@python3 scripts/bench.py

# libFuzzer targets (clang), each run for FUZZ_SECONDS on its corpus
build-fuzz/%: tests/fuzz/%.c $(FUZZ_SRCS) $(HDRS) $(BUILD)/inih.ok
	@mkdir -p build-fuzz
	@echo "  FUZZ    $@"
	@clang $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer -o $@ $< $(FUZZ_SRCS) $(PKG_LIBS)

fuzz-build: $(patsubst %,build-fuzz/%,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    c=tests/fuzz/corpus-$${t#fuzz-}; mkdir -p build-fuzz/$$t.corpus; \
	    echo "fuzzing $$t for $(FUZZ_SECONDS)s"; \
	    build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=build-fuzz/ \
	        -print_final_stats=1 build-fuzz/$$t.corpus $$c 2>build-fuzz/$$t.log || \
	        { tail -n 40 build-fuzz/$$t.log; exit 1; }; \
	    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" build-fuzz/$$t.log; \
	done

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, every page in
# man/, and the completions where each shell looks for them.
install: $(BUILD)/docket
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BUILD)/docket $(DESTDIR)$(BINDIR)/docket
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	install -m 644 completions/docket.bash $(DESTDIR)$(BASHCOMPDIR)/docket
	install -m 644 completions/_docket $(DESTDIR)$(ZSHCOMPDIR)/_docket
	install -m 644 completions/docket.fish $(DESTDIR)$(FISHCOMPDIR)/docket.fish

endif

# make deps-build|deps-demo|deps-check: only install (or name) the packages
deps-build deps-demo deps-check:
	@sh scripts/deps.sh $(@:deps-%=%)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/docket
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man1/%,$(MAN1))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man5/%,$(MAN5))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man7/%,$(MAN7))
	rm -f $(DESTDIR)$(BASHCOMPDIR)/docket $(DESTDIR)$(ZSHCOMPDIR)/_docket \
	    $(DESTDIR)$(FISHCOMPDIR)/docket.fish

# every man page, as mandoc's linter sees it
lint-man:
	@mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7)

clean:
	rm -rf build build-san build-fuzz build-clang docket

.PHONY: all docket deps-build deps-demo deps-check units check demo bench \
	install uninstall lint-man fuzz fuzz-build clean
