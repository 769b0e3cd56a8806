"""Command line: ``simfin run | validate | scenarios``.

User errors (a wrong scenario file, a bad option) print one line and exit with code 2;
``--debug`` shows the traceback instead. ``run`` never writes into an existing non-empty
output directory without ``--force``, and checks that before simulating anything.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
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
    run.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of outputs")
    run.add_argument("--ledger", action="store_true", help="also write ledger.csv (large)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    run.add_argument("--force", action="store_true",
                     help="replace simfin's files in an existing non-empty output directory")
    run.set_defaults(handler=_cmd_run)

    validate = sub.add_parser("validate", help="check scenario files against the schema")
    validate.add_argument("files", type=Path, nargs="+")
    validate.set_defaults(handler=_cmd_validate)

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


def _cmd_run(args: argparse.Namespace) -> int:
    import simfin
    from simfin.report import console_table
    from simfin.report.outputs import check_output_dir, safe_name, write_outputs
    from simfin.scenario.size import check_size

    scenario = _with_overrides(simfin.load(args.scenario), args)
    check_size(scenario, args.scenario)
    out = args.out or Path("out") / safe_name(scenario.name)
    check_output_dir(out, overwrite=args.force)
    results = simfin.run(scenario, progress=not args.quiet)
    written = write_outputs(results, out, lang=args.lang, ledger=args.ledger,
                            overwrite=args.force)
    if not args.quiet:
        print(console_table(results, lang=args.lang))
        print(f"\n{len(written)} files written to {out}/")
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
