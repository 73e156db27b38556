"""test_forms.py: a refused form (GOV.UK / NL Design System pattern): what was typed comes back, a summary at the
top links to each field that needs attention, the message stands at the field, the field is marked invalid, and
the page title starts with "Fout:"."""
import re

PIETER = "pieter@dehaan-assurantien.example"
JOOST = "joost@bakkerij-vandenberg.example"


def title(r):
    return re.search(r"<title>(.*?)</title>", r.text, re.S).group(1)


def summary(r):
    box = r.text.split('id="error-summary"')[1].split("</div>")[0]
    return re.findall(r'<a href="#([\w-]+)">([^<]*)</a>', box)


def test_a_refused_colleague_keeps_what_was_typed_and_says_what_to_fix(s):
    c = s.login(PIETER)
    r = c.post("/users/new", {"given_name": "", "family_name": "<script>alert(1)</script>", "email": "nieuw@dehaan-assurantien.example",
                              "mobile": "12", "lang": "nl"}, csrf_from="/users/new")
    assert r.status == 422 and title(r).startswith("Fout: Collega toevoegen"), title(r)
    assert [f for f, _ in summary(r)] == ["given_name", "mobile"], summary(r)
    assert summary(r)[1][1].startswith("Mobiel nummer: Vul een geldig mobiel nummer in")
    assert 'value="12"' in r.text, "an invalid number comes back as typed"
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in r.text and "<script>alert" not in r.text, "escaped"
    assert 'value="nieuw@dehaan-assurantien.example"' in r.text
    assert re.search(r'id="mobile"[^>]*aria-invalid="true"', r.text) and 'id="mobile-error"' in r.text
    assert re.search(r'id="given_name"[^>]*aria-invalid="true"[^>]*aria-describedby="given_name-error"', r.text)
    assert 'id="form-error"' not in r.text, "one message per problem, not the same twice"
    r = c.get("/users/new")
    assert "Fout:" not in title(r) and 'id="error-summary"' not in r.text


def test_a_refused_incident_keeps_its_text(s):
    from test_incidents import submit
    j = s.login(JOOST)
    r, _ = submit(j, title="ab", body="De kassa start niet meer op sinds de update.")
    assert r.status == 422 and title(r).startswith("Fout:"), (r, title(r))
    assert "De kassa start niet meer op sinds de update.</textarea>" in r.text, "the description is kept"
    assert 'value="ab"' in r.text and [f for f, _ in summary(r)] == ["title"], summary(r)


def test_a_refused_profile_and_organisation(s):
    m = s.login("marieke@bakkerij-vandenberg.example")
    r = m.post("/account/profile", {"given_name": "Marieke", "name_prefix": "van den", "family_name": "x" * 101,
                                    "lang": "nl"}, csrf_from="/account")
    assert r.status == 422 and title(r).startswith("Fout:") and [f for f, _ in summary(r)] == ["family_name"], r
    assert 'value="' + "x" * 101 + '"' in r.text
    r = m.post("/org", {"address": "Dorpsstraat 1, Urk",
                        "invoice_email": "geen-adres", "phone": "0527 123456"}, csrf_from="/org")
    assert r.status == 422 and "invoice_email" in [f for f, _ in summary(r)], (r, r.text[:2000])
    assert 'value="geen-adres"' in r.text
