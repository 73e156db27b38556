"""test_users.py: Gebruikersbeheer (issue 3): the invitation journey, bad input, tenant isolation, mass
assignment, the last-admin guard, disable/enable/remove, the overview's filters and keyset pages, the
holiday checklist, re-authentication for granting roles, forgot/reset password."""
import re

from portaltest import session_cookie, walk_pages

ADMIN = "pieter@dehaan-assurantien.example"        # org 2, Beheerder, the only admin there
FLEUR = "fleur@dehaan-assurantien.example"         # org 2, Medewerker + Klantbeeld (id 4)
MARIEKE = "marieke@bakkerij-vandenberg.example"    # org 3, the only admin (id 8)
WILLEM = "willem.kok@zeeuwse-onderlinge.example"   # org 4, admin (id 13)
NEW = "nieuwe.collega@dehaan-assurantien.example"
GOOD_PW = "Lange zin met spaties en ß 2026"


def role_id(s, key):
    return s.db1("SELECT id FROM roles WHERE rkey = '%s'" % key)


def add_form(c):
    r = c.get("/users/new")
    assert r.status == 200, r
    return r


def add(s, c, email=NEW, roles=("medewerker", "klantbeeld"), **extra):
    r = add_form(c)
    fields = [("csrf", r.csrf()), ("given_name", extra.get("given_name", "Nieuwe")),
              ("name_prefix", extra.get("name_prefix", "van")), ("family_name", extra.get("family_name", "Collega")),
              ("email", email), ("mobile", extra.get("mobile", "06 9876 5432"))]
    fields += [("role", role_id(s, k)) for k in roles]
    fields += extra.get("more", [])
    return c.post("/users/new", fields)


def state(s):
    """What a refused request must leave unchanged."""
    return (s.db("SELECT id, email, given_name, family_name, mobile, mobile_verified_at, status, role_ids"
                 " FROM users ORDER BY id"), s.mail_count(), s.db1("SELECT COUNT(*) FROM user_tokens"))


def test_invitation_journey(s):
    c = s.login(ADMIN)
    r = add(s, c)
    assert r.status == 303 and re.match(r"^/users/\d+\?m=added$", r.location), r
    uid = r.location.split("/")[2].split("?")[0]
    assert s.db1("SELECT status FROM users WHERE id = %s" % uid) == "invited"
    assert s.db1("SELECT password_hash IS NULL FROM users WHERE id = %s" % uid) == "1"
    assert s.db1("SELECT mobile FROM users WHERE id = %s" % uid) == "+31698765432"
    token = s.mail_token(NEW)
    assert token, "no invitation in the mail outbox"
    subject = s.db1("SELECT subject FROM mail_outbox WHERE to_addr = '%s'" % NEW)
    assert "Assurantiekantoor De Haan" in subject
    assert s.db1("SELECT expires_at - created_at FROM user_tokens WHERE user_id = %s" % uid) == str(72 * 3600)
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'user_added' AND user_id = %s AND actor_id = 3"
                 % uid) == "1"

    n = s.client()
    r = n.get("/password/invite?t=" + token)
    assert r.status == 200 and "Nieuwe" in r.text and NEW in r.text, r
    r = n.post("/password/invite", {"csrf": r.csrf(), "t": token, "password": GOOD_PW, "password2": GOOD_PW})
    assert r.status == 303 and r.location == "/verify_sms", (r, r.text[:500])
    assert s.db1("SELECT status FROM users WHERE id = %s" % uid) == "active"
    r = n.post("/verify_sms", {"code": s.last_code(NEW)}, csrf_from="/verify_sms")
    assert r.status == 303 and r.location == "/home", r
    assert s.db1("SELECT mobile_verified_at IS NOT NULL FROM users WHERE id = %s" % uid) == "1"
    # then a normal login, and the roles on Mijn portaal
    n.post("/logout", {}, csrf_from="/home")
    s.logins[NEW] = (GOOD_PW, "", "")
    m = s.login(NEW)
    r = m.get("/account")
    assert r.status == 200 and "Medewerker" in r.text and "Klantbeeld" in r.text, r
    # the link worked once
    r = s.client().get("/password/invite?t=" + token)
    assert r.status == 404 and "ongeldig" in r.text, r


def test_invitation_expires_after_72_hours(s):
    c = s.login(ADMIN)
    assert add(s, c).status == 303
    token = s.mail_token(NEW)
    s.advance(72 * 3600 + 1)
    n = s.client()
    r = n.get("/password/invite?t=" + token)
    assert r.status == 404, r
    r = n.post("/password/invite", {"t": token, "password": GOOD_PW, "password2": GOOD_PW},
               csrf_from="/password/forgot")
    assert r.status == 404, r
    assert s.db1("SELECT status FROM users WHERE email = '%s'" % NEW) == "invited"


def test_resent_invitation_voids_the_first_link(s):
    c = s.login(ADMIN)
    r = add(s, c)
    uid = r.location.split("/")[2].split("?")[0]
    first = s.mail_token(NEW)
    r = c.post("/users/%s/invite" % uid, {}, csrf_from="/users/" + uid)
    assert r.status == 303 and r.location.endswith("m=invited"), r
    second = s.mail_token(NEW)
    assert second and second != first
    assert s.client().get("/password/invite?t=" + first).status == 404
    assert s.client().get("/password/invite?t=" + second).status == 200


