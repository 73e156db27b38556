"""plans.py: the query plans of the statements behind every page, checked against the data at scale (issue 7:
"indexes checked with EXPLAIN"). `python3 bench/plans.py ROOT VAR [OUT]`, against a running stack in VAR.

The statements' text comes from the programs themselves (`portalctl sql`), so the code as built is what gets
checked; their parameters are filled in below with values from the data (the organisation of 10,000
colleagues, its admin, the newest incident, ...). MariaDB plans a prepared statement anew on every execution
with its parameters' values, so the literal text explained here gets the plan the programs get.

For each statement: EXPLAIN, which must not scan a large table whole (type ALL on a table of more than 1,000
rows), and one execution with the server's Handler_read_* counters around it: the rows and index entries it
read, which must stay within the statement's budget. A page's budget is fixed (its cost must not grow with
the organisation); a count's budget is a multiple of what it counts. Prints a line per statement and exits 1
when any is over."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(sys.argv[1], "tests", "http"))
from portaltest import Stack  # noqa: E402

ROOT, VAR = sys.argv[1], sys.argv[2]
OUT = sys.argv[3] if len(sys.argv) > 3 else None
s = Stack("http://127.0.0.1:1", VAR, ROOT)
env = dict(os.environ, PORTAL_CONFIG=os.path.join(VAR, "conf", "portal.conf"))
ESC = {"t": "\t", "n": "\n", "\\": "\\"}
sql = {name: re.sub(r"\\(.)", lambda m: ESC[m.group(1)], text) for name, text in (
    line.split("\t", 1) for line in subprocess.run(
        [os.path.join(ROOT, "build", "rel", "cgi-bin", "portalctl"), "sql"], env=env, check=True,
        capture_output=True, text=True).stdout.splitlines())}

# the data the parameters come from: the largest organisation and its first admin
big, n_big = s.db("SELECT org_id, COUNT(*) c FROM users GROUP BY org_id ORDER BY c DESC, org_id LIMIT 1")[0]
n_big = int(n_big)
admin = s.db1("SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.rkey = 'beheerder'"
              " WHERE ur.org_id = %s ORDER BY ur.user_id LIMIT 1" % big)
email = s.db1("SELECT email FROM users WHERE id = %s" % admin)
token = s.db1("SELECT HEX(token_hash) FROM sessions WHERE user_id = %s ORDER BY id DESC LIMIT 1" % admin) or "00" * 32
mid = s.db("SELECT name_key, id FROM users WHERE org_id = %s AND status <> 'removed' ORDER BY name_key, id"
           " LIMIT 1 OFFSET %d" % (big, n_big // 2))[0]
inc = s.db1("SELECT MAX(id) FROM incidents")
n_submitters = s.db1("SELECT COUNT(DISTINCT submitter_id) FROM incidents WHERE org_id = %s" % big)
medewerker = s.db1("SELECT id FROM roles WHERE rkey = 'medewerker'")
beheerder = s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'")
dossier, d_org = (s.db("SELECT id, org_id FROM dossiers ORDER BY id LIMIT 1") or [["0", "0"]])[0]
n_members = int(s.db1("SELECT COUNT(*) FROM dossier_users WHERE dossier_id = %s" % dossier) or 0)
resp = s.db1("SELECT IFNULL(MAX(responsible_id), 0) FROM dossiers WHERE org_id = %s" % d_org)
now = int(time.time())


class Hex(str):
    pass


def literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, Hex):
        return "X'%s'" % v
    if isinstance(v, int):
        return str(v)
    return "'%s'" % str(v).replace("\\", "\\\\").replace("'", "''")


N = None
PAGE = 51


def count(k):   # a count's budget: k rows a colleague of the largest organisation, and a floor for small data
    return 200 + k * n_big



no_cursor = [N, N, N, N]                       # cursor key x3, cursor id
no_search = [N, N, N, N]                       # search x4
# name, parameters, budget of rows read, what it is
PLANS = [
    ("lib/session.auth", [Hex(token)], 10, "every request"),
    ("lib/session.auth_dossier", [int(dossier), Hex(token)], 10, "every request in a dossier"),
    ("lib/session.acting", [now, big], 20, "every request of the support desk in a customer"),
    ("cgi-bin/login.by_email", [email], 20, "login"),
    ("lib/colleague.by_name", [big, N, N] + no_search + [N, N, 0] + no_cursor + [PAGE], 200, "users, first page"),
    ("lib/colleague.by_name", [big, N, N] + no_search + [N, N, 0, mid[0], mid[0], mid[0], int(mid[1]), PAGE], 200,
     "users, a middle page"),
    ("lib/colleague.by_email", [big, N, N] + no_search + [N, N, 0] + no_cursor + [PAGE], 200, "users by e-mail"),
    ("lib/colleague.by_login", [big, N, N] + no_search + [N, N, 0] + no_cursor + [PAGE], 200, "users by last login"),
    ("lib/colleague.by_name", [big, "invited", "invited"] + no_search + [N, N, 0] + no_cursor + [PAGE], count(3),
     "users, a status (reads the organisation's index range: count-like)"),
    ("lib/colleague.by_name", [big, "active", "active"] + no_search + [N, N, 1] + no_cursor + [PAGE], count(3),
     "users without a confirmed number (the checklist's view: reads the organisation's index range)"),
    ("lib/colleague.by_name", [big, N, N] + ["%zz%"] * 4 + [N, N, 0] + no_cursor + [PAGE], count(3),
     "users, a search (reads the organisation)"),
    ("cgi-bin/dossiers/list.org_people", [big, N, N, N, N, N, N, 201], 600, "the dossier forms' colleague pickers (the first 200)"),
    ("cgi-bin/dossiers/list.org_people", [d_org, N, N, N, N, int(dossier), int(dossier), 201], 1200, "the assign picker: the first 200 not"
     " in the dossier (per colleague read, a lookup in the dossier's members)"),
    ("cgi-bin/dossiers/list.org_people", [big] + ["%zz%"] * 4 + [N, N, 201], count(3), "the pickers searched (reads the organisation)"),
    ("lib/colleague.get", [admin, big], 10, "a colleague"),
    ("lib/authz.admins_other", [big, big, admin], 100, "every grant and removal"),
    ("lib/authz.checklist", [big, big, big, big], count(3), "the checklist (a count, cached per users_version)"),
    ("cgi-bin/home.waiting_mine", [big, admin], 300, "Mijn portaal: own incidents waiting (at most 100, cached per work_version)"),
    ("cgi-bin/home.waiting_org", [big], 300, "Mijn portaal: the organisation's incidents waiting (at most 100)"),
    ("cgi-bin/home.queue_new", [], 300, "Mijn portaal: new incidents in the vendor's queue (at most 100)"),
    ("cgi-bin/home.to_approve", [resp or admin, d_org], 600, "Mijn portaal: documents to approve (at most 100)"),
    ("cgi-bin/home.grant", [big, now], 100, "Mijn portaal: the organisation's active grant"),
    ("cgi-bin/home.grants_active", [now], 300, "Mijn portaal: the customers' active grants (at most 100)"),
    ("lib/quota.count", [big, big, 0], count(4), "a grant of a submitting role (counts the submitters)"),
    ("cgi-bin/quota.people", [big, big, N, N, N, 0, 101], count(3), "the admins' quota page, its first 100 (holders and experts;"
     " the organisation's grants of a submitting role read once; each colleague up to the hundredth listed: its"
     " index entry, row and grants, count-like when few count)"),
    ("cgi-bin/rights/roles.role_counts", [big], count(6), "the rights overview (counts every grant, cached per users_version)"),
    ("lib/colleague.by_name", [big, N, N] + no_search + [medewerker, medewerker, 0] + no_cursor + [PAGE], 400,
     "the holders of a role, a page (a role most hold: the overview's first page and a grant each)"),
    ("lib/colleague.by_name", [big, N, N] + no_search + [beheerder, beheerder, 0] + no_cursor + [PAGE], count(4),
     "the holders of a role few hold (per colleague of the organisation its index entry, row and grants: count-like)"),
    ("cgi-bin/incidents/list.queue", [N, N, N, N, N, N, N, N, N, N, 0, PAGE], 300, "the vendor's queue, first page"),
    ("cgi-bin/incidents/list.queue", [N, N, N, "waiting", "waiting", N, N, N, N, N, 0, PAGE], 300, "the queue, a status"),
    ("cgi-bin/incidents/list.window_queue", [N, N, N, N, N, N, N], 60000, "a search's window (50,000 index entries)"),
    ("cgi-bin/incidents/list.list_org", [big, N, N, N, N, N, N, N, N, N, 0, PAGE], 300, "a customer's incidents"),
    ("cgi-bin/incidents/list.submitters", [big, big, N, N, N, 201], 200 + 3 * int(n_submitters), "a customer's incidents: the submitter filter"
     " (per submitter an index entry, a lookup and a row; %s submitters)" % n_submitters),
    ("cgi-bin/incidents/incident.get", [int(inc)], 20, "an incident"),
    ("cgi-bin/incidents/incident.msgs", [int(inc), N, N, 101], 50, "its messages, the newest page"),
    ("cgi-bin/audit.list", [big, N, N, N, N, N, N, N, N, N, N, N, PAGE], 300, "the audit log, first page"),
    # the two vendor lists take each row's admins and submitters from org_counts once a page has been viewed
    # at the current versions (sql/020; bench/run.sh viewed both first pages), and /orgs each row's open
    # incidents from the organisation's row (sql/021, kept by triggers). Counted afresh, the first page would
    # read every grant of the largest customer (13,000 rows in gen.sh's data at scale 1) and every open
    # incident's index entry of each customer on it (5,000).
    ("cgi-bin/orgs.list", [N, N, N, N, N, N, PAGE], 400, "the vendor's customers, first page (counts kept)"),
    ("cgi-bin/quota.orgs", [N, N, N, N, N, N, N, PAGE], 400, "the vendor's quota page, first page (counts kept)"),
    ("cgi-bin/quota.orgs", [1, N, N, N, N, N, N, PAGE], 3000 + 4 * n_big, "the quota page, those over (maybe counted)"),
    ("lib/quota.classes_over", [], 100, "the quota page's classes and over-count"),
    ("cgi-bin/support.org", [now, big], 30, "the support desk entering a customer"),
    ("cgi-bin/support.desk", [now, N, N, N, N, N, N, 101], 600, "the vendor's support desk, first page"),
    ("cgi-bin/support.list", [big, admin, now - 3600, N, N, 51], 200, "a customer's support grants, a page"),
    ("lib/sms.count_user", [now - 3600, now - 600, admin, now - 86400], 50, "an SMS code's limits"),
    ("cgi-bin/dossiers/list.dossiers_mine", [admin, big, N, N, N, N, N, 0, 51], 200, "the colleague's dossiers, a page"),
    ("cgi-bin/dossiers/list.dossiers_all", [d_org, N, N, N, N, N, 0, 51], 400, "the organisation's dossiers, a page"),
    ("cgi-bin/dossiers/documents.inbox_all", [int(dossier), N, N, 101], 300, "a dossier's inbox, a page of 100"),
    ("cgi-bin/dossiers/documents.processed", [int(dossier), N, N, 101], 300, "a dossier's archive, a page of 100"),
    ("cgi-bin/dossiers/documents.stats", [int(dossier)], 3000, "a dossier's figures (counts its documents)"),
    ("cgi-bin/dossiers/documents.forward_targets", [int(dossier), d_org, 0, N, N, N, 201], 200 + 6 * n_members, "a dossier inbox's forward"
     " form, the first 200 who may approve (sorts the dossier's %s users by name: per user an index entry, a row and"
     " their roles)" % n_members),
    ("cgi-bin/rights/user.user_dossiers", [admin, big, N, N, N, N, 51], 300, "a colleague's dossiers on the rights page, a page"),
    ("cgi-bin/dossiers/requests.list", [resp, d_org, 0, 51], 300, "the account requests to a responsible person, a page"),
    ("cgi-bin/dossiers/requests.resp_dossiers", [d_org, resp, N, N, 201], 700, "one account request's dossier select (the first 200)"),
]
LARGE = {r[0]: int(r[1]) for r in s.db("SELECT table_name, table_rows FROM information_schema.tables"
                                        " WHERE table_schema = 'poortwachter'")}
READS = ("SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS"
         " WHERE VARIABLE_NAME LIKE 'HANDLER\\_READ\\_%'")
overhead = int(s.db("FLUSH STATUS; SELECT 1; " + READS)[-1][0])
lines, bad = [], 0
for name, params, budget, what in PLANS:
    if name not in sql:
        lines.append("%-44s NOT OK: no program has a statement of that name (portalctl sql)" % name)
        bad += 1
        continue
    text = sql[name]
    parts = text.split("?")
    if len(parts) - 1 != len(params):
        lines.append("%-44s NOT OK: %d parameters in the statement, %d given here" % (name, len(parts) - 1, len(params)))
        bad += 1
        continue
    q = parts[0] + "".join(literal(v) + p for v, p in zip(params, parts[1:]))
    plan = s.db("EXPLAIN " + q)   # id, select_type, table, type, possible_keys, key, key_len, ref, rows, Extra
    scans = [r[2] for r in plan if r[3] == "ALL" and LARGE.get(r[2], 0) > 1000]
    read = int(s.db("FLUSH STATUS; " + q + "; " + READS)[-1][0]) - overhead
    ok = not scans and read <= budget
    bad += not ok
    keys = " ".join("%s:%s" % (r[2], r[5] if r[5] != "NULL" else r[3]) for r in plan if r[2] != "NULL") \
        or plan[0][9]   # no table read: "Impossible WHERE noticed after reading const tables" and the like
    lines.append("%-44s %s read %7d (budget %7d) %s; plan %s%s" % (
        name, "ok    " if ok else "NOT OK", read, budget, what, keys,
        "; scans %s whole" % ", ".join(scans) if scans else ""))
report = ["# query plans (bench/plans.py): %d statements, %d over budget or scanning a large table whole;"
          " largest organisation %d colleagues" % (len(PLANS), bad, n_big)] + lines
print("\n".join(report))
if OUT:
    with open(OUT, "a") as f:
        f.write("\n".join(report) + "\n")
sys.exit(1 if bad else 0)
