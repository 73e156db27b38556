"""test_dossiers.py: the accounting portal of document 003 (Brasserie Het Anker, org 5): the six access
profiles against every section of a dossier, the dossier's modules capping even Full Access, one profile
for all dossiers, documents (upload checks, who sees what, forward / approve / process / paid), changes
counting from the very next request (ACC-06), no escalation, and tenant isolation (ACC-01)."""
import os
import re

from portaltest import upload, walk_pages

INGRID = "ingrid@hetanker.example"     # 17: Beheerder + Administrator; responsible for dossiers 1 and 2
BRAM = "bram@hetanker.example"         # 18: Full Access (dossiers 1, 2)
LOTTE = "lotte@hetanker.example"       # 19: Document processing (dossier 1)
JEROEN = "jeroen@hetanker.example"     # 20: Full Feedback (dossiers 1, 2)
RENEE = "renee@hetanker.example"       # 21: Document Delivery (dossiers 1, 2)
KIM = "kim@hetanker.example"           # 22: Document processing + Archive (dossier 1)
MARIEKE = "marieke@bakkerij-vandenberg.example"   # org 3: Beheerder (its set has no dossier profiles)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64

SECTIONS = ["documents", "archive", "reports", "payments", "finance", "settings"]
# dossier 1 has every module: what each profile may open there (document 003)
MATRIX = {
    INGRID: {"documents", "archive", "reports", "payments", "finance", "settings"},   # Administrator
    BRAM: {"documents", "archive", "reports", "payments", "finance"},                 # Full Access
    LOTTE: {"documents"},                                                              # Document processing
    KIM: {"documents", "archive"},                                                     # + Archive
    JEROEN: {"archive", "reports", "payments", "finance"},                             # Full Feedback
    RENEE: {"documents"},                                                              # Document Delivery
}


def docs_count(s):
    return int(s.db1("SELECT COUNT(*) FROM documents"))


def stored_files(s):
    d = os.path.join(s.var, "documents")
    return sorted(os.listdir(d))


def test_six_profiles_against_every_section(s):
    for who, allowed in MATRIX.items():
        c = s.login(who)
        overview = c.get("/dossiers/1")
        assert overview.status == 200, (who, overview)
        for sec in SECTIONS:
            r = c.get("/dossiers/1/%s" % sec)
            want = 200 if sec in allowed else 403
            assert r.status == want, (who, sec, r.status)
            # the navigation offers exactly the sections the profile opens
            assert ('id="nav-%s"' % sec in overview.text) == (sec in allowed), (who, sec)


def test_modules_cap_even_full_access(s):
    """Dossier 2 has no payment module and no financial menu: hidden from Full Access, Full Feedback and the
    Administrator alike, while dossier 1 shows them; the overview says why."""
    for who in (BRAM, JEROEN, INGRID):
        c = s.login(who)
        assert c.get("/dossiers/1/payments").status == 200
        assert c.get("/dossiers/2/payments").status == 403, who
        assert c.get("/dossiers/2/finance").status == 403, who
        ov = c.get("/dossiers/2").text
        assert 'id="nav-payments"' not in ov and "module Betaalmodule staat uit" in ov, who
    r = s.login(BRAM).get("/dossiers/1/finance")
    assert "BE71096123456769" in r.text


def test_list_shows_only_own_dossiers_and_the_one_profile(s):
    c = s.login(LOTTE)
    r = c.get("/dossiers")
    assert r.status == 200 and "/dossiers/1" in r.text and "/dossiers/2" not in r.text
    assert "Document processing" in r.text and "al uw dossiers" in r.text
    assert c.get("/dossiers/2").status == 404          # not assigned: as if it did not exist
    assert c.get("/dossiers/2/documents").status == 404
    a = s.login(INGRID).get("/dossiers").text
    assert "/dossiers/1" in a and "/dossiers/2" in a and "/dossiers/3" not in a
    assert 'action="/dossiers"' in a                    # the admin's new-dossier form
    assert 'action="/dossiers"' not in r.text


def test_other_organisation_dossier_is_404(s):
    # Bakkerij Van den Berg's own dossier, with the dossier portal's profiles and Marieke as its Administrator
    s.db("INSERT INTO org_role_sets (org_id, set_id, enabled_at) SELECT 3, id, 0 FROM role_sets WHERE skey = 'dossiers';"
         " INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 8, id, 0 FROM roles WHERE rkey = 'profile_administrator'")
    m = s.login(MARIEKE)
    assert m.get("/dossiers/3/documents").status == 200
    for path in ["/dossiers/1", "/dossiers/1/documents", "/dossiers/1/settings", "/dossiers/1/archive",
                 "/dossiers/1/download?doc=1", "/dossiers/999999"]:
        assert m.get(path).status == 404, path
    csrf = m.get("/dossiers").csrf()
    for path, fields in [("/dossiers/1/settings", {"name": "Overgenomen"}), ("/dossiers/1/assign", {"user": "8"}),
                         ("/dossiers/1/profile", {"user": "17", "profile": "0"}), ("/dossiers/1/process", {"doc": "1"})]:
        fields["csrf"] = csrf
        assert m.post(path, fields).status == 404, path
    r = upload(m, "/dossiers/1/documents", "x.pdf", PDF, fields=[("csrf", csrf)])
    assert r.status == 404, r
    assert docs_count(s) == 0
    assert s.db1("SELECT name FROM dossiers WHERE id = 1") == "Brasserie Het Anker BV — boekhouding"
    # and the other way round
    assert s.login(INGRID).get("/dossiers/3").status == 404


