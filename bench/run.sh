#!/bin/sh
# run.sh: `make bench`: wrk against a stack of the benchmark's own (var/bench, kept between runs: the data at
# scale is generated once, by bench/gen.sh), release build, BENCH_CHILDREN FastCGI children per program
# (default 4). Scenarios:
#   baseline          issue 7's baseline (bench/baseline.c): a program linked with libportal rendering a one-line
#                     template through the programs' request path, no database; the ratios are to it
#   bare              the raw ceiling (bench/bare.c): a fixed text through libfcgi alone; ratios to it beside
#   static            a CSS file from nginx
#   login-form        the login form (library, template, no database)
#   page-bytes        a body of the users page's size from memory through the library (bench/ceiling.c), no
#                     session, no query: what the page's size alone costs the stack
#   page-session      the same after the session check (the one query of every authenticated page): the most
#                     any cache of a list page could give
#   home              the authenticated home page
#   users-small       Gebruikersbeheer in an organisation of 10 colleagues
#   users-mid         the same in an organisation of about 100 (a page of 50, as users)
#   users             the same in the organisation of 10,000 colleagues, first page
#   users-deep        the same, a middle page reached by keyset (the 5,000th colleague on)
#   incidents-vendor  the vendor's queue over every incident (1,000,000 at scale), first page
#   incidents-waiting the same, filtered on a status
#   incidents-search  the same, searched for a word no incident holds: one window of 50,000 read (LIKE)
#   orgs              the vendor's customers (/orgs: admins, quota use, open incidents per row), first page
#   quota-orgs        the vendor's quota page (/quota/orgs), first page
#   grant             POST granting and revoking a role (with CSRF), alternating, in the big organisation
#   login             64 clients in parallel log generated colleagues in the whole way (password and KDF, SMS
#                     code, verify) for DURATION s, while wrk measures home: logins per second and home's p99
#                     (the KDF is bound by design; at most portal.kdf_slots hashes run at once)
# Each scenario is sanity-checked first (status and content, never a login page), then run at 32 connections
# for DURATION s (default 10), REPS times (default 3) interleaved: every scenario once, then again, each after
# the machine has gone quiet (bench/cpu.py settle: the slow text search's last requests ran on for a second
# after its wrk stopped and were counted in /orgs, the next scenario: its p99 and CPU; SETTLE caps the wait,
# default 20 s). Reported:
# the median req/s, p50 and p99 of the repetitions and the ratio to baseline's median, the errors (non-2xx/3xx
# answers, failed connections) and apart from them the requests slower than wrk's 2 s timeout. Also: database round
# trips of one request (the server's statement counter), the rows its statements read (Handler_read_*: what a
# missing index shows as) and the largest resident memory per program; and the processor time per request
# on the server side, by process (bench/cpu.py): where a scenario's time goes, less disturbed by a busy machine. Before the scenarios, bench/plans.py
# explains the statements behind every page against the data and checks the rows each reads against its
# budget; the run fails (after its figures) when one is over or scans a large table whole.
# Figures go to bench/results/<date>-<commit>.txt (BENCH_OUT overrides) with the machine, date and commit.
# BENCH_SCALE (default 1) is passed to gen.sh; make test runs a short pass at 0.001 in a stack of its own.
# BENCH_RSS=1 (`make bench-rss`) measures memory instead: one child per program; home, users (the 10,000
# colleagues' first page) and incidents-vendor, each driven at 8 connections until its child has answered
# RSS_REQUESTS (default 1,000,000), its resident memory sampled every RSS_STEP (100,000). Passes when no
# request failed, the child was never restarted, and its memory at the end is at most 512 kB above the first
# sample and under 16 MB. Figures to bench/results/<date>-<commit>-rss.txt.
set -eu
ROOT=$1
PY=/usr/bin/python3
VAR=${BENCH_VAR:-$ROOT/var/bench}
SCALE=${BENCH_SCALE:-1}
DUR=${DURATION:-10}
REPS=${REPS:-3}
TMP=$(mktemp -d /tmp/poortwachter-bench.XXXXXX)
chmod 755 "$TMP"
trap 'sh "$ROOT/conf/stack.sh" down "$VAR" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
cd "$ROOT"
mkdir -p bench/results "$VAR"
OUT=${BENCH_OUT:-bench/results/$(date -u +%Y%m%d-%H%M)-$(git rev-parse --short HEAD 2>/dev/null || echo nogit)${BENCH_RSS:+-rss}.txt}
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

