"""Command line: ``simfin run | compare | business | afweging | scale | organisations | staffing | calibrate | sweep
| validate | scenarios``.

User errors (a wrong scenario file, a bad option) print one line and exit with code 2;
``--debug`` shows the traceback instead. ``run``, ``compare``, ``business``, ``scale`` and
``organisations`` never write into an existing non-empty output directory without
``--force``, and check that (and that it is writable) before simulating anything; ``sweep``
refuses a directory that already holds a sweep unless ``--resume`` continues it, and a
non-empty one without a sweep unless ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from simfin import __version__
from simfin.errors import SimfinError

__all__ = ["main"]

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``simfin`` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except SimfinError as exc:
        if args.debug:
            raise
        print(f"simfin: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("simfin: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="simfin", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"simfin {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run a scenario and write tables, chart, workbook, summary")
    run.add_argument("scenario", type=Path, help="scenario file (TOML)")
    run.add_argument("--replications", "-n", type=_positive_int, help="override replications")
    run.add_argument("--seed", type=_non_negative_int, help="override the seed")
    run.add_argument("--out", type=Path, help="output directory (default: out/<scenario name>)")
    _add_lang(run)
    run.add_argument("--ledger", action="store_true", help="also write ledger.csv (large)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    run.add_argument("--workers", "-w", type=_positive_int, default=1,
                     help="worker processes for the replications (default 1; same results)")
    _add_force(run)
    _add_csv_dialect(run)
    _add_precision(run, "spending:2%")
    run.set_defaults(handler=_cmd_run)

    comp = sub.add_parser("compare", help="compare scenarios side by side (same seed: "
                          "common random numbers); print the table, write CSV and chart")
    comp.add_argument("scenarios", type=Path, nargs="+", help="scenario files (TOML)")
    comp.add_argument("--replications", "-n", type=_positive_int,
                      help="replications for every scenario (default: the first file's)")
    comp.add_argument("--seed", type=_non_negative_int,
                      help="one seed for every scenario (default: the first file's)")
    comp.add_argument("--out", type=Path, help="output directory (default: out/vergelijking)")
    _add_lang(comp)
    comp.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    _add_force(comp)
    _add_csv_dialect(comp)
    _add_precision(comp, "spending_eur:2%")
    comp.set_defaults(handler=_cmd_compare)

    business = sub.add_parser("business", help="business case: variants against a "
                              "nulalternatief (NPV, payback, ceiling, workbook)")
    _add_case_arguments(business, "business")
    business.add_argument("--raadsbijlage", action="store_true", help="also write "
                          "raadsbijlage.docx: question, variants, headline table, charts, "
                          "assumptions with sources, what the model does not cover")
    _add_force(business)
    _add_csv_dialect(business)
    _add_precision(business, "npv:500000")
    business.add_argument("--omslagpunten", type=_non_negative_int, default=10, metavar="N",
                          help="replications of the search for switching values (omslagpunten; "
                          "at most --replications, the first ones; default 10; 0: no search)")
    business.set_defaults(handler=_cmd_business)

    afweging = sub.add_parser("afweging", help="variants side by side on the afwegingskader "
                              "(computed criteria with intervals, scores with bandbreedtes)")
    _add_case_arguments(afweging, "afweging")
    _add_force(afweging)
    _add_csv_dialect(afweging)
    afweging.set_defaults(handler=_cmd_afweging)

    validate = sub.add_parser("validate", help="check scenario files against the schema")
    validate.add_argument("files", type=Path, nargs="+")
    validate.set_defaults(handler=_cmd_validate)

    scale = sub.add_parser("scale", help="cost, waiting and vulnerability across population sizes")
    scale.add_argument("scenario", type=Path, help="scenario file (TOML)")
    scale.add_argument("--from", dest="start", type=_positive_int, default=20_000)
    scale.add_argument("--to", dest="stop", type=_positive_int, default=200_000)
    scale.add_argument("--points", type=_positive_int, default=8, help="sizes between (geometric)")
    scale.add_argument("--replications", "-n", type=_positive_int, default=5)
    scale.add_argument("--seed", type=_non_negative_int)
    scale.add_argument("--staffing", choices=("proportional", "norm"), default="proportional")
    scale.add_argument("--out", type=Path, help="output directory (default: out/<name>-schaal)")
    _add_lang(scale)
    _add_force(scale)
    _add_csv_dialect(scale)
    scale.set_defaults(handler=_cmd_scale)

    orgs = sub.add_parser("organisations", help="scale figures of whole scenarios side by side")
    orgs.add_argument("scenarios", type=Path, nargs="+", help="scenario files (TOML)")
    orgs.add_argument("--replications", "-n", type=_positive_int, default=10)
    orgs.add_argument("--seed", type=_non_negative_int)
    orgs.add_argument("--out", type=Path, help="write organisations.csv and the workbook "
                      "organisaties.xlsx (organisations.xlsx) into this directory")
    _add_lang(orgs)
    _add_force(orgs)
    _add_csv_dialect(orgs)
    orgs.set_defaults(handler=_cmd_organisations)

    staffing = sub.add_parser("staffing", help="minimum FTE per team that meets the intake norm")
    staffing.add_argument("scenario", type=Path, help="scenario file (TOML)")
    staffing.add_argument("--target", type=float, default=0.95,
                          help="share of intakes within the norm (default 0.95)")
    staffing.add_argument("--confidence", type=float, default=0.9,
                          help="share of replications that must meet the target (default 0.9)")
    staffing.add_argument("--replications", "-n", type=_positive_int, default=20)
    staffing.add_argument("--out", type=Path, help="write staffing.csv and the workbook "
                          "formatie.xlsx (staffing.xlsx) into this directory")
    _add_lang(staffing)
    _add_force(staffing)
    _add_csv_dialect(staffing)
    staffing.set_defaults(handler=_cmd_staffing)

    cal = sub.add_parser("calibrate", help="fit local factors to observed lasten per taakveld")
    cal.add_argument("scenario", type=Path, help="scenario file (TOML) with [calibration]")
    cal.add_argument("--observed", type=Path, required=True,
                     help="tidy CSV of observed lasten (e.g. data/observed/bbs-lasten.csv)")
    cal.add_argument("--year", type=_positive_int, help="observed year (default: latest accounts)")
    cal.add_argument("--out", type=Path, help="output directory (default out/<name>-kalibratie)")
    _add_lang(cal)
    _add_force(cal)
    _add_csv_dialect(cal)
    cal.set_defaults(handler=_cmd_calibrate)

    from simfin.uncertainty.cli import add_sweep_command

    add_sweep_command(sub, _positive_int, _probability, _add_csv_dialect)

    scen = sub.add_parser("scenarios", help="list the scenario files in a directory")
    scen.add_argument("directory", type=Path, nargs="?", default=Path("scenarios"))
    scen.set_defaults(handler=_cmd_scenarios)
    return parser


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return value


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected a probability in [0, 1), got {text!r}")
    return value


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("nl", "en"), default="nl",
                        help="language of console output, tables, charts and workbook "
                        "(default nl: Dutch labels, nl-NL numbers)")


def _add_csv_dialect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--csv-dialect", choices=("intl", "nl"), default="intl",
                        help="CSV files: intl (default; ',' and decimal point, for pandas/R) "
                        "or nl (';', decimal comma and a byte-order mark: opens correctly "
                        "in Dutch Excel)")


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace simfin's files in an existing non-empty output directory")


def _add_case_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """The arguments of a command that runs a business case (``business``, ``afweging``)."""
    parser.add_argument("null", type=Path, help="the nulalternatief (scenario file)")
    parser.add_argument("variants", type=Path, nargs="+", help="variant scenario files")
    parser.add_argument("--replications", "-n", type=_positive_int,
                        help="override replications (same for every scenario)")
    parser.add_argument("--seed", type=_non_negative_int, help="override the seed")
    parser.add_argument("--pooling", choices=("norm", "equal_fte"), default="norm",
                        help="drivers: price queue pooling at equal service level with a "
                        "staffing search when the team forms differ (norm, default), or only "
                        "at equal FTE (equal_fte: no search)")
    parser.add_argument("--out", type=Path, help="output directory (default: "
                        f"out/{command}-<nulalternatief name>)")
    _add_lang(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")
def _add_precision(parser: argparse.ArgumentParser, example: str) -> None:
    example = example.replace("%", "%%")  # argparse expands % in help texts
    parser.add_argument("--precision", metavar="FIGURE:TARGET", help="add replications in "
                        "batches until the 95%% interval of a headline figure has at most this "
                        f"half-width, absolute or in %% of the mean (e.g. {example}); see "
                        "docs/decision-analytics.md for the figures")
    parser.add_argument("--batch", type=_positive_int, default=10,
                        help="with --precision: replications added per batch (default 10)")
    parser.add_argument("--max-replications", type=_positive_int, default=200,
                        help="with --precision: upper bound on the replications (default 200)")


def _precision(args: argparse.Namespace):
    """The :class:`~simfin.precision.Precision` of ``--precision``, or None."""
    from simfin.precision import Precision

    if not args.precision:
        return None
    return Precision.parse(args.precision, args.batch, args.max_replications)


def _print_notes(notes: list[str]) -> None:
    if notes:
        print("\n" + "\n".join(notes))


def _output_dir(out: Path, args: argparse.Namespace) -> Path:
    """``out``, after checking that it may receive outputs (before anything is computed)."""
    from simfin.report.outputs import check_output_dir

    check_output_dir(out, overwrite=args.force)
    return out


def _cmd_run(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report import console_table
    from simfin.report.outputs import check_output_dir, safe_name, write_outputs
    from simfin.scenario.size import check_size

    scenario = _with_overrides(simfin.load(args.scenario), args)
    check_size(scenario, args.scenario)
    out = args.out or Path("out") / safe_name(scenario.name)
    check_output_dir(out, overwrite=args.force)
    precision, reached = _precision(args), None
    if precision is not None:
        from simfin.precision import run_precise, run_values

        run_values(precision.figure)  # an unknown figure is an error before anything runs
        results, reached = run_precise(scenario, precision, workers=args.workers,
                                       progress=not args.quiet)
    else:
        results = simfin.run(scenario, progress=not args.quiet, workers=args.workers)
    results = replace(results, meta={**results.meta, "scenario_file": str(args.scenario)})
    written = write_outputs(results, out, lang=args.lang, ledger=args.ledger,
                            overwrite=args.force, csv_dialect=args.csv_dialect)
    if not args.quiet:
        from simfin.precision_report import run_notes

        print(console_table(results, lang=args.lang))
        _print_notes(run_notes(results, precision, reached, args.lang))
        print(f"\n{_files_written(len(written), out, args.lang)}")
    return 0


def _cmd_scale(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.charts import save_figure
    from simfin.report.command_tables import scale_table
    from simfin.report.scale_chart import plot_scale_curve
    from simfin.report.style import footnote_line
    from simfin.report.tables import write_csv, write_tables_workbook
    from simfin.scale import default_populations, scale_sweep

    if args.stop <= args.start:
        raise SimfinError(f"expected --to above --from, got {args.start} and {args.stop}")
    scenario = simfin.load(args.scenario)
    out = _output_dir(args.out or Path("out") / f"{scenario.name}-schaal", args)
    sweep = scale_sweep(scenario, default_populations(args.start, args.stop, args.points),
                        replications=args.replications, seed=args.seed,
                        staffing=args.staffing, progress=False)
    seed = scenario.simulation.seed if args.seed is None else args.seed
    table = scale_table(sweep, scenario, args.lang, args.replications, seed)
    write_csv(sweep, out / "scale.csv", args.csv_dialect)
    write_tables_workbook(out / ("schaal.xlsx" if args.lang == "nl" else "scale.xlsx"),
                          [("sheet.scale", [table])], args.lang)
    note = footnote_line(scenario.name, __version__, args.replications, seed, args.lang)
    save_figure(plot_scale_curve(sweep, lang=args.lang, footnote=note, scenario=scenario),
                out / "schaal")
    print(table.transposed(table.frame.columns[0]).text())  # a column per population size
    print(f"\n{_written(args.lang)} {out}/")
    return 0


def _files_written(count: int, out: Path, lang: str) -> str:
    return (f"{count} bestanden geschreven naar {out}/" if lang == "nl"
            else f"{count} files written to {out}/")


def _written(lang: str) -> str:
    return "geschreven naar" if lang == "nl" else "written to"


def _cmd_organisations(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.command_tables import organisations_table
    from simfin.scale import compare_organisations

    scenarios = [simfin.load(path) for path in args.scenarios]
    if args.out:
        _output_dir(args.out, args)
    table = compare_organisations(scenarios, replications=args.replications, seed=args.seed)
    shown = organisations_table(table, scenarios, args.lang, args.replications, args.seed)
    _table_outputs(args, table, "organisations", ("organisaties", "organisations"), shown)
    return 0


def _cmd_calibrate(args: argparse.Namespace) -> int:
    import os

    import simfin
    from simfin.atomic import atomic_write
    from simfin.calibrate import calibrate, plot_comparison, read_observed
    from simfin.report.charts import save_figure
    from simfin.report.command_tables import calibration_table
    from simfin.report.labels import label
    from simfin.report.tables import write_csv, write_tables_workbook

    scenario = simfin.load(args.scenario)
    if scenario.calibration is None or not scenario.calibration.parameters:
        raise SimfinError(f"{args.scenario}: calibration.parameters: expected at least one "
                          "calibratable parameter (see docs/calibration.md)")
    observed = read_observed(args.observed, args.year)
    out = _output_dir(args.out or Path("out") / f"{scenario.name}-kalibratie", args)
    result = calibrate(scenario, observed)
    calibrated = out / f"{scenario.name}-gekalibreerd.toml"
    text = result.to_toml(os.path.relpath(Path(args.scenario).resolve(), out.resolve()))
    atomic_write(calibrated, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    shown = calibration_table(result.comparison, scenario, args.lang)
    write_csv(result.comparison, out / "model_tegen_werkelijkheid.csv", args.csv_dialect)
    write_tables_workbook(out / "model_tegen_werkelijkheid.xlsx",
                          [("sheet.calibration", [shown])], args.lang)
    save_figure(plot_comparison(result.comparison, lang=args.lang).figure,
                out / "model_tegen_werkelijkheid")
    print(shown.text())
    none = label("calibration.none", args.lang)
    print("\n" + label("calibration.summary", args.lang).format(
        factors=len(result.factors), iterations=result.iterations,
        not_id=", ".join(result.not_identifiable) or none,
        unreached=", ".join(result.uncalibrated) or none))
    if result.levels:
        levels = "; ".join(result.levels)
        if args.lang == "nl":  # each note starts with the side that was rolled up
            levels = levels.replace("observed ", "waargenomen ")
        print(label("calibration.levels", args.lang).format(levels=levels))
    print(f"\n{_written(args.lang)} {out}/")
    return 0


def _cmd_staffing(args: argparse.Namespace) -> int:
    import pandas as pd

    import simfin
    from simfin.report.command_tables import staffing_table
    from simfin.staffing import staff_to_norm

    if not (0 < args.target <= 1 and 0 < args.confidence <= 1):
        raise SimfinError("expected 0 < --target <= 1 and 0 < --confidence <= 1")
    scenario = simfin.load(args.scenario)
    if args.out:
        _output_dir(args.out, args)
    answer = staff_to_norm(scenario, args.target, args.confidence, args.replications)
    table = staffing_table(answer, args.lang)
    tidy = pd.DataFrame({"team": list(answer.fte), "fte": list(answer.fte.values()),
                         "met_share": [answer.met_share[t] for t in answer.fte]})
    _table_outputs(args, tidy, "staffing", ("formatie", "staffing"), table)
    return 0


def _table_outputs(args: argparse.Namespace, tidy, stem: str, workbook: tuple[str, str],
                   table) -> None:
    """Print ``table``; with ``--out`` also write ``<stem>.csv`` (the tidy frame, in
    ``--csv-dialect``) and a workbook named ``workbook`` (Dutch, English) with its sheet."""
    from simfin.report.tables import write_csv, write_tables_workbook

    if args.out:
        write_csv(tidy, args.out / f"{stem}.csv", args.csv_dialect)
        name = workbook[0] if args.lang == "nl" else workbook[1]
        write_tables_workbook(args.out / f"{name}.xlsx", [(f"sheet.{stem}", [table])], args.lang)
    print(table.text())
    if args.out:
        print(f"\n{_written(args.lang)} {args.out}/")


def _cmd_compare(args: argparse.Namespace) -> int:
    import simfin

    scenarios = [simfin.load(path) for path in args.scenarios]
    out = _output_dir(args.out or Path("out") / "vergelijking", args)
    precision, reached = _precision(args), None
    if precision is not None:
        from simfin.precision import compare_values
        from simfin.precision_report import compare_precise

        compare_values(precision.figure)  # an unknown figure is an error before anything runs
        comparison, reached = compare_precise(scenarios, precision, seed=args.seed,
                                              progress=not args.quiet,
                                              start=args.replications)
    else:
        comparison = simfin.compare(scenarios, replications=args.replications, seed=args.seed,
                                    progress=not args.quiet)
    written = comparison.save(out, lang=args.lang, csv_dialect=args.csv_dialect)
    if not args.quiet:
        from simfin.precision_report import compare_notes

        print(comparison.to_text(lang=args.lang))
        _print_notes(compare_notes(comparison, precision, reached, args.lang))
        print(_files_written(len(written), out, args.lang))
    return 0


def _cmd_business(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.business_outputs import business_console, write_business_outputs

    out = _output_dir(args.out or Path("out") / f"business-{simfin.load(args.null).name}", args)
    precision, reached = _precision(args), None
    if precision is not None:
        from simfin.precision import business_values, reached_dict
        from simfin.precision_report import business_precise

        business_values(precision.figure)  # an unknown figure is an error before running
        case, reached = business_precise(args.null, args.variants, precision, seed=args.seed,
                                         progress=not args.quiet, start=args.replications,
                                         pooling=args.pooling)
        case = replace(case, meta={**case.meta, "precision": reached_dict(reached)})
    else:
        case = simfin.business_case(args.null, args.variants, replications=args.replications,
                                    seed=args.seed, progress=not args.quiet,
                                    pooling=args.pooling)
    if args.omslagpunten > 0:
        case = replace(case, switching=simfin.switching_values(
            args.null, args.variants, min(args.omslagpunten, case.replications), args.seed,
            progress=not args.quiet))
    written = write_business_outputs(case, out, lang=args.lang, csv_dialect=args.csv_dialect)
    if args.raadsbijlage:
        written.append(case.to_raadsbijlage(out / "raadsbijlage.docx", lang=args.lang))
    if not args.quiet:
        from simfin.precision_report import business_notes

        print(business_console(case, lang=args.lang))
        _print_notes(business_notes(case, precision, reached, args.lang))
        print(f"\n{_files_written(len(written), out, args.lang)}")
    return 0


def _cmd_afweging(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.scorecard import scorecard_text, write_scorecard_outputs

    out = _output_dir(args.out or Path("out") / f"afweging-{simfin.load(args.null).name}", args)
    case = simfin.business_case(args.null, args.variants, replications=args.replications,
                                seed=args.seed, progress=not args.quiet, pooling=args.pooling)
    written = write_scorecard_outputs(case, out, lang=args.lang,
                                      csv_dialect=args.csv_dialect)
    if not args.quiet:
        print(scorecard_text(case, lang=args.lang))
        print(f"\n{_files_written(len(written), out, args.lang)}")
    return 0


def _with_overrides(scenario, args: argparse.Namespace):
    """The scenario with ``--replications``/``--seed`` applied; a bad value is one line."""
    from pydantic import ValidationError

    from simfin.runner import with_settings

    try:
        return with_settings(scenario, args.replications, args.seed)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        option = "--" + str(err["loc"][-1]) if err["loc"] else "option"
        raise SimfinError(f"{option}: {err['msg'].lower()} (got {err['input']!r})") from None


def _cmd_validate(args: argparse.Namespace) -> int:
    import simfin

    failed = 0
    for path in args.files:
        try:
            scenario = simfin.load(path)
        except SimfinError as exc:
            print(f"simfin: error: {exc}", file=sys.stderr)
            failed += 1
        else:
            print(f"OK {path} ({scenario.name})")
    return EXIT_USER_ERROR if failed else 0


def _cmd_scenarios(args: argparse.Namespace) -> int:
    import simfin

    files = sorted(args.directory.glob("*.toml"))
    if not files:
        raise SimfinError(f"no scenario files (*.toml) in {args.directory}/")
    for path in files:
        try:
            scenario = simfin.load(path)
        except SimfinError as exc:
            print(f"{path.name:<28} INVALID: {exc}")
        else:
            print(f"{path.name:<28} {scenario.description.strip().splitlines()[0]:.70}"
                  if scenario.description.strip() else f"{path.name:<28} {scenario.name}")
    return 0
