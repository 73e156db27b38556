"""test_login.py: the password step (AUTH-01, -03, -04) and the way into the portal."""
from portaltest import session_cookie, timed

ADMIN = "pieter@dehaan-assurantien.example"
DISABLED = "thijs@bakkerij-vandenberg.example"
INVITED = "noah@dehaan-assurantien.example"


def test_full_login_reaches_home(s):
    c = s.login(ADMIN)
    r = c.get("/home")
    assert r.status == 200, r
    assert "Mijn portaal" in r.text and "Pieter de Haan" in r.text and "Assurantiekantoor De Haan" in r.text
    assert "Beheerder" in r.text and "Klantbeeld" in r.text, "roles shown"
    assert "Collega&#39;s beheren en rollen toekennen" in r.text, "rights of the roles shown"
    r = c.get("/")
    assert r.status == 303 and r.location == "/home", "the root leads to the home page"


def test_wrong_password_refused(s):
    c, r = s.login_password(ADMIN, "wrong password 123")
    assert r.status == 401, r
    assert "E-mailadres of wachtwoord onjuist." in r.text
    assert session_cookie(c) is None, "no session for a wrong password"
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0"


def _failed(s, c, email, password):
    return timed(c.post, "/login", {"email": email, "password": password, "csrf": c.csrf_token})


def test_unknown_email_same_bytes_and_time(s):
    c = s.client()
    c.csrf_token = c.get("/login").csrf()
    known, t_known = _failed(s, c, ADMIN, "not the password 1")
    unknown, t_unknown = _failed(s, c, "nobody@nowhere.example", "not the password 1")
    # the disabled account gets the admin's password hash, so its right password is known here
    s.db("UPDATE users SET password_hash = (SELECT h FROM (SELECT password_hash h FROM users WHERE email = '%s') x)"
         " WHERE email = '%s'" % (ADMIN, DISABLED))
    disabled, _ = _failed(s, c, DISABLED, s.password(ADMIN))
    invited, _ = _failed(s, c, INVITED, "whatever password 1")
    assert known.status == unknown.status == disabled.status == invited.status == 401
    assert known.body == unknown.body, "unknown e-mail: the same bytes as a wrong password"
    assert known.body == disabled.body, "disabled account with its right password: the same bytes"
    assert known.body == invited.body, "invited account without a password: the same bytes"
    assert 0.5 < t_unknown / t_known < 2.0, "similar time: %.3f s vs %.3f s" % (t_unknown, t_known)


def test_ten_failures_then_429_until_the_wait_ends(s):
    c = s.client()
    for i in range(10):
        _, r = s.login_password(ADMIN, "wrong password %d" % i, client=c)
        assert r.status == 401, "attempt %d: %r" % (i + 1, r)
    _, r = s.login_password(ADMIN, "wrong password x", client=c)
    assert r.status == 429, "11th attempt: %r" % r
    wait = int(r.header("Retry-After"))
    assert 0 < wait <= 60, wait
    # the right password is refused too while the wait lasts, also from a new session/browser
    _, r = s.login_password(ADMIN, client=s.client())
    assert r.status == 429, "right password during the wait: %r" % r
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0"
    # an unknown address is throttled exactly alike: no hint that the account exists
    for i in range(10):
        s.login_password("ghost@nowhere.example", "wrong password %d" % i)
    _, r = s.login_password("ghost@nowhere.example", "wrong password y")
    assert r.status == 429 and r.header("Retry-After"), r
    # after the wait: one more wrong password, and the next wait is longer (waits grow)
    s.advance(wait + 1)
    _, r = s.login_password(ADMIN, "wrong password z")
    assert r.status == 401, r
    _, r = s.login_password(ADMIN)
    assert r.status == 429 and int(r.header("Retry-After")) > wait, "the wait grew: %r" % r
    # never a permanent lock from guessing alone: after the wait the right password works
    s.advance(int(r.header("Retry-After")) + 1)
    c, r = s.login_password(ADMIN)
    assert r.status == 303 and r.location == "/verify_sms", r
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'login_throttled'") != "0"


def test_next_target_kept_and_open_redirect_refused(s):
    c = s.client()
    r = c.get("/home?x=1")
    assert r.status == 303 and r.location == "/login?next=/home%3Fx%3D1", r
    c, r = s.login_password(ADMIN, client=c, next_path="/home?x=1")
    assert r.status == 303 and r.location == "/verify_sms?next=/home%3Fx%3D1", r
    r = c.post("/verify_sms", {"code": s.last_code(ADMIN), "next": "/home?x=1"}, csrf_from="/verify_sms")
    assert r.status == 303 and r.location == "/home?x=1", r
    c, r = s.login_password(ADMIN, next_path="//evil.example/")
    assert r.status == 303 and r.location == "/verify_sms", "a foreign target is dropped: %r" % r


