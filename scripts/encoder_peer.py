#!/usr/bin/env python3
"""The PyTorch peer of `quantlab-bench encoder`: all-MiniLM-L6-v2 in PyTorch, timed on command.

A persistent subprocess, so that the bench can interleave our variants and PyTorch's round by
round in one run. It loads the pinned model offline from data/raw/minilm (as
scripts/minilm_golden.py does), reads the bench batch -- token ids chosen and tokenized by the
bench, so both sides embed the same inputs -- from the JSON file given as the first argument:

    {"length": 128, "sequences": [[101, ..., 102], ...]}

pads it to `length` tokens with an attention mask, and builds three variants:

    fp32   AutoModel in FP32
    int8   torch.quantization.quantize_dynamic(model, {nn.Linear}, qint8) on the oneDNN engine:
           INT8 weights per tensor, activations quantized per tensor at run time
    bf16   FP32 weights under torch.autocast("cpu", dtype=torch.bfloat16)

Each embedding is mean pooling over the mask and L2 normalisation (sentence-transformers).

The line protocol (one line per message, fields `key=value`, no spaces inside a value):

    peer -> bench, once:   ready torch=<v> transformers=<v> threads=<n> engine=<e> sentences=<B> length=<T>
                                 int8_cosine_mean=<c> int8_cosine_min=<c> bf16_cosine_mean=<c> bf16_cosine_min=<c>
                           or: unavailable reason=<text with _ for spaces>   (then exit 0)
    bench -> peer:         fp32 | int8 | bf16 | quit
    peer -> bench:         time variant=<name> seconds=<s> sentences=<B>
                           or: error reason=<text>

`seconds` is the wall time of one forward pass with pooling over the whole batch
(time.perf_counter, under torch.no_grad). The cosines compare each variant's embeddings with
FP32's on the same batch, computed once at start-up, untimed.

Not needed by `make test`, `make report` or CI. Install with `make peers` (see
scripts/install-peers.sh): Debian's python3-torch and a venv .venv-ref with transformers 4.30.2.
"""

import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "data", "raw", "minilm")
THREADS = 2


def say(line):
    print(line, flush=True)


def token(text):
    """A value without spaces, so that one line stays `key=value` pairs."""
    return "_".join(str(text).split()) or "-"


def main():
    try:
        import torch
        import transformers
        from transformers import AutoModel
    except Exception as error:  # ImportError, or a broken install raising something else
        say(f"unavailable reason={token(f'{type(error).__name__}: {error}')}")
        return
    if len(sys.argv) != 2:
        say("unavailable reason=usage:_encoder_peer.py_BATCH.json")
        return
    if not os.path.exists(os.path.join(MODEL, "model.safetensors")):
        say(f"unavailable reason={token(MODEL + ': the pinned model is missing; run make data')}")
        return
    with open(sys.argv[1]) as f:
        batch = json.load(f)
    length = int(batch["length"])
    sequences = batch["sequences"]
    ids = torch.zeros((len(sequences), length), dtype=torch.long)  # [PAD] = 0
    mask = torch.zeros((len(sequences), length), dtype=torch.long)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
        mask[row, : len(sequence)] = 1

    torch.set_num_threads(THREADS)
    # quantize_dynamic's kernels come from the engine chosen here; Debian's torch has qnnpack
    # and onednn (no fbgemm), and onednn is the x86 one.
    engine = "onednn" if "onednn" in torch.backends.quantized.supported_engines else torch.backends.quantized.engine
    torch.backends.quantized.engine = engine
    fp32 = AutoModel.from_pretrained(MODEL).eval()
    int8 = torch.quantization.quantize_dynamic(AutoModel.from_pretrained(MODEL).eval(), {torch.nn.Linear}, dtype=torch.qint8)

    def embed(model, bf16=False):
        with torch.no_grad():
            if bf16:
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            else:
                hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(torch.float32)
            pooled = (hidden.to(torch.float32) * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    variants = {"fp32": lambda: embed(fp32), "int8": lambda: embed(int8), "bf16": lambda: embed(fp32, bf16=True)}
    reference = variants["fp32"]().double()

    def cosines(name):
        c = (variants[name]().double() * reference).sum(1)
        return float(c.mean()), float(c.min())

    int8_mean, int8_min = cosines("int8")
    bf16_mean, bf16_min = cosines("bf16")
    say(
        f"ready torch={token(torch.__version__)} transformers={token(transformers.__version__)} threads={torch.get_num_threads()} "
        f"engine={engine} sentences={len(sequences)} length={length} "
        f"int8_cosine_mean={int8_mean!r} int8_cosine_min={int8_min!r} bf16_cosine_mean={bf16_mean!r} bf16_cosine_min={bf16_min!r}"
    )
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            return
        if command not in variants:
            say(f"error reason={token('unknown command ' + repr(command))}")
            continue
        start = time.perf_counter()
        variants[command]()
        seconds = time.perf_counter() - start
        say(f"time variant={command} seconds={seconds!r} sentences={len(sequences)}")


if __name__ == "__main__":
    main()
