"""test_support.py: temporary access for the vendor's support desk (ACC-07, SES-07, LOG-03; issue 6).
An admin prepares a grant and confirms it with a fresh code from the authenticator app: a wrong code, a used
code, an altered form or a grant confirmed already are refused and grant nothing. The vendor access matrix:
every tenant-data route (users, rights, dossiers, audit, read from the programs' own route tables) before the
customer's first admin (bootstrap), after it, under a read grant, a write grant, after revoke and after expiry.
Every vendor request under a grant is in the customer's audit log with the grant's id and on its /support page;
the admins are mailed on grant, first use and end."""
import os
import re
import subprocess
import time

from portaltest import upload, walk_pages

INGRID = "ingrid@hetanker.example"            # Beheerder of org 5 (id 17)
KIM = "kim@hetanker.example"                  # made a second admin of org 5 in the tests that need two
SANNE = "sanne.devries@poortwachter.example"  # vendor admin: orgs.manage (bootstrap) and incidents.handle
AHMED = "ahmed.elamrani@poortwachter.example" # vendor support: incidents.handle only
BRAM = 18                                     # a colleague of org 5 (Full Access profile)
NO_ACCESS = "de klant geeft support geen toegang (meer)"
READ_ONLY = "Support heeft alleen leestoegang gekregen"
IDENTITY = "Wie er kan inloggen, blijft de zaak van de klant"
CSRF_REFUSED = "403"


def build(s):
    return next(b for b in ("build/rel", "build/san") if os.path.exists(os.path.join(s.root, b, "cgi-bin", "support")))


def tenant_routes(s):
    """(method, path, access, right, data) of every route that declares itself a customer's data (read, write or
    identity), from every program's own route table: a new route is in the matrix by itself."""
    out = []
    for p in open(os.path.join(s.root, "conf", "programs")).read().split():
        lines = subprocess.run([os.path.join(s.root, build(s), "cgi-bin", p), "--routes"], capture_output=True,
                               text=True, check=True).stdout.splitlines()
        for line in lines:
            f = line.split()
            method, path, access, right, data = f[:5]
            if data not in ("read", "write", "identity"):
                continue
            out.append((method + (" upload" if f[-1] == "upload" else ""), path, access, None if right == "-" else right,
                        data))
    return out


def prepare(s, c, scope="read", hours=2, reason="Incident 12: rechten nakijken"):
    page = c.get("/support")
    r = c.post("/support", {"csrf": page.csrf(), "scope": scope, "hours": str(hours), "reason": reason})
    assert r.status == 303 and re.fullmatch(r"/support/grants/\d+", r.location), r
    return r.location


def grant(s, c, email, scope="read", hours=2):
    """A confirmed grant of the admin logged in on c; returns its id."""
    url = prepare(s, c, scope, hours)
    page = c.get(url)
    r = c.post(url + "/confirm", {"csrf": page.csrf(), "scope": scope, "hours": str(hours), "code": s.app_code(email)})
    assert r.status == 303 and r.location.endswith("?m=granted"), r
    return int(url.rsplit("/", 1)[1])


def admin_with_app(s, email=INGRID):
    c = s.login(email)
    s.enrol_app(email, c)
    return c


def test_only_admins_and_only_with_the_app(s):
    assert s.login("bram@hetanker.example").get("/support").status == 403
    assert s.login(AHMED).get("/support").status == 403          # the vendor cannot grant itself access
    c = s.login(INGRID)
    page = c.get("/support")
    assert page.status == 200 and 'id="need-app"' in page.text
    r = c.post("/support", {"csrf": page.csrf(), "scope": "write", "hours": "4"})
    assert r.status == 409 and s.db1("SELECT COUNT(*) FROM support_grants") == "0"
    s.enrol_app(INGRID, c)
    for bad in ({"scope": "all", "hours": "4"}, {"scope": "read", "hours": "0"}, {"scope": "read", "hours": "73"},
                {"scope": "read", "hours": "x"}, {"scope": "read", "hours": "4", "reason": "x" * 301}):
        r = c.post("/support", dict(bad, csrf=page.csrf()))
        assert r.status == 422, (bad, r.status)
    assert s.db1("SELECT COUNT(*) FROM support_grants") == "0"


