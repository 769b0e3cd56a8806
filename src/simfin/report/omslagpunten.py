"""Switching values (omslagpunten) and the evidence register for the council and controllers.

* :func:`deciding_lines`: the sentences that open the console and the documents: the
  conclusion in one sentence, then the deciding assumptions (most euros resting on them
  first) with their class, source and switching values;
* :func:`add_evidence_sheets`: the workbook sheets ``Omslagpunten`` (one row per assumption:
  Dutch name, class, assumed value, switching value, share of the assumed value, source)
  and ``Bewijsregister`` (every numeric parameter with its class and range).

Texts are Dutch by default, English with ``lang="en"``. Shares are of the assumed change
against the nulalternatief (100 % = as assumed, 0 % = no change).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from simfin.business.evidence import CLASSES
from simfin.report.format import format_eur, format_number, format_share
from simfin.report.labels import label
from simfin.report.labels.parameters import parameter_label
from simfin.report.plural import count_text
from simfin.report.tables import scenario_labels

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["SHEETS", "add_deciding_section", "evidence_card_section", "item_labels",
           "with_assumption_column", "add_evidence_sheets", "council_source",
           "deciding_lines", "lever_name", "omslag_table"]

SHEETS = {"omslag": {"nl": "Omslagpunten", "en": "Switching values"},
          "register": {"nl": "Bewijsregister", "en": "Evidence register"}}
_CLASS_EN = {"sourced": "sourced", "derived": "derived", "assumption": "assumption"}
_TEXT = {
    "nl": {
        "title": "Wat waar moet zijn (omslagpunten, {reps}, zelfde trekkingen)",
        "npv": "NCW = 0", "structural": "structureel saldo = 0",
        "at": "bij {share} van de aanname", "value": "(waarde {value})",
        "none": "geen omslag binnen de bandbreedte", "no_effect": "geen invloed",
        "outside": "geen omslag binnen de bandbreedte (pas bij {share} van de aanname)",
        "yes": "ja", "no": "nee",
        "rests": "{eur} van de NCW rust hierop",
        "win": "{name} verdient zich bij de aannames terug (NCW {npv}).",
        "lose": "{name} verdient zich bij de aannames niet terug (NCW {npv}).",
        "ci": "95%-interval {lo} – {hi}",
        "cols": ["Variant", "Aanname", "Soort", "Aangenomen waarde", "Omslagpunt NCW",
                 "Aandeel van de aanname (NCW)", "Binnen bandbreedte (NCW)",
                 "Omslagpunt structureel saldo", "Aandeel van de aanname (structureel)",
                 "Binnen bandbreedte (structureel)", "NCW die op de aanname rust (€)",
                 "Uitkomst", "Bron"],
        "reg_cols": ["Variant", "Parameter", "Waarde", "Eenheid", "Soort", "Laag", "Hoog",
                     "Bron", "Pad in scenariobestand"]},
    "en": {
        "title": "What must be true (switching values, {reps}, same draws)",
        "npv": "NPV = 0", "structural": "structural balance = 0",
        "at": "at {share} of the assumption", "value": "(value {value})",
        "none": "no switch inside the range", "no_effect": "no effect",
        "outside": "no switch inside the range (only at {share} of the assumption)",
        "yes": "yes", "no": "no",
        "rests": "{eur} of the NPV rests on it",
        "win": "{name} pays back under the assumptions (NPV {npv}).",
        "lose": "{name} does not pay back under the assumptions (NPV {npv}).",
        "ci": "95% interval {lo} – {hi}",
        "cols": ["Variant", "Assumption", "Class", "Assumed value", "Switching value NPV",
                 "Share of the assumption (NPV)", "Inside the range (NPV)",
                 "Switching value structural balance", "Share of the assumption (structural)",
                 "Inside the range (structural)", "NPV resting on the assumption (€)",
                 "Outcome", "Source"],
        "reg_cols": ["Variant", "Parameter", "Value", "Unit", "Class", "Low", "High",
                     "Source", "Path in the scenario file"]}}


def _class(klass: str, lang: str) -> str:
    return CLASSES[klass] if lang == "nl" else _CLASS_EN[klass]


_FIELDS = {"nl": {"resolved_0e_share": "opgelost in het voorveld",
                 "referral": "aandeel verwijzing 2e lijn", "referral_multiplier":
                 "verwijsgedrag (factor)", "reduction": "minder zware hulp (aandeel)",
                 "amount_eur_per_year": "bedrag per jaar", "amount_eur": "bedrag"},
           "en": {"resolved_0e_share": "resolved in the voorveld",
                  "referral": "share referred to specialist care", "referral_multiplier":
                  "referral behaviour (factor)", "reduction": "less heavy care (share)",
                  "amount_eur_per_year": "amount per year", "amount_eur": "amount"}}
_STREAMS = {"jeugd": "Jeugd", "wmo": "Wmo"}


def lever_name(row, lang: str = "nl") -> str:
    """Display name of a lever: the mechanism's or item category's label, the ``dist``
    table's label, or a Dutch name built from the field (never a code path)."""
    if row.mechanism == "items" and row.category:
        return label(row.category, lang)
    if row.lever == row.mechanism:
        return label(f"drivers.m.{row.mechanism}", lang)
    if row.label != row.lever:
        return row.label
    parts = row.lever.split(".")
    if parts[-1] not in _FIELDS[lang] and len(parts) > 1:
        # any other parameter by its Dutch name ("Aanbieder ...: bekostiging, duurfactor")
        return parameter_label(row.lever, lang)
    field = _FIELDS[lang].get(parts[-1], parts[-1].replace("_", " "))
    stream = next((_STREAMS[p] for p in parts if p in _STREAMS), "")
    return f"{stream}: {field}" if stream else field[:1].upper() + field[1:]


