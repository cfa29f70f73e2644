#!/bin/sh
# Installs the PyTorch peer that `make bench` (`quantlab-bench encoder`) measures beside our
# encoder, and that scripts/minilm_golden.py uses for the golden file: Debian's python3-torch
# (torch 1.13) and a venv .venv-ref (git-ignored) that sees it, with the pinned
# transformers 4.30.2 and its companions from PyPI. Neither `make test`, `make report` nor CI
# needs any of it; the bench says it skipped the peer when it is missing.
#
# Needs root (or sudo) for apt-get and network access to PyPI. Idempotent: reruns only add what
# is missing. The model itself comes from data/raw (`make data`); the peer runs offline.
set -eu
cd "$(dirname "$0")/.."

packages="python3-torch python3-numpy python3-venv"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "peers: installing$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

# Debian's /usr/bin/python3, not another Python on the PATH: python3-torch is installed for it.
[ -x .venv-ref/bin/python ] || /usr/bin/python3 -m venv --system-site-packages .venv-ref
.venv-ref/bin/pip install -q transformers==4.30.2 tokenizers==0.13.3 safetensors==0.8.0 huggingface_hub==0.36.2
.venv-ref/bin/python -c 'import torch, transformers; print(f"peers: torch {torch.__version__}, transformers {transformers.__version__} in .venv-ref")'
