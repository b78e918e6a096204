#!/usr/bin/env bash
# Installs the Debian packages NetPlayground needs, if any are missing.
# Uses apt-get directly as root, sudo otherwise; says what to do when neither works.
#
#   scripts/install-deps.sh            what `make run` needs
#   scripts/install-deps.sh --tests    also python3 with venv, for the export checks
set -euo pipefail
packages=(libncurses-dev libopenblas-dev zlib1g-dev pkg-config tmux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The tests check exported files with onnx/onnxruntime in a Python venv. A
# python3 that can make a venv (pyenv, Debian's python3-venv) is enough.
if [ "${1:-}" = "--tests" ] && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "error: no 'swift' on PATH. Install a Swift 6 toolchain (https://www.swift.org/install/linux/) and try again." >&2
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "error: missing packages ${missing[*]}, and this is not root and has no sudo." >&2
  echo "       Ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
