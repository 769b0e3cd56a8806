"""nl-NL number formatting for council documents (raadsstukken) and charts.

Conventions
-----------
Locale
    ``nl_NL`` via babel (CLDR): ``.`` groups thousands, ``,`` is the decimal mark.
Euros
    CLDR's nl_NL currency pattern ``¤ #,##0.00;¤ -#,##0.00``: the euro sign, a space, then
    the number *with* its minus sign: ``€ 1.234.567`` and ``€ -1.234.567``. Only the
    number of decimals is changed (``decimals``, default 0 for whole euros).
Percentages
    CLDR's nl_NL percent pattern ``#,##0%``: no space before the sign, ``85%``.
Rounding
    Half away from zero (commercial rounding, as Excel's ``ROUND``): 0,5 → 1, 2,5 → 3 and
    -2,5 → -3. Babel's own default is half to even (banker's rounding, 2,5 → 2), so we
    round first with :mod:`decimal` and hand babel an exact value. A float is rounded as it
    is written (its shortest ``repr``), so 1.005 with 2 decimals gives "1,01", as a reader
    of the number expects, although the binary float is slightly below 1.005.
    A value that rounds to zero is printed without a sign ("€ 0", never "€ -0").
Spaces
    Babel separates the euro sign with a no-break space (U+00A0). Every function here
    returns a plain space instead, so Markdown, consoles, Excel and charts render the same
    text; replace ``"€ "`` by ``"€\\u00a0"`` yourself where line breaks must be prevented.
Missing values
    NaN, ``None`` and ``pd.NA`` give :data:`MISSING` (an en dash, "–"); ±infinity gives
    "∞" / "-∞".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Integral, Real

import pandas as pd
from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent
from matplotlib.ticker import Formatter, FuncFormatter

__all__ = [
    "LOCALE",
    "MISSING",
    "eur_axis_formatter",
    "eur_formatter",
    "format_eur",
    "format_eur_millions",
    "format_number",
    "format_share",
    "format_value",
    "round_half_away",
]

LOCALE = "nl_NL"
MISSING = "\u2013"  # en dash
_NO_BREAK = ("\u00a0", "\u202f")  # no-break space, narrow no-break space
UNIT_DECIMALS = {"share": 0, "days": 1, "clients": 1, "cases": 0, "episodes": 0, "eur": 0}


def _check_decimals(decimals: int) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative whole number, got {decimals!r}")
    return decimals


def _to_decimal(x: object) -> Decimal | None:
    """``x`` as an exact Decimal (floats via their shortest repr); None when missing."""
    if x is None or (not isinstance(x, Decimal | str) and pd.isna(x)):
        return None
    if isinstance(x, Decimal):
        return None if x.is_nan() else x
    if isinstance(x, bool) or not isinstance(x, Real):
        raise TypeError(f"expected a number, got {type(x).__name__}: {x!r}")
    if isinstance(x, Integral):
        return Decimal(int(x))
    return Decimal(repr(float(x)))


def round_half_away(x: float | Decimal, decimals: int = 0) -> Decimal:
    """Round half away from zero to ``decimals`` places; -0 becomes 0.

    Parameters
    ----------
    x : float or Decimal
        A finite number (a float is taken as written, see the module docstring).
    decimals : int
        Places after the decimal mark.

    Returns
    -------
    Decimal
        The exactly rounded value.
    """
    value = x if isinstance(x, Decimal) else _to_decimal(x)
    if value is None or not value.is_finite():
        raise ValueError(f"cannot round {x!r}")
    decimals = _check_decimals(decimals)
    with _wide():
        rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded


def _wide():
    """A decimal context with enough digits for any float (1e308 has 309) and decimals."""
    return localcontext(prec=_DIGITS)


_DIGITS = 400
MINUS = "\u2212"  # the minus sign of typeset text: "€ −9,2 mln", never a hyphen


def _plain(text: str) -> str:
    """Plain spaces for babel's no-break spaces, and one minus sign (U+2212) everywhere."""
    for space in _NO_BREAK:
        text = text.replace(space, " ")
    return text.replace("-", MINUS)


def _fraction(decimals: int) -> str:
    return "." + "0" * decimals if decimals else ""


def _special(value: Decimal | None) -> str | None:
    """Text for a missing or infinite value; None for a finite one."""
    if value is None:
        return MISSING
    if value.is_infinite():
        return MINUS + "∞" if value < 0 else "∞"
    return None


def format_number(x: float | None, decimals: int = 0) -> str:
    """A number in nl-NL style: ``1234567.891 -> "1.234.568"``.

    Parameters
    ----------
    x : float
        Any number (dimensionless or in the unit the caller states).
    decimals : int
        Places after the decimal mark, always shown ("1,50" with 2).

    Returns
    -------
    str
        For example ``"1.234.567"``, ``"-1.234,57"``; "–" for NaN.
    """
    value = _to_decimal(x)
    if (text := _special(value)) is not None:
        return text
    rounded = round_half_away(value, decimals)
    with _wide():
        text = format_decimal(rounded, format="#,##0" + _fraction(decimals), locale=LOCALE)
    return _plain(text)


def _currency_pattern(decimals: int) -> str:
    """The locale's standard currency pattern with ``decimals`` places."""
    pattern = Locale.parse(LOCALE).currency_formats["standard"].pattern
    return pattern.replace("0.00", "0" + _fraction(decimals))


def _eur(value: Decimal, decimals: int) -> str:
    rounded = round_half_away(value, decimals)
    with _wide():
        text = format_currency(rounded, "EUR", format=_currency_pattern(decimals),
                               locale=LOCALE, currency_digits=False)
    return _plain(text)


