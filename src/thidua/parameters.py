"""Time-versioned parameters: values in force from a date, with one-year exceptions.

Every quota, date, coefficient and reading of an open clause lives in a parameter file
(TOML) next to the plugin that supplies it, never as a literal in Python. A parameter
carries its citation and a status (``verified`` or ``unconfirmed``), and its values are
dated: a value holds from its ``from`` date until the next one, and an *exception*
replaces the value for exactly one year (the seed plan's 2022 deadlines).

File format (one file may hold many parameters)::

    document = "vn-hy-district-exemplars-2022"   # default document for citations

    [[parameter]]
    id = "registration.commune.quota"
    description = "Exemplars each commune or township registers per year"
    unit = "exemplars"
    kind = "range"                 # int | decimal | money | range | month_day | date
                                   # | bool | text | choice
    clause = "IV.1.d.1"
    status = "verified"            # or "unconfirmed": an overridable default
    values = [{ from = 2022-04-21, value = { min = 5, max = 6 } }]
    exceptions = [{ year = 2022, value = "05-30", note = "one-off 2022 date" }]
    # any value may carry its own clause, document and status (e.g. one value
    # read in the source while an older one is a marked default)

Decimals are written as strings (``"4.5"``) so no coefficient ever passes through a
float. Loading validates everything and raises :class:`~thidua.errors.ParameterError`
naming the file, the parameter and the problem.
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import attrs

from thidua import limits
from thidua.errors import ParameterError, Problem
from thidua.model.base import nfc, to_tuple
from thidua.model.findings import Citation

__all__ = [
    "DatedValue",
    "MonthDay",
    "Parameter",
    "ParameterKind",
    "ParameterOverride",
    "ParameterStatus",
    "ParameterStore",
    "ParameterValue",
    "Range",
    "ResolvedParameters",
    "ResolvedValue",
    "load_override_file",
    "load_parameter_file",
    "parse_overrides",
    "parse_parameters",
]


class ParameterKind(enum.StrEnum):
    """The type of a parameter's values."""

    INT = "int"
    DECIMAL = "decimal"
    MONEY = "money"
    RANGE = "range"
    MONTH_DAY = "month_day"
    DATE = "date"
    BOOL = "bool"
    TEXT = "text"
    CHOICE = "choice"


class ParameterStatus(enum.StrEnum):
    """Whether a value was read in its source (``verified``) or is a marked default."""

    VERIFIED = "verified"
    UNCONFIRMED = "unconfirmed"


@attrs.frozen
class Range:
    """An inclusive whole-number range; ``max`` None means no upper bound."""

    min: int
    max: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.min < 0:
            raise ValueError(f"range min must be ≥ 0, got {self.min}")
        if self.max is not None and self.max < self.min:
            raise ValueError(f"range min {self.min} is greater than max {self.max}")

    def contains(self, n: int) -> bool:
        """True if ``min <= n <= max``."""
        return self.min <= n and (self.max is None or n <= self.max)

    def __str__(self) -> str:
        if self.max is None:
            return f"≥ {self.min}"
        return str(self.min) if self.max == self.min else f"{self.min}–{self.max}"


