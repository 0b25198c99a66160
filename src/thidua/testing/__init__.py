"""Tools for testing regulation logic: Hypothesis strategies, scenario files, a pytest
plugin and fixtures for plugin authors.

The strategies live in :mod:`thidua.testing.strategies` (their knobs in
:mod:`thidua.testing.knobs`: ``dossiers`` here is the one with every knob) and the
scenario files in :mod:`thidua.testing.scenarios`; all are re-exported here lazily, so importing
:mod:`thidua.testing` (for instance by the pytest plugin or the Hypothesis entry point)
imports neither Hypothesis nor the rules until a name is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_exports

if TYPE_CHECKING:
    from thidua.testing.knobs import calendars, dossiers, histories, parameter_overrides
    from thidua.testing.scenarios import (
        Scenario,
        ScenarioOutcome,
        ScenarioResult,
        ScenarioRunner,
        load_scenario_file,
        load_scenarios,
        run_scenario,
        shipped_scenario_files,
    )
    from thidua.testing.strategies import (
        any_dossiers,
        assessments,
        award_grants,
        calendar_days,
        citations,
        dates,
        events,
        exemplar_kinds,
        exemplars,
        findings,
        honours,
        identifiers,
        levels,
        member_stats,
        month_days,
        movements,
        parameter_stores,
        parameter_tables,
        parameters,
        ranges,
        severities,
        slugs,
        submissions,
        texts,
        units,
        vietnamese_names,
        year_records,
        years,
    )

__all__ = [
    "Scenario",
    "ScenarioOutcome",
    "ScenarioResult",
    "ScenarioRunner",
    "any_dossiers",
    "assessments",
    "award_grants",
    "calendar_days",
    "calendars",
    "citations",
    "dates",
    "dossiers",
    "events",
    "exemplar_kinds",
    "exemplars",
    "findings",
    "histories",
    "honours",
    "identifiers",
    "levels",
    "load_scenario_file",
    "load_scenarios",
    "member_stats",
    "month_days",
    "movements",
    "parameter_overrides",
    "parameter_stores",
    "parameter_tables",
    "parameters",
    "ranges",
    "run_scenario",
    "severities",
    "shipped_scenario_files",
    "slugs",
    "submissions",
    "texts",
    "units",
    "vietnamese_names",
    "year_records",
    "years",
]

_SCENARIOS = ("Scenario", "ScenarioOutcome", "ScenarioResult", "ScenarioRunner",
              "load_scenario_file", "load_scenarios", "run_scenario", "shipped_scenario_files")
_KNOBS = ("calendars", "dossiers", "histories", "parameter_overrides")
_LAZY: dict[str, str] = {
    name: ("thidua.testing.scenarios" if name in _SCENARIOS else
           "thidua.testing.knobs" if name in _KNOBS else "thidua.testing.strategies")
    for name in __all__
}


__getattr__, __dir__ = lazy_exports(__name__, globals(), _LAZY)
