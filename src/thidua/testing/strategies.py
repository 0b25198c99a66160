"""Public Hypothesis strategies for every type of thidua's model.

Every strategy is *sound*: it never builds an object the model would refuse, so a test
that draws from it fails only because of the code under test. Strategies that take
pools (``units(parents=...)``, ``exemplars(units=...)``) draw references from them, so
the objects fit together; :func:`any_dossiers` and :func:`dossiers` build whole,
referentially consistent :class:`~thidua.model.Dossier` objects.

Two dossier strategies serve two purposes:

* :func:`any_dossiers` — *any* valid dossier: arbitrary levels, any Unicode in names
  (NFD, zero-width characters), years from 1945 to 2200, every optional field. For
  properties of the data layer (JSON round trip, schema, integrity).
* :func:`dossiers` — *realistic* dossiers under a plan (the built-in reference plan by
  default): a district, its communes and offices, movements, exemplars with Vietnamese
  names, the registration lists of one year, records and awards of earlier years.
  Quotas and deadlines are read from the plan's parameters when a value is drawn, so a
  plugin that overrides them gets dossiers that follow its values. Knobs plant a late
  submission or an over-quota list.

Importing this module imports Hypothesis; ``import thidua`` never does. The types are
also registered with :func:`hypothesis.strategies.register_type_strategy` through the
``hypothesis`` entry point, so ``st.from_type(Unit)`` and ``@given(d=...)`` with type
annotations work once thidua is installed.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import string
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from thidua.calendar import CalendarDay, DayKind, WorkingCalendar
from thidua.errors import PlanError, ThiduaError
from thidua.model.base import MAX_ID_LENGTH, is_identifier, nfc
from thidua.model.dossier import Dossier
from thidua.model.exemplars import Exemplar, ExemplarKind, Honour
from thidua.model.findings import Citation, EvidenceValue, Finding, Severity
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.model.submissions import Event, Submission
from thidua.model.units import Level, Movement, Unit
from thidua.parameters import (
    MonthDay,
    Parameter,
    ParameterKind,
    ParameterStatus,
    ParameterStore,
    Range,
    parse_parameters,
)

if TYPE_CHECKING:
    from thidua.plan import Plan
    from thidua.plugins.host import Host

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "any_dossiers",
    "assessments",
    "award_grants",
    "calendar_days",
    "citations",
    "dates",
    "dossiers",
    "events",
    "exemplar_kinds",
    "exemplars",
    "findings",
    "honours",
    "identifiers",
    "levels",
    "member_stats",
    "month_days",
    "movements",
    "parameter_stores",
    "parameter_tables",
    "parameters",
    "ranges",
    "severities",
    "slugs",
    "submissions",
    "texts",
    "units",
    "vietnamese_names",
    "year_records",
    "years",
]

_T = TypeVar("_T")

MIN_YEAR = 1945
"""The earliest year the model accepts (a plausibility bound, not a legal rule)."""
MAX_YEAR = 2200
"""The latest year the model accepts."""

# -- words: realistic Vietnamese test data (not regulation: no quota or date here) -------

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi",
           "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Trịnh", "Lương", "Phan")
_MIDDLE = ("Thị", "Văn", "Đức", "Minh", "Ngọc", "Thu", "Hữu", "Quang", "Thanh", "Xuân",
           "Kim", "Công", "Bích", "Mạnh")
_GIVEN = ("Hoa", "Lan", "Hùng", "Dũng", "Hương", "Thảo", "Tuấn", "Mai", "Hải", "Yến",
          "Phương", "Long", "Nga", "Trang", "Khánh", "Sơn", "Hạnh", "Bình", "Việt", "Nhung",
          "Quỳnh", "Đạt", "Thắng", "Huệ", "Ánh", "Trường", "Lộc", "Ngân")
_SYLLABLES = ("Lạc", "Đạo", "Chỉ", "Đình", "Dù", "Minh", "Hải", "Hồng", "Trưng", "Trắc",
              "Đại", "Đồng", "Tân", "Quang", "Việt", "Hưng", "Lương", "Tài", "Như", "Quỳnh",
              "Lập", "Hòa", "Bình", "Đông", "Phong", "Trung", "Nghĩa", "Thịnh", "Yên",
              "Mỹ", "Phú", "Xuân", "An", "Khê", "Thủy", "Sơn", "Cường", "Lĩnh", "Nam")
_COLLECTIVES = ("Chi hội Phụ nữ thôn", "Hợp tác xã", "Trường Tiểu học", "Tổ dân phố",
                "Đoàn Thanh niên xã", "Trạm Y tế xã", "Hội Nông dân thôn",
                "Trường Mầm non", "Chi đoàn thôn")
_MODELS = ("Dân vận khéo", "Thôn văn hóa kiểu mẫu", "Tuyến đường hoa", "Camera an ninh",
           "Sản xuất rau an toàn", "Xứ đạo bình yên", "Chợ văn minh", "Phân loại rác tại nguồn",
           "Khu dân cư kiểu mẫu", "Cánh đồng mẫu lớn")
_OFFICES = ("Phòng Văn hóa và Thông tin", "Phòng Nội vụ", "Phòng Tài chính – Kế hoạch",
            "Phòng Giáo dục và Đào tạo", "Phòng Nông nghiệp và Phát triển nông thôn",
            "Trung tâm Văn hóa – Thể thao và Truyền thanh", "Phòng Y tế",
            "Phòng Lao động – Thương binh và Xã hội", "Phòng Tư pháp",
            "Phòng Kinh tế và Hạ tầng", "Phòng Tài nguyên và Môi trường")
_MOVEMENTS = ("Toàn dân đoàn kết xây dựng đời sống văn hóa",
              "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
              "Xây dựng nông thôn mới", "Dân vận khéo", "Thi đua dạy tốt, học tốt",
              "Toàn dân bảo vệ an ninh Tổ quốc", "Doanh nghiệp hội nhập và phát triển",
              "Chung sức xây dựng đô thị văn minh")
_DOCUMENTS = ("Luật Thi đua, khen thưởng 06/2022/QH15", "Nghị định 98/2023/NĐ-CP",
              "Kế hoạch của UBND huyện", "Thông tư 01/2024/TT-BNV")
# Title and award ids are the fixed vocabulary of the interchange format
# (dossier-format.md), not values of a plan.
_TITLES_INDIVIDUAL = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so",
                      "chien_si_thi_dua_tinh")
_TITLES_COLLECTIVE = ("tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac")
_AWARDS = ("giay_khen", "bang_khen_tinh", "bang_khen_thu_tuong", "co_thi_dua_tinh",
           "huan_chuong_lao_dong_hang_ba")
_SCOPES = ("co_so", "tinh", "toan_quoc")
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_ID_FIRST = string.ascii_letters + string.digits
_ID_REST = _ID_FIRST + "._:/-"
_SLUG_FIRST = string.ascii_lowercase
_SLUG_REST = string.ascii_lowercase + string.digits + "_"


def _ascii_slug(text: str, sep: str = "-") -> str:
    """``"Lạc Đạo"`` -> ``"lac-dao"``: diacritics dropped, đ as d, words joined by ``sep``."""
    base = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in base if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in plain).split()
    return sep.join(words)


# -- scalars ---------------------------------------------------------------------------

def identifiers(*, prefix: str = "", max_size: int = 24) -> st.SearchStrategy[str]:
    """Record identifiers the model accepts: ASCII letters, digits and ``-_.:/``.

    ``prefix`` (itself a valid identifier, e.g. ``"xa"``) is joined with ``-``.
    """
    if prefix and not is_identifier(prefix):
        raise InvalidArgument(f"identifiers(prefix={prefix!r}) must be a valid identifier")
    room = MAX_ID_LENGTH - (len(prefix) + 1 if prefix else 0)
    if not 1 <= max_size <= room:
        raise InvalidArgument(f"identifiers(max_size={max_size}) must be within 1..{room}")
    core = st.builds(operator.add, st.sampled_from(_ID_FIRST),
                     st.text(alphabet=_ID_REST, max_size=max_size - 1))
    return core.map(lambda c: f"{prefix}-{c}") if prefix else core


def slugs(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """ASCII ``snake_case`` slugs (level, title, award, attachment ids)."""
    if max_size < 1:
        raise InvalidArgument(f"slugs(max_size={max_size}) must be at least 1")
    return st.builds(lambda a, b: a + b, st.sampled_from(_SLUG_FIRST),
                     st.text(alphabet=_SLUG_REST, max_size=max_size - 1))


def _messy(text: str) -> st.SearchStrategy[str]:
    """``text`` as a user might type it: NFD, zero-width characters, outer spaces.
    The model normalises every variant back to ``nfc(text)``."""

    @st.composite
    def variant(draw: st.DrawFn) -> str:
        out = unicodedata.normalize(draw(st.sampled_from(("NFC", "NFD"))), text)
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(out)))
            out = out[:at] + draw(st.sampled_from(_INVISIBLE)) + out[at:]
        pad = draw(st.sampled_from(("", " ", "\t", "  ")))
        return pad + out + draw(st.sampled_from(("", " ", "\n")))

    return variant()


def vietnamese_names(*, kind: str = "person", messy: bool = False) -> st.SearchStrategy[str]:
    """Realistic Vietnamese display names with diacritics (always non-empty after NFC).

    ``kind``: ``person`` (``Nguyễn Thị Hoa``), ``place`` (``Lạc Đạo``), ``collective``,
    ``model``, ``office`` or ``movement``. With ``messy=True`` the same names come typed
    as NFD, with zero-width characters or outer spaces — the model normalises them, so
    a test can check that one name typed two ways is one name.
    """
    place = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=2,
                     unique=True).map(" ".join)
    kinds: dict[str, st.SearchStrategy[str]] = {
        "person": st.builds(lambda f, m, g: f"{f} {m} {g}", st.sampled_from(_FAMILY),
                            st.sampled_from(_MIDDLE), st.sampled_from(_GIVEN)),
        "place": place,
        "collective": st.builds(lambda c, p: f"{c} {p}", st.sampled_from(_COLLECTIVES),
                                place),
        "model": st.builds(lambda m, p: f"Mô hình “{m}” {p}", st.sampled_from(_MODELS),
                           place),
        "office": st.sampled_from(_OFFICES),
        "movement": st.sampled_from(_MOVEMENTS),
    }
    if kind not in kinds:
        raise InvalidArgument(f"vietnamese_names(kind={kind!r}): use one of "
                              + ", ".join(kinds))
    names = kinds[kind]
    return names.flatmap(_messy) if messy else names


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Any Unicode text that the model keeps non-empty (``min_size=1``) — names of
    every script, NFD or not, with zero-width characters — mixed with realistic
    Vietnamese. ``min_size=0`` also allows empty text (notes, decisions)."""
    anything = st.text(max_size=max_size)
    if min_size:
        anything = anything.filter(lambda s: nfc(s) != "")
    return st.one_of(vietnamese_names(messy=True), anything)


