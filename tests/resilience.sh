#!/bin/sh
# resilience.sh: `make resilience`, on a throwaway stack of its own (loopback only, bounded in time): the
# fault tests of tests/http/test_resilience.py (database stopped, also for 10 s under load, and killed with
# SIGKILL under a write load; a FastCGI child killed; a full, read-only or missing upload folder), then the
# mixed soak of tests/soak.sh for SOAK_SECONDS (default 600: 32 connections, no 4xx/5xx, memory flat).
# make test runs the same tests in its HTTP suite and a 20 s soak. Ends with "N passed, N failed".
set -u
ROOT=$1
PY=/usr/bin/python3
TMP=$(mktemp -d /tmp/poortwachter-resilience.XXXXXX)
chmod 755 "$TMP"
VAR=$TMP/var
trap 'sh "$ROOT/conf/stack.sh" down "$VAR" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
cd "$ROOT" || exit 1
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if ! TEST_CLOCK=1 sh conf/stack.sh up "$ROOT" "$VAR" "$PORT" build/rel >"$TMP/up.log" 2>&1; then
	cat "$TMP/up.log"
	echo "0 passed, 1 failed"
	exit 1
fi
{
	BUILD=build/rel $PY tests/http/run.py "http://127.0.0.1:$PORT" "$VAR" "$ROOT" test_resilience
	sh tests/soak.sh "$ROOT" "$VAR" "$PORT" "${SOAK_SECONDS:-600}"
} | tee "$TMP/log"
passed=$(grep -c '^ok' "$TMP/log")
failed=$(grep -c '^not ok' "$TMP/log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
