"""test_portals.py: one scenario per source portal, each proving its role model works as its document says
(the accounting portal of 003 is test_dossiers.py):
 - AIP (000): 'klantbeeld' opens the clients' file information, 'Financiële Documenten' the current-account
   position; an admin grants them from the colleague's rights page and they count from the next click;
 - the back office (002): per module view / change / new input; a view-only user's POST is 403 and changes
   nothing; a product reaches test mode only after approval by a holder of that right, and again after a change;
 - AFAS (004): no role, Medewerker, Beheerder, Incidentenbeheer each give what the document lists."""
import re

from portaltest import walk_pages

PIETER = "pieter@dehaan-assurantien.example"   # org 2: Beheerder + Klantbeeld + Financiële Documenten
FLEUR = "fleur@dehaan-assurantien.example"     # org 2: Medewerker + Klantbeeld
ZOE = "zoe@dehaan-assurantien.example"         # org 2: Medewerker
WILLEM = "willem.kok@zeeuwse-onderlinge.example"   # org 4: Beheerder + products approve
SOPHIE = "sophie.meijer@zeeuwse-onderlinge.example"  # relations view, policies change, claims create
LARS = "lars.degroot@zeeuwse-onderlinge.example"     # relations create, ledger view
EVA = "eva.bos@zeeuwse-onderlinge.example"           # debtors/creditors create, ledger change
MARIEKE = "marieke@bakkerij-vandenberg.example"      # org 3: Beheerder
JOOST = "joost@bakkerij-vandenberg.example"          # org 3: Medewerker + Incidentenbeheer


