"""Vietnam's working-day calendar: public holidays from the ``holidays`` package (lunar
Tết and the Hùng Kings' day included) plus announced swaps that plugins add as data.

The Prime Minister fixes the actual Tết and National Day days off each year and swaps
working Saturdays (nghỉ bù / làm bù); the upstream table can lag those announcements,
so a :class:`WorkingCalendar` takes extra days off and extra working days as data.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable

import attrs
import holidays

from thidua.model.base import nfc, to_tuple

__all__ = ["CalendarDay", "DayKind", "WorkingCalendar"]


class DayKind(enum.StrEnum):
    """Whether an announced day is an extra day off or an extra working day."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


@attrs.frozen(kw_only=True)
class CalendarDay:
    """An announced change to the calendar: a swapped day off or working day."""

    date: dt.date
    kind: DayKind = attrs.field(converter=DayKind)
    name: str = attrs.field(default="", converter=nfc)
    """What the day is (Vietnamese), e.g. ``Nghỉ bù Quốc khánh``."""
    source: str = "builtin"
    """The plugin that announced it."""


@attrs.frozen
class WorkingCalendar:
    """Decides which days are working days (Monday–Friday, not a holiday, swaps applied).

    ``country`` is the ``holidays`` country code; Vietnam's is the default data of the
    built-in plan, but the calendar itself names no jurisdiction.
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
        return holidays.country_holidays(self.country)

    def with_days(self, days: Iterable[CalendarDay]) -> WorkingCalendar:
        """A calendar with more announced days (later ones win on the same date)."""
        return attrs.evolve(self, extra_days=(*self.extra_days, *days))

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the public holiday or announced day off on ``day``, if any."""
        o = self._overrides.get(day)
        if o is not None:
            return o.name or None if o.kind is DayKind.DAY_OFF else None
        name = self._holidays.get(day)
        return str(name) if name is not None else None

    def is_working_day(self, day: dt.date) -> bool:
        """True if ``day`` is a working day."""
        o = self._overrides.get(day)
        if o is not None:
            return o.kind is DayKind.WORKING_DAY
        return day.weekday() not in self.weekend and day not in self._holidays

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        d = day
        while not self.is_working_day(d):
            d += dt.timedelta(days=1)
        return d

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