def format_eur(amount: float | None, decimals: int = 0) -> str:
    """An amount in euros, nl-NL style: ``-1234567 -> "€ -1.234.567"``.

    Parameters
    ----------
    amount : float
        Euros.
    decimals : int
        Places after the decimal mark (0: whole euros, 2: cents).

    Returns
    -------
    str
        ``"€ 1.234.567"``, ``"€ -1.234.567"``, ``"€ 1.234,50"``; "–" for NaN.
    """
    _check_decimals(decimals)
    value = _to_decimal(amount)
    if (text := _special(value)) is not None:
        return text
    return _eur(value, decimals)


def format_eur_millions(amount: float | None, decimals: int = 1) -> str:
    """An amount in millions of euros: ``1234567 -> "€ 1,2 mln"``.

    Parameters
    ----------
    amount : float
        Euros (not millions): the function divides by 1,000,000 itself.
    decimals : int
        Places after the decimal mark of the number of millions.

    Returns
    -------
    str
        ``"€ 1,2 mln"``, ``"€ -0,5 mln"``; "–" for NaN.
    """
    _check_decimals(decimals)
    value = _to_decimal(amount)
    if (text := _special(value)) is not None:
        return text
    return _eur(value.scaleb(-6), decimals) + " mln"


def format_share(x: float | None, decimals: int = 0) -> str:
    """A fraction as an nl-NL percentage: ``0.85 -> "85%"``, ``0.125 (1) -> "12,5%"``.

    Parameters
    ----------
    x : float
        A fraction (0.85 means 85%), not a percentage.
    decimals : int
        Places after the decimal mark of the percentage.

    Returns
    -------
    str
        ``"85%"``; "–" for NaN.
    """
    _check_decimals(decimals)
    value = _to_decimal(x)
    if (text := _special(value)) is not None:
        return "∞%" if text.endswith("∞") else text
    percent = round_half_away(value.scaleb(2), decimals)
    pattern = "#,##0" + _fraction(decimals) + "%"
    with _wide():
        return _plain(format_percent(percent.scaleb(-2), format=pattern, locale=LOCALE))


def format_value(x: float | None, unit: str, decimals: int | None = None) -> str:
    """A KPI value in its unit (see :data:`simfin.metrics.KPI_UNITS`).

    Parameters
    ----------
    x : float
        The value: a fraction for ``share``, euros for ``eur``, else a count or days.
    unit : str
        ``share``, ``eur``, ``days``, ``clients``, ``cases`` or ``episodes``; others are
        formatted as plain numbers.
    decimals : int, optional
        Places after the decimal mark; default per unit (:data:`UNIT_DECIMALS`, else 1).

    Returns
    -------
    str
        The number without its unit, e.g. ``"85%"``, ``"€ 1.234"``, ``"12,3"``.
    """
    places = UNIT_DECIMALS.get(unit, 1) if decimals is None else decimals
    if unit == "share":
        return format_share(x, places)
    if unit == "eur":
        return format_eur(x, places)
    return format_number(x, places)


def eur_formatter(millions: bool = False, decimals: int | None = None) -> FuncFormatter:
    """A matplotlib tick formatter for euro axes.

    Parameters
    ----------
    millions : bool
        False: ticks as ``"€ 1.234.567"``; True: as ``"€ 1,2 mln"`` (data still in euros);
        a zero tick is plain ``"€ 0"``.
    decimals : int, optional
        Places after the decimal mark; default 0 for euros, 1 for millions.

    Returns
    -------
    matplotlib.ticker.FuncFormatter
        Use as ``ax.yaxis.set_major_formatter(eur_formatter(millions=True))``.
    """
    if millions:
        places = _check_decimals(1 if decimals is None else decimals)
        return FuncFormatter(lambda x, _pos: format_eur(0) if x == 0
                             else format_eur_millions(x, places))
    places = _check_decimals(0 if decimals is None else decimals)
    return FuncFormatter(lambda x, _pos: format_eur(x, places))


class _AutoEurFormatter(Formatter):
    """Euro ticks with as many decimals as the tick spacing needs (see :func:`eur_axis_formatter`)."""

    def __init__(self) -> None:
        super().__init__()
        self._millions, self._decimals = False, 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        values = [float(v) for v in locs]
        self._millions = bool(values) and max(abs(v) for v in values) >= 1e6
        scaled = [v / 1e6 for v in values] if self._millions else values
        self._decimals = next((d for d in range(3) if all(
            abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in scaled)), 3)

    def __call__(self, x: float, pos: int | None = None) -> str:
        if x == 0:
            return format_eur(0)
        if self._millions:
            return format_eur_millions(x, self._decimals)
        return format_eur(x, self._decimals)


def eur_axis_formatter() -> Formatter:
    """A euro tick formatter that picks its own scale: distinct labels at any zoom.

    When a tick reaches € 1 mln all ticks are written in millions, else in euros, with the
    fewest decimals (0 to 3) that write every tick exactly: ticks 0, 0,5 and 1 mln give
    ``€ 0``, ``€ 0,5 mln``, ``€ 1,0 mln`` (zero is always plain ``€ 0``); ticks 235, 240 and 245 mln give ``€ 235 mln``;
    ticks 97,5 and 100 euros give ``€ 97,5`` and ``€ 100,0``; 100.000 and 200.000 euros give
    ``€ 100.000``. Labels never repeat because ticks are rounded away.

    Returns
    -------
    matplotlib.ticker.Formatter
        Use as ``ax.yaxis.set_major_formatter(eur_axis_formatter())``.
    """
    return _AutoEurFormatter()
