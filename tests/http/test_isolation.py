"""test_isolation.py: the tenant-isolation matrix (DESIGN, ACC-01): every role × every route that names an
object × an object of another organisation → 403 or 404, never its data, nothing changed. The routes are
read from the programs' route tables, so a new route with an id is in the matrix (or fails it) by itself.
Ids carried in form or query fields (bulk selections, assignees, filters) are checked as well."""
import os
import re
import subprocess

ACTORS = {   # one per kind of user: admins, plain colleagues, each dossier profile with and without rights
    "pieter@dehaan-assurantien.example": 2,     # Beheerder
    "fleur@dehaan-assurantien.example": 2,      # Medewerker + Klantbeeld
    "marieke@bakkerij-vandenberg.example": 3,   # Beheerder, sees dossier 3 as its admin
    "joost@bakkerij-vandenberg.example": 3,     # Medewerker + Incidentenbeheer
    "ingrid@hetanker.example": 5,               # Beheerder + Administrator of dossiers 1 and 2
    "bram@hetanker.example": 5,                 # Full Access
    "willem.kok@zeeuwse-onderlinge.example": 4, # Beheerder of the back office, products approval
    "sophie.meijer@zeeuwse-onderlinge.example": 4,  # back office: view, change or create per module
    "renee@hetanker.example": 5,                # Document Delivery
}
# per organisation: an object of another organisation of each kind, and texts that would betray it
FOREIGN = {
    2: {"user": 17, "dossier": 1, "doc_dossier": 1, "rec_org": 4, "marks": ["Ingrid", "Peeters", "Het Anker", "Geheim-4"]},
    3: {"user": 17, "dossier": 1, "doc_dossier": 1, "rec_org": 4, "marks": ["Ingrid", "Peeters", "Het Anker", "Geheim-4"]},
    4: {"user": 8, "dossier": 3, "doc_dossier": 3, "rec_org": 2, "marks": ["Marieke", "Bakkerij", "Geheim-2"]},
    5: {"user": 8, "dossier": 3, "doc_dossier": 3, "rec_org": 4, "marks": ["Marieke", "Bakkerij", "Lopende rekening", "Geheim-4"]},
}
POST_FIELDS = {   # the fields a route's form really has, so that a refusal comes from the id, not the form
    "/users/#": {"given_name": "Over", "family_name": "Genomen", "email": "over@genomen.example"},
    "/rights/users/#": {"role": "2"},
    "/dossiers/#/settings": {"name": "Overgenomen"},
    "/dossiers/#/assign": {"user": "20"},
    "/dossiers/#/unassign": {"user": "8"},
    "/dossiers/#/profile": {"user": "8", "profile": "0"},
    "/dossiers/#/forward": {"doc": "DOC", "to": "8"},
    "/dossiers/#/approve": {"doc": "DOC"},
    "/dossiers/#/process": {"doc": "DOC"},
    "/dossiers/#/paid": {"doc": "DOC"},
    "/dossiers/requests/#": {"decision": "decline"},
    "/incidents/#/reply": {"body": "Overgenomen"},
    "/incidents/#/status": {"status": "closed"},
    "/quota/orgs/#": {"size_class": "4", "override": "50"},
    "/dossiers/#/request": {"given_name": "A", "family_name": "B", "email": "a@b.example"},
}
BO_FIELDS = {"ref": "X-1", "title": "Overgenomen"}


def routes(root):
    """(method, path, upload) of every route with an id in its path, as the programs themselves list them."""
    progs = open(os.path.join(root, "conf", "programs"), encoding="utf-8").read().split()
    build = next(b for b in ("build/rel", "build/san") if os.path.exists(os.path.join(root, b, "cgi-bin", progs[0])))
    out = []
    for p in progs:
        lines = subprocess.run([os.path.join(root, build, "cgi-bin", p), "--routes"], capture_output=True, text=True,
                               check=True).stdout.splitlines()
        assert lines, p
        for line in lines:
            f = line.split()
            if "#" in f[1]:
                out.append((f[0], f[1], f[-1] == "upload"))
    return out


def snapshot(s):
    """The tenant data an attacker could change; for users the fields that matter, not the login bookkeeping
    (last login, a rehashed password) that other sessions may write at any time."""
    users = s.db1("SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', id, org_id, email, status, given_name, family_name, mobile,"
                  " role_ids, certified_expert) ORDER BY id SEPARATOR '/')) FROM users")
    return [users] + s.db("CHECKSUM TABLE user_roles, dossiers, dossier_users, documents, org_roles, user_tokens, bo_records,"
                          " account_requests, incidents, incident_messages, organisations, support_grants, org_documents")


