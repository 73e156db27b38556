"""test_sms.py: the SMS second factor (AUTH-05, -06, -07) and the outbox sender."""
import os
import re
import subprocess

from portaltest import session_cookie

ADMIN = "pieter@dehaan-assurantien.example"
MARIEKE = "marieke@bakkerij-vandenberg.example"


def _pending(s, client=None):
    c, r = s.login_password(ADMIN, client=client)
    assert r.status == 303, r
    return c


def _code(c, code):
    return c.post("/verify_sms", {"code": code}, csrf_from="/verify_sms")


def test_code_is_six_digits_stored_only_as_hmac(s):
    _pending(s)
    code = s.last_code(ADMIN)
    assert code and len(code) == 6 and code.isdigit()
    stored = s.db("SELECT HEX(code_mac), expires_at - created_at FROM sms_challenges")
    assert len(stored) == 1 and code not in stored[0][0] and stored[0][1] == "300", stored


def test_wrong_code_five_times_voids_it(s):
    c = _pending(s)
    code = s.last_code(ADMIN)
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    for i in range(4):
        r = _code(c, wrong)
        assert r.status == 401 and "Deze code klopt niet" in r.text, r
    r = _code(c, wrong)
    assert r.status == 401 and "ongeldig gemaakt" in r.text, "5th wrong entry voids: %r" % r
    r = _code(c, code)
    assert r.status == 401 and "Er is geen geldige code meer" in r.text, "the right code no longer works"
    assert s.db1("SELECT stage FROM sessions") == "pending"


def test_expired_code_refused(s):
    c = _pending(s)
    code = s.last_code(ADMIN)
    s.advance(301)
    r = _code(c, code)
    assert r.status == 401 and "verlopen" in r.text, r
    assert s.db1("SELECT stage FROM sessions") == "pending"


def test_resend_voids_the_old_code_and_is_capped(s):
    c = _pending(s)
    old = s.last_code(ADMIN)
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 303 and r.location == "/verify_sms?m=resent", r
    new = s.last_code(ADMIN)
    if old != new:
        r = _code(c, old)
        assert r.status == 401, "the previous code is void after a resend"
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 303, "third SMS in 15 minutes is allowed"
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 429 and r.header("Retry-After"), "fourth SMS in 15 minutes refused: %r" % r
    assert 800 < int(r.header("Retry-After")) <= 900 and "15 minuten" in r.text, "the wait, stated: %s" % r.text
    assert "Een eerder verstuurde code blijft 5 minuten geldig" in r.text
    assert s.sms_count(ADMIN) == 3
    r = _code(c, s.last_code(ADMIN))
    assert r.status == 303 and r.location == "/home", "the latest code still works: %r" % r


def test_an_office_of_two_hundred_behind_one_address_logs_in(s):
    """AUTH-07: the per-address limit is a brake, not a wall: 200 colleagues behind one router (every test
    request comes from 127.0.0.1) each get their code and log in within the hour."""
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at, password_hash,"
             " mobile, mobile_verified_at, lang)"
             " SELECT 3, CONCAT('kantoor', seq, '@bakkerij-vandenberg.example'), 'Kantoor', CONCAT('Collega ', seq),"
             " 'active', 1, (SELECT password_hash FROM users WHERE email = '%s'), CONCAT('+316200', LPAD(seq, 5, '0')),"
             " 1, 'nl' FROM seq_1_to_200" % MARIEKE)
        for i in range(1, 201):
            email = "kantoor%d@bakkerij-vandenberg.example" % i
            c, r = s.login_password(email, s.password(MARIEKE))
            assert r.status == 303 and r.location == "/verify_sms", "colleague %d: %r" % (i, r)
            r = _code(c, s.last_code(email))
            assert r.status == 303 and r.location == "/home", "colleague %d: %r" % (i, r)
            c.close()
        assert s.db1("SELECT COUNT(*) FROM sms_outbox WHERE client_addr = '127.0.0.1'") == "200"
    finally:
        s.db("DELETE FROM sessions WHERE user_id > 22; DELETE FROM sms_challenges WHERE user_id > 22;"
             " DELETE FROM sms_outbox WHERE user_id > 22; DELETE FROM users WHERE id > 22")


def test_past_the_allowance_an_address_waits_a_growing_gap_that_the_page_states(s):
    """Past the free codes an hour from one address, each further code waits a gap that grows (1 s, ...,
    2 minutes); the page says how long, and does not claim a code was sent."""
    def flood(n):
        s.db("INSERT INTO sms_outbox (user_id, phone, body, client_addr, created_at, sent_at)"
             " SELECT NULL, '+31600000000', 'x', '127.0.0.1', UNIX_TIMESTAMP() + %d, UNIX_TIMESTAMP() + %d"
             " FROM seq_1_to_%d" % (s.offset(), s.offset(), n))
    flood(300)
    c, r = s.login_password(ADMIN)
    assert r.status == 303 and r.location == "/verify_sms?m=wait", "the 301st code from one address: %r" % r
    assert s.sms_count(ADMIN) == 0
    r = c.get(r.location)
    assert "Er is geen sms-code verstuurd" in r.text and re.search(r"over \d+ seconden? een code", r.text) \
        or "Vraag er nu een aan" in r.text, r.text   # the wait is a second: it may be over by now
    assert "We hebben een code" not in r.text
    assert "Stuur mij een code" in r.text
    s.advance(2)
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 303, "after the gap the code goes out: %r" % r
    assert s.sms_count(ADMIN) == 1
    r = c.get(r.location)
    assert "We hebben een code" in r.text
    flood(80)   # far past the allowance: the gap is at its longest
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 429 and 118 <= int(r.header("Retry-After")) <= 120, r
    assert "2 minuten" in r.text and "Er is geen nieuwe code verstuurd" in r.text, r.text
    s.advance(121)
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 303 and s.sms_count(ADMIN) == 2, r
    r = _code(c, s.last_code(ADMIN))
    assert r.status == 303 and r.location == "/home", "the latest code works: %r" % r