def council_source(source: str, klass: str, lang: str = "nl") -> str:
    """The source of a lever for a council document: its class in words and the public
    addresses its comment cites (never the comment's own wording)."""
    urls = list(dict.fromkeys(re.findall(r"https?://[^\s,;)]+", source)))
    # a CBS table cited by its id only (e.g. "CBS StatLine 03759ned") has no address
    tables = [f"CBS {t}" for t in dict.fromkeys(re.findall(r"\b\d{5}[A-Za-z]{3}\b", source))
              if not any(t.lower() in u.lower() for u in urls)]
    status = _class(klass, lang)
    if "not found" in source.lower():
        status = "niet gevonden, aanname" if lang == "nl" else "not found, assumption"
    cited = [u.rstrip(".") for u in urls[:3]] + tables[:2]
    return f"{status}; {', '.join(cited)}" if cited else status


def _value(x: float, path: str = "") -> str:
    """A parameter value: euros for a money field, else a number (3 decimals below 1000)."""
    if not math.isfinite(x):
        return ""
    if "_eur" in path.rsplit(".", 1)[-1]:
        return format_eur(x)
    return format_number(x, 0) if abs(x) >= 1000 else format_number(x, 3)


def _outcome(row, lang: str) -> str:
    t = _TEXT[lang]
    if row.status in ("none", "no_effect"):
        return t[row.status]
    if row.status == "outside":
        return t["outside"].format(share=format_share(row.share))
    text = t["at"].format(share=format_share(row.share))
    if math.isfinite(row.share_ci_low):
        text += f" ({t['ci'].format(lo=format_share(row.share_ci_low), hi=format_share(row.share_ci_high))})"
    if math.isfinite(row.switching_value):
        text += " " + t["value"].format(value=_value(row.switching_value, row.parameters))
    return text


