#!/usr/bin/env python3
"""Checks NetPlayground's exports with the real tools.

Given a model exported both ways and MiniNN's own outputs on some inputs:

1. onnx.checker accepts the ONNX file (full check, with shape inference);
2. onnxruntime runs it on the same inputs and its probabilities match
   MiniNN's (max absolute difference <= --tolerance, identical argmax);
3. Python's `safetensors` loads the native file, its metadata holds the
   architecture, and every tensor equals, bit for bit, the ONNX initializer of
   the same name (two files written by two different code paths);
4. if PyTorch is installed (it is not needed), the weights load with
   `load_state_dict(strict=True)` into the equivalent nn.Sequential and give
   the same probabilities;
5. with --python-written, writes the tensors and metadata back out with
   `safetensors.numpy.save_file`, for the Swift side to read.

The reference file is a safetensors file with `inputs` (float32 pixels or
features exactly as the ONNX graph takes them, N x features) and
`probabilities` (N x classes, MiniNN's output through the same final softmax).

Prints one JSON object with the measurements on stdout; exits 1 if any check
fails (the reason is in the JSON's "failures" list and on stderr).
"""

import argparse
import json
import sys

import numpy as np
import onnx
import onnxruntime
from onnx import numpy_helper
from safetensors import safe_open
from safetensors.numpy import load_file, save_file


def check_onnx(path, failures):
    model = onnx.load(path)
    try:
        onnx.checker.check_model(model, full_check=True)
    except Exception as error:  # the checker raises several exception types
        failures.append(f"onnx.checker rejected {path}: {error}")
    opset = max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)
    if opset < 13:
        failures.append(f"opset {opset} is below 13")
    return model


def run_onnxruntime(path, model, inputs, probabilities, tolerance, failures):
    graph_input = model.graph.input[0]
    dims = graph_input.type.tensor_type.shape.dim
    if not dims[0].dim_param:
        failures.append("the batch dimension is not symbolic")
    item_shape = [d.dim_value for d in dims[1:]]
    batch = inputs.reshape([-1] + item_shape).astype(np.float32)
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    (output,) = session.run(None, {graph_input.name: batch})
    result = {
        "input_name": graph_input.name,
        "input_shape": [d.dim_param or d.dim_value for d in dims],
        "output_name": model.graph.output[0].name,
        "count": int(batch.shape[0]),
    }
    if output.shape != probabilities.shape:
        failures.append(f"onnxruntime output shape {output.shape} != MiniNN's {probabilities.shape}")
        return result
    difference = float(np.max(np.abs(output - probabilities))) if output.size else 0.0
    result["max_abs_diff"] = difference
    if difference > tolerance or not np.isfinite(difference):
        failures.append(f"onnxruntime differs from MiniNN by {difference} > {tolerance}")
    if output.shape[1] > 1:
        mismatches = int(np.sum(np.argmax(output, axis=1) != np.argmax(probabilities, axis=1)))
        result["argmax_mismatches"] = mismatches
        if mismatches:
            failures.append(f"{mismatches} inputs get a different class from onnxruntime")
    # A model that gives the same answer to everything would pass the above trivially.
    result["distinct_predictions"] = int(len(np.unique(np.argmax(output, axis=1)))) if output.shape[1] > 1 else None
    return result