def years(min_value: int = MIN_YEAR, max_value: int = MAX_YEAR) -> st.SearchStrategy[int]:
    """Calendar years the model accepts (1945–2200 by default)."""
    if not MIN_YEAR <= min_value <= max_value <= MAX_YEAR:
        raise InvalidArgument(f"years({min_value}, {max_value}) must lie within "
                              f"{MIN_YEAR}..{MAX_YEAR}")
    return st.integers(min_value, max_value)


_any_year = years


def dates(min_year: int = 1990, max_year: int = 2100) -> st.SearchStrategy[dt.date]:
    """Dates between 1 January ``min_year`` and 31 December ``max_year``."""
    return st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))


def severities() -> st.SearchStrategy[Severity]:
    """error, warning or info."""
    return st.sampled_from(Severity)


def exemplar_kinds() -> st.SearchStrategy[ExemplarKind]:
    """Model, collective or individual."""
    return st.sampled_from(ExemplarKind)


def assessments() -> st.SearchStrategy[Assessment]:
    """A yearly grade."""
    return st.sampled_from(Assessment)


def _pool(values: Sequence[_T] | None, default: st.SearchStrategy[_T]) -> st.SearchStrategy[_T]:
    if values is None:
        return default
    if not values:
        raise InvalidArgument("a pool of references must not be empty; pass None to draw "
                              "arbitrary ids instead")
    return st.sampled_from(list(values))