def deciding_lines(case: BusinessCase, lang: str = "nl", top: int = 5) -> list[str]:
    """Per variant: the conclusion in one sentence, then the ``top`` deciding assumptions
    (most NPV resting on them first) with class and switching values. Empty without
    switching values."""
    table = case.switching
    if table is None or table.empty:
        return []
    t, names = _TEXT[lang], scenario_labels(case.scenarios)
    summary = case.summary().set_index("variant")
    lines = [t["title"].format(reps=count_text(int(table["replications"].iat[0]),
                                               "replicatie", lang))]
    for variant, rows in table.groupby("variant", sort=False):
        name = names.get(variant, variant)
        npv = float(summary.at[variant, "npv_mean_eur"])
        lines.append(t["win" if npv >= 0 else "lose"].format(name=name, npv=format_eur(npv)))
        npv_rows = rows[rows["criterion"] == "npv"].head(top)
        structural = rows[rows["criterion"] == "structural"].set_index("lever")
        for row in npv_rows.itertuples(index=False):
            parts = [f"{t['npv']}: {_outcome(row, lang)}"]
            if row.lever in structural.index:
                srow = structural.loc[row.lever]
                srow = pd.Series({**srow.to_dict(), "lever": row.lever})
                parts.append(f"{t['structural']}: {_outcome(_Row(srow), lang)}")
            lines.append(f"  - {lever_name(row, lang)} ({_class(row[4], lang)}; "
                         f"{t['rests'].format(eur=format_eur(row.effect_eur))}): "
                         + "; ".join(parts))
    return lines


class _Row:
    """Attribute access to a Series (a row found by lever)."""

    def __init__(self, series: pd.Series):
        self.__dict__.update(series.to_dict())


def omslag_table(case: BusinessCase, lang: str = "nl") -> pd.DataFrame:
    """The sheet ``Omslagpunten``: one row per variant and assumption (columns: module).

    A switching value is a result only inside the assumption's range: one outside it (or
    none at all) leaves the value and share cells blank, says "nee" under "Binnen
    bandbreedte" and "geen omslag binnen de bandbreedte" under "Uitkomst", as the console
    and the raadsbijlage do. The source is the council document's (:func:`council_source`):
    class and public addresses, never the scenario file's English comment."""
    table, t = case.switching, _TEXT[lang]
    names = scenario_labels(case.scenarios)
    rows = []
    for (variant, lever), part in table.groupby(["variant", "lever"], sort=False):
        by = {r.criterion: r for r in part.itertuples(index=False)}
        first = next(iter(by.values()))
        npv, structural = by.get("npv"), by.get("structural")

        def cell(r, field, switch=False):
            if r is None or not math.isfinite(getattr(r, field)) or \
                    (switch and r.status != "flip"):
                return None
            return float(getattr(r, field))

        def inside(r):
            return None if r is None or r.status == "no_effect" else \
                t["yes"] if r.status == "flip" else t["no"]
        rows.append([names.get(variant, variant), lever_name(first, lang),
                     _class(first[4], lang), cell(first, "assumed_value"),
                     cell(npv, "switching_value", True), cell(npv, "share", True), inside(npv),
                     cell(structural, "switching_value", True),
                     cell(structural, "share", True), inside(structural),
                     cell(npv, "effect_eur"),
                     "; ".join(_outcome(r, lang) for r in (npv, structural) if r is not None),
                     council_source(first.source, first[4], lang)])
    return pd.DataFrame(rows, columns=t["cols"])


