"""test_vendor_boundary.py: identity stays with the tenant, and nothing the vendor set up survives as a way in
(ACC-07). Under any grant the support desk creates, imports and invites no colleague, changes no address or
number, sends no reset or invitation link and resets no authenticator (403, nothing stored); under a write grant
it still changes roles (never an admin's), dossiers and the back office. When the first admin activates, every
link vendor staff sent in bootstrap dies. A changed address or number voids the links sent before; changing them,
or sending a reset link, needs a login of at most 5 minutes ago. The e-mail-change form and the new-colleague form
tell nobody whether an address has an account elsewhere. The reset form's limit is the configuration's."""
import os
import re

from portaltest import Client

from test_support import admin_with_app, enter, grant

INGRID = "ingrid@hetanker.example"            # org 5, Beheerder (id 17)
AHMED = "ahmed.elamrani@poortwachter.example" # vendor support (incidents.handle)
SANNE = "sanne.devries@poortwachter.example"  # vendor admin (orgs.manage: bootstrap)
WILLEM = "willem.kok@zeeuwse-onderlinge.example"
PIETER = "pieter@dehaan-assurantien.example"  # org 2, Beheerder (id 3)
FLEUR = "fleur@dehaan-assurantien.example"    # org 2 (id 4)
PW = "Lange zin met spaties en ß 2026"
IDENTITY = "Wie er kan inloggen, blijft de zaak van de klant"
EVIL = "support.prive@evil.example"


def who_can_log_in(s):
    return s.db("SELECT id, org_id, email, status, mobile, role_ids, password_hash IS NULL, totp_secret IS NULL FROM users"
                " ORDER BY id") + s.db("SELECT id, user_id, used_at FROM user_tokens ORDER BY id")


def test_under_a_write_grant_the_desk_never_touches_who_can_log_in(s):
    s.db("INSERT INTO org_role_sets (org_id, set_id, enabled_at) SELECT 5, id, 0 FROM role_sets WHERE skey = 'afas'")
    i = admin_with_app(s)
    g = grant(s, i, INGRID, "write", 2)
    a = s.login(AHMED)
    assert enter(a).status == 303
    before = who_can_log_in(s)
    csrf = a.get("/users").csrf()
    # a colleague with the desk's own address and number, one by CSV, an invitation, a reset link, a new app
    attempts = [
        ("/users/new", {"given_name": "Sup", "family_name": "Port", "email": EVIL, "mobile": "0612999999"}),
        ("/users/import", {"csv": "voornaam;achternaam;email\nSup;Port;%s\n" % EVIL, "confirm": "1"}),
        ("/users/18", {"given_name": "Bram", "family_name": "Willems", "email": EVIL, "mobile": "+32470000018"}),
        ("/users/18", {"given_name": "Bram", "family_name": "Willems", "email": "bram@hetanker.example",
                       "mobile": "+31612999999"}),
        ("/users/18/reset", {}), ("/users/18/totp", {}), ("/users/18/invite", {}),
    ]
    for path, fields in attempts:
        r = a.post(path, dict(fields, csrf=csrf))
        assert r.status == 403 and IDENTITY in r.text, (path, r)
    assert a.get("/users/new").status == 403 and a.get("/users/import").status == 403
    r = a.post("/users/bulk", [("csrf", csrf), ("id", "18"), ("action", "invite"), ("confirm", "1")])
    assert r.status == 403 and IDENTITY in r.text
    s.db("UPDATE users SET status = 'disabled' WHERE id = 22")
    assert a.post("/users/22/enable", {"csrf": csrf}).status == 403
    s.db("UPDATE users SET status = 'active' WHERE id = 22")
    assert who_can_log_in(s) == before
    assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr LIKE '%evil.example'") == "0"
    # what a write grant is for: a colleague's name, a role of the set (never an admin's), a dossier
    r = a.post("/users/18", {"csrf": csrf, "given_name": "Bram", "family_name": "Willems-Peeters",
                             "email": "bram@hetanker.example", "mobile": "+32470000018"})
    s.db("UPDATE users SET family_name = 'Willems' WHERE id = 18")
    assert r.status == 303, r
    page = a.get("/rights/users/18")
    r = a.post("/rights/users/18", [("csrf", page.csrf()), ("role", s.db1("SELECT id FROM roles WHERE rkey = 'medewerker'"))])
    assert r.status == 303, r
    r = a.post("/dossiers/1/settings", {"csrf": csrf, "name": "Brasserie Het Anker BV — boekhouding 2027", "responsible": "17"})
    assert r.status == 303, r
    assert s.db1("SELECT grant_id FROM audit_log WHERE org_id = 5 AND actor_id = 2 ORDER BY id DESC LIMIT 1") == str(g)
    # revoked: the next request sees nothing, and no login was ever made for the desk
    page = i.get("/support/grants/%d" % g)
    assert i.post("/support/grants/%d/revoke" % g, {"csrf": page.csrf()}).status == 303
    assert a.get("/users/18").status == 404
    c, r = s.login_password("bram@hetanker.example", password="geen idee welk wachtwoord")
    assert r.status == 401


