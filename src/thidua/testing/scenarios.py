"""Scenario files: regulation cases written as data, which a non-programmer can write
and anyone can run (``thidua test PATH...``, or pytest, which collects
``scenario_*.toml`` and ``*.scenario.toml`` files through thidua's pytest plugin).

A scenario names a plan, a year, the dossier (a JSON file, the bundled example, or a
compact inline ``[input]``) and what the rules must conclude::

    name = "Xã đăng ký 4 điển hình: ít hơn mức tối thiểu"
    plan = "vn-hy-district-exemplars-2022"
    year = 2024

    [input]
    units = [
      { id = "huyen", level = "huyen" },
      { id = "xa-a", level = "xa", parent = "huyen" },
    ]
    submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 4 }]

    [[expect.finding]]
    rule = "registration.quota"
    subject = "s-xa-a"
    severity = "error"
    clause = "IV.1.d.1"

A file holds one scenario, or several as ``[[scenario]]`` tables; its other top-level
keys are defaults for each of them (a scenario's own ``input`` sections replace the
file's sections of the same name). The format is documented in ``docs/testing.md``.

Scenario files cannot run code: they are TOML, read with :mod:`tomllib`; nothing in
them is evaluated, and the only plugins a scenario can ask for are those installed in
the ``thidua`` entry-point group, by name. Each scenario runs on an isolated host (the
built-in plugins plus the ones it names), so its result does not depend on what else is
installed.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.metadata
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from thidua.errors import DossierError, Problem, ScenarioError, ThiduaError
from thidua.limits import MAX_LIST_ENTRIES, MAX_TEXT_LENGTH, cap_problems, read_toml
from thidua.model.base import MAX_YEAR, MIN_YEAR, is_identifier, nfc
from thidua.model.dossier import Dossier
from thidua.model.findings import EvidenceValue, Finding, Severity

if TYPE_CHECKING:
    from thidua.parameters import Parameter, ParameterOverride
    from thidua.plugins.host import Host
    from thidua.rules.engine import Engine
    from thidua.rules.ladder import EligibilityResult, Ladder

__all__ = [
    "MAX_GENERATED_EXEMPLARS",
    "SCENARIO_PATTERNS",
    "Expectation",
    "ExpectedEligibility",
    "ExpectedFinding",
    "Mismatch",
    "Scenario",
    "ScenarioOutcome",
    "ScenarioResult",
    "ScenarioRunner",
    "find_scenario_files",
    "finding_line",
    "is_scenario_file",
    "load_scenario_file",
    "load_scenarios",
    "parse_scenarios",
    "run_scenario",
    "shipped_scenario_files",
]

SCENARIO_PATTERNS: tuple[str, ...] = ("scenario_*.toml", "*.scenario.toml")
"""File names recognised as scenario files (in directories, and by pytest)."""

MAX_GENERATED_EXEMPLARS = 100_000
"""Most exemplars the ``count`` shorthand of one scenario's input may create (a
technical limit: scenarios are small cases, not national dossiers)."""

SCENARIO_SOURCE = "scenario"
"""The source name stamped on parameter values a scenario sets."""

_SCENARIO_KEYS = frozenset({
    "name", "name_en", "description", "plan", "year", "as_of", "plugins", "dossier",
    "example", "input", "parameters", "expect", "tags"})
_FILE_KEYS = _SCENARIO_KEYS | {"scenario"}
_INPUT_SECTIONS = ("units", "movements", "exemplars", "submissions", "records", "awards",
                   "events")
_EXPECT_KEYS = frozenset({"finding", "no_finding", "eligibility", "only", "min_severity",
                          "errors", "warnings"})
_FINDING_KEYS = frozenset({"rule", "subject", "severity", "clause", "evidence",
                           "message_contains", "count"})
_ELIGIBILITY_KEYS = frozenset({"subject", "award", "year", "verdict", "eligible", "unmet"})
_DEFAULT_UNIT_LEVEL = "don_vi"
"""Level of the unit made up for an input with exemplars but no units: ``don_vi``
("other agency or unit") is part of the dossier format's fixed vocabulary."""
_DEFAULT_KIND = "ca_nhan"
"""Kind of an exemplar the input names without declaring it: an individual."""
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_YEARS = (MIN_YEAR, MAX_YEAR)
"""The years the model accepts (its plausibility bounds, not a legal rule)."""


# -- the scenario model --------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class ExpectedFinding:
    """A pattern a finding of the report must (or, under ``no_finding``, must not)
    match. Fields left ``None`` match anything."""

    rule: str
    subject: str | None = None
    severity: Severity | None = None
    clause: str | None = None
    evidence: Mapping[str, EvidenceValue] = attrs.field(factory=dict, hash=False)
    """Evidence entries that must be present with these values (others are ignored)."""
    message_contains: str | None = None
    """Text that the Vietnamese or the English message must contain (case ignored)."""
    count: int | None = None
    """Exactly this many findings must match (None: at least one)."""
    where: str = ""
    """Where the pattern is written (``file:scenario[0].expect.finding[1]``)."""

    def matches(self, f: Finding) -> bool:
        """True if ``f`` matches every field this pattern sets."""
        if f.rule != self.rule:
            return False
        if self.subject is not None and f.subject != self.subject:
            return False
        if self.severity is not None and f.severity is not self.severity:
            return False
        if self.clause is not None and f.clause != self.clause:
            return False
        for key, value in self.evidence.items():
            if key not in f.evidence:
                return False
            got = f.evidence[key]
            if type(got) is not type(value) or got != value:  # 1 is not True
                return False
        if self.message_contains is not None:
            needle = self.message_contains.casefold()
            if needle not in f.message_vi.casefold() and needle not in f.message_en.casefold():
                return False
        return True

    def describe(self) -> str:
        """One line: ``rule · subject · severity · clause`` (``*`` where any will do)."""
        parts = [self.rule, self.subject or "*",
                 self.severity.value if self.severity else "*", self.clause or "*"]
        extra = [f"{k}={v!r}" for k, v in self.evidence.items()]
        if self.message_contains is not None:
            extra.append(f"message∋{self.message_contains!r}")
        if self.count is not None:
            extra.append(f"count={self.count}")
        return " · ".join(parts) + (f" [{', '.join(extra)}]" if extra else "")


class ScenarioOutcome(enum.StrEnum):
    """How a scenario ended."""

    PASSED = "passed"
    FAILED = "failed"
    """The rules ran and concluded something other than expected."""
    ERROR = "error"
    """The scenario could not run (an unknown plan or plugin, an invalid parameter)."""


