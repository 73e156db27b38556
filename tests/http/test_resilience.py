"""test_resilience.py: a lost database answers 503 and the programs recover by themselves (DI-03, ACC-02), also
when it is stopped for 10 s under load; the
database killed with SIGKILL under a write load loses nothing that was acknowledged (DI-01); a FastCGI child
killed with SIGKILL is replaced and no request is lost in between; a full, read-only or missing upload folder
answers uploads with a clear 503 and affects nothing else (issue 7)."""
import os
import re
import signal
import subprocess
import threading
import time

from portaltest import multipart, upload

ADMIN = "pieter@dehaan-assurantien.example"


def _stack(s, what):
    subprocess.run(["sh", os.path.join(s.root, "conf", "stack.sh"), what, s.var, s.root], check=True,
                   capture_output=True)


def test_database_down_503_then_recovery_without_restart(s):
    c = s.login(ADMIN)
    pids = open(os.path.join(s.var, "run", "home.pid")).read()
    _stack(s, "db-stop")
    try:
        r = c.get("/home")
        assert r.status == 503 and "tijdelijk niet beschikbaar" in r.text, "never fail open: %r" % r
        r = c.get("/home")
        assert r.status == 503, r
        _, r = s.login_password(ADMIN)
        assert r.status == 503, r
    finally:
        _stack(s, "db-start")
    back = time.monotonic()
    for _ in range(8):   # every child of the program reconnects by itself, at once
        r = c.get("/home")
        assert r.status == 200, "after the database returns: %r" % r
    assert time.monotonic() - back < 2, "full service within 2 s of the database's return"
    assert open(os.path.join(s.var, "run", "home.pid")).read() == pids, "no program was restarted"


def test_database_stopped_10_s_under_load(s):
    """DI-03 under load: four sessions keep asking for pages of three programs while the database is stopped
    for 10 s. During the outage every answer is a 503 with its message (never a 500, a 502, a hang or a
    login page: never fail open); within 2 s of the database's return every answer is a 200 again; no
    program or child was restarted."""
    users = (ADMIN, "marieke@bakkerij-vandenberg.example", "willem.kok@zeeuwse-onderlinge.example",
             "fleur@dehaan-assurantien.example")
    clients = [s.login(u) for u in users]
    paths = ("/home", "/account", "/users")
    programs = ("home", "account", "users")
    watchers = {p: open(os.path.join(s.var, "run", p + ".pid")).read().strip() for p in programs}
    kids = lambda: sorted(subprocess.run(["pgrep", "-P", ",".join(watchers.values())], capture_output=True,
                                         text=True).stdout.split())
    children = kids()
    log, stop = [], threading.Event()

    def load(c, k):
        i = k
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            if path == "/users" and c is clients[3]:
                path = "/home"   # Fleur has no users.view
            t0 = time.monotonic()
            try:
                r = c.get(path)
                log.append((t0, time.monotonic(), path, r.status, "tijdelijk niet beschikbaar" in r.text))
            except OSError as e:
                log.append((t0, time.monotonic(), path, repr(e), False))
                c.close()

    threads = [threading.Thread(target=load, args=(c, k)) for k, c in enumerate(clients)]
    for t in threads:
        t.start()
    try:
        time.sleep(1)
        _stack(s, "db-stop")
        down = time.monotonic()
        time.sleep(10)
        restart = time.monotonic()   # the database may answer before db-start returns
        _stack(s, "db-start")
        back = time.monotonic()
        time.sleep(3)
    finally:
        stop.set()
        for t in threads:
            t.join()
        subprocess.run(["sh", os.path.join(s.root, "conf", "stack.sh"), "db-start", s.var, s.root], capture_output=True)
    bad = [x for x in log if x[3] not in (200, 503) or (x[3] == 503 and not x[4])]
    assert not bad, "only 200, or 503 with its message: %r" % bad[:5]
    outage = [x for x in log if x[0] >= down and x[1] <= restart]
    assert len(outage) > 20 and all(x[3] == 503 for x in outage), \
        "503 throughout the outage: %d answers, %r" % (len(outage), [x for x in outage if x[3] != 503][:5])
    after = [x for x in log if x[0] >= back + 2]
    assert len(after) > 20 and all(x[3] == 200 for x in after), "full service within 2 s: %r" % after[:5]
    recovered = min(x[1] for x in log if x[0] >= back and x[3] == 200)
    assert recovered - back < 2, recovered - back
    assert {p: open(os.path.join(s.var, "run", p + ".pid")).read().strip() for p in programs} == watchers
    assert kids() == children, "no child died or was restarted"


