#!/usr/bin/python3
"""check_exports.py YEONPYO: export --format ics, csv and md of the built-in
dataset plus tests/data/export_cases.json, read back with a real iCalendar
parser (python3-icalendar) and Python's csv module, and compared with the
events as the ndjson export has them. Silent and 0 when all is well."""
import calendar
import csv
import datetime
import io
import json
import os
import subprocess
import sys
import tempfile

import icalendar

YP = sys.argv[1]
problems = []


def problem(msg):
    problems.append(msg)


def run(db, *args, lang="en"):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([YP, "--db", db, "--lang", lang, *args], env=env,
                          check=True, capture_output=True).stdout


def day_span(date, end):
    """The first day and the day after the last that the dates cover."""
    def first(d):
        parts = [int(p) for p in d.split("-")] + [1, 1]
        return datetime.date(parts[0], parts[1], parts[2])

    def after_last(d):
        parts = [int(p) for p in d.split("-")]
        if len(parts) == 1:
            return datetime.date(parts[0] + 1, 1, 1)
        if len(parts) == 2:
            y, m = parts
            return datetime.date(y, m, calendar.monthrange(y, m)[1]) + \
                datetime.timedelta(days=1)
        return datetime.date(*parts) + datetime.timedelta(days=1)
    return first(date), after_last(end or date)


def pick(text, lang):
    text = text or {}
    return text.get(lang) or text.get("en" if lang == "ko" else "ko") or ""


def check_ics(raw, events):
    if not raw.endswith(b"\r\n"):
        problem("ics: does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            problem(f"ics: line {n} has {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            problem(f"ics: line {n} has a bare line break")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problem(f"ics: line {n} splits a UTF-8 sequence")
    cal = icalendar.Calendar.from_ical(raw)
    got = {str(c["UID"]): c for c in cal.walk("VEVENT")}
    if len(got) != len(events):
        problem(f"ics: {len(got)} events, want {len(events)}")
    for e in events:
        c = got.get(e["id"] + "@yeonpyo")
        if c is None:
            problem(f"ics: no event {e['id']}")
            continue
        start, end = day_span(e["date"], e.get("end_date"))
        if c["DTSTART"].dt != start or c["DTEND"].dt != end:
            problem(f"ics: {e['id']}: {c['DTSTART'].dt}..{c['DTEND'].dt},"
                    f" want {start}..{end}")
        if str(c["SUMMARY"]) != pick(e["title"], "en"):
            problem(f"ics: {e['id']}: summary {str(c['SUMMARY'])!r}")
        if not str(c["DESCRIPTION"]).startswith(pick(e["summary"], "en")):
            problem(f"ics: {e['id']}: description does not start with the"
                    " summary")
        want = "TENTATIVE" if e["status"] == "planned" else "CONFIRMED"
        if str(c["STATUS"]) != want:
            problem(f"ics: {e['id']}: status {c['STATUS']}")
        if c["DTSTAMP"].dt != datetime.datetime(2023, 11, 14, 22, 13, 20,
                                                tzinfo=datetime.timezone.utc):
            problem(f"ics: {e['id']}: DTSTAMP is not SOURCE_DATE_EPOCH's")
        tags = e.get("tags", [])
        cats = c.get("CATEGORIES")
        got_tags = [str(t) for t in cats.cats] if cats else []
        if got_tags != tags:
            problem(f"ics: {e['id']}: categories {got_tags}, want {tags}")


def check_csv(raw, events):
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not text.endswith("\r\n") or "\r\n" not in text[:200]:
        problem("csv: records do not end with CRLF")
    if rows[0][:3] != ["id", "date", "end_date"] or len(rows[0]) != 13:
        problem(f"csv: header {rows[0]}")
    if len(rows) != len(events) + 1:
        problem(f"csv: {len(rows) - 1} records, want {len(events)}")
    by_id = {r[0]: r for r in rows[1:] if len(r) == 13}
    for e in events:
        r = by_id.get(e["id"])
        if r is None:
            problem(f"csv: no record of 13 fields for {e['id']}")
            continue
        want = [e["id"], e["date"], e.get("end_date", ""), e["status"],
                e["kind"], e["title"].get("ko", ""), e["title"].get("en", ""),
                e["summary"].get("ko", ""), e["summary"].get("en", "")]
        if r[:9] != want:
            problem(f"csv: {e['id']}: {r[:9]} != {want}")
        ids = "; ".join(o["id"] for o in e.get("organizations", []))
        if r[10] != ids or r[11] != "; ".join(e.get("tags", [])):
            problem(f"csv: {e['id']}: links {r[10]!r} {r[11]!r}")


def check_md(raw, events):
    lines = raw.decode("utf-8").split("\n")
    if not lines[0].startswith("# "):
        problem("md: no title heading")
    years = [int(line[3:]) for line in lines if line.startswith("## ")]
    want = sorted({int(e["date"][:4]) for e in events})
    if years != want:
        problem(f"md: year headings {years}, want {want}")
    items = [line for line in lines if line.startswith("- **")]
    if len(items) != len(events):
        problem(f"md: {len(items)} items, want {len(events)}")
    for e in events:
        if not any(line.startswith(f"- **{e['date']}**") for line in items):
            problem(f"md: no item for {e['id']} ({e['date']})")
    if "- **2024-02** Deal, \"big\"; A\\\\B — Comma, Inc. [A title; with," \
       " \"marks\"](<https://example.org/a?b=1,2;c>)" not in lines:
        problem("md: the item of x-leap-month is not as escaped")


def main():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "t.db")
        run(db, "db", "init")
        run(db, "import", "tests/data/export_cases.json")
        events = [json.loads(line)["event"]
                  for line in run(db, "export", "--format", "ndjson")
                  .decode("utf-8").splitlines()
                  if line.startswith('{"event"')]
        if len(events) < 30:
            problem(f"only {len(events)} events to check")
        check_ics(run(db, "export", "--format", "ics"), events)
        check_csv(run(db, "export", "--format", "csv"), events)
        check_md(run(db, "export", "--format", "md"), events)
        again = run(db, "export", "--format", "ics")
        if again != run(db, "export", "--format", "ics"):
            problem("ics: two exports differ (with SOURCE_DATE_EPOCH set)")
    for p in problems[:20]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
