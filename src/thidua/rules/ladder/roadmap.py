"""Roadmaps: the earliest year a subject can reach an award, and the steps to it.

The plan's clause II.1.e asks units to "build a roadmap for exemplars to reach the
criteria of State-level awards". Given a subject's history up to the year before
``start`` and a target award, :func:`roadmap_for` assumes the subject achieves, from
``start`` on, whatever is required, and finds:

1. **the earliest proposal year**: years from ``start`` are filled with the best
   possible results (excellent, the initiatives and member counts the criteria ask
   for, every intermediate title the subject is then eligible for, and every
   intermediate award proposed as soon as it is eligible and decided on its judging
   day); the first year whose proposal the target accepts is the earliest possible,
   because every criterion is monotone;
2. **the steps**: that plan is then lowered greedily — intermediate awards left out,
   titles dropped, initiatives and grades lowered, latest year first — as long as the
   target is still reached in that year. What remains is a sufficient plan in which
   no single requirement can be lowered.

Applying the steps (:meth:`Roadmap.records`, :meth:`Roadmap.grants`) to the history
makes the subject eligible in the roadmap's year and in no earlier one. A target is
"unreachable" when no year within the horizon (parameter ``ladder.roadmap.horizon``)
works, with the reason: criteria that cannot be checked, or what is still missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from thidua.errors import RuleError, ThiduaError
from thidua.model.base import nfc
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.rules.ladder.catalogue import AwardCategory, AwardType
from thidua.rules.ladder.criteria import kind_of
from thidua.rules.ladder.eligibility import ConditionResult, Outcome, Verdict
from thidua.rules.ladder.history import INITIATIVE_SCOPES, Recipient

if TYPE_CHECKING:
    from thidua.rules.ladder.eligibility import Ladder

__all__ = ["HORIZON", "Roadmap", "RoadmapStep", "roadmap_for"]

HORIZON = "ladder.roadmap.horizon"
"""Parameter: how many years ahead a roadmap searches."""

_GRADES: tuple[Assessment | None, ...] = (None, *Assessment)
"""Grades from "no record" up to excellent (the order the greedy lowering tries)."""


@attrs.frozen(kw_only=True)
class RoadmapStep:
    """What one year of the roadmap requires (the year before ``start`` appears only
    when an award is to be proposed on its recorded results)."""

    year: int
    assessment: Assessment | None
    """The lowest grade that keeps the roadmap (None: no requirement that year, or a
    year already recorded)."""
    initiatives: int = 0
    """Initiatives to have recognised that year."""
    initiative_scope: str | None = None
    """The scope they must reach."""
    members: MemberStats | None = None
    """Member counts a collective needs that year."""
    titles: tuple[str, ...] = ()
    """Titles to earn for that year."""
    proposals: tuple[str, ...] = ()
    """Intermediate awards to propose on that year's results."""
    decided_on: dt.date | None = None
    """When those proposals are assumed decided (the year's judging day)."""


@attrs.frozen(kw_only=True)
class Roadmap:
    """The way from a subject's history to a target award."""

    subject: str
    recipient: Recipient
    target: str
    name_vi: str
    name_en: str
    start: int
    """The first year planned (results before it are the recorded history)."""
    reachable: bool
    year: int | None = None
    """The earliest proposal year (None if unreachable)."""
    judged_on: dt.date | None = None
    """The day that proposal is judged."""
    verdict: Verdict | None = None
    """``eligible``, or ``unconfirmed`` when the way rests on unconfirmed law."""
    steps: tuple[RoadmapStep, ...] = ()
    reason_vi: str = ""
    """Why the target is unreachable."""
    reason_en: str = ""
    unmet: tuple[ConditionResult, ...] = ()
    """For an unreachable target: what is still missing at the horizon."""

    def records(self) -> tuple[YearRecord, ...]:
        """The yearly records the steps describe (years with a requirement)."""
        return tuple(
            YearRecord(subject=self.subject, year=s.year, assessment=s.assessment,
                       titles=s.titles, initiatives=s.initiatives,
                       initiative_scope=s.initiative_scope, members=s.members)
            for s in self.steps if s.assessment is not None)

    def grants(self) -> tuple[AwardGrant, ...]:
        """The intermediate awards the steps propose, as decided grants."""
        return tuple(
            AwardGrant(subject=self.subject, award=award, decided_on=s.decided_on,
                       achievement_years=(s.year,))
            for s in self.steps if s.decided_on is not None for award in s.proposals)


