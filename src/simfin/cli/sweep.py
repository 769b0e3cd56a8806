"""The ``simfin sweep`` sub-command (registered by :mod:`simfin.cli`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin.uncertainty.methods import METHODS
from simfin.parallel import EXECUTORS

__all__ = ["add_sweep_command"]

HELP_OUTPUT = ("what to analyse: total (municipal spending over the horizon, default), "
               "year:<YYYY>, intake_wait_p95, waiting_list, kpi:<name>, "
               "overshoot:<ceiling_eur>[:<YYYY>]")


def add_sweep_command(sub: argparse._SubParsersAction, positive_int, probability,
                      add_csv_dialect=None) -> None:
    """Add ``simfin sweep`` to the sub-command parsers ``sub`` (``add_csv_dialect(parser)``
    adds the shared ``--csv-dialect`` option)."""
    p = sub.add_parser("sweep", help="sensitivity sweep over the uncertain parameters "
                       "(tornado, grid, Sobol, Morris, PSA) with checkpoints")
    p.add_argument("scenario", type=Path, help="scenario file (TOML) with dist tables")
    p.add_argument("--method", "-m", choices=METHODS, default="psa")
    p.add_argument("--samples", type=positive_int, help="Sobol base samples (power of 2, "
                   "default 64), Morris trajectories (10) or PSA samples (100)")
    p.add_argument("--replications", "-n", type=positive_int,
                   help="replications per sample (default: the scenario's)")
    p.add_argument("--workers", "-w", type=positive_int, help="worker processes (default: all cores)")
    p.add_argument("--executor", choices=EXECUTORS, default="process")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                   "(default: a local Dask cluster)")
    p.add_argument("--out", type=Path, help="output directory (default: out/<scenario>-<method>)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted sweep in --out, skipping finished chunks")
    p.add_argument("--recompute-damaged", action="store_true",
                   help="with --resume: compute again finished chunks that fail their "
                   "integrity check (default: stop with an error naming the chunk)")
    p.add_argument("--chunk-size", type=positive_int, help="units (sample x replication) per "
                   "checkpointed chunk (default: about 100 chunks)")
    p.add_argument("--output", default="total", help=HELP_OUTPUT)
    p.add_argument("--params", help="grid: two parameters as dotted paths, comma-separated")
    p.add_argument("--levels", type=positive_int, default=5, help="grid: levels per parameter")
    p.add_argument("--risk", type=probability, default=0.10,
                   help="accepted probability of exceeding the ceiling (default 0.10)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of outputs")
    p.add_argument("--keep-ledgers", action="store_true", help="also keep every ledger (large)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    p.add_argument("--force", action="store_true", help="write into an existing non-empty "
                   "directory that holds no sweep (replacing files of the same names)")
    if add_csv_dialect is not None:
        add_csv_dialect(p)
    p.add_argument("--raadsbijlage", action="store_true", help="psa: also write "
                   "raadsbijlage.docx: the lowest ceiling within --risk per year, the risk of "
                   "the tested budget, the ceiling curve")
    p.add_argument("--voi", action="store_true", help="psa: value of information (EVPI, "
                   "EVPPI per parameter) of the choice between the --options")
    p.add_argument("--options", type=Path, nargs="+", metavar="SCENARIO",
                   help="with --voi: the options of the decision (scenario files, at least "
                   "two, e.g. the nulalternatief and a variant); each sample's parameter "
                   "values are put into every option")
    p.add_argument("--discover", type=_finite, metavar="THRESHOLD",
                   help="scenario discovery (PRIM): the region of the assumptions where "
                   "--output is above THRESHOLD (in its unit, e.g. a ceiling in euros)")
    p.add_argument("--below", action="store_true",
                   help="with --discover: look for --output below THRESHOLD instead")
    p.set_defaults(handler=_cmd_sweep)


def _finite(text: str) -> float:
    """A finite number (``--discover``): ``nan`` and ``inf`` are refused by argparse."""
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def _cmd_sweep(args: argparse.Namespace) -> int:
    from simfin.uncertainty.outputs import parse_output
    from simfin.report.sensitivity import write_sweep_outputs
    from simfin.uncertainty.sweep import sweep

    if args.voi or args.options:
        return _cmd_voi(args)
    from simfin.scenario import load_uncertain

    output = parse_output(args.output)
    uncertain = load_uncertain(args.scenario)
    output.check(uncertain.base)   # before any unit is computed
    if output.name.startswith("overshoot"):  # refused before anything runs
        from dataclasses import replace

        from simfin.uncertainty.ceiling_risk import require_ceiling, what_counts

        require_ceiling(uncertain.base, args.output)  # then name what it counts
        output = replace(output, suffix=f"{output.suffix} ({what_counts(uncertain.base)})")
    out = args.out or Path("out") / f"{args.scenario.stem}-{args.method}"
    params = tuple(p.strip() for p in args.params.split(",")) if args.params else None
    result = sweep(uncertain, args.method, samples=args.samples,
                   replications=args.replications, params=params, levels=args.levels,
                   executor=args.executor, workers=args.workers, scheduler=args.scheduler,
                   out=out, resume=args.resume, chunk_size=args.chunk_size,
                   keep_ledgers=args.keep_ledgers, progress=not args.quiet, force=args.force,
                   recompute_damaged=args.recompute_damaged)
    written = write_sweep_outputs(result, out, output, lang=args.lang, risk=args.risk,
                                  csv_dialect=getattr(args, "csv_dialect", "intl"))
    if args.discover is not None:
        written += _write_discovery(result, output, args, out)
    if args.raadsbijlage and args.method == "psa":
        from simfin.report.sweep_bijlage import write_sweep_bijlage

        written.append(write_sweep_bijlage(result, out / "raadsbijlage.docx", args.risk,
                                           args.lang))
    if not args.quiet:
        _print_summary(result, output, written, out, args.lang)
        if args.method == "psa" and result.uncertain.base.ceiling is not None:
            _print_ceiling(result, args.risk, args.lang)
    return 0


def _print_ceiling(result, risk: float, lang: str) -> None:
    """P(overshoot) per year at the scenario's ceiling and the lowest safe ceiling."""
    from simfin.report.format import format_share
    from simfin.report.tables import Table
    from simfin.uncertainty.ceiling_risk import ceiling_risk, what_counts

    table = ceiling_risk(result, risk)
    nl = lang == "nl"
    heads = {"year": "Jaar" if nl else "Year",
             "ceiling_eur": "Plafond (€, nominaal)" if nl else "Ceiling (€, nominal)",
             "p_overshoot": "Kans op overschrijding" if nl else "P(overshoot)",
             "safe_ceiling_eur": (f"Laagste veilige plafond, kans ≤ {format_share(risk)} (€)"
                                  if nl else
                                  f"Lowest safe ceiling, P ≤ {format_share(risk)} (€)"),
             "n": "Runs"}
    shown = table[list(heads)].rename(columns=heads)
    units = {heads["year"]: "year", heads["ceiling_eur"]: "eur", heads["p_overshoot"]: "share",
             heads["safe_ceiling_eur"]: "eur", heads["n"]: "count"}
    counts = what_counts(result.uncertain.base)
    title = (f"Budgettair plafond ({counts}): kans op overschrijding per jaar" if nl
             else f"Budget ceiling ({counts}): probability of overshoot per year")
    print("\n" + Table(shown, units, title).text())


