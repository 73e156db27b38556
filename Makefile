# Makefile: builds libportal.a, the FastCGI programs and portalctl; `make run` starts a private stack,
# `make test` runs every test on a throwaway stack of its own. Quiet unless V=1; SAN=1 builds with
# ASan+UBSan into build/san. Local overrides go in config.mk (not committed).

-include config.mk

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/sbin
LIBEXEC  = $(PREFIX)/lib/poortwachter
DATADIR  = $(PREFIX)/share/poortwachter
SYSCONF ?= $(PREFIX)/etc/poortwachter
RUN_VAR ?= $(CURDIR)/var   # make run: where its data lives, and its port
RUN_PORT ?= 8080

# The Debian packages, in one place: name:probe (a command or file that proves it is there).
PKGS_BUILD = gcc:gcc make:make pkg-config:pkg-config libc6-dev:/usr/include/stdio.h \
  libmariadb-dev:/usr/include/mariadb/mysql.h libssl-dev:/usr/include/openssl/evp.h \
  libfcgi-dev:/usr/include/fcgiapp.h clearsilver-dev:/usr/include/ClearSilver/ClearSilver.h \
  zlib1g-dev:/usr/include/zlib.h libqrencode-dev:/usr/include/qrencode.h
PKGS_RUN = mariadb-server:mariadbd mariadb-client:mariadb nginx:/usr/sbin/nginx spawn-fcgi:spawn-fcgi \
  multiwatch:multiwatch curl:curl
PKGS_TEST = apache2:/usr/sbin/apache2 libapache2-mod-fcgid:/usr/lib/apache2/modules/mod_fcgid.so \
  python3:/usr/bin/python3 valgrind:valgrind chromium:/usr/bin/chromium nodejs:node npm:npm
PKGS_BENCH = wrk:wrk
PKGS_FUZZ = clang:clang libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a

ifeq ($(FUZZ),1)
  # libFuzzer targets of the library's parsers (IO-04): clang, ASan+UBSan, coverage for the fuzzer
  B = build/fuzz
  CC = clang
  HARDEN = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT = -O1 -g
else ifeq ($(SAN),1)
  B = build/san
  HARDEN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT = -O1 -g
else
  B = build/rel
  HARDEN = -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fstack-clash-protection
  OPT = -O2 -g
endif

CC ?= gcc
PKGCONF_CFLAGS := $(shell pkg-config --cflags libmariadb openssl fcgi 2>/dev/null)
PKGCONF_LIBS   := $(shell pkg-config --libs libmariadb openssl fcgi 2>/dev/null)
CFLAGS_ALL = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra -Werror -Wformat=2 -Wshadow \
  -Werror=format-security -fPIE $(OPT) $(HARDEN) -Ilib -I/usr/include/ClearSilver $(PKGCONF_CFLAGS) \
  -DPORTAL_DEFAULT_CONFIG='"$(SYSCONF)/portal.conf"' $(CFLAGS)
LDFLAGS_ALL = -pie -Wl,-z,relro,-z,now $(if $(filter 1,$(SAN) $(FUZZ)),-fsanitize=address$(comma)undefined) $(LDFLAGS)
LIBS = -lneo_cgi -lneo_cs -lneo_utl -lz -lqrencode $(PKGCONF_LIBS)
comma := ,

ifneq ($(V),1)
  Q = @
  say = @printf '  %-7s %s\n' $(1) $(2);
else
  Q =
  say =
