"""Parameter overrides as plugins make them: override files (TOML) validated against the
plan's parameters, exception-only overrides, a window that ends (``until``) after which
the built-in timeline resumes, and what the override superseded (for ``--diff``)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _plugins_helpers import PARAMS
from thidua import Citation, DatedValue, ParameterError, ParameterStatus, Range
from thidua.parameters import (
    ParameterOverride,
    ParameterStore,
    load_override_file,
    parse_overrides,
    parse_parameters,
)


def store() -> ParameterStore:
    return parse_parameters(tomllib.loads(PARAMS), origin="plan.toml", source="base")


def override(*values: DatedValue, until: dt.date | None = None) -> ParameterOverride:
    return ParameterOverride(parameter="quota", values=values, source="acme",
                             citation=Citation(clause="Điều 1", document="QĐ 1"),
                             until=until)


def dated(lo: int, hi: int, y: int, m: int = 1, d: int = 1) -> DatedValue:
    return DatedValue(value=Range(lo, hi), effective_from=dt.date(y, m, d))


def test_an_override_made_only_of_an_exception_changes_that_year_only() -> None:
    p = store().with_override(override(DatedValue(value=Range(9, 9), year=2025)))["quota"]
    assert p.value_for_year(2025).value == Range(9, 9)
    assert p.value_for_year(2025).source == "acme"
    assert p.value_for_year(2021).value == Range(1, 2)  # the built-in exception stays
    assert p.value_for_year(2024).value == Range(5, 6)
    assert p.value_for_year(2026).value == Range(5, 6)


def test_an_exception_only_override_replaces_the_builtin_exception_of_its_year() -> None:
    p = store().with_override(override(DatedValue(value=Range(3, 3), year=2021)))["quota"]
    assert p.value_for_year(2021).value == Range(3, 3)
    assert [v.value for v in p.superseded] == [Range(1, 2)]


def test_with_until_the_builtin_timeline_resumes_the_day_after() -> None:
    p = store().with_override(override(dated(1, 1, 2024), until=dt.date(2025, 12, 31)))["quota"]
    assert p.value_at(dt.date(2023, 12, 31)).value == Range(5, 6)
    assert p.value_at(dt.date(2024, 1, 1)).value == Range(1, 1)
    assert p.value_at(dt.date(2025, 12, 31)).source == "acme"
    resumed = p.value_at(dt.date(2026, 1, 1))
    assert resumed.value == Range(5, 6)
    assert resumed.source == "base"
    assert resumed.effective_from == dt.date(2026, 1, 1)


def test_later_builtin_values_after_until_are_kept() -> None:
    base = store().with_override(ParameterOverride(
        parameter="quota", values=(dated(7, 8, 2027),), source="base",
        citation=Citation(clause="IV.1.d.1")))
    p = base.with_override(override(dated(1, 1, 2024), until=dt.date(2025, 6, 30)))["quota"]
    assert p.value_at(dt.date(2025, 7, 1)).value == Range(5, 6)
    assert p.value_at(dt.date(2027, 1, 1)).value == Range(7, 8)
    open_ended = base.with_override(override(dated(1, 1, 2024)))["quota"]
    assert open_ended.value_at(dt.date(2027, 1, 1)).value == Range(1, 1)  # for good


def test_an_override_records_the_values_it_superseded() -> None:
    p = store().with_override(override(dated(1, 1, 2020, 6, 1)))["quota"]
    assert [(v.value, v.source) for v in p.superseded] == \
        [(Range(5, 6), "base"), (Range(1, 2), "base")]
    assert p.value_at(dt.date(2020, 5, 31)).value == Range(5, 6)  # history kept


def test_an_override_with_an_inconsistent_window_is_refused() -> None:
    with pytest.raises(ParameterError, match="after 'until'"):
        store().with_override(override(dated(1, 1, 2026), until=dt.date(2025, 12, 31)))
    with pytest.raises(ParameterError, match="at least one value"):
        store().with_override(override())
    with pytest.raises(ParameterError, match="'until' needs at least one dated value"):
        store().with_override(override(DatedValue(value=Range(1, 1), year=2024),
                                       until=dt.date(2024, 12, 31)))


@given(st.dates(dt.date(2019, 1, 1), dt.date(2032, 12, 31)),
       st.none() | st.integers(0, 3000),
       st.dates(dt.date(2019, 1, 1), dt.date(2033, 12, 31)))
def test_inside_the_window_the_override_holds_and_outside_the_base(
        start: dt.date, length: int | None, when: dt.date) -> None:
    until = start + dt.timedelta(days=length) if length is not None else None
    base = store()["quota"]
    p = store().with_override(override(DatedValue(value=Range(40, 40), effective_from=start),
                                       until=until))["quota"]
    inside = start <= when and (until is None or when <= until)
    exception_year = when.year == 2021 and (when.year < start.year or
                                            (until is not None and when.year > until.year))
    if inside:
        assert p.value_at(when).value == Range(40, 40)
    elif when >= dt.date(2020, 1, 1) and not (when.year == 2021 and not exception_year):
        assert p.value_at(when).value == base.value_at(when).value
        assert p.value_at(when).source == "base"


# -- override files ------------------------------------------------------------------

GOOD = """
document = "Quyết định 12/QĐ-UBND"

