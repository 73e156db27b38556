#!/usr/bin/python3
# cpu.py: the processor time the server side spends per request, by process: what a scenario's throughput is
# made of, and a figure that a busy neighbour on the machine disturbs far less than req/s (it counts the work,
# not the waiting). bench/run.sh snapshots every process's user+system time (/proc/PID/stat) before and after
# each wrk run and reports, per scenario, the median over the repetitions of the microseconds per request in
# the FastCGI program, in mariadbd, in nginx and in all of them together. wrk itself is not counted.
#   cpu.py snap FILE                         the snapshot
#   cpu.py diff BEFORE AFTER SCENARIO PROGRAM N OUT
#                                            appends "SCENARIO total program mariadbd nginx PROGRAM" (µs per
#                                            request; PROGRAM "-": none, nginx answers alone)
#   cpu.py report FILE                       the medians, a line per scenario, in the order first seen
#   cpu.py settle [SECONDS]                  waits (at most SECONDS, default 20) until the machine is quiet:
#                                            requests still in flight after wrk stopped (a text search runs
#                                            for a second and more in mariadbd) would otherwise be counted
#                                            in the next scenario's time and slow its first second (its p99)
import os
import statistics
import sys
import time

GROUPS = ("mariadbd", "nginx")


def snap():
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                s = f.read()
        except OSError:
            continue   # ended meanwhile
        comm = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[pid] = (comm, int(fields[11]) + int(fields[12]))   # utime + stime, in clock ticks
    return out


def settle(limit):
    """Returns once the processes other than this one used under a tenth of a core for 0.3 s, twice in a
    row, or after limit seconds; prints how long it waited when that was more than a moment."""
    me, start, quiet = str(os.getpid()), time.monotonic(), 0
    window = 0.3
    ticks = window * os.sysconf("SC_CLK_TCK") / 10
    while quiet < 2 and time.monotonic() - start < limit:
        a = snap()
        time.sleep(window)
        b = snap()
        used = sum(t - a[p][1] for p, (c, t) in b.items() if p in a and a[p][0] == c and p != me)
        quiet = quiet + 1 if used <= ticks else 0
    waited = time.monotonic() - start
    if waited > 1:
        print("settle: %.1f s until the machine was quiet%s" % (waited, "" if quiet >= 2 else " (gave up)"),
              file=sys.stderr)


def load(path):
    out = {}
    with open(path) as f:
        for line in f:
            pid, comm, ticks = line.split()
            out[pid] = (comm, int(ticks))
    return out


def main():
    cmd = sys.argv[1]
    if cmd == "snap":
        with open(sys.argv[2], "w") as f:
            for pid, (comm, ticks) in snap().items():
                f.write("%s %s %d\n" % (pid, comm.replace(" ", "_"), ticks))
    elif cmd == "diff":
        a, b, sc, prog, n = load(sys.argv[2]), load(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
        if n <= 0:
            return
        us = 1e6 / os.sysconf("SC_CLK_TCK") / n
        by = {}
        for pid, (comm, ticks) in b.items():
            if pid in a and a[pid][0] == comm:   # a process that ended meanwhile is not counted
                by[comm] = by.get(comm, 0) + ticks - a[pid][1]
        part = [by.get(prog, 0) * us] + [by.get(g, 0) * us for g in GROUPS]
        with open(sys.argv[7], "a") as f:
            f.write("%s %.0f %.0f %.0f %.0f %s\n" % (sc, sum(part), part[0], part[1], part[2], prog))
    elif cmd == "settle":
        settle(float(sys.argv[2]) if len(sys.argv) > 2 else 20)
    elif cmd == "report":
        rows, order = {}, []
        with open(sys.argv[2]) as f:
            for line in f:
                p = line.split()
                if p[0] not in rows:
                    order.append(p[0])
                rows.setdefault(p[0], []).append(p)
        for sc in order:
            r = rows[sc]
            med = [statistics.median(float(x[i]) for x in r) for i in (1, 2, 3, 4)]
            print("%-18s %5.0f us  (%s %.0f, mariadbd %.0f, nginx %.0f)"
                  % (sc, med[0], r[-1][5] if r[-1][5] != "-" else "no program", med[1], med[2], med[3]))


if __name__ == "__main__":
    main()
