"""Everything ``simfin run`` writes into its output directory, written safely.

``yearly.csv`` (tidy costs per replication), ``kpis.csv`` (tidy KPIs per replication),
``kosten_per_jaar.png``/``.svg`` (yearly costs chart), ``stroom_door_lijnen`` (flow
through the lines), ``wachttijd_intake`` (intake waits against the legal norm),
``uitgaven_plafond`` (spending fan chart against the budget ceiling, only for a scenario with
``[ceiling]``), ``<scenario>.xlsx`` (workbook),
``samenvatting.md`` (Dutch summary) and, on request, ``ledger.csv``; plus
``.simfin-outputs.json``, the list of files simfin wrote with their hashes (so that a later
run replaces exactly those and never touches a file of the user's own;
:mod:`simfin.report.output_manifest`).

Output safety (``docs/reliability.md``):

1. The whole set is first written into a hidden staging directory next to the output
   directory (``.<name>.simfin-XXXX``); nothing in the output directory changes while
   tables, charts and workbook are being produced, so a failing or interrupted run
   leaves the earlier outputs as they were.
2. Then each file is moved into place with one ``os.replace`` (atomic on one file
   system); the previous version is kept as a hard link (or copy) in the staging
   directory until every file is in place, and put back if a move fails, so the set is
   replaced as a whole or not at all. Files of an earlier run that this run does not
   write (e.g. ``ledger.csv`` of a run with ``--ledger``) are removed the same way.
3. With ``overwrite=False`` (the command line without ``--force``) an existing
   non-empty output directory is refused with an :class:`OutputError`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from simfin.atomic import atomic_write_text
from simfin.outdir import STAGING_MARK, OutputError, check_output_dir, safe_name
from simfin.report.markdown_safe import safe_markdown
from simfin.report.output_manifest import MANIFEST, previous_files, write_manifest
from simfin.results import Results

if TYPE_CHECKING:
    from simfin.report.model import Document

__all__ = ["MANIFEST", "OutputError", "check_output_dir", "remove_stale_staging",
           "run_document", "safe_name", "write_outputs"]

WAITS_STEM = {"nl": "wachttijd_intake", "en": "intake_waits"}
CEILING_STEM = {"nl": "uitgaven_plafond", "en": "spending_ceiling"}


def _axes(height_cm: float = 9.0):
    """Axes on a figure pyplot does not track, made inside the council style (spines, grid)."""
    from simfin.report.style import council_style, new_figure

    with council_style():
        return new_figure(height_cm=height_cm, pyplot=False).add_subplot()


def write_outputs(results: Results, out: str | Path, lang: str = "nl",
                  ledger: bool = False, overwrite: bool = True,
                  csv_dialect: str = "intl", costs: pd.DataFrame | None = None,
                  doc: Document | None = None) -> list[Path]:
    """Write the tables, chart, workbook and summary of ``results`` into ``out``.

    Parameters
    ----------
    results : Results
    out : str or Path
        Output directory; created if missing.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    ledger : bool
        Also write ``ledger.csv`` (large).
    overwrite : bool
        Replace simfin's files in an existing non-empty directory (default, as before);
        ``False`` refuses such a directory.
    csv_dialect : str
        ``"intl"`` (default: ``,`` and decimal point) or ``"nl"`` (``;``, decimal comma and
        a byte-order mark, for Dutch Excel); see :func:`simfin.report.tables.write_csv`.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results``; built here when not given.
    doc : Document, optional
        The run document (:func:`simfin.report.build_run.build_run`, with this ``ledger``
        and the workbook stem of the scenario) when the caller built it already (``simfin
        run`` prints the same one): the cost chart, the workbook and ``samenvatting.md``
        all render it. Its language wins over ``lang``.

    Returns
    -------
    list of Path
        The files written (the manifest not included).

    Raises
    ------
    OutputError
        When the directory is refused or a file system error stops the writing; the
        earlier outputs are then left as they were.
    """
    out = Path(out)
    if doc is None:
        doc = run_document(results, lang, costs, ledger)
    try:
        check_output_dir(out, overwrite)
        with _staging(out) as stage:
            names = _write_all(results, stage, doc, csv_dialect)
            _write_manifest(stage, names, results)
            check_output_dir(out, overwrite)
            _commit(stage, out, [*names, MANIFEST])
    except OSError as exc:
        raise OutputError(f"cannot write outputs to {out}: {exc}") from exc
    return [out / name for name in names]


def run_document(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None,
                 ledger: bool = False, precision=None, reached=None) -> Document:
    """The run document with the files of ``simfin run``: the workbook named after the
    scenario (:func:`simfin.report.build_run.build_run`)."""
    from simfin.report.build_run import build_run

    return build_run(results, lang, costs, precision, reached, ledger,
                     workbook=safe_name(results.scenario.name))


def _write_all(results: Results, stage: Path, doc: Document, csv_dialect: str) -> list[str]:
    """Write the output set into ``stage``; returns the relative names."""
    from simfin.report.charts import save_figure
    from simfin.report.document_writers import write_document
    from simfin.report.flow_charts import plot_intake_waits
    from simfin.report.style import add_footnote

    lang = doc.lang
    written = write_document(doc, stage, csv_dialect)
    ax = plot_intake_waits(results, ax=_axes(), lang=lang)
    add_footnote(ax.figure, results, lang)
    written += save_figure(ax.figure, stage / WAITS_STEM[lang])
    if results.scenario.ceiling is not None:
        from simfin.report.business_charts import plot_ceiling_fan

        ax = plot_ceiling_fan(results, ax=_axes(), lang=lang, footnote=True)
        written += save_figure(ax.figure, stage / CEILING_STEM[lang])
    workbook = stage / f"{doc.workbook}.xlsx"
    written.append(_write_model_card(results, stage, workbook, lang))
    return [Path(p).relative_to(stage).as_posix() for p in written]


def _write_model_card(results: Results, stage: Path, workbook: Path, lang: str) -> Path:
    """``modelkaart.md`` and the same text as the workbook's sheet "Modelkaart"."""
    from simfin.report.modelkaart import CARD_NAME, add_model_card_sheet, run_model_card

    text = run_model_card(results, lang=lang)
    add_model_card_sheet(workbook, text, lang)
    return atomic_write_text(stage / CARD_NAME, safe_markdown(text))