def test_document_delivery_sees_own_and_awaiting_only(s):
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
    r_ = s.login(RENEE)
    lo = s.login(LOTTE)
    assert upload(r_, "/dossiers/1/documents", "bonnetje-taxi.jpg", JPEG, "image/jpeg",
                  csrf_from="/dossiers/1/documents").status == 303
    assert upload(lo, "/dossiers/1/documents", "factuur-brouwerij.pdf", PDF,
                  csrf_from="/dossiers/1/documents").status == 303
    mine = s.db1("SELECT id FROM documents WHERE filename = 'bonnetje-taxi.jpg'")
    other = s.db1("SELECT id FROM documents WHERE filename = 'factuur-brouwerij.pdf'")
    page = r_.get("/dossiers/1/documents").text
    assert "bonnetje-taxi.jpg" in page and "factuur-brouwerij.pdf" not in page
    assert r_.get("/dossiers/1/download?doc=%s" % other).status == 404
    d = r_.get("/dossiers/1/download?doc=%s" % mine)
    assert d.status == 200 and d.body == JPEG and d.header("Content-Type") == "image/jpeg"
    assert "attachment" in d.header("Content-Disposition")
    # Document processing sees both and forwards the invoice to Renée for approval
    lp = lo.get("/dossiers/1/documents")
    assert "bonnetje-taxi.jpg" in lp.text and "factuur-brouwerij.pdf" in lp.text
    # one forward form, its colleagues listed once (a list per row grew with rows x colleagues); each row of
    # the inbox chooses its document with a radio button that belongs to that form
    assert lp.text.count("<select") == 1 and lp.text.count('id="forward-form"') == 1
    picker = lp.text.split('<select id="forward-to" name="to">')[1].split("</select>")[0]
    assert 'value="21"' in picker and 'value="19"' not in picker   # Renée, not Lotte herself
    rows = re.findall(r'<input type="radio" name="doc" value="(\d+)" form="forward-form"', lp.text)
    assert {mine, other} <= set(rows) and len(rows) == len(set(rows)), rows
    r = lo.post("/dossiers/1/forward", {"csrf": lp.csrf(), "to": "21"})   # Forward before choosing a document
    assert r.status == 422 and "Kies eerst in de lijst het document" in r.text and s.mail_count(RENEE) == 0, r
    r = lo.post("/dossiers/1/forward", {"csrf": lp.csrf(), "doc": other, "to": "21"})
    assert r.status == 303, r
    assert s.mail_count(RENEE) == 1
    page = r_.get("/dossiers/1/documents")
    assert "factuur-brouwerij.pdf" in page.text and 'action="/dossiers/1/approve"' in page.text
    assert r_.post("/dossiers/1/approve", {"csrf": page.csrf(), "doc": other}).status == 303
    assert s.db1("SELECT approved_at IS NOT NULL FROM documents WHERE id = %s" % other) == "1"
    # Document Delivery cannot process; Document processing can, and the document goes to the archive
    assert r_.post("/dossiers/1/process", {"csrf": page.csrf(), "doc": other}).status == 403
    assert lo.post("/dossiers/1/process", {"csrf": lp.csrf(), "doc": other}).status == 303
    assert lo.post("/dossiers/1/process", {"csrf": lp.csrf(), "doc": other}).status == 409  # her own, processed
    assert r_.get("/dossiers/1/download?doc=%s" % other).status == 404
    assert lo.get("/dossiers/1/archive").status == 403
    k = s.login(KIM)
    assert "factuur-brouwerij.pdf" in k.get("/dossiers/1/archive").text
    assert k.get("/dossiers/1/download?doc=%s" % other).body == PDF
    # Full Feedback: reports and payments, never uploads
    j = s.login(JEROEN)
    pay = j.get("/dossiers/1/payments")
    assert "factuur-brouwerij.pdf" in pay.text
    assert j.post("/dossiers/1/paid", {"csrf": pay.csrf(), "doc": other}).status == 303
    assert j.post("/dossiers/1/paid", {"csrf": pay.csrf(), "doc": other}).status == 409
    assert upload(j, "/dossiers/1/documents", "x.pdf", PDF, fields=[("csrf", pay.csrf())]).status == 403
    rep = j.get("/dossiers/1/reports").text
    assert re.search(r"Verwerkt</dt><dd>1<", rep) and re.search(r"Te verwerken</dt><dd>1<", rep)
    events = [e for (e,) in s.db("SELECT event FROM audit_log WHERE id > %s AND org_id = 5 AND event LIKE 'document_%%' ORDER BY id" % mark)]
    assert events == ["document_uploaded", "document_uploaded", "document_forwarded", "document_approved",
                      "document_processed", "document_paid"], events


def test_uploads_refused_store_nothing(s):
    c = s.login(LOTTE)
    csrf = c.get("/dossiers/1/documents").csrf()
    before = stored_files(s)
    cases = [
        ("notes.txt", b"just text", "text/plain", 415),                   # not PDF/PNG/JPEG by content
        ("invoice.pdf", b"MZ\x90\x00 executable", "application/pdf", 415),  # the declared type is not trusted
        ("photo.pdf", PNG, "application/pdf", 422),                        # content PNG, name .pdf
        ("../../etc/passwd.pdf", PDF, "application/pdf", 422),
        ("..\\..\\boot.pdf", PDF, "application/pdf", 422),
        ("map/sub.pdf", PDF, "application/pdf", 422),
        (".hidden.pdf", PDF, "application/pdf", 422),
        ("empty.pdf", b"", "application/pdf", 422),
    ]
    for name, data, ctype, want in cases:
        r = upload(c, "/dossiers/1/documents", name, data, ctype, fields=[("csrf", csrf)])
        assert r.status == want, (name, r.status)
        assert "Er is niets opgeslagen" in r.text or want == 422 and "leeg" in r.text, (name, r.text[:300])
    # over the document limit (max_upload less 64 KiB) but within the body limit: our own 413
    big = PDF + b"0" * (8 * 1024 * 1024 - 60000)
    r = upload(c, "/dossiers/1/documents", "big.pdf", big, fields=[("csrf", csrf)])
    assert r.status == 413 and "te groot" in r.text, r
    # over the body limit: the web server refuses it before the program reads it
    r = upload(c, "/dossiers/1/documents", "huge.pdf", PDF + b"0" * (9 * 1024 * 1024), fields=[("csrf", csrf)])
    assert r.status == 413, r
    # without the CSRF token, or as a plain form
    assert upload(c, "/dossiers/1/documents", "ok.pdf", PDF).status == 403
    r = c.post("/dossiers/1/documents", {"csrf": csrf, "file": "x"})
    assert r.status == 415, r
    assert docs_count(s) == 0 and stored_files(s) == before
    # a good one is stored outside the web root under a random name, its own name kept for display
    assert upload(c, "/dossiers/1/documents", "Factuur januari ü.PDF", PDF, fields=[("csrf", csrf)]).status == 303
    row = s.db("SELECT filename, stored_name, content_type, size FROM documents")[0]
    assert row[0] == "Factuur januari ü.PDF" and re.fullmatch(r"[0-9a-f]{32}", row[1]) and row[2] == "application/pdf"
    assert stored_files(s) == sorted(before + [row[1]])
    d = c.get("/dossiers/1/download?doc=%s" % s.db1("SELECT id FROM documents"))
    assert "filename*=UTF-8''Factuur%20januari%20%C3%BC.PDF" in d.header("Content-Disposition")


def test_profile_is_one_for_all_dossiers_and_counts_at_once(s):
    b = s.login(BRAM)
    assert b.get("/dossiers/2/archive").status == 200
    a = s.login(INGRID)
    page = a.get("/dossiers/1/settings")
    assert page.status == 200 and 'id="profile-warning"' in page.text and "alle andere dossiers" in page.text
    delivery = s.db1("SELECT id FROM roles WHERE rkey = 'profile_doc_delivery'")
    r = a.post("/dossiers/1/profile", {"csrf": page.csrf(), "user": "18", "profile": delivery})
    assert r.status == 303, r
    # Bram's open session: the archive is gone in both dossiers on the very next request
    assert b.get("/dossiers/1/archive").status == 403
    assert b.get("/dossiers/2/archive").status == 403
    assert b.get("/dossiers/2/documents").status == 200
    assert s.db1("SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
                 " WHERE ur.user_id = 18 AND r.kind = 'profile'") == "1"
    detail = s.db1("SELECT detail FROM audit_log WHERE event = 'profile_set' AND user_id = 18 ORDER BY id DESC LIMIT 1")
    assert detail.startswith("profile profile_full_access -> profile_doc_delivery"), detail
    # an organisation role is not a profile; a stale login must re-authenticate (SES-07)
    beheerder = s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'")
    assert a.post("/dossiers/1/profile", {"csrf": page.csrf(), "user": "18", "profile": beheerder}).status == 422
    s.advance(16 * 60)
    r = a.post("/dossiers/1/profile", {"csrf": page.csrf(), "user": "18", "profile": "0"})
    assert r.status == 303 and r.location.startswith("/account/reauth"), r


