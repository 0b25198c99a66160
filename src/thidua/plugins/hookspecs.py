"""The hook specification of thidua: every hook a plugin may implement.

Hooks are grouped by phase and all start with ``thidua_``. Every hook *returns data*
(a list, or ``None`` to defer) and the host merges the results deterministically, so the
order in which two third-party plugins load never changes a result. The host calls the
hooks in the order of this module, once each (the per-plan hooks once per plan), when
it is built. The reference with examples is ``docs/hooks.md``. Implement a hook with
the :data:`hookimpl` marker::

    from thidua.plugins import hookimpl

    @hookimpl
    def thidua_calendar_days():
        return [CalendarDay(date=date(2026, 1, 2), kind="day_off", name="Nghỉ bù")]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from thidua.calendar import CalendarDay
    from thidua.cli.base import CliCommand
    from thidua.export.base import Exporter
    from thidua.parameters import ParameterOverride
    from thidua.plan import Plan
    from thidua.plugins.changes import RuleChange
    from thidua.rules.base import Rule
    from thidua.rules.ladder.catalogue import AwardType

PROJECT = "thidua"
"""The pluggy project name and the entry-point group plugins register under."""

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = ["PROJECT", "hookimpl", "hookspec"]


# -- Load: rules and plans ----------------------------------------------------------


@hookspec
def thidua_rules() -> list[Rule] | None:
    """Contribute rules to the rule library.

    When: once, first, while the host loads. Arguments: none. Return: a list of
    :class:`~thidua.rules.Rule` objects, each with a stable ``id`` and the ``clause`` it
    implements; plans (yours or others') name them by id in their ``rules`` list. The
    host stamps each rule's ``source`` with your plugin's name (the trace shows it).
    Two plugins contributing one id are a conflict and the rule is left out: give it
    another id, or replace a rule for one plan with :func:`thidua_rule_changes`.
    Return None to defer.
    """


@hookspec
def thidua_plans(rules: Mapping[str, Rule]) -> list[Plan] | None:
    """Provide plans: levels, roles, dated parameters, rules and obligations.

    When: once, after :func:`thidua_rules`. Arguments: ``rules``, the merged rule
    library keyed by id (read-only), to resolve the rule ids your plan file names
    (pass it to :func:`thidua.plans.load_plan`). Return: a list of
    :class:`~thidua.plan.Plan`. A plan id must be unique across plugins: two plugins
    providing one id are a conflict and the plan is left out. A plan that takes over
    from another in the same jurisdiction names it in ``succeeds``. Return None to
    defer.
    """


# -- Parameters: changing a plan's values -------------------------------------------


@hookspec
def thidua_parameter_overrides(plan: Plan) -> list[ParameterOverride] | None:
    """Override parameter values of ``plan`` (one jurisdiction's decisions).

    When: once per plan, after all plans are collected, in plan-id order. Arguments:
    ``plan``, the plan as its plugin supplied it; look at ``plan.id`` and return
    nothing for plans you do not change. Return: a list of
    :class:`~thidua.parameters.ParameterOverride`, each citing the decision that sets
    the value (:func:`thidua.parameters.load_override_file` builds them from a TOML
    file). The host stamps ``source`` with your plugin's name. A value that does not
    validate (a quota with min > max, a wrong kind) is refused at load with a message
    naming your plugin and the parameter. Two plugins overriding one parameter of one
    plan are a conflict, reported with both names, unless one lists the other in
    ``overrides``. Return None to defer.
    """


# -- Rules: changing a plan's rules ---------------------------------------------------


@hookspec
def thidua_rule_changes(plan: Plan) -> list[RuleChange] | None:
    """Add, replace (by id) or disable rules of ``plan``.

    When: once per plan, after its parameter overrides. Arguments: ``plan``, the plan
    with overrides applied; check ``plan.id``. Return: a list of
    :class:`~thidua.plugins.changes.RuleChange` (``add`` a rule the plan does not run,
    ``replace`` one it runs by id, or ``disable`` one). The new rule's ``source`` is
    stamped with your plugin's name. Two plugins changing one rule of one plan are a
    conflict unless one lists the other in ``overrides``. Return None to defer.
    """


# -- Awards: the catalogue of titles and forms of commendation ----------------------


@hookspec
def thidua_award_types() -> list[AwardType] | None:
    """Add award types (titles or forms of commendation) with their criteria.

    When: once, while the host loads. Arguments: none. Return: a list of
    :class:`~thidua.rules.ladder.catalogue.AwardType`; the award ladder reads them
    from :meth:`thidua.plugins.Host.award_types` as ``(plugin, award type)`` pairs.
    Return None to defer.
    """


# -- Calendar: announced days off and swapped working days ------------------------


@hookspec
def thidua_calendar_days() -> list[CalendarDay] | None:
    """Add announced days off (nghỉ bù) and swapped working days (làm bù).

    When: once, while the host loads. Arguments: none. Return: a list of
    :class:`~thidua.calendar.CalendarDay`; they take precedence over the ``holidays``
    table in the working-day calendar every deadline uses. Two plugins that disagree
    on a date (one says day off, the other working day) are a conflict and the date
    is left as the table has it. Return None to defer.
    """


# -- Export: output formats -----------------------------------------------------------


@hookspec
def thidua_exporters() -> list[Exporter] | None:
    """Add exporters (output formats).

    When: once, while the host loads. Arguments: none. Return: a list of
    :class:`~thidua.export.Exporter` with a unique ``name`` (the ``--to`` of
    ``thidua export``). Import optional dependencies inside ``write``, not at module
    import. Return None to defer.
    """


# -- CLI: extra subcommands ---------------------------------------------------------


@hookspec
def thidua_cli_commands() -> list[CliCommand] | None:
    """Add subcommands to the ``thidua`` command line.

    When: once, while the host loads (before the CLI builds its parser). Arguments:
    none. Return: a list of :class:`~thidua.cli.base.CliCommand`; a name already
    taken is an error. Return None to defer.
    """
