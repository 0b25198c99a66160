"""What a plugin can change about a plan's rules: add, replace by id, or disable."""

from __future__ import annotations

import enum

import attrs

from thidua.model.base import to_tuple
from thidua.rules.base import Rule

__all__ = ["RuleAction", "RuleChange"]


class RuleAction(enum.StrEnum):
    """The kind of change."""

    ADD = "add"
    REPLACE = "replace"
    DISABLE = "disable"


@attrs.frozen(kw_only=True)
class RuleChange:
    """One change to a plan's rules, returned from the ``thidua_rule_changes`` hook.

    Two plugins changing the same rule of the same plan are a conflict unless one lists
    the other in ``overrides``.
    """

    action: RuleAction = attrs.field(converter=RuleAction)
    rule_id: str
    """Id of the rule added, replaced or disabled."""
    rule: Rule | None = None
    """The new rule (for add and replace); its id must equal ``rule_id``."""
    overrides: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Names of other plugins whose change of the same rule this one supersedes."""

    def __attrs_post_init__(self) -> None:
        if self.action is RuleAction.DISABLE:
            if self.rule is not None:
                raise ValueError("a 'disable' change takes no rule")
        elif self.rule is None or self.rule.id != self.rule_id:
            raise ValueError(f"a {self.action.value!r} change needs a rule with id "
                             f"{self.rule_id!r}")
