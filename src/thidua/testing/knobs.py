"""Strategies with knobs, for testing a jurisdiction's own rules: realistic dossiers that
plant a situation, award-ladder histories, calendars with announced swap days, and
random valid parameter patches of the kind a plugin ships.

* :func:`dossiers` — :func:`thidua.testing.strategies.dossiers` (plan, year, a late
  list, an over-quota list) plus ``one_title_short=AWARD``: one exemplar whose records
  leave it exactly one title short of the award in the dossier's year.
* :func:`histories` — a subject's achievements as the award ladder reads them
  (:class:`~thidua.rules.ladder.History`), at random or one title short of an award.
* :func:`calendars` — :class:`~thidua.calendar.WorkingCalendar` with random announced
  days (nghỉ bù / làm bù), as plugins announce them.
* :func:`parameter_overrides` — a list of valid
  :class:`~thidua.parameters.ParameterOverride` for a plan, as a plugin would return
  from ``thidua_parameter_overrides``.

Every value that is regulation (quotas, dates, titles, how many titles an award needs)
is read from the plan or the award catalogue when a value is drawn, never written here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from thidua.calendar import CalendarDay, DayKind, WorkingCalendar
from thidua.errors import PlanError, ThiduaError
from thidua.model.dossier import Dossier
from thidua.model.exemplars import Exemplar, ExemplarKind
from thidua.model.findings import Citation
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.parameters import (
    DatedValue,
    ParameterKind,
    ParameterOverride,
    ParameterStatus,
    ParameterValue,
    Range,
)
from thidua.testing import strategies as base

if TYPE_CHECKING:
    from thidua.parameters import Parameter
    from thidua.plan import Plan
    from thidua.plugins.host import Host
    from thidua.rules.ladder import Criterion, History, Ladder, Recipient

__all__ = ["calendars", "dossiers", "histories", "parameter_overrides", "plant_one_title_short"]

_TITLE_KINDS = ("title_in_a_row", "title_count_in_span")
"""Criterion kinds that count a title: the ones ``one_title_short`` plants against."""


# -- the built-in plugins ------------------------------------------------------------------

@functools.cache
def _host() -> Host:
    """The built-in plugins only: reproducible whatever else is installed."""
    from thidua.testing.fixtures import make_host

    return make_host()


def _plan(plan: Plan | str | None) -> Plan:
    """``plan`` itself, the built-in plan of that id, or the reference plan."""
    if plan is not None and not isinstance(plan, str):
        return plan
    plans = _host().plans
    if plan is None:
        return next(p for p in plans.values() if p.source == "thidua.seed")
    if plan not in plans:
        raise PlanError(f"no built-in plan {plan!r} (known: {', '.join(sorted(plans))}); "
                        f"pass the Plan object from your own host instead")
    return plans[plan]


def _plan_years(plan: Plan) -> tuple[int, int]:
    """The first and last year ``plan`` is in force."""
    years = [y for y in range(base.MIN_YEAR, base.MAX_YEAR + 1) if plan.in_force(y)]
    if not years:
        raise InvalidArgument(f"plan {plan.id!r} is in force in no year")
    return years[0], years[-1]


# -- the award ladder ------------------------------------------------------------------------

@functools.cache
def _default_ladder() -> Ladder:
    from thidua.rules.ladder import Ladder

    return Ladder.from_host(_host())


def _recipient(value: Recipient | str) -> Recipient:
    from thidua.rules.ladder import Recipient

    return Recipient(value)


def _title_leaves(root: Criterion) -> list[Criterion]:
    return [c for c in root.leaves() if c.kind in _TITLE_KINDS]


def _window(root: Criterion) -> int:
    """How many years back the criteria look (at least ten)."""
    need = 10
    for c in root.leaves():
        p = c.params
        span = int(p.get("years", 1)) + int(p.get("before_span", 0))
        if c.kind == "title_in_a_row":
            span = int(p["times"]) * int(p.get("cycle", 1)) + int(p.get("lag", 0))
        need = max(need, span + 2)
    return need


def _title_years(leaf: Criterion, year: int, times: int) -> list[int]:
    """The ``times`` most recent years of ``leaf``'s pattern, up to ``year``."""
    cycle = int(leaf.params.get("cycle", 1)) if leaf.kind == "title_in_a_row" else 1
    return [year - i * cycle for i in range(times)]


