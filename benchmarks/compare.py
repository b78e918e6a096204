#!/usr/bin/env python3
"""Runs `netplayground bench` and the PyTorch eager reference one after the
other on the same machine, and prints the figures side by side with ratios.

    make build
    /work/pyvenv/bin/python benchmarks/compare.py [--quick] [--bin PATH]

Throughput ratios are MiniNN / PyTorch (above 1: MiniNN is faster); the
latency and memory ratios are PyTorch / MiniNN (above 1: MiniNN is smaller).

The two alternate for --rounds rounds (default 3) and each figure is the
best a side reached, so that a burst of other work on the machine (or on a
virtual machine's host) slows one round, not the comparison; the spread of
the training rates over the rounds is printed too. The 1-minute load
average is printed before and after.
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


# Higher is better for these; lower for the rest.
HIGHER_IS_BETTER = {"trainImagesPerSecond", "inferenceImagesPerSecond", "trainGFLOPS", "sgemmPeakGFLOPS"}


def best_of(rounds):
    """One result with, per model and figure, the best value over the rounds."""
    best = json.loads(json.dumps(rounds[0]))
    for other in rounds[1:]:
        for key in HIGHER_IS_BETTER & best.keys():
            best[key] = max(best[key], other[key])
        by_model = {r["model"]: r for r in other["results"]}
        for result in best["results"]:
            candidate = by_model[result["model"]]
            for key, value in result.items():
                if isinstance(value, (int, float)) and key != "timedBatches":
                    pick = max if key in HIGHER_IS_BETTER else min
                    result[key] = pick(value, candidate[key])
    for result in best["results"]:
        if "trainGFLOPS" in result and "sgemmPeakGFLOPS" in best:
            # Both bests, so that the fraction compares like with like.
            result["fractionOfSgemmPeak"] = result["trainGFLOPS"] / best["sgemmPeakGFLOPS"]
    return best


def rates(rounds, model):
    """The training rates of `model` over the rounds, as text."""
    values = [r["trainImagesPerSecond"] for result in rounds for r in result["results"] if r["model"] == model]
    return " ".join(f"{v:.0f}" for v in values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 timed batches instead of one epoch")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "netplayground"))
    parser.add_argument("--python", default=sys.executable, help="a Python with torch")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    args = parser.parse_args()

    extra = ["--quick"] if args.quick else []
    load_before = load_average()
    our_rounds, their_rounds = [], []
    for round_index in range(args.rounds):
        print(f"round {round_index + 1} of {args.rounds}", file=sys.stderr)
        our_rounds.append(run_json([args.bin, "bench", "--json"] + extra))
        their_rounds.append(run_json([args.python, os.path.join(ROOT, "benchmarks", "pytorch_reference.py"),
                                      "--batches", str(our_rounds[-1]["batches"])]))
    load_after = load_average()
    ours, theirs = best_of(our_rounds), best_of(their_rounds)

    print(f"MiniNN : {ours['engine']}; sgemm peak {ours['sgemmPeakGFLOPS']:.1f} GFLOP/s")
    print(f"PyTorch: {theirs['engine']}")
    print(f"timed training batches of 64: {ours['batches']}; best of {args.rounds} alternating rounds; "
          f"load average {load_before:.2f} before, {load_after:.2f} after")
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
        spread = [rates(rounds, mine["model"]) for rounds in (our_rounds, their_rounds)]
        print(f"  training images/s over the rounds: MiniNN {spread[0]}, PyTorch {spread[1]}")
        print(f"  MiniNN training: {mine['trainGFLOPS']:.1f} GFLOP/s = "
              f"{100 * mine['fractionOfSgemmPeak']:.0f}% of the sgemm peak")
        print()


if __name__ == "__main__":
    main()
