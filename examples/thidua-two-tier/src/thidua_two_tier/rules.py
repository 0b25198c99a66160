"""The rule this plugin replaces: ``registration.route`` for the two-tier plan.

The generic rule warns about a list that travels on no route of the plan. Under
two-tier local government a list sent to or from a district-level unit is not a
misaddressed list but one that cannot exist any more: that level stopped operating on
the date of the parameter :data:`DISTRICT_LEVEL_ENDED` (1 July 2025, with its
citation). The replacement makes such a list an **error** that says so and where the
list must go now; every other off-route list keeps the generic warning.

A unit counts as "of a level that no longer exists" when its level is not among the
plan's levels: the plan, not this code, says which levels there are.
"""

from __future__ import annotations

from collections.abc import Iterable

from thidua import Finding, Rule, RuleContext, Severity
from thidua.rules.registration import ROUTE_RULE, check_route
from thidua.rules.routes import plan_routes
from thidua.rules.sections import cite, fmt_date

__all__ = ["DISTRICT_LEVEL_ENDED", "ROUTE_RULE_TWO_TIER", "check_route_two_tier"]

DISTRICT_LEVEL_ENDED = "two_tier.district_level_ended"
"""Id of the date parameter: the day district-level units stopped operating."""


def _recipient(ctx: RuleContext, sender: str) -> tuple[str, str]:
    """Who the sender's list goes to under this plan, in Vietnamese and English."""
    for route in plan_routes(ctx.plan):
        units = ctx.plan.role(route.from_role).units(ctx.dossier)
        if any(u.id == sender for u in units):
            to = ctx.plan.role(route.to_role)
            return to.name_vi, to.name_en
    return "cấp tỉnh", "the province"


def check_route_two_tier(ctx: RuleContext) -> Iterable[Finding]:
    """Off-route lists; those to or from a level the plan no longer has are errors."""
    ended_on = ctx.params.date(DISTRICT_LEVEL_ENDED)
    clause, document = cite(ctx, ctx.params[DISTRICT_LEVEL_ENDED].citation)
    levels = {lv.id for lv in ctx.plan.levels}
    units = ctx.dossier.units_by_id
    submissions = {s.id: s for s in ctx.dossier.submissions_for(ctx.year)}
    for finding in check_route(ctx):
        s = submissions.get(finding.subject)
        gone = [units[u] for u in ((s.from_unit, s.to_unit) if s else ())
                if u in units and units[u].level not in levels]
        if s is None or not gone:
            yield finding
            continue
        unit = gone[0]
        to_vi, to_en = _recipient(ctx, s.from_unit)
        day_vi, day_en = fmt_date(ended_on, "vi"), fmt_date(ended_on, "en")
        yield Finding(
            rule=ROUTE_RULE, severity=Severity.ERROR, subject=s.id, clause=clause,
            document=document,
            message_vi=(f"Danh sách {s.id} gửi từ {units[s.from_unit].name} đến "
                        f"{units[s.to_unit].name if s.to_unit in units else s.to_unit}: "
                        f"{unit.name} thuộc cấp hành chính đã thôi hoạt động từ {day_vi} "
                        f"(chính quyền địa phương hai cấp). Gửi danh sách thẳng về {to_vi}."),
            message_en=(f"List {s.id} from {units[s.from_unit].name} to "
                        f"{units[s.to_unit].name if s.to_unit in units else s.to_unit}: "
                        f"{unit.name} belongs to an administrative level that stopped "
                        f"operating on {day_en} (two-tier local government). Send the list "
                        f"straight to the {to_en}."),
            evidence={"submission": s.id, "from": s.from_unit, "to": s.to_unit,
                      "unit": unit.id, "level": unit.level,
                      "level_ended": ended_on.isoformat(), "year": ctx.year},
        )


ROUTE_RULE_TWO_TIER = Rule(
    id=ROUTE_RULE, clause="[[route]]; two_tier.district_level_ended",
    check=check_route_two_tier,
    description_en="Every list travels on a route of the plan; a list to or from a "
                   "district-level unit (gone since 1 July 2025) is an error.",
    description_vi="Mọi danh sách đi theo một tuyến của kế hoạch; danh sách gửi từ hoặc "
                   "đến đơn vị cấp huyện (đã thôi hoạt động) là lỗi.",
)
"""The replacement rule (same id as the generic one)."""
