#!/usr/bin/env bash
# Regenerates Sources/ONNXExport/onnx.pb.swift from the official onnx.proto.
#
# The generated file is committed: neither `make` nor CI runs this script, so
# nobody needs the protoc plugin to build NetPlayground. Run it only to move to
# a newer onnx.proto or swift-protobuf.
#
# Needs:
#   protoc             Debian: apt-get install protobuf-compiler
#   protoc-gen-swift   built from swift-protobuf at the version Package.resolved
#                      pins (about ten minutes, once):
#                        git clone https://github.com/apple/swift-protobuf
#                        cd swift-protobuf && git checkout <version>
#                        swift build -c release --product protoc-gen-swift
#                      then pass PROTOC_GEN_SWIFT=…/.build/release/protoc-gen-swift
#   onnx.proto         ships inside the `onnx` wheel on PyPI (onnx/onnx.proto):
#                        pip download --no-deps onnx && unzip -j onnx-*.whl onnx/onnx.proto
#                      then pass ONNX_PROTO=…/onnx.proto
#
# Usage:
#   ONNX_PROTO=/path/to/onnx.proto PROTOC_GEN_SWIFT=/path/to/protoc-gen-swift \
#     scripts/generate_onnx_swift.sh
#
# Generated with this script from onnx 1.23.2's onnx.proto, protoc 3.21.12 and
# protoc-gen-swift 1.39.0.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${ONNX_PROTO:?set ONNX_PROTO to the onnx.proto from the onnx wheel (see the header of this script)}"
: "${PROTOC_GEN_SWIFT:?set PROTOC_GEN_SWIFT to a built protoc-gen-swift (see the header of this script)}"
[ -f "$ONNX_PROTO" ] || { echo "error: no file at ONNX_PROTO=$ONNX_PROTO" >&2; exit 1; }
[ -x "$PROTOC_GEN_SWIFT" ] || { echo "error: PROTOC_GEN_SWIFT=$PROTOC_GEN_SWIFT is not an executable" >&2; exit 1; }
command -v protoc >/dev/null || { echo "error: no protoc on PATH (apt-get install protobuf-compiler)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# protoc names the output after the input file, so copy it under a fixed name.
cp "$ONNX_PROTO" "$work/onnx.proto"
protoc --plugin=protoc-gen-swift="$PROTOC_GEN_SWIFT" \
       --proto_path="$work" \
       --swift_opt=Visibility=Public \
       --swift_out="$work" \
       "$work/onnx.proto"
# Write beside the target and rename, so a failed run never leaves half a file.
target=Sources/ONNXExport/onnx.pb.swift
cp "$work/onnx.pb.swift" "$target.tmp"
mv "$target.tmp" "$target"
echo "wrote $target ($(wc -l <"$target") lines)"
