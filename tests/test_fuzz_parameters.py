"""Fuzzing parameter files (the data a plugin ships): whatever a file holds, loading
gives a store or a ThiduaError naming the file, the parameter and the problem — never
another exception. Size and nesting limits are enforced with a LimitError."""

from __future__ import annotations

import json
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.errors import LimitError, ParameterError, ThiduaError
from thidua.limits import (
    MAX_PARAMETERS_PER_FILE,
    MAX_TEXT_LENGTH,
    MAX_TOML_FILE_BYTES,
    MAX_VALUES_PER_PARAMETER,
)
from thidua.parameters import ParameterStore, load_parameter_file, parse_parameters
from thidua.plugins.builtin import seed
from thidua.testing import parameter_tables
from thidua.testing.fuzz import hostile_scalars, json_values, mutations

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
SEED_FILE = Path(seed.__file__).with_name("parameters.toml")
SEED_DATA = tomllib.loads(SEED_FILE.read_text(encoding="utf-8"))
ORIGIN = "plugin.toml"


def _outcome(data: Any) -> ParameterStore | ThiduaError:
    try:
        return parse_parameters(data, origin=ORIGIN)
    except ThiduaError as exc:
        _check(exc)
        return exc


def _check(exc: ThiduaError) -> None:
    text = str(exc)
    assert text.strip()
    assert "Traceback" not in text
    if isinstance(exc, ParameterError):
        for p in exc.problems:
            assert p.message.strip(), p
    assert ORIGIN in text or "file" in text, "the error names the file"


def _toml_safe(value: Any) -> bool:
    """Values a TOML parser could have produced (no None, no NaN keys …)."""
    return value is not None


@FUZZ
@given(st.data())
def test_mutated_parameter_tables(data: st.DataObject) -> None:
    table = data.draw(parameter_tables())
    doc = data.draw(mutations({"document": "KH", "parameter": [table]}))
    if isinstance(doc, dict):
        _outcome(doc)


@FUZZ
@given(mutations(SEED_DATA, max_changes=4))
def test_mutated_seed_file(doc: Any) -> None:
    if isinstance(doc, dict):
        _outcome(doc)


@FUZZ
@given(st.dictionaries(st.sampled_from(["document", "parameter", "x"]), json_values()))
def test_any_document(doc: dict[str, Any]) -> None:
    _outcome(doc)


@FUZZ
@given(st.sampled_from(["id", "description", "unit", "kind", "clause", "status", "values",
                        "exceptions", "choices", "document"]), hostile_scalars(),
       parameter_tables())
def test_one_hostile_key(key: str, value: Any, table: dict[str, Any]) -> None:
    table[key] = value
    _outcome({"parameter": [table]})


@FUZZ
@given(st.sampled_from(["from", "value", "note", "clause", "year"]), hostile_scalars(),
       parameter_tables(max_exceptions=1))
def test_one_hostile_value_entry(key: str, value: Any, table: dict[str, Any]) -> None:
    section = "exceptions" if key == "year" and table.get("exceptions") else "values"
    table[section][0][key] = value
    _outcome({"parameter": [table]})


def _load_text(text: str | bytes) -> ParameterStore | ThiduaError:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.toml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        try:
            return load_parameter_file(path)
        except ThiduaError as exc:
            error = exc
    text = str(error)
    assert text.strip()
    assert "Traceback" not in text
    assert "p.toml" in text, "the error names the file"
    return error


@FUZZ
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_any_file_content(text: str | bytes) -> None:
    _load_text(text)


@FUZZ
@given(st.integers(0, len(SEED_FILE.read_text(encoding="utf-8")) - 1),
       st.sampled_from(["", "[", "]", "=", "\"", "{", "\x00", "\n[[parameter]]\n"]))
def test_broken_seed_file(at: int, insert: str) -> None:
    text = SEED_FILE.read_text(encoding="utf-8")
    _load_text(text[:at] + insert + text[at + 1:])


# -- named cases -------------------------------------------------------------------------

def test_the_seed_file_itself_loads() -> None:
    assert isinstance(_load_text(SEED_FILE.read_text(encoding="utf-8")), ParameterStore)


@pytest.mark.parametrize("depth", [40, 5000])
def test_deep_nesting_is_a_limit_error(depth: int) -> None:
    result = _load_text("x = " + "[" * depth + "]" * depth + "\n")
    assert isinstance(result, ThiduaError)


