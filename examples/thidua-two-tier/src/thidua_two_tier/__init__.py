"""A two-tier province (tỉnh and xã only, from 1 July 2025) as a thidua plugin.

It supplies a plan of its own, in force from 2026 (``plan.toml`` and
``parameters.toml``): new levels (no ``huyen``), new routes (communes, wards and
provincial departments send their lists straight to the provincial Department of Home
Affairs), the province's own quotas and deadlines, and it ``succeeds`` the built-in
district plan, so a dossier for 2026 is judged by this plan and one for 2024 still by
the district plan. Through ``thidua_rule_changes`` it replaces one generic rule,
``registration.route``, for this plan only (:mod:`thidua_two_tier.rules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from thidua import Plan, Rule, RuleAction, RuleChange, hookimpl, load_plan
from thidua_two_tier.rules import ROUTE_RULE_TWO_TIER

__all__ = ["EXAMPLE_DOSSIER", "NAME", "PLAN_FILE", "PLAN_ID", "thidua_plans",
           "thidua_rule_changes"]
__version__ = "0.1.0"

NAME = __name__
"""The plugin's name (its module, and its entry point's name)."""
PLAN_FILE = Path(__file__).with_name("plan.toml")
"""The plan's data file."""
PLAN_ID = "vn-hy-province-two-tier-2026"
"""The id of the plan (the same as in ``plan.toml``; a test checks they agree)."""
EXAMPLE_DOSSIER = Path(__file__).parent / "data" / "two-tier-2026.json"
"""A small 2026 dossier of the province with a few planted problems."""


@hookimpl
def thidua_plans(rules: Mapping[str, Rule]) -> list[Plan]:
    """The two-tier provincial plan, from its data file."""
    return [load_plan(PLAN_FILE, rules, source=NAME)]


@hookimpl
def thidua_rule_changes(plan: Plan) -> list[RuleChange] | None:
    """For this plan only: the route rule that knows the district level is gone."""
    if plan.id != PLAN_ID:
        return None
    return [RuleChange(action=RuleAction.REPLACE, rule_id=ROUTE_RULE_TWO_TIER.id,
                       rule=ROUTE_RULE_TWO_TIER)]
