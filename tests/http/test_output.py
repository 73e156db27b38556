"""test_output.py: escaping (IO-02), security headers on every response (IO-06), languages, error pages."""
XSS = "script.test@bakkerij-vandenberg.example"
ADMIN = "pieter@dehaan-assurantien.example"
ANOUK = "anouk@bakkerij-vandenberg.example"


def test_markup_in_a_name_is_shown_as_typed(s):
    c = s.login(XSS)
    r = c.get("/home")
    assert r.status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Hara" in r.text, "escaped name"
    assert "<script>alert(1)" not in r.text


def test_diacritics_shown_as_typed(s):
    c = s.login("zoe@dehaan-assurantien.example")
    assert "Zoë van Dijk" in c.get("/home").text
    c = s.login("renee@hetanker.example")
    assert "Renée Dubois" in c.get("/home").text


def _security_headers(r, authenticated):
    csp = r.header("Content-Security-Policy") or ""
    for part in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert part in csp, "CSP lacks %s: %r" % (part, csp)
    assert "unsafe-inline" not in csp
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert r.header("Referrer-Policy")
    ct = r.header("Content-Type") or ""
    assert "charset=utf-8" in ct.lower() or ct.startswith("text/css"), ct
    assert r.header("Server") in (None, "nginx"), "no server version: %r" % r.header("Server")
    if authenticated:
        assert r.header("Cache-Control") == "no-store"


def test_security_headers_everywhere(s):
    c = s.client()
    _security_headers(c.get("/login"), False)
    _security_headers(c.get("/nothing"), False)
    _security_headers(c.get("/css/portal.css"), False)
    _security_headers(c.request("POST", "/login", body="x=1"), False)
    c = s.login(ADMIN)
    _security_headers(c.get("/home"), True)
    _security_headers(c.get("/logout"), True)
    cookie = [v for v in c.get("/login?lang=en").headers_named("Set-Cookie")]
    for v in cookie:
        assert "HttpOnly" in v and "SameSite=Lax" in v and "Path=/" in v, v


def test_no_directory_listing(s):
    r = s.client().get("/css/")
    assert r.status in (403, 404) and 'href="portal.css"' not in r.text and "Index of" not in r.text, r


def test_language_by_query_cookie_header_and_preference(s):
    c = s.client()
    assert "Inloggen" in c.get("/login").text, "Dutch by default"
    r = c.get("/login?lang=en")
    assert "Log in" in r.text and 'lang="en"' in r.text and r.header("Content-Language") == "en"
    assert "Log in" in c.get("/login").text, "the choice sticks (cookie)"
    c2 = s.client(headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Log in" in c2.get("/login").text, "Accept-Language"
    c3 = s.login(ANOUK)
    assert "My portal" in c3.get("/home").text, "the user's own preference"
    _, r = s.login_password(ADMIN, "wrong password 1", client=s.client(headers={"Accept-Language": "en"}))
    assert "E-mail address or password incorrect." in r.text, "errors in the user's language"


def test_error_page_has_request_id_and_no_internals(s):
    r = s.client().get("/login/x")
    assert r.status == 404
    assert "Foutcode voor de helpdesk" in r.text
    import re
    assert re.search(r"<code>[0-9a-f]{16}</code>", r.text), "request id shown"
    assert "SQL" not in r.text and "mysql" not in r.text.lower()
