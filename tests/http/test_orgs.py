"""test_orgs.py: the vendor's organisations (issue 6): the list with admins, quota use, open incidents and the
last contact check (search, keyset pages); a new customer with its first admin invited and its on-request
roles; bootstrap (document 002): while the customer has no active admin the vendor sees and invites its
admins; the moment the first one activates, that ends (ACC-07)."""
import re

SANNE = "sanne.devries@poortwachter.example"   # vendor admin (orgs.manage)
PIETER = "pieter@dehaan-assurantien.example"
PW = "Lange zin met spaties en ß 2026"


def test_only_the_vendor(s):
    assert s.login(PIETER).get("/orgs").status == 403
    assert s.login("ahmed.elamrani@poortwachter.example").get("/orgs").status == 403   # support, no orgs.manage
    v = s.login(SANNE)
    r = v.get("/orgs")
    table = r.text.split('id="orgs"')[1].split("</table>")[0]
    assert r.status == 200 and "Bakkerij Van den Berg B.V." in table and "Poortwachter Support" not in table
    row = r.text.split('id="org-3"')[1].split("</tr>")[0]
    assert row.endswith('<td>1 <span class="tag warn">minder dan twee</span></td><td>1 / 3</td><td>2</td><td>nooit</td>'), row   # one admin, quota, open


def test_search_and_pages(s):
    s.db("INSERT INTO organisations (kind, name, size_class, created_at) SELECT 'customer', CONCAT('Testklant ', LPAD(seq, 3, '0')),"
         " 1, 0 FROM seq_1_to_60")
    v = s.login(SANNE)
    r = v.get("/orgs?q=Testklant")
    assert r.text.count('<tr id="org-') == 50 and "Bakkerij" not in r.text
    nxt = re.search(r'href="([^"]+)" rel="next"', r.text).group(1).replace("&amp;", "&")
    r2 = v.get(nxt)
    assert r2.text.count('<tr id="org-') == 10 and "Testklant 060" in r2.text and "Testklant 050" not in r2.text
    assert 'rel="next"' not in r2.text and '<a href="/orgs?q=Testklant" id="first-page">' in r2.text
    assert 'id="first-page"' not in r.text
    s.db("DELETE FROM organisations WHERE name LIKE 'Testklant %'")


def set_id(s, key):
    return s.db1("SELECT id FROM role_sets WHERE skey = '%s'" % key)


def test_a_refused_new_customer_keeps_what_was_entered(s):
    """A new customer refused for bad input (422) shows the form as it was filled in, the error named at its
    field; nothing is created. A customer gets at least one role set."""
    v = s.login(SANNE)
    page = v.get("/orgs/new")
    assert page.status == 200 and 'id="set-%s"' % set_id(s, "afas") in page.text and "Klantportal (AFAS)" in page.text
    assert 'href="/orgs/new"' in v.get("/orgs").text
    im = s.db1("SELECT id FROM roles WHERE rkey = 'incidentmanagement'")
    before = s.db1("SELECT COUNT(*) FROM organisations")
    form = [("csrf", page.csrf()), ("name", "Zeilmakerij <Noord>"), ("size_class", "2"), ("given_name", "Gert"),
            ("family_name", "de Vries"), ("email", "geen-adres"), ("mobile", "0612000001"), ("role", im),
            ("set", set_id(s, "afas"))]
    r = v.post("/orgs", form)
    assert r.status == 422 and 'id="error-summary"' in r.text and '<a href="#email">' in r.text, r
    assert 'value="Zeilmakerij &lt;Noord&gt;"' in r.text and re.search(r'name="email" required maxlength="254"'
                                                                       r' value="geen-adres" aria-invalid="true"', r.text)
    assert 'value="Gert"' in r.text and 'value="+31612000001"' in r.text   # everything kept, the refused field as typed
    assert re.search(r'<option value="2" selected>', r.text) and 'value="%s" id="role-%s" checked>' % (im, im) in r.text
    assert 'id="set-%s" checked' % set_id(s, "afas") in r.text
    # no role set, or an unknown one: refused, the form kept
    for sets in ([], [("set", "99999")]):
        fields = [(k, x) for k, x in form if k not in ("set", "email")] + [("email", "gert@zeilmakerij.example")] + sets
        r = v.post("/orgs", fields)
        assert r.status == 422 and "rollenpakket" in r.text and 'value="Gert"' in r.text, r
    assert s.db1("SELECT COUNT(*) FROM organisations") == before


