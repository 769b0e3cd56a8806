"""The docs site builds strictly, and the generated scenario reference is complete."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simfin.scenario.reference import models_in, schema_markdown

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

ROOT = Path(__file__).resolve().parents[2]


def test_scenario_reference_lists_every_field_of_every_model():
    text = schema_markdown()
    for model in models_in():
        assert f"### {model.__name__}" in text
        for field in model.model_fields:
            assert f"| `{field}` |" in text, f"{model.__name__}.{field} missing"


def test_mkdocs_build_strict(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-d", str(tmp_path / "site")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site" / "reference" / "scenario" / "index.html").read_text("utf-8")
    assert "legal_norm_days" in page and "simfin:scenario-reference" not in page