def _ids_of(items: Sequence[Any] | None) -> list[str] | None:
    if items is None:
        return None
    return [x if isinstance(x, str) else x.id for x in items]


# -- model objects ---------------------------------------------------------------------

def citations() -> st.SearchStrategy[Citation]:
    """A clause of a plan (``IV.1.d.1``) or an article of law, with a document."""
    plan_clause = st.builds(
        lambda a, b, c: f"{a}.{b}.{c}", st.sampled_from(("I", "II", "III", "IV")),
        st.integers(1, 5), st.sampled_from("abcdđe"))
    law_clause = st.builds(lambda d, k: f"Điều {d} khoản {k}", st.integers(1, 100),
                           st.integers(1, 9))
    return st.builds(Citation, clause=st.one_of(plan_clause, law_clause, texts()),
                     document=st.one_of(st.just(""), st.sampled_from(_DOCUMENTS),
                                        texts(min_size=0)))


def levels() -> st.SearchStrategy[Level]:
    """A level of the hierarchy, as a plan declares one."""
    return st.builds(Level, id=slugs(), name_vi=texts(), name_en=texts())


def units(*, ids: st.SearchStrategy[str] | None = None,
          levels: Sequence[str | Level] | None = None,
          parents: Sequence[str | Unit] | None = None) -> st.SearchStrategy[Unit]:
    """A unit; its level from ``levels`` (ids or :class:`Level`) and its parent from
    ``parents`` (or none) when given."""
    level_ids = _ids_of(levels)
    parent_ids = _ids_of(parents)
    parent = st.none() if parent_ids == [] else st.none() | _pool(parent_ids, identifiers())
    return st.builds(Unit, id=ids if ids is not None else identifiers(), name=texts(),
                     level=_pool(level_ids, slugs()), parent=parent,
                     bloc=st.none() | texts())


def movements(*, ids: st.SearchStrategy[str] | None = None,
              leads: Sequence[str | Unit] | None = None) -> st.SearchStrategy[Movement]:
    """An emulation movement led by one of ``leads``."""
    return st.builds(Movement, id=ids if ids is not None else identifiers(),
                     name=st.one_of(vietnamese_names(kind="movement"), texts()),
                     lead=_pool(_ids_of(leads), identifiers()))


def honours(*, years: st.SearchStrategy[int] | None = None,
            movements: Sequence[str | Movement] | None = None) -> st.SearchStrategy[Honour]:
    """A year in which an exemplar was honoured, under one of ``movements`` or none."""
    mov_ids = _ids_of(movements)
    movement = st.none() if mov_ids == [] else st.none() | _pool(mov_ids, identifiers())
    return st.builds(Honour, year=years if years is not None else _any_year(),
                     movement=movement)


def exemplars(*, ids: st.SearchStrategy[str] | None = None,
              units: Sequence[str | Unit] | None = None,
              movements: Sequence[str | Movement] | None = None,
              years: st.SearchStrategy[int] | None = None,
              kinds: Sequence[ExemplarKind] | None = None) -> st.SearchStrategy[Exemplar]:
    """An exemplar of one of ``units``, honoured in some of ``years``."""
    # honours of one exemplar are in distinct years
    honour_list = st.lists(honours(years=years, movements=movements), max_size=3,
                           unique_by=lambda h: h.year)
    return st.builds(Exemplar, id=ids if ids is not None else identifiers(), name=texts(),
                     kind=_pool(kinds, exemplar_kinds()),
                     unit=_pool(_ids_of(units), identifiers()), honoured=honour_list)


def submissions(*, ids: st.SearchStrategy[str] | None = None,
                units: Sequence[str | Unit] | None = None,
                exemplars: Sequence[str | Exemplar] | None = None,
                years: st.SearchStrategy[int] | None = None,
                max_exemplars: int = 8) -> st.SearchStrategy[Submission]:
    """A registration list from one unit to *another* (both from ``units``), listing
    distinct exemplars from ``exemplars``."""
    unit_ids = _ids_of(units)
    if unit_ids is not None and len(set(unit_ids)) < 2:
        raise InvalidArgument("submissions(units=...) needs at least two distinct units")
    pair = (st.permutations(sorted(set(unit_ids))).map(lambda p: (p[0], p[1]))
            if unit_ids is not None else
            st.lists(identifiers(), min_size=2, max_size=2, unique=True).map(tuple))
    ex_ids = _ids_of(exemplars)
    listed = (st.just([]) if ex_ids == [] else
              st.lists(_pool(ex_ids, identifiers()), max_size=max_exemplars, unique=True))
    return st.builds(
        lambda sid, ft, **kw: Submission(id=sid, from_unit=ft[0], to_unit=ft[1], **kw),
        ids if ids is not None else identifiers(), pair,
        year=years if years is not None else _any_year(),
        submitted_on=st.none() | dates(),
        exemplars=listed, attachments=st.lists(slugs(), max_size=2, unique=True))


def events(*, units: Sequence[str | Unit] | None = None,
           years: st.SearchStrategy[int] | None = None) -> st.SearchStrategy[Event]:
    """A recorded fulfilment of an obligation by one of ``units``."""
    return st.builds(Event, obligation=identifiers(), unit=_pool(_ids_of(units), identifiers()),
                     year=years if years is not None else _any_year(), on=dates(),
                     note=texts(min_size=0))


@st.composite
def member_stats(draw: st.DrawFn, max_total: int = 500) -> MemberStats:
    """Member counts of a collective; every count is at most the total."""
    total = draw(st.integers(0, max_total))
    part = st.integers(0, total)
    return MemberStats(total=total, completed=draw(part), lao_dong_tien_tien=draw(part),
                       chien_si_thi_dua_co_so=draw(part), disciplined=draw(part))


