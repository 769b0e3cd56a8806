"""``simfin staffing``: the minimum FTE per team that meets the intake norm."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin.cli.options import (
    add_csv_dialect,
    add_force,
    add_lang,
    output_dir,
    positive_int,
    document_outputs,
)
from simfin.errors import SimfinError

__all__ = ["add_parser", "cmd_staffing"]


def add_parser(sub) -> None:
    staffing = sub.add_parser("staffing", help="minimum FTE per team that meets the intake norm")
    staffing.add_argument("scenario", type=Path, help="scenario file (TOML)")
    staffing.add_argument("--target", type=float, default=0.95,
                          help="share of intakes within the norm (default 0.95)")
    staffing.add_argument("--confidence", type=float, default=0.9,
                          help="share of replications that must meet the target (default 0.9)")
    staffing.add_argument("--replications", "-n", type=positive_int, default=20)
    staffing.add_argument("--out", type=Path, help="write staffing.csv and the workbook "
                          "formatie.xlsx (staffing.xlsx) into this directory")
    add_lang(staffing)
    add_force(staffing)
    add_csv_dialect(staffing)
    staffing.set_defaults(handler=cmd_staffing)


def cmd_staffing(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.build_scale import build_staffing
    from simfin.staffing import staff_to_norm

    if not (0 < args.target <= 1 and 0 < args.confidence <= 1):
        raise SimfinError("expected 0 < --target <= 1 and 0 < --confidence <= 1")
    scenario = simfin.load(args.scenario)
    if args.out:
        output_dir(args.out, args)
    answer = staff_to_norm(scenario, args.target, args.confidence, args.replications)
    document_outputs(args, build_staffing(answer, args.lang))
    return 0
