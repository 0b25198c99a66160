"""The hook specification of thidua: every hook a plugin may implement.

Hooks are grouped by phase and all start with ``thidua_``. Every hook *returns data*
(a list, or ``None`` to defer) and the host merges the results deterministically, so the
order in which two third-party plugins load never changes a result. Implement a hook
with the :data:`hookimpl` marker::

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


# -- Rules: the library of rule functions plans can name --------------------------


@hookspec
def thidua_rules() -> list[Rule] | None:
    """Contribute rules to the rule library.

    Called once when the host loads, before any plan is built. Return the
    :class:`~thidua.rules.Rule` objects your plugin defines; plans (yours or others')
    name them by id in their data. Two plugins contributing the same rule id is an
    error unless one replaces it for a plan through :func:`thidua_rule_changes`.
    Return None to defer.
    """


# -- Plans: levels, roles, dated parameters, rules, obligations ---------------------


@hookspec
def thidua_plans(rules: Mapping[str, Rule]) -> list[Plan] | None:
    """Provide plans.

    Called once after :func:`thidua_rules`. ``rules`` is the merged rule library keyed
    by id, to resolve the rule ids your plan data names (see
    :func:`thidua.plans.load_plan`). Return a list of :class:`~thidua.plan.Plan`;
    a plan id must be unique across plugins. Return None to defer.
    """


# -- Parameters: overriding a plan's values -------------------------------------


@hookspec
def thidua_parameter_overrides(plan: Plan) -> list[ParameterOverride] | None:
    """Override parameter values of ``plan``.

    Called once per plan after all plans are collected. Return
    :class:`~thidua.parameters.ParameterOverride` objects, each citing the decision
    that sets the value. Two plugins overriding the same parameter of the same plan
    are a conflict unless one lists the other in ``overrides``. A value that does not
    validate (a quota with min > max) is refused at load, naming your plugin.
    Return None to defer.
    """


@hookspec
def thidua_rule_changes(plan: Plan) -> list[RuleChange] | None:
    """Add, replace (by id) or disable rules of ``plan``.

    Called once per plan after parameter overrides. Return
    :class:`~thidua.plugins.changes.RuleChange` objects. Return None to defer.
    """


# -- Awards: the catalogue of titles and forms of commendation ----------------------


@hookspec
def thidua_award_types() -> list[AwardType] | None:
    """Add award types (titles or forms of commendation) with their criteria.

    Called once when the award catalogue is built. An award id already in the
    catalogue is a conflict unless the award type declares it replaces it.
    Return None to defer.
    """


# -- Calendar: announced days off and swapped working days ------------------------


@hookspec
def thidua_calendar_days() -> list[CalendarDay] | None:
    """Add announced days off (nghỉ bù) and swapped working days (làm bù).

    Called once when the working-day calendar is built. Return
    :class:`~thidua.calendar.CalendarDay` objects. Return None to defer.
    """


# -- Export: output formats -----------------------------------------------------------


@hookspec
def thidua_exporters() -> list[Exporter] | None:
    """Add exporters (output formats).

    Called once when ``thidua export`` or the export API looks up formats. Return
    :class:`~thidua.export.base.Exporter` objects with a unique ``name``.
    Return None to defer.
    """


# -- CLI: extra subcommands ---------------------------------------------------------


@hookspec
def thidua_cli_commands() -> list[CliCommand] | None:
    """Add subcommands to the ``thidua`` command line.

    Called once when the CLI builds its parser. Return
    :class:`~thidua.cli.base.CliCommand` objects; a name already taken is an error.
    Return None to defer.
    """
