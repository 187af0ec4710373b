#!/usr/bin/env python3
"""The what-if evaluation of a pgadvisor audit report, used by bench/tpch only while the
references' bench binary (build/pgadvisor_selection_bench --evaluate) is missing.

    evaluate.py DSN QUERIES.sql LABEL BUDGET_BYTES REPORT.json

Prints one JSON line like the bench binary's: relative_cost is the sum over the queries of
EXPLAIN's total cost with the report's indexes as hypopg hypothetical indexes, divided by the
same sum with none; size_bytes is hypopg's estimate of their size. One psql session; nothing is
created in the database (hypopg's indexes live in the session only).
"""
import json
import re
import subprocess
import sys


def queries(path):
    """The statements of queries.sql, each after its `-- Q<n>` line."""
    parts = re.split(r"^-- Q\d+\n", open(path).read(), flags=re.M)[1:]
    return [part.strip().rstrip(";") for part in parts]


def quote(name):
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'


def definition(index):
    """CREATE INDEX for hypopg from the report's structured index (never its DDL text)."""
    columns = []
    for column in index["columns"]:
        text = f"({column['name']})" if column["expression"] else quote(column["name"])
        if column["descending"]:
            text += " DESC"
        if column["nulls_flipped"]:
            text += " NULLS LAST" if column["descending"] else " NULLS FIRST"
        columns.append(text)
    table = (quote(index["schema"]) + "." if index.get("schema") else "") + quote(index["table"])
    sql = f"CREATE INDEX ON {table} ({', '.join(columns)})"
    if index.get("include"):
        sql += " INCLUDE (" + ", ".join(quote(name) for name in index["include"]) + ")"
    if index.get("where"):
        sql += f" WHERE {index['where']}"
    return sql


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def main():
    dsn, queries_path, label, budget, report_path = sys.argv[1:]
    report = json.load(open(report_path))
    indexes = report.get("indexes", [])
    statements = queries(queries_path)
    script = ["\\set ON_ERROR_STOP 1", "SELECT hypopg_reset();"]
    explain = lambda: [f"EXPLAIN (FORMAT JSON) {statement};" for statement in statements]
    script += explain()
    script += [f"SELECT hypopg_create_index({literal(definition(index))});" for index in indexes]
    script.append("SELECT json_build_object('size', coalesce(sum(hypopg_relation_size(indexrelid)), 0))"
                  " FROM hypopg_list_indexes;")
    script += explain()
    result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-d", dsn], input="\n".join(script),
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"evaluate.py: {label}: psql failed: {result.stderr.strip()}")
    decoder, text, position, documents = json.JSONDecoder(), result.stdout, 0, []
    while True:
        while position < len(text) and text[position] != "[" and text[position] != "{":
            position = text.find("\n", position) + 1 or len(text)  # skip hypopg_create_index's rows
        if position >= len(text):
            break
        document, position = decoder.raw_decode(text, position)
        documents.append(document)
    n = len(statements)
    before, size, after = documents[:n], documents[n], documents[n + 1:]
    cost = lambda plans: sum(plan[0]["Plan"]["Total Cost"] for plan in plans)
    base, with_indexes = cost(before), cost(after)
    print(json.dumps({"algorithm": label, "budget_bytes": int(budget), "relative_cost": with_indexes / base,
                      "cost": with_indexes, "base_cost": base, "size_bytes": int(size["size"]),
                      "indexes": len(indexes), "evaluator": "bench/tpch.d/evaluate.py",
                      "definitions": [definition(index)[len("CREATE INDEX ON "):] for index in indexes]}))


if __name__ == "__main__":
    main()
