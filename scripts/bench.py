#!/usr/bin/env python3
"""bench.py - `make bench`: docket's speed on a firm's whole history.

Makes synthetic firms (scripts/bench-firm.py writes the files, then one
`git add -A && git commit`) under build/bench/, and prints, measured in the
same run against a baseline:

  - `docket report --json` against reading every file under cases/ with cat,
  - the report's peak memory,
  - `docket note` against `git add` + `git commit` of one file in the same
    repository, on firms of 40, 10,000 and 50,000 cases,
  - the read commands (list, due, escalate, next, report --json, agenda,
    records, ID completion) at 10,000 and 50,000 cases, with no status
    cache (cold) and with it (warm), and their peak memory, against
    taskwarrior's `task next` on 10,000 pending tasks with annotations,
    timed again right after each (and, with BENCH_BEFORE=path, an older
    docket's times),
  - hostile sizes: `list`, `due`, `report --json`, `show` and `set` on a
    firm with one case.ini of 1, 2 and 3.9 MB (many keys, many sections, a
    value of many lines) and of 10 MB (refused), and with a docket.ini of
    20,000 staff, against `cat` of that file: reading is linear, so each
    time grows with the size, not with its square.

Each time is the median of several runs, after one run to warm the cache.
BENCH_SIZES (default "40,10000,50000") and BENCH_REPS (default 7) change
what runs; BENCH_HOSTILE=0 leaves out the hostile sizes.
"""
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCKET = os.path.join(TOP, "docket")
BENCH = os.path.join(TOP, "build", "bench")
AS_OF = "2026-11-22"

ENV = dict(os.environ)
for k in ("DOCKET_NOW", "DOCKET_USER", "GIT_DIR", "GIT_WORK_TREE", "NO_COLOR"):
    ENV.pop(k, None)
ENV.update({
    "TZ": "UTC",
    # init makes this person the firm's first staff entry, "partner"
    "GIT_AUTHOR_NAME": "Bench Partner",
    "GIT_AUTHOR_EMAIL": "partner@bench.example",
    "GIT_COMMITTER_NAME": "Bench Partner",
    "GIT_COMMITTER_EMAIL": "partner@bench.example",
    "GIT_CONFIG_NOSYSTEM": "1",
})


def run(cmd, cwd=None, env=None, out=subprocess.DEVNULL):
    return subprocess.run(cmd, cwd=cwd, env=env or ENV, stdout=out, check=True)


# the processor time (user + system) of each command timed, in order: on
# a machine others share, steadier than the time on the clock
CPU = []


def timed(cmd, cwd, env=None):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    run(cmd, cwd=cwd, env=env)
    t = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    return t


def medians(f, n):
    """f (a timed run) n times: the median time and processor time."""
    w, c = [], []
    for _ in range(n):
        w.append(f())
        c.append(CPU[-1])
    return statistics.median(w), statistics.median(c)


