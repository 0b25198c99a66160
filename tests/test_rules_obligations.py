"""Reporting obligations: resolved to units, with their status from lists and events;
the calendar export items."""

from __future__ import annotations

import datetime as dt

import attrs

from _rules_helpers import (
    clean_submissions,
    dossier,
    engine,
    host,
    replace_sub,
    seed_plan,
    with_params,
)
from thidua.calendar import DueStatus
from thidua.data import load_example
from thidua.export.sources import due_items
from thidua.model import Event
from thidua.parameters import Range
from thidua.rules.obligations import Checkability, plan_obligations, schedule
from thidua.rules.routes import recipient_for, routing

D = dt.date


def _schedule(d, year: int, as_of: dt.date | None = None):  # type: ignore[no-untyped-def]
    ctx = engine().context(d, year, as_of=as_of)
    assert ctx is not None
    return ctx, schedule(ctx)


def _row(rows, obligation: str, unit: str | None):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r.obligation.id == obligation
                and (r.unit.id if r.unit else None) == unit)


def test_route_obligations_take_their_status_from_the_lists() -> None:
    subs = replace_sub(clean_submissions(), "s-xa-a", submitted_on=D(2024, 1, 22))
    subs = [s for s in subs if s.id != "s-xa-b"]
    _, rows = _schedule(dossier(subs), 2024)
    assert _row(rows, "registration.commune", "xa-a").status is DueStatus.LATE
    assert _row(rows, "registration.commune", "xa-a").timeliness.working_days_late == 5
    assert _row(rows, "registration.commune", "xa-b").status is DueStatus.MISSING
    done = _row(rows, "registration.commune", "xa-c")
    assert (done.status, done.evidence) == (DueStatus.DONE, "s-xa-c")
    assert done.recipient is not None
    assert done.recipient.id == "huyen"
    district = _row(rows, "registration.district", "huyen")
    assert district.recipient is not None
    assert district.recipient.id == "so-noi-vu"
    assert district.deadline is not None
    assert district.deadline.due == D(2024, 2, 15)
    # only the entitled lead agency is expected to register
    assert [r.unit.id for r in rows if r.obligation.id == "registration.lead_agency"] == [
        "phong-vhtt"]


def test_as_of_a_day_before_the_deadlines() -> None:
    subs = [s for s in clean_submissions() if s.id != "s-xa-b"]
    _, rows = _schedule(dossier(subs), 2024, as_of=D(2024, 1, 5))
    assert _row(rows, "registration.commune", "xa-b").status is DueStatus.NOT_YET_DUE
    # a list sent after the day judged on does not count yet
    assert _row(rows, "registration.commune", "xa-a").status is DueStatus.NOT_YET_DUE
    assert _row(rows, "registration.district", "huyen").status is DueStatus.NOT_YET_DUE


def test_tracked_obligations_are_tracked_until_an_event_records_them() -> None:
    d = dossier()
    _, rows = _schedule(d, 2024)
    row = _row(rows, "publicity.programme", None)  # no broadcasting centre in this dossier
    assert row.status is DueStatus.TRACKED
    plain = _row(rows, "fostering_plan.unit", "xa-a")
    assert plain.status is DueStatus.TRACKED
    assert not plain.checkable
    events = [Event(obligation="fostering_plan.unit", unit="xa-a", year=2023,
                    on=D(2023, 3, 1))]
    _, rows = _schedule(attrs.evolve(d, events=events), 2024)
    # a once-only duty done in an earlier year of the plan stays done
    assert _row(rows, "fostering_plan.unit", "xa-a").status is DueStatus.DONE
    assert _row(rows, "fostering_plan.unit", "xa-b").status is DueStatus.TRACKED


def test_an_occasion_recorded_late_is_a_warning() -> None:
    events = [Event(obligation="commendation.occasion", unit="huyen", year=2024,
                    on=D(2024, 6, 20))]
    d = attrs.evolve(dossier(), events=events)
    _, rows = _schedule(d, 2024)
    row = _row(rows, "commendation.occasion", None)
    assert row.status is DueStatus.LATE
    assert row.timeliness.days_late == 9
    report = engine().evaluate(d, 2024)
    (f,) = [f for f in report.findings if f.rule == "obligation.status"]
    assert (f.severity.value, f.clause) == ("warning", "IV.1.đ")