@attrs.define
class _Year:
    grade: Assessment | None
    initiatives: int
    scope: str | None
    members: MemberStats | None
    titles: frozenset[str]


_NO_YEAR = _Year(grade=None, initiatives=0, scope=None, members=None, titles=frozenset())
"""The year before ``start``: already recorded, only proposals can be made on it."""


class _Planner:
    def __init__(self, ladder: Ladder, subject: str, recipient: Recipient,
                 records: Sequence[YearRecord], grants: Sequence[AwardGrant],
                 target: AwardType, start: int) -> None:
        self.ladder = ladder
        self.subject = subject
        self.recipient = recipient
        self.past = tuple(r for r in records if r.year < start)
        self.grants = tuple(g for g in grants if not g.proposed)
        self.target = target
        self.start = start
        relevant = _relevant(ladder, target, recipient)
        cat = ladder.catalogue
        self.titles = tuple(a for a in relevant if cat[a].category is AwardCategory.TITLE)
        self.forms = tuple(a for a in relevant if cat[a].category is AwardCategory.FORM)
        self.initiatives = max((kind_of(c).initiatives_needed(c)
                                for a in (*relevant, target.id)
                                for r in cat[a].regimes
                                if (root := r.criteria(recipient)) is not None
                                for c in root.leaves()), default=0)
        last = next((r.members for r in sorted(self.past, key=lambda r: -r.year)
                     if r.members is not None), None)
        self.members_total = last.total if last is not None and last.total else None

    # -- plans ---------------------------------------------------------------------
    def best_year(self) -> _Year:
        members = None
        if self.recipient is Recipient.COLLECTIVE:
            n = self.members_total or 100
            members = MemberStats(total=n, completed=n, lao_dong_tien_tien=n,
                                  chien_si_thi_dua_co_so=n, disciplined=0)
        return _Year(grade=Assessment.EXCELLENT, initiatives=self.initiatives,
                     scope=INITIATIVE_SCOPES[-1] if self.initiatives else None,
                     members=members, titles=frozenset(self.titles))

    def realise(self, plan: dict[int, _Year], proposals: frozenset[str],
                until: int) -> tuple[list[YearRecord], list[AwardGrant], bool]:
        """The records and grants the plan gives up to proposal year ``until``: titles
        earned only where eligible, proposals made in the first eligible year before
        ``until``. The flag says whether an unconfirmed condition was relied on."""
        recs = list(self.past)
        grants = list(self.grants)
        held = {g.award for g in grants}
        unconfirmed = False
        for y in range(self.start - 1, until + 1):
            p = plan[y] if y >= self.start else _NO_YEAR
            if p.grade is not None:
                rec = YearRecord(subject=self.subject, year=y, assessment=p.grade,
                                 initiatives=p.initiatives,
                                 initiative_scope=p.scope if p.initiatives else None,
                                 members=p.members)
                earned: list[str] = []
                for t in self.titles:
                    if t not in p.titles:
                        continue
                    trial = attrs.evolve(rec, titles=(*earned, t))
                    o = self._outcome(t, [*recs, trial], grants, y)
                    if o is not None and o is not Outcome.UNMET:
                        earned.append(t)
                        unconfirmed |= o is Outcome.UNCONFIRMED
                recs.append(attrs.evolve(rec, titles=tuple(earned)))
            if y < until:
                for f in self.forms:
                    if f not in proposals or f in held:
                        continue
                    o = self._outcome(f, recs, grants, y)
                    if o is not None and o is not Outcome.UNMET:
                        grants.append(AwardGrant(subject=self.subject, award=f,
                                                 decided_on=self.ladder.judged_on(y),
                                                 achievement_years=(y,)))
                        held.add(f)
                        unconfirmed |= o is Outcome.UNCONFIRMED
        return recs, grants, unconfirmed

    def _outcome(self, award: str, recs: Iterable[YearRecord],
                 grants: Iterable[AwardGrant], year: int) -> Outcome | None:
        h = self.ladder.history_of(self.subject, self.recipient, recs, grants)
        return self.ladder.outcome(h, award, year)

    def reaches(self, plan: dict[int, _Year], proposals: frozenset[str], year: int,
                level: Outcome) -> bool:
        recs, grants, unconf = self.realise(plan, proposals, year)
        o = self._outcome(self.target.id, recs, grants, year)
        if o is None:
            return False
        if unconf and o is Outcome.MET:
            o = Outcome.UNCONFIRMED
        return o.rank >= level.rank

    def earliest(self, horizon: int) -> tuple[int, Outcome] | None:
        plan = {y: self.best_year() for y in range(self.start, self.start + horizon + 1)}
        forms = frozenset(self.forms)
        for year in range(self.start - 1, self.start + horizon + 1):
            for level in (Outcome.MET, Outcome.UNCONFIRMED):
                if self.reaches(plan, forms, year, level):
                    return year, level
        return None

    def lower(self, year: int, level: Outcome) -> tuple[dict[int, _Year], frozenset[str]]:
        """Lower the best plan for ``year`` greedily while the target is still reached."""
        plan = {y: self.best_year() for y in range(self.start, year + 1)}
        proposals = frozenset(self.forms)

        def ok() -> bool:
            return self.reaches(plan, proposals, year, level)

        def drop_forms() -> None:
            nonlocal proposals
            for f in reversed(self.forms):
                if f in proposals:
                    before = proposals
                    proposals = proposals - {f}
                    if not ok():
                        proposals = before

        drop_forms()
        scopes = [(0, None)] + [(k, s) for s in INITIATIVE_SCOPES
                                for k in range(1, self.initiatives + 1)]
        for y in range(year, self.start - 1, -1):
            p = plan[y]
            for t in reversed(self.titles):
                if t in p.titles:
                    p.titles = p.titles - {t}
                    if not ok():
                        p.titles = p.titles | {t}
            current = (p.initiatives, p.scope)
            for k, s in scopes:
                if (k, s) == current:
                    break
                p.initiatives, p.scope = k, s
                if ok():
                    break
                p.initiatives, p.scope = current
            if p.members is not None:
                for field in ("chien_si_thi_dua_co_so", "lao_dong_tien_tien", "completed"):
                    self._lower_members(p, field, ok)
            current_grade = p.grade
            for g in _GRADES:
                if g == current_grade:
                    break
                p.grade = g
                if ok():
                    break
                p.grade = current_grade
        drop_forms()
        return plan, proposals

    @staticmethod
    def _lower_members(p: _Year, field: str, ok: Callable[[], bool]) -> None:
        assert p.members is not None
        lo, hi = 0, getattr(p.members, field)
        full = p.members
        while lo < hi:  # the least count that still works (checks are monotone)
            mid = (lo + hi) // 2
            p.members = attrs.evolve(full, **{field: mid})
            if ok():
                hi = mid
            else:
                lo = mid + 1
        p.members = attrs.evolve(full, **{field: hi})

    def steps(self, plan: dict[int, _Year], proposals: frozenset[str],
              year: int) -> tuple[RoadmapStep, ...]:
        recs, grants, _ = self.realise(plan, proposals, year)
        by_year = {r.year: r for r in recs if r.year >= self.start}
        new = [g for g in grants if g not in self.grants]
        out = []
        for y in range(self.start - 1, year + 1):
            r = by_year.get(y)
            props = tuple(g.award for g in new if g.achievement_years == (y,))
            if y < self.start and not props:
                continue
            out.append(RoadmapStep(
                year=y, assessment=r.assessment if r else None,
                initiatives=r.initiatives if r else 0,
                initiative_scope=r.initiative_scope if r else None,
                members=r.members if r else None, titles=r.titles if r else (),
                proposals=props, decided_on=self.ladder.judged_on(y) if props else None))
        return tuple(out)


