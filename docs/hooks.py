"""MkDocs hook: fill generated sections from the code at build time.

``<!-- simfin:scenario-reference -->`` becomes the scenario file reference generated from
the pydantic schema; ``<!-- simfin:module-doc package.module -->`` becomes that module's
docstring. Nothing in the docs is copied by hand from the code.
"""

from __future__ import annotations

import importlib
import re

_MODULE_DOC = re.compile(r"<!-- simfin:module-doc ([\w.]+) -->")


def on_page_markdown(markdown, page, config, files):  # noqa: ARG001 - mkdocs hook signature
    if "<!-- simfin:scenario-reference -->" in markdown:
        from simfin.scenario.reference import schema_markdown

        markdown = markdown.replace("<!-- simfin:scenario-reference -->", schema_markdown())
    return _MODULE_DOC.sub(_module_doc, markdown)


def _module_doc(match: re.Match) -> str:
    module = importlib.import_module(match.group(1))
    return "```text\n" + (module.__doc__ or "").strip() + "\n```"
