#!/usr/bin/env python3
"""Prints bench/tpch's comparison table.

    table.py INFO.json PGADVISOR.tsv EVALUATIONS.jsonl INDEXES.txt [DEFAULTS.tsv]

INFO.json: scale factor, database size, generation and replay seconds, notes. PGADVISOR.tsv: one
line per budget: label, budget bytes, the audit's JSON report, the audit's wall seconds.
EVALUATIONS.jsonl: the references' bench binary's lines (algorithm extend, relaxation, and
pgadvisor for the reports it evaluated), or evaluate.py's for pgadvisor. INDEXES.txt is
written: the definitions each algorithm chose at each budget. DEFAULTS.tsv: pgadvisor's audits
with its default settings (evaluated as algorithm pgadvisor-defaults), printed under the table.
"""
import json
import sys

GB = 1e9  # decimal gigabytes, as the budgets are given


def main():
    info = json.load(open(sys.argv[1]))
    audits = [line.rstrip("\n").split("\t") for line in open(sys.argv[2]) if line.strip()]
    rows = {}
    for line in open(sys.argv[3]):
        if line.strip().startswith("{"):
            row = json.loads(line)
            rows[(row["algorithm"], int(row["budget_bytes"]))] = row

    print(f"TPC-H SF {info['sf']}: 19 queries (Q1-Q22 without Q2, Q17, Q20; validation parameters), "
          f"no indexes to start with; database {info['db_bytes'] / GB:.2f} GB (10^9 bytes)")
    print(f"generation: {info['generation']}; replay: {info['replay']}")
    for note in info.get("notes", []):
        print(note)
    print("relative cost: the sum over the 19 queries of EXPLAIN's total cost with the proposed indexes "
          "(hypopg) / the sum with none (lower is better); size in GB (10^9 bytes)")
    print()

    algorithms = [("pgadvisor", "pgadvisor"), ("extend", "Extend"), ("relaxation", "relaxation")]
    group = lambda title: f" {title:^36} |"
    print(f"{'':>9} |" + "".join(group(title) for _, title in algorithms) + f" {'pgadvisor':>9}")
    columns = f" {'rel cost':>8} {'size':>6} {'idx':>4} {'what-if':>7} {'s':>7} |"
    print(f"{'budget GB':>9} |" + columns * len(algorithms) + f" {'/ Extend':>9}")
    sums = {name: [] for name, _ in algorithms}
    ratios = []
    fmt = lambda value, spec: "-" if value is None else format(round(value) if spec == "d" else value, spec)
    for label, budget, report_path, wall in audits:
        budget = int(budget)
        report = json.load(open(report_path))
        ours = dict(rows.get(("pgadvisor", budget), {}))
        ours["indexes"] = len(report.get("indexes", []))
        ours["whatif_calls"] = report.get("whatif_requests")
        ours["seconds"] = (report.get("selection") or {}).get("advisor_seconds") or float(wall)
        if "size_bytes" not in ours:
            ours["size_bytes"] = sum(index.get("size_bytes", 0) for index in report.get("indexes", []))
        line = f"{budget / GB:9.3g} |"
        for name, _ in algorithms:
            row = ours if name == "pgadvisor" else rows.get((name, budget), {})
            relative = row.get("relative_cost")
            if relative is not None:
                sums[name].append(relative)
            size = row.get("size_bytes")
            line += (f" {fmt(relative, '.4f'):>8} {fmt(None if size is None else size / GB, '.3f'):>6}"
                     f" {fmt(row.get('indexes'), 'd'):>4} {fmt(row.get('whatif_calls'), 'd'):>7}"
                     f" {fmt(row.get('seconds'), '.2f'):>7} |")
        extend = rows.get(("extend", budget), {}).get("relative_cost")
        ratio = ours["relative_cost"] / extend if ours.get("relative_cost") is not None and extend else None
        if ratio is not None:
            ratios.append(ratio)
        print(line + f" {fmt(ratio, '.3f'):>9}")

    average = {name: sum(values) / len(values) if len(values) == len(audits) and values else None
               for name, values in sums.items()}
    line = f"{'average':>9} |"
    for name, _ in algorithms:
        line += f" {fmt(average[name], '.4f'):>8} {'':>6} {'':>4} {'':>7} {'':>7} |"
    print(line + f" {fmt(sum(ratios) / len(ratios) if len(ratios) == len(audits) else None, '.3f'):>9}")
    if average["pgadvisor"] is not None and average["extend"] is not None:
        points = 100 * (average["extend"] - average["pgadvisor"])
        print(f"pgadvisor's average relative cost is {abs(points):.2f} points "
              f"{'better (lower)' if points >= 0 else 'worse (higher)'} than Extend's "
              f"({100 * average['pgadvisor']:.2f} % against {100 * average['extend']:.2f} %)")
    if len(sys.argv) > 5:
        defaults = [rows.get(("pgadvisor-defaults", int(budget)), {}).get("relative_cost")
                    for _, budget, _, _ in (line.rstrip("\n").split("\t") for line in open(sys.argv[5]) if line.strip())]
        if defaults and None not in defaults:
            mean = sum(defaults) / len(defaults)
            points = 100 * (average["extend"] - mean) if average["extend"] else None
            versus = "" if points is None else f", {abs(points):.2f} points {'better' if points >= 0 else 'worse'} than Extend's"
            print("pgadvisor with its defaults (each query weighed by its measured time per cost unit; thresholds): "
                  + " / ".join(f"{value:.4f}" for value in defaults) + f", average {mean:.4f}{versus}")
    with open(sys.argv[4], "w") as listing:
        for label, budget, report_path, _ in audits:
            for name, title in algorithms:
                row = rows.get((name, int(budget)), {})
                print(f"{title} at {int(budget) / GB:g} GB: " + ("; ".join(row.get("definitions", [])) or "-"),
                      file=listing)
    print(f"the indexes each algorithm chose: {sys.argv[4]}")
    print("idx: indexes proposed; what-if: the algorithm's what-if cost requests (pgadvisor: "
          "whatif_requests, cache hits included); s: the selection's own seconds (pgadvisor: "
          "selection.advisor_seconds, or the audit's wall time when the report lacks it)")


if __name__ == "__main__":
    main()
