"""test_roundtrips.py: database round trips per authenticated page (issue 7: at most 3; DESIGN: one query for
session + user + rights). Counted with the server's own counter of client statements ('Questions', which
includes every prepared-statement execution) around one request, calibrated against the counting itself."""

PAGES = [   # (who, path, most round trips)
    ("pieter@dehaan-assurantien.example", "/home", 1),
    ("pieter@dehaan-assurantien.example", "/users", 3),
    ("pieter@dehaan-assurantien.example", "/users?sort=email&status=active", 3),
    ("pieter@dehaan-assurantien.example", "/users/4", 3),
    ("pieter@dehaan-assurantien.example", "/rights", 3),
    ("ingrid@hetanker.example", "/dossiers/1", 3),
    ("joost@bakkerij-vandenberg.example", "/incidents", 3),
    ("joost@bakkerij-vandenberg.example", "/incidents/1", 3),
    ("joost@bakkerij-vandenberg.example", "/incidents?q=printer", 3),
    ("sanne.devries@poortwachter.example", "/incidents/queue?q=printer&status=waiting", 3),
    ("sanne.devries@poortwachter.example", "/orgs", 3),
    ("sanne.devries@poortwachter.example", "/quota/orgs?state=over", 3),
]


def questions(s):
    return int(s.db("SHOW GLOBAL STATUS LIKE 'Questions'")[0][1])


def test_round_trips_per_page(s):
    clients = {}
    for who, path, _ in PAGES:
        if who not in clients:
            clients[who] = s.login(who)
        for _ in range(8):   # warm every child of the program: the catalogue is read once per process
            assert clients[who].get(path).status == 200
    a = questions(s)
    b = questions(s)
    counting = b - a   # what reading the counter costs itself
    seen = []
    for who, path, most in PAGES:
        before = questions(s)
        r = clients[who].get(path)
        n = questions(s) - before - counting
        assert r.status == 200, (path, r.status)
        seen.append((path, n))
        assert 1 <= n <= most, "%s took %d round trips (at most %d)" % (path, n, most)
    print("# round trips: " + ", ".join("%s %d" % p for p in seen))
