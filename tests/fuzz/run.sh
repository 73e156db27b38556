#!/bin/sh
# run.sh: runs every libFuzzer target in build/fuzz/fuzz for SECONDS each, from a copy of its seed corpus
# (tests/fuzz/corpus/<target>; the copy grows, the repository's seeds stay as they are). A crash, a leak,
# a timeout or any sanitizer report fails the target; its reproducer is kept and named.
#   sh tests/fuzz/run.sh ROOT SECONDS [--quiet]
# One "ok - ..." or "not ok - ..." line per target; with no --quiet, a last line "N passed, N failed".
set -u
ROOT=$1 SECONDS_EACH=${2:-60} QUIET=${3:-}
WORK=$(mktemp -d /tmp/portal-fuzz.XXXXXX)
pass=0 fail=0
for bin in "$ROOT"/build/fuzz/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	mkdir -p "$WORK/$name/corpus" "$WORK/$name/crash"
	[ -d "$ROOT/tests/fuzz/corpus/$name" ] && cp "$ROOT/tests/fuzz/corpus/$name"/* "$WORK/$name/corpus/" 2>/dev/null
	if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$WORK/$name/crash/" "$WORK/$name/corpus" >"$WORK/$name/log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$WORK/$name/log" | tail -n 1)
		echo "ok - fuzz $name: ${SECONDS_EACH} s, ${runs:-done}, no crash, leak or sanitizer report"
		pass=$((pass + 1))
	else
		echo "not ok - fuzz $name: crashed; reproducer: $(ls "$WORK/$name/crash" | head -n 1) (log and input in $WORK/$name)"
		grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x' "$WORK/$name/log" | head -n 20 | sed 's/^/#   /'
		fail=$((fail + 1))
	fi
done
[ "$pass" -gt 0 ] || { echo "not ok - fuzz: no target built (make FUZZ=1 fuzz-bin)"; fail=$((fail + 1)); }
[ "$fail" -eq 0 ] && rm -rf "$WORK"
[ -n "$QUIET" ] || echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
