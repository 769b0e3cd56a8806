"""nl-NL formatting helpers; every expected string is written out by hand."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest

from simfin.report.format import (
    MISSING,
    eur_formatter,
    format_eur,
    format_eur_millions,
    format_number,
    format_share,
    format_value,
    round_half_away,
)
from simfin.report.labels import label

NBSP = "\u00a0"


class TestFormatNumber:
    def test_thousands_separator_is_a_dot(self):
        assert format_number(1234567) == "1.234.567"
        assert format_number(999) == "999"
        assert format_number(1000) == "1.000"

    def test_decimal_mark_is_a_comma_and_decimals_are_always_shown(self):
        assert format_number(1234.5678, 2) == "1.234,57"
        assert format_number(1.5, 2) == "1,50"
        assert format_number(3, 1) == "3,0"

    def test_negative(self):
        assert format_number(-1234567) == "−1.234.567"
        assert format_number(-0.25, 1) == "−0,3"

    def test_rounding_is_half_away_from_zero(self):
        assert format_number(0.5) == "1"
        assert format_number(1.5) == "2"
        assert format_number(2.5) == "3"  # banker's rounding would give "2"
        assert format_number(-2.5) == "−3"
        assert format_number(0.125, 2) == "0,13"

    def test_rounding_uses_the_number_as_written(self):
        # 1.005 is stored as 1.00499999999999989...; a reader expects "1,01"
        assert format_number(1.005, 2) == "1,01"

    def test_no_negative_zero(self):
        assert format_number(-0.4) == "0"
        assert format_number(-0.04, 1) == "0,0"

    def test_numpy_and_decimal_inputs(self):
        assert format_number(np.float64(1234.4)) == "1.234"
        assert format_number(np.int64(-1234567)) == "−1.234.567"
        assert format_number(Decimal("2.5")) == "3"

    @pytest.mark.parametrize("missing", [float("nan"), np.nan, None])
    def test_missing_is_an_en_dash(self, missing):
        assert format_number(missing) == "–"
        assert MISSING == "\u2013"

    def test_infinity(self):
        assert format_number(math.inf) == "∞"
        assert format_number(-math.inf) == "−∞"

    @pytest.mark.parametrize("bad", [-1, 1.5, True])
    def test_bad_decimals(self, bad):
        with pytest.raises(ValueError, match="decimals"):
            format_number(1.0, bad)

    def test_text_is_rejected(self):
        with pytest.raises(TypeError):
            format_number("12")


class TestFormatEur:
    def test_whole_euros(self):
        assert format_eur(1234567) == "€ 1.234.567"
        assert format_eur(0) == "€ 0"
        assert format_eur(12.49) == "€ 12"

    def test_negative_follows_cldr_nl_nl(self):
        assert format_eur(-1234567) == "€ −1.234.567"

    def test_cents(self):
        assert format_eur(1234.5, 2) == "€ 1.234,50"
        assert format_eur(-0.005, 2) == "€ −0,01"

    def test_rounding_half_away_from_zero(self):
        assert format_eur(2.5) == "€ 3"
        assert format_eur(-2.5) == "€ −3"
        assert format_eur(1234566.5) == "€ 1.234.567"

    def test_no_negative_zero(self):
        assert format_eur(-0.4) == "€ 0"

    def test_plain_space_not_nbsp(self):
        for text in (format_eur(1234567), format_eur(-5, 2), format_eur_millions(1.5e6),
                     format_share(0.5), format_number(1e6, 2)):
            assert NBSP not in text and "\u202f" not in text

    def test_missing(self):
        assert format_eur(float("nan")) == "–"
        assert format_eur(None, 2) == "–"


class TestFormatEurMillions:
    def test_one_decimal_by_default(self):
        assert format_eur_millions(1_234_567) == "€ 1,2 mln"
        assert format_eur_millions(0) == "€ 0,0 mln"

    def test_more_decimals_and_thousands_of_millions(self):
        assert format_eur_millions(123_456_789, 2) == "€ 123,46 mln"
        assert format_eur_millions(1_234_567_890) == "€ 1.234,6 mln"

    def test_rounding_half_away_from_zero(self):
        assert format_eur_millions(1_250_000) == "€ 1,3 mln"
        assert format_eur_millions(-2_500_000, 0) == "€ −3 mln"

    def test_negative(self):
        assert format_eur_millions(-1_234_567) == "€ −1,2 mln"

    def test_missing(self):
        assert format_eur_millions(float("nan")) == "–"


class TestFormatShare:
    def test_fraction_to_percent_without_space(self):
        assert format_share(0.85) == "85%"
        assert format_share(1) == "100%"
        assert format_share(0) == "0%"

    def test_decimals(self):
        assert format_share(0.125, 1) == "12,5%"
        assert format_share(0.3333, 1) == "33,3%"

    def test_rounding_half_away_from_zero(self):
        assert format_share(0.845) == "85%"  # babel's default would give "84%"
        assert format_share(0.125) == "13%"

    def test_missing(self):
        assert format_share(float("nan")) == "–"


class TestFormatValue:
    def test_units(self):
        assert format_value(0.5, "share") == "50%"
        assert format_value(227.64, "days") == "227,6"
        assert format_value(1477.5, "episodes") == "1.478"
        assert format_value(48.23, "clients") == "48,2"
        assert format_value(1234.5, "eur") == "€ 1.235"
        assert format_value(1.25, "days", 0) == "1"


class TestRoundHalfAway:
    def test_exact_results(self):
        assert round_half_away(2.5) == Decimal("3")
        assert round_half_away(-2.675, 2) == Decimal("-2.68")
        assert str(round_half_away(-0.001, 2)) == "0.00"

    def test_nan_is_rejected(self):
        with pytest.raises(ValueError):
            round_half_away(float("nan"))


class TestEurFormatter:
    def test_euros(self):
        fmt = eur_formatter()
        assert fmt(1234567, 0) == "€ 1.234.567"
        assert fmt(-500, 1) == "€ −500"

    def test_millions(self):
        fmt = eur_formatter(millions=True)
        assert fmt(1_500_000, 0) == "€ 1,5 mln"
        assert fmt(0, 0) == "€ 0"  # a zero tick never reads "€ 0,0 mln"

    def test_decimals(self):
        assert eur_formatter(millions=True, decimals=0)(2_500_000, 0) == "€ 3 mln"
        assert eur_formatter(decimals=2)(12.5, 0) == "€ 12,50"


class TestLabels:
    @pytest.mark.parametrize(("key", "nl", "en"), [
        ("access_team", "Toegangsteam", "Access team"),
        ("specialist_care", "Specialistische zorg", "Specialist care"),
        ("admin", "Administratieve lasten", "Administrative burden"),
        ("total", "Totaal", "Total"),
        ("revenue", "Omzet", "Revenue"),
        ("cost_of_care", "Kosten van zorg", "Cost of care"),
        ("margin", "Marge", "Margin"),
    ])
    def test_categories(self, key, nl, en):
        assert label(key) == nl
        assert label(key, lang="nl") == nl
        assert label(key, lang="en") == en

    def test_every_kpi_and_unit_has_a_label(self):
        from simfin.metrics import KPI_UNITS

        for kpi, unit in KPI_UNITS.items():
            for lang in ("nl", "en"):
                assert label(kpi, lang) != kpi
                assert label(f"unit.{unit}", lang) != f"unit.{unit}"

    def test_unknown_key_is_returned_as_is(self):
        assert label("jeugdhulp") == "jeugdhulp"
        assert label("jeugdhulp", "en") == "jeugdhulp"

    def test_unknown_language_is_a_clear_error(self):
        with pytest.raises(ValueError, match="unknown language 'de'.*'nl', 'en'"):
            label("total", lang="de")
