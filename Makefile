# Marquee: build, test, run. GNU make.
#
#   make            build build/marquee
#   make run        install what is missing, build, and run the weekly job on
#                   the embedded demo data (no network, no API key)
#   make test       install what is missing, build, run every test
#   make test-asan  the same test suite under AddressSanitizer + UBSan
#   make valgrind   the same test suite under valgrind's memcheck
#   make bench      benchmarks (import speed, HTTP client and scrape rates, the
#                   predictor against scikit-learn and XGBoost, ...); installs
#                   what they compare against as root
#   make golden     write tests/golden/expected anew after an intended change
#   make install PREFIX=/usr/local
#
# Personal flags go in Makefile.local (not committed).

BUILD   ?= build
PREFIX  ?= /usr/local
ifeq ($(origin CC),default)
CC      := gcc
endif
CFLAGS  ?= -O2 -g
WARN    := -std=c17 -Wall -Wextra -Wshadow -Wpointer-arith -Wformat=2 -Wvla
ifeq ($(CI),true)
WARN    += -Werror
endif
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)

PKGS      := libcurl libcjson libcmark-gfm sqlite3 yaml-0.1
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -I. $(WARN) $(CFLAGS) $(PKG_CFLAGS) -D_DEFAULT_SOURCE -DMARQUEE_VERSION='"$(VERSION)"' -MMD -MP
LIBS       = $(PKG_LIBS) -lsvm -lm -lpthread

-include Makefile.local

COMMON_OBJS := \
	common/buf.o \
	common/config.o \
	common/date.o \
	common/fault.o \
	common/fileio.o \
	common/json.o \
	common/lock.o \
	common/msg.o \
	common/strmap.o \
	common/xalloc.o \
	common/ytree.o \
	common/text/slug.o \
	common/text/textfold.o \
	common/text/utf8.o

PREDICTOR_OBJS := \
	predictor/analytics/analytics.o \
	predictor/analytics/analytics_groups.o \
	predictor/analytics/pdep.o \
	predictor/analytics/recommend.o \
	predictor/analytics/similar.o \
	predictor/analytics/similar_search.o \
	predictor/sources/csv.o \
	predictor/sources/http.o \
	predictor/sources/import.o \
	predictor/sources/import_csv.o \
	predictor/sources/import_vega.o \
	predictor/sources/scrape.o \
	predictor/sources/tmdb.o \
	predictor/sources/tmdb_json.o \
	predictor/sources/tmdb_url.o \
	predictor/store/store.o \
	predictor/store/store_cache.o \
	predictor/store/store_analytics.o \
	predictor/store/store_films.o \
	predictor/store/store_films_read.o \
	predictor/store/store_models.o \
	predictor/store/store_records.o \
	predictor/store/store_rows.o \
	predictor/model/backtest.o \
	predictor/model/features.o \
	predictor/model/metrics.o \
	predictor/model/model.o \
	predictor/model/predict.o \
	predictor/model/svr.o \
	predictor/model/train.o \
	predictor/cinema/actuals.o \
	predictor/cinema/cinema.o \
	predictor/cinema/decision.o \
	predictor/cinema/overrides.o \
	predictor/cinema/records.o \
	predictor/cinema/plan.o \
	predictor/cinema/week_record.o \
	predictor/cinema/weekly.o \
	predictor/pages/content.o \
	predictor/pages/page_cinema.o \
	predictor/pages/page_analytics.o \
	predictor/pages/page_analytics_groups.o \
	predictor/pages/page_analytics_model.o \
	predictor/pages/page_film.o \
	predictor/pages/page_find.o \
	predictor/pages/page_history.o \
	predictor/pages/page_model.o \
	predictor/pages/page_week.o \
	predictor/words/words.o \
	predictor/words/words_en.o \
	predictor/words/words_fr.o

GENERATOR_OBJS := \
	generator/chart.o \
	generator/feeds.o \
	generator/fmt.o \
	generator/frontmatter.o \
	generator/markdown.o \
	generator/output.o \
	generator/page.o \
	generator/serve.o \
	generator/site/site.o \
	generator/site/site_check.o \
	generator/site/site_config.o \
	generator/site/site_load.o \
	generator/site/site_render.o \
	generator/site/site_views.o \
	generator/template.o \
	generator/template_render.o \
	generator/watch.o

CLI_OBJS := cli/main.o