def foreign_doc(s, dossier):
    org = s.db1("SELECT org_id FROM dossiers WHERE id = %d" % dossier)
    s.db("INSERT INTO documents (dossier_id, org_id, uploader_id, filename, stored_name, content_type, size, sha256,"
         " created_at) VALUES (%d, %s, NULL, 'geheim-%d.pdf', MD5(RAND()), 'application/pdf', 10, UNHEX(SHA2('x', 256)), 0)"
         % (dossier, org, dossier))
    return s.db1("SELECT MAX(id) FROM documents WHERE dossier_id = %d" % dossier)


def foreign_rec(s, org, module):
    """A back-office record of organisation org in module, made for the test."""
    s.db("INSERT INTO bo_records (org_id, module, ref, title, note, created_at) VALUES (%d, '%s', 'G-%d', 'Geheim-%d', '', 0)"
         % (org, module, org, org))
    return s.db1("SELECT MAX(id) FROM bo_records WHERE org_id = %d AND module = '%s'" % (org, module))


def obj_for(path, foreign, s):
    m = re.match(r"/backoffice/(\w+)/#", path)
    if m:
        return foreign_rec(s, foreign["rec_org"], m.group(1))
    if path.startswith("/dossiers/requests/#"):
        u = foreign["user"]
        s.db("INSERT INTO account_requests (org_id, responsible_id, email, given_name, family_name, created_at)"
             " SELECT org_id, id, 'geheim@example.org', 'Geheim', 'Verzoek', 0 FROM users WHERE id = %d" % u)
        return s.db1("SELECT MAX(id) FROM account_requests WHERE responsible_id = %d" % u)
    if path.startswith("/users/#") or path.startswith("/rights/users/#"):
        return foreign["user"]
    if path.startswith("/dossiers/#"):
        return foreign["dossier"]
    if path.startswith("/account/sessions/#"):
        return int(s.db1("SELECT MAX(id) FROM sessions WHERE user_id = %d" % foreign["user"]))
    if path.startswith("/incidents/#"):
        org = 3 if foreign["user"] == 8 else 5
        s.db("INSERT INTO incidents (org_id, submitter_id, title, body, form_token, created_at, updated_at)"
             " VALUES (%d, %d, 'Geheim-incident', 'Geheim', LPAD(FLOOR(RAND() * 1e9), 32, '7'), 0, 0)" % (org, foreign["user"]))
        return s.db1("SELECT MAX(id) FROM incidents")
    if path.startswith("/orgs/#"):
        return 3 if foreign["user"] == 8 else 5    # the vendor's organisations program: no customer role reaches it
    if path.startswith("/quota/orgs/#"):
        return 3 if foreign["user"] == 8 else 5    # the vendor's page: no customer role reaches it
    if path.startswith("/support/grants/#"):
        org = 3 if foreign["user"] == 8 else 5    # an active grant of the other organisation
        s.db("INSERT INTO support_grants (org_id, scope, hours, reason, granted_by, created_at, confirmed_at, expires_at)"
             " VALUES (%d, 'write', 72, 'Geheim-incident', %d, 0, 0, UNIX_TIMESTAMP() + 86400)" % (org, foreign["user"]))
        return s.db1("SELECT MAX(id) FROM support_grants")
    if path.startswith("/documents/orgs/#"):
        return 3 if foreign["user"] == 8 else 5    # the vendor's page: no customer role reaches it
    if path.startswith("/documents/#"):            # an invoice and a financial document of the other organisation
        org = 3 if foreign["user"] == 8 else 5
        s.db("INSERT INTO org_documents (org_id, category, title, filename, stored_name, content_type, size, sha256,"
             " created_at) VALUES (%d, 'invoices', 'Geheim-incident', 'g.pdf', MD5(RAND()), 'application/pdf', 10,"
             " UNHEX(SHA2('x', 256)), 0)" % org)
        return s.db1("SELECT MAX(id) FROM org_documents")
    if path.startswith("/news/#"):              # a note addressed to a role in the organisation nobody ticked
        s.db("INSERT INTO news (topic_id, job_role_id, title, body, published_at) SELECT 1, id, 'Geheim-incident',"
             " 'Geheim', 0 FROM job_roles WHERE jkey = 'hr'")
        return s.db1("SELECT MAX(id) FROM news")
    if path.startswith("/support/desk/#"):
        return 3 if foreign["user"] == 8 else 5    # the vendor's desk: no customer role reaches it
    if path.startswith("/rights/catalogue/"):
        return 1        # the vendor's catalogue: no customer role reaches it at all
    if path.startswith("/rights/roles/#"):
        return None     # the catalogue is global; its holder list is checked below
    raise AssertionError("route %s is not in the isolation matrix: say which object its id names" % path)


