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
    from simfin.report.calibrate_chart import plot_comparison
    from simfin.report.charts import save_figure
    from simfin.report.command_tables import calibration_table
    from simfin.report.labels import label
    from simfin.report.tables import write_csv, write_tables_workbook

    scenario = simfin.load(args.scenario)
    if scenario.calibration is None or not scenario.calibration.parameters:
        raise SimfinError(f"{args.scenario}: calibration.parameters: expected at least one "
                          "calibratable parameter (see docs/calibration.md)")
    observed = read_observed(args.observed, args.year)
    out = output_dir(args.out or Path("out") / f"{scenario.name}-kalibratie", args)
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
    print(f"\n{written(args.lang)} {out}/")
    return 0