def test_confirmation_is_bound_to_the_prepared_grant_and_a_fresh_code(s):
    c = admin_with_app(s)
    url = prepare(s, c, "read", 2)
    gid = url.rsplit("/", 1)[1]
    page = c.get(url)
    assert 'id="code"' in page.text and "Incident 12: rechten nakijken" in page.text
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
    # a wrong code: refused, nothing granted, audited
    r = c.post(url + "/confirm", {"csrf": page.csrf(), "scope": "read", "hours": "2", "code": "000000"})
    assert r.status == 401 and s.db1("SELECT confirmed_at FROM support_grants WHERE id = %s" % gid) == "NULL"
    # an altered form (a longer or wider grant than prepared): refused, even with a right code
    for scope, hours in (("read", "72"), ("write", "2")):
        r = c.post(url + "/confirm", {"csrf": page.csrf(), "scope": scope, "hours": hours, "code": s.app_code(INGRID)})
        assert r.status == 409, (scope, hours, r.status)
    assert s.db1("SELECT confirmed_at FROM support_grants WHERE id = %s" % gid) == "NULL"
    # the right code for the prepared details: active for exactly its hours
    code = s.app_code(INGRID)
    r = c.post(url + "/confirm", {"csrf": page.csrf(), "scope": "read", "hours": "2", "code": code})
    assert r.status == 303
    assert s.db1("SELECT CONCAT(scope, ' ', expires_at - confirmed_at) FROM support_grants WHERE id = %s" % gid) == "read 7200"
    # changing the duration after confirmation: refused, the grant unchanged
    r = c.post(url + "/confirm", {"csrf": page.csrf(), "scope": "read", "hours": "72", "code": s.app_code(INGRID)})
    assert r.status == 409
    assert s.db1("SELECT expires_at - confirmed_at FROM support_grants WHERE id = %s" % gid) == "7200"
    # the same code again (replay) for a new grant: refused
    url2 = prepare(s, c, "write", 8)
    p2 = c.get(url2)
    r = c.post(url2 + "/confirm", {"csrf": p2.csrf(), "scope": "write", "hours": "8", "code": code})
    assert r.status == 401 and s.db1("SELECT confirmed_at FROM support_grants WHERE id = %s" % url2.rsplit("/", 1)[1]) == "NULL"
    # a grant prepared in another session of the same admin cannot be confirmed here
    other = s.client()
    s.login(INGRID, client=other)
    r = other.post(url2 + "/confirm", {"csrf": other.get("/support").csrf(), "scope": "write", "hours": "8",
                                      "code": s.app_code(INGRID)})
    assert r.status == 409
    # every refusal is in the organisation's audit log, visible to its admins
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE id > %s AND org_id = 5 AND event = 'support_grant_refused'"
                 % mark) == "6"
    log = c.get("/audit")
    assert "Toegang voor support gegeven" in log.text and "Toegang voor support geweigerd" in log.text
    # a confirmation older than 10 minutes: refused
    s.advance(601)
    c2 = s.login(INGRID)
    url3 = prepare(s, c2, "read", 1)
    s.advance(601)
    c2.get("/home")   # the session stays alive
    r = c2.post(url3 + "/confirm", {"csrf": c2.get("/support").csrf(), "scope": "read", "hours": "1",
                                    "code": s.app_code(INGRID)})
    assert r.status in (303, 409)
    if r.status == 303:   # the idle timeout ended the session first: also nothing granted
        assert "/login" in r.location
    assert s.db1("SELECT confirmed_at FROM support_grants WHERE id = %s" % url3.rsplit("/", 1)[1]) == "NULL"


