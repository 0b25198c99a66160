"""thidua: Vietnamese emulation-and-commendation regulation (thi đua, khen thưởng) as
typed, tested, pluggable code.

The public API is curated here; import from ``thidua`` rather than from submodules.
"""

from thidua.calendar import CalendarDay, DayKind, WorkingCalendar
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
    load_parameter_file,
)
from thidua.plan import Plan, Role
from thidua.plans import load_plan
from thidua.plugins import Host, PluginWarning, RuleAction, RuleChange, hookimpl
from thidua.rules.base import Rule, RuleContext
from thidua.rules.engine import Engine, PluginInfo, Report, Trace

__version__ = "0.1.0"

__all__ = [
    "DOSSIER_FORMAT",
    "Assessment",
    "AwardGrant",
    "CalendarDay",
    "CalendarError",
    "Citation",
    "DatedValue",
    "DayKind",
    "Dossier",
    "DossierError",
    "Engine",
    "Event",
    "Exemplar",
    "ExemplarKind",
    "ExportError",
    "Finding",
    "Honour",
    "Host",
    "Level",
    "LimitError",
    "MemberStats",
    "MonthDay",
    "Movement",
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
    "Role",
    "Rule",
    "RuleAction",
    "RuleChange",
    "RuleContext",
    "RuleError",
    "ScenarioError",
    "Severity",
    "Submission",
    "ThiduaError",
    "Trace",
    "Unit",
    "WorkingCalendar",
    "YearRecord",
    "__version__",
    "hookimpl",
    "load_parameter_file",
    "load_plan",
]
