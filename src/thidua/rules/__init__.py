"""The rules engine and the rule families (quotas, deadlines, obligations, award ladder)."""

from collections.abc import Callable, Iterable
from typing import Any

from thidua.rules.base import Rule, RuleContext, RuleFunc

PLAN_SECTIONS: dict[str, Callable[[Any], Iterable[Any]]] = {}
"""Parsers of plan-file sections, keyed by section name (e.g. ``route``). Each rule
family registers the parser of its own section here; :func:`thidua.plans.load_plan`
runs it and stores the typed result in :attr:`thidua.plan.Plan.sections`."""

__all__ = ["PLAN_SECTIONS", "Rule", "RuleContext", "RuleFunc"]
