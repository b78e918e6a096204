#!/usr/bin/env python3
"""Runs `netplayground bench` and the PyTorch eager reference one after the
other on the same machine, and prints the figures side by side with ratios.

    make build
    /work/pyvenv/bin/python benchmarks/compare.py [--quick] [--bin PATH]

Throughput ratios are MiniNN / PyTorch (above 1: MiniNN is faster); the
latency and memory ratios are PyTorch / MiniNN (above 1: MiniNN is smaller).
The 1-minute load average is printed before and after: figures taken while
other work runs on the machine are noisy.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_average():
    return os.getloadavg()[0]


def run_json(command):
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=sys.stderr, text=True, check=True)
    return json.loads(completed.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 timed batches instead of one epoch")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "netplayground"))
    parser.add_argument("--python", default=sys.executable, help="a Python with torch")
    args = parser.parse_args()

    extra = ["--quick"] if args.quick else []
    load_before = load_average()
    ours = run_json([args.bin, "bench", "--json"] + extra)
    theirs = run_json([args.python, os.path.join(ROOT, "benchmarks", "pytorch_reference.py"), "--batches",
                       str(ours["batches"])])
    load_after = load_average()

    print(f"MiniNN : {ours['engine']}; sgemm peak {ours['sgemmPeakGFLOPS']:.1f} GFLOP/s")
    print(f"PyTorch: {theirs['engine']}")
    print(f"timed training batches of 64: {ours['batches']}; load average {load_before:.2f} before, "
          f"{load_after:.2f} after")
    print()
    header = f"{'':28}{'MiniNN':>12}{'PyTorch':>12}{'ratio':>9}"
    by_name = {r["model"]: r for r in theirs["results"]}
    for mine in ours["results"]:
        reference = by_name.get(mine["model"])
        if reference is None:
            continue
        print(mine["model"])
        print(header)
        rows = [
            ("training images/s", "trainImagesPerSecond", True, "{:.0f}"),
            ("inference images/s (1000)", "inferenceImagesPerSecond", True, "{:.0f}"),
            ("latency, one image (ms)", "latencyMilliseconds", False, "{:.3f}"),
            ("peak resident memory (MB)", "peakResidentMegabytes", False, "{:.0f}"),
        ]
        for label, key, higher_is_better, form in rows:
            a, b = mine[key], reference[key]
            ratio = a / b if higher_is_better else b / a
            print(f"  {label:26}{form.format(a):>12}{form.format(b):>12}{ratio:>8.2f}×")
        print(f"  MiniNN training: {mine['trainGFLOPS']:.1f} GFLOP/s = "
              f"{100 * mine['fractionOfSgemmPeak']:.0f}% of the sgemm peak")
        print()


if __name__ == "__main__":
    main()