def test_invitation_password_rules(s):
    c = s.login(ADMIN)
    assert add(s, c).status == 303
    token = s.mail_token(NEW)
    n = s.client()
    page = n.get("/password/invite?t=" + token)
    for pw, text in (("kort", "minstens 12"), ("Welkom123456!", "veelgebruikte"),
                     ("passwordpassword", "veelgebruikte"), ("nieuwe.collega is mijn naam", "e-mailadres"),
                     ("Assurantiekantoor 2026!", "organisatie"), ("x" * 129, "hoogstens 128")):
        r = n.post("/password/invite", {"csrf": page.csrf(), "t": token, "password": pw, "password2": pw})
        assert r.status == 422 and text in r.text, (pw, r)
    r = n.post("/password/invite", {"csrf": page.csrf(), "t": token, "password": GOOD_PW, "password2": GOOD_PW + "x"})
    assert r.status == 422 and "niet gelijk" in r.text, r
    assert s.db1("SELECT status FROM users WHERE email = '%s'" % NEW) == "invited"
    assert s.db1("SELECT used_at IS NULL FROM user_tokens t JOIN users u ON u.id = t.user_id"
                 " WHERE u.email = '%s'" % NEW) == "1"
    # 64 characters of any script are fine
    pw = "ねこ" * 20 + "België O'Hara <b> 64 tekens!!"[:24]
    r = n.post("/password/invite", {"csrf": page.csrf(), "t": token, "password": pw, "password2": pw})
    assert r.status == 303, (r, r.text[:300])


def test_bad_input_changes_nothing(s):
    c = s.login(ADMIN)
    before = state(s)
    cases = [
        ({"email": "geen-adres"}, 422, "geldig e-mailadres"),
        ({"email": FLEUR}, 409, "hoort al bij Fleur Jansen in uw organisatie"),
        ({"email": FLEUR.upper()}, 409, "hoort al bij Fleur Jansen"),
        ({"mobile": "12345"}, 422, "geldig mobiel nummer"),
        ({"mobile": "+31 20 1234567"}, 422, "geldig mobiel nummer"),
        ({"given_name": "a" * 300}, 422, "te lang"),
        ({"family_name": ""}, 422, "verplicht"),
    ]
    for over, status, text in cases:
        email = over.pop("email", "ander.adres@dehaan-assurantien.example")
        r = add(s, c, email=email, **over)
        assert r.status == status and text in r.text, (over, r)
    assert state(s) == before


def test_roles_outside_the_organisations_set_are_refused(s):
    """ACC-04: Grootboek kijken is a back-office role, not one of an AIP intermediary's (its set); a vendor role
    is nobody's in a customer. The admin role itself is the tenant admin's to give."""
    c = s.login(ADMIN)
    before = state(s)
    r = add(s, c, roles=("medewerker", "ledger_view"))
    assert r.status == 403 and "hoort niet bij de rollen" in r.text, r
    r = add(s, c, roles=("vendor_admin",))
    assert r.status == 403, r
    assert state(s) == before
    r = add(s, c, roles=("beheerder",))
    assert r.status == 303 and s.db1("SELECT r.rkey FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r"
                                     " ON r.id = ur.role_id WHERE u.email = '%s'" % NEW) == "beheerder", r


def test_mass_assignment_is_refused(s):
    """ACC-03: fields that are not on the form (organisation, status, verified flags) are refused."""
    c = s.login(ADMIN)
    before = state(s)
    for extra in (("org_id", "3"), ("status", "active"), ("mobile_verified_at", "1"), ("role_ids", "1")):
        r = add(s, c, more=[extra])
        assert r.status == 400, (extra, r)
    for extra in (("org_id", "3"), ("role", "1"), ("status", "disabled"), ("mobile_verified_at", "1")):
        r = c.post("/users/4", dict({"given_name": "Fleur", "family_name": "Jansen", "email": FLEUR}, **dict([extra])),
                   csrf_from="/users/4")
        assert r.status == 400, (extra, r)
    assert state(s) == before


def test_tenant_isolation(s):
    """ACC-01: an admin of organisation 2 addressing a colleague of organisation 3 gets the 404 of a
    missing id, on every route, and nothing changes."""
    c = s.login(ADMIN)
    before = state(s)
    missing = c.get("/users/99999")
    assert missing.status == 404
    csrf = c.get("/users").csrf()
    for uid in ("8", "9", "99999"):
        r = c.get("/users/" + uid)
        assert r.status == 404, (uid, r)
        main = lambda t: t.split('<main id="main">')[1].split('<p class="rid">')[0]   # the header names the path asked
        assert main(r.text) == main(missing.text)
        assert c.get("/users/%s/remove" % uid).status == 404
        r = c.post("/users/" + uid, {"csrf": csrf, "given_name": "X", "family_name": "Y",
                                     "email": "x@bakkerij-vandenberg.example"})
        assert r.status == 404, (uid, r)
        for action in ("disable", "enable", "remove", "invite", "reset", "sessions"):
            r = c.post("/users/%s/%s" % (uid, action), {"csrf": csrf})
            assert r.status == 404, (uid, action, r)
    r = c.get("/users?q=marieke")
    assert "marieke@" not in r.text
    assert state(s) == before


