"""test_news.py: announcements and release notes from the vendor (issue 6, documents 000 and 004): users with
releasenotes.view read them; a note addressed to a role in the organisation ("applicatiebeheer") only those
who ticked it; opt-in per topic in Mijn account; on publishing, exactly the subscribers who may read the note
get an e-mail, in their language; only the vendor publishes."""
import re

SANNE = "sanne.devries@poortwachter.example"   # vendor admin: news.publish
PIETER = "pieter@dehaan-assurantien.example"   # id 3, Beheerder (releasenotes.view), subscribed to 'new'
MARIEKE = "marieke@bakkerij-vandenberg.example"  # id 8, Beheerder, ticked Applicatiebeheer
FLEUR = "fleur@dehaan-assurantien.example"     # id 4, Medewerker (releasenotes.view)
DAAN = "daan@dehaan-assurantien.example"       # id 5, Klantbeeld + Financiële Documenten: no releasenotes.view
ANOUK = "anouk@bakkerij-vandenberg.example"    # id 10, English, Medewerker


def topic(s, key):
    return s.db1("SELECT id FROM news_topics WHERE tkey = '%s'" % key)


def job(s, key):
    return s.db1("SELECT id FROM job_roles WHERE jkey = '%s'" % key)


def test_who_reads_which_note(s):
    p = s.login(PIETER)
    r = p.get("/news")
    assert r.status == 200 and "Nieuw: support tijdelijk toegang geven" in r.text and "Onderhoud zaterdag" not in r.text
    assert p.get("/news/1").status == 200 and p.get("/news/2").status == 404
    m = s.login(MARIEKE)
    r = m.get("/news")
    assert "Onderhoud zaterdag" in r.text and "voor Applicatiebeheer" in r.text and m.get("/news/2").status == 200
    d = s.login(DAAN)
    assert d.get("/news").status == 403 and d.get("/news/1").status == 403
    r = p.get("/news?t=%s" % topic(s, "maintenance"))
    assert r.status == 200 and "Nieuw: support" not in r.text
    assert p.get("/news?t=x").status == 400


def test_subscriptions_in_my_account(s):
    f = s.login(FLEUR)
    assert 'href="/news/subscriptions"' in f.get("/account").text
    page = f.get("/news/subscriptions")
    assert page.status == 200 and "Applicatiebeheer" in page.text
    r = f.post("/news/subscriptions", [("csrf", page.csrf()), ("topic", topic(s, "maintenance")), ("job", job(s, "appbeheer"))])
    assert r.status == 303
    assert s.db1("SELECT COUNT(*) FROM user_news_topics WHERE user_id = 4") == "1"
    assert f.get("/news/2").status == 200 and 'checked' in f.get("/news/subscriptions").text
    # an unknown topic: nothing changed
    r = f.post("/news/subscriptions", [("csrf", page.csrf()), ("topic", "999999")])
    assert r.status == 422 and s.db1("SELECT COUNT(*) FROM user_news_topics WHERE user_id = 4") == "1"
    # untick everything
    assert f.post("/news/subscriptions", {"csrf": page.csrf()}).status == 303
    assert s.db1("SELECT COUNT(*) FROM user_news_topics WHERE user_id = 4") == "0" and f.get("/news/2").status == 404


