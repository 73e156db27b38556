"""test_csrf.py: CSRF tokens on every POST, including the login, and cross-site refusal (SES-06)."""
ADMIN = "pieter@dehaan-assurantien.example"


def test_post_without_token_403(s):
    c = s.client()
    c.get("/login")
    r = c.post("/login", {"email": ADMIN, "password": s.password(ADMIN)})
    assert r.status == 403 and "Dit formulier is verlopen" in r.text, r
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0", "nothing happened"


def test_wrong_or_foreign_token_403(s):
    c = s.client()
    c.get("/login")
    r = c.post("/login", {"email": ADMIN, "password": s.password(ADMIN), "csrf": "x" * 43})
    assert r.status == 403, r
    other = s.client()
    token = other.get("/login").csrf()
    r = c.post("/login", {"email": ADMIN, "password": s.password(ADMIN), "csrf": token})
    assert r.status == 403, "a token of another browser is refused: %r" % r


def test_logout_needs_a_token(s):
    c = s.login(ADMIN)
    r = c.post("/logout", {})
    assert r.status == 403, r
    assert c.get("/home").status == 200, "still logged in"


def test_session_token_not_valid_after_rotation(s):
    c = s.client()
    token_pre = c.get("/login").csrf()
    s.login(ADMIN, client=c)
    token_full = c.get("/home").csrf()
    assert token_full != token_pre
    r = c.post("/logout", {"csrf": token_full})
    assert r.status == 303


def test_cross_site_post_refused_even_with_token(s):
    c = s.client()
    token = c.get("/login").csrf()
    fields = {"email": ADMIN, "password": s.password(ADMIN), "csrf": token}
    r = c.post("/login", fields, headers={"Origin": "http://evil.example"})
    assert r.status == 403 and "andere website" in r.text, r
    r = c.post("/login", fields, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status == 403, r
    r = c.post("/login", fields, headers={"Origin": "null"})
    assert r.status == 403, r
    r = c.post("/login", fields, headers={"Origin": s.base, "Sec-Fetch-Site": "same-origin"})
    assert r.status == 303, "same origin accepted: %r" % r


def test_get_never_changes_state(s):
    c = s.login(ADMIN)
    assert c.get("/logout").status == 200
    assert c.get("/logout?x=1").status == 200, "a parameter the page does not know is ignored"
    r = c.get("/verify_sms/resend")
    assert r.status == 405 and "POST" in (r.header("Allow") or ""), r
    assert c.get("/home").status == 200