def test_without_users_view_403_but_own_pages_work(s):
    c = s.login(FLEUR)
    assert c.get("/users").status == 403
    assert c.get("/users/4").status == 403
    assert c.get("/users/new").status == 403
    assert c.get("/home").status == 200
    assert c.get("/account/reauth").status == 200


def test_last_admin_cannot_be_disabled_or_removed(s):
    """ACC-04: 409 with an explanation, nothing changed; with a second admin it is allowed."""
    c = s.login(MARIEKE)
    before = state(s)
    for action in ("disable", "remove"):
        r = c.post("/users/8/%s" % action, {}, csrf_from="/users/8")
        assert r.status == 409 and "laatste actieve beheerder" in r.text, (action, r)
    assert state(s) == before
    assert session_cookie(c)
    # a second admin (Joost) makes it possible
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 9, id, 0 FROM roles WHERE rkey = 'beheerder'")
    try:
        r = c.post("/users/8/disable", {}, csrf_from="/users/8")
        assert r.status == 303 and r.location.startswith("/login"), r
        assert s.db1("SELECT status FROM users WHERE id = 8") == "disabled"
        j = s.login("joost@bakkerij-vandenberg.example")
        r = j.post("/users/9/disable", {}, csrf_from="/users/9")
        assert r.status == 409, r   # Joost is now the last active admin
    finally:
        s.db("DELETE ur FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = 9"
             " AND ro.rkey = 'beheerder'")


def test_disable_ends_the_open_session_and_enable_restores(s):
    """SES-05, ACC-06: the disabled colleague's open session is refused on the very next request."""
    f = s.login(FLEUR)
    assert f.get("/home").status == 200
    c = s.login(ADMIN)
    r = c.post("/users/4/disable", {}, csrf_from="/users/4")
    assert r.status == 303 and r.location == "/users/4?m=disabled", r
    r = f.get("/home")
    assert r.status == 303 and r.location.startswith("/login"), r
    assert s.db1("SELECT COUNT(*) FROM sessions WHERE user_id = 4") == "0"
    c2, r = s.login_password(FLEUR)
    assert r.status == 401, r
    r = c.post("/users/4/enable", {}, csrf_from="/users/4")
    assert r.status == 303 and s.db1("SELECT status FROM users WHERE id = 4") == "active"
    assert s.db1("SELECT detail FROM audit_log WHERE event = 'user_disabled' AND user_id = 4"
                 " ORDER BY id DESC LIMIT 1").startswith("status active -> disabled")
    s.login(FLEUR)


def test_remove_keeps_the_trail_and_frees_the_address(s):
    saved = s.db1("SELECT password_hash FROM users WHERE id = 5")
    daan = "daan@dehaan-assurantien.example"
    d = s.login(daan)
    try:
        c = s.login(ADMIN)
        r = c.get("/users/5/remove")
        assert r.status == 200 and daan in r.text
        r = c.post("/users/5/remove", {"csrf": r.csrf()})
        assert r.status == 303 and r.location == "/users?m=removed", r
        assert s.db1("SELECT status FROM users WHERE id = 5") == "removed"
        assert d.get("/home").status == 303
        assert c.get("/users/5").status == 404
        assert int(s.db1("SELECT COUNT(*) FROM audit_log WHERE user_id = 5")) >= 2
        r = add(s, c, email=daan, roles=("medewerker",))
        assert r.status == 303, (r, r.text[:300])
    finally:
        s.db("DELETE FROM users WHERE id > 22; UPDATE users SET status = 'active', password_hash = '%s'"
             " WHERE id = 5" % saved)


