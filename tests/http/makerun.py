"""makerun.py: what `make run` does, end to end, on a free port and a temporary VAR:
start it, read the URL and the demo logins it prints, log in with curl-like requests reading the code
from VAR/log/sms.log (written by the SMS sender it runs), stop it with Ctrl-C (SIGINT to make's whole
process group, as a terminal sends it: within 5 s, "stopped", no process of the stack left), start it
again on the same data (no demo reload, same logins), and stop it again.
    python3 tests/http/makerun.py ROOT VAR PORT"""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portaltest import Client  # noqa: E402

failed = 0


def step(name, cond, detail=""):
    global failed
    print(("ok" if cond else "not ok") + " - make run: " + name + ("" if cond else " " + detail), flush=True)
    if not cond:
        failed += 1
    return cond


def start(root, var, port):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    p = subprocess.Popen(["make", "-s", "-C", root, "run", "RUN_VAR=" + var, "RUN_PORT=%d" % port],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                         start_new_session=True)
    out = []
    deadline = time.time() + 120
    while time.time() < deadline:
        line = p.stdout.readline()
        if not line:
            break
        out.append(line)
        if "Ctrl-C stops everything" in line:
            return p, "".join(out)
    return p, "".join(out)


def code_from_log(var, phone, after):
    for _ in range(100):
        try:
            with open(os.path.join(var, "log", "sms.log"), encoding="utf-8") as f:
                lines = f.read().splitlines()[after:]
            for l in reversed(lines):
                m = re.search(r"SMS to %s: .*?\b(\d{6})\b" % re.escape(phone), l)
                if m:
                    return m.group(1)
        except FileNotFoundError:
            pass
        time.sleep(0.1)
    return None


def log_lines(var):
    try:
        with open(os.path.join(var, "log", "sms.log"), encoding="utf-8") as f:
            return len(f.read().splitlines())
    except FileNotFoundError:
        return 0


def login(var, port):
    with open(os.path.join(var, "demo-logins.txt"), encoding="utf-8") as f:
        email, pw, org, roles = f.readline().rstrip("\n").split("\t")
    c = Client("http://127.0.0.1:%d" % port)
    before = log_lines(var)
    r = c.post("/login", {"email": email, "password": pw}, csrf_from="/login")
    if r.status != 303:
        return False, "password step %r" % r
    phone = "+31610000003" if email.startswith("pieter@") else None
    code = code_from_log(var, phone or r"\+\d+", before)
    if not code:
        return False, "no code in sms.log"
    r = c.post("/verify_sms", {"code": code}, csrf_from="/verify_sms")
    if r.status != 303:
        return False, "code step %r" % r
    r = c.get("/home")
    return r.status == 200 and "Mijn portaal" in r.text and org in r.text, "home %r" % r


def stack_processes(var):
    """Processes started for VAR: named in their command line or their environment (PORTAL_CONFIG)."""
    found = []
    key = var.encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read()
            with open("/proc/%s/environ" % pid, "rb") as f:
                envb = f.read()
        except OSError:
            continue
        if key in cmd or b"PORTAL_CONFIG=" + key in envb:
            found.append("%s %s" % (pid, cmd.replace(b"\0", b" ").decode(errors="replace")[:80]))
    return found


def stop(p, var):
    """Ctrl-C in the terminal: SIGINT to make's process group; everything gone within 5 s."""
    t = time.time()
    os.killpg(p.pid, signal.SIGINT)
    try:
        rest = p.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        return False, "did not stop within 60 s"
    took = time.time() - t
    left = stack_processes(var)
    ok = "stack: stopped" in rest and took < 5 and not left
    return ok, "took %.1f s; left %s; output %s" % (took, left, rest[-300:])


def alive(pidfile):
    try:
        os.kill(int(open(pidfile).read()), 0)
        return True
    except (OSError, ValueError):
        return False


def main():
    root, var, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    p, out = start(root, var, port)
    step("prints the URL", "http://127.0.0.1:%d/" % port in out, out[-500:])
    step("prints the demo logins and where SMS codes appear",
         "Demo logins" in out and "@" in out and "sms.log" in out)
    with open(os.path.join(var, "demo-logins.txt"), encoding="utf-8") as f:
        first = f.readline()
    step("the first demo login is an organisation admin", "Beheerder" in first.split("\t")[3])
    ok, detail = login(var, port)
    step("a login with the code from var/log/sms.log reaches the home page", ok, detail)
    pids = [os.path.join(var, "run", n) for n in ("nginx.pid", "mysqld.pid", "login.pid")]
    live = [alive(x) for x in pids]
    ok, detail = stop(p, var)
    step("Ctrl-C stops everything within 5 s and says so", ok, detail)
    step("everything it started has stopped", all(live) and not any(os.path.exists(x) and alive(x) for x in pids))
    p, out = start(root, var, port)
    step("starts again on the same data", "Ctrl-C stops everything" in out, out[-500:])
    with open(os.path.join(var, "demo-logins.txt"), encoding="utf-8") as f:
        step("demo data kept, not loaded twice", f.readline() == first)
    ok, detail = login(var, port)
    step("the same demo login works after the restart", ok, detail)
    ok, detail = stop(p, var)
    step("stops again", ok, detail)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