def enter(c, org=5):
    return c.post("/support/desk/%d" % org, {"csrf": c.get("/support/desk").csrf()})


def probe(s, c, state, routes, objs, bootstrap=False):
    """Every tenant-data route once, as the vendor in org 5; state: none, read or write. POSTs carry no CSRF
    token: they are checked only up to the access rule (a refusal for the token proves the rule let them by),
    so the matrix changes nothing. Who can log in (identity routes) is the customer's: refused under any grant,
    open in bootstrap only. Org 5 has no back office in its set: no back-office right reaches the desk there."""
    rights = {"read": {"users.view", "audit.view", "dossiers.view"},
              "write": {"users.view", "audit.view", "dossiers.view", "users.manage", "dossiers.manage"}}.get(state, set())
    in_dossier = ({"archive.view", "reports.view", "finance.view"} | ({"dossier.settings"} if state == "write" else set())
                  if rights else set())
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
    for method, path, access, right, data in routes:
        url = re.sub(r"#", lambda m: str(objs[path]), path)
        r = (c.get(url) if method == "GET" else upload(c, url, "x.pdf", b"%PDF-1.4\n") if method.endswith("upload")
             else c.post(url, {}))
        where = (state, method, url, r.status)
        if state == "none":
            assert r.status == 404 and NO_ACCESS in r.text, where
            assert "bram@hetanker.example" not in r.text and "Brasserie" not in r.text.split("<main")[1], where
            continue
        assert NO_ACCESS not in r.text, where
        if data == "identity" and not bootstrap:
            assert r.status == 403 and IDENTITY in r.text, where
            continue
        if method.startswith("POST"):
            assert r.status == 403 and (READ_ONLY in r.text) == (state == "read"), where
            continue
        if path.endswith("/download"):
            assert r.status in (400, 404, 422), where   # no document named: but past the access rule
            continue
        if path.startswith("/documents"):    # invoices and financial documents: in no grant
            assert r.status in (403, 404) and "Rekening" not in r.text, where
            continue
        if path == "/dossiers/requests/#":   # addressed to the customer's responsible person, not the vendor
            assert r.status == 404 and "nieuw@hetanker.example" not in r.text, where
            continue
        want = 200
        if access == "right" and right not in rights:
            want = 403
        if access == "dossier" and right and right not in in_dossier:
            want = 403
        assert r.status == want, where
    n = int(s.db1("SELECT COUNT(*) FROM audit_log WHERE id > %s AND org_id = 5 AND event = 'support_request'" % mark))
    assert n == (0 if state == "none" else len(routes)), (state, n)


