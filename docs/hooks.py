"""MkDocs hook: fill generated sections from the code at build time.

``<!-- simfin:scenario-reference -->`` becomes the scenario file reference generated from
the pydantic schema; ``<!-- simfin:module-doc package.module -->`` becomes that module's
docstring; ``<!-- simfin:taakvelden -->`` the Iv3 code set with its roll-up;
``<!-- simfin:inhabitants NAME -->`` the total inhabitants of ``scenarios/NAME.toml``. Nothing in the docs is copied by hand from the code.
"""

from __future__ import annotations

import importlib
import re

_MODULE_DOC = re.compile(r"<!-- simfin:module-doc ([\w.]+) -->")
_INHABITANTS = re.compile(r"<!-- simfin:inhabitants ([\w.-]+) -->")


def on_page_markdown(markdown, page, config, files):  # noqa: ARG001 - mkdocs hook signature
    if "<!-- simfin:scenario-reference -->" in markdown:
        from simfin.scenario.reference import schema_markdown

        markdown = markdown.replace("<!-- simfin:scenario-reference -->", schema_markdown())
    if "<!-- simfin:taakvelden -->" in markdown:
        markdown = markdown.replace("<!-- simfin:taakvelden -->", _taakvelden_table())
    if "<!-- simfin:validation-bbs -->" in markdown:
        markdown = markdown.replace("<!-- simfin:validation-bbs -->", _validation_table())
    if "<!-- simfin:validation-clients -->" in markdown:
        markdown = markdown.replace("<!-- simfin:validation-clients -->", _clients_table())
    if "<!-- simfin:validation-oos -->" in markdown:
        markdown = markdown.replace("<!-- simfin:validation-oos -->", _oos_table())
    markdown = _INHABITANTS.sub(_inhabitants, markdown)
    return _MODULE_DOC.sub(_module_doc, markdown)


def _inhabitants(match: re.Match) -> str:
    """The total inhabitants of ``scenarios/<name>.toml``, so prose cannot go stale."""
    from pathlib import Path

    import simfin

    scenario = simfin.load(Path(__file__).resolve().parents[1] / "scenarios"
                           / f"{match.group(1)}.toml")
    return f"{sum(m.inhabitants for m in scenario.municipalities.values()):,}"


def _taakvelden_table() -> str:
    """Every code a scenario may carry, with its name and the main code it rolls up to."""
    from simfin.scenario.taakvelden import CODES, main_taakveld, taakveld_label

    lines = ["| code | naam | name | telt mee in (roll-up) |", "|---|---|---|---|"]
    for code in CODES:
        nl, en = (taakveld_label(code, lang).split(" ", 1)[1] for lang in ("nl", "en"))
        main = main_taakveld(code)
        lines.append(f"| {code} | {nl} | {en} | {'' if main == code else main} |")
    return "\n".join(lines)


def _validation_table() -> str:
    """Model against observed for the shipped calibrated BBS scenario, run at build time."""
    from pathlib import Path

    import simfin
    from simfin.calibrate import compare_observed, read_observed
    from simfin.report.format import format_eur, format_share
    from simfin.scenario.taakvelden import taakveld_label

    root = Path(__file__).resolve().parents[1]
    scenario = simfin.load(root / "scenarios" / "bbs-95k-gekalibreerd.toml").with_changes(
        {"simulation.horizon_years": 1})
    observed = read_observed(root / "data" / "observed" / "bbs-lasten.csv", 2023)
    table = compare_observed(scenario, observed, replications=3)
    lines = ["| gemeente | taakveld | werkelijk 2023 | model (gemiddelde) | 90%-interval | verschil |",
             "|---|---|---:|---:|---:|---:|"]
    for r in table.itertuples():
        lines.append(f"| {r.municipality} | {taakveld_label(r.taakveld)} | "
                     f"{format_eur(r.observed)} | {format_eur(r.model_mean)} | "
                     f"{format_eur(r.model_p05)} – {format_eur(r.model_p95)} | "
                     f"{format_share(r.difference, 1)} |")
    return "\n".join(lines)


def _clients_table() -> str:
    """Client counts of the shipped calibrated BBS scenario against their bands."""
    from pathlib import Path

    import simfin
    from simfin.clients import compare_clients
    from simfin.report.format import format_number

    root = Path(__file__).resolve().parents[1]
    scenario = simfin.load(root / "scenarios" / "bbs-95k-gekalibreerd.toml").with_changes(
        {"simulation.horizon_years": 1})
    table = compare_clients(simfin.run(scenario, replications=3))
    lines = ["| gemeente | maat | per 1.000 | waarde | band | soort | model | binnen | bron |",
             "|---|---|---|---:|---:|---|---:|---|---|"]
    for r in table.itertuples():
        lines.append(f"| {r.municipality} | {r.label} | {r.per} | {format_number(r.observed, 1)} "
                     f"| {format_number(r.band_low, 1)} – {format_number(r.band_high, 1)} | "
                     f"{'eigen cijfer' if r.kind == 'own' else r.kind} | "
                     f"{format_number(r.model_mean, 1)} | "
                     f"{'ja' if r.within_band else 'nee'} | {r.source} |")
    return "\n".join(lines)


def _oos_table() -> str:
    """Out of sample: fitted on the jaarrekening 2023, predicting the begroting 2024."""
    from pathlib import Path

    import simfin
    from simfin.calibrate import read_observed
    from simfin.out_of_sample import out_of_sample, summary_by_municipality
    from simfin.report.format import format_eur, format_share

    root = Path(__file__).resolve().parents[1]
    scenario = simfin.load(root / "scenarios" / "bbs-95k-gekalibreerd.toml").with_changes(
        {"simulation.horizon_years": 1})
    observed = read_observed(root / "data" / "observed" / "bbs-lasten.csv", 2024)
    table = summary_by_municipality(out_of_sample(scenario, observed, 2023, 2024, 2))
    lines = ["| gemeente | begroting 2024, taakveld 6 zonder 0.4 | model 2028 | verschil |",
             "|---|---:|---:|---:|"]
    for r in table.itertuples():
        lines.append(f"| {r.municipality} | {format_eur(r.observed)} | "
                     f"{format_eur(r.model_mean)} | {format_share(r.difference, 1)} |")
    return "\n".join(lines)


def _module_doc(match: re.Match) -> str:
    module = importlib.import_module(match.group(1))
    return "```text\n" + (module.__doc__ or "").strip() + "\n```"
