"""test_totp.py: the authenticator app (RFC 6238; AUTH-08, AUTH-12, CRY-03): enrolment needs a recent login and
a right code; the secret is stored sealed (the column is not the secret); login with a code from the app instead
of an SMS; a code works once (replay); 5 wrong codes per 5 minutes; falling back to an SMS; removal; notices."""
import base64
import hashlib
import hmac
import os
import re
import struct
import time

FLEUR = "fleur@dehaan-assurantien.example"   # id 4


def totp(secret_b32, offset=0, step_shift=0):
    key = base64.b32decode(secret_b32.replace(" ", "") + "=" * (-len(secret_b32.replace(" ", "")) % 8))
    step = int(time.time() + offset) // 30 + step_shift
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def enrol(s, c):
    page = c.get("/account/totp")
    r = c.post("/account/totp/start", {"csrf": page.csrf()})
    assert r.status == 303 and r.location == "/account/totp?m=started", r
    page = c.get("/account/totp")
    secret = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    return page, secret


def test_enrolment_needs_a_right_code_and_seals_the_secret(s):
    c = s.login(FLEUR)
    mails = s.mail_count(FLEUR)
    page, secret = enrol(s, c)
    qr = c.get("/account/totp/qr")
    assert qr.status == 200 and qr.header("Content-Type") == "image/svg+xml" and b"<svg" in qr.body
    # not active before a right code
    assert s.db1("SELECT CONCAT(totp_secret IS NULL, second_factor) FROM users WHERE id = 4") == "1sms"
    r = c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": "000000" if totp(secret) != "000000" else "111111"})
    assert r.status == 401 and "klopt niet" in r.text
    r = c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)})
    assert r.status == 303, r
    assert s.db1("SELECT CONCAT(totp_secret IS NOT NULL, totp_pending IS NULL, second_factor) FROM users WHERE id = 4") == "11totp"
    clean = secret.replace(" ", "")
    raw = base64.b32decode(clean + "=" * (-len(clean) % 8))
    stored = bytes.fromhex(s.db1("SELECT HEX(totp_secret) FROM users WHERE id = 4"))
    assert raw not in stored and len(stored) == 12 + 20 + 16          # sealed: nonce, ciphertext, tag
    assert s.mail_count(FLEUR) == mails + 1                           # notice of the factor change (LOG-03)
    assert c.get("/account/totp/qr").status == 404                    # no enrolment pending any more
    events = [e for (e,) in s.db("SELECT event FROM audit_log WHERE user_id = 4 ORDER BY id DESC LIMIT 4")]
    assert "totp_enabled" in events


def test_login_with_the_app_once_per_code(s):
    c = s.login(FLEUR)
    page, secret = enrol(s, c)
    assert c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)}).status == 303
    sms = s.sms_count(FLEUR)
    s.advance(31)                                   # the next step: the enrolment's code is spent
    c1, r = s.login_password(FLEUR)
    assert r.status == 303 and r.location == "/verify_sms/app", r
    assert s.sms_count(FLEUR) == sms                # no SMS sent
    code = totp(secret, offset=31)
    r = c1.post("/verify_sms/app", {"code": code}, csrf_from="/verify_sms/app")
    assert r.status == 303 and r.location == "/home", r
    assert c1.get("/home").status == 200
    # the same code again, in another login: refused (replay)
    c2, r = s.login_password(FLEUR)
    r = c2.post("/verify_sms/app", {"code": code}, csrf_from="/verify_sms/app")
    assert r.status == 401 and c2.get("/home").status == 303
    # the SMS is still there as a fallback
    r = c2.post("/verify_sms/resend", {}, csrf_from="/verify_sms/app")
    assert r.status == 303 and s.sms_count(FLEUR) == sms + 1
    r = c2.post("/verify_sms", {"code": s.last_code(FLEUR)}, csrf_from="/verify_sms")
    assert r.status == 303 and r.location == "/home"


