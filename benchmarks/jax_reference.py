#!/usr/bin/env python3
"""JAX jit reference for `netplayground bench`: mnist-mlp only.

The same MLP, initialization, data and optimizers as numpy_reference.py, but
the whole training step (normalization, forward, jax.grad backward, the
optimizer written out by hand) is one jitted XLA function with its buffers
donated, so nothing but the batch crosses from Python per step. The warm-up
batches include the compilation. Threads: XLA's CPU backend sizes its pool to
the CPUs this process may run on, so --threads N restricts the process to N
CPUs (sched_setaffinity) before JAX starts.

    /work/pyvenv/bin/python benchmarks/jax_reference.py [--quick] [--optimizer momentum]

Needs jax (not needed by CI).
"""
import os
import sys
import time

import reference_common as common


def parse():
    p = common.parser(__doc__.splitlines()[0], models=["mnist-mlp"])
    args = p.parse_args()
    common.check_arguments(p, args)
    return args


def pin_cpus(count):
    """Restricts the process to `count` of its CPUs; returns how many it may use."""
    try:
        allowed = sorted(os.sched_getaffinity(0))
        if count < len(allowed):
            os.sched_setaffinity(0, allowed[:count])
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or count


def make_step(jax, jnp, optimizer, learning_rate):
    scale, shift = 1 / (255 * common.STD), common.MEAN / common.STD

    def forward(params, x):
        w1, b1, w2, b2 = params
        hidden = jnp.maximum(x @ w1.T + b1, 0)
        return hidden @ w2.T + b2

    def loss_fn(params, pixels, labels):
        x = pixels.astype(jnp.float32) * scale - shift
        logits = forward(params, x)
        log_probabilities = jax.nn.log_softmax(logits)
        return -jnp.mean(jnp.take_along_axis(log_probabilities, labels[:, None], axis=1))

    def momentum_step(params, state, pixels, labels):
        loss, grads = jax.value_and_grad(loss_fn)(params, pixels, labels)
        velocity = [common.MOMENTUM * v + g for v, g in zip(state, grads)]
        params = [w - learning_rate * v for w, v in zip(params, velocity)]
        return params, velocity, loss

    def adam_step(params, state, pixels, labels):
        loss, grads = jax.value_and_grad(loss_fn)(params, pixels, labels)
        first, second, t = state
        t = t + 1
        b1, b2, eps = common.ADAM_BETA1, common.ADAM_BETA2, common.ADAM_EPSILON
        first = [b1 * m + (1 - b1) * g for m, g in zip(first, grads)]
        second = [b2 * v + (1 - b2) * g * g for v, g in zip(second, grads)]
        step_size = learning_rate / (1 - b1 ** t)
        root_scale = 1 / jnp.sqrt(1 - b2 ** t)
        params = [w - step_size * m / (jnp.sqrt(v) * root_scale + eps)
                  for w, m, v in zip(params, first, second)]
        return params, (first, second, t), loss

    step = adam_step if optimizer == "adam" else momentum_step
    return jax.jit(step, donate_argnums=(0, 1)), jax.jit(forward)


def bench_mlp(np, jax, jnp, args, images, labels, test_images, batches):
    learning_rate = common.LEARNING_RATES[args.optimizer]["mnist-mlp"]
    rng = np.random.default_rng(0)
    w1 = (rng.standard_normal((128, 784)) * (2 / 784) ** 0.5 * 0.1).astype(np.float32)
    limit = (6 / (128 + 10)) ** 0.5
    w2 = rng.uniform(-limit, limit, (10, 128)).astype(np.float32)
    params = [jnp.asarray(w1), jnp.zeros(128, jnp.float32), jnp.asarray(w2), jnp.zeros(10, jnp.float32)]
    zeros = [jnp.zeros_like(p) for p in params]
    if args.optimizer == "adam":
        state = (zeros, [jnp.zeros_like(p) for p in params], jnp.zeros((), jnp.float32))
    else:
        state = zeros
    step, forward = make_step(jax, jnp, args.optimizer, learning_rate)
    order = common.batch_order(len(images))
    flat = images.reshape(len(images), -1)

    def run(i, params, state):
        index = common.batch_indices(order, i)
        return step(params, state, flat[index], labels[index])

    for i in range(common.WARMUP_BATCHES):
        params, state, loss = run(i, params, state)
    jax.block_until_ready(params)
    start = time.perf_counter()
    for i in range(batches):
        params, state, loss = run(common.WARMUP_BATCHES + i, params, state)
    jax.block_until_ready(params)
    train_seconds = time.perf_counter() - start

    scale, shift = np.float32(1 / (255 * common.STD)), np.float32(common.MEAN / common.STD)
    x = jnp.asarray(test_images[:1000].reshape(1000, -1).astype(np.float32) * scale - shift)
    one = x[:1]
    inference = common.time_inference(lambda: forward(params, x).block_until_ready(),
                                      lambda: forward(params, one).block_until_ready())
    return common.result("mnist-mlp", args.optimizer, learning_rate, loss, batches, train_seconds, inference)


def main():
    args = parse()
    cpus = pin_cpus(args.threads)
    common.pin_blas_threads(args.threads)
    try:
        import jax
        import jax.numpy as jnp
    except ImportError as error:
        sys.exit(f"error: jax is not installed in {sys.executable} ({error}); pip install jax")
    import numpy as np

    images = common.read_idx("train-images-idx3-ubyte.gz")
    labels = common.read_idx("train-labels-idx1-ubyte.gz").astype(np.int32)
    test_images = common.read_idx("t10k-images-idx3-ubyte.gz")
    batches = common.timed_batches(args, len(images))
    common.reset_peak_rss()
    result = bench_mlp(np, jax, jnp, args, images, labels, test_images, batches)
    common.print_report(f"jax {jax.__version__} jit ({jax.default_backend()}), {cpus} CPUs", args.optimizer,
                        {"cpus": cpus}, batches, [result])


if __name__ == "__main__":
    sys.exit(main())