def add_evidence_sheets(workbook: str | Path, case: BusinessCase, lang: str = "nl") -> Path:
    """Append ``Omslagpunten`` (when switching values were searched) and ``Bewijsregister``
    to an existing workbook."""
    from openpyxl import load_workbook

    from simfin.report.xlsx import EURO_FORMAT, _write_table, write_safely

    wb = load_workbook(workbook)
    if case.switching is not None and not case.switching.empty:
        ws = wb.create_sheet(SHEETS["omslag"][lang])
        frame = omslag_table(case, lang)
        cols = _TEXT[lang]["cols"]
        _write_table(ws, frame, 1, {cols[5]: "0%", cols[8]: "0%", cols[10]: EURO_FORMAT})
        ws.freeze_panes = "C2"
    register = case.evidence()
    ws = wb.create_sheet(SHEETS["register"][lang])
    names = scenario_labels(case.scenarios)
    # as the council document shows them: option names, and the source as class and public
    # addresses (:func:`council_source`), never the scenario file's English comment
    register = register.assign(
        name=[parameter_label(p, lang, case.scenarios.get(v))
              for p, v in zip(register["parameter"], register["variant"], strict=True)],
        variant=[names.get(v, v) for v in register["variant"]],
        unit=[label(f"unit.{u}", lang) if isinstance(u, str) and u else ""
              for u in register["unit"]],
        source=[council_source(s if isinstance(s, str) else "", c, lang)
                for s, c in zip(register["source"], register["class"], strict=True)],
        **{"class": [_class(c, lang) for c in register["class"]]})
    frame = register[["variant", "name", "value", "unit", "class", "low", "high", "source",
                      "parameter"]]
    frame.columns = _TEXT[lang]["reg_cols"]
    _write_table(ws, frame, 1)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    return write_safely(wb, workbook)


def add_deciding_section(doc, case: BusinessCase, lang: str = "nl", top: int = 6,
                         heading: str | None = None) -> None:
    """The raadsbijlage's opening: the conclusion per variant in one sentence, then the
    deciding assumptions (most NPV resting on them first) with class, source and switching
    values, as a table (python-docx ``doc``). ``heading``: the section's level-1 heading
    (default "Conclusie en wat daarvoor waar moet zijn"; a document whose own conclusion
    comes first passes "Wat daarvoor waar moet zijn")."""
    t = _TEXT[lang]
    if heading is None:
        heading = "Conclusie en wat daarvoor waar moet zijn" if lang == "nl" \
            else "Conclusion and what must be true"
    doc.add_heading(heading, level=1)
    lines = deciding_lines(case, lang, top)
    if not lines:
        doc.add_paragraph("Geen omslagpunten berekend." if lang == "nl"
                          else "No switching values computed.")
        return
    names = scenario_labels(case.scenarios)
    summary = case.summary().set_index("variant")
    for variant, rows in case.switching.groupby("variant", sort=False):
        npv = float(summary.at[variant, "npv_mean_eur"])
        name = names.get(variant, variant)
        doc.add_paragraph(t["win" if npv >= 0 else "lose"].format(name=name, npv=format_eur(npv)))
        npv_rows = rows[rows["criterion"] == "npv"].head(top)
        structural = rows[rows["criterion"] == "structural"].set_index("lever")
        heads = (["Aanname", "Soort en bron", "Aangenomen", "Omslag NCW = 0",
                  "Omslag structureel saldo = 0"] if lang == "nl" else
                 ["Assumption", "Class and source", "Assumed", "Switch NPV = 0",
                  "Switch structural balance = 0"])
        grid = doc.add_table(rows=1 + len(npv_rows), cols=len(heads), style="Table Grid")
        for j, head in enumerate(heads):
            grid.cell(0, j).text = head
        for i, row in enumerate(npv_rows.itertuples(index=False), start=1):
            srow = _Row(pd.Series({**structural.loc[row.lever].to_dict(), "lever": row.lever})) \
                if row.lever in structural.index else None
            grid.cell(i, 0).text = lever_name(row, lang)
            grid.cell(i, 1).text = council_source(row.source, row[4], lang)
            grid.cell(i, 2).text = _value(row.assumed_value, row.parameters) or "100%"
            grid.cell(i, 3).text = _outcome(row, lang)
            grid.cell(i, 4).text = _outcome(srow, lang) if srow is not None else ""
    doc.add_paragraph(
        (f"Omslagpunt: de waarde waarbij de uitkomst van teken wisselt, als aandeel van de "
         f"aangenomen verandering t.o.v. het nulalternatief (100% = zoals aangenomen, 0% = geen "
         f"effect). Berekend met "
         f"{count_text(int(case.switching['replications'].iat[0]), 'replicatie')} en "
         "dezelfde trekkingen; alle aannames staan in het werkblad 'Bewijsregister', de "
         "omslagpunten in 'Omslagpunten' van businesscase.xlsx.") if lang == "nl" else
        "Switching value: where the result changes sign, as a share of the assumed change "
        "against the nulalternatief. All assumptions: sheets 'Evidence register' and "
        "'Switching values' of businesscase.xlsx.")


