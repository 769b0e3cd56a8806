"""The document model of a command's output (issue 29): content built once, rendered by every
writer (console, CSV, xlsx, chart) from the same objects.

* :class:`Measure`: what a number means, declared once: its label key, unit, period, price
  level, sign and statistic. Its :meth:`Measure.title` is the only place a header is made.
* :class:`~simfin.report.tables.Table` (the existing paste-ready table) holds the numbers; its
  ``units`` map every column (or every row of a column) to a :class:`Measure`.
* :class:`Chart`: a figure drawn from one of the document's tables (the same object the
  console and the workbook print), never from the domain data.
* :class:`Section` (one workbook sheet) and :class:`Document` (one command's output). The
  document carries its language: writers read ``doc.lang``, they take no ``lang`` of their own.

:meth:`Document.check` lists what is wrong with a document: euros without a price level,
counts without a period, a comparison without the saving sign, a label key missing in one
language, a code name in a header.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from simfin.plural import count_text, plural
from simfin.report.labels import LABELS, LANGUAGES, check_lang, label
from simfin.report.tables import Table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CODE_NAME", "PERIODS", "PRICES", "SIGNS", "Chart", "Document", "Measure", "Section",
           "Words", "cell"]

#: "" none; per calendar year; mean per year over the horizon; total over the horizon; a level
#: at one moment or an average level (a waiting list, a number of teams, inhabitants)
PERIODS = ("", "year", "mean_year", "horizon", "state")
#: "" none; the scenario's own prices (its ``price_base_year``); nominal (indexed); discounted
PRICES = ("", "scenario", "nominal", "discounted")
#: "" a level; a cost (shown positive); a saving: reference minus option (+ = besparing)
SIGNS = ("", "cost", "saving")
#: units of amounts and counts: they must say over which period
PERIOD_UNITS = frozenset({"eur", "cases", "episodes", "hours", "clients", "persons", "count",
                          "inhabitants"})
#: a snake_case identifier (pq_per_unit, data_analist) or a file id (jeugd-60k-pq-uur: three
#: or more lowercase parts joined by hyphens) where an advisor looks
CODE_NAME = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b")
_HEAD_UNITS = ("eur", "share", "days", "fte", "clients", "hours")


@dataclass(frozen=True)
class Measure:
    """What one number means; language-free (the title is made in the document's language).

    Attributes
    ----------
    key : str
        Label key of the name, e.g. ``"cmp.spending_eur"``.
    unit : str
        A key of :data:`simfin.report.tables.UNITS` (the number format).
    period, prices, sign : str
        One of :data:`PERIODS`, :data:`PRICES`, :data:`SIGNS`.
    price_year : int or None
        With ``prices="scenario"``: the year of the inputs' prices (None: not stated in the
        file, shown as "prijspeil van de invoer", never the start year).
    stat : str
        ``""`` (the value), ``"mean"``, ``"p05"``, ``"p95"`` or ``"std"`` over replications.
    head_unit : str
        The unit named in the header when it differs from ``unit`` (fte per 10.000 inwoners is
        a ratio with two decimals, headed "fte").
    against : bool
        A difference against the reference (the first option); it must carry the saving sign.
    """

    key: str
    unit: str = "text"
    period: str = ""
    prices: str = ""
    price_year: int | None = None
    sign: str = ""
    stat: str = ""
    head_unit: str = ""
    against: bool = False

    def price_text(self, lang: str = "nl") -> str:
        """``"prijspeil 2024"``, ``"prijspeil van de invoer"``, ``"nominaal"``, ``"contant"``."""
        if self.prices == "scenario":
            return (label("price.level_inputs", lang) if self.price_year is None
                    else label("price.level", lang).format(year=self.price_year))
        return label(f"price.{self.prices}", lang) if self.prices else ""

    def title(self, lang: str = "nl", reference: str = "") -> str:
        """The header: ``"Uitgaven gemeente per jaar, 5e percentiel (€, prijspeil 2024)"``;
        a saving adds ``"+ = besparing"`` (the table title names the reference)."""
        name = label(self.key, lang)
        if self._stat_named():
            name += ", " + label(f"stat.{self.stat}", lang)
        unit = self.head_unit or self.unit
        parts = [label(f"unithdr.{unit}", lang)] if unit in _HEAD_UNITS else []
        parts += [p for p in (self.price_text(lang),) if p]
        if self.sign == "saving":
            parts.append(label("sign.saving", lang).format(reference=reference))
        return f"{name} ({', '.join(parts)})" if parts else name

    def _stat_named(self) -> bool:
        """The title names the statistic (not for the mean, nor when the name is the
        statistic itself: a column "5e percentiel" under a table title)."""
        return self.stat not in ("", "mean") and self.key != f"col.{self.stat}"

    def keys(self) -> list[str]:
        """The label keys the title uses."""
        unit = self.head_unit or self.unit
        return [self.key, *([f"stat.{self.stat}"] if self._stat_named() else []),
                *([f"unithdr.{unit}"] if unit in _HEAD_UNITS else []),
                *(["sign.saving"] if self.sign == "saving" else [])]


class Words:
    """Labels in one language that remember which keys they gave (for :meth:`Document.check`)."""

    def __init__(self, lang: str = "nl") -> None:
        self.lang = check_lang(lang)
        self.used: set[str] = set()

    def __call__(self, key: str, **params: object) -> str:
        self.used.add(key)
        text = label(key, self.lang)
        return text.format(**params) if params else text

    def count(self, n: object, noun: str) -> str:
        """``n`` and ``noun`` (a key of :data:`simfin.plural.NOUNS`) in singular or plural
        ("1 replicatie", "3 replicaties"); ``n`` that is not a number is shown as is."""
        if isinstance(n, numbers.Real):
            return count_text(float(n), noun, self.lang)
        return f"{n} {plural(2, noun, self.lang)}"

    def title(self, measure: Measure, reference: str = "") -> str:
        self.used.update(measure.keys())
        return measure.title(self.lang, reference)


@dataclass(frozen=True)
class Chart:
    """A chart drawn from ``table`` (a table of the same document): ``draw(table, lang,
    footnote, fig)`` returns the Figure. ``stem`` is the file name without suffix."""

    stem: str
    table: Table
    draw: Callable[..., Figure]
    footnote: str = ""
    caption: str = ""

    def figure(self, lang: str = "nl", fig: Figure | None = None) -> Figure:
        return self.draw(self.table, lang, self.footnote, fig)


@dataclass(frozen=True)
class Section:
    """One workbook sheet (``sheet`` is its label key) and one stretch of console text: tables,
    lines of text and charts in order. ``transpose`` prints wide tables turned on the console;
    ``console=False`` keeps the section off the console (a sheet of per-replication values)."""

    sheet: str
    blocks: tuple[Table | str | Chart, ...]
    transpose: bool = False
    console: bool = True


@dataclass(frozen=True)
class Document:
    """What one command shows, in one language.

    Attributes
    ----------
    kind : str
        The command (``"compare"``, ``"scale"``, ...).
    lang : str
        The language of every text in it, set once.
    sections : tuple of Section
    data : mapping
        File stem -> tidy frame, written as CSV unchanged (code names as column names: data for
        scripts, not for reading).
    workbook : str
        File stem of the xlsx workbook ("" for none).
    files : mapping
        File name -> markdown text written next to the tables (e.g. ``volumerisico.md``).
    keys : frozenset of str
        Every label key the builder used (checked in both languages).
    title : str
        The document's heading (the first line of its markdown).
    markdown : str
        File name of the document as markdown (``samenvatting.md``; "" for none): the
        console's content, rendered by :func:`~simfin.report.document_writers.markdown_text`.
    """

    kind: str
    lang: str
    sections: tuple[Section, ...]
    data: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    workbook: str = ""
    files: Mapping[str, str] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()
    title: str = ""
    markdown: str = ""

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    def table(self, key: str) -> Table:
        """The table with ``key``; KeyError when there is none."""
        for table in self.tables():
            if table.key == key:
                return table
        raise KeyError(f"no table {key!r} in the {self.kind} document")

    def _repr_html_(self) -> str:
        """The document in a notebook: its tables (the console's nl-NL cells), its lines and
        its charts (SVG), in order; the same content every writer renders."""
        import html
        import io

        parts = []
        for section in (s for s in self.sections if s.console):
            for block in section.blocks:
                if isinstance(block, Table):
                    parts.append(block.styler().to_html())
                elif isinstance(block, str):
                    parts += [f"<p>{html.escape(line)}</p>" for line in block.split("\n")
                              if line.strip()]
                else:
                    svg = io.StringIO()
                    block.figure(self.lang).savefig(svg, format="svg")
                    parts.append(svg.getvalue()[svg.getvalue().find("<svg"):])
        return "\n".join(parts)

    def check(self) -> list[str]:
        """What is wrong with this document (an empty list: nothing); see the module doc."""
        problems = []
        keys = set(self.keys) | {s.sheet for s in self.sections}
        for table in self.tables():
            for head in table.frame.columns:
                if CODE_NAME.search(str(head)):
                    problems.append(f"{table.key}: code name in header {head!r}")
            for measure in measures(table):
                keys.update(measure.keys())
                problems += _measure_problems(table.key, measure)
        for key in sorted(keys):
            texts = LABELS.get(key)
            if texts is None or len(texts) != len(LANGUAGES) or not all(texts):
                problems.append(f"label {key!r} is missing in a language")
        return problems


def _measure_problems(where: str, m: Measure) -> list[str]:
    out = []
    if m.unit == "eur" and not m.prices:
        out.append(f"{where}: euros without a price level ({m.key})")
    if m.unit in PERIOD_UNITS and not m.period:
        out.append(f"{where}: {m.unit} without a period ({m.key})")
    if m.against and m.sign != "saving":
        out.append(f"{where}: a comparison without the saving sign ({m.key})")
    for name, value, allowed in (("period", m.period, PERIODS), ("prices", m.prices, PRICES),
                                 ("sign", m.sign, SIGNS)):
        if value not in allowed:
            out.append(f"{where}: unknown {name} {value!r} ({m.key})")
    return out


def measures(table: Table) -> list[Measure]:
    """Every :class:`Measure` of ``table`` (per column, or per row of a column)."""
    out: list[Measure] = []
    for unit in table.units.values():
        for item in (unit,) if isinstance(unit, (str, Measure)) else unit:
            if isinstance(item, Measure) and item not in out:
                out.append(item)
    return out


def cell(table: Table, key: str, column: str | None = None, stat: str = "") -> object:
    """The number of measure ``key`` (and ``stat``) in ``table``: in a table with a measure per
    column, the column of ``key`` (all rows, a list); in a table with a measure per row, that
    row's cell in ``column``. What a chart draws, so it draws what the table prints."""
    for head, unit in table.units.items():
        if isinstance(unit, Measure):
            if unit.key == key and unit.stat == stat:
                return table.frame[head].tolist()
        elif not isinstance(unit, str):
            for row, m in enumerate(unit):
                if isinstance(m, Measure) and m.key == key and m.stat == stat and \
                        column is not None:
                    return table.frame[column].iloc[row]
    raise KeyError(f"no measure {key!r} ({stat or 'value'}) in table {table.key!r}")


def finite(value: object) -> float:
    """``value`` as a float; NaN for None or text."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number


def columns_of(table: Table, rows: Sequence[str] = ()) -> list[str]:
    """The columns of a table with one measure per row (the options), in order."""
    return [c for c, u in table.units.items() if not isinstance(u, (str, Measure))
            and c not in rows]
