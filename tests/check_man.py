#!/usr/bin/python3
"""tests/check_man.py: yeonpyo(1)'s SYNOPSIS and COMMANDS say what
`yeonpyo --help` says, so the page cannot drift from the program: every
command of the help has SYNOPSIS lines with the same arguments (one per
form, in the same order) and an entry in COMMANDS that names each of its
options, the page has no command
the help lacks, and the global options are the same. OPTIONS has an entry
for each option of src/options.def and no other, in its order, with its
words or placeholder; CONFIGURATION names each setting of the table with
its words, or its range and default. Placeholders are italic in the page
and capitals in the help; italic is read as capitals. Silent when they
agree; one line per difference otherwise.

usage: tests/check_man.py YEONPYO MANPAGE [OPTIONS_DEF]
"""
import os
import re
import shlex
import subprocess
import sys

import options_table

ALTERNATING = {"BR", "RB", "IR", "RI", "BI", "IB"}


def render_escapes(text, italic):
    """Text with roff escapes resolved and italic runs in capitals; returns
    the text and whether italic is still on at its end."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "f" and i + 2 < len(text):
                italic = text[i + 2] == "I"
                i += 3
                continue
            if n == "-":
                out.append("-")
            elif n == " ":
                out.append(" ")
            elif n in "&|^":
                pass
            else:
                out.append(n)
            i += 2
            continue
        out.append(c.upper() if italic else c)
        i += 1
    return "".join(out), italic


def render_line(line):
    """One line of the page as text (fonts, macros and escapes resolved)."""
    if not line.startswith("."):
        return render_escapes(line, False)[0]
    parts = line[1:].split(None, 1)
    macro = parts[0] if parts else ""
    rest = parts[1] if len(parts) > 1 else ""
    try:
        args = shlex.split(rest, posix=True) if rest else []
    except ValueError:
        args = rest.split()
    if macro in ("B", "I"):
        return " ".join(render_escapes(a, macro == "I")[0] for a in args)
    if macro in ALTERNATING:
        fonts = macro
        return "".join(render_escapes(a, fonts[k % 2] == "I")[0]
                       for k, a in enumerate(args))
    return ""


def normalize(text):
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*\|\s*", "|", text)


def command_key(signature):
    """The words that name a command: 'db init' of 'db init [--empty]'."""
    words = []
    for w in signature.split():
        if not re.fullmatch(r"[a-z]+", w):
            break
        words.append(w)
    return " ".join(words)


def help_text(program):
    # the help's options are in Korean where the locale's language is
    env = dict(os.environ, LC_ALL="C.UTF-8")
    out = subprocess.run([program, "--help"], capture_output=True, text=True,
                         check=True, env=env).stdout
    usage, _, rest = out.partition("\n\n")
    commands = rest[rest.index("commands:\n") + 10:]
    commands = commands[:commands.index("\n\noptions:")]
    options = rest[rest.index("options:\n"):]
    return usage, commands, options


def help_commands(block):
    """Each command's signature, from the help's commands block: a line
    indented two spaces starts one, a line that starts with [ goes on with
    it, and text after a run of spaces is the description."""
    sigs = []
    for line in block.split("\n"):
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if not text or indent >= 30:
            continue
        part = re.split(r"\s{2,}", text)[0]
        if indent == 2:
            sigs.append(part)
        elif part.startswith("[") and sigs:
            sigs[-1] += " " + part
    return [normalize(s) for s in sigs]


def groups(text):
    """The bracketed groups at the top level of a signature."""
    found, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "[":
            if depth == 0:
                start = i
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                found.append(text[start:i + 1])
    return found


def sections(page):
    """The lines of each .SH section."""
    out, name = {}, None
    for line in page.split("\n"):
        if line.startswith(".SH "):
            name = line[4:].strip().strip('"')
            out[name] = []
        elif name:
            out[name].append(line)
    return out


def synopsis_blocks(lines):
    blocks, cur = [], []
    for line in lines:
        if line.strip() == ".br":
            blocks.append(cur)
            cur = []
        else:
            cur.append(line)
    blocks.append(cur)
    return [normalize(" ".join(render_line(l) for l in b)) for b in blocks
            if b]


def command_entries(lines):
    """COMMANDS' entries at the outer level: (tag, text of the entry)."""
    entries, depth, i = [], 0, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(".RS"):
            depth += 1
        elif line.startswith(".RE"):
            depth -= 1
        elif line.startswith(".TP") and depth == 0 and i + 1 < len(lines):
            entries.append([normalize(render_line(lines[i + 1])), []])
            i += 2
            continue
        if entries:
            entries[-1][1].append(render_line(line))
        i += 1
    return [(tag, normalize(tag + " " + " ".join(body)))
            for tag, body in entries]


def option_tag(o):
    """How OPTIONS tags an option of the table: "-h, --help",
    "--wrap keep-all|normal", "--db PATH"."""
    tag = ("-%s, " % o["short"] if o["short"] else "") + o["flag"]
    if o["words"]:
        tag += " " + "|".join(o["words"])
    elif o["arg_en"]:
        tag += " " + o["arg_en"]
    return tag


def check_options(sect, table):
    """OPTIONS against the table's options; CONFIGURATION's settings
    against its keys."""
    problems = []
    want = [option_tag(o) for o in table if o["flag"]]
    have = [tag for tag, _ in command_entries(sect.get("OPTIONS", []))]
    for tag in want:
        if tag not in have:
            problems.append("OPTIONS lacks %s (src/options.def)" % tag)
    for tag in have:
        if tag not in want:
            problems.append("OPTIONS has %s, which src/options.def lacks"
                            % tag)
    common = [t for t in have if t in want]
    if common != [t for t in want if t in have]:
        problems.append("OPTIONS are not in src/options.def's order: %s"
                        % ", ".join(common))
    entries = [text for tag, text in
               command_entries(sect.get("CONFIGURATION", []))
               if tag == "SETTING = VALUE"]
    text = entries[0] if entries else ""
    if not entries:
        problems.append("CONFIGURATION has no SETTING = VALUE entry")
    listed = dict(re.findall(r"([a-z][a-z-]*) \(([^()]*\|[^()]*)\)", text))
    for o in table:
        if not o["key"]:
            continue
        if o["words"]:
            words = "|".join(o["words"])
            if listed.get(o["key"]) != words:
                problems.append("CONFIGURATION: %s takes %s, not %s"
                                % (o["key"], words, listed.get(o["key"])))
        elif not re.search(r"\b%s\b.*\(%d to %d, default %d\)"
                           % (re.escape(o["key"]), o["least"], o["most"],
                              o["default"]), text):
            problems.append("CONFIGURATION: %s is not said to take %d to "
                            "%d, default %d" % (o["key"], o["least"],
                                                o["most"], o["default"]))
    keys = {o["key"] for o in table if o["key"]}
    for key in listed:
        if key not in keys:
            problems.append("CONFIGURATION has %s, which src/options.def "
                            "lacks" % key)
    return problems


def main():
    program, man = sys.argv[1], sys.argv[2]
    table = options_table.read(sys.argv[3] if len(sys.argv) > 3
                               else "src/options.def")
    problems = []
    usage, commands_block, options_block = help_text(program)
    # a command may have several forms (note ID, note --delete ID), each
    # a line of the help and of SYNOPSIS, in the same order
    helped = {}
    for sig in help_commands(commands_block):
        helped.setdefault(command_key(sig), []).append(sig)
    page = open(man, encoding="utf-8").read()
    sect = sections(page)

    # SYNOPSIS: the global options, then a line per command
    blocks = synopsis_blocks(sect.get("SYNOPSIS", []))
    usage_groups = set(groups(normalize(usage.replace("usage:", ""))))
    usage_groups.discard("[COMMAND [ARGS]]")
    if not blocks or set(groups(blocks[0])) != usage_groups:
        problems.append("SYNOPSIS: the global options are %s, --help has %s"
                        % (sorted(groups(blocks[0])) if blocks else "none",
                           sorted(usage_groups)))
    listed = {}
    prefix = "yeonpyo [GLOBAL-OPTIONS] "
    for b in blocks[1:]:
        if b.startswith(prefix):
            sig = b[len(prefix):]
            listed.setdefault(command_key(sig), []).append(sig)
        elif not re.fullmatch(r"yeonpyo -\w\|--\w+", b):
            problems.append("SYNOPSIS: a line no command: %s" % b)
        elif b.split("|")[1] not in options_block:
            problems.append("SYNOPSIS: %s is not in --help" % b)
    for key, sigs in helped.items():
        if key not in listed:
            problems.append("SYNOPSIS lacks %s (--help: %s)"
                            % (key, "; ".join(sigs)))
        elif listed[key] != sigs:
            problems.append("SYNOPSIS has \"%s\", --help \"%s\""
                            % ("; ".join(listed[key]), "; ".join(sigs)))
    for key in listed:
        if key not in helped:
            problems.append("SYNOPSIS has %s, which --help lacks" % key)

    # COMMANDS: an entry per command naming its options, and no other
    entries = {command_key(tag): text
               for tag, text in command_entries(sect.get("COMMANDS", []))}
    for key, sigs in helped.items():
        if key not in entries:
            problems.append("COMMANDS lacks %s" % key)
            continue
        for opt in re.findall(r"--[a-z][a-z-]*", " ".join(sigs)):
            if opt not in entries[key]:
                problems.append("COMMANDS: %s does not name %s" % (key, opt))
    for key in entries:
        if key not in helped:
            problems.append("COMMANDS has %s, which --help lacks" % key)

    problems += check_options(sect, table)
    for p in problems:
        print("yeonpyo(1): " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
