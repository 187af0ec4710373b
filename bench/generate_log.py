#!/usr/bin/env python3
"""Writes a large, realistic PostgreSQL stderr log for the ingest benchmark.

The statements are the ones the fixture Django app really sent (fixtures/blog/logs/postgresql.log)
and the extended-protocol traffic pgbench sent (fixtures/blog/logs/pgbench_extended.log); each
copy gets fresh constants, pids and timestamps, so the log has the shape of a busy application's:
many sessions, few templates, constants that vary. Deterministic for a given seed.

usage: bench/generate_log.py OUTPUT SIZE_MB [--seed N]
"""
import argparse
import random
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \w+ \[\d+\] (\S+@\S+ )?")
# ids compared with = or listed in IN (...), outside string literals; parameter values '123'
NUMBER = re.compile(r"(?:(?<== )|(?<=\()|(?<=, ))\d+(?![\w.])")
PARAMETER = re.compile(r"(?<== ')\d+(?=')")


def records(path):
    """The log's records (a prefixed line and its continuation lines), prefix removed."""
    current = None
    for line in path.read_text().splitlines():
        match = PREFIX.match(line)
        if match:
            if current:
                yield current
            current = [line[match.end():]]
        elif current is not None:
            current.append(line)
    if current:
        yield current


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("size_mb", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    django = [r for r in records(ROOT / "fixtures/blog/logs/postgresql.log")]
    pgbench = [r for r in records(ROOT / "fixtures/blog/logs/pgbench_extended.log")]
    # pgbench's execute lines with their DETAIL lines, kept as pairs
    pairs = [(pgbench[i], pgbench[i + 1]) for i in range(len(pgbench) - 1)
             if "execute" in pgbench[i][0] and pgbench[i + 1][0].startswith("DETAIL:")]

    def vary(text):
        parts = text.split("'")
        for i in range(0, len(parts), 2):  # outside string literals only
            parts[i] = NUMBER.sub(lambda m: str(rng.randint(1, 200000)), parts[i])
        text = "'".join(parts)
        return PARAMETER.sub(lambda m: str(rng.randint(1, 200000)), text) if "parameters:" in text else text

    target = args.size_mb * 1024 * 1024
    written = 0
    clock = datetime(2026, 11, 1, 0, 0, 0)
    with open(args.output, "w", buffering=1 << 22) as out:
        while written < target:
            pid = rng.randint(1000, 99999)
            user_db = rng.choice(["app@blog ", "report@blog ", "app@shop "])
            batch = []
            for _ in range(rng.randint(5, 40)):  # one request's worth of statements
                clock += timedelta(microseconds=rng.randint(50, 5000))
                stamp = clock.strftime("%Y-%m-%d %H:%M:%S.") + f"{clock.microsecond // 1000:03d} UTC"
                prefix = f"{stamp} [{pid}] {user_db}"
                if rng.random() < 0.2 and pairs:
                    execute, detail = rng.choice(pairs)
                    batch.append(prefix + vary(execute[0]))
                    batch.append(prefix + vary(detail[0]))
                else:
                    record = rng.choice(django)
                    duration = f"duration: {rng.uniform(0.01, 80):.3f} ms  "
                    first = re.sub(r"^LOG:  duration: [\d.]+ ms  ", "LOG:  " + duration, record[0])
                    batch.append(prefix + vary(first))
                    batch.extend(vary(line) for line in record[1:])
            text = "\n".join(batch) + "\n"
            out.write(text)
            written += len(text)
    print(f"wrote {written / 1048576:.0f} MB to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
