#!/bin/sh
# run.sh: `make bench`: wrk against a private stack, per number of FastCGI children per program (2, 4, 8):
#   baseline  a bare FastCGI program (bench/baseline.c): the stack's ceiling, measured in the same run
#   static    a CSS file from nginx
#   login     the login form (library, template, no database)
#   home      the authenticated home page (session + user + rights query, roles query, template)
#   users-10  Gebruikersbeheer's first page for an organisation of 10 colleagues
#   users-10k the same for an organisation of 10,000 colleagues (generated), and a page deep in its list
#             (keyset pagination: it should cost the same as the first page and as the small organisation)
# Each scenario is sanity-checked first (status and content), then run at 32 connections for 10 s. Per
# configuration also: database round trips of one request (the server's statement counter) and the resident
# memory of the largest home and users child after the run.
# Figures go to bench/results/<date>-<commit>.txt with the machine, the date and the commit.
set -eu
ROOT=$1
PY=/usr/bin/python3
TMP=$(mktemp -d /tmp/poortwachter-bench.XXXXXX)
chmod 755 "$TMP"
VAR=$TMP/var
trap 'sh "$ROOT/conf/stack.sh" down "$VAR" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
cd "$ROOT"
mkdir -p bench/results
OUT=bench/results/$(date -u +%Y%m%d-%H%M)-$(git rev-parse --short HEAD 2>/dev/null || echo nogit).txt
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DUR=${DURATION:-10}

{
	echo "# Poortwachter benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null)"
	echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
	echo "# wrk -t2 -c32 -d${DUR}s per scenario; req/s, latency p50 and p99; ratio = req/s / baseline req/s"
} | tee "$OUT"

wrk_run() {  # NAME PATH [COOKIE]
	lua=$TMP/lat.lua
	cat >"$lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF
	if [ -n "${3:-}" ]; then
		wrk -t2 -c32 -d"${DUR}s" -s "$lua" -H "Cookie: pw_session=$3" "http://127.0.0.1:$PORT$2"
	else
		wrk -t2 -c32 -d"${DUR}s" -s "$lua" "http://127.0.0.1:$PORT$2"
	fi | awk '/^RESULT/ {print $2, $3, $4, $5}'
}

for children in 2 4 8; do
	CHILDREN=$children PROGS="login verify_sms logout home users baseline" \
		sh conf/stack.sh up "$ROOT" "$VAR" "$PORT" build/rel >"$TMP/up.log" 2>&1 || { cat "$TMP/up.log"; exit 1; }
	set -- $($PY - "$ROOT" "$VAR" "$PORT" "$TMP/roundtrips" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1] + "/tests/http")
from portaltest import Stack
s = Stack("http://127.0.0.1:" + sys.argv[3], sys.argv[2], sys.argv[1])
# 10,000 colleagues in organisation 4 (once per stack), active with confirmed numbers
if int(s.db1("SELECT COUNT(*) FROM users WHERE org_id = 4")) < 10000:
    s.db("INSERT INTO users (org_id, email, given_name, family_name, mobile, mobile_verified_at, status, created_at,"
         " last_login_at) SELECT 4, CONCAT('bench', seq, '@zeeuwse-onderlinge.example'), CONCAT('Bench', seq),"
         " CONCAT('Achternaam', LPAD(seq, 5, '0')), '+31612345678', 1, 'active', 1, 1000 + seq FROM seq_1_to_10000")
# organisation 3 brought to 10 colleagues: the small organisation of the comparison
n3 = int(s.db1("SELECT COUNT(*) FROM users WHERE org_id = 3"))
if n3 < 10:
    s.db("INSERT INTO users (org_id, email, given_name, family_name, mobile, mobile_verified_at, status, created_at)"
         " SELECT 3, CONCAT('small', seq, '@bakkerij-vandenberg.example'), CONCAT('Klein', seq), 'Bakker',"
         " '+31612345678', 1, 'active', 1 FROM seq_1_to_%d" % (10 - n3))
out = []
for who, path, text in (("pieter@dehaan-assurantien.example", "/home", "Mijn portaal"),
                        ("marieke@bakkerij-vandenberg.example", "/users", "Gebruikersbeheer"),
                        ("willem.kok@zeeuwse-onderlinge.example", "/users", "Gebruikersbeheer")):
    c = s.login(who)
    r = c.get(path)
    assert r.status == 200 and text in r.text, "sanity check of %s for %s failed" % (path, who)
    out.append(c.cookies["pw_session"])
mid = s.db("SELECT name_key, id FROM users WHERE org_id = 4 ORDER BY name_key, id LIMIT 1 OFFSET 5000")[0]
deep = "/users?sort=name&ak=%s&ai=%s" % (mid[0].replace(" ", "%20"), mid[1])
r = c.get(deep)
assert r.status == 200 and r.text.count('<a href="/users/') >= 50, "sanity check of a deep page failed"
# database round trips of one request (the server's statement counter, its own reading subtracted)
q = lambda: int(s.db("SHOW GLOBAL STATUS LIKE 'Questions'")[0][1])
a = q()
cost = q() - a
rt = []
for name, cookie, path in (("home", out[0], "/home"), ("users-10", out[1], "/users"), ("users-10k", out[2], "/users"),
                           ("users-10k-deep", out[2], deep)):
    cl = s.client()
    cl.cookies["pw_session"] = cookie
    for _ in range(8):   # every child has read the catalogue
        cl.get(path)
    a = q()
    cl.get(path)
    rt.append("%s %d" % (name, q() - a - cost))
open(sys.argv[4], "w").write("round trips per request: " + ", ".join(rt) + "\n")
print(" ".join(out), deep)
EOF
)
	cookie=$1 small=$2 big=$3 deep=$4
	for check in "/baseline ok" "/css/portal.css --fg" "/login Inloggen"; do
		curl -sf "http://127.0.0.1:$PORT${check% *}" | grep -q -- "${check#* }" || { echo "sanity check ${check% *} failed"; exit 1; }
	done
	echo "## $children FastCGI children per program" | tee -a "$OUT"
	base=""
	for sc in "baseline /baseline" "static /css/portal.css" "login /login" "home /home" "users-10 /users" \
		"users-10k /users" "users-10k-deep $deep"; do
		name=${sc%% *} path=${sc#* }
		case $name in
		home) res=$(wrk_run "$name" "$path" "$cookie") ;;
		users-10) res=$(wrk_run "$name" "$path" "$small") ;;
		users-10k*) res=$(wrk_run "$name" "$path" "$big") ;;
		*) res=$(wrk_run "$name" "$path") ;;
		esac
		set -- $res
		[ "$name" = baseline ] && base=$1
		printf '%-14s %8s req/s  p50 %6s ms  p99 %6s ms  errors %s  ratio %s\n' "$name" "$1" "$2" "$3" "$4" \
			"$(awk -v a="$1" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" | tee -a "$OUT"
	done
	tee -a "$OUT" <"$TMP/roundtrips"
	for p in home users; do   # resident memory of the program's largest child after the run
		w=$(cat "$VAR/run/$p.pid")
		rss=$(for c in $(pgrep -P "$w"); do awk '/^VmRSS/ {print $2}' "/proc/$c/status"; done | sort -n | tail -n 1)
		echo "resident memory: $p, largest child ${rss:-?} kB" | tee -a "$OUT"
	done
	sh conf/stack.sh down "$VAR" >/dev/null 2>&1
done
echo "results: $OUT"
