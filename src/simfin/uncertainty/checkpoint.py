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

Every chunk file carries, in its parquet metadata, the chunk's index, its units
``(sample, replication)`` and a SHA-256 of its content (column names, dtypes and values).
A resumed sweep verifies every finished chunk before it trusts it: a truncated file, a
flipped bit, or a chunk copied over another is a one-line error naming the chunk; the
sweep recomputes such chunks only when asked (``recompute_damaged``, ``--recompute-damaged``).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from simfin.atomic import atomic_path, atomic_write_text, remove_temporary_files
from simfin.errors import SimfinError

__all__ = ["ChunkError", "ChunkStore", "MANIFEST", "OPTIONS_RECORD", "claim_voi_folders",
           "content_digest"]

MANIFEST = "manifest.json"
DONE_TABLE = "kpis"  # written last
META_KEY = b"simfin"
_DONE_NAME = re.compile(rf"chunk-(\d{{6}})\.{DONE_TABLE}\.parquet")


class ChunkError(SimfinError):
    """A finished checkpoint chunk does not hold what it should (damaged or swapped)."""


def content_digest(df: pd.DataFrame) -> str:
    """SHA-256 of a table's column names, dtypes and values (row order included)."""
    h = hashlib.sha256()
    h.update(json.dumps([[str(c), str(t)] for c, t in df.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())
    return h.hexdigest()


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
        (:func:`simfin.outdir.check_output_dir`).
    """

    def __init__(self, out: str | Path, manifest: dict, resume: bool = False,
                 overwrite: bool = False) -> None:
        self.out = Path(out)
        self.chunks = self.out / "chunks"
        try:
            self._open(manifest, resume, overwrite)
        except OSError as exc:   # e.g. a name too long, a folder that vanished meanwhile
            raise SimfinError(f"cannot use sweep directory --out {_short(self.out)}: "
                              f"{exc.strerror or exc}") from None

    def _open(self, manifest: dict, resume: bool, overwrite: bool) -> None:
        from simfin.outdir import check_output_dir

        path = self.out / MANIFEST
        text = json.dumps(manifest, indent=2, sort_keys=True)
        if not path.is_file():
            check_output_dir(self.out, overwrite)
        if self.chunks.exists() and (self.chunks.is_symlink() or not self.chunks.is_dir()):
            raise SimfinError(f"{self.chunks}: expected the sweep's folder of checkpoints, "
                              "got a file or link; move it away or choose another --out")
        if path.is_file():
            self._check(path, manifest, resume)
            for stale in self.chunks.glob(".chunk-*.tmp.parquet"):  # left by a killed writer
                stale.unlink(missing_ok=True)
            remove_temporary_files(self.out)   # e.g. a chart's .svg of a killed writer
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
        if not isinstance(stored, dict):
            raise SimfinError(f"{path}: expected a sweep manifest (a JSON object), got "
                              f"a {type(stored).__name__}; choose another output directory")
        differ = sorted(k for k in set(stored) | set(manifest) if stored.get(k) != manifest.get(k))
        if differ:
            raise SimfinError(f"{self.out} holds a different sweep (differs in: "
                              f"{', '.join(differ)}); choose another output directory")

    def path(self, index: int, table: str) -> Path:
        return self.chunks / f"chunk-{index:06d}.{table}.parquet"

    def finished(self) -> set[int]:
        """Indices of the chunks whose checkpoint is complete."""
        # only simfin's own names: a copy such as "chunk-000001 (copy).kpis.parquet" is not one
        return {int(match.group(1)) for p in self.chunks.glob(f"chunk-*.{DONE_TABLE}.parquet")
                if (match := _DONE_NAME.fullmatch(p.name))}

    def save(self, index: int, tables: dict[str, pd.DataFrame],
             units: tuple[tuple[int, int], ...] = ()) -> None:
        """Write one chunk's tables, each with its index, units and content hash in the
        parquet metadata; the ``kpis`` table last, marking it finished."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name in sorted(tables, key=lambda n: n == DONE_TABLE):
            table = pa.Table.from_pandas(tables[name], preserve_index=False)
            seal = {"chunk": index, "table": name, "units": [list(u) for u in units],
                    "sha256": content_digest(table.to_pandas())}
            meta = {**(table.schema.metadata or {}), META_KEY: json.dumps(seal).encode()}
            with atomic_path(self.path(index, name)) as tmp:
                pq.write_table(table.replace_schema_metadata(meta), tmp)

    def _read(self, index: int, name: str) -> tuple[pd.DataFrame, dict]:
        import pyarrow.parquet as pq

        path = self.path(index, name)
        try:
            table = pq.read_table(path)
            seal = json.loads(table.schema.metadata[META_KEY])
            return table.to_pandas(), seal
        except Exception as exc:  # noqa: BLE001 - any reader error means a damaged file
            raise ChunkError(f"checkpoint {path} is damaged and cannot be read "
                             f"({type(exc).__name__})") from None

    def verify(self, index: int, units: tuple[tuple[int, int], ...],
               names: tuple[str, ...]) -> None:
        """Raise :class:`ChunkError` unless chunk ``index`` holds exactly ``units``, intact."""
        expected = [list(u) for u in units]
        for name in names:
            path = self.path(index, name)
            if not path.is_file():
                raise ChunkError(f"checkpoint chunk {index} has no {path.name}")
            df, seal = self._read(index, name)
            if not isinstance(seal, dict) or seal.get("chunk") != index \
                    or seal.get("table") != name or seal.get("units") != expected:
                raise ChunkError(f"checkpoint {path} belongs to another chunk or table "
                                 "(copied or renamed)")
            if seal.get("sha256") != content_digest(df):
                raise ChunkError(f"checkpoint {path} is damaged: its content does not match "
                                 "its hash")
            if {"sample", "replication"} <= set(df.columns):
                found = set(zip(df["sample"].tolist(), df["replication"].tolist(), strict=True))
                if not found <= set(map(tuple, units)):
                    raise ChunkError(f"checkpoint {path} holds units of another chunk")

    def discard(self, index: int) -> None:
        """Remove every file of chunk ``index`` (the ``kpis`` marker first)."""
        for name in sorted({p.name.split(".")[1] for p in
                            self.chunks.glob(f"chunk-{index:06d}.*.parquet")},
                           key=lambda n: n != DONE_TABLE):
            self.path(index, name).unlink(missing_ok=True)

    def load(self, indices: list[int], table: str) -> pd.DataFrame:
        """One table of the given chunks, concatenated in chunk order."""
        frames = [self._read(i, table)[0] for i in sorted(indices)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


OPTIONS_RECORD = "options.json"


def claim_voi_folders(out: Path, names: list[str], resume: bool, force: bool) -> dict[str, Path]:
    """Each option's checkpoint folder in ``out`` (a safe name), after checking, before
    anything runs, that ``out`` holds no VOI of other options: ``out/options.json``
    records the options; a resumed VOI must have the same ones."""
    from simfin.outdir import check_output_dir, safe_name

    record = out / OPTIONS_RECORD
    folders = {name: out / safe_name(name) for name in names}
    if len(set(folders.values())) < len(names):
        raise SimfinError(f"--options: expected options whose names differ also as folder "
                          f"names, got {', '.join(names)}")
    try:
        stored = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None
        found = sorted(p.name for p in out.iterdir() if (p / "manifest.json").is_file()) \
            if out.is_dir() and not out.is_symlink() else []
    except (OSError, ValueError) as exc:
        raise SimfinError(f"cannot read the VOI in --out {out}: {exc}") from None
    if stored is None and not found:
        check_output_dir(out, force)
    elif not resume:
        raise SimfinError(f"{out} already holds a value-of-information sweep; continue it "
                          "with --resume or choose another --out")
    else:
        before, now = ((stored, names) if stored is not None   # older VOIs: the folders
                       else (found, [f.name for f in folders.values()]))
        if not isinstance(before, list) or sorted(map(str, before)) != sorted(now):
            raise SimfinError(f"--options: expected the options of the sweep in {out} "
                              f"({', '.join(map(str, before)) if isinstance(before, list) else '?'}"
                              f"), got {', '.join(now)}; choose another --out for other options")
    atomic_write_text(record, json.dumps(names) + "\n")
    return folders


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 else text[:77] + "..."