def test_edited_number_is_unconfirmed_and_audited(s):
    c = s.login(ADMIN)
    page = c.get("/users/4")
    assert "+31610000004" in page.text          # in full in the admin's edit form (CRY-04)
    try:
        r = c.post("/users/4", {"csrf": page.csrf(), "given_name": "Fleur", "name_prefix": "", "family_name": "Jansen",
                                "email": FLEUR, "mobile": "0611223344"})
        assert r.status == 303 and r.location == "/users/4?m=saved", r
        assert s.db("SELECT mobile, mobile_verified_at IS NULL FROM users WHERE id = 4") == [["+31611223344", "1"]]
        detail = s.db1("SELECT detail FROM audit_log WHERE event = 'user_changed' AND user_id = 4 ORDER BY id DESC LIMIT 1")
        assert "mobile" in detail and "unconfirmed" in detail
        # LOG-03: the colleague hears of it, by mail and at the old number
        assert s.mail_count(FLEUR) == 1
        assert s.db1("SELECT COUNT(*) FROM sms_outbox WHERE phone = '+31610000004' AND body LIKE '%+316%44%'") == "1"
        # a change of name only keeps a confirmation
        s.db("UPDATE users SET mobile_verified_at = 5 WHERE id = 4")
        r = c.post("/users/4", {"csrf": page.csrf(), "given_name": "Fleur", "family_name": "Jansen-Smit",
                                "email": FLEUR, "mobile": "+31611223344"})
        assert r.status == 303
        assert s.db("SELECT mobile_verified_at FROM users WHERE id = 4") == [["5"]]
        assert s.mail_count(FLEUR) == 1     # nothing to tell about a name
        # a changed login address: a notice at the old and at the new address
        r = c.post("/users/4", {"csrf": page.csrf(), "given_name": "Fleur", "family_name": "Jansen",
                                "email": "fleur.j@dehaan-assurantien.example", "mobile": "+31611223344"})
        assert r.status == 303
        assert s.mail_count(FLEUR) == 2 and s.mail_count("fleur.j@dehaan-assurantien.example") == 1
    finally:
        s.db("UPDATE users SET mobile = '+31610000004', family_name = 'Jansen', certified_expert = 0,"
             " email = '%s' WHERE id = 4" % FLEUR)


def test_masked_numbers_in_the_overview(s):
    c = s.login(ADMIN)
    r = c.get("/users")
    assert "+31610000004" not in r.text and "+316••••••04" in r.text


def test_holiday_checklist(s):
    c = s.login(ADMIN)
    r = c.get("/users")
    assert 'id="check-invited"' in r.text and 'id="check-admins"' in r.text
    assert 'id="check-mobile"' not in r.text
    s.db("UPDATE users SET mobile_verified_at = NULL WHERE id = 6")
    r = c.get("/users")
    assert 'id="check-mobile"' in r.text
    r = c.get("/users?check=mobile")
    assert "zoe@" in r.text and FLEUR not in r.text


def test_unconfirmed_view_finds_them_behind_many_confirmed(s):
    """The checklist's link shows the active colleagues without a confirmed number, page by page, however many
    confirmed colleagues sort before them (it filtered each page of 50 after the query, so in a larger
    organisation they could be on no page at all), and the CSV export of that view holds exactly them."""
    c = s.login(ADMIN)
    try:
        s.db("INSERT INTO users (org_id, email, given_name, family_name, mobile, mobile_verified_at, status, created_at)"
             " SELECT 2, CONCAT('bevestigd', seq, '@dehaan-assurantien.example'), CONCAT('Aaa', LPAD(seq, 3, '0')),"
             " 'Bevestigd', '+31612345678', 1, 'active', 1 FROM seq_1_to_130;"
             " INSERT INTO users (org_id, email, given_name, family_name, mobile, status, created_at)"
             " SELECT 2, CONCAT('onbevestigd', seq, '@dehaan-assurantien.example'), CONCAT('Zzz', LPAD(seq, 3, '0')),"
             " 'Onbevestigd', '+31612345678', 'active', 1 FROM seq_1_to_55")
        want = [str(x[0]) for x in s.db("SELECT id FROM users WHERE org_id = 2 AND status = 'active'"
                                        " AND mobile_verified_at IS NULL ORDER BY name_key, id")]
        assert len(want) >= 55
        r = c.get("/users")
        assert re.search(r'<li id="check-mobile"><a href="/users\?check=mobile">%d ' % len(want), r.text), r.text
        seen, pages = walk_pages(c, "/users?check=mobile", r'<a href="/users/(\d+)">', "next-page", 50)
        assert seen == want and pages == 2, (seen, want, pages)
        csv = c.get("/users/export?check=mobile")
        assert csv.status == 200
        assert csv.text.count("Onbevestigd") == 55 and "Bevestigd;" not in csv.text and "Aaa" not in csv.text
    finally:
        s.db("DELETE FROM users WHERE org_id = 2 AND email LIKE '%bevestigd%'")


def test_checklist_follows_every_change_in_every_process(s):
    """The checklist's counts are kept in memory per organisation (users.c, sql/016): every program process
    shows each change on its very next page, whether the change came through the portal, straight from the
    database, or from the catalogue (a role that gains users.manage makes its holders admins)."""
    c = s.login(ADMIN)

    def pages():   # more requests than FastCGI children, so every child answers and has its counts cached
        return [c.get("/users").text for _ in range(12)]

    def item(text, key):
        m = re.search(r'<li id="check-%s">(.*?)</li>' % key, text, re.S)
        return re.sub(r"<[^>]+>", "", m.group(1)).split()[0] if m else None

    assert {item(t, "invited") for t in pages()} == {"1"}
    s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at)"
         " VALUES (2, 'nog.een@dehaan-assurantien.example', 'Nog', 'Een', 'invited', 0)")
    assert {item(t, "invited") for t in pages()} == {"2"}
    s.db("UPDATE users SET mobile_verified_at = NULL WHERE id = 6")
    assert {item(t, "mobile") for t in pages()} == {"1"}
    r = c.post("/users/6/disable", {}, csrf_from="/users/6")
    assert r.status == 303, r
    assert {item(t, "mobile") for t in pages()} == {None}
    assert all('id="check-admins"' in t for t in pages())
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 4, id, 0 FROM roles WHERE rkey = 'beheerder'")
    assert all('id="check-admins"' not in t for t in pages())
    s.db("DELETE FROM user_roles WHERE user_id = 4 AND role_id = %s" % role_id(s, "beheerder"))
    assert all('id="check-admins"' in t for t in pages())
    # the catalogue: Klantbeeld (Fleur's) gains users.manage, and loses it again
    s.db("INSERT INTO role_rights (role_id, right_id) SELECT ro.id, ri.id FROM roles ro, rights ri"
         " WHERE ro.rkey = 'klantbeeld' AND ri.rkey = 'users.manage'")
    try:
        assert all('id="check-admins"' not in t for t in pages())
    finally:
        s.db("DELETE rr FROM role_rights rr JOIN roles ro ON ro.id = rr.role_id JOIN rights ri ON ri.id = rr.right_id"
             " WHERE ro.rkey = 'klantbeeld' AND ri.rkey = 'users.manage'")
    assert all('id="check-admins"' in t for t in pages())


