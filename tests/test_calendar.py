"""The working-day calendar and deadlines: holidays (Tết, Hùng Kings), announced swaps,
yearly recurrences, roll conventions and the reading of "before"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.calendar import (
    CalendarDay,
    DayKind,
    DueStatus,
    Roll,
    WorkingCalendar,
    yearly_date,
)
from thidua.errors import CalendarError

CAL = WorkingCalendar()
D = dt.date


def test_tet_deadline_rolls_past_the_holiday() -> None:
    d = CAL.deadline(id="x", nominal=D(2026, 2, 16))
    assert d.due == D(2026, 2, 23)
    assert d.shifted
    assert [s.date for s in d.shifted_over] == [D(2026, 2, 16) + dt.timedelta(days=i)
                                               for i in range(7)]
    assert "Tết" in d.shifted_over[0].reason_vi
    assert d.shifted_over[-1].reason_vi == "Chủ nhật"
    assert d.shifted_over[-2].reason_en == "Saturday"


def test_hung_kings_day_is_a_day_off() -> None:
    assert not CAL.is_working_day(D(2024, 4, 18))
    assert "Hùng" in (CAL.holiday_name(D(2024, 4, 18)) or "")
    assert CAL.deadline(id="x", nominal=D(2024, 4, 18)).due == D(2024, 4, 19)


def test_working_day_is_not_moved() -> None:
    d = CAL.deadline(id="x", nominal=D(2024, 1, 15))
    assert (d.due, d.shifted, d.shifted_over) == (D(2024, 1, 15), False, ())


def test_swapped_working_saturday_from_the_holidays_table() -> None:
    # 4 May 2024 was worked in exchange for 29 April (holidays' weekend_workdays)
    assert CAL.is_working_day(D(2024, 5, 4))
    assert not CAL.is_working_day(D(2024, 4, 29))
    assert not CAL.is_working_day(D(2024, 5, 11))


def test_announced_days_override_the_table() -> None:
    cal = CAL.with_days([
        CalendarDay(date=D(2024, 1, 15), kind=DayKind.DAY_OFF, name="Nghỉ bù thử",
                    name_en="test day off"),
        CalendarDay(date=D(2024, 1, 13), kind="working_day", name="Làm bù"),
    ])
    assert not cal.is_working_day(D(2024, 1, 15))
    assert cal.is_working_day(D(2024, 1, 13))
    assert cal.holiday_name(D(2024, 1, 15)) == "Nghỉ bù thử"
    assert cal.holiday_name(D(2024, 1, 15), "en") == "test day off"
    assert cal.deadline(id="x", nominal=D(2024, 1, 15)).due == D(2024, 1, 16)


@pytest.mark.parametrize(("roll", "due"), [
    (Roll.NEXT_WORKING_DAY, D(2022, 6, 13)),
    (Roll.NONE, D(2022, 6, 11)),
    (Roll.PREVIOUS_WORKING_DAY, D(2022, 6, 10)),
])
def test_roll_conventions_on_a_saturday(roll: Roll, due: dt.date) -> None:
    assert CAL.deadline(id="x", nominal=D(2022, 6, 11), roll=roll).due == due


def test_strict_reading_makes_the_day_before_the_last_day() -> None:
    d = CAL.deadline(id="x", nominal=D(2025, 1, 15), inclusive=False)
    assert (d.last_day, d.due) == (D(2025, 1, 14), D(2025, 1, 14))
    # a strict last day on a Sunday rolls forward, back onto the nominal day
    d = CAL.deadline(id="x", nominal=D(2024, 1, 15), inclusive=False)
    assert (d.last_day, d.due) == (D(2024, 1, 14), D(2024, 1, 15))


def test_yearly_dates_from_the_recurrence() -> None:
    assert yearly_date(1, 15, 2023) == D(2023, 1, 15)
    assert yearly_date(6, 11, 2024) == D(2024, 6, 11)
    assert yearly_date(2, 29, 2024) == D(2024, 2, 29)
    assert yearly_date(2, 29, 2023) == D(2023, 2, 28)
    with pytest.raises(CalendarError):
        yearly_date(2, 30, 2024)


def test_judging_against_a_deadline() -> None:
    d = CAL.deadline(id="x", nominal=D(2024, 1, 15))
    assert d.judge(D(2024, 1, 15), CAL).status is DueStatus.DONE
    late = d.judge(D(2024, 1, 22), CAL)
    assert (late.status, late.days_late, late.working_days_late) == (DueStatus.LATE, 7, 5)
    assert d.judge(None, CAL).status is DueStatus.MISSING
    assert d.judge(None, CAL, as_of=D(2024, 1, 15)).status is DueStatus.NOT_YET_DUE
    missing = d.judge(None, CAL, as_of=D(2024, 1, 20))
    assert (missing.status, missing.days_overdue) == (DueStatus.MISSING, 5)
    # sent after the day judged on: not sent yet as of then
    assert d.judge(D(2024, 1, 22), CAL, as_of=D(2024, 1, 10)).status is DueStatus.NOT_YET_DUE


def test_working_days_between_counts_like_article_147() -> None:
    assert CAL.working_days_between(D(2024, 1, 15), D(2024, 1, 22)) == 5
    assert CAL.working_days_between(D(2024, 1, 22), D(2024, 1, 15)) == -5
    assert CAL.working_days_between(D(2024, 1, 15), D(2024, 1, 15)) == 0


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2035, 12, 31))
announced = st.lists(st.builds(CalendarDay, date=days,
                               kind=st.sampled_from(list(DayKind))), max_size=8)


@given(nominal=days, extra=announced, inclusive=st.booleans())
def test_a_rolled_deadline_is_a_working_day_never_before_its_last_day(
        nominal: dt.date, extra: list[CalendarDay], inclusive: bool) -> None:
    cal = CAL.with_days(extra)
    d = cal.deadline(id="x", nominal=nominal, inclusive=inclusive)
    assert cal.is_working_day(d.due)
    assert d.due >= d.last_day
    if inclusive:
        assert d.due >= nominal
    assert all(not cal.is_working_day(s.date) for s in d.shifted_over)
    assert len(d.shifted_over) == (d.due - d.last_day).days


@given(nominal=days, extra=announced)
def test_rolling_back_is_a_working_day_never_after(nominal: dt.date,
                                                  extra: list[CalendarDay]) -> None:
    cal = CAL.with_days(extra)
    d = cal.deadline(id="x", nominal=nominal, roll=Roll.PREVIOUS_WORKING_DAY)
    assert cal.is_working_day(d.due)
    assert d.due <= nominal


@given(nominal=days, done=st.one_of(st.none(), days))
def test_status_is_consistent_with_dates(nominal: dt.date, done: dt.date | None) -> None:
    d = CAL.deadline(id="x", nominal=nominal)
    t = d.judge(done, CAL)
    if done is None:
        assert t.status is DueStatus.MISSING
    elif done <= d.due:
        assert (t.status, t.days_late) == (DueStatus.DONE, 0)
    else:
        assert t.status is DueStatus.LATE
        assert t.days_late == (done - d.due).days
        assert 0 <= t.working_days_late <= t.days_late
