"""test_catalogue.py: the vendor's side of Rollen en rechten (/rights/catalogue, catalogue.manage): editing the
global catalogue counts from every holder's next request; a role carries rights of its own kind's scope only
(no customer role with a vendor right); the Beheerder role keeps users.manage; a role's role sets, taking it out
of one takes it from its holders wherever it is no longer usable; recent login; audit."""
import re

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


def set_id(s, key):
    return s.db1("SELECT id FROM role_sets WHERE skey = '%s'" % key)


def test_only_the_vendor_admin(s):
    for who in (AHMED, PIETER, FLEUR):
        c = s.login(who)
        assert c.get("/rights/catalogue").status == 403, who
        assert c.get("/rights/catalogue/roles/%s" % rid(s, "klantbeeld")).status == 403, who
    v = s.login(SANNE)
    r = v.get("/rights/catalogue")
    row = r.text.split('id="cat-role-%s"' % rid(s, "klantbeeld"))[1].split("</tr>")[0]
    assert r.status == 200 and "Intermediair (AIP)" in row and "Bakkerij" not in r.text
    assert "Elke klant" in r.text.split('id="cat-role-%s"' % rid(s, "beheerder"))[1].split("</tr>")[0]
    assert 'href="/rights/catalogue"' in v.get("/home").text


def test_role_change_counts_from_the_next_request(s):
    f = s.login(FLEUR)
    assert f.get("/backoffice/position").status == 403
    v = s.login(SANNE)
    kb = rid(s, "klantbeeld")
    page = v.get("/rights/catalogue/roles/%s" % kb)
    assert page.status == 200 and 'id="right-clients.view" checked' in page.text
    assert 'id="right-orgs.manage"' not in page.text and 'id="right-documents.deliver"' not in page.text
    assert 'id="set-%s" checked' % set_id(s, "aip") in page.text
    aip = ("set", set_id(s, "aip"))
    r = v.post("/rights/catalogue/roles/%s" % kb, [("csrf", page.csrf()), ("name_nl", "Klantbeeld"), ("name_en", "Client view"),
               ("right", right_id(s, "clients.view")), ("right", right_id(s, "finance.documents")), aip])
    assert r.status == 303, r
    assert f.get("/backoffice/position").status == 200          # Fleur's very next request
    detail = s.db1("SELECT detail FROM audit_log WHERE event = 'catalogue_changed' ORDER BY id DESC LIMIT 1")
    assert "rights added: finance.documents; removed: none" in detail, detail
    r = v.post("/rights/catalogue/roles/%s" % kb, [("csrf", page.csrf()), ("name_nl", "Klantbeeld"), ("name_en", "Client view"),
               ("right", right_id(s, "clients.view")), aip])
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
    assert v.post("/rights/catalogue/roles", base + [("key", "claims_review_t"), ("set", "99999")]).status == 422
    r = v.post("/rights/catalogue/roles", base + [("key", "claims_review_t"), ("right", right_id(s, "claims.view"))])
    assert r.status == 303 and r.location.endswith("?m=created"), r
    try:
        assert role_rights(s, "claims_review_t") == ["claims.view"]
        # in no role set yet: no customer can use it
        w = s.login("willem.kok@zeeuwse-onderlinge.example")
        assert 'id="role-%s"' % rid(s, "claims_review_t") not in w.get("/rights/users/14").text
        # put in the back office's set: Zeeuwse Onderlinge's admin grants it at once, whatever rights he holds
        page = v.get("/rights/catalogue/roles/%s" % rid(s, "claims_review_t"))
        r = v.post("/rights/catalogue/roles/%s" % rid(s, "claims_review_t"), [
            ("csrf", page.csrf()), ("name_nl", "Schade beoordelen"), ("name_en", "Claims review"),
            ("right", right_id(s, "claims.view")), ("set", set_id(s, "backoffice"))])
        assert r.status == 303, r
        assert grantable(w.get("/rights/users/14").text, rid(s, "claims_review_t"))
        assert not grantable(s.login(PIETER).get("/rights/users/4").text, rid(s, "claims_review_t"))
    finally:
        s.db("DELETE FROM user_roles WHERE role_id IN (SELECT id FROM roles WHERE rkey = 'claims_review_t');"
             " DELETE FROM roles WHERE rkey = 'claims_review_t'")


def test_a_role_taken_out_of_a_set_is_taken_from_its_holders(s):
    """Klantbeeld out of the AIP set: De Haan's holders lose it at once, each in De Haan's audit log; a customer
    that has the role switched on by itself keeps it. Back in the set, nobody has it again by itself."""
    v = s.login(SANNE)
    kb = rid(s, "klantbeeld")
    s.db("INSERT INTO users (id, org_id, email, given_name, family_name, status, created_at) VALUES"
         " (40, 3, 'kees@bakkerij-vandenberg.example', 'Kees', 'Klant', 'active', 0);"
         " INSERT INTO org_roles (org_id, role_id, enabled_at) VALUES (3, %s, 0);"
         " INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (40, %s, 0)" % (kb, kb))
    holders = [x for (x,) in s.db("SELECT user_id FROM user_roles WHERE org_id = 2 AND role_id = %s ORDER BY user_id" % kb)]
    assert holders == ["3", "4", "5"]
    page = v.get("/rights/catalogue/roles/%s" % kb)
    mark = s.db1("SELECT MAX(id) FROM audit_log")
    r = v.post("/rights/catalogue/roles/%s" % kb, [("csrf", page.csrf()), ("name_nl", "Klantbeeld"), ("name_en", "Client view"),
               ("right", right_id(s, "clients.view"))])
    assert r.status == 303, r
    assert s.db1("SELECT COUNT(*) FROM user_roles WHERE role_id = %s AND org_id = 2" % kb) == "0"
    assert s.db1("SELECT COUNT(*) FROM user_roles WHERE role_id = %s AND user_id = 40" % kb) == "1"
    rows = s.db("SELECT org_id, user_id, detail FROM audit_log WHERE id > %s AND event = 'roles_changed' ORDER BY user_id" % mark)
    assert [(o, u) for o, u, _ in rows] == [("2", h) for h in holders] and all("revoked: klantbeeld" in d for _, _, d in rows), rows
    assert "grants taken: 3" in s.db1("SELECT detail FROM audit_log WHERE id > %s AND event = 'catalogue_changed'" % mark)
    assert s.login(FLEUR).get("/backoffice/clients").status == 403
    r = v.post("/rights/catalogue/roles/%s" % kb, [("csrf", page.csrf()), ("name_nl", "Klantbeeld"), ("name_en", "Client view"),
               ("right", right_id(s, "clients.view")), ("set", set_id(s, "aip"))])
    assert r.status == 303 and s.db1("SELECT COUNT(*) FROM user_roles WHERE role_id = %s AND org_id = 2" % kb) == "0"
    # a vendor role belongs to no set
    page = v.get("/rights/catalogue/roles/%s" % rid(s, "vendor_support"))
    assert 'name="set"' not in page.text
    r = v.post("/rights/catalogue/roles/%s" % rid(s, "vendor_support"), [
        ("csrf", page.csrf()), ("name_nl", "Supportmedewerker"), ("name_en", "Support agent"),
        ("right", right_id(s, "incidents.handle")), ("set", set_id(s, "aip"))])
    assert r.status == 422 and s.db1("SELECT COUNT(*) FROM role_set_roles WHERE role_id = %s" % rid(s, "vendor_support")) == "0"


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
