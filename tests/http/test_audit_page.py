"""test_audit_page.py: an organisation's own audit log at /audit: only its own rows, filters, pages."""
import os
import re

ADMIN = "pieter@dehaan-assurantien.example"   # org 2
FLEUR = "fleur@dehaan-assurantien.example"


def test_audit_page_own_organisation_filters_and_pages(s):
    c = s.login(ADMIN)
    m = s.login("marieke@bakkerij-vandenberg.example")
    r = m.post("/users/9", {"given_name": "Joost", "family_name": "Visser", "email": "joost@bakkerij-vandenberg.example",
                            "mobile": "+31610000009"}, csrf_from="/users/9")
    assert r.status == 303
    r = c.get("/audit")
    assert r.status == 200 and "<td>Ingelogd</td>" in r.text and "login_ok</td>" not in r.text, "events in words"
    assert '<option value="login_ok">Ingelogd</option>' in r.text
    assert "joost@" not in r.text and "Joost" not in r.text      # organisation 3's rows are not shown
    r = c.get("/audit?event=login_ok&user=3")
    events = re.findall(r"<tr>\n<td>[^<]*</td><td>([^<]+)</td>", r.text)
    assert events and set(events) == {"Ingelogd"}, events
    r = c.get("/audit?user=9")
    assert "Joost" not in r.text
    # 60 rows: two pages (the trail is append-only, so each run uses its own event name)
    ev = "test_" + os.urandom(4).hex()
    s.db("INSERT INTO audit_log (at, event, org_id, user_id, detail) SELECT UNIX_TIMESTAMP(), '%s', 2, 4,"
         " CONCAT('row ', seq) FROM seq_1_to_60" % ev)
    r = c.get("/audit?event=" + ev)
    assert len(re.findall(r"<td>%s</td>" % ev.replace("_", " "), r.text)) == 50, "an event without words: its name"
    nxt = re.search(r'<a href="([^"]+)" rel="next"', r.text).group(1).replace("&amp;", "&")
    r = c.get(nxt)
    assert len(re.findall(r"<td>%s</td>" % ev.replace("_", " "), r.text)) == 10 and 'rel="next"' not in r.text
    assert c.get("/audit?from=2026-13-01").status == 400
    assert c.get("/audit?from=2020-01-01&to=2020-01-02").status == 200
    assert "id=\"no-results\"" in c.get("/audit?from=2020-01-01&to=2020-01-02").text


def test_audit_page_needs_the_right(s):
    assert s.login(FLEUR).get("/audit").status == 403
    assert s.client().get("/audit").status == 303