@attrs.frozen(kw_only=True)
class ExpectedEligibility:
    """The expected answer of the award ladder for one subject, award and year."""

    subject: str
    award: str
    year: int
    """The proposal year (default: the scenario's year)."""
    verdict: str | None = None
    """``eligible``, ``not_eligible``, ``unconfirmed``, ``unknown`` or ``not_applicable``."""
    unmet: tuple[str, ...] | None = None
    """The ids of the unmet conditions (compared as a set); None: not checked."""
    where: str = ""

    def describe(self) -> str:
        """One line: ``subject · award · year · verdict``."""
        text = f"{self.subject} · {self.award} · {self.year} · {self.verdict or '*'}"
        if self.unmet is not None:
            text += f" [unmet={', '.join(self.unmet) or '(none)'}]"
        return text


@attrs.frozen(kw_only=True)
class Expectation:
    """What a scenario expects of the rules."""

    findings: tuple[ExpectedFinding, ...] = ()
    """Each must be matched by the report's findings."""
    no_findings: tuple[ExpectedFinding, ...] = ()
    """None may be matched."""
    eligibility: tuple[ExpectedEligibility, ...] = ()
    only: bool = False
    """True: every finding of ``min_severity`` or worse must match an expected finding."""
    min_severity: Severity = Severity.WARNING
    """The findings ``only`` and the counts consider (``info`` findings are ignored by
    default: the rules report many of them)."""
    errors: int | None = None
    """The exact number of findings of severity error, if given."""
    warnings: int | None = None
    """The exact number of findings of severity warning, if given."""

    @property
    def empty(self) -> bool:
        """True if nothing is expected (such a scenario could never fail)."""
        return not (self.findings or self.no_findings or self.eligibility or self.only
                    or self.errors is not None or self.warnings is not None)


@attrs.frozen(kw_only=True)
class Scenario:
    """One regulation case: a dossier judged under a plan in a year, and what the rules
    must conclude."""

    name: str
    """The case's name (Vietnamese, usually); unique within its file."""
    year: int
    dossier: Dossier
    expect: Expectation
    name_en: str = ""
    description: str = ""
    as_of: dt.date | None = None
    """Judge the dossier as of this day (None: the year is closed)."""
    plugins: tuple[str, ...] = ()
    """Installed plugins (entry-point names of the ``thidua`` group) to load besides the
    built-in ones."""
    parameters: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    """Parameter values set for the scenario's year only (raw TOML values, converted to
    each parameter's kind when the scenario runs)."""
    tags: tuple[str, ...] = ()
    file: Path | None = None
    """The file the scenario was read from."""
    index: int | None = None
    """Its position among the file's ``[[scenario]]`` tables (None: the file is one
    scenario)."""

    @property
    def where(self) -> str:
        """``file`` or ``file:scenario[i]``, for messages."""
        base = str(self.file) if self.file is not None else "<scenario>"
        return base if self.index is None else f"{base}:scenario[{self.index}]"


@attrs.frozen(kw_only=True)
class Mismatch:
    """One way a scenario's result differs from what it expects."""

    kind: str
    """``missing`` (an expected finding is absent), ``unexpected`` (a finding nobody
    expected, under ``only``), ``forbidden`` (a ``no_finding`` pattern matched),
    ``count``, ``eligibility`` or ``unknown`` (the expectation names a rule, subject or
    award the scenario cannot have)."""
    message_vi: str
    message_en: str
    expected: str = ""
    """The expectation, rendered on one line."""
    findings: tuple[Finding, ...] = ()
    """The related actual findings."""
    actual: tuple[str, ...] = ()
    """Other related actual answers (of the award ladder), one line each."""

    def message(self, lang: str = "vi") -> str:
        """The message in ``lang`` (``vi`` or ``en``)."""
        return self.message_vi if lang == "vi" else self.message_en

    def lines(self, lang: str = "vi") -> tuple[str, ...]:
        """The related actual findings and answers, one line each, in ``lang``."""
        return (*(finding_line(f, lang) for f in self.findings), *self.actual)