def year_records(*, subjects: Sequence[str | Exemplar] | None = None,
                 years: st.SearchStrategy[int] | None = None,
                 titles: Sequence[str] | None = None) -> st.SearchStrategy[YearRecord]:
    """One subject's record for one year (distinct titles)."""
    title = _pool(titles, st.one_of(st.sampled_from(_TITLES_INDIVIDUAL + _TITLES_COLLECTIVE),
                                    slugs()))
    return st.builds(
        YearRecord, subject=_pool(_ids_of(subjects), identifiers()),
        year=years if years is not None else _any_year(),
        assessment=assessments(), titles=st.lists(title, max_size=3, unique=True),
        initiatives=st.integers(0, 5), initiative_scope=st.none() | st.sampled_from(_SCOPES),
        members=st.none() | member_stats())


def award_grants(*, subjects: Sequence[str | Exemplar] | None = None,
                 payers: Sequence[str | Unit] | None = None,
                 awards: Sequence[str] | None = None,
                 decided: st.SearchStrategy[dt.date] | None = None,
                 ) -> st.SearchStrategy[AwardGrant]:
    """An award decided (or proposed) for one of ``subjects``."""
    payer_ids = _ids_of(payers)
    payer = st.none() if payer_ids == [] else st.none() | _pool(payer_ids, identifiers())
    return st.builds(
        AwardGrant, subject=_pool(_ids_of(subjects), identifiers()),
        award=_pool(awards, st.one_of(st.sampled_from(_AWARDS), slugs())),
        decided_on=decided or dates(),
        decision=st.one_of(st.just(""), st.builds(lambda n: f"{n}/QĐ-UBND",
                                                  st.integers(1, 9999)), texts(min_size=0)),
        achievement_years=st.lists(years(), max_size=3), proposed=st.booleans(),
        payer=payer)


_EVIDENCE: st.SearchStrategy[EvidenceValue] = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53), st.text(max_size=20))


def findings(*, rules: Sequence[str] | None = None,
             subjects: Sequence[str] | None = None) -> st.SearchStrategy[Finding]:
    """A finding with a clause, both messages and scalar evidence."""
    rule = _pool(rules, st.builds(lambda a, b: f"{a}.{b}", slugs(max_size=12),
                                  slugs(max_size=12)))
    return st.builds(
        Finding, rule=rule, severity=severities(),
        subject=_pool(subjects, identifiers()),
        clause=citations().map(lambda c: c.clause), message_vi=texts(), message_en=texts(),
        evidence=st.dictionaries(slugs(max_size=12), _EVIDENCE, max_size=4),
        document=st.one_of(st.just(""), st.sampled_from(_DOCUMENTS)))


def calendar_days(*, years: st.SearchStrategy[int] | None = None,
                  ) -> st.SearchStrategy[CalendarDay]:
    """An announced day off or working day (a swap, nghỉ bù / làm bù)."""
    day = (dates() if years is None else
           years.flatmap(lambda y: st.dates(dt.date(y, 1, 1), dt.date(y, 12, 31))))
    return st.builds(CalendarDay, date=day, kind=st.sampled_from(DayKind),
                     name=st.one_of(st.just(""), vietnamese_names(kind="place"),
                                    texts(min_size=0)))


# -- parameters -------------------------------------------------------------------------

def ranges(*, max_value: int = 1000) -> st.SearchStrategy[Range]:
    """An inclusive range (``max`` None: no upper bound)."""
    return st.integers(0, max_value).flatmap(
        lambda lo: st.builds(Range, st.just(lo), st.none() | st.integers(lo, max_value)))


def month_days() -> st.SearchStrategy[MonthDay]:
    """A recurring day of the year (29 February included)."""
    return st.dates(dt.date(2000, 1, 1), dt.date(2000, 12, 31)).map(
        lambda d: MonthDay(d.month, d.day))


def _toml_value(kind: ParameterKind, choices: Sequence[str]) -> st.SearchStrategy[Any]:
    """A value of ``kind`` as a parameter file writes it (the loader converts it)."""
    if kind in (ParameterKind.INT,):
        return st.integers(-(10**9), 10**9)
    if kind is ParameterKind.MONEY:
        return st.integers(0, 10**12)
    if kind is ParameterKind.DECIMAL:
        return st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False,
                           allow_infinity=False, places=3).map(str)
    if kind is ParameterKind.RANGE:
        return ranges().map(lambda r: {"min": r.min} if r.max is None
                            else {"min": r.min, "max": r.max})
    if kind is ParameterKind.MONTH_DAY:
        return month_days().map(str)
    if kind is ParameterKind.DATE:
        return dates()
    if kind is ParameterKind.BOOL:
        return st.booleans()
    if kind is ParameterKind.CHOICE:
        return st.sampled_from(list(choices))
    return texts()


@st.composite
def parameter_tables(draw: st.DrawFn, *, kind: ParameterKind | None = None,
                     pid: str | None = None, max_values: int = 4,
                     max_exceptions: int = 2) -> dict[str, Any]:
    """One ``[[parameter]]`` table as parsed TOML: valid by construction (distinct
    ``from`` dates, distinct exception years, values of its kind, a citation).
    :func:`~thidua.parameters.parse_parameters` accepts it; fuzz tests mutate it."""
    k = kind if kind is not None else draw(st.sampled_from(ParameterKind))
    choices = (draw(st.lists(slugs(max_size=10), min_size=1, max_size=4, unique=True))
               if k is ParameterKind.CHOICE else [])
    value = _toml_value(k, choices)
    froms = draw(st.lists(dates(2000, 2040), min_size=1, max_size=max_values, unique=True))
    exc_years = draw(st.lists(st.integers(2000, 2040), max_size=max_exceptions, unique=True))
    table: dict[str, Any] = {
        "id": pid or draw(st.builds(lambda a, b: f"{a}.{b}", slugs(max_size=12),
                                    slugs(max_size=12))),
        "description": draw(texts()),
        "unit": draw(st.sampled_from(("exemplars", "đồng", "day of year", "×", "date"))),
        "kind": k.value,
        "clause": draw(citations()).clause,
        "status": draw(st.sampled_from(ParameterStatus)).value,
        "values": [{"from": f, "value": draw(value)} for f in sorted(froms)],
    }
    if exc_years:
        table["exceptions"] = [{"year": y, "value": draw(value),
                                "note": draw(texts(min_size=0))} for y in exc_years]
    if choices:
        table["choices"] = choices
    return table


