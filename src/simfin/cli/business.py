"""``simfin business``: variants against a nulalternatief (NPV, payback, ceiling, workbook)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from simfin.cli.options import (
    add_case_arguments,
    add_csv_dialect,
    add_force,
    add_precision,
    files_written,
    non_negative_int,
    output_dir,
    precision,
    print_notes,
)

__all__ = ["add_parser", "cmd_business"]


def add_parser(sub) -> None:
    business = sub.add_parser("business", help="business case: variants against a "
                              "nulalternatief (NPV, payback, ceiling, workbook)")
    add_case_arguments(business, "business")
    business.add_argument("--raadsbijlage", action="store_true", help="also write "
                          "raadsbijlage.docx: question, variants, headline table, charts, "
                          "assumptions with sources, what the model does not cover")
    add_force(business)
    add_csv_dialect(business)
    add_precision(business, "npv:500000")
    business.add_argument("--omslagpunten", type=non_negative_int, default=10, metavar="N",
                          help="replications of the search for switching values (omslagpunten; "
                          "at most --replications, the first ones; default 10; 0: no search)")
    business.add_argument("--voi", action="store_true", help="also the value of information "
                          "(EVPI, EVPPI) on this business case, every replication one sample of "
                          "the ranges; written to <out>/waarde-van-informatie")
    business.set_defaults(handler=cmd_business)


def cmd_business(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.business_outputs import business_console, write_business_outputs

    out = output_dir(args.out or Path("out") / f"business-{simfin.load(args.null).name}", args)
    wanted, reached = precision(args), None
    if wanted is not None:
        from simfin.precision import business_values, reached_dict
        from simfin.precision import business_precise

        business_values(wanted.figure)  # an unknown figure is an error before running
        case, reached = business_precise(args.null, args.variants, wanted, seed=args.seed,
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
    voi = None
    if args.voi:
        from simfin.uncertainty.voi_business import business_voi
        from simfin.report.voi import voi_sentences, write_voi_outputs

        from simfin.report.omslagpunten import item_labels

        voi = business_voi(case, labels=item_labels(case, args.lang))
        written += write_voi_outputs(voi, out / "waarde-van-informatie", lang=args.lang)
    if not args.quiet:
        from simfin.report.precision_notes import business_notes

        print(business_console(case, lang=args.lang))
        if voi is not None:
            print("\n" + "\n".join(voi_sentences(voi, args.lang)))
        print_notes(business_notes(case, wanted, reached, args.lang))
        print(f"\n{files_written(len(written), out, args.lang)}")
    return 0
