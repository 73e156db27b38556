"""test_resilience.py: a lost database answers 503 and the programs recover by themselves (DI-03, ACC-02)."""
import os
import subprocess

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
    for _ in range(8):   # every child of the program reconnects by itself
        r = c.get("/home")
        assert r.status == 200, "after the database returns: %r" % r
    assert open(os.path.join(s.var, "run", "home.pid")).read() == pids, "no program was restarted"
