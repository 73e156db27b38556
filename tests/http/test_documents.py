"""test_documents.py: documents from the vendor to an organisation (issue 6, documents 000 and 004): the
vendor places PDFs per customer in two categories (invoices: invoices.view; financial documents:
finance.documents); users with the category's right list and download them; nobody else learns they exist
(404, as for a missing one); PDF only, under the upload rules of dossier documents; withdraw; pages."""
import os
import re

from portaltest import upload

SANNE = "sanne.devries@poortwachter.example"   # vendor admin (orgs.manage)
PIETER = "pieter@dehaan-assurantien.example"   # Beheerder + Financiële Documenten: both categories
DAAN = "daan@dehaan-assurantien.example"       # Klantbeeld + Financiële Documenten: financial documents only
FLEUR = "fleur@dehaan-assurantien.example"     # Medewerker + Klantbeeld: neither
MARIEKE = "marieke@bakkerij-vandenberg.example"  # another organisation's Beheerder
PDF = b"%PDF-1.4\n% factuur 2026-0042\n" + b"x" * 2000 + b"\n%%EOF\n"


def place(s, v, org, category, title, data=PDF, name="factuur.pdf", ctype="application/pdf"):
    return upload(v, "/documents/orgs/%d" % org, name, data, ctype, csrf_from="/documents/orgs/%d" % org,
                  fields=[("category", category), ("title", title)])


def doc_id(s, title):
    return s.db1("SELECT id FROM org_documents WHERE title = '%s'" % title)


def test_vendor_places_and_the_right_holders_see(s):
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")   # the log is append-only
    v = s.login(SANNE)
    assert v.get("/documents/orgs/2").status == 200
    assert v.get("/documents/orgs/1").status == 404          # the vendor itself is not a customer
    r = place(s, v, 2, "invoices", "Factuur november 2026")
    assert r.status == 303 and r.location == "/documents/orgs/2?m=uploaded", r
    assert place(s, v, 2, "finance", "Rekening-courant oktober", name="rc-oktober.pdf").status == 303
    inv, fin = doc_id(s, "Factuur november 2026"), doc_id(s, "Rekening-courant oktober")
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE id > %s AND org_id = 2 AND event = 'org_document_uploaded'"
                 % mark) == "2"
    # Pieter: both categories, and the file as it was placed
    p = s.login(PIETER)
    r = p.get("/documents")
    assert r.status == 200 and "Factuur november 2026" in r.text and "Rekening-courant oktober" in r.text
    r = p.get("/documents/%s" % inv)
    assert r.status == 200 and r.body == PDF and r.header("Content-Type") == "application/pdf"
    assert r.header("Content-Disposition").startswith("attachment")
    # Daan: the financial documents only; the invoice does not exist for him
    d = s.login(DAAN)
    r = d.get("/documents")
    assert r.status == 200 and "Rekening-courant oktober" in r.text and "Factuur" not in r.text
    assert d.get("/documents/%s" % fin).status == 200
    assert d.get("/documents/%s" % inv).status == 404 and d.get("/documents?c=invoices").status == 404
    # Fleur: neither right; another organisation's admin: not theirs
    f = s.login(FLEUR)
    assert f.get("/documents").status == 403 and f.get("/documents/%s" % inv).status == 404
    assert 'href="/documents"' not in f.get("/home").text
    m = s.login(MARIEKE)
    r = m.get("/documents")
    assert r.status == 200 and "Factuur november" not in r.text
    assert m.get("/documents/%s" % inv).status == 404 and m.get("/documents/%s" % fin).status == 404
    # customers cannot place or withdraw
    assert place(s, p, 2, "invoices", "Eigen factuur").status == 403
    assert p.post("/documents/%s/withdraw" % inv, {"csrf": r.csrf()}).status == 403


def test_pdf_only_and_the_upload_rules(s):
    v = s.login(SANNE)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    for args, code in [((png, "scan.png", "image/png"), 415),             # an image is no invoice
                       ((b"hello", "factuur.pdf", "application/pdf"), 415), # not a PDF by its bytes
                       ((PDF, "factuur.exe", "application/pdf"), 422),     # name and type disagree
                       ((PDF, "../../factuur.pdf", "application/pdf"), 422)]:
        r = place(s, v, 2, "invoices", "Fout", *args)
        assert r.status == code, (args[1], r.status)
    r = place(s, v, 2, "invoices", "")
    assert r.status == 422
    r = upload(v, "/documents/orgs/2", "f.pdf", PDF, fields=[("category", "invoices"), ("title", "Zonder token")])
    assert r.status == 403
    assert s.db1("SELECT COUNT(*) FROM org_documents") == "0" and os.listdir(os.path.join(s.var, "documents")) == []