def test_after_the_password_the_change_that_asked_for_it_is_sent_as_it_was(s):
    """SES-07 without losing work: a profile change refused for a stale login is kept with the session; after
    the password it is offered once, with every field as entered, and one click makes it."""
    import re
    a = s.login(INGRID)
    page = a.get("/dossiers/1/settings")
    delivery = s.db1("SELECT id FROM roles WHERE rkey = 'profile_doc_delivery'")
    s.advance(16 * 60)
    r = a.post("/dossiers/1/profile", {"csrf": page.csrf(), "user": "18", "profile": delivery})
    assert r.status == 303 and r.location == "/account/reauth?next=/dossiers/1/settings", r
    assert s.db1("SELECT COUNT(*) FROM session_resume") == "1"
    assert "csrf" not in s.db1("SELECT CAST(form AS CHAR) FROM session_resume"), "no token is kept"
    form = a.get(r.location)
    r = a.post("/account/reauth", {"csrf": form.csrf(), "password": s.password(INGRID), "next": "/dossiers/1/settings"})
    assert r.status == 303 and r.location == "/account/reauth/resume", r
    r = a.get(r.location)
    assert r.status == 200 and 'action="/dossiers/1/profile"' in r.text and "Opslaan" in r.text, r
    form = r.text.split('id="resume">')[1].split("</form>")[0]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
    assert fields["user"] == "18" and fields["profile"] == delivery, fields
    assert 'href="/dossiers/1/settings"' in r.text, "a way back without saving"
    assert s.db1("SELECT COUNT(*) FROM session_resume") == "0", "shown once, then gone"
    assert a.get("/account/reauth/resume").location == "/account"
    r = a.post("/dossiers/1/profile", fields)
    assert r.status == 303, r
    assert s.db1("SELECT r.rkey FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
                 " WHERE ur.user_id = 18 AND r.kind = 'profile'") == "profile_doc_delivery"
    # confirming the password for another page offers nothing kept for this one
    s.advance(16 * 60)
    a.post("/dossiers/1/profile", {"csrf": page.csrf(), "user": "18", "profile": "0"})
    form = a.get("/account/reauth?next=/account")
    r = a.post("/account/reauth", {"csrf": form.csrf(), "password": s.password(INGRID), "next": "/account"})
    assert r.status == 303 and r.location == "/account", r


def test_unassign_and_modules_count_from_the_next_request(s):
    lo = s.login(LOTTE)
    b = s.login(BRAM)
    assert lo.get("/dossiers/1/documents").status == 200 and b.get("/dossiers/1/payments").status == 200
    a = s.login(INGRID)
    page = a.get("/dossiers/1/settings")
    assert a.post("/dossiers/1/unassign", {"csrf": page.csrf(), "user": "19"}).status == 303
    assert lo.get("/dossiers/1/documents").status == 404
    fields = {"csrf": page.csrf(), "name": "Brasserie Het Anker BV — boekhouding", "responsible": "17",
              "documents": "1", "archive": "1", "reports": "1", "finance": "1"}
    assert a.post("/dossiers/1/settings", fields).status == 303
    assert b.get("/dossiers/1/payments").status == 403
    assert s.db1("SELECT modules FROM dossiers WHERE id = 1") == "documents,archive,reports,finance"
    assert a.post("/dossiers/1/assign", {"csrf": page.csrf(), "user": "19"}).status == 303
    assert lo.get("/dossiers/1/documents").status == 200
    # a colleague of another organisation cannot be assigned
    r = a.post("/dossiers/1/assign", {"csrf": page.csrf(), "user": "8"})
    assert r.status == 422 and s.db1("SELECT COUNT(*) FROM dossier_users WHERE user_id = 8 AND dossier_id = 1") == "0"


def test_dossier_administrator_is_not_organisation_admin(s):
    """The Administrator profile manages the dossier's settings, but neither its modules (the cap) nor
    profiles (which apply in every dossier): those need dossiers.manage (Beheerder)."""
    admin_profile = s.db1("SELECT id FROM roles WHERE rkey = 'profile_administrator'")
    s.db("DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = 18 AND r.kind = 'profile';"
         " INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (18, %s, 0)" % admin_profile)
    b = s.login(BRAM)
    page = b.get("/dossiers/2/settings")
    assert page.status == 200 and 'name="payments"' not in page.text and 'id="profile-warning"' not in page.text
    r = b.post("/dossiers/2/settings", {"csrf": page.csrf(), "name": "Het Anker Vastgoed BV", "responsible": "18",
                                        "payments": "1"})
    assert r.status == 403 and s.db1("SELECT modules FROM dossiers WHERE id = 2") == "documents,archive,reports"
    r = b.post("/dossiers/2/profile", {"csrf": page.csrf(), "user": "21", "profile": admin_profile})
    assert r.status == 403
    r = b.post("/dossiers/2/settings", {"csrf": page.csrf(), "name": "Het Anker Vastgoed BV", "responsible": "18"})
    assert r.status == 303 and s.db1("SELECT responsible_id FROM dossiers WHERE id = 2") == "18"
    assert b.post("/dossiers", {"csrf": page.csrf(), "name": "Eigen dossier"}).status == 403
    # forged fields are refused, not ignored (ACC-03)
    r = b.post("/dossiers/2/settings", {"csrf": page.csrf(), "name": "X Y", "org_id": "3"})
    assert r.status == 400


def test_admin_creates_a_dossier(s):
    a = s.login(INGRID)
    page = a.get("/dossiers")
    r = a.post("/dossiers", {"csrf": page.csrf(), "name": "Het Anker Catering <BV>", "responsible": "17",
                             "documents": "1", "reports": "1"})
    assert r.status == 303 and r.location.endswith("/settings?m=created"), r
    new_id = re.search(r"/dossiers/(\d+)/", r.location).group(1)
    assert s.db1("SELECT CONCAT(org_id, '|', modules) FROM dossiers WHERE id = %s" % new_id) == "5|documents,reports"
    st = a.get(r.location)
    assert "Het Anker Catering &lt;BV&gt;" in st.text and "Het dossier is aangemaakt" in st.text
    assert 'id="no-admin"' in st.text                   # document 003: at least one Administrator, ideally
    assert a.post("/dossiers/%s/assign" % new_id, {"csrf": page.csrf(), "user": "17"}).status == 303
    assert 'id="no-admin"' not in a.get(r.location).text
    # nobody is assigned yet: Bram does not see it
    assert s.login(BRAM).get("/dossiers/%s" % new_id).status == 404
    assert a.post("/dossiers", {"csrf": page.csrf(), "name": "X"}).status == 422
    assert a.post("/dossiers", {"csrf": page.csrf(), "name": "Goed", "responsible": "8"}).status == 422