def test_vendor_access_matrix(s):
    start = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")   # the log is append-only: rows of this test only
    routes = tenant_routes(s)
    assert len(routes) >= 60 and any(p == "/audit" for _, p, _, _, _ in routes)
    assert {p for m, p, _, _, d in routes if d == "identity"} >= {"/users/new", "/users/import", "/users/#/invite",
                                                               "/users/#/reset", "/users/#/totp", "/users/#/enable"}
    s.db("INSERT INTO account_requests (org_id, dossier_id, responsible_id, email, given_name, family_name, created_at)"
         " VALUES (5, 1, 17, 'nieuw@hetanker.example', 'Nieuwe', 'Collega', 0)")
    req = s.db1("SELECT MAX(id) FROM account_requests")
    beheerder = s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'")   # a role of the organisation's set
    objs = {}
    for _, path, _, _, _ in routes:
        objs[path] = (BRAM if path.startswith(("/users/#", "/rights/users/#")) else beheerder if path.startswith("/rights/roles/#")
                      else req if path.startswith("/dossiers/requests/#") else 1)
    # not working in the customer: its objects do not exist for the vendor
    v = s.login(SANNE)
    r = v.get("/users/%d" % BRAM)
    assert r.status in (403, 404) and "bram@" not in r.text and "bram@" not in v.get("/users").text
    # 1. before the customer's first admin (bootstrap): the vendor admin may work in it
    s.db("UPDATE users SET status = 'invited' WHERE id = 17")
    r = enter(v)
    assert r.status == 303 and r.location == "/users"
    probe(s, v, "write", routes, objs, bootstrap=True)
    assert enter(s.login(AHMED)).status == 404     # bootstrap is the vendor admins' (orgs.manage)
    # 2. the first admin is active: that ends by itself, on the very next request
    s.db("UPDATE users SET status = 'active' WHERE id = 17")
    probe(s, v, "none", routes, objs)
    assert enter(v).status == 404
    # 3. a read grant
    i = admin_with_app(s)
    g1 = grant(s, i, INGRID, "read", 2)
    a = s.login(AHMED)
    assert enter(a).status == 303
    probe(s, a, "read", routes, objs)
    # 4. a write grant (it ends the read grant)
    g2 = grant(s, i, INGRID, "write", 4)
    assert s.db1("SELECT revoked_at IS NOT NULL FROM support_grants WHERE id = %d" % g1) == "1"
    probe(s, a, "write", routes, objs)
    rows = s.db("SELECT DISTINCT grant_id FROM audit_log WHERE id > %s AND org_id = 5 AND event = 'support_request'"
                " AND actor_id = 2" % start)
    assert sorted(x for (x,) in rows) == sorted([str(g1), str(g2)])
    # 5. revoked: the next request sees nothing
    page = i.get("/support/grants/%d" % g2)
    assert i.post("/support/grants/%d/revoke" % g2, {"csrf": page.csrf()}).status == 303
    probe(s, a, "none", routes, objs)
    assert enter(a).status == 404
    # incidents are addressed to support: their content stays visible without a grant
    assert a.get("/incidents/1").status == 200 and a.get("/incidents/queue").status == 200
    # 6. expired: exactly at expires_at
    g3 = grant(s, i, INGRID, "read", 1)
    until = int(s.db1("SELECT expires_at FROM support_grants WHERE id = %d" % g3))
    s.clock(until - int(time.time()) - 60)   # an hour on (a fresh login: the idle timeout would end the old one)
    a = s.login(AHMED)
    assert enter(a).status == 303
    s.clock(until - int(time.time()) - 2)
    assert a.get("/users").status == 200
    s.clock(until - int(time.time()))
    probe(s, a, "none", routes, objs)
    # leaving brings the vendor back to its own work
    r = a.post("/support/desk/leave", {"csrf": a.get("/support/desk").csrf()})
    assert r.status == 303 and "bram@" not in a.get("/users").text