@attrs.frozen(order=True)
class MonthDay:
    """A day of the year without the year (``15/01``): a yearly recurring date."""

    month: int
    day: int

    def __attrs_post_init__(self) -> None:
        try:
            dt.date(2000, self.month, self.day)  # 2000 is a leap year: 29/02 is allowed
        except ValueError as exc:
            raise ValueError(f"{self.month:02d}-{self.day:02d} is not a day of the year") from exc

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        """Parse ``"MM-DD"``."""
        parts = text.split("-")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise ValueError(f"expected a month-day as 'MM-DD', got {text!r}")
        return cls(int(parts[0]), int(parts[1]))

    def in_year(self, year: int) -> dt.date:
        """The date in ``year`` (29/02 falls back to 28/02 in a common year)."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return dt.date(year, self.month, self.day - 1)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


ParameterValue: TypeAlias = int | Decimal | Range | MonthDay | dt.date | bool | str
"""Any value a parameter can take (money is an ``int`` of đồng)."""


@attrs.frozen(kw_only=True)
class DatedValue:
    """One value of a parameter: in force from a date, or an exception for one year."""

    value: ParameterValue
    effective_from: dt.date | None = None
    """The value holds from this date (until the next dated value)."""
    year: int | None = None
    """If set, the value is a one-year exception replacing the normal value for that year."""
    note: str = ""
    """Why this value (e.g. the decision that set it)."""
    source: str = "builtin"
    """Name of the plugin that supplied the value (provenance)."""
    citation: Citation | None = None
    """Citation for this value when it differs from the parameter's (an override's decision)."""
    status: ParameterStatus | None = None
    """Status of this value when it differs from the parameter's (an override's status)."""

    def __attrs_post_init__(self) -> None:
        if (self.effective_from is None) == (self.year is None):
            raise ValueError("a value needs exactly one of 'from' (a date) or 'year'")


@attrs.frozen(kw_only=True)
class ResolvedValue:
    """A parameter's value for a given date or year, with where it came from."""

    parameter: str
    value: ParameterValue
    effective_from: dt.date | None
    exception_year: int | None
    source: str
    citation: Citation
    status: ParameterStatus
    unit: str


@attrs.frozen(kw_only=True)
class Parameter:
    """A named, cited, dated value used by rules."""

    id: str
    description: str = attrs.field(converter=nfc)
    unit: str
    kind: ParameterKind
    citation: Citation
    status: ParameterStatus
    values: tuple[DatedValue, ...]
    """Dated values sorted by ``effective_from``, then one-year exceptions by year."""
    choices: tuple[str, ...] = ()
    """Allowed values of a ``choice`` parameter."""
    superseded: tuple[DatedValue, ...] = ()
    """Values that plugin overrides replaced from their first date on (including the
    value in force on that date, which still holds before it), oldest override first:
    what ``thidua params --diff`` shows as the values before the change."""

    @property
    def timeline(self) -> tuple[DatedValue, ...]:
        """The dated (non-exception) values, oldest first."""
        return tuple(v for v in self.values if v.year is None)

    @property
    def exceptions(self) -> Mapping[int, DatedValue]:
        """One-year exceptions keyed by year."""
        return {v.year: v for v in self.values if v.year is not None}

    def _dated_at(self, when: dt.date) -> DatedValue | None:
        found = None
        for v in self.timeline:
            assert v.effective_from is not None
            if v.effective_from <= when:
                found = v
        return found

    def _resolve(self, v: DatedValue) -> ResolvedValue:
        return ResolvedValue(
            parameter=self.id, value=v.value, effective_from=v.effective_from,
            exception_year=v.year, source=v.source,
            citation=v.citation or self.citation, status=v.status or self.status,
            unit=self.unit,
        )

    def value_at(self, when: dt.date) -> ResolvedValue:
        """The value in force on ``when`` (an exception for that year wins)."""
        exc = self.exceptions.get(when.year)
        v = exc or self._dated_at(when)
        if v is None:
            raise ParameterError(
                f"parameter {self.id!r} has no value in force on {when.isoformat()}",
                [Problem(self.id, f"its first value takes effect on "
                                  f"{self._first_date()}; ask for a later date")],
            )
        return self._resolve(v)

    def value_for_year(self, year: int) -> ResolvedValue:
        """The value for ``year``: its exception if any, else the value in force on
        1 January, else the first value that takes effect during the year."""
        exc = self.exceptions.get(year)
        if exc is not None:
            return self._resolve(exc)
        v = self._dated_at(dt.date(year, 1, 1))
        if v is None:
            v = next((x for x in self.timeline
                      if x.effective_from is not None and x.effective_from.year == year), None)
        if v is None:
            raise ParameterError(
                f"parameter {self.id!r} has no value for {year}",
                [Problem(self.id, f"its first value takes effect on {self._first_date()}")],
            )
        return self._resolve(v)

    def _first_date(self) -> str:
        dates = [v.effective_from for v in self.timeline if v.effective_from]
        return min(dates).isoformat() if dates else "(never)"