def test_rights_page_says_where_and_why(s):
    """The colleague's rights page: the profile, and per dossier what it gives there and what the dossier's
    modules switch off; profile rights are not organisation-wide rights."""
    a = s.login(INGRID)
    r = a.get("/rights/users/18")
    assert r.status == 200 and '<strong id="profile">Volledige toegang (Full Access)</strong>' in r.text
    d1 = r.text.split('id="dossier-1"')[1].split("</ul>")[0]
    d2 = r.text.split('id="dossier-2"')[1].split("</ul>")[0]
    assert "Betaalmodule gebruiken</li>" in d1
    assert "Betaalmodule gebruiken <span" in d2 and "dit dossier heeft geen Betaalmodule" in d2
    assert "Digitaal archief inzien</li>" in d2
    can = r.text.split('id="can"')[1].split("</ul>")[0] if 'id="can"' in r.text else ""
    assert "Betaalmodule" not in can
    r = a.get("/rights/users/19")
    assert 'id="dossier-1"' in r.text and 'id="dossier-2"' not in r.text


def test_rights_page_lists_every_dossier_in_pages(s):
    """The rights page's "where" shows a colleague's dossiers 50 a page by name, with links on and back, every
    one reachable once, also when names repeat (it stopped at 1,000, and the rest said nothing); a dossier of
    another organisation never shows; a bad cursor is a 400."""
    a = s.login(INGRID)
    try:
        s.db("INSERT INTO dossiers (org_id, name, modules, created_at) SELECT 5, CONCAT('Rechtendossier ',"
             " LPAD(CEIL(seq / 2), 3, '0')), 'documents', 1 FROM seq_1_to_120")
        s.db("INSERT INTO dossiers (org_id, name, modules, created_at) VALUES (3, 'Rechtendossier vreemd', 'documents', 1)")
        s.db("INSERT INTO dossier_users (dossier_id, user_id, assigned_at) SELECT id, 18, 1 FROM dossiers"
             " WHERE name LIKE 'Rechtendossier %'")
        want = [x for (x,) in s.db("SELECT d.id FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id"
                                   " WHERE du.user_id = 18 AND d.org_id = 5 ORDER BY d.name, d.id")]
        assert len(want) == 122, len(want)

        def check(path, r, k):
            assert ('id="first-page"' in r.text) == (k > 0) and "vreemd" not in r.text, path
            assert '<strong id="profile">Volledige toegang (Full Access)</strong>' in r.text
        seen, pages = walk_pages(a, "/rights/users/18", r'<ul class="dossier-rights" id="dossier-(\d+)"', "next-page",
                                 50, check)
        assert seen == want and pages == 3, (len(seen), pages)
        assert a.get("/rights/users/18?ak=Rechtendossier&ai=abc").status == 400
    finally:
        s.db("DELETE du FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id WHERE d.name LIKE 'Rechtendossier %';"
             " DELETE FROM dossiers WHERE name LIKE 'Rechtendossier %'")


