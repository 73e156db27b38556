"""test_mail.py: the mail outbox drained by `portalctl mail-send`: the file driver (development log) and the
command driver (a sendmail-compatible program: `-i -- recipient`, the message on stdin, exit 0 = sent),
with failures kept for a retry; the links come from portal.base_url, never from the Host header."""
import os
import subprocess

ADMIN = "pieter@dehaan-assurantien.example"
NEW = "mail.test@dehaan-assurantien.example"


def _invite(s, host=None):
    c = s.login(ADMIN, client=s.client(headers={"Host": host}) if host else None)
    r = c.get("/users/new")
    r = c.post("/users/new", {"csrf": r.csrf(), "given_name": "Zoë", "family_name": "Test", "email": NEW,
                              "mobile": "0612121212"})
    assert r.status == 303, r


def _ctl(s, conf, *args):
    ctl = os.path.join(s.root, os.environ.get("BUILD", "build/rel"), "cgi-bin", "portalctl")
    return subprocess.run([ctl, *args], env=dict(os.environ, PORTAL_CONFIG=conf), capture_output=True, text=True)


def test_file_driver_writes_the_message(s):
    _invite(s)
    log = os.path.join(s.var, "log", "mail.log")
    size = os.path.getsize(log) if os.path.exists(log) else 0
    p = _ctl(s, os.path.join(s.var, "conf", "portal.conf"), "mail-send")
    assert p.returncode == 0 and "1 sent" in p.stdout, p.stdout + p.stderr
    with open(log, encoding="utf-8") as f:
        f.seek(size)
        msg = f.read()
    assert "To: %s\n" % NEW in msg and "Subject: " in msg and "Content-Type: text/plain; charset=utf-8" in msg
    assert "Beste Zoë," in msg and "/password/invite?t=" in msg
    assert s.db1("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL") == "0"
    assert "0 sent" in _ctl(s, os.path.join(s.var, "conf", "portal.conf"), "mail-send").stdout


def test_links_come_from_base_url_not_the_host_header(s):
    """A forged Host must not put another site in an invitation or reset link."""
    port = s.base.rsplit(":", 1)[1]
    _invite(s, host="evil.example:%s" % port)
    body = s.db1("SELECT body FROM mail_outbox WHERE to_addr = '%s'" % NEW)
    assert "evil.example" not in body and "http://127.0.0.1:%s/password/invite?t=" % port in body, body


def test_command_driver_and_retry(s):
    _invite(s)
    d = os.path.join(s.var, "mailgw")
    os.makedirs(d, exist_ok=True)
    script, out = os.path.join(d, "sendmail.sh"), os.path.join(d, "sendmail.out")
    with open(script, "w") as f:
        f.write('#!/bin/sh\nif [ -e "%s.fail" ]; then exit 75; fi\necho "args: $*" >> "%s"\ncat >> "%s"\n'
                % (out, out, out))
    os.chmod(script, 0o755)
    conf = os.path.join(d, "portal.conf")
    with open(os.path.join(s.var, "conf", "portal.conf")) as f:
        text = f.read().replace("[mail]\ndriver = file", "[mail]\ndriver = command\ncommand = %s" % script)
    with open(conf, "w") as f:
        f.write(text)
    open(out + ".fail", "w").close()
    p = _ctl(s, conf, "mail-send")
    assert "0 sent" in p.stdout, p.stdout + p.stderr
    assert "status 75" in (s.db1("SELECT last_error FROM mail_outbox") or "")
    os.unlink(out + ".fail")
    s.db("UPDATE mail_outbox SET claimed_at = claimed_at - 121")
    p = _ctl(s, conf, "mail-send")
    assert "1 sent" in p.stdout, p.stdout + p.stderr
    got = open(out, encoding="utf-8").read()
    assert got.startswith("args: -i -- %s\n" % NEW) and "To: %s" % NEW in got and "/password/invite?t=" in got, got