@attrs.frozen(kw_only=True)
class ParameterOverride:
    """A plugin's change to one parameter of a plan.

    Its dated values apply from their own dates and hold until ``until`` (or for good);
    the built-in dated values that take effect inside that window are superseded, the
    history before it is kept, and after ``until`` the built-in timeline resumes. Its
    one-year exceptions replace exceptions of the same year; built-in exceptions for
    years inside the window are dropped. An override may be made of exceptions only:
    then it changes those years and nothing else.
    """

    parameter: str
    values: tuple[DatedValue, ...] = attrs.field(converter=to_tuple)
    source: str
    """Name of the plugin (the host stamps the registered name)."""
    citation: Citation
    """The plugin's decision that sets the new value."""
    overrides: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Names of other plugins whose override of the same parameter this one supersedes."""
    status: ParameterStatus = attrs.field(default=ParameterStatus.VERIFIED,
                                          converter=ParameterStatus)
    """Status of the override's values (``unconfirmed`` for a marked default)."""
    until: dt.date | None = None
    """Last day the override's dated values hold; None: they hold for good."""

    def problems(self, base: Parameter) -> list[Problem]:
        """Every reason ``base`` cannot take this override (empty if it can)."""
        where = f"{self.source}:{self.parameter}"
        out = list(_check_values(base.kind, base.choices, self.values, where,
                                 require_dated=False))
        if not self.values:
            out.append(Problem(where, "an override needs at least one value or exception"))
        dated = [v.effective_from for v in self.values if v.effective_from is not None]
        if self.until is not None:
            if not dated:
                out.append(Problem(where, "'until' needs at least one dated value"))
            elif max(dated) > self.until:
                out.append(Problem(where, f"a value takes effect on {max(dated)}, after "
                                          f"'until' ({self.until})"))
        return out

    def apply(self, base: Parameter) -> Parameter:
        """Return ``base`` with this override merged in (validated like a file value).

        Raises :class:`~thidua.errors.ParameterError` naming the plugin and the
        parameter if a value is of the wrong kind or the override is inconsistent.
        """
        problems = self.problems(base)
        if problems:
            raise ParameterError(
                f"plugin {self.source!r} sets an invalid value for parameter {self.parameter!r}",
                problems,
            )
        new = [attrs.evolve(v, source=self.source, citation=v.citation or self.citation,
                            status=v.status or self.status)
               for v in self.values]
        starts = [v.effective_from for v in new if v.effective_from is not None]
        new_years = {v.year for v in new if v.year is not None}
        kept: list[DatedValue] = []
        gone: list[DatedValue] = []
        window_years: range = range(0)
        if starts:
            cut = min(starts)
            end = self.until
            cut_short = base._dated_at(cut)
            if cut_short is not None and cut_short.effective_from != cut:
                gone.append(cut_short)  # still holds before ``cut``, replaced from it
            for v in base.timeline:
                assert v.effective_from is not None
                inside = v.effective_from >= cut and (end is None or v.effective_from <= end)
                (gone if inside else kept).append(v)
            if end is not None:
                resume = end + dt.timedelta(days=1)
                before = base._dated_at(resume)
                if before is not None and before.effective_from != resume:
                    kept.append(attrs.evolve(before, effective_from=resume))
            window_years = range(cut.year, (end.year if end else dt.MAXYEAR) + 1)
        else:
            kept.extend(base.timeline)  # exceptions only: the timeline is untouched
        for v in base.exceptions.values():
            assert v.year is not None
            inside = v.year in new_years or v.year in window_years
            (gone if inside else kept).append(v)
        return attrs.evolve(base, values=_sorted(kept + new),
                            superseded=(*base.superseded, *_sorted(gone)))