def _write_manifest(stage: Path, names: list[str], results: Results) -> None:
    meta = {k: results.meta.get(k) for k in ("scenario", "scenario_hash", "seed",
                                             "replications", "simfin")}
    write_manifest(stage, names, meta)


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A hidden directory next to ``out`` (same file system), removed afterwards.

    It holds a mark (:data:`STAGING_MARK`: host and process id), so that staging
    directories left by a run that was killed can be recognised as simfin's and removed
    by the next run (:func:`remove_stale_staging`).
    """
    real = out.resolve()
    real.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(real)
    stage = Path(tempfile.mkdtemp(dir=real.parent, prefix=f".{real.name}.simfin-"))
    try:
        (stage / STAGING_MARK).write_text(json.dumps(_owner()), encoding="utf-8")
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _owner() -> dict:
    return {"host": socket.gethostname(), "pid": os.getpid()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove_stale_staging(out: str | Path) -> list[Path]:
    """Remove staging directories of ``out`` left behind by killed simfin runs.

    Only a directory that is provably simfin's is removed: named ``.<name>.simfin-XXXX``
    with eight random characters (not a symbolic link), holding :data:`STAGING_MARK`
    written on this host by a process that no longer runs. Those of every output directory
    in ``out``'s parent are removed (not only ``out``'s own), so a run killed while writing
    into ``out/a`` is cleaned up by the next run into ``out/b``. Returns the removed ones.
    """
    real = Path(out).resolve()
    removed = []
    pattern = re.compile(r"\..+\.simfin-[A-Za-z0-9_]{8}")
    try:
        candidates = [p for p in real.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return removed
    for stage in candidates:
        try:
            if stage.is_symlink() or not stage.is_dir():
                continue
            owner = json.loads((stage / STAGING_MARK).read_text(encoding="utf-8"))
            if owner.get("host") != socket.gethostname() or _alive(int(owner["pid"])):
                continue
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        shutil.rmtree(stage, ignore_errors=True)
        removed.append(stage)
    return removed


def _keep(target: Path, backup: Path) -> None:
    """Keep ``target``'s current version at ``backup`` (hard link, else copy)."""
    backup.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _commit(stage: Path, out: Path, names: list[str]) -> None:
    """Move the staged files into ``out``, replacing the previous set as a whole."""
    out.mkdir(parents=True, exist_ok=True)
    backup = stage / ".previous"
    stale = [n for n in previous_files(out) if n not in names]
    done: list[tuple[str, bool]] = []  # (name, had a previous version)
    try:
        for name in names:
            target = out / name
            had = target.is_file()
            if had:
                _keep(target, backup / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            done.append((name, had))
            os.replace(stage / name, target)
        for name in stale:
            _keep(out / name, backup / name)
            done.append((name, True))
            (out / name).unlink()
    except BaseException as exc:
        failed = _rollback(out, backup, done)
        if failed:
            kept = out.resolve().parent / f".{out.resolve().name}.simfin-previous-{os.getpid()}"
            os.replace(backup, kept)
            raise OutputError(f"writing to {out} failed ({exc}) and the previous versions of "
                              f"{', '.join(failed)} could not be put back; they are in {kept}"
                              ) from exc
        raise


def _rollback(out: Path, backup: Path, done: list[tuple[str, bool]]) -> list[str]:
    """Put the previous versions back; returns the names that could not be restored."""
    failed = []
    for name, had in reversed(done):
        try:
            if had:
                os.replace(backup / name, out / name)
            else:
                (out / name).unlink(missing_ok=True)
        except OSError:
            failed.append(name)
    return failed