def test_every_route_with_an_id_refuses_other_organisations_objects(s):
    table = routes(s.root)
    assert len(table) >= 45 and any(p.startswith("/dossiers/#") for _, p, _ in table)
    docs = {d: foreign_doc(s, d) for d in (1, 3)}
    # a live session of each foreign user, so that /account/sessions/N/end has a real target
    s.login("ingrid@hetanker.example")
    s.login("marieke@bakkerij-vandenberg.example")
    clients = {who: s.login(who) for who in ACTORS}
    objs = {}
    checked = 0
    for who, org in ACTORS.items():
        for _, path, _ in table:
            if (org, path) not in objs:
                objs[(org, path)] = obj_for(path, FOREIGN[org], s)
    before = snapshot(s)
    for who, org in ACTORS.items():
        c = clients[who]
        foreign = FOREIGN[org]
        csrf = c.get("/home").csrf()
        for method, path, is_upload in table:
            key = (org, path)
            if key not in objs:
                objs[key] = obj_for(path, foreign, s)
            oid = objs[key]
            if oid is None:
                continue
            url = path.replace("#", str(oid))
            doc = docs[foreign["doc_dossier"]]
            if method == "GET":
                r = c.get(url + ("?doc=%s" % doc if path.endswith("/download") else "?f=1" if path.endswith("/file") else ""))
            elif is_upload:
                from portaltest import upload
                r = upload(c, url, "x.pdf", b"%PDF-1.4\n", fields=[("csrf", csrf)])
            else:
                fields = {k: (doc if v == "DOC" else v)
                          for k, v in (BO_FIELDS if re.fullmatch(r"/backoffice/\w+/#", path) else POST_FIELDS.get(path, {})).items()}
                fields["csrf"] = csrf
                r = c.post(url, fields)
            assert r.status in (403, 404), (who, method, url, r.status)
            for mark in foreign["marks"] + ["Geheim-incident"]:
                assert mark not in r.text, (who, method, url, mark)
            checked += 1
    assert checked >= 9 * 45
    assert snapshot(s) == before
    assert s.db1("SELECT COUNT(*) FROM sessions WHERE user_id IN (8, 17)") != "0"


def test_ids_in_fields_and_own_routes_refuse_foreign_objects(s):
    """Own dossier or list, foreign id in a field: a document of another dossier, an assignee, a responsible
    person, a bulk selection, an audit filter, a role holder list."""
    doc3 = foreign_doc(s, 3)
    i = s.login("ingrid@hetanker.example")
    before = snapshot(s)
    assert i.get("/dossiers/1/download?doc=%s" % doc3).status == 404
    csrf = i.get("/dossiers/1/documents").csrf()
    for path, fields in [("/dossiers/1/process", {"doc": doc3}), ("/dossiers/1/approve", {"doc": doc3}),
                         ("/dossiers/1/forward", {"doc": doc3, "to": "18"}), ("/dossiers/1/paid", {"doc": doc3})]:
        fields["csrf"] = csrf
        assert i.post(path, fields).status == 404, path
    for path, fields in [("/dossiers/1/assign", {"user": "8"}), ("/dossiers/1/settings", {"name": "X Y", "responsible": "8"}),
                         ("/dossiers", {"name": "Nieuw", "responsible": "8"})]:
        fields["csrf"] = csrf
        r = i.post(path, fields)
        assert r.status == 422 and "Marieke" not in r.text, (path, r.status)
    r = i.post("/users/bulk", [("csrf", csrf), ("id", "8"), ("action", "disable")])   # a per-row "not found"
    assert r.status in (200, 404, 422) and "Marieke" not in r.text and "marieke@" not in r.text, r
    r = i.get("/audit?user=8")
    assert r.status in (200, 404, 422) and "Marieke" not in r.text and "marieke@" not in r.text
    beheerder = s.db1("SELECT id FROM roles WHERE rkey = 'beheerder'")
    r = i.get("/rights/roles/%s" % beheerder)
    assert r.status == 200 and "Ingrid" in r.text and "Marieke" not in r.text and "Pieter" not in r.text
    admin_profile = s.db1("SELECT id FROM roles WHERE rkey = 'profile_administrator'")
    r = i.get("/rights/roles/%s" % admin_profile)
    assert r.status == 200 and "Ingrid" in r.text and "Marieke" not in r.text
    after = snapshot(s)
    assert after == before, [(a, b) for a, b in zip(before, after) if a != b]