def test_an_account_request_sent_twice_is_one_request_and_one_mail(s):
    """DI-02: "Nieuwe account aanvragen" sent again (a double click, a retry) asks once: one open request for
    the responsible person, one e-mail; both answers go to the dossier."""
    b = s.login(BRAM)
    page = b.get("/dossiers/2/request")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    form = {"csrf": page.csrf(), "once": tok, "given_name": "Twan", "family_name": "Tweemaal",
            "email": "twan@hetanker.example"}
    mails = int(s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '%s'" % INGRID))
    answers = [b.post("/dossiers/2/request", form) for _ in range(2)]
    assert [r.status for r in answers] == [303, 303], answers
    assert answers[0].location == answers[1].location == "/dossiers/2?m=requested"
    assert s.db1("SELECT COUNT(*) FROM account_requests WHERE email = 'twan@hetanker.example'") == "1"
    assert int(s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '%s'" % INGRID)) == mails + 1

def test_account_request_from_a_dossier_approved(s):
    """Document 003: "Nieuwe account aanvragen" from inside the dossier; the responsible person (Ingrid)
    gets the e-mail, approves with a profile: an invited colleague in the dossier; the requester is told."""
    b = s.login(BRAM)
    page = b.get("/dossiers/2/request")
    assert page.status == 200
    delivery = s.db1("SELECT id FROM roles WHERE rkey = 'profile_doc_delivery'")
    r = b.post("/dossiers/2/request", {"csrf": page.csrf(), "given_name": "Tom", "family_name": "Verbeke",
                                       "email": "tom@hetanker.example", "profile": delivery, "note": "Bonnetjes via de app"})
    assert r.status == 303 and r.location == "/dossiers/2?m=requested", r
    body = s.db1("SELECT body FROM mail_outbox WHERE to_addr = '%s' ORDER BY id DESC LIMIT 1" % INGRID)
    assert "Tom Verbeke <tom@hetanker.example>" in body and "/dossiers/requests" in body
    # the mail names the requester, the person, the dossier, the profile wished and the note (document 003)
    for text in ("Bram Willems <bram@hetanker.example>", "Het Anker Vastgoed BV", "Document Delivery", "Bonnetjes via de app"):
        assert text in body, (text, body)
    a = s.login(INGRID)
    lst = a.get("/dossiers/requests")
    assert "Tom Verbeke" in lst.text and "Bonnetjes via de app" in lst.text
    req = s.db1("SELECT id FROM account_requests WHERE email = 'tom@hetanker.example'")
    # Renée (not responsible) cannot decide it
    rn = s.login(RENEE)
    assert rn.post("/dossiers/requests/%s" % req, {"csrf": rn.get("/dossiers").csrf(), "decision": "decline"}).status == 404
    r = a.post("/dossiers/requests/%s" % req, {"csrf": lst.csrf(), "decision": "approve", "dossier": "2", "profile": delivery})
    assert r.status == 303 and r.location == "/dossiers/requests?m=invited", r
    uid = s.db1("SELECT id FROM users WHERE email = 'tom@hetanker.example'")
    assert s.db1("SELECT CONCAT(org_id, status) FROM users WHERE id = %s" % uid) == "5invited"
    assert s.db1("SELECT COUNT(*) FROM dossier_users WHERE dossier_id = 2 AND user_id = %s" % uid) == "1"
    assert s.db1("SELECT r.rkey FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = %s" % uid) == "profile_doc_delivery"
    assert s.mail_token("tom@hetanker.example")                       # the invitation
    assert "goedgekeurd" in s.db1("SELECT subject FROM mail_outbox WHERE to_addr = '%s' ORDER BY id DESC LIMIT 1" % BRAM)
    assert a.post("/dossiers/requests/%s" % req, {"csrf": lst.csrf(), "decision": "decline"}).status == 404  # decided


def test_account_requests_in_pages_and_a_dossier_to_choose_among_many(s):
    """The open account requests show 50 a page, oldest first, every one reachable (they stopped at 200). A
    request naming a dossier of the approver's is approved right in the list; any other (from the login page,
    or naming a dossier someone else is now responsible for) on its own page, whose dossier select lists the
    first 200 by name and searches past them (it was one select of up to 1,000 dossiers per request: 200,000
    options a page). A wrong choice there is a 422 on that page; another's or a decided request is a 404."""
    a = s.login(INGRID)
    full = s.db1("SELECT id FROM roles WHERE rkey = 'profile_full_access'")
    try:
        s.db("INSERT INTO dossiers (org_id, name, modules, responsible_id, created_at) SELECT 5, CONCAT('Keuzedossier ',"
             " LPAD(seq, 3, '0')), 'documents', 17, 1 FROM seq_1_to_205")
        s.db("INSERT INTO dossiers (org_id, name, modules, responsible_id, created_at) VALUES (5, 'Keuze van Renée', 'documents', 21, 1)")
        other = s.db1("SELECT id FROM dossiers WHERE name = 'Keuze van Renée'")
        s.db("INSERT INTO account_requests (org_id, dossier_id, responsible_id, email, given_name, family_name, created_at)"
             " SELECT 5, CASE MOD(seq, 3) WHEN 0 THEN 2 WHEN 1 THEN NULL ELSE %s END, 17, CONCAT('keuze', seq,"
             " '@hetanker.example'), 'Keuze', LPAD(seq, 3, '0'), seq FROM seq_1_to_120" % other)
        s.db("INSERT INTO account_requests (org_id, responsible_id, email, given_name, family_name, created_at)"
             " VALUES (5, 21, 'keuze-renee@hetanker.example', 'Niet', 'Voor Ingrid', 1)")
        want = [x for (x,) in s.db("SELECT id FROM account_requests WHERE responsible_id = 17 AND status = 'open' ORDER BY id")]
        assert len(want) == 120
        kind = dict(s.db("SELECT id, IFNULL(dossier_id, 0) FROM account_requests WHERE email LIKE 'keuze%@hetanker.example'"))

        def check(path, r, k):
            assert ('id="first-page"' in r.text) == (k > 0) and "Voor Ingrid" not in r.text, path
            for rid in re.findall(r'id="request-(\d+)"', r.text):
                card = r.text.split('id="request-%s"' % rid)[1].split("</section>")[0]
                named = kind[rid] == "2"   # dossier 2 is Ingrid's: approved right here, with a profile
                assert ('name="dossier" value="2"' in card and 'id="p-%s"' % rid in card) == named, (rid, card)
                assert '<select id="d-' not in card and 'href="/dossiers/requests/%s"' % rid in card, rid
        seen, pages = walk_pages(a, "/dossiers/requests", r'id="request-(\d+)"', "next-page", 50, check)
        assert seen == want and pages == 3, (len(seen), pages)
        assert a.get("/dossiers/requests?after=abc").status == 400

        def options(r):
            return re.findall(r'<option value="(\d+)"[^>]*>([^<]*)<', r.text.split('name="dossier">')[1].split("</select>")[0])
        login_req = next(x for x in want if kind[x] == "0")
        r = a.get("/dossiers/requests/%s" % login_req)
        assert r.status == 200 and r.text.count('id="request-') == 1 and 'id="mine-more"' in r.text
        names = [n for _, n in options(r)]
        assert len(names) == 200 and "Keuzedossier 205" not in names and "Keuze van Renée" not in names, len(names)
        r = a.get("/dossiers/requests/%s?q=Keuzedossier+205" % login_req)
        assert [n for _, n in options(r)] == ["Keuzedossier 205"] and 'id="mine-more"' not in r.text
        last = options(r)[0][0]
        assert 'id="mine-none"' in a.get("/dossiers/requests/%s?q=niemand" % login_req).text
        named_req = next(x for x in want if kind[x] == "2")
        r = a.get("/dossiers/requests/%s?q=niemand" % named_req)   # the dossier asked for stays, chosen
        assert options(r) == [("2", "Het Anker Vastgoed BV")] and '<option value="2" selected>' in r.text
        renee_req = next(x for x in want if kind[x] == str(other))
        r = a.get("/dossiers/requests/%s" % renee_req)
        assert r.status == 200 and other not in [i for i, _ in options(r)]
        # a dossier not theirs: 422 on the request's own page, nothing made
        r = a.post("/dossiers/requests/%s" % renee_req, {"csrf": r.csrf(), "decision": "approve", "dossier": other, "profile": full})
        assert r.status == 422 and 'id="request-%s"' % renee_req in r.text and 'id="form-error"' in r.text, r
        assert s.db1("SELECT status FROM account_requests WHERE id = %s" % renee_req) == "open"
        r = a.post("/dossiers/requests/%s" % login_req, {"csrf": r.csrf(), "decision": "approve", "dossier": last, "profile": full})
        assert r.status == 303 and r.location == "/dossiers/requests?m=invited", r
        uid = s.db1("SELECT user_id FROM account_requests WHERE id = %s AND status = 'approved'" % login_req)
        assert s.db1("SELECT dossier_id FROM dossier_users WHERE user_id = %s" % uid) == last
        assert a.get("/dossiers/requests/%s" % login_req).status == 404   # decided
        renees = s.db1("SELECT id FROM account_requests WHERE email = 'keuze-renee@hetanker.example'")
        r = a.get("/dossiers/requests/%s" % renees)
        assert r.status == 404 and "Voor Ingrid" not in r.text
        assert a.get("/dossiers/requests/%s?q=%s" % (named_req, "x" * 101)).status == 400
    finally:
        s.db("DELETE FROM account_requests WHERE email LIKE 'keuze%@hetanker.example';"
             " DELETE FROM users WHERE email LIKE 'keuze%@hetanker.example';"
             " DELETE FROM dossiers WHERE name LIKE 'Keuze%'")


def test_account_request_from_the_login_page(s):
    """Public form: rate-limited, the same answer for a known and an unknown contact; declined → told."""
    c = s.client()
    page = c.get("/login")
    assert 'href="/dossiers/request"' in page.text
    form = c.get("/dossiers/request")
    assert form.status == 200
    fields = {"csrf": form.csrf(), "given_name": "Sara", "family_name": "Peeters", "email": "sara@example.org"}
    known = c.post("/dossiers/request", dict(fields, responsible=INGRID))
    unknown = c.post("/dossiers/request", dict(fields, responsible="nobody@hetanker.example"))
    not_resp = c.post("/dossiers/request", dict(fields, responsible=BRAM))       # a user, but responsible for nothing
    assert known.status == unknown.status == not_resp.status == 200
    strip = lambda t: re.sub(r'name="csrf" value="[^"]*"|<p class="rid">.*?</p>', "", t)
    assert strip(known.text) == strip(unknown.text) == strip(not_resp.text)
    assert s.db1("SELECT COUNT(*) FROM account_requests") == "1"
    assert s.mail_count(INGRID) == 1 and s.mail_count(BRAM) == 0
    assert c.post("/dossiers/request", dict(fields, responsible=INGRID, email="not-an-address")).status == 422
    a = s.login(INGRID)
    lst = a.get("/dossiers/requests")
    assert "Sara Peeters" in lst.text and "inlogpagina" in lst.text
    req = s.db1("SELECT id FROM account_requests")
    # approving needs a dossier the approver is responsible for
    full = s.db1("SELECT id FROM roles WHERE rkey = 'profile_full_access'")
    r = a.post("/dossiers/requests/%s" % req, {"csrf": lst.csrf(), "decision": "approve", "dossier": "3", "profile": full})
    assert r.status == 422
    r = a.post("/dossiers/requests/%s" % req, {"csrf": lst.csrf(), "decision": "decline"})
    assert r.status == 303
    assert "afgewezen" in s.db1("SELECT subject FROM mail_outbox WHERE to_addr = 'sara@example.org'")
    assert s.db1("SELECT COUNT(*) FROM users WHERE email = 'sara@example.org'") == "0"
    # the per-address limit (throttle.reset_address_limit, 20 an hour): then 429 with Retry-After
    statuses = [c.post("/dossiers/request", dict(fields, responsible="nobody@hetanker.example")).status for _ in range(20)]
    assert statuses[:16] == [200] * 16 and statuses[-1] == 429, statuses
    r = c.post("/dossiers/request", dict(fields, responsible=INGRID))
    assert r.status == 429 and r.header("Retry-After"), r
    assert s.db1("SELECT COUNT(*) FROM account_requests") == "1"


def test_document_lists_page_by_a_hundred_newest_first(s):
    """A year of invoices outgrows one page: the inbox, the archive and the payments list show 100 documents
    a page, newest first, and link on to the older ones (keyset on the id) and back to the newest; every
    document appears exactly once (they were cut off at 200 before); a bad cursor is a 400."""
    s.db("INSERT INTO documents (dossier_id, org_id, uploader_id, filename, stored_name, content_type, size, sha256,"
         " status, created_at) SELECT 1, 5, 21, CONCAT('factuur-', seq, '.pdf'), MD5(CONCAT('pages', seq)),"
         " 'application/pdf', 1000, UNHEX(SHA2(seq, 256)), IF(seq <= 230, 'processed', 'inbox'), seq FROM seq_1_to_360")
    c = s.login(BRAM)
    for section, status, n in (("archive", "processed", 230), ("payments", "processed", 230), ("documents", "inbox", 130)):
        want = [i for (i,) in s.db("SELECT id FROM documents WHERE dossier_id = 1 AND status = '%s' ORDER BY id DESC" % status)]
        assert len(want) == n, (section, len(want))
        def back_to_newest(path, r, k, section=section):
            assert k == 0 or 'href="/dossiers/1/%s" id="newest-docs"' % section in r.text, path
        seen, pages = walk_pages(c, "/dossiers/1/%s" % section, r'<tr id="doc-(\d+)">', "older-docs", 100, back_to_newest)
        assert seen == want and pages == (n + 99) // 100, (section, len(seen), pages)
    for bad in ("before=0", "before=x", "before=-5"):
        assert c.get("/dossiers/1/archive?" + bad).status == 400, bad


def test_forward_picker_past_two_hundred_colleagues(s):
    """The inbox's forward form lists the dossier's first 200 active colleagues who may approve, by name (it listed 1,000 and
    the rest could not be chosen); past them the page says so and offers a search by name or address, which
    the inbox's older pages keep; the one found is forwarded to; a search too long is a 400."""
    lo = s.login(LOTTE)
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at)"
             " SELECT 5, CONCAT('fw', seq, '@hetanker.example'), CONCAT('Aaa', LPAD(seq, 3, '0')), 'Aaa',"
             " 'active', 1 FROM seq_1_to_210")
        s.db("INSERT INTO dossier_users (dossier_id, user_id, assigned_at) SELECT 1, id, 1 FROM users"
             " WHERE email LIKE 'fw%@hetanker.example'")
        ids = ",".join(x for (x,) in s.db("SELECT id FROM users WHERE email LIKE 'fw%@hetanker.example'"))
        s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT seq, r.id, 1 FROM seq_1_to_1000000"
             " JOIN roles r ON r.rkey = 'profile_doc_delivery' WHERE seq IN (%s)" % ids)   # not from users: error 1442
        s.db("INSERT INTO documents (dossier_id, org_id, uploader_id, filename, stored_name, content_type, size, sha256,"
             " status, created_at) SELECT 1, 5, 22, CONCAT('doorsturen-', seq, '.pdf'), MD5(CONCAT('fw', seq)),"
             " 'application/pdf', 1000, UNHEX(SHA2(seq, 256)), 'inbox', seq FROM seq_1_to_120")
        last = s.db1("SELECT id FROM users WHERE email = 'fw210@hetanker.example'")

        def picker(r):
            return re.findall(r'<option value="(\d+)"', r.text.split('<select id="forward-to" name="to">')[1].split("</select>")[0])
        r = lo.get("/dossiers/1/documents")
        assert r.status == 200 and 'id="people-more"' in r.text and "Dit dossier heeft meer gebruikers" in r.text
        assert len(picker(r)) == 200 and last not in picker(r) and "19" not in picker(r)
        r = lo.get("/dossiers/1/documents?who=fw210%40")
        assert picker(r) == [last] and 'id="people-more"' not in r.text and 'value="fw210@"' in r.text
        older = re.search(r'href="([^"]+)" rel="next" id="older-docs"', r.text).group(1).replace("&amp;", "&")
        assert "who=fw210%40" in older and "before=" in older, older
        r = lo.get(older)
        assert r.status == 200 and picker(r) == [last] and 'href="/dossiers/1/documents?who=fw210%40" id="newest-docs"' in r.text
        doc = re.findall(r'<input type="radio" name="doc" value="(\d+)" form="forward-form"', r.text)[0]
        assert lo.post("/dossiers/1/forward", {"csrf": r.csrf(), "doc": doc, "to": last}).status == 303
        assert s.db1("SELECT approver_id FROM documents WHERE id = %s" % doc) == last
        r = lo.get("/dossiers/1/documents?who=niemand-heet-zo")
        assert 'id="people-none"' in r.text and 'id="forward-form"' not in r.text and 'form="forward-form"' not in r.text
        assert "Geen andere actieve gebruiker van dit dossier" in r.text and "uitgenodigde" not in r.text.split('id="people-none"')[1][:200]
        assert lo.get("/dossiers/1/documents?who=" + "x" * 101).status == 400
    finally:
        s.db("DELETE FROM documents WHERE filename LIKE 'doorsturen-%';"
             " DELETE FROM users WHERE email LIKE 'fw%@hetanker.example'")