def _write_discovery(result, output, args: argparse.Namespace, out: Path) -> list[Path]:
    """PRIM box of ``--discover``: ``discovery.csv`` and a sentence in ``discovery.md``."""
    from simfin.atomic import atomic_write, atomic_write_text
    from simfin.csv_safe import safe_frame
    from simfin.report.markdown_safe import safe_markdown
    from simfin.report.format import format_value
    from simfin.report.discovery_chart import describe_box
    from simfin.report.sensitivity import output_title
    from simfin.uncertainty.discovery import discover

    values = result.evaluate(output).to_numpy()
    hit = values < args.discover if args.below else values > args.discover
    if hit.all() or not hit.any():
        from simfin.errors import SimfinError

        raise SimfinError(
            f"--discover: expected a threshold between the samples' lowest and highest "
            f"{output.name} ({format_value(values.min(), output.unit)} – "
            f"{format_value(values.max(), output.unit)}), got "
            f"{format_value(args.discover, output.unit)}; the sweep's outputs are written, "
            "add --resume with another --discover to reuse it")
    box = discover(result, output, args.discover, above=not args.below)
    side = ("onder" if args.below else "boven") if args.lang == "nl" else \
        ("below" if args.below else "above")
    title = output_title(output, args.lang).lower()
    what = (f"{'met' if args.lang == 'nl' else 'with'} {title} {side} "
            f"{format_value(args.discover, output.unit)}")
    text = describe_box(box, what, args.lang)
    if not args.quiet:
        print(text[0].upper() + text[1:] + "\n")
    table = box.restrictions.assign(coverage=box.coverage, density=box.density, mass=box.mass)
    return [atomic_write(out / "discovery.csv", lambda tmp: safe_frame(table).to_csv(tmp, index=False)),
            atomic_write_text(out / "discovery.md",
                              safe_markdown(text[0].upper() + text[1:] + ".\n")),
            *_discovery_chart(result, hit, box, out, args.lang)]


