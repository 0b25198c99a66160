"""Reporting obligations (plan section ``[[obligation]]``): every duty of the plan as
data, resolved to units and given a status for a year.

Each obligation names an actor role (resolved to the dossier's units), an action, a
recipient role, a due date (a ``[[deadline]]`` id) or only a frequency, its clause,
and whether it is checkable from data (``check = "C"``) or only tracked (``"T"``)::

    [[obligation]]
    id = "registration.commune"
    route = "commune"        # fulfilled by the lists of route "commune": actor,
    clause = "IV.1.d.1"      # recipient and due date come from the route
    action_vi = "Gửi danh sách đăng ký điển hình tiên tiến"
    action_en = "Send the registration list of exemplars"

    [[obligation]]
    id = "publicity.programme"
    actor = "broadcasting_centre"
    frequency = "yearly"     # yearly (default), once (during the plan), ongoing
    check = "T"
    clause = "IV.4"
    action_vi = "Xây dựng chương trình, kế hoạch tuyên truyền hằng năm"
    action_en = "Draw up the yearly publicity programme"

An obligation without ``actor`` is the plan's own date for everyone (the 11 June
commendation occasion). ``years`` limits it to some years (the final review in 2025).

Status for a year (:func:`schedule`): a route's obligation is judged from the lists
sent; any other from the dossier's ``events`` (``obligation`` = the id): ``done`` or
``late`` against its due date; without an event ``missing`` or ``not_yet_due`` if it is
checkable, else ``tracked`` (only tracked: nothing in the data can say).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from thidua.calendar import Deadline, DueStatus, Timeliness
from thidua.model.base import nfc, non_empty_text, to_tuple
from thidua.model.findings import Finding, Severity
from thidua.model.submissions import Event
from thidua.model.units import Unit
from thidua.rules.base import Rule, RuleContext
from thidua.rules.deadlines import spec_by_id, year_deadlines
from thidua.rules.routes import Route, plan_routes, recipient_for, routing
from thidua.rules.sections import build_entries, fmt_date, register_section, typed_section

if TYPE_CHECKING:
    from thidua.parameters import ResolvedValue
    from thidua.plan import Plan

__all__ = [
    "OBLIGATION_RULE",
    "OBLIGATION_SECTION",
    "Checkability",
    "Frequency",
    "Obligation",
    "ScheduleItem",
    "plan_obligations",
    "rules",
    "schedule",
]

OBLIGATION_SECTION = "obligation"
OBLIGATION_RULE = "obligation.status"


class Frequency(enum.StrEnum):
    """How often an obligation recurs."""

    YEARLY = "yearly"
    """Once each year the plan is in force (an event of that year fulfils it)."""
    ONCE = "once"
    """Once during the plan (an event of that year or an earlier one fulfils it)."""
    ONGOING = "ongoing"
    """A standing duty; an event of the year records it."""


class Checkability(enum.StrEnum):
    """Whether the data can decide the obligation (C) or only track it (T)."""

    CHECKABLE = "C"
    TRACKED = "T"


_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+(?:\.[a-z0-9_]+)+)\}")
"""``{parameter.id}`` in an obligation's action text."""


@attrs.frozen(kw_only=True)
class Obligation:
    """One duty of the plan: who does what, for whom, by when, under which clause."""

    id: str = attrs.field(validator=non_empty_text)
    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    action_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    action_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    actor: str | None = None
    """Role that must act; None for a plan-wide date (everyone)."""
    recipient: str | None = None
    """Role the action goes to, if any."""
    route: str | None = None
    """Id of the ``[[route]]`` whose lists fulfil it (gives actor, recipient, due)."""
    due: str | None = None
    """Id of the ``[[deadline]]`` it is due by, if the plan gives a date."""
    frequency: Frequency = attrs.field(default=Frequency.YEARLY, converter=Frequency)
    years: tuple[int, ...] = attrs.field(default=(), converter=to_tuple)
    """Only in these years (empty: every year the plan is in force)."""
    check: Checkability = attrs.field(default=Checkability.TRACKED, converter=Checkability)
    note_vi: str = attrs.field(default="", converter=nfc)
    note_en: str = attrs.field(default="", converter=nfc)

    def action(self, lang: str, params: Mapping[str, ResolvedValue]) -> str:
        """The action text in ``lang`` ("vi" or "en") with every ``{parameter.id}``
        placeholder filled with that parameter's value for the year, so a text such as
        "Select {registration.commune.quota} exemplars" follows a plugin's override."""
        text = self.action_vi if lang == "vi" else self.action_en
        return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)].value), text)

    def problems(self, plan: Plan) -> Iterable[str]:
        """References the plan does not define: roles, routes, deadlines, parameters."""
        for text in (self.action_vi, self.action_en):
            for pid in _PLACEHOLDER.findall(text):
                if pid not in plan.parameters:
                    yield f"{self.id}: the action text names unknown parameter {{{pid}}}"
        for role in (self.actor, self.recipient):
            if role is not None and not plan.has_role(role):
                yield f"{self.id}: unknown role {role!r}"
        if self.route is not None and all(r.id != self.route for r in plan_routes(plan)):
            yield f"{self.id}: unknown route {self.route!r}"
        if self.due is not None and spec_by_id(plan, self.due) is None:
            yield f"{self.id}: unknown deadline {self.due!r}"

    def applies(self, year: int) -> bool:
        """True if the obligation falls in ``year``."""
        return not self.years or year in self.years