def test_read_grant_sees_and_write_grant_changes_with_the_grant_in_the_log(s):
    i = admin_with_app(s)
    g = grant(s, i, INGRID, "read", 2)
    a = s.login(AHMED)
    enter(a)
    r = a.get("/users/%d" % BRAM)
    assert r.status == 200 and "bram@hetanker.example" in r.text
    assert a.get("/dossiers/1").status == 200 and a.get("/dossiers/1/archive").status == 200
    assert a.get("/dossiers/1/documents").status == 403     # documents in progress: only a profile shows them
    assert a.get("/org").status == 403 and a.get("/backoffice").status == 200   # not in a grant / nothing in it
    before = s.db1("SELECT CONCAT(given_name, role_ids) FROM users WHERE id = %d" % BRAM)
    r = a.post("/users/%d" % BRAM, {"csrf": r.csrf(), "given_name": "Bramm", "family_name": "Jansen",
                                   "email": "bram@hetanker.example"})
    assert r.status == 403 and READ_ONLY in r.text
    assert s.db1("SELECT CONCAT(given_name, role_ids) FROM users WHERE id = %d" % BRAM) == before
    # a write grant: a colleague gets a role of the organisation's set, with the grant named in the audit row; no
    # admin roles (Het Anker also uses the customer portal's set here, for a role that is not a dossier profile)
    s.db("INSERT INTO org_role_sets (org_id, set_id, enabled_at) SELECT 5, id, 0 FROM role_sets WHERE skey = 'afas'")
    g2 = grant(s, i, INGRID, "write", 2)
    medewerker = s.db1("SELECT id FROM roles WHERE rkey = 'medewerker'")
    beheerder = s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'")
    page = a.get("/rights/users/%d" % BRAM)
    r = a.post("/rights/users/%d" % BRAM, [("csrf", page.csrf()), ("role", medewerker)])
    assert r.status == 303, r
    assert s.db1("SELECT COUNT(*) FROM user_roles WHERE user_id = %d AND role_id = %s" % (BRAM, medewerker)) == "1"
    assert s.db1("SELECT grant_id FROM audit_log WHERE org_id = 5 AND actor_id = 2 AND event LIKE 'role%%'"
                 " ORDER BY id DESC LIMIT 1") == str(g2)
    r = a.post("/rights/users/%d" % BRAM, [("csrf", page.csrf()), ("role", medewerker), ("role", beheerder)])
    assert r.status == 403 and s.db1("SELECT COUNT(*) FROM user_roles WHERE user_id = %d AND role_id = %s"
                                      % (BRAM, beheerder)) == "0"
    # ... but leaves the customer's admins alone: their data, status, factors and roles (no account takeover)
    before = s.db1("SELECT CONCAT_WS('|', email, mobile, status, role_ids, second_factor) FROM users WHERE id = 17")
    page = a.get("/users/17")
    r = a.post("/users/17", {"csrf": page.csrf(), "given_name": "Ingrid", "family_name": "Peeters",
                             "email": "overname@evil.example", "mobile": "+32470000017"})
    assert r.status == 403 and "beheerders van de organisatie niet wijzigen" in r.text
    for action in ("disable", "reset", "totp", "sessions", "remove"):
        assert a.post("/users/17/%s" % action, {"csrf": page.csrf()}).status == 403, action
    r = a.post("/users/bulk", [("csrf", page.csrf()), ("id", "17"), ("action", "disable"), ("confirm", "1")])
    assert r.status == 200 and "beheerders van de organisatie niet wijzigen" in r.text
    assert a.post("/rights/users/17", [("csrf", page.csrf()), ("role", medewerker)]).status == 403
    assert s.db1("SELECT CONCAT_WS('|', email, mobile, status, role_ids, second_factor) FROM users WHERE id = 17") == before
    assert s.db1("SELECT COUNT(*) FROM sessions WHERE user_id = 17") != "0"
    # the customer sees who of the vendor did what, when, per grant
    p = i.get("/support/grants/%d" % g2)
    log = p.text.split('id="log"')[1].split("</table>")[0]
    assert "Ahmed" in log and "verstuurde een formulier naar /rights/users/%d" % BRAM in log
    p = i.get("/support/grants/%d" % g)
    assert "bekeek de pagina /users/%d" % BRAM in p.text and "verstuurde een formulier naar /users/%d" % BRAM in p.text
    assert "support_request" not in p.text
    # the vendor's own pages are not in the customer's log
    a.get("/incidents/queue")
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE org_id = 5 AND detail LIKE '%%/incidents/queue%%'") == "0"