[[override]]
parameter = "quota"
clause = "Điều 2"
status = "unconfirmed"
until = 2025-12-31
overrides = ["other"]
values = [{ from = 2024-01-01, value = { min = 2, max = 4 }, note = "tạm" }]
exceptions = [{ year = 2025, value = { min = 3, max = 3 } }]

[[override]]
parameter = "deadline"
clause = "Điều 3"
document = "Công văn 5/UBND"
values = [{ from = 2024-01-01, value = "02-01" }]
"""


def test_an_override_file_builds_cited_overrides() -> None:
    q, d = parse_overrides(tomllib.loads(GOOD), store(), origin="f.toml", source="acme")
    assert q.parameter == "quota"
    assert q.citation == Citation(clause="Điều 2", document="Quyết định 12/QĐ-UBND")
    assert q.status is ParameterStatus.UNCONFIRMED
    assert q.until == dt.date(2025, 12, 31)
    assert q.overrides == ("other",)
    assert [v.value for v in q.values] == [Range(2, 4), Range(3, 3)]
    assert d.citation.document == "Công văn 5/UBND"
    assert d.status is ParameterStatus.VERIFIED
    s = store().with_override(q).with_override(d)
    v = s.for_year(2024)["quota"]
    assert (v.value, v.source, v.status) == (Range(2, 4), "acme", ParameterStatus.UNCONFIRMED)
    assert s.for_year(2024)["deadline"].citation.clause == "Điều 3"


def test_an_override_file_is_read_from_disk(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "o.toml"  # type: ignore[operator]
    path.write_text(GOOD, encoding="utf-8")
    assert len(load_override_file(path, store(), source="acme")) == 2
    path.write_text("[[override]\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="is not valid TOML"):
        load_override_file(path, store(), source="acme")


@pytest.mark.parametrize(("text", "problem"), [
    ('[[override]]\nparameter = "quota"\nclause = "x"\n'
     'values = [{ from = 2024-01-01, value = { min = 7, max = 5 } }]',
     "f.toml:quota.values[0]: range min 7 is greater than max 5"),
    ('[[override]]\nparameter = "quota"\nvalues = []',
     "f.toml:quota: missing clause (every override cites its decision)"),
    ('[[override]]\nparameter = "nope"\nclause = "x"\nvalues = []',
     "f.toml:nope: the plan has no such parameter; known: deadline, plan.in_force_from"),
    ('[[override]]\nparameter = "deadline"\nclause = "x"\n'
     'values = [{ from = 2024-01-01, value = 15 }]',
     "f.toml:deadline.values[0]: expected 'MM-DD', got 15"),
    ('[[override]]\nparameter = "quota"\nclause = "x"\ncolour = 1\n'
     'values = [{ from = 2024-01-01, value = { min = 1 } }]',
     "f.toml:quota: unknown key 'colour'"),
    ('[[override]]\nparameter = "quota"\nclause = "x"\nstatus = "sure"\nvalues = []',
     "status must be 'verified' or 'unconfirmed'"),
    ('[[override]]\nparameter = "quota"\nclause = "x"\nvalues = []',
     "f.toml:quota: an override needs at least one value or exception"),
    ('[[override]]\nparameter = "quota"\nclause = "x"\n'
     'values = [{ from = 2024-01-01, value = { min = 1 } }]\n'
     '[[override]]\nparameter = "quota"\nclause = "y"\n'
     'values = [{ from = 2025-01-01, value = { min = 1 } }]',
     "f.toml:quota: overridden twice in the file"),
    ('stray = 1', "f.toml: unknown top-level key 'stray'"),
])
def test_a_bad_override_file_names_the_plugin_and_each_problem(text: str,
                                                               problem: str) -> None:
    with pytest.raises(ParameterError) as info:
        parse_overrides(tomllib.loads(text), store(), origin="f.toml", source="acme")
    assert info.value.summary == "plugin 'acme': invalid override file f.toml"
    assert any(problem in str(p) for p in info.value.problems), info.value.problems


def test_a_store_answers_membership_without_raising() -> None:
    s = store()
    assert "quota" in s
    assert "nope" not in s
    assert s.get("nope") is None
    resolved = s.for_year(2024)
    assert "quota" in resolved
    assert "nope" not in resolved
    assert resolved.get("nope") is None


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=8),
                     st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)),
                     st.sampled_from(["01-15", "02-30", "quota", "verified", "unconfirmed"]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(["min", "max", "from", "value",
                                                          "year", "note", "x"]), inner,
                                         max_size=3), max_leaves=8)
_keys = st.sampled_from(["parameter", "clause", "document", "status", "until", "overrides",
                         "values", "exceptions", "colour"])


@given(st.lists(st.dictionaries(_keys, _values, max_size=6), max_size=3),
       st.sampled_from(["quota", "deadline", "plan.in_force_until", "nope"]))
def test_any_override_file_gives_overrides_or_a_parameter_error(
        entries: list[dict[str, object]], parameter: str) -> None:
    for entry in entries:
        entry.setdefault("parameter", parameter)
    error: ParameterError | None = None
    try:
        found = parse_overrides({"override": entries}, store(), origin="f.toml", source="acme")
    except ParameterError as exc:
        error = exc
    if error is not None:
        assert error.summary == "plugin 'acme': invalid override file f.toml"
        assert error.problems
        return
    s = store()
    for ov in found:
        s = s.with_override(ov)  # whatever was accepted applies cleanly