CHILDREN=${BENCH_CHILDREN:-4} DB_BUFFER_POOL=${DB_BUFFER_POOL:-2G} \
	PROGS="login verify_sms logout account home users rights incidents orgs quota baseline bare ceiling" \
	sh conf/stack.sh up "$ROOT" "$VAR" "$PORT" build/rel >"$TMP/up.log" 2>&1 || { cat "$TMP/up.log"; exit 1; }
sh bench/gen.sh "$ROOT" "$VAR" "$SCALE"

{
	echo "# Poortwachter benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null)"
	echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
	echo "# data (bench/gen.sh, scale $SCALE): $("$PY" - "$ROOT" "$VAR" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1] + "/tests/http")
from portaltest import Stack
s = Stack("http://127.0.0.1:1", sys.argv[2], sys.argv[1])
print(", ".join("%s %s" % (s.db1("SELECT COUNT(*) FROM " + t), t) for t in
                ("organisations", "users", "user_roles", "incidents", "incident_messages", "documents")))
EOF
)"
	if [ -n "${BENCH_RSS:-}" ]; then
		echo "# ${BENCH_CHILDREN:-4} FastCGI child(ren) per program; each scenario driven (wrk -t1 -c8, in 10 s runs) until"
		echo "# its program's child answered ${RSS_REQUESTS:-1000000} requests; resident memory sampled every ${RSS_STEP:-100000}"
	else
		echo "# ${BENCH_CHILDREN:-4} FastCGI children per program; wrk -t2 -c32 -d${DUR}s per scenario, $REPS repetitions"
		echo "# interleaved; median req/s, p50 and p99 (ms); ratio = req/s / baseline req/s (medians of this run), and to bare"
	fi
} | tee "$OUT"

# sessions and the data each scenario needs; every page checked before it is measured
$PY - "$ROOT" "$VAR" "$PORT" "$TMP" <<'EOF'
import re, sys
sys.path.insert(0, sys.argv[1] + "/tests/http")
from portaltest import Stack
s = Stack("http://127.0.0.1:" + sys.argv[3], sys.argv[2], sys.argv[1])
tmp = sys.argv[4]
# a clean slate for the logins below (the bench's own database): no throttles, no earlier sessions or codes
s.db("DELETE FROM auth_throttle; DELETE FROM sms_outbox; DELETE FROM sessions; UPDATE users SET totp_secret = NULL,"
     " totp_pending = NULL, totp_enabled_at = NULL, second_factor = 'sms' WHERE org_id = 1")   # app enrolled anew
# organisation 3 brought to 10 colleagues: the small organisation of the comparison
n3 = int(s.db1("SELECT COUNT(*) FROM users WHERE org_id = 3"))
if n3 < 10:
    s.db("INSERT INTO users (org_id, email, given_name, family_name, mobile, mobile_verified_at, status, created_at)"
         " SELECT 3, CONCAT('small', seq, '@bakkerij-vandenberg.example'), CONCAT('Klein', seq), 'Bakker',"
         " '+31612345678', 1, 'active', 1 FROM seq_1_to_%d" % (10 - n3))
big_org = s.db1("SELECT id FROM organisations WHERE name = 'Bench 00001'")
big_admin = s.db1("SELECT email FROM users WHERE org_id = %s ORDER BY id LIMIT 1" % big_org)
s.logins[big_admin] = s.logins["pieter@dehaan-assurantien.example"]   # gen.sh gave them this password
sessions, rt_paths = {}, {}

def check(name, who, path, text, rows=None):
    c = s.login(who) if who not in sessions else sessions[who]
    sessions[who] = c
    r = c.get(path)
    assert r.status == 200 and text in r.text, "sanity check of %s (%s for %s) failed: %r" % (name, path, who, r)
    if rows:
        n = len(re.findall(rows[0], r.text))
        assert n >= rows[1], "sanity check of %s: %d rows, %d expected" % (name, n, rows[1])
    open("%s/%s.path" % (tmp, name), "w").write(path)
    open("%s/%s.cookie" % (tmp, name), "w").write(c.cookies["pw_session"])
    rt_paths[name] = (c.cookies["pw_session"], path)
    return c, r

