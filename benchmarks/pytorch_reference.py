#!/usr/bin/env python3
"""PyTorch eager reference for `netplayground bench`.

Trains the same two models the same way (batch 64, Adam as in the recipes,
softmax cross-entropy, real MNIST bytes made float and normalized per batch)
on the CPU with 2 threads, and prints one JSON object with the same fields the Swift bench
prints, so benchmarks/compare.py can put them side by side.

    /work/pyvenv/bin/python benchmarks/pytorch_reference.py [--quick]

Needs torch and numpy (not needed by CI).
"""
import argparse
import gzip
import json
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST = os.path.join(ROOT, "datasets", "mnist")
MEAN, STD = 0.1307, 0.3081


def read_idx(name):
    with gzip.open(os.path.join(MNIST, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


# The recipes' optimizers (Sources/Lessons/Recipes/RecipeCatalog.swift).
LEARNING_RATES = {"mnist-mlp": 0.002, "mnist-cnn": 0.003}


def models():
    """The two models, as in Sources/Lessons/Recipes (mnist-mlp, mnist-cnn)."""
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    cnn = nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(784, 10))
    return {"mnist-mlp": mlp, "mnist-cnn": cnn}


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


def bench_model(name, model, images, labels, test_images, batches, warmup):
    torch.manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATES[name])
    loss_fn = nn.CrossEntropyLoss()
    order = torch.from_numpy(np.random.default_rng(0).permutation(len(images)))
    batch_size = 64

    def batch(i):
        index = order[(i * batch_size) % (len(images) - batch_size):][:batch_size]
        # Per batch: bytes → float, normalized (as the Swift side does).
        x = (images[index].float() / 255 - MEAN) / STD
        return x, labels[index]

    def step(i):
        x, y = batch(i)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    model.train()
    for i in range(warmup):
        step(i)
    start = time.perf_counter()
    for i in range(batches):
        step(warmup + i)
    train_seconds = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        x = (test_images[:1000].float() / 255 - MEAN) / STD
        model(x)
        repeats = 5
        start = time.perf_counter()
        for _ in range(repeats):
            model(x)
        inference_seconds = time.perf_counter() - start
        one = x[:1]
        for _ in range(20):
            model(one)
        count = 200
        start = time.perf_counter()
        for _ in range(count):
            model(one)
        latency = (time.perf_counter() - start) / count

    return {
        "model": name,
        "trainImagesPerSecond": batches * batch_size / train_seconds,
        "inferenceImagesPerSecond": repeats * 1000 / inference_seconds,
        "latencyMilliseconds": latency * 1000,
        "peakResidentMegabytes": peak_rss_mb(),
        "timedBatches": batches,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 batches instead of one epoch")
    parser.add_argument("--batches", type=int, help="time exactly this many batches")
    parser.add_argument("--model", choices=["mnist-mlp", "mnist-cnn"], action="append")
    args = parser.parse_args()
    torch.set_num_threads(2)
    images = torch.from_numpy(read_idx("train-images-idx3-ubyte.gz").copy()).unsqueeze(1)
    labels = torch.from_numpy(read_idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    test_images = torch.from_numpy(read_idx("t10k-images-idx3-ubyte.gz").copy()).unsqueeze(1)
    # One epoch less the warm-up and the last batch, as `netplayground bench` times.
    batches = args.batches or (200 if args.quick else -(-len(images) // 64) - 20 - 1)
    results = []
    for name, model in models().items():
        if args.model and name not in args.model:
            continue
        reset_peak_rss()
        results.append(bench_model(name, model, images, labels, test_images, batches, warmup=20))
    json.dump({"engine": f"pytorch {torch.__version__} eager, {torch.get_num_threads()} threads",
               "batches": batches, "results": results}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