def challenge_locked(s):
    """The admin past the password, and another connection (a mariadb client, kept open) holding the row lock
    on the session's SMS challenge: (client, code, session id, the code page, the holder; COMMIT releases it)."""
    c, r = s.login_password(ADMIN)
    assert r.status == 303 and r.location.startswith("/verify_sms"), r
    code = s.last_code(ADMIN)
    sid = s.db1("SELECT id FROM sessions WHERE user_id = 3 AND stage = 'pending' ORDER BY id DESC LIMIT 1")
    page = c.get("/verify_sms")
    holder = subprocess.Popen(["mariadb", "--no-defaults", "-S", os.path.join(s.var, "run", "mysqld.sock"), "-uroot",
                               "-N", "-B", "--unbuffered", "poortwachter"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env={"MYSQL_PWD": open(os.path.join(s.var, "secrets", "db-root.pw")).read().strip()})
    holder.stdin.write("START TRANSACTION; SELECT id FROM sms_challenges WHERE session_id = %s FOR UPDATE;\n" % sid)
    holder.stdin.flush()
    assert holder.stdout.readline().strip(), "the challenge is locked"
    return c, code, sid, page, holder


def test_a_transaction_that_waited_too_long_for_a_lock_runs_again(s):
    """A request whose transaction waits more than 5 s for a row lock (a deadlock's victim is treated the
    same) is rolled back and run again from the start, not answered with a 500: the code is entered while
    another connection holds the session's SMS challenge for 6.5 s; the login still succeeds, once."""
    c, code, sid, page, holder = challenge_locked(s)
    try:
        mark = s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log")
        out, t0 = {}, time.monotonic()
        t = threading.Thread(target=lambda: out.setdefault("r", c.post("/verify_sms", {"csrf": page.csrf(), "code": code})))
        t.start()
        time.sleep(6.5)
        holder.stdin.write("COMMIT;\n")
        holder.stdin.flush()
        t.join()
    finally:
        holder.stdin.close()
        holder.wait()
    took = time.monotonic() - t0
    r = out["r"]
    assert r.status == 303 and r.location == "/home", "run again, not a 500: %r" % r
    assert 6 < took < 12, took
    assert c.get("/home").status == 200
    assert s.db1("SELECT COUNT(*) FROM audit_log WHERE event = 'login_ok' AND user_id = 3 AND id > %s" % mark) == "1"
    log = open(os.path.join(s.var, "log", "nginx-error.log")).read()
    assert "run again (2)" in log


def test_a_lock_held_past_every_rerun_gives_busy_and_changes_nothing(s):
    """The same, with the lock held for 16 s: all three runs wait 5 s and give up. The answer is a 503 with
    the busy message in the user's language (not a 500), the session stays pending, and once the lock is
    gone the same code logs in."""
    c, code, sid, page, holder = challenge_locked(s)
    try:
        t0 = time.monotonic()
        r = c.post("/verify_sms", {"csrf": page.csrf(), "code": code})
        took = time.monotonic() - t0
        holder.stdin.write("COMMIT;\n")
        holder.stdin.flush()
    finally:
        holder.stdin.close()
        holder.wait()
    assert r.status == 503 and "Het portaal is even te druk" in r.text, r
    assert 14 < took < 20, took
    assert s.db1("SELECT stage FROM sessions WHERE id = %s" % sid) == "pending"
    assert s.db1("SELECT COUNT(*) FROM sms_challenges WHERE session_id = %s AND state = 'open' AND attempts = 0" % sid) == "1"
    r = c.post("/verify_sms", {"csrf": page.csrf(), "code": code})
    assert r.status == 303 and r.location == "/home", r


def test_database_killed_under_write_load_keeps_every_acknowledged_write(s):
    """DI-01: three sessions submit incidents and reply to them while mariadbd is killed with SIGKILL and
    started again; afterwards every submission and reply that was answered with a redirect (a 2xx/3xx: the
    user was told it was saved) is in the database, exactly once; the open incidents each organisation keeps
    (sql/021) still equal its incidents."""
    joost = "joost@bakkerij-vandenberg.example"
    clients = [s.login(joost) for _ in range(3)]
    incidents, replies, lock = [], [], threading.Lock()
    stop = time.monotonic() + 9

    def writer(k, c):
        n = 0
        while time.monotonic() < stop:
            n += 1
            try:
                page = c.get("/incidents/new")
                m = re.search(r'name="form" value="(\d{32})"', page.text) if page.status == 200 else None
                if not m:
                    time.sleep(0.05)
                    continue
                title = "DI-01 %d-%d" % (k, n)
                body, ctype = multipart([("csrf", page.csrf()), ("title", title), ("body", "Ingediend tijdens een crash."),
                                         ("category", "error"), ("priority", "normal"), ("form", m.group(1))], [])
                r = c.request("POST", "/incidents/new", raw_body=body, headers={"Content-Type": ctype})
                if r.status != 303:
                    continue
                iid = int(re.search(r"^/incidents/(\d+)", r.location).group(1))
                with lock:
                    incidents.append((iid, title))
                text = "Antwoord op %s" % title
                if c.post("/incidents/%d/reply" % iid, {"csrf": page.csrf(), "body": text}).status == 303:
                    with lock:
                        replies.append((iid, text))
            except OSError:   # a connection cut while the database restarts: not acknowledged, nothing to check
                c.close()
    threads = [threading.Thread(target=writer, args=(k, c)) for k, c in enumerate(clients)]
    for t in threads:
        t.start()
    time.sleep(3)
    before = len(incidents)
    pid = int(open(os.path.join(s.var, "run", "mysqld.pid")).read().strip())
    os.kill(pid, signal.SIGKILL)
    time.sleep(1)
    _stack(s, "db-start")
    for t in threads:
        t.join()
    assert before > 3 and len(incidents) > before, (before, len(incidents))   # load before and after the crash
    for iid, title in incidents:
        assert s.db1("SELECT title FROM incidents WHERE id = %d" % iid) == title, (iid, title)
        assert s.db1("SELECT COUNT(*) FROM incidents WHERE title = '%s'" % title) == "1", title
    for iid, text in replies:
        assert s.db1("SELECT COUNT(*) FROM incident_messages WHERE incident_id = %d AND body = '%s'" % (iid, text)) == "1"
    # the open incidents kept per organisation (sql/021) commit with their incidents: still equal to a count
    assert s.db1("SELECT COUNT(*) FROM organisations o WHERE o.open_incidents <> (SELECT COUNT(*) FROM incidents i"
                 " WHERE i.org_id = o.id AND i.status NOT IN ('resolved', 'closed'))") == "0"
    assert clients[0].get("/incidents").status == 200


def test_a_killed_program_child_is_replaced(s):
    """A FastCGI child killed with SIGKILL: multiwatch starts another; the other children answer meanwhile."""
    c = s.login(ADMIN)
    watcher = int(open(os.path.join(s.var, "run", "home.pid")).read().strip())
    kids = lambda: sorted(int(p) for p in subprocess.run(["pgrep", "-P", str(watcher)], capture_output=True,
                                                         text=True).stdout.split())
    first = kids()
    assert first, "the home program runs under multiwatch"
    os.kill(first[0], signal.SIGKILL)
    for _ in range(50):   # gone (a request it accepted while dying would be one in flight), and replaced
        now = kids()
        if len(now) == len(first) and first[0] not in now:
            break
        time.sleep(0.1)
    assert len(now) == len(first) and first[0] not in now, (first, now)
    statuses = [c.get("/home").status for _ in range(20)]
    assert statuses == [200] * 20, statuses
    os.kill(now[-1], signal.SIGKILL)   # and while requests keep coming: at most the one in flight fails
    statuses = [c.get("/home").status for _ in range(20)]
    assert statuses.count(200) >= 19 and set(statuses) <= {200, 502}, statuses


def test_full_read_only_or_missing_upload_folder(s):
    """A full, read-only or missing documents folder: an upload gets a clear 503 and leaves nothing behind
    (no row, no file); every other page works. Full and read-only with a small tmpfs over the folder where
    mounting is allowed (root); missing (a file in its place) everywhere."""
    docs = os.path.join(s.var, "documents")
    i = s.login("ingrid@hetanker.example")
    small = b"%PDF-1.4\n" + b"x" * 1000

    def refused(data, name):
        r = upload(i, "/dossiers/1/documents", name, data, csrf_from="/dossiers/1/documents")
        assert r.status == 503 and "opslag is vol of niet beschikbaar" in r.text, (name, r.status)
        assert s.db1("SELECT COUNT(*) FROM documents") == "0"
        assert i.get("/dossiers/1").status == 200 and i.get("/users").status == 200 and i.get("/home").status == 200
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", docs],
                             capture_output=True).returncode == 0
    try:
        if mounted:
            refused(b"%PDF-1.4\n" + b"x" * 200000, "groot.pdf")      # the disk is full
            assert os.listdir(docs) == [], "a partial file was left behind"
            subprocess.run(["mount", "-o", "remount,ro", docs], check=True)
            refused(small, "klein.pdf")                               # read-only
    finally:
        if mounted:
            subprocess.run(["umount", docs], check=True)
    os.rename(docs, docs + ".away")
    try:
        open(docs, "w").close()
        refused(small, "klein.pdf")                                   # not there (a file in its place)
    finally:
        os.unlink(docs)
        os.rename(docs + ".away", docs)
    r = upload(i, "/dossiers/1/documents", "klein.pdf", small, csrf_from="/dossiers/1/documents")
    assert r.status == 303 and s.db1("SELECT COUNT(*) FROM documents") == "1"