def test_colleague_pickers_in_a_larger_organisation(s):
    """The dossier forms' colleague pickers list the first 200 colleagues by name; with more, the page says so
    and offers a search by name or address (it listed 1,000 and the rest could not be picked). The current
    responsible person stays selected when not among those listed, also when disabled, so saving the settings
    keeps them instead of silently clearing the field."""
    a = s.login(INGRID)
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at)"
             " SELECT 5, CONCAT('kiezer', seq, '@hetanker.example'), CONCAT('Aaa', LPAD(seq, 3, '0')), 'Kiezer',"
             " 'active', 1 FROM seq_1_to_205")
        for path in ("/dossiers", "/dossiers/1/settings"):
            r = a.get(path)
            assert r.status == 200 and 'id="people-more"' in r.text, path
            picker = r.text.split('id="responsible" name="responsible">')[1].split("</select>")[0]
            assert len(re.findall(r'<option value="\d+"', picker)) == 200 + (path != "/dossiers"), path
            assert ("ingrid@hetanker.example" in picker) == (path != "/dossiers")   # the responsible kept
            found = a.get(path + "?who=bram%40hetanker")
            picker = found.text.split('id="responsible" name="responsible">')[1].split("</select>")[0]
            assert 'value="18"' in picker and "kiezer" not in picker and 'value="who"' not in found.text
            assert 'value="bram@hetanker"' in found.text and 'id="people-more"' not in found.text
            assert 'id="people-none"' in a.get(path + "?who=niemand-heet-zo").text
            assert a.get(path + "?who=" + "x" * 101).status == 400
        page = a.get("/dossiers/1/settings")
        assert re.search(r'<option value="17" selected>', page.text)
        # Jeroen, responsible for dossier 2, disabled: still shown selected, and a save keeps him
        mods = s.db1("SELECT modules FROM dossiers WHERE id = 2").split(",")
        form = [("csrf", page.csrf()), ("name", "Het Anker Vastgoed BV")] + [(m, "1") for m in mods if m]
        s.db("UPDATE dossiers SET responsible_id = 20 WHERE id = 2; UPDATE users SET status = 'disabled' WHERE id = 20")
        page = a.get("/dossiers/2/settings")
        assert re.search(r'<option value="20" selected>', page.text)
        r = a.post("/dossiers/2/settings", form + [("responsible", "20")])
        assert r.status == 303 and s.db1("SELECT responsible_id FROM dossiers WHERE id = 2") == "20", r
        r = a.post("/dossiers/2/settings", form + [("responsible", "18")])
        assert r.status == 303 and s.db1("SELECT responsible_id FROM dossiers WHERE id = 2") == "18", r
        r = a.post("/dossiers/2/settings", form + [("responsible", "20")])   # a disabled colleague anew: no
        assert r.status == 422 and s.db1("SELECT responsible_id FROM dossiers WHERE id = 2") == "18", r
    finally:
        s.db("UPDATE users SET status = 'active' WHERE id = 20; UPDATE dossiers SET responsible_id = 17 WHERE id = 2;"
             " DELETE FROM users WHERE email LIKE 'kiezer%@hetanker.example'")


