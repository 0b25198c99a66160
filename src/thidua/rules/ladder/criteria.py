"""Award criteria as composable data, interpreted by a small set of criterion kinds.

A :class:`Criterion` is data: a kind, its parameters, the article it rests on and the
status of that article's text (``verified`` or ``unconfirmed``). Composite criteria
(``all_of``, ``any_of``) hold children. Each leaf kind is a :class:`CriterionKind` in the
registry :data:`CRITERION_KINDS`; it *compiles* a criterion once into a fast check
``(history, proposal_year) -> shortfall`` (0 when met, else how much is missing) and
writes the texts of what is required and what is missing, in Vietnamese and English.

Built-in kinds (parameters in brackets, ``years`` is the span ending in the proposal
year):

* ``holds_award`` [award, before_span]: the subject holds the award (decided before the
  judging day, or a title of an earlier year); with ``before_span = N`` it must have
  been decided by the first year of the N-year span ("… and then 5 years …").
* ``consecutive_years_at_least`` [years, assessment]: every year of the span assessed at
  least that grade.
* ``title_count_in_span`` [title, times, years]: the title at least ``times`` times.
* ``title_in_a_row`` [title, times, cycle = 1, lag = 0]: the title ``times`` times in a
  row (one every ``cycle`` years), the last one at most ``lag`` years before the
  proposal year.
* ``excellent_year_in_span`` [years, times = 1, assessment = hoan_thanh_xuat_sac].
* ``initiative_scope`` [scope = co_so, times = 1, years = 1]: initiatives recognised at
  that scope or wider (at the narrowest scope it counts initiatives; at a wider scope,
  years, since a record keeps only its widest scope).
* ``member_ratio`` [field, at_least | more_than, of = total]: a collective's members.
* ``member_count`` [field, at_least, at_most]: a collective's members.

A plugin adds a kind with :func:`register_criterion_kind`.
"""

from __future__ import annotations

import abc
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeAlias

import attrs

from thidua.errors import RuleError
from thidua.model.base import is_slug, nfc, non_empty_text, to_tuple
from thidua.model.findings import EvidenceValue
from thidua.model.records import Assessment
from thidua.parameters import ParameterStatus
from thidua.rules.ladder.history import INITIATIVE_SCOPES, YEAR_BASE, History, scope_rank

__all__ = [
    "COMPOSITE_KINDS",
    "CRITERION_KINDS",
    "NO_DATA",
    "Check",
    "Criterion",
    "CriterionKind",
    "LadderEnv",
    "Text",
    "grade_text",
    "kind_of",
    "register_criterion_kind",
    "scope_text",
    "span_text",
]

Check: TypeAlias = Callable[[History, int], int]
"""A compiled criterion: ``(history, proposal_year) -> shortfall`` (0 = met)."""

NO_DATA = -1
"""The shortfall a check returns when the data it needs is absent (member counts)."""

COMPOSITE_KINDS = ("all_of", "any_of")
"""Kinds that combine children rather than read the history."""


@attrs.frozen
class Text:
    """A text in Vietnamese and English."""

    vi: str
    en: str

    def __str__(self) -> str:
        return self.vi

    def lang(self, lang: str) -> str:
        """The text in ``lang`` (``vi`` or ``en``)."""
        return self.vi if lang == "vi" else self.en


