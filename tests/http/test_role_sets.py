"""test_role_sets.py: each organisation uses its own set of roles (sql/023; documents 000, 002, 003, 004). The
vendor gives a customer role sets and single on-request roles; every tenant page lists only those (role filter,
rights pages, new colleague, CSV import, holders); a role outside the set is refused with 403 in any form and
gives nothing when held; within the set the tenant's admin grants any role (document 002), the admin role
included; taking a set away takes its roles from their holders, each audited; the migration kept every role in use."""
import os
import re

SANNE = "sanne.devries@poortwachter.example"      # vendor admin (orgs.manage)
PIETER = "pieter@dehaan-assurantien.example"      # org 2 (AIP), Beheerder
FLEUR = "fleur@dehaan-assurantien.example"        # org 2, Medewerker + Klantbeeld (id 4)
MARIEKE = "marieke@bakkerij-vandenberg.example"   # org 3 (AFAS), Beheerder
WILLEM = "willem.kok@zeeuwse-onderlinge.example"  # org 4 (back office), Beheerder + Producten goedkeuren
EVA = "eva.bos@zeeuwse-onderlinge.example"        # org 4 (id 16)
INGRID = "ingrid@hetanker.example"                # org 5 (dossiers), Beheerder + Administrator

# what each demo organisation's set holds (besides the core role Beheerder), and roles of other sets, by name
OWN = {
    PIETER: (["Medewerker", "Klantbeeld", "Financiële Documenten"], ["Incidentenbeheer", "Grootboek kijken", "Volledige toegang (Full Access)"]),
    MARIEKE: (["Medewerker", "Incidentenbeheer", "Incidentmanagement"], ["Klantbeeld", "Grootboek kijken", "Volledige toegang (Full Access)"]),
    WILLEM: (["Relaties kijken", "Grootboek wijzigen", "Productontwikkeling nieuwe input", "Producten goedkeuren"],
             ["Medewerker", "Klantbeeld", "Incidentenbeheer", "Volledige toegang (Full Access)"]),
    INGRID: (["Dossierbeheerder (Administrator)", "Volledige toegang (Full Access)", "Documenten aanleveren (Document Delivery)"], ["Medewerker", "Klantbeeld", "Grootboek kijken"]),
}
PROFILES = ("Dossierbeheerder (Administrator)", "Volledige toegang (Full Access)", "Documenten aanleveren (Document Delivery)")


