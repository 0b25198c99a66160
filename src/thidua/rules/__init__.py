"""The rules engine and the rule families (registration routes and quotas, deadlines,
obligations, subjects, the award ladder).

Rule families parse their own sections of a plan file: each registers its parser in
:data:`PLAN_SECTIONS` when it is imported (``[[route]]``, ``[[deadline]]``,
``[[obligation]]``, ``[clauses]``). :func:`library` returns the generic rules that
plans name by id; the built-in plugin ``thidua.plan_rules`` contributes them.
"""

from collections.abc import Callable, Iterable
from typing import Any

from thidua.rules.base import Rule, RuleContext, RuleFunc

PLAN_SECTIONS: dict[str, Callable[[Any], Iterable[Any]]] = {}
"""Parsers of plan-file sections, keyed by section name (e.g. ``route``). Each rule
family registers the parser of its own section here; :func:`thidua.plans.load_plan`
runs it and stores the typed result in :attr:`thidua.plan.Plan.sections`."""

# The families register their sections on import (after PLAN_SECTIONS exists).
from thidua.rules import deadlines, obligations, registration, routes, sections, subjects  # noqa: E402

sections.register_section(sections.CLAUSES_SECTION, sections.parse_clauses)


def library() -> tuple[Rule, ...]:
    """The generic rules of the plan families, in the order plans usually run them."""
    return (*registration.rules(), *obligations.rules(), *subjects.rules())


__all__ = [
    "PLAN_SECTIONS",
    "Rule",
    "RuleContext",
    "RuleFunc",
    "deadlines",
    "library",
    "obligations",
    "registration",
    "routes",
    "sections",
    "subjects",
]
