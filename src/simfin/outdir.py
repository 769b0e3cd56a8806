"""The output-folder policy of every command: may ``out`` receive outputs? Checked before anything
is computed; below both the domain (sweep checkpoints) and the writers (:mod:`simfin.report.outputs`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from simfin.errors import SimfinError

__all__ = ["STAGING_MARK", "OutputError", "check_output_dir", "safe_name"]

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class OutputError(SimfinError):
    """The outputs cannot be written (directory not empty, not writable, disk full)."""


def check_output_dir(out: str | Path, overwrite: bool) -> None:
    """Raise :class:`OutputError` if ``out`` cannot receive a run's outputs.

    The one output-folder policy of every command, checked before anything is computed:
    ``out`` may be missing or an empty directory; a non-empty directory only with
    ``overwrite``; anything else (a file) never. The directory (or, when it is missing,
    the nearest existing parent) must be writable, and every part of the path, and the
    hidden staging directory next to it, must fit the file system's name length.
    """
    out = Path(out)
    if len(os.fsencode(os.path.abspath(out))) >= _path_max():
        raise OutputError(f"cannot use output directory {str(out)[:40]}...: expected a path "
                          f"shorter than the system's limit of {_path_max()} bytes")
    try:
        if out.is_symlink() and not out.exists():   # dangling, or a loop
            raise OutputError(f"cannot use output directory {out}: it is a symbolic link to "
                              "a missing target or a loop; expected a directory or a new name")
        is_file = out.exists() and not out.is_dir()
        occupied = not is_file and out.is_dir() and any(out.iterdir())
    except OSError as exc:
        raise OutputError(f"cannot use output directory {out}: {exc}") from exc
    if is_file:
        raise OutputError(f"output path {out} exists and is not a directory")
    if occupied and not overwrite:
        raise OutputError(f"output directory {out} already exists and is not empty; "
                          "choose another --out or add --force to replace simfin's files in it")
    _check_writable(out)


STAGING_MARK = ".simfin-staging"
_STAGING_SUFFIX = len(".simfin-") + 8 + 1  # mkdtemp adds 8 characters; a leading dot


def _path_max() -> int:
    try:
        return os.pathconf("/", "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):
        return 4096


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _check_writable(out: Path) -> None:
    """Writability and name lengths of ``out`` (see :func:`check_output_dir`)."""
    absolute = Path(os.path.abspath(out))
    existing = absolute
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    limit = _name_max(existing if existing.is_dir() else existing.parent)
    for part in absolute.parts[1:]:
        if len(os.fsencode(part)) > limit:
            raise OutputError(f"cannot use output directory {out}: the name {part[:40]!r}... "
                              f"is longer than the file system allows ({limit} bytes)")
    if len(os.fsencode(absolute.name)) + _STAGING_SUFFIX > limit:
        raise OutputError(f"cannot use output directory {out}: expected a name of at most "
                          f"{limit - _STAGING_SUFFIX} bytes (simfin stages the outputs in "
                          f"a hidden directory next to it whose name is longer)")
    if not existing.is_dir():
        raise OutputError(f"cannot use output directory {out}: {existing} is not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot use output directory {out}: {existing} is not writable")
    if existing == absolute and not os.access(absolute.parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot use output directory {out}: its parent {absolute.parent} "
                          "is not writable (simfin stages the outputs next to it)")


def safe_name(name: str) -> str:
    """``name`` made safe as one file or directory name (no separators, no ``..``)."""
    cleaned = _UNSAFE.sub("_", name).strip().lstrip(".")
    return cleaned or "scenario"
