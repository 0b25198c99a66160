"""Registration routes (plan section ``[[route]]``): who sends a registration list to
whom, under which quota and deadline, with which attachments, chosen from what.

The plan declares each route as data; the rules of :mod:`thidua.rules.registration`
are generic and read them. A two-tier province (communes report straight to the
province) is just other routes::

    [[route]]
    id = "commune"
    name_vi = "Danh sách đăng ký của UBND xã, thị trấn"
    name_en = "registration list of a commune or township"
    from = "commune"                 # role of the sender
    to = "district"                  # role of the recipient
    clause = "IV.1.d.1"
    quota = "registration.commune.quota"          # a range parameter
    deadline = "registration.commune.deadline"    # a [[deadline]] id
    required = true                  # every unit of the role must send one

Other keys: ``above_max_severity`` (a choice parameter: error, warning or info for a
list above the quota's maximum), ``attachments`` (slugs every list must carry) with
``attachments_clause``, ``select_from`` (roles whose lists sent to the sender are the
only allowed source of its list) with ``selection_clause``, and ``entitlement`` (the id
of a condition in :data:`ENTITLEMENTS` a sender must meet to register on this route)
with ``entitlement_clause``.

:func:`routing` matches every submission of the year to a route once per evaluation.
A unit may play several roles (a district office that leads a movement): candidate
routes are tried in plan order and the first one the sender is entitled to wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from thidua.model.base import nfc, non_empty_text, to_tuple
from thidua.model.submissions import Submission
from thidua.model.units import Unit
from thidua.parameters import ParameterKind
from thidua.rules.sections import build_entries, register_section, typed_section

if TYPE_CHECKING:
    from thidua.plan import Plan
    from thidua.rules.base import RuleContext

__all__ = [
    "ENTITLEMENTS",
    "ROUTE_SECTION",
    "Entitlement",
    "Route",
    "RoutedSubmission",
    "Routing",
    "plan_routes",
    "routing",
]

ROUTE_SECTION = "route"
"""Name of the plan-file section."""


@attrs.frozen(kw_only=True)
class Entitlement:
    """A condition a unit must meet to register on a route (data-named, code-checked)."""

    id: str
    description_vi: str = attrs.field(converter=nfc)
    """Completes "đơn vị …" in messages, e.g. "chủ trì phong trào có điển hình đã được
    tuyên dương"."""
    description_en: str = attrs.field(converter=nfc)
    check: Callable[[RuleContext, Unit], bool] = attrs.field(eq=False)


def _honoured_movements(ctx: RuleContext) -> frozenset[str]:
    """Movements with at least one exemplar honoured at the conference by the year."""
    out = set()
    for e in ctx.dossier.exemplars:
        for h in e.honoured:
            if h.movement is not None and h.year <= ctx.year:
                out.add(h.movement)
    return frozenset(out)


def _leads_honoured_movement(ctx: RuleContext, unit: Unit) -> bool:
    honoured = ctx.memo("routes.honoured_movements", _honoured_movements)
    return any(m.lead == unit.id and m.id in honoured for m in ctx.dossier.movements)


ENTITLEMENTS: dict[str, Entitlement] = {
    "leads_movement_with_honoured_exemplars": Entitlement(
        id="leads_movement_with_honoured_exemplars",
        description_vi="chủ trì phong trào thi đua có gương điển hình tiên tiến đã được "
                       "tuyên dương tại Hội nghị điển hình tiên tiến",
        description_en="leads an emulation movement with exemplars honoured at the exemplar "
                       "conference",
        check=_leads_honoured_movement,
    ),
}
"""Conditions routes can name in ``entitlement``; plugins may add their own."""


