"""The JSON layer: strict reading with every problem and its path, lossless round
trip, the generated JSON Schema, reports as ``--format json`` prints them."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.data import example_dossier_path, example_dossier_text, load_example
from thidua.errors import DossierError, Problem
from thidua.model import (
    AwardGrant,
    Citation,
    Dossier,
    Event,
    Exemplar,
    Finding,
    Honour,
    MemberStats,
    Movement,
    Submission,
    Unit,
    YearRecord,
    nfc,
)
from thidua.parameters import MonthDay, ParameterStatus, Range, ResolvedValue
from thidua.rules.engine import PluginInfo, Report, Trace, TracedRule
from thidua.serialization import (
    dossier_to_dict,
    dump_dossier,
    json_schema,
    load_dossier,
    loads_dossier,
    make_converter,
    report_to_dict,
    to_jsonable,
)

PLAN = "vn-hy-district-exemplars-2022"

# -- a small local strategy of valid dossiers ----------------------------------------

IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
SLUGS = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
NAMES = st.text(min_size=1, max_size=20).filter(lambda s: nfc(s) != "")
YEARS = st.integers(1945, 2200)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def member_stats(draw: st.DrawFn) -> MemberStats:
    total = draw(st.integers(0, 200))
    part = st.integers(0, total)
    return MemberStats(total=total, completed=draw(part), lao_dong_tien_tien=draw(part),
                       chien_si_thi_dua_co_so=draw(part), disciplined=draw(part))


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    unit_ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    units = [Unit(id=uid, name=draw(NAMES), level=draw(SLUGS),
                  parent=draw(st.none() | st.sampled_from(unit_ids[:i])) if i else None,
                  bloc=draw(st.none() | NAMES))
             for i, uid in enumerate(unit_ids)]
    mov_ids = draw(st.lists(IDS, max_size=3, unique=True))
    movements = [Movement(id=m, name=draw(NAMES), lead=draw(st.sampled_from(unit_ids)))
                 for m in mov_ids]
    honours = st.builds(Honour, year=YEARS,
                        movement=st.none() | (st.sampled_from(mov_ids) if mov_ids
                                              else st.none()))
    ex_ids = draw(st.lists(IDS, max_size=8, unique=True))
    exemplars = [Exemplar(id=e, name=draw(NAMES),
                          kind=draw(st.sampled_from(["mo_hinh", "tap_the", "ca_nhan"])),
                          unit=draw(st.sampled_from(unit_ids)),
                          honoured=draw(st.lists(honours, max_size=2)))
                 for e in ex_ids]
    submissions = []
    if len(unit_ids) >= 2:
        for sid in draw(st.lists(IDS, max_size=4, unique=True)):
            frm, to = draw(st.permutations(unit_ids))[:2]
            submissions.append(Submission(
                id=sid, year=draw(YEARS), from_unit=frm, to_unit=to,
                submitted_on=draw(st.none() | DATES),
                exemplars=draw(st.lists(st.sampled_from(ex_ids), unique=True)) if ex_ids
                else (),
                attachments=draw(st.lists(SLUGS, max_size=2))))
    records = []
    awards = []
    if ex_ids:
        keys = draw(st.lists(st.tuples(st.sampled_from(ex_ids), YEARS), max_size=6,
                             unique=True))
        records = [YearRecord(
            subject=s, year=y,
            assessment=draw(st.sampled_from(["hoan_thanh_xuat_sac", "hoan_thanh_tot",
                                             "hoan_thanh", "khong_hoan_thanh"])),
            titles=draw(st.lists(SLUGS, max_size=3, unique=True)),
            initiatives=draw(st.integers(0, 5)),
            initiative_scope=draw(st.none() | SLUGS),
            members=draw(st.none() | member_stats())) for s, y in keys]
        awards = [AwardGrant(subject=draw(st.sampled_from(ex_ids)), award=draw(SLUGS),
                             decided_on=draw(DATES), decision=draw(st.text(max_size=12)),
                             achievement_years=draw(st.lists(YEARS, max_size=3)),
                             proposed=draw(st.booleans()),
                             payer=draw(st.none() | st.sampled_from(unit_ids)))
                  for _ in range(draw(st.integers(0, 3)))]
    events = [Event(obligation=draw(IDS), unit=draw(st.sampled_from(unit_ids)),
                    year=draw(YEARS), on=draw(DATES), note=draw(st.text(max_size=10)))
              for _ in range(draw(st.integers(0, 2)))]
    return Dossier(plan=PLAN, units=units, movements=movements, exemplars=exemplars,
                   submissions=submissions, records=records, awards=awards, events=events)


def _validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


SCHEMA_VALIDATOR = _validator()


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_dossier_text())
    return data


def _problems(data: Any) -> list[Problem]:
    text = data if isinstance(data, str | bytes) else json.dumps(data, ensure_ascii=False)
    with pytest.raises(DossierError) as info:
        loads_dossier(text)
    return list(info.value.problems)


def _paths(data: Any) -> list[str]:
    return [p.path for p in _problems(data)]


# -- round trip ---------------------------------------------------------------------

@given(dossiers())
def test_dump_then_load_gives_an_equal_dossier(d: Dossier) -> None:
    text = dump_dossier(d)
    assert loads_dossier(text) == d
    assert loads_dossier(text.encode("utf-8")) == d
    assert unicodedata.is_normalized("NFC", text)


@given(dossiers())
def test_every_built_dossier_validates_against_the_schema(d: Dossier) -> None:
    SCHEMA_VALIDATOR.validate(dossier_to_dict(d))


def test_the_example_round_trips_byte_for_byte() -> None:
    text = example_dossier_text()
    assert dump_dossier(loads_dossier(text)) == text


def test_the_example_validates_against_the_schema() -> None:
    SCHEMA_VALIDATOR.validate(_example())


def test_load_dossier_accepts_path_text_and_bytes() -> None:
    path = example_dossier_path()
    by_path = load_dossier(path)
    assert load_dossier(str(path)) == by_path
    assert load_dossier(path.read_text(encoding="utf-8")) == by_path
    assert load_dossier(path.read_bytes()) == by_path
    assert load_example() == by_path


def test_core_names_of_the_format_are_kept() -> None:
    d = dossier_to_dict(load_example())
    assert list(d)[:2] == ["format", "plan"]
    assert d["format"] == "thidua.dossier/1"
    sub = d["submissions"][0]
    assert {"id", "year", "from", "to", "submitted_on", "exemplars", "attachments"} <= set(sub)
    assert "from_unit" not in sub
    assert "events" not in d  # an extension left at its default is omitted
    root = next(u for u in d["units"] if u["level"] == "huyen")
    assert "parent" not in root
    award = next(a for a in d["awards"] if not a.get("proposed"))
    assert "payer" not in award


def test_optional_extensions_are_written_when_set() -> None:
    d = Dossier(plan=PLAN, units=[Unit(id="h", name="H", level="huyen"),
                                  Unit(id="x", name="X", level="xa", parent="h", bloc="Khối 1")],
                exemplars=[Exemplar(id="e", name="E", kind="tap_the", unit="x")],
                records=[YearRecord(subject="e", year=2024, assessment="hoan_thanh",
                                    initiative_scope="tinh",
                                    members=MemberStats(total=3, completed=3))],
                awards=[AwardGrant(subject="e", award="giay_khen",
                                   decided_on=dt.date(2024, 6, 11), proposed=True, payer="h")],
                events=[Event(obligation="ke-hoach", unit="x", year=2024,
                              on=dt.date(2024, 3, 1))])
    out = dossier_to_dict(d)
    assert out["units"][1]["bloc"] == "Khối 1"
    assert out["records"][0]["initiative_scope"] == "tinh"
    assert out["records"][0]["members"] == {"total": 3, "completed": 3}
    assert out["awards"][0]["proposed"] is True
    assert out["awards"][0]["payer"] == "h"
    assert out["events"] == [{"obligation": "ke-hoach", "unit": "x", "year": 2024,
                              "on": "2024-03-01"}]
    assert loads_dossier(dump_dossier(d)) == d


def test_names_are_nfc_on_input_and_output() -> None:
    data = _example()
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    data["exemplars"][0]["name"] = "\u200b" + nfd + " "
    d = loads_dossier(json.dumps(data))
    assert d.exemplars[0].name == "Nguyễn Thị Hoa"
    assert unicodedata.is_normalized("NFC", d.exemplars[0].name)
    assert "Nguyễn Thị Hoa" in dump_dossier(d)


def test_output_is_readable_utf8_not_escaped() -> None:
    text = dump_dossier(load_example())
    assert "\\u" not in text
    assert "UBND huyện Văn Lâm" in text


def test_each_call_builds_a_new_private_converter() -> None:
    import cattrs

    a, b = make_converter(), make_converter()
    assert a is not b
    assert a is not cattrs.global_converter


# -- errors: every problem with its path ----------------------------------------------

def test_bad_date_names_path_and_value() -> None:
    data = _example()
    data["submissions"][3]["submitted_on"] = "2024-13-01"
    assert [str(p) for p in _problems(data)] == [
        "$.submissions[3].submitted_on: '2024-13-01' is not a date (expected YYYY-MM-DD)"]


@pytest.mark.parametrize("value", ["2024-1-05", "20240105", "2024-W01-1", 20240105, None,
                                   "2024-02-30"])
def test_only_iso_calendar_dates_are_dates(value: object) -> None:
    data = _example()
    data["awards"][0]["decided_on"] = value
    problems = _problems(data)
    assert [p.path for p in problems] == ["$.awards[0].decided_on"]
    assert "is not a date" in problems[0].message


def test_unknown_key_is_named_with_its_path() -> None:
    data = _example()
    data["units"][0]["colour"] = "đỏ"
    data["colour"] = 1
    problems = _problems(data)
    assert [p.path for p in problems] == ["$.colour", "$.units[0].colour"]
    assert all(p.message.startswith("unknown key") for p in problems)
    assert "parent" in problems[1].message  # says which keys are allowed


def test_attrs_validator_messages_survive_with_the_field_path() -> None:
    data = _example()
    data["units"][1]["id"] = "xã lạc đạo"
    data["units"][1]["level"] = "Xa"
    problems = _problems(data)
    by_path = {p.path: p.message for p in problems}
    assert "Unit.id must be an identifier" in by_path["$.units[1].id"]
    assert "'xã lạc đạo'" in by_path["$.units[1].id"]
    assert "Unit.level must be an ASCII snake_case slug" in by_path["$.units[1].level"]
    assert not any("invalid value" in p.message for p in problems)


def test_wrong_json_types_are_refused_not_coerced() -> None:
    data = _example()
    data["exemplars"][0]["name"] = 5
    data["records"][0]["year"] = "2023"
    data["records"][1]["initiatives"] = 1.0
    data["awards"][0]["proposed"] = "false"
    data["submissions"][0]["exemplars"] = "e-001"
    data["exemplars"][1]["kind"] = "nguoi"
    by_path = {p.path: p.message for p in _problems(data)}
    assert by_path == {
        "$.exemplars[0].name": "expected text, got 5",
        "$.exemplars[1].kind": "'nguoi' is not one of mo_hinh, tap_the, ca_nhan",
        "$.submissions[0].exemplars": "expected a list, got 'e-001'",
        "$.records[0].year": "expected a whole number, got '2023'",
        "$.records[1].initiatives": "expected a whole number, got 1.0",
        "$.awards[0].proposed": "expected true or false, got 'false'",
    }


def test_missing_required_keys_are_named() -> None:
    data = _example()
    del data["exemplars"][2]["kind"]
    del data["plan"]
    assert _paths(data) == ["$.plan", "$.exemplars[2].kind"]


def test_integrity_problems_pass_through_with_paths() -> None:
    data = _example()
    data["submissions"][5]["from"] = "xa-khong-co"
    data["submissions"][7]["exemplars"].append(data["submissions"][7]["exemplars"][0])
    data["records"][2]["subject"] = "e-999"
    problems = _problems(data)
    assert [p.path for p in problems] == [
        "$.submissions[5].from",
        f"$.submissions[7].exemplars[{len(data['submissions'][7]['exemplars']) - 1}]",
        "$.records[2].subject",
    ]
    assert "unknown unit 'xa-khong-co'" in problems[0].message
    assert "listed twice" in problems[1].message
    assert "unknown subject 'e-999'" in problems[2].message


def test_structural_and_integrity_problems_are_reported_together() -> None:
    data = _example()
    data["units"][0]["colour"] = "red"  # structural, in a unit others refer to
    data["submissions"][3]["submitted_on"] = "2024-13-01"  # structural
    data["submissions"][5]["from"] = "xa-khong-co"  # integrity
    data["records"][2]["subject"] = "e-999"  # integrity
    assert _paths(data) == ["$.units[0].colour", "$.submissions[3].submitted_on",
                            "$.submissions[5].from", "$.records[2].subject"]


def test_a_broken_entry_does_not_make_references_to_it_look_unknown() -> None:
    data = _example()
    data["exemplars"][0]["name"] = ""  # e-001 fails, but it is still e-001
    assert _paths(data) == ["$.exemplars[0].name"]


def test_malformed_json_gives_line_and_column() -> None:
    problems = _problems('{"plan": "x",\n  "units": [,]}')
    assert len(problems) == 1
    assert problems[0].path == "line 2, column 13"


def test_duplicate_keys_and_nan_are_refused() -> None:
    assert "appears twice" in _problems('{"plan": "a", "plan": "b"}')[0].message
    assert "NaN" in _problems('{"plan": "a", "units": NaN}')[0].message


def test_non_utf8_bytes_give_a_clear_error() -> None:
    with pytest.raises(DossierError, match="not UTF-8") as info:
        loads_dossier('{"plan": "Văn Lâm"}'.encode("cp1258"))
    assert "UTF-8" in info.value.problems[0].message


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    text = example_dossier_text()
    assert loads_dossier(b"\xef\xbb\xbf" + text.encode("utf-8")) == load_example()


@pytest.mark.parametrize("doc", ["[]", "3", '"x"', "null"])
def test_the_top_level_must_be_an_object(doc: str) -> None:
    assert _paths(doc) == ["$"]


def test_missing_file_is_a_dossier_error() -> None:
    with pytest.raises(DossierError, match="cannot read dossier"):
        load_dossier("/nonexistent/dossier.json")


def test_a_deeply_wrong_dossier_lists_every_problem_once() -> None:
    data = _example()
    data["units"] = "abc"
    data["exemplars"][0] = 7
    problems = _problems(data)
    assert [p.path for p in problems] == ["$.units", "$.exemplars[0]"]
    assert len({str(p) for p in problems}) == len(problems)


# -- the JSON Schema ----------------------------------------------------------------

def test_schema_is_draft_2020_12_and_closed() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name
    sub = schema["$defs"]["Submission"]["properties"]
    assert {"from", "to"} <= set(sub)
    assert sub["submitted_on"]["anyOf"][0] == {"type": "string", "format": "date"}
    assert schema["$defs"]["Exemplar"]["properties"]["kind"]["enum"] == [
        "mo_hinh", "tap_the", "ca_nhan"]
    assert "description" in schema["$defs"]["Exemplar"]["properties"]["honoured"]


def test_schema_follows_the_model_not_a_parallel_copy() -> None:
    import attrs

    schema = json_schema()
    for cls in (Unit, Movement, Exemplar, Honour, Submission, YearRecord, MemberStats,
                AwardGrant, Event):
        props = schema["$defs"][cls.__name__]["properties"]
        names = [{"from_unit": "from", "to_unit": "to"}.get(a.name, a.name)
                 for a in attrs.fields(cls)]
        assert list(props) == names


@pytest.mark.parametrize(("path", "value"), [
    (("units", 0, "colour"), "red"),
    (("exemplars", 0, "kind"), "nguoi"),
    (("submissions", 0, "submitted_on"), "2024-13-01"),
    (("records", 0, "assessment"), "xuat_sac"),
    (("records", 0, "year"), 1900),
    (("awards", 0, "award"), "Bằng khen"),
    (("units", 0, "id"), "a b"),
    (("format",), "thidua.dossier/2"),
])
def test_schema_rejects_invalid_dossiers(path: tuple[Any, ...], value: Any) -> None:
    data = _example()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(SCHEMA_VALIDATOR.iter_errors(data))
    with pytest.raises(DossierError):  # the loader refuses it too
        loads_dossier(json.dumps(data, ensure_ascii=False))


def test_schema_requires_the_required_keys() -> None:
    data = _example()
    del data["exemplars"][0]["unit"]
    assert list(SCHEMA_VALIDATOR.iter_errors(data))


# -- reports and other objects ------------------------------------------------------

def _finding(**kw: Any) -> Finding:
    base: dict[str, Any] = {
        "rule": "quota.commune", "severity": "error", "subject": "s-2023-xa-chi-dao",
        "clause": "IV.1.d.1", "message_vi": "Quá 6 điển hình", "message_en": "Over 6",
        "evidence": {"count": 7, "max": 6, "late": False, "note": None}}
    base.update(kw)
    return Finding(**base)


def test_report_to_dict_has_the_results_shape() -> None:
    report = Report(plan=PLAN, year=2023, findings=(_finding(),))
    out = report_to_dict(report)
    assert out["plan"] == PLAN
    assert out["year"] == 2023
    assert "trace" not in out
    (f,) = out["findings"]
    assert f == {"rule": "quota.commune", "severity": "error",
                 "subject": "s-2023-xa-chi-dao", "clause": "IV.1.d.1", "document": "",
                 "message_vi": "Quá 6 điển hình", "message_en": "Over 6",
                 "evidence": {"count": 7, "max": 6, "late": False, "note": None}}
    assert json.loads(json.dumps(out)) == out


def test_report_trace_lists_parameters_with_citation_and_provenance() -> None:
    cit = Citation(clause="IV.1.d.1", document=PLAN)
    values = (
        ResolvedValue(parameter="registration.commune.quota", value=Range(5, 6),
                      effective_from=dt.date(2022, 4, 21), exception_year=None,
                      source="thidua.seed", citation=cit, status=ParameterStatus.VERIFIED,
                      unit="exemplars"),
        ResolvedValue(parameter="registration.commune.deadline", value=MonthDay(5, 30),
                      effective_from=None, exception_year=2022, source="thidua.seed",
                      citation=cit, status=ParameterStatus.VERIFIED, unit="day"),
        ResolvedValue(parameter="bonus.coefficient", value=Decimal("4.5"),
                      effective_from=dt.date(2024, 1, 1), exception_year=None,
                      source="acme", citation=cit, status=ParameterStatus.UNCONFIRMED,
                      unit="×"),
    )
    trace = Trace(plan=PLAN, plan_source="thidua.seed", year=2022,
                  as_of=dt.date(2022, 6, 1),
                  plugins=(PluginInfo(name="thidua.seed", version="builtin",
                                      contributes=("thidua_plans",)),),
                  parameters=values,
                  rules=(TracedRule(id="quota.commune", clause="IV.1.d.1",
                                    source="thidua.seed"),))
    report = Report(plan=PLAN, year=2022, findings=(), trace=trace)
    assert "trace" not in report_to_dict(report)
    out = report_to_dict(report, trace=True)
    tr = out["trace"]
    assert tr["as_of"] == "2022-06-01"
    assert tr["rules"] == [{"id": "quota.commune", "clause": "IV.1.d.1",
                            "source": "thidua.seed"}]
    quota, deadline, coef = tr["parameters"]
    assert quota == {"id": "registration.commune.quota", "value": {"min": 5, "max": 6},
                     "unit": "exemplars",
                     "citation": {"clause": "IV.1.d.1", "document": PLAN},
                     "effective_from": "2022-04-21", "exception_year": None,
                     "source": "thidua.seed", "status": "verified"}
    assert deadline["value"] == "05-30"
    assert deadline["exception_year"] == 2022
    assert coef["value"] == "4.5"
    assert coef["status"] == "unconfirmed"
    assert json.loads(json.dumps(out)) == out


def test_to_jsonable_uses_the_format_names() -> None:
    sub = Submission(id="s", year=2024, from_unit="a", to_unit="b",
                     submitted_on=dt.date(2024, 1, 12), exemplars=["e-1"])
    assert to_jsonable(sub) == {"id": "s", "year": 2024, "from": "a", "to": "b",
                                "submitted_on": "2024-01-12", "exemplars": ["e-1"],
                                "attachments": []}
    assert to_jsonable([_finding()])[0]["severity"] == "error"
    assert to_jsonable({"d": Decimal("1.50"), "r": Range(10, None)}) == {
        "d": "1.50", "r": {"min": 10, "max": None}}


def test_the_example_is_not_modified_by_loading() -> None:
    data = _example()
    before = copy.deepcopy(data)
    loads_dossier(json.dumps(data))
    assert data == before
