"""test_quota.py: the incident-submitter quota (documents 001, 004; ACC-05). Bakkerij Van den Berg (org 3) is
size class 2: at most 3 holders of Incidentenbeheer; Joost holds it. Exactly one of 20 parallel grants into
the last free slot succeeds (run several times); certified experts and disabled colleagues do not count; the
vendor's override; lowering below use strips nobody but refuses new grants; every granting path checks it;
the nightly report; the admins' and the vendor's pages."""
import os
import re
import subprocess
import threading

from portaltest import Client, walk_pages

MARIEKE = "marieke@bakkerij-vandenberg.example"   # 8: Beheerder of org 3
SANNE = "sanne.devries@poortwachter.example"      # vendor admin (orgs.manage)


def rid(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def holders(s, org=3):
    return int(s.db1("SELECT COUNT(DISTINCT u.id) FROM user_roles ur JOIN users u ON u.id = ur.user_id JOIN roles r"
                     " ON r.id = ur.role_id WHERE u.org_id = %d AND r.rkey = 'incidentenbeheer'"
                     " AND u.status IN ('active', 'invited') AND u.certified_expert = 0" % org))


def give(s, uid):
    s.db("INSERT IGNORE INTO user_roles (user_id, role_id, granted_at) SELECT %d, id, 0 FROM roles WHERE rkey = 'incidentenbeheer'" % uid)


def colleagues(s, n, tag):
    """n fresh active colleagues in org 3 (ids > 22: removed by the next reset)."""
    s.db("INSERT INTO users (org_id, email, given_name, family_name, status, lang, created_at) SELECT 3,"
         " CONCAT('q', seq, '.%s@bakkerij-vandenberg.example'), 'Q', CONCAT('Kandidaat ', seq), 'active', 'nl', 0"
         " FROM seq_1_to_%d" % (tag, n))
    return [int(x) for (x,) in s.db("SELECT id FROM users WHERE email LIKE '%%.%s@bakkerij-vandenberg.example' ORDER BY id" % tag)]


def test_twenty_parallel_grants_into_one_free_slot(s):
    m = s.login(MARIEKE)
    ib = rid(s, "incidentenbeheer")
    give(s, 11)                      # Joost and O'Hara: 2 of 3 used
    for run in range(3):
        ids = colleagues(s, 20, "run%d" % run)
        csrf = m.get("/rights/users/%d" % ids[0]).csrf()
        results = [None] * len(ids)

        def grant(i):
            c = Client(s.base)
            c.cookies = dict(m.cookies)
            r = c.post("/rights/users/%d" % ids[i], [("csrf", csrf), ("role", ib)])
            results[i] = (r.status, r.text)
            c.close()
        threads = [threading.Thread(target=grant, args=(i,)) for i in range(len(ids))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(st for st, _ in results)
        assert codes == [303] + [409] * 19, (run, codes)
        assert holders(s) == 3
        refused = next(t for st, t in results if st == 409)
        assert "(3 van 3)" in refused and "support" in refused
        # free the slot again for the next run
        s.db("DELETE FROM user_roles WHERE user_id IN (%s)" % ",".join(map(str, ids)))
    assert int(s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'quota_refused' AND org_id = 3")) >= 57


def test_experts_and_disabled_colleagues_do_not_count(s):
    give(s, 11)
    give(s, 10)                      # 3 of 3
    m = s.login(MARIEKE)
    page = m.get("/quota")
    assert page.status == 200 and re.search(r"<strong>3</strong> van <strong>3</strong>", page.text)
    new = colleagues(s, 1, "exp")[0]
    r = m.post("/rights/users/%d" % new, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota")
    assert r.status == 409
    s.db("UPDATE users SET certified_expert = 1 WHERE id = 10")    # Anouk is a certified expert: not counted
    page = m.get("/quota").text
    assert re.search(r"<strong>2</strong> van <strong>3</strong>", page) and "Anouk" in page.split('id="experts"')[1]
    r = m.post("/rights/users/%d" % new, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota")
    assert r.status == 303, r
    # the customer cannot clear the flag (the vendor certifies: test_the_vendor_alone_certifies_specialists)
    r = m.post("/users/10", {"given_name": "Anouk", "family_name": "Smit", "email": "anouk@bakkerij-vandenberg.example",
                             "mobile": "+31610000010"}, csrf_from="/users/10")
    assert r.status == 303 and s.db1("SELECT certified_expert FROM users WHERE id = 10") == "1"
    # a disabled holder does not count; enabling them again needs room
    assert m.post("/users/11/disable", {}, csrf_from="/users/11").status == 303
    assert holders(s) == 2
    other = colleagues(s, 1, "dis")[0]
    assert m.post("/rights/users/%d" % other, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota").status == 303
    r = m.post("/users/11/enable", {}, csrf_from="/users/11")
    assert r.status == 409 and s.db1("SELECT status FROM users WHERE id = 11") == "disabled"


def test_every_granting_path_checks_it(s):
    give(s, 11)
    give(s, 10)                      # 3 of 3
    m = s.login(MARIEKE)
    before = int(s.db1("SELECT COUNT(*) FROM users"))
    page = m.get("/users/new")
    r = m.post("/users/new", [("csrf", page.csrf()), ("given_name", "Nieuwe"), ("family_name", "Collega"),
                              ("email", "nieuw@bakkerij-vandenberg.example"), ("lang", "nl"),
                              ("role", rid(s, "incidentenbeheer"))])
    assert r.status == 409 and "Incidentenbeheer" in r.text, r
    csv = "voornaam;achternaam;email;rollen\nNina;Nooit;nina@bakkerij-vandenberg.example;Incidentenbeheer\n"
    r = m.post("/users/import", {"csv": csv, "confirm": "1"}, csrf_from="/users/import")
    assert r.status == 409 and "maximum" in r.text, r
    assert int(s.db1("SELECT COUNT(*) FROM users")) == before
    assert holders(s) == 3


def test_vendor_override_lowering_and_nightly(s):
    give(s, 11)                      # 2 of 3
    v = s.login(SANNE)
    page = v.get("/quota/orgs")
    assert page.status == 200 and 'id="org-3"' in page.text
    # the vendor lowers Bakkerij's maximum to 1: nobody loses the role, the organisation is flagged
    r = v.post("/quota/orgs/3", {"csrf": page.csrf(), "size_class": "2", "override": "1"})
    assert r.status == 303, r
    assert holders(s) == 2 and s.db1("SELECT over_quota_since IS NOT NULL FROM organisations WHERE id = 3") == "1"
    page = v.get("/quota/orgs")
    assert '<a href="/quota/orgs?state=over">1 klanten zitten boven het maximum' in page.text, page.text
    over = v.get("/quota/orgs?state=over")                                # the flagged ones alone
    assert re.findall(r'<tr id="org-(\d+)"', over.text) == ["3"] and "boven het maximum" in over.text
    detail = s.db1("SELECT detail FROM audit_log WHERE event = 'quota_changed' AND org_id = 3 ORDER BY id DESC LIMIT 1")
    assert "3 -> 1" in detail and "over quota" in detail, detail
    m = s.login(MARIEKE)
    q = m.get("/quota").text
    assert 'id="over"' in q
    new = colleagues(s, 1, "low")[0]
    assert m.post("/rights/users/%d" % new, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota").status == 409
    # the nightly report: one line per customer, the over-quota one flagged and audited once
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
               if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
    out = [l for l in subprocess.run([ctl, "nightly"], env=env, capture_output=True, text=True, check=True).stdout.splitlines()
           if l.startswith("org ")]
    customers = int(s.db1("SELECT COUNT(*) FROM organisations WHERE kind = 'customer'"))
    assert len(out) == customers, out
    assert any(l.startswith("org 3 ") and "2 of 1, OVER QUOTA" in l for l in out), out
    # back under: the override removed
    r = v.post("/quota/orgs/3", {"csrf": page.csrf(), "size_class": "2"})
    assert r.status == 303 and s.db1("SELECT over_quota_since IS NULL FROM organisations WHERE id = 3") == "1"
    out = subprocess.run([ctl, "nightly"], env=env, capture_output=True, text=True, check=True).stdout
    assert "org 3 Bakkerij Van den Berg B.V.: 2 of 3, within the quota" in out
    # the vendor's page needs orgs.manage; a customer admin gets 403; bad input is refused
    assert m.get("/quota/orgs").status == 403
    assert v.post("/quota/orgs/3", {"csrf": page.csrf(), "size_class": "9"}).status == 422
    assert v.post("/quota/orgs/1", {"csrf": page.csrf(), "size_class": "2"}).status == 404   # the vendor itself
    assert v.post("/quota/orgs/99999", {"csrf": page.csrf(), "size_class": "2"}).status == 404


def test_nightly_flags_after_a_size_change(s):
    """A size change in the database (as a migration or import would make it) is caught by the nightly run."""
    give(s, 11)
    give(s, 10)
    s.db("UPDATE organisations SET size_class = 1 WHERE id = 3")     # now at most 2, with 3 holders
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
               if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
    for _ in range(2):
        out = subprocess.run([ctl, "nightly"], env=env, capture_output=True, text=True, check=True).stdout
        assert "org 3 Bakkerij Van den Berg B.V.: 3 of 2, OVER QUOTA" in out
    # flagged since the first night; an audit row each night in the organisation's own log
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE id > %s AND event = 'quota_over' AND org_id = 3" % mark) == "2"
    assert s.db1("SELECT over_quota_since IS NOT NULL FROM organisations WHERE id = 3") == "1"
    assert holders(s) == 3


def test_vendor_page_pages_and_searches_and_nightly_sees_every_customer(s):
    """At any number of customers: /quota/orgs shows 50 a page by name, reached by a keyset link that carries
    the filters, every customer exactly once; the name search takes % and _ literally; bad input is a 400;
    portalctl nightly reports every customer, also beyond the first thousand, and reminds every one that is due
    of its contact check (read a thousand at a time)."""
    base = int(s.db1("SELECT COALESCE(MAX(id), 0) FROM organisations"))
    s.db("INSERT INTO organisations (kind, name, size_class, created_at) SELECT 'customer',"
         " CONCAT('Quotumtest ', LPAD(seq, 4, '0'), IF(seq = 7, ' 100%_zeker', '')), 2, 0 FROM seq_1_to_1100")
    try:
        v = s.login(SANNE)
        customers = int(s.db1("SELECT COUNT(*) FROM organisations WHERE kind = 'customer'"))
        seen, pages = walk_pages(v, "/quota/orgs?q=Quotumtest", r'<tr id="org-(\d+)"', "next-page", 50,
                                 lambda path, r, k: "q=Quotumtest" in path)
        assert len(seen) == 1100 and len(set(seen)) == 1100 and pages == 22, (len(seen), pages)
        assert seen == [i for (i,) in s.db("SELECT id FROM organisations WHERE id > %d ORDER BY name, id" % base)]
        seventh = s.db1("SELECT id FROM organisations WHERE name = 'Quotumtest 0007 100%_zeker'")
        hit = re.findall(r'<tr id="org-(\d+)"', v.get("/quota/orgs?q=100%25_zeker").text)
        assert hit == [seventh], hit
        assert re.findall(r'<tr id="org-(\d+)"', v.get("/quota/orgs?q=_").text) == [seventh]
        assert 'id="no-results"' in v.get("/quota/orgs?q=Quotumtest&state=over").text
        for bad in ("state=all", "ai=x&ak=a", "q=" + "x" * 101):
            r = v.get("/quota/orgs?" + bad)
            assert r.status == 400, (bad, r)
        env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
        ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
                   if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
        lines = subprocess.run([ctl, "nightly"], env=env, capture_output=True, text=True, check=True).stdout.splitlines()
        out = [l for l in lines if l.startswith("org ")]
        assert len(out) == customers > 1100, (len(out), customers)
        last = s.db1("SELECT id FROM organisations WHERE name = 'Quotumtest 1100'")
        assert "org %s Quotumtest 1100: 0 of 3, within the quota" % last in out
        # never checked, so due for the contact check's reminder: every one of them, past the first batch of 1,000
        reminded = {l.split()[2].rstrip(",") for l in lines if l.startswith("reminded: org ")}
        assert {str(i) for i in seen} <= reminded, len({str(i) for i in seen} - reminded)
        assert s.db1("SELECT COUNT(*) FROM organisations WHERE id > %d AND contact_reminded_at IS NULL" % base) == "0"
    finally:
        s.db("DELETE FROM organisations WHERE id > %d AND name LIKE 'Quotumtest %%'" % base)


def test_own_page_lists_everyone_who_counts_in_pages(s):
    """The admins' quota page lists who holds a submitting role and the certified experts, 100 a page by name,
    every one reachable (it stopped at 1,000, so far over the maximum the rest were nowhere), the use counted
    over all of them; a bad cursor is a 400."""
    m = s.login(MARIEKE)
    ids = colleagues(s, 130, "pages")
    try:
        for uid in ids[:120]:
            give(s, uid)
        s.db("UPDATE users SET certified_expert = 1 WHERE id IN (%s)" % ",".join(str(x) for x in ids[110:]))
        want = [x for (x,) in s.db(
            "SELECT u.id FROM users u WHERE u.org_id = 3 AND u.status <> 'removed' AND (u.certified_expert = 1 OR"
            " EXISTS (SELECT 1 FROM user_roles ur JOIN role_rights rr ON rr.role_id = ur.role_id JOIN rights ri"
            " ON ri.id = rr.right_id WHERE ur.user_id = u.id AND ri.rkey = 'incidents.submit')) ORDER BY u.name_key, u.id")]
        assert len(want) > 130
        r = m.get("/quota")
        assert re.search(r'<p id="use">[^<]*<strong>%d</strong>' % holders(s), r.text), r.text[:2000]
        experts = {x for (x,) in s.db("SELECT id FROM users WHERE org_id = 3 AND certified_expert = 1")}

        def split(path, page, k):   # on each page the holders, then the experts, each by name
            h = page.text.split('id="holders"')[1].split("</ul>")[0] if 'id="holders"' in page.text else ""
            e = page.text.split('id="experts"')[1].split("</ul>")[0] if 'id="experts"' in page.text else ""
            return not (set(re.findall(r'id="p-(\d+)"', h)) & experts) and set(re.findall(r'id="p-(\d+)"', e)) <= experts
        seen, pages = walk_pages(m, "/quota", r'<li id="p-(\d+)">', "next-page", 100, split)
        assert pages == 2 and sorted(seen) == sorted(want), (pages, len(seen), len(want))
        for page, names in ((seen[:100], want[:100]), (seen[100:], want[100:])):   # the next 100 by name, each list
            assert [x for x in page if x not in experts] == [x for x in names if x not in experts]   # by name
            assert [x for x in page if x in experts] == [x for x in names if x in experts]
        for bad in ("ai=0&ak=x", "ak=" + "x" * 201 + "&ai=3"):
            assert m.get("/quota?" + bad).status == 400, bad
    finally:
        s.db("DELETE FROM users WHERE email LIKE '%.pages@bakkerij-vandenberg.example'")


def test_the_vendor_alone_certifies_specialists(s):
    """Document 001: the maximum excludes certified experts, and the vendor certifies them. The customer's admin
    cannot tick the flag (a forged field is refused, 400) and so cannot exceed the maximum; the vendor certifies a
    colleague by e-mail address and date from the customer's page, audited in the customer's log, and the customer
    sees it read-only; withdrawn, the colleague counts again and a customer then over its maximum is flagged."""
    give(s, 11)
    give(s, 10)                      # 3 of 3
    m = s.login(MARIEKE)
    page = m.get("/users/10")
    assert 'name="certified_expert"' not in page.text and 'id="u-expert"' in page.text
    for uid in (9, 10, 11):
        r = m.post("/users/%d" % uid, {"csrf": page.csrf(), "given_name": "X", "family_name": "Y",
                                       "email": "x%d@bakkerij-vandenberg.example" % uid, "certified_expert": "1"})
        assert r.status == 400, r
    assert s.db1("SELECT COUNT(*) FROM users WHERE certified_expert = 1") == "0"
    new = colleagues(s, 1, "four")[0]
    r = m.post("/rights/users/%d" % new, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota")
    assert r.status == 409 and holders(s) == 3
    # the vendor certifies Anouk from Bakkerij's page
    v = s.login(SANNE)
    page = v.get("/orgs/3")
    assert 'id="no-experts"' in page.text and "Anouk" not in page.text
    mark = s.db1("SELECT MAX(id) FROM audit_log")
    form = {"csrf": page.csrf(), "email": "anouk@bakkerij-vandenberg.example", "date": "2026-03-02", "action": "certify"}
    for bad in ({"email": "nobody@bakkerij-vandenberg.example"}, {"email": "pieter@dehaan-assurantien.example"},
                {"date": ""}, {"date": "2999-01-01"}, {"action": "all"}):
        r = v.post("/orgs/3/experts", dict(form, **bad))
        assert r.status in (400, 422), (bad, r)
    assert s.login("ahmed.elamrani@poortwachter.example").post("/orgs/3/experts", form).status == 403
    r = v.post("/orgs/3/experts", form)
    assert r.status == 303 and r.location == "/orgs/3?m=expert_set#experts", r
    page = v.get("/orgs/3")
    assert "anouk@bakkerij-vandenberg.example" in page.text.split('id="expert-list"')[1] and "Anouk" not in page.text
    assert s.db1("SELECT CONCAT(certified_expert, FROM_UNIXTIME(certified_at, '%Y-%m-%d'), certified_by) FROM users"
                 " WHERE id = 10") == "12026-03-021"
    assert s.db("SELECT org_id, user_id, event FROM audit_log WHERE id > %s AND event LIKE 'expert%%'" % mark) == \
        [["3", "10", "expert_certified"]]
    assert "2 maart 2026" in m.get("/users/10").text.split('id="u-expert"')[1].split("</dd>")[0]
    assert holders(s) == 2
    assert m.post("/rights/users/%d" % new, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota").status == 303
    # withdrawn: Anouk counts again, 4 of 3: nobody loses the role, the customer is flagged over its maximum
    r = v.post("/orgs/3/experts", dict(form, action="clear", date=""))
    assert r.status == 303 and r.location == "/orgs/3?m=expert_over#experts", r
    assert s.db1("SELECT certified_expert FROM users WHERE id = 10") == "0" and holders(s) == 4
    assert s.db1("SELECT over_quota_since IS NOT NULL FROM organisations WHERE id = 3") == "1"
    fifth = colleagues(s, 1, "five")[0]
    assert m.post("/rights/users/%d" % fifth, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota").status == 409


def test_the_quota_page_is_linked_where_it_matters(s):
    """From the rights pages, from the incidents page of someone without the role, and from the refusal when
    the maximum is reached; anyone of the organisation may read the numbers, only users.view the names."""
    m = s.login(MARIEKE)
    assert 'href="/quota"' in m.get("/rights").text and 'href="/quota"' in m.get("/rights/users/9").text
    a = s.login("anouk@bakkerij-vandenberg.example")      # Medewerker + Incidentmanagement, no Incidentenbeheer
    s.db("DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = 10 AND r.rkey = 'incidentmanagement'")
    page = a.get("/incidents")
    assert 'id="no-right"' in page.text and 'href="/quota" id="quota-link"' in page.text
    q = a.get("/quota")
    assert q.status == 200 and re.search(r"<strong>1</strong> of <strong>3</strong>", q.text) and "Joost" not in q.text   # in English, hers
    give(s, 11)
    give(s, 10)                      # 3 of 3
    new = colleagues(s, 1, "link")[0]
    r = m.post("/rights/users/%d" % new, [("role", rid(s, "incidentenbeheer"))], csrf_from="/quota")
    assert r.status == 409 and 'href="/quota" id="quota-link"' in r.text
    page = m.get("/users/new")
    r = m.post("/users/new", [("csrf", page.csrf()), ("given_name", "V"), ("family_name", "W"),
                              ("email", "vw@bakkerij-vandenberg.example"), ("role", rid(s, "incidentenbeheer"))])
    assert r.status == 409 and 'href="/quota" id="quota-link"' in r.text