def test_admins_are_mailed_on_grant_first_use_and_end(s):
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 22, id, 0 FROM roles WHERE rkey = 'beheerder'")
    i = admin_with_app(s)
    mails = lambda subj: sorted(x for (x,) in s.db("SELECT to_addr FROM mail_outbox WHERE subject LIKE '%s%%'" % subj))
    g = grant(s, i, INGRID, "read", 1)
    assert mails("Support heeft tijdelijk toegang") == [INGRID, KIM]
    body = s.db1("SELECT body FROM mail_outbox WHERE to_addr = '%s' AND subject LIKE 'Support heeft%%'" % KIM)
    assert "alleen lezen" in body and "/support/grants/%d" % g in body and "Incident 12" in body
    a = s.login(AHMED)
    enter(a)
    for _ in range(3):
        a.get("/users")
    assert mails("Support gebruikt nu") == [INGRID, KIM]      # once, on the first use
    assert s.db1("SELECT first_used_by FROM support_grants WHERE id = %d" % g) == "2"
    # the end by expiry: told by the sender's sweep, once
    until = int(s.db1("SELECT expires_at FROM support_grants WHERE id = %d" % g))
    s.clock(until - int(time.time()) + 5)
    ctl = os.path.join(s.root, build(s), "cgi-bin", "portalctl")
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    for _ in range(2):
        subprocess.run([ctl, "mail-send"], env=env, check=True, capture_output=True)
    assert mails("De toegang van support") == [INGRID, KIM]
    assert "verlopen op" in s.db1("SELECT body FROM mail_outbox WHERE subject LIKE 'De toegang van support%' LIMIT 1")
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'support_expired' AND grant_id = %d" % g) == "1"
    # the end by revocation: told at once, naming who revoked
    i = s.login(INGRID)
    g2 = grant(s, i, INGRID, "write", 3)
    p = i.get("/support/grants/%d" % g2)
    assert i.post("/support/grants/%d/revoke" % g2, {"csrf": p.csrf()}).status == 303
    assert i.post("/support/grants/%d/revoke" % g2, {"csrf": p.csrf()}).status == 409
    ended = s.db("SELECT to_addr, body FROM mail_outbox WHERE subject LIKE 'De toegang van support%%' AND body LIKE '%%ingetrokken%%'")
    assert sorted(t for t, _ in ended) == [INGRID, KIM] and "Ingrid" in ended[0][1]
    # the vendor's desk lists only active grants
    assert "org-5" not in s.login(AHMED).get("/support/desk").text


def test_a_grant_form_sent_twice_prepares_one_grant(s):
    """DI-02: the form that prepares a grant, sent again (a double click, a retry after a lost answer), goes to
    the grant the first one prepared: one grant to confirm, not a second one left behind on the list."""
    c = admin_with_app(s)
    page = c.get("/support")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    form = {"csrf": page.csrf(), "once": tok, "scope": "read", "hours": "2", "reason": "Dubbel verstuurd"}
    answers = [c.post("/support", form) for _ in range(2)]
    assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
    assert s.db1("SELECT COUNT(*) FROM support_grants WHERE reason = 'Dubbel verstuurd'") == "1"
    assert answers[0].location == "/support/grants/%s" % s.db1("SELECT id FROM support_grants WHERE reason = 'Dubbel verstuurd'")