def test_a_write_grant_reaches_the_back_office_of_a_customer_that_has_one(s):
    """Document 002: the data centre helps importing data after a conversion, with temporary access."""
    w = admin_with_app(s, WILLEM)
    g = grant(s, w, WILLEM, "read", 2)
    a = s.login(AHMED)
    assert enter(a, 4).status == 303
    assert a.get("/backoffice/relations").status == 200 and "J. de Wit" in a.get("/backoffice/relations").text
    r = a.post("/backoffice/relations", {"ref": "R-9", "title": "Geconverteerd"}, csrf_from="/backoffice/relations")
    assert r.status == 403 and "alleen leestoegang" in r.text
    grant(s, w, WILLEM, "write", 2)
    r = a.post("/backoffice/relations", {"ref": "R-9", "title": "Geconverteerd"}, csrf_from="/backoffice/relations")
    assert r.status == 303, r
    assert s.db1("SELECT COUNT(*) FROM bo_records WHERE org_id = 4 AND ref = 'R-9'") == "1"
    pid = s.db1("SELECT id FROM bo_records WHERE org_id = 4 AND module = 'products'")
    assert a.post("/backoffice/products/%s/approve" % pid, {}, csrf_from="/backoffice/products").status == 403
    assert s.db1("SELECT status FROM bo_records WHERE id = %s" % pid) == "draft"
    assert g


def test_bootstrap_links_die_when_the_first_admin_activates(s):
    """An invitation the vendor sent while a new customer had no admin worked after the customer's first admin
    activated: the invitee became an active admin. Now every link vendor staff sent there dies at that moment."""
    v = s.login(SANNE)
    page = v.get("/orgs/new")
    r = v.post("/orgs", [("csrf", page.csrf()), ("name", "Loodgieter Bootstrap"), ("size_class", "1"),
                         ("given_name", "Bea"), ("family_name", "Baas"), ("email", "bea@bootstrap.example"),
                         ("mobile", "0612000011"), ("set", s.db1("SELECT id FROM role_sets WHERE skey = 'afas'"))])
    assert r.status == 303, r
    org = re.search(r"/orgs/(\d+)", r.location).group(1)
    try:
        bea = s.mail_token("bea@bootstrap.example")
        # bootstrap: the vendor invites a second admin from the customer's page, and works in the customer as its
        # admin: it adds a colleague
        page = v.get("/orgs/%s" % org)
        assert v.post("/orgs/%s/admins" % org, {"csrf": page.csrf(), "given_name": "Kees", "family_name": "Baas",
                                                "email": "kees@bootstrap.example", "mobile": "0612000012"}).status == 303
        assert enter(v, int(org)).status == 303
        page = v.get("/users/new")
        assert page.status == 200
        fields = [("csrf", page.csrf()), ("given_name", "Lies"), ("family_name", "Y"), ("email", "lies@bootstrap.example"),
                  ("role", s.db1("SELECT id FROM roles WHERE rkey = 'medewerker'"))]
        assert v.post("/users/new", fields).status == 303
        kees, lies = s.mail_token("kees@bootstrap.example"), s.mail_token("lies@bootstrap.example")
        mark = s.db1("SELECT MAX(id) FROM audit_log")
        # Bea activates: she is the customer's first admin, the bootstrap ends
        n = s.client()
        r = n.get("/password/invite?t=" + bea)
        assert n.post("/password/invite", {"csrf": r.csrf(), "t": bea, "password": PW, "password2": PW}).status == 303
        for t in (kees, lies):
            assert s.client().get("/password/invite?t=" + t).status == 404
        detail = s.db1("SELECT detail FROM audit_log WHERE id > %s AND org_id = %s AND event = 'vendor_links_voided'" % (mark, org))
        assert detail and "made void: 2;" in detail, detail
        assert v.get("/users").status == 404                     # the vendor sees nothing there any more
        # Bea's page for Kees says why, and her own invitation to him works
        s.logins["bea@bootstrap.example"] = (PW, org, "")
        c = s.login("bea@bootstrap.example")
        kid = s.db1("SELECT id FROM users WHERE email = 'kees@bootstrap.example'")
        page = c.get("/users/%s" % kid)
        assert 'id="invite-void"' in page.text and "eigen beheerder" in page.text
        assert c.post("/users/%s/invite" % kid, {"csrf": page.csrf()}).status == 303
        k = s.client()
        t = s.mail_token("kees@bootstrap.example")
        r = k.get("/password/invite?t=" + t)
        assert r.status == 200
    finally:
        s.drop_org(org)


def add(s, c, email, **extra):
    page = c.get("/users/new")
    fields = {"csrf": page.csrf(), "given_name": extra.get("given_name", "Nieuwe"), "family_name": "Collega",
              "email": email, "mobile": extra.get("mobile", "0698765432")}
    return c.post("/users/new", fields)