def peak_kib(cmd, cwd, env):
    """The peak resident memory of cmd, from getrusage in a fresh child."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    r = subprocess.run([sys.executable, "-c", probe] + cmd, cwd=cwd, env=env,
                       stdout=subprocess.PIPE, check=True, text=True)
    return int(r.stdout.strip())


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    fs = subprocess.run(["stat", "-f", "-c", "%T", BENCH], stdout=subprocess.PIPE,
                        text=True).stdout.strip()
    git = subprocess.run(["git", "--version"], stdout=subprocess.PIPE,
                         text=True).stdout.strip()
    lg2 = subprocess.run(["pkg-config", "--modversion", "libgit2"],
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    print("machine: %d CPUs (%s), %s of memory, Linux %s, %s file system"
          % (os.cpu_count(), model, mem, platform.release(), fs))
    print("         %s, libgit2 %s, load average %s"
          % (git, lg2, " ".join(open("/proc/loadavg").read().split()[:3])))


def make_firm(n):
    firm = os.path.join(BENCH, "firm-%d" % n)
    shutil.rmtree(firm, ignore_errors=True)
    t = time.perf_counter()
    env = dict(ENV, DOCKET_NOW=AS_OF)
    run([DOCKET, "init", firm, "--name", "Bench Injury Law"], env=env)
    run([sys.executable, os.path.join(TOP, "scripts", "bench-firm.py"), firm,
         str(n)])
    run(["git", "config", "gc.auto", "0"], cwd=firm)
    run(["git", "add", "-A"], cwd=firm)
    run(["git", "commit", "-q", "-m", "bench: %d synthetic cases" % n],
        cwd=firm)
    os.sync()	# written out now, not while anything is timed
    files = size = 0
    for root, _, names in os.walk(os.path.join(firm, "cases")):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(root, name)).st_size
    print("\nfirm of %d cases: %d files under cases/ (%.1f MB), made and "
          "committed in %.0f s" % (n, files, size / 1e6,
                                   time.perf_counter() - t))
    return firm


def median_pair(a, b, reps):
    """Run a and b alternately reps times (after one warm-up each)."""
    a()
    b()
    ta, tb = [], []
    for _ in range(reps):
        ta.append(a())
        tb.append(b())
    return statistics.median(ta), statistics.median(tb)


def bench_report(firm, reps):
    env = dict(ENV, DOCKET_NOW=AS_OF)
    report = ["sh", "-c", "exec %s report --json >/dev/null" % DOCKET]
    cat = ["sh", "-c", "find cases -type f -print0 | xargs -0 cat >/dev/null"]
    tr, tc = median_pair(lambda: timed(report, firm, env),
                         lambda: timed(cat, firm), reps)
    print("  docket report --json %7.3f s   cat of every file %7.3f s   "
          "ratio %.2f (target <= 1.5)" % (tr, tc, tr / tc))
    kib = peak_kib([DOCKET, "report", "--json"], firm, env)
    print("  report peak memory   %7.1f MiB (target < 64 MiB at 10,000 "
          "cases)" % (kib / 1024))
    r = json.loads(subprocess.run([DOCKET, "report", "--json"], cwd=firm,
                                  env=env, stdout=subprocess.PIPE,
                                  check=True).stdout)
    print("  (%d open, %d closed; %d overdue, %d suggested escalations, "
          "%d stale, contact %s%%)"
          % (r["open"], r["closed"], len(r["overdue"]),
             len(r["suggested_escalations"]), len(r["contact"]["stale"]),
             r["contact"]["pct"]))


def taskwarrior_next(n, reps):
    """The baseline: `task next` on n pending tasks, each with annotations,
    in a scratch TASKDATA (imported from JSON: quicker than n `task add`)."""
    task = shutil.which("task")
    if not task:
        sys.exit("bench: taskwarrior is not installed (%s)" % subprocess.run(
            ["sh", os.path.join(TOP, "scripts", "deps.sh"), "--line", "bench"],
            stdout=subprocess.PIPE, text=True).stdout.strip())
    top = os.path.join(BENCH, "taskwarrior-%d" % n)
    shutil.rmtree(top, ignore_errors=True)
    os.makedirs(os.path.join(top, "data"))
    rnd = __import__("random").Random(n)
    with open(os.path.join(top, "tasks.json"), "w") as f:
        for i in range(n):
            t = {"uuid": "%08x-0000-4000-8000-%012x" % (i, i),
                 "status": "pending", "entry": "20240101T000000Z",
                 "description": "Follow up with client %d about the records "
                                "and the adjuster" % i,
                 "project": "case%d" % (i % 500), "tags": ["pi"],
                 "annotations": [{"entry": "2024%02d01T000000Z" % (k + 1),
                                  "description": "Called the client, left a "
                                                 "voicemail %d" % k}
                                 for k in range(rnd.randint(1, 5))]}
            if i % 3 == 0:
                t["due"] = "2026%02d%02dT000000Z" % (rnd.randint(1, 12),
                                                    rnd.randint(1, 28))
            f.write(json.dumps(t) + "\n")
    open(os.path.join(top, "taskrc"), "w").close()
    env = dict(ENV, TASKRC=os.path.join(top, "taskrc"),
               TASKDATA=os.path.join(top, "data"))
    base = [task, "rc.confirmation=off", "rc.verbose=nothing",
            "rc.hooks=off"]
    subprocess.run(base + ["import", os.path.join(top, "tasks.json")],
                   env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    count = subprocess.run(base + ["count"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True).stdout.strip()
    ver = subprocess.run([task, "--version"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True).stdout.strip()
    cmd = base + ["next"]
    timed(cmd, top, env)
    t, c = medians(lambda: timed(cmd, top, env), reps)
    print("\nbaseline: taskwarrior %s, task next on %s pending tasks with "
          "annotations: %.3f s (processor %.3f s)" % (ver, count, t, c))
    print("  (run again beside each read command: each ratio is of the two "
          "taken one after the other)")
    return lambda: timed(cmd, top, env)


# the read commands, as each is measured: (name, argv after docket)
READS = [("list", ["list"]), ("due", ["due"]), ("escalate", ["escalate"]),
         ("next", ["next", "--all"]), ("report --json", ["report", "--json"]),
         ("agenda", ["agenda", "a00"]), ("records", ["records"]),
         ("completion (IDs)", ["__complete", "cases", "s"])]


def bench_reads(firm, n, reps, task_next, before=None, at10k=None):
    """Each read command with no cache (cold) and with it (warm), with
    its peak memory; against task next, an older docket, and 10,000
    cases.  Returns the warm times."""
    env = dict(ENV, DOCKET_NOW=AS_OF)
    cache = os.path.join(firm, ".git", "docket", "status")

    def cold(argv, prog=DOCKET):
        def f():
            if os.path.exists(cache):
                os.unlink(cache)
            return timed([prog] + argv, firm, env)
        return f

    def warm(argv):
        return lambda: timed([DOCKET] + argv, firm, env)

    print("  read commands, %d cases (the median of %d runs; warm: the "
          "cache written more than a second before):" % (n, reps))
    # the files and the cache a second old: racy entries are read again
    run([DOCKET, "list"], cwd=firm, env=env)
    time.sleep(1.1)
    run([DOCKET, "report", "--json"], cwd=firm, env=env)
    time.sleep(1.1)
    print("  %-17s %7s %7s %7s %8s %7s  %-22s %s" % (
        "command", "cold", "warm", "(cpu)", "peak", "task",
        "warm/task next (cpu)", "cold/before" if before else
        ("warm/10k" if at10k else "")))
    out = {}
    size = 0
    for name, argv in READS:
        tc = statistics.median(cold(argv)() for _ in range(max(3, reps // 2)))
        run([DOCKET] + argv, cwd=firm, env=env)
        time.sleep(1.1)
        # the command's runs, then task next's, each after one to warm
        # up, as hyperfine takes them: the two measured within the same
        # few seconds, each on a machine as it is after running itself
        # (strictly in turn, each run would begin with the other's
        # memory in the processor's caches)
        warm(argv)()
        tw, cw = medians(warm(argv), reps)
        task_next()
        tn, tnc = medians(task_next, reps)
        if name == "report --json":
            size = os.path.getsize(cache)
        peak = max(peak_kib([DOCKET] + argv, firm, env),
                   peak_kib(["sh", "-c", "rm -f \"$0\"; exec \"$@\"", cache,
                             DOCKET] + argv, firm, env))
        extra = ""
        if before:
            # the older docket cold too: its cache (if it has one) gone
            tb = statistics.median(cold(argv, before)()
                                   for _ in range(max(3, reps // 2)))
            extra = "%.3f s before: %.2f" % (tb, tc / tb)
        elif at10k and name in at10k:
            extra = "%.2f (cases x%.0f)" % (tw / at10k[name], n / 10000)
        rw, rc = tw / tn, cw / tnc
        # the quarter is the target at 10,000 cases; past it, the target
        # is growth with the cases (warm/10k)
        verdict = "" if n != 10000 else "<= 0.25" if rw <= 0.25 else "> 0.25"
        print("  %-17s %6.3fs %6.3fs %6.3fs %5.1fMiB %6.3fs  %5.2f (%4.2f) "
              "%-9s %s" % (name, tc, tw, cw, peak / 1024, tn, rw, rc,
                           verdict, extra))
        out[name] = tw
    print("  (the cache after report: %.1f MB; peak memory target: 32 MiB)"
          % (size / 1e6))
    print("  (the target, a quarter of task next, is in elapsed time, what "
          "a user waits;\n   cpu: user + system time of all of docket's "
          "threads, shown for the record)")
    return out


def bench_note(firm, reps):
    ids = []
    for year in sorted(os.listdir(os.path.join(firm, "cases"))):
        ids += sorted(os.listdir(os.path.join(firm, "cases", year)))[:reps + 1]
    ids = ids[-(reps + 1):]
    state = {"i": 0, "j": 0}
    scratch = os.path.join(firm, "bench-scratch.txt")

    def note():
        case = ids[state["i"] % len(ids)]
        state["i"] += 1
        return timed([DOCKET, "note", case, "--kind", "call", "-m",
                      "Bench call %d" % state["i"]], firm)

    def git():
        state["j"] += 1
        with open(scratch, "a") as f:
            f.write("line %d\n" % state["j"])
        t = time.perf_counter()
        run(["git", "add", "bench-scratch.txt"], cwd=firm)
        run(["git", "commit", "-q", "-m", "bench %d" % state["j"]], cwd=firm)
        return time.perf_counter() - t

    tn, tg = median_pair(note, git, reps)
    print("  docket note          %7.3f s   git add + commit  %7.3f s   "
          "ratio %.2f (target <= 0.5)" % (tn, tg, tn / tg))
    st = subprocess.run(["git", "status", "--porcelain"], cwd=firm,
                        stdout=subprocess.PIPE, text=True, env=ENV).stdout
    if st:
        sys.exit("bench: git status is not clean after the notes:\n" + st)


def hostile_case(path, mb, shape):
    """A valid case.ini of about mb megabytes (10**6 bytes)."""
    out = ["[case]", "id = big", "title = Big v. Acme", "client = Big Client",
           "opened = %s" % AS_OF, "stage = intake", "status = open",
           "attorney = partner", "manager = partner"]
    if shape == "keys":
        out.append("[extra]")
    elif shape == "lines":
        out += ["[extra]", "story = start"]
    size, i = sum(len(l) + 1 for l in out), 0
    while size < mb * 1e6:
        if shape == "keys":
            l = "key%07d = value number %d of many" % (i, i)
        elif shape == "sections":
            l = ("[due \"d%07d\"]\ndate = 2027-01-01\nwhat = deadline %d\n"
                 "who = partner\ndone = 2026-11-01" % (i, i))
        else:
            l = "  continued line %d of a long value" % i
        out.append(l)
        size += len(l) + 1
        i += 1
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def bench_hostile(reps):
    """One hostile file at a time in a small firm; each command against cat."""
    firm = os.path.join(BENCH, "hostile")
    shutil.rmtree(firm, ignore_errors=True)
    env = dict(ENV, DOCKET_NOW=AS_OF)
    run([DOCKET, "init", firm, "--name", "Hostile Injury Law"], env=env)
    run([DOCKET, "add", "--id", "small", "--client", "Small Client"], cwd=firm,
        env=env)
    run([DOCKET, "add", "--id", "big", "--client", "Big Client"], cwd=firm,
        env=env)
    ini = os.path.join(firm, "cases", AS_OF[:4], "big", "case.ini")
    cmds = [("list", ["list"]), ("due", ["due"]),
            ("report", ["report", "--json"]), ("show", ["show", "small"]),
            ("set", ["set", "small", "client.phone=1"])]

    def measure(what, path):
        cat = ["cat", path]
        out = []
        for name, argv in cmds:
            if name == "show" and path == ini:
                argv = ["show", "big"]
            if name == "set" and path == ini:
                argv = ["set", "big", "client.phone=1"]
            cmd = ["sh", "-c", "\"$0\" \"$@\" >/dev/null 2>&1; :",
                   DOCKET] + argv
            td, tc = median_pair(lambda: timed(cmd, firm, env),
                                 lambda: timed(cat, firm), reps)
            out.append("%s %.3f s (%.0fx)" % (name, td, td / tc))
        print("  %-26s cat %.4f s | %s" % (what, tc, " | ".join(out)))

    print("\nhostile sizes (ratio: the command's time / cat of the file; "
          "past 4 MB a file is refused):")
    for shape in ("keys", "sections", "lines"):
        for mb in (1, 2, 3.9, 10):
            hostile_case(ini, mb, shape)
            measure("case.ini %4.1f MB %s" % (mb, shape), ini)
    hostile_case(ini, 0.001, "keys")
    firm_ini = os.path.join(firm, "docket.ini")
    with open(firm_ini) as f:
        base = f.read()
    for n in (20000, 45000, 100000):
        with open(firm_ini, "w") as f:
            f.write(base)
            for i in range(n):
                f.write("\n[staff \"s%06d\"]\nname = Staff %d\n"
                        "email = s%d@bench.example\nrole = %s\n"
                        % (i, i, i, "attorney" if i % 2 else "manager"))
        measure("docket.ini %d staff (%.1f MB)"
                % (n, os.path.getsize(firm_ini) / 1e6), firm_ini)
    with open(firm_ini, "w") as f:
        f.write(base)


def main():
    sys.stdout.reconfigure(line_buffering=True)
    if not os.access(DOCKET, os.X_OK):
        sys.exit("bench: build docket first (make)")
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES",
                                             "40,10000,50000").split(",")]
    reps = int(os.environ.get("BENCH_REPS", "7"))
    os.makedirs(BENCH, exist_ok=True)
    machine()
    print("every time: the median of %d runs, after one to warm up" % reps)
    before = os.environ.get("BENCH_BEFORE")
    task_next = taskwarrior_next(10000, reps) if max(sizes) >= 10000 else None
    if os.environ.get("BENCH_HOSTILE", "1") != "0":
        bench_hostile(min(reps, 5))
    at10k = None
    for n in sizes:
        firm = make_firm(n)
        if n >= 1000:
            bench_report(firm, reps)
        if n >= 10000:
            w = bench_reads(firm, n, reps, task_next,
                            before if n == 10000 else None, at10k)
            if n == 10000:
                at10k = w
        bench_note(firm, reps)


if __name__ == "__main__":
    main()
