#!/usr/bin/env python3
"""check-layout.py [--objects DIR] [--top DIR] - the source layout's rules,
checked from the files themselves (README.md, "Hacking"):

  includes  no two modules include each other, directly or round a circle.
            A module is a name: src/NAME.c, include/docket/NAME.h and
            src/NAME.h; NAME depends on OTHER when one of its files
            includes OTHER's header.  A private header shared by the files
            of a layer (src/repo-git.h, src/syncer.h: no .c of that name)
            is no module: what it includes, its includers include.
  calls     with --objects (a build directory), the same of the calls:
            NAME depends on OTHER when NAME.o uses a symbol OTHER.o
            defines (nm).  None calls back up.
  sizes     no source file is over MAX_LINES lines.
  statics   no file-static function has the name of a public one (grep
            would show a false call).
  printing  nothing outside the command layer (main.c, cmd.c, cmd-*.c)
            and the output layer (out-*.c) prints, except a last word
            before abort().

Prints one line a problem and exits 1 when there is any; with --only
RULE, checks that rule alone.
"""
import glob
import os
import re
import subprocess
import sys

MAX_LINES = 900
PRINT_FUNCS = ("printf fprintf vfprintf dprintf puts fputs putchar putc "
               "fputc fwrite perror tprintf tfprintf vtfprintf print_clean "
               "print_lines").split()
PRINTERS = re.compile(r"^(main|cmd|cmd-[a-z0-9-]+|out-[a-z0-9-]+)\.c$")


def module(path):
    return os.path.splitext(os.path.basename(path))[0]


def sources(top):
    return sorted(glob.glob(os.path.join(top, "src", "*.[ch]")) +
                  glob.glob(os.path.join(top, "include", "docket", "*.h")))


def cycles(graph):
    """The strongly connected components of more than one node."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def report_cycles(kind, graph, why):
    problems = []
    for comp in cycles(graph):
        edges = []
        for a in comp:
            for b in sorted(graph[a]):
                if b in comp:
                    edges.append("%s -> %s (%s)" % (a, b, why(a, b)))
        problems.append("%s: a circle of %s: %s" %
                        (kind, ", ".join(comp), "; ".join(edges)))
    return problems


def check_includes(top):
    """A private header of a layer (src/NAME.h with no src/NAME.c, such as
    src/repo-git.h) is no module: its includes count as its includers'."""
    incs, line_of = {}, {}
    files = sources(top)
    for f in files:
        incs[f] = []
        for n, line in enumerate(open(f, encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if m:
                name = m.group(1)
                path = os.path.join(top, "include", name) \
                    if name.startswith("docket/") \
                    else os.path.join(os.path.dirname(f), name)
                incs[f].append(path)
                line_of.setdefault((f, path), "%s:%d" % (
                    os.path.relpath(f, top), n))
    have_c = set(module(f) for f in files if f.endswith(".c"))

    def private(h):
        return os.path.dirname(h) == os.path.join(top, "src") and \
            h.endswith(".h") and module(h) not in have_c

    graph, where = {}, {}
    for f in files:
        if private(f):
            continue
        a = module(f)
        graph.setdefault(a, set())
        seen, todo = set(), [(h, line_of[(f, h)]) for h in incs[f]]
        while todo:
            h, at = todo.pop()
            if h in seen:
                continue
            seen.add(h)
            if private(h):
                todo += [(g, at) for g in incs.get(h, [])]
                continue
            b = module(h)
            if b != a:
                graph[a].add(b)
                where.setdefault((a, b), at)
    return report_cycles("includes", graph, lambda a, b: where[(a, b)])


def check_calls(top, objdir):
    """The objects of the sources there are (a build directory may keep
    the object of a file since removed)."""
    defined, used = {}, {}
    for o in sorted(glob.glob(os.path.join(objdir, "*.o"))):
        m = module(o)
        if not os.path.exists(os.path.join(top, "src", m + ".c")):
            continue
        out = subprocess.run(["nm", o], capture_output=True, text=True,
                             check=True).stdout
        used[m] = set()
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in "TDBRC":
                defined[p[2]] = m
            elif len(p) == 2 and p[0] == "U":
                used[m].add(p[1])
    if not used:
        return ["calls: no object files in %s" % objdir]
    graph, why = {}, {}
    for m, syms in used.items():
        graph[m] = set()
        for s in sorted(syms):
            d = defined.get(s)
            if d and d != m:
                graph[m].add(d)
                why.setdefault((m, d), s)
    return report_cycles("calls", graph, lambda a, b: why[(a, b)])


def check_sizes(top):
    problems = []
    for f in sources(top):
        n = sum(1 for _ in open(f, encoding="utf-8"))
        if n > MAX_LINES:
            problems.append("sizes: %s has %d lines (at most %d)" %
                            (os.path.relpath(f, top), n, MAX_LINES))
    return problems


def functions(path):
    """(name, static, line) of each function defined in a C file, as the
    house style writes them: the return type on a line of its own."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"([A-Za-z_]\w*)\(", line)
        if not m or i == 0:
            continue
        prev = lines[i - 1].strip()
        if not prev or prev.endswith((";", "}", "{", ",", ")", "*/")) or \
           prev.startswith(("#", "/*", "*", "//")):
            continue
        yield m.group(1), prev.startswith("static"), i + 1


def check_statics(top):
    public, static = {}, []
    for f in sorted(glob.glob(os.path.join(top, "src", "*.c"))):
        for name, is_static, n in functions(f):
            rel = "%s:%d" % (os.path.relpath(f, top), n)
            if is_static:
                static.append((name, rel))
            else:
                public.setdefault(name, rel)
    return ["statics: %s (%s) has the name of the public %s (%s)" %
            (name, rel, name, public[name])
            for name, rel in static if name in public]


def check_printing(top):
    call = re.compile(r"\b(%s)\s*\(" % "|".join(PRINT_FUNCS))
    problems = []
    for f in sorted(glob.glob(os.path.join(top, "src", "*.c"))):
        if PRINTERS.match(os.path.basename(f)):
            continue
        lines = open(f, encoding="utf-8").read().split("\n")
        for i, line in enumerate(lines):
            code = re.sub(r'"(\\.|[^"\\])*"', '""', line.split("//")[0])
            if not call.search(code) or code.lstrip().startswith("*"):
                continue
            # a last word before abort() is allowed
            if any("abort()" in l for l in lines[i + 1:i + 4]):
                continue
            problems.append("printing: %s:%d prints outside the command "
                            "and output layers: %s" %
                            (os.path.relpath(f, top), i + 1, line.strip()))
    return problems


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    objdir, only = None, None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--objects" and args:
            objdir = args.pop(0)
        elif a == "--top" and args:
            top = args.pop(0)
        elif a == "--only" and args:
            only = args.pop(0)
        else:
            sys.stderr.write(__doc__.split("\n")[0] + "\n")
            return 2
    checks = {
        "includes": lambda: check_includes(top),
        "calls": lambda: check_calls(top, objdir) if objdir else [],
        "sizes": lambda: check_sizes(top),
        "statics": lambda: check_statics(top),
        "printing": lambda: check_printing(top),
    }
    if only and only not in checks:
        sys.stderr.write("check-layout: no rule '%s'\n" % only)
        return 2
    problems = []
    for name, fn in checks.items():
        if not only or only == name:
            problems += fn()
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
