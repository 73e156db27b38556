#!/bin/sh
# soak.sh: the mixed soak of issue 7 against a running stack: `sh tests/soak.sh ROOT VAR PORT SECONDS [OUT]`.
# wrk at 32 connections for SECONDS, four logged-in sessions (two admins, a colleague, the vendor's support
# desk) taking turns over ten pages of seven programs, and a grant and revoke of a role (POST with CSRF)
# among them. The resident memory of every program child is sampled ten times. Passes when no answer was a
# 4xx or 5xx or failed, and memory stayed flat: each program's largest child at most 10 % (and 2 MB) above
# its size after the first tenth of the run, and under 16 MB. Prints "ok - ..." / "not ok - ..." lines and
# the figures (also to OUT when given).
set -eu
ROOT=$1 VAR=$2 PORT=$3 SECONDS_=$4 OUT=${5:-/dev/null}
PY=/usr/bin/python3
TMP=$(mktemp -d /tmp/poortwachter-soak.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
PROGRAMS="home users rights incidents account news audit"

# the sessions and the grant's requests; a failure here is a failed soak, not a skipped one
if ! $PY - "$ROOT" "$VAR" "$PORT" "$TMP" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1] + "/tests/http")
from portaltest import Stack
s = Stack("http://127.0.0.1:" + sys.argv[3], sys.argv[2], sys.argv[1])
s.reset()
s.advance(3600)   # past any resend wait of an earlier login
pages = {
    "pieter@dehaan-assurantien.example": ["/home", "/users", "/rights", "/audit", "/incidents", "/news"],
    "willem.kok@zeeuwse-onderlinge.example": ["/users?sort=login", "/rights/users/14", "/account"],
    "fleur@dehaan-assurantien.example": ["/home", "/account", "/news"],
    "ahmed.elamrani@poortwachter.example": ["/incidents/queue", "/incidents/1"],
}
reqs = []
for who, paths in pages.items():
    c = s.login(who)
    for p in paths:
        r = c.get(p)
        assert r.status == 200 and "/login" not in (r.location or ""), "soak: %s for %s: %r" % (p, who, r)
        reqs.append((c.cookies["pw_session"], "GET", p, ""))
# the grant: Willem (admin of organisation 4) gives colleague 14 Grootboek kijken (a role of the back office's
# set) and takes it back
c = s.login("willem.kok@zeeuwse-onderlinge.example")
page = c.get("/rights/users/14")
role = s.db1("SELECT id FROM roles WHERE rkey = 'ledger_view'")
held = s.db1("SELECT role_ids FROM users WHERE id = 14").split(",")
base = "&".join("role=%s" % r for r in held if r and r != role)
for extra in ("&role=%s" % role, ""):
    body = "csrf=%s&%s%s" % (page.csrf(), base, extra)
    r = c.request("POST", "/rights/users/14", raw_body=body.encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303, "soak: the grant: %r" % r
    reqs.append((c.cookies["pw_session"], "POST", "/rights/users/14", body))
with open(sys.argv[4] + "/reqs.lua", "w") as f:
    f.write("reqs = {\n")
    for cookie, method, path, body in reqs:
        f.write('  {"%s", "%s", "%s", "%s"},\n' % (cookie, method, path, body))
    f.write("}\n")
EOF
then
	echo "not ok - soak: the sessions and the grant could not be set up"
	exit 1
fi
cat "$TMP/reqs.lua" - >"$TMP/soak.lua" <<'EOF'
local i, bad = 0, 0
request = function()
  i = i % #reqs + 1
  local r = reqs[i]
  local h = { ["Cookie"] = "pw_session=" .. r[1] }
  if r[2] == "POST" then
    h["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", r[3], h, r[4])
  end
  return wrk.format("GET", r[3], h)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.2f\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(99) / 1000))
end
EOF

rss() {  # one line: program=largest child's kB ...
	for p in $PROGRAMS; do
		w=$(cat "$VAR/run/$p.pid")
		printf '%s=%s ' "$p" "$(for c in $(pgrep -P "$w"); do awk '/^VmRSS/ {print $2}' "/proc/$c/status"; done | sort -n | tail -n 1)"
	done
	echo
}
wrk -t2 -c32 -d"${SECONDS_}s" --timeout 10s -s "$TMP/soak.lua" "http://127.0.0.1:$PORT/" >"$TMP/wrk.out" 2>&1 &
pid=$!
step=$((SECONDS_ / 10))
[ "$step" -ge 1 ] || step=1
n=0
while [ "$n" -lt 10 ] && kill -0 "$pid" 2>/dev/null; do
	sleep "$step"
	n=$((n + 1))
	kill -0 "$pid" 2>/dev/null && rss >>"$TMP/rss"
done
wait "$pid"
set -- $(awk '/^RESULT/ {print $2, $3, $4, $5}' "$TMP/wrk.out")
{
	echo "# soak: $1 requests in $SECONDS_ s at 32 connections; 4xx/5xx $2, failed $3, p99 $4 ms"
	echo "# resident memory (kB) of each program's largest child, sampled every $step s:"
	sed 's/^/#   /' "$TMP/rss"
} | tee -a "$OUT"
[ "$2" = 0 ] && echo "ok - soak: no 4xx or 5xx answer over $1 requests" || echo "not ok - soak: $2 answers were 4xx or 5xx"
[ "$3" = 0 ] && echo "ok - soak: no request failed or timed out" || echo "not ok - soak: $3 requests failed or timed out"
if $PY - "$TMP/rss" <<'EOF'
import sys
rows = [dict(kv.split("=") for kv in line.split()) for line in open(sys.argv[1]) if line.strip()]
assert len(rows) >= 3, "too few samples"
for p in rows[0]:
    first, last = int(rows[0][p]), max(int(r[p]) for r in rows)
    assert last <= max(first * 1.10, first + 2048), "%s grew from %d to %d kB" % (p, first, last)
    assert last < 16384, "%s at %d kB" % (p, last)
EOF
then echo "ok - soak: resident memory flat and under 16 MB in every program"
else echo "not ok - soak: resident memory grew or exceeded 16 MB"; fi