def test_offices_are_recognised_by_name() -> None:
    ctx = engine().context(load_example(), 2024)
    assert ctx is not None
    rt = routing(ctx)
    assert rt.role_units["home_affairs_office"] == frozenset({"phong-noi-vu"})
    assert rt.role_units["finance_office"] == frozenset({"phong-tckh"})
    assert rt.role_units["culture_office"] == frozenset({"phong-vhtt"})
    assert rt.role_units["broadcasting_centre"] == frozenset({"ttvh-tt"})
    commune = ctx.dossier.units_by_id["xa-lac-dao"]
    assert recipient_for(ctx, commune, "district").id == "huyen-van-lam"  # type: ignore[union-attr]


def test_the_final_review_falls_in_2025_only() -> None:
    years = {y: any(r.obligation.id == "home_affairs.final_review"
                    for r in _schedule(load_example(), y)[1]) for y in (2024, 2025)}
    assert years == {2024: False, 2025: True}


def test_every_obligation_is_data_with_a_clause_and_a_check_mark() -> None:
    for ob in plan_obligations(seed_plan()):
        assert ob.clause
        assert ob.action_vi
        assert ob.action_en
        assert ob.check in (Checkability.CHECKABLE, Checkability.TRACKED)
        if ob.route is not None:
            assert ob.check is Checkability.CHECKABLE


def test_calendar_export_items_for_the_example() -> None:
    items = due_items(host(), load_example(), 2024)
    by = {(i.id, i.unit): i for i in items}
    assert by[("registration.commune", "xa-dinh-du")].status == "late"
    assert by[("registration.commune", "xa-lac-dao")].status == "done"
    assert by[("registration.district", "huyen-van-lam")].recipient == "so-noi-vu"
    occasion = by[("commendation.occasion", None)]
    assert occasion.due == D(2024, 6, 11)
    assert occasion.status == "tracked"
    assert all(i.due.year == 2024 for i in items)
    assert due_items(host(), load_example(), 2026) == ()


def test_a_shifted_deadline_is_explained_in_the_export() -> None:
    # 2022: the district's 11 June (a Saturday) rolls to 13 June
    d = dossier(clean_submissions(2022))
    items = due_items(host(), attrs.evolve(d, submissions=()), 2022)
    item = next(i for i in items if i.id == "registration.district")
    assert (item.nominal, item.due) == (D(2022, 6, 11), D(2022, 6, 13))
    assert "thứ Bảy" in item.note_vi
    assert "Saturday" in item.note_en
    assert item.status == "missing"


def test_action_texts_follow_the_quota_parameters() -> None:
    # the seed's texts name the quota through a placeholder, never as a number of their own
    _, rows = _schedule(dossier(clean_submissions()), 2024)
    commune = next(r for r in rows if r.obligation.id == "registration.commune")
    assert "Lựa chọn 5–6 điển hình" in commune.action_vi
    assert "Select 5–6 exemplars" in commune.action_en
    assert "{" not in commune.action_vi
    plan = with_params(registration__commune__quota=Range(5, 5))
    ctx = engine(plan).context(dossier(clean_submissions()), 2024)
    assert ctx is not None
    commune = next(r for r in schedule(ctx) if r.obligation.id == "registration.commune")
    assert "Lựa chọn 5 điển hình" in commune.action_vi


def test_an_action_text_naming_an_unknown_parameter_is_a_plan_problem() -> None:
    ob = next(o for o in plan_obligations(seed_plan()) if o.id == "registration.commune")
    bad = attrs.evolve(ob, action_en="Select {registration.nowhere.quota} exemplars")
    assert any("registration.nowhere.quota" in p for p in bad.problems(seed_plan()))
    assert list(ob.problems(seed_plan())) == []