def _sorted(values: Iterable[DatedValue]) -> tuple[DatedValue, ...]:
    vals = list(values)
    dated = sorted((v for v in vals if v.year is None),
                   key=lambda v: v.effective_from or dt.date.min)
    exc = sorted((v for v in vals if v.year is not None), key=lambda v: v.year or 0)
    return (*dated, *exc)


class ResolvedParameters(Mapping[str, ResolvedValue]):
    """Every parameter of a plan resolved once for a year or a date, with typed access.

    Rules read parameters through the typed accessors (``quota = params.range(...)``);
    a wrong kind or a missing id raises :class:`~thidua.errors.ParameterError`.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, ResolvedValue]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> ResolvedValue:
        try:
            return self._values[key]
        except KeyError:
            raise ParameterError(
                f"parameter {key!r} is not defined for this plan",
                [Problem(key, "add it to the plan's parameter file or to a plugin")],
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: str, default: Any = None) -> Any:
        """The resolved value of ``key``, or ``default`` if there is none."""
        return self._values.get(key, default)

    def _typed(self, key: str, typ: type[_T]) -> _T:
        v = self[key].value
        if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            raise ParameterError(
                f"parameter {key!r} is a {type(v).__name__}, not a {typ.__name__}",
                [Problem(key, "check the parameter's kind in its file")],
            )
        return v

    def range(self, key: str) -> Range:
        """A ``range`` parameter."""
        return self._typed(key, Range)

    def int(self, key: str) -> int:
        """An ``int`` or ``money`` parameter."""
        return self._typed(key, int)

    def decimal(self, key: str) -> Decimal:
        """A ``decimal`` parameter."""
        return self._typed(key, Decimal)

    def month_day(self, key: str) -> MonthDay:
        """A ``month_day`` parameter."""
        return self._typed(key, MonthDay)

    def date(self, key: str) -> dt.date:
        """A ``date`` parameter."""
        return self._typed(key, dt.date)

    def bool(self, key: str) -> bool:
        """A ``bool`` parameter."""
        return self._typed(key, bool)

    def text(self, key: str) -> str:
        """A ``text`` or ``choice`` parameter."""
        return self._typed(key, str)


_T = TypeVar("_T")


class ParameterStore(Mapping[str, Parameter]):
    """An immutable collection of parameters keyed by id."""

    __slots__ = ("_params",)

    def __init__(self, params: Iterable[Parameter] = ()) -> None:
        self._params: dict[str, Parameter] = {}
        for p in params:
            if p.id in self._params:
                raise ParameterError(f"parameter {p.id!r} is defined twice",
                                     [Problem(p.id, "keep one definition")])
            self._params[p.id] = p

    def __getitem__(self, key: str) -> Parameter:
        try:
            return self._params[key]
        except KeyError:
            raise ParameterError(
                f"unknown parameter {key!r}",
                [Problem(key, "known: " + ", ".join(sorted(self._params)) or "(none)")],
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def __contains__(self, key: object) -> bool:
        return key in self._params

    def get(self, key: str, default: Any = None) -> Any:
        """The parameter ``key``, or ``default`` if the store has none."""
        return self._params.get(key, default)

    def merged(self, other: Iterable[Parameter]) -> ParameterStore:
        """A store with ``other``'s parameters added or replacing same-id ones."""
        params = dict(self._params)
        params.update({p.id: p for p in other})
        return ParameterStore(params.values())

    def with_override(self, override: ParameterOverride) -> ParameterStore:
        """A store with one override applied; only that parameter is rebuilt."""
        params = dict(self._params)
        params[override.parameter] = override.apply(self[override.parameter])
        return ParameterStore(params.values())

    def for_year(self, year: int) -> ResolvedParameters:
        """Resolve every parameter that has a value for ``year``."""
        out = {}
        for pid, p in self._params.items():
            try:
                out[pid] = p.value_for_year(year)
            except ParameterError:
                continue
        return ResolvedParameters(out)

    def at(self, when: dt.date) -> ResolvedParameters:
        """Resolve every parameter that has a value in force on ``when``."""
        out = {}
        for pid, p in self._params.items():
            try:
                out[pid] = p.value_at(when)
            except ParameterError:
                continue
        return ResolvedParameters(out)


