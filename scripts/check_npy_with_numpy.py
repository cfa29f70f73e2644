#!/usr/bin/env python3
"""Checks QuantLab's .npy files against NumPy (run by hand, not by the test suite).

Usage: python3 scripts/check_npy_with_numpy.py .build/debug/quantlab
Writes arrays of every dtype with NumPy, quantizes one with the CLI and reads the result back with
NumPy, and checks that NumPy reads what QuantLab wrote and vice versa.
"""
import json, os, subprocess, sys, tempfile
import numpy as np

quantlab = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/quantlab"
d = tempfile.mkdtemp()
x = np.random.default_rng(0).standard_normal((16, 128)).astype(np.float32)
failures = 0
for dtype in ["<f4", "<f8", "<f2", "|i1", "|u1", "<i4", "<u2"]:
    path = os.path.join(d, f"in_{dtype[1:]}.npy")
    data = (np.abs(x * 10) if dtype[1] == "u" else x * 10).astype(dtype)
    np.save(path, data)
    out = os.path.join(d, f"out_{dtype[1:]}.npy")
    r = subprocess.run([quantlab, "quantize", "--input", path, "--output", out, "--format", "fp16"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL", dtype, r.stderr.strip()); failures += 1; continue
    y = np.load(out)
    # QuantLab saturates at ±65504 where NumPy's cast would overflow to ±inf.
    ref = np.clip(data.astype(np.float32), -65504, 65504).astype(np.float16).astype(np.float32)
    ok = y.dtype == np.float32 and y.shape == x.shape and np.array_equal(y, ref)
    print("ok  " if ok else "FAIL", dtype, "→ fp16 dequantized read by NumPy")
    failures += not ok
# Codes: FP16 bit patterns as <u2 must equal NumPy's own float16 conversion.
path = os.path.join(d, "x.npy"); np.save(path, x)
for fmt, view in [("fp16", np.float16), ("int8", None), ("fp8-e4m3", None), ("bf16", None)]:
    out = os.path.join(d, f"codes_{fmt}.npy")
    subprocess.run([quantlab, "quantize", "--input", path, "--output", out, "--format", fmt, "--emit", "codes"], check=True,
                   capture_output=True)
    c = np.load(out)
    side = json.load(open(out[:-4] + ".json"))
    if fmt == "fp16":
        ok = c.dtype == np.uint16 and np.array_equal(c, x.astype(np.float16).view(np.uint16))
    elif fmt == "bf16":
        b = x.view(np.uint32).astype(np.uint64)
        rne = ((b + 0x7FFF + ((b >> 16) & 1)) >> 16).astype(np.uint16)
        ok = c.dtype == np.uint16 and np.array_equal(c, rne)
    elif fmt == "int8":
        s = np.abs(x).max() / 127
        ok = c.dtype == np.int8 and np.array_equal(c, np.clip(np.rint(x / np.float32(s)), -127, 127).astype(np.int8)) \
            and abs(side["scales"][0] - s) < 1e-9
    else:
        ok = c.dtype == np.uint8 and c.shape == x.shape
    print("ok  " if ok else "FAIL", fmt, "codes read by NumPy", c.dtype)
    failures += not ok
# Version 2 header written by NumPy.
path = os.path.join(d, "v2.npy")
with open(path, "wb") as f:
    np.lib.format.write_array(f, x, version=(2, 0))
r = subprocess.run([quantlab, "quantize", "--input", path, "--output", os.path.join(d, "v2o.npy"), "--format", "bf16"],
                   capture_output=True, text=True)
print("ok  " if r.returncode == 0 else "FAIL", "version 2.0 file written by NumPy", r.stderr.strip())
failures += r.returncode != 0
print(f"{failures} failures")
sys.exit(1 if failures else 0)