@attrs.frozen(kw_only=True)
class Criterion:
    """One condition of an award, as data (a leaf kind or a composite)."""

    id: str = attrs.field(validator=non_empty_text)
    """Unique within its award regime, e.g. ``b.cstdcs``."""
    kind: str = attrs.field(validator=non_empty_text)
    """A kind of :data:`CRITERION_KINDS`, or ``all_of`` / ``any_of``."""
    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The article it rests on, e.g. ``Điều 73 khoản 1 điểm b``."""
    document: str = attrs.field(default="", converter=nfc)
    """The law or decree, e.g. ``Luật 06/2022/QH15``."""
    status: ParameterStatus = attrs.field(default=ParameterStatus.VERIFIED,
                                          converter=ParameterStatus)
    """``verified`` if the legal text was read; ``unconfirmed`` otherwise: a condition
    that rests on it is then never reported as plainly met."""
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    """The kind's parameters (see the module docstring)."""
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=to_tuple)
    """The sub-criteria of a composite."""
    label_vi: str = attrs.field(default="", converter=nfc)
    """What is required, when the kind's generated text is not enough."""
    label_en: str = attrs.field(default="", converter=nfc)

    @property
    def composite(self) -> bool:
        """True for ``all_of`` and ``any_of``."""
        return self.kind in COMPOSITE_KINDS

    def walk(self) -> Iterator[Criterion]:
        """This criterion and all its descendants, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()

    def leaves(self) -> Iterator[Criterion]:
        """The leaf criteria, in order."""
        return (c for c in self.walk() if not c.composite)


class LadderEnv:
    """What compiled criteria may look up: award names and the judging day of a year."""

    def __init__(self, names: Mapping[str, Text],
                 judged_on: Callable[[int], dt.date]) -> None:
        self._names = dict(names)
        self._judged_on = judged_on

    def name(self, award: str) -> Text:
        """The display name of an award or title (its id if unknown)."""
        return self._names.get(award, Text(award, award))

    @functools.cache  # noqa: B019 - one env per catalogue, a handful of years
    def judged_on(self, year: int) -> dt.date:
        """The day a proposal for ``year`` is judged (see the ladder parameters)."""
        return self._judged_on(year)

    @functools.cache  # noqa: B019 - as above
    def judged_ordinal(self, year: int) -> int:
        """:meth:`judged_on` as a date ordinal."""
        return self.judged_on(year).toordinal()


class CriterionKind(abc.ABC):
    """A kind of leaf criterion: validates parameters, compiles checks, writes texts.

    Subclass it, set :attr:`name`, and register an instance with
    :func:`register_criterion_kind`. Checks must be monotone (a better history never
    has a larger shortfall) for the roadmap and the guarantees of the ladder to hold.
    """

    name: ClassVar[str]
    """The ``kind`` value in catalogue data."""

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Check and normalise the parameters; raise :class:`ValueError` saying why."""
        return dict(params)

    @abc.abstractmethod
    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        """A fast check for ``criterion`` (called once per catalogue)."""

    @abc.abstractmethod
    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        """What is required for a proposal in ``year``."""

    @abc.abstractmethod
    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        """What is missing, given the check's ``shortfall`` (> 0 or :data:`NO_DATA`)."""

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        """Facts from ``history`` the condition looked at (for readers)."""
        return {}

    def references(self, criterion: Criterion) -> tuple[str, ...]:
        """Awards or titles the criterion needs the subject to hold."""
        return ()

    def initiatives_needed(self, criterion: Criterion) -> int:
        """Initiatives a year may need to meet the criterion (for the roadmap)."""
        return 0


CRITERION_KINDS: dict[str, CriterionKind] = {}
"""The registry of leaf criterion kinds, keyed by name."""


def register_criterion_kind(kind: CriterionKind, *, replace: bool = False) -> CriterionKind:
    """Add ``kind`` to :data:`CRITERION_KINDS` (a plugin does this at import)."""
    if not is_slug(kind.name) or kind.name in COMPOSITE_KINDS:
        raise RuleError(f"criterion kind name {kind.name!r} must be a snake_case slug other "
                        f"than {', '.join(COMPOSITE_KINDS)}")
    if kind.name in CRITERION_KINDS and not replace:
        raise RuleError(f"criterion kind {kind.name!r} is already registered; pass "
                        f"replace=True to replace it")
    CRITERION_KINDS[kind.name] = kind
    return kind


# -- vocabulary texts -----------------------------------------------------------------

