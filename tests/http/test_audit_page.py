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
    events = re.findall(r'<tr>\n<td class="when">[^<]*</td><td>([^<]+)</td>', r.text)
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


def cells(text):
    """The detail cells of an audit page: (in English?, text)."""
    return [(m.group(1) is not None, re.sub(r"<[^>]+>", "", m.group(2)))
            for m in re.finditer(r'<td class="detail"( lang="en")?>(.*?)</td>', text, re.S)]


def test_the_log_speaks_the_readers_language(s):
    """The log writes its details in English; a Dutch reader reads them in Dutch (roles by their names, a change
    of several parts part by part), an English reader as written, marked English for screen readers."""
    c = s.login(ADMIN)
    fleur, zoe = s.db1("SELECT id FROM users WHERE email = '%s'" % FLEUR), \
        s.db1("SELECT id FROM users WHERE email = 'zoe@dehaan-assurantien.example'")
    mobile = s.db1("SELECT mobile FROM users WHERE id = %s" % fleur)
    for family, email in (("Jansen-Smit", FLEUR), ("Jansen-Smit", "fleur.smit@dehaan-assurantien.example")):
        page = c.get("/users/%s" % fleur)
        r = c.post("/users/%s" % fleur, {"csrf": page.csrf(), "given_name": "Fleur", "family_name": family,
                                         "email": email, "mobile": mobile})
        assert r.status == 303, r
    try:
        check_words(s, c, fleur, zoe)
    finally:   # the other tests know her by her name
        s.db("UPDATE users SET family_name = 'Jansen', email = '%s', lang = 'nl' WHERE id = %s" % (FLEUR, fleur))
        s.db("UPDATE users SET lang = 'nl' WHERE email = '%s'" % ADMIN)


def check_words(s, c, fleur, zoe):
    klantbeeld = s.db1("SELECT id FROM roles WHERE rkey = 'klantbeeld'")
    page = c.get("/rights/users/%s" % zoe)
    held = re.findall(r'<input type="checkbox" name="role" value="(\d+)"[^>]*checked', page.text)
    r = c.post("/rights/users/%s" % zoe, [("csrf", page.csrf())] + [("role", x) for x in held + [klantbeeld]])
    assert r.status == 303, r
    mine = ((3, "login_ok"), (3, "login_password_ok"), (fleur, "user_changed"), (zoe, "roles_changed"))
    nl = [x for who, ev in mine for x in cells(c.get("/audit?user=%s&event=%s" % (who, ev)).text)]
    text = [t for _, t in nl]
    assert "naam Fleur Jansen → Fleur Jansen-Smit" in text, text[:10]
    # a detail of parts, part by part (the e-mail form's last hole does not take the parts after it)
    assert "e-mailadres %s → fleur.smit@dehaan-assurantien.example; eerdere links vervallen" % FLEUR in text, text[:10]
    assert "gegeven: Klantbeeld; ingetrokken: geen" in text, text[:10]
    assert "wachtwoord en sms-code" in text, text[:10]
    assert not [t for en, t in nl if en], "every detail on the page in Dutch: %r" % [t for en, t in nl if en]
    s.db("UPDATE users SET lang = 'en' WHERE email = '%s'" % ADMIN)
    en = [x for who, ev in mine for x in cells(c.get("/audit?user=%s&event=%s" % (who, ev)).text)]
    assert (True, "granted: klantbeeld; revoked: none") in en and (True, "password and SMS code") in en, en[:10]