def parse_obligations(raw: Any) -> Iterable[Obligation]:
    """Parse the ``[[obligation]]`` section."""
    return build_entries(Obligation, raw, OBLIGATION_SECTION)


register_section(OBLIGATION_SECTION, parse_obligations)


def plan_obligations(plan: Plan) -> tuple[Obligation, ...]:
    """The plan's obligations, in plan order."""
    return typed_section(plan, OBLIGATION_SECTION, Obligation)


@attrs.frozen(kw_only=True)
class ScheduleItem:
    """One row of a year's schedule: an obligation of one unit and its status."""

    obligation: Obligation
    unit: Unit | None
    """The unit that must act; None for a plan-wide date or a role no unit plays."""
    recipient: Unit | None
    deadline: Deadline | None
    """The due date of the year (after the roll), if the plan gives one."""
    status: DueStatus
    timeliness: Timeliness | None = None
    evidence: str | None = None
    """Id of the submission, or the date of the event, that fulfils it."""
    actor_role: str | None = None
    """The actor role (also when no unit of the dossier plays it)."""
    recipient_role: str | None = None
    action_vi: str = ""
    """The obligation's action with its parameter placeholders filled for the year."""
    action_en: str = ""

    @property
    def checkable(self) -> bool:
        """True if the data decides the status (C)."""
        return self.obligation.check is Checkability.CHECKABLE or \
            self.obligation.route is not None

    def sort_key(self) -> tuple[str, str, str]:
        """Deterministic order: by due date, then obligation id, then unit id."""
        due = self.deadline.due.isoformat() if self.deadline else "9999"
        return (due, self.obligation.id, self.unit.id if self.unit else "")


def _year_closed(ctx: RuleContext) -> bool:
    return ctx.as_of is None or ctx.as_of > dt.date(ctx.year, 12, 31)


def _events_index(ctx: RuleContext) -> dict[tuple[str, str], tuple[Event, ...]]:
    out: dict[tuple[str, str], list[Event]] = {}
    for ev in ctx.dossier.events:
        out.setdefault((ev.obligation, ev.unit), []).append(ev)
    return {k: tuple(sorted(v, key=lambda e: (e.on, e.year))) for k, v in out.items()}


def _events_for(ctx: RuleContext, ob: Obligation, unit: Unit | None) -> tuple[Event, ...]:
    index = ctx.memo("obligations.events", _events_index)
    if unit is not None:
        evs: Iterable[Event] = index.get((ob.id, unit.id), ())
    else:
        evs = (e for (oid, _), es in index.items() if oid == ob.id for e in es)
    if ob.frequency is Frequency.ONCE:
        picked = [e for e in evs if e.year <= ctx.year]
    else:
        picked = [e for e in evs if e.year == ctx.year]
    if ctx.as_of is not None:
        picked = [e for e in picked if e.on <= ctx.as_of]
    return tuple(sorted(picked, key=lambda e: (e.on, e.unit)))


def _from_events(ctx: RuleContext, ob: Obligation, unit: Unit | None,
                 deadline: Deadline | None) -> tuple[DueStatus, Timeliness | None, str | None]:
    events = _events_for(ctx, ob, unit)
    first = events[0] if events else None
    checkable = ob.check is Checkability.CHECKABLE
    if deadline is not None and (first is not None or checkable):
        t = deadline.judge(first.on if first else None, ctx.calendar, as_of=ctx.as_of)
        return t.status, t, first.on.isoformat() if first else None
    if first is not None:
        return DueStatus.DONE, None, first.on.isoformat()
    if not checkable:
        return DueStatus.TRACKED, None, None
    return (DueStatus.MISSING if _year_closed(ctx) else DueStatus.NOT_YET_DUE), None, None


def _route_rows(ctx: RuleContext, ob: Obligation, route: Route,
                deadline: Deadline | None) -> Iterable[ScheduleItem]:
    from thidua.rules.registration import judge_route

    rt = routing(ctx)
    for unit in rt.expected.get(route.id, ()):
        t, sub = judge_route(ctx, route, unit.id, deadline)
        if t is not None:
            status = t.status
        elif sub is not None and sub.submitted_on is not None:
            status = DueStatus.DONE
        else:
            status = DueStatus.MISSING if _year_closed(ctx) else DueStatus.NOT_YET_DUE
        fulfilled = status in (DueStatus.DONE, DueStatus.LATE)
        yield ScheduleItem(obligation=ob, unit=unit,
                           recipient=recipient_for(ctx, unit, route.to_role),
                           deadline=deadline, status=status, timeliness=t,
                           evidence=sub.id if sub is not None and fulfilled else None,
                           actor_role=route.from_role, recipient_role=route.to_role,
                           action_vi=ob.action("vi", ctx.params),
                           action_en=ob.action("en", ctx.params))