@attrs.frozen
class _Profile:
    """What the records give besides the counted titles (weakest first)."""

    assessment: Assessment
    initiatives: bool


_PROFILES = (_Profile(Assessment.GOOD, False), _Profile(Assessment.GOOD, True),
             _Profile(Assessment.EXCELLENT, False), _Profile(Assessment.EXCELLENT, True))


def _records(subject: str, recipient: Recipient, year: int, window: int, profile: _Profile,
             titles: dict[int, set[str]]) -> list[YearRecord]:
    from thidua.rules.ladder import INITIATIVE_SCOPES, Recipient

    members = (MemberStats(total=10, completed=10, lao_dong_tien_tien=10,
                           chien_si_thi_dua_co_so=1, disciplined=0)
               if recipient is Recipient.COLLECTIVE else None)
    return [YearRecord(subject=subject, year=y, assessment=profile.assessment,
                       titles=sorted(titles.get(y, ())),
                       initiatives=1 if profile.initiatives else 0,
                       initiative_scope=INITIATIVE_SCOPES[-1] if profile.initiatives else None,
                       members=members)
            for y in range(year - window + 1, year + 1)]


def _grants(subject: str, root: Criterion, year: int, window: int) -> list[AwardGrant]:
    """A decided grant, long before the window, of every award the criteria require
    the subject to hold already."""
    held = sorted({str(c.params["award"]) for c in root.leaves() if c.kind == "holds_award"})
    first = year - window
    return [AwardGrant(subject=subject, award=a, decided_on=dt.date(first, 6, 1),
                       decision=f"{i + 1}/QĐ-UBND", achievement_years=(first - 1,))
            for i, a in enumerate(held)]


def plant_one_title_short(ladder: Ladder, award: str, year: int, *, subject: str = "subject",
                          recipient: Recipient | str | None = None, title_leaf: int = 0,
                          ) -> tuple[list[YearRecord], list[AwardGrant]]:
    """Records and grants that leave ``subject`` exactly one title short of ``award``
    in proposal ``year``: with one more title of the kind the award counts it would be
    eligible (or eligible subject to unconfirmed law), as it is, the only unmet
    condition is that title count, short by one.

    Which title and how many come from the award's criteria in the catalogue
    (``title_in_a_row`` or ``title_count_in_span``; ``title_leaf`` picks one when there
    are several). Raises :class:`~hypothesis.errors.InvalidArgument` for an award whose
    criteria count no title, or that cannot be planted this way.
    """
    _, records, grants = _plant(ladder, award, year, subject, recipient, title_leaf)
    return records, grants


def _plant(ladder: Ladder, award: str, year: int, subject: str,
           recipient: Recipient | str | None, title_leaf: int,
           ) -> tuple[Recipient, list[YearRecord], list[AwardGrant]]:
    from thidua.rules.ladder import Verdict

    try:
        a = ladder.catalogue[award]
    except ThiduaError as exc:
        raise InvalidArgument(f"one_title_short={award!r}: {exc}") from None
    rec = _recipient(recipient) if recipient is not None else next(
        (r for r in sorted(a.recipients)
         if (reg := a.regime_on(ladder.judged_on(year))) and reg.criteria(r)), None)
    regime = a.regime_on(ladder.judged_on(year))
    root = regime.criteria(rec) if regime is not None and rec is not None else None
    if rec is None or root is None:
        raise InvalidArgument(f"one_title_short={award!r}: the award has no criteria in "
                              f"force for proposals of {year}")
    leaves = _title_leaves(root)
    if not leaves:
        raise InvalidArgument(f"one_title_short={award!r}: its criteria for {year} count no "
                              f"title (kinds {', '.join(_TITLE_KINDS)})")
    target = leaves[title_leaf % len(leaves)]
    window = _window(root)
    times = int(target.params["times"])
    grants = _grants(subject, root, year, window)
    for profile in _PROFILES:
        def titles_with(k: int, profile: _Profile = profile) -> dict[int, set[str]]:
            out: dict[int, set[str]] = {}
            for leaf in leaves:
                n = k if leaf is target else int(leaf.params["times"])
                for y in _title_years(leaf, year, n):
                    out.setdefault(y, set()).add(str(leaf.params["title"]))
            return out

        def judge(k: int, profile: _Profile = profile) -> Any:
            records = _records(subject, rec, year, window, profile, titles_with(k))
            history = ladder.history_of(subject, rec, records, grants)
            return records, ladder.eligibility(history, award, year)

        _, full = judge(times)
        if full.verdict not in (Verdict.ELIGIBLE, Verdict.UNCONFIRMED):
            continue
        records, short = judge(times - 1)
        unmet = {c.id: c.shortfall for c in short.unmet}
        if short.verdict is Verdict.NOT_ELIGIBLE and unmet.get(target.id) == 1:
            return rec, records, grants
    raise InvalidArgument(f"one_title_short={award!r}: no history found in which only "
                          f"{target.id!r} ({target.params['title']} × {times}) decides")


