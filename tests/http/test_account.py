"""test_account.py: Mijn account (issue 3): name and language, e-mail change by a link to the new address,
the mobile number change (AUTH-09), the password change (other sessions end), own sessions, and that no
route reaches another user's data."""
import re

from portaltest import session_cookie

FLEUR = "fleur@dehaan-assurantien.example"     # id 4, org 2
JOOST = "joost@bakkerij-vandenberg.example"    # id 9, org 3
NEW_PW = "Een heel nieuwe zin voor mij 7"


def test_account_shows_roles_and_rights_in_words(s):
    c = s.login(FLEUR)
    r = c.get("/account")
    assert r.status == 200, r
    roles = r.text.split('id="my-roles"')[1].split("</ul>\n</li>")[0]
    assert "Medewerker" in r.text and "Klantbeeld" in r.text
    assert "Klantbeeld: dossierinformatie van klanten" in r.text
    assert 'id="h-sessions"' not in r.text and 'id="h-password"' not in r.text, "one sub-page at a time"
    r = c.get("/account/security")
    assert r.status == 200 and 'id="h-password"' in r.text and 'id="h-email"' in r.text
    assert "Inloggen en beveiliging · Mijn account" in r.text
    assert "+31610000004" in r.text          # their own number in full
    assert roles


def test_profile_name_and_language(s):
    c = s.login(FLEUR)
    mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
    try:
        r = c.post("/account/profile", {"given_name": "Fleur", "name_prefix": "de", "family_name": "Jansen",
                                        "lang": "en"}, csrf_from="/account")
        assert r.status == 303 and r.location == "/account?m=profile", r
        r = c.get("/account")
        assert "My account" in r.text and "Fleur de Jansen" in r.text
        assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'profile_changed' AND user_id = 4 AND id > %s"
                     % mark) == "1"
        r = c.post("/account/profile", {"given_name": "", "family_name": "Jansen", "lang": "nl"}, csrf_from="/account")
        assert r.status == 422
        r = c.post("/account/profile", {"given_name": "F", "family_name": "J", "lang": "de"}, csrf_from="/account")
        assert r.status == 422
        assert s.db1("SELECT CONCAT(given_name, name_prefix, family_name, lang) FROM users WHERE id = 4") == "FleurdeJansenen"
    finally:
        s.db("UPDATE users SET name_prefix = '', lang = 'nl' WHERE id = 4")


def test_email_change_needs_the_link_to_the_new_address(s):
    c = s.login(FLEUR)
    new = "fleur.jansen@dehaan-assurantien.example"
    try:
        r = c.post("/account/email/change", {"email": new, "password": "wrong password!!"}, csrf_from="/account")
        assert r.status == 401 and s.mail_count() == 0, r
        # an address with an account: the same answer as any other; its owner is told, and no link exists
        r = c.post("/account/email/change", {"email": "pieter@dehaan-assurantien.example",
                                             "password": s.password(FLEUR)}, csrf_from="/account")
        assert r.status == 303 and r.location == "/account/security?m=email_sent", r
        assert s.mail_token("pieter@dehaan-assurantien.example") is None and s.mail_count("pieter@dehaan-assurantien.example") == 1
        assert s.db1("SELECT COUNT(*) FROM user_tokens WHERE user_id = 4") == "0"
        s.db("DELETE FROM mail_outbox")
        r = c.post("/account/email/change", {"email": new, "password": s.password(FLEUR)}, csrf_from="/account")
        assert r.status == 303 and r.location == "/account/security?m=email_sent", r
        assert s.mail_count(FLEUR) == 1 and s.mail_count(new) == 1     # a notice to the old, a link to the new
        assert s.db1("SELECT email FROM users WHERE id = 4") == FLEUR
        token = s.mail_token(new)
        other = s.client()
        page = other.get("/account/email?t=" + token)
        assert page.status == 200 and new in page.text
        assert s.db1("SELECT email FROM users WHERE id = 4") == FLEUR   # a GET changes nothing
        r = other.post("/account/email", {"csrf": page.csrf(), "t": token})
        assert r.status == 303, r
        assert s.db1("SELECT email FROM users WHERE id = 4") == new
        assert other.post("/account/email", {"csrf": page.csrf(), "t": token}).status == 404
        s.logins[new] = s.logins[FLEUR]
        s.login(new)
    finally:
        s.db("UPDATE users SET email = '%s' WHERE id = 4" % FLEUR)