def test_five_wrong_codes_then_429(s):
    c = s.login(FLEUR)
    page, secret = enrol(s, c)
    assert c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)}).status == 303
    c1, r = s.login_password(FLEUR)
    good = {totp(secret, step_shift=k) for k in (-1, 0, 1)}
    wrong = next(x for x in ("123456", "654321", "111111", "222222") if x not in good)
    csrf = c1.get("/verify_sms/app").csrf()
    statuses = [c1.post("/verify_sms/app", {"csrf": csrf, "code": wrong}).status for _ in range(6)]
    assert statuses == [401] * 5 + [429], statuses
    r = c1.post("/verify_sms/app", {"csrf": csrf, "code": totp(secret)})
    assert r.status == 429 and r.header("Retry-After")   # even the right code waits
    s.advance(301)
    r = c1.post("/verify_sms/app", {"csrf": csrf, "code": totp(secret, offset=301)})
    assert r.status == 303, r


def test_start_and_remove_need_a_recent_login(s):
    c = s.login(FLEUR)
    page, secret = enrol(s, c)
    assert c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)}).status == 303
    s.advance(16 * 60)
    r = c.post("/account/totp/remove", {"csrf": page.csrf()})
    assert r.status == 303 and r.location.startswith("/account/reauth"), r
    r = c.post("/account/totp/start", {"csrf": page.csrf()})
    assert r.status == 303 and r.location.startswith("/account/reauth"), r
    r = c.post("/account/reauth", {"password": s.password(FLEUR), "next": "/account/totp"}, csrf_from="/account/reauth")
    assert r.status == 303
    r = c.post("/account/totp/remove", {"csrf": page.csrf()})
    assert r.status == 303
    assert s.db1("SELECT CONCAT(totp_secret IS NULL, second_factor) FROM users WHERE id = 4") == "1sms"
    c1, r = s.login_password(FLEUR)
    assert r.location == "/verify_sms"
    # the app cannot be preferred without one
    assert c.post("/account/totp/prefer", {"csrf": page.csrf(), "method": "totp"}).status == 409


AHMED = "ahmed.elamrani@poortwachter.example"   # vendor support (id 2)
PIETER = "pieter@dehaan-assurantien.example"    # Fleur's admin


def test_vendor_staff_must_use_the_app(s):
    """AUTH-08: after an SMS login, vendor staff can only enrol an app; from then on the app, no SMS, no removal."""
    c, r = s.login_password(AHMED)          # by hand: the test helper would enrol the app itself
    r = c.post("/verify_sms", {"code": s.last_code(AHMED)}, csrf_from="/verify_sms")
    assert r.status == 303 and r.location == "/home"
    r = c.get("/incidents/queue")
    assert r.status == 303 and r.location == "/account/totp?m=required", r
    assert c.post("/incidents/1/take", {}, csrf_from="/account/totp").status == 403
    page, secret = enrol(s, c)
    shown = c.get("/account/totp?m=required").text
    assert "leverancier" in shown and 'class="warning" role="alert" id="app-required"' in shown, "an action asked: a warning"
    assert c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)}).status == 303
    assert c.get("/incidents/queue").status == 200
    assert c.post("/account/totp/remove", {"csrf": page.csrf()}).status == 403
    s.advance(31)
    c2, r = s.login_password(AHMED)
    assert r.location == "/verify_sms/app"
    assert c2.post("/verify_sms/resend", {}, csrf_from="/verify_sms/app").status == 403
    r = c2.post("/verify_sms/app", {"code": totp(secret, offset=31)}, csrf_from="/verify_sms/app")
    assert r.status == 303 and r.location == "/home"


