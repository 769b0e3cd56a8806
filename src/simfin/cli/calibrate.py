"""``simfin calibrate``: fit local factors to observed lasten per taakveld."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin.cli.options import (
    add_csv_dialect,
    add_force,
    add_lang,
    output_dir,
    positive_int,
    written,
)
from simfin.errors import SimfinError

__all__ = ["add_parser", "cmd_calibrate"]


def add_parser(sub) -> None:
    cal = sub.add_parser("calibrate", help="fit local factors to observed lasten per taakveld")
    cal.add_argument("scenario", type=Path, help="scenario file (TOML) with [calibration]")
    cal.add_argument("--observed", type=Path, required=True,
                     help="tidy CSV of observed lasten (e.g. data/observed/bbs-lasten.csv)")
    cal.add_argument("--year", type=positive_int, help="observed year (default: latest accounts)")
    cal.add_argument("--validate-year", type=positive_int, help="a second data year of "
                     "--observed to predict with the fitted scenario (out of sample), e.g. "
                     "2024 after fitting on 2023")
    cal.add_argument("--out", type=Path, help="output directory (default out/<name>-kalibratie)")
    add_lang(cal)
    add_force(cal)
    add_csv_dialect(cal)
    cal.set_defaults(handler=cmd_calibrate)


def cmd_calibrate(args: argparse.Namespace) -> int:
    import os

    import simfin
    from simfin.atomic import atomic_write
    from simfin.calibrate import calibrate, read_observed
    from simfin.report.build_calibrate import build_calibrate
    from simfin.report.document_writers import console_text, write_document

    scenario = simfin.load(args.scenario)
    if scenario.calibration is None or not scenario.calibration.parameters:
        raise SimfinError(f"{args.scenario}: calibration.parameters: expected at least one "
                          "calibratable parameter (see docs/calibration.md)")
    observed = read_observed(args.observed, args.year, set(scenario.municipalities))
    test = _validation_rows(args, observed, set(scenario.municipalities))  # before fitting
    out = output_dir(args.out or Path("out") / f"{scenario.name}-kalibratie", args)
    result = calibrate(scenario, observed)
    calibrated = out / f"{scenario.name}-gekalibreerd.toml"
    base, home = Path(args.scenario).resolve(), out.resolve()
    # the loader follows ``extends`` only inside the file's folder, else by absolute path
    text = result.to_toml(os.path.relpath(base, home) if base.is_relative_to(home) else base)
    atomic_write(calibrated, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    extra = _validation(args, result, observed, test)
    # one content for console, CSV, xlsx and chart
    doc = build_calibrate(result, scenario, args.lang, extra["clients"], extra["oos"],
                          extra["dof"])
    write_document(doc, out, args.csv_dialect)
    print(console_text(doc), end="")
    print(f"\n{written(args.lang)} {out}/")
    return 0


def _validation_rows(args: argparse.Namespace, observed, municipalities: set[str]):
    """The observed rows of ``--validate-year`` (None without it), read and checked before
    anything is fitted."""
    from simfin.calibrate import read_observed

    if args.validate_year is None:
        return None
    fit_year = int(observed["year"].iloc[0])
    if args.validate_year == fit_year:
        raise SimfinError(f"--validate-year: expected a year other than the fitted {fit_year}")
    return read_observed(args.observed, args.validate_year, municipalities)


def _validation(args: argparse.Namespace, result, observed, test) -> dict:
    """Client counts against their bands, the out-of-sample prediction on ``test`` (with
    --validate-year) and the degrees of freedom: frames for the calibrate document."""
    from simfin.clients import compare_clients
    from simfin.out_of_sample import degrees_of_freedom, out_of_sample
    from simfin.runner import run

    scenario = result.scenario
    reps = scenario.calibration.replications
    measures = scenario.calibration.measures
    clients = oos = None
    if any(m.targets for m in measures.values()):
        clients = compare_clients(run(scenario, replications=reps))
    if test is not None:
        fit_year = int(observed["year"].iloc[0])
        oos = out_of_sample(scenario, test, fit_year, args.validate_year, reps)
    return {"clients": clients, "oos": oos, "dof": degrees_of_freedom(result, clients)}