def test_overview_filters_sort_and_keyset_pages(s):
    """120 extra colleagues in organisation 4: pages of 50 by name, e-mail and last login, no row twice or
    missing; search, status and role filters; everything in the query string."""
    s.db("INSERT INTO users (org_id, email, given_name, family_name, status, created_at, last_login_at)"
         " SELECT 4, CONCAT('bulk', seq, '@zeeuwse-onderlinge.example'), CONCAT('Bulk', seq),"
         " CONCAT('Achternaam', LPAD(seq MOD 7, 2, '0')), IF(seq MOD 10 = 0, 'invited', 'active'), 0,"
         " IF(seq MOD 3 = 0, NULL, 1000 + seq MOD 5) FROM seq_1_to_120")
    c = s.login(WILLEM)
    total = int(s.db1("SELECT COUNT(*) FROM users WHERE org_id = 4 AND status <> 'removed'"))
    for sort in ("name", "email", "login"):
        seen, path, pages = [], "/users?sort=" + sort, 0
        while path:
            r = c.get(path.replace("&amp;", "&"))
            assert r.status == 200, (path, r)
            ids = re.findall(r'<a href="/users/(\d+)">', r.text)
            assert len(ids) <= 50
            seen += ids
            m = re.search(r'<a href="([^"]+)" rel="next"', r.text)
            path = m.group(1) if m else None
            pages += 1
        assert len(seen) == total and len(set(seen)) == total, (sort, len(seen), total)
        assert pages == 3, (sort, pages)
    r = c.get("/users?q=bulk17%40")
    assert re.findall(r'<a href="/users/(\d+)">', r.text) == [s.db1("SELECT id FROM users WHERE email = 'bulk17@zeeuwse-onderlinge.example'")]
    r = c.get("/users?status=invited")
    assert len(re.findall(r'<a href="/users/(\d+)">', r.text)) == 12
    r = c.get("/users?role=%s" % role_id(s, "beheerder"))
    assert re.findall(r'<a href="/users/(\d+)">', r.text) == ["13"]
    r = c.get("/users?q=%25")   # a LIKE wildcard is searched for literally
    assert "id=\"no-results\"" in r.text
    assert c.get("/users?sort=wrong").status == 400
    assert c.get("/users?ai=abc").status == 400


def test_granting_roles_needs_a_recent_login(s):
    """SES-07: a login older than 15 minutes is confirmed again before roles are granted."""
    c = s.login(ADMIN)
    s.advance(16 * 60)
    c.get("/home")   # keeps the session alive
    r = c.get("/users/new")
    assert r.status == 303 and r.location == "/account/reauth?next=/users/new", r
    page = c.get(r.location)
    r = c.post("/account/reauth", {"csrf": page.csrf(), "password": "wrong password!", "next": "/users/new"})
    assert r.status == 401, r
    r = c.post("/account/reauth", {"csrf": page.csrf(), "password": s.password(ADMIN), "next": "/users/new"})
    assert r.status == 303 and r.location == "/users/new", r
    assert add(s, c).status == 303


