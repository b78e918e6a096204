#!/usr/bin/env python3
"""Writes Tests/MiniNNTests/Fixtures/pytorch_reference.json: forward outputs
and gradients of small conv / pool / dense / loss cases, computed by PyTorch.

The Swift tests (Tests/MiniNNTests/ReferenceTests.swift) load the same inputs
and weights from the fixture, run MiniNN, and compare. Every input, weight and
upstream gradient is written into the fixture, so no random-number parity
between NumPy and MiniNN is needed. CI does not run this script; rerun it only
when a case is added:

    /work/pyvenv/bin/python scripts/make_reference.py

Layer gradients use a fixed upstream gradient R: PyTorch differentiates
L = sum(out * R), so dL/dout = R, which is what MiniNN's backward receives.
Loss cases store the mean loss and dLoss/dlogits (PyTorch's mean reductions).
"""
import json
import os
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "MiniNNTests", "Fixtures", "pytorch_reference.json")

rng = np.random.default_rng(20261122)


def fresh(*shape, scale=1.0):
    """A float32 tensor of N(0, scale²) draws, rounded so the JSON is exact."""
    values = (rng.standard_normal(shape) * scale).astype(np.float32)
    return torch.tensor(values, requires_grad=True)


def distinct(*shape):
    """Values at least 0.01 apart (a shuffled ramp), so max-pooling has no ties."""
    count = int(np.prod(shape))
    values = (rng.permutation(count).astype(np.float32) - count / 2) * 0.01
    return torch.tensor(values.reshape(shape), requires_grad=True)


def tensor_json(t):
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "values": [float(v) for v in t.reshape(-1).tolist()]}


def conv_case(name, batch, in_channels, out_channels, kernel, stride, padding, height, width):
    x = fresh(batch, in_channels, height, width)
    w = fresh(out_channels, in_channels, kernel, kernel, scale=0.3)
    b = fresh(out_channels, scale=0.1)
    out = F.conv2d(x, w, b, stride=stride, padding=padding)
    upstream = torch.tensor(rng.standard_normal(tuple(out.shape)).astype(np.float32))
    (out * upstream).sum().backward()
    return {
        "name": name, "stride": stride, "padding": padding,
        "input": tensor_json(x), "weight": tensor_json(w), "bias": tensor_json(b),
        "upstream": tensor_json(upstream), "output": tensor_json(out),
        "inputGradient": tensor_json(x.grad), "weightGradient": tensor_json(w.grad),
        "biasGradient": tensor_json(b.grad),
    }


def pool_case(name, batch, channels, height, width, window, stride):
    x = distinct(batch, channels, height, width)
    out = F.max_pool2d(x, window, stride)
    upstream = torch.tensor(rng.standard_normal(tuple(out.shape)).astype(np.float32))
    (out * upstream).sum().backward()
    return {
        "name": name, "window": window, "stride": stride,
        "input": tensor_json(x), "upstream": tensor_json(upstream),
        "output": tensor_json(out), "inputGradient": tensor_json(x.grad),
    }


def dense_case(name, batch, inputs, outputs):
    x = fresh(batch, inputs)
    w = fresh(outputs, inputs, scale=0.3)  # nn.Linear layout, as MiniNN's Dense
    b = fresh(outputs, scale=0.1)
    out = F.linear(x, w, b)
    upstream = torch.tensor(rng.standard_normal(tuple(out.shape)).astype(np.float32))
    (out * upstream).sum().backward()
    return {
        "name": name, "input": tensor_json(x), "weight": tensor_json(w), "bias": tensor_json(b),
        "upstream": tensor_json(upstream), "output": tensor_json(out),
        "inputGradient": tensor_json(x.grad), "weightGradient": tensor_json(w.grad),
        "biasGradient": tensor_json(b.grad),
    }