# -- loading ----------------------------------------------------------------------

_PARAM_KEYS = {"id", "description", "unit", "kind", "clause", "document", "status",
               "values", "exceptions", "choices"}
_VALUE_KEYS = {"from", "value", "note", "clause", "document", "status"}
_EXC_KEYS = {"year", "value", "note", "clause", "document", "status"}


def _convert(kind: ParameterKind, raw: Any, choices: tuple[str, ...]) -> ParameterValue:
    """Turn a TOML value into the parameter's kind, or raise ValueError saying why."""
    if kind is ParameterKind.INT or kind is ParameterKind.MONEY:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValueError(f"expected a whole number, got {raw!r}")
        if kind is ParameterKind.MONEY and raw < 0:
            raise ValueError(f"money must be ≥ 0 đồng, got {raw}")
        return raw
    if kind is ParameterKind.DECIMAL:
        if isinstance(raw, float):
            raise ValueError(f"write decimals as strings (\"{raw}\") so no float is involved")
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise ValueError(f"expected a decimal as a string, got {raw!r}")
        try:
            d = Decimal(str(raw))
        except InvalidOperation:
            raise ValueError(f"{raw!r} is not a decimal number") from None
        if not d.is_finite():
            raise ValueError(f"{raw!r} is not a finite decimal number")
        return d
    if kind is ParameterKind.RANGE:
        if not isinstance(raw, dict) or set(raw) - {"min", "max"} or "min" not in raw:
            raise ValueError(f"expected {{ min = N, max = M }}, got {raw!r}")
        lo, hi = raw["min"], raw.get("max")
        for x in (lo, hi):
            if (x is not None or x is lo) and (isinstance(x, bool) or not isinstance(x, int)):
                raise ValueError(f"range bounds must be whole numbers, got {x!r}")
        return Range(lo, hi)
    if kind is ParameterKind.MONTH_DAY:
        if not isinstance(raw, str):
            raise ValueError(f"expected 'MM-DD', got {raw!r}")
        return MonthDay.parse(raw)
    if kind is ParameterKind.DATE:
        if not isinstance(raw, dt.date) or isinstance(raw, dt.datetime):
            raise ValueError(f"expected a date (YYYY-MM-DD, unquoted), got {raw!r}")
        return raw
    if kind is ParameterKind.BOOL:
        if not isinstance(raw, bool):
            raise ValueError(f"expected true or false, got {raw!r}")
        return raw
    if not isinstance(raw, str):
        raise ValueError(f"expected text, got {raw!r}")
    text = nfc(raw)
    if kind is ParameterKind.CHOICE and text not in choices:
        raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
    return text


def _check_values(kind: ParameterKind, choices: tuple[str, ...],
                  values: Iterable[DatedValue], where: str, *,
                  require_dated: bool = True) -> Iterator[Problem]:
    """Problems with already-built values: wrong types, duplicate dates or years."""
    seen_dates: set[dt.date] = set()
    seen_years: set[int] = set()
    expected: dict[ParameterKind, tuple[type, ...]] = {
        ParameterKind.INT: (int,), ParameterKind.MONEY: (int,),
        ParameterKind.DECIMAL: (Decimal,), ParameterKind.RANGE: (Range,),
        ParameterKind.MONTH_DAY: (MonthDay,), ParameterKind.DATE: (dt.date,),
        ParameterKind.BOOL: (bool,), ParameterKind.TEXT: (str,), ParameterKind.CHOICE: (str,),
    }
    for v in values:
        ok = isinstance(v.value, expected[kind])
        if kind in (ParameterKind.INT, ParameterKind.MONEY) and isinstance(v.value, bool):
            ok = False
        if not ok:
            yield Problem(where, f"value {v.value!r} is not of kind {kind.value}")
        elif kind is ParameterKind.CHOICE and v.value not in choices:
            yield Problem(where, f"{v.value!r} is not one of {', '.join(choices)}")
        elif kind is ParameterKind.MONEY and isinstance(v.value, int) and v.value < 0:
            yield Problem(where, f"money must be ≥ 0, got {v.value}")
        if v.effective_from is not None:
            if v.effective_from in seen_dates:
                yield Problem(where, f"two values take effect on {v.effective_from}")
            seen_dates.add(v.effective_from)
        if v.year is not None:
            if v.year in seen_years:
                yield Problem(where, f"two exceptions for the year {v.year} overlap")
            seen_years.add(v.year)
    if require_dated and not seen_dates:
        yield Problem(where, "needs at least one value with a 'from' date")


