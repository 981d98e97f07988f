# docket - a command-line case manager for personal-injury law firms
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share
ifeq ($(origin CC),default)
CC        = cc
endif
PKGS      = libgit2 inih libcmark
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
LIB_OBJS = $(filter-out $(BUILD)/main.o,$(OBJS))
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

units: $(UNIT_BINS)

check: deps-check docket units
	@sh tests/run.sh $(BUILD)

demo: deps-build docket
	@sh scripts/demo.sh

# not part of check: synthetic firms of 10,000 and 50,000 cases, a few minutes
bench: deps-check docket
	@python3 scripts/bench.py

clean:
	rm -rf build build-san docket

.PHONY: all deps-build deps-check units check demo bench clean
