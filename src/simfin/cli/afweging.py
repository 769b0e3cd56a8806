"""``simfin afweging``: variants side by side on the afwegingskader."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin.cli.options import (
    add_case_arguments,
    add_csv_dialect,
    add_force,
    files_written,
    output_dir,
)

__all__ = ["add_parser", "cmd_afweging"]


def add_parser(sub) -> None:
    afweging = sub.add_parser("afweging", help="variants side by side on the afwegingskader "
                              "(computed criteria with intervals, scores with bandbreedtes)")
    add_case_arguments(afweging, "afweging")
    afweging.add_argument("--raadsbijlage", action="store_true", help="also write "
                          "raadsbijlage.docx: conclusion, headline figures of every option, "
                          "the afwegingskader chart, the scores with their notes")
    add_force(afweging)
    add_csv_dialect(afweging)
    afweging.set_defaults(handler=cmd_afweging)


def cmd_afweging(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.scorecard import scorecard_text, write_scorecard_outputs

    out = output_dir(args.out or Path("out") / f"afweging-{simfin.load(args.null).name}", args)
    case = simfin.business_case(args.null, args.variants, replications=args.replications,
                                seed=args.seed, progress=not args.quiet, pooling=args.pooling)
    written = write_scorecard_outputs(case, out, lang=args.lang,
                                      csv_dialect=args.csv_dialect)
    if args.raadsbijlage:
        from simfin.report.afweging_bijlage import write_afweging_bijlage

        written.append(write_afweging_bijlage(case, out / "raadsbijlage.docx", args.lang))
    if not args.quiet:
        print(scorecard_text(case, lang=args.lang))
        print(f"\n{files_written(len(written), out, args.lang)}")
    return 0
