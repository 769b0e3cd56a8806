"""Labels for reports: Dutch by default, English on request; one module per domain, merged here.

Keys are the English identifiers used in the data (cost categories of
:mod:`simfin.finance.table`, KPI names of :data:`simfin.metrics.KPI_UNITS`), units as
``unit.<unit>``, and dotted keys for chart, sheet and column texts (``chart.*``,
``axis.*``, ``legend.*``, ``sheet.*``, ``col.*``, ``footnote.*``).

>>> label("access_team")
'Toegangsteam'
>>> label("access_team", lang="en")
'Access team'
"""

from __future__ import annotations

from simfin.report.labels.business import BUSINESS_LABELS
from simfin.report.labels.compare import COMPARE_LABELS
from simfin.report.labels.drivers import DRIVER_LABELS
from simfin.report.labels.office import FUNCTION_LABELS, OFFICE_LABELS, STEERING_LABELS
from simfin.report.labels.run import RUN_LABELS
from simfin.report.labels.stages import STAGE_LABELS
from simfin.report.labels.tables import TABLE_LABELS
from simfin.report.labels.uncertainty import SENSITIVITY_LABELS

__all__ = ["LABELS", "LANGUAGES", "check_lang", "label"]

LANGUAGES = ("nl", "en")

# key: (Dutch, English); later domains override earlier ones (none do today)
LABELS: dict[str, tuple[str, str]] = {
    **RUN_LABELS, **COMPARE_LABELS, **BUSINESS_LABELS, **SENSITIVITY_LABELS, **TABLE_LABELS,
    **OFFICE_LABELS, **FUNCTION_LABELS, **STEERING_LABELS, **DRIVER_LABELS, **STAGE_LABELS,
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported, else raise ValueError.

    Parameters
    ----------
    lang : str
        ``"nl"`` (Dutch) or ``"en"`` (English).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} for simfin reports; "
                         f"expected one of {', '.join(repr(x) for x in LANGUAGES)}")
    return lang


def label(key: str, lang: str = "nl") -> str:
    """The display text of ``key`` in ``lang``; an unknown key is returned as is.

    Parameters
    ----------
    key : str
        A category, party, KPI name, ``unit.<unit>`` or a dotted text key (see module).
    lang : str
        ``"nl"`` (default) or ``"en"``.

    Returns
    -------
    str
        The label, or ``key`` itself when it has none (e.g. a provider's own name).

    Raises
    ------
    ValueError
        If ``lang`` is not ``"nl"`` or ``"en"``.
    """
    index = LANGUAGES.index(check_lang(lang))
    texts = LABELS.get(key)
    return key if texts is None else texts[index]
