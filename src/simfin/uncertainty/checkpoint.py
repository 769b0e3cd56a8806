"""Checkpoints of a sweep: finished chunks as parquet files next to a manifest.

Layout of an output directory::

    manifest.json                      what this sweep is (scenario, design, chunking)
    chunks/chunk-000000.yearly.parquet
    chunks/chunk-000000.kpis.parquet   written last: its presence marks the chunk finished
    chunks/chunk-000000.ledger.parquet only with keep_ledgers

Every file is written atomically (temporary file, then rename), so a sweep killed at any
moment leaves only finished chunks and, at worst, an ignored temporary file. A resumed
sweep checks that the manifest matches (same scenario fingerprint, design, replications,
chunking and simfin version), skips the finished chunks without recomputing or rewriting them,
and runs the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from simfin.atomic import atomic_path, atomic_write_text
from simfin.errors import SimfinError

__all__ = ["ChunkStore", "MANIFEST"]

MANIFEST = "manifest.json"
DONE_TABLE = "kpis"  # written last


class ChunkStore:
    """The checkpoint directory of one sweep.

    Parameters
    ----------
    out : Path
        Output directory (created if missing).
    manifest : dict
        JSON-serialisable description of the sweep; must equal the stored one to resume.
    resume : bool
        Continue a sweep found in ``out``. Without it, a directory that already holds a
        sweep is an error (finished chunks are never thrown away silently).
    overwrite : bool
        Accept an existing non-empty directory that does not hold a sweep (``--force``);
        without it such a directory is refused, as by every command
        (:func:`simfin.report.outputs.check_output_dir`).
    """

    def __init__(self, out: str | Path, manifest: dict, resume: bool = False,
                 overwrite: bool = False) -> None:
        self.out = Path(out)
        self.chunks = self.out / "chunks"
        path = self.out / MANIFEST
        text = json.dumps(manifest, indent=2, sort_keys=True)
        if not path.is_file():
            from simfin.report.outputs import check_output_dir

            check_output_dir(self.out, overwrite)
        if path.is_file():
            self._check(path, manifest, resume)
            for stale in self.chunks.glob(".chunk-*.tmp.parquet"):  # left by a killed writer
                stale.unlink(missing_ok=True)
        else:
            self.chunks.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text + "\n")
        self.chunks.mkdir(parents=True, exist_ok=True)

    def _check(self, path: Path, manifest: dict, resume: bool) -> None:
        if not resume:
            raise SimfinError(f"{self.out} already holds a sweep; continue it with --resume "
                              "(resume=True) or choose another output directory")
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SimfinError(f"cannot read {path}: {exc}") from None
        differ = sorted(k for k in set(stored) | set(manifest) if stored.get(k) != manifest.get(k))
        if differ:
            raise SimfinError(f"{self.out} holds a different sweep (differs in: "
                              f"{', '.join(differ)}); choose another output directory")

    def path(self, index: int, table: str) -> Path:
        return self.chunks / f"chunk-{index:06d}.{table}.parquet"

    def finished(self) -> set[int]:
        """Indices of the chunks whose checkpoint is complete."""
        suffix = f".{DONE_TABLE}.parquet"
        return {int(p.name.removeprefix("chunk-").removesuffix(suffix))
                for p in self.chunks.glob(f"chunk-*{suffix}")}

    def save(self, index: int, tables: dict[str, pd.DataFrame]) -> None:
        """Write one chunk's tables; the ``kpis`` table last, marking it finished."""
        for name in sorted(tables, key=lambda n: n == DONE_TABLE):
            with atomic_path(self.path(index, name)) as tmp:
                tables[name].to_parquet(tmp, index=False)

    def load(self, indices: list[int], table: str) -> pd.DataFrame:
        """One table of the given chunks, concatenated in chunk order."""
        frames = [pd.read_parquet(self.path(i, table)) for i in sorted(indices)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