def test_uploads_survive_killed_children_and_database(s):
    """Uploads under load while the dossiers program's children and then the database are killed with SIGKILL:
    every upload that was acknowledged (303) has its one row and its file, byte for byte (SHA-256); afterwards
    `portalctl sweep-uploads --min-age 0` finds no row without its file, removes what a killed upload left
    behind, and the folder then holds exactly the files the rows name. A first run of this test found a row
    without its file: a COMMIT that reached the server but whose answer was lost looked failed, and the handler
    deleted the file of a row that was committed after all. That moment is rare, so the test catches it only
    sometimes; the handlers now keep the file after a failed COMMIT, for the sweep to judge."""
    import hashlib
    docs = os.path.join(s.var, "documents")
    clients = [s.login("ingrid@hetanker.example") for _ in range(3)]
    done, lock = [], threading.Lock()
    stop = time.monotonic() + 9

    def writer(k, c):
        n = 0
        while time.monotonic() < stop:
            n += 1
            name = "di-%d-%d.pdf" % (k, n)
            data = b"%PDF-1.4\n% " + name.encode() + b"\n" + os.urandom(30000) + b"\n%%EOF\n"
            try:
                r = upload(c, "/dossiers/1/documents", name, data, csrf_from="/dossiers/1/documents")
            except (OSError, AttributeError):   # cut while a child or the database died: not acknowledged
                c.close()
                continue
            if r.status == 303:
                with lock:
                    done.append((name, hashlib.sha256(data).hexdigest()))
    threads = [threading.Thread(target=writer, args=(k, c)) for k, c in enumerate(clients)]
    for t in threads:
        t.start()
    watcher = int(open(os.path.join(s.var, "run", "dossiers.pid")).read().strip())
    for at in (2, 3.5):
        time.sleep(at - (9 - (stop - time.monotonic())))
        kids = subprocess.run(["pgrep", "-P", str(watcher)], capture_output=True, text=True).stdout.split()
        for pid in kids[:2]:
            os.kill(int(pid), signal.SIGKILL)
    time.sleep(1.5)
    os.kill(int(open(os.path.join(s.var, "run", "mysqld.pid")).read().strip()), signal.SIGKILL)
    time.sleep(1)
    _stack(s, "db-start")
    for t in threads:
        t.join()
    try:
        assert len(done) > 5, done
        for name, sha in done:
            rows = s.db("SELECT stored_name, HEX(sha256) FROM documents WHERE filename = '%s'" % name)
            assert len(rows) == 1 and rows[0][1].lower() == sha, (name, rows)
            with open(os.path.join(docs, rows[0][0]), "rb") as f:
                assert hashlib.sha256(f.read()).hexdigest() == sha, name
        env = dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))
        ctl = next(os.path.join(s.root, b, "cgi-bin", "portalctl") for b in ("build/rel", "build/san")
                   if os.path.exists(os.path.join(s.root, b, "cgi-bin", "portalctl")))
        sweep = subprocess.run([ctl, "sweep-uploads", "--min-age", "0"], env=env, capture_output=True, text=True)
        assert sweep.returncode == 0 and " 0 row(s) without their file" in sweep.stdout, sweep
        named = {x for (x,) in s.db("SELECT stored_name FROM documents UNION ALL SELECT stored_name FROM incident_files"
                                    " UNION ALL SELECT stored_name FROM org_documents")}
        assert set(os.listdir(docs)) == named, (set(os.listdir(docs)) ^ named)
        assert clients[0].get("/dossiers/1/documents").status == 200
    finally:
        for (x,) in s.db("SELECT stored_name FROM documents WHERE filename LIKE 'di-%'"):
            if os.path.exists(os.path.join(docs, x)):
                os.unlink(os.path.join(docs, x))
        s.db("DELETE FROM documents WHERE filename LIKE 'di-%'")