_GRADE_TEXT: Mapping[Assessment, Text] = {
    Assessment.EXCELLENT: Text("hoàn thành xuất sắc nhiệm vụ", "excellent completion of duties"),
    Assessment.GOOD: Text("hoàn thành tốt nhiệm vụ", "good completion of duties"),
    Assessment.COMPLETED: Text("hoàn thành nhiệm vụ", "completion of duties"),
    Assessment.NOT_COMPLETED: Text("không hoàn thành nhiệm vụ", "duties not completed"),
}
_SCOPE_TEXT: Mapping[str, Text] = {
    "co_so": Text("cấp cơ sở", "unit (grassroots) level"),
    "tinh": Text("cấp bộ, ban, ngành, tỉnh", "ministry, sector or province level"),
    "toan_quoc": Text("toàn quốc", "nationwide"),
}
_MEMBER_TEXT: Mapping[str, Text] = {
    "total": Text("thành viên", "members"),
    "completed": Text("thành viên hoàn thành nhiệm vụ", "members who completed their duties"),
    "lao_dong_tien_tien": Text("thành viên đạt “Lao động tiên tiến”",
                               "members who are “Lao động tiên tiến” (advanced workers)"),
    "chien_si_thi_dua_co_so": Text("thành viên đạt “Chiến sĩ thi đua cơ sở”",
                                   "members who are “Chiến sĩ thi đua cơ sở” "
                                   "(grassroots emulation fighters)"),
    "disciplined": Text("thành viên bị kỷ luật", "members disciplined"),
}
_MEMBER_PREDICATE: Mapping[str, Text] = {
    "total": Text("", ""),
    "completed": Text("hoàn thành nhiệm vụ", "completed their duties"),
    "lao_dong_tien_tien": Text("đạt “Lao động tiên tiến”",
                               "are “Lao động tiên tiến” (advanced workers)"),
    "chien_si_thi_dua_co_so": Text("đạt “Chiến sĩ thi đua cơ sở”",
                                   "are “Chiến sĩ thi đua cơ sở” (grassroots emulation "
                                   "fighters)"),
    "disciplined": Text("bị kỷ luật", "were disciplined"),
}
_MEMBER_FIELDS = tuple(_MEMBER_TEXT)


def grade_text(assessment: Assessment | str) -> Text:
    """The display text of an assessment grade."""
    return _GRADE_TEXT[Assessment(assessment)]


def scope_text(scope: str | None) -> Text:
    """The display text of an initiative scope (the narrowest for None or unknown)."""
    return _SCOPE_TEXT.get(scope or INITIATIVE_SCOPES[0], _SCOPE_TEXT[INITIATIVE_SCOPES[0]])


def span_text(first: int, last: int) -> str:
    """``2020–2024``, or ``2024`` for a one-year span."""
    return str(last) if first == last else f"{first}–{last}"


def _grade(a: Assessment) -> Text:
    return _GRADE_TEXT[a]


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).normalize():f}%"


# -- parameter validation ---------------------------------------------------------------

def _only(params: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; allowed: "
                         + ", ".join(sorted(allowed)))


def _int(params: Mapping[str, Any], key: str, default: int | None = None,
         minimum: int = 1) -> int:
    value = params.get(key, default)
    if value is None:
        raise ValueError(f"needs '{key}' (a whole number ≥ {minimum})")
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"'{key}' must be a whole number ≥ {minimum}, got {value!r}")
    return value


def _slug(params: Mapping[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str) or not is_slug(value):
        raise ValueError(f"'{key}' must be an award or title id (a snake_case slug), "
                         f"got {value!r}")
    return value


def _assessment(params: Mapping[str, Any], key: str,
                default: Assessment | None = None) -> Assessment:
    value = params.get(key, default)
    try:
        return Assessment(value)
    except ValueError:
        raise ValueError(f"'{key}' must be one of "
                         + ", ".join(a.value for a in Assessment) + f", got {value!r}") from None


def _ratio(value: Any, key: str) -> Decimal:
    if isinstance(value, float | bool):
        raise ValueError(f"write '{key}' as a string (\"0.7\") so no float is involved")
    try:
        ratio = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"'{key}' must be a decimal between 0 and 1, got {value!r}") from None
    if not ratio.is_finite() or not 0 <= ratio <= 1:
        raise ValueError(f"'{key}' must be a decimal between 0 and 1, got {value!r}")
    return ratio