def _discovery_chart(result, hit, box, out: Path, lang: str) -> list[Path]:
    from simfin.report.charts import save_figure
    from simfin.report.style import council_style, new_figure
    from simfin.report.discovery_chart import plot_discovery

    with council_style():
        ax = new_figure(pyplot=False).add_subplot()
    design = result.design
    plot_discovery(design.values[list(design.varied)], hit, box, ax=ax,
                   labels=design.labels, lang=lang)
    return save_figure(ax.figure, out / ("scenario_ontdekking" if lang == "nl" else "discovery"))


#: analysis column -> unit (``output`` takes the analysed output's unit)
_COLUMN_UNITS = {"rank": "count", "label": "text", "output_low": "output",
                 "output_high": "output", "swing": "output", "output": "output",
                 "S1": "index", "ST": "index", "mu_star": "output", "sigma": "output",
                 "spearman": "index"}


def _print_summary(result, output, written, out: Path, lang: str = "nl") -> None:
    """The first 15 rows of the analysis with Dutch (or English) headers, nl-NL numbers."""
    from simfin.report.labels import label
    from simfin.report.sensitivity import output_title
    from simfin.report.tables import Table, price_level
    from simfin.uncertainty.sensitivity import analyse

    table = analyse(result, output).head(15)
    columns = [c for c in _COLUMN_UNITS if c in table.columns] or list(table.columns)
    heads = {c: label(f"col.{c}", lang) for c in columns}
    units = {heads[c]: (output.unit or "ratio") if _COLUMN_UNITS.get(c) == "output"
             else _COLUMN_UNITS.get(c, "ratio") for c in columns}
    shown = table[columns].rename(columns=heads)
    title = output_title(output, lang)
    if output.unit == "eur":
        title += f" (€, {price_level(result.uncertain.base, lang)})"
    print(Table(shown, units, title).text())
    meta = result.meta
    if lang == "nl":
        print(f"\n{meta['chunks_run']} blokken gerekend, {meta['chunks_resumed']} hervat; "
              f"{len(written)} bestanden geschreven naar {out}/")
    else:
        print(f"\n{meta['chunks_run']} chunks run, {meta['chunks_resumed']} resumed; "
              f"{len(written)} files written to {out}/")


_BUSINESS_NOTE = {
    "nl": "Let op: deze waarde van informatie gaat over de verdelingen van het onzekere "
          "scenario, zonder overgangspad, discontering en de eigen bandbreedtes van de varianten. "
          "Voor de keuze zelf: simfin business NUL VARIANT --voi (dezelfde businesscase als de "
          "netto contante waarde).",
    "en": "Note: this value of information is about the uncertain scenario's distributions, "
          "without the transition, discounting and the variants' own ranges. For the choice "
          "itself: simfin business NULL VARIANT --voi (the same business case as the NPV)."}


def _cmd_voi(args: argparse.Namespace) -> int:
    from simfin.errors import SimfinError
    from simfin.report.voi import voi_sentences, write_voi_outputs
    from simfin.uncertainty.voi_run import value_of_information, voi_sweep

    if not args.voi or args.method != "psa" or not args.options or len(args.options) < 2:
        raise SimfinError("value of information needs --method psa --voi --options A.toml "
                          "B.toml (at least two scenario files: the options of the decision)")
    out = args.out or Path("out") / f"{args.scenario.stem}-voi"
    sweeps = voi_sweep(args.scenario, args.options, out=out, samples=args.samples,
                       replications=args.replications, executor=args.executor,
                       workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                       chunk_size=args.chunk_size, progress=not args.quiet, force=args.force,
                       recompute_damaged=args.recompute_damaged)
    voi = value_of_information(sweeps)
    written = write_voi_outputs(voi, out, lang=args.lang)
    if not args.quiet:
        print("\n".join(voi_sentences(voi, args.lang)))
        print(_BUSINESS_NOTE[args.lang])
        print(f"\n{len(written)} bestanden geschreven naar {out}/" if args.lang == "nl"
              else f"\n{len(written)} files written to {out}/")
    return 0