def test_forgot_password_same_answer_and_second_factor(s):
    """AUTH-11: one answer whether the account exists; a 1-hour single-use link; the SMS code is still
    needed; every session ends; the 100-failure lock is lifted."""
    zoe = "zoe@dehaan-assurantien.example"
    saved = s.db1("SELECT password_hash FROM users WHERE id = 6")
    old = s.login(zoe)
    try:
        a = s.client()
        page = a.get("/password/forgot")
        r1 = a.post("/password/forgot", {"csrf": page.csrf(), "email": "niemand@dehaan-assurantien.example"})
        r2 = a.post("/password/forgot", {"csrf": page.csrf(), "email": zoe})
        assert r1.status == r2.status == 200
        body = lambda r: re.sub(r'value="[^"]+"|<code>[0-9a-f]+</code>', "", r.text)
        assert body(r1) == body(r2)
        assert s.mail_count() == 1 and s.mail_count(zoe) == 1
        token = s.mail_token(zoe)
        assert s.db1("SELECT expires_at - created_at FROM user_tokens WHERE user_id = 6") == "3600"
        n = s.client()
        p = n.get("/password/reset?t=" + token)
        assert p.status == 200
        r = n.post("/password/reset", {"csrf": p.csrf(), "t": token, "password": GOOD_PW, "password2": GOOD_PW})
        assert r.status == 303 and r.location == "/verify_sms", r
        assert n.get("/home").status == 303       # not logged in before the second factor
        assert old.get("/home").status == 303     # the old session ended
        r = n.post("/verify_sms", {"code": s.last_code(zoe)}, csrf_from="/verify_sms")
        assert r.status == 303 and r.location == "/home"
        assert s.client().get("/password/reset?t=" + token).status == 404
        # at most 3 links an hour per account
        for _ in range(4):
            a.post("/password/forgot", {"csrf": page.csrf(), "email": zoe})
        assert s.mail_count(zoe) == 3
    finally:
        s.db("UPDATE users SET password_hash = '%s' WHERE id = 6" % saved)


def test_reset_link_from_an_admin_and_expiry(s):
    c = s.login(ADMIN)
    r = c.post("/users/4/reset", {}, csrf_from="/users/4")
    assert r.status == 303 and r.location == "/users/4?m=reset", r
    token = s.mail_token(FLEUR)
    assert token
    s.advance(3601)
    assert s.client().get("/password/reset?t=" + token).status == 404


def test_bulk_actions_confirm_then_per_row_results(s):
    """Bulk disable: a confirmation page first (nothing changed), then one result per row; the last-admin
    rule is checked per row; another organisation's id is a row 'not found'."""
    c = s.login(ADMIN)
    before = state(s)
    r = c.post("/users/bulk", [("id", "4"), ("id", "5"), ("id", "3"), ("id", "8"), ("action", "disable")],
               csrf_from="/users")
    assert r.status == 200 and "Bevestigen en uitvoeren" in r.text, r
    assert state(s) == before
    assert "marieke" not in r.text
    fields = [("csrf", r.csrf()), ("action", "disable"), ("confirm", "1")] + [("id", i) for i in ("4", "5", "3", "8")]
    r = c.post("/users/bulk", fields)
    assert r.status == 200, r
    assert s.db("SELECT id, status FROM users WHERE id IN (3, 4, 5, 8) ORDER BY id") == [
        ["3", "active"], ["4", "disabled"], ["5", "disabled"], ["8", "active"]]
    row = lambda i: r.text.split('id="row-%s"' % i)[1].split("</tr>")[0]
    assert "laatste actieve beheerder" in row(3)
    assert "bestaat niet" in row(8)
    assert "geblokkeerd" in row(4)
    assert "2 / 4" in r.text
    # bulk remove of both admins of an organisation: the first goes, the second is refused
    s.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT 6, id, 0 FROM roles WHERE rkey = 'beheerder'")
    z = s.login("zoe@dehaan-assurantien.example")
    saved = s.db1("SELECT password_hash FROM users WHERE id = 3")
    try:
        r = z.post("/users/bulk", [("id", "3"), ("id", "6"), ("action", "remove"), ("confirm", "1")], csrf_from="/users")
        assert r.status == 200
        assert s.db("SELECT id, status FROM users WHERE id IN (3, 6) ORDER BY id") == [["3", "removed"], ["6", "active"]]
        assert "laatste actieve beheerder" in r.text.split('id="row-6"')[1].split("</tr>")[0]
    finally:
        s.db("UPDATE users SET status = 'active', password_hash = '%s' WHERE id = 3;"
             " DELETE ur FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = 6"
             " AND ro.rkey = 'beheerder'" % saved)
    p = s.login(ADMIN)     # Pieter's sessions ended with his removal
    r = p.post("/users/bulk", [("action", "disable")], csrf_from="/users")
    assert r.status == 422 and "minstens" in r.text, r    # nothing selected


def test_csv_export(s):
    s.db("UPDATE users SET given_name = '=HYPERLINK(\"http://evil\")' WHERE id = 5")
    try:
        c = s.login(ADMIN)
        r = c.get("/users/export?status=active")
        assert r.status == 200 and r.header("Content-Type") == "text/csv; charset=utf-8", r
        assert "attachment" in r.header("Content-Disposition")
        assert r.body.startswith(b"\xef\xbb\xbf")
        lines = r.body.decode("utf-8-sig").split("\r\n")
        assert lines[0].split(";")[:3] == ["Voornaam", "Tussenvoegsel", "Achternaam"]
        assert any(l.startswith('"\'=HYPERLINK(""http://evil"")"') for l in lines), lines
        assert "+31610000004" not in r.text and "+316••••••04" in r.text
        assert "noah@" not in r.text            # status filter applies
        assert "marieke@" not in r.text          # only the own organisation
        assert "Beheerder" in [l for l in lines if "pieter@" in l][0]
        assert s.client().get("/users/export").status == 303
        assert s.login(FLEUR).get("/users/export").status == 403
    finally:
        s.db("UPDATE users SET given_name = 'Daan' WHERE id = 5")