def test_a_new_customer_form_sent_twice_makes_one_customer(s):
    """DI-02: the new-customer form sent again (a double click, a retry after a lost answer) goes to the customer
    the first one made: one organisation, one admin invited, one mail (it used to answer 409 'address in use')."""
    v = s.login(SANNE)
    page = v.get("/orgs/new")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    fields = [("csrf", page.csrf()), ("once", tok), ("name", "Dubbelklik B.V."), ("size_class", "2"),
              ("given_name", "Dirk"), ("family_name", "Dubbel"), ("email", "dirk@dubbelklik.example"),
              ("mobile", "0612000002"), ("set", set_id(s, "afas"))]
    try:
        answers = [v.post("/orgs", fields) for _ in range(2)]
        assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
        org = s.db1("SELECT id FROM organisations WHERE name = 'Dubbelklik B.V.'")
        assert answers[0].location == "/orgs/%s?m=created" % org
        assert s.db1("SELECT COUNT(*) FROM users WHERE org_id = %s" % org) == "1"
        assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'dirk@dubbelklik.example'") == "1"
        # a second form, not a copy, is a second customer: no form tells the vendor whether an address is known
        r = v.post("/orgs", [(k, v_) for k, v_ in fields if k != "once"])
        assert r.status == 303 and s.db1("SELECT COUNT(*) FROM organisations WHERE name = 'Dubbelklik B.V.'") == "2"
        # the another-admin form of the new customer (bootstrap), sent twice: one more admin, one invitation
        page = v.get("/orgs/%s" % org)
        tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
        form = {"csrf": page.csrf(), "once": tok, "given_name": "Dora", "family_name": "Dubbel",
                "email": "dora@dubbelklik.example", "mobile": "0612000003"}
        answers = [v.post("/orgs/%s/admins" % org, form) for _ in range(2)]
        assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
        assert s.db1("SELECT COUNT(*) FROM users WHERE org_id = %s" % org) == "2"
        assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'dora@dubbelklik.example'") == "1"
    finally:
        for org in [x for (x,) in s.db("SELECT id FROM organisations WHERE name = 'Dubbelklik B.V.'")]:
            s.drop_org(org)


