"""Command line: ``simfin run | compare | business | afweging | scale | organisations | staffing | calibrate | sweep
| validate | scenarios``.

User errors (a wrong scenario file, a bad option) print one line and exit with code 2;
``--debug`` shows the traceback instead. ``run``, ``compare``, ``business``, ``scale`` and
``organisations`` never write into an existing non-empty output directory without
``--force``, and check that (and that it is writable) before simulating anything; ``sweep``
refuses a directory that already holds a sweep unless ``--resume`` continues it, and a
non-empty one without a sweep unless ``--force``.

One module per command (:mod:`simfin.cli.run`, ``compare``, ``business``, ``afweging``,
``scale`` (with ``organisations``), ``staffing``, ``calibrate``, ``files`` (``validate``,
``scenarios``)); what they share lives in :mod:`simfin.cli.options`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from simfin import __version__
from simfin.cli import afweging, business, calibrate, compare, files, run, scale, staffing
from simfin.cli.files import EXIT_USER_ERROR
from simfin.cli.options import add_csv_dialect, positive_int, probability
from simfin.errors import SimfinError

__all__ = ["main"]


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
    run.add_parser(sub)
    compare.add_parser(sub)
    business.add_parser(sub)
    afweging.add_parser(sub)
    files.add_validate_parser(sub)
    scale.add_parser(sub)
    scale.add_organisations_parser(sub)
    staffing.add_parser(sub)
    calibrate.add_parser(sub)

    from simfin.cli.sweep import add_sweep_command

    add_sweep_command(sub, positive_int, probability, add_csv_dialect)
    files.add_scenarios_parser(sub)
    return parser
