"""What the commands share: argument types, common options, the output directory check, notes."""

from __future__ import annotations

import argparse
from pathlib import Path

from simfin.errors import SimfinError

__all__ = ["add_case_arguments", "add_csv_dialect", "add_force", "add_lang", "add_precision",
           "files_written", "non_negative_int", "output_dir", "positive_int", "precision",
           "print_notes", "probability", "document_outputs", "with_overrides", "written"]


def positive_int(text: str) -> int:
    value = non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return value


def probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected a probability in [0, 1), got {text!r}")
    return value


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("nl", "en"), default="nl",
                        help="language of console output, tables, charts and workbook "
                        "(default nl: Dutch labels, nl-NL numbers)")


def add_csv_dialect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--csv-dialect", choices=("intl", "nl"), default="intl",
                        help="CSV files: intl (default; ',' and decimal point, for pandas/R) "
                        "or nl (';', decimal comma and a byte-order mark: opens correctly "
                        "in Dutch Excel)")


def add_common_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--common-scope", action="store_true", help="scenarios of different "
                        "scope (streams, entitlements, budget lines, taakvelden) are refused; "
                        "with this option only the scope they share is compared, and said so")


def add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace simfin's files in an existing non-empty output directory")


def add_case_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """The arguments of a command that runs a business case (``business``, ``afweging``)."""
    parser.add_argument("null", type=Path, help="the nulalternatief (scenario file)")
    parser.add_argument("variants", type=Path, nargs="+", help="variant scenario files")
    parser.add_argument("--replications", "-n", type=positive_int,
                        help="override replications (same for every scenario)")
    parser.add_argument("--seed", type=non_negative_int, help="override the seed")
    parser.add_argument("--pooling", choices=("norm", "equal_fte"), default="norm",
                        help="drivers: price queue pooling at equal service level with a "
                        "staffing search when the team forms differ (norm, default), or only "
                        "at equal FTE (equal_fte: no search)")
    parser.add_argument("--out", type=Path, help="output directory (default: "
                        f"out/{command}-<nulalternatief name>)")
    add_lang(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")


def add_precision(parser: argparse.ArgumentParser, example: str) -> None:
    example = example.replace("%", "%%")  # argparse expands % in help texts
    parser.add_argument("--precision", metavar="FIGURE:TARGET", help="add replications in "
                        "batches until the 95%% interval of a headline figure has at most this "
                        f"half-width, absolute or in %% of the mean (e.g. {example}); see "
                        "docs/decision-analytics.md for the figures")
    parser.add_argument("--batch", type=positive_int, default=10,
                        help="with --precision: replications added per batch (default 10)")
    parser.add_argument("--max-replications", type=positive_int, default=200,
                        help="with --precision: upper bound on the replications (default 200)")


def precision(args: argparse.Namespace):
    """The :class:`~simfin.precision.Precision` of ``--precision``, or None."""
    from simfin.precision import Precision

    if not args.precision:
        return None
    return Precision.parse(args.precision, args.batch, args.max_replications)


def print_notes(notes: list[str]) -> None:
    if notes:
        print("\n" + "\n".join(notes))


def output_dir(out: Path, args: argparse.Namespace) -> Path:
    """``out``, after checking that it may receive outputs (before anything is computed)."""
    from simfin.report.outputs import check_output_dir

    check_output_dir(out, overwrite=args.force)
    return out


def files_written(count: int, out: Path, lang: str) -> str:
    return (f"{count} bestanden geschreven naar {out}/" if lang == "nl"
            else f"{count} files written to {out}/")


def written(lang: str) -> str:
    return "geschreven naar" if lang == "nl" else "written to"


def document_outputs(args: argparse.Namespace, doc) -> None:
    """Print ``doc`` (:class:`simfin.report.model.Document`); with ``--out`` also write its
    files (tidy CSV in ``--csv-dialect``, the workbook, charts)."""
    from simfin.report.document_writers import console_text, write_document

    if args.out:
        write_document(doc, args.out, args.csv_dialect)
    print(console_text(doc), end="")
    if args.out:
        print(f"\n{written(args.lang)} {args.out}/")


def with_overrides(scenario, args: argparse.Namespace):
    """The scenario with ``--replications``/``--seed`` applied; a bad value is one line."""
    from pydantic import ValidationError

    from simfin.runner import with_settings

    try:
        return with_settings(scenario, args.replications, args.seed)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        option = "--" + str(err["loc"][-1]) if err["loc"] else "option"
        raise SimfinError(f"{option}: {err['msg'].lower()} (got {err['input']!r})") from None
