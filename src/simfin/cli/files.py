"""``simfin validate`` and ``simfin scenarios``: check and list scenario files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simfin.errors import SimfinError

__all__ = ["EXIT_USER_ERROR", "add_scenarios_parser", "add_validate_parser", "cmd_scenarios",
           "cmd_validate", "print_warnings"]

EXIT_USER_ERROR = 2


def add_validate_parser(sub) -> None:
    validate = sub.add_parser("validate", help="check scenario files against the schema")
    validate.add_argument("files", type=Path, nargs="+")
    validate.set_defaults(handler=cmd_validate)


def add_scenarios_parser(sub) -> None:
    scen = sub.add_parser("scenarios", help="list the scenario files in a directory")
    scen.add_argument("directory", type=Path, nargs="?", default=Path("scenarios"))
    scen.set_defaults(handler=cmd_scenarios)


def cmd_validate(args: argparse.Namespace) -> int:
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
            print_warnings(scenario, path)
    return EXIT_USER_ERROR if failed else 0


def print_warnings(scenario, path) -> None:
    """Print the plausibility warnings of ``scenario`` (one line each, to stderr); they
    never change the exit code (:mod:`simfin.scenario.plausible`)."""
    from simfin.scenario.plausible import plausibility_warnings

    for warning in plausibility_warnings(scenario):
        print(f"simfin: warning: {path}: {warning}", file=sys.stderr)


def cmd_scenarios(args: argparse.Namespace) -> int:
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