def with_assumption_column(table: pd.DataFrame, case: BusinessCase, summary: pd.DataFrame,
                           lang: str = "nl") -> tuple[pd.DataFrame, str]:
    """The Oorzaken table plus the euros per year of each mechanism that rest on assumptions
    (:func:`simfin.business.evidence.mechanism_evidence`); returns it and the column name."""
    from simfin.business.evidence import mechanism_evidence

    name = "Waarvan op aannames (€ per jaar)" if lang == "nl" else \
        "Of which rests on assumptions (€ per year)"
    found = mechanism_evidence(case.evidence(), summary, case.null)
    resting = found.set_index(["variant", "mechanism"])["assumption_eur_per_year"]
    values = [resting.get((v, m)) if m != "total" else
              float(found.loc[found["variant"] == v, "assumption_eur_per_year"].sum())
              for v, m in zip(summary["variant"], summary["mechanism"], strict=True)]
    return table.assign(**{name: values}), name


def evidence_card_section(case: BusinessCase, lang: str = "nl") -> str:
    """The model card's section on what the result rests on: per scenario the number of
    parameters per class, per variant the parameters it changes with their class, and the
    deciding assumptions with their switching values (when searched)."""
    from simfin.business.evidence import changed_parameters

    register = case.evidence()
    nl, names = lang == "nl", scenario_labels(case.scenarios)
    lines = ["", "## " + ("Waarop de uitkomst rust (bewijsregister)" if nl else
                          "What the result rests on (evidence register)"), ""]
    counts = register.groupby(["variant", "class"]).size().unstack(fill_value=0)
    for variant, row in counts.iterrows():
        parts = [f"{_class(c, lang)} {int(row.get(c, 0))}" for c in CLASSES]
        lines.append(f"- {names.get(variant, variant)}: " + ", ".join(parts))
    for variant in case.variants:
        changed = changed_parameters(register, case.null, variant)
        scenario = case.scenarios[variant]
        lines += ["", ("Wat " if nl else "What ") + f"{names.get(variant, variant)}" +
                  (" verandert t.o.v. het nulalternatief:" if nl else
                   " changes against the nulalternatief:")]
        # the Dutch name first; the path in the scenario file only as the reference
        lines += [f"- {parameter_label(r.parameter, lang, scenario)}: "
                  f"{_value(r.reference, r.parameter)} → {_value(r.value, r.parameter)} "
                  f"({_class(r[4], lang)}; `{r.parameter}`)"
                  for r in changed.itertuples(index=False)]
    deciding = deciding_lines(case, lang)
    if deciding:
        lines += ["", *[line.strip() for line in deciding]]
    return "\n".join(lines) + "\n"


def item_labels(case: BusinessCase, lang: str = "nl") -> dict[str, str]:
    """Display names of the drawn items (``incidental.<name>``, ``structural.<name>``) for
    the value-of-information tables: the item category's label."""
    out = {}
    for scenario in case.scenarios.values():
        for kind, items in (("incidental", scenario.incidental),
                            ("structural", scenario.structural)):
            word = {"incidental": ("Incidenteel", "Incidental"),
                    "structural": ("Structureel", "Structural")}[kind][lang != "nl"]
            for name, item in items.items():
                out[f"{kind}.{name}"] = f"{word}: {label(item.category, lang)} ({name})"
    return out