CSV_OK = ("voornaam;tussenvoegsel;achternaam;email;mobiel;rollen\r\n"
          "Anna;de;Vries;anna@dehaan-assurantien.example;06 11111111;Medewerker|Klantbeeld\r\n"
          "\"Bob; de tweede\";;\"O'Brien \"\"B\"\"\";bob@dehaan-assurantien.example;;medewerker\r\n")


def test_csv_import_preview_then_all_or_nothing(s):
    c = s.login(ADMIN)
    before = state(s)
    r = c.post("/users/import", {"csv": CSV_OK}, csrf_from="/users/import")
    assert r.status == 200 and 'id="import-go"' in r.text, (r, r.text[:400])
    assert state(s) == before                          # a preview changes nothing
    r = c.post("/users/import", {"csrf": r.csrf(), "csv": CSV_OK, "confirm": "1"})
    assert r.status == 303 and r.location.startswith("/users?m=imported"), r
    assert s.db("SELECT given_name, family_name, status, mobile FROM users WHERE email LIKE '%@dehaan-assurantien.example'"
                " AND id > 22 ORDER BY id") == [["Anna", "Vries", "invited", "+31611111111"],
                                                ["Bob; de tweede", "O'Brien \"B\"", "invited", "NULL"]]
    assert s.mail_count("anna@dehaan-assurantien.example") == 1 and s.mail_count("bob@dehaan-assurantien.example") == 1
    assert s.db1("SELECT role_ids <> '' FROM users WHERE email = 'anna@dehaan-assurantien.example'") == "1"


def test_a_confirmed_import_sent_twice_imports_once(s):
    """DI-02: the import's confirming form sent again (a double click, a retry after a lost answer) goes to the
    result of the first; it used to answer 422 with every row 'address in use'. One invitation each."""
    c = s.login(ADMIN)
    r = c.post("/users/import", {"csv": CSV_OK}, csrf_from="/users/import")
    tok = re.search(r'name="once" value="(\d{32})"', r.text).group(1)
    form = {"csrf": r.csrf(), "csv": CSV_OK, "confirm": "1", "once": tok}
    answers = [c.post("/users/import", form) for _ in range(2)]
    assert [a.status for a in answers] == [303, 303] and answers[0].location == answers[1].location, answers
    assert s.db1("SELECT COUNT(*) FROM users WHERE email IN ('anna@dehaan-assurantien.example',"
                 " 'bob@dehaan-assurantien.example')") == "2"
    assert s.mail_count("anna@dehaan-assurantien.example") == 1 and s.mail_count("bob@dehaan-assurantien.example") == 1
    assert c.post("/users/import", dict(form, once="12ab")).status == 422

def test_the_export_imports_again_with_new_colleagues_added(s):
    """The export's own file (masked numbers, status and login columns) imports again: its colleagues are
    skipped, the rows added to it become colleagues; in Dutch and in English."""
    c = s.login(ADMIN)
    for lang, new in (("nl", "Iris;;Ijzer;iris@dehaan-assurantien.example;06 22222222;nee;;Medewerker;"),
                      ("en", "Joop;;Jansen;joop@dehaan-assurantien.example;;no;;Medewerker;")):
        before = state(s)
        r = c.get("/users/export?lang=" + lang)
        text = r.body.decode("utf-8-sig")
        n = len([l for l in text.split("\r\n")[1:] if l])
        assert n >= 5 and "••" in text, text
        r = c.post("/users/import", {"csv": text}, csrf_from="/users/import")
        assert r.status == 422 and ("niets nieuws" in r.text or "Nothing was imported" in r.text), r
        assert state(s) == before
        r = c.post("/users/import", {"csv": text + new + "\r\n"}, csrf_from="/users/import")
        assert r.status == 200 and 'id="import-go"' in r.text, r.text
        ready = re.search(r'<p id="import-ready">(.*?)</p>', r.text).group(1)
        assert ready.startswith("1 ") and ("%d " % n) in ready, ready
        r = c.post("/users/import", {"csrf": r.csrf(), "csv": text + new + "\r\n", "confirm": "1",
                                     "once": re.search(r'name="once" value="(\d{32})"', r.text).group(1)})
        assert r.status == 303, r
    assert s.db("SELECT email, status FROM users WHERE id > 22 ORDER BY id") == [
        ["iris@dehaan-assurantien.example", "invited"], ["joop@dehaan-assurantien.example", "invited"]]
    assert s.db1("SELECT mobile FROM users WHERE email = 'pieter@dehaan-assurantien.example'") == "+31610000003", \
        "an existing colleague's number is not touched by the masked one"


