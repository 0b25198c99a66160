"""The registration rules of the seed plan, example by example from the text (IV.1.d),
and the readings the text leaves open, each tested both ways."""

from __future__ import annotations

import datetime as dt

import pytest

from _rules_helpers import (
    clean_submissions,
    dossier,
    engine,
    exemplar_ids,
    keys,
    problems,
    replace_sub,
    sub,
    with_params,
    without_route,
)
from thidua.model import Severity

D = dt.date


def _quota_findings(subs: list, year: int = 2024, plan=None) -> list:  # type: ignore[type-arg]
    report = engine(plan).evaluate(dossier(subs), year)
    return [f for f in report.findings if f.rule == "registration.quota"]


def test_a_clean_year_has_no_problems() -> None:
    report = engine().evaluate(dossier(), 2024)
    assert problems(report) == []
    assert {f.rule for f in report.findings} == {"subjects.honoured"}


# -- quotas -------------------------------------------------------------------------

@pytest.mark.parametrize(("count", "severity"), [(4, "error"), (5, None), (6, None),
                                                 (7, "error")])
def test_commune_quota_boundaries(count: int, severity: str | None) -> None:
    subs = replace_sub(clean_submissions(), "s-xa-a", exemplars=exemplar_ids("xa-a", count))
    found = _quota_findings(subs)
    assert [(f.subject, f.severity.value) for f in found] == (
        [("s-xa-a", severity)] if severity else [])
    if found:
        f = found[0]
        assert f.clause == "IV.1.d.1"
        assert (f.evidence["count"], f.evidence["min"], f.evidence["max"]) == (count, 5, 6)
        assert str(count) in f.message_vi
        assert str(count) in f.message_en


def _district_list(count: int) -> list:  # type: ignore[type-arg]
    pool = [*exemplar_ids("xa-a", 6), *exemplar_ids("xa-b", 6), *exemplar_ids("xa-c", 6)]
    return replace_sub(clean_submissions(), "s-huyen", exemplars=pool[:count])


@pytest.mark.parametrize(("count", "severity"), [(9, "error"), (10, None), (15, None),
                                                 (16, "info")])
def test_district_quota_boundaries(count: int, severity: str | None) -> None:
    found = _quota_findings(_district_list(count))
    assert [(f.subject, f.severity.value) for f in found] == (
        [("s-huyen", severity)] if severity else [])
    if found:
        assert found[0].clause == "IV.1.d.2"


@pytest.mark.parametrize("reading", ["warning", "error"])
def test_more_than_fifteen_read_as_a_ceiling(reading: str) -> None:
    plan = with_params(registration__district__above_max_severity=reading)
    found = _quota_findings(_district_list(16), plan=plan)
    assert [f.severity.value for f in found] == [reading]


@pytest.mark.parametrize(("count", "severity"), [(2, "error"), (3, None), (7, None),
                                                 (8, "error")])
def test_lead_agency_quota_boundaries(count: int, severity: str | None) -> None:
    subs = replace_sub(clean_submissions(), "s-phong-vhtt",
                       exemplars=exemplar_ids("phong-vhtt", count))
    found = _quota_findings(subs)
    assert [(f.subject, f.severity.value) for f in found] == (
        [("s-phong-vhtt", severity)] if severity else [])
    if found:
        assert found[0].clause == "IV.1.d.3"


def test_kinds_counted_together_by_default_and_apart_when_the_plan_says_so() -> None:
    # 6 exemplars, two of each kind: in quota together, 2 < 5 for each kind apart
    assert _quota_findings(clean_submissions()) == []
    plan = with_params(registration__count_kinds_together=False)
    apart = [f for f in _quota_findings(clean_submissions(), plan=plan)
             if f.subject == "s-xa-a"]
    assert sorted(f.evidence["kind"] for f in apart) == ["ca_nhan", "mo_hinh", "tap_the"]
    assert all(f.evidence["count"] == 2 for f in apart)


# -- entitlement ------------------------------------------------------------------

