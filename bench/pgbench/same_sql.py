"""Checks that each pgbench script's statement is one the API sent, as PostgreSQL received it.

usage: same_sql.py SERVER_LOG SCRIPT...

SERVER_LOG is PostgreSQL's log while the API ran with every statement logged (bench/run.sh's migrate run sets
log_min_duration_statement = 0 on the bench database): EF Core's commands and the API's hand-written ones alike.
An entry starts with the log line prefix ("2026-12-06 18:11:51.190 UTC [17719] LOG:  "); a statement's further
lines follow it, each starting with a tab. A checked script holds one statement: its lines that are not comments or
pgbench meta-commands. Both sides are compared with whitespace collapsed and every parameter (PostgreSQL's $1,
pgbench's :name) as ?. get.sql picks its id with a subquery over bench_ids (documented in the script), which counts
as the parameter it stands for.

usage: same_sql.py --columns REFERENCE SCRIPT...

Checks that every statement of each SCRIPT that reads customers' columns (a SELECT starting with "c.id, c.kind",
after an optional DISTINCT ON) selects the same columns as REFERENCE's one statement: for scripts of several
statements whose page reads the API sends only for some terms (search.sql), against a script checked as above.
"""
import re
import sys

PARAMETER = re.compile(r"(?<![:\w])(?::[A-Za-z_]\w*|\$\d+)")
ID_PICK = "(SELECT id FROM bench_ids WHERE n = :r)"
ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[\d+\] (\w+):  (.*)$")
# "duration: 0.054 ms  execute _auto1: SELECT …" (also parse and bind), or "statement: SELECT …" (simple protocol).
STATEMENT = re.compile(r"^(?:duration: [\d.]+ ms  )?(?:(?:parse|bind|execute) [^:]*|statement): (.*)$", re.S)


def normal(sql):
    sql = sql.replace(ID_PICK, "?")
    return PARAMETER.sub("?", " ".join(sql.split())).rstrip(";").strip()


def entries(log):
    level, text = None, []
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = ENTRY.match(line)
            if m:
                if level is not None:
                    yield level, "\n".join(text)
                level, text = m.group(1), [m.group(2)]
            elif line.startswith("\t") and level is not None:
                text.append(line[1:])
    if level is not None:
        yield level, "\n".join(text)


def sent(log):
    commands = set()
    for level, text in entries(log):
        m = STATEMENT.match(text) if level == "LOG" else None
        if m:
            commands.add(normal(m.group(1)))
    return commands


def statement(script):
    with open(script, encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.lstrip().startswith(("--", "\\"))]
    return normal(" ".join(lines))


# A select list of customers' columns: from "c.id, c.kind" up to the FROM at the list's own level.
COLUMNS = re.compile(r"\bSELECT (?:DISTINCT ON \([^)]*\) )?(c\.id, c\.kind, .*?) FROM ")


def columns(sql):
    return [m.group(1) for m in COLUMNS.finditer(" ".join(sql.split()))]


def same_columns(reference, scripts):
    expected = columns(statement(reference))
    if len(expected) != 1:
        print(f"{reference}: expected one statement reading customers' columns, found {len(expected)}")
        return 1
    bad = 0
    for script in scripts:
        found = columns(statement(script))
        wrong = [c for c in found if c != expected[0]]
        if found and not wrong:
            print(f"same customer columns as {reference.rsplit('/', 1)[-1]}: {script.rsplit('/', 1)[-1]} ({len(found)} statements)")
            continue
        bad += 1
        print(f"{script}: {len(wrong)} of {len(found)} statements read other columns than {reference}:")
        for c in wrong:
            print(f"  {c}")
        print(f"  expected:\n  {expected[0]}")
    return 1 if bad else 0


def main():
    if sys.argv[1] == "--columns":
        return same_columns(sys.argv[2], sys.argv[3:])
    commands = sent(sys.argv[1])
    if not commands:
        print(f"{sys.argv[1]}: no statements logged (was log_min_duration_statement set?)")
        return 1
    bad = 0
    for script in sys.argv[2:]:
        mine = statement(script)
        if mine in commands:
            print(f"same SQL as the API: {script.rsplit('/', 1)[-1]}")
            continue
        bad += 1
        print(f"{script}: not a statement the API sent:\n  {mine}")
        near = [c for c in commands if c.startswith(mine.split(" FROM ")[0][:40])]
        for c in near:
            print(f"  the API sent:\n  {c}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