check("home", "pieter@dehaan-assurantien.example", "/home", "Mijn portaal")
check("users-small", "marieke@bakkerij-vandenberg.example", "/users", "Gebruikersbeheer", (r'<a href="/users/\d+">', 10))
n = int(s.db1("SELECT COUNT(*) FROM users WHERE org_id = %s AND status <> 'removed'" % big_org))
c, r = check("users", big_admin, "/users", "Gebruikersbeheer", (r'<a href="/users/\d+">', min(50, n)))
mid_org = s.db1("SELECT o.id FROM organisations o JOIN users u ON u.org_id = o.id WHERE o.name LIKE 'Bench %%' AND"
                " o.id <> %s GROUP BY o.id HAVING COUNT(*) BETWEEN 51 AND 200 ORDER BY o.id LIMIT 1" % big_org)
mid_admin = s.db1("SELECT email FROM users WHERE org_id = %s ORDER BY id LIMIT 1" % mid_org)
s.logins[mid_admin] = s.logins["pieter@dehaan-assurantien.example"]
check("users-mid", mid_admin, "/users", "Gebruikersbeheer", (r'<a href="/users/\d+">', 50))
mid = s.db("SELECT name_key, id FROM users WHERE org_id = %s AND status <> 'removed' ORDER BY name_key, id"
           " LIMIT 1 OFFSET %d" % (big_org, n // 2))[0]
check("users-deep", big_admin, "/users?sort=name&ak=%s&ai=%s" % (mid[0].replace(" ", "%20"), mid[1]),
      "Gebruikersbeheer", (r'<a href="/users/\d+">', min(50, n - n // 2 - 1)))
size = len(r.body)
for name, path in (("page-bytes", "/ceiling/bytes?n=%d" % size), ("page-session", "/ceiling/session?n=%d" % size)):
    cl = s.client()
    if name == "page-session":
        cl.cookies["pw_session"] = c.cookies["pw_session"]
    p = cl.get(path)
    assert p.status == 200 and len(p.body) == size and "<tr>" in p.text, "sanity check of %s failed: %r" % (name, p)
    open("%s/%s.path" % (tmp, name), "w").write(path)
    open("%s/%s.cookie" % (tmp, name), "w").write(cl.cookies.get("pw_session", ""))
p = s.client().get("/ceiling/session?n=%d" % size)
assert p.status in (302, 303) and "/login" in (p.location or ""), "sanity check of page-session: without a session %r" % p
vendor = "ahmed.elamrani@poortwachter.example"
n = int(s.db1("SELECT COUNT(*) FROM incidents WHERE status = 'waiting'"))
n_inc = int(s.db1("SELECT COUNT(*) FROM incidents"))
check("incidents-vendor", vendor, "/incidents/queue", "/incidents/", (r'<a href="/incidents/\d+">', 50))
check("incidents-waiting", vendor, "/incidents/queue?status=waiting", "/incidents/", (r'<a href="/incidents/\d+">', min(50, n)))
check("incidents-search", vendor, "/incidents/queue?q=geenmeldingbevatditwoord", 'id="window-end"' if n_inc > 50000 else 'id="no-incidents"')
vendor_admin = "sanne.devries@poortwachter.example"
n_cust = int(s.db1("SELECT COUNT(*) FROM organisations WHERE kind = 'customer'"))
check("orgs", vendor_admin, "/orgs", "/orgs/", (r'<a href="/orgs/\d+">', min(50, n_cust)))
check("quota-orgs", vendor_admin, "/quota/orgs", 'id="over-count"', (r'<tr id="org-\d+"', min(50, n_cust)))
# grant: the big organisation's admin makes a colleague (Medewerker only) a second Beheerder, then not again
# (any role of the organisation's set, the admin role included: the tenant's admin is its top authority)
target = s.db1("SELECT id FROM users WHERE org_id = %s AND status = 'active' ORDER BY id LIMIT 1 OFFSET 10" % big_org)
s.db("DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = %s AND r.rkey <> 'medewerker'" % target)
page = c.get("/rights/users/%s" % target)
assert page.status == 200, "sanity check of grant: %r" % page
csrf = page.csrf()
ids = dict(s.db("SELECT rkey, id FROM roles WHERE rkey IN ('medewerker', 'beheerder')"))
bodies = ["csrf=%s&role=%s&role=%s" % (csrf, ids["medewerker"], ids["beheerder"]), "csrf=%s&role=%s" % (csrf, ids["medewerker"])]
for b in bodies:
    r = c.request("POST", "/rights/users/%s" % target, raw_body=b.encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303 and "saved" in (r.location or ""), "sanity check of grant: %r %s" % (r, re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", r.text))[:600])
held = s.db1("SELECT role_ids FROM users WHERE id = %s" % target)
assert held == str(ids["medewerker"]), "sanity check of grant: roles %s" % held
open(tmp + "/grant.path", "w").write("/rights/users/%s" % target)
open(tmp + "/grant.cookie", "w").write(c.cookies["pw_session"])
open(tmp + "/grant.bodies", "w").write("\n".join(bodies) + "\n")
# database round trips of one request (the server's statement counter) and the rows its statements read
# (the sum of the Handler_read_* counters: index entries and rows, what a missing or unused index inflates);
# each counter's own reading subtracted
def counters():
    st = dict(s.db("SHOW GLOBAL STATUS WHERE Variable_name = 'Questions' OR Variable_name LIKE 'Handler\\_read\\_%'"))
    return int(st["Questions"]), sum(int(v) for k, v in st.items() if k.startswith("Handler_read_"))
a = counters()
b = counters()
cost = (b[0] - a[0], b[1] - a[1])
rt, reads = [], []
for name, (cookie, path) in rt_paths.items():
    cl = s.client()
    cl.cookies["pw_session"] = cookie
    for _ in range(12):   # every child has read the catalogue and its per-organisation counts
        cl.get(path)
    a = counters()
    cl.get(path)
    b = counters()
    rt.append("%s %d" % (name, b[0] - a[0] - cost[0]))
    reads.append("%s %d" % (name, b[1] - a[1] - cost[1]))
open(tmp + "/roundtrips", "w").write("round trips per request: " + ", ".join(rt) + "\n"
                                     "rows read per request: " + ", ".join(reads) + "\n")
EOF
for check in "/baseline ok" "/bare ok" "/css/portal.css --fg" "/login Inloggen"; do
	curl -sf "http://127.0.0.1:$PORT${check% *}" | grep -q -- "${check#* }" || { echo "sanity check ${check% *} failed"; exit 1; }
done
plans=0
[ -n "${BENCH_RSS:-}" ] || $PY bench/plans.py "$ROOT" "$VAR" "$TMP/plans" >/dev/null || plans=1

cat >"$TMP/lat.lua" <<'EOF'
-- the request (an optional cookie, and for a POST bodies used in turn) and the summary line
local bodies, i = {}, 0
local cookie, method = os.getenv("BENCH_COOKIE"), os.getenv("BENCH_METHOD") or "GET"
local file = os.getenv("BENCH_BODIES")
if file and file ~= "" then for line in io.lines(file) do bodies[#bodies + 1] = line end end
request = function()
  local h = {}
  if cookie and cookie ~= "" then h["Cookie"] = "pw_session=" .. cookie end
  if #bodies > 0 then
    i = i % #bodies + 1
    h["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format(method, nil, h, bodies[i])
  end
  return wrk.format(method, nil, h)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write, summary.requests, summary.errors.timeout))
end
EOF
if [ -n "${BENCH_RSS:-}" ]; then
	rss_run() {   # scenario program: wrk until the program's child answered RSS_REQUESTS; a line per RSS_STEP
		sc=$1 w=$(cat "$VAR/run/$2.pid") total=0 next=${RSS_STEP:-100000} errors=0
		child=$(pgrep -P "$w" | head -n 1)
		while [ "$total" -lt "${RSS_REQUESTS:-1000000}" ]; do
			set -- $(BENCH_COOKIE=$(cat "$TMP/$sc.cookie") BENCH_METHOD=GET BENCH_BODIES="" \
				wrk -t1 -c8 -d10s -s "$TMP/lat.lua" "http://127.0.0.1:$PORT$(cat "$TMP/$sc.path")" | awk '/^RESULT/ {print $5 + $7, $6}')
			[ "${2:-0}" -gt 0 ] || { echo "$sc 0 0 1 none"; break; }
			errors=$((errors + $1)) total=$((total + $2))
			if [ "$total" -ge "$next" ]; then
				now=$(pgrep -P "$w" | head -n 1)
				echo "$sc $total $(awk '/^VmRSS/ {print $2}' "/proc/$now/status" 2>/dev/null || echo 0) $errors $([ "$now" = "$child" ] && echo same || echo restarted)"
				next=$((next + ${RSS_STEP:-100000}))
			fi
		done >"$TMP/rss-$sc"
	}
	rss_run home home & a=$!
	rss_run users users & b=$!
	rss_run incidents-vendor incidents & c=$!
	wait "$a" "$b" "$c"
	cat "$TMP/rss-home" "$TMP/rss-users" "$TMP/rss-incidents-vendor" >"$TMP/rss"
	ok=0
	$PY - "$TMP/rss" >"$TMP/summary" <<'EOF' || ok=1
import sys
rows = {}
for line in open(sys.argv[1]):
    p = line.split()
    rows.setdefault(p[0], []).append((int(p[1]), int(p[2]), int(p[3]), p[4]))
bad = 0
for sc, r in rows.items():
    first, last, top = r[0][1], r[-1][1], max(x[1] for x in r)
    ok = r[-1][2] == 0 and all(x[3] == "same" for x in r) and last <= first + 512 and top < 16384
    bad += not ok
    print("%-17s %s: %d requests, failed %d, child %s; resident memory (kB) after n requests: %s"
          % (sc, "ok" if ok else "NOT OK", r[-1][0], r[-1][2], r[-1][3], ", ".join("%dk %d" % (x[0] // 1000, x[1]) for x in r)))
sys.exit(bad > 0 or len(rows) < 3)
EOF
	tee -a "$OUT" <"$TMP/summary"
	echo "results: $OUT"
	exit "$ok"
fi
SCENARIOS="baseline bare static login-form page-bytes page-session home users-small users-mid users users-deep incidents-vendor incidents-waiting incidents-search orgs quota-orgs grant"
path_of() {
	case $1 in
	baseline) echo /baseline ;; bare) echo /bare ;; static) echo /css/portal.css ;; login-form) echo /login ;;
	*) cat "$TMP/$1.path" ;;
	esac
}
program_of() {   # the FastCGI program behind a scenario (bench/cpu.py)
	case $1 in
	static) echo - ;; login-form) echo login ;; page-*) echo ceiling ;; users*) echo users ;; incidents*) echo incidents ;;
	quota-orgs) echo quota ;; grant) echo rights ;; *) echo "$1" ;;
	esac
}
rep=1
while [ "$rep" -le "$REPS" ]; do
	for sc in $SCENARIOS; do
		cookie="" method=GET bodies=""
		[ -f "$TMP/$sc.cookie" ] && cookie=$(cat "$TMP/$sc.cookie")
		[ "$sc" = grant ] && method=POST bodies=$TMP/grant.bodies
		$PY bench/cpu.py settle "${SETTLE:-20}"
		$PY bench/cpu.py snap "$TMP/cpu-a"
		BENCH_COOKIE=$cookie BENCH_METHOD=$method BENCH_BODIES=$bodies \
			wrk -t2 -c32 -d"${DUR}s" -s "$TMP/lat.lua" "http://127.0.0.1:$PORT$(path_of "$sc")" >"$TMP/wrk"
		$PY bench/cpu.py snap "$TMP/cpu-b"
		awk -v sc="$sc" '/^RESULT/ {print sc, $2, $3, $4, $5, $7}' "$TMP/wrk" >>"$TMP/results"
		$PY bench/cpu.py diff "$TMP/cpu-a" "$TMP/cpu-b" "$sc" "$(program_of "$sc")" \
			"$(awk '/^RESULT/ {print $6}' "$TMP/wrk")" "$TMP/cpu"
	done
	rep=$((rep + 1))
