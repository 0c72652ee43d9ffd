"""tests/options_table.py: src/options.def and C sources as Python reads
them, for the checks that hold yeonpyo(1) and the other sources to the
table (check_man.py, check_options.py): the options in the table's order,
each with its flag, short flag, key, kind, placeholders, range, default,
help and words; and the comments and string literals of a C file."""
import re

TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])+')
  | (?P<word>[A-Za-z_0-9]+)
  | (?P<space>\s+)
  | (?P<punct>.)""", re.S | re.X)

ESCAPES = {"n": "\n", "t": "\t"}


def tokens(text):
    """(kind, text, line) of each token of C source; kinds are those of
    TOKEN, spaces left out."""
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind != "space":
            yield kind, m.group(kind), line
        line += m.group(0).count("\n")


def unquote(literal):
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)),
                  literal[1:-1])


def texts(source):
    """(line, text) of each comment and string literal of C source."""
    for kind, text, line in tokens(source):
        if kind == "comment":
            yield line, text
        elif kind == "string":
            yield line, unquote(text)


def argument(toks):
    """One argument of a macro call as Python: a string (adjacent
    literals joined), None for NULL, an int, or the words themselves."""
    if toks and all(k == "string" for k, _ in toks):
        return "".join(unquote(t) for _, t in toks)
    if len(toks) == 1:
        kind, text = toks[0]
        if kind == "char":
            return unquote(text)
        if text == "NULL":
            return None
        if text.isdigit():
            return int(text)
    return " ".join(t for _, t in toks)


def calls(source, names):
    """(name, [arguments]) of each call of a macro in names, in order."""
    toks = [(k, t) for k, t, _ in tokens(source) if k != "comment"]
    i = 0
    while i < len(toks):
        if toks[i][0] != "word" or toks[i][1] not in names or \
                toks[i + 1] != ("punct", "("):
            i += 1
            continue
        args, cur, depth, j = [], [], 0, i + 2
        while True:
            kind, text = toks[j]
            if kind == "punct" and text in "([":
                depth += 1
            elif kind == "punct" and text in ")]":
                if depth == 0:
                    break
                depth -= 1
            if kind == "punct" and text == "," and depth == 0:
                args.append(cur)
                cur = []
            else:
                cur.append((kind, text))
            j += 1
        args.append(cur)
        yield toks[i][1], [argument(a) for a in args]
        i = j + 1


FIELDS = ("id", "flag", "short", "key", "kind", "arg_en", "arg_ko", "least",
          "most", "default", "help_en", "help_ko")


def read(path="src/options.def"):
    """The options of the table, in order: dicts of FIELDS, plus "words"
    (the values' words in order); default is a word, a number or None."""
    options, by_id = [], {}
    value_words = {}
    for name, args in calls(open(path, encoding="utf-8").read(),
                            ("OPTION", "VALUE")):
        if name == "OPTION":
            o = dict(zip(FIELDS, args))
            o["short"] = o["short"] or None
            o["words"] = []
            options.append(o)
            by_id[o["id"]] = o
        else:
            option, vid, word = args
            by_id[option]["words"].append(word)
            value_words["OPTV_%s_%s" % (option, vid)] = word
    for o in options:
        d = o["default"]
        o["default"] = None if d == "OPT_NO_DEFAULT" else \
            value_words.get(d, d) if isinstance(d, str) else d
    return options
