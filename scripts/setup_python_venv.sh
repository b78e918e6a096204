#!/usr/bin/env bash
# Makes the Python virtual environment the export tests use to check ONNX and
# safetensors files with the real tools (onnx, onnxruntime, safetensors).
#
#   scripts/setup_python_venv.sh VENV_DIR
#
# Quick when nothing changed: the venv keeps a copy of the requirements it was
# built from and is rebuilt only when they differ. Without python3 (or when
# PyPI cannot be reached) it warns and exits 0, and the Python checks are
# skipped, except under CI=true, where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:?usage: $0 VENV_DIR}"
requirements=scripts/check_exports_requirements.txt

if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/requirements.txt"; then
  exit 0
fi

fail() {
  echo "warning: $1; the ONNX/safetensors checks in Python will be skipped" >&2
  rm -rf "$venv"
  if [ "${CI:-}" = "true" ]; then
    echo "error: under CI the Python export checks must run" >&2
    exit 1
  fi
  exit 0
}

command -v python3 >/dev/null 2>&1 || fail "no python3 on PATH (apt-get install python3 python3-venv)"
echo "Setting up $venv for the export checks (onnx, onnxruntime, safetensors, numpy)…"
rm -rf "$venv"
python3 -m venv "$venv" || fail "python3 -m venv failed (apt-get install python3-venv)"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" \
  || fail "pip could not install $requirements"
# Written last: a venv whose install was interrupted is rebuilt next time.
cp "$requirements" "$venv/requirements.txt"
