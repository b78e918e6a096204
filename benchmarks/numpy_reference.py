#!/usr/bin/env python3
"""NumPy from-scratch reference for `netplayground bench`: mnist-mlp only.

784 → 128 ReLU → 10, softmax cross-entropy, forward and backward written by
hand in float32, initialized as the recipe does (He × 0.1 for the first layer,
Xavier uniform for the second, zero biases), trained with batch 64 by the
recipe's Adam (lr 0.002) or SGD with momentum 0.9 (lr 0.05), both in PyTorch's
form as MiniNN's Optimizer.swift. Every product goes to NumPy's BLAS, pinned to
--threads (default 2) through OPENBLAS_NUM_THREADS / OMP_NUM_THREADS.
The protocol and the JSON fields are those of pytorch_reference.py
(see reference_common.py). No convnet: that would be a different program.

    /work/pyvenv/bin/python benchmarks/numpy_reference.py [--quick] [--optimizer momentum]
"""
import sys
import time

import reference_common as common


def parse():
    p = common.parser(__doc__.splitlines()[0], models=["mnist-mlp"])
    args = p.parse_args()
    common.check_arguments(p, args)
    return args


class MLP:
    """Parameters, gradients, optimizer state and scratch for one batch size."""

    def __init__(self, np, optimizer, learning_rate, seed=0):
        self.np = np
        rng = np.random.default_rng(seed)
        f32 = np.float32
        self.w1 = (rng.standard_normal((128, 784)) * (2 / 784) ** 0.5 * 0.1).astype(f32)
        limit = (6 / (128 + 10)) ** 0.5
        self.w2 = rng.uniform(-limit, limit, (10, 128)).astype(f32)
        self.b1 = np.zeros(128, f32)
        self.b2 = np.zeros(10, f32)
        self.parameters = [self.w1, self.b1, self.w2, self.b2]
        self.gradients = [np.zeros_like(p) for p in self.parameters]
        self.first = [np.zeros_like(p) for p in self.parameters]
        self.second = [np.zeros_like(p) for p in self.parameters] if optimizer == "adam" else []
        self.scratch = [np.zeros_like(p) for p in self.parameters]
        self.optimizer, self.learning_rate, self.steps = optimizer, f32(learning_rate), 0

    def forward(self, x):
        np = self.np
        hidden = x @ self.w1.T
        hidden += self.b1
        np.maximum(hidden, 0, out=hidden)
        logits = hidden @ self.w2.T
        logits += self.b2
        return hidden, logits

    def train_step(self, x, y):
        """One batch: forward, loss, backward, update; returns the mean loss."""
        np = self.np
        n = x.shape[0]
        hidden, logits = self.forward(x)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        total = exp.sum(axis=1, keepdims=True)
        rows = np.arange(n)
        loss = float(np.mean(np.log(total[:, 0]) - logits[rows, y]))
        # d loss / d logits = (softmax − one-hot) / n
        exp /= total
        exp[rows, y] -= 1
        exp *= np.float32(1 / n)
        dw1, db1, dw2, db2 = self.gradients
        np.matmul(exp.T, hidden, out=dw2)
        np.sum(exp, axis=0, out=db2)
        dhidden = exp @ self.w2
        dhidden *= hidden > 0
        np.matmul(dhidden.T, x, out=dw1)
        np.sum(dhidden, axis=0, out=db1)
        self.update()
        return loss

    def update(self):
        np = self.np
        lr = self.learning_rate
        if self.optimizer == "momentum":
            mu = np.float32(common.MOMENTUM)
            for w, g, v, tmp in zip(self.parameters, self.gradients, self.first, self.scratch):
                v *= mu
                v += g
                np.multiply(v, lr, out=tmp)
                w -= tmp
            return
        self.steps += 1
        b1, b2 = common.ADAM_BETA1, common.ADAM_BETA2
        step_size = np.float32(lr / (1 - b1 ** self.steps))
        root_scale = np.float32(1 / (1 - b2 ** self.steps) ** 0.5)
        eps, one_b1, one_b2 = np.float32(common.ADAM_EPSILON), np.float32(1 - b1), np.float32(1 - b2)
        b1, b2 = np.float32(b1), np.float32(b2)
        for w, g, m, v, tmp in zip(self.parameters, self.gradients, self.first, self.second, self.scratch):
            m *= b1
            np.multiply(g, one_b1, out=tmp)
            m += tmp
            v *= b2
            np.multiply(g, g, out=tmp)
            tmp *= one_b2
            v += tmp
            # w ← w − η/c₁ · m / (√v/√c₂ + ε)
            np.sqrt(v, out=tmp)
            tmp *= root_scale
            tmp += eps
            np.divide(m, tmp, out=tmp)
            tmp *= step_size
            w -= tmp


def bench_mlp(np, args, images, labels, test_images, batches):
    learning_rate = common.LEARNING_RATES[args.optimizer]["mnist-mlp"]
    model = MLP(np, args.optimizer, learning_rate)
    order = common.batch_order(len(images))
    flat = images.reshape(len(images), -1)
    scale, shift = np.float32(1 / (255 * common.STD)), np.float32(common.MEAN / common.STD)

    def step(i):
        index = common.batch_indices(order, i)
        # Per batch: bytes → float, normalized (as the Swift side does).
        x = flat[index].astype(np.float32)
        x *= scale
        x -= shift
        return model.train_step(x, labels[index])

    for i in range(common.WARMUP_BATCHES):
        step(i)
    start = time.perf_counter()
    for i in range(batches):
        loss = step(common.WARMUP_BATCHES + i)
    train_seconds = time.perf_counter() - start

    x = test_images[:1000].reshape(1000, -1).astype(np.float32) * scale - shift
    one = x[:1]
    inference = common.time_inference(lambda: model.forward(x), lambda: model.forward(one))
    return common.result("mnist-mlp", args.optimizer, learning_rate, loss, batches, train_seconds, inference)


def main():
    args = parse()
    common.pin_blas_threads(args.threads)
    import numpy as np

    images = common.read_idx("train-images-idx3-ubyte.gz")
    labels = common.read_idx("train-labels-idx1-ubyte.gz").astype(np.intp)
    test_images = common.read_idx("t10k-images-idx3-ubyte.gz")
    batches = common.timed_batches(args, len(images))
    common.reset_peak_rss()
    result = bench_mlp(np, args, images, labels, test_images, batches)
    threads = common.loaded_openblas_threads() or args.threads
    common.print_report(f"numpy {np.__version__} from scratch, {threads} BLAS threads", args.optimizer,
                        {"blas": threads}, batches, [result])


if __name__ == "__main__":
    sys.exit(main())