def check_safetensors(path, model, failures):
    tensors = load_file(path)
    with safe_open(path, framework="numpy") as handle:
        metadata = handle.metadata() or {}
    for key in ("format", "architecture", "hyperparameters", "seed", "normalization", "metrics"):
        if key not in metadata:
            failures.append(f"safetensors metadata has no '{key}'")
    architecture = json.loads(metadata.get("architecture", "null"))
    # The parameters; a graph may also hold constants of its own (the perceptron's step compares with layers.1.zero).
    initializers = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer
                    if i.name.startswith("layers.") and i.name.rsplit(".", 1)[-1] in ("weight", "bias")}
    if set(initializers) != set(tensors):
        failures.append(f"tensor names differ: safetensors {sorted(tensors)} vs ONNX {sorted(initializers)}")
    unequal = [name for name in tensors
               if name in initializers
               and not (tensors[name].dtype == np.float32
                        and tensors[name].shape == initializers[name].shape
                        and np.array_equal(tensors[name].view(np.uint32), initializers[name].view(np.uint32)))]
    if unequal:
        failures.append(f"tensors differ from the ONNX initializers: {unequal}")
    return tensors, metadata, architecture, {
        "tensors": {name: list(t.shape) for name, t in sorted(tensors.items())},
        "tensors_equal_onnx": not unequal,
        "metadata_keys": sorted(metadata),
    }


def torch_check(tensors, metadata, architecture, inputs, probabilities, tolerance, failures):
    """Loads the weights into the equivalent nn.Sequential, when PyTorch is there."""
    try:
        import torch
    except ImportError:
        return "torch not installed"
    from torch import nn

    activations = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "identity": nn.Identity}
    layers = []
    for spec in architecture["layers"]:
        (kind, settings), = spec.items()
        if kind == "dense":
            layers.append(nn.Linear(settings["inputs"], settings["outputs"]))
        elif kind == "conv2d":
            layers.append(nn.Conv2d(settings["inChannels"], settings["outChannels"], settings["kernelSize"],
                                    stride=settings["stride"], padding=settings["padding"]))
        elif kind == "maxPool2d":
            layers.append(nn.MaxPool2d(settings["window"], stride=settings["stride"]))
        elif kind == "flatten":
            layers.append(nn.Flatten())
        elif kind == "dropout":
            layers.append(nn.Dropout(settings["rate"]))
        elif kind == "activation" and settings["_0"] in activations:
            layers.append(activations[settings["_0"]]())
        else:
            return f"no PyTorch equivalent for {spec}"

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.Sequential(*layers)

        def forward(self, x):
            return self.layers(x)

    net = Net().eval()
    net.load_state_dict({name: torch.from_numpy(t) for name, t in tensors.items()}, strict=True)
    normalization = json.loads(metadata["normalization"])
    item_shape = architecture["inputShape"]
    x = inputs.reshape([-1, int(np.prod(item_shape))])
    mean = np.asarray(normalization["mean"], dtype=np.float32)
    std = np.asarray(normalization["std"], dtype=np.float32)
    x = ((x - mean) / std).reshape([-1] + item_shape)
    with torch.no_grad():
        output = net(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)))
        if architecture["loss"] == "softmaxCrossEntropy":
            output = torch.softmax(output, dim=1)
    difference = float(np.max(np.abs(output.numpy() - probabilities)))
    if difference > tolerance:
        failures.append(f"PyTorch differs from MiniNN by {difference} > {tolerance}")
    return {"max_abs_diff": difference}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", required=True)
    parser.add_argument("--safetensors", required=True)
    parser.add_argument("--reference", required=True, help="safetensors file with `inputs` and `probabilities`")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--python-written", help="write the tensors back out with safetensors.numpy.save_file here")
    args = parser.parse_args()

    failures = []
    reference = load_file(args.reference)
    inputs, probabilities = reference["inputs"], reference["probabilities"]
    model = check_onnx(args.onnx, failures)
    report = {"onnx": run_onnxruntime(args.onnx, model, inputs, probabilities, args.tolerance, failures)}
    tensors, metadata, architecture, report["safetensors"] = check_safetensors(args.safetensors, model, failures)
    report["torch"] = torch_check(tensors, metadata, architecture, inputs, probabilities, args.tolerance, failures)
    if args.python_written:
        save_file(tensors, args.python_written, metadata=metadata)
    report["versions"] = {"onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__, "numpy": np.__version__}
    report["failures"] = failures
    print(json.dumps(report))
    for failure in failures:
        print(f"check_exports: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
