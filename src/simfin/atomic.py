"""Atomic file writes: write a temporary file next to the target, then ``os.replace``.

A reader (Excel, a browser, a document build) never sees a half-written file, and an
error while writing leaves the previous version of the target untouched.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "atomic_write", "atomic_write_text", "remove_temporary_files"]


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """Permissions for the new file: those of the file it replaces, else 0o666 - umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        raise PermissionError(f"cannot write {target}: the file may be open in another "
                              "program (e.g. Excel); close it and try again") from exc


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s directory; on success move it onto ``target``.

    Parameters
    ----------
    target : str or Path
        The file to (re)write. Its directory is created if missing.

    Yields
    ------
    Path
        Where to write; it has ``target``'s suffix so writers that look at it still work.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.",
                                suffix=f".tmp{target.suffix}")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(target))
        _replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` in one rename."""
    with atomic_path(path) as tmp:
        write(tmp)
    return Path(path)


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


#: the name :func:`atomic_path` gives a temporary file: ``.<stem>.<8 random>.tmp<suffix>``
_TEMPORARY = re.compile(r"\..*\.[a-z0-9_]{8}\.tmp(\.[A-Za-z0-9]{1,8})?")


def remove_temporary_files(folder: str | Path) -> list[Path]:
    """Remove the temporary files :func:`atomic_path` left in ``folder`` when a writer was
    killed (``kill -9`` runs no clean-up): regular files, not links, named as it names them.
    Call it only where no other writer is at work (e.g. when a sweep resumes)."""
    removed = []
    try:
        candidates = [p for p in Path(folder).iterdir() if _TEMPORARY.fullmatch(p.name)]
    except OSError:
        return removed
    for path in candidates:
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