def _entry_citation(entry: Mapping[str, Any], default_doc: Any, where: str,
                    problems: list[Problem]) -> Citation | None:
    """The citation of a file entry, or None with a problem added when it cannot be one
    (a blank clause: every value must rest on a clause or article)."""
    try:
        return Citation(clause=str(entry["clause"]),
                        document=str(entry.get("document", default_doc)))
    except ValueError as exc:
        problems.append(Problem(where, f"'clause' cannot be a citation ({exc}): write the "
                                       f"clause or article the value rests on"))
        return None


def _value_status(raw: Any) -> ParameterStatus | None:
    """A value's own ``status`` (None: the parameter's), or ValueError naming the choices."""
    if raw is None:
        return None
    try:
        return ParameterStatus(raw)
    except ValueError:
        raise ValueError(f"'status' must be 'verified' or 'unconfirmed', got {raw!r}") from None


def _parse_values(entry: Mapping[str, Any], kind: ParameterKind, choices: tuple[str, ...],
                  where: str, document: str, source: str
                  ) -> tuple[list[DatedValue], list[Problem]]:
    """The ``values`` and ``exceptions`` arrays of a file entry, converted to ``kind``."""
    values: list[DatedValue] = []
    problems: list[Problem] = []
    for list_key, keys in (("values", _VALUE_KEYS), ("exceptions", _EXC_KEYS)):
        items = entry.get(list_key, [])
        if not isinstance(items, list):
            problems.append(Problem(where, f"{list_key!r} must be an array"))
            continue
        for j, item in enumerate(items):
            at = f"{where}.{list_key}[{j}]"
            if not isinstance(item, dict) or "value" not in item:
                problems.append(Problem(at, "must be a table with a 'value'"))
                continue
            problems.extend(Problem(at, f"unknown key {k!r}") for k in sorted(set(item) - keys))
            try:
                value = _convert(kind, item["value"], choices)
                vcit = (Citation(clause=str(item["clause"]),
                                 document=str(item.get("document", document)))
                        if "clause" in item else None)
                vstatus = _value_status(item.get("status"))
                if list_key == "values":
                    when = item.get("from")
                    if not isinstance(when, dt.date) or isinstance(when, dt.datetime):
                        raise ValueError(f"'from' must be a date, got {when!r}")
                    values.append(DatedValue(value=value, effective_from=when,
                                             note=str(item.get("note", "")),
                                             source=source, citation=vcit, status=vstatus))
                else:
                    year = item.get("year")
                    if isinstance(year, bool) or not isinstance(year, int):
                        raise ValueError(f"'year' must be a whole number, got {year!r}")
                    values.append(DatedValue(value=value, year=year,
                                             note=str(item.get("note", "")),
                                             source=source, citation=vcit, status=vstatus))
            except ValueError as exc:
                problems.append(Problem(at, str(exc)))
    return values, problems


