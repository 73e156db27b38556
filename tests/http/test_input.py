"""test_input.py: hard limits and strict parsing (IO-03, AV-02): refused input changes nothing."""
ADMIN = "pieter@dehaan-assurantien.example"


def test_two_megabyte_body_413(s):
    c = s.client()
    token = c.get("/login").csrf()
    body = "csrf=%s&email=a%%40b.nl&password=%s" % (token, "x" * (2 * 1024 * 1024))
    r = c.request("POST", "/login", body=body)
    assert r.status == 413, r
    assert "te groot" in r.text and "too large" in r.text, "a message, in Dutch and English"
    c.close()


def test_repeated_parameter_400(s):
    c = s.client()
    token = c.get("/login").csrf()
    r = c.request("POST", "/login", body="csrf=%s&email=%s&email=x%%40y.nl&password=p" % (token, ADMIN))
    assert r.status == 400 and "meer dan eens" in r.text, r
    r = c.get("/login?next=/a&next=/b")
    assert r.status == 400, r
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0"


def test_bad_encoding_400(s):
    c = s.client()
    assert c.get("/login?next=%zz").status == 400
    assert c.get("/login?next=%C3%28").status == 400
    token = c.get("/login").csrf()
    r = c.request("POST", "/login", body="csrf=%s&email=a%%00b&password=x" % token)
    assert r.status == 400 and "ongeldige tekens" in r.text, r


def test_undeclared_field_400(s):
    c = s.client()
    token = c.get("/login").csrf()
    r = c.post("/login", {"email": ADMIN, "password": s.password(ADMIN), "csrf": token, "org_id": "3"})
    assert r.status == 400 and "hoort" in r.text, "mass assignment refused: %r" % r
    r = c.post("/login?org_id=3", {"email": ADMIN, "password": s.password(ADMIN), "csrf": token})
    assert r.status == 400, "a form's query string carries no field: %r" % r
    assert s.db1("SELECT COUNT(*) FROM sessions") == "0"


def test_a_link_with_parameters_the_page_does_not_know_opens_it(s):
    """A GET ignores parameters it does not declare (a mail's utm_source, ?lang=de); a form never does."""
    c = s.client()
    r = c.get("/login?admin=1&utm_source=mail")
    assert r.status == 200 and 'name="admin"' not in r.text, r
    r = c.get("/login?lang=de")
    assert r.status == 200 and 'lang="nl"' in r.text, r
    s.login(ADMIN, client=c)
    r = c.get("/help?lang=de")
    assert r.status == 200 and "Handleiding" in r.text, r
    r = c.get("/org?utm_source=mail&utm_medium=email")
    assert r.status == 200 and "Organisatie" in r.text, r
    r = c.get("/users?q=pieter&utm_campaign=x")
    assert r.status == 200 and "pieter@dehaan" in r.text, "the declared filter still applies: %r" % r
    r = c.get("/users?role=abc")
    assert r.status == 400, "a declared parameter with a bad value is still refused: %r" % r


def test_only_urlencoded_bodies(s):
    c = s.client()
    token = c.get("/login").csrf()
    r = c.request("POST", "/login", body='{"email": "x"}', headers={"Content-Type": "application/json"})
    assert r.status == 415, r
    r = c.request("POST", "/login", body="csrf=%s&email=x%%40y.nl&password=p" % token,
                  headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert r.status == 401, "charset parameter accepted: %r" % r


def test_unknown_path_404_and_wrong_method_405(s):
    c = s.client()
    r = c.get("/login/nothing")
    assert r.status == 404 and "bestaat niet" in r.text, r
    r = c.request("PUT", "/login", body="x")
    assert r.status == 405 and "GET" in r.header("Allow") and "POST" in r.header("Allow"), r
    r = c.get("/nothing-here")
    assert r.status == 404, r


def test_the_web_servers_own_answers_are_the_portals_pages(s):
    """An unknown path, a POST to a file, an over-long address, an unreadable request: the web server answers
    before any program, with the portal's page (Dutch and English, a way back) and the security headers."""
    import socket
    from portaltest import recv_until
    c = s.client()

    def portal_page(status, words, r_status, headers, text):
        assert r_status == status and words in text and 'href="/home"' in text and "/css/portal.css" in text, text
        assert "nginx" not in text and "Apache" not in text
        csp = [v for k, v in headers if k.lower() == "content-security-policy"]
        assert csp and "default-src 'self'" in csp[0], headers
        assert ("X-Content-Type-Options", "nosniff") in [(k, v) for k, v in headers]
    r = c.get("/nothing-here")
    portal_page(404, "Deze pagina bestaat niet", r.status, r.headers, r.text)
    r = c.get("/css/nothing.css")
    portal_page(404, "This page does not exist", r.status, r.headers, r.text)
    r = c.request("POST", "/css/portal.css", body="x")
    portal_page(405, "Dit kan hier niet", r.status, r.headers, r.text)
    r = c.get("/login?next=" + "a" * 9000)
    portal_page(414, "Het adres is te lang", r.status, r.headers, r.text)
    host, port = s.base.split("//")[1].split(":")
    with socket.create_connection((host, int(port))) as k:
        k.sendall(b"GET /login HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
        raw = recv_until(k, b"</html>")
    head, _, body = raw.decode("utf-8", "replace").partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = [tuple(l.split(": ", 1)) for l in lines[1:]]
    portal_page(400, "Het verzoek is niet te lezen", int(lines[0].split()[1]), headers, body)


def test_head_has_no_body(s):
    c = s.client()
    r = c.request("HEAD", "/login")
    assert r.status == 200 and r.body == b"", r
    assert int(r.header("Content-Length")) > 0


def test_long_query_string_refused(s):
    r = s.client().get("/login?next=/" + "a" * 9000)
    assert r.status in (400, 414), r