def parameters(*, kind: ParameterKind | None = None,
               source: str = "builtin") -> st.SearchStrategy[Parameter]:
    """A valid dated parameter, built through the file loader (so it is exactly what a
    parameter file could hold): distinct dates, one-year exceptions, a citation."""

    def build(table: dict[str, Any]) -> Parameter:
        store = parse_parameters({"document": "test", "parameter": [table]},
                                 origin="<strategy>", source=source)
        return store[table["id"]]

    return parameter_tables(kind=kind).map(build)


def parameter_stores(*, max_size: int = 5) -> st.SearchStrategy[ParameterStore]:
    """A store of parameters with distinct ids."""
    return st.lists(parameters(), max_size=max_size, unique_by=lambda p: p.id).map(
        ParameterStore)


# -- whole dossiers ---------------------------------------------------------------------

@st.composite
def any_dossiers(draw: st.DrawFn, *, plan: str | None = None, max_units: int = 6,
                 max_exemplars: int = 8) -> Dossier:
    """Any valid dossier: arbitrary levels and Unicode names, every optional field,
    a forest of units (never a cycle), references only to what exists."""
    plan_id = plan if plan is not None else draw(identifiers())
    unit_ids = draw(st.lists(identifiers(), min_size=1, max_size=max_units, unique=True))
    level_pool = draw(st.lists(slugs(max_size=10), min_size=1, max_size=4, unique=True))
    units_: list[Unit] = []
    for i, uid in enumerate(unit_ids):
        unit = draw(units(ids=st.just(uid), levels=level_pool, parents=unit_ids[:i]))
        units_.append(unit)
    mov_ids = draw(st.lists(identifiers(), max_size=3, unique=True))
    movements_ = [draw(movements(ids=st.just(m), leads=unit_ids)) for m in mov_ids]
    ex_ids = draw(st.lists(identifiers(), max_size=max_exemplars, unique=True))
    exemplars_ = [draw(exemplars(ids=st.just(e), units=unit_ids, movements=mov_ids))
                  for e in ex_ids]
    subs: list[Submission] = []
    if len(unit_ids) >= 2:
        sub_ids = draw(st.lists(identifiers(), max_size=4, unique=True))
        subs = [draw(submissions(ids=st.just(s), units=unit_ids, exemplars=ex_ids))
                for s in sub_ids]
    records: list[YearRecord] = []
    awards: list[AwardGrant] = []
    if ex_ids:
        keys = draw(st.lists(st.tuples(st.sampled_from(ex_ids), years()), max_size=6,
                             unique=True))
        records = [draw(year_records(subjects=[s], years=st.just(y))) for s, y in keys]
        awards = draw(st.lists(award_grants(subjects=ex_ids, payers=unit_ids), max_size=3))
    events_ = draw(st.lists(events(units=unit_ids), max_size=2))
    return Dossier(plan=plan_id, units=units_, movements=movements_, exemplars=exemplars_,
                   submissions=subs, records=records, awards=awards, events=events_)


# -- realistic dossiers under a plan ----------------------------------------------------

@functools.cache
def _default_host() -> Host:
    """The built-in plugins only: reproducible whatever else is installed."""
    from thidua.plugins.host import Host

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Host(autoload=False)


@functools.cache
def _installed_host() -> Host:
    """Built-in and installed plugins (for a plan id no built-in plugin supplies)."""
    from thidua.plugins.host import Host

    return Host()


def _seed_plan() -> Plan:
    """The reference plan, supplied by the built-in ``thidua.seed`` plugin."""
    for p in _default_host().plans.values():
        if p.source == "thidua.seed":
            return p
    raise PlanError("the built-in reference plan is missing; is thidua installed completely?")


def _resolve_plan(plan: Plan | str | None) -> tuple[Plan, WorkingCalendar]:
    if plan is None:
        return _seed_plan(), _default_host().calendar
    if isinstance(plan, str):
        for host in (_default_host(), _installed_host()):
            if plan in host.plans:
                return host.plans[plan], host.calendar
        raise PlanError(f"dossiers(plan={plan!r}): no installed plugin supplies that plan; "
                        f"pass the Plan object from your own Host instead")
    return plan, _default_host().calendar


@attrs.frozen
class _Route:
    """Who sends a registration list to whom, under which quota and deadline."""

    sender: str
    """Role id of the senders."""
    receiver: str
    """Role id of the receiver."""
    quota: str | None
    """Id of the quota parameter (a range), if the plan has one."""
    deadline: str | None
    """Id of the deadline parameter (a month-day), if the plan has one."""
    attachments: tuple[str, ...] = ()
    """Slugs of the documents the list must carry."""
    select_from: tuple[str, ...] = ()
    """Roles whose sent-up exemplars the list must be chosen from (empty: any)."""


def _param(plan: Plan, pid: str) -> str | None:
    # iterate the keys: ParameterStore's ``in`` raises instead of answering False
    return pid if pid in set(plan.parameters) else None


def _routes(plan: Plan) -> list[_Route]:
    """The plan's registration routes: its ``route`` section when it declares one,
    else the reference plan's roles and parameter naming (``registration.ROLE.quota``)."""
    routes: list[_Route] = []
    for r in plan.section("route"):
        sender = getattr(r, "sender", None) or getattr(r, "from_role", None)
        receiver = getattr(r, "receiver", None) or getattr(r, "to_role", None)
        if not isinstance(sender, str) or not isinstance(receiver, str):
            continue
        quota = getattr(r, "quota", None)
        deadline = getattr(r, "deadline", None)
        routes.append(_Route(
            sender=sender, receiver=receiver,
            quota=_param(plan, quota) if isinstance(quota, str) else None,
            deadline=_param(plan, deadline) if isinstance(deadline, str) else None,
            attachments=tuple(getattr(r, "attachments", ()) or ()),
            select_from=tuple(getattr(r, "select_from", ()) or ())))
    if routes:
        return routes
    roles = {r.id for r in plan.roles}
    if "district" not in roles:
        return []
    for sender in ("commune", "lead_agency", "district_office"):
        if sender in roles:
            routes.append(_Route(sender=sender, receiver="district",
                                 quota=_param(plan, f"registration.{sender}.quota"),
                                 deadline=_param(plan, f"registration.{sender}.deadline")))
    upward = next((r for r in ("province_home_affairs", "province") if r in roles), None)
    if upward is not None:
        routes.append(_Route(sender="district", receiver=upward,
                             quota=_param(plan, "registration.district.quota"),
                             deadline=_param(plan, "registration.district.deadline")))
    return routes


