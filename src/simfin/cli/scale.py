"""``simfin scale`` and ``simfin organisations``: cost, waiting and vulnerability across sizes."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin import __version__
from simfin.cli.options import (
    add_common_scope,
    add_csv_dialect,
    add_force,
    add_lang,
    non_negative_int,
    output_dir,
    positive_int,
    document_outputs,
    written,
)
from simfin.errors import SimfinError

__all__ = ["add_organisations_parser", "add_parser", "cmd_organisations", "cmd_scale"]


def add_parser(sub) -> None:
    scale = sub.add_parser("scale", help="cost, waiting and vulnerability across population sizes")
    scale.add_argument("scenario", type=Path, help="scenario file (TOML)")
    scale.add_argument("--from", dest="start", type=positive_int, default=20_000)
    scale.add_argument("--to", dest="stop", type=positive_int, default=200_000)
    scale.add_argument("--points", type=positive_int, default=8, help="sizes between (geometric)")
    scale.add_argument("--replications", "-n", type=positive_int, default=5)
    scale.add_argument("--seed", type=non_negative_int)
    scale.add_argument("--staffing", choices=("proportional", "norm"), default="proportional")
    scale.add_argument("--out", type=Path, help="output directory (default: out/<name>-schaal)")
    add_lang(scale)
    add_force(scale)
    add_csv_dialect(scale)
    scale.set_defaults(handler=cmd_scale)


def add_organisations_parser(sub) -> None:
    orgs = sub.add_parser("organisations", help="scale figures of whole scenarios side by side")
    orgs.add_argument("scenarios", type=Path, nargs="+", help="scenario files (TOML)")
    orgs.add_argument("--replications", "-n", type=positive_int, default=10)
    orgs.add_argument("--seed", type=non_negative_int)
    orgs.add_argument("--out", type=Path, help="write organisations.csv and the workbook "
                      "organisaties.xlsx (organisations.xlsx) into this directory")
    add_lang(orgs)
    add_force(orgs)
    add_csv_dialect(orgs)
    add_common_scope(orgs)
    orgs.set_defaults(handler=cmd_organisations)


def cmd_scale(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.build_scale import build_scale
    from simfin.report.document_writers import console_text, write_document
    from simfin.report.style import footnote_line
    from simfin.scale import default_populations, scale_sweep

    if args.stop <= args.start:
        raise SimfinError(f"expected --to above --from, got {args.start} and {args.stop}")
    scenario = simfin.load(args.scenario)
    out = output_dir(args.out or Path("out") / f"{scenario.name}-schaal", args)
    sweep = scale_sweep(scenario, default_populations(args.start, args.stop, args.points),
                        replications=args.replications, seed=args.seed,
                        staffing=args.staffing, progress=False)
    seed = scenario.simulation.seed if args.seed is None else args.seed
    note = footnote_line(scenario.name, __version__, args.replications, seed, args.lang)
    # one content for console, CSV, xlsx and chart
    doc = build_scale(sweep, scenario, args.lang, args.replications, seed, footnote=note)
    write_document(doc, out, args.csv_dialect)
    print(console_text(doc), end="")  # a column per population size
    print(f"\n{written(args.lang)} {out}/")
    return 0


def cmd_organisations(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report.build_scale import build_organisations
    from simfin.scale import compare_organisations

    scenarios = [simfin.load(path) for path in args.scenarios]
    if args.out:
        output_dir(args.out, args)
    table = compare_organisations(scenarios, replications=args.replications, seed=args.seed,
                                  common_scope=args.common_scope)
    document_outputs(args, build_organisations(table, scenarios, args.lang, args.replications,
                                               args.seed))
    return 0
