"""test_catalogue.py: the vendor's side of Rollen en rechten (/rights/catalogue, catalogue.manage): editing the
global catalogue counts from every holder's next request; a role carries rights of its own kind's scope only
(no customer role with a vendor right); the Beheerder role keeps users.manage; on-request roles per
organisation (document 004), switching one off takes it from its holders; recent login; audit."""
import re

from portaltest import walk_pages

SANNE = "sanne.devries@poortwachter.example"    # vendor admin (catalogue.manage)
AHMED = "ahmed.elamrani@poortwachter.example"   # vendor support: no catalogue.manage
PIETER = "pieter@dehaan-assurantien.example"    # org 2 Beheerder
FLEUR = "fleur@dehaan-assurantien.example"      # org 2 Medewerker + Klantbeeld (id 4)
ANOUK = "anouk@bakkerij-vandenberg.example"     # org 3, holds Incidentmanagement (id 10)


def rid(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def right_id(s, key):
    return s.db1("SELECT id FROM rights WHERE rkey = '%s'" % key)


def role_rights(s, key):
    return sorted(x for (x,) in s.db("SELECT ri.rkey FROM role_rights rr JOIN roles ro ON ro.id = rr.role_id"
                                     " JOIN rights ri ON ri.id = rr.right_id WHERE ro.rkey = '%s'" % key))


def grantable(page, role_id):
    """Is the role's checkbox on a colleague's rights page one the admin can tick (not fixed)?"""
    m = re.search(r'<input type="checkbox" [^>]*id="role-%s"[^>]*>' % role_id, page)
    return bool(m) and "disabled" not in m.group(0)


def test_only_the_vendor_admin(s):
    for who in (AHMED, PIETER, FLEUR):
        c = s.login(who)
        assert c.get("/rights/catalogue").status == 403, who
        assert c.get("/rights/catalogue/orgs/3").status == 403, who
    v = s.login(SANNE)
    r = v.get("/rights/catalogue")
    assert r.status == 200 and "Klantbeeld" in r.text and "Bakkerij Van den Berg B.V." in r.text
    assert 'href="/rights/catalogue"' in v.get("/home").text


def test_role_change_counts_from_the_next_request(s):
    f = s.login(FLEUR)
    assert f.get("/backoffice/position").status == 403
    v = s.login(SANNE)
    kb = rid(s, "klantbeeld")
    page = v.get("/rights/catalogue/roles/%s" % kb)
    assert page.status == 200 and 'id="right-clients.view" checked' in page.text
    assert 'id="right-orgs.manage"' not in page.text and 'id="right-documents.deliver"' not in page.text
    r = v.post("/rights/catalogue/roles/%s" % kb, [("csrf", page.csrf()), ("name_nl", "Klantbeeld"), ("name_en", "Client view"),
               ("right", right_id(s, "clients.view")), ("right", right_id(s, "finance.documents"))])
    assert r.status == 303, r
    assert f.get("/backoffice/position").status == 200          # Fleur's very next request
    detail = s.db1("SELECT detail FROM audit_log WHERE event = 'catalogue_changed' ORDER BY id DESC LIMIT 1")
    assert "rights added: finance.documents; removed: none" in detail, detail
    r = v.post("/rights/catalogue/roles/%s" % kb, [("csrf", page.csrf()), ("name_nl", "Klantbeeld"), ("name_en", "Client view"),
               ("right", right_id(s, "clients.view"))])
    assert r.status == 303 and f.get("/backoffice/position").status == 403
    assert role_rights(s, "klantbeeld") == ["clients.view"]


def test_no_vendor_right_in_a_customer_role_and_admin_keeps_users_manage(s):
    v = s.login(SANNE)
    bh = rid(s, "beheerder")
    page = v.get("/rights/catalogue/roles/%s" % bh)
    before = role_rights(s, "beheerder")
    held = re.findall(r'name="right" value="(\d+)" id="right-[^"]+" checked', page.text)
    assert len(held) == len(before)
    base = [("csrf", page.csrf()), ("name_nl", "Beheerder"), ("name_en", "Administrator")]
    r = v.post("/rights/catalogue/roles/%s" % bh, base + [("right", x) for x in held] + [("right", right_id(s, "orgs.manage"))])
    assert r.status == 422 and role_rights(s, "beheerder") == before
    r = v.post("/rights/catalogue/roles/%s" % bh, base + [("right", right_id(s, "documents.deliver"))] + [("right", x) for x in held])
    assert r.status == 422
    um = right_id(s, "users.manage")
    r = v.post("/rights/catalogue/roles/%s" % bh, base + [("right", x) for x in held if x != um])
    assert r.status == 409 and "beheerder" in r.text.lower() and role_rights(s, "beheerder") == before
    # forged fields are refused (ACC-03)
    r = v.post("/rights/catalogue/roles/%s" % bh, base + [("right", x) for x in held] + [("kind", "vendor")])
    assert r.status == 400 and role_rights(s, "beheerder") == before


def test_new_role(s):
    v = s.login(SANNE)
    page = v.get("/rights/catalogue")
    base = [("csrf", page.csrf()), ("name_nl", "Schade beoordelen"), ("name_en", "Claims review"), ("kind", "org")]
    assert v.post("/rights/catalogue/roles", base + [("key", "Claims Review")]).status == 422
    assert v.post("/rights/catalogue/roles", base + [("key", "beheerder")]).status == 409
    r = v.post("/rights/catalogue/roles", base + [("key", "claims_review_t"), ("right", right_id(s, "claims.view"))])
    assert r.status == 303 and r.location.endswith("?m=created"), r
    try:
        assert role_rights(s, "claims_review_t") == ["claims.view"]
        # offered to an admin only once they hold every right it gives (ACC-04)
        w = s.login("willem.kok@zeeuwse-onderlinge.example")
        assert not grantable(w.get("/rights/users/14").text, rid(s, "claims_review_t"))
        s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 13, id, 0 FROM roles WHERE rkey = 'claims_view'")
        w = s.login("willem.kok@zeeuwse-onderlinge.example")
        assert grantable(w.get("/rights/users/14").text, rid(s, "claims_review_t"))
    finally:
        s.db("DELETE FROM user_roles WHERE user_id = 13 AND role_id IN (SELECT id FROM roles WHERE rkey IN"
             " ('claims_view', 'claims_review_t')); DELETE FROM roles WHERE rkey = 'claims_review_t'")


def test_a_new_role_form_sent_twice_makes_one_role(s):
    """DI-02: the new-role form sent again (a double click, a retry after a lost answer) goes to the role the
    first one made; it used to answer 409 'key in use'. A second form with the same key is still a 409."""
    v = s.login(SANNE)
    page = v.get("/rights/catalogue")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    form = [("csrf", page.csrf()), ("once", tok), ("name_nl", "Tweemaal"), ("name_en", "Twice"), ("kind", "org"),
            ("key", "twice_t"), ("right", right_id(s, "claims.view"))]
    try:
        answers = [v.post("/rights/catalogue/roles", form) for _ in range(2)]
        assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
        assert answers[0].location == "/rights/catalogue/roles/%s?m=created" % rid(s, "twice_t")
        assert s.db1("SELECT COUNT(*) FROM roles WHERE rkey = 'twice_t'") == "1"
        assert v.post("/rights/catalogue/roles", [(k, x) for k, x in form if k != "once"]).status == 409
    finally:
        s.db("DELETE FROM roles WHERE rkey = 'twice_t'")

def test_on_request_roles_per_organisation(s):
    im = rid(s, "incidentmanagement")
    try:
        a = s.login(ANOUK)
        assert "See all incidents of the organisation" in a.get("/home").text
        v = s.login(SANNE)
        page = v.get("/rights/catalogue/orgs/3")
        assert page.status == 200 and 'id="role-%s" checked' % im in page.text
        assert "Anouk" not in page.text                       # the vendor sees no people (ACC-07)
        r = v.post("/rights/catalogue/orgs/3", {"csrf": page.csrf()})  # everything on request switched off
        assert r.status == 303, r
        assert "See all incidents of the organisation" not in a.get("/home").text
        assert s.db1("SELECT COUNT(*) FROM user_roles WHERE user_id = 10 AND role_id = %s" % im) == "0"
        detail = s.db1("SELECT detail FROM audit_log WHERE event = 'org_role_disabled' AND org_id = 3 ORDER BY id DESC LIMIT 1")
        assert "taken from 1 holder" in detail, detail
        # switched on for De Haan: their admin can grant it now
        r = v.post("/rights/catalogue/orgs/2", [("csrf", page.csrf()), ("role", im)])
        assert r.status == 303
        assert grantable(s.login(PIETER).get("/rights/users/4").text, im)
        # only on-request roles; an unknown organisation is a 404; a stale login re-authenticates
        assert v.post("/rights/catalogue/orgs/2", [("csrf", page.csrf()), ("role", rid(s, "beheerder"))]).status == 422
        assert v.post("/rights/catalogue/orgs/99999", [("csrf", page.csrf())]).status == 404
        assert v.get("/rights/catalogue/orgs/1").status == 404     # the vendor itself is not a customer
        s.advance(16 * 60)
        r = v.post("/rights/catalogue/orgs/2", [("csrf", page.csrf())])
        assert r.status == 303 and r.location.startswith("/account/reauth"), r
    finally:
        s.db("DELETE FROM org_roles WHERE role_id = %s; INSERT INTO org_roles (org_id, role_id, enabled_by, enabled_at)"
             " VALUES (3, %s, 1, 0); INSERT IGNORE INTO user_roles (user_id, role_id, granted_at) VALUES (10, %s, 0)" % (im, im, im))


def test_every_customer_reachable_in_pages(s):
    """At any number of customers the catalogue lists 50 a page by name, reached by a keyset link that keeps the
    search, every customer exactly once: also those after the first thousand (the list was cut off there)."""
    base = int(s.db1("SELECT COALESCE(MAX(id), 0) FROM organisations"))
    s.db("INSERT INTO organisations (kind, name, size_class, created_at) SELECT 'customer',"
         " CONCAT('Catalogustest ', LPAD(seq, 4, '0')), 2, 0 FROM seq_1_to_1100")
    try:
        v = s.login(SANNE)
        first = v.get("/rights/catalogue")
        assert first.status == 200 and len(re.findall(r'<li><a href="/rights/catalogue/orgs/\d+">', first.text)) == 50
        assert 'id="orgs-next"' in first.text
        seen, pages = walk_pages(v, "/rights/catalogue?q=Catalogustest", r'<li><a href="/rights/catalogue/orgs/(\d+)">',
                                 "orgs-next", 50, lambda path, r, k: "q=Catalogustest" in path)
        assert len(seen) == 1100 and len(set(seen)) == 1100 and pages == 22, (len(seen), pages)
        assert seen == [i for (i,) in s.db("SELECT id FROM organisations WHERE id > %d ORDER BY name, id" % base)]
        assert v.get("/rights/catalogue/orgs/%s" % seen[-1]).status == 200    # the last one can be opened
        assert 'id="no-orgs"' in v.get("/rights/catalogue?q=geen-klant-heet-zo").text
        for bad in ("ai=x&ak=a", "q=" + "x" * 101):
            r = v.get("/rights/catalogue?" + bad)
            assert r.status == 400, (bad, r)
    finally:
        s.db("DELETE FROM organisations WHERE id > %d AND name LIKE 'Catalogustest %%'" % base)
