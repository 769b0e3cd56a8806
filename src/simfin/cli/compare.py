"""``simfin compare``: scenarios side by side with common random numbers."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin.cli.options import (
    add_common_scope,
    add_csv_dialect,
    add_force,
    add_lang,
    add_precision,
    files_written,
    non_negative_int,
    output_dir,
    positive_int,
    precision,
    print_notes,
)

__all__ = ["add_parser", "cmd_compare"]


def add_parser(sub) -> None:
    comp = sub.add_parser("compare", help="compare scenarios side by side (same seed: "
                          "common random numbers); print the table, write CSV and chart")
    comp.add_argument("scenarios", type=Path, nargs="+", help="scenario files (TOML)")
    comp.add_argument("--replications", "-n", type=positive_int,
                      help="replications for every scenario (default: the first file's)")
    comp.add_argument("--seed", type=non_negative_int,
                      help="one seed for every scenario (default: the first file's)")
    comp.add_argument("--out", type=Path, help="output directory (default: out/vergelijking)")
    add_lang(comp)
    comp.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    add_force(comp)
    add_csv_dialect(comp)
    add_common_scope(comp)
    add_precision(comp, "spending_eur:2%")
    comp.set_defaults(handler=cmd_compare)


def cmd_compare(args: argparse.Namespace) -> int:
    import simfin

    scenarios = [simfin.load(path) for path in args.scenarios]
    out = output_dir(args.out or Path("out") / "vergelijking", args)
    wanted, reached = precision(args), None
    if wanted is not None:
        from simfin.precision import compare_values
        from simfin.precision import compare_precise

        compare_values(wanted.figure)  # an unknown figure is an error before anything runs
        comparison, reached = compare_precise(scenarios, wanted, seed=args.seed,
                                              progress=not args.quiet,
                                              start=args.replications,
                                              common_scope=args.common_scope)
    else:
        comparison = simfin.compare(scenarios, replications=args.replications, seed=args.seed,
                                    progress=not args.quiet, common_scope=args.common_scope)
    from simfin.report.build_compare import build_compare
    from simfin.report.document_writers import console_text, write_document

    doc = build_compare(comparison, args.lang)  # one content for console, CSV, xlsx and chart
    written = write_document(doc, out, args.csv_dialect)
    if not args.quiet:
        from simfin.report.precision_notes import compare_notes

        print(console_text(doc))
        print_notes(compare_notes(comparison, wanted, reached, args.lang))
        print(files_written(len(written), out, args.lang))
    return 0
