"""Vietnam's working-day calendar and deadlines: public holidays from the ``holidays``
package (lunar Tết and the Hùng Kings' day included), announced swaps that plugins add
as data, yearly dates from a ``dateutil`` recurrence, and the roll of a deadline that
falls on a day off.

The Prime Minister fixes the actual Tết and National Day days off each year and swaps
working Saturdays (nghỉ bù / làm bù); the upstream table can lag those announcements,
so a :class:`WorkingCalendar` takes extra days off and extra working days as data.

A :class:`Deadline` is one dated deadline of one year: the *nominal* date the text
names, the *last day* under the chosen reading of "before" (inclusive or strict), and
the *due* day after the roll convention (by default the next working day, Civil Code
2015 art. 148). :meth:`Deadline.judge` says whether a submission was on time, late (by
how many days and working days), missing or not yet due. None of these classes names a
jurisdiction or a date: plans supply them as data.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs
from dateutil.rrule import YEARLY, rrule

from thidua.errors import CalendarError
from thidua.model.base import nfc, to_tuple

if TYPE_CHECKING:
    import holidays

__all__ = [
    "CalendarDay",
    "DayKind",
    "Deadline",
    "DueStatus",
    "Roll",
    "Shift",
    "Timeliness",
    "WorkingCalendar",
    "yearly_date",
]

_WEEKDAY_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DayKind(enum.StrEnum):
    """Whether an announced day is an extra day off or an extra working day."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


class Roll(enum.StrEnum):
    """What happens to a deadline whose last day is not a working day."""

    NEXT_WORKING_DAY = "next_working_day"
    """Moved to the next working day (Civil Code 2015, art. 148)."""
    NONE = "none"
    """Not moved: the nominal day stands."""
    PREVIOUS_WORKING_DAY = "previous_working_day"
    """Moved back to the last working day before it."""


class DueStatus(enum.StrEnum):
    """The status of a submission or an obligation against its due date."""

    DONE = "done"
    """Done on time (for a submission: sent on or before the due day)."""
    LATE = "late"
    """Done, after the due day."""
    MISSING = "missing"
    """Not done, and the due day has passed."""
    NOT_YET_DUE = "not_yet_due"
    """Not done yet, and the due day has not passed (judging ``as of`` a day)."""
    TRACKED = "tracked"
    """Tracked only: the data cannot say whether it was done."""


@attrs.frozen(kw_only=True)
class CalendarDay:
    """An announced change to the calendar: a swapped day off or working day."""

    date: dt.date
    kind: DayKind = attrs.field(converter=DayKind)
    name: str = attrs.field(default="", converter=nfc)
    """What the day is (Vietnamese), e.g. ``Nghỉ bù Quốc khánh``."""
    source: str = "builtin"
    """The plugin that announced it."""
    name_en: str = attrs.field(default="", converter=nfc)
    """What the day is, in English (optional)."""


def yearly_date(month: int, day: int, year: int) -> dt.date:
    """The date of a yearly recurring day (``15/01``) in ``year``.

    Built from a ``dateutil`` yearly recurrence; a 29 February in a common year falls
    back to 28 February, so every year has its date.
    """
    start = dt.datetime(year, 1, 1)
    end = dt.datetime(year, 12, 31)
    try:
        hits = list(rrule(YEARLY, dtstart=start, until=end, bymonth=month, bymonthday=day))
    except ValueError as exc:
        raise CalendarError(f"{month:02d}-{day:02d} is not a day of the year: {exc}") from None
    if hits:
        return hits[0].date()
    if (month, day) == (2, 29):  # the leap day in a common year
        return dt.date(year, 2, 28)
    raise CalendarError(f"{month:02d}-{day:02d} is not a day of the year")


@attrs.frozen(kw_only=True)
class Shift:
    """A non-working day a deadline was moved over, and why it is not a working day."""

    date: dt.date
    reason_vi: str
    reason_en: str


