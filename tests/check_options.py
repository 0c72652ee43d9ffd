#!/usr/bin/python3
"""tests/check_options.py: src/options.def is the one place that spells a
setting: no other file of src/ or include/ writes one of its words in a
string or a comment. Code names a setting OPT_WRAP and a value
OPTV_WRAP_NORMAL, and what users read takes the words from the table, so
that renaming a setting or a value is one edit. Identifiers do not count:
a variable may hold the ambiwidth a terminal was found to have.

The words are every flag ("--wrap", "-h"), and every configuration key
and value but those another vocabulary of the program shares (SHARED,
each with where else it belongs): those are checked as flags only.
ALLOWED lists the places (a file, or the files under a directory) left
as they are for now, with the reason; one that no longer holds its word
is reported, so the list only shrinks.
Silent when all is well; one line per finding.

usage: tests/check_options.py [OPTIONS_DEF DIR...]
"""
import os
import re
import sys

import options_table

SHARED = {
    "lang": "the language everywhere (LANG, env->lang)",
    "ko": "a language code of ICU and of yeonpyo/1's texts",
    "en": "a language code of ICU and of yeonpyo/1's texts",
    "color": "the configuration's colour lines (color url blue)",
    "wrap": "what the text module does to lines",
    "normal": "an attribute and an element (styles.def)",
    "auto": "English",
    "always": "English",
    "never": "English",
    "off": "English, and the built-in dataset's state (db init --empty)",
    "1": "a number",
    "2": "a number",
    "clipboard": "what OSC 52 sets (osc.c)",
    "hyperlinks": "what OSC 8 makes (osc.c)",
    "on": "English",
    "mouse": "the device, whose reports input.c reads",
    "cursor": "the terminal's cursor (curs_set, a prompt's)",
    "bar": "English (the title bar, the status bar)",
    "arrow": "English (the arrow keys)",
}

ALLOWED = {}


def allowance(path, word):
    """The entry of ALLOWED that lets path spell word, or None."""
    for place, allowed in ALLOWED:
        if allowed == word and path.startswith(place):
            return place, allowed
    return None


def words(table):
    """The words to look for, each with a pattern that finds it whole."""
    found = []
    for o in table:
        if o["flag"]:
            found.append(o["flag"])
        if o["short"]:
            found.append("-" + o["short"])
        for w in ([o["key"]] if o["key"] else []) + o["words"]:
            if w not in SHARED:
                found.append(w)
    return {w: re.compile(r"(?<![\w-])%s(?![\w-])" % re.escape(w))
            for w in dict.fromkeys(found)}


def sources(dirs, table_path):
    for d in dirs:
        for root, _, names in os.walk(d):
            for name in sorted(names):
                path = os.path.join(root, name)
                if name.endswith((".c", ".h", ".def")) and \
                        os.path.abspath(path) != os.path.abspath(table_path):
                    yield os.path.normpath(path)


def main():
    table_path = sys.argv[1] if len(sys.argv) > 1 else "src/options.def"
    dirs = sys.argv[2:] or ["src", "include"]
    patterns = words(options_table.read(table_path))
    problems, seen = [], set()
    for path in sources(dirs, table_path):
        source = open(path, encoding="utf-8").read()
        for line, text in options_table.texts(source):
            for word, pattern in patterns.items():
                if not pattern.search(text):
                    continue
                if allowance(path, word):
                    seen.add(allowance(path, word))
                    continue
                problems.append("%s:%d: spells %s, which only "
                                "src/options.def may (OPT_, OPTV_ names)"
                                % (path, line, word))
    for place, word in ALLOWED:
        if (place, word) not in seen:
            problems.append("%s no longer spells %s: take it out of "
                            "ALLOWED in tests/check_options.py" % (place, word))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