def test_dossier_members_in_pages_and_the_administrator_anywhere_counts(s):
    """A dossier's users show 50 a page by name, with links on and back (they stopped at 1,000, and the rest
    could not be given a profile or taken out); the warning that no Administrator is among them looks at every
    member, not at the page shown; a bad cursor is a 400."""
    a = s.login(INGRID)
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at)"
             " SELECT 5, CONCAT('lid', seq, '@hetanker.example'), CONCAT('Aaa', LPAD(seq, 3, '0')), 'Aaa',"
             " 'active', 1 FROM seq_1_to_120")
        s.db("INSERT INTO dossiers (org_id, name, modules, responsible_id, created_at) VALUES (5, 'Ledentest', 'documents', 17, 1)")
        d = s.db1("SELECT id FROM dossiers WHERE name = 'Ledentest'")
        s.db("INSERT INTO dossier_users (dossier_id, user_id, assigned_by, assigned_at) SELECT %s, id, 17, 1 FROM users"
             " WHERE email LIKE 'lid%%@hetanker.example' OR id = 17" % d)
        want = [x for (x,) in s.db("SELECT u.email FROM dossier_users du JOIN users u ON u.id = du.user_id"
                                   " WHERE du.dossier_id = %s ORDER BY u.name_key, u.id" % d)]
        assert len(want) == 121 and want.index(INGRID) >= 100, want.index(INGRID)   # the Administrator: page 3
        row = r'<tr><td>[^<]*<span class="hint">\(([^,]+),'

        def warns(expected):
            def check(path, r, k):
                assert ('id="no-admin"' in r.text) == expected, (path, expected)
                assert ('id="first-page"' in r.text) == (k > 0), path
            return check
        seen, pages = walk_pages(a, "/dossiers/%s/settings" % d, row, "next-page", 50, warns(False))
        assert seen == want and pages == 3, (len(seen), pages)
        s.db("DELETE FROM dossier_users WHERE dossier_id = %s AND user_id = 17" % d)
        seen, pages = walk_pages(a, "/dossiers/%s/settings" % d, row, "next-page", 50, warns(True))
        assert seen == want[:want.index(INGRID)] + want[want.index(INGRID) + 1:] and pages == 3
        r = a.get("/dossiers/%s/settings?ak=Aaa&ai=abc" % d)
        assert r.status == 400 and "<html" in r.text and "lid1@" not in r.text
    finally:
        s.db("DELETE du FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id WHERE d.name = 'Ledentest';"
             " DELETE FROM dossiers WHERE name = 'Ledentest'; DELETE FROM users WHERE email LIKE 'lid%@hetanker.example'")


def test_dossier_list_in_pages_with_a_search(s):
    """The dossiers list shows 50 a page by name, for an admin (all of the organisation's) and for a colleague
    (their own), every one reachable, with a search by name (it stopped at 1,000: an accounting office's
    further client dossiers were nowhere); bad input is a 400."""
    a, b = s.login(INGRID), s.login(BRAM)
    try:
        s.db("INSERT INTO dossiers (org_id, name, modules, created_at) SELECT 5, CONCAT('Paginadossier ',"
             " LPAD(seq, 3, '0')), 'documents', 1 FROM seq_1_to_120")
        s.db("INSERT INTO dossier_users (dossier_id, user_id, assigned_at) SELECT id, 18, 1 FROM dossiers"
             " WHERE org_id = 5 AND name LIKE 'Paginadossier %' AND MOD(id, 2) = 0")
        for who, sql in ((a, "SELECT id FROM dossiers WHERE org_id = 5 ORDER BY name, id"),
                         (b, "SELECT d.id FROM dossiers d JOIN dossier_users du ON du.dossier_id = d.id AND du.user_id = 18"
                             " WHERE d.org_id = 5 ORDER BY d.name, d.id")):
            want = [x for (x,) in s.db(sql)]
            seen, pages = walk_pages(who, "/dossiers", r'<tr><td><a href="/dossiers/(\d+)">', "next-page", 50,
                                     lambda p, page, k: (k == 0) == ('id="first-page"' not in page.text))
            assert seen == want and pages == (len(want) + 49) // 50, (len(seen), len(want), pages)
        r = a.get("/dossiers?q=Paginadossier%2005")
        assert re.findall(r'<tr><td><a href="/dossiers/\d+">([^<]+)', r.text) == ["Paginadossier %03d" % i for i in range(50, 60)]
        assert 'value="Paginadossier 05"' in r.text and 'rel="next"' not in r.text
        assert 'id="no-dossiers-found"' in a.get("/dossiers?q=geen-dossier-heet-zo").text
        for bad in ("ai=0&ak=x", "q=" + "x" * 101, "ak=" + "x" * 201 + "&ai=3"):
            assert a.get("/dossiers?" + bad).status == 400, bad
    finally:
        s.db("DELETE FROM dossiers WHERE org_id = 5 AND name LIKE 'Paginadossier %'")


