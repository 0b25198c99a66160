"""Plans: everything a jurisdiction decides, as data supplied by a plugin.

A :class:`Plan` bundles the levels of the administrative hierarchy it knows, the roles
that select units (communes, the district, lead agencies of movements …), its dated
parameters and the rules it runs. The engine, the calendar and the award ladder never
name a province, a level or a date: they read them from the plan in force.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from thidua.errors import PlanError
from thidua.model.base import identifier, nfc, non_empty_text, slug, to_tuple
from thidua.model.dossier import Dossier
from thidua.model.units import Level, Unit
from thidua.parameters import ParameterStore
from thidua.rules.base import Rule

__all__ = ["IN_FORCE_FROM", "IN_FORCE_UNTIL", "Plan", "Role", "fold_name"]

IN_FORCE_FROM = "plan.in_force_from"
"""Id of the parameter giving the first day a plan applies (a date)."""
IN_FORCE_UNTIL = "plan.in_force_until"
"""Id of the parameter giving the last day a plan applies (a date)."""


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold_name(name: str) -> str:
    """A name folded for matching: no diacritics (``đ`` → ``d``), lower case, every run
    of punctuation or space made one space. "Phòng Văn hoá và Thông tin" and
    "PHÒNG VĂN HÓA VÀ THÔNG TIN" fold to the same text."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub(" ", bare).strip()


@attrs.frozen(kw_only=True)
class Role:
    """A part units play in a plan, resolved to units of a dossier.

    A role selects units by level (``levels = ["xa"]``), with ``movement_lead`` the lead
    agencies of the dossier's movements, or with ``names`` the units whose name starts
    with one of the given names (compared without diacritics, case or punctuation: the
    dossier format has no field saying which district office is the Finance office).
    A unit matching any of these plays the role.
    """

    id: str = attrs.field(validator=slug)
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    levels: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    movement_lead: bool = False
    names: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Name prefixes of the units that play the role (e.g. ``Phòng Nội vụ``)."""

    @functools.cached_property
    def _folded_names(self) -> tuple[str, ...]:
        return tuple(fold_name(n) for n in self.names)

    def plays(self, unit: Unit, leads: frozenset[str] = frozenset()) -> bool:
        """True if ``unit`` plays this role; ``leads`` are the ids of the dossier's
        movement leads (needed only by ``movement_lead`` roles)."""
        if unit.level in self.levels:
            return True
        if self.movement_lead and unit.id in leads:
            return True
        if self._folded_names:
            folded = fold_name(unit.name)
            return any(folded == n or folded.startswith(n + " ") for n in self._folded_names)
        return False

    def units(self, dossier: Dossier) -> tuple[Unit, ...]:
        """The dossier's units that play this role, in dossier order."""
        leads = frozenset(m.lead for m in dossier.movements)
        return tuple(u for u in dossier.units if self.plays(u, leads))


@attrs.frozen(kw_only=True)
class Plan:
    """A jurisdiction's plan: levels, roles, dated parameters and the rules it runs."""

    id: str = attrs.field(validator=identifier)
    """Stable id, e.g. ``vn-hy-district-exemplars-2022``."""
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    jurisdiction: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Who issued it (Vietnamese), e.g. ``UBND huyện … tỉnh Hưng Yên``."""
    document: str = attrs.field(converter=nfc, validator=non_empty_text)
    """How findings cite it, e.g. ``Kế hoạch bồi dưỡng và nhân rộng … (huyện)``."""
    levels: tuple[Level, ...] = attrs.field(converter=to_tuple)
    roles: tuple[Role, ...] = attrs.field(default=(), converter=to_tuple)
    parameters: ParameterStore = attrs.field(factory=ParameterStore)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=to_tuple)
    succeeds: str | None = None
    """Id of the plan this one follows in the same jurisdiction, if any."""
    source: str = "builtin"
    """Name of the plugin that supplied the plan."""
    sections: Mapping[str, tuple[Any, ...]] = attrs.field(factory=dict, hash=False)
    """Typed data of rule families (routes, deadlines, obligations …) keyed by the
    plan-file section name; each family parses its own section (see
    :data:`thidua.rules.PLAN_SECTIONS`)."""

    def section(self, name: str) -> tuple[Any, ...]:
        """The parsed entries of section ``name`` (empty if the plan has none)."""
        return tuple(self.sections.get(name, ()))

    def __attrs_post_init__(self) -> None:
        ids = [r.id for r in self.rules]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise PlanError(f"plan {self.id!r} lists rule(s) {sorted(dup)} more than once")
        level_ids = {lv.id for lv in self.levels}
        for role in self.roles:
            unknown = set(role.levels) - level_ids
            if unknown:
                raise PlanError(f"plan {self.id!r}: role {role.id!r} names unknown level(s) "
                                f"{sorted(unknown)}; declare them under [[level]]")
        problems = [f"[[{name}]] {msg}" for name, entries in sorted(self.sections.items())
                    for entry in entries for msg in _entry_problems(entry, self)]
        if problems:
            raise PlanError(f"plan {self.id!r} refers to things it does not define: "
                            + "; ".join(problems))

    def has_role(self, role_id: str) -> bool:
        """True if the plan defines role ``role_id``."""
        return any(r.id == role_id for r in self.roles)

    def role(self, role_id: str) -> Role:
        """The role with id ``role_id``."""
        for r in self.roles:
            if r.id == role_id:
                return r
        raise PlanError(f"plan {self.id!r} has no role {role_id!r}; known: "
                        + ", ".join(r.id for r in self.roles))

    def in_force(self, year: int) -> bool:
        """True if the plan applies to some day of ``year``."""
        start = self.parameters[IN_FORCE_FROM].timeline[0].value
        until = self.parameters[IN_FORCE_UNTIL].timeline[-1].value
        if not isinstance(start, dt.date) or not isinstance(until, dt.date):
            raise PlanError(f"plan {self.id!r}: {IN_FORCE_FROM} and {IN_FORCE_UNTIL} must be "
                            f"date parameters")
        return start.year <= year <= until.year

    def with_rules(self, rules: Iterable[Rule]) -> Plan:
        """A copy of the plan running ``rules`` instead."""
        return attrs.evolve(self, rules=tuple(rules))

    def with_parameters(self, parameters: ParameterStore) -> Plan:
        """A copy of the plan with another parameter store."""
        return attrs.evolve(self, parameters=parameters)


def _entry_problems(entry: object, plan: Plan) -> Iterable[str]:
    """Problems a plan-section entry reports about its references (roles, parameters,
    other entries), if its family defines ``problems(plan)``."""
    check = getattr(entry, "problems", None)
    return tuple(check(plan)) if callable(check) else ()
