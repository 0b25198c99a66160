"""Rules: small pure functions with a stable id and the clause they implement.

A rule takes a :class:`RuleContext` (the dossier, the year, the plan, its parameters
resolved once for that year, the working-day calendar) and yields
:class:`~thidua.model.Finding` objects. Rules do no I/O and keep no state, so a batch
can be split and evaluated anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from thidua.calendar import WorkingCalendar
from thidua.model.base import nfc, non_empty_text
from thidua.model.dossier import Dossier
from thidua.model.findings import Finding
from thidua.parameters import ResolvedParameters

if TYPE_CHECKING:
    from thidua.plan import Plan

__all__ = ["Rule", "RuleContext", "RuleFunc"]

_T = TypeVar("_T")


@attrs.frozen(kw_only=True)
class RuleContext:
    """Everything a rule may read; parameters are resolved once per evaluation."""

    dossier: Dossier
    year: int
    plan: Plan
    params: ResolvedParameters
    calendar: WorkingCalendar
    as_of: dt.date | None = None
    """The day the dossier is judged on; ``None`` judges the year as closed (every
    deadline has passed)."""
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def memo(self, key: str, build: Callable[[RuleContext], _T]) -> _T:
        """The value ``build(self)`` computed once per evaluation and shared by every
        rule (indexes of the dossier, the year's deadlines, the routing of submissions).
        ``key`` names the value; use the building function's qualified name."""
        if key not in self._memo:
            self._memo[key] = build(self)
        value: _T = self._memo[key]
        return value


RuleFunc = Callable[[RuleContext], Iterable[Finding]]
"""The signature of a rule's function."""


@attrs.frozen(kw_only=True)
class Rule:
    """A named, cited check. Plugins add, replace (by id) or disable rules."""

    id: str = attrs.field(validator=non_empty_text)
    """Stable id, e.g. ``quota.registration``; findings carry it as ``rule``."""
    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The clause id(s) of the plan (or article of law) the rule implements."""
    check: RuleFunc = attrs.field(eq=False)
    """The pure function."""
    description_en: str = attrs.field(default="", converter=nfc)
    description_vi: str = attrs.field(default="", converter=nfc)
    source: str = "builtin"
    """Name of the plugin that supplied it (provenance in the trace)."""

    def __call__(self, ctx: RuleContext) -> Iterable[Finding]:
        return self.check(ctx)
