"""``.simfin-outputs.json``: the files a run wrote into its output directory, each with the
SHA-256 of its content, so that a later run with ``--force`` replaces or removes exactly
those files and never one of the user's own.

A file of an earlier run that this run does not write (``ledger.csv`` of a run with
``--ledger``) is removed only if it still holds what simfin wrote: a plain relative name,
a regular file inside the output directory reached without a symbolic link, and content
with the recorded hash. A hand-edited manifest that lists a user's file (or a manifest of an
older simfin without hashes) therefore never gets that file deleted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from simfin.atomic import atomic_write_text

__all__ = ["MANIFEST", "previous_files", "write_manifest"]

MANIFEST = ".simfin-outputs.json"


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def write_manifest(stage: Path, names: list[str], meta: dict) -> None:
    """Write the manifest of the files ``names`` staged in ``stage`` (with their hashes)."""
    hashes = {name: _digest(stage / name) for name in names}
    atomic_write_text(stage / MANIFEST, json.dumps({"files": names, "sha256": hashes, **meta},
                                                   indent=2) + "\n")


def previous_files(out: Path) -> list[str]:
    """Files the previous run wrote and that still hold what it wrote (module docstring)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        listed, hashes = manifest.get("files", []), manifest.get("sha256", {})
    except (OSError, ValueError, AttributeError):
        return []
    if not isinstance(listed, list) or not isinstance(hashes, dict):
        return []
    safe = [n for n in listed if isinstance(n, str) and n and not Path(n).is_absolute()
            and ".." not in Path(n).parts and isinstance(hashes.get(n), str)]
    return [n for n in safe if _inside(out, n) and _unchanged(out / n, hashes[n])]


def _unchanged(path: Path, digest: str) -> bool:
    try:
        return _digest(path) == digest
    except OSError:
        return False


def _inside(out: Path, name: str) -> bool:
    """Whether ``out / name`` is a regular file inside ``out`` with no link on the way."""
    path = out
    for part in Path(name).parts:
        path = path / part
        if path.is_symlink():
            return False
    try:
        return path.is_file() and path.resolve().is_relative_to(out.resolve())
    except OSError:
        return False