def parse_parameters(data: Mapping[str, Any], *, origin: str,
                     source: str = "builtin") -> ParameterStore:
    """Build a store from parsed TOML ``data``; ``origin`` names the file in errors."""
    limits.check_parameter_data(data, origin=origin)  # counts and text lengths
    problems: list[Problem] = []
    params: list[Parameter] = []
    default_doc = data.get("document", "")
    unknown_top = set(data) - {"document", "parameter"}
    for key in sorted(unknown_top):
        problems.append(Problem(f"{origin}", f"unknown top-level key {key!r}"))
    entries = data.get("parameter", [])
    if not isinstance(entries, list):
        raise ParameterError(f"{origin}: 'parameter' must be an array of tables",
                             [Problem(origin, "write [[parameter]] sections")])
    ids: set[str] = set()
    for i, entry in enumerate(entries):
        pid = entry.get("id") if isinstance(entry, dict) else None
        where = f"{origin}:{pid or f'parameter[{i}]'}"
        if not isinstance(entry, dict):
            problems.append(Problem(where, "must be a table"))
            continue
        problems.extend(Problem(where, f"unknown key {k!r}")
                        for k in sorted(set(entry) - _PARAM_KEYS))
        missing = [k for k in ("id", "description", "unit", "kind", "clause", "status")
                   if not entry.get(k)]
        if missing:
            problems.append(Problem(where, "missing " + ", ".join(missing)
                                    + (" (every value needs a citation)"
                                       if "clause" in missing else "")))
            continue
        pid = str(pid)
        if pid in ids:
            problems.append(Problem(where, "defined twice in the file"))
            continue
        ids.add(pid)
        try:
            kind = ParameterKind(entry["kind"])
        except ValueError:
            problems.append(Problem(where, f"unknown kind {entry['kind']!r}; use one of "
                                    + ", ".join(k.value for k in ParameterKind)))
            continue
        try:
            status = ParameterStatus(entry["status"])
        except ValueError:
            problems.append(Problem(where, f"status must be 'verified' or 'unconfirmed', "
                                    f"got {entry['status']!r}"))
            continue
        raw_choices = entry.get("choices", [])
        if not isinstance(raw_choices, list) or not all(isinstance(c, str)
                                                         for c in raw_choices):
            problems.append(Problem(where, "'choices' must be a list of texts"))
            continue
        choices = tuple(nfc(c) for c in raw_choices)
        if kind is ParameterKind.CHOICE and not choices:
            problems.append(Problem(where, "a choice parameter needs 'choices'"))
            continue
        citation = _entry_citation(entry, default_doc, where, problems)
        if citation is None:
            continue
        values, vproblems = _parse_values(entry, kind, choices, where, citation.document,
                                          source)
        if vproblems:
            problems.extend(vproblems)
            continue
        vproblems = list(_check_values(kind, choices, values, where))
        if vproblems:
            problems.extend(vproblems)
            continue
        params.append(Parameter(
            id=pid, description=str(entry["description"]), unit=str(entry["unit"]),
            kind=kind, citation=citation, status=status, values=_sorted(values),
            choices=choices,
        ))
    if problems:
        raise ParameterError(f"invalid parameter file {origin}", problems)
    return ParameterStore(params)


def _read_toml(p: Path, what: str) -> dict[str, Any]:
    try:
        return limits.read_toml(p)  # size and nesting limits: thidua.limits
    except OSError as exc:
        raise ParameterError(f"cannot read {what} {p}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{what} {p} is not valid TOML: {exc}",
                             [Problem(str(p), "fix the syntax at the position given")]) from exc


def load_parameter_file(path: Path | str, *, source: str = "builtin") -> ParameterStore:
    """Load and validate a TOML parameter file."""
    p = Path(path)
    return parse_parameters(_read_toml(p, "parameter file"), origin=str(p), source=source)


# -- override files -----------------------------------------------------------------

_OVERRIDE_KEYS = {"parameter", "clause", "document", "status", "until", "overrides",
                  "values", "exceptions"}


