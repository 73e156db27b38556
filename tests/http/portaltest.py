"""portaltest.py: helpers for the HTTP scenario tests: a cookie-keeping HTTP client, the stack under test
(its database through the real `mariadb` client, its test clock, its SMS outbox), and the demo logins.
Standard library only; every test talks real HTTP to the real programs behind the real web server."""
import http.client
import os
import re
import subprocess
import time
import urllib.parse


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body                # bytes
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def location(self):
        return self.header("Location")

    def csrf(self):
        m = re.search(r'name="csrf" value="([^"]+)"', self.text)
        return m.group(1) if m else None

    def __repr__(self):
        return "<Response %d %s>" % (self.status, self.location or "")


class Client:
    """One browser: keeps cookies (the portal's are host-only, path /), speaks HTTP/1.1 keep-alive."""

    def __init__(self, base, headers=None, source=None):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.cookies = {}
        self.extra = headers or {}
        self.conn = None
        self.source = (source, 0) if source else None   # a client address of its own (127.0.0.N)

    def _conn(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60, source_address=self.source)
        return self.conn

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None, cookies=True, raw_body=None):
        h = {"Host": "%s:%d" % (self.host, self.port)}
        h.update(self.extra)
        if cookies and self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        data = None
        if raw_body is not None:
            data = raw_body
        elif body is not None:
            data = urllib.parse.urlencode(body).encode() if isinstance(body, (dict, list)) else body.encode()
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        h.update(headers or {})
        for attempt in range(2):
            try:
                c = self._conn()
                c.request(method, path, body=data, headers=h)
                r = c.getresponse()
                body_bytes = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
        resp = Response(r.status, r.getheaders(), body_bytes)
        if r.getheader("Connection", "").lower() == "close":
            self.close()
        for v in resp.headers_named("Set-Cookie"):
            name, _, rest = v.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in v or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields=None, csrf_from=None, **kw):
        if isinstance(fields, list):     # a list of pairs may repeat a name (checkboxes)
            fields = list(fields)
            if csrf_from is not None and not any(k == "csrf" for k, _ in fields):
                fields.append(("csrf", self.get(csrf_from).csrf()))
        else:
            fields = dict(fields or {})
            if csrf_from is not None and "csrf" not in fields:
                fields["csrf"] = self.get(csrf_from).csrf()
        return self.request("POST", path, body=fields, **kw)


def multipart(fields, files, boundary="----poortwachterTestBoundary7MA4YWxk"):
    """A multipart/form-data body: fields as (name, value) pairs, files as (name, filename, type, bytes)."""
    out = b""
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode()
        out += str(value).encode() + b"\r\n"
    for name, filename, ctype, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: %s\r\n\r\n" % (boundary, name, filename, ctype)).encode("utf-8")
        out += data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=%s" % boundary


def walk_pages(client, path, row, next_id, size, check=None):
    """Follows a list's pages from path by its rel="next" link (the anchor with id next_id): every page 200,
    every page but the last holding `size` rows (the regex row's first group, in order). check(path,
    response, number) looks at each page: False (or an assertion of its own) fails it. Returns the rows of
    all pages and the number of pages."""
    seen, pages = [], 0
    while path:
        r = client.get(path)
        assert r.status == 200, (path, r)
        rows = re.findall(row, r.text)
        m = re.search(r'<a href="([^"]+)" rel="next" id="%s">' % next_id, r.text)
        assert len(rows) == size or not m, (path, len(rows))
        assert not check or check(path, r, pages) is not False, path
        seen += rows
        pages += 1
        path = m.group(1).replace("&amp;", "&") if m else None
    return seen, pages


def recv_until(sock, marker, size=65536):
    """What a raw socket receives until marker has arrived or the peer closes."""
    got = b""
    while marker not in got:
        chunk = sock.recv(size)
        if not chunk:
            break
        got += chunk
    return got


def upload(client, path, filename, data, ctype="application/pdf", csrf_from=None, fields=None):
    """POSTs one file the way a browser's upload form does (with the CSRF token of csrf_from)."""
    fields = list(fields or [])
    if csrf_from is not None:
        fields.append(("csrf", client.get(csrf_from).csrf()))
    body, content_type = multipart(fields, [("file", filename, ctype, data)])
    return client.request("POST", path, raw_body=body, headers={"Content-Type": content_type})


