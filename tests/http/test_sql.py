"""test_sql.py: the statements the programs own. The database layer's C test (tests/db/test_rows.c) against this
stack's MariaDB; every program's statements prepared with their named widths (PROGRAM --check-sql); each program
lists only its own statements and the library's; portalctl sql lists them all, once each."""
import os
import subprocess


def build(s, *parts):
    return os.path.join(s.root, os.environ.get("BUILD", "build/rel"), *parts)


def env(s):
    return dict(os.environ, PORTAL_CONFIG=os.path.join(s.var, "conf", "portal.conf"))


def programs(s):
    with open(os.path.join(s.root, "conf", "programs")) as f:
        return f.read().split()


def labels(out):
    return [line.split("\t", 1)[0] for line in out.splitlines()]


def test_the_database_layer_against_mariadb(s):
    p = subprocess.run([build(s, "tests", "db", "test_rows")], env=env(s), capture_output=True, text=True, timeout=60)
    bad = [line for line in p.stdout.splitlines() if line.startswith("not ok")]
    assert p.returncode == 0 and not bad and p.stdout.count("\nok ") >= 11, (p.returncode, bad, p.stderr[-800:])


def test_every_statement_prepares_with_its_named_columns(s):
    for cmd in [[prog, "--check-sql"] for prog in programs(s)] + [["portalctl", "check-sql"]]:
        p = subprocess.run([build(s, "cgi-bin", cmd[0])] + cmd[1:], env=env(s), capture_output=True, text=True,
                           timeout=60)
        assert p.returncode == 0, (cmd, p.stdout[-600:], p.stderr[-600:])


def test_a_program_lists_its_own_statements_and_the_librarys(s):
    for prog in programs(s):
        p = subprocess.run([build(s, "cgi-bin", prog), "--sql"], capture_output=True, text=True, timeout=30, check=True)
        for label in labels(p.stdout):
            assert label.startswith("lib/") or label.startswith("cgi-bin/%s." % prog) \
                or label.startswith("cgi-bin/%s/" % prog), (prog, label)


def test_portalctl_sql_lists_every_programs_statements_once(s):
    p = subprocess.run([build(s, "cgi-bin", "portalctl"), "sql"], env=env(s), capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr[-600:]
    names = labels(p.stdout)
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1][:5]
    assert "cgi-bin/audit.list" in names and "lib/session.auth" in names
    for prog in programs(s):
        q = subprocess.run([build(s, "cgi-bin", prog), "--sql"], capture_output=True, text=True, timeout=30, check=True)
        assert set(labels(q.stdout)) <= set(names), prog