def parse_overrides(data: Mapping[str, Any], parameters: Mapping[str, Parameter], *,
                    origin: str, source: str) -> tuple[ParameterOverride, ...]:
    """Build a plugin's overrides from parsed TOML ``data`` (an *override file*).

    Values are converted to the kind of the parameter they override, found in
    ``parameters`` (the plan's store), and checked as :meth:`ParameterOverride.apply`
    would: every problem is reported at once, each named ``file:parameter``, in a
    :class:`~thidua.errors.ParameterError` that names the plugin. Format::

        document = "Kế hoạch 37/KH-UBND ngày 15/4/2014 của UBND huyện Na Rì"

        [[override]]
        parameter = "registration.commune.quota"
        clause = "II.2"                  # the decision's clause: required
        status = "verified"              # default: verified
        values = [{ from = 2014-04-15, value = { min = 5, max = 5 } }]
        # optional: until = 2015-12-31, exceptions = [...], overrides = ["other-plugin"]
    """
    problems: list[Problem] = []
    out: list[ParameterOverride] = []
    for key in sorted(set(data) - {"document", "override"}):
        problems.append(Problem(origin, f"unknown top-level key {key!r}"))
    entries = data.get("override", [])
    if not isinstance(entries, list):
        raise ParameterError(f"{origin}: 'override' must be an array of tables",
                             [Problem(origin, "write [[override]] sections")])
    default_doc = str(data.get("document", ""))
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        pid = entry.get("parameter") if isinstance(entry, dict) else None
        where = f"{origin}:{pid or f'override[{i}]'}"
        if not isinstance(entry, dict):
            problems.append(Problem(where, "must be a table"))
            continue
        problems.extend(Problem(where, f"unknown key {k!r}")
                        for k in sorted(set(entry) - _OVERRIDE_KEYS))
        missing = [k for k in ("parameter", "clause") if not entry.get(k)]
        if missing:
            problems.append(Problem(where, "missing " + ", ".join(missing)
                                    + (" (every override cites its decision)"
                                       if "clause" in missing else "")))
            continue
        pid = str(pid)
        if pid in seen:
            problems.append(Problem(where, "overridden twice in the file"))
            continue
        seen.add(pid)
        base = parameters.get(pid)
        if base is None:
            problems.append(Problem(where, "the plan has no such parameter; known: "
                                    + ", ".join(sorted(parameters))))
            continue
        try:
            status = ParameterStatus(entry.get("status", ParameterStatus.VERIFIED.value))
        except ValueError:
            problems.append(Problem(where, f"status must be 'verified' or 'unconfirmed', "
                                           f"got {entry['status']!r}"))
            continue
        until = entry.get("until")
        if until is not None and (not isinstance(until, dt.date)
                                  or isinstance(until, dt.datetime)):
            problems.append(Problem(where, f"'until' must be a date, got {until!r}"))
            continue
        others = entry.get("overrides", [])
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            problems.append(Problem(where, "'overrides' must be a list of plugin names"))
            continue
        citation = _entry_citation(entry, default_doc, where, problems)
        if citation is None:
            continue
        values, vproblems = _parse_values(entry, base.kind, base.choices, where,
                                          citation.document, source)
        if vproblems:
            problems.extend(vproblems)
            continue
        ov = ParameterOverride(parameter=pid, values=tuple(values), source=source,
                               citation=citation, overrides=tuple(others), status=status,
                               until=until)
        found = [Problem(where, p.message) for p in ov.problems(base)]
        if found:
            problems.extend(found)
            continue
        out.append(ov)
    if problems:
        raise ParameterError(f"plugin {source!r}: invalid override file {origin}", problems)
    return tuple(out)


def load_override_file(path: Path | str, parameters: Mapping[str, Parameter], *,
                       source: str) -> tuple[ParameterOverride, ...]:
    """Load and validate a plugin's TOML override file against a plan's ``parameters``
    (see :func:`parse_overrides`)."""
    p = Path(path)
    return parse_overrides(_read_toml(p, "override file"), parameters, origin=str(p),
                           source=source)