@st.composite
def histories(draw: st.DrawFn, *, ladder: Ladder | None = None,
              recipient: Recipient | str | None = None,
              year: int | st.SearchStrategy[int] | None = None, max_years: int = 8,
              one_title_short: str | None = None, subject: str | None = None) -> History:
    """A subject's achievements as the award ladder reads them.

    At random: up to ``max_years`` yearly records ending in ``year`` (grades, titles of
    the catalogue given to the subject's kind, initiatives, member counts of a
    collective) and a few decided awards. With ``one_title_short=AWARD``: the history
    of :func:`plant_one_title_short`, so ``ladder.eligibility(h, AWARD, year)`` is not
    eligible by exactly one title. ``ladder`` defaults to the built-in catalogue's.
    """
    from thidua.rules.ladder import INITIATIVE_SCOPES, Recipient

    lad = ladder if ladder is not None else _default_ladder()
    y = year if isinstance(year, int) else draw(year if year is not None
                                                else st.integers(2015, 2030))
    sid = subject if subject is not None else draw(base.identifiers(prefix="e"))
    if one_title_short is not None:
        planted, records, grants = _plant(lad, one_title_short, y, sid, recipient,
                                          draw(st.integers(0, 3)))
        return lad.history_of(sid, planted, records, grants)
    rec = _recipient(recipient) if recipient is not None else draw(st.sampled_from(Recipient))
    if not 1 <= max_years <= 60:
        raise InvalidArgument(f"histories(max_years={max_years}) must be within 1..60")
    titles = sorted(t for t in lad.catalogue.titles() if rec in lad.catalogue[t].recipients)
    forms = sorted(a.id for a in lad.catalogue.values()
                   if a.id not in titles and rec in a.recipients)
    span = draw(st.integers(1, max_years))
    years_ = sorted(draw(st.sets(st.integers(y - span + 1, y), min_size=1, max_size=span)))
    grade = st.sampled_from([Assessment.EXCELLENT, Assessment.GOOD, Assessment.GOOD,
                             Assessment.COMPLETED, Assessment.NOT_COMPLETED])
    records = []
    for ry in years_:
        g = draw(grade)
        n_init = draw(st.integers(0, 2))
        records.append(YearRecord(
            subject=sid, year=ry, assessment=g,
            titles=(draw(st.lists(st.sampled_from(titles), max_size=2, unique=True))
                    if titles and g.at_least(Assessment.GOOD) else []),
            initiatives=n_init,
            initiative_scope=draw(st.sampled_from(INITIATIVE_SCOPES)) if n_init else None,
            members=(draw(base.member_stats(max_total=60))
                     if rec is Recipient.COLLECTIVE else None)))
    grants = []
    for ay in draw(st.lists(st.sampled_from(years_), max_size=2, unique=True)):
        if not forms:
            break
        grants.append(AwardGrant(
            subject=sid, award=draw(st.sampled_from(forms)),
            decided_on=draw(st.dates(dt.date(ay + 1, 1, 1), dt.date(ay + 1, 12, 31))),
            decision=f"{draw(st.integers(1, 9999))}/QĐ-UBND", achievement_years=(ay,),
            proposed=draw(st.booleans())))
    return lad.history_of(sid, rec, records, grants)


# -- dossiers ----------------------------------------------------------------------------------

