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

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

SRCS  = $(wildcard src/*.c)
OBJS  = $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS))
# the unit tests link the modules: not main.c and its command table, nor
# the commands (cmd-complete.c reads the table)
LIB_OBJS = $(filter-out $(BUILD)/main.o $(BUILD)/cmd-%.o,$(OBJS))
HDRS  = $(wildcard include/docket/*.h)

UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_BINS = $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))

all: docket

# Debian's inih exposes its options as globals; other builds do not.
$(BUILD)/inih.flags: scripts/inih-probe.c | $(BUILD)
	@if $(CC) $(CPPFLAGS) $(PKG_CFLAGS) -o $(BUILD)/inih-probe \
	    scripts/inih-probe.c $(PKG_LIBS) >/dev/null 2>&1; then \
	    echo "-DDOCKET_INIH_GLOBALS" > $@; \
	else echo "" > $@; \
	    echo "note: this inih has no option globals; lines are limited to 200 bytes" >&2; fi

$(BUILD):
	@mkdir -p $(BUILD) $(BUILD)/unit

$(BUILD)/%.o: src/%.c $(HDRS) $(BUILD)/inih.flags | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $$(cat $(BUILD)/inih.flags) $(PKG_CFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

docket: deps-build $(BUILD)/docket
ifneq ($(SANITIZE),1)
	@cp $(BUILD)/docket docket
endif

$(BUILD)/docket: $(OBJS)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/unit/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJS)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $$(cat $(BUILD)/inih.flags) $(PKG_CFLAGS) $(WARN) $(CFLAGS) \
	    -Itests/unit -o $@ $< $(LIB_OBJS) $(PKG_LIBS)

deps-build:
	@sh scripts/deps.sh build

deps-check:
	@sh scripts/deps.sh check

# an LD_PRELOAD library the tests use to crash, pause or fill the disk at
# a chosen file operation (never sanitized: it runs beside any build)
$(BUILD)/faultshim.so: tests/helpers/faultshim.c | $(BUILD)
	@echo "  CC      $<"
	@cc -std=c11 -Wall -Wextra -Werror -O1 -g -shared -fPIC -o $@ $< -ldl

units: $(UNIT_BINS) $(BUILD)/faultshim.so

# make check: the suite, then again under ASan+UBSan, then each fuzz target
# for CHECK_FUZZ_SECONDS; make check SANITIZE=1: the sanitized suite only.
CHECK_FUZZ_SECONDS ?= 10
check: deps-check
	@$(MAKE) --no-print-directory docket units
ifeq ($(SANITIZE),1)
	@sh tests/run.sh build-san
else
	@$(MAKE) --no-print-directory SANITIZE=1 docket units
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/run.sh --fuzz $(CHECK_FUZZ_SECONDS) build build-san
endif

demo: docket
	@sh scripts/deps.sh demo
	@sh scripts/demo.sh

# not part of check: synthetic firms of 10,000 and 50,000 cases, a few minutes
bench: deps-check docket
	@python3 scripts/bench.py

# libFuzzer targets (clang), each run for FUZZ_SECONDS on its corpus
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_FLAGS    = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRCS     = $(filter-out src/main.c src/cmd.c src/cmd-%.c,$(SRCS))

build-fuzz/%: tests/fuzz/%.c $(FUZZ_SRCS) $(HDRS) $(BUILD)/inih.flags
	@mkdir -p build-fuzz
	@echo "  FUZZ    $@"
	@clang $(CPPFLAGS) $$(cat $(BUILD)/inih.flags) $(WARN) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer -o $@ $< $(FUZZ_SRCS) $(PKG_LIBS)

fuzz-build: $(patsubst %,build-fuzz/%,$(FUZZ_TARGETS))

fuzz: deps-build fuzz-build
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
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BUILD)/docket $(DESTDIR)$(BINDIR)/docket
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completions/docket.bash $(DESTDIR)$(BASHCOMPDIR)/docket
	install -m 644 completions/_docket $(DESTDIR)$(ZSHCOMPDIR)/_docket
	install -m 644 completions/docket.fish $(DESTDIR)$(FISHCOMPDIR)/docket.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/docket
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man1/%,$(MAN1))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man5/%,$(MAN5))
	rm -f $(DESTDIR)$(BASHCOMPDIR)/docket $(DESTDIR)$(ZSHCOMPDIR)/_docket \
	    $(DESTDIR)$(FISHCOMPDIR)/docket.fish

# every man page, as mandoc's linter sees it
lint-man:
	@mandoc -Tlint -Wwarning $(MAN1) $(MAN5)

clean:
	rm -rf build build-san build-fuzz build-clang docket

.PHONY: all deps-build deps-check units check demo bench install uninstall \
	lint-man fuzz fuzz-build clean
