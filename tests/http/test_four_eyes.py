"""test_four_eyes.py: every approval is by another person than the maker (ACC-04; document 002: "volledig
goedgekeurd door een daartoe bevoegde persoon"). A product: draft, approved into test mode, put in use, each step
by someone who neither made nor last changed it, each audited and shown with who and when; self-approval is a
409 naming the rule. A dossier document is approved by the one it was forwarded to, never by its uploader, and
the forward form offers only colleagues whose profile may approve."""
import re

from portaltest import upload

WILLEM = "willem.kok@zeeuwse-onderlinge.example"   # 13: Beheerder, Producten goedkeuren, Producten in gebruik nemen
SOPHIE = "sophie.meijer@zeeuwse-onderlinge.example"  # 14
LARS = "lars.degroot@zeeuwse-onderlinge.example"   # 15: Productontwikkeling nieuwe input
EVA = "eva.bos@zeeuwse-onderlinge.example"         # 16
LOTTE = "lotte@hetanker.example"                   # 19: Document processing (dossier 1)
RENEE = "renee@hetanker.example"                   # 21: Document Delivery (dossiers 1, 2)
BRAM = "bram@hetanker.example"                     # 18: Full Access
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def rid(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def give(s, admin, uid, keys):
    """The admin sets a colleague's organisation roles on the rights page (no SQL)."""
    page = admin.get("/rights/users/%d" % uid)
    held = re.findall(r'name="role" value="(\d+)" aria-describedby="what-\d+" id="role-\d+" checked', page.text)
    r = admin.post("/rights/users/%d" % uid, [("csrf", page.csrf())] + [("role", x) for x in held]
                   + [("role", rid(s, k)) for k in keys])
    assert r.status == 303, (uid, keys, r)


def test_a_product_from_draft_to_use_by_other_people_than_its_maker(s):
    w = s.login(WILLEM)
    give(s, w, 13, ["products_change"])          # Willem gives himself the right to change products
    give(s, w, 14, ["products_approve"])         # and Sophie the right to approve them
    give(s, w, 16, ["products_publish"])         # and Eva the right to put them in use
    lars = s.login(LARS)
    r = lars.post("/backoffice/products", {"ref": "PR-7", "title": "Reisverzekering Zeeland"}, csrf_from="/backoffice/products")
    assert r.status == 303, r
    pid = re.search(r"/backoffice/products/(\d+)", r.location).group(1)
    url = "/backoffice/products/%s" % pid
    mark = s.db1("SELECT MAX(id) FROM audit_log")
    # Willem changes it: he is its last editor now, so he approves nothing of it
    page = w.get(url)
    assert r'id="approve"' in page.text
    assert w.post(url, {"csrf": page.csrf(), "ref": "PR-7", "title": "Reisverzekering Zeeland Plus"}).status == 303
    page = w.get(url)
    assert 'id="own-product"' in page.text and 'id="approve"' not in page.text
    r = w.post(url + "/approve", {"csrf": page.csrf()})
    assert r.status == 409 and "Vier ogen" in r.text, r
    assert s.db1("SELECT status FROM bo_records WHERE id = %s" % pid) == "draft"
    # Lars made it: not he either (he lacks the right anyway)
    assert lars.post(url + "/approve", {"csrf": page.csrf()}, csrf_from=url).status == 403
    so = s.login(SOPHIE)
    assert so.post(url + "/publish", {}, csrf_from=url).status == 403        # no publishing right
    r = so.post(url + "/approve", {}, csrf_from=url)
    assert r.status == 303 and r.location.endswith("?m=approved"), r
    assert so.post(url + "/approve", {}, csrf_from=url).status == 409         # approved already
    # in test mode; Willem changed it last, so he does not put it in use; Eva does
    r = w.post(url + "/publish", {"csrf": w.get(url).csrf()})
    assert r.status == 409 and "Vier ogen" in r.text and s.db1("SELECT status FROM bo_records WHERE id = %s" % pid) == "test"
    e = s.login(EVA)
    r = e.post(url + "/publish", {}, csrf_from=url)
    assert r.status == 303 and r.location.endswith("?m=published"), r
    assert s.db1("SELECT status FROM bo_records WHERE id = %s" % pid) == "live"
    steps = e.get(url).text.split('id="steps"')[1].split("</ol>")[0]
    for step, who in (("created", "Lars de Groot"), ("changed", "Willem Kok"), ("approved", "Sophie Meijer"),
                      ("published", "Eva Bos")):
        assert re.search(r'id="step-%s">[^<]*: %s, \d{1,2} [a-z]+ \d{4} \d\d:\d\d<' % (step, who), steps), (step, steps)
    events = [x for (x,) in s.db("SELECT event FROM audit_log WHERE id > %s AND org_id = 4 AND event NOT LIKE 'login%%'"
                                 " ORDER BY id" % mark)]
    assert events == ["record_changed", "four_eyes_refused", "product_approved", "four_eyes_refused",
                      "product_published"], events
    # a change of a product in use sends it back to draft: approval and use again
    assert w.post(url, {"csrf": w.get(url).csrf(), "ref": "PR-7", "title": "Reisverzekering 2027"}).status == 303
    assert s.db1("SELECT CONCAT_WS('/', status, approved_by, published_by) FROM bo_records WHERE id = %s" % pid) == "draft"


def test_a_document_is_never_approved_by_its_uploader(s):
    mark = s.db1("SELECT MAX(id) FROM audit_log")
    renee, lotte = s.login(RENEE), s.login(LOTTE)
    assert upload(renee, "/dossiers/1/documents", "bon-lunch.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg",
                  csrf_from="/dossiers/1/documents").status == 303
    doc = s.db1("SELECT id FROM documents WHERE filename = 'bon-lunch.jpg'")
    page = lotte.get("/dossiers/1/documents")
    picker = page.text.split('<select id="forward-to" name="to">')[1].split("</select>")[0]
    # only colleagues whose profile may approve: Full Access and Document Delivery, not Full Feedback (Jeroen)
    assert 'value="18"' in picker and 'value="21"' in picker and 'value="20"' not in picker, picker
    r = lotte.post("/dossiers/1/forward", {"csrf": page.csrf(), "doc": doc, "to": "21"})
    assert r.status == 409 and "Vier ogen" in r.text and s.mail_count(RENEE) == 0, r
    assert s.db1("SELECT approver_id IS NULL FROM documents WHERE id = %s" % doc) == "1"
    # her own upload awaiting her (set straight in the data): refused all the same
    s.db("UPDATE documents SET approver_id = 21 WHERE id = %s" % doc)
    r = renee.post("/dossiers/1/approve", {"doc": doc}, csrf_from="/dossiers/1/documents")
    assert r.status == 409 and "Vier ogen" in r.text and s.db1("SELECT approved_at IS NULL FROM documents WHERE id = %s" % doc) == "1"
    # forwarded to Bram, he approves it
    assert lotte.post("/dossiers/1/forward", {"csrf": page.csrf(), "doc": doc, "to": "18"}).status == 303
    r = s.login(BRAM).post("/dossiers/1/approve", {"doc": doc}, csrf_from="/dossiers/1/documents")
    assert r.status == 303 and s.db1("SELECT approved_at IS NOT NULL FROM documents WHERE id = %s" % doc) == "1"
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE id > %s AND org_id = 5 AND event = 'four_eyes_refused'" % mark) == "2"