@attrs.frozen(kw_only=True)
class Route:
    """Who sends a registration list to whom, under which quota, deadline and conditions."""

    id: str = attrs.field(validator=non_empty_text)
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    """What the list is (Vietnamese), e.g. "Danh sách đăng ký của UBND xã, thị trấn"."""
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    from_role: str
    """Role of the sender (TOML key ``from``)."""
    to_role: str
    """Role of the recipient (TOML key ``to``)."""
    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The clause that creates the route."""
    quota: str | None = None
    """Id of the ``range`` parameter bounding the number of exemplars on a list."""
    above_max_severity: str | None = None
    """Id of a ``choice`` parameter (error, warning, info) for a list above the maximum;
    without it, above the maximum is an error."""
    deadline: str | None = None
    """Id of the ``[[deadline]]`` the list is due by."""
    required: bool = True
    """Every (entitled) unit of ``from`` must send a list each year."""
    attachments: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Slugs of documents every list must carry (e.g. ``ke_hoach_boi_duong``)."""
    attachments_clause: str = attrs.field(default="", converter=nfc)
    select_from: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Roles whose lists, sent to the sender, are the only source of its list."""
    selection_clause: str = attrs.field(default="", converter=nfc)
    entitlement: str | None = None
    """Id of an :data:`ENTITLEMENTS` condition the sender must meet."""
    entitlement_clause: str = attrs.field(default="", converter=nfc)

    def problems(self, plan: Plan) -> Iterable[str]:
        """References the plan does not define: roles, parameters, deadlines."""
        from thidua.rules.deadlines import spec_by_id

        for role in (self.from_role, self.to_role, *self.select_from):
            if not plan.has_role(role):
                yield f"{self.id}: unknown role {role!r}"
        store = plan.parameters
        for pid, kind in ((self.quota, ParameterKind.RANGE),
                          (self.above_max_severity, ParameterKind.CHOICE)):
            if pid is None:
                continue
            if pid not in store:
                yield f"{self.id}: unknown parameter {pid!r}"
            elif store[pid].kind is not kind:
                yield f"{self.id}: parameter {pid!r} must be a {kind.value}"
        if self.deadline is not None and spec_by_id(plan, self.deadline) is None:
            yield f"{self.id}: unknown deadline {self.deadline!r}; declare it as [[deadline]]"
        if self.entitlement is not None and self.entitlement not in ENTITLEMENTS:
            yield (f"{self.id}: unknown entitlement {self.entitlement!r}; known: "
                   + ", ".join(sorted(ENTITLEMENTS)))

    def clause_for(self, part: str) -> str:
        """The clause of a part of the route (``attachments``, ``selection``,
        ``entitlement``), falling back to the route's clause."""
        specific = {"attachments": self.attachments_clause,
                    "selection": self.selection_clause,
                    "entitlement": self.entitlement_clause}.get(part, "")
        return specific or self.clause


def parse_routes(raw: Any) -> Iterable[Route]:
    """Parse the ``[[route]]`` section."""
    return build_entries(Route, raw, ROUTE_SECTION,
                         renames={"from": "from_role", "to": "to_role"})


register_section(ROUTE_SECTION, parse_routes)


def plan_routes(plan: Plan) -> tuple[Route, ...]:
    """The plan's routes, in plan order."""
    return typed_section(plan, ROUTE_SECTION, Route)


@attrs.frozen(kw_only=True)
class RoutedSubmission:
    """A submission of the year and the route it travels on."""

    submission: Submission
    route: Route | None
    """The route it was matched to; None if no route of the plan fits it."""
    entitled: bool = True
    """False if the sender does not meet the route's entitlement."""
    passed_over: tuple[Route, ...] = ()
    """Earlier candidate routes the sender is not entitled to (so it fell back)."""


