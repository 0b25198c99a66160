"""Invariants of the award ladder, checked with Hypothesis.

* eligibility is monotone: a better year, an extra title, more initiatives or better
  member counts never make an eligible subject ineligible (nor lower any outcome);
* the batch path gives the one-subject path's findings;
* applying a roadmap's steps to the history makes the subject eligible in the roadmap's
  year, and in no earlier year;
* bonus amounts are whole, non-negative đồng.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from _ladder_helpers import CSTDCS, CSTDT, LDTT, SUBJECT, grant, history, ladder, rec
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.rules.ladder import (
    INITIATIVE_SCOPES,
    Outcome,
    Recipient,
    Verdict,
    roadmap_for,
    round_bonus,
)

GRADES = list(Assessment)
TITLES = (LDTT, CSTDCS, CSTDT)
FORMS = ("bang_khen_tinh", "bang_khen_thu_tuong")


def _judged_awards(recipient: Recipient) -> list[str]:
    return [a.id for a in ladder().applicable(recipient)
            if any(r.criteria(recipient) is not None for r in a.regimes)]


INDIVIDUAL_AWARDS = _judged_awards(Recipient.INDIVIDUAL)
COLLECTIVE_AWARDS = _judged_awards(Recipient.COLLECTIVE)


@st.composite
def year_records(draw: st.DrawFn, first: int = 2015, last: int = 2024,
                 collective: bool = False) -> list[YearRecord]:
    years = sorted(draw(st.sets(st.integers(first, last), max_size=last - first + 1)))
    out = []
    for y in years:
        initiatives = draw(st.integers(0, 2))
        scope = draw(st.sampled_from(INITIATIVE_SCOPES)) if initiatives else None
        members = None
        if collective and draw(st.booleans()):
            total = draw(st.integers(1, 12))
            members = MemberStats(total=total, completed=draw(st.integers(0, total)),
                                  lao_dong_tien_tien=draw(st.integers(0, total)),
                                  chien_si_thi_dua_co_so=draw(st.integers(0, total)),
                                  disciplined=draw(st.integers(0, total)))
        titles = () if collective else tuple(sorted(draw(st.sets(st.sampled_from(TITLES)))))
        out.append(rec(y, draw(st.sampled_from(GRADES)), *titles, initiatives=initiatives,
                       scope=scope, members=members))
    return out


@st.composite
def grants(draw: st.DrawFn, last: dt.date = dt.date(2025, 12, 31)) -> list[AwardGrant]:
    chosen = draw(st.lists(st.tuples(st.sampled_from(FORMS),
                                     st.dates(dt.date(2015, 1, 1), last)), max_size=3))
    return [grant(award, day) for award, day in chosen]


@st.composite
def improvements(draw: st.DrawFn, records: list[YearRecord]) -> list[YearRecord]:
    """``records`` made better in one way."""
    out = list(records)
    years = {r.year for r in out}
    choice = draw(st.sampled_from(["grade", "title", "initiative", "new_year"]))
    if choice == "new_year" or not out:
        free = [y for y in range(2015, 2025) if y not in years]
        if not free:
            return out
        out.append(rec(draw(st.sampled_from(free)), draw(st.sampled_from(GRADES)),
                       *draw(st.sets(st.sampled_from(TITLES)))))
        return out
    i = draw(st.integers(0, len(out) - 1))
    r = out[i]
    if choice == "grade":
        better = [g for g in GRADES if g.rank > r.assessment.rank]
        if better:
            out[i] = attrs.evolve(r, assessment=draw(st.sampled_from(better)))
    elif choice == "title":
        missing = [t for t in TITLES if t not in r.titles]
        if missing:
            out[i] = attrs.evolve(r, titles=(*r.titles, draw(st.sampled_from(missing))))
    else:
        wider = INITIATIVE_SCOPES.index(r.initiative_scope) if r.initiative_scope else 0
        scope = draw(st.sampled_from(INITIATIVE_SCOPES[wider:]))
        out[i] = attrs.evolve(r, initiatives=r.initiatives + 1, initiative_scope=scope)
    return out


def _rank(records: list[YearRecord], gs: list[AwardGrant], award: str, year: int,
          recipient: str = "individual") -> int:
    outcome = ladder().outcome(history(records, gs, recipient=recipient), award, year)
    return -1 if outcome is None else outcome.rank


@given(data=st.data(), records=year_records(), gs=grants(),
       award=st.sampled_from(INDIVIDUAL_AWARDS), year=st.integers(2018, 2025))
def test_eligibility_is_monotone_for_individuals(data: st.DataObject,
                                                 records: list[YearRecord],
                                                 gs: list[AwardGrant], award: str,
                                                 year: int) -> None:
    better = data.draw(improvements(records))
    before = _rank(records, gs, award, year)
    after = _rank(better, gs, award, year)
    assert after >= before
    if ladder().eligibility(history(records, gs), award, year).eligible:
        assert ladder().eligibility(history(better, gs), award, year).eligible


@given(data=st.data(), records=year_records(), gs=grants(),
       award=st.sampled_from(INDIVIDUAL_AWARDS), year=st.integers(2018, 2025))
def test_an_earlier_or_extra_award_never_hurts(data: st.DataObject, records: list[YearRecord],
                                              gs: list[AwardGrant], award: str,
                                              year: int) -> None:
    extra = data.draw(grants())
    assert _rank(records, [*gs, *extra], award, year) >= _rank(records, gs, award, year)
    earlier = [attrs.evolve(g, decided_on=g.decided_on - dt.timedelta(days=400)) for g in gs]
    assert _rank(records, earlier, award, year) >= _rank(records, gs, award, year)


@given(data=st.data(), records=year_records(collective=True),
       award=st.sampled_from(COLLECTIVE_AWARDS), year=st.integers(2018, 2025))
def test_eligibility_is_monotone_for_collective_member_counts(
        data: st.DataObject, records: list[YearRecord], award: str, year: int) -> None:
    with_members = [i for i, r in enumerate(records) if r.members is not None]
    if not with_members:
        return
    i = data.draw(st.sampled_from(with_members))
    m = records[i].members
    assert m is not None
    field = data.draw(st.sampled_from(["completed", "lao_dong_tien_tien",
                                       "chien_si_thi_dua_co_so"]))
    better_members = attrs.evolve(m, **{field: m.total})
    better = list(records)
    better[i] = attrs.evolve(records[i], members=better_members)
    fewer_disciplined = list(records)
    fewer_disciplined[i] = attrs.evolve(records[i], members=attrs.evolve(m, disciplined=0))
    before = _rank(records, [], award, year, "collective")
    assert _rank(better, [], award, year, "collective") >= before
    assert _rank(fewer_disciplined, [], award, year, "collective") >= before


@given(records=year_records(), gs=grants(), year=st.integers(2017, 2026))
def test_batch_and_single_paths_agree(records: list[YearRecord], gs: list[AwardGrant],
                                      year: int) -> None:
    h = history(records, gs)
    assert list(ladder().iter_findings([h], year)) == \
        [r.to_finding() for r in ladder().ladder(h, year)]


@settings(max_examples=25)
@given(records=year_records(last=2023), gs=grants(last=dt.date(2023, 12, 31)),
       target=st.sampled_from(INDIVIDUAL_AWARDS))
def test_roadmap_steps_make_the_subject_eligible_in_that_year_and_no_earlier(
        records: list[YearRecord], gs: list[AwardGrant], target: str) -> None:
    start = 2024
    lad = ladder()
    rm = roadmap_for(lad, SUBJECT, "individual", records, gs, target, start=start)
    assert rm.reachable, rm.reason_en
    assert rm.year is not None
    assert rm.year >= start - 1
    h = history([*records, *rm.records()], [*gs, *rm.grants()])
    outcome = lad.outcome(h, target, rm.year)
    assert outcome is not None
    assert outcome is not Outcome.UNMET
    if rm.verdict is Verdict.ELIGIBLE:
        assert outcome is Outcome.MET
    for earlier in range(start - 1, rm.year):
        assert lad.outcome(h, target, earlier) is Outcome.UNMET, earlier


@given(award=st.sampled_from(sorted(ladder().catalogue)),
       day=st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)),
       recipient=st.sampled_from(list(Recipient)))
def test_amounts_are_whole_non_negative_dong(award: str, day: dt.date,
                                            recipient: Recipient) -> None:
    a = ladder().amount(award, day, recipient)
    if a.amount is None:
        assert a.problem_en
        assert a.problem_vi
    else:
        assert type(a.amount) is int
        assert a.amount >= 0
        assert a.base_salary is not None
        assert a.coefficient is not None


@given(raw=st.decimals(min_value=0, max_value=10**10, places=2),
       unit=st.sampled_from([1, 1000, 10_000]), rule=st.sampled_from(["nearest", "up", "none"]))
def test_rounding_is_whole_and_close(raw: Decimal, unit: int, rule: str) -> None:
    out = round_bonus(raw, rule, unit)
    assert type(out) is int
    assert out >= 0
    if rule == "none":
        assert abs(out - raw) <= Decimal("0.5")
    else:
        assert out % unit == 0
        if rule == "up":
            assert raw <= out < raw + unit
        else:
            assert abs(out - raw) <= Decimal(unit) / 2