def test_the_desk_lists_every_active_grant_in_pages_with_a_search(s):
    """The vendor's desk shows the customers' active grants 100 a page, the soonest to end first, every one
    reachable once, also when they end at the same second (it stopped at 200, and the rest could not be
    entered); a search by the customer's name finds one; one past the 200th can be entered; bad input is a 400."""
    v = s.login(AHMED)
    try:
        s.db("INSERT INTO organisations (kind, name, size_class, created_at) SELECT 'customer',"
             " CONCAT('Deskklant ', LPAD(seq, 3, '0')), 1, 0 FROM seq_1_to_230")
        # the ids first: a grant's trigger writes to organisations, which the insert may not read (error 1442)
        orgs = ",".join(x for (x,) in s.db("SELECT id FROM organisations WHERE name LIKE 'Deskklant %'"))
        s.db("INSERT INTO support_grants (org_id, scope, hours, reason, granted_by, created_at, confirmed_at, expires_at)"
             " SELECT seq, 'read', 8, 'Deskpagina', 17, UNIX_TIMESTAMP(), UNIX_TIMESTAMP(), UNIX_TIMESTAMP() + 3600"
             " + MOD(seq, 7) FROM seq_1_to_100000 WHERE seq IN (%s)" % orgs)
        want = [x for (x,) in s.db("SELECT org_id FROM support_grants WHERE end_notified_at IS NULL AND revoked_at IS NULL"
                                   " AND confirmed_at IS NOT NULL AND expires_at > UNIX_TIMESTAMP() ORDER BY expires_at, id")]
        assert len(want) >= 230

        def check(path, r, k):
            assert ('id="first-page"' in r.text) == (k > 0) and 'id="desk-search"' in r.text, path
        seen, pages = walk_pages(v, "/support/desk", r'<tr id="org-(\d+)">', "next-page", 100, check)
        assert seen == want and pages == (len(want) + 99) // 100, (len(seen), pages)
        r = v.get("/support/desk?q=Deskklant+229")
        one = s.db1("SELECT id FROM organisations WHERE name = 'Deskklant 229'")
        assert re.findall(r'<tr id="org-(\d+)">', r.text) == [one] and 'value="Deskklant 229"' in r.text
        r = v.get("/support/desk?q=niemand-heet-zo")
        assert 'id="no-grants"' in r.text and "Geen klant met die naam" in r.text
        for bad in ("ak=x&ai=1", "ak=1&ai=-1", "q=" + "x" * 101):
            assert v.get("/support/desk?" + bad).status == 400, bad
        r = v.post("/support/desk/%s" % want[-1], {"csrf": v.get("/support/desk").csrf()})
        assert r.status == 303, r
    finally:
        ids = ",".join(x for (x,) in s.db("SELECT id FROM organisations WHERE name LIKE 'Deskklant %'")) or "0"
        s.db("DELETE FROM support_grants WHERE org_id IN (%s);"
             " UPDATE sessions SET acting_org_id = NULL WHERE acting_org_id IN (%s);"
             " DELETE FROM organisations WHERE name LIKE 'Deskklant %%'" % (ids, ids))


def test_the_organisations_grants_in_pages_newest_first(s):
    """An organisation's grants show 50 a page, newest first, each reachable once by the link to earlier ones
    (the list stopped at the newest 50 and the older ones were nowhere on it), with a link back to the newest;
    a bad cursor is a 400."""
    c = s.login(INGRID)
    try:
        s.db("INSERT INTO support_grants (org_id, scope, hours, reason, granted_by, created_at, confirmed_at, expires_at)"
             " SELECT 5, 'read', 2, CONCAT('Paginatest ', seq), 17, UNIX_TIMESTAMP() - 86400 * seq,"
             " UNIX_TIMESTAMP() - 86400 * seq, UNIX_TIMESTAMP() - 86400 * seq + 7200 FROM seq_1_to_120")
        want = [x for (x,) in s.db("SELECT id FROM support_grants WHERE org_id = 5 AND confirmed_at IS NOT NULL"
                                   " ORDER BY id DESC")]
        assert len(want) >= 120

        def check(path, r, k):
            assert ('id="newest-grants"' in r.text) == (k > 0), path
        seen, pages = walk_pages(c, "/support", r'<tr id="grant-(\d+)">', "older-grants", 50, check)
        assert seen == want and pages == (len(want) + 49) // 50, (len(seen), pages)
        for bad in ("before=x", "before=0", "before=-3"):
            assert c.get("/support?" + bad).status == 400, bad
        # another organisation's grants are not on its pages, whatever the cursor
        r = s.login("marieke@bakkerij-vandenberg.example").get("/support?before=%s" % want[0])
        assert r.status == 200 and 'id="grant-' not in r.text and 'id="no-grants"' in r.text, r
    finally:
        s.db("DELETE FROM support_grants WHERE reason LIKE 'Paginatest %'")