@st.composite
def dossiers(draw: st.DrawFn, /, plan: Plan | str | None = None, *,
             one_title_short: str | None = None, ladder: Ladder | None = None,
             **knobs: Any) -> Dossier:
    """A realistic dossier (:func:`thidua.testing.strategies.dossiers`, which takes
    ``year``, ``late``, ``over_quota`` and the other knobs) in which, with
    ``one_title_short=AWARD``, one exemplar of the kind the award is given to has
    records that leave it exactly one title short of it in the dossier's year (the
    other exemplars keep their random histories)."""
    d = draw(base.dossiers(plan, **knobs))
    if one_title_short is None:
        return d
    from thidua.rules.ladder import Recipient

    lad = ladder if ladder is not None else _default_ladder()
    years = d.years()
    if isinstance(knobs.get("year"), int):
        year = int(knobs["year"])
    elif d.submissions:
        year = d.submissions[0].year
    elif years:
        year = years[-1]
    else:
        raise InvalidArgument("dossiers(one_title_short=...): the dossier has no year; "
                              "give year=")
    try:
        award = lad.catalogue[one_title_short]
    except ThiduaError as exc:
        raise InvalidArgument(f"one_title_short={one_title_short!r}: {exc}") from None
    kinds = {Recipient.INDIVIDUAL: (ExemplarKind.INDIVIDUAL,),
             Recipient.COLLECTIVE: (ExemplarKind.COLLECTIVE, ExemplarKind.MODEL)}
    regime = award.regime_on(lad.judged_on(year))
    wanted = [k for r in sorted(award.recipients)
              if regime is not None and regime.criteria(r) is not None for k in kinds[r]]
    if not wanted:
        raise InvalidArgument(f"one_title_short={one_title_short!r}: the award has no "
                              f"criteria in force for proposals of {year}")
    candidates = [e for e in d.exemplars if e.kind in wanted]
    exemplars = list(d.exemplars)
    if candidates:
        chosen = draw(st.sampled_from(candidates))
    else:
        chosen = Exemplar(id=f"e-one-short-{len(exemplars) + 1}",
                          name=draw(base.vietnamese_names(kind="person")), kind=wanted[0],
                          unit=d.units[-1].id)
        exemplars.append(chosen)
    from thidua.rules.ladder import recipient_of

    _, records, grants = _plant(lad, one_title_short, year, chosen.id,
                                recipient_of(chosen.kind), draw(st.integers(0, 3)))
    return attrs.evolve(
        d, exemplars=exemplars,
        records=[r for r in d.records if r.subject != chosen.id] + records,
        awards=[a for a in d.awards if a.subject != chosen.id] + grants)


# -- calendars ---------------------------------------------------------------------------------

_SWAP_NAMES = ("Nghỉ bù Tết Nguyên đán", "Nghỉ bù Quốc khánh", "Nghỉ bù Giỗ Tổ Hùng Vương",
               "Nghỉ bù ngày Chiến thắng 30/4")


@st.composite
def calendars(draw: st.DrawFn, *, years: Sequence[int] | st.SearchStrategy[int] | None = None,
              max_swaps: int = 3, base_calendar: WorkingCalendar | None = None,
              source: str = "calendars()") -> WorkingCalendar:
    """A working-day calendar with up to ``max_swaps`` random announced changes in
    ``years`` (default 2020–2030): a swap gives a working weekday off (nghỉ bù) and
    makes a weekend day of the same year within two weeks of it a working day (làm bù),
    as the Prime Minister announces around holidays; some changes come alone. Announced
    days are on distinct dates and always change the day they name."""
    cal = base_calendar if base_calendar is not None else _host().calendar
    year = (st.sampled_from(list(years)) if isinstance(years, Sequence) else
            years if years is not None else st.integers(2020, 2030))
    days: dict[dt.date, CalendarDay] = {}
    for _ in range(draw(st.integers(0, max_swaps))):
        y = draw(year)
        off = draw(st.dates(dt.date(y, 1, 1), dt.date(y, 12, 31)).filter(
            lambda d: cal.is_working_day(d) and d not in days))
        how = draw(st.sampled_from(("swap", "swap", "day_off", "working_day")))
        name = draw(st.sampled_from(_SWAP_NAMES))
        if how in ("swap", "day_off"):
            days[off] = CalendarDay(date=off, kind=DayKind.DAY_OFF, name=name,
                                    name_en="announced day off", source=source)
        if how in ("swap", "working_day"):
            near = [off + dt.timedelta(days=i) for i in range(-14, 15)]
            weekend = [d for d in near if d.year == y and d.weekday() >= 5
                       and not cal.is_working_day(d) and d not in days]
            if weekend:
                on = draw(st.sampled_from(weekend))
                days[on] = CalendarDay(date=on, kind=DayKind.WORKING_DAY,
                                       name=f"Làm bù cho ngày {off:%d/%m/%Y}",
                                       name_en="announced working day", source=source)
    return cal.with_days(sorted(days.values(), key=lambda d: d.date))