def rid(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def rec(s, org, module):
    return s.db1("SELECT id FROM bo_records WHERE org_id = %d AND module = '%s' ORDER BY id LIMIT 1" % (org, module))


def state(s):
    return s.db("CHECKSUM TABLE bo_records")


def test_aip_klantbeeld_and_financial_documents(s):
    z = s.login(ZOE)
    assert z.get("/backoffice/clients").status == 403
    assert z.get("/backoffice/position").status == 403
    assert 'href="/backoffice"' not in z.get("/home").text
    f = s.login(FLEUR)
    r = f.get("/backoffice/clients")
    assert r.status == 200 and "Familie Bakker, Utrecht" in r.text and "Groothandel Meel" not in r.text
    assert f.get("/backoffice/position").status == 403
    p = s.login(PIETER)
    r = p.get("/backoffice/position")
    assert r.status == 200 and "Rekening-courant Aegon" in r.text and "€ 12.500,00" in r.text
    # the admin gives Zoë both rights on her rights page ("aanvinken en bewaren"); her next click has them
    page = p.get("/rights/users/6")
    r = p.post("/rights/users/6", [("csrf", page.csrf()), ("role", rid(s, "medewerker")), ("role", rid(s, "klantbeeld")),
                                   ("role", rid(s, "financiele_documenten"))])
    assert r.status == 303, r
    assert z.get("/backoffice/clients").status == 200
    assert z.get("/backoffice/position").status == 200
    idx = z.get("/backoffice").text
    assert "Klantbeeld" in idx and "rekening-courantpositie" in idx
    s.db("DELETE FROM user_roles WHERE user_id = 6; INSERT INTO user_roles (user_id, role_id, granted_at)"
         " SELECT 6, id, 0 FROM roles WHERE rkey = 'medewerker'")
    assert z.get("/backoffice/clients").status == 403


def test_backoffice_view_change_create_per_module(s):
    before = state(s)
    so = s.login(SOPHIE)
    idx = so.get("/backoffice").text
    assert "Relaties" in idx and "Polisadministratie" in idx and "Grootboek" not in idx
    # relations: view only
    rel = rec(s, 4, "relations")
    page = so.get("/backoffice/relations/%s" % rel)
    assert page.status == 200 and 'id="view-only"' in page.text and 'name="title"' not in page.text
    csrf = page.csrf()
    assert so.post("/backoffice/relations/%s" % rel, {"csrf": csrf, "ref": "R-1001", "title": "Gewijzigd"}).status == 403
    assert so.post("/backoffice/relations", {"csrf": csrf, "ref": "R-9", "title": "Nieuw"}).status == 403
    assert 'action="/backoffice/relations"' not in so.get("/backoffice/relations").text
    # policies: change, not create
    pol = rec(s, 4, "policies")
    assert so.post("/backoffice/policies", {"csrf": csrf, "ref": "P-9", "title": "Nieuwe polis"}).status == 403
    assert state(s) == before
    r = so.post("/backoffice/policies/%s" % pol, {"csrf": csrf, "ref": "P-2001", "title": "Opstal J. de Wit",
                                                  "amount": "450,00"})
    assert r.status == 303, r
    assert s.db1("SELECT CONCAT(title, '|', amount_cents) FROM bo_records WHERE id = %s" % pol) == "Opstal J. de Wit|45000"
    # claims: new input (which includes viewing), not change
    r = so.post("/backoffice/claims", {"csrf": csrf, "ref": "S-3002", "title": "Waterschade", "amount": "1.234,56"})
    assert r.status == 303 and re.search(r"/backoffice/claims/\d+\?m=created$", r.location), r
    assert s.db1("SELECT amount_cents FROM bo_records WHERE ref = 'S-3002'") == "123456"
    assert so.post("/backoffice/claims/%s" % rec(s, 4, "claims"), {"csrf": csrf, "ref": "S", "title": "Xx"}).status == 403
    # no right at all for the ledger
    assert so.get("/backoffice/ledger").status == 403
    # bad input: a clear 422, nothing stored
    n = s.db1("SELECT COUNT(*) FROM bo_records")
    r = so.post("/backoffice/claims", {"csrf": csrf, "ref": "S-4", "title": "Xy", "amount": "twaalf"})
    assert r.status == 422 and "1234,56" in r.text
    assert s.db1("SELECT COUNT(*) FROM bo_records") == n
    # another organisation's record is a 404 even with the right
    lars = s.login(LARS)
    assert lars.get("/backoffice/relations/%s" % rec(s, 2, "relations")).status == 404
    assert lars.get("/backoffice/relations/%s" % rec(s, 4, "relations")).status == 200


def test_product_needs_approval_before_test_mode(s):
    e = s.login(EVA)
    assert e.get("/backoffice/products").status == 403
    w = s.login(WILLEM)
    prod = rec(s, 4, "products")
    page = w.get("/backoffice/products/%s" % prod)
    assert page.status == 200 and "/approve" in page.text
    # a colleague without the approval right cannot
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 16, id, 0 FROM roles WHERE rkey = 'products_change'")
    e = s.login(EVA)
    ep = e.get("/backoffice/products/%s" % prod)
    assert ep.status == 200 and "/approve" not in ep.text
    assert e.post("/backoffice/products/%s/approve" % prod, {"csrf": ep.csrf()}).status == 403
    assert w.post("/backoffice/products/%s/approve" % prod, {"csrf": page.csrf()}).status == 303
    assert s.db1("SELECT status FROM bo_records WHERE id = %s" % prod) == "test"
    assert w.post("/backoffice/products/%s/approve" % prod, {"csrf": page.csrf()}).status == 409
    # a change sends it back to draft: approval again
    r = e.post("/backoffice/products/%s" % prod, {"csrf": ep.csrf(), "ref": "PR-1", "title": "Fietsverzekering plus"})
    assert r.status == 303
    assert s.db1("SELECT status FROM bo_records WHERE id = %s" % prod) == "draft"
    s.db("DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = 16 AND r.rkey = 'products_change';"
         " UPDATE bo_records SET title = 'Fietsverzekering', status = 'draft' WHERE id = %s" % prod)


def test_afas_roles(s):
    """Document 004: no role edits only own data; Medewerker: courses and release notes; Beheerder: manage
    contacts and their roles, organisation data, invoices, all incidents; Incidentenbeheer: submit incidents."""
    s.db("DELETE FROM user_roles WHERE user_id = 10")     # Anouk: no role at all
    try:
        a = s.login("anouk@bakkerij-vandenberg.example")
        home = a.get("/home")
        assert home.status == 200
        for path in ("/users", "/rights", "/audit", "/backoffice/clients"):
            assert a.get(path).status == 403, path
        assert a.get("/account").status == 200
        r = a.post("/account/profile", {"given_name": "Anouk", "name_prefix": "", "family_name": "Smit-de Boer",
                                        "lang": "en"}, csrf_from="/account")
        assert r.status == 303 and s.db1("SELECT family_name FROM users WHERE id = 10") == "Smit-de Boer"
    finally:
        s.db("UPDATE users SET family_name = 'Smit' WHERE id = 10; INSERT INTO user_roles (user_id, role_id, granted_at)"
             " SELECT 10, id, 0 FROM roles WHERE rkey IN ('medewerker', 'incidentmanagement')")
    j = s.login(JOOST)
    home = j.get("/home").text
    assert "Inschrijven voor cursussen" in home and "Releasenotes raadplegen" in home
    assert "Incidenten insturen en eigen incidenten inzien" in home           # Incidentenbeheer
    assert "Alle incidenten van de organisatie inzien" not in home
    assert j.get("/users").status == 403
    m = s.login(MARIEKE)
    home = m.get("/home").text
    for right in ("beheren en rollen toekennen", "Organisatiegegevens aanpassen", "Facturen raadplegen",
                  "Alle incidenten van de organisatie inzien"):
        assert right in home, right
    assert m.get("/users").status == 200 and m.get("/rights/users/9").status == 200


def test_change_and_new_input_imply_view(s):
    """Document 002's levels: whoever may change or enter records of a module may view them, even if a role
    in the (vendor-edited) catalogue lists only the higher level."""
    s.db("DELETE rr FROM role_rights rr JOIN roles ro ON ro.id = rr.role_id JOIN rights ri ON ri.id = rr.right_id"
         " WHERE ro.rkey = 'relations_change' AND ri.rkey = 'relations.view';"
         " INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 16, id, 0 FROM roles WHERE rkey = 'relations_change'")
    try:
        e = s.login(EVA)
        assert e.get("/backoffice/relations").status == 200
        assert e.get("/backoffice/relations/%s" % rec(s, 4, "relations")).status == 200
        assert e.post("/backoffice/relations", {"ref": "R-2", "title": "Nieuw"}, csrf_from="/backoffice").status == 403
    finally:
        s.db("INSERT IGNORE INTO role_rights (role_id, right_id) SELECT ro.id, ri.id FROM roles ro JOIN rights ri"
             " WHERE ro.rkey = 'relations_change' AND ri.rkey = 'relations.view';"
             " DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = 16 AND r.rkey = 'relations_change'")


def test_backoffice_records_in_pages_of_a_hundred(s):
    """A module's records, and Klantbeeld's read-only view of the relations, show 100 a page, newest first, with
    links to the older ones and back (they were cut off at 500: years of claims lost their oldest from view);
    a bad page is a 400 in the user's language."""
    so = s.login(SOPHIE)   # relations view
    f = s.login(FLEUR)     # Klantbeeld: org 2's relations, read-only
    try:
        for org in (4, 2):
            s.db("INSERT INTO bo_records (org_id, module, ref, title, note, created_at) SELECT %d, 'relations',"
                 " CONCAT('PG-', seq), CONCAT('Paginatest ', seq), '', seq FROM seq_1_to_230" % org)
        for who, org, path in ((so, 4, "/backoffice/relations"), (f, 2, "/backoffice/clients")):
            want = [x for (x,) in s.db("SELECT ref FROM bo_records WHERE org_id = %d AND module = 'relations'"
                                       " ORDER BY id DESC" % org)]
            seen, pages = walk_pages(who, path, r"<tr><td>(?:<a [^>]+>)?([^<]+)", "older-records", 100,
                                     lambda p, page, k: (k == 0) == ('id="newest-records"' not in page.text))
            assert seen == want and pages == (len(want) + 99) // 100, (path, len(seen), len(want), pages)
        r = so.get("/backoffice/relations?before=abc")
        assert r.status == 400 and "<html" in r.text
    finally:
        s.db("DELETE FROM bo_records WHERE ref LIKE 'PG-%'")


def test_the_position_pages_and_its_balance_counts_every_entry(s):
    """Financiële documenten: the current-account position shows debtors, then creditors, 100 a page, and the
    balance and the number of entries of all of them on every page (the balance was the sum of the first 500
    only, with nothing said of the rest); a bad cursor is a 400 in the user's language and shows nothing."""
    p = s.login(PIETER)    # org 2: Financiële documenten
    try:
        for module, n, cents in (("creditors", 170, -1234), ("debtors", 450, 10001)):
            s.db("INSERT INTO bo_records (org_id, module, ref, title, note, amount_cents, created_at) SELECT 2, '%s',"
                 " CONCAT('POS-%s-', seq), 'Positietest', '', %d * CAST(seq AS SIGNED), seq FROM seq_1_to_%d" % (module, module[0], cents, n))
        want = [x for (x,) in s.db("SELECT ref FROM bo_records WHERE org_id = 2 AND module IN ('debtors', 'creditors')"
                                   " ORDER BY module, id")]
        count, total = (int(x) for x in s.db("SELECT COUNT(*), SUM(amount_cents) FROM bo_records WHERE org_id = 2"
                                              " AND module IN ('debtors', 'creditors')")[0])
        assert count > 600 and want.index("POS-d-450") < want.index("POS-c-1")
        balance = "%s€ %s,%02d" % ("-" if total < 0 else "", "{:,}".format(abs(total) // 100).replace(",", "."),
                                   abs(total) % 100)

        def every_page(path, r, k):
            assert ('id="first-page"' in r.text) == (k > 0), path
            assert '<td id="balance">%s</td>' % balance in r.text, (path, balance)
            assert '<span id="entries">%d</span>' % count in r.text, path
        seen, pages = walk_pages(p, "/backoffice/position", r"<tr><td>[^<]*</td><td>([^<]+)</td>", "next-page", 100,
                                 every_page)
        assert seen == want and pages == (count + 99) // 100, (len(seen), count, pages)
        for bad in ("ak=kas&ai=5", "ak=debtors&ai=abc", "ak=debtors&ai=0"):
            r = p.get("/backoffice/position?" + bad)
            assert r.status == 400 and "<html" in r.text and "POS-" not in r.text, (bad, r)
    finally:
        s.db("DELETE FROM bo_records WHERE ref LIKE 'POS-%'")


def test_a_new_record_form_sent_twice_stores_once(s):
    """DI-02 in the back office: the new-record form sent twice is one record, the second answer going to it."""
    so = s.login(SOPHIE)   # claims: create
    page = so.get("/backoffice/claims")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    try:
        answers = [so.post("/backoffice/claims", {"csrf": page.csrf(), "once": tok, "ref": "S-7777", "title": "Tweemaal"})
                   for _ in range(2)]
        assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
        assert s.db1("SELECT COUNT(*) FROM bo_records WHERE ref = 'S-7777'") == "1"
    finally:
        s.db("DELETE FROM bo_records WHERE ref = 'S-7777'")


def test_a_record_shows_only_what_its_module_carries(s):
    """A relation has no amount and no status, a product a status and no amount: a page never shows
    "Bedrag € 0,00" or "concept" for what a record does not carry; an empty note says so."""
    w = s.login(WILLEM)
    so = s.login(SOPHIE)
    rel = s.db1("SELECT id FROM bo_records WHERE org_id = 4 AND module = 'relations' LIMIT 1")
    s.db("UPDATE bo_records SET note = '' WHERE id = %s" % rel)
    r = so.get("/backoffice/relations/%s" % rel)
    dl = r.text.split('<dl class="facts">')[1].split("</dl>")[0]
    assert r.status == 200 and "Bedrag" not in dl and "Stand" not in dl and "Geen toelichting" in dl, dl
    assert 'id="amount"' not in r.text, "no amount to fill in either"
    lst = so.get("/backoffice/relations").text.split('id="records"')[1].split("</table>")[0]
    assert "Bedrag" not in lst and "€" not in lst
    lst = w.get("/backoffice/products").text.split('id="records"')[1].split("</table>")[0]
    assert "Stand" in lst and "€" not in lst
    lst = so.get("/backoffice/policies").text.split('id="records"')[1].split("</table>")[0]
    assert "€ 420,00" in lst and "Stand" not in lst
