"""What the Python references of `netplayground bench` share: the protocol
(batch 64, 20 warm-up batches, then one epoch less the warm-up and the last
batch; 1,000-image inference five times; 200 single-image latencies), the
optimizers' learning rates, the MNIST reader, thread pinning and peak memory.

Sources/NetPlayground/Commands/BenchCommand.swift and BenchOptimizer.swift
are the other side of every number here; change them together.
"""
import argparse
import gzip
import json
import os
import resource
import struct
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST = os.path.join(ROOT, "datasets", "mnist")
# The usual MNIST pixel mean and deviation. MiniNN measures the training set's
# own (other constants, the same work).
MEAN, STD = 0.1307, 0.3081
BATCH_SIZE = 64
WARMUP_BATCHES = 20
MODELS = ["mnist-mlp", "mnist-cnn"]
# The recipes' Adam (Sources/Lessons/Recipes/RecipeCatalog.swift) and SGD with
# momentum 0.9 (BenchOptimizer.swift).
LEARNING_RATES = {
    "adam": {"mnist-mlp": 0.002, "mnist-cnn": 0.003},
    "momentum": {"mnist-mlp": 0.05, "mnist-cnn": 0.02},
}
MOMENTUM = 0.9
ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON = 0.9, 0.999, 1e-8


def parser(description, models=MODELS):
    """The command line every reference takes."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="200 batches instead of one epoch")
    p.add_argument("--batches", type=int, help="time exactly this many batches")
    p.add_argument("--model", choices=models, action="append")
    p.add_argument("--optimizer", choices=sorted(LEARNING_RATES), default="adam")
    p.add_argument("--threads", type=int, default=2, help="threads for the engine (default 2)")
    return p


def check_arguments(p, args):
    if args.batches is not None and args.batches < 1:
        p.error(f"--batches must be at least 1, got {args.batches}")
    if args.threads < 1:
        p.error(f"--threads must be at least 1, got {args.threads}")


def pin_blas_threads(count):
    """Pins OpenBLAS/OpenMP/MKL to `count` threads; call before importing numpy."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(count)


def timed_batches(args, train_count):
    """One epoch less the warm-up and the last batch, as `netplayground bench` times."""
    if args.batches:
        return args.batches
    return 200 if args.quick else -(-train_count // BATCH_SIZE) - WARMUP_BATCHES - 1


def read_idx(name):
    """An IDX file of datasets/mnist (gzip) as a uint8 array of its shape."""
    import numpy as np
    path = os.path.join(MNIST, name)
    try:
        with gzip.open(path, "rb") as f:
            data = f.read()
    except OSError as error:
        sys.exit(f"error: cannot read {path}: {error}")
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def batch_order(count):
    """The shuffled order batches are cut from: batch i is 64 consecutive entries."""
    import numpy as np
    return np.random.default_rng(0).permutation(count)


def batch_indices(order, i):
    start = (i * BATCH_SIZE) % (len(order) - BATCH_SIZE)
    return order[start:start + BATCH_SIZE]


def reset_peak_rss():
    """Resets VmHWM (Linux), so each model's peak is its own, as in the Swift bench."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def loaded_openblas_threads():
    """The thread count the OpenBLAS loaded into this process reports, or None."""
    import ctypes
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line.lower() and "/" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                       "openblas_get_num_threads"):
            function = getattr(library, symbol, None)
            if function is not None:
                return int(function())
    return None


def time_inference(run_thousand, run_one):
    """Images per second over 5 passes of 1,000 test images, and the seconds
    one image takes (20 warm-up calls, then 200 timed): the protocol
    `netplayground bench` follows. Each callable must finish its work before
    it returns (JAX: block until ready)."""
    run_thousand()
    repeats = 5
    start = time.perf_counter()
    for _ in range(repeats):
        run_thousand()
    images_per_second = repeats * 1000 / (time.perf_counter() - start)
    for _ in range(20):
        run_one()
    count = 200
    start = time.perf_counter()
    for _ in range(count):
        run_one()
    return images_per_second, (time.perf_counter() - start) / count


def result(model, optimizer, learning_rate, final_loss, batches, train_seconds, inference):
    """One model's figures, with the fields and names `netplayground bench --json` uses."""
    images_per_second, latency = inference
    return {
        "model": model,
        "optimizer": optimizer,
        "learningRate": learning_rate,
        "finalLoss": float(final_loss),
        "timedBatches": batches,
        "trainImagesPerSecond": batches * BATCH_SIZE / train_seconds,
        "inferenceImagesPerSecond": images_per_second,
        "latencyMilliseconds": latency * 1000,
        "peakResidentMegabytes": peak_rss_mb(),
    }


def print_report(engine, optimizer, threads, batches, results):
    json.dump({"engine": engine, "optimizer": optimizer, "threads": threads,
               "batches": batches, "results": results}, sys.stdout, indent=2)
    print()
