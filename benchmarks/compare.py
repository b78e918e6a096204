#!/usr/bin/env python3
"""Runs `netplayground bench` and its references (PyTorch eager, NumPy from
scratch, JAX jit where jax is installed) on the same machine, in alternating
rounds, and prints the figures side by side with ratios.

    make build
    /work/pyvenv/bin/python benchmarks/compare.py [--quick] [--rounds 3] [--optimizer both]
    ... --json          one JSON object (machine, protocol, rows, every round)
    ... --markdown      the README's speed table with its machine line
    ... --from-json run.json [--markdown]   print a saved --json run again, without rerunning

Every engine trains the same models the same way (reference_common.py: batch
64, 20 warm-up batches, then the same number of timed batches) with the same
optimizer: the recipes' Adam or SGD with momentum 0.9 (lr 0.05 mlp, 0.02 cnn).
NumPy and JAX have the MLP only ("—" for the convnet). An engine whose Python
package is missing is skipped with a note; one that fails is reported, not fatal.

Rounds alternate (the engine that goes first rotates) and each figure is the
best a side reached over the rounds, so that a burst of other work on the
machine slows one round, not the comparison; the spread of the training rates
is printed too. Ratios are MiniNN / other (above 1: MiniNN is faster). The
machine (CPU, flags, cores, clock, OPENBLAS_CORETYPE, threads per engine, the
sgemm peak and the CPU's FMA ceilings) and the load average before and after
go with the figures.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_common as common  # noqa: E402

ROOT = common.ROOT
HERE = os.path.join(ROOT, "benchmarks")
TRAIN_IMAGES = 60_000


class Engine:
    """One side of the comparison: how to run it and which models it has."""

    def __init__(self, name, label, models, module=None, script=None):
        self.name, self.label, self.models, self.module, self.script = name, label, models, module, script
        self.skipped = None  # why, when it cannot run here

    def command(self, args, optimizer, batches):
        common_args = ["--batches", str(batches), "--optimizer", optimizer]
        models = [m for m in self.models if m in args.models]
        model_args = [part for m in models for part in ("--model", m)]
        if self.script is None:
            return [args.bin, "bench", "--json"] + common_args + model_args
        return [args.python, os.path.join(HERE, self.script), "--threads", str(args.threads)] + common_args + model_args


ENGINES = [
    Engine("MiniNN", "MiniNN", common.MODELS),
    Engine("PyTorch", "PyTorch eager", common.MODELS, "torch", "pytorch_reference.py"),
    Engine("NumPy", "NumPy from scratch", ["mnist-mlp"], "numpy", "numpy_reference.py"),
    Engine("JAX", "JAX jit", ["mnist-mlp"], "jax", "jax_reference.py"),
]


def module_version(python, module):
    """The module's version in `python`, or None when it does not import."""
    completed = subprocess.run([python, "-c", f"import {module}; print({module}.__version__)"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return completed.stdout.strip() if completed.returncode == 0 else None


def run_json(command):
    """The JSON a run printed, or (None, why) when it failed."""
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["(no message)"])[-1]
        return None, f"exit {completed.returncode}: {last}"
    try:
        return json.loads(completed.stdout), None
    except json.JSONDecodeError as error:
        return None, f"printed no JSON ({error})"


# --- the machine ------------------------------------------------------------

def cpuinfo_blocks():
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
    except OSError:
        return []
    blocks = []
    for chunk in text.strip().split("\n\n"):
        block = {}
        for line in chunk.splitlines():
            key, _, value = line.partition(":")
            block[key.strip()] = value.strip()
        blocks.append(block)
    return blocks


def clock_ghz(blocks):
    """(GHz, how it was read): cpufreq's maximum if the kernel has it, else /proc/cpuinfo's MHz."""
    try:
        with open("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq") as f:
            return int(f.read()) / 1e6, "cpufreq cpuinfo_max_freq"
    except (OSError, ValueError):
        pass
    values = [float(b["cpu MHz"]) for b in blocks if "cpu MHz" in b]
    if values:
        return sum(values) / len(values) / 1000, \
            "/proc/cpuinfo 'cpu MHz' (no cpufreq: the nominal clock the hypervisor reports, not a measured boost)"
    return None, "unknown (no cpufreq, no 'cpu MHz')"


def machine():
    blocks = cpuinfo_blocks()
    first = blocks[0] if blocks else {}
    flags = set(first.get("flags", "").split())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ghz, clock_source = clock_ghz(blocks)
    info = {
        "cpu": first.get("model name", platform.processor() or "unknown"),
        "cpuFamily": first.get("cpu family"), "cpuModel": first.get("model"),
        "flags": {name: name in flags for name in ("avx2", "fma", "avx512f")},
        "logicalCPUs": os.cpu_count(), "usableCPUs": cores,
        "openblasCoretype": os.environ.get("OPENBLAS_CORETYPE"),
        "clockGHz": ghz, "clockSource": clock_source,
        "kernel": platform.release(), "python": platform.python_version(),
    }
    if ghz:
        # Two FMA units, each a multiply and an add per lane: 16 float lanes with AVX-512, 8 with AVX2.
        info["fmaCeilingAVX512GFLOPS"] = cores * ghz * 2 * 16 * 2
        info["fmaCeilingAVX2GFLOPS"] = cores * ghz * 2 * 8 * 2
        lanes, isa = (16, "AVX-512") if "avx512f" in flags else (8, "AVX2")
        info["fmaCeilingGFLOPS"] = cores * ghz * 2 * lanes * 2
        info["fmaCeilingFormula"] = f"{cores} cores × {ghz:.2f} GHz × 2 FMA units × {lanes} lanes × 2 ({isa})"
    notes = []
    if "avx512f" not in flags:
        notes.append("no avx512f in /proc/cpuinfo: the ceiling is AVX2's (the AVX-512 formula would be twice it)")
    elif first.get("vendor_id") == "AuthenticAMD" and first.get("cpu family") == "25":
        notes.append("AMD family 25 with AVX-512 is Zen 4, which runs a 512-bit FMA as two 256-bit halves: "
                     "its real ceiling is the AVX2 figure, half the AVX-512 formula")
    if ghz and clock_source.startswith("/proc"):
        notes.append("the clock is the nominal one; under boost the ceilings are higher")
    info["notes"] = notes
    try:
        commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        info["commit"] = commit or None
    except OSError:
        info["commit"] = None
    return info


# --- the runs ---------------------------------------------------------------

def timed_batches(args):
    if args.batches:
        return args.batches
    return 200 if args.quick else -(-TRAIN_IMAGES // common.BATCH_SIZE) - common.WARMUP_BATCHES - 1


def run_rounds(args, engines, optimizers, batches):
    """{engine: {optimizer: [report, ...]}} over the rounds, and failures."""
    runs = {e.name: {o: [] for o in optimizers} for e in engines}
    failures = []
    for round_index in range(args.rounds):
        # Rotate who goes first, so no engine always meets the same machine state.
        shift = round_index % len(engines)
        order = engines[shift:] + engines[:shift]
        for optimizer in optimizers:
            for engine in order:
                print(f"round {round_index + 1} of {args.rounds}: {engine.name}, {optimizer}…", file=sys.stderr)
                report, problem = run_json(engine.command(args, optimizer, batches))
                if report is None:
                    failures.append(f"{engine.name} ({optimizer}, round {round_index + 1}) failed: {problem}")
                    if engine.name == "MiniNN":
                        sys.exit(f"error: netplayground bench failed: {problem}")
                    continue
                for result in report["results"]:
                    rule, lr = result.get("optimizer"), result.get("learningRate")
                    expected = common.LEARNING_RATES[optimizer].get(result["model"])
                    if rule != optimizer or lr is None or abs(lr - expected) > 1e-6:
                        failures.append(f"{engine.name} {result['model']} ran {rule} at lr {lr}, "
                                        f"not {optimizer} at {expected}: its figures do not compare")
                runs[engine.name][optimizer].append(report)
    return runs, failures


def summarize(runs, engine, optimizer, model):
    """Best figures and the training-rate spread of one engine, optimizer and model, or None."""
    results = [r for report in runs[engine][optimizer] for r in report["results"] if r["model"] == model]
    if not results:
        return None
    rates = [r["trainImagesPerSecond"] for r in results]
    summary = {
        "train": max(rates), "trainMin": min(rates), "trainRounds": rates,
        "inference": max(r["inferenceImagesPerSecond"] for r in results),
        "latencyMs": min(r["latencyMilliseconds"] for r in results),
        "peakRSSMB": min(r["peakResidentMegabytes"] for r in results),
        "learningRate": results[0].get("learningRate"),
        "finalLoss": [r.get("finalLoss") for r in results],
        "optimizerReported": sorted({r.get("optimizer", "?") for r in results}),
    }
    if "trainFLOPsPerImage" in results[0]:
        summary["trainFLOPsPerImage"] = results[0]["trainFLOPsPerImage"]
    return summary


def build_rows(runs, engines, optimizers, models, machine_info, sgemm_peak):
    rows = []
    for model in models:
        for optimizer in optimizers:
            cells = {e.name: summarize(runs, e.name, optimizer, model) for e in engines}
            ours = cells.get("MiniNN")
            if ours is None:
                continue
            flops = ours.get("trainFLOPsPerImage")
            row = {"model": model, "optimizer": optimizer, "learningRate": ours["learningRate"],
                   "engines": cells, "ratios": {}}
            for name, cell in cells.items():
                if name != "MiniNN" and cell:
                    row["ratios"][name] = ours["train"] / cell["train"]
            if row["ratios"]:
                best = max((c["train"], n) for n, c in cells.items() if n != "MiniNN" and c)
                row["bestPeer"] = best[1]
                row["vsBestPeer"] = ours["train"] / best[0]
            if flops:
                row["trainFLOPsPerImage"] = flops
                row["gflops"] = {n: flops * c["train"] / 1e9 for n, c in cells.items() if c}
                if sgemm_peak:
                    row["miniNNFractionOfSgemmPeak"] = row["gflops"]["MiniNN"] / sgemm_peak
                if machine_info.get("fmaCeilingGFLOPS"):
                    row["miniNNFractionOfFMACeiling"] = row["gflops"]["MiniNN"] / machine_info["fmaCeilingGFLOPS"]
            rows.append(row)
    return rows


# --- output -----------------------------------------------------------------

def rate(value):
    if value >= 100_000:
        return f"{value / 1000:.0f}k"
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}"


def spread(cell):
    """'best (lowest–best)' in images/s."""
    if cell is None:
        return "—"
    if len(cell["trainRounds"]) == 1:
        return rate(cell["train"])
    return f"{rate(cell['train'])} ({rate(cell['trainMin'])}–{rate(cell['train'])})"


def row_label(row):
    name = {"adam": "Adam", "momentum": "SGD momentum 0.9"}[row["optimizer"]]
    return f"{row['model']}, {name}, lr {row['learningRate']:g}"


def machine_line(m, report):
    flags = " ".join(name for name, present in m["flags"].items() if present) or "none of avx2/fma/avx512f"
    parts = [f"{m['cpu']} (family {m['cpuFamily']} model {m['cpuModel']}), {m['usableCPUs']} CPUs, flags {flags}"]
    parts.append(f"OPENBLAS_CORETYPE={m['openblasCoretype']}" if m["openblasCoretype"] else "OPENBLAS_CORETYPE unset")
    if m.get("clockGHz"):
        parts.append(f"clock {m['clockGHz']:.2f} GHz from {m['clockSource']}")
    return "; ".join(parts)


def print_text(report):
    m, engines = report["machine"], report["engines"]
    names = [e for e in engines if engines[e]["status"] == "ran"]
    print(f"machine: {machine_line(m, report)}")
    if report.get("sgemmPeakGFLOPS"):
        print(f"sgemm peak (bench, 512³, all cores): {report['sgemmPeakGFLOPS']:.1f} GFLOP/s")
    if m.get("fmaCeilingGFLOPS"):
        print(f"FMA ceiling: {m['fmaCeilingGFLOPS']:.0f} GFLOP/s = {m['fmaCeilingFormula']}")
    for note in m["notes"]:
        print(f"note: {note}")
    for name, engine in engines.items():
        detail = engine.get("engine") or ""
        threads = f", threads {json.dumps(engine['threads'])}" if engine.get("threads") else ""
        status = detail + threads if engine["status"] == "ran" else f"skipped: {engine['status']}"
        print(f"  {name:8} {status}")
    p = report["protocol"]
    print(f"protocol: batch {p['batchSize']}, {p['warmupBatches']} warm-up + {p['timedBatches']} timed batches, "
          f"best of {p['rounds']} alternating rounds; commit {m.get('commit')}")
    load = report["load"]
    print(f"load average (1/5/15 min): {fmt_load(load['before'])} before, {fmt_load(load['after'])} after")
    for failure in report["failures"]:
        print(f"warning: {failure}")
    print()

    print("training images/s: best (lowest–best over the rounds)")
    peers = [n for n in names if n != "MiniNN"]
    header = f"{'model, optimizer':34}" + "".join(f"{n:>20}" for n in names) \
        + "".join(f"{'÷' + n:>10}" for n in peers) + f"{'vs best peer':>20}"
    print(header)
    for row in report["rows"]:
        line = f"{row_label(row):34}" + "".join(f"{spread(row['engines'].get(n)):>20}" for n in names)
        ratios = [f"{row['ratios'][n]:.2f}×" if n in row["ratios"] else "—" for n in peers]
        line += "".join(f"{ratio:>10}" for ratio in ratios)
        best = f"{row['vsBestPeer']:.2f}× {row['bestPeer']}" if "vsBestPeer" in row else "—"
        print(line + f"{best:>20}")
    print()

    print("MiniNN arithmetic (training, 2 FLOPs per multiply-add, elementwise work not counted)")
    for row in report["rows"]:
        if "gflops" not in row:
            continue
        parts = [f"{row['gflops']['MiniNN']:.1f} GFLOP/s"]
        if "miniNNFractionOfSgemmPeak" in row:
            parts.append(f"{100 * row['miniNNFractionOfSgemmPeak']:.0f}% of the sgemm peak")
        if "miniNNFractionOfFMACeiling" in row:
            parts.append(f"{100 * row['miniNNFractionOfFMACeiling']:.0f}% of the FMA ceiling")
        others = ", ".join(f"{n} {g:.1f}" for n, g in row["gflops"].items() if n != "MiniNN")
        print(f"  {row_label(row):40}{', '.join(parts)}" + (f" (same FLOPs: {others})" if others else ""))
    print()

    print("inference (1000 images, images/s) · latency of one image (ms) · peak RSS (MB), best over all runs")
    for model in report["protocol"]["models"]:
        cells = [(n, c) for row in report["rows"] if row["model"] == model
                 for n, c in row["engines"].items() if c]
        if not cells:
            continue
        parts = []
        for name in names:
            mine = [c for n, c in cells if n == name]
            if mine:
                parts.append(f"{name} {rate(max(c['inference'] for c in mine))} · "
                             f"{min(c['latencyMs'] for c in mine):.3f} · {min(c['peakRSSMB'] for c in mine):.0f}")
        print(f"  {model:11}" + "   ".join(parts))


def fmt_load(values):
    return "/".join(f"{v:.2f}" for v in values)


def print_markdown(report):
    m, engines = report["machine"], report["engines"]
    columns = [e.name for e in ENGINES]
    labels = {e.name: e.label for e in ENGINES}
    for name, engine in engines.items():
        if engine.get("version"):
            first, _, rest = labels[name].partition(" ")
            labels[name] = f"{first} {engine['version']} {rest}".strip()
    p, load = report["protocol"], report["load"]
    threads = ", ".join(f"{n} threads {json.dumps(engines[n].get('threads'))}"
                        for n in columns if engines[n]["status"] == "ran")
    print(f"Measured on {machine_line(m, report)}; {threads}; "
          f"sgemm peak {report.get('sgemmPeakGFLOPS', 0):.0f} GFLOP/s"
          + (f", FMA ceiling {m['fmaCeilingGFLOPS']:.0f} GFLOP/s ({m['fmaCeilingFormula']})" if m.get("fmaCeilingGFLOPS") else "")
          + f". Training images/s, batch 64, {p['timedBatches']} timed batches, best (and lowest) of {p['rounds']} "
          f"alternating rounds of `benchmarks/compare.py`; load average {load['before'][0]:.2f} before, "
          f"{load['after'][0]:.2f} after; commit {m.get('commit')}.")
    print()
    print("| model | " + " | ".join(labels[n] for n in columns) + " | MiniNN vs best peer |")
    print("|---" * (len(columns) + 2) + "|")
    for row in report["rows"]:
        cells = [spread(row["engines"].get(n)) for n in columns]
        best = f"{row['vsBestPeer']:.2f}× ({row['bestPeer']})" if "vsBestPeer" in row else "—"
        print(f"| {row_label(row)} | " + " | ".join(cells) + f" | {best} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="200 timed batches instead of one epoch")
    parser.add_argument("--batches", type=int, help="time exactly this many batches on every engine")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    parser.add_argument("--optimizer", choices=["adam", "momentum", "both"], default="both")
    parser.add_argument("--model", dest="models", choices=common.MODELS, action="append")
    parser.add_argument("--engine", dest="engines", choices=[e.name for e in ENGINES], action="append",
                        help="only these engines (MiniNN always runs); default: all that are installed")
    parser.add_argument("--threads", type=int, default=2, help="threads for the Python engines (default 2)")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "netplayground"))
    parser.add_argument("--python", default=sys.executable, help="the Python with torch, numpy and jax")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON object on standard output")
    output.add_argument("--markdown", action="store_true", help="the README speed table and its machine line")
    parser.add_argument("--from-json", metavar="FILE", help="print the report a --json run saved in FILE")
    args = parser.parse_args()
    if args.from_json:
        try:
            with open(args.from_json) as f:
                report = json.load(f)
        except (OSError, json.JSONDecodeError) as error:
            sys.exit(f"error: cannot read a compare.py --json report from {args.from_json}: {error}")
        print_markdown(report) if args.markdown else print_text(report)
        return
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    if args.batches is not None and args.batches < 1:
        parser.error(f"--batches must be at least 1, got {args.batches}")
    if not os.access(args.bin, os.X_OK):
        parser.error(f"{args.bin} is not an executable netplayground; build first (make build) or pass --bin")
    args.models = args.models or common.MODELS
    optimizers = ["adam", "momentum"] if args.optimizer == "both" else [args.optimizer]

    engines, status = [], {}
    for engine in ENGINES:
        info = {"label": engine.label}
        if engine.name != "MiniNN" and args.engines and engine.name not in args.engines:
            info["status"] = "not asked for (--engine)"
        elif not any(m in args.models for m in engine.models):
            info["status"] = f"has no {' or '.join(args.models)}"
        elif engine.module:
            version = module_version(args.python, engine.module)
            if version is None:
                info["status"] = f"no {engine.module} in {args.python} (pip install {engine.module})"
            else:
                info["version"] = version
        if "status" not in info:
            info["status"] = "ran"
            engines.append(engine)
        status[engine.name] = info

    batches = timed_batches(args)
    load_before = os.getloadavg()
    started = time.time()
    runs, failures = run_rounds(args, engines, optimizers, batches)
    load_after = os.getloadavg()
    machine_info = machine()

    for engine in engines:
        reports = [r for reports in runs[engine.name].values() for r in reports]
        if reports:
            status[engine.name]["engine"] = reports[0].get("engine")
            status[engine.name]["threads"] = reports[0].get("threads")
        else:
            status[engine.name]["status"] = "every run failed"
    ours = [r for reports in runs["MiniNN"].values() for r in reports]
    sgemm_peak = max((r["sgemmPeakGFLOPS"] for r in ours), default=None)
    report = {
        "machine": machine_info,
        "sgemmPeakGFLOPS": sgemm_peak,
        "protocol": {"batchSize": common.BATCH_SIZE, "warmupBatches": common.WARMUP_BATCHES,
                     "timedBatches": batches, "rounds": args.rounds, "optimizers": optimizers,
                     "models": args.models, "pythonThreads": args.threads,
                     "seconds": round(time.time() - started, 1)},
        "load": {"before": list(load_before), "after": list(load_after)},
        "engines": status,
        "failures": failures,
        "rows": build_rows(runs, engines, optimizers, args.models, machine_info, sgemm_peak),
        "runs": runs,
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    elif args.markdown:
        print_markdown(report)
    else:
        print_text(report)


if __name__ == "__main__":
    main()
