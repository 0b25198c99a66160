"""The hook reference (docs/hooks.md) documents every hook of the specification and no
other, every hook's docstring says when it runs and "Return None to defer", and the
examples of the plugin docs run as they are."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest

from thidua.plugins import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs"


def spec_hooks() -> list[str]:
    return sorted(name for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
                  if hasattr(obj, f"{hookspecs.PROJECT}_spec"))


def documented_hooks() -> list[str]:
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    return sorted(re.findall(r"^### `(thidua_\w+)`$", text, flags=re.MULTILINE))


def test_the_specification_has_the_hooks_the_issue_asks_for() -> None:
    assert set(spec_hooks()) >= {
        "thidua_rules", "thidua_plans", "thidua_parameter_overrides",
        "thidua_rule_changes", "thidua_award_types", "thidua_calendar_days",
        "thidua_exporters", "thidua_cli_commands",
    }


def test_every_hook_is_in_the_reference_and_nothing_else() -> None:
    missing = sorted(set(spec_hooks()) - set(documented_hooks()))
    stale = sorted(set(documented_hooks()) - set(spec_hooks()))
    assert not missing, f"hooks missing from docs/hooks.md: {missing}"
    assert not stale, f"docs/hooks.md documents hooks that do not exist: {stale}"
    assert len(documented_hooks()) == len(set(documented_hooks()))


@pytest.mark.parametrize("name", spec_hooks())
def test_every_hook_docstring_says_when_what_and_to_defer(name: str) -> None:
    doc = " ".join((inspect.getdoc(getattr(hookspecs, name)) or "").split())
    assert name.startswith("thidua_")
    assert "When:" in doc
    assert "Return:" in doc
    assert "Return None to defer." in doc
    signature = str(inspect.signature(getattr(hookspecs, name))).replace("'", "")
    assert signature.endswith("| None"), signature
    reference = (DOCS / "hooks.md").read_text(encoding="utf-8")
    assert f"`{name}{signature}`" in reference, "docs/hooks.md shows another signature"


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_the_examples_of_the_hook_reference_run() -> None:
    blocks = python_blocks("hooks.md")
    assert len(blocks) >= 5
    namespace: dict[str, object] = {"__name__": "docs_hooks"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for block in blocks:
            exec(compile(block, "docs/hooks.md", "exec"), namespace)


def test_the_worked_example_of_the_guide_builds_and_passes_its_own_tests(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files of docs/plugins.md, written to a folder, are a working plugin package:
    its entry point names its module, its Python example runs, its test passes."""
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    files = re.findall(r'^```\w+ title="([^"]+)"\n(.*?)^```$', text,
                       flags=re.MULTILINE | re.DOTALL)
    assert {name for name, _ in files} == {
        "pyproject.toml", "src/thidua_vi_du/overrides.toml", "src/thidua_vi_du/__init__.py",
        "tests/test_vi_du_plugin.py"}
    root = tmp_path / "thidua-vi-du"
    for name, body in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["thidua"] == {"thidua_vi_du": "thidua_vi_du"}
    monkeypatch.syspath_prepend(str(root / "src"))
    monkeypatch.delitem(sys.modules, "thidua_vi_du", raising=False)
    try:
        namespace: dict[str, object] = {"__name__": "docs_plugins"}
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for block in python_blocks("plugins.md"):
                exec(compile(block, "docs/plugins.md", "exec"), namespace)
    finally:
        sys.modules.pop("thidua_vi_du", None)
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-W", "error", str(root / "tests")], cwd=root, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