def test_csv_import_bad_rows_import_nothing(s):
    c = s.login(ADMIN)
    before = state(s)
    bad = CSV_OK + ("Carla;;Bos;geen-adres;;\r\n"
                    "Dirk;;Dam;fleur@dehaan-assurantien.example;;\r\n"
                    "Eva;;Eik;anna@dehaan-assurantien.example;;\r\n"
                    "Fred;;Fok;fred@dehaan-assurantien.example;12;\r\n"
                    "Gert;;Gans;gert@dehaan-assurantien.example;;Grootboek kijken\r\n"
                    "Hans;;Hof;hans@dehaan-assurantien.example;;Koning\r\n" + "%s;;X;x@dehaan-assurantien.example;;\r\n" % ("a" * 300))
    for confirm in ({}, {"confirm": "1"}):
        r = c.post("/users/import", dict({"csv": bad}, **confirm), csrf_from="/users/import")
        assert r.status == 422 and 'id="import-go"' not in r.text, r
        for text in ("geldig e-mailadres", "eerder in het bestand", "geldig mobiel nummer",
                     "hoort niet bij de rollen", "Onbekende rol", "te lang"):
            assert text in r.text, text
        assert "staat al in het portaal" in r.text, "Dirk's address is Fleur's: her row is skipped"
    for text, why in (("voornaam;achternaam\nA;B\n", "minstens voornaam"), ("voornaam;achternaam;email\n", "geen collega"),
                      ("voornaam;achternaam;email\n\"A;B;c@d.nl\n", "aanhalingsteken"),
                      ("x" * 300001, "te groot")):
        r = c.post("/users/import", {"csv": text}, csrf_from="/users/import")
        assert r.status == 422 and why in r.text, (why, r)
    # over the body limit of the web server and the programs: 413, a clear page
    r = c.post("/users/import", {"csv": "x" * 1100000}, csrf_from="/users/import")
    assert r.status == 413, r
    assert state(s) == before


def test_help_page_only_when_logged_in(s):
    r = s.client().get("/help")
    assert r.status == 303 and r.location.startswith("/login"), r
    c = s.login(FLEUR)
    r = c.get("/help")
    assert r.status == 200 and "twee beheerders" in r.text.lower() and "sms-code" in r.text, r
    r = c.get("/help?lang=en")
    assert "Two administrators" in r.text
    assert "+31 20 123 4567" in r.text     # the support desk in the footer


def test_admin_unlocks_a_locked_login(s):
    """AUTH-04: after 100 failures only an unlock by an admin (or a reset) lets the colleague in."""
    subj = s.throttle_subject("th-pw-acct", FLEUR)
    s.db("INSERT INTO auth_throttle (scope, subject, failures, window_start, blocked_until)"
         " VALUES (0, UNHEX('%s'), 100, 0, %d)" % (subj, 1 << 62))
    _, r = s.login_password(FLEUR)
    assert r.status == 429, r
    c = s.login(ADMIN)
    page = c.get("/users/4")
    assert 'id="u-locked"' in page.text
    r = c.post("/users/4/unlock", {"csrf": page.csrf()})
    assert r.status == 303 and r.location == "/users/4?m=unlocked", r
    assert 'id="u-locked"' not in c.get("/users/4").text
    s.login(FLEUR)
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'login_unlocked' AND user_id = 4 AND actor_id = 3") != "0"
    # another organisation's colleague cannot be unlocked from here
    assert c.post("/users/9/unlock", {"csrf": page.csrf()}).status == 404


def test_a_new_colleague_form_sent_twice_adds_one_and_invites_once(s):
    """DI-02: the new-colleague form sent again (a double click, a retry after a lost answer) goes to the
    colleague the first one added, with one invitation; so do five copies racing (one adds, the others find
    its token or its address). Without the token a second form is still the 409 of an address in use."""
    import threading
    a = s.login(ADMIN)
    page = add_form(a)
    tok = re.search(r'name="once" value="(\d{32})"', page.text).group(1)
    form = [("csrf", page.csrf()), ("once", tok), ("given_name", "Twee"), ("family_name", "Maal"), ("email", NEW),
            ("role", role_id(s, "medewerker"))]
    answers = [a.post("/users/new", form) for _ in range(2)]
    assert [r.status for r in answers] == [303, 303] and answers[0].location == answers[1].location, answers
    uid = s.db1("SELECT id FROM users WHERE email = '%s'" % NEW)
    assert answers[0].location == "/users/%s?m=added" % uid
    assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '%s'" % NEW) == "1"
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'user_added' AND user_id = %s" % uid) == "1"
    other = "ook.tweemaal@dehaan-assurantien.example"
    page = add_form(a)
    form = [("csrf", page.csrf()), ("once", re.search(r'name="once" value="(\d{32})"', page.text).group(1)),
            ("given_name", "Vijf"), ("family_name", "Maal"), ("email", other)]
    clients, got = [s.client() for _ in range(5)], []
    for c in clients:
        c.cookies = dict(a.cookies)
    threads = [threading.Thread(target=lambda c=c: got.append(c.post("/users/new", form))) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status for r in got] == [303] * 5 and len({r.location for r in got}) == 1, got
    assert s.db1("SELECT COUNT(*) FROM users WHERE email = '%s'" % other) == "1"
    assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '%s'" % other) == "1"
    r = a.post("/users/new", [(k, v) for k, v in form if k != "once"])
    assert r.status == 409 and "email" in r.text
    assert a.post("/users/new", form[:1] + [("once", "12ab")] + form[2:]).status == 422