def test_a_lead_agency_without_honoured_exemplars_is_not_entitled() -> None:
    subs = [*clean_submissions(),
            sub("s-phong-ld", "phong-ld", "huyen", D(2024, 1, 9), exemplar_ids("phong-ld", 4))]
    report = engine().evaluate(dossier(subs), 2024)
    ent = [f for f in report.findings if f.rule == "registration.entitlement"]
    # a district office may still send exemplars up: its list is judged as that
    assert [(f.subject, f.severity) for f in ent] == [("s-phong-ld", Severity.WARNING)]
    assert ent[0].clause == "IV.1.d.3"
    assert ent[0].evidence["not_entitled_to"] == "lead_agency"
    # when no other route fits, the list is refused outright
    report = engine(without_route("district_office")).evaluate(dossier(subs), 2024)
    ent = [f for f in report.findings if f.rule == "registration.entitlement"]
    assert [(f.subject, f.severity) for f in ent] == [("s-phong-ld", Severity.ERROR)]
    assert "không thuộc diện" in ent[0].message_vi
    # not entitled: not expected to register either, and no quota is applied
    assert not any(f.subject == "phong-ld" for f in report.findings)
    assert not any(f.rule == "registration.quota" for f in report.findings)


def test_honouring_a_movement_makes_its_lead_agency_expected() -> None:
    d = dossier(honoured_movements=("pt-van-hoa", "pt-ngheo"))
    report = engine().evaluate(d, 2024)
    assert keys(problems(report)) == {("registration.deadline", "phong-ld", "error")}


# -- selection ----------------------------------------------------------------------

def test_a_district_pick_not_sent_up_is_named() -> None:
    subs = clean_submissions()
    district = next(s for s in subs if s.id == "s-huyen")
    picks = [*district.exemplars[:-2], "e-xa-c-9", "e-phong-ld-1"]  # neither was sent up
    subs = replace_sub(subs, "s-huyen", exemplars=picks)
    report = engine().evaluate(dossier(subs), 2024)
    sel = [f for f in report.findings if f.rule == "registration.selection"]
    assert sorted(f.evidence["exemplar"] for f in sel) == ["e-phong-ld-1", "e-xa-c-9"]
    assert all(f.subject == "s-huyen" and f.clause == "IV.1.d.2" for f in sel)
    assert all(f.severity is Severity.ERROR for f in sel)
    assert any("e-xa-c-9" in f.message_vi for f in sel)


def test_a_draft_list_is_not_a_source_of_the_selection() -> None:
    subs = replace_sub(clean_submissions(), "s-xa-c", submitted_on=None)
    report = engine().evaluate(dossier(subs), 2024)
    sel = {f.evidence["exemplar"] for f in report.findings if f.rule == "registration.selection"}
    assert sel == set(exemplar_ids("xa-c", 2))


# -- attachment -------------------------------------------------------------------------

def test_the_district_list_must_carry_the_fostering_plan() -> None:
    subs = replace_sub(clean_submissions(), "s-huyen", attachments=[])
    report = engine().evaluate(dossier(subs), 2024)
    assert keys(problems(report)) == {("registration.attachment", "s-huyen", "error")}
    f = next(f for f in report.findings if f.rule == "registration.attachment")
    assert (f.clause, f.evidence["attachment"]) == ("IV.1.d.4", "ke_hoach_boi_duong")


# -- deadlines ---------------------------------------------------------------------------

def _deadline_findings(subs: list, year: int, plan=None, as_of=None) -> list:  # type: ignore[type-arg]
    report = engine(plan).evaluate(dossier(subs), year, as_of=as_of)
    return [f for f in report.findings if f.rule == "registration.deadline"]


def _with_dates(year: int, commune: dt.date, district: dt.date) -> list:  # type: ignore[type-arg]
    subs = clean_submissions(year)
    subs = replace_sub(subs, "s-xa-a", submitted_on=commune)
    return replace_sub(subs, "s-huyen", submitted_on=district)


def test_2022_exception_dates() -> None:
    # communes: before 30/5 in 2022 (a Monday); the district: before 11/6 (a Saturday,
    # so the last day rolls to Monday 13/6)
    on_time = _with_dates(2022, D(2022, 5, 30), D(2022, 6, 13))
    assert _deadline_findings(on_time, 2022) == []
    late = _with_dates(2022, D(2022, 5, 31), D(2022, 6, 14))
    found = {f.subject: f for f in _deadline_findings(late, 2022)}
    assert set(found) == {"s-xa-a", "s-huyen"}
    assert (found["s-xa-a"].evidence["due"], found["s-xa-a"].evidence["days_late"]) == (
        "2022-05-30", 1)
    assert found["s-huyen"].evidence["nominal"] == "2022-06-11"
    assert found["s-huyen"].evidence["due"] == "2022-06-13"
    assert found["s-huyen"].clause == "IV.1.d.4"
    assert "riêng năm 2022" in found["s-xa-a"].message_vi


