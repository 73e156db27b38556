"""test_incidents.py: Incidenten (documents 001, 004): the role-by-route table (no role, Medewerker,
Incidentenbeheer, Incidentmanagement, Beheerder, vendor support, vendor admin × submit, list own, list all,
view another's, reply, close, set status); the helpful refusal with the admins' names; a double-submitted
form stores one incident (DI-02); attachments under the upload rules; the thread and the e-mail to the
submitter with this incident only; the vendor's queue across organisations; isolation (ACC-01)."""
import re

from portaltest import multipart

MARIEKE = "marieke@bakkerij-vandenberg.example"   # 8: Beheerder
JOOST = "joost@bakkerij-vandenberg.example"       # 9: Medewerker + Incidentenbeheer (submitted incidents 1, 2)
ANOUK = "anouk@bakkerij-vandenberg.example"       # 10: Medewerker + Incidentmanagement (English)
OHARA = "script.test@bakkerij-vandenberg.example"  # 11: Medewerker
AHMED = "ahmed.elamrani@poortwachter.example"     # vendor support
SANNE = "sanne.devries@poortwachter.example"      # vendor admin
PIETER = "pieter@dehaan-assurantien.example"      # org 2 Beheerder
ZOE = "zoe@dehaan-assurantien.example"            # org 2 Medewerker

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def submit(c, title="Printer weigert", body="De printer op kantoor drukt niets meer af.", form=None, files=(),
           csrf_from="/incidents/new"):
    page = c.get(csrf_from)
    token = form or re.search(r'name="form" value="(\d{32})"', page.text).group(1)
    fields = [("csrf", page.csrf()), ("title", title), ("body", body), ("category", "error"), ("priority", "normal"),
              ("form", token)]
    data, ctype = multipart(fields, list(files))
    return c.request("POST", "/incidents/new", raw_body=data, headers={"Content-Type": ctype}), token


def other_incident(s):
    """An incident of organisation 3 submitted by Marieke (not by Joost)."""
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
         " VALUES (3, 8, 'Andermans incident', 'Tekst', 'x0000000000000000000000000000000', 0, 0)")
    return s.db1("SELECT MAX(id) FROM incidents")


def test_role_by_route_table(s):
    other = other_incident(s)
    s.db("DELETE FROM user_roles WHERE user_id = 11")     # O'Hara becomes the "no role" user
    # who: (submit, list own, list all, view another's, reply on it, close it, set status)
    table = {
        OHARA: (403, 403, 403, 404, 404, 404, 403),                                  # no role
        ZOE: (403, 403, 403, 404, 404, 404, 403),                                    # Medewerker (org 2)
        JOOST: (303, 200, None, 404, 404, 404, 403),                                 # Incidentenbeheer
        ANOUK: (403, 200, 200, 200, 303, 303, 403),                                  # Incidentmanagement
        MARIEKE: (403, 200, 200, 200, 303, 303, 403),                                # Beheerder
        AHMED: (403, 303, 200, 200, 303, 404, 303),                                  # vendor support
        SANNE: (403, 303, 200, 200, 303, 404, 303),                                  # vendor admin
    }
    try:
        for who, want in table.items():
            s.db("UPDATE incidents SET status = 'open' WHERE id = %s" % other)
            c = s.login(who)
            csrf = c.get("/home").csrf()
            got = []
            if want[0] == 303:
                got.append(submit(c)[0].status)
            else:
                got.append(c.get("/incidents/new").status)
            lst = c.get("/incidents")
            got.append(lst.status)
            if want[2] is None:      # own only: Joost sees his incidents, not Marieke's
                assert "Loonstrook" in lst.text and "Andermans incident" not in lst.text
                got.append(None)
            else:
                full = lst if lst.status == 200 else c.get("/incidents/queue")
                got.append(full.status if "Andermans incident" in full.text or full.status != 200 else "missing")
            got.append(c.get("/incidents/%s" % other).status)
            got.append(c.post("/incidents/%s/reply" % other, {"csrf": csrf, "body": "Antwoord van %s" % who}).status)
            got.append(c.post("/incidents/%s/close" % other, {"csrf": csrf}).status)
            got.append(c.post("/incidents/%s/status" % other, {"csrf": csrf, "status": "waiting"}).status)
            assert tuple(got) == want, (who, got)
    finally:
        s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 11, id, 0 FROM roles WHERE rkey = 'medewerker'")