# -- parameter patches -------------------------------------------------------------------------

def _value(kind: ParameterKind, choices: Sequence[str], max_value: int,
           years: tuple[int, int]) -> st.SearchStrategy[ParameterValue]:
    """A realistic value of ``kind`` (small counts, days of the year, dates in ``years``)."""
    if kind is ParameterKind.RANGE:
        return st.integers(0, max_value).flatmap(
            lambda lo: st.builds(Range, st.just(lo), st.none() | st.integers(lo, max_value)))
    if kind is ParameterKind.MONTH_DAY:
        return base.month_days()
    if kind is ParameterKind.BOOL:
        return st.booleans()
    if kind is ParameterKind.CHOICE:
        return st.sampled_from(list(choices))
    if kind is ParameterKind.DATE:
        return st.dates(dt.date(years[0], 1, 1), dt.date(years[1], 12, 31))
    if kind is ParameterKind.INT:
        return st.integers(0, max_value)
    if kind is ParameterKind.MONEY:
        return st.integers(0, 10**9)
    if kind is ParameterKind.DECIMAL:
        return st.decimals(min_value=0, max_value=100, places=2).map(Decimal)
    return base.vietnamese_names(kind="place")


@st.composite
def parameter_overrides(draw: st.DrawFn, plan: Plan | str | None = None, *,
                        parameters: Sequence[str] | None = None, max_size: int = 3,
                        source: str = "test-plugin", max_value: int = 20,
                        ) -> list[ParameterOverride]:
    """Up to ``max_size`` valid overrides of distinct parameters of ``plan`` (default:
    the built-in reference plan), as a plugin's ``thidua_parameter_overrides`` returns
    them: values of each parameter's kind (ranges with min ≤ max up to ``max_value``,
    days of the year, one of a choice's options …) from dates inside the plan's years,
    sometimes one-year exceptions and an ``until``, each citing a decision.

    ``parameters`` limits the ids drawn from (default: every parameter but the plan's
    in-force dates, which would move the years the plan applies to). Each override is
    accepted by :meth:`~thidua.parameters.ParameterOverride.apply` on its parameter.
    """
    from thidua.plan import IN_FORCE_FROM, IN_FORCE_UNTIL

    the_plan = _plan(plan)
    store = the_plan.parameters
    pool = (list(parameters) if parameters is not None else
            sorted(p for p in store if p not in (IN_FORCE_FROM, IN_FORCE_UNTIL)))
    unknown = [p for p in pool if p not in store]
    if unknown:
        raise InvalidArgument(f"parameter_overrides(parameters=...): plan {the_plan.id!r} "
                              f"has no parameter {', '.join(map(repr, unknown))}")
    if not pool:
        return []
    first, last = _plan_years(the_plan)
    chosen = draw(st.lists(st.sampled_from(pool), max_size=max_size, unique=True))
    out = []
    for pid in chosen:
        p: Parameter = store[pid]
        value = _value(p.kind, p.choices, max_value, (first, last))
        starts = sorted(draw(st.lists(st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31)),
                                      min_size=0, max_size=2, unique=True)))
        exception_years = draw(st.lists(st.integers(first, last), unique=True,
                                        min_size=0 if starts else 1, max_size=2))
        values = [DatedValue(value=draw(value), effective_from=d) for d in starts]
        values += [DatedValue(value=draw(value), year=y,
                              note=draw(st.sampled_from(("", "chỉ áp dụng năm này"))))
                   for y in exception_years]
        until = (draw(st.none() | st.dates(starts[-1], dt.date(last, 12, 31)))
                 if starts else None)
        clause = draw(st.sampled_from(("Điều 1", "Điều 2 khoản 1", "II.1", "mục 3")))
        ov = ParameterOverride(
            parameter=pid, values=tuple(values), source=source, until=until,
            citation=Citation(clause=clause, document="Quyết định của UBND tỉnh (thử nghiệm)"),
            status=draw(st.sampled_from(ParameterStatus)))
        assert not ov.problems(p), ov.problems(p)  # valid by construction
        out.append(ov)
    return out

