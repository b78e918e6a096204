#!/usr/bin/env python3
"""PyTorch eager reference for `netplayground bench`.

Trains the same two models the same way (batch 64, the recipes' Adam or SGD
with momentum 0.9 as `bench --optimizer momentum`, softmax cross-entropy, real
MNIST bytes made float and normalized per batch) on the CPU with --threads
(default 2) threads, and prints one JSON object with the same fields the Swift
bench prints, so benchmarks/compare.py can put them side by side. The protocol
is in reference_common.py. The MLP starts from the recipe's initialization
(as numpy_reference.py and jax_reference.py); the convnet from PyTorch's default.

    /work/pyvenv/bin/python benchmarks/pytorch_reference.py [--quick] [--optimizer momentum]

Needs torch and numpy (not needed by CI).
"""
import sys
import time

import numpy as np
import torch
import torch.nn as nn

import reference_common as common
from reference_common import MEAN, STD


def models():
    """The two models, as in Sources/Lessons/Recipes (mnist-mlp, mnist-cnn)."""
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    # The recipe's start, drawn as numpy_reference.py draws it: He × 0.1, Xavier uniform, zero biases.
    rng = np.random.default_rng(0)
    first = rng.standard_normal((128, 784)) * (2 / 784) ** 0.5 * 0.1
    limit = (6 / (128 + 10)) ** 0.5
    with torch.no_grad():
        mlp[1].weight.copy_(torch.from_numpy(first.astype(np.float32)))
        mlp[3].weight.copy_(torch.from_numpy(rng.uniform(-limit, limit, (10, 128)).astype(np.float32)))
        mlp[1].bias.zero_()
        mlp[3].bias.zero_()
    cnn = nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(784, 10))
    return {"mnist-mlp": mlp, "mnist-cnn": cnn}


def bench_model(name, model, images, labels, test_images, batches, warmup, optimizer_name):
    torch.manual_seed(0)
    learning_rate = common.LEARNING_RATES[optimizer_name][name]
    if optimizer_name == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=common.MOMENTUM)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.from_numpy(common.batch_order(len(images)))
    batch_size = common.BATCH_SIZE

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
        return loss

    model.train()
    for i in range(warmup):
        step(i)
    start = time.perf_counter()
    for i in range(batches):
        loss = step(warmup + i)
    train_seconds = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        x = (test_images[:1000].float() / 255 - MEAN) / STD
        one = x[:1]
        inference = common.time_inference(lambda: model(x), lambda: model(one))
    return common.result(name, optimizer_name, learning_rate, loss.item(), batches, train_seconds, inference)


def main():
    p = common.parser(__doc__.splitlines()[0])
    args = p.parse_args()
    common.check_arguments(p, args)
    torch.set_num_threads(args.threads)
    images = torch.from_numpy(common.read_idx("train-images-idx3-ubyte.gz").copy()).unsqueeze(1)
    labels = torch.from_numpy(common.read_idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    test_images = torch.from_numpy(common.read_idx("t10k-images-idx3-ubyte.gz").copy()).unsqueeze(1)
    batches = common.timed_batches(args, len(images))
    results = []
    for name, model in models().items():
        if args.model and name not in args.model:
            continue
        common.reset_peak_rss()
        results.append(bench_model(name, model, images, labels, test_images, batches,
                                   common.WARMUP_BATCHES, args.optimizer))
    threads = {"intraOp": torch.get_num_threads(), "interOp": torch.get_num_interop_threads()}
    common.print_report(f"pytorch {torch.__version__} eager, {torch.get_num_threads()} threads",
                        args.optimizer, threads, batches, results)


if __name__ == "__main__":
    main()