def _build_schedule(ctx: RuleContext) -> tuple[ScheduleItem, ...]:
    deadlines = year_deadlines(ctx)
    routes = {r.id: r for r in plan_routes(ctx.plan)}
    rt = routing(ctx)
    rows: list[ScheduleItem] = []
    for ob in plan_obligations(ctx.plan):
        if not ob.applies(ctx.year):
            continue
        route = routes.get(ob.route) if ob.route is not None else None
        due_id = ob.due or (route.deadline if route is not None else None)
        deadline = deadlines.get(due_id) if due_id is not None else None
        if route is not None:
            rows.extend(_route_rows(ctx, ob, route, deadline))
            continue
        if ob.actor is None:
            units: tuple[Unit | None, ...] = (None,)
        else:
            ids = rt.role_units.get(ob.actor, frozenset())
            units = tuple(u for u in ctx.dossier.units if u.id in ids) or (None,)
        for unit in units:
            status, t, evidence = _from_events(ctx, ob, unit, deadline)
            rows.append(ScheduleItem(
                obligation=ob, unit=unit, recipient=recipient_for(ctx, unit, ob.recipient),
                deadline=deadline, status=status, timeliness=t, evidence=evidence,
                actor_role=ob.actor, recipient_role=ob.recipient,
                action_vi=ob.action("vi", ctx.params), action_en=ob.action("en", ctx.params)))
    rows.sort(key=ScheduleItem.sort_key)
    return tuple(rows)


def schedule(ctx: RuleContext) -> tuple[ScheduleItem, ...]:
    """The year's obligations for every unit with their status (once per evaluation),
    ordered by due date, obligation and unit."""
    return ctx.memo("obligations.schedule", _build_schedule)


def check_obligations(ctx: RuleContext) -> Iterable[Finding]:
    """Obligations fulfilled late (from events), and checkable ones missing.

    Obligations fulfilled by registration lists are left to ``registration.deadline``;
    tracked obligations without an event are not findings (the data cannot tell).
    """
    for item in schedule(ctx):
        ob = item.obligation
        if ob.route is not None or (item.unit is None and ob.actor is not None):
            continue
        subject = item.unit.id if item.unit is not None else ctx.plan.id
        who = item.unit.name if item.unit is not None else ctx.plan.id
        due_vi = fmt_date(item.deadline.due, "vi") if item.deadline else ""
        due_en = fmt_date(item.deadline.due, "en") if item.deadline else ""
        t = item.timeliness
        if item.status is DueStatus.LATE and t is not None:
            yield Finding(
                rule=OBLIGATION_RULE, severity=Severity.WARNING, subject=subject,
                clause=ob.clause,
                message_vi=(f"{who}: \"{item.action_vi}\" năm {ctx.year} thực hiện ngày "
                            f"{fmt_date(t.done_on, 'vi')}, trễ {t.days_late} ngày so với hạn "
                            f"{due_vi}."),
                message_en=(f"{who}: \"{item.action_en}\" for {ctx.year} was done on "
                            f"{fmt_date(t.done_on, 'en')}, {t.days_late} days after the due "
                            f"date {due_en}."),
                evidence={"obligation": ob.id, "status": item.status.value,
                          "done_on": str(t.done_on), "due": str(t.due),
                          "days_late": t.days_late, "year": ctx.year},
            )
        elif item.status is DueStatus.MISSING and item.checkable:
            yield Finding(
                rule=OBLIGATION_RULE, severity=Severity.ERROR, subject=subject,
                clause=ob.clause,
                message_vi=(f"{who}: chưa có ghi nhận \"{item.action_vi}\" năm {ctx.year}"
                            + (f" (hạn {due_vi})." if due_vi else ".")),
                message_en=(f"{who}: no record of \"{item.action_en}\" for {ctx.year}"
                            + (f" (due {due_en})." if due_en else ".")),
                evidence={"obligation": ob.id, "status": item.status.value,
                          "due": str(item.deadline.due) if item.deadline else None,
                          "year": ctx.year},
            )


def rules() -> tuple[Rule, ...]:
    """The obligation rules, for the rule library."""
    return (
        Rule(id=OBLIGATION_RULE, clause="[[obligation]].clause", check=check_obligations,
             description_en="obligations are fulfilled on time (from recorded events)",
             description_vi="nghĩa vụ được thực hiện đúng hạn (theo sự kiện ghi nhận)"),
    )
