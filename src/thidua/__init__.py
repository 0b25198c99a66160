"""thidua: Vietnamese emulation-and-commendation regulation (thi đua, khen thưởng) as
typed, tested, pluggable code.

The public API is curated here; import from ``thidua`` rather than from submodules.
Names are loaded lazily (PEP 562): ``import thidua`` costs a few milliseconds, and a
name's module is imported the first time the name is used, so ``thidua --help`` and
scripts that need only a part of the library stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_exports

if TYPE_CHECKING:
    from thidua.calendar import (
        CalendarDay,
        DayKind,
        Deadline,
        DueStatus,
        Roll,
        Shift,
        Timeliness,
        WorkingCalendar,
        yearly_date,
    )
    from thidua.data import (
        example_dossier_path,
        load_example,
    )
    from thidua.errors import (
        CalendarError,
        DossierError,
        ExportError,
        LimitError,
        ParameterError,
        PlanError,
        PluginError,
        Problem,
        RuleError,
        ScenarioError,
        ThiduaError,
    )
    from thidua.export import (
        ExportData,
        Exporter,
        ExportKind,
        export_to_path,
        find_exporter,
        prepare,
        vietnamese_key,
    )
    from thidua.model import (
        DOSSIER_FORMAT,
        Assessment,
        AwardGrant,
        Citation,
        Dossier,
        Event,
        Exemplar,
        ExemplarKind,
        Finding,
        Honour,
        Level,
        MemberStats,
        Movement,
        Severity,
        Submission,
        Unit,
        YearRecord,
    )
    from thidua.parameters import (
        DatedValue,
        MonthDay,
        Parameter,
        ParameterKind,
        ParameterOverride,
        ParameterStatus,
        ParameterStore,
        Range,
        ResolvedParameters,
        ResolvedValue,
        load_override_file,
        load_parameter_file,
        parse_overrides,
    )
    from thidua.plan import (
        Plan,
        Role,
    )
    from thidua.plans import load_plan
    from thidua.plugins import (
        Host,
        PluginWarning,
        RuleAction,
        RuleChange,
        hookimpl,
    )
    from thidua.rules import library
    from thidua.rules.base import (
        Rule,
        RuleContext,
    )
    from thidua.rules.deadlines import DeadlineSpec
    from thidua.rules.engine import (
        Engine,
        PluginInfo,
        Report,
        Trace,
    )
    from thidua.rules.ladder import (
        Amount,
        AwardType,
        Budget,
        Catalogue,
        ConditionResult,
        Criterion,
        CriterionKind,
        EligibilityResult,
        History,
        Ladder,
        Roadmap,
        RoadmapStep,
        Verdict,
        gc_paused,
        register_criterion_kind,
    )
    from thidua.rules.obligations import (
        Obligation,
        ScheduleItem,
        schedule,
    )
    from thidua.rules.routes import Route
    from thidua.serialization import (
        dossier_to_dict,
        dump_dossier,
        json_schema,
        load_dossier,
        loads_dossier,
        report_to_dict,
        to_jsonable,
    )

__version__ = "0.1.0"

_EXPORTS: dict[str, tuple[str, ...]] = {
    "thidua.calendar": (
        "CalendarDay", "DayKind", "Deadline", "DueStatus", "Roll", "Shift",
        "Timeliness", "WorkingCalendar", "yearly_date",
    ),
    "thidua.data": (
        "example_dossier_path", "load_example",
    ),
    "thidua.errors": (
        "CalendarError", "DossierError", "ExportError", "LimitError", "ParameterError",
        "PlanError", "PluginError", "Problem", "RuleError", "ScenarioError",
        "ThiduaError",
    ),
    "thidua.export": (
        "ExportData", "ExportKind", "Exporter", "export_to_path", "find_exporter",
        "prepare", "vietnamese_key",
    ),
    "thidua.model": (
        "DOSSIER_FORMAT", "Assessment", "AwardGrant", "Citation", "Dossier", "Event",
        "Exemplar", "ExemplarKind", "Finding", "Honour", "Level", "MemberStats",
        "Movement", "Severity", "Submission", "Unit", "YearRecord",
    ),
    "thidua.parameters": (
        "DatedValue", "MonthDay", "Parameter", "ParameterKind", "ParameterOverride",
        "ParameterStatus", "ParameterStore", "Range", "ResolvedParameters",
        "ResolvedValue", "load_override_file", "load_parameter_file", "parse_overrides",
    ),
    "thidua.plan": (
        "Plan", "Role",
    ),
    "thidua.plans": (
        "load_plan",
    ),
    "thidua.plugins": (
        "Host", "PluginWarning", "RuleAction", "RuleChange", "hookimpl",
    ),
    "thidua.rules": (
        "library",
    ),
    "thidua.rules.base": (
        "Rule", "RuleContext",
    ),
    "thidua.rules.deadlines": (
        "DeadlineSpec",
    ),
    "thidua.rules.engine": (
        "Engine", "PluginInfo", "Report", "Trace",
    ),
    "thidua.rules.ladder": (
        "Amount", "AwardType", "Budget", "Catalogue", "ConditionResult", "Criterion",
        "CriterionKind", "EligibilityResult", "History", "Ladder", "Roadmap",
        "RoadmapStep", "Verdict", "gc_paused", "register_criterion_kind",
    ),
    "thidua.rules.obligations": (
        "Obligation", "ScheduleItem", "schedule",
    ),
    "thidua.rules.routes": (
        "Route",
    ),
    "thidua.serialization": (
        "dossier_to_dict", "dump_dossier", "json_schema", "load_dossier",
        "loads_dossier", "report_to_dict", "to_jsonable",
    ),
}
"""Each public name, by the module that defines it."""
_MODULE_OF: dict[str, str] = {name: mod for mod, names in _EXPORTS.items() for name in names}

__all__ = [
    "DOSSIER_FORMAT",
    "Amount",
    "Assessment",
    "AwardGrant",
    "AwardType",
    "Budget",
    "CalendarDay",
    "CalendarError",
    "Catalogue",
    "Citation",
    "ConditionResult",
    "Criterion",
    "CriterionKind",
    "DatedValue",
    "DayKind",
    "Deadline",
    "DeadlineSpec",
    "Dossier",
    "DossierError",
    "DueStatus",
    "EligibilityResult",
    "Engine",
    "Event",
    "Exemplar",
    "ExemplarKind",
    "ExportData",
    "ExportError",
    "ExportKind",
    "Exporter",
    "Finding",
    "History",
    "Honour",
    "Host",
    "Ladder",
    "Level",
    "LimitError",
    "MemberStats",
    "MonthDay",
    "Movement",
    "Obligation",
    "Parameter",
    "ParameterError",
    "ParameterKind",
    "ParameterOverride",
    "ParameterStatus",
    "ParameterStore",
    "Plan",
    "PlanError",
    "PluginError",
    "PluginInfo",
    "PluginWarning",
    "Problem",
    "Range",
    "Report",
    "ResolvedParameters",
    "ResolvedValue",
    "Roadmap",
    "RoadmapStep",
    "Role",
    "Roll",
    "Route",
    "Rule",
    "RuleAction",
    "RuleChange",
    "RuleContext",
    "RuleError",
    "ScenarioError",
    "ScheduleItem",
    "Severity",
    "Shift",
    "Submission",
    "ThiduaError",
    "Timeliness",
    "Trace",
    "Unit",
    "Verdict",
    "WorkingCalendar",
    "YearRecord",
    "__version__",
    "dossier_to_dict",
    "dump_dossier",
    "example_dossier_path",
    "export_to_path",
    "find_exporter",
    "gc_paused",
    "hookimpl",
    "json_schema",
    "library",
    "load_dossier",
    "load_example",
    "load_override_file",
    "load_parameter_file",
    "load_plan",
    "loads_dossier",
    "parse_overrides",
    "prepare",
    "register_criterion_kind",
    "report_to_dict",
    "schedule",
    "to_jsonable",
    "vietnamese_key",
    "yearly_date",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _MODULE_OF)