def test_without_the_role_the_page_says_whom_to_ask(s):
    c = s.login(OHARA)
    r = c.get("/incidents")
    assert r.status == 403 and "Incidentenbeheer" in r.text
    assert "Marieke van den Berg" in r.text and 'id="admins"' in r.text
    assert "Joost" not in r.text.split('id="admins"')[1].split("</ul>")[0]
    r = c.get("/incidents/new")
    assert r.status == 403 and "Marieke van den Berg" in r.text


def test_double_submit_stores_one_and_counts_at_once(s):
    c = s.login(JOOST)
    before = int(s.db1("SELECT COUNT(*) FROM incidents"))
    r1, token = submit(c, title="Dubbel verstuurd")
    r2, _ = submit(c, title="Dubbel verstuurd", form=token)
    assert r1.status == r2.status == 303 and r1.location == r2.location, (r1, r2)
    assert int(s.db1("SELECT COUNT(*) FROM incidents")) == before + 1
    # revoking the role counts from the very next request (ACC-06)
    s.db("DELETE ur FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = 9 AND r.rkey = 'incidentenbeheer'")
    try:
        assert c.get("/incidents/new").status == 403
        assert c.get(r1.location.split("?")[0]).status == 404
    finally:
        s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 9, id, 0 FROM roles WHERE rkey = 'incidentenbeheer'")


def test_bad_input_and_attachments(s):
    c = s.login(JOOST)
    before = int(s.db1("SELECT COUNT(*) FROM incidents"))
    r, _ = submit(c, title="X")
    assert r.status == 422 and "te kort" in r.text
    r, _ = submit(c, files=[("file", "virus.exe.pdf", "application/pdf", b"MZ\x90\x00")])
    assert r.status == 415
    r, _ = submit(c, files=[("file", "../../etc/passwd.pdf", "application/pdf", PDF)])
    assert r.status == 422
    assert int(s.db1("SELECT COUNT(*) FROM incidents")) == before
    r, _ = submit(c, title="Met bijlage", files=[("file", "schermafdruk.pdf", "application/pdf", PDF)])
    assert r.status == 303
    page = c.get(r.location)
    m = re.search(r'href="(/incidents/\d+/file\?f=\d+)"', page.text)
    assert m and "schermafdruk.pdf" in page.text
    d = c.get(m.group(1).replace("&amp;", "&"))
    assert d.status == 200 and d.body == PDF and "attachment" in d.header("Content-Disposition")
    # another organisation's admin cannot fetch it
    p = s.login(PIETER)
    assert p.get(m.group(1)).status == 404


def test_thread_and_mail_to_the_submitter(s):
    a = s.login(AHMED)
    q = a.get("/incidents/queue")
    assert q.status == 200 and "Loonstrook geeft een foutmelding" in q.text and "Bakkerij Van den Berg" in q.text
    page = a.get("/incidents/2")
    assert page.status == 200 and 'action="/incidents/2/take"' in page.text
    assert a.post("/incidents/2/take", {"csrf": page.csrf()}).status == 303
    assert s.db1("SELECT CONCAT(status, handler_id) FROM incidents WHERE id = 2") == "open2"
    r = a.post("/incidents/2/reply", {"csrf": page.csrf(), "body": "De jaarafsluiting moet voor 1 maart klaar zijn."})
    assert r.status == 303
    mail = s.db("SELECT to_addr, subject, body FROM mail_outbox ORDER BY id DESC LIMIT 1")[0]
    assert mail[0] == JOOST and "2" in mail[1] and "Vraag over de jaarafsluiting" in mail[2]
    assert "Loonstrook" not in mail[2] and "Bakkerij" not in mail[2] and "/incidents/2" in mail[2]
    assert a.post("/incidents/2/status", {"csrf": page.csrf(), "status": "resolved"}).status == 303
    assert s.mail_count(JOOST) == 2
    # the submitter's reply on a resolved incident opens it again; closing ends the thread
    j = s.login(JOOST)
    jp = j.get("/incidents/2")
    assert "1 maart" in jp.text and "Opgelost" in jp.text
    assert j.post("/incidents/2/reply", {"csrf": jp.csrf(), "body": "Dank, nog een vraag."}).status == 303
    assert s.db1("SELECT status FROM incidents WHERE id = 2") == "open"
    assert j.post("/incidents/2/close", {"csrf": jp.csrf()}).status == 303
    assert j.post("/incidents/2/reply", {"csrf": jp.csrf(), "body": "Nog iets"}).status == 409
    # a bad status is refused
    assert a.post("/incidents/2/status", {"csrf": page.csrf(), "status": "gone"}).status == 422


