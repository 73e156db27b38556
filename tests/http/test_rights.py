"""test_rights.py: a colleague's roles at /rights/users/N: grant and revoke with effect on the very next
request (ACC-06), no role outside the organisation's set (ACC-04), the last admin not demoted (409), a recent login (SES-07),
tenant isolation (ACC-01), and the audit row with old -> new."""
import re

from portaltest import walk_pages

ADMIN = "pieter@dehaan-assurantien.example"        # org 2, Beheerder (id 3)
FLEUR = "fleur@dehaan-assurantien.example"         # org 2, Medewerker + Klantbeeld (id 4)
MARIEKE = "marieke@bakkerij-vandenberg.example"    # org 3, the only admin (id 8)


def rid(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def roles_of(s, uid):
    return sorted(s.db1("SELECT GROUP_CONCAT(r.rkey) FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
                        " WHERE ur.user_id = %d AND r.kind <> 'profile'" % uid).split(","))


def test_grant_and_revoke_count_from_the_next_request(s):
    f = s.login(FLEUR)
    assert "Financiële Documenten" not in f.get("/home").text
    c = s.login(ADMIN)
    page = c.get("/rights/users/4")
    assert page.status == 200 and 'id="role-%s"' % rid(s, "klantbeeld") in page.text
    assert "Klantbeeld: dossierinformatie van klanten" in page.text      # what the colleague may do, and why
    r = c.post("/rights/users/4", [("csrf", page.csrf()), ("role", rid(s, "medewerker")),
                                   ("role", rid(s, "financiele_documenten"))])
    assert r.status == 303 and r.location == "/rights/users/4?m=saved", r
    assert roles_of(s, 4) == ["financiele_documenten", "medewerker"]
    home = f.get("/home").text
    assert "Financiële Documenten" in home and "Klantbeeld" not in home
    detail = s.db1("SELECT detail FROM audit_log WHERE event = 'roles_changed' AND user_id = 4 ORDER BY id DESC LIMIT 1")
    assert detail == "granted: financiele_documenten; revoked: klantbeeld", detail
    s.db("DELETE FROM user_roles WHERE user_id = 4; INSERT INTO user_roles (user_id, role_id, granted_at)"
         " SELECT 4, id, 0 FROM roles WHERE rkey IN ('medewerker', 'klantbeeld')")


def test_holder_counts_follow_every_change_in_every_process(s):
    """The overview's holders per role are kept in memory per organisation (rights.c, struct portal_org_memo):
    every process shows a grant, a revocation, a colleague removed or back, on its very next page, whether
    the change came through the portal or straight from the database."""
    c = s.login(ADMIN)
    med, kb = rid(s, "medewerker"), rid(s, "klantbeeld")

    def counts(role):   # more requests than FastCGI children, so every child answers from its memory
        found = set()
        for _ in range(12):
            r = c.get("/rights")
            assert r.status == 200, r
            m = re.search(r'<a href="/rights/roles/%s">.*?</td><td>(\d+)</td>' % role, r.text, re.S)
            found.add(int(m.group(1)) if m else 0)
        return found

    def held(role):
        return int(s.db1("SELECT COUNT(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE ur.org_id = 2"
                         " AND ur.role_id = %s AND u.status <> 'removed'" % role))

    n, k = held(med), held(kb)
    assert counts(med) == {n} and counts(kb) == {k} and k >= 1
    page = c.get("/rights/users/4")    # Fleur: Medewerker + Klantbeeld; Klantbeeld revoked through the portal
    r = c.post("/rights/users/4", [("csrf", page.csrf()), ("role", med)])
    assert r.status == 303, r
    assert counts(kb) == {k - 1} and counts(med) == {n}
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (4, %s, 0)" % kb)   # back, from the database
    assert counts(kb) == {k}
    s.db("UPDATE users SET status = 'removed' WHERE id = 4")
    try:
        assert counts(kb) == {k - 1} and counts(med) == {n - 1}
    finally:
        s.db("UPDATE users SET status = 'active' WHERE id = 4")
    assert counts(kb) == {k} and counts(med) == {n}


def test_on_request_roles_only_where_the_vendor_activated_them(s):
    """Incidentmanagement is switched on for Bakkerij Van den Berg (org 3) only (document 004): elsewhere it is
    not one of the organisation's roles, not listed, not grantable, and its page does not exist there."""
    c = s.login(ADMIN)
    page = c.get("/rights/users/4")
    assert 'id="role-%s"' % rid(s, "incidentmanagement") not in page.text
    r = c.post("/rights/users/4", [("csrf", page.csrf()), ("role", rid(s, "medewerker")),
                                   ("role", rid(s, "incidentmanagement"))])
    assert r.status == 403, r
    assert roles_of(s, 4) == ["klantbeeld", "medewerker"]
    r = c.get("/rights")
    assert r.status == 200 and "Incidentmanagement" not in r.text
    r = c.get("/rights/roles/%s" % rid(s, "incidentmanagement"))
    assert r.status == 404 and "Anouk" not in r.text
    m = s.login(MARIEKE)
    r = m.get("/rights")
    assert "Incidentmanagement" in r.text
    r = m.get("/rights/roles/%s" % rid(s, "incidentmanagement"))
    assert "Anouk Smit" in r.text and "Joost" not in r.text and "Fleur" not in r.text
    page = m.get("/rights/users/9")
    fields = [("csrf", page.csrf()), ("role", rid(s, "medewerker")), ("role", rid(s, "incidentmanagement")),
              ("role", rid(s, "incidentenbeheer"))]
    r = m.post("/rights/users/9", fields)
    assert r.status == 303, r
    assert roles_of(s, 9) == ["incidentenbeheer", "incidentmanagement", "medewerker"]
    s.db("DELETE ur FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = 9"
         " AND ro.rkey = 'incidentmanagement'")
    assert m.get("/rights/roles/%s" % rid(s, "vendor_admin")).status == 404
    assert m.get("/rights/roles/99999").status == 404


def test_no_escalation(s):
    c = s.login(ADMIN)
    page = c.get("/rights/users/4")
    before = roles_of(s, 4)
    for key in ("ledger_view", "vendor_admin", "profile_administrator"):
        r = c.post("/rights/users/4", [("csrf", page.csrf()), ("role", rid(s, "medewerker")), ("role", rid(s, key))])
        assert r.status == 403, (key, r)
    r = c.post("/rights/users/4", [("csrf", page.csrf()), ("role", "99999")])
    assert r.status == 403
    r = c.post("/rights/users/4", [("csrf", page.csrf()), ("role", rid(s, "medewerker")), ("org_id", "3")])
    assert r.status == 400
    assert roles_of(s, 4) == before
    assert s.login(FLEUR).get("/rights/users/4").status == 403


def test_a_held_role_outside_the_set_gives_nothing_and_is_dropped_on_save(s):
    """Joost (Bakkerij, whose set is the AFAS customer portal) holds Grootboek kijken, put there with SQL: it is
    not one of his organisation's roles, so it gives him nothing, is not on his rights page, and saving his roles
    drops it. Incidentenbeheer his admin grants without holding it (document 001; the quota limits it)."""
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 9, id, 0 FROM roles WHERE rkey = 'ledger_view'")
    try:
        assert s.login("joost@bakkerij-vandenberg.example").get("/backoffice/ledger").status == 403
        c = s.login(MARIEKE)
        page = c.get("/rights/users/9")
        assert 'id="role-%s"' % rid(s, "ledger_view") not in page.text and "Grootboek" not in page.text
        r = c.post("/rights/users/9", [("csrf", page.csrf()), ("role", rid(s, "incidentenbeheer"))])   # Medewerker unticked
        assert r.status == 303, r
        assert roles_of(s, 9) == ["incidentenbeheer"]
    finally:
        s.db("DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = 9 AND r.rkey = 'ledger_view';"
             " INSERT IGNORE INTO user_roles (user_id, role_id, granted_at) SELECT 9, id, 0 FROM roles WHERE rkey = 'medewerker'")


def test_last_admin_cannot_be_demoted(s):
    c = s.login(MARIEKE)
    page = c.get("/rights/users/8")
    r = c.post("/rights/users/8", [("csrf", page.csrf()), ("role", rid(s, "medewerker"))])
    assert r.status == 409 and "laatste actieve beheerder" in r.text, r
    assert roles_of(s, 8) == ["beheerder"]


def test_changing_roles_needs_a_recent_login(s):
    c = s.login(ADMIN)
    s.advance(16 * 60)
    c.get("/home")
    r = c.post("/rights/users/4", [("role", rid(s, "medewerker"))], csrf_from="/home")
    assert r.status == 303 and r.location.startswith("/account/reauth"), r
    assert roles_of(s, 4) == ["klantbeeld", "medewerker"]


def test_isolation(s):
    c = s.login(ADMIN)
    missing = c.get("/rights/users/99999")
    assert missing.status == 404
    r = c.get("/rights/users/8")
    assert r.status == 404 and "Marieke" not in r.text
    r = c.post("/rights/users/8", [("role", rid(s, "medewerker"))], csrf_from="/home")
    assert r.status == 404
    assert roles_of(s, 8) == ["beheerder"]


def test_role_holders_in_pages_of_fifty(s):
    """A role's page counts its holders and shows them 50 a page by name, every one reachable (it stopped at
    1,000, so in a larger organisation the rest of a common role's holders were nowhere), with a link to the
    users overview filtered on the role for a search; a bad cursor is a 400."""
    c = s.login(ADMIN)
    med = rid(s, "medewerker")
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at)"
             " SELECT 2, CONCAT('houder', seq, '@dehaan-assurantien.example'), CONCAT('Houder', LPAD(seq, 3, '0')),"
             " 'Test', 'active', 1 FROM seq_1_to_120")
        ids = [x for (x,) in s.db("SELECT id FROM users WHERE email LIKE 'houder%@dehaan-assurantien.example'")]
        s.db("INSERT INTO user_roles (user_id, role_id, granted_at) VALUES " + ",".join("(%s, %s, 1)" % (i, med) for i in ids))
        want = [x for (x,) in s.db("SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = %s"
                                   " WHERE u.org_id = 2 AND u.status <> 'removed' ORDER BY u.name_key, u.id" % med)]
        assert len(want) > 120
        r = c.get("/rights/roles/%s" % med)
        m = re.search(r'<p id="holder-count">(\d+) ', r.text)
        assert m and int(m.group(1)) == len(want), r.text
        assert '<a href="/users?role=%s">' % med in r.text
        seen, pages = walk_pages(c, "/rights/roles/%s" % med, r'<li><a href="/rights/users/(\d+)">', "next-page", 50,
                                 lambda path, page, k: k == 0 or 'id="first-page"' in page.text)
        assert seen == want and pages == (len(want) + 49) // 50, (len(seen), len(want), pages)
        for bad in ("ai=0&ak=x", "ai=abc&ak=x", "ak=" + "x" * 201 + "&ai=1"):
            r = c.get("/rights/roles/%s?%s" % (med, bad))
            assert r.status == 400, (bad, r)
    finally:
        s.db("DELETE FROM users WHERE org_id = 2 AND email LIKE 'houder%@dehaan-assurantien.example'")
