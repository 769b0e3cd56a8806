"""Run a sensitivity sweep: design -> chunks of (sample, replication) -> checkpoints -> results.

::

    from simfin.uncertainty import sweep, outputs, analyse
    sw = sweep("scenarios/bbs-onzeker.toml", "tornado", replications=10,
               executor="process", out="out/tornado", progress=True)
    analyse(sw, outputs.total_spending(year=2028))

Every sample of the design is validated before anything runs. Each unit
``(sample, replication)`` is one replication of that sample's scenario with the
scenario's own seed, so replication ``r`` meets the same residents in every sample
(common random numbers: differences between samples are the parameters, not noise).
Units are cut into chunks in a fixed order; with an output directory every finished chunk
is written to disk (:mod:`simfin.uncertainty.checkpoint`) and a resumed sweep runs only
the missing ones. Results are sorted by ``(sample, replication)``: identical for every
executor, worker count and interruption.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from simfin import __version__
from simfin.results import Results
from simfin.scenario.load import load_uncertain
from simfin.scenario.schema import Scenario
from simfin.scenario.uncertain import UncertainScenario
from simfin.uncertainty.checkpoint import ChunkStore
from simfin.errors import SimfinError
from simfin.uncertainty.design import DEFAULT_QUANTILES, Design, design_samples, make_design
from simfin.parallel import check_executor, run_tasks
from simfin.uncertainty.options import apply_values, scenario_fingerprint
from simfin.uncertainty.outputs import as_output
from simfin.uncertainty.work import TABLES, Chunk, run_chunk

__all__ = ["MAX_CHUNKS", "MAX_UNITS", "SweepResults", "check_sweep_size", "default_chunk_size",
           "sweep"]

MAX_CHUNKS = 100  # default chunking: about this many chunks per sweep
#: Most units (sample x replication) of one sweep: each keeps its KPI and yearly rows in
#: memory (about 10 kB) until the sweep is collected, and its scenario is validated first.
MAX_UNITS = 1_000_000


def check_sweep_size(us: UncertainScenario, method: str, samples: int | None,
                     replications: int, levels: int = 5) -> int:
    """Raise :class:`SimfinError` for a sweep too big to run; else its number of samples.

    Closed form, before any design or scenario is built: samples of the design (see
    :func:`simfin.uncertainty.design.design_samples`) x replications against
    :data:`MAX_UNITS`, and x the base scenario's expected events per replication against
    :data:`simfin.scenario.size.MAX_EVENTS_TOTAL`.
    """
    from simfin.scenario import size

    n = design_samples(us, method, samples, levels)
    units = n * replications
    what = (f"{method} with {n:,} samples x {replications:,} replications = {units:,} "
            "units (sample x replication)")
    if units > MAX_UNITS:
        raise SimfinError(f"expected a sweep of at most {MAX_UNITS:,} units, got {what}; "
                          "use fewer --samples or --replications, or raise "
                          "simfin.uncertainty.sweep.MAX_UNITS")
    events = units * size.estimate_size(us.base).events_per_replication
    if events > size.MAX_EVENTS_TOTAL:
        raise SimfinError(f"expected a sweep of at most {size.MAX_EVENTS_TOTAL:,} simulation "
                          f"steps, estimated {events:.3g} for {what}; use fewer --samples "
                          "or --replications, or raise simfin.scenario.size.MAX_EVENTS_TOTAL")
    return n


def default_chunk_size(units: int) -> int:
    """Units per chunk: about :data:`MAX_CHUNKS` chunks, whatever the number of workers."""
    return max(1, math.ceil(units / MAX_CHUNKS))


@dataclass(frozen=True, eq=False)
class SweepResults:
    """What :func:`sweep` returns: the design and tidy aggregates per (sample, replication).

    Attributes
    ----------
    uncertain : UncertainScenario
    design : Design
    replications : int
    kpis : DataFrame
        ``sample, replication, kpi, value, unit``.
    yearly : DataFrame
        ``sample, replication, year, municipality, party, provider, category, taakveld,
        amount_eur``
        (municipality side only, see :mod:`simfin.uncertainty.work`).
    ledger : DataFrame or None
        Only with ``keep_ledgers=True``.
    meta : dict
        Scenario and design fingerprints, chunking, and ``chunks_run`` / ``chunks_resumed``
        (how many chunks this call computed and how many it found finished on disk).
    option : Scenario or None
        The option the design's values were put into (``sweep(..., option=...)``).
    """

    uncertain: UncertainScenario
    design: Design
    replications: int
    kpis: pd.DataFrame
    yearly: pd.DataFrame
    ledger: pd.DataFrame | None = None
    meta: dict = field(default_factory=dict)
    option: Scenario | None = None

    def scenario(self, sample: int) -> Scenario:
        """The validated scenario of ``sample`` (of ``option``, when the sweep ran one)."""
        values = self.design.values.loc[sample].to_dict()
        if self.option is not None:
            return apply_values(self.uncertain, self.option, values)
        return self.uncertain.apply(values)

    @cached_property
    def _by_sample(self) -> dict[str, dict[int, pd.DataFrame]]:
        return {name: {int(s): g.drop(columns="sample").reset_index(drop=True)
                       for s, g in getattr(self, name).groupby("sample", sort=True)}
                for name in TABLES}

    def results_for(self, sample: int) -> Results:
        """The replications of ``sample`` as a :class:`Results` (no ledger or monitor)."""
        empty = pd.DataFrame()
        ledger = empty if self.ledger is None else \
            self.ledger[self.ledger["sample"] == sample].drop(columns="sample")
        meta = {**self.meta, "sample": sample, "replications": self.replications}
        return Results(scenario=self.scenario(sample), ledger=ledger,
                       yearly=self._by_sample["yearly"][sample],
                       kpis=self._by_sample["kpis"][sample], monitor=empty, meta=meta)

    def evaluate(self, output: Any) -> pd.Series:
        """``output(results_for(s))`` for every sample ``s``; index ``sample``."""
        output = as_output(output)
        values = [output(self.results_for(s)) for s in range(self.design.samples)]
        return pd.Series(values, index=pd.RangeIndex(len(values), name="sample"),
                         name=output.name, dtype=float)


def _chunks(design: Design, scenarios: dict[int, Scenario], replications: int, size: int,
            keep_ledgers: bool) -> list[Chunk]:
    units = [(s, r) for s in range(design.samples) for r in range(replications)]
    chunks = []
    for index, start in enumerate(range(0, len(units), size)):
        part = tuple(units[start:start + size])
        chunks.append(Chunk(index, part, {s: scenarios[s] for s in sorted({s for s, _ in part})},
                            keep_ledgers))
    return chunks


def _manifest(us: UncertainScenario, design: Design, replications: int, size: int,
              n_chunks: int, keep_ledgers: bool) -> dict:
    return {"format": 2, "simfin": __version__, "scenario": us.base.name,
            "scenario_fingerprint": us.fingerprint, "seed": us.base.simulation.seed,
            "method": design.method, "design_fingerprint": design.fingerprint(),
            "parameters": list(design.names), "varied": list(design.varied),
            "samples": design.samples, "replications": replications, "chunk_size": size,
            "chunks": n_chunks, "keep_ledgers": keep_ledgers}


def _verified(store: ChunkStore, chunks: list[Chunk], names: tuple[str, ...],
              recompute: bool) -> set[int]:
    """The finished chunks on disk that pass :meth:`ChunkStore.verify`; a failing one is a
    one-line error, or (``recompute``) discarded so that it runs again."""
    from simfin.uncertainty.checkpoint import ChunkError

    good = set()
    for index in sorted(store.finished() & set(range(len(chunks)))):
        try:
            store.verify(index, chunks[index].units, names)
        except ChunkError as exc:
            if not recompute:
                raise ChunkError(f"{exc}; add --recompute-damaged to compute it again") from None
            store.discard(index)
        else:
            good.add(index)
    return good


def _progress(total: int, initial: int, show: bool, name: str):
    from simfin.progress import progress_bar

    return progress_bar(total=total, initial=initial, disable=not show, desc=name, unit="rep")


def _collect(store: ChunkStore | None, memory: dict[int, dict], n_chunks: int,
             names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    tables = {}
    for name in names:
        if store is not None:
            frame = store.load(list(range(n_chunks)), name)
        else:
            frame = pd.concat([memory[i][name] for i in range(n_chunks)], ignore_index=True)
        tables[name] = frame.sort_values(["sample", "replication"], kind="stable") \
            .reset_index(drop=True)
    return tables


def sweep(scenario: UncertainScenario | str | Path, method: str = "psa", *,
          samples: int | None = None, replications: int | None = None,
          params: tuple[str, str] | None = None, levels: int = 5,
          quantiles: tuple[float, float] = DEFAULT_QUANTILES, executor: str = "process",
          workers: int | None = None, scheduler: Any = None, out: str | Path | None = None,
          resume: bool = False, chunk_size: int | None = None, keep_ledgers: bool = False,
          progress: bool = False, force: bool = False,
          recompute_damaged: bool = False, option: Scenario | None = None) -> SweepResults:
    """Run a sensitivity sweep of a scenario with uncertain parameters.

    Parameters
    ----------
    scenario : UncertainScenario or path
        A scenario with ``dist`` declarations (:func:`simfin.scenario.load_uncertain`).
    method : {"tornado", "grid", "sobol", "morris", "psa"}
        The design; see :mod:`simfin.uncertainty.design`.
    samples : int, optional
        Sobol base samples (power of 2, default 64), Morris trajectories (default 10) or
        PSA samples (default 100); unused by tornado and grid.
    replications : int, optional
        Replications per sample; default the scenario's ``simulation.replications``.
    params, levels : grid only
        The two parameters (dotted paths; default the first two declared) and the
        number of levels of each.
    quantiles : (float, float)
        Low and high quantile for tornado, grid and Morris (default 5th and 95th percentile).
    executor, workers, scheduler
        See :func:`simfin.parallel.run_tasks`; default all local cores.
    out : path, optional
        Checkpoint directory; without it everything stays in memory.
    resume : bool
        Continue the sweep in ``out``, skipping its finished chunks.
    chunk_size : int, optional
        Units per chunk; default :func:`default_chunk_size`.
    keep_ledgers : bool
        Also keep every unit's ledger (large).
    progress : bool
        Show a tqdm progress bar (console or notebook).
    recompute_damaged : bool
        With ``resume``: compute again the finished chunks that fail verification
        (damaged, truncated or swapped files); without it such a chunk is an error.
    force : bool
        Accept an ``out`` that is not empty and holds no sweep (files in it may be
        replaced); without it such a directory is refused before anything runs.
    option : Scenario, optional
        Apply each sample's values to this scenario (a variant of a decision, see
        :mod:`simfin.uncertainty.voi_run`) instead of the uncertain scenario's own base.
    """
    us = scenario if isinstance(scenario, UncertainScenario) else load_uncertain(scenario)
    reps = us.base.simulation.replications if replications is None else replications
    if reps < 1 or (chunk_size is not None and chunk_size < 1):
        raise ValueError("expected replications >= 1 and chunk_size >= 1")
    check_sweep_size(us, method, samples, reps, levels)
    check_executor(executor, workers, scheduler)   # before anything is written to ``out``
    design = make_design(us, method, samples, params, levels, quantiles)
    rows = design.values.to_dict("records")
    scenarios = {s: us.apply(row) if option is None else apply_values(us, option, row)
                 for s, row in zip(range(design.samples), rows, strict=True)}
    size = chunk_size or default_chunk_size(design.samples * reps)
    chunks = _chunks(design, scenarios, reps, size, keep_ledgers)
    manifest = _manifest(us, design, reps, size, len(chunks), keep_ledgers)
    if option is not None:
        manifest["option"] = option.name
        manifest["option_fingerprint"] = scenario_fingerprint(option)
    store = ChunkStore(out, manifest, resume, force) if out is not None else None
    names = TABLES + (("ledger",) if keep_ledgers else ())
    finished = _verified(store, chunks, names, recompute_damaged) if store is not None else set()
    todo = [c for c in chunks if c.index not in finished]
    memory: dict[int, dict] = {}
    done_units = sum(len(chunks[i].units) for i in finished)
    with _progress(design.samples * reps, done_units, progress, f"{us.base.name} {method}") as bar:
        for i, result in run_tasks(run_chunk, todo, executor, workers, scheduler):
            if store is not None:
                store.save(todo[i].index, result, todo[i].units)
            else:
                memory[todo[i].index] = result
            bar.update(len(todo[i].units))
    tables = _collect(store, memory, len(chunks), names)
    meta = {**manifest, "chunks_run": len(todo), "chunks_resumed": len(finished)}
    return SweepResults(us, design, reps, tables["kpis"], tables["yearly"],
                        tables.get("ledger"), meta, option)