def loss_case(name, kind, batch, width):
    labels = rng.integers(0, max(2, width), size=batch)
    if kind == "softmaxCrossEntropy":
        z = fresh(batch, width, scale=3.0)
        loss = F.cross_entropy(z, torch.tensor(labels))
    elif kind == "meanSquaredError":
        z = fresh(batch, width)
        target = F.one_hot(torch.tensor(labels), width).float() if width > 1 else torch.tensor(labels, dtype=torch.float32).reshape(batch, 1)
        loss = F.mse_loss(z, target)
    else:  # binaryCrossEntropy on probabilities in (0, 1)
        p = torch.tensor(rng.uniform(0.05, 0.95, size=(batch, width)).astype(np.float32), requires_grad=True)
        z = p
        target = F.one_hot(torch.tensor(labels), width).float() if width > 1 else torch.tensor(labels, dtype=torch.float32).reshape(batch, 1)
        loss = F.binary_cross_entropy(p, target)
    loss.backward()
    return {
        "name": name, "kind": kind, "labels": [int(v) for v in labels],
        "output": tensor_json(z), "loss": loss.item(), "gradient": tensor_json(z.grad),
    }


def network_case():
    """A whole small convnet trained one step: conv → ReLU → pool → flatten → dense,
    softmax cross-entropy. Checks every parameter gradient end to end."""
    x = fresh(3, 2, 8, 7).detach()
    conv_w = fresh(4, 2, 3, 3, scale=0.3)
    conv_b = fresh(4, scale=0.1)
    dense_w = fresh(5, 4 * 4 * 3, scale=0.3)
    dense_b = fresh(5, scale=0.1)
    labels = torch.tensor(rng.integers(0, 5, size=3))
    h = F.max_pool2d(F.relu(F.conv2d(x, conv_w, conv_b, padding=1)), 2)
    logits = F.linear(h.flatten(1), dense_w, dense_b)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    return {
        "name": "conv 2→4 3×3 pad 1 → ReLU → pool 2 → flatten → dense 48→5",
        "input": tensor_json(x), "labels": [int(v) for v in labels],
        "convWeight": tensor_json(conv_w), "convBias": tensor_json(conv_b),
        "denseWeight": tensor_json(dense_w), "denseBias": tensor_json(dense_b),
        "logits": tensor_json(logits), "loss": loss.item(),
        "convWeightGradient": tensor_json(conv_w.grad), "convBiasGradient": tensor_json(conv_b.grad),
        "denseWeightGradient": tensor_json(dense_w.grad), "denseBiasGradient": tensor_json(dense_b.grad),
    }


def main():
    torch.manual_seed(0)
    fixture = {
        "generator": f"scripts/make_reference.py with torch {torch.__version__}",
        "conv2d": [
            conv_case("1→8 5×5 pad 2 (mnist-cnn conv1, small image)", 2, 1, 8, 5, 1, 2, 9, 8),
            conv_case("3→2 3×3 pad 0, non-square", 2, 3, 2, 3, 1, 0, 6, 9),
            conv_case("2→3 3×3 pad 1 stride 2", 3, 2, 3, 3, 2, 1, 7, 6),
            conv_case("2→2 4×4 pad 2 stride 2 (even kernel)", 2, 2, 2, 4, 2, 2, 5, 8),
            conv_case("4→3 1×1", 2, 4, 3, 1, 1, 0, 3, 5),
            conv_case("2→2 3×3 stride 3, edge dropped", 1, 2, 2, 3, 3, 0, 8, 10),
        ],
        "maxPool2d": [
            pool_case("2×2 stride 2, wide rows (SIMD path)", 2, 3, 6, 20, 2, 2),
            pool_case("2×2 stride 2, odd sizes", 2, 2, 7, 5, 2, 2),
            pool_case("3×3 stride 2, overlapping", 1, 2, 9, 8, 3, 2),
            pool_case("2×2 stride 1", 2, 1, 4, 5, 2, 1),
        ],
        "dense": [
            dense_case("7→5", 4, 7, 5),
            dense_case("20→3", 2, 20, 3),
        ],
        "loss": [
            loss_case("softmax CE, 10 classes", "softmaxCrossEntropy", 6, 10),
            loss_case("softmax CE, 3 classes", "softmaxCrossEntropy", 4, 3),
            loss_case("MSE one-hot", "meanSquaredError", 5, 4),
            loss_case("BCE width 1", "binaryCrossEntropy", 6, 1),
        ],
        "network": [network_case()],
    }
    # Write to a temporary file beside the target, then rename into place.
    directory = os.path.dirname(OUT)
    with tempfile.NamedTemporaryFile("w", dir=directory, delete=False, suffix=".tmp") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
        temporary = f.name
    os.chmod(temporary, 0o644)
    os.replace(temporary, OUT)
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
