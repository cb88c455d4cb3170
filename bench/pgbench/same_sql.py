"""Checks that each pgbench script's statement is one the API sent, as EF Core logged it.

usage: same_sql.py API_LOG SCRIPT...

API_LOG holds the API's JSON log lines with EF Core's command log at Information (bench/run.sh's migrate run);
each executed command's text is in State.commandText. A checked script holds one statement: its lines that are not
comments or pgbench meta-commands. Both sides are compared with whitespace collapsed and every parameter (EF Core's @name,
pgbench's :name) as ?. get.sql picks its id with a subquery over bench_ids (documented in the script), which counts as
the parameter it stands for.
"""
import json
import re
import sys

PARAMETER = re.compile(r"(?<![:\w])[:@][A-Za-z_]\w*")
ID_PICK = "(SELECT id FROM bench_ids WHERE n = :r)"


def normal(sql):
    sql = sql.replace(ID_PICK, "?")
    return PARAMETER.sub("?", " ".join(sql.split())).rstrip(";").strip()


def sent(log):
    commands = set()
    with open(log, encoding="utf-8") as f:
        for line in f:
            try:
                text = json.loads(line).get("State", {}).get("commandText")
            except (ValueError, AttributeError):
                continue
            if text:
                commands.add(normal(text))
    return commands


def statement(script):
    with open(script, encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.lstrip().startswith(("--", "\\"))]
    return normal(" ".join(lines))


def main():
    commands = sent(sys.argv[1])
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
