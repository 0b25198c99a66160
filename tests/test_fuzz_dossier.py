"""Fuzzing the dossier loader: whatever an agency system sends, the outcome is a
dossier or a ThiduaError naming the path and the problem — never another exception,
a hang, or an error too large to read. Plus the named edge cases of issue 7."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.data import example_dossier_text
from thidua.errors import DossierError, LimitError, ThiduaError
from thidua.limits import (
    MAX_HIERARCHY_DEPTH,
    MAX_LIST_ENTRIES,
    MAX_PROBLEMS,
    MAX_TEXT_LENGTH,
)
from thidua.model import Dossier
from thidua.serialization import dossier_to_dict, dump_dossier, loads_dossier
from thidua.testing import any_dossiers
from thidua.testing.fuzz import broken_json, hostile_scalars, json_values, mutations

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
EXAMPLE: dict[str, Any] = json.loads(example_dossier_text())
SMALL = {"format": "thidua.dossier/1", "plan": "p",
         "units": [{"id": "huyen", "name": "UBND huyện", "level": "huyen"},
                   {"id": "xa-a", "name": "UBND xã A", "level": "xa", "parent": "huyen"}],
         "exemplars": [{"id": "e-1", "name": "Nguyễn Thị Hoa", "kind": "ca_nhan",
                        "unit": "xa-a", "honoured": [{"year": 2020}]}],
         "submissions": [{"id": "s-1", "year": 2024, "from": "xa-a", "to": "huyen",
                          "submitted_on": "2024-01-12", "exemplars": ["e-1"]}],
         "records": [{"subject": "e-1", "year": 2023, "assessment": "hoan_thanh",
                      "titles": ["lao_dong_tien_tien"], "members": {"total": 3,
                                                                    "completed": 3}}],
         "awards": [{"subject": "e-1", "award": "giay_khen", "decided_on": "2023-06-11"}]}


def _outcome(text: str | bytes) -> Dossier | ThiduaError:
    """Load ``text``; any exception other than a ThiduaError fails the test."""
    try:
        return loads_dossier(text)
    except ThiduaError as exc:
        _check_error(exc)
        return exc


def _check_error(exc: ThiduaError) -> None:
    message = str(exc)
    assert message.strip(), "an error must say what is wrong"
    assert "Traceback" not in message
    assert len(message) < 300 * (MAX_PROBLEMS + 2), "the error must stay readable"
    if isinstance(exc, DossierError):
        assert exc.summary
        assert len(exc.problems) <= MAX_PROBLEMS + 1
        for p in exc.problems:
            assert p.path.startswith(("$", "line ", "byte ", "…")), p
            assert p.message.strip(), p
        message.encode("utf-8")  # printable as UTF-8: no lone surrogate in it
    elif isinstance(exc, LimitError):
        assert "thidua.limits." in message
        assert "$" in message


def _dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, allow_nan=True)


# -- property fuzzing ----------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes(raw: bytes) -> None:
    _outcome(raw)


@FUZZ
@given(json_values())
def test_any_json_document(doc: Any) -> None:
    _outcome(_dumps(doc))


@FUZZ
@given(mutations(SMALL))
def test_mutated_small_dossier(doc: Any) -> None:
    _outcome(_dumps(doc))


@settings(FUZZ, max_examples=min(settings.default.max_examples, 40))
@given(mutations(EXAMPLE, max_changes=5))
def test_mutated_example_dossier(doc: Any) -> None:
    _outcome(_dumps(doc))


@FUZZ
@given(st.data())
def test_mutated_generated_dossier(data: st.DataObject) -> None:
    d = data.draw(any_dossiers())
    doc = data.draw(mutations(dossier_to_dict(d)))
    _outcome(_dumps(doc))


@FUZZ
@given(broken_json(SMALL))
def test_broken_json_is_a_dossier_error_with_line_and_column(text: str) -> None:
    result = _outcome(text)
    if isinstance(result, DossierError) and "not valid JSON" in result.summary:
        assert result.problems[0].path.startswith(("line ", "$"))


@FUZZ
@given(st.sampled_from(["units", "exemplars", "submissions", "records", "awards"]),
       st.sampled_from(["name", "id", "year", "level", "kind", "parent", "exemplars"]),
       hostile_scalars())
def test_one_hostile_field(section: str, field: str, value: Any) -> None:
    doc = json.loads(json.dumps(SMALL))
    doc[section][0][field] = value
    result = _outcome(_dumps(doc))
    if isinstance(result, Dossier):  # accepted: it must survive a round trip
        assert loads_dossier(dump_dossier(result)) == result


# -- the named cases -----------------------------------------------------------------------

def _with(section: str, index: int, field: str, value: Any) -> str:
    doc = json.loads(json.dumps(SMALL))
    doc[section][index][field] = value
    return _dumps(doc)


def _problems(text: str | bytes) -> list[str]:
    with pytest.raises(DossierError) as info:
        loads_dossier(text)
    _check_error(info.value)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("text", "path", "needle"), [
    (_with("submissions", 0, "submitted_on", "2024-02-30"), "$.submissions[0].submitted_on",
     "'2024-02-30' is not a date"),
    (_with("awards", 0, "decided_on", "2023-02-29"), "$.awards[0].decided_on", "not a date"),
    (_with("records", 0, "initiatives", -1), "$.records[0].initiatives", "≥ 0"),
    (_with("submissions", 0, "year", 99_999), "$.submissions[0].year", "between 1945"),
    (_with("submissions", 0, "year", -2024), "$.submissions[0].year", "between 1945"),
    (_with("submissions", 0, "year", "2024"), "$.submissions[0].year", "whole number"),
    (_with("units", 0, "level", 7), "$.units[0].level", "expected text"),
    (_with("exemplars", 0, "kind", "MO_HINH"), "$.exemplars[0].kind", "not one of"),
    (_with("units", 1, "colour", "red"), "$.units[1].colour", "unknown key"),
    (_with("units", 1, "id", "xa\u200b-a"), "$.units[1].id", "identifier"),
    (_with("submissions", 0, "exemplars", ["e-1", "e-1"]), "$.submissions[0].exemplars[1]",
     "listed twice"),
    (_with("units", 0, "parent", "xa-a"), "$.units", "cycle"),
    (_with("records", 0, "members", {"total": 1, "completed": 2}), "$.records[0].members",
     "cannot exceed"),
])
def test_named_bad_inputs_name_their_path(text: str, path: str, needle: str) -> None:
    found = _problems(text)
    assert any(p.startswith(path) and needle in p for p in found), found


@pytest.mark.parametrize("key", ["²", "٣", "\u200b", "line\nbreak", "k" * 500])
def test_odd_unknown_keys_are_named_on_one_line(key: str) -> None:
    # found by fuzzing: '²' is a digit to str.isdigit() but not to int()
    found = _problems(_dumps({**SMALL, key: 1}))
    assert len(found) == 1
    assert "unknown key" in found[0]
    assert "\n" not in found[0]


def test_nan_infinity_and_huge_numbers_are_refused() -> None:
    for bad in ("NaN", "Infinity", "-Infinity"):
        assert _problems(_dumps(SMALL).replace('"year": 2024', f'"year": {bad}'))
    assert _problems(_dumps(SMALL).replace('"year": 2024', '"year": 1e400'))
    digits = "9" * 5000  # beyond Python's int-from-text limit
    assert _problems(_dumps(SMALL).replace('"year": 2024', f'"year": {digits}'))


def test_a_huge_count_is_a_limit_error_with_its_path() -> None:
    with pytest.raises(LimitError, match=r"\$\.records\[0\]\.initiatives.*MAX_INTEGER"):
        loads_dossier(_with("records", 0, "initiatives", 10**30))


def test_nfd_and_nfc_spellings_are_one_name() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    zw = "Nguyễn\u200b Thị Hoa\ufeff"
    a = loads_dossier(_with("exemplars", 0, "name", nfd))
    b = loads_dossier(_with("exemplars", 0, "name", zw))
    assert a.exemplars[0].name == b.exemplars[0].name == "Nguyễn Thị Hoa"
    assert a == b == loads_dossier(_dumps(SMALL))


def test_duplicate_ids_are_each_reported() -> None:
    doc = json.loads(json.dumps(SMALL))
    doc["units"] = doc["units"] + [dict(doc["units"][1]) for _ in range(3)]
    found = _problems(_dumps(doc))
    assert sum("duplicate id 'xa-a'" in p for p in found) == 3


def test_a_long_cycle_is_refused_quickly() -> None:
    n = 100_000
    units = [{"id": f"u{i}", "name": "x", "level": "xa", "parent": f"u{(i + 1) % n}"}
             for i in range(n)]
    with pytest.raises(LimitError, match="MAX_HIERARCHY_DEPTH"):
        loads_dossier(_dumps({"format": "thidua.dossier/1", "plan": "p", "units": units}))


def test_a_deep_chain_is_refused_and_a_shallow_one_accepted() -> None:
    def chain(n: int) -> str:
        units = [{"id": f"u{i}", "name": "x", "level": "xa",
                  **({"parent": f"u{i - 1}"} if i else {})} for i in range(n)]
        return _dumps({"format": "thidua.dossier/1", "plan": "p", "units": units})

    assert len(loads_dossier(chain(MAX_HIERARCHY_DEPTH)).units) == MAX_HIERARCHY_DEPTH
    with pytest.raises(LimitError, match=r"\$\.units\[\d+\]\.parent"):
        loads_dossier(chain(100_000))


def test_100000_entry_lists() -> None:
    n = 100_000
    # a top-level section that long is fine ...
    units = [{"id": f"u{i}", "name": "x", "level": "xa"} for i in range(n)]
    d = loads_dossier(_dumps({"format": "thidua.dossier/1", "plan": "p", "units": units}))
    assert len(d.units) == n
    # ... a list inside one entry is not
    with pytest.raises(LimitError, match=r"\$\.submissions\[0\]\.exemplars.*MAX_LIST_ENTRIES"):
        loads_dossier(_with("submissions", 0, "exemplars", [f"e-{i}" for i in range(n)]))
    assert n > MAX_LIST_ENTRIES


def test_100000_problems_are_capped() -> None:
    units = [{"id": f"u{i}", "name": "x", "level": "xa", "parent": "nowhere"}
             for i in range(100_000)]
    with pytest.raises(DossierError) as info:
        loads_dossier(_dumps({"format": "thidua.dossier/1", "plan": "p", "units": units}))
    assert "100000 problem" in info.value.summary
    assert len(info.value.problems) == MAX_PROBLEMS + 1
    assert "more problem" in info.value.problems[-1].message


def test_long_texts_and_keys_are_limit_errors() -> None:
    long = "x" * (MAX_TEXT_LENGTH + 1)
    with pytest.raises(LimitError, match=r"\$\.units\[1\]\.name"):
        loads_dossier(_with("units", 1, "name", long))
    with pytest.raises(LimitError, match=r"\$\.units\[1\]"):
        loads_dossier(_with("units", 1, long, 1))
    with pytest.raises(LimitError, match=r"\$\.exemplars\[0\]\.honoured\[0\]"):
        loads_dossier(_with("exemplars", 0, "honoured", [{"year": 2020, "movement": long}]))


def test_deep_nesting_is_a_dossier_error() -> None:
    for depth in (500, 100_000):
        assert _problems('{"units": ' + "[" * depth + "]" * depth + "}")


def test_lone_surrogates_are_refused_with_their_path() -> None:
    text = _dumps(SMALL).replace("Nguyễn Thị Hoa", "Nguy\\ud800n")
    found = _problems(text)
    assert any(p.startswith("$.exemplars[0].name") and "surrogate" in p for p in found)
    # a paired surrogate escape is a real character and is fine
    ok = loads_dossier(_dumps(SMALL).replace("Nguyễn Thị Hoa", "Hoa \\ud83c\\udf38"))
    assert ok.exemplars[0].name == "Hoa 🌸"


def test_a_trailing_newline_is_not_part_of_an_identifier() -> None:
    found = _problems(_with("units", 1, "id", "xa-a\n"))
    assert any("$.units[1].id" in p for p in found)


def test_huge_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import thidua.serialization as ser

    monkeypatch.setattr(ser, "MAX_DOSSIER_BYTES", 1000)
    with pytest.raises(LimitError, match="MAX_DOSSIER_BYTES"):
        loads_dossier(b" " * 1001)
    with pytest.raises(LimitError, match="MAX_DOSSIER_BYTES"):
        loads_dossier(" " * 1001)