def test_a_stack_overflowing_file_is_a_limit_error_naming_the_file() -> None:
    result = _load_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert isinstance(result, LimitError)
    assert "nested too deeply" in str(result)


def test_a_huge_file_is_refused_without_reading_it_all() -> None:
    result = _load_text("# " + "x" * MAX_TOML_FILE_BYTES + "\n")
    assert isinstance(result, LimitError)
    assert "MAX_TOML_FILE_BYTES" in str(result)


def test_non_utf8_is_a_parameter_error() -> None:
    result = _load_text("document = \"K\xea ho\u1ea1ch\"".encode("cp1258", "replace"))
    assert isinstance(result, ParameterError)


FROM = tomllib.loads("d = 2022-01-01")["d"]


def _table(**extra: Any) -> dict[str, Any]:
    table = {"id": "p.x", "description": "x", "unit": "n", "kind": "int",
             "clause": "IV.1", "status": "verified",
             "values": [{"from": tomllib.loads("d = 2022-01-01")["d"], "value": 1}]}
    table.update(extra)
    return table


def test_too_many_parameters_or_values_are_limit_errors() -> None:
    many = [_table(id=f"p.{i}") for i in range(MAX_PARAMETERS_PER_FILE + 1)]
    with pytest.raises(LimitError, match="MAX_PARAMETERS_PER_FILE"):
        parse_parameters({"parameter": many}, origin=ORIGIN)
    values = [{"from": tomllib.loads(f"d = {2000 + i % 100}-01-{1 + i // 100:02d}")["d"],
               "value": i} for i in range(MAX_VALUES_PER_PARAMETER + 1)]
    with pytest.raises(LimitError, match=r"p\.x.*MAX_VALUES_PER_PARAMETER"):
        parse_parameters({"parameter": [_table(values=values)]}, origin=ORIGIN)


def test_a_long_text_is_a_limit_error_with_its_path() -> None:
    with pytest.raises(LimitError, match=r"parameter\[0\]\.description.*MAX_TEXT_LENGTH"):
        parse_parameters({"parameter": [_table(description="x" * (MAX_TEXT_LENGTH + 1))]},
                         origin=ORIGIN)


@pytest.mark.parametrize(("extra", "needle"), [
    ({"values": [{"from": "2022-02-30", "value": 1}]}, "'from' must be a date"),
    ({"kind": "range", "values": [{"from": FROM, "value": {"min": -1}}]}, "≥ 0"),
    ({"kind": "range", "values": [{"from": FROM, "value": {"min": None}}]}, "whole numbers"),
    ({"kind": "decimal", "values": [{"from": FROM, "value": 0.1}]}, "as strings"),
    ({"kind": "choice", "choices": 5}, "choices"),
    ({"kind": "choice", "choices": [1, 2]}, "choices"),
])
def test_bad_values_are_parameter_errors(extra: dict[str, Any], needle: str) -> None:
    with pytest.raises(ParameterError, match=needle):
        parse_parameters({"parameter": [_table(**extra)]}, origin=ORIGIN)


def test_hostile_text_stays_text() -> None:
    hostile = "__import__('os').system('touch PWNED')"
    store = parse_parameters({"parameter": [_table(description=hostile, kind="text",
                                                   values=[{"from": _table()["values"][0]
                                                            ["from"], "value": hostile}])]},
                             origin=ORIGIN)
    assert store["p.x"].description == hostile
    assert store["p.x"].timeline[0].value == hostile
    assert json.dumps(hostile)  # plain text, nothing evaluated


def test_a_blank_clause_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError, match="clause"):
        parse_parameters({"parameter": [_table(clause="  ")]}, origin=ORIGIN)


def test_a_blank_clause_in_an_override_file_is_a_parameter_error() -> None:
    from thidua.parameters import parse_overrides

    store = parse_parameters({"parameter": [_table()]}, origin=ORIGIN)
    override = {"parameter": "p.x", "clause": "\u200b ",
                "values": [{"from": tomllib.loads("d = 2024-01-01")["d"], "value": 2}]}
    with pytest.raises(ParameterError, match="plugin") as info:
        parse_overrides({"override": [override]}, store, origin="o.toml", source="plugin")
    assert any("clause" in p.message for p in info.value.problems)