COMMAND_OBJS := \
	cli/command.o \
	cli/cmd_import.o \
	cli/cmd_init.o \
	cli/cmd_model.o \
	cli/cmd_records.o \
	cli/cmd_scrape.o \
	cli/cmd_site.o \
	cli/cmd_similar.o \
	cli/cmd_weekly.o \
	cli/skeleton.o \
	cli/cmd_week.o \
	cli/cmd_status.o

LIB_OBJS := $(COMMAND_OBJS) $(COMMON_OBJS) $(PREDICTOR_OBJS) $(GENERATOR_OBJS)

# The unit tests mirror the tree they test: tests/unit/predictor/model/ tests
# predictor/model/. Each test_*.c file is one suite in tests/unit/suites.h.
UNIT_OBJS := $(patsubst %.c,%.o,$(sort $(shell find tests/unit -name '*.c')))

# The canned TMDB server and the HTTP client's driver: tests only.
TMDB_SERVER_OBJS := tests/tmdb/tmdb_server.o tests/tmdb/canned.o common/buf.o common/xalloc.o
HTTP_DRIVER_OBJS := tests/tmdb/http_driver.o

MARQUEE     := $(BUILD)/marquee
UNIT_TESTS  := $(BUILD)/unit_tests
TMDB_SERVER := $(BUILD)/tmdb_server
HTTP_DRIVER := $(BUILD)/http_driver
# Benchmark drivers for modules that have no command of their own.
BENCH_SIMILAR := $(BUILD)/bench_similar
BENCH_ANALYTICS := $(BUILD)/bench_analytics

# The embedded demo data: vega-datasets' movies.json (BSD-3-Clause), from npm.
VEGA_VERSION := 3.2.1
VEGA_SHA256  := 6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3
VEGA_TGZ     := .cache/vega-datasets-$(VEGA_VERSION).tgz
VEGA_JSON    := .cache/vega-datasets-$(VEGA_VERSION)/movies.json

# libFuzzer targets, one per parser (make fuzz; needs clang).
FUZZ_TARGETS := config csv page template textfold tmdb vega yaml
FUZZ_SECONDS ?= 30
FUZZ_CFLAGS  := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

.PHONY: all deps bench-deps run test test-asan valgrind bench fuzz fuzz-run install clean demo-data golden browser-deps

all: $(MARQUEE)

