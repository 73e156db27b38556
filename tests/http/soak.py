"""soak.py: many requests to long-running programs (used under valgrind: no leak, no error).
    python3 tests/http/soak.py BASE_URL VAR ROOT N KDF_LOGINS [USERS_N [DOSSIERS_N [INCIDENTS_N [SUPPORT_N]]]]
A mix of the login program's paths: the form (with and without cookies), refused POSTs (no token,
cross-site, bad input, throttled), and KDF_LOGINS password checks, wrong and right. With USERS_N, as many
requests to the users program after a full login (verify_sms): overview pages, a colleague, the CSV
export, a bulk confirmation, a CSV import preview, refusals. With DOSSIERS_N, as many to the dossiers program:
pages, uploads (good, wrong type, bad name, no token, a broken body), downloads and refusals. With
INCIDENTS_N, to the incidents program: lists, an incident, submissions with and without attachment, replies.
With SUPPORT_N, as many under a support grant (the desk in a customer's data, the admin's grant pages), the
vendor's documents and announcements."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portaltest import Stack, multipart  # noqa: E402

ADMIN = "pieter@dehaan-assurantien.example"


def main():
    base, var, root, n, kdf = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    s = Stack(base, var, root)
    s.reset()
    c = s.client()
    token = c.get("/login").csrf()
    bad = 0
    # a throttled address: its attempts are answered without hashing
    s.db("INSERT INTO auth_throttle (scope, subject, failures, window_start, blocked_until)"
         " SELECT 1, UNHEX(SHA2('x', 256)), 100, 0, 0")
    for i in range(kdf):
        pw = s.password(ADMIN) if i % 2 else "wrong password %d" % i
        r = c.post("/login", {"email": ADMIN, "password": pw, "csrf": token})
        bad += r.status not in (303, 401)
        c = s.client()
        token = c.get("/login").csrf()
    plan = [
        lambda: c.get("/login"),
        lambda: c.get("/login?lang=en&next=/home"),
        lambda: s.client().get("/login"),
        lambda: c.post("/login", {"email": ADMIN, "password": "x"}),
        lambda: c.post("/login", {"email": "bad", "password": "x", "csrf": token}),
        lambda: c.post("/login", {"email": ADMIN, "password": "x", "csrf": token},
                       headers={"Origin": "http://evil.example"}),
        lambda: c.request("POST", "/login", body="a=%zz"),
        lambda: c.get("/login/none"),
    ]
    expect = [200, 200, 200, 403, 422, 403, 400, 404]
    for i in range(n - kdf - 1):
        k = i % len(plan)
        r = plan[k]()
        if r.status != expect[k]:
            bad += 1
            if bad <= 5:
                print("# request %d: %d, expected %d" % (i, r.status, expect[k]), flush=True)
    users_n = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    if users_n:
        a = s.login(ADMIN)
        t = a.get("/users").csrf()
        csv = "voornaam;achternaam;email;rollen\nAnna;Vries;anna@dehaan-assurantien.example;Medewerker\n"
        uplan = [
            (lambda: a.get("/users"), 200),
            (lambda: a.get("/users?sort=email&q=a&status=active"), 200),
            (lambda: a.get("/users?sort=login&ak=0&ai=99"), 200),
            (lambda: a.get("/users/4"), 200),
            (lambda: a.get("/users/99999"), 404),
            (lambda: a.get("/users/export"), 200),
            (lambda: a.get("/users/new"), 200),
            (lambda: a.get("/users?sort=bad"), 400),
            (lambda: a.post("/users/bulk", [("csrf", t), ("id", "4"), ("id", "5"), ("action", "disable")]), 200),
            (lambda: a.post("/users/import", {"csrf": t, "csv": csv}), 200),
            (lambda: a.post("/users/new", {"csrf": t, "given_name": "X", "family_name": "Y", "email": "bad"}), 422),
        ]
        for i in range(users_n):
            fn, want = uplan[i % len(uplan)]
            r = fn()
            if r.status != want:
                bad += 1
                if bad <= 5:
                    print("# users request %d: %d, expected %d" % (i, r.status, want), flush=True)
    dossiers_n = int(sys.argv[7]) if len(sys.argv) > 7 else 0
    if dossiers_n:
        d = s.login("lotte@hetanker.example")
        t = d.get("/dossiers/1/documents").csrf()
        pdf = b"%PDF-1.4\n" + b"x" * 20000

        def up(name, data, fields=(("csrf", t),)):
            body, ctype = multipart(list(fields), [("file", name, "application/pdf", data)])
            return d.request("POST", "/dossiers/1/documents", raw_body=body, headers={"Content-Type": ctype})
        assert up("eerste.pdf", pdf).status == 303
        doc = s.db1("SELECT MAX(id) FROM documents")
        dplan = [
            (lambda: d.get("/dossiers"), 200),
            (lambda: d.get("/dossiers/1"), 200),
            (lambda: d.get("/dossiers/1/documents"), 200),
            (lambda: d.get("/dossiers/1/download?doc=%s" % doc), 200),
            (lambda: up("factuur.pdf", pdf), 303),
            (lambda: up("notes.txt", b"plain text"), 415),
            (lambda: up("../x.pdf", pdf), 422),
            (lambda: up("x.pdf", pdf, ()), 403),
            (lambda: d.request("POST", "/dossiers/1/documents", raw_body=b"--x\r\nbroken",
                               headers={"Content-Type": "multipart/form-data; boundary=x"}), 400),
            (lambda: d.get("/dossiers/2"), 404),
            (lambda: d.get("/dossiers/1/settings"), 403),
            (lambda: d.get("/dossiers/request"), 200),
        ]
        for i in range(dossiers_n):
            fn, want = dplan[i % len(dplan)]
            r = fn()
            if r.status != want:
                bad += 1
                if bad <= 5:
                    print("# dossiers request %d: %d, expected %d" % (i, r.status, want), flush=True)
    incidents_n = int(sys.argv[8]) if len(sys.argv) > 8 else 0
    if incidents_n:
        j = s.login("joost@bakkerij-vandenberg.example")

        def new_incident(files=()):
            page = j.get("/incidents/new")
            token = re.search(r'name="form" value="(\d{32})"', page.text).group(1)
            body, ctype = multipart([("csrf", page.csrf()), ("title", "Soak"), ("body", "Een test van de soak."),
                                     ("category", "error"), ("priority", "normal"), ("form", token)], list(files))
            return j.request("POST", "/incidents/new", raw_body=body, headers={"Content-Type": ctype})
        t = j.get("/incidents").csrf()
        iplan = [
            (lambda: j.get("/incidents"), 200),
            (lambda: j.get("/incidents?status=new&q=Soak"), 200),
            (lambda: j.get("/incidents/1"), 200),
            (lambda: new_incident(), 303),
            (lambda: new_incident([("file", "x.pdf", "application/pdf", b"%PDF-1.4\n" + b"y" * 5000)]), 303),
            (lambda: new_incident([("file", "x.txt", "text/plain", b"text")]), 415),
            (lambda: j.post("/incidents/1/reply", {"csrf": t, "body": "Nog een reactie"}), 303),
            (lambda: j.get("/incidents/99999"), 404),
            (lambda: j.get("/incidents/queue"), 403),
        ]
        for i in range(incidents_n):
            fn, want = iplan[i % len(iplan)]
            r = fn()
            if r.status != want:
                bad += 1
                if bad <= 5:
                    print("# incidents request %d: %d, expected %d" % (i, r.status, want), flush=True)
    support_n = int(sys.argv[9]) if len(sys.argv) > 9 else 0
    if support_n:   # a read grant confirmed with the app, the desk working under it, the admin's pages
        i = s.login("ingrid@hetanker.example")
        s.enrol_app("ingrid@hetanker.example", i)
        page = i.get("/support")
        g = i.post("/support", {"csrf": page.csrf(), "scope": "read", "hours": "2", "reason": "Soak"}).location
        r = i.post(g + "/confirm", {"csrf": page.csrf(), "scope": "read", "hours": "2",
                                     "code": s.app_code("ingrid@hetanker.example")})
        bad += r.status != 303
        v = s.login("ahmed.elamrani@poortwachter.example")
        t = v.get("/support/desk").csrf()
        bad += v.post("/support/desk/5", {"csrf": t}).status != 303
        splan = [
            (lambda: v.get("/users"), 200),
            (lambda: v.get("/users/18"), 200),
            (lambda: v.post("/users/18", {"csrf": t, "given_name": "X", "family_name": "Y",
                                          "email": "bram@hetanker.example"}), 403),
            (lambda: v.get("/dossiers/1"), 200),
            (lambda: v.get("/support/desk"), 200),
            (lambda: i.get("/support"), 200),
            (lambda: i.get(g), 200),
            (lambda: i.post("/support", {"csrf": page.csrf(), "scope": "write", "hours": "1"}), 303),
            (lambda: i.post(g + "/confirm", {"csrf": page.csrf(), "scope": "write", "hours": "2", "code": "123456"}), 409),
        ]
        # the vendor's documents and announcements (their programs under valgrind too)
        adm = s.login("sanne.devries@poortwachter.example")
        pdf = [("file", "f.pdf", "application/pdf", b"%PDF-1.4\n" + b"z" * 3000)]

        def place(title):
            body, ctype = multipart([("csrf", adm.get("/documents/orgs/5").csrf()), ("category", "invoices"),
                                     ("title", title)], pdf)
            return adm.request("POST", "/documents/orgs/5", raw_body=body, headers={"Content-Type": ctype})
        ta = adm.get("/news/manage").csrf()
        splan += [
            (lambda: place("Soakfactuur"), 303),
            (lambda: i.get("/documents"), 200),
            (lambda: i.get("/documents/%s" % s.db1("SELECT MAX(id) FROM org_documents")), 200),
            (lambda: adm.post("/news", {"csrf": ta, "topic": "1", "title": "Soakbericht", "body": "Een test."}), 303),
            (lambda: i.get("/news"), 200),
            (lambda: i.get("/news/1"), 200),
            (lambda: i.post("/news/subscriptions", [("csrf", page.csrf()), ("topic", "1"), ("job", "1")]), 303),
        ]
        for k in range(support_n):
            fn, want = splan[k % len(splan)]
            r = fn()
            if r.status != want:
                bad += 1
                if bad <= 5:
                    print("# support request %d: %d, expected %d" % (k, r.status, want), flush=True)
    s.reset()
    print(("ok" if bad == 0 else "not ok") + " - valgrind: %d requests to the login program%s answered as expected"
          % (n, (" and %d to the users program" % users_n if users_n else "") +
             (" and %d to the dossiers program" % dossiers_n if dossiers_n else "") +
             (" and %d to the incidents program" % incidents_n if incidents_n else "") +
             (" and %d under a support grant" % support_n if support_n else "")))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
