#!/usr/bin/env python3
"""tests/check_layers.py: the layers hold by construction. From the object
files' symbol tables (nm), which file calls which; fails, printing them,
on any cycle of calls between object files, on curses or a browser
header included outside src/ui/ and main.c, and on a source file of 800
lines or more.
usage: tests/check_layers.py SRC_DIR INCLUDE_DIR OBJECT..."""
import os
import re
import subprocess
import sys

MAX_LINES = 800


def call_graph(objs):
    """Maps each object to the set of objects whose symbols it uses."""
    defined, used = {}, {}
    for o in objs:
        text = subprocess.run(["nm", o], capture_output=True, text=True,
                              check=True).stdout
        used[o] = set()
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                used[o].add(parts[1])
            elif len(parts) == 3 and parts[1] in "TDBRGS":
                defined[parts[2]] = o
    return {o: {defined[s] for s in used[o] if s in defined} - {o}
            for o in objs}


def cycles(graph):
    """Tarjan's strongly connected components of more than one object."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
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


def ui_headers(src):
    """The browser's own headers: the files in src/ui/."""
    d = os.path.join(src, "ui")
    return {n for n in os.listdir(d) if n.endswith(".h")}


def include_problems(src, include):
    """Curses or a browser header included by the core: src/ (but main.c,
    which starts the browser) and the core's headers."""
    problems = []
    ui = ui_headers(src)
    inc = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
    paths = [os.path.join(src, n) for n in sorted(os.listdir(src))
             if n.endswith((".c", ".h", ".def")) and n != "main.c"]
    paths += [os.path.join(include, n) for n in sorted(os.listdir(include))
              if n.endswith(".h")]
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = inc.match(line)
                if not m:
                    continue
                h = m.group(1)
                base = os.path.basename(h)
                if h in ("curses.h", "ncurses.h", "ncursesw/curses.h",
                         "term.h") or h.startswith("ui/") or base in ui:
                    problems.append(f"{path}:{n}: includes {h} outside src/ui")
    return problems


def size_problems(src):
    problems = []
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if name.endswith(".c"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    n = sum(1 for _ in f)
                if n >= MAX_LINES:
                    problems.append(f"{path}: {n} lines (under {MAX_LINES})")
    return problems


def main():
    src, include, objs = sys.argv[1], sys.argv[2], sorted(sys.argv[3:])
    graph = call_graph(objs)
    bad = 0
    for comp in cycles(graph):
        print("call cycle between " + ", ".join(comp))
        for o in comp:
            for w in sorted(graph[o] & set(comp)):
                print(f"  {o} -> {w}")
        bad += 1
    for p in include_problems(src, include) + size_problems(src):
        print(p)
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
