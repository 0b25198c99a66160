"""The reference plan (district exemplars plan, Hưng Yên, 2022–2025) as the first
built-in plugin. Its data lives in ``plan.toml`` and ``parameters.toml`` beside this
module; the rules it names come from the rule library."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from thidua.plan import Plan
from thidua.plans import load_plan
from thidua.plugins.hookspecs import hookimpl
from thidua.rules.base import Rule

PLAN_FILE = Path(__file__).with_name("plan.toml")
"""The seed plan's data file."""


@hookimpl
def thidua_plans(rules: Mapping[str, Rule]) -> list[Plan]:
    """The seed plan, built from its data file."""
    return [load_plan(PLAN_FILE, rules, source="thidua.seed")]