def rid(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def set_id(s, key):
    return s.db1("SELECT id FROM role_sets WHERE skey = '%s'" % key)


def names(html, pattern):
    return re.findall(pattern, html)


def test_each_organisation_lists_only_its_own_roles(s):
    for admin, (own, other) in OWN.items():
        c = s.login(admin)
        pages = {
            "/rights": names(c.get("/rights").text, r'<a href="/rights/roles/\d+">([^<]+)</a>'),
            "/users": names(c.get("/users").text.split('id="role"')[1].split("</select>")[0], r'<option value="\d+"[^>]*>([^<]+)'),
            "/users/new": names(c.get("/users/new").text, r'name="role" value="\d+"[^>]*> ([^<]+)</label>'),
        }
        uid = s.db1("SELECT id FROM users WHERE email = '%s'" % admin)
        pages["/rights/users"] = names(c.get("/rights/users/%s" % uid).text, r'id="role-\d+"[^>]*> ([^<]+)</label>')
        for path, listed in pages.items():
            assert "Beheerder" in listed and "Supportmedewerker" not in listed, (admin, path, listed)
            for role in own:   # profiles are given in the dossiers, not on these forms
                assert role in listed or (role in PROFILES and path in ("/users/new", "/rights/users")), (admin, path, role)
            for role in other:
                assert role not in listed, (admin, path, role, listed)
    # a role of another set has no page in an organisation, and the vendor's roles none in any
    p = s.login(PIETER)
    for key in ("ledger_view", "incidentenbeheer", "profile_full_access", "vendor_admin"):
        assert p.get("/rights/roles/%s" % rid(s, key)).status == 404, key
    assert p.get("/rights/roles/%s" % rid(s, "klantbeeld")).status == 200
    # the expert flag means something only where a role counts toward the quota
    assert "Gecertificeerd" not in p.get("/users/4").text
    assert "Gecertificeerd" in s.login(MARIEKE).get("/users/9").text


def state(s):
    return s.db("SELECT id, org_id, email, status, role_ids FROM users ORDER BY id") + [s.mail_count()]


def test_a_role_outside_the_set_is_refused_in_every_form_and_stores_nothing(s):
    p = s.login(PIETER)
    before = state(s)
    ledger = rid(s, "ledger_view")
    page = p.get("/users/new")
    r = p.post("/users/new", [("csrf", page.csrf()), ("given_name", "Nina"), ("family_name", "Nieuw"),
                              ("email", "nina@dehaan-assurantien.example"), ("role", ledger)])
    assert r.status == 403 and "hoort niet bij de rollen" in r.text, r
    page = p.get("/rights/users/4")
    r = p.post("/rights/users/4", [("csrf", page.csrf()), ("role", rid(s, "medewerker")), ("role", ledger)])
    assert r.status == 403 and "hoort niet bij de rollen" in r.text, r
    r = p.post("/rights/users/4", [("csrf", page.csrf()), ("role", rid(s, "profile_full_access"))])
    assert r.status == 403, r
    # a dossier profile where the set has none: Bakkerij's admin, her own dossier
    m = s.login(MARIEKE)
    page = m.get("/dossiers/3/settings")
    r = m.post("/dossiers/3/assign", {"csrf": page.csrf(), "user": "9", "profile": rid(s, "profile_administrator")})
    assert r.status == 403 and "hoort niet bij de rollen" in r.text, r
    r = m.post("/dossiers/3/profile", {"csrf": page.csrf(), "user": "8", "profile": rid(s, "profile_full_access")})
    assert r.status == 403, r
    assert s.db1("SELECT COUNT(*) FROM dossier_users WHERE dossier_id = 3 AND user_id = 9") == "0"
    assert p.get("/users?role=%s" % ledger).status == 403
    assert p.get("/users/export?role=%s" % ledger).status == 403
    csv = "voornaam;achternaam;e-mail;rollen\r\nNina;Nieuw;nina@dehaan-assurantien.example;Grootboek kijken\r\n"
    r = p.post("/users/import", {"csv": csv, "confirm": "1"}, csrf_from="/users/import")
    assert r.status == 422 and "hoort niet bij de rollen" in r.text, r
    assert state(s) == before
    # held anyway (put there with SQL): it gives nothing
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (4, %s, 0)" % ledger)
    assert s.login(FLEUR).get("/backoffice/ledger").status == 403
    assert "Grootboek" not in p.get("/users/4").text


def test_the_back_office_admin_grants_per_module_roles_through_the_page(s):
    """Document 002: the administrator gets fixed protocols to link to the logins of specific colleagues: who may
    view, change, enter new input, per module. Willem (Beheerder, no ledger or relations rights of his own) gives
    Eva new input for relations and the ledger, and Sophie the admin role, through the rights page alone."""
    w = s.login(WILLEM)
    page = w.get("/rights/users/16")
    assert 'disabled' not in page.text.split('id="h-can"')[0].split("<fieldset>")[1]    # nothing greyed out
    assert "Relaties: wijzigen" in page.text                       # each role says what it allows
    wanted = [rid(s, k) for k in ("relations_create", "ledger_create", "debtors_create", "creditors_create", "ledger_change")]
    r = w.post("/rights/users/16", [("csrf", page.csrf())] + [("role", x) for x in wanted])
    assert r.status == 303, r
    e = s.login(EVA)
    assert e.get("/backoffice/relations").status == 200
    r = e.post("/backoffice/relations", {"ref": "R-2001", "title": "M. de Wit, Vlissingen"}, csrf_from="/backoffice/relations")
    assert r.status == 303, r
    page = w.get("/rights/users/14")
    r = w.post("/rights/users/14", [("csrf", page.csrf()), ("role", rid(s, "beheerder")), ("role", rid(s, "relations_view"))])
    assert r.status == 303, r
    assert s.login("sophie.meijer@zeeuwse-onderlinge.example").get("/users").status == 200
    assert s.db1("SELECT detail FROM audit_log WHERE event = 'roles_changed' AND user_id = 14 ORDER BY id DESC LIMIT 1") \
        == "granted: beheerder; revoked: policies_change, claims_create"


def test_the_vendor_changes_a_customers_sets_and_single_roles(s):
    """On the customer's page the vendor switches role sets and on-request roles; a role the customer can no longer
    use is taken from each colleague holding it there, in the same transaction, each audited in the customer's log;
    the vendor sees counts, never names."""
    v = s.login(SANNE)
    page = v.get("/orgs/2")
    assert page.status == 200 and 'id="set-%s" checked' % set_id(s, "aip") in page.text and "Fleur" not in page.text
    im = rid(s, "incidentmanagement")
    mark = s.db1("SELECT MAX(id) FROM audit_log")
    # De Haan: AIP swapped for the AFAS portal, Incidentmanagement switched on
    r = v.post("/orgs/2/roles", [("csrf", page.csrf()), ("set", set_id(s, "afas")), ("role", im)])
    assert r.status == 303 and r.location == "/orgs/2?m=roles_taken#roles", r
    assert s.db1("SELECT CONCAT(set_ids, '/', role_ids) FROM organisations WHERE id = 2") == "%s/%s" % (set_id(s, "afas"), im)
    taken = s.db("SELECT user_id, detail FROM audit_log WHERE id > %s AND org_id = 2 AND event = 'roles_changed'"
                 " ORDER BY user_id, detail" % mark)
    assert [u for u, _ in taken] == ["3", "3", "4", "5", "5"], taken         # Klantbeeld and Financiële Documenten
    assert all(d.startswith("revoked: klantbeeld") or d.startswith("revoked: financiele_documenten") for _, d in taken)
    assert s.db1("SELECT role_ids FROM users WHERE id = 4") == rid(s, "medewerker")     # Medewerker is in both sets
    events = sorted(e for (e,) in s.db("SELECT event FROM audit_log WHERE id > %s AND org_id = 2 AND event LIKE 'org_%%'" % mark))
    assert events == ["org_role_enabled", "org_set_disabled", "org_set_enabled"], events
    assert 'id="role-%s"' % im in s.login(PIETER).get("/rights/users/4").text
    # Bakkerij: Incidentmanagement switched off takes it from Anouk at once
    page = v.get("/orgs/3")
    r = v.post("/orgs/3/roles", [("csrf", page.csrf()), ("set", set_id(s, "afas"))])
    assert r.status == 303 and s.db1("SELECT COUNT(*) FROM user_roles WHERE user_id = 10 AND role_id = %s" % im) == "0"
    assert "See all incidents of the organisation" not in s.login("anouk@bakkerij-vandenberg.example").get("/home").text
    # only sets that exist, and single roles that are on request; not a customer: 404; a stale login: log in again
    for bad in ([("set", "99999")], [("set", set_id(s, "afas")), ("role", rid(s, "ledger_view"))],
                [("set", set_id(s, "afas")), ("role", rid(s, "vendor_admin"))]):
        r = v.post("/orgs/3/roles", [("csrf", page.csrf())] + bad)
        assert r.status == 422, (bad, r)
    assert v.post("/orgs/1/roles", [("csrf", page.csrf())]).status == 404
    assert v.post("/orgs/99999/roles", [("csrf", page.csrf())]).status == 404
    assert s.login(PIETER).post("/orgs/2/roles", [("set", set_id(s, "aip"))], csrf_from="/home").status == 403
    s.advance(16 * 60)
    r = v.post("/orgs/3/roles", [("csrf", page.csrf()), ("set", set_id(s, "afas"))])
    assert r.status == 303 and r.location.startswith("/account/reauth"), r


def test_the_migration_keeps_every_role_in_use(s):
    """sql/023 on an organisation of before: the sets of the roles its colleagues hold, and a held role no set of
    it holds switched on by itself; an organisation that holds none gets every set."""
    s.db("INSERT INTO organisations (id, kind, name, created_at) VALUES (90, 'customer', 'Oud A', 0), (91, 'customer', 'Oud B', 0);"
         " INSERT INTO users (id, org_id, email, given_name, family_name, status, created_at) VALUES"
         " (41, 90, 'a@oud.example', 'A', 'Oud', 'active', 0), (42, 90, 'b@oud.example', 'B', 'Oud', 'active', 0),"
         " (43, 91, 'c@oud.example', 'C', 'Oud', 'active', 0);"
         " INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 41, id, 0 FROM roles WHERE rkey IN ('beheerder', 'klantbeeld');"
         " INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 42, id, 0 FROM roles WHERE rkey IN ('ledger_view', 'incidentmanagement');"
         " INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 43, id, 0 FROM roles WHERE rkey = 'beheerder'")
    try:
        sql = open(os.path.join(s.root, "sql", "023_role_sets.sql"), encoding="utf-8").read()
        tail = sql[sql.index("CREATE TEMPORARY TABLE held_roles"):]
        s.db(tail)
        sets = lambda org: sorted(k for (k,) in s.db("SELECT s.skey FROM org_role_sets o JOIN role_sets s ON s.id = o.set_id"
                                                     " WHERE o.org_id = %d" % org))
        assert sets(90) == ["aip", "backoffice"] and sets(91) == ["afas", "aip", "backoffice", "dossiers"]
        assert s.db1("SELECT r.rkey FROM org_roles o JOIN roles r ON r.id = o.role_id WHERE o.org_id = 90") == "incidentmanagement"
        held = s.db("SELECT ur.user_id, r.rkey FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.org_id IN (90, 91)")
        for uid, key in held:
            org = 91 if uid == "43" else 90
            assert s.db1("SELECT (r.core = 1 OR EXISTS (SELECT 1 FROM org_role_sets o JOIN role_set_roles x ON x.set_id = o.set_id"
                         " WHERE o.org_id = %d AND x.role_id = r.id) OR EXISTS (SELECT 1 FROM org_roles o WHERE o.org_id = %d"
                         " AND o.role_id = r.id)) FROM roles r WHERE r.rkey = '%s'" % (org, org, key)) == "1", (uid, key)
        # run on De Haan too: Medewerker is in two sets, and it gets both (what it uses, never less)
        assert sets(2) == ["afas", "aip"]
    finally:
        s.db("DELETE FROM users WHERE id IN (41, 42, 43); DELETE FROM org_roles WHERE org_id IN (90, 91);"
             " DELETE FROM org_role_sets WHERE org_id IN (90, 91); DELETE FROM organisations WHERE id IN (90, 91)")