def test_mobile_change_auth09(s):
    c = s.login(FLEUR)
    other = s.login(FLEUR)
    old_count = s.sms_count(FLEUR)
    try:
        s.advance(21 * 60)
        c.get("/home")
        r = c.get("/account/mobile")
        assert r.status == 303 and r.location.startswith("/account/reauth"), r
        r = c.post("/account/mobile", {"mobile": "0699887766"}, csrf_from="/account/reauth")
        assert r.status == 403 and s.db1("SELECT mobile FROM users WHERE id = 4") == "+31610000004", r
        r = c.post("/account/reauth", {"password": s.password(FLEUR), "next": "/account/mobile"},
                   csrf_from="/account/reauth")
        assert r.status == 303 and r.location == "/account/mobile", r
        r = c.post("/account/mobile", {"mobile": "12"}, csrf_from="/account/mobile")
        assert r.status == 422
        r = c.post("/account/mobile", {"mobile": "06 9988 7766"}, csrf_from="/account/mobile")
        assert r.status == 303, r
        assert s.db1("SELECT phone FROM sms_outbox ORDER BY id DESC LIMIT 1") == "+31699887766"
        code = s.last_code(FLEUR)
        page = c.get("/account/mobile")
        assert "+31699887766" in page.text
        r = c.post("/account/mobile/confirm", {"csrf": page.csrf(), "code": "000000" if code != "000000" else "111111"})
        assert r.status == 401 and s.db1("SELECT mobile FROM users WHERE id = 4") == "+31610000004", r
        r = c.post("/account/mobile/confirm", {"csrf": page.csrf(), "code": code, "end_others": "1"})
        assert r.status == 303 and r.location == "/account/security?m=mobile_changed", r
        assert s.db("SELECT mobile, mobile_verified_at IS NOT NULL FROM users WHERE id = 4") == [["+31699887766", "1"]]
        # a notice to the old number and to the address; the other session ended; this one lives
        assert s.db1("SELECT COUNT(*) FROM sms_outbox WHERE phone = '+31610000004' AND body LIKE '%gewijzigd%'") == "1"
        assert s.mail_count(FLEUR) == 1
        assert other.get("/home").status == 303
        assert c.get("/home").status == 200
        assert s.sms_count(FLEUR) == old_count + 2
    finally:
        s.db("UPDATE users SET mobile = '+31610000004' WHERE id = 4")


def test_password_change_ends_other_sessions(s):
    saved = s.db1("SELECT password_hash FROM users WHERE id = 4")
    c = s.login(FLEUR)
    other = s.login(FLEUR)
    try:
        r = c.post("/account/password", {"current": "not my password", "password": NEW_PW, "password2": NEW_PW,
                                         "keep": "1"}, csrf_from="/account")
        assert r.status == 401 and s.db1("SELECT password_hash FROM users WHERE id = 4") == saved, r
        r = c.post("/account/password", {"current": s.password(FLEUR), "password": "welkom123456", "password2":
                                         "welkom123456", "keep": "1"}, csrf_from="/account")
        assert r.status == 422 and "veelgebruikte" in r.text and s.db1(
            "SELECT password_hash FROM users WHERE id = 4") == saved, r
        r = c.post("/account/password", {"current": s.password(FLEUR), "password": NEW_PW, "password2": NEW_PW,
                                         "keep": "1"}, csrf_from="/account")
        assert r.status == 303 and r.location == "/account/security?m=password", r
        assert c.get("/account").status == 200
        assert other.get("/home").status == 303
        assert s.mail_count(FLEUR) == 1
        c2, r = s.login_password(FLEUR)
        assert r.status == 401
        c3, r = s.login_password(FLEUR, NEW_PW)
        assert r.status == 303
        # without "keep", this session ends too
        r = c.post("/account/password", {"current": NEW_PW, "password": NEW_PW + "!", "password2": NEW_PW + "!"},
                   csrf_from="/account")
        assert r.status == 303 and r.location.startswith("/login"), r
        assert session_cookie(c) is None
        assert s.db1("SELECT COUNT(*) FROM sessions WHERE user_id = 4 AND stage = 'full'") == "0"
    finally:
        s.db("UPDATE users SET password_hash = '%s' WHERE id = 4" % saved)