@attrs.frozen(kw_only=True)
class Routing:
    """The year's submissions matched to routes, and the units each route expects."""

    routes: tuple[Route, ...]
    role_units: Mapping[str, frozenset[str]]
    """Ids of the units that play each role."""
    submissions: tuple[RoutedSubmission, ...]
    """The year's submissions in dossier order, each with its route."""
    expected: Mapping[str, tuple[Unit, ...]]
    """For each required route, the units that must send a list (entitled senders)."""
    by_route: Mapping[str, tuple[RoutedSubmission, ...]] = attrs.field(factory=dict)
    """The year's submissions on each route."""
    by_sender: Mapping[tuple[str, str], tuple[RoutedSubmission, ...]] = attrs.field(
        factory=dict)
    """The year's submissions on each route, by ``(route id, sender id)``."""

    def plays(self, unit_id: str, role: str) -> bool:
        """True if the unit plays ``role``."""
        return unit_id in self.role_units.get(role, frozenset())

    def on_route(self, route_id: str) -> tuple[RoutedSubmission, ...]:
        """The year's submissions on route ``route_id``."""
        return self.by_route.get(route_id, ())

    def sent_by(self, route_id: str, unit_id: str) -> tuple[RoutedSubmission, ...]:
        """The year's submissions of ``unit_id`` on route ``route_id``."""
        return self.by_sender.get((route_id, unit_id), ())

    def sent_up(self, recipient: str, roles: Iterable[str]) -> frozenset[str]:
        """Ids of the exemplars that units playing ``roles`` sent to ``recipient`` this
        year (lists actually sent: drafts without a date do not count)."""
        roles = tuple(roles)
        out: set[str] = set()
        for r in self.submissions:
            s = r.submission
            if (s.to_unit == recipient and s.submitted_on is not None
                    and any(self.plays(s.from_unit, role) for role in roles)):
                out.update(s.exemplars)
        return frozenset(out)


def _entitled(ctx: RuleContext, route: Route, unit: Unit) -> bool:
    if route.entitlement is None:
        return True
    return ENTITLEMENTS[route.entitlement].check(ctx, unit)


def _build_routing(ctx: RuleContext) -> Routing:
    d = ctx.dossier
    routes = plan_routes(ctx.plan)
    leads = frozenset(m.lead for m in d.movements)
    role_units = {role.id: frozenset(u.id for u in d.units if role.plays(u, leads))
                  for role in ctx.plan.roles}

    def plays(unit_id: str, role: str) -> bool:
        return unit_id in role_units.get(role, frozenset())

    routed = []
    for s in d.submissions_for(ctx.year):
        sender = d.units_by_id[s.from_unit]
        candidates = [r for r in routes
                      if plays(s.from_unit, r.from_role) and plays(s.to_unit, r.to_role)]
        if not candidates:
            routed.append(RoutedSubmission(submission=s, route=None))
            continue
        entitled = [r for r in candidates if _entitled(ctx, r, sender)]
        if entitled:
            chosen = entitled[0]
            passed = tuple(candidates[:candidates.index(chosen)])
            routed.append(RoutedSubmission(submission=s, route=chosen, passed_over=passed))
        else:
            routed.append(RoutedSubmission(submission=s, route=candidates[0], entitled=False))
    expected = {
        r.id: tuple(u for u in d.units
                    if plays(u.id, r.from_role) and _entitled(ctx, r, u))
        for r in routes if r.required
    }
    by_route: dict[str, list[RoutedSubmission]] = {}
    by_sender: dict[tuple[str, str], list[RoutedSubmission]] = {}
    for rs in routed:
        if rs.route is not None:
            by_route.setdefault(rs.route.id, []).append(rs)
            by_sender.setdefault((rs.route.id, rs.submission.from_unit), []).append(rs)
    return Routing(routes=routes, role_units=role_units, submissions=tuple(routed),
                   expected=expected, by_route={k: tuple(v) for k, v in by_route.items()},
                   by_sender={k: tuple(v) for k, v in by_sender.items()})


def routing(ctx: RuleContext) -> Routing:
    """The year's routing, built once per evaluation and shared by every rule."""
    return ctx.memo("routes.routing", _build_routing)


def recipient_for(ctx: RuleContext, unit: Unit | None, role: str | None) -> Unit | None:
    """The unit of ``role`` that ``unit`` reports to: its parent if the parent plays the
    role, else the only unit playing it; None if that is ambiguous."""
    if role is None:
        return None
    r = routing(ctx)
    units = ctx.dossier.units_by_id
    if unit is not None and unit.parent is not None and r.plays(unit.parent, role):
        return units[unit.parent]
    ids = r.role_units.get(role, frozenset())
    return units[next(iter(ids))] if len(ids) == 1 else None