def test_withdraw_and_pages(s):
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
    v = s.login(SANNE)
    assert place(s, v, 2, "invoices", "Per ongeluk").status == 303
    wrong = doc_id(s, "Per ongeluk")
    stored = s.db1("SELECT stored_name FROM org_documents WHERE id = %s" % wrong)
    page = v.get("/documents/orgs/2")
    r = v.post("/documents/%s/withdraw" % wrong, {"csrf": page.csrf()})
    assert r.status == 303 and s.db1("SELECT COUNT(*) FROM org_documents") == "0"
    assert not os.path.exists(os.path.join(s.var, "documents", stored))
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE id > %s AND org_id = 2 AND event = 'org_document_withdrawn'"
                 " AND detail LIKE '%%Per ongeluk%%'" % mark) == "1"
    assert v.post("/documents/%s/withdraw" % wrong, {"csrf": page.csrf()}).status == 404
    # 55 invoices: 50 on the first page, the rest behind "older"
    s.db("INSERT INTO org_documents (org_id, category, title, filename, stored_name, content_type, size, sha256, created_at)"
         " SELECT 2, 'invoices', CONCAT('Factuur ', LPAD(seq, 3, '0')), 'f.pdf', MD5(seq), 'application/pdf', 10,"
         " UNHEX(SHA2('x', 256)), seq FROM seq_1_to_55")
    p = s.login(PIETER)
    r = p.get("/documents")
    assert r.text.count('<tr id="doc-') == 50 and "Factuur 055" in r.text and "Factuur 005" not in r.text
    nxt = re.search(r'href="([^"]+)" rel="next"', r.text).group(1).replace("&amp;", "&")
    r = p.get(nxt)
    assert r.text.count('<tr id="doc-') == 5 and "Factuur 001" in r.text and "Factuur 006" not in r.text


def test_sweep_removes_orphan_files_and_reports_missing_ones(s):
    """`portalctl sweep-uploads`: a file in documents.dir that no row names (an upload whose transaction never
    committed) goes once older than --min-age; a younger one stays (an upload in flight), as do the files of
    rows and files not named like ours; a row whose file is gone is reported, exit 1. --dry-run removes nothing."""
    import subprocess
    import time
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
               if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
    d = os.path.join(s.var, "documents")
    v = s.login(SANNE)
    r = place(s, v, 2, "invoices", "Sweeptest")
    assert r.status == 303, r
    kept = s.db1("SELECT stored_name FROM org_documents WHERE title = 'Sweeptest'")
    old, young, other = "a" * 32, "b" * 32, "README.txt"
    try:
        for name in (old, young, other):
            with open(os.path.join(d, name), "wb") as f:
                f.write(b"%PDF-1.4 never committed")
        past = time.time() - 7200
        for name in (old, other, kept):
            os.utime(os.path.join(d, name), (past, past))
        dry = subprocess.run([ctl, "sweep-uploads", "--dry-run"], env=env, capture_output=True, text=True)
        assert dry.returncode == 0 and "would remove %s" % old in dry.stdout, dry
        assert os.path.exists(os.path.join(d, old))
        run = subprocess.run([ctl, "sweep-uploads"], env=env, capture_output=True, text=True)
        assert run.returncode == 0 and "removed %s" % old in run.stdout, run
        left = set(os.listdir(d))
        assert old not in left and {young, other, kept} <= left, left
        assert "not ours, left alone: README.txt" in run.stdout and "0 row(s) without their file" in run.stdout
        assert v.get("/documents/orgs/2").status == 200
        os.rename(os.path.join(d, kept), os.path.join(d, kept + ".away"))
        gone = subprocess.run([ctl, "sweep-uploads"], env=env, capture_output=True, text=True)
        assert gone.returncode == 1 and "MISSING: org_documents row" in gone.stdout and kept in gone.stdout, gone
        os.rename(os.path.join(d, kept + ".away"), os.path.join(d, kept))
        assert subprocess.run([ctl, "sweep-uploads", "--min-age", "0"], env=env, capture_output=True).returncode == 0
        left = set(os.listdir(d))
        assert young not in left and {other, kept} <= left, left   # the young one too, at --min-age 0
        assert subprocess.run([ctl, "sweep-uploads", "--min-age", "x"], env=env, capture_output=True).returncode != 0
    finally:
        for name in (old, young, other, kept + ".away"):
            if os.path.exists(os.path.join(d, name)):
                os.unlink(os.path.join(d, name))
        s.db("DELETE FROM org_documents WHERE title = 'Sweeptest'")
        if kept and os.path.exists(os.path.join(d, kept)):
            os.unlink(os.path.join(d, kept))


def test_a_placed_document_sent_twice_is_stored_once(s):
    """DI-02 for the vendor's documents: the same form twice is one document (the second answer goes where the
    first did)."""
    v = s.login(SANNE)
    tok = re.search(r'name="once" value="(\d{32})"', v.get("/documents/orgs/2").text).group(1)
    try:
        answers = [upload(v, "/documents/orgs/2", "factuur.pdf", PDF, csrf_from="/documents/orgs/2",
                          fields=[("category", "invoices"), ("title", "Tweemaal"), ("once", tok)]) for _ in range(2)]
        assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location
        assert s.db1("SELECT COUNT(*) FROM org_documents WHERE title = 'Tweemaal'") == "1"
    finally:
        for (x,) in s.db("SELECT stored_name FROM org_documents WHERE title = 'Tweemaal'"):
            p = os.path.join(s.var, "documents", x)
            if os.path.exists(p):
                os.unlink(p)
        s.db("DELETE FROM org_documents WHERE title = 'Tweemaal'")
