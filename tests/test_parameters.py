"""Dated parameters: loading validates everything; resolution picks the value in
force, and a one-year exception only in its year; plugin overrides keep provenance."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.errors import ParameterError
from thidua.model import Citation
from thidua.parameters import (
    DatedValue,
    MonthDay,
    ParameterKind,
    ParameterOverride,
    ParameterStatus,
    ParameterStore,
    Range,
    load_parameter_file,
    parse_parameters,
)

DEADLINE = """
document = "KH huyện"

[[parameter]]
id = "registration.commune.deadline"
description = "Communes send their lists before this day"
unit = "day of year"
kind = "month_day"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2022-04-21, value = "01-15" }]
exceptions = [{ year = 2022, value = "05-30", note = "one-off 2022 date" }]

[[parameter]]
id = "registration.commune.quota"
description = "Exemplars each commune registers per year"
unit = "exemplars"
kind = "range"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2022-04-21, value = { min = 5, max = 6 } }]
"""


def store(text: str = DEADLINE, origin: str = "test.toml") -> ParameterStore:
    return parse_parameters(tomllib.loads(text), origin=origin)


def problems(text: str) -> list[str]:
    with pytest.raises(ParameterError) as info:
        store(text)
    return [str(p) for p in info.value.problems]


def one(**fields: str) -> str:
    """A file with one parameter; ``fields`` replace or add TOML lines."""
    base = {
        "id": '"p.x"', "description": '"x"', "unit": '"n"', "kind": '"int"',
        "clause": '"IV.1.d.1"', "status": '"verified"',
        "values": "[{ from = 2022-01-01, value = 1 }]",
    }
    base.update(fields)
    body = "\n".join(f"{k} = {v}" for k, v in base.items() if v)
    return f"[[parameter]]\n{body}\n"


# -- resolution -------------------------------------------------------------------------

def test_value_for_year_uses_the_one_year_exception_only_in_its_year() -> None:
    p = store()["registration.commune.deadline"]
    v2022 = p.value_for_year(2022)
    assert v2022.value == MonthDay(5, 30)
    assert v2022.exception_year == 2022
    for year in (2023, 2024, 2025):
        v = p.value_for_year(year)
        assert v.value == MonthDay(1, 15)
        assert v.exception_year is None
        assert v.effective_from == dt.date(2022, 4, 21)


def test_value_at_date() -> None:
    p = store()["registration.commune.deadline"]
    assert p.value_at(dt.date(2022, 5, 1)).value == MonthDay(5, 30)
    assert p.value_at(dt.date(2023, 1, 2)).value == MonthDay(1, 15)
    assert p.value_at(dt.date(2023, 1, 2)).citation == Citation(clause="IV.1.d.1",
                                                               document="KH huyện")


def test_before_the_first_value_there_is_none() -> None:
    p = store()["registration.commune.quota"]
    with pytest.raises(ParameterError, match="no value in force on 2022-04-20") as info:
        p.value_at(dt.date(2022, 4, 20))
    assert "2022-04-21" in str(info.value)
    with pytest.raises(ParameterError, match="no value for 2021"):
        p.value_for_year(2021)


def test_value_for_the_first_year_is_the_value_taking_effect_during_it() -> None:
    p = store()["registration.commune.quota"]
    assert p.value_for_year(2022).value == Range(5, 6)


def test_later_dated_value_replaces_the_earlier() -> None:
    text = one(kind='"money"', values="[{ from = 2019-07-01, value = 1490000 }, "
                                      "{ from = 2023-07-01, value = 1800000 }, "
                                      "{ from = 2024-07-01, value = 2340000 }]")
    p = store(text)["p.x"]
    assert p.value_at(dt.date(2023, 6, 30)).value == 1490000
    assert p.value_at(dt.date(2023, 7, 1)).value == 1800000
    assert p.value_for_year(2024).value == 1800000  # in force on 1 January
    assert p.value_at(dt.date(2026, 3, 1)).value == 2340000


@st.composite
def timelines(draw: st.DrawFn) -> tuple[list[dt.date], int | None]:
    dates = draw(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
                          min_size=1, max_size=5, unique=True))
    exc_year = draw(st.none() | st.integers(2000, 2031))
    return sorted(dates), exc_year


@given(timelines(), st.dates(dt.date(1999, 1, 1), dt.date(2032, 12, 31)))
def test_resolution_picks_the_value_in_force(tl: tuple[list[dt.date], int | None],
                                             when: dt.date) -> None:
    dates, exc_year = tl
    values = ", ".join(f"{{ from = {d.isoformat()}, value = {i} }}"
                       for i, d in enumerate(dates))
    exceptions = f"[{{ year = {exc_year}, value = 999 }}]" if exc_year else ""
    p = store(one(values=f"[{values}]", exceptions=exceptions))["p.x"]
    in_force = [i for i, d in enumerate(dates) if d <= when]
    if exc_year == when.year:
        assert p.value_at(when).value == 999
    elif in_force:
        assert p.value_at(when).value == in_force[-1]
    else:
        with pytest.raises(ParameterError):
            p.value_at(when)
    for year in {when.year, *(d.year for d in dates)}:
        if year != exc_year:
            try:
                assert p.value_for_year(year).value != 999
            except ParameterError:
                assert all(d.year > year for d in dates)


def test_store_resolves_every_parameter_for_a_year() -> None:
    s = store()
    resolved = s.for_year(2022)
    assert resolved.month_day("registration.commune.deadline") == MonthDay(5, 30)
    assert resolved.range("registration.commune.quota").contains(6)
    assert not resolved.range("registration.commune.quota").contains(7)
    assert len(s.for_year(2021)) == 0
    assert len(s.at(dt.date(2023, 1, 1))) == 2


def test_typed_accessors_refuse_the_wrong_kind() -> None:
    resolved = store().for_year(2023)
    with pytest.raises(ParameterError, match="is a Range, not a int"):
        resolved.int("registration.commune.quota")
    with pytest.raises(ParameterError, match="not defined for this plan"):
        resolved.range("registration.district.quota")


def test_unknown_parameter_names_the_known_ones() -> None:
    with pytest.raises(ParameterError, match="unknown parameter") as info:
        store()["nope"]
    assert "registration.commune.quota" in str(info.value)


# -- loading refuses bad files, naming file, parameter and problem ----------------------

def test_range_with_min_greater_than_max_is_refused() -> None:
    got = problems(one(kind='"range"', values="[{ from = 2022-01-01, value = "
                                              "{ min = 7, max = 6 } }]"))
    assert got == ["test.toml:p.x.values[0]: range min 7 is greater than max 6"]


def test_value_without_citation_is_refused() -> None:
    got = problems(one(clause=""))
    assert len(got) == 1
    assert got[0].startswith("test.toml:p.x: missing clause")
    assert "citation" in got[0]


def test_overlapping_exceptions_are_refused() -> None:
    got = problems(one(exceptions="[{ year = 2022, value = 2 }, { year = 2022, value = 3 }]"))
    assert got == ["test.toml:p.x: two exceptions for the year 2022 overlap"]


def test_two_values_on_one_date_are_refused() -> None:
    got = problems(one(values="[{ from = 2022-01-01, value = 1 }, "
                              "{ from = 2022-01-01, value = 2 }]"))
    assert got == ["test.toml:p.x: two values take effect on 2022-01-01"]


def test_float_decimals_are_refused() -> None:
    got = problems(one(kind='"decimal"', values="[{ from = 2022-01-01, value = 4.5 }]"))
    assert len(got) == 1
    assert "write decimals as strings" in got[0]
    ok = store(one(kind='"decimal"', values='[{ from = 2022-01-01, value = "4.5" }]'))
    assert ok["p.x"].value_for_year(2022).value == Decimal("4.5")


@pytest.mark.parametrize(("fields", "needle"), [
    ({"kind": '"float"'}, "unknown kind 'float'"),
    ({"status": '"maybe"'}, "status must be 'verified' or 'unconfirmed'"),
    ({"colour": '"red"'}, "unknown key 'colour'"),
    ({"values": "[]"}, "needs at least one value with a 'from' date"),
    ({"values": '[{ from = "2022-01-01", value = 1 }]'}, "'from' must be a date"),
    ({"values": "[{ from = 2022-01-01, value = true }]"}, "expected a whole number"),
    ({"kind": '"money"', "values": "[{ from = 2022-01-01, value = -1 }]"}, "money must be"),
    ({"kind": '"month_day"', "values": '[{ from = 2022-01-01, value = "02-30" }]'},
     "02-30 is not a day of the year"),
    ({"kind": '"choice"', "values": '[{ from = 2022-01-01, value = "c" }]'},
     "needs 'choices'"),
    ({"kind": '"choice"', "choices": '["a", "b"]',
      "values": '[{ from = 2022-01-01, value = "c" }]'}, "'c' is not one of a, b"),
    ({"exceptions": '[{ year = "2022", value = 1 }]'}, "'year' must be a whole number"),
])
def test_bad_parameters_are_refused_with_a_reason(fields: dict[str, str], needle: str) -> None:
    got = problems(one(**fields))
    assert any(needle in g for g in got), got
    assert all(g.startswith("test.toml:p.x") for g in got)


def test_every_problem_of_a_file_is_reported() -> None:
    text = one(clause="") + one(id='"p.y"', kind='"float"') + one(id='"p.z"', status='"?"')
    assert len(problems(text)) == 3


def test_duplicate_ids_and_unknown_top_level_keys() -> None:
    got = problems("colour = 1\n" + one() + one())
    assert "test.toml: unknown top-level key 'colour'" in got
    assert "test.toml:p.x: defined twice in the file" in got


def test_load_parameter_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "params.toml"
    path.write_text(one(clause=""), encoding="utf-8")
    with pytest.raises(ParameterError, match=str(path)):
        load_parameter_file(path)
    path.write_text("[[parameter]\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="is not valid TOML"):
        load_parameter_file(path)
    with pytest.raises(ParameterError, match="cannot read parameter file"):
        load_parameter_file(tmp_path / "missing.toml")


def test_the_seed_parameter_file_loads_with_citations() -> None:
    import thidua.plugins.builtin.seed as seed

    path = Path(seed.__file__).with_name("parameters.toml")
    s = load_parameter_file(path, source="thidua.seed")
    assert len(s) > 0
    for pid in s:
        p = s[pid]
        assert p.citation.clause
        assert p.status in (ParameterStatus.VERIFIED, ParameterStatus.UNCONFIRMED)
        assert all(v.source == "thidua.seed" for v in p.values)


# -- overrides --------------------------------------------------------------------------

def _override(values: tuple[DatedValue, ...], **kw: object) -> ParameterOverride:
    return ParameterOverride(parameter="registration.commune.deadline", values=values,
                             source="acme", citation=Citation(clause="QĐ 12/2024",
                                                              document="acme decision"),
                             **kw)  # type: ignore[arg-type]


def test_override_supersedes_from_its_date_and_keeps_history() -> None:
    s = store().with_override(_override(
        (DatedValue(value=MonthDay(1, 31), effective_from=dt.date(2024, 1, 1)),)))
    p = s["registration.commune.deadline"]
    assert p.value_for_year(2022).value == MonthDay(5, 30)  # earlier exception kept
    assert p.value_for_year(2023).value == MonthDay(1, 15)  # earlier history kept
    v = p.value_for_year(2024)
    assert v.value == MonthDay(1, 31)
    assert v.source == "acme"
    assert v.citation.clause == "QĐ 12/2024"
    assert store()["registration.commune.deadline"].value_for_year(2024).value == \
        MonthDay(1, 15)  # the original store is unchanged


def test_override_drops_builtin_exceptions_from_its_first_date() -> None:
    s = store().with_override(_override(
        (DatedValue(value=MonthDay(2, 1), effective_from=dt.date(2022, 1, 1)),)))
    p = s["registration.commune.deadline"]
    assert p.value_for_year(2022).value == MonthDay(2, 1)
    assert p.exceptions == {}


def test_override_exception_applies_to_its_year_only() -> None:
    s = store().with_override(_override(
        (DatedValue(value=MonthDay(1, 31), effective_from=dt.date(2024, 1, 1)),
         DatedValue(value=MonthDay(2, 20), year=2025)), status=ParameterStatus.UNCONFIRMED))
    p = s["registration.commune.deadline"]
    assert p.value_for_year(2024).value == MonthDay(1, 31)
    assert p.value_for_year(2025).value == MonthDay(2, 20)
    assert p.value_for_year(2025).exception_year == 2025
    assert p.value_for_year(2025).status is ParameterStatus.UNCONFIRMED
    assert p.value_for_year(2026).value == MonthDay(1, 31)
    assert p.value_for_year(2022).value == MonthDay(5, 30)


def test_an_override_of_the_wrong_kind_fails_naming_the_plugin() -> None:
    with pytest.raises(ParameterError, match="plugin 'acme' sets an invalid value"):
        store().with_override(_override(
            (DatedValue(value=15, effective_from=dt.date(2024, 1, 1)),)))


def test_an_override_of_an_unknown_parameter_fails() -> None:
    bad = ParameterOverride(parameter="nope", values=(
        DatedValue(value=1, effective_from=dt.date(2024, 1, 1)),), source="acme",
        citation=Citation(clause="x"))
    with pytest.raises(ParameterError, match="unknown parameter 'nope'"):
        store().with_override(bad)


def test_dated_value_needs_exactly_one_of_from_and_year() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        DatedValue(value=1)
    with pytest.raises(ValueError, match="exactly one"):
        DatedValue(value=1, effective_from=dt.date(2024, 1, 1), year=2024)


def test_month_day_and_range_helpers() -> None:
    assert MonthDay.parse("02-29").in_year(2023) == dt.date(2023, 2, 28)
    assert MonthDay.parse("02-29").in_year(2024) == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="MM-DD"):
        MonthDay.parse("15/01")
    assert str(Range(10, None)) == "≥ 10"
    assert Range(10, None).contains(99)
    with pytest.raises(ValueError, match="≥ 0"):
        Range(-1, 2)
    assert ParameterKind("month_day") is ParameterKind.MONTH_DAY


def test_a_value_may_carry_its_own_status() -> None:
    from thidua.parameters import ParameterStatus, parse_parameters

    text = """
[[parameter]]
id = "bonus.coefficient"
description = "coefficient"
unit = "x"
kind = "decimal"
clause = "art. 1"
status = "verified"
values = [{ from = 2020-01-01, value = "1.5", status = "unconfirmed" },
          { from = 2024-01-01, value = "2" }]
"""
    store = parse_parameters(tomllib.loads(text), origin="t.toml")
    old = store.at(dt.date(2021, 1, 1))["bonus.coefficient"]
    new = store.at(dt.date(2024, 6, 1))["bonus.coefficient"]
    assert old.status is ParameterStatus.UNCONFIRMED
    assert new.status is ParameterStatus.VERIFIED
    bad = text.replace('status = "unconfirmed"', 'status = "maybe"')
    with pytest.raises(ParameterError, match=r"bonus\.coefficient") as info:
        parse_parameters(tomllib.loads(bad), origin="t.toml")
    assert "'status' must be 'verified' or 'unconfirmed'" in str(info.value.problems)
