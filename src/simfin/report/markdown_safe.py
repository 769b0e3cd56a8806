"""Markdown files that show a scenario's text as text: no raw HTML, no hidden links.

Names, descriptions and sources come from scenario files and reach ``samenvatting.md``,
``modelkaart.md`` and the other Markdown outputs. A viewer (GitHub, VS Code, a document
build) renders raw HTML in Markdown, so a scenario named ``<img src=x onerror=...>`` or
``<a href="http://…">klik</a>`` would become markup. :func:`safe_markdown` escapes what
starts a tag (``<`` before a letter, ``/``, ``!`` or ``?``), an HTML entity (``&name;``) and
an inline link or image (``](``); simfin's own Markdown uses none of these, and ``< 5%``
or ``a > b`` stay as they are.
"""

from __future__ import annotations

import re

__all__ = ["safe_markdown"]

_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINK = re.compile(r"\]\(")


def safe_markdown(text: str) -> str:
    """``text`` with raw HTML tags, entities and inline links escaped (module docstring)."""
    return _LINK.sub(r"]\\(", _TAG.sub("&lt;", _ENTITY.sub("&amp;", text)))