@attrs.frozen(kw_only=True)
class ScenarioResult:
    """The outcome of running one scenario."""

    scenario: Scenario
    outcome: ScenarioOutcome
    mismatches: tuple[Mismatch, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Every finding of the report (empty if the scenario could not run)."""
    eligibility: tuple[EligibilityResult, ...] = ()
    plan: str | None = None
    """The plan that judged the dossier (None: no plan in force, or an error)."""
    error: str = ""
    """Why the scenario could not run (outcome ``error``)."""

    @property
    def passed(self) -> bool:
        """True if the rules concluded what the scenario expects."""
        return self.outcome is ScenarioOutcome.PASSED

    def report(self, lang: str = "vi") -> str:
        """A readable account: one line for a pass; for a failure, every mismatch with
        the expectation (``-``) and the related actual findings (``+``)."""
        vi = lang == "vi"
        title = self.scenario.name if vi or not self.scenario.name_en else self.scenario.name_en
        mark = {"passed": "✓", "failed": "✗", "error": "!"}[self.outcome.value]
        lines = [f"{mark} {title}  ({_display(self.scenario)})"]
        if self.outcome is ScenarioOutcome.ERROR:
            label = "không chạy được" if vi else "could not run"
            lines.append(f"    {label}: {self.error}")
            return "\n".join(lines)
        for m in self.mismatches:
            lines.append(f"    {m.message(lang)}")
            if m.expected:
                lines.append(f"      - {m.expected}")
            for a in m.lines(lang):
                lines.append(f"      + {a}")
        return "\n".join(lines)


def _display(scenario: Scenario) -> str:
    """Where a scenario is, for a report: its file relative to the working directory
    when it is below it."""
    if scenario.file is None:
        return scenario.where
    try:
        shown = str(scenario.file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(scenario.file)
    return shown if scenario.index is None else f"{shown}:scenario[{scenario.index}]"


# -- finding files ---------------------------------------------------------------------------

def is_scenario_file(path: Path | str) -> bool:
    """True if the file name matches :data:`SCENARIO_PATTERNS`."""
    p = Path(path)
    return any(p.match(pattern) for pattern in SCENARIO_PATTERNS)


def find_scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """The scenario files named by ``paths``: a file is taken as given (any ``.toml``
    name); a directory is searched recursively for :data:`SCENARIO_PATTERNS`. Raises
    :class:`ScenarioError` for a path that does not exist or a directory without any."""
    out: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted({f for pattern in SCENARIO_PATTERNS for f in p.rglob(pattern)
                            if f.is_file()})
            if not found:
                problems.append(Problem(str(p), "no scenario file in this directory (names "
                                        "like " + " or ".join(SCENARIO_PATTERNS) + ")"))
            out.extend(found)
        elif p.is_file():
            if p.suffix != ".toml":
                problems.append(Problem(str(p), "a scenario file is a .toml file"))
            else:
                out.append(p)
        else:
            problems.append(Problem(str(p), "no such file or directory"))
    if problems:
        raise ScenarioError("cannot find the scenarios asked for", problems)
    seen: set[Path] = set()
    unique = []
    for f in out:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def shipped_scenario_files() -> list[Path]:
    """The scenario files shipped with thidua (the reference plan's own cases)."""
    root = Path(str(resources.files("thidua.data").joinpath("scenarios")))
    return sorted(f for pattern in SCENARIO_PATTERNS for f in root.glob(pattern))


# -- loading ---------------------------------------------------------------------------------

def load_scenario_file(path: Path | str) -> tuple[Scenario, ...]:
    """Read and validate one scenario file. Raises :class:`ScenarioError` listing every
    problem (``file:scenario[i].key: message``); a dossier file a scenario names is read
    relative to the scenario file."""
    p = Path(path)
    try:
        data = read_toml(p)
    except OSError as exc:
        raise ScenarioError(f"cannot read scenario file {p}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{p} is not a valid scenario file", [Problem(
            f"{p}: byte {exc.start}", "not UTF-8 text; save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{p} is not a valid scenario file",
                            [Problem(str(p), f"TOML syntax: {exc}")]) from None
    return parse_scenarios(data, origin=str(p), base_dir=p.parent, file=p)


def load_scenarios(paths: Iterable[Path | str]) -> list[Scenario]:
    """Every scenario of the files and directories ``paths`` (see
    :func:`find_scenario_files`), in file order."""
    out: list[Scenario] = []
    for f in find_scenario_files(paths):
        out.extend(load_scenario_file(f))
    return out


def parse_scenarios(data: Mapping[str, Any], *, origin: str = "<scenario>",
                    base_dir: Path | None = None,
                    file: Path | None = None) -> tuple[Scenario, ...]:
    """Build the scenarios of parsed TOML ``data`` (one scenario, or ``[[scenario]]``
    tables with the other top-level keys as their defaults)."""
    problems: list[Problem] = []
    _check_texts(data, origin, problems)
    if problems:
        raise ScenarioError(f"{origin} is not a valid scenario file", cap_problems(problems))
    for key in sorted(set(data) - _FILE_KEYS, key=str):
        problems.append(Problem(f"{origin}: {key}", "unknown key; a scenario has "
                                + ", ".join(sorted(_SCENARIO_KEYS))))
    tables = data.get("scenario")
    if tables is None:
        entries: list[tuple[int | None, Mapping[str, Any]]] = [(None, data)]
    elif not isinstance(tables, list) or not tables or \
            not all(isinstance(t, dict) for t in tables):
        problems.append(Problem(f"{origin}: scenario", "write each case as a [[scenario]] "
                                                       "table"))
        entries = []
    else:
        defaults = {k: v for k, v in data.items() if k in _SCENARIO_KEYS}
        entries = [(i, _with_defaults(defaults, t)) for i, t in enumerate(tables)]
    out: list[Scenario] = []
    names: dict[str, int | None] = {}
    for index, table in entries:
        where = origin if index is None else f"{origin}:scenario[{index}]"
        if index is not None:
            assert isinstance(tables, list)
            for key in sorted(set(tables[index]) - _SCENARIO_KEYS, key=str):
                problems.append(Problem(f"{where}.{key}", "unknown key; a scenario has "
                                        + ", ".join(sorted(_SCENARIO_KEYS))))
        scenario = _parse_one(table, where, base_dir, file, index, problems)
        if scenario is None:
            continue
        if scenario.name in names:
            problems.append(Problem(f"{where}.name", f"two scenarios of the file are named "
                                                     f"{scenario.name!r}; names must differ"))
            continue
        names[scenario.name] = index
        out.append(scenario)
    if problems:
        raise ScenarioError(f"{origin} is not a valid scenario file", cap_problems(problems))
    return tuple(out)


def _with_defaults(defaults: Mapping[str, Any], table: Mapping[str, Any]) -> dict[str, Any]:
    """A ``[[scenario]]`` table over the file's defaults: its own keys win, and its
    ``input`` sections replace the file's sections of the same name."""
    merged = {**defaults, **table}
    base_input, own_input = defaults.get("input"), table.get("input")
    if isinstance(base_input, dict) and isinstance(own_input, dict):
        merged["input"] = {**base_input, **own_input}
    base_params, own_params = defaults.get("parameters"), table.get("parameters")
    if isinstance(base_params, dict) and isinstance(own_params, dict):
        merged["parameters"] = {**base_params, **own_params}
    return merged


def _check_texts(value: Any, origin: str, problems: list[Problem], path: str = "",
                 depth: int = 0) -> None:
    """Every text (and key) of the file is at most MAX_TEXT_LENGTH characters."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT_LENGTH:
            problems.append(Problem(f"{origin}: {path or '$'}", f"a text of {len(value):,} "
                                    f"characters exceeds the limit of {MAX_TEXT_LENGTH:,} "
                                    f"(thidua.limits.MAX_TEXT_LENGTH); shorten it"))
    elif isinstance(value, dict) and depth < 32:
        for k, v in value.items():
            _check_texts(k, origin, problems, path, depth + 1)
            _check_texts(v, origin, problems, f"{path}.{k}".lstrip(".")[:200], depth + 1)
    elif isinstance(value, list) and depth < 32:
        for j, v in enumerate(value):
            _check_texts(v, origin, problems, f"{path}[{j}]"[:200], depth + 1)


def _text(table: Mapping[str, Any], key: str, where: str, problems: list[Problem], *,
          required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            problems.append(Problem(f"{where}.{key}", "missing; it is required"))
        return None
    if not isinstance(value, str) or not nfc(value):
        problems.append(Problem(f"{where}.{key}", f"expected a non-empty text, got "
                                                  f"{_show(value)}"))
        return None
    return nfc(value)


def _int(table: Mapping[str, Any], key: str, where: str, problems: list[Problem], *,
         lo: int, hi: int, required: bool = False) -> int | None:
    value = table.get(key)
    if value is None:
        if required:
            problems.append(Problem(f"{where}.{key}", "missing; it is required"))
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        problems.append(Problem(f"{where}.{key}", f"expected a whole number from {lo} to "
                                                  f"{hi}, got {_show(value)}"))
        return None
    return value


def _date(value: Any, where: str, problems: list[Problem]) -> dt.date | None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        problems.append(Problem(where, f"expected a date (2024-01-15), got {_show(value)}"))
        return None
    if isinstance(value, str):
        try:
            if not _ISO_DATE.match(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            problems.append(Problem(where, f"{value!r} is not a date (expected YYYY-MM-DD)"))
            return None
    return value


def _bool(table: Mapping[str, Any], key: str, where: str, problems: list[Problem]) -> bool | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        problems.append(Problem(f"{where}.{key}", f"expected true or false, got "
                                                  f"{_show(value)}"))
        return None
    return value


def _texts_list(table: Mapping[str, Any], key: str, where: str,
                problems: list[Problem]) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and nfc(v) for v in value):
        problems.append(Problem(f"{where}.{key}", f"expected a list of texts, got "
                                                  f"{_show(value)}"))
        return None
    return tuple(nfc(v) for v in value)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if not isinstance(value, dt.date) else value.isoformat()
    return text if len(text) <= 60 else text[:57] + "..."


def _parse_one(table: Mapping[str, Any], where: str, base_dir: Path | None,
               file: Path | None, index: int | None,
               problems: list[Problem]) -> Scenario | None:
    before = len(problems)
    name = _text(table, "name", where, problems, required=True)
    name_en = _text(table, "name_en", where, problems) or ""
    description = _text(table, "description", where, problems) or ""
    plan = _text(table, "plan", where, problems)
    if plan is not None and not is_identifier(plan):
        problems.append(Problem(f"{where}.plan", f"{plan!r} is not a plan id"))
    year = _int(table, "year", where, problems, lo=_YEARS[0], hi=_YEARS[1], required=True)
    as_of = (_date(table["as_of"], f"{where}.as_of", problems)
             if table.get("as_of") is not None else None)
    plugins = _texts_list(table, "plugins", where, problems) or ()
    tags = _texts_list(table, "tags", where, problems) or ()
    params = table.get("parameters", {})
    if not isinstance(params, dict):
        problems.append(Problem(f"{where}.parameters", "expected a table of parameter "
                                                       "ids and values"))
        params = {}
    expect = _parse_expect(table.get("expect"), f"{where}.expect", year, problems)
    dossier = None
    if year is not None:
        dossier = _scenario_dossier(table, where, base_dir, plan, year, problems)
    if len(problems) > before or name is None or year is None or dossier is None \
            or expect is None:
        return None
    return Scenario(name=name, name_en=name_en, description=description, year=year,
                    as_of=as_of, plugins=plugins, parameters=dict(params), tags=tags,
                    dossier=dossier, expect=expect, file=file, index=index)


# -- expectations ------------------------------------------------------------------------------

def _severity(value: Any, where: str, problems: list[Problem]) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity(value)
    except ValueError:
        problems.append(Problem(where, f"expected one of error, warning, info, got "
                                       f"{_show(value)}"))
        return None


def _parse_finding(entry: Any, where: str, problems: list[Problem]) -> ExpectedFinding | None:
    if not isinstance(entry, dict):
        problems.append(Problem(where, "expected a table (rule, subject, severity, clause)"))
        return None
    before = len(problems)
    for key in sorted(set(entry) - _FINDING_KEYS, key=str):
        problems.append(Problem(f"{where}.{key}", "unknown key; an expected finding has "
                                + ", ".join(sorted(_FINDING_KEYS))))
    rule = _text(entry, "rule", where, problems, required=True)
    subject = _text(entry, "subject", where, problems)
    severity = _severity(entry.get("severity"), f"{where}.severity", problems)
    clause = _text(entry, "clause", where, problems)
    contains = _text(entry, "message_contains", where, problems)
    count = _int(entry, "count", where, problems, lo=0, hi=MAX_LIST_ENTRIES)
    evidence: dict[str, EvidenceValue] = {}
    raw = entry.get("evidence", {})
    if not isinstance(raw, dict):
        problems.append(Problem(f"{where}.evidence", "expected a table of evidence values"))
    else:
        for k, v in raw.items():
            if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
                evidence[k] = v.isoformat()
            elif isinstance(v, str | int | bool):
                evidence[k] = nfc(v) if isinstance(v, str) else v
            else:
                problems.append(Problem(f"{where}.evidence.{k}", f"expected a text, number, "
                                        f"true/false or date, got {_show(v)}"))
    if len(problems) > before or rule is None:
        return None
    return ExpectedFinding(rule=rule, subject=subject, severity=severity, clause=clause,
                           evidence=evidence, message_contains=contains, count=count,
                           where=where)


_VERDICTS = ("eligible", "not_eligible", "unconfirmed", "unknown", "not_applicable")


def _parse_eligibility(entry: Any, where: str, year: int | None,
                       problems: list[Problem]) -> ExpectedEligibility | None:
    if not isinstance(entry, dict):
        problems.append(Problem(where, "expected a table (subject, award, verdict)"))
        return None
    before = len(problems)
    for key in sorted(set(entry) - _ELIGIBILITY_KEYS, key=str):
        problems.append(Problem(f"{where}.{key}", "unknown key; an expected answer has "
                                + ", ".join(sorted(_ELIGIBILITY_KEYS))))
    subject = _text(entry, "subject", where, problems, required=True)
    award = _text(entry, "award", where, problems, required=True)
    own_year = _int(entry, "year", where, problems, lo=_YEARS[0], hi=_YEARS[1])
    verdict = _text(entry, "verdict", where, problems)
    if verdict is not None and verdict not in _VERDICTS:
        problems.append(Problem(f"{where}.verdict", f"expected one of {', '.join(_VERDICTS)}, "
                                                    f"got {verdict!r}"))
    eligible = _bool(entry, "eligible", where, problems)
    if eligible is not None:
        implied = "eligible" if eligible else "not_eligible"
        if verdict is not None and verdict != implied:
            problems.append(Problem(where, f"eligible = {str(eligible).lower()} contradicts "
                                           f"verdict = {verdict!r}; give one of them"))
        verdict = implied
    unmet = _texts_list(entry, "unmet", where, problems)
    if verdict is None and unmet is None:
        problems.append(Problem(where, "say what is expected: verdict (or eligible) and/or "
                                       "unmet"))
    proposal_year = own_year if own_year is not None else year
    if len(problems) > before or subject is None or award is None or proposal_year is None:
        return None
    return ExpectedEligibility(subject=subject, award=award, year=proposal_year,
                               verdict=verdict, unmet=unmet, where=where)


def _entries(raw: Any, where: str, problems: list[Problem]) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(where, "expected an array of tables ([[...]])"))
        return []
    return raw


def _parse_expect(raw: Any, where: str, year: int | None,
                  problems: list[Problem]) -> Expectation | None:
    if raw is None:
        problems.append(Problem(where, "missing: say what the rules must conclude "
                                       "([[expect.finding]], [[expect.no_finding]], "
                                       "[[expect.eligibility]], errors = N, only = true)"))
        return None
    if not isinstance(raw, dict):
        problems.append(Problem(where, "expected a table"))
        return None
    before = len(problems)
    for key in sorted(set(raw) - _EXPECT_KEYS, key=str):
        problems.append(Problem(f"{where}.{key}", "unknown key; expect has "
                                + ", ".join(sorted(_EXPECT_KEYS))))
    found = [_parse_finding(e, f"{where}.finding[{i}]", problems)
             for i, e in enumerate(_entries(raw.get("finding"), f"{where}.finding", problems))]
    absent = [_parse_finding(e, f"{where}.no_finding[{i}]", problems)
              for i, e in enumerate(_entries(raw.get("no_finding"), f"{where}.no_finding",
                                             problems))]
    for i, a in enumerate(absent):
        if a is not None and a.count is not None:
            problems.append(Problem(f"{where}.no_finding[{i}].count",
                                    "a no_finding has no count; use [[expect.finding]] "
                                    "with count"))
    elig = [_parse_eligibility(e, f"{where}.eligibility[{i}]", year, problems)
            for i, e in enumerate(_entries(raw.get("eligibility"), f"{where}.eligibility",
                                           problems))]
    only = _bool(raw, "only", where, problems) or False
    min_sev = _severity(raw.get("min_severity", Severity.WARNING.value),
                        f"{where}.min_severity", problems)
    errors = _int(raw, "errors", where, problems, lo=0, hi=10**9)
    warnings = _int(raw, "warnings", where, problems, lo=0, hi=10**9)
    if len(problems) > before:
        return None
    expect = Expectation(findings=tuple(f for f in found if f is not None),
                         no_findings=tuple(f for f in absent if f is not None),
                         eligibility=tuple(e for e in elig if e is not None), only=only,
                         min_severity=min_sev or Severity.WARNING, errors=errors,
                         warnings=warnings)
    if expect.empty:
        problems.append(Problem(where, "expects nothing, so it could never fail: add a "
                                       "[[expect.finding]], [[expect.no_finding]], "
                                       "[[expect.eligibility]], errors = N or only = true"))
        return None
    return expect


# -- the dossier of a scenario --------------------------------------------------------------

def _scenario_dossier(table: Mapping[str, Any], where: str, base_dir: Path | None,
                      plan: str | None, year: int,
                      problems: list[Problem]) -> Dossier | None:
    if plan is not None and not is_identifier(plan):
        return None  # already reported
    sources = [k for k in ("dossier", "example", "input") if table.get(k) not in (None, False)]
    if len(sources) != 1:
        problems.append(Problem(where, "give exactly one of dossier = \"FILE.json\", "
                                       "example = true or an [input] table"
                                + (f"; got {', '.join(sources)}" if sources else "")))
        return None
    source = sources[0]
    if source == "input":
        if plan is None:
            problems.append(Problem(f"{where}.plan", "missing; an [input] needs the id of "
                                                     "the plan it is judged under"))
            return None
        raw = table["input"]
        if not isinstance(raw, dict):
            problems.append(Problem(f"{where}.input", "expected a table of sections (units, "
                                                      "exemplars, submissions …)"))
            return None
        data = _input_to_dossier_data(raw, f"{where}.input", plan, year, problems)
        if data is None:
            return None
        return _structure(data, f"{where}.input", problems)
    if source == "example":
        if table["example"] is not True:
            problems.append(Problem(f"{where}.example", "expected true"))
            return None
        from thidua.data import load_example

        dossier = load_example()
    else:
        loaded = _dossier_file(table["dossier"], where, base_dir, problems)
        if loaded is None:
            return None
        dossier = loaded
    if plan is not None and plan != dossier.plan:
        dossier = attrs.evolve(dossier, plan=plan)  # an identifier: checked above
    return dossier


def _dossier_file(value: Any, where: str, base_dir: Path | None,
                  problems: list[Problem]) -> Dossier | None:
    from thidua.serialization import load_dossier

    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(f"{where}.dossier", f"expected a file name, got "
                                                    f"{_show(value)}"))
        return None
    path = Path(value)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_file():
        problems.append(Problem(f"{where}.dossier", f"no such file: {path} (a path is read "
                                                    f"relative to the scenario file)"))
        return None
    try:
        return load_dossier(path)
    except DossierError as exc:
        problems.append(Problem(f"{where}.dossier", exc.summary))
        problems.extend(Problem(f"{where}.dossier: {p.path}", p.message) for p in exc.problems)
    except ThiduaError as exc:
        problems.append(Problem(f"{where}.dossier", str(exc)))
    return None


def _structure(data: dict[str, Any], where: str, problems: list[Problem]) -> Dossier | None:
    from thidua.serialization import structure_dossier

    try:
        return structure_dossier(data, origin=where)
    except DossierError as exc:
        if not exc.problems:
            problems.append(Problem(where, exc.summary))
        for p in exc.problems:
            path = p.path[1:] if p.path.startswith("$") else f" {p.path}"
            problems.append(Problem(f"{where}{path}", p.message))
    except ThiduaError as exc:  # a size limit
        problems.append(Problem(where, str(exc)))
    return None


def _iso(value: Any, where: str, problems: list[Problem]) -> Any:
    """TOML dates as ISO text (the dossier format's dates); anything else unchanged."""
    if isinstance(value, dt.datetime):
        problems.append(Problem(where, f"expected a date without a time, got "
                                       f"{value.isoformat()}"))
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_DATE_FIELDS = {"submissions": ("submitted_on",), "awards": ("decided_on",),
                "events": ("on",)}


class _InputBuilder:
    """Turns a scenario's compact ``[input]`` into dossier JSON data (dossier-format
    names), filling in what a non-programmer may leave out."""

    def __init__(self, raw: Mapping[str, Any], where: str, plan: str, year: int,
                 problems: list[Problem]) -> None:
        self.where, self.plan, self.year, self.problems = where, plan, year, problems
        self.sections: dict[str, list[Any]] = {}
        for key in sorted(set(raw) - set(_INPUT_SECTIONS), key=str):
            problems.append(Problem(f"{where}.{key}", "unknown section; an input has "
                                    + ", ".join(_INPUT_SECTIONS)))
        for name in _INPUT_SECTIONS:
            value = raw.get(name, [])
            if not isinstance(value, list):
                problems.append(Problem(f"{where}.{name}", "expected an array of tables"))
                value = []
            self.sections[name] = [dict(e) if isinstance(e, dict) else e for e in value]
        self.generated = 0
        self.next_number: dict[str, int] = {}
        self.declared = {e["id"] for e in self.sections["exemplars"]
                         if isinstance(e, dict) and isinstance(e.get("id"), str)}

    def build(self) -> dict[str, Any] | None:
        before = len(self.problems)
        s = self.sections
        for name, fields in _DATE_FIELDS.items():
            for i, e in enumerate(s[name]):
                if isinstance(e, dict):
                    for f in fields:
                        if f in e:
                            e[f] = _iso(e[f], f"{self.where}.{name}[{i}].{f}", self.problems)
        for e in s["units"]:
            if isinstance(e, dict) and "name" not in e and isinstance(e.get("id"), str):
                e["name"] = e["id"]
        for e in s["movements"]:
            if isinstance(e, dict) and "name" not in e and isinstance(e.get("id"), str):
                e["name"] = e["id"]
        for i, e in enumerate(s["exemplars"]):
            if isinstance(e, dict):
                self._fill_exemplar(e, f"{self.where}.exemplars[{i}]")
        for e in s["events"]:
            if isinstance(e, dict):
                e.setdefault("year", self.year)
        self._fill_submissions()
        for name in ("records", "awards"):
            for e in s[name]:
                if isinstance(e, dict) and isinstance(e.get("subject"), str):
                    self._ensure_exemplar(e["subject"], None)
        if len(self.problems) > before:
            return None
        return {"plan": self.plan, **{k: v for k, v in s.items() if v}}

    def _default_unit(self) -> str:
        units = [u for u in self.sections["units"] if isinstance(u, dict)]
        if units and isinstance(units[0].get("id"), str):
            return str(units[0]["id"])
        if not units:
            uid = "don-vi"
            self.sections["units"].append({"id": uid, "name": uid,
                                           "level": _DEFAULT_UNIT_LEVEL})
            return uid
        return "don-vi"

    def _fill_exemplar(self, e: dict[str, Any], where: str) -> None:
        if "name" not in e and isinstance(e.get("id"), str):
            e["name"] = e["id"]
        e.setdefault("kind", _DEFAULT_KIND)
        if "unit" not in e:
            e["unit"] = self._default_unit()
        honoured = e.get("honoured")
        if isinstance(honoured, list):
            e["honoured"] = [{"year": h} if isinstance(h, int) and not isinstance(h, bool)
                             else h for h in honoured]

    def _ensure_exemplar(self, ident: Any, unit: str | None) -> None:
        if not isinstance(ident, str) or ident in self.declared:
            return
        self.declared.add(ident)
        self.sections["exemplars"].append({"id": ident, "name": ident, "kind": _DEFAULT_KIND,
                                           "unit": unit or self._default_unit()})

    def _new_exemplar(self, unit: str) -> str:
        n = self.next_number.get(unit, 1)
        while f"{unit}-e{n}" in self.declared:
            n += 1
        self.next_number[unit] = n + 1
        ident = f"{unit}-e{n}"
        self._ensure_exemplar(ident, unit)
        self.generated += 1
        return ident

    def _fill_submissions(self) -> None:
        subs = self.sections["submissions"]
        ids = {e["id"] for e in subs if isinstance(e, dict) and isinstance(e.get("id"), str)}
        pending: list[tuple[int, dict[str, Any], int]] = []
        for i, e in enumerate(subs):
            if not isinstance(e, dict):
                continue
            where = f"{self.where}.submissions[{i}]"
            e.setdefault("year", self.year)
            sender = e.get("from")
            if "id" not in e and isinstance(sender, str):
                base, n = f"s-{sender}", 1
                ident = base
                while ident in ids:
                    n += 1
                    ident = f"{base}-{n}"
                ids.add(ident)
                e["id"] = ident
            if "count" in e:
                count = e.pop("count")
                if "exemplars" in e:
                    self.problems.append(Problem(where, "give either exemplars = [...] or "
                                                        "count = N, not both"))
                elif isinstance(count, bool) or not isinstance(count, int) or \
                        not 0 <= count <= MAX_LIST_ENTRIES:
                    self.problems.append(Problem(f"{where}.count", f"expected a whole number "
                                                 f"from 0 to {MAX_LIST_ENTRIES:,}, got "
                                                 f"{_show(count)}"))
                elif isinstance(sender, str):
                    pending.append((i, e, count))
        counted = [id(e) for _, e, _ in pending]
        self._resolve_counts(pending)
        # then the exemplars that lists name without declaring them (perhaps ones a
        # count above created): they belong to the sender of the first list written
        # out that names them, else of the first count list that picked them
        written = [e for e in subs if isinstance(e, dict) and id(e) not in counted]
        for e in written + [e for e in subs if isinstance(e, dict) and id(e) in counted]:
            if isinstance(e.get("exemplars"), list) and isinstance(e.get("from"), str):
                for x in e["exemplars"]:
                    self._ensure_exemplar(x, e["from"])

    def _resolve_counts(self, pending: list[tuple[int, dict[str, Any], int]]) -> None:
        """Lists given as ``count = N`` take the first N exemplars sent to their sender
        that year (in file order), then new exemplars of the sender. A list is filled
        once the lists sent to its sender are known."""
        subs = [e for e in self.sections["submissions"] if isinstance(e, dict)]
        while pending:
            ready = [p for p in pending
                     if not any(q[1].get("to") == p[1]["from"] and q[1].get("year") ==
                                p[1].get("year") and q is not p for q in pending)]
            i, e, count = (ready or pending)[0]
            pending.remove((i, e, count))
            if self.generated + count > MAX_GENERATED_EXEMPLARS:
                self.problems.append(Problem(
                    f"{self.where}.submissions[{i}].count",
                    f"the input would create more than {MAX_GENERATED_EXEMPLARS:,} exemplars "
                    f"(thidua.testing.scenarios.MAX_GENERATED_EXEMPLARS); a scenario is a "
                    f"small case"))
                return
            sender = e["from"]
            pool: list[str] = []
            for other in subs:
                if other is e or other.get("to") != sender or \
                        other.get("year") != e.get("year"):
                    continue
                for x in other.get("exemplars", []) if isinstance(other.get("exemplars"),
                                                                  list) else []:
                    if isinstance(x, str) and x not in pool:
                        pool.append(x)
            chosen = pool[:count]
            while len(chosen) < count:
                chosen.append(self._new_exemplar(sender))
            e["exemplars"] = chosen


def _input_to_dossier_data(raw: Mapping[str, Any], where: str, plan: str, year: int,
                           problems: list[Problem]) -> dict[str, Any] | None:
    return _InputBuilder(raw, where, plan, year, problems).build()


# -- running ---------------------------------------------------------------------------------

def _installed_plugins() -> dict[str, importlib.metadata.EntryPoint]:
    from thidua.plugins import hookspecs

    return {ep.name: ep for ep in importlib.metadata.entry_points(group=hookspecs.PROJECT)}


class ScenarioRunner:
    """Runs scenarios, building one isolated host per set of plugins they name.

    ``host`` replaces that: every scenario runs on it (for a plugin's own tests, with
    :func:`thidua.testing.fixtures.make_host`), and ``plugins`` in the scenarios must
    then be empty.
    """

    def __init__(self, *, host: Host | None = None) -> None:
        self._given = host
        self._hosts: dict[tuple[str, ...], Host] = {}
        self._ladders: dict[int, Ladder] = {}

    def host_for(self, plugins: Sequence[str]) -> Host:
        """The isolated host of the built-in plugins plus the installed ``plugins``."""
        from thidua.testing.fixtures import make_host

        key = tuple(sorted(plugins))
        if self._given is not None:
            if key:
                raise ScenarioError(f"the scenario names plugins ({', '.join(key)}) but runs "
                                    f"on a host given by the caller; load them into that host")
            return self._given
        if key not in self._hosts:
            installed = _installed_plugins()
            unknown = [p for p in key if p not in installed]
            if unknown:
                raise ScenarioError(
                    f"plugin(s) {', '.join(map(repr, unknown))} not installed; installed "
                    f"thidua plugins: {', '.join(sorted(installed)) or '(none)'}")
            objs = []
            for name in key:
                try:
                    objs.append(installed[name].load())
                except Exception as exc:  # an installed plugin that fails to import
                    raise ScenarioError(f"plugin {name!r} failed to import: "
                                        f"{type(exc).__name__}: {exc}") from exc
            self._hosts[key] = make_host(*objs)
        return self._hosts[key]

    def run(self, scenario: Scenario) -> ScenarioResult:
        """Run one scenario; a problem that stops it (an unknown plan, plugin or
        parameter) gives outcome ``error`` rather than an exception."""
        try:
            return self._run(scenario)
        except ThiduaError as exc:
            return ScenarioResult(scenario=scenario, outcome=ScenarioOutcome.ERROR,
                                  error=str(exc).replace("\n", " "))

    def run_all(self, scenarios: Iterable[Scenario]) -> list[ScenarioResult]:
        """Run every scenario, in order."""
        return [self.run(s) for s in scenarios]

    def _run(self, scenario: Scenario) -> ScenarioResult:
        host = self.host_for(scenario.plugins)
        engine, ladder = self._engine_and_ladder(host, scenario)
        report = engine.evaluate(scenario.dossier, scenario.year, as_of=scenario.as_of)
        judged = engine.plan_for(scenario.dossier.plan, scenario.year)
        known = {r.id for r in (judged or engine.plan(scenario.dossier.plan)).rules}
        from thidua.rules.engine import NO_PLAN_RULE

        known.add(NO_PLAN_RULE)
        mismatches = list(_compare_findings(scenario.expect, report.findings, known))
        answers: list[EligibilityResult] = []
        for exp in scenario.expect.eligibility:
            m, answer = _compare_eligibility(exp, scenario.dossier, ladder)
            if answer is not None:
                answers.append(answer)
            mismatches.extend(m)
        outcome = ScenarioOutcome.FAILED if mismatches else ScenarioOutcome.PASSED
        return ScenarioResult(scenario=scenario, outcome=outcome,
                              mismatches=tuple(mismatches), findings=report.findings,
                              eligibility=tuple(answers), plan=report.plan)

    def _engine_and_ladder(self, host: Host,
                           scenario: Scenario) -> tuple[Engine, Callable[[], Ladder]]:
        from thidua.rules.engine import Engine
        from thidua.rules.ladder import Ladder

        def default_ladder() -> Ladder:
            if id(host) not in self._ladders:
                self._ladders[id(host)] = Ladder.from_host(host)
            return self._ladders[id(host)]

        engine = host.engine()
        if not scenario.parameters:
            return engine, default_ladder
        plan = engine.plan_for(scenario.dossier.plan, scenario.year) or \
            engine.plan(scenario.dossier.plan)
        from thidua.rules.ladder import Catalogue

        catalogue_params = Catalogue.from_host(host).parameters
        for_plan = {k: v for k, v in scenario.parameters.items() if k in set(plan.parameters)}
        for_ladder = {k: v for k, v in scenario.parameters.items()
                      if k not in for_plan and k in set(catalogue_params)}
        unknown = sorted(set(scenario.parameters) - set(for_plan) - set(for_ladder))
        if unknown:
            raise ScenarioError(
                f"{scenario.where}: parameters: {', '.join(map(repr, unknown))} is not a "
                f"parameter of plan {plan.id!r} or of the award catalogue; see "
                f"'thidua params --plan {plan.id}'")
        if for_plan:
            store = plan.parameters
            for ov in _overrides(for_plan, store, scenario):
                store = store.with_override(ov)
            plans = [plan.with_parameters(store) if p.id == plan.id else p
                     for p in engine.plans.values()]
            engine = Engine(plans, calendar=engine.calendar, plugins=engine.plugins)
        if not for_ladder:
            return engine, default_ladder
        ladder = Ladder.from_host(host, overrides=_overrides(for_ladder, catalogue_params,
                                                             scenario))
        return engine, lambda: ladder


def _overrides(values: Mapping[str, Any], parameters: Mapping[str, Parameter],
               scenario: Scenario) -> tuple[ParameterOverride, ...]:
    """The scenario's parameter values as one-year exceptions for its year (an
    exception wins over every dated value and replaces a built-in exception). They keep
    the parameter's citation, so findings still cite the plan's clause; their note and
    source say the scenario set them."""
    from thidua.parameters import parse_overrides

    data = {"override": [
        {"parameter": pid, "clause": parameters[pid].citation.clause,
         "document": parameters[pid].citation.document, "status": "unconfirmed",
         "exceptions": [{"year": scenario.year, "value": value,
                         "note": f"set by scenario {scenario.where}"}]}
        for pid, value in sorted(values.items())]}
    return parse_overrides(data, parameters, origin=f"{scenario.where}.parameters",
                           source=SCENARIO_SOURCE)


def run_scenario(scenario: Scenario, *, host: Host | None = None) -> ScenarioResult:
    """Run one scenario (on ``host`` if given, else on an isolated host of the built-in
    plugins and those the scenario names)."""
    return ScenarioRunner(host=host).run(scenario)


# -- comparing ---------------------------------------------------------------------------------

def finding_line(f: Finding, lang: str = "vi") -> str:
    """A finding on one line: ``rule · subject · severity · clause — message``."""
    message = f.message_vi if lang == "vi" else f.message_en
    return f"{f.rule} · {f.subject} · {f.severity.value} · {f.clause} — {message}"


def _compare_findings(expect: Expectation, findings: Sequence[Finding],
                      known_rules: set[str]) -> Iterator[Mismatch]:
    for pattern in (*expect.findings, *expect.no_findings):
        if pattern.rule not in known_rules:
            yield Mismatch(
                kind="unknown",
                message_vi=(f"quy tắc {pattern.rule!r} không có trong kế hoạch (kiểm tra "
                            f"chính tả; các quy tắc: {', '.join(sorted(known_rules))})"),
                message_en=(f"rule {pattern.rule!r} is not a rule of the plan (check the "
                            f"spelling; rules: {', '.join(sorted(known_rules))})"),
                expected=pattern.describe())
    for pattern in expect.findings:
        hits = [f for f in findings if pattern.matches(f)]
        if pattern.count is None and hits:
            continue
        if pattern.count is not None and len(hits) == pattern.count:
            continue
        same_rule = [f for f in findings if f.rule == pattern.rule]
        if pattern.count is not None and hits:
            yield Mismatch(kind="count",
                           message_vi=(f"mong đợi {pattern.count} kết luận khớp, có "
                                       f"{len(hits)}:"),
                           message_en=f"expected {pattern.count} matching findings, got "
                                      f"{len(hits)}:",
                           expected=pattern.describe(), findings=tuple(hits))
            continue
        yield Mismatch(kind="missing",
                       message_vi="mong đợi nhưng không có"
                                  + (" (các kết luận cùng quy tắc:)" if same_rule else
                                     " (không có kết luận nào của quy tắc này)"),
                       message_en="expected, not found"
                                  + (" (findings of the same rule:)" if same_rule else
                                     " (no finding of this rule)"),
                       expected=pattern.describe(), findings=tuple(same_rule))
    for pattern in expect.no_findings:
        hits = [f for f in findings if pattern.matches(f)]
        if hits:
            yield Mismatch(kind="forbidden", message_vi="không được có nhưng có:",
                           message_en="must not be found, but is:",
                           expected=pattern.describe(), findings=tuple(hits))
    considered = [f for f in findings if f.severity.rank >= expect.min_severity.rank]
    if expect.only:
        stray = [f for f in considered
                 if not any(p.matches(f) for p in expect.findings)]
        if stray:
            yield Mismatch(kind="unexpected", message_vi="có nhưng không mong đợi (only = true):",
                           message_en="found, not expected (only = true):",
                           findings=tuple(stray))
    for severity, wanted in ((Severity.ERROR, expect.errors),
                             (Severity.WARNING, expect.warnings)):
        if wanted is None:
            continue
        got = [f for f in findings if f.severity is severity]
        if len(got) != wanted:
            vi = {"error": "lỗi", "warning": "cảnh báo"}[severity.value]
            yield Mismatch(kind="count",
                           message_vi=f"mong đợi {wanted} {vi}, có {len(got)}:",
                           message_en=f"expected {wanted} {severity.value}(s), got {len(got)}:",
                           findings=tuple(got))


def _compare_eligibility(exp: ExpectedEligibility, dossier: Dossier,
                         ladder: Callable[[], Ladder],
                         ) -> tuple[list[Mismatch], EligibilityResult | None]:
    lad = ladder()
    if exp.subject not in dossier.exemplars_by_id:
        return [Mismatch(kind="unknown",
                         message_vi=f"không có điển hình {exp.subject!r} trong hồ sơ",
                         message_en=f"no exemplar {exp.subject!r} in the dossier",
                         expected=exp.describe())], None
    awards = list(lad.catalogue)  # iterate: a catalogue lookup raises for an unknown id
    if exp.award not in awards:
        known = ", ".join(awards)
        return [Mismatch(kind="unknown",
                         message_vi=f"không có hình thức khen thưởng {exp.award!r} (có: {known})",
                         message_en=f"no award {exp.award!r} (known: {known})",
                         expected=exp.describe())], None
    answer = lad.eligibility(lad.history(dossier, exp.subject), exp.award, exp.year)
    unmet = tuple(c.id for c in answer.unmet)
    wrong_verdict = exp.verdict is not None and answer.verdict.value != exp.verdict
    wrong_unmet = exp.unmet is not None and set(unmet) != set(exp.unmet)
    if not (wrong_verdict or wrong_unmet):
        return [], answer
    missing_vi = "; ".join(f"{c.missing_vi} ({c.clause})" for c in answer.unmet)
    missing_en = "; ".join(f"{c.missing_en} ({c.clause})" for c in answer.unmet)
    actual = (f"{exp.subject} · {exp.award} · {exp.year} · {answer.verdict.value} "
              f"[unmet={', '.join(unmet) or '(none)'}]")
    return [Mismatch(kind="eligibility",
                     message_vi="kết quả xét khen thưởng khác mong đợi"
                                + (f": còn thiếu {missing_vi}" if missing_vi else ""),
                     message_en="the award ladder answers otherwise"
                                + (f": missing {missing_en}" if missing_en else ""),
                     expected=exp.describe(), actual=(actual,))], answer