def _role_levels(plan: Plan, role_id: str) -> tuple[str, ...]:
    for r in plan.roles:
        if r.id == role_id:
            return r.levels
    return ()


def _is_lead_role(plan: Plan, role_id: str) -> bool:
    return any(r.id == role_id and r.movement_lead for r in plan.roles)


def _deadline(plan: Plan, pid: str | None, year: int) -> dt.date | None:
    if pid is None:
        return None
    value = plan.parameters[pid].value_for_year(year).value
    if isinstance(value, MonthDay):
        return value.in_year(year)
    if isinstance(value, dt.date):
        return value
    return None


def _quota(plan: Plan, pid: str | None, year: int) -> Range | None:
    if pid is None:
        return None
    value = plan.parameters[pid].value_for_year(year).value
    return value if isinstance(value, Range) else None


def _on_time_days(calendar: WorkingCalendar, deadline: dt.date, year: int) -> list[dt.date]:
    """Working days that are on time under every reading of "before the deadline":
    strictly before the last working day on or before it (so neither an exclusive
    reading nor rolling it back makes them late)."""
    last = deadline
    while not calendar.is_working_day(last):
        last -= dt.timedelta(days=1)
    start = max(dt.date(year, 1, 1), last - dt.timedelta(days=25))
    if start >= last:
        start = last - dt.timedelta(days=25)
    days = [start + dt.timedelta(days=i) for i in range((last - start).days)]
    working = [d for d in days if calendar.is_working_day(d)]
    return working or days


def _late_days(calendar: WorkingCalendar, deadline: dt.date) -> list[dt.date]:
    """Days that are late under every reading: after the deadline rolled forward to
    the next working day."""
    rolled = calendar.next_working_day(deadline)
    return [rolled + dt.timedelta(days=i) for i in range(1, 31)]


def _check_knob(name: str, value: bool | str, routes: Sequence[_Route], plan: Plan,
                needs: Callable[[_Route], bool], what: str) -> _Route | None:
    if value is False:
        return None
    fitting = [r for r in routes if needs(r) and (value is True or r.sender == value)]
    if not fitting:
        raise PlanError(
            f"dossiers({name}={value!r}): plan {plan.id!r} has no registration route "
            f"{'' if value is True else f'from role {value!r} '}with {what}; "
            f"routes: " + (", ".join(f"{r.sender}→{r.receiver}" for r in routes) or "none"))
    return fitting[0]


