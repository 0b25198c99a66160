"""Properties of dated parameters over every parameter the public strategies build:
resolution picks the value in force, a one-year exception applies in its year and
in no other, and a parameter file's values survive loading."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.errors import ParameterError
from thidua.parameters import Parameter, ParameterStore, parse_parameters
from thidua.testing import dates, parameter_tables, parameters


def _in_force(p: Parameter, when: dt.date) -> object:
    """The naive answer: the latest dated value that took effect on or before ``when``."""
    found = None
    for v in p.values:
        if v.year is None and v.effective_from is not None and v.effective_from <= when \
                and (found is None or v.effective_from > found.effective_from):
            found = v
    return found


@given(parameters(), dates(1995, 2045))
def test_value_at_picks_the_value_in_force(p: Parameter, when: dt.date) -> None:
    exception = p.exceptions.get(when.year)
    expected = exception if exception is not None else _in_force(p, when)
    if expected is None:
        with pytest.raises(ParameterError, match=p.id):
            p.value_at(when)
        return
    got = p.value_at(when)
    assert got.value == expected.value
    assert (got.effective_from, got.exception_year) == (expected.effective_from, expected.year)
    assert got.parameter == p.id
    assert got.citation.clause


@given(parameters(), st.integers(1995, 2045))
def test_value_for_year_uses_the_exception_then_1_january_then_the_first_value(
        p: Parameter, year: int) -> None:
    exception = p.exceptions.get(year)
    if exception is not None:
        expected = exception
    else:
        expected = _in_force(p, dt.date(year, 1, 1))
        if expected is None:
            during = sorted((v for v in p.timeline if v.effective_from is not None
                             and v.effective_from.year == year),
                            key=lambda v: v.effective_from or dt.date.min)
            expected = during[0] if during else None
    if expected is None:
        with pytest.raises(ParameterError):
            p.value_for_year(year)
        return
    got = p.value_for_year(year)
    assert got.value == expected.value
    assert got.exception_year == expected.year


@given(parameters(), st.data())
def test_an_exception_applies_in_its_year_only(p: Parameter, data: st.DataObject) -> None:
    if not p.exceptions:
        return
    year = data.draw(st.sampled_from(sorted(p.exceptions)))
    inside = data.draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    assert p.value_at(inside).exception_year == year
    assert p.value_for_year(year).exception_year == year
    for other in (year - 1, year + 1):
        if other in p.exceptions:
            continue
        outside = data.draw(st.dates(dt.date(other, 1, 1), dt.date(other, 12, 31)))
        try:
            got = p.value_at(outside)
        except ParameterError:
            continue  # no value yet: certainly not the exception
        assert got.exception_year is None


@given(st.lists(parameters(), max_size=4, unique_by=lambda p: p.id), st.integers(1995, 2045))
def test_a_store_resolves_each_parameter_as_the_parameter_does(
        params: list[Parameter], year: int) -> None:
    resolved = ParameterStore(params).for_year(year)
    for p in params:
        try:
            expected = p.value_for_year(year)
        except ParameterError:
            assert p.id not in set(resolved)
            continue
        assert resolved[p.id] == expected


@given(parameter_tables())
def test_a_parameter_file_keeps_every_value(table: dict[str, object]) -> None:
    store = parse_parameters({"parameter": [table]}, origin="t.toml")
    p = store[str(table["id"])]
    values = table["values"]
    exceptions = table.get("exceptions", [])
    assert isinstance(values, list)
    assert isinstance(exceptions, list)
    assert len(p.timeline) == len(values)
    assert len(p.exceptions) == len(exceptions)
    assert [v.effective_from for v in p.timeline] == sorted(v["from"] for v in values)
