"""The plan's dated deadlines and occasions (plan section ``[[deadline]]``).

Each entry names the parameter holding its date (a yearly ``month_day`` such as
``01-15``, with one-year exceptions such as 2022's ``05-30``, or a one-off ``date``),
and the parameters holding its roll convention and its reading of "before"::

    [[deadline]]
    id = "registration.commune.deadline"
    name_vi = "Hạn UBND xã, thị trấn gửi danh sách đăng ký về UBND huyện"
    name_en = "Communes send their registration lists to the district"
    parameter = "registration.commune.deadline"   # default: the id
    roll = "deadline.roll"                        # default
    inclusive = "deadline.inclusive"              # default

    [[deadline]]
    id = "commendation.occasion"
    kind = "occasion"       # a fixed day (11/6): never rolled, no reading of "before"
    name_vi = "…"
    name_en = "…"

:func:`year_deadlines` resolves them once per evaluation into
:class:`~thidua.calendar.Deadline` objects on the working-day calendar.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from thidua.calendar import Deadline, Roll, yearly_date
from thidua.errors import PlanError
from thidua.model.base import nfc, non_empty_text
from thidua.parameters import MonthDay, ParameterKind
from thidua.rules.sections import build_entries, register_section, typed_section

if TYPE_CHECKING:
    from thidua.calendar import WorkingCalendar
    from thidua.parameters import ResolvedParameters
    from thidua.plan import Plan
    from thidua.rules.base import RuleContext

__all__ = [
    "DEADLINE_INCLUSIVE",
    "DEADLINE_ROLL",
    "DEADLINE_SECTION",
    "DeadlineKind",
    "DeadlineSpec",
    "deadline_specs",
    "resolve_deadlines",
    "year_deadlines",
]

DEADLINE_SECTION = "deadline"
"""Name of the plan-file section."""
DEADLINE_ROLL = "deadline.roll"
"""Default id of the ``choice`` parameter giving the roll convention."""
DEADLINE_INCLUSIVE = "deadline.inclusive"
"""Default id of the ``bool`` parameter: does "before the day" include the day?"""


class DeadlineKind(enum.StrEnum):
    """A deadline (something must be done by it) or an occasion (a fixed day)."""

    DEADLINE = "deadline"
    OCCASION = "occasion"


@attrs.frozen(kw_only=True)
class DeadlineSpec:
    """A dated deadline or occasion of a plan, as data."""

    id: str = attrs.field(validator=non_empty_text)
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    """What is due (Vietnamese), for calendars and messages."""
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    parameter: str = attrs.field(default="")
    """Id of the ``month_day`` or ``date`` parameter with the date; default: the id."""
    kind: DeadlineKind = attrs.field(default=DeadlineKind.DEADLINE, converter=DeadlineKind)
    roll: str = DEADLINE_ROLL
    """Id of the ``choice`` parameter with the roll convention (see :class:`Roll`)."""
    inclusive: str = DEADLINE_INCLUSIVE
    """Id of the ``bool`` parameter with the reading of "before"."""

    def __attrs_post_init__(self) -> None:
        if not self.parameter:
            object.__setattr__(self, "parameter", self.id)

    def problems(self, plan: Plan) -> Iterable[str]:
        """References to parameters the plan does not define, or of the wrong kind."""
        store = plan.parameters
        wanted: list[tuple[str, tuple[ParameterKind, ...]]] = [
            (self.parameter, (ParameterKind.MONTH_DAY, ParameterKind.DATE))]
        if self.kind is DeadlineKind.DEADLINE:
            wanted += [(self.roll, (ParameterKind.CHOICE,)),
                       (self.inclusive, (ParameterKind.BOOL,))]
        for pid, kinds in wanted:
            if pid not in store:
                yield f"{self.id}: unknown parameter {pid!r}"
            elif store[pid].kind not in kinds:
                yield (f"{self.id}: parameter {pid!r} is a {store[pid].kind.value}, expected "
                       + " or ".join(k.value for k in kinds))
        if self.kind is DeadlineKind.DEADLINE and self.roll in store:
            bad = sorted(set(store[self.roll].choices) - {r.value for r in Roll})
            if bad:
                yield (f"{self.id}: roll parameter {self.roll!r} allows unknown conventions "
                       f"{bad}; use " + ", ".join(r.value for r in Roll))

    def resolve(self, params: ResolvedParameters, calendar: WorkingCalendar,
                year: int) -> Deadline | None:
        """This deadline in ``year``, or None if it has no date that year (a one-off
        date of another year, or no value in force)."""
        if self.parameter not in params:
            return None
        rv = params[self.parameter]
        value = rv.value
        if isinstance(value, MonthDay):
            nominal = yearly_date(value.month, value.day, year)
        elif isinstance(value, dt.date):
            if value.year != year:
                return None
            nominal = value
        else:
            raise PlanError(f"deadline {self.id!r}: parameter {self.parameter!r} must be a "
                            f"month_day or a date, got {value!r}")
        if self.kind is DeadlineKind.OCCASION:
            return calendar.deadline(id=self.id, nominal=nominal, roll=Roll.NONE,
                                     inclusive=True, exception_year=rv.exception_year)
        roll = Roll(params.text(self.roll)) if self.roll in params else Roll.NEXT_WORKING_DAY
        inclusive = params.bool(self.inclusive) if self.inclusive in params else True
        return calendar.deadline(id=self.id, nominal=nominal, roll=roll, inclusive=inclusive,
                                 exception_year=rv.exception_year)


def parse_deadlines(raw: Any) -> Iterable[DeadlineSpec]:
    """Parse the ``[[deadline]]`` section."""
    return build_entries(DeadlineSpec, raw, DEADLINE_SECTION)


register_section(DEADLINE_SECTION, parse_deadlines)


def deadline_specs(plan: Plan) -> tuple[DeadlineSpec, ...]:
    """The plan's deadlines and occasions, in plan order."""
    return typed_section(plan, DEADLINE_SECTION, DeadlineSpec)


def resolve_deadlines(plan: Plan, params: ResolvedParameters, calendar: WorkingCalendar,
                      year: int) -> Mapping[str, Deadline]:
    """Every deadline of ``plan`` that has a date in ``year``, keyed by id."""
    out: dict[str, Deadline] = {}
    for spec in deadline_specs(plan):
        d = spec.resolve(params, calendar, year)
        if d is not None:
            out[spec.id] = d
    return out


def _build_year_deadlines(ctx: RuleContext) -> Mapping[str, Deadline]:
    return resolve_deadlines(ctx.plan, ctx.params, ctx.calendar, ctx.year)


def year_deadlines(ctx: RuleContext) -> Mapping[str, Deadline]:
    """The evaluation's deadlines by id, resolved once and shared by every rule."""
    return ctx.memo("deadlines.year", _build_year_deadlines)


def spec_by_id(plan: Plan, deadline_id: str) -> DeadlineSpec | None:
    """The deadline entry with id ``deadline_id``, if the plan has it."""
    return next((s for s in deadline_specs(plan) if s.id == deadline_id), None)
