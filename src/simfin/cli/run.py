"""``simfin run``: run a scenario and write tables, chart, workbook and summary."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from simfin.cli.options import (
    add_csv_dialect,
    add_force,
    add_lang,
    add_precision,
    files_written,
    non_negative_int,
    positive_int,
    precision,
    with_overrides,
)

__all__ = ["add_parser", "cmd_run"]


def add_parser(sub) -> None:
    run = sub.add_parser("run", help="run a scenario and write tables, chart, workbook, summary")
    run.add_argument("scenario", type=Path, help="scenario file (TOML)")
    run.add_argument("--replications", "-n", type=positive_int, help="override replications")
    run.add_argument("--seed", type=non_negative_int, help="override the seed")
    run.add_argument("--out", type=Path, help="output directory (default: out/<scenario name>)")
    add_lang(run)
    run.add_argument("--ledger", action="store_true", help="also write ledger.csv (large)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    run.add_argument("--workers", "-w", type=positive_int, default=1,
                     help="worker processes for the replications (default 1; same results)")
    add_force(run)
    add_csv_dialect(run)
    add_precision(run, "spending:2%")
    run.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.document_writers import console_text
    from simfin.report.outputs import check_output_dir, run_document, safe_name, write_outputs
    from simfin.cli.files import print_warnings
    from simfin.scenario.size import check_size

    scenario = with_overrides(simfin.load(args.scenario), args)
    check_size(scenario, args.scenario)
    print_warnings(scenario, args.scenario)
    out = args.out or Path("out") / safe_name(scenario.name)
    check_output_dir(out, overwrite=args.force)
    wanted, reached = precision(args), None
    if wanted is not None:
        from simfin.precision import run_precise, run_values

        run_values(wanted.figure)  # an unknown figure is an error before anything runs
        results, reached = run_precise(scenario, wanted, workers=args.workers,
                                       progress=not args.quiet)
    else:
        results = simfin.run(scenario, progress=not args.quiet, workers=args.workers)
    results = replace(results, meta={**results.meta, "scenario_file": str(args.scenario)})
    # one document for the console, samenvatting.md, the workbook and the cost chart; the
    # precision notes are its last section
    doc = run_document(results, args.lang, ledger=args.ledger, precision=wanted,
                       reached=reached)
    written = write_outputs(results, out, overwrite=args.force, csv_dialect=args.csv_dialect,
                            doc=doc)
    if not args.quiet:
        print(console_text(doc))
        print(files_written(len(written), out, args.lang))
    return 0