def _member_field(params: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = params.get(key, default)
    if value not in _MEMBER_FIELDS:
        raise ValueError(f"'{key}' must be one of {', '.join(_MEMBER_FIELDS)}, got {value!r}")
    return str(value)


def _window(year: int, years: int) -> int:
    """The shift of a span of ``years`` years ending in ``year`` (negative: before 1945)."""
    return year - years + 1 - YEAR_BASE


def _years_in(mask: int, year: int, years: int) -> list[int]:
    first = year - years + 1
    return [y for y in range(first, year + 1)
            if y >= YEAR_BASE and (mask >> (y - YEAR_BASE)) & 1]


# -- built-in kinds ---------------------------------------------------------------------

class HoldsAward(CriterionKind):
    """The subject already holds an award or title."""

    name = "holds_award"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"award", "before_span"})
        out: dict[str, Any] = {"award": _slug(params, "award")}
        if "before_span" in params:
            out["before_span"] = _int(params, "before_span")
        return out

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        award: str = criterion.params["award"]
        before: int | None = criterion.params.get("before_span")
        if before is None:
            def check(h: History, year: int) -> int:
                d = h.held.get(award)
                if d is not None and d < env.judged_ordinal(year):
                    return 0
                m = h.titles.get(award, 0)
                return 0 if m and m & ((2 << (year - YEAR_BASE)) - 1) else 1
            return check

        def check_before(h: History, year: int) -> int:
            start = year - before + 1
            d = h.held.get(award)
            if d is not None and d <= _year_end(start):
                return 0
            m = h.titles.get(award, 0)
            return 0 if m and start > YEAR_BASE and m & ((1 << (start - YEAR_BASE)) - 1) else 1
        return check_before

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        name = env.name(criterion.params["award"])
        before = criterion.params.get("before_span")
        if before:
            start = year - before + 1
            return Text(f"đã được tặng “{name.vi}” trước giai đoạn {span_text(start, year)}",
                        f"already holds “{name.en}” before the span {span_text(start, year)}")
        return Text(f"đã được tặng “{name.vi}”", f"already holds “{name.en}”")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        name = env.name(criterion.params["award"])
        award = criterion.params["award"]
        before = criterion.params.get("before_span")
        if before:
            start = year - before + 1
            return Text(f"chưa được tặng “{name.vi}” trước năm {start}",
                        f"does not hold “{name.en}” ({award}) from before {start}")
        return Text(f"chưa được tặng “{name.vi}”",
                    f"does not hold “{name.en}” ({award}) yet")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        award = criterion.params["award"]
        d = history.held.get(award)
        years = _years_in(history.titles.get(award, 0), year, year - YEAR_BASE + 1)
        return {"decided_on": dt.date.fromordinal(d).isoformat() if d else None,
                "title_years": ", ".join(map(str, years)) or None}

    def references(self, criterion: Criterion) -> tuple[str, ...]:
        return (criterion.params["award"],)


@functools.cache
def _year_end(year: int) -> int:
    return dt.date(year, 12, 31).toordinal() if year >= 1 else 0