def test_new_customer_and_bootstrap_until_its_admin_activates(s):
    v = s.login(SANNE)
    page = v.get("/orgs/new")
    im = s.db1("SELECT id FROM roles WHERE rkey = 'incidentmanagement'")
    fields = [("csrf", page.csrf()), ("name", "Garage De Vries"), ("size_class", "2"), ("given_name", "Gert"),
              ("family_name", "de Vries"), ("email", "gert@garagedevries.example"), ("mobile", "0612000001"), ("role", im),
              ("set", set_id(s, "afas"))]
    r = v.post("/orgs", fields)
    assert r.status == 303 and re.search(r"^/orgs/(\d+)\?m=created$", r.location), r
    org = re.search(r"/orgs/(\d+)", r.location).group(1)
    try:
        assert s.db1("SELECT CONCAT_WS('/', kind, size_class, role_ids, set_ids) FROM organisations WHERE id = %s"
                     % org) == "customer/2/%s/%s" % (im, set_id(s, "afas"))
        assert sorted(x for (x,) in s.db("SELECT event FROM audit_log WHERE org_id = %s AND event LIKE 'org_%%'" % org)) == \
            ["org_created", "org_role_enabled", "org_set_enabled"]
        uid = s.db1("SELECT id FROM users WHERE email = 'gert@garagedevries.example'")
        assert s.db1("SELECT CONCAT(org_id, status, role_ids) FROM users WHERE id = %s" % uid) == \
            "%sinvited%s" % (org, s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'"))
        assert s.db1("SELECT COUNT(*) FROM audit_log WHERE org_id = %s AND event = 'org_created'" % org) == "1"
        first = s.mail_token("gert@garagedevries.example")
        assert first
        # bootstrap: the vendor sees the invited admin and can invite again (the first link then void)
        p = v.get("/orgs/%s" % org)
        assert 'id="invited"' in p.text and "gert@garagedevries.example" in p.text
        assert v.post("/orgs/%s/admins" % org, {"csrf": p.csrf(), "again": uid}).status == 303
        token = s.mail_token("gert@garagedevries.example")
        assert token != first and s.client().get("/password/invite?t=" + first).status == 404
        # the same address for another customer: made like any (the vendor is not told it is known)
        r = v.post("/orgs", [(k, v_ if k != "name" else "Garage Twee") for k, v_ in fields])
        assert r.status == 303, r
        twee = re.search(r"/orgs/(\d+)", r.location).group(1)
        other = s.mail_token("gert@garagedevries.example")
        # the admin activates: bootstrap ends by itself
        n = s.client()
        r = n.get("/password/invite?t=" + token)
        r = n.post("/password/invite", {"csrf": r.csrf(), "t": token, "password": PW, "password2": PW})
        assert r.status == 303
        # the address has an account now: the other customer's invitation cannot make a second one
        m = s.client()
        r = m.get("/password/invite?t=" + other)
        r = m.post("/password/invite", {"csrf": r.csrf(), "t": other, "password": PW, "password2": PW})
        assert r.status == 404 and "inmiddels al een account" in r.text, r
        assert s.db1("SELECT status FROM users WHERE org_id = %s" % twee) == "invited"
        p = v.get("/orgs/%s" % org)
        assert 'id="own-admin"' in p.text and "gert@" not in p.text and 'id="invited"' not in p.text
        r = v.post("/orgs/%s/admins" % org, {"csrf": p.csrf(), "given_name": "X", "family_name": "Y",
                                             "email": "x@garagedevries.example", "mobile": "0612000002"})
        assert r.status == 409
        assert v.get("/orgs/1").status == 404 and v.get("/orgs/999999").status == 404
    finally:
        for o in [x for (x,) in s.db("SELECT id FROM organisations WHERE name IN ('Garage De Vries', 'Garage Twee')")]:
            s.drop_org(o)


def test_the_lists_counts_follow_every_change(s):
    """sql/020: /orgs and /quota/orgs keep each customer's admins and submitters in org_counts with the
    organisation's users_version and the catalogue's version they were counted at. A kept count is used (an
    altered one shows while neither version moves), and any change that alters a count moves a version: a role
    granted, a certified-expert flag, a right added to a role, each straight in the database, show at the next
    view of both pages."""
    v = s.login(SANNE)

    def row(path="/orgs"):
        r = v.get(path)
        assert r.status == 200, r
        return r.text.split('id="org-3"')[1].split("</tr>")[0]
    assert '<td>1 <span class="tag warn">minder dan twee</span></td><td>1 / 3</td>' in row(), "said in words, not colour" and "<td>1 / 3</td>" in row("/quota/orgs")
    assert s.db("SELECT admins, submitters FROM org_counts WHERE org_id = 3") == [["1", "1"]]
    s.db("UPDATE org_counts SET admins = 7, submitters = 5 WHERE org_id = 3")   # kept counts are what it shows
    assert "<td>7</td><td>5 / 3</td>" in row() and "<td>5 / 3</td>" in row("/quota/orgs")
    beheerder = s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'")
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (10, %s, 0)" % beheerder)   # Anouk: admin
    assert "<td>2</td><td>1 / 3</td>" in row()
    assert s.db("SELECT admins, submitters FROM org_counts WHERE org_id = 3") == [["2", "1"]]
    s.db("UPDATE users SET certified_expert = 1 WHERE id = 9")   # Joost, the submitter, an expert: not counted
    assert "<td>0 / 3</td>" in row("/quota/orgs") and "<td>2</td><td>0 / 3</td>" in row()
    submit = s.db1("SELECT id FROM rights WHERE rkey = 'incidents.submit'")
    medewerker = s.db1("SELECT id FROM roles WHERE rkey = 'medewerker'")
    try:
        s.db("INSERT INTO role_rights (role_id, right_id) VALUES (%s, %s)" % (medewerker, submit))
        # Medewerkers now count: Anouk and user 11 (Joost is an expert, Thijs disabled)
        assert "<td>2 / 3</td>" in row("/quota/orgs") and "<td>2</td><td>2 / 3</td>" in row()
    finally:
        s.db("DELETE FROM role_rights WHERE role_id = %s AND right_id = %s" % (medewerker, submit))
    assert "<td>2</td><td>0 / 3</td>" in row()


def test_the_open_incidents_follow_every_change(s):
    """sql/021: /orgs shows each customer's open incidents (not resolved or closed) from a count that triggers
    keep in the organisation's row, in the same transaction as the incident. It follows a submission, the
    vendor resolving one, the submitter's reply opening it again, closing, and (straight in the database) a
    new incident that is already closed, one moved to another organisation and back, and deleted ones; at every step
    the page shows the organisations' own count of their incidents."""
    from test_incidents import submit
    v, joost = s.login(SANNE), s.login("joost@bakkerij-vandenberg.example")
    ahmed = s.login("ahmed.elamrani@poortwachter.example")

    def shown(org):
        r = v.get("/orgs")
        assert r.status == 200, r
        return int(re.findall(r"<td[^>]*>(.*?)</td>", r.text.split('id="org-%d"' % org)[1].split("</tr>")[0])[4])

    def check(want3, want2):
        real = [int(s.db1("SELECT COUNT(*) FROM incidents WHERE org_id = %d AND status NOT IN ('resolved', 'closed')"
                          % org)) for org in (3, 2)]
        assert [shown(3), shown(2)] == real == [want3, want2], (shown(3), shown(2), real)
    check(2, 0)   # the demo data: incident 1 waiting, 2 new
    r, _ = submit(joost)
    assert r.status == 303
    iid = int(re.search(r"^/incidents/(\d+)", r.location).group(1))
    check(3, 0)
    page = ahmed.get("/incidents/%d" % iid)
    assert ahmed.post("/incidents/%d/status" % iid, {"csrf": page.csrf(), "status": "resolved"}).status == 303
    check(2, 0)
    assert ahmed.post("/incidents/%d/status" % iid, {"csrf": page.csrf(), "status": "closed"}).status == 303
    check(2, 0)   # resolved to closed: still not open
    assert ahmed.post("/incidents/%d/status" % iid, {"csrf": page.csrf(), "status": "resolved"}).status == 303
    jp = joost.get("/incidents/%d" % iid)
    assert joost.post("/incidents/%d/reply" % iid, {"csrf": jp.csrf(), "body": "Toch nog niet goed."}).status == 303
    assert s.db1("SELECT status FROM incidents WHERE id = %d" % iid) == "open"
    check(3, 0)
    assert joost.post("/incidents/%d/close" % iid, {"csrf": jp.csrf()}).status == 303
    check(2, 0)
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, status, form_token, created_at, updated_at)"
         " VALUES (3, 8, 'Al gesloten', 'Tekst', 'closed', 'y0000000000000000000000000000000', 0, 0)")
    check(2, 0)
    s.db("UPDATE incidents SET org_id = 2 WHERE id = 2")   # an open one, to another organisation and back
    check(1, 1)
    s.db("UPDATE incidents SET org_id = 3 WHERE id = 2")
    check(2, 0)
    s.db("DELETE FROM incidents WHERE id = %d OR title = 'Al gesloten'" % iid)   # closed ones: no change
    check(2, 0)
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
         " VALUES (2, NULL, 'Even open', 'Tekst', 'z0000000000000000000000000000000', 0, 0)")
    check(2, 1)
    s.db("DELETE FROM incidents WHERE title = 'Even open'")   # an open one
    check(2, 0)
    assert s.db1("SELECT COUNT(*) FROM organisations o WHERE o.open_incidents <> (SELECT COUNT(*) FROM incidents i"
                 " WHERE i.org_id = o.id AND i.status NOT IN ('resolved', 'closed'))") == "0"