def test_a_reply_with_a_status_change_is_one_mail(s):
    """One event, one mail: support answers and sets 'waiting' in one form; the submitter gets one mail that
    says both. The submitter's own reply form has no status; a forged one is refused and changes nothing."""
    a = s.login(AHMED)
    page = a.get("/incidents/2")
    assert 'id="reply-status"' in page.text and '<option value="waiting" selected>' in page.text
    before = s.mail_count(JOOST)
    r = a.post("/incidents/2/reply", {"csrf": page.csrf(), "body": "Kunt u een schermafdruk sturen?",
                                      "status": "waiting", "once":
                                      re.search(r'name="once" value="(\d+)"', page.text).group(1)})
    assert r.status == 303, r
    assert s.mail_count(JOOST) == before + 1, "one mail for the reply and its status"
    body = s.db1("SELECT body FROM mail_outbox ORDER BY id DESC LIMIT 1")
    assert "Support heeft gereageerd." in body and "wacht op een reactie van u" in body, body
    assert s.db1("SELECT status FROM incidents WHERE id = 2") == "waiting"
    assert "new -> waiting with the reply" in s.db1("SELECT detail FROM audit_log WHERE event = 'incident_vendor_reply'"
                                                    " ORDER BY id DESC LIMIT 1")
    j = s.login(JOOST)
    jp = j.get("/incidents/2")
    assert 'id="reply-status"' not in jp.text
    r = j.post("/incidents/2/reply", {"csrf": jp.csrf(), "body": "Hier is hij", "status": "closed"})
    assert r.status == 400 and s.db1("SELECT status FROM incidents WHERE id = 2") == "waiting", r
    r = j.post("/incidents/2/reply", {"csrf": jp.csrf(), "body": "Hier is hij"})
    assert r.status == 303 and s.db1("SELECT status FROM incidents WHERE id = 2") == "open"


def test_lists_filter_and_pages(s):
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
         " SELECT 3, 9, CONCAT('Reeks ', seq), 'tekst', LPAD(seq, 32, '0'), seq, seq FROM seq_1_to_60")
    m = s.login(MARIEKE)
    r = m.get("/incidents")
    assert r.status == 200 and r.text.count('<tr><td>') == 50 and 'rel="next"' in r.text
    nxt = re.search(r'href="([^"]+)" rel="next"', r.text).group(1).replace("&amp;", "&")
    r2 = m.get(nxt)
    assert r2.text.count('<tr><td>') == 12 and "Reeks 1<" in r2.text
    r = m.get("/incidents?q=Loonstrook")
    assert "Loonstrook" in r.text and "Reeks" not in r.text
    r = m.get("/incidents?status=waiting")
    assert "Loonstrook" in r.text and "jaarafsluiting" not in r.text
    assert m.get("/incidents?status=bogus").status == 400
    r = m.get("/incidents?by=8")   # Marieke submitted none
    assert r.status == 200 and "Loonstrook" not in r.text and "Reeks" not in r.text
    # the submitter filter offers those who submitted the organisation's incidents (not every colleague)
    subs = sorted(x for (x,) in s.db("SELECT DISTINCT submitter_id FROM incidents WHERE org_id = 3"
                                     " AND submitter_id IS NOT NULL"))
    r = m.get("/incidents?by=9")
    picker = r.text.split('<select id="by" name="by">')[1].split("</select>")[0]
    assert sorted(re.findall(r'<option value="(\d+)"', picker)) == subs and "9" in subs, picker
    assert '<option value="9" selected>' in picker and "Reeks 60" in r.text