class ConsecutiveYears(CriterionKind):
    """Every year of the span assessed at least a grade."""

    name = "consecutive_years_at_least"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"years", "assessment"})
        return {"years": _int(params, "years"), "assessment": _assessment(params, "assessment")}

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        n: int = criterion.params["years"]
        rank: int = criterion.params["assessment"].rank
        full = (1 << n) - 1

        def check(h: History, year: int) -> int:
            shift = year - n + 1 - YEAR_BASE
            if shift < 0:
                return n
            return n - ((h.grades[rank] >> shift) & full).bit_count()
        return check

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        n = criterion.params["years"]
        g = _grade(criterion.params["assessment"])
        if n == 1:
            return Text(f"năm {year} được đánh giá {g.vi} trở lên",
                        f"{year} assessed at least “{g.en}”")
        span = span_text(year - n + 1, year)
        return Text(f"{n} năm liên tục ({span}) được đánh giá {g.vi} trở lên",
                    f"{n} consecutive years ({span}) assessed at least “{g.en}”")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        n = criterion.params["years"]
        g = _grade(criterion.params["assessment"])
        span = span_text(year - n + 1, year)
        if n == 1:
            return Text(f"năm {year} chưa được đánh giá {g.vi} trở lên",
                        f"{year} is not assessed at least “{g.en}”")
        return Text(f"còn {shortfall} năm trong {span} chưa được đánh giá {g.vi} trở lên",
                    f"{shortfall} year(s) of {span} not assessed at least “{g.en}”")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        n = criterion.params["years"]
        rank = criterion.params["assessment"].rank
        ok = set(_years_in(history.grades[rank], year, n))
        short = [y for y in range(year - n + 1, year + 1) if y not in ok]
        return {"span": span_text(year - n + 1, year), "years_met": len(ok),
                "years_required": n, "years_short": ", ".join(map(str, short)) or None}