def _relevant(ladder: Ladder, target: AwardType, recipient: Recipient) -> tuple[str, ...]:
    """The awards the target's criteria need, transitively, lowest rank first."""
    cat = ladder.catalogue
    found: set[str] = set()
    todo = [target.id]
    while todo:
        a = cat[todo.pop()]
        for r in a.regimes:
            root = r.criteria(recipient)
            if root is None:
                continue
            for c in root.leaves():
                for ref in kind_of(c).references(c):
                    if ref in cat and ref != target.id and ref not in found \
                            and recipient in cat[ref].recipients:
                        found.add(ref)
                        todo.append(ref)
    return tuple(a for a in cat if a in found)


def roadmap_for(ladder: Ladder, subject: str, recipient: Recipient | str,
                records: Sequence[YearRecord], grants: Sequence[AwardGrant], target: str, *,
                start: int, horizon: int | None = None) -> Roadmap:
    """The roadmap of ``subject`` to ``target``, planning the years from ``start`` on.

    ``records`` of years from ``start`` on are ignored (those years are planned);
    proposed grants are ignored (not decided).
    """
    award = ladder.catalogue[target]
    rec = Recipient(recipient)
    if horizon is None:
        try:
            value = ladder.catalogue.parameters[HORIZON].value_for_year(start).value
        except ThiduaError as exc:
            raise RuleError(f"the award catalogue lacks the parameter {HORIZON}: {exc}") from exc
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleError(f"{HORIZON} must be an int parameter")
        horizon = value
    if horizon < 0:
        raise RuleError(f"the roadmap horizon must be 0 or more years, got {horizon}")
    base: dict[str, Any] = {"subject": subject, "recipient": rec, "target": award.id,
            "name_vi": award.name.vi, "name_en": award.name.en, "start": start}
    if rec not in award.recipients:
        kind = {Recipient.INDIVIDUAL: ("cá nhân", "individuals"),
                Recipient.COLLECTIVE: ("tập thể", "collectives")}[rec]
        return Roadmap(**base, reachable=False,
                       reason_vi=nfc(f"“{award.name.vi}” không xét tặng cho {kind[0]}."),
                       reason_en=f"“{award.name.en}” is not given to {kind[1]}.")
    planner = _Planner(ladder, subject, rec, records, grants, award, start)
    found = planner.earliest(horizon)
    if found is None:
        last = start + horizon
        plan = {y: planner.best_year() for y in range(start, last + 1)}
        recs, gr, _ = planner.realise(plan, frozenset(planner.forms), last)
        res = ladder.eligibility(ladder.history_of(subject, rec, recs, gr), award.id, last)
        if res.verdict is Verdict.UNKNOWN:
            reason_vi = (f"Không thể lập lộ trình tới “{award.name.vi}”: chưa có tiêu chuẩn "
                         f"kiểm tra được từ dữ liệu. {res.note_vi}").strip()
            reason_en = (f"No roadmap to “{award.name.en}”: it has no criteria checkable "
                         f"from the data. {res.note_en}").strip()
        else:
            reason_vi = (f"Không đạt được “{award.name.vi}” trong {horizon} năm kể từ {start}, "
                         f"kể cả khi đạt kết quả tốt nhất mỗi năm: "
                         + "; ".join(f"{c.missing_vi} ({c.clause})" for c in res.unmet) + ".")
            reason_en = (f"“{award.name.en}” cannot be reached within {horizon} years from "
                         f"{start}, even with the best results every year: "
                         + "; ".join(f"{c.missing_en} ({c.clause})" for c in res.unmet) + ".")
        return Roadmap(**base, reachable=False, reason_vi=reason_vi, reason_en=reason_en,
                       unmet=res.unmet)
    year, level = found
    plan, proposals = planner.lower(year, level)
    verdict = Verdict.ELIGIBLE if level is Outcome.MET else Verdict.UNCONFIRMED
    return Roadmap(**base, reachable=True, year=year, judged_on=ladder.judged_on(year),
                   verdict=verdict, steps=planner.steps(plan, proposals, year))