def test_an_upload_form_sent_twice_stores_once(s):
    """DI-02: the upload form carries a one-time token; the same form sent again (a double click, or a retry
    after an answer that was lost) is sent to the first one's result and stores nothing more, also when ten
    copies race; a new form stores anew. A bad token is a 400."""
    import threading
    a = s.login(INGRID)
    before = docs_count(s)
    files = len(stored_files(s))

    def once():
        return re.search(r'name="once" value="(\d{32})"', a.get("/dossiers/1/documents").text).group(1)
    tok = once()
    r1 = upload(a, "/dossiers/1/documents", "tweemaal.pdf", PDF, csrf_from="/dossiers/1/documents", fields=[("once", tok)])
    r2 = upload(a, "/dossiers/1/documents", "tweemaal.pdf", PDF, csrf_from="/dossiers/1/documents", fields=[("once", tok)])
    assert r1.status == 303 and r2.status == 303 and r2.location == r1.location, (r1, r2)
    assert docs_count(s) == before + 1 and len(stored_files(s)) == files + 1
    tok, answers = once(), []
    clients = [s.client() for _ in range(10)]   # one browser's session on ten connections
    for c in clients:
        c.cookies = dict(a.cookies)
    threads = [threading.Thread(target=lambda c=c: answers.append(upload(c, "/dossiers/1/documents", "race.pdf", PDF,
               csrf_from="/dossiers/1/documents", fields=[("once", tok)]).status)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [303] * 10, answers
    assert docs_count(s) == before + 2 and len(stored_files(s)) == files + 2
    r3 = upload(a, "/dossiers/1/documents", "tweemaal.pdf", PDF, csrf_from="/dossiers/1/documents", fields=[("once", once())])
    assert r3.status == 303 and docs_count(s) == before + 3
    r4 = upload(a, "/dossiers/1/documents", "x.pdf", PDF, csrf_from="/dossiers/1/documents", fields=[("once", "12ab")])
    assert r4.status == 400 and docs_count(s) == before + 3


def test_a_new_dossier_form_sent_twice_is_one_dossier(s):
    """DI-02: the new-dossier form sent twice makes one dossier; both answers go to it."""
    a = s.login(INGRID)
    page = a.get("/dossiers")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    try:
        answers = [a.post("/dossiers", {"csrf": page.csrf(), "once": tok, "name": "Tweemaal BV", "documents": "1"})
                   for _ in range(2)]
        assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
        assert s.db1("SELECT COUNT(*) FROM dossiers WHERE name = 'Tweemaal BV'") == "1"
    finally:
        s.db("DELETE FROM dossiers WHERE name = 'Tweemaal BV'")


def test_assigning_offers_administrator_and_only_colleagues_outside_the_dossier(s):
    """Document 003: a dossier has 0..n users; Administrator is the default profile ("standaard-instelling"),
    also for a colleague created with one; the assign picker offers only colleagues not in the dossier yet."""
    a = s.login(INGRID)
    page = a.get("/dossiers/2/settings")
    picker = page.text.split('id="assign-user" name="user">')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d+)"', picker) == ["19", "22"], picker   # Lotte and Kim, not the members
    profiles = page.text.split('id="assign-profile" name="profile">')[1].split("</select>")[0]
    admin = s.db1("SELECT id FROM roles WHERE rkey = 'profile_administrator'")
    assert '<option value="%s" selected>Dossierbeheerder (Administrator)' % admin in profiles
    # a new colleague: the profile chosen at creation (Administrator offered first)
    form = a.get("/users/new")
    assert re.search(r'<option value="%s" selected>Dossierbeheerder \(Administrator\)</option>' % admin, form.text)
    full = s.db1("SELECT id FROM roles WHERE rkey = 'profile_full_access'")
    r = a.post("/users/new", {"csrf": form.csrf(), "given_name": "Nora", "family_name": "Nieuw",
                              "email": "nora@hetanker.example", "profile": full})
    assert r.status == 303, r
    nora = s.db1("SELECT id FROM users WHERE email = 'nora@hetanker.example'")
    assert s.db1("SELECT r.rkey FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = %s" % nora) == \
        "profile_full_access"
    r = a.post("/users/new", {"csrf": form.csrf(), "given_name": "Olaf", "family_name": "Nieuw",
                              "email": "olaf@hetanker.example", "profile": "0"})
    olaf = s.db1("SELECT id FROM users WHERE email = 'olaf@hetanker.example'")
    # assigned with the default: Olaf (no profile yet) gets Administrator; Nora keeps hers
    for uid in (olaf, nora):
        r = a.post("/dossiers/2/assign", {"csrf": page.csrf(), "user": uid, "profile": admin})
        assert r.status == 303, r
    held = lambda uid: s.db1("SELECT r.rkey FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = %s" % uid)
    assert held(olaf) == "profile_administrator" and held(nora) == "profile_full_access"
    # a profile of another set, or an unknown one: refused; the Administrator profile of a dossier (not an admin of
    # the organisation) assigns without giving profiles
    assert a.post("/dossiers/2/assign", {"csrf": page.csrf(), "user": "22", "profile": s.db1(
        "SELECT id FROM roles WHERE rkey = 'medewerker'")}).status == 422
    assert s.db1("SELECT COUNT(*) FROM dossier_users WHERE dossier_id = 2 AND user_id = 22") == "0"


def test_document_delivery_keeps_its_own_processed_uploads(s):
    """Document 003: Document Delivery has access to its own documents: also once processed (it got a 404)."""
    rn, lo = s.login(RENEE), s.login(LOTTE)
    assert upload(rn, "/dossiers/1/documents", "bon-parkeren.jpg", JPEG, "image/jpeg", csrf_from="/dossiers/1/documents").status == 303
    doc = s.db1("SELECT id FROM documents WHERE filename = 'bon-parkeren.jpg'")
    assert lo.post("/dossiers/1/process", {"doc": doc}, csrf_from="/dossiers/1/documents").status == 303
    page = rn.get("/dossiers/1/documents")
    assert "bon-parkeren.jpg" in page.text and 'id="fw-%s"' % doc not in page.text
    d = rn.get("/dossiers/1/download?doc=%s" % doc)
    assert d.status == 200 and d.body == JPEG
    assert rn.get("/dossiers/1/archive").status == 403          # the archive itself stays closed to her


def test_a_module_switched_off_says_so(s):
    b = s.login(BRAM)                                     # Full Access; dossier 2 has no payment module
    r = b.get("/dossiers/2/payments")
    assert r.status == 403 and "staat uit in dit dossier" in r.text, r
    r = s.login(JEROEN).get("/dossiers/1/documents")      # Full Feedback: the profile gives no documents at all
    assert r.status == 403 and "staat uit" not in r.text
