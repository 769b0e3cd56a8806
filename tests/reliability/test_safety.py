"""Scenario files are data only, and ``extends`` cannot reach outside the scenario's folder.

Rule (docs/reliability.md): a relative ``extends`` path is resolved against the folder of
the file that names it and must stay inside that folder or its subfolders, after ``..``
and symbolic links are resolved; an absolute path is accepted as the user's explicit
choice.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from conftest import small_scenario_dict
from toml_text import to_toml

import simfin
from simfin.errors import ScenarioError

SCENARIO_PACKAGE = Path(simfin.__file__).parent / "scenario"


@pytest.fixture
def tree(tmp_path) -> Path:
    """scenarios/basis.toml, scenarios/varianten/, and a file outside: elders/geheim.toml."""
    (tmp_path / "scenarios" / "varianten").mkdir(parents=True)
    (tmp_path / "elders").mkdir()
    text = to_toml(small_scenario_dict())
    (tmp_path / "scenarios" / "basis.toml").write_text(text, encoding="utf-8")
    (tmp_path / "scenarios" / "varianten" / "basis2.toml").write_text(text, encoding="utf-8")
    (tmp_path / "elders" / "geheim.toml").write_text(text, encoding="utf-8")
    return tmp_path


def _variant(path: Path, extends: str) -> Path:
    path.write_text(f"extends = {json.dumps(extends)}\nname = \"variant\"\n", encoding="utf-8")
    return path


def _extends_error(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        simfin.load(path)
    assert info.value.field == "extends"
    return info.value


def test_same_folder_and_subfolders_are_allowed(tree):
    assert simfin.load(_variant(tree / "scenarios" / "v1.toml", "basis.toml")).name == "variant"
    assert simfin.load(_variant(tree / "scenarios" / "v2.toml", "varianten/basis2.toml")).name \
        == "variant"
    assert simfin.load(_variant(tree / "scenarios" / "v3.toml", "./varianten/../basis.toml")) \
        .name == "variant"


@pytest.mark.parametrize("target", ["../elders/geheim.toml", "varianten/../../elders/geheim.toml",
                                    "../scenarios/../elders/geheim.toml"])
def test_relative_paths_out_of_the_folder_are_refused(tree, target):
    err = _extends_error(_variant(tree / "scenarios" / "v.toml", target))
    assert "expected a base file inside" in err.message and "absolute path" in err.message


def test_each_file_is_confined_to_its_own_folder(tree):
    # A variant in a subfolder may not climb back to its parent folder either.
    inner = _variant(tree / "scenarios" / "varianten" / "v.toml", "../basis.toml")
    err = _extends_error(inner)
    assert err.file == str(inner)
    outer = _variant(tree / "scenarios" / "v.toml", "varianten/v.toml")
    assert _extends_error(outer).file.endswith("v.toml")


def test_absolute_paths_are_the_users_explicit_choice(tree):
    target = (tree / "elders" / "geheim.toml").resolve()
    assert simfin.load(_variant(tree / "scenarios" / "v.toml", str(target))).name == "variant"


def test_a_symlink_pointing_outside_is_refused(tree):
    link = tree / "scenarios" / "link.toml"
    link.symlink_to(tree / "elders" / "geheim.toml")
    _extends_error(_variant(tree / "scenarios" / "v.toml", "link.toml"))


def test_text_that_looks_like_code_stays_text(tmp_path, monkeypatch):
    marker = tmp_path / "GEHACKT"
    data = small_scenario_dict()
    data["name"] = "__import__('os').system('touch GEHACKT')"
    data["description"] = "!!python/object/apply:os.system ['touch GEHACKT'] ${HOME} `id`"
    path = tmp_path / "s.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scenario = simfin.load(path)
    assert scenario.name == data["name"] and scenario.description == data["description"]
    assert not marker.exists()


def test_numbers_cannot_be_expressions(tmp_path):
    text = to_toml(small_scenario_dict()).replace("fte = 6", "fte = 2 * 3")
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match="expected valid TOML"):
        simfin.load(path)


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "yaml", "importlib", "subprocess",
                     "ctypes", "dill", "cloudpickle"}


@pytest.mark.parametrize("module", sorted(p.relative_to(SCENARIO_PACKAGE).as_posix()
                                           for p in SCENARIO_PACKAGE.rglob("*.py")))
def test_the_scenario_package_evaluates_nothing(module):
    tree = ast.parse((SCENARIO_PACKAGE / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, (module, node.func.id)
        if isinstance(node, ast.Import):
            assert not {a.name.split(".")[0] for a in node.names} & FORBIDDEN_MODULES, module
        if isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in FORBIDDEN_MODULES, module