done
$PY - "$TMP/results" "$SCENARIOS" >"$TMP/summary" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for sc in sys.argv[2].split():
    r = [x for x in rows if x[0] == sc]
    med[sc] = [statistics.median(float(x[i]) for x in r) for i in (1, 2, 3)] + [sum(int(x[i]) for x in r) for i in (4, 5)]
for sc in sys.argv[2].split():
    rps, p50, p99, err, slow = med[sc]
    print("%-18s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  ratio %.2f  (bare %.2f)%s"
          % (sc, rps, p50, p99, err, rps / med["baseline"][0], rps / med["bare"][0],
             "  (%d slower than wrk's 2 s timeout)" % slow if slow else ""))
print("users / users-small: %.2f (cost independent of the organisation's size: 1.00)" % (med["users"][0] / med["users-small"][0]))
print("users / users-mid: %.2f (both a page of 50 rows: 10,000 colleagues against about 100)" % (med["users"][0] / med["users-mid"][0]))
print("users / page-session: %.2f (the page against its ceiling: the session check and the page's bytes from memory)"
      % (med["users"][0] / med["page-session"][0]))
EOF
tee -a "$OUT" <"$TMP/summary"
{
	echo "# processor time per request on the server side (bench/cpu.py: user+system time of the program's children,"
	echo "# mariadbd and nginx over each run, divided by its requests; median of the repetitions; wrk not counted)"
	$PY bench/cpu.py report "$TMP/cpu"
} | tee -a "$OUT"
tee -a "$OUT" <"$TMP/roundtrips"
tee -a "$OUT" <"$TMP/plans"