@attrs.frozen
class WorkingCalendar:
    """Decides which days are working days (Monday–Friday, not a holiday, swaps applied).

    ``country`` is the ``holidays`` country code; Vietnam's is the default data of the
    built-in plan, but the calendar itself names no jurisdiction. Weekend days that the
    ``holidays`` table marks as swapped working days (làm bù) are working days.
    """

    country: str = "VN"
    extra_days: tuple[CalendarDay, ...] = attrs.field(default=(), converter=to_tuple)
    weekend: frozenset[int] = frozenset({5, 6})
    """ISO weekday numbers minus one (Monday = 0) that are weekly rest days."""

    @functools.cached_property
    def _overrides(self) -> dict[dt.date, CalendarDay]:
        return {d.date: d for d in self.extra_days}

    @functools.cached_property
    def _holidays(self) -> holidays.HolidayBase:
        import holidays  # on first use: ``thidua --help`` never needs the tables

        return holidays.country_holidays(self.country, language="en_US")

    @functools.cached_property
    def _holidays_vi(self) -> holidays.HolidayBase:
        import holidays

        return holidays.country_holidays(self.country, language="vi")

    def with_days(self, days: Iterable[CalendarDay]) -> WorkingCalendar:
        """A calendar with more announced days (later ones win on the same date)."""
        return attrs.evolve(self, extra_days=(*self.extra_days, *days))

    def holiday_name(self, day: dt.date, lang: str = "vi") -> str | None:
        """The name of the public holiday or announced day off on ``day``, if any, in
        Vietnamese (``lang="vi"``) or English."""
        o = self._overrides.get(day)
        if o is not None:
            if o.kind is not DayKind.DAY_OFF:
                return None
            name = o.name if lang == "vi" else (o.name_en or o.name)
            return name or ("Ngày nghỉ được công bố" if lang == "vi" else "announced day off")
        table = self._holidays_vi if lang == "vi" else self._holidays
        name = table.get(day)
        return str(name) if name is not None else None

    def _swapped_working_day(self, day: dt.date) -> bool:
        table = self._holidays
        _ = day in table  # populates the year, and with it the swapped working days
        return day in getattr(table, "weekend_workdays", ())

    def is_working_day(self, day: dt.date) -> bool:
        """True if ``day`` is a working day."""
        o = self._overrides.get(day)
        if o is not None:
            return o.kind is DayKind.WORKING_DAY
        if day in self._holidays:
            return False
        if day.weekday() in self.weekend:
            return self._swapped_working_day(day)
        return True

    def why_not_working(self, day: dt.date) -> Shift | None:
        """Why ``day`` is not a working day (holiday name or weekday), None if it is."""
        if self.is_working_day(day):
            return None
        vi = self.holiday_name(day, "vi")
        en = self.holiday_name(day, "en")
        return Shift(date=day, reason_vi=vi or _WEEKDAY_VI[day.weekday()],
                     reason_en=en or _WEEKDAY_EN[day.weekday()])

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        d = day
        while not self.is_working_day(d):
            d += dt.timedelta(days=1)
        return d

    def previous_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the last working day before it."""
        d = day
        while not self.is_working_day(d):
            d -= dt.timedelta(days=1)
        return d

    def roll(self, day: dt.date, convention: Roll) -> dt.date:
        """``day`` moved by ``convention`` if it is not a working day."""
        if convention is Roll.NEXT_WORKING_DAY:
            return self.next_working_day(day)
        if convention is Roll.PREVIOUS_WORKING_DAY:
            return self.previous_working_day(day)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open interval ``(start, end]`` (negative if end < start).

        The first day is not counted, as art. 147 of the Civil Code counts periods.
        """
        if end < start:
            return -self.working_days_between(end, start)
        n = 0
        d = start + dt.timedelta(days=1)
        while d <= end:
            if self.is_working_day(d):
                n += 1
            d += dt.timedelta(days=1)
        return n

    def deadline(self, *, id: str, nominal: dt.date, roll: Roll = Roll.NEXT_WORKING_DAY,
                 inclusive: bool = True, exception_year: int | None = None) -> Deadline:
        """The deadline of ``nominal`` under a roll convention and a reading of "before".

        ``inclusive`` (the default reading) makes "before 15/01" mean *on or before* the
        day; the strict reading makes the day before it the last day. The last day is
        then rolled by ``roll`` over days off, and every day moved over is recorded with
        its reason.
        """
        last = nominal if inclusive else nominal - dt.timedelta(days=1)
        due = self.roll(last, roll)
        step = dt.timedelta(days=1 if due >= last else -1)
        shifts: list[Shift] = []
        d = last
        while d != due:
            why = self.why_not_working(d)
            if why is not None:
                shifts.append(why)
            d += step
        return Deadline(id=id, nominal=nominal, last_day=last, due=due, roll=roll,
                        inclusive=inclusive, exception_year=exception_year,
                        shifted_over=tuple(shifts))


@attrs.frozen(kw_only=True)
class Timeliness:
    """How a submission (or an obligation's fulfilment) stands against its deadline."""

    status: DueStatus
    due: dt.date
    done_on: dt.date | None = None
    """The day it was done (sent), if it was."""
    days_late: int = 0
    """Calendar days after the due day (0 unless late)."""
    working_days_late: int = 0
    """Working days after the due day (0 unless late), counted as art. 147 counts."""
    days_overdue: int = 0
    """For a missing item: calendar days from the due day to the day judged on."""


@attrs.frozen(kw_only=True)
class Deadline:
    """One deadline of one year: nominal date, last day under the reading of "before",
    due day after the roll, and the days off it was moved over."""

    id: str
    """The deadline's id in the plan, e.g. ``registration.commune.deadline``."""
    nominal: dt.date
    """The date the text names for this year (a one-year exception applied)."""
    last_day: dt.date
    """The last day under the reading of "before" (the nominal day, or the day before)."""
    due: dt.date
    """The last day after the roll: on or before it is on time."""
    roll: Roll
    inclusive: bool
    exception_year: int | None = None
    """Set when the nominal date is a one-year exception (the seed's 2022 dates)."""
    shifted_over: tuple[Shift, ...] = attrs.field(default=(), converter=to_tuple)
    """Days off between the last day and the due day, with their reasons."""

    @property
    def shifted(self) -> bool:
        """True if the roll moved the due day away from the last day."""
        return self.due != self.last_day

    def judge(self, done_on: dt.date | None, calendar: WorkingCalendar, *,
              as_of: dt.date | None = None) -> Timeliness:
        """The status of something done on ``done_on`` (None: not done).

        ``as_of`` is the day judged on: anything done after it counts as not done yet,
        and nothing is missing before the due day has passed. ``None`` judges the year
        as closed.
        """
        if done_on is not None and as_of is not None and done_on > as_of:
            done_on = None
        if done_on is None:
            if as_of is not None and as_of <= self.due:
                return Timeliness(status=DueStatus.NOT_YET_DUE, due=self.due)
            overdue = (as_of - self.due).days if as_of is not None else 0
            return Timeliness(status=DueStatus.MISSING, due=self.due, days_overdue=overdue)
        if done_on <= self.due:
            return Timeliness(status=DueStatus.DONE, due=self.due, done_on=done_on)
        return Timeliness(status=DueStatus.LATE, due=self.due, done_on=done_on,
                          days_late=(done_on - self.due).days,
                          working_days_late=calendar.working_days_between(self.due, done_on))
