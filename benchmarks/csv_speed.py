#!/usr/bin/env python3
"""Measures how fast `netplayground train --csv` reads a large table and
trains on it, against iris's training rate (issue 16: a 1,000,000-row,
20-column numeric CSV loads in at most 3 s and trains at no less than half
of iris's rows per second).

    make build        # or: swift build -c release $(scripts/swift_cpu_flags.sh)
    python3 benchmarks/csv_speed.py [--rows 1000000] [--columns 20] [--rounds 3]
    ... --binary .build/release/netplayground --keep big.csv

It writes the table once (seeded, so every run reads the same bytes; 19
numeric features of 3–6 significant digits and a 0/1 label from a linear
rule), then in each round runs `train --csv big.csv --epochs 1 --json` and
`train iris-mlp --epochs 20 --json`, keeping the best load time and the
best rates over the rounds (a burst of other work slows one round, not the
comparison). `load_seconds` is the time from opening the file to the
standardized split; the training rate is the trainer's rows per second of
training, evaluations excluded. The table is deleted afterwards unless --keep.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time


def write_table(path, rows, columns, seed=16):
    generator = random.Random(seed)
    features = columns - 1
    weights = [generator.uniform(-1, 1) for _ in range(features)]
    with open(path, "w") as out:
        out.write(",".join([f"x{index + 1}" for index in range(features)] + ["label"]) + "\n")
        for _ in range(rows):
            values = [generator.gauss(0, 1) for _ in range(features)]
            label = 1 if sum(w * v for w, v in zip(weights, values)) > 0 else 0
            out.write(",".join(f"{v:.4g}" for v in values) + f",{label}\n")


def run_json(binary, arguments):
    result = subprocess.run([binary] + arguments + ["--json"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--columns", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release",
                                                         "netplayground"))
    parser.add_argument("--keep", help="write the table here and keep it")
    options = parser.parse_args()

    path = options.keep or os.path.join(tempfile.mkdtemp(prefix="csv-speed-"), "big.csv")
    started = time.perf_counter()
    write_table(path, options.rows, options.columns)
    print(f"wrote {path}: {options.rows:,} rows × {options.columns} columns, "
          f"{os.path.getsize(path) / 1e6:.0f} MB in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    try:
        loads, table_rates, iris_rates = [], [], []
        for round_number in range(options.rounds):
            table = run_json(options.binary, ["train", "--csv", path, "--epochs", "1"])
            iris = run_json(options.binary, ["train", "iris-mlp", "--epochs", "20"])
            loads.append(table["load_seconds"])
            table_rates.append(table["images_per_second"])
            iris_rates.append(iris["images_per_second"])
            print(f"round {round_number + 1}: load {table['load_seconds']:.2f} s, table "
                  f"{table['images_per_second']:,} rows/s, iris {iris['images_per_second']:,} rows/s", file=sys.stderr)
        summary = {
            "rows": options.rows, "columns": options.columns, "bytes": os.path.getsize(path),
            "load_seconds": min(loads), "table_rows_per_second": max(table_rates),
            "iris_rows_per_second": max(iris_rates),
            "ratio_to_iris": round(max(table_rates) / max(iris_rates), 3),
            "load_target_met": min(loads) <= 3.0, "rate_target_met": max(table_rates) >= max(iris_rates) / 2,
        }
        print(json.dumps(summary))
    finally:
        if not options.keep:
            os.remove(path)
            os.rmdir(os.path.dirname(path))


if __name__ == "__main__":
    main()