def test_15_january_and_15_february_in_other_years() -> None:
    for year in (2023, 2024, 2025):
        found = {f.subject: f for f in _deadline_findings(
            _with_dates(year, D(year, 1, 31), D(year, 2, 28)), year)}
        assert found["s-xa-a"].evidence["nominal"] == f"{year}-01-15"
        assert found["s-huyen"].evidence["nominal"] == f"{year}-02-15"
    # 15/01/2023 is a Sunday: a list sent on Monday 16/01 is on time
    assert _deadline_findings(_with_dates(2023, D(2023, 1, 16), D(2023, 2, 15)), 2023) == []


def test_late_by_days_and_working_days() -> None:
    subs = _with_dates(2024, D(2024, 1, 22), D(2024, 2, 5))
    (f,) = _deadline_findings(subs, 2024)
    assert (f.subject, f.clause, f.severity) == ("s-xa-a", "IV.1.d.1", Severity.ERROR)
    assert (f.evidence["days_late"], f.evidence["working_days_late"]) == (7, 5)
    assert "7 ngày (5 ngày làm việc)" in f.message_vi


def test_missing_lists_and_not_yet_due() -> None:
    subs = [s for s in clean_submissions() if s.id not in ("s-xa-b", "s-phong-vhtt")]
    found = _deadline_findings(subs, 2024)
    assert keys(found) == {("registration.deadline", "xa-b", "error"),
                           ("registration.deadline", "phong-vhtt", "error")}
    # judged on 10 January, nothing is due yet; on 16 January the lists are missing
    assert _deadline_findings(subs, 2024, as_of=D(2024, 1, 10)) == []
    assert {f.subject for f in _deadline_findings(subs, 2024, as_of=D(2024, 1, 16))} == {
        "xa-b", "phong-vhtt"}


def test_a_draft_without_a_date_is_not_sent() -> None:
    subs = replace_sub(clean_submissions(), "s-xa-b", submitted_on=None)
    (f,) = _deadline_findings(subs, 2024)
    assert (f.subject, f.evidence["draft"]) == ("xa-b", "s-xa-b")


def test_optional_district_office_lists_are_not_expected() -> None:
    # phong-ld is not entitled as a lead agency: it may send, but need not
    assert not any(f.subject == "phong-ld" for f in _deadline_findings(clean_submissions(),
                                                                        2024))


def test_inclusive_and_strict_readings_of_before() -> None:
    subs = _with_dates(2025, D(2025, 1, 15), D(2025, 2, 14))  # both Wednesday/Friday
    assert _deadline_findings(subs, 2025) == []
    strict = with_params(deadline__inclusive=False)
    (f,) = _deadline_findings(subs, 2025, plan=strict)
    assert (f.subject, f.evidence["due"], f.evidence["days_late"]) == ("s-xa-a",
                                                                         "2025-01-14", 1)


@pytest.mark.parametrize(("roll", "late"), [("next_working_day", False), ("none", True),
                                            ("previous_working_day", True)])
def test_roll_readings(roll: str, late: bool) -> None:
    # 15/01/2023 is a Sunday; the list is sent on Monday 16/01
    subs = _with_dates(2023, D(2023, 1, 16), D(2023, 2, 15))
    found = _deadline_findings(subs, 2023, plan=with_params(deadline__roll=roll))
    assert [f.subject for f in found] == (["s-xa-a"] if late else [])


# -- routes --------------------------------------------------------------------------

def test_a_list_outside_every_route_is_flagged() -> None:
    subs = [*clean_submissions(),
            sub("s-direct", "xa-c", "so-noi-vu", D(2024, 1, 9), exemplar_ids("xa-c", 5))]
    report = engine().evaluate(dossier(subs), 2024)
    assert keys(problems(report)) == {("registration.route", "s-direct", "warning")}
    f = next(f for f in report.findings if f.rule == "registration.route")
    assert f.clause == "IV.1.d"


def test_every_finding_cites_a_clause_and_speaks_both_languages() -> None:
    subs = [s for s in clean_submissions() if s.id != "s-xa-b"]
    subs = replace_sub(subs, "s-xa-a", exemplars=exemplar_ids("xa-a", 9),
                       submitted_on=D(2024, 2, 1))
    subs = replace_sub(subs, "s-huyen", attachments=[], exemplars=["e-xa-b-1"])
    report = engine().evaluate(dossier(subs), 2024)
    assert {f.rule for f in problems(report)} == {
        "registration.quota", "registration.deadline", "registration.attachment",
        "registration.selection"}
    for f in report.findings:
        assert f.clause
        assert f.message_vi
        assert f.message_en
        assert f.rule
        assert f.subject
        assert f.message_vi != f.message_en