class Stack:
    """The throwaway stack started by tests/run.sh: base URL, VAR directory, database, clock, outbox."""

    def __init__(self, base, var, root):
        self.base = base
        self.var = var
        self.root = root
        self.sock = os.path.join(var, "run", "mysqld.sock")
        self.logins = {}
        self.app_secrets, self.app_steps = {}, {}
        with open(os.path.join(var, "demo-logins.txt"), encoding="utf-8") as f:
            for line in f:
                email, pw, org, roles = line.rstrip("\n").split("\t")
                self.logins[email] = (pw, org, roles)

    # ---- database ----
    def _mysql(self, user, pwfile, sql, check=True):
        with open(os.path.join(self.var, "secrets", pwfile)) as f:
            pw = f.read().strip()
        env = dict(os.environ, MYSQL_PWD=pw)
        p = subprocess.run(["mariadb", "--no-defaults", "-S", self.sock, "-u", user, "-N", "-B",
                            "--default-character-set=utf8mb4", "poortwachter", "-e", sql],
                           env=env, capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError("SQL failed: %s: %s" % (sql, p.stderr.strip()))
        return p

    def db(self, sql):
        """Rows of a query as lists of strings (run as the database admin)."""
        out = self._mysql("root", "db-root.pw", sql).stdout
        return [line.split("\t") for line in out.splitlines()]

    def db1(self, sql):
        rows = self.db(sql)
        return rows[0][0] if rows else None

    def db_as_app(self, sql):
        """Runs SQL as the application's database user; returns the completed process."""
        return self._mysql("portal_app", "db-app.pw", sql, check=False)

    # ---- clock, outbox, known state ----
    def clock(self, offset):
        with open(os.path.join(self.var, "run", "clock"), "w") as f:
            f.write(str(int(offset)))

    def advance(self, seconds):
        with open(os.path.join(self.var, "run", "clock")) as f:
            cur = int(f.read().strip() or 0)
        self.clock(cur + seconds)

    def reset(self):
        """Known state before every test: no sessions, codes, outbox rows or counters; clock at zero;
        demo users as the demo data made them."""
        self.clock(0)
        self.app_secrets, self.app_steps = {}, {}
        self.db("DELETE FROM users WHERE id > 22; DELETE FROM mail_outbox; DELETE FROM user_tokens;"
                " UPDATE users SET mobile_verified_at = created_at WHERE id <= 22 AND mobile IS NOT NULL;"
                " DELETE FROM sessions; DELETE FROM sms_outbox; DELETE FROM auth_throttle;"
                " UPDATE users SET status = 'active' WHERE id NOT IN (7, 12);"
                " UPDATE users SET status = 'disabled' WHERE id = 12;"
                " UPDATE users SET lang = 'nl' WHERE id <> 10; UPDATE users SET lang = 'en' WHERE id = 10")
        # dossiers as the demo data made them (profiles, assignments, modules), without documents
        self.db("DELETE FROM account_requests; DELETE FROM documents; DELETE FROM dossier_users; DELETE FROM dossiers WHERE id > 3;"
                " UPDATE dossiers SET modules = 'documents,archive,reports,payments,finance', responsible_id = 17,"
                "  name = 'Brasserie Het Anker BV — boekhouding' WHERE id = 1;"
                " UPDATE dossiers SET modules = 'documents,archive,reports', responsible_id = 17,"
                "  name = 'Het Anker Vastgoed BV' WHERE id = 2;"
                " UPDATE dossiers SET modules = 'documents,archive,reports,payments,finance', responsible_id = 8 WHERE id = 3;"
                " INSERT INTO dossier_users (dossier_id, user_id, assigned_by, assigned_at) VALUES"
                "  (1,17,17,0),(1,18,17,0),(1,19,17,0),(1,20,17,0),(1,21,17,0),(1,22,17,0),"
                "  (2,17,17,0),(2,18,17,0),(2,20,17,0),(2,21,17,0),(3,8,8,0);"
                " DELETE FROM user_roles WHERE user_id <= 22")
        # every demo user's roles and profile as the demo data gives them (sql/demo/001_demo.sql)
        demo = open(os.path.join(self.root, "sql", "demo", "001_demo.sql"), encoding="utf-8").read()
        pairs = re.findall(r"\((\d+), '(\w+)'\)", re.search(r"INSERT INTO demo_ur VALUES(.*?);", demo, re.S).group(1))
        pairs += [(u, k) for u, k in re.findall(r"INSERT INTO user_roles \(user_id, role_id, granted_at\) SELECT (\d+), id,"
                                                r" @now FROM roles WHERE rkey = '(\w+)'", demo)]
        self.db("INSERT INTO user_roles (user_id, role_id, granted_at) SELECT x.u, r.id, 0 FROM roles r JOIN ("
                + " UNION ALL ".join("SELECT %s u, '%s' k" % p for p in pairs) + ") x ON x.k = r.rkey")
        # incidents and the quota as the demo data made them
        self.db("DELETE FROM incidents WHERE id > 2; DELETE FROM incident_messages WHERE incident_id > 2 OR id > 1;"
                " UPDATE incidents SET status = 'waiting', handler_id = 2 WHERE id = 1;"
                " UPDATE incidents SET status = 'new', handler_id = NULL WHERE id = 2;"
                " UPDATE organisations SET quota_override = NULL, over_quota_since = NULL, address = '', invoice_email = '',"
                "  phone = '', contact_checked_at = NULL, contact_reminded_at = NULL, admins_need_app = 0;"
                " UPDATE organisations SET size_class = CASE id WHEN 3 THEN 2 WHEN 4 THEN 3 ELSE 1 END;"
                " UPDATE users SET certified_expert = 0, certified_at = NULL, certified_by = NULL;"
                " UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_pending_at = NULL, totp_last_step = 0,"
                "  totp_enabled_at = NULL, second_factor = 'sms'")
        # the on-request activations as the demo data made them (Incidentmanagement for org 3 only)
        self.db("DELETE FROM support_grants; DELETE FROM org_documents; DELETE FROM news WHERE id > 2;"
                " DELETE FROM user_news_topics; DELETE FROM user_job_roles;"
                " INSERT INTO user_news_topics (user_id, topic_id) SELECT 3, id FROM news_topics WHERE tkey = 'new';"
                " INSERT INTO user_job_roles (user_id, job_role_id) SELECT 8, id FROM job_roles WHERE jkey = 'appbeheer'")
        self.db("DELETE FROM org_roles; INSERT INTO org_roles (org_id, role_id, enabled_by, enabled_at)"
                " SELECT 3, id, 1, 0 FROM roles WHERE rkey = 'incidentmanagement'")
        # the role sets' contents as the migration made them, and each demo customer's set (sql/023, the demo)
        sets = open(os.path.join(self.root, "sql", "023_role_sets.sql"), encoding="utf-8").read()
        self.db("DELETE FROM role_set_roles; "
                + re.search(r"INSERT INTO role_set_roles .*?;\n", sets, re.S).group(0))
        self.db("DELETE FROM org_role_sets; INSERT INTO org_role_sets (org_id, set_id, enabled_by, enabled_at)"
                " SELECT o.id, s.id, 1, 0 FROM (SELECT 2 AS id, 'aip' AS skey UNION ALL SELECT 3, 'afas' UNION ALL"
                " SELECT 4, 'backoffice' UNION ALL SELECT 5, 'dossiers') o JOIN role_sets s ON s.skey = o.skey")
        # the back office's records as the demo data made them (sql/demo/001_demo.sql)
        demo = open(os.path.join(self.root, "sql", "demo", "001_demo.sql"), encoding="utf-8").read()
        rows = re.search(r"INSERT INTO bo_records .*?\);\n", demo, re.S).group(0).replace("@now", "0")
        self.db("DELETE FROM bo_records; " + rows)
        docs = os.path.join(self.var, "documents")
        for f in os.listdir(docs) if os.path.isdir(docs) else []:
            os.unlink(os.path.join(docs, f))

    def drop_org(self, org):
        """Removes an organisation a test made, with its colleagues and everything of theirs."""
        ids = ",".join(x for (x,) in self.db("SELECT id FROM users WHERE org_id = %s" % org)) or "0"
        self.db("UPDATE sessions SET acting_org_id = NULL WHERE acting_org_id = {1};"
                " DELETE FROM sessions WHERE user_id IN ({0}); DELETE FROM user_tokens WHERE user_id IN ({0});"
                " DELETE FROM mail_outbox WHERE user_id IN ({0}); DELETE FROM user_roles WHERE user_id IN ({0});"
                " DELETE FROM users WHERE id IN ({0}); DELETE FROM org_roles WHERE org_id = {1};"
                " DELETE FROM org_role_sets WHERE org_id = {1}; DELETE FROM organisations WHERE id = {1}".format(ids, org))

    def last_code(self, email):
        body = self.db1("SELECT o.body FROM sms_outbox o JOIN users u ON u.id = o.user_id"
                        " WHERE u.email = '%s' ORDER BY o.id DESC LIMIT 1" % email.replace("'", "''"))
        m = re.search(r"\b(\d{6})\b", body or "")
        return m.group(1) if m else None

    def throttle_subject(self, label, text):
        """The throttle table's subject for a text: HMAC under the portal key's sub-key for the label."""
        import hashlib
        import hmac
        with open(os.path.join(self.var, "secrets", "hmac.key"), "rb") as f:
            key = f.read().rstrip(b" \t\r\n")
        sub = hmac.new(key, label.encode(), hashlib.sha256).digest()
        return hmac.new(sub, text.encode(), hashlib.sha256).hexdigest()

    def mail_token(self, email):
        """The token of the link in the newest mail to an address (tests read the outbox, not a mock)."""
        body = self.db1("SELECT body FROM mail_outbox WHERE to_addr = '%s' ORDER BY id DESC LIMIT 1"
                        % email.replace("'", "''"))
        m = re.search(r"[?&]t=([A-Za-z0-9_-]{43})", body or "")
        return m.group(1) if m else None

    def mail_count(self, email=None):
        where = " WHERE to_addr = '%s'" % email.replace("'", "''") if email else ""
        return int(self.db1("SELECT COUNT(*) FROM mail_outbox" + where))

    def sms_count(self, email):
        return int(self.db1("SELECT COUNT(*) FROM sms_outbox o JOIN users u ON u.id = o.user_id"
                            " WHERE u.email = '%s'" % email.replace("'", "''")))

    def client(self, **kw):
        return Client(self.base, **kw)

    def password(self, email):
        return self.logins[email][0]

    # ---- the login flow ----
    def login_password(self, email, password=None, client=None, next_path=None):
        c = client or self.client()
        fields = {"email": email, "password": password if password is not None else self.password(email)}
        if next_path:
            fields["next"] = next_path
        r = c.post("/login", fields, csrf_from="/login")
        return c, r

    # ---- the authenticator app (vendor staff must use one, AUTH-08) ----
    def offset(self):
        """The programs' clock offset (TEST_CLOCK stacks); 0 on a stack without one (the benchmark's)."""
        try:
            with open(os.path.join(self.var, "run", "clock")) as f:
                return int(f.read().strip() or 0)
        except FileNotFoundError:
            return 0

    def app_code(self, email):
        """A code from the user's app, for a step not used before (the clock moves on a step if needed)."""
        import base64
        import hashlib
        import hmac
        import struct
        step = int(time.time() + self.offset()) // 30
        if step <= self.app_steps.get(email, 0):
            self.advance(30 * (self.app_steps[email] - step + 1))
            step = int(time.time() + self.offset()) // 30
        self.app_steps[email] = step
        b32 = self.app_secrets[email]
        key = base64.b32decode(b32 + "=" * (-len(b32) % 8))
        mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
        o = mac[-1] & 0x0F
        return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)

    def enrol_app(self, email, c):
        page = c.get("/account/totp")
        c.post("/account/totp/start", {"csrf": page.csrf()})
        page = c.get("/account/totp")
        self.app_secrets[email] = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
        r = c.post("/account/totp/confirm", {"csrf": page.csrf(), "code": self.app_code(email)})
        assert r.status == 303, "enrolment: %r" % r

    def login(self, email, client=None):
        """The full login: password, the code (from the SMS outbox, or from the app), home. Vendor staff
        enrol an app at their first login, as the portal makes them. Returns the client."""
        c, r = self.login_password(email, client=client)
        assert r.status == 303 and r.location.startswith("/verify_sms"), "password step: %r %s" % (r, r.text[:300])
        if r.location.startswith("/verify_sms/app"):
            r = c.post("/verify_sms/app", {"code": self.app_code(email)}, csrf_from="/verify_sms/app")
        else:
            r = c.post("/verify_sms", {"code": self.last_code(email)}, csrf_from="/verify_sms")
        assert r.status == 303 and r.location == "/home", "code step: %r" % r
        if email not in self.app_secrets and self.db1(
                "SELECT o.kind FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.email = '%s'"
                % email.replace("'", "''")) == "vendor":
            self.enrol_app(email, c)
        return c


def session_cookie(client):
    return client.cookies.get("pw_session")


def timed(fn, *a, **kw):
    t = time.monotonic()
    r = fn(*a, **kw)
    return r, time.monotonic() - t