def test_a_changed_address_or_number_voids_the_links_and_needs_a_fresh_login(s):
    c = s.login(PIETER)
    r = add(s, c, "nieuwe.colega@dehaan-assurantien.example")            # a typing error
    assert r.status == 303, r
    uid = re.search(r"/users/(\d+)", r.location).group(1)
    wrong = s.mail_token("nieuwe.colega@dehaan-assurantien.example")
    page = c.get("/users/%s" % uid)
    r = c.post("/users/%s" % uid, {"csrf": page.csrf(), "given_name": "Nieuwe", "family_name": "Collega",
                                   "email": "nieuwe.collega@dehaan-assurantien.example", "mobile": "+31698765432"})
    assert r.status == 303 and r.location.endswith("?m=invited"), r
    assert s.client().get("/password/invite?t=" + wrong).status == 404   # the mistyped address's link is dead
    right = s.mail_token("nieuwe.collega@dehaan-assurantien.example")
    assert right and s.client().get("/password/invite?t=" + right).status == 200
    # an active colleague: a reset link dies when the number changes
    assert c.post("/users/4/reset", {"csrf": page.csrf()}).status == 303
    reset = s.mail_token(FLEUR)
    r = c.post("/users/4", {"csrf": page.csrf(), "given_name": "Fleur", "family_name": "Jansen", "email": FLEUR,
                            "mobile": "+31611223344"})
    assert r.status == 303, r
    assert s.client().get("/password/reset?t=" + reset).status == 404
    assert "earlier links void" in s.db1("SELECT detail FROM audit_log WHERE event = 'user_changed' AND user_id = 4"
                                         " ORDER BY id DESC LIMIT 1")
    # a login older than 5 minutes: log in again first; a name still changes without
    s.advance(6 * 60)
    page = c.get("/users/4")
    before = s.db1("SELECT CONCAT(email, mobile) FROM users WHERE id = 4")
    r = c.post("/users/4", {"csrf": page.csrf(), "given_name": "Fleur", "family_name": "Jansen", "email": FLEUR,
                            "mobile": "+31611220000"})
    assert r.status == 403 and 'id="reauth-link"' in r.text and 'value="+31611220000"' in r.text, r
    assert s.db1("SELECT CONCAT(email, mobile) FROM users WHERE id = 4") == before
    r = c.post("/users/4/reset", {"csrf": page.csrf()})
    assert r.status == 303 and r.location == "/account/reauth?next=/users/4", r
    try:
        r = c.post("/users/4", {"csrf": page.csrf(), "given_name": "Fleurtje", "family_name": "Jansen", "email": FLEUR,
                                "mobile": "+31611223344"})
        assert r.status == 303, r
    finally:
        s.db("UPDATE users SET given_name = 'Fleur', mobile = '+31610000004' WHERE id = 4")


def test_no_form_tells_whether_an_address_has_an_account_elsewhere(s):
    # Mijn account: the same answer for an address with an account and one without
    f = s.login(FLEUR)
    answers = []
    for email in (INGRID, "vrij.adres@dehaan-assurantien.example"):
        r = f.post("/account/email/change", {"email": email, "password": s.password(FLEUR)}, csrf_from="/account")
        page = f.get(r.location)
        answers.append((r.status, r.location, re.sub(r'value="[^"]+"', "", page.text.split('<main')[1])))
    assert answers[0] == answers[1], answers
    assert s.mail_token(INGRID) is None and "al een account" in s.db1(
        "SELECT body FROM mail_outbox WHERE to_addr = '%s' ORDER BY id DESC LIMIT 1" % INGRID)
    assert s.mail_token("vrij.adres@dehaan-assurantien.example")
    # a new colleague with an address of another organisation: added as any, the invitation tells its owner
    c = s.login(PIETER)
    r = add(s, c, INGRID)
    assert r.status == 303 and r.location.endswith("?m=added"), r
    page = c.get(r.location)
    assert "al in gebruik" not in page.text and "Het Anker" not in page.text
    body = s.db1("SELECT body FROM mail_outbox WHERE to_addr = '%s' ORDER BY id DESC LIMIT 1" % INGRID)
    assert "al een account" in body and "/password/invite" not in body
    assert s.db1("SELECT status FROM users WHERE id = 17") == "active"
    s.login(INGRID)                                                      # her own account is untouched
    # inside one's own organisation the colleague may be named
    r = add(s, c, FLEUR)
    assert r.status == 409 and "Fleur Jansen" in r.text


def test_reset_requests_follow_the_configured_limit(s):
    """/password/forgot counts per client address with throttle.reset_address_limit and _window (it applied the
    authenticator's 5 per 5 minutes instead)."""
    conf = open(os.path.join(s.var, "conf", "portal.conf")).read()
    m = re.search(r"^reset_address_limit\s*=\s*(\d+)", conf, re.M)
    limit = int(m.group(1)) if m else 20
    a = Client(s.base, source="127.0.0.77")
    page = a.get("/password/forgot")
    codes = [a.post("/password/forgot", {"csrf": page.csrf(), "email": "niemand%d@example.org" % k}).status
             for k in range(limit + 1)]
    assert codes == [200] * limit + [429], codes