def test_the_submitter_filter_past_two_hundred_submitters(s):
    """With more submitters than the filter lists (the first 200 by name; it listed 1,000 and the rest could not
    be chosen), the page says so and offers a search by name or address; the submitter filtered on stays
    chosen when the search or the cap leaves them out; the lists' queries never show another organisation's."""
    m = s.login(MARIEKE)
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at)"
             " SELECT 3, CONCAT('melder', seq, '@bakkerij-vandenberg.example'), CONCAT('Aaa', LPAD(seq, 3, '0')),"
             " 'Melder', 'active', 1 FROM seq_1_to_210")
        s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
             " SELECT 3, id, CONCAT('Melding van ', email), 'tekst', LPAD(id, 32, '7'), 1, 1 FROM users"
             " WHERE email LIKE 'melder%@bakkerij-vandenberg.example'")
        last = s.db1("SELECT id FROM users WHERE email = 'melder210@bakkerij-vandenberg.example'")
        def picker(r):
            return re.findall(r'<option value="(\d+)"', r.text.split('<select id="by" name="by">')[1].split("</select>")[0])
        r = m.get("/incidents")
        assert r.status == 200 and 'id="people-more"' in r.text and 'id="who"' in r.text
        assert len(picker(r)) == 200 and last not in picker(r)   # Aaa210 sorts after the first 200
        r = m.get("/incidents?who=melder210%40")
        assert picker(r) == [last] and 'id="people-more"' not in r.text and 'value="melder210@"' in r.text
        r = m.get("/incidents?who=Aaa2")   # the search goes on to the next page, with the same 11 to choose from
        assert len(picker(r)) == 11 and last in picker(r)
        nxt = re.search(r'href="([^"]+)" rel="next" id="next-page"', r.text).group(1).replace("&amp;", "&")
        assert "who=Aaa2" in nxt
        r = m.get(nxt)
        assert r.status == 200 and len(picker(r)) == 11 and last in picker(r) and 'value="Aaa2"' in r.text
        r = m.get("/incidents?by=" + last)   # filtered on a submitter beyond the first 200: still chosen
        assert '<option value="%s" selected>' % last in r.text and "Melding van melder210@" in r.text
        assert r.text.count("<tr><td>") == 1
        r = m.get("/incidents?who=niemand-heet-zo&by=" + last)
        assert picker(r) == [last] and 'id="people-none"' not in r.text
        assert 'id="people-none"' in m.get("/incidents?who=niemand-heet-zo").text
        assert m.get("/incidents?who=" + "x" * 101).status == 400
        # another organisation's colleague as the filter: not offered, nothing shown
        r = m.get("/incidents?by=4")
        assert r.status == 200 and 'value="4"' not in r.text and r.text.count("<tr><td>") == 0
    finally:
        s.db("DELETE i FROM incidents i JOIN users u ON u.id = i.submitter_id WHERE u.email LIKE 'melder%@bakkerij-vandenberg.example';"
             " DELETE FROM users WHERE email LIKE 'melder%@bakkerij-vandenberg.example'")


def test_a_search_reads_one_window_at_a_time(s):
    """A text search reads the 50,000 newest incidents of the list (from the cursor on), not all of them: with
    50,010 newer incidents in front, a word that only the 10 oldest of them hold is not on the first page,
    which says how far it searched and links on; the next window finds all 10, exactly once, in the queue
    and in the organisation's own list alike. A word in the newest is found at once."""
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
         " SELECT 3, 9, CONCAT('Venster ', seq), IF(seq <= 10, 'zeldzaamwoord', 'gewoon'), LPAD(seq, 32, '0'),"
         " seq, seq FROM seq_1_to_50010")
    s.db("UPDATE incidents SET title = 'Nieuwste vensterincident' WHERE id = (SELECT MAX(id) FROM incidents)")
    want = sorted(int(x) for (x,) in s.db("SELECT id FROM incidents WHERE body = 'zeldzaamwoord'"))
    bound = s.db1("SELECT id FROM incidents ORDER BY id DESC LIMIT 1 OFFSET 49999")
    for who, path in ((SANNE, "/incidents/queue"), (MARIEKE, "/incidents")):
        c = s.login(who)
        r = c.get(path + "?q=zeldzaamwoord")
        assert r.status == 200 and r.text.count("<tr><td>") == 0 and 'id="no-incidents"' not in r.text, r
        assert "per keer de 50.000 nieuwste incidenten" in r.text and "tot en met nummer %s." % bound in r.text
        nxt = re.search(r'href="([^"]+)" rel="next" id="next-page">Zoek verder', r.text).group(1).replace("&amp;", "&")
        assert "before=%s" % bound in nxt and "q=zeldzaamwoord" in nxt
        r = c.get(nxt)
        got = sorted(int(x) for x in re.findall(r"<tr><td>(\d+)</td>", r.text))
        assert got == want and 'id="next-page"' not in r.text and 'id="window-end"' not in r.text, (got, want)
        r = c.get(path + "?q=Nieuwste+vensterincident")   # in the first window: shown at once, the rest still to search
        assert r.text.count("<tr><td>") == 1 and 'id="window-end"' in r.text