def test_admin_resets_a_colleagues_app(s):
    f = s.login(FLEUR)
    page, secret = enrol(s, f)
    assert f.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)}).status == 303
    a = s.login(PIETER)
    view = a.get("/users/4")
    assert 'id="totp-reset"' in view.text
    mails = s.mail_count(FLEUR)
    r = a.post("/users/4/totp", {"csrf": view.csrf()})
    assert r.status == 303, r
    assert f.get("/home").status == 303                       # her sessions ended
    assert s.db1("SELECT totp_secret IS NULL FROM users WHERE id = 4") == "1"
    assert s.mail_count(FLEUR) == mails + 1
    c, r = s.login_password(FLEUR)
    assert r.location == "/verify_sms"                         # back to the SMS code, then a new app
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE user_id = 4 AND event = 'totp_reset'") != "0"
    # another organisation's admin cannot
    m = s.login("marieke@bakkerij-vandenberg.example")
    assert m.post("/users/4/totp", {}, csrf_from="/users").status == 404


def test_create_vendor_admin(s):
    """AUTH-13: no default account; portalctl create-vendor-admin invites the first vendor administrator, who
    sets a password, confirms the number by SMS and is then made to enrol an authenticator app (AUTH-08)."""
    import subprocess
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
               if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
    email = "nieuwe.beheerder@poortwachter.example"
    out = subprocess.run([ctl, "create-vendor-admin", email, "0612340000", "Nina", "Nieuw"], env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    token = re.search(r"/password/invite\?t=([A-Za-z0-9_-]{43})", out.stdout).group(1)
    again = subprocess.run([ctl, "create-vendor-admin", email, "0612340000", "Nina", "Nieuw"], env=env,
                           capture_output=True, text=True)
    assert again.returncode != 0 and "already has an account" in again.stderr
    bad = subprocess.run([ctl, "create-vendor-admin", "geen-adres", "0612340000", "Nina", "Nieuw"], env=env,
                         capture_output=True, text=True)
    assert bad.returncode != 0
    pw = "Kanaalbrug-Vuurtoren-2026!"
    n = s.client()
    r = n.get("/password/invite?t=" + token)
    r = n.post("/password/invite", {"csrf": r.csrf(), "t": token, "password": pw, "password2": pw})
    assert r.status == 303 and r.location == "/verify_sms", r
    r = n.post("/verify_sms", {"code": s.last_code(email)}, csrf_from="/verify_sms")
    assert r.status == 303 and r.location == "/home"
    r = n.get("/home")
    assert r.status == 303 and r.location == "/account/totp?m=required"
    roles = s.db1("SELECT GROUP_CONCAT(r.rkey ORDER BY r.rkey) FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
                  " JOIN users u ON u.id = ur.user_id WHERE u.email = '%s'" % email)
    assert roles == "vendor_admin,vendor_support"


def test_organisation_requires_the_app_of_its_admins(s):
    """AUTH-08: an organisation's policy; its admins enrol an app at their next click and then use only the app;
    colleagues who are not admins are not affected."""
    a = s.login(PIETER)
    page = a.get("/org")
    assert 'id="admins-need-app"' in page.text
    f = s.login(FLEUR)
    r = a.post("/org/policy", {"csrf": page.csrf(), "admins_need_app": "1"})
    assert r.status == 303 and r.location == "/org?m=policy", r
    assert s.db1("SELECT admins_need_app FROM organisations WHERE id = 2") == "1"
    r = a.get("/users")
    assert r.status == 303 and r.location == "/account/totp?m=required"
    assert f.get("/home").status == 200                      # Fleur is no admin
    page, secret = enrol(s, a)
    assert a.post("/account/totp/confirm", {"csrf": page.csrf(), "code": totp(secret)}).status == 303
    assert a.get("/users").status == 200
    assert a.post("/account/totp/remove", {"csrf": page.csrf()}).status == 403
    s.advance(31)
    c, r = s.login_password(PIETER)
    assert r.location == "/verify_sms/app"                   # the app, whatever his preference
    assert c.post("/verify_sms/resend", {}, csrf_from="/verify_sms/app").status == 403
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE org_id = 2 AND event = 'org_app_policy'") != "0"
    # the policy needs org.manage
    assert f.post("/org/policy", {}, csrf_from="/home").status == 403