def test_half_logged_in_reaches_only_the_second_factor(s):
    c, r = s.login_password(ADMIN)
    assert r.status == 303
    r = c.get("/home")
    assert r.status == 303 and r.location == "/verify_sms", r
    r = c.get("/verify_sms")
    assert r.status == 200 and "+316" in r.text and "+31610000003" not in r.text, "the number is masked"
    assert 'autocomplete="one-time-code"' in r.text and 'inputmode="numeric"' in r.text


def test_logged_in_user_skips_the_login_form(s):
    c = s.login(ADMIN)
    r = c.get("/login")
    assert r.status == 303 and r.location == "/home", r


def test_no_mobile_number_is_explained(s):
    saved = s.db1("SELECT mobile FROM users WHERE email = '%s'" % ADMIN)
    s.db("UPDATE users SET mobile = NULL, mobile_verified_at = NULL WHERE email = '%s'" % ADMIN)
    try:
        c, r = s.login_password(ADMIN)
        assert r.status == 403 and "mobiel nummer" in r.text, r
        assert session_cookie(c) is None
    finally:
        s.db("UPDATE users SET mobile = '%s', mobile_verified_at = UNIX_TIMESTAMP() WHERE email = '%s'"
             % (saved, ADMIN))


def test_unconfirmed_number_is_confirmed_by_the_first_right_code(s):
    """AUTH-10: a number set by an admin gets the code; the right code confirms exactly that number."""
    s.db("UPDATE users SET mobile_verified_at = NULL WHERE email = '%s'" % ADMIN)
    try:
        c, r = s.login_password(ADMIN)
        assert r.status == 303 and r.location.startswith("/verify_sms"), r
        r = c.post("/verify_sms", {"code": "000000" if s.last_code(ADMIN) != "000000" else "111111"},
                   csrf_from="/verify_sms")
        assert r.status == 401, r
        assert s.db1("SELECT mobile_verified_at IS NULL FROM users WHERE email = '%s'" % ADMIN) == "1"
        r = c.post("/verify_sms", {"code": s.last_code(ADMIN)}, csrf_from="/verify_sms")
        assert r.status == 303 and r.location == "/home", r
        assert s.db1("SELECT mobile_verified_at IS NOT NULL FROM users WHERE email = '%s'" % ADMIN) == "1"
        assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'mobile_confirmed' AND user_id = 3") != "0"
    finally:
        s.db("UPDATE users SET mobile_verified_at = UNIX_TIMESTAMP() WHERE email = '%s'" % ADMIN)


def test_malformed_email_gets_a_clear_message(s):
    c, r = s.login_password("not-an-address", "whatever password")
    assert r.status == 422 and "Vul een geldig e-mailadres in." in r.text, r


def _subject(s, label, text):
    return s.throttle_subject(label, text)


def test_hundred_failures_need_an_unlock_or_reset(s):
    subj = _subject(s, "th-pw-acct", ADMIN)
    s.db("INSERT INTO auth_throttle (scope, subject, failures, window_start, blocked_until)"
         " VALUES (0, UNHEX('%s'), 99, 0, 0)" % subj)
    _, r = s.login_password(ADMIN, "wrong password 100")
    assert r.status == 401, r
    s.advance(2 * 86400)
    _, r = s.login_password(ADMIN)
    assert r.status == 429 and int(r.header("Retry-After")) == 86400, "locked after 100 failures: %r" % r


def test_per_address_limit_on_top(s):
    subj = _subject(s, "th-pw-addr", "127.0.0.1")
    s.db("INSERT INTO auth_throttle (scope, subject, failures, window_start, blocked_until)"
         " VALUES (1, UNHEX('%s'), 99, UNIX_TIMESTAMP(), 0)" % subj)
    _, r = s.login_password("someone.else@nowhere.example", "wrong password 1")
    assert r.status == 401, r
    _, r = s.login_password(ADMIN)
    assert r.status == 429, "the 100th failure from one address blocks it for every account: %r" % r
    s.advance(15 * 60 + 1)
    _, r = s.login_password(ADMIN)
    assert r.status == 303, "until the window ends: %r" % r