def test_publishing_mails_exactly_the_subscribers_who_may_read(s):
    new, maint = topic(s, "new"), topic(s, "maintenance")
    # subscribers: Pieter (new, may read), Daan (new, may not), Anouk (new, English), Ahmed (the vendor),
    # a disabled colleague; Marieke and Pieter to maintenance, only Marieke with the role Applicatiebeheer
    s.db("INSERT INTO user_news_topics (user_id, topic_id) VALUES (5, %s), (10, %s), (2, %s), (12, %s), (8, %s), (3, %s)"
         % (new, new, new, new, maint, maint))
    s.db("INSERT IGNORE INTO user_roles (user_id, role_id, granted_at) SELECT 12, id, 0 FROM roles WHERE rkey = 'medewerker'")
    p = s.login(PIETER)
    assert p.post("/news", {"csrf": p.get("/news").csrf(), "topic": new, "title": "Nieuwtje",
                            "body": "Niet van ons"}).status == 403
    v = s.login(SANNE)
    page = v.get("/news/manage")
    assert page.status == 200
    for bad in ({"topic": new, "title": "x", "body": "Tekst van het bericht"}, {"topic": "999999", "title": "Titel",
                "body": "Tekst van het bericht"}, {"topic": new, "job": "999999", "title": "Titel", "body": "Tekst"}):
        assert v.post("/news", dict(bad, csrf=page.csrf())).status == 422, bad
    assert s.db1("SELECT COUNT(*) FROM news") == "2"
    r = v.post("/news", {"csrf": page.csrf(), "topic": new, "job": "0", "title": "Nieuw: <b>documenten</b> & facturen",
                         "body": "Facturen staan voortaan onder Documenten.\nTweede regel."})
    assert r.status == 303
    nid = s.db1("SELECT MAX(id) FROM news")
    to = sorted(x for (x,) in s.db("SELECT to_addr FROM mail_outbox WHERE subject LIKE '%%documenten%%'"))
    assert to == sorted([PIETER, ANOUK]), to
    body_en = s.db1("SELECT body FROM mail_outbox WHERE to_addr = '%s'" % ANOUK)
    assert "Read it in the portal" in body_en and "/news/%s" % nid in body_en and "Tweede regel." in body_en
    assert s.db1("SELECT mailed FROM news WHERE id = %s" % nid) == "2"
    r = p.get("/news/%s" % nid)
    assert "Nieuw: &lt;b&gt;documenten&lt;/b&gt; &amp; facturen" in r.text and "<b>documenten" not in r.text
    # to application managers only
    r = v.post("/news", {"csrf": page.csrf(), "topic": maint, "job": job(s, "appbeheer"), "title": "Update applicatiebeheer",
                         "body": "Alleen voor applicatiebeheerders."})
    assert r.status == 303
    assert [x for (x,) in s.db("SELECT to_addr FROM mail_outbox WHERE subject LIKE '%%Update applicatiebeheer%%'")] == [MARIEKE]
    assert "Update applicatiebeheer" not in p.get("/news").text
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'news_published' AND detail LIKE '%%Update applicatiebeheer%%'") != "0"
    listing = v.get("/news/manage").text
    assert re.search(r"Update applicatiebeheer.*?</tr>", listing, re.S)


def test_a_note_published_twice_is_one_note_and_one_mailing(s):
    """DI-02: the publishing form sent twice (a double click, a retry after a lost answer) publishes one note
    and mails its subscribers once; both answers go to the same place. A new form publishes anew."""
    new = topic(s, "new")
    v = s.login(SANNE)
    page = v.get("/news/manage")
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    form = {"csrf": page.csrf(), "once": tok, "topic": new, "job": "0", "title": "Tweemaal verstuurd",
            "body": "Dit bericht is eenmaal gepubliceerd."}
    answers = [v.post("/news", form) for _ in range(3)]
    assert [r.status for r in answers] == [303] * 3, answers
    assert len({r.location for r in answers}) == 1, answers
    assert s.db1("SELECT COUNT(*) FROM news WHERE title = 'Tweemaal verstuurd'") == "1"
    assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%%Tweemaal verstuurd%%'") == "1"   # Pieter
    nid = s.db1("SELECT id FROM news WHERE title = 'Tweemaal verstuurd'")
    # the audit log is never emptied, so a run on a reused stack sees earlier runs' notes of this title
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'news_published' AND detail LIKE 'note %s: %%%%'" % nid) == "1"
    # a refused form stores nothing, and its token is not spent: the corrected form publishes
    tok2 = re.search(r'name="once" value="(\d{32})"', v.get("/news/manage").text).group(1)
    assert tok2 != tok
    r = v.post("/news", dict(form, once=tok2, title="x"))
    assert r.status == 422 and s.db1("SELECT COUNT(*) FROM news WHERE title = 'x'") == "0"
    r = v.post("/news", dict(form, once=tok2, title="Tweede bericht"))
    assert r.status == 303 and s.db1("SELECT COUNT(*) FROM news WHERE title = 'Tweede bericht'") == "1"
