"""test_session.py: session tokens, rotation, timeouts and ending sessions (SES-01 … SES-05, ACC-06)."""
from portaltest import session_cookie

ADMIN = "pieter@dehaan-assurantien.example"


def test_token_is_random_and_only_its_hash_is_stored(s):
    c = s.login(ADMIN)
    tok = session_cookie(c)
    assert tok and len(tok) == 43, tok
    stored = s.db1("SELECT HEX(token_hash) FROM sessions")
    import base64
    import hashlib
    assert stored == hashlib.sha256(tok.encode()).hexdigest().upper(), "SHA-256 of the token is stored"
    assert tok not in (s.db1("SELECT CONCAT_WS(',', HEX(token_hash), user_agent, client_addr) FROM sessions") or "")
    assert len(base64.urlsafe_b64decode(tok + "=")) == 32, "256 bits"


def test_token_rotated_after_each_step(s):
    c = s.client()
    c.get("/login")
    pre = c.cookies.get("pw_pre")
    c, r = s.login_password(ADMIN, client=c)
    pending = session_cookie(c)
    assert pending and pending != pre, "a new token after the password"
    assert "pw_pre" not in c.cookies, "the pre-session cookie is dropped"
    r = c.post("/verify_sms", {"code": s.last_code(ADMIN)}, csrf_from="/verify_sms")
    full = session_cookie(c)
    assert r.status == 303 and full and full != pending, "a new token after the second factor"
    # the old (pending) cookie is dead
    old = s.client()
    old.cookies["pw_session"] = pending
    r = old.get("/verify_sms")
    assert r.status == 303 and r.location.startswith("/login"), "old cookie dead: %r" % r
    r = old.get("/home")
    assert r.status == 303 and r.location.startswith("/login"), r
    assert c.get("/home").status == 200


def test_logout_ends_the_session(s):
    c = s.login(ADMIN)
    tok = session_cookie(c)
    r = c.get("/logout")
    assert r.status == 200 and c.get("/home").status == 200, "GET /logout only asks"
    r = c.post("/logout", {}, csrf_from="/home")
    assert r.status == 303 and r.location == "/login?m=logged_out", r
    assert session_cookie(c) is None, "cookie cleared"
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0", "session row gone"
    r = c.get(r.location)
    assert "U bent uitgelogd." in r.text
    again = s.client()
    again.cookies["pw_session"] = tok
    r = again.get("/home")
    assert r.status == 303 and r.location.startswith("/login"), "the old cookie is dead: %r" % r
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'logout'") != "0"


def test_idle_timeout(s):
    c = s.login(ADMIN)
    s.advance(29 * 60)
    assert c.get("/home").status == 200, "29 idle minutes: still in"
    s.advance(29 * 60)
    assert c.get("/home").status == 200, "activity keeps the session alive"
    s.advance(30 * 60 + 1)
    r = c.get("/home")
    assert r.status == 303 and r.location == "/login?m=expired&next=/home", r
    assert "Uw sessie is verlopen" in c.get(r.location).text
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0"


def test_absolute_timeout(s):
    c = s.login(ADMIN)
    for _ in range(25):          # active every 29 minutes for 12 hours
        s.advance(29 * 60)
        r = c.get("/home")
        if r.status != 200:
            break
    assert r.status == 303 and "expired" in r.location, "ended after 12 hours whatever the activity: %r" % r


def test_pending_session_expires(s):
    c, r = s.login_password(ADMIN)
    s.advance(601)
    r = c.get("/verify_sms")
    assert r.status == 303 and r.location == "/login?m=expired", r


def test_disabled_user_loses_session_on_next_request(s):
    c = s.login(ADMIN)
    assert c.get("/home").status == 200
    s.db("UPDATE users SET status = 'disabled' WHERE email = '%s'" % ADMIN)
    r = c.get("/home")
    assert r.status == 303 and r.location.startswith("/login"), "ACC-06: %r" % r
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0"


def test_revoked_role_takes_effect_on_next_request(s):
    c = s.login(ADMIN)
    assert "Klantbeeld" in c.get("/home").text
    uid = s.db1("SELECT id FROM users WHERE email = '%s'" % ADMIN)
    rid = s.db1("SELECT id FROM roles WHERE rkey = 'klantbeeld'")
    s.db("DELETE FROM user_roles WHERE user_id = %s AND role_id = %s" % (uid, rid))
    try:
        assert "Klantbeeld:" not in c.get("/home").text, "gone on the very next request"
    finally:
        s.db("INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (%s, %s, 0)" % (uid, rid))
    assert "Klantbeeld:" in c.get("/home").text, "and back on the next request after a grant"


def test_catalogue_change_takes_effect_on_next_request(s):
    c = s.login(ADMIN)
    assert "Facturen raadplegen" in c.get("/home").text
    s.db("UPDATE rights SET label_nl = 'Facturen bekijken' WHERE rkey = 'invoices.view'")
    try:
        r = c.get("/home")
        assert "Facturen bekijken" in r.text and "Facturen raadplegen" not in r.text, "new label at once"
        s.db("DELETE rr FROM role_rights rr WHERE rr.role_id = (SELECT id FROM roles WHERE rkey = 'beheerder')"
             " AND rr.right_id = (SELECT id FROM rights WHERE rkey = 'invoices.view')")
        assert "Facturen bekijken" not in c.get("/home").text, "a right taken from a role is gone at once"
    finally:
        s.db("UPDATE rights SET label_nl = 'Facturen raadplegen' WHERE rkey = 'invoices.view'")
        s.db("INSERT IGNORE INTO role_rights (role_id, right_id) SELECT ro.id, ri.id FROM roles ro, rights ri"
             " WHERE ro.rkey = 'beheerder' AND ri.rkey = 'invoices.view'")
