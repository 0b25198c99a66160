"""The registration rules (yearly emulation registration): generic rules driven by the
plan's ``[[route]]`` and ``[[deadline]]`` data and its parameters.

=========================== ===============================================================
Rule id                     What it checks
=========================== ===============================================================
``registration.route``      every list travels on a route of the plan
``registration.entitlement`` the sender may register on its route (e.g. a lead agency
                            whose movement has honoured exemplars)
``registration.quota``      the number of exemplars is within the route's quota
``registration.selection``  a list picks only exemplars sent up to its sender
``registration.deadline``   each list is sent by its deadline; required lists are not
                            missing (late by how many days and working days)
``registration.attachment`` a list carries the documents its route requires
=========================== ===============================================================

Every finding cites the clause of the data it rests on: the quota's and the deadline's
parameter citation, or the route's clause.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from thidua.calendar import Deadline, DueStatus, Timeliness
from thidua.model.exemplars import ExemplarKind
from thidua.model.findings import Finding, Severity
from thidua.model.submissions import Submission
from thidua.parameters import Range
from thidua.rules.base import Rule, RuleContext
from thidua.rules.deadlines import year_deadlines
from thidua.rules.routes import ENTITLEMENTS, Route, routing
from thidua.rules.sections import fmt_date, param_citation, plan_clause

__all__ = [
    "ATTACHMENT_RULE",
    "COUNT_KINDS_TOGETHER",
    "DEADLINE_RULE",
    "ENTITLEMENT_RULE",
    "QUOTA_RULE",
    "ROUTE_RULE",
    "SELECTION_RULE",
    "judge_route",
    "rules",
]

ROUTE_RULE = "registration.route"
ENTITLEMENT_RULE = "registration.entitlement"
QUOTA_RULE = "registration.quota"
SELECTION_RULE = "registration.selection"
DEADLINE_RULE = "registration.deadline"
ATTACHMENT_RULE = "registration.attachment"

COUNT_KINDS_TOGETHER = "registration.count_kinds_together"
"""Id of the ``bool`` parameter: are models, collectives and individuals counted
together against a quota (default), or each kind on its own?"""

_KIND_VI = {ExemplarKind.MODEL: "mô hình", ExemplarKind.COLLECTIVE: "tập thể",
            ExemplarKind.INDIVIDUAL: "cá nhân"}
_KIND_EN = {ExemplarKind.MODEL: "models", ExemplarKind.COLLECTIVE: "collectives",
            ExemplarKind.INDIVIDUAL: "individuals"}


def _lc(text: str) -> str:
    """``text`` with its first letter in lower case, for use inside a sentence ("Danh
    sách của UBND xã" → "danh sách của UBND xã"; acronyms further on are kept)."""
    return text[:1].lower() + text[1:]


def _name(ctx: RuleContext, unit_id: str) -> str:
    u = ctx.dossier.units_by_id.get(unit_id)
    return u.name if u is not None else unit_id


# -- registration.route ---------------------------------------------------------------

def check_route(ctx: RuleContext) -> Iterable[Finding]:
    """A list between two units that no route of the plan connects."""
    clause = plan_clause(ctx.plan, ROUTE_RULE, ctx.plan.id)
    for r in routing(ctx).submissions:
        if r.route is not None:
            continue
        s = r.submission
        yield Finding(
            rule=ROUTE_RULE, severity=Severity.WARNING, subject=s.id, clause=clause,
            message_vi=(f"Danh sách {s.id} của {_name(ctx, s.from_unit)} gửi "
                        f"{_name(ctx, s.to_unit)} không theo tuyến đăng ký nào của kế hoạch "
                        f"nên không được xét số lượng và thời hạn; kiểm tra đơn vị nhận."),
            message_en=(f"List {s.id} from {_name(ctx, s.from_unit)} to "
                        f"{_name(ctx, s.to_unit)} follows no registration route of the plan, "
                        f"so its quota and deadline are not checked; check the recipient."),
            evidence={"submission": s.id, "from": s.from_unit, "to": s.to_unit,
                      "year": ctx.year},
        )


# -- registration.entitlement -------------------------------------------------------------

def check_entitlement(ctx: RuleContext) -> Iterable[Finding]:
    """A sender not entitled to register on its route: an error if no other route fits
    its list, a warning when the list is judged on another route it fits (a district
    office that leads a movement without honoured exemplars sends exemplars up)."""
    for r in routing(ctx).submissions:
        s = r.submission
        if r.route is not None and not r.entitled:
            cond = ENTITLEMENTS[r.route.entitlement or ""]
            yield Finding(
                rule=ENTITLEMENT_RULE, severity=Severity.ERROR, subject=s.id,
                clause=r.route.clause_for("entitlement"),
                message_vi=(f"{_name(ctx, s.from_unit)} không thuộc diện đăng ký "
                            f"({r.route.name_vi}): chỉ đơn vị {cond.description_vi} mới "
                            f"lựa chọn đăng ký."),
                message_en=(f"{_name(ctx, s.from_unit)} is not entitled to register "
                            f"({r.route.name_en}): only a unit that {cond.description_en} "
                            f"registers."),
                evidence={"submission": s.id, "route": r.route.id,
                          "entitlement": cond.id, "year": ctx.year},
            )
        for passed in r.passed_over:
            if r.route is None:
                break
            cond = ENTITLEMENTS[passed.entitlement or ""]
            yield Finding(
                rule=ENTITLEMENT_RULE, severity=Severity.WARNING, subject=s.id,
                clause=passed.clause_for("entitlement"),
                message_vi=(f"{_name(ctx, s.from_unit)} không {cond.description_vi} nên "
                            f"danh sách {s.id} được xét là {_lc(r.route.name_vi)}, "
                            f"không phải {_lc(passed.name_vi)}."),
                message_en=(f"{_name(ctx, s.from_unit)} does not satisfy "
                            f"'{cond.description_en}', so list {s.id} is judged as a "
                            f"{r.route.name_en}, not a {passed.name_en}."),
                evidence={"submission": s.id, "route": r.route.id, "not_entitled_to":
                          passed.id, "year": ctx.year},
            )


# -- registration.quota -------------------------------------------------------------------

def _over_severity(ctx: RuleContext, route: Route) -> Severity:
    if route.above_max_severity is not None and route.above_max_severity in ctx.params:
        return Severity(ctx.params.text(route.above_max_severity))
    return Severity.ERROR


def _quota_finding(ctx: RuleContext, route: Route, s: Submission, quota: Range, count: int,
                   kind: ExemplarKind | None, honoured: int) -> Finding | None:
    if quota.contains(count):
        return None
    assert route.quota is not None
    clause, doc = param_citation(ctx, route.quota)
    sender = _name(ctx, s.from_unit)
    what_vi = f"{count} {_KIND_VI[kind]}" if kind else f"{count} điển hình"
    what_en = f"{count} {_KIND_EN[kind]}" if kind else f"{count} exemplars"
    if count < quota.min:
        severity = Severity.ERROR
        tail_vi = f"ít hơn mức tối thiểu {quota.min}"
        tail_en = f"fewer than the minimum {quota.min}"
    else:
        severity = _over_severity(ctx, route)
        tail_vi, tail_en = f"nhiều hơn mức {quota.max}", f"more than {quota.max}"
        if severity is Severity.INFO:
            tail_vi += " (được phép, ghi nhận để theo dõi)"
            tail_en += " (allowed, noted)"
    return Finding(
        rule=QUOTA_RULE, severity=severity, subject=s.id, clause=clause, document=doc,
        message_vi=(f"{sender} đăng ký {what_vi} năm {s.year} ({route.name_vi}): "
                    f"{tail_vi}; định mức {quota}."),
        message_en=(f"{sender} registers {what_en} for {s.year} ({route.name_en}): "
                    f"{tail_en}; the quota is {quota}."),
        evidence={"submission": s.id, "route": route.id, "count": count, "min": quota.min,
                  "max": quota.max, "kind": kind.value if kind else None,
                  "honoured": honoured, "year": s.year},
    )


def check_quota(ctx: RuleContext) -> Iterable[Finding]:
    """Lists with fewer or more exemplars than their route's quota."""
    together = (ctx.params.bool(COUNT_KINDS_TOGETHER)
                if COUNT_KINDS_TOGETHER in ctx.params else True)
    exemplars = ctx.dossier.exemplars_by_id
    for r in routing(ctx).submissions:
        route = r.route
        if route is None or route.quota is None or not r.entitled:
            continue
        if route.quota not in ctx.params:
            continue
        quota = ctx.params.range(route.quota)
        s = r.submission
        honoured = sum(1 for e in s.exemplars if exemplars[e].honoured_by(s.year))
        if together:
            f = _quota_finding(ctx, route, s, quota, len(s.exemplars), None, honoured)
            if f is not None:
                yield f
            continue
        counts = Counter(exemplars[e].kind for e in s.exemplars)
        for kind in ExemplarKind:
            f = _quota_finding(ctx, route, s, quota, counts.get(kind, 0), kind, honoured)
            if f is not None:
                yield f


# -- registration.selection -------------------------------------------------------------

def check_selection(ctx: RuleContext) -> Iterable[Finding]:
    """Exemplars on a list that were not sent up to its sender by the allowed roles."""
    rt = routing(ctx)
    exemplars = ctx.dossier.exemplars_by_id
    for r in rt.submissions:
        route = r.route
        if route is None or not route.select_from:
            continue
        s = r.submission
        pool = rt.sent_up(s.from_unit, route.select_from)
        roles = [ctx.plan.role(role) for role in route.select_from]
        roles_vi = ", ".join(role.name_vi for role in roles)
        roles_en = ", ".join(role.name_en for role in roles)
        for ex in s.exemplars:
            if ex in pool:
                continue
            e = exemplars[ex]
            yield Finding(
                rule=SELECTION_RULE, severity=Severity.ERROR, subject=s.id,
                clause=route.clause_for("selection"),
                message_vi=(f"{_name(ctx, s.from_unit)} chọn {e.name} ({ex}, thuộc "
                            f"{_name(ctx, e.unit)}) nhưng điển hình này không có trong danh "
                            f"sách năm {s.year} do {roles_vi} gửi lên."),
                message_en=(f"{_name(ctx, s.from_unit)} selects {e.name} ({ex}, of "
                            f"{_name(ctx, e.unit)}), who is on no {s.year} list sent up by "
                            f"the {roles_en}."),
                evidence={"submission": s.id, "route": route.id, "exemplar": ex,
                          "exemplar_unit": e.unit, "year": s.year},
            )


# -- registration.deadline -------------------------------------------------------------

def judge_route(ctx: RuleContext, route: Route, unit_id: str,
                deadline: Deadline | None) -> tuple[Timeliness | None, Submission | None]:
    """How ``unit_id``'s list on ``route`` stands this year: its timeliness (None if the
    route has no deadline this year) and the list judged (its first sent one)."""
    mine = [r.submission for r in routing(ctx).sent_by(route.id, unit_id)]
    sent = sorted((s for s in mine if s.submitted_on is not None),
                  key=lambda s: (s.submitted_on, s.id))
    first = sent[0] if sent else (min(mine, key=lambda s: s.id) if mine else None)
    if deadline is None:
        return None, first
    done_on = first.submitted_on if first is not None else None
    return deadline.judge(done_on, ctx.calendar, as_of=ctx.as_of), first


def _deadline_reading_vi(d: Deadline) -> str:
    parts = [f"hạn {fmt_date(d.nominal, 'vi')}"]
    if d.exception_year is not None:
        parts[-1] += f", riêng năm {d.exception_year},"
    if d.due != d.nominal:
        parts.append(f"tính đến hết {fmt_date(d.due, 'vi')}")
    return " ".join(parts).rstrip(",")


def _deadline_reading_en(d: Deadline) -> str:
    parts = [f"due {fmt_date(d.nominal, 'en')}"]
    if d.exception_year is not None:
        parts[-1] += f", for {d.exception_year} only,"
    if d.due != d.nominal:
        parts.append(f"counted to the end of {fmt_date(d.due, 'en')}")
    return " ".join(parts).rstrip(",")


def check_deadline(ctx: RuleContext) -> Iterable[Finding]:
    """Lists sent after their deadline, and required lists not sent."""
    rt = routing(ctx)
    deadlines = year_deadlines(ctx)
    for route in rt.routes:
        if route.deadline is None or route.deadline not in deadlines:
            continue
        d = deadlines[route.deadline]
        spec_param = _deadline_parameter(ctx, route.deadline)
        clause, doc = param_citation(ctx, spec_param)
        senders = {r.submission.from_unit for r in rt.on_route(route.id) if r.entitled}
        expected = {u.id for u in rt.expected.get(route.id, ())}
        for unit_id in sorted(senders | expected):
            t, sub = judge_route(ctx, route, unit_id, d)
            assert t is not None
            name = _name(ctx, unit_id)
            if t.status is DueStatus.LATE and sub is not None:
                yield Finding(
                    rule=DEADLINE_RULE, severity=Severity.ERROR, subject=sub.id,
                    clause=clause, document=doc,
                    message_vi=(f"{name} gửi {_lc(route.name_vi)} năm {ctx.year} ngày "
                                f"{fmt_date(t.done_on, 'vi')}, trễ {t.days_late} ngày "
                                f"({t.working_days_late} ngày làm việc) so với "
                                f"{_deadline_reading_vi(d)}."),
                    message_en=(f"{name} sent its {route.name_en} for {ctx.year} on "
                                f"{fmt_date(t.done_on, 'en')}, {t.days_late} days "
                                f"({t.working_days_late} working days) late; "
                                f"{_deadline_reading_en(d)}."),
                    evidence={"submission": sub.id, "route": route.id, "status": t.status.value,
                              "submitted_on": str(t.done_on), "nominal": str(d.nominal),
                              "due": str(d.due), "days_late": t.days_late,
                              "working_days_late": t.working_days_late, "year": ctx.year},
                )
            elif t.status is DueStatus.MISSING and unit_id in expected:
                draft = sub.id if sub is not None else None
                yield Finding(
                    rule=DEADLINE_RULE, severity=Severity.ERROR, subject=unit_id,
                    clause=clause, document=doc,
                    message_vi=(f"{name} chưa gửi {_lc(route.name_vi)} năm {ctx.year} "
                                f"({_deadline_reading_vi(d)})."),
                    message_en=(f"{name} has not sent its {route.name_en} for {ctx.year} "
                                f"({_deadline_reading_en(d)})."),
                    evidence={"route": route.id, "status": t.status.value,
                              "nominal": str(d.nominal), "due": str(d.due),
                              "days_overdue": t.days_overdue, "draft": draft,
                              "year": ctx.year},
                )


def _deadline_parameter(ctx: RuleContext, deadline_id: str) -> str:
    from thidua.rules.deadlines import spec_by_id

    spec = spec_by_id(ctx.plan, deadline_id)
    assert spec is not None  # the plan checked its references when it was built
    return spec.parameter


# -- registration.attachment ------------------------------------------------------------

def check_attachment(ctx: RuleContext) -> Iterable[Finding]:
    """Lists that lack a document their route requires."""
    for r in routing(ctx).submissions:
        route = r.route
        if route is None or not route.attachments:
            continue
        s = r.submission
        for slug in route.attachments:
            if slug in s.attachments:
                continue
            yield Finding(
                rule=ATTACHMENT_RULE, severity=Severity.ERROR, subject=s.id,
                clause=route.clause_for("attachments"),
                message_vi=(f"{_name(ctx, s.from_unit)}: {_lc(route.name_vi)} năm "
                            f"{s.year} thiếu tài liệu kèm theo '{slug}'."),
                message_en=(f"{_name(ctx, s.from_unit)}: the {route.name_en} for {s.year} "
                            f"lacks the required attachment '{slug}'."),
                evidence={"submission": s.id, "route": route.id, "attachment": slug,
                          "year": s.year},
            )


def rules() -> tuple[Rule, ...]:
    """The registration rules, for the rule library."""
    return (
        Rule(id=ROUTE_RULE, clause="[[route]] (plan's [clauses] table)", check=check_route,
             description_en="every list travels on a route of the plan",
             description_vi="mỗi danh sách đi theo một tuyến đăng ký của kế hoạch"),
        Rule(id=ENTITLEMENT_RULE, clause="[[route]].entitlement_clause",
             check=check_entitlement,
             description_en="only entitled units register on a route",
             description_vi="chỉ đơn vị thuộc diện mới đăng ký theo tuyến"),
        Rule(id=QUOTA_RULE, clause="[[route]].quota parameter", check=check_quota,
             description_en="the number of exemplars on a list is within the quota",
             description_vi="số điển hình đăng ký nằm trong định mức"),
        Rule(id=SELECTION_RULE, clause="[[route]].selection_clause", check=check_selection,
             description_en="a list picks only exemplars sent up to its sender",
             description_vi="danh sách chỉ chọn từ các điển hình được gửi lên"),
        Rule(id=DEADLINE_RULE, clause="[[route]].deadline parameter", check=check_deadline,
             description_en="lists are sent by their deadline; required lists are sent",
             description_vi="danh sách được gửi đúng hạn; danh sách bắt buộc không thiếu"),
        Rule(id=ATTACHMENT_RULE, clause="[[route]].attachments_clause",
             check=check_attachment,
             description_en="lists carry the documents their route requires",
             description_vi="danh sách kèm đủ tài liệu theo yêu cầu"),
    )