def test_own_sessions_listed_and_ended_but_not_others(s):
    c = s.login(FLEUR)
    other = s.login(FLEUR)
    j = s.login(JOOST)
    r = c.get("/account/sessions")
    ids = re.findall(r'action="/account/sessions/(\d+)/end"', r.text)
    assert len(ids) == 2, ids
    joost_sid = s.db1("SELECT id FROM sessions WHERE user_id = 9")
    r = c.post("/account/sessions/%s/end" % joost_sid, {}, csrf_from="/account")
    assert r.status == 404, r
    assert j.get("/home").status == 200
    mine = s.db1("SELECT id FROM sessions WHERE user_id = 4 ORDER BY id DESC LIMIT 1")   # the other client's
    r = c.post("/account/sessions/%s/end" % mine, {}, csrf_from="/account")
    assert r.status == 303 and r.location == "/account/sessions?m=session_ended", r
    assert other.get("/home").status == 303 and c.get("/home").status == 200
    other = s.login(FLEUR)
    r = c.post("/account/sessions/others", {}, csrf_from="/account")
    assert r.status == 303
    assert other.get("/home").status == 303 and c.get("/home").status == 200
    assert j.get("/home").status == 200


def test_account_needs_a_login_and_refuses_extra_fields(s):
    r = s.client().get("/account")
    assert r.status == 303 and r.location.startswith("/login?"), r
    c = s.login(FLEUR)
    r = c.post("/account/profile", {"given_name": "F", "family_name": "J", "lang": "nl", "org_id": "3"},
               csrf_from="/account")
    assert r.status == 400
    for extra in (("status", "active"), ("role", "1"), ("email", "x@y.nl"), ("mobile_verified_at", "1")):
        r = c.post("/account/profile", dict({"given_name": "F", "family_name": "J", "lang": "nl"}, **dict([extra])),
                   csrf_from="/account")
        assert r.status == 400, (extra, r)
    assert s.db1("SELECT given_name FROM users WHERE id = 4") == "Fleur"


def test_a_change_and_its_audit_row_commit_together(s):
    """LOG-01 with DI-02: re-authenticating, starting the app's enrolment and choosing the second factor each
    change one row and write one audit row. When the audit row cannot be written (here a trigger refuses it)
    the answer is a 500 (the database refused a write, app.c) and the change is not kept either; they used to
    be two autocommits."""
    c = s.login(FLEUR)
    sid = s.db1("SELECT id FROM sessions WHERE user_id = 4 AND stage = 'full' ORDER BY id DESC LIMIT 1")
    s.db("UPDATE sessions SET auth_at = auth_at - 3600 WHERE id = %s" % sid)
    old_auth = s.db1("SELECT auth_at FROM sessions WHERE id = %s" % sid)
    s.db("DELIMITER //\nCREATE TRIGGER test_audit_refused BEFORE INSERT ON audit_log FOR EACH ROW"
         " IF NEW.event IN ('reauth_ok', 'totp_enrolment_started', 'second_factor_preferred') THEN"
         " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'test: audit refused'; END IF//\nDELIMITER ;")
    try:
        r = c.post("/account/reauth", {"password": s.password(FLEUR), "next": "/account"}, csrf_from="/account/reauth")
        assert r.status == 500, r
        assert s.db1("SELECT auth_at FROM sessions WHERE id = %s" % sid) == old_auth   # not re-authenticated
        s.db("UPDATE sessions SET auth_at = auth_at + 3600 WHERE id = %s" % sid)      # a recent login again
        r = c.post("/account/totp/start", {}, csrf_from="/account/totp")
        assert r.status == 500, r
        assert s.db1("SELECT totp_pending IS NULL FROM users WHERE id = 4") == "1"
        s.db("UPDATE users SET totp_secret = 'x', second_factor = 'sms' WHERE id = 4")   # as if enrolled
        r = c.post("/account/totp/prefer", {"method": "totp"}, csrf_from="/account")
        assert r.status == 500, r
        assert s.db1("SELECT second_factor FROM users WHERE id = 4") == "sms"
    finally:
        s.db("DROP TRIGGER IF EXISTS test_audit_refused")
        s.db("UPDATE users SET totp_secret = NULL, second_factor = 'sms' WHERE id = 4")
    logged = int(s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'reauth_ok' AND user_id = 4"))
    r = c.post("/account/reauth", {"password": s.password(FLEUR), "next": "/account"}, csrf_from="/account/reauth")
    assert r.status == 303 and s.db1("SELECT auth_at FROM sessions WHERE id = %s" % sid) != old_auth
    assert int(s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'reauth_ok' AND user_id = 4")) == logged + 1
