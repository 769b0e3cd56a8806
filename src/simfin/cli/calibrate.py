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
    from simfin.report.charts import save_figure
    from simfin.report.command_tables import calibration_table
    from simfin.report.labels import label
    from simfin.report.tables import write_csv, write_tables_workbook

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
    shown = calibration_table(result.comparison, scenario, args.lang)
    write_csv(result.comparison, out / "model_tegen_werkelijkheid.csv", args.csv_dialect)
    extra = _validation(args, result, observed, test, out)
    write_tables_workbook(out / "model_tegen_werkelijkheid.xlsx",
                          [("sheet.calibration", [shown, *extra["tables"]])], args.lang)
    save_figure(_chart(result.comparison, extra["clients"], args.lang),
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
    for table in extra["tables"]:
        print("\n" + table.text())
    print("\n" + extra["dof"].text(args.lang))
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


def _validation(args: argparse.Namespace, result, observed, test, out: Path) -> dict:
    """Client counts against their bands, degrees of freedom and (with --validate-year) the
    out-of-sample prediction on ``test``: tables for console and workbook, CSVs written."""
    from simfin.clients import compare_clients
    from simfin.out_of_sample import degrees_of_freedom, out_of_sample
    from simfin.report.client_tables import clients_table, out_of_sample_table
    from simfin.report.tables import write_csv
    from simfin.runner import run

    scenario = result.scenario
    reps = scenario.calibration.replications
    measures = scenario.calibration.measures
    clients, tables = None, []
    if any(m.targets for m in measures.values()):
        clients = compare_clients(run(scenario, replications=reps))
        write_csv(clients, out / "clienten_model_tegen_werkelijkheid.csv", args.csv_dialect)
        tables.append(clients_table(clients, args.lang))
    if test is not None:
        fit_year = int(observed["year"].iloc[0])
        oos = out_of_sample(scenario, test, fit_year, args.validate_year, reps)
        write_csv(oos, out / "validatie_buiten_de_fit.csv", args.csv_dialect)
        tables.append(out_of_sample_table(oos, args.lang))
    return {"clients": clients, "tables": tables, "dof": degrees_of_freedom(result, clients)}


def _chart(comparison, clients, lang: str):
    """Euros per taakveld, and clients per 1,000 next to them when there are any."""
    import matplotlib.pyplot as plt

    from simfin.report.calibrate_chart import plot_comparison
    from simfin.report.client_tables import plot_clients

    if clients is None or clients.empty:
        return plot_comparison(comparison, lang=lang).figure
    fig, (left, right) = plt.subplots(1, 2, figsize=(28 / 2.54, 13 / 2.54))
    plot_comparison(comparison, ax=left, lang=lang)
    plot_clients(clients, right, lang)
    fig.tight_layout()
    return fig