$(MARQUEE): $(addprefix $(BUILD)/,$(CLI_OBJS) $(LIB_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(UNIT_TESTS): $(addprefix $(BUILD)/,$(UNIT_OBJS) $(LIB_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(TMDB_SERVER): $(addprefix $(BUILD)/,$(TMDB_SERVER_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ -lpthread

$(HTTP_DRIVER): $(addprefix $(BUILD)/,$(HTTP_DRIVER_OBJS) $(LIB_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# A new cinema project's files, built into the program for `marquee init`.
SKELETON_FILES := $(sort $(shell find cli/skeleton -type f))

$(BUILD)/cli/skeleton.c: cli/skeleton.awk $(SKELETON_FILES)
	@mkdir -p $(@D)
	awk -f cli/skeleton.awk $(SKELETON_FILES) >$@

$(BUILD)/cli/skeleton.o: $(BUILD)/cli/skeleton.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BENCH_SIMILAR): $(addprefix $(BUILD)/,tests/bench/bench_similar.o $(LIB_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BENCH_ANALYTICS): $(addprefix $(BUILD)/,tests/bench/bench_analytics.o $(LIB_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

-include $(addprefix $(BUILD)/,$(CLI_OBJS:.o=.d) $(LIB_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) \
	$(TMDB_SERVER_OBJS:.o=.d) $(HTTP_DRIVER_OBJS:.o=.d) \
	$(BUILD)/tests/bench/bench_similar.d $(BUILD)/tests/bench/bench_analytics.d \
	$(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/fuzz_%.d) $(BUILD)/tests/fuzz/replay.d)

# Installs the Debian packages that are missing (as root), or prints the
# apt-get command and stops. Every entry point below goes through it.
deps:
	@sh .ci/deps.sh

# The reference models the predictor bench compares with. Without them (not
# root, no mirror) the bench still runs and says what it skipped.
bench-deps:
	@sh .ci/deps.sh bench || echo "note: the benches will skip what they compare with (Hugo, the reference models)"

demo-data: $(VEGA_JSON)

$(VEGA_JSON):
	@mkdir -p .cache $(@D)
	cd .cache && npm pack --silent vega-datasets@$(VEGA_VERSION) >/dev/null
	echo "$(VEGA_SHA256)  $(VEGA_TGZ)" | sha256sum -c --quiet
	tar -xzf $(VEGA_TGZ) -C $(@D) --strip-components=2 package/data/movies.json
	touch $@

# The browser test's one dependency (tests/e2e/browser.sh), pinned in
# tests/browser/package-lock.json; it drives Debian's chromium.
BROWSER_DEPS := tests/browser/node_modules/playwright-core/package.json

browser-deps: $(BROWSER_DEPS)

$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Sub-makes re-read this file after deps, so pkg-config sees new packages.
run: deps
	@$(MAKE) --no-print-directory all demo-data
	./$(MARQUEE) import --source vega $(VEGA_JSON)
	./$(MARQUEE) replay --weeks 12
	./$(MARQUEE) backtest --from 2010-01-01 --retrain-weeks 4
	./$(MARQUEE) content
	./$(MARQUEE) build
	./$(MARQUEE) status

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_TESTS) $(TMDB_SERVER) $(HTTP_DRIVER) $(FUZZ_REPLAYS)
	@$(MAKE) --no-print-directory demo-data || echo "note: demo data not fetched; its tests will skip"
	@$(MAKE) --no-print-directory browser-deps || echo "note: playwright-core not installed; the browser test will skip"
	@MARQUEE=$(abspath $(MARQUEE)) UNIT_TESTS=$(abspath $(UNIT_TESTS)) sh tests/run.sh

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" test

# The same suite under valgrind's memcheck: any memory error or leak
# (definite or indirect) in marquee or the unit tests fails (tests/valgrind.sh).
valgrind: deps
	@sh .ci/deps.sh valgrind
	@$(MAKE) --no-print-directory all $(UNIT_TESTS) $(TMDB_SERVER) $(HTTP_DRIVER) $(FUZZ_REPLAYS)
	@$(MAKE) --no-print-directory demo-data || echo "note: demo data not fetched; its tests will skip"
	@BUILD=$(BUILD) sh tests/valgrind.sh

# Writes tests/golden/expected anew after an intended change of output.
golden: all demo-data
	@for c in en fr demo; do UPDATE=1 MARQUEE=$(abspath $(MARQUEE)) sh tests/golden/compare.sh $$c || exit 1; done

bench: deps bench-deps
	@$(MAKE) --no-print-directory all $(TMDB_SERVER) $(HTTP_DRIVER) $(BENCH_SIMILAR) $(BENCH_ANALYTICS)
	@$(MAKE) --no-print-directory demo-data || echo "note: demo data not fetched; its benchmark will skip"
	@MARQUEE=$(abspath $(MARQUEE)) sh tests/bench/run.sh

# Each parser fuzzed for FUZZ_SECONDS, from the seeds in tests/fuzz/seeds
# (and the dictionary tests/fuzz/TARGET.dict when there is one); the corpus
# grows in .cache/fuzz. A crash stops with its input saved. One target:
# make fuzz FUZZ_TARGETS=tmdb.
fuzz: deps
	@sh .ci/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" fuzz-run

fuzz-run: $(addprefix $(BUILD)/fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p .cache/fuzz/$$t && \
		echo "fuzz $$t: $(FUZZ_SECONDS) s" && \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
		./$(BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=2 $$dict \
			-artifact_prefix=.cache/fuzz/$$t- .cache/fuzz/$$t tests/fuzz/seeds/$$t || exit 1; \
	done

$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(addprefix $(BUILD)/,$(LIB_OBJS))
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

# Each fuzz target run once on its seeds by tests/fuzz/replay.c, with the
# compiler of the build: the seeds as a regression test of make test.
FUZZ_REPLAYS := $(addprefix $(BUILD)/fuzz_replay_,$(FUZZ_TARGETS))

$(BUILD)/fuzz_replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o $(addprefix $(BUILD)/,$(LIB_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# The program, and the themes where it looks for them (PREFIX/share/marquee).
install: $(MARQUEE)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/marquee
	install -m 755 $(MARQUEE) $(DESTDIR)$(PREFIX)/bin/marquee
	cp -R themes $(DESTDIR)$(PREFIX)/share/marquee/

clean:
	rm -rf build build-asan build-fuzz