class _Ids:
    """Unique readable ids (``xa-lac-dao``, ``xa-lac-dao-2``) within one dossier."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, prefix: str, name: str = "") -> str:
        base = "-".join(p for p in (prefix, _ascii_slug(name)) if p)[:60] or "x"
        ident, n = base, 1
        while ident in self.used:
            n += 1
            ident = f"{base}-{n}"
        self.used.add(ident)
        return ident


@st.composite
def dossiers(draw: st.DrawFn, plan: Plan | str | None = None, *,
             year: int | st.SearchStrategy[int] | None = None,
             communes: int | tuple[int, int] = (2, 6), offices: int | tuple[int, int] = (2, 4),
             late: bool | str = False, over_quota: bool | str = False,
             history: bool = True, messy_names: bool = False) -> Dossier:
    """A realistic, valid dossier under ``plan`` for one registration ``year``.

    ``plan`` is a :class:`~thidua.plan.Plan` (e.g. from your plugin's host), a plan id,
    or None for the built-in reference plan. ``year`` (an int or a strategy) defaults
    to a year the plan is in force. The dossier has the unit that receives the lists
    (the district), the unit above it, ``communes`` and ``offices`` (a count or a
    ``(min, max)`` range), movements led by offices, exemplars of every kind with
    Vietnamese names, and the registration lists of ``year`` along the plan's routes:
    quotas met, sent on time under every reading of "before", the district's list
    chosen from what was sent up. With ``history`` exemplars also have honours, yearly
    records and awards of earlier years (and lead agencies of movements with honoured
    exemplars register too).

    Knobs plant one violation, reading the plan's parameters at draw time:
    ``late=True`` (or the id of the sending role, e.g. ``"district"``) makes one list
    arrive after its deadline, even rolled to the next working day; ``over_quota=True``
    (or a role id) makes one list longer than its quota's maximum. A knob the plan
    cannot support (no such route, no deadline, no maximum) raises
    :class:`~thidua.errors.PlanError`.
    """
    the_plan, calendar = _resolve_plan(plan)
    yr = _draw_year(draw, the_plan, year)
    routes = [r for r in _routes(the_plan) if r.quota is not None
              and _role_levels(the_plan, r.receiver)
              and (history or not _is_lead_role(the_plan, r.sender))]
    late_route = _check_knob("late", late, routes, the_plan,
                             lambda r: _deadline(the_plan, r.deadline, yr) is not None,
                             "a deadline parameter")
    over_route = _check_knob("over_quota", over_quota, routes, the_plan,
                             lambda r: (q := _quota(the_plan, r.quota, yr)) is not None
                             and q.max is not None, "a quota with a maximum")
    b = _Builder(draw, the_plan, calendar, yr, messy_names, history)

    # the hub receives most lists (the district); upward routes leave it
    receivers = [r.receiver for r in routes]
    hub_role = max(receivers, key=receivers.count) if receivers else None
    lower = [r for r in routes if r.receiver == hub_role]
    upper = [r for r in routes if r.sender == hub_role]
    unit_roles = [r.sender for r in lower if not _is_lead_role(the_plan, r.sender)]
    first_role = unit_roles[0] if unit_roles else None
    office_role = next((r.id for r in the_plan.roles
                        if r.id not in (first_role, hub_role) and r.levels
                        and not r.movement_lead and r.id not in
                        {u.receiver for u in upper}), None)

    # how many communes: enough for the hub's minimum, or its maximum + 1 when the
    # over-quota knob targets the hub's own list
    n_communes = _count(draw, communes)
    first = next((r for r in lower if r.sender == first_role), None)
    first_q = _quota(the_plan, first.quota, yr) if first is not None else None
    for route in upper:
        q = _quota(the_plan, route.quota, yr)
        need = (q.max + 1 if over_route is route and q is not None and q.max is not None
                else q.min if q is not None else 1)
        if first_q is not None and first_q.min > 0:
            n_communes = max(n_communes, -(-need // first_q.min))

    # -- units --------------------------------------------------------------------
    for route in upper:
        b.unit(route.receiver, f"Cơ quan {draw(b.names('place'))}", None)
    if hub_role is not None:
        hub = b.unit(hub_role, f"UBND {draw(b.names('place'))}", None)
    else:
        hub = b.unit(None, f"UBND {draw(b.names('place'))}", None)
    if first_role is not None:
        for place in draw(st.lists(b.names("place"), min_size=n_communes,
                                   max_size=n_communes, unique_by=nfc)):
            b.unit(first_role, f"UBND xã {place}", hub.id)
    for role in (r for r in unit_roles[1:] if r != office_role):
        for _ in range(_count(draw, offices)):
            b.unit(role, f"{draw(b.names('office'))} {len(b.units) + 1}", hub.id)
    n_offices = min(_count(draw, offices), len(_OFFICES))
    office_names = draw(st.lists(b.names("office"), min_size=n_offices,
                                 max_size=n_offices, unique_by=nfc))
    offices_ = [b.unit(office_role, nm, hub.id) for nm in office_names]

    # -- movements, each led by an office (or the hub) ------------------------------
    leaders = offices_ or [hub]
    mov_names = draw(st.lists(b.names("movement"), min_size=1,
                              max_size=min(len(leaders), 4), unique_by=nfc))
    for i, nm in enumerate(mov_names):
        b.movements.append(Movement(id=b.ids.new("pt", nm)[:40], name=nm,
                                    lead=leaders[i % len(leaders)].id))

    # -- the year's lists -------------------------------------------------------------
    plant = {"late": late_route, "over": over_route}
    sent_up: dict[str, list[str]] = {}  # by sending role
    sent_by: set[str] = set()
    for route in lower:
        senders: list[tuple[Unit, Movement | None]]
        if _is_lead_role(the_plan, route.sender):
            lead_of = {m.lead: m for m in b.movements}
            senders = [(u, lead_of[u.id]) for u in b.units if u.id in lead_of]
        else:  # a movement's lead agency sends only its lead-agency list (if any)
            leads = ({m.lead for m in b.movements}
                     if any(r.movement_lead for r in the_plan.roles) else set())
            senders = [(u, None) for u in b.by_role.get(route.sender, [])
                       if u.id not in leads]
        for sender, movement in senders:
            if sender.id == hub.id or sender.id in sent_by:
                continue  # one list per unit: a lead agency sends its lead-agency list
            sent_by.add(sender.id)
            over = plant["over"] is route
            size = b.list_size(route, over)
            pool = [e for e in b.mine.get(sender.id, [])
                    if movement is None or any(h.movement == movement.id for h in e.honoured)]
            while len(pool) < size + draw(st.integers(0, 2)):
                pool.append(b.exemplar(sender, movement))
            listed = [e.id for e in draw(st.permutations(pool))[:size]]
            b.submit(route, sender, hub, listed, late=plant["late"] is route)
            sent_up.setdefault(route.sender, []).extend(listed)
            plant = {k: (None if v is route else v) for k, v in plant.items()}
    for route in upper:
        receiver = b.by_role.get(route.receiver, [None])[0]
        # the hub selects from what the roles named by the route sent up
        eligible = [x for role, xs in sent_up.items()
                    if not route.select_from or role in route.select_from for x in xs]
        if receiver is None or not eligible:
            continue
        size = min(b.list_size(route, plant["over"] is route), len(eligible))
        listed = draw(st.permutations(eligible))[:size]
        b.submit(route, hub, receiver, listed, late=plant["late"] is route)
        plant = {k: (None if v is route else v) for k, v in plant.items()}

    # a few exemplars not registered this year
    for _ in range(draw(st.integers(0, 3))):
        b.exemplar(draw(st.sampled_from(b.units)), None)
    if history:
        b.history()
    return Dossier(plan=the_plan.id, units=b.units, movements=b.movements,
                   exemplars=b.exemplars, submissions=b.submissions, records=b.records,
                   awards=b.awards)


class _Builder:
    """The growing parts of one realistic dossier (used by :func:`dossiers`)."""

    def __init__(self, draw: st.DrawFn, plan: Plan, calendar: WorkingCalendar, year: int,
                 messy: bool, history: bool) -> None:
        self.draw, self.plan, self.calendar, self.year = draw, plan, calendar, year
        self.messy, self.with_history = messy, history
        self.ids = _Ids()
        self.units: list[Unit] = []
        self.by_role: dict[str, list[Unit]] = {}
        self.movements: list[Movement] = []
        self.exemplars: list[Exemplar] = []
        self.mine: dict[str, list[Exemplar]] = {}
        self.submissions: list[Submission] = []
        self.records: list[YearRecord] = []
        self.awards: list[AwardGrant] = []
        self.past = st.integers(max(MIN_YEAR, year - 6), year - 1)

    def names(self, kind: str) -> st.SearchStrategy[str]:
        return vietnamese_names(kind=kind, messy=self.messy)

    def unit(self, role: str | None, name: str, parent: str | None) -> Unit:
        levels_ = _role_levels(self.plan, role) if role is not None else ()
        level = (self.draw(st.sampled_from(levels_)) if levels_
                 else self.plan.levels[-1].id if self.plan.levels else "don_vi")
        unit = Unit(id=self.ids.new(level.replace("_", "-"), _strip_title(nfc(name))),
                    name=name, level=level, parent=parent)
        self.units.append(unit)
        if role is not None:
            self.by_role.setdefault(role, []).append(unit)
        return unit

    def exemplar(self, unit: Unit, honoured_under: Movement | None) -> Exemplar:
        draw = self.draw
        kind = draw(exemplar_kinds())
        name = draw(self.names({ExemplarKind.MODEL: "model",
                                ExemplarKind.COLLECTIVE: "collective",
                                ExemplarKind.INDIVIDUAL: "person"}[kind]))
        honoured: list[Honour] = []
        if self.with_history and (honoured_under is not None or draw(st.booleans())):
            hy = draw(st.lists(self.past, min_size=1, max_size=2, unique=True))
            honoured = [Honour(year=y, movement=honoured_under.id if honoured_under else None)
                        for y in sorted(hy)]
        ex = Exemplar(id=self.ids.new("e", ""), name=name, kind=kind, unit=unit.id,
                      honoured=honoured)
        self.exemplars.append(ex)
        self.mine.setdefault(unit.id, []).append(ex)
        return ex

    def list_size(self, route: _Route, over: bool) -> int:
        q = _quota(self.plan, route.quota, self.year)
        if q is None:
            return self.draw(st.integers(1, 4))
        if over:
            assert q.max is not None
            return self.draw(st.integers(q.max + 1, q.max + 3))
        if q.max == 0:
            return 0  # a quota of none (a patched year): the list is empty, not over quota
        lo = max(q.min, 1)  # a list that is sent lists someone
        hi = q.max if q.max is not None else lo + 3
        return self.draw(st.integers(lo, max(lo, hi)))

    def submit(self, route: _Route, sender: Unit, receiver: Unit, listed: Sequence[str], *,
               late: bool) -> None:
        yr = self.year
        due = _deadline(self.plan, route.deadline, yr)
        if due is None:
            day = self.draw(st.dates(dt.date(yr, 1, 1), dt.date(yr, 3, 31)))
        elif late:
            day = self.draw(st.sampled_from(_late_days(self.calendar, due)))
        else:
            day = self.draw(st.sampled_from(_on_time_days(self.calendar, due, yr)))
        self.submissions.append(Submission(
            id=self.ids.new(f"s-{yr}", sender.id), year=yr, from_unit=sender.id,
            to_unit=receiver.id, submitted_on=day, exemplars=tuple(listed),
            attachments=route.attachments))

    def history(self) -> None:
        """Yearly records and some awards of earlier years for individuals and
        collectives."""
        draw = self.draw
        people = [e for e in self.exemplars if e.kind is not ExemplarKind.MODEL]
        if not people:
            return
        chosen = draw(st.lists(st.sampled_from(people), unique_by=lambda e: e.id,
                               max_size=min(len(people), 12)))
        for ex in chosen:
            span = sorted(draw(st.lists(self.past, min_size=1, max_size=4, unique=True)))
            titles = (_TITLES_INDIVIDUAL[:2] if ex.kind is ExemplarKind.INDIVIDUAL
                      else _TITLES_COLLECTIVE)
            for y in span:
                self.records.append(YearRecord(
                    subject=ex.id, year=y, assessment=draw(assessments()),
                    titles=draw(st.lists(st.sampled_from(titles), max_size=2, unique=True)),
                    initiatives=draw(st.integers(0, 2)),
                    members=(draw(member_stats(max_total=60))
                             if ex.kind is ExemplarKind.COLLECTIVE else None)))
            if draw(st.booleans()):
                ay = span[-1]
                self.awards.append(AwardGrant(
                    subject=ex.id, award=draw(st.sampled_from(_AWARDS[:2])),
                    decided_on=draw(st.dates(dt.date(ay + 1, 1, 1), dt.date(ay + 1, 12, 31))),
                    decision=f"{draw(st.integers(1, 9999))}/QĐ-UBND",
                    achievement_years=(ay,)))


def _strip_title(name: str) -> str:
    for prefix in ("UBND xã ", "UBND ", "Cơ quan "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _count(draw: st.DrawFn, spec: int | tuple[int, int]) -> int:
    if isinstance(spec, int):
        if spec < 0:
            raise InvalidArgument(f"a count must be ≥ 0, got {spec}")
        return spec
    lo, hi = spec
    if not 0 <= lo <= hi:
        raise InvalidArgument(f"a (min, max) count needs 0 ≤ min ≤ max, got {spec}")
    return draw(st.integers(lo, hi))


def _in_force_years(plan: Plan) -> list[int]:
    from thidua.plan import IN_FORCE_FROM, IN_FORCE_UNTIL

    try:
        start = plan.parameters[IN_FORCE_FROM].timeline[0].value
        until = plan.parameters[IN_FORCE_UNTIL].timeline[-1].value
    except (ThiduaError, IndexError):  # a plan without in-force dates: recent years
        return list(range(2020, 2031))
    if not isinstance(start, dt.date) or not isinstance(until, dt.date):
        return list(range(2020, 2031))
    return list(range(start.year, until.year + 1))


def _draw_year(draw: st.DrawFn, plan: Plan,
               year: int | st.SearchStrategy[int] | None) -> int:
    if isinstance(year, int):
        y = year
    elif year is not None:
        y = draw(year)
    else:
        y = draw(st.sampled_from(_in_force_years(plan)))
    if not MIN_YEAR + 10 <= y <= MAX_YEAR:
        raise InvalidArgument(f"dossiers(year={y}) must lie within {MIN_YEAR + 10}..{MAX_YEAR}")
    return y


# -- registration with st.register_type_strategy ----------------------------------------

def _type_strategies() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """The strategy registered for each public type (see ``_hypothesis_entry``)."""
    return {
        Level: levels, Unit: units, Movement: movements, Honour: honours,
        Exemplar: exemplars, Submission: submissions, Event: events,
        MemberStats: member_stats, YearRecord: year_records, AwardGrant: award_grants,
        Citation: citations, Finding: findings, Dossier: any_dossiers,
        Range: ranges, MonthDay: month_days, Parameter: parameters,
        ParameterStore: parameter_stores, CalendarDay: calendar_days,
    }