class TitleCount(CriterionKind):
    """A title at least K times within the span."""

    name = "title_count_in_span"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"title", "times", "years"})
        return {"title": _slug(params, "title"), "times": _int(params, "times"),
                "years": _int(params, "years")}

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        title: str = criterion.params["title"]
        k: int = criterion.params["times"]
        n: int = criterion.params["years"]
        full = (1 << n) - 1

        def check(h: History, year: int) -> int:
            shift = year - n + 1 - YEAR_BASE
            m = h.titles.get(title, 0)
            c = ((m >> shift) & full).bit_count() if shift >= 0 else 0
            return k - c if c < k else 0
        return check

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        p = criterion.params
        name = env.name(p["title"])
        span = span_text(year - p["years"] + 1, year)
        return Text(f"{p['times']} lần đạt “{name.vi}” trong {span}",
                    f"“{name.en}” {p['times']} time(s) in {span}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        p = criterion.params
        name = env.name(p["title"])
        span = span_text(year - p["years"] + 1, year)
        return Text(f"cần thêm {shortfall} lần “{name.vi}” trong {span}",
                    f"needs {shortfall} more “{name.en}” ({p['title']}) in {span}")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        p = criterion.params
        years = _years_in(history.titles.get(p["title"], 0), year, p["years"])
        return {"span": span_text(year - p["years"] + 1, year), "count": len(years),
                "required": p["times"], "years": ", ".join(map(str, years)) or None}

    def references(self, criterion: Criterion) -> tuple[str, ...]:
        return (criterion.params["title"],)


class TitleInARow(CriterionKind):
    """A title K times in a row, the last one in (or just before) the proposal year."""

    name = "title_in_a_row"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"title", "times", "cycle", "lag"})
        return {"title": _slug(params, "title"), "times": _int(params, "times"),
                "cycle": _int(params, "cycle", 1), "lag": _int(params, "lag", 0, minimum=0)}

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        p = criterion.params
        title: str = p["title"]
        k: int = p["times"]
        cycle: int = p["cycle"]
        lag: int = p["lag"]

        def check(h: History, year: int) -> int:
            m = h.titles.get(title, 0)
            if not m:
                return k
            best = 0
            for end in range(year - lag, year + 1):
                run = 0
                y = end - YEAR_BASE
                while run < k and y >= 0 and (m >> y) & 1:
                    run += 1
                    y -= cycle
                if run > best:
                    best = run
            return k - best
        return check

    def _every(self, cycle: int) -> Text:
        if cycle == 1:
            return Text("", "")
        return Text(f" (mỗi lần cách nhau {cycle} năm)", f" (one every {cycle} years)")

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        p = criterion.params
        name = env.name(p["title"])
        every = self._every(p["cycle"])
        last = (Text(f"đến năm {year}", f"up to {year}") if not p["lag"] else
                Text(f"lần cuối trong {span_text(year - p['lag'], year)}",
                     f"the last in {span_text(year - p['lag'], year)}"))
        return Text(f"{p['times']} lần liên tục đạt “{name.vi}”{every.vi}, {last.vi}",
                    f"“{name.en}” {p['times']} times in a row{every.en}, {last.en}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        p = criterion.params
        name = env.name(p["title"])
        return Text(f"cần thêm {shortfall} lần “{name.vi}” liên tục đến năm {year}",
                    f"needs {shortfall} more consecutive “{name.en}” ({p['title']}) "
                    f"up to {year}")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        p = criterion.params
        span = p["times"] * p["cycle"] + p["lag"]
        years = _years_in(history.titles.get(p["title"], 0), year, span)
        return {"required": p["times"], "years": ", ".join(map(str, years)) or None}

    def references(self, criterion: Criterion) -> tuple[str, ...]:
        return (criterion.params["title"],)


class ExcellentYears(CriterionKind):
    """At least K years of the span assessed at a grade (excellent by default)."""

    name = "excellent_year_in_span"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"years", "times", "assessment"})
        return {"years": _int(params, "years"), "times": _int(params, "times", 1),
                "assessment": _assessment(params, "assessment", Assessment.EXCELLENT)}

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        p = criterion.params
        n: int = p["years"]
        k: int = p["times"]
        rank: int = p["assessment"].rank
        full = (1 << n) - 1

        def check(h: History, year: int) -> int:
            shift = year - n + 1 - YEAR_BASE
            c = ((h.grades[rank] >> shift) & full).bit_count() if shift >= 0 else 0
            return k - c if c < k else 0
        return check

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        p = criterion.params
        g = _grade(p["assessment"])
        if p["years"] == 1:
            return Text(f"năm {year} được đánh giá {g.vi}", f"{year} assessed “{g.en}”")
        span = span_text(year - p["years"] + 1, year)
        return Text(f"ít nhất {p['times']} năm {g.vi} trong {span}",
                    f"at least {p['times']} year(s) assessed “{g.en}” in {span}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        p = criterion.params
        g = _grade(p["assessment"])
        if p["years"] == 1:
            return Text(f"năm {year} chưa được đánh giá {g.vi}",
                        f"{year} is not assessed “{g.en}”")
        span = span_text(year - p["years"] + 1, year)
        return Text(f"cần thêm {shortfall} năm {g.vi} trong {span}",
                    f"needs {shortfall} more year(s) assessed “{g.en}” in {span}")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        p = criterion.params
        years = _years_in(history.grades[p["assessment"].rank], year, p["years"])
        return {"count": len(years), "required": p["times"],
                "years": ", ".join(map(str, years)) or None}


class InitiativeScope(CriterionKind):
    """Initiatives recognised at a scope or wider within the span."""

    name = "initiative_scope"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"scope", "times", "years"})
        scope = params.get("scope", INITIATIVE_SCOPES[0])
        if scope not in INITIATIVE_SCOPES:
            raise ValueError(f"'scope' must be one of {', '.join(INITIATIVE_SCOPES)}, "
                             f"got {scope!r}")
        return {"scope": scope, "times": _int(params, "times", 1),
                "years": _int(params, "years", 1)}

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        p = criterion.params
        rank = scope_rank(p["scope"])
        k: int = p["times"]
        n: int = p["years"]
        full = (1 << n) - 1
        if rank == 0:
            def count_all(h: History, year: int) -> int:
                ini = h.initiatives
                if not ini:
                    return k
                c = 0
                for y in range(year - n + 1, year + 1):
                    c += ini.get(y, 0)
                return k - c if c < k else 0
            return count_all

        def count_years(h: History, year: int) -> int:
            shift = year - n + 1 - YEAR_BASE
            c = ((h.scopes[rank] >> shift) & full).bit_count() if shift >= 0 else 0
            return k - c if c < k else 0
        return count_years

    @staticmethod
    def _scope(scope: str) -> Text:
        text = _SCOPE_TEXT[scope]
        if scope == INITIATIVE_SCOPES[-1]:
            return Text(f"phạm vi {text.vi}", text.en)
        return Text(f"{text.vi} trở lên", f"{text.en} or wider")

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        p = criterion.params
        scope = self._scope(p["scope"])
        span = span_text(year - p["years"] + 1, year)
        return Text(f"{p['times']} sáng kiến (đề tài) được công nhận, áp dụng ở {scope.vi} "
                    f"trong {span}",
                    f"{p['times']} initiative(s) or research work(s) recognised at "
                    f"{scope.en} in {span}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        p = criterion.params
        scope = self._scope(p["scope"])
        span = span_text(year - p["years"] + 1, year)
        return Text(f"cần thêm {shortfall} sáng kiến được công nhận ở {scope.vi} trong {span}",
                    f"needs {shortfall} more initiative(s) recognised at {scope.en} in {span}")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        p = criterion.params
        first = year - p["years"] + 1
        found = sum(history.initiatives.get(y, 0) for y in range(first, year + 1))
        wide = _years_in(history.scopes[scope_rank(p["scope"])], year, p["years"])
        return {"initiatives": found, "years_at_scope": ", ".join(map(str, wide)) or None,
                "required": p["times"]}

    def initiatives_needed(self, criterion: Criterion) -> int:
        return int(criterion.params["times"])


class MemberRatio(CriterionKind):
    """A share of a collective's members in the proposal year."""

    name = "member_ratio"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"field", "at_least", "more_than", "of"})
        if ("at_least" in params) == ("more_than" in params):
            raise ValueError("needs exactly one of 'at_least' or 'more_than' (a ratio such "
                             "as \"0.7\")")
        strict = "more_than" in params
        key = "more_than" if strict else "at_least"
        return {"field": _member_field(params, "field"),
                "of": _member_field(params, "of", "total"),
                "ratio": _ratio(params[key], key), "strict": strict}

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        p = criterion.params
        field: str = p["field"]
        of: str = p["of"]
        num, den = p["ratio"].as_integer_ratio()
        strict: bool = p["strict"]

        def check(h: History, year: int) -> int:
            ms = h.members.get(year)
            if ms is None:
                return NO_DATA
            base: int = getattr(ms, of)
            if base == 0:
                return NO_DATA
            need = num * base // den + 1 if strict else -(-num * base // den)
            have: int = getattr(ms, field)
            return need - have if have < need else 0
        return check

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        p = criterion.params
        what = _MEMBER_PREDICATE[p["field"]]
        of = _MEMBER_TEXT[p["of"]]
        cmp = Text("trên", "more than") if p["strict"] else Text("ít nhất", "at least")
        pct = _percent(p["ratio"])
        return Text(f"năm {year}: {cmp.vi} {pct} {of.vi} {what.vi}",
                    f"in {year}: {cmp.en} {pct} of {of.en} {what.en}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        what = _MEMBER_TEXT[criterion.params["field"]]
        if shortfall == NO_DATA:
            return Text(f"chưa có số liệu thành viên năm {year}",
                        f"no member counts recorded for {year}")
        return Text(f"cần thêm {shortfall} {what.vi} năm {year}",
                    f"needs {shortfall} more {what.en} in {year}")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        ms = history.members.get(year)
        if ms is None:
            return {"members": None}
        p = criterion.params
        return {p["field"]: getattr(ms, p["field"]), p["of"]: getattr(ms, p["of"]),
                "ratio": str(p["ratio"])}


class MemberCount(CriterionKind):
    """A number of a collective's members in the proposal year (at least / at most)."""

    name = "member_count"

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        _only(params, {"field", "at_least", "at_most"})
        if "at_least" not in params and "at_most" not in params:
            raise ValueError("needs 'at_least' or 'at_most'")
        out: dict[str, Any] = {"field": _member_field(params, "field"),
                               "at_least": None, "at_most": None}
        if "at_least" in params:
            out["at_least"] = _int(params, "at_least", minimum=0)
        if "at_most" in params:
            out["at_most"] = _int(params, "at_most", minimum=0)
        return out

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        p = criterion.params
        field: str = p["field"]
        lo: int | None = p["at_least"]
        hi: int | None = p["at_most"]

        def check(h: History, year: int) -> int:
            ms = h.members.get(year)
            if ms is None:
                return NO_DATA
            have: int = getattr(ms, field)
            short = 0
            if lo is not None and have < lo:
                short += lo - have
            if hi is not None and have > hi:
                short += have - hi
            return short
        return check

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        p = criterion.params
        what = _MEMBER_TEXT[p["field"]]
        if p["at_most"] == 0 and p["at_least"] is None:
            return Text(f"năm {year}: không có {what.vi}", f"in {year}: no {what.en}")
        parts_vi, parts_en = [], []
        if p["at_least"] is not None:
            parts_vi.append(f"ít nhất {p['at_least']}")
            parts_en.append(f"at least {p['at_least']}")
        if p["at_most"] is not None:
            parts_vi.append(f"không quá {p['at_most']}")
            parts_en.append(f"at most {p['at_most']}")
        return Text(f"năm {year}: {' và '.join(parts_vi)} {what.vi}",
                    f"in {year}: {' and '.join(parts_en)} {what.en}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        p = criterion.params
        what = _MEMBER_TEXT[p["field"]]
        if shortfall == NO_DATA:
            return Text(f"chưa có số liệu thành viên năm {year}",
                        f"no member counts recorded for {year}")
        if p["at_least"] is not None and p["at_most"] is None:
            return Text(f"cần thêm {shortfall} {what.vi} năm {year}",
                        f"needs {shortfall} more {what.en} in {year}")
        return Text(f"số {what.vi} năm {year} lệch {shortfall} so với yêu cầu",
                    f"the number of {what.en} in {year} is off by {shortfall}")

    def evidence(self, criterion: Criterion, env: LadderEnv, history: History,
                 year: int) -> dict[str, EvidenceValue]:
        ms = history.members.get(year)
        field = criterion.params["field"]
        return {field: getattr(ms, field) if ms is not None else None}


BUILTIN_KINDS: tuple[CriterionKind, ...] = (
    HoldsAward(), ConsecutiveYears(), TitleCount(), TitleInARow(), ExcellentYears(),
    InitiativeScope(), MemberRatio(), MemberCount(),
)
"""The kinds thidua ships (registered at import)."""

for _kind in BUILTIN_KINDS:
    register_criterion_kind(_kind)
del _kind


def kind_of(criterion: Criterion) -> CriterionKind:
    """The registered kind of a leaf criterion, or a RuleError naming the known ones."""
    try:
        return CRITERION_KINDS[criterion.kind]
    except KeyError:
        known = ", ".join(sorted([*CRITERION_KINDS, *COMPOSITE_KINDS]))
        raise RuleError(f"criterion {criterion.id!r} has unknown kind {criterion.kind!r}; "
                        f"known kinds: {known} (a plugin may register more)") from None


def normalised(criterion: Criterion, where: str) -> Criterion:
    """``criterion`` with every leaf's parameters validated and normalised; a RuleError
    naming ``where`` and the criterion if any is invalid."""
    if criterion.composite:
        if criterion.params:
            raise RuleError(f"{where}: composite criterion {criterion.id!r} takes no "
                            f"parameters, got {', '.join(sorted(criterion.params))}")
        if not criterion.children:
            raise RuleError(f"{where}: composite criterion {criterion.id!r} has no children")
        return attrs.evolve(criterion, children=tuple(normalised(c, where)
                                                      for c in criterion.children))
    if criterion.children:
        raise RuleError(f"{where}: leaf criterion {criterion.id!r} ({criterion.kind}) "
                        f"cannot have children")
    kind = kind_of(criterion)
    try:
        params = kind.validate(criterion.params)
    except ValueError as exc:
        raise RuleError(f"{where}: criterion {criterion.id!r} ({criterion.kind}): {exc}") from None
    return attrs.evolve(criterion, params=params)
