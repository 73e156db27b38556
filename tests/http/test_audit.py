"""test_audit.py: the audit trail (LOG-01, LOG-02)."""
ADMIN = "pieter@dehaan-assurantien.example"


def test_login_events_audited_without_secrets(s):
    before = int(s.db1("SELECT COALESCE(MAX(id), 0) FROM audit_log"))
    s.login_password(ADMIN, "wrong password 123")
    s.login(ADMIN)
    rows = s.db("SELECT event, org_id, user_id, client_addr, request_id, at, detail FROM audit_log"
                " WHERE id > %d ORDER BY id" % before)
    events = [r[0] for r in rows]
    assert events == ["login_failed", "login_password_ok", "login_ok"], events
    for ev, org, user, addr, rid, at, detail in rows:
        assert org == "2" and user == "3", (ev, org, user)
        assert addr == "127.0.0.1" and len(rid) == 16 and int(at) > 0
    text = " ".join(" ".join(r) for r in rows)
    assert "wrong password 123" not in text and s.password(ADMIN) not in text
    assert s.last_code(ADMIN) not in text, "no code in the audit trail"


def test_audit_log_is_append_only_for_the_application(s):
    assert s.db_as_app("INSERT INTO audit_log (at, event) VALUES (1, 'test')").returncode == 0
    p = s.db_as_app("UPDATE audit_log SET event = 'x' WHERE event = 'test'")
    assert p.returncode != 0 and "append-only" in p.stderr, p.stderr
    p = s.db_as_app("DELETE FROM audit_log WHERE event = 'test'")
    assert p.returncode != 0, p.stderr
    p = s.db_as_app("DROP TRIGGER audit_log_no_delete")
    assert p.returncode != 0, "the application cannot drop the trigger"
    p = s.db_as_app("TRUNCATE TABLE audit_log")
    assert p.returncode != 0, "nor truncate"


def test_log_lines_carry_no_secrets(s):
    import os
    c = s.client()
    token = c.get("/login").csrf()
    c.post("/login", {"email": ADMIN, "password": "pw-in-log-test-xyz", "csrf": "bogus" + token[5:]})
    s.login(ADMIN)
    with open(os.path.join(s.var, "log", "nginx-error.log"), encoding="utf-8", errors="replace") as f:
        text = f.read()
    assert "pw-in-log-test-xyz" not in text and s.password(ADMIN) not in text
    assert "CSRF" in text, "the refusal is logged"
