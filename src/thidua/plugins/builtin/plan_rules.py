"""The generic plan rules (registration routes, quotas, deadlines, attachments,
obligations, subjects) as a built-in plugin.

The rules read everything jurisdiction-specific from the plan in force (its
``[[route]]``, ``[[deadline]]``, ``[[obligation]]`` and ``[clauses]`` sections and its
parameters), so they serve the seed plan and any province's plan alike. A plugin may
replace or disable any of them for its plan by id (``thidua_rule_changes``).
"""

from __future__ import annotations

from thidua.plugins.hookspecs import hookimpl
from thidua.rules import library
from thidua.rules.base import Rule

__all__ = ["thidua_rules"]


@hookimpl
def thidua_rules() -> list[Rule]:
    """The generic rules of the plan families."""
    return list(library())