def test_other_organisation_incident_is_404(s):
    p = s.login(PIETER)
    assert p.get("/incidents/1").status == 404
    csrf = p.get("/home").csrf()
    assert p.post("/incidents/1/reply", {"csrf": csrf, "body": "x"}).status == 404
    assert p.post("/incidents/1/close", {"csrf": csrf}).status == 404
    assert "Loonstrook" not in p.get("/incidents").text


def test_a_long_thread_shows_its_newest_messages_first_page(s):
    """An incident's thread shows its 100 newest messages, oldest first, with a link to the earlier ones and
    back (it showed the first 500, so in a long thread the latest replies were not on the page); a bad page
    is a 400."""
    m = s.login(MARIEKE)
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
         " VALUES (3, 9, 'Lange draad', 'tekst', LPAD('draad', 32, 'x'), 1, 1)")
    iid = s.db1("SELECT id FROM incidents WHERE title = 'Lange draad'")
    try:
        s.db("INSERT INTO incident_messages (incident_id, author_id, from_vendor, body, created_at)"
             " SELECT %s, 9, 0, CONCAT('Bericht ', LPAD(seq, 3, '0')), seq FROM seq_1_to_230" % iid)
        seen, path, pages = [], "/incidents/%s" % iid, 0
        while path:
            r = m.get(path)
            assert r.status == 200, r
            got = re.findall(r'<p class="pre">Bericht (\d+)</p>', r.text)
            assert got == sorted(got) and (pages == 0) == ('id="latest-msgs"' not in r.text), (path, got)
            seen = got + seen
            pages += 1
            nxt = re.search(r'<a href="([^"]+)" id="earlier-msgs">', r.text)
            path = nxt.group(1).replace("&amp;", "&").split("#")[0] if nxt else None
        assert seen == ["%03d" % i for i in range(1, 231)] and pages == 3, (len(seen), pages)
        assert m.get("/incidents/%s?before=x" % iid).status == 400
    finally:
        s.db("DELETE FROM incident_messages WHERE incident_id = %s; DELETE FROM incidents WHERE id = %s" % (iid, iid))


def test_a_reply_sent_twice_is_stored_once(s):
    """DI-02 for replies: the same reply form twice is one message (and one e-mail), the second answer going
    where the first did; a new form replies anew."""
    a = s.login(AHMED)   # vendor support: a reply mails the submitter
    page = a.get("/incidents/1")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    n = int(s.db1("SELECT COUNT(*) FROM incident_messages WHERE incident_id = 1"))
    mails = int(s.db1("SELECT COUNT(*) FROM mail_outbox"))
    answers = [a.post("/incidents/1/reply", {"csrf": page.csrf(), "once": tok, "body": "Eén keer, ook bij dubbelklikken."})
               for _ in range(2)]
    assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
    assert int(s.db1("SELECT COUNT(*) FROM incident_messages WHERE incident_id = 1")) == n + 1
    assert int(s.db1("SELECT COUNT(*) FROM mail_outbox")) == mails + 1
    r = a.post("/incidents/1/reply", {"csrf": page.csrf(), "once": "1" * 31, "body": "x"})
    assert r.status == 400 and int(s.db1("SELECT COUNT(*) FROM incident_messages WHERE incident_id = 1")) == n + 1
