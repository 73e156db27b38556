#!/bin/sh
# run.sh: the whole suite behind `make test`, on throwaway stacks of its own (a temporary directory per
# run, free ports, own MariaDB datadirs and sockets; var/ of `make run` is never touched). Sections:
#   static checks · C unit tests · fuzz (a short pass of every parser's target) · HTTP scenarios (nginx) ·
#   smoke under nginx and Apache · plain CGI · real browser · a short soak · a short pass of make bench ·
#   unit + HTTP again under ASan+UBSan ·
#   the long-running programs under valgrind.
# Every check prints "ok - ..." or "not ok - ..."; the last line is "N passed, N failed".
set -u
ROOT=$1
PY=/usr/bin/python3
TMP=$(mktemp -d /tmp/poortwachter-test.XXXXXX)
chmod 755 "$TMP"
LOG=$TMP/results.log
: >"$LOG"
STACKS=""

cleanup() {
	for v in $STACKS; do sh "$ROOT/conf/stack.sh" down "$v" >/dev/null 2>&1; done
	if [ "${KEEP:-0}" = 1 ]; then echo "test files kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

out() { tee -a "$LOG"; }
ok() { echo "ok - $*" | out; }
notok() { echo "not ok - $*" | out; }
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else notok "$name"; fi; }
section() { printf '\n# %s\n' "$*"; }
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_stack NAME BUILD: a stack in $TMP/NAME on a free port; sets PORT and VAR (stack.sh reads PROGS,
# CHILDREN and WRAP from the environment)
start_stack() {
	VAR=$TMP/$1
	PORT=$(free_port)
	STACKS="$STACKS $VAR"
	if env TEST_CLOCK=1 sh "$ROOT/conf/stack.sh" up "$ROOT" "$VAR" "$PORT" "$2" >"$TMP/$1-up.log" 2>&1; then
		ok "stack $1 starts (MariaDB, migrations, demo data, programs, nginx on port $PORT)"
	else
		notok "stack $1 starts"
		sed 's/^/#   /' "$TMP/$1-up.log"
		return 1
	fi
}

cd "$ROOT" || exit 1

section "static checks"
nogrep() { ! git grep -nE "$@"; }
check "no SQL text formatted with printf-style functions" nogrep \
	'(s?n?printf|asprintf|strcat|portal_buf_addf)\s*\(.*"[^"]*(SELECT|INSERT|UPDATE|DELETE)\b' -- '*.c'
check "no template turns escaping off (uvar, escape none, lvar, evar; alt, which does not escape)" nogrep \
	'<\?cs\s*(uvar|lvar|evar|escape|alt)\s*:|VarEscapeMode\s*=\s*none' -- 'templates/*' '*.c' '*.hdf'
check "VarEscapeMode = html set before cs_init" grep -q 'Config.VarEscapeMode", "html"' lib/tmpl.c
check "no rand()/random()/neo_rand() for secrets" nogrep '\b(s?rand|random|neo_rand)\s*\(' -- '*.c'
check "no unbounded string functions" nogrep '\b(strcpy|strcat|sprintf|gets|atoi)\s*\(' -- '*.c'
check "no MYSQL_OPT_RECONNECT (it silently drops prepared statements)" nogrep 'mysql_options\(.*MYSQL_OPT_RECONNECT' -- '*.c'
check "no inline script or style in templates (CSP: scripts only from files)" \
	nogrep '<script>|<script[^>]*>[^<]|style=|\son[a-z]+=' -- 'templates/*.cs'
missing=""
for f in lib/*.c lib/*.h cgi-bin/*.c cgi-bin/*.h cgi-bin/*/*.c cgi-bin/*/*.h tests/unit/*.c tests/db/*.c tests/fuzz/*.c tests/fuzz/*.h tests/fuzz/*.sh templates/*.cs conf/*.sh tests/*.sh tests/http/*.py sql/*.sql; do
	head -c 300 "$f" | grep -qE '^(/\*|#|--|<\?cs #|""")' || missing="$missing $f"
done
check "every source file starts with a comment saying what it owns" test -z "$missing"
[ -n "$missing" ] && echo "#   without: $missing"

section "install, uninstall and the example configuration"
INST=$TMP/install
check "make install puts programs, portalctl, templates, htdocs and migrations under DESTDIR" sh -c \
	"make -s install DESTDIR='$INST' PREFIX=/usr/local >/dev/null && test -x '$INST/usr/local/sbin/portalctl' &&
	 test -x '$INST/usr/local/lib/poortwachter/cgi-bin/login' && test -f '$INST/usr/local/share/poortwachter/templates/lang/nl.hdf' &&
	 test -f '$INST/usr/local/share/poortwachter/htdocs/errors/413.html' && test -f '$INST/usr/local/share/poortwachter/sql/001_core.sql'"
check "make install installs no demo data (no default accounts, AUTH-13)" sh -c "! find '$INST' -path '*demo*' | grep -q ."
check "make uninstall removes what install put there" sh -c \
	"make -s uninstall DESTDIR='$INST' PREFIX=/usr/local >/dev/null && test -z \"\$(find '$INST' -type f)\""
mkdir -p "$TMP/cfg" && chmod 700 "$TMP/cfg"
head -c 32 /dev/urandom | base64 >"$TMP/cfg/hmac.key"
head -c 32 /dev/urandom | base64 >"$TMP/cfg/totp.key"
echo pw >"$TMP/cfg/db.pw"
chmod 600 "$TMP/cfg/hmac.key" "$TMP/cfg/totp.key" "$TMP/cfg/db.pw"
sed -e "s|^hmac_key_file = .*|hmac_key_file = $TMP/cfg/hmac.key|" -e "s|^password_file = .*|password_file = $TMP/cfg/db.pw|" \
	-e "s|^totp_key_file = .*|totp_key_file = $TMP/cfg/totp.key|" \
	-e "s|^templates = .*|templates = $ROOT/templates|" conf/portal.conf.example >"$TMP/cfg/portal.conf"
check "conf/portal.conf.example is a valid configuration" env PORTAL_CONFIG="$TMP/cfg/portal.conf" \
	build/rel/cgi-bin/portalctl check-config
chmod 644 "$TMP/cfg/db.pw"
check "a group- or world-readable secret file stops the programs from starting" sh -c \
	"! env PORTAL_CONFIG='$TMP/cfg/portal.conf' build/rel/cgi-bin/portalctl check-config"

section "C unit tests"
for t in build/rel/tests/test_*; do
	"$t" "$ROOT/templates" 2>>"$TMP/unit.err" | sed "s/^\(not ok\|ok\) [0-9]* - /\1 - unit $(basename "$t"): /" | out
done

section "fuzz: every parser's libFuzzer target (ASan+UBSan) for ${FUZZ_SECONDS:-5} s (make fuzz: 60 s each)"
sh tests/fuzz/run.sh "$ROOT" "${FUZZ_SECONDS:-5}" --quiet | out

section "HTTP scenarios (nginx, FastCGI)"
if start_stack rel build/rel; then
	REL_VAR=$VAR REL_PORT=$PORT
	BUILD=build/rel $PY tests/http/run.py "http://127.0.0.1:$PORT" "$VAR" "$ROOT" | out

	section "smoke: nginx and Apache + mod_fcgid"
	$PY tests/http/smoke.py "http://127.0.0.1:$PORT" "$VAR" "$ROOT" nginx | out
	APORT=$(free_port)
	if sh conf/stack.sh apache-up "$ROOT" "$VAR" "$APORT" build/rel >"$TMP/apache.log" 2>&1; then
		ok "Apache + mod_fcgid starts on port $APORT"
		$PY tests/http/smoke.py "http://127.0.0.1:$APORT" "$VAR" "$ROOT" apache | out
	else
		notok "Apache + mod_fcgid starts"
		sed 's/^/#   /' "$TMP/apache.log"
	fi
	sh conf/stack.sh apache-down "$VAR" >/dev/null 2>&1

	section "plain CGI (no FastCGI server)"
	cgi() {  # METHOD PATH PROGRAM [BODY]
		body=${4:-}
		printf '%s' "$body" | env -i PATH=/usr/bin:/bin PORTAL_CONFIG="$VAR/conf/portal.conf" REQUEST_METHOD="$1" \
			SCRIPT_NAME="$2" QUERY_STRING= REMOTE_ADDR=127.0.0.1 HTTP_HOST=127.0.0.1 SERVER_PORT=80 \
			CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#body} "build/rel/cgi-bin/$3" 2>>"$TMP/cgi.err"
	}
	cgi_is() { cgi "$2" "$3" "$4" "${5:-}" | grep -q "$1"; }
	check "CGI: GET /login answers 200 with the form" cgi_is 'name="csrf"' GET /login login
	check "CGI: GET /login status line" cgi_is '^Status: 200' GET /login login
	check "CGI: GET /verify_sms without a session → 303 /login" cgi_is '^Location: /login' GET /verify_sms verify_sms
	check "CGI: GET /home without a session → 303 /login?next=/home" cgi_is '^Location: /login?next=/home' GET /home home
	check "CGI: GET /logout without a session → 303 /login" cgi_is '^Location: /login' GET /logout logout
	check "CGI: POST /login reads the body from stdin (no token → 403)" cgi_is '^Status: 403' POST /login login \
		"email=a%40b.nl&password=x"
	check "CGI: security headers" cgi_is "^Content-Security-Policy: default-src 'self'" GET /login login

	section "real browser (chromium + playwright-core)"
	node tests/browser/login.mjs "http://127.0.0.1:$PORT" "$VAR" "$ROOT/tests/browser/out" 2>"$TMP/browser.err" | out
	[ -s "$TMP/browser.err" ] && sed 's/^/#   /' "$TMP/browser.err" | head -n 20
	node tests/browser/pages.mjs "http://127.0.0.1:$PORT" "$VAR" "$ROOT/tests/browser/out" 2>"$TMP/pages.err" | out
	[ -s "$TMP/pages.err" ] && sed 's/^/#   /' "$TMP/pages.err" | head -n 20

	section "soak: the mixed load at 32 connections for ${SOAK_SECONDS:-20} s (make resilience: 10 minutes)"
	sh tests/soak.sh "$ROOT" "$VAR" "$PORT" "${SOAK_SECONDS:-20}" | out

	sh conf/stack.sh down "$VAR" >/dev/null 2>&1
	check "programs wrote no sanitizer or crash report" sh -c "! grep -qE 'Sanitizer|runtime error|Segmentation' '$VAR/log/programs.log'"
fi

section "make run: start, log in with the code from sms.log, Ctrl-C, start again on the same data"
RUNVAR=$TMP/run
STACKS="$STACKS $RUNVAR"
$PY tests/http/makerun.py "$ROOT" "$RUNVAR" "$(free_port)" | out

section "ASan + UBSan: unit and HTTP scenarios again"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in build/san/tests/test_*; do
	"$t" "$ROOT/templates" 2>>"$TMP/unit-san.err" | sed "s/^\(not ok\|ok\) [0-9]* - /\1 - san unit $(basename "$t"): /" | out
done
check "san: unit tests wrote no sanitizer report" sh -c "! grep -qE 'Sanitizer|runtime error' '$TMP/unit-san.err'"
if start_stack san build/san; then
	BUILD=build/san $PY tests/http/run.py "http://127.0.0.1:$PORT" "$VAR" "$ROOT" | sed 's/ - http / - san http /' | out
	sh conf/stack.sh down "$VAR" >/dev/null 2>&1
	check "san: no sanitizer report or leak from the programs over the whole scenario suite" \
		sh -c "! grep -qE 'Sanitizer|runtime error' '$VAR/log/programs.log'"
	grep -E -A12 'Sanitizer|runtime error' "$VAR/log/programs.log" | head -n 40 | sed 's/^/#   /'
	:
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

section "bench: a short pass of make bench (bench/gen.sh at scale 0.001, every scenario once for 1 s)"
STACKS="$STACKS $TMP/bench"
if BENCH_VAR=$TMP/bench BENCH_SCALE=0.001 DURATION=1 REPS=1 BENCH_CHILDREN=2 DB_BUFFER_POOL=256M SETTLE=5 \
	BENCH_OUT=$TMP/bench.txt sh bench/run.sh "$ROOT" >"$TMP/bench.log" 2>&1; then
	ok "bench: data generated, every scenario sanity-checked and measured"
	for sc in baseline bare static login-form page-bytes page-session home users-small users-mid users users-deep \
		incidents-vendor incidents-waiting incidents-search orgs quota-orgs grant; do
		check "bench: $sc answered without an error" grep -qE "^$sc +[0-9]+ req/s .* errors 0 " "$TMP/bench.txt"
	done
	check "bench: 64 parallel logins, none failed" grep -qE "^login \(64 clients.* failed 0 " "$TMP/bench.txt"
	check "bench: home answered during those logins without an error" grep -qE "^home during those logins: .* errors 0$" "$TMP/bench.txt"
	rt_at_most_3() { grep '^round trips' "$1" | tr ',' '\n' | awk '{ if ($NF + 0 > 3) bad = 1 } END { exit bad }'; }
	check "bench: round trips per authenticated page at most 3" rt_at_most_3 "$TMP/bench.txt"
	check "bench: the statements behind the pages explained, each within its budget of rows read, none scanning a large table" \
		grep -qE "^# query plans \(bench/plans.py\): [0-9]+ statements, 0 over budget" "$TMP/bench.txt"
else
	notok "bench: data generated, every scenario sanity-checked and measured"
	tail -n 30 "$TMP/bench.log" | sed 's/^/#   /'
	grep "NOT OK" "$TMP/bench.txt" 2>/dev/null | sed 's/^/#   over its budget: /'   # above the tail's 30 lines
fi

section "valgrind: login, users, dossiers, incidents, then support, documents and news: 1,000, 400, 300, 200 and 250 requests"
export PROGS="login verify_sms users dossiers incidents account support documents news" CHILDREN=1
export WRAP="/usr/bin/valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --log-file=$TMP/vg/log/valgrind.%p.log"
start_stack vg build/rel && VG_OK=1 || VG_OK=0
unset PROGS CHILDREN WRAP
if [ "$VG_OK" = 1 ]; then
	$PY tests/http/soak.py "http://127.0.0.1:$PORT" "$VAR" "$ROOT" 1000 2 400 300 200 250 | out
	sh conf/stack.sh down "$VAR" >/dev/null 2>&1
	vglogs=$(ls "$VAR"/log/valgrind.*.log 2>/dev/null | tr "\n" " ")
	check "valgrind: every program ran and exited cleanly under valgrind" sh -c "[ -n '$vglogs' ] && for f in $vglogs; do grep -q 'ERROR SUMMARY' \$f || exit 1; done"
	check "valgrind: no memory error and no leak (definite or indirect)" \
		sh -c "grep -h 'ERROR SUMMARY' $vglogs | grep -qv 'ERROR SUMMARY: 0 errors' && exit 1; exit 0"
	if grep -h 'ERROR SUMMARY' $vglogs | grep -qv 'ERROR SUMMARY: 0 errors'; then
		grep -h -A25 'Invalid\|uninitialised\|are definitely lost\|are indirectly lost' $vglogs | head -n 80 | sed 's/^/#   /'
	fi
fi

printf '\n'
passed=$(grep -c '^ok' "$LOG")
failed=$(grep -c '^not ok' "$LOG")
if [ "$failed" -gt 0 ]; then
	echo "# failed:"
	grep '^not ok' "$LOG" | sed 's/^/#   /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