def test_ten_sms_per_day(s):
    for _ in range(4):
        for _ in range(3):
            _, r = s.login_password(ADMIN)
            assert r.status == 303, r
        s.advance(16 * 60)
    assert s.sms_count(ADMIN) == 10, "at most 10 SMS per day: %d" % s.sms_count(ADMIN)
    c, r = s.login_password(ADMIN)
    assert r.status == 303 and r.location == "/verify_sms?m=wait", r
    r = c.get(r.location)
    assert "te veel codes" in r.text and "We hebben een code" not in r.text, "the page says why no code came"
    assert " uur " in r.text, "and how long to wait: %s" % r.text
    r = c.post("/verify_sms/resend", {}, csrf_from="/verify_sms")
    assert r.status == 429 and int(r.header("Retry-After")) > 15 * 60, r


def test_code_bound_to_its_session(s):
    a = _pending(s)
    code_a = s.last_code(ADMIN)
    b = _pending(s, client=s.client())
    r = _code(b, code_a)
    assert r.status == 401, "session B refuses the code of session A: %r" % r
    r = _code(a, code_a)
    assert r.status == 303 and r.location == "/home", "session A accepts its own code: %r" % r


def test_twenty_failures_per_account_across_sessions_then_429(s):
    failures = 0
    while failures < 20:
        s.db("DELETE FROM sms_outbox")   # this test is about the code counter, not the SMS cap
        c = _pending(s, client=s.client())
        code = s.last_code(ADMIN)
        wrong = "%06d" % ((int(code) + 7) % 1000000)
        for _ in range(5):
            r = _code(c, wrong)
            assert r.status == 401, "failure %d: %r" % (failures + 1, r)
            failures += 1
    s.db("DELETE FROM sms_outbox")
    c = _pending(s, client=s.client())
    r = _code(c, s.last_code(ADMIN))
    assert r.status == 429 and r.header("Retry-After"), "21st attempt, even with the right code: %r" % r
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = '2fa_throttled'") != "0"
    s.advance(15 * 60 + 1)
    s.db("DELETE FROM sms_outbox")
    c = _pending(s, client=s.client())
    r = _code(c, s.last_code(ADMIN))
    assert r.status == 303, "after the window the right code works: %r" % r


def test_sender_drains_the_outbox_with_the_file_driver(s):
    _pending(s)
    code = s.last_code(ADMIN)
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    ctl = os.path.join(s.root, os.environ.get("BUILD", "build/rel"), "cgi-bin", "portalctl")
    p = subprocess.run([ctl, "sms-send"], env=env, capture_output=True, text=True)
    assert p.returncode == 0 and "1 sent" in p.stdout, p.stdout + p.stderr
    with open(os.path.join(s.var, "log", "sms.log"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert any("+31610000003" in l and code in l for l in lines), "the code reached sms.log"
    assert s.db1("SELECT COUNT(*) FROM sms_outbox WHERE sent_at IS NULL") == "0"
    p = subprocess.run([ctl, "sms-send"], env=env, capture_output=True, text=True)
    assert "0 sent" in p.stdout, "nothing is sent twice"


def test_sender_command_driver(s):
    """Production gateways: a program gets the number as its argument and the text on stdin; exit 0 = sent."""
    _pending(s)
    code = s.last_code(ADMIN)
    d = os.path.join(s.var, "gw")
    os.makedirs(d, exist_ok=True)
    script, out = os.path.join(d, "gateway.sh"), os.path.join(d, "gateway.out")
    with open(script, "w") as f:
        f.write('#!/bin/sh\nif [ -e "%s.fail" ]; then exit 3; fi\nprintf "to=%%s text=" "$1" >> "%s"\ncat >> "%s"\necho >> "%s"\n'
                % (out, out, out, out))
    os.chmod(script, 0o755)
    conf = os.path.join(d, "portal.conf")
    with open(os.path.join(s.var, "conf", "portal.conf")) as f:
        text = f.read().replace("driver = file", "driver = command\ncommand = %s" % script)
    with open(conf, "w") as f:
        f.write(text)
    env = dict(os.environ, PORTAL_CONFIG=conf)
    ctl = os.path.join(s.root, os.environ.get("BUILD", "build/rel"), "cgi-bin", "portalctl")
    open(out + ".fail", "w").close()
    p = subprocess.run([ctl, "sms-send"], env=env, capture_output=True, text=True)
    assert "0 sent" in p.stdout, p.stdout + p.stderr
    assert "status 3" in (s.db1("SELECT last_error FROM sms_outbox") or ""), "the failure is recorded"
    assert s.db1("SELECT COUNT(*) FROM sms_outbox WHERE sent_at IS NULL") == "1", "and the SMS is kept for a retry"
    os.unlink(out + ".fail")
    s.db("UPDATE sms_outbox SET claimed_at = claimed_at - 121")   # the retry comes after two minutes
    p = subprocess.run([ctl, "sms-send"], env=env, capture_output=True, text=True)
    assert "1 sent" in p.stdout, p.stdout + p.stderr
    got = open(out).read()
    assert got.startswith("to=+31610000003 text=") and code in got, got