# login: 64 clients (each from an address of its own, 127.0.0.2-65: the per-address limits hold for each) log
# generated colleagues in, the whole way (password and KDF, SMS code, verify), while wrk measures home
$PY bench/cpu.py settle "${SETTLE:-20}"
$PY - "$ROOT" "$VAR" "$PORT" "$DUR" "$TMP/login" <<'EOF' &
import re, subprocess, sys, threading, time
sys.path.insert(0, sys.argv[1] + "/tests/http")
from portaltest import Stack
s = Stack("http://127.0.0.1:" + sys.argv[3], sys.argv[2], sys.argv[1])
dur = float(sys.argv[4])
emails = [r[0] for r in s.db("SELECT u.email FROM users u JOIN organisations o ON o.id = u.org_id"
                              " WHERE o.name LIKE 'Bench %' AND o.id <> (SELECT id FROM organisations WHERE name = 'Bench 00001')"
                              " AND u.status = 'active' AND u.mobile_verified_at IS NOT NULL ORDER BY u.id DESC LIMIT 3000")]
password = s.password("pieter@dehaan-assurantien.example")
kdf = s.db1("SELECT SUBSTRING_INDEX(password_hash, '$', 3) FROM users WHERE email = 'pieter@dehaan-assurantien.example'")
sql = subprocess.Popen(["mariadb", "--no-defaults", "-S", sys.argv[2] + "/run/mysqld.sock", "-uroot", "-N", "-B",
                        "--unbuffered", "poortwachter"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                       env={"MYSQL_PWD": open(sys.argv[2] + "/secrets/db-root.pw").read().strip()})
lock, done, failed, stop = threading.Lock(), [0], [], time.monotonic() + dur

def code(email):   # the newest SMS of the colleague, read over one open connection
    with lock:
        sql.stdin.write("SELECT COALESCE((SELECT o.body FROM sms_outbox o JOIN users u ON u.id = o.user_id WHERE"
                        " u.email_live = '%s' ORDER BY o.id DESC LIMIT 1), '-');\n" % email)
        sql.stdin.flush()
        m = re.search(r"\b(\d{6})\b", sql.stdout.readline())
    return m.group(1) if m else None

def run(k):
    while time.monotonic() < stop:
        with lock:
            if not emails:
                return
            email = emails.pop()
        c = s.client(source="127.0.0.%d" % (2 + k))
        c, r = s.login_password(email, password=password, client=c)
        if r.status == 303 and r.location.startswith("/verify_sms"):
            r = c.post("/verify_sms", {"code": code(email)}, csrf_from="/verify_sms")
        if r.status == 303 and r.location == "/home":
            done[0] += 1
        else:
            failed.append(r.status)
        c.close()

t0 = time.monotonic()
threads = [threading.Thread(target=run, args=(k,)) for k in range(64)]
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.monotonic() - t0
open(sys.argv[5], "w").write("login (64 clients in parallel, the whole login, KDF %s): %d in %.1f s, %.1f per s,"
                             " failed %d %s\n" % (kdf, done[0], took, done[0] / took, len(failed), sorted(set(failed))))
EOF
login_pid=$!
BENCH_COOKIE=$(cat "$TMP/home.cookie") BENCH_METHOD=GET BENCH_BODIES="" \
	wrk -t2 -c32 -d"${DUR}s" -s "$TMP/lat.lua" "http://127.0.0.1:$PORT/home" | awk '/^RESULT/ {print $2, $3, $4, $5 + $7}' >"$TMP/home-login"
wait "$login_pid"
read -r rps p50 p99 err <"$TMP/home-login"
tee -a "$OUT" <"$TMP/login"
printf 'home during those logins: %s req/s  p50 %s ms  p99 %s ms  errors %s\n' "$rps" "$p50" "$p99" "$err" | tee -a "$OUT"
for p in home users incidents rights orgs quota; do   # resident memory of the program's largest child after the run
	w=$(cat "$VAR/run/$p.pid")
	rss=$(for c in $(pgrep -P "$w"); do awk '/^VmRSS/ {print $2}' "/proc/$c/status"; done | sort -n | tail -n 1)
	echo "resident memory: $p, largest child ${rss:-?} kB" | tee -a "$OUT"
done
echo "results: $OUT"
[ "$plans" = 0 ] || { echo "query plans: a statement read more than its budget or scanned a large table whole (above)"; exit 1; }
