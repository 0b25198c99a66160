"""Start-up cost: ``import thidua`` and ``thidua --help`` import no optional dependency
(Excel, Word, iCalendar, Hypothesis) — checked through ``sys.modules`` in a fresh
interpreter, never with timings (those are in benchmarks/import_time.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import thidua

OPTIONAL = ("openpyxl", "docx", "icalendar", "hypothesis", "jsonschema", "icu")


def _modules_after(code: str) -> set[str]:
    """Top-level packages imported by running ``code`` in a fresh interpreter."""
    probe = (f"{code}\nimport sys, json\n"
             "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=False, env={"THIDUA_DISABLE_PLUGIN_AUTOLOAD": "",
                                           "PATH": "", "PYTHONDONTWRITEBYTECODE": "1"})
    assert res.returncode == 0, res.stderr
    return set(json.loads(res.stdout.strip().splitlines()[-1]))


def test_import_thidua_imports_almost_nothing() -> None:
    loaded = _modules_after("import thidua")
    assert not loaded & set(OPTIONAL)
    # the public API is lazy: even the required dependencies wait until used
    assert not loaded & {"holidays", "cattrs", "pluggy", "dateutil", "attrs", "attr"}


@pytest.mark.parametrize("code", [
    "from thidua import Dossier, Unit, load_example; load_example()",
    "import thidua.testing",
    "from thidua.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    "from thidua.cli.main import main\nfrom thidua.data import example_dossier_path\n"
    "main(['validate', str(example_dossier_path())])",
])
def test_no_optional_dependency_is_imported(code: str) -> None:
    assert not _modules_after(code) & set(OPTIONAL)


def test_every_public_name_resolves() -> None:
    assert thidua.__all__ == sorted(set(thidua.__all__), key=thidua.__all__.index)
    for name in thidua.__all__:
        value = getattr(thidua, name)
        assert value is not None, name
    assert set(thidua.__all__) <= set(dir(thidua))


def test_lazy_names_are_the_objects_of_their_modules() -> None:
    from thidua import serialization
    from thidua.data import load_example
    from thidua.model import Dossier

    assert thidua.Dossier is Dossier
    assert thidua.load_dossier is serialization.load_dossier
    assert thidua.json_schema is serialization.json_schema
    assert thidua.load_example is load_example


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        thidua.no_such_name  # noqa: B018
