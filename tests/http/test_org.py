"""test_org.py: the organisation's contact data (document 004): admins keep it current and confirm it; bad
input changes nothing; the nightly run reminds the admins (only them) once per period when the last check is
older than reminders.contact_check_days."""
import os
import subprocess

MARIEKE = "marieke@bakkerij-vandenberg.example"   # 8: Beheerder of org 3
JOOST = "joost@bakkerij-vandenberg.example"


def nightly(s):
    env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
    ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
               if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
    return subprocess.run([ctl, "nightly"], env=env, capture_output=True, text=True, check=True).stdout


def test_admins_keep_the_data_current(s):
    assert s.login(JOOST).get("/org").status == 403
    m = s.login(MARIEKE)
    page = m.get("/org")
    assert page.status == 200 and "Bakkerij Van den Berg B.V." in page.text and 'id="due"' in page.text
    before = s.db("SELECT address, invoice_email, phone, contact_checked_at FROM organisations WHERE id = 3")
    for fields in ({"address": "Dorpsstraat 1", "invoice_email": "geen-adres", "phone": "0101234567"},
                   {"address": "Dorpsstraat 1", "invoice_email": "f@b.nl", "phone": "bel mij"},
                   {"address": "", "invoice_email": "f@b.nl", "phone": "0101234567"}):
        r = m.post("/org", dict(fields, csrf=page.csrf()))
        assert r.status == 422, (fields, r)
    assert s.db("SELECT address, invoice_email, phone, contact_checked_at FROM organisations WHERE id = 3") == before
    r = m.post("/org", {"csrf": page.csrf(), "address": "Bakkersweg 12\n1234 AB Broodstad",
                        "invoice_email": "facturen@bakkerij-vandenberg.example", "phone": "+31 10 123 45 67"})
    assert r.status == 303 and r.location == "/org?m=saved"
    page = m.get("/org")
    assert "Bakkersweg 12" in page.text and 'id="due"' not in page.text
    assert m.post("/org/checked", {"csrf": page.csrf()}).status == 303
    assert m.post("/org", {"csrf": page.csrf(), "address": "X Y Z 1", "invoice_email": "a@b.nl", "phone": "0101234567",
                           "name": "Andere naam"}).status == 400      # the name is not theirs to change (ACC-03)


def test_nightly_reminds_admins_once_per_period(s):
    s.db("UPDATE organisations SET contact_checked_at = NULL, contact_reminded_at = NULL")
    assert "reminded:" not in nightly(s)                     # the demo organisations are new
    s.advance(200 * 86400)
    out = nightly(s)
    assert "reminded: org 3, contact data check, admins: 1" in out, out
    mail = s.db("SELECT to_addr, subject FROM mail_outbox WHERE subject LIKE '%%Bakkerij%%'")
    assert mail == [[MARIEKE, "Kloppen de gegevens van Bakkerij Van den Berg B.V. nog?"]], mail
    assert "reminded: org 3" not in nightly(s)               # once per period
    s.advance(190 * 86400)
    assert "reminded: org 3" in nightly(s)                   # the next period
    # an organisation that checked its data recently is left alone
    s.db("UPDATE organisations SET contact_checked_at = UNIX_TIMESTAMP() + %d, contact_reminded_at = NULL WHERE id = 3"
         % (390 * 86400))
    assert "reminded: org 3" not in nightly(s)