endif

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o) $(B)/lib/pwlist.o
LIB_HDR  = $(wildcard lib/*.h)
PROGS   := $(shell cat conf/programs)
PROG_BIN = $(PROGS:%=$(B)/cgi-bin/%)
CTL      = $(B)/cgi-bin/portalctl
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# C tests of the database layer, run against a stack's MariaDB by tests/http/test_sql.py
DB_TEST_BIN = $(patsubst tests/db/%.c,$(B)/tests/db/%,$(wildcard tests/db/test_*.c))
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/fuzz/%)
FUZZ_SECONDS ?= 60

.PHONY: all run test install uninstall clean deps deps-test bench bench-rss unit progs fuzz fuzz-bin resilience
.DEFAULT_GOAL := all

all: $(PROG_BIN) $(CTL) $(UNIT_BIN) $(DB_TEST_BIN)

progs: $(PROG_BIN) $(CTL)

$(B)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS_ALL) -c -o $@ $<

# the common-password list (AUTH-02), compiled in: lower case, sorted, without comments
$(B)/lib/pwlist.c: lib/common-passwords.txt
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)grep -v '^#' $< | tr 'A-Z' 'a-z' | LC_ALL=C sort -u | awk \
	  'BEGIN { print "/* generated from lib/common-passwords.txt by the Makefile */"; \
	           print "#include <stddef.h>"; print "const char *const portal_common_pw[] = {" } \
	   length($$0) > 0 { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "\t\"%s\",\n", $$0; n++ } \
	   END { print "};"; printf "const size_t portal_common_pw_n = %d;\n", n }' >$@.tmp && mv $@.tmp $@

$(B)/lib/pwlist.o: $(B)/lib/pwlist.c
	$(call say,CC,$<)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/libportal.a: $(LIB_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

# A program is cgi-bin/NAME.c, or every .c file of cgi-bin/NAME/ (a big area is a folder, with its private
# headers); each links the site's shared pages (cgi-bin/site.c) and the library.
PROG_COMMON = $(B)/cgi-bin/site.o
prog_src = $(or $(wildcard cgi-bin/$(1)/*.c),cgi-bin/$(1).c)
$(B)/cgi-bin/site.o: cgi-bin/site.c cgi-bin/site.h $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS_ALL) -c -o $@ $<

define PROG_RULE
$(B)/cgi-bin/$(1): $(call prog_src,$(1)) $(wildcard cgi-bin/$(1)/*.h) cgi-bin/site.h $(PROG_COMMON) $(B)/libportal.a $(LIB_HDR)
	@mkdir -p $$(dir $$@)
	$$(call say,CCLD,$$@)$$(CC) $$(CFLAGS_ALL) $$(LDFLAGS_ALL) -Icgi-bin -o $$@ $(call prog_src,$(1)) $(PROG_COMMON) $(B)/libportal.a $$(LIBS)
endef
$(foreach p,$(PROGS) portalctl,$(eval $(call PROG_RULE,$(p))))

# portalctl sql runs each program with --sql: their names, and where install puts them
$(CTL): CFLAGS_ALL += -DPORTAL_PROGRAMS='$(foreach p,$(PROGS),"$(p)",)' -DPORTAL_PROGRAM_DIR='"$(LIBEXEC)/cgi-bin"'
$(CTL): conf/programs

# the benchmark's own programs (bench/): the baseline (library and a one-line template), the bare ceiling
# (libfcgi alone) and the list page's two ceilings; never installed
BENCH_BIN = $(B)/cgi-bin/baseline $(B)/cgi-bin/bare $(B)/cgi-bin/ceiling
$(BENCH_BIN): $(B)/cgi-bin/%: bench/%.c $(PROG_COMMON) $(B)/libportal.a $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -Icgi-bin -o $@ $< $(PROG_COMMON) $(B)/libportal.a $(LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/unit.h $(B)/libportal.a $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -Itests/unit -o $@ $< $(B)/libportal.a $(LIBS)

$(B)/tests/db/%: tests/db/%.c tests/unit/unit.h $(B)/libportal.a $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -Itests/unit -o $@ $< $(B)/libportal.a $(LIBS)

unit: $(UNIT_BIN)

# the fuzz targets (make FUZZ=1 fuzz-bin): each parser's entry point linked with libFuzzer
build/fuzz/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(B)/libportal.a $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(B)/libportal.a $(LIBS)

fuzz-bin: $(FUZZ_BIN)

# Installs only missing packages: apt-get as root, else the exact command to run.
deps:
	@PKGS="$(PKGS_BUILD) $(PKGS_RUN)" sh conf/deps.sh

deps-test:
	@PKGS="$(PKGS_BUILD) $(PKGS_RUN) $(PKGS_TEST) $(PKGS_FUZZ) $(PKGS_BENCH)" sh conf/deps.sh
	@sh conf/deps.sh --npm tests/browser

run: deps
	@$(MAKE) --no-print-directory progs
	@sh conf/stack.sh run "$(CURDIR)" "$(RUN_VAR)" $(RUN_PORT)

test: deps-test
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@$(MAKE) --no-print-directory SAN=1 all
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bin
	@sh tests/run.sh "$(CURDIR)"

# every fuzz target for FUZZ_SECONDS (default 60) from the seed corpus in tests/fuzz/corpus; a crash, leak or
# sanitizer report fails the run
fuzz: deps
	@PKGS="$(PKGS_FUZZ)" sh conf/deps.sh
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bin
	@sh tests/fuzz/run.sh "$(CURDIR)" $(FUZZ_SECONDS)

# the fault tests and the mixed soak for SOAK_SECONDS (default 600) on a stack of their own
resilience: deps-test
	@$(MAKE) --no-print-directory progs
	@sh tests/resilience.sh "$(CURDIR)"

bench: deps
	@PKGS="$(PKGS_BENCH)" sh conf/deps.sh
	@$(MAKE) --no-print-directory progs $(BENCH_BIN)
	@sh bench/run.sh "$(CURDIR)"

# resident memory of one child per program over 1,000,000 requests each (about 40 minutes; not in make test)
bench-rss: deps
	@PKGS="$(PKGS_BENCH)" sh conf/deps.sh
	@$(MAKE) --no-print-directory progs $(BENCH_BIN)
	@BENCH_RSS=1 BENCH_CHILDREN=1 sh bench/run.sh "$(CURDIR)"

install: $(PROG_BIN) $(CTL)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXEC)/cgi-bin $(DESTDIR)$(DATADIR)/templates/lang \
	  $(DESTDIR)$(DATADIR)/htdocs/css $(DESTDIR)$(DATADIR)/htdocs/errors $(DESTDIR)$(DATADIR)/sql \
	  $(DESTDIR)$(DATADIR)/conf
	install -m 0755 $(CTL) $(DESTDIR)$(BINDIR)/portalctl
	install -m 0755 $(PROG_BIN) $(DESTDIR)$(LIBEXEC)/cgi-bin/
	install -m 0644 $(filter-out templates/bench_%,$(wildcard templates/*.cs)) $(DESTDIR)$(DATADIR)/templates/
	install -m 0644 templates/lang/*.hdf $(DESTDIR)$(DATADIR)/templates/lang/
	install -m 0644 htdocs/css/* $(DESTDIR)$(DATADIR)/htdocs/css/
	install -m 0644 htdocs/errors/* $(DESTDIR)$(DATADIR)/htdocs/errors/
	install -d $(DESTDIR)$(DATADIR)/htdocs/js
	install -m 0644 htdocs/js/* $(DESTDIR)$(DATADIR)/htdocs/js/
	install -m 0644 htdocs/favicon.svg $(DESTDIR)$(DATADIR)/htdocs/
	install -m 0644 sql/[0-9]*.sql $(DESTDIR)$(DATADIR)/sql/
	install -m 0644 conf/*.example $(DESTDIR)$(DATADIR)/conf/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/portalctl
	rm -f $(PROGS:%=$(DESTDIR)$(LIBEXEC)/cgi-bin/%)
	rm -rf $(DESTDIR)$(DATADIR)
	-rmdir $(DESTDIR)$(LIBEXEC)/cgi-bin $(DESTDIR)$(LIBEXEC) 2>/dev/null

clean:
	rm -rf build
