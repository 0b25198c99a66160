"""Property tests of the plan rules: adding an on-time, in-quota list never adds an
error; findings do not depend on the order of the dossier's lists; every finding cites
a clause; on-time, in-quota lists are never flagged."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from _rules_helpers import (
    COMMUNES,
    base_exemplars,
    base_movements,
    base_units,
    engine,
    exemplar_ids,
    sub,
)
from thidua.model import Dossier, Submission
from thidua.serialization import finding_to_dict

PLAN = "vn-hy-district-exemplars-2022"
ENGINE = engine()
PLAN_OBJ = ENGINE.plans[PLAN]


def _due(parameter: str, year: int) -> dt.date:
    """The due day of a seed deadline in ``year``, from the plan's own data."""
    params = PLAN_OBJ.parameters.for_year(year)
    from thidua.rules.deadlines import deadline_specs

    spec = next(s for s in deadline_specs(PLAN_OBJ) if s.parameter == parameter)
    d = spec.resolve(params, ENGINE.calendar, year)
    assert d is not None
    return d.due


def _quota(parameter: str, year: int) -> tuple[int, int]:
    r = PLAN_OBJ.parameters.for_year(year).range(parameter)
    assert r.max is not None
    return r.min, r.max


years = st.sampled_from([2022, 2023, 2024, 2025])


@st.composite
def dated(draw: st.DrawFn, year: int) -> dt.date | None:
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    return draw(st.dates(min_value=dt.date(year, 1, 1), max_value=dt.date(year, 7, 31)))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[int, Dossier]:
    """A year and a dossier of the test district with random lists (some missing, some
    late, some over or under quota, some drafts, a district list picking at random)."""
    year = draw(years)
    honoured = draw(st.sets(st.sampled_from(["pt-van-hoa", "pt-ngheo"])))
    subs: list[Submission] = []
    for unit in (*COMMUNES, "phong-vhtt", "phong-ld"):
        if draw(st.booleans()):
            n = draw(st.integers(0, 9))
            subs.append(sub(f"s-{unit}", unit, "huyen", draw(dated(year)),
                            exemplar_ids(unit, n), year=year))
    if draw(st.booleans()):
        everyone = [e for u in (*COMMUNES, "phong-vhtt", "phong-ld") for e in exemplar_ids(u)]
        picks = draw(st.lists(st.sampled_from(everyone), unique=True, max_size=18))
        attach = draw(st.sampled_from([[], ["ke_hoach_boi_duong"]]))
        subs.append(sub("s-huyen", "huyen", "so-noi-vu", draw(dated(year)), picks,
                        year=year, attachments=attach))
    d = Dossier(plan=PLAN, units=base_units(), movements=base_movements(),
                exemplars=base_exemplars(honoured_movements=honoured), submissions=subs)
    return year, d


def _errors(d: Dossier, year: int) -> set[str]:
    report = ENGINE.evaluate(d, year)
    return {json.dumps(finding_to_dict(f), sort_keys=True, ensure_ascii=False)
            for f in report.findings if f.severity.value == "error"}


@given(scenario=scenarios(), data=st.data())
def test_adding_an_on_time_in_quota_list_never_adds_an_error(
        scenario: tuple[int, Dossier], data: st.DataObject) -> None:
    year, d = scenario
    senders = {s.from_unit for s in d.submissions}
    free = [c for c in COMMUNES if c not in senders]
    if not free:
        d = d.with_submissions(s for s in d.submissions if s.from_unit != COMMUNES[0])
        free = [COMMUNES[0]]
    commune = data.draw(st.sampled_from(free))
    lo, hi = _quota("registration.commune.quota", year)
    n = data.draw(st.integers(lo, hi))
    due = _due("registration.commune.deadline", year)
    on = data.draw(st.dates(min_value=dt.date(year, 1, 1), max_value=due))
    before = _errors(d, year)
    added = d.with_submissions([*d.submissions, sub(f"s-new-{commune}", commune, "huyen", on,
                                                    exemplar_ids(commune, n), year=year)])
    after = _errors(added, year)
    assert after <= before


@given(scenario=scenarios(), seed=st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_lists(scenario: tuple[int, Dossier],
                                                      seed: object) -> None:
    import random

    assert isinstance(seed, random.Random)
    year, d = scenario

    def shuffled(items: tuple) -> list:  # type: ignore[type-arg]
        out = list(items)
        seed.shuffle(out)  # type: ignore[attr-defined]
        return out

    other = Dossier(plan=d.plan, units=shuffled(d.units), movements=shuffled(d.movements),
                    exemplars=shuffled(d.exemplars), submissions=shuffled(d.submissions))
    first = [finding_to_dict(f) for f in ENGINE.evaluate(d, year).findings]
    again = [finding_to_dict(f) for f in ENGINE.evaluate(d, year).findings]
    moved = [finding_to_dict(f) for f in ENGINE.evaluate(other, year).findings]
    assert first == again == moved


@given(scenario=scenarios())
def test_every_finding_cites_a_clause_and_on_time_in_quota_lists_are_clean(
        scenario: tuple[int, Dossier]) -> None:
    year, d = scenario
    report = ENGINE.evaluate(d, year)
    for f in report.findings:
        assert f.rule
        assert f.clause
        assert f.message_vi
        assert f.message_en
        assert f.subject
    lo, hi = _quota("registration.commune.quota", year)
    due = _due("registration.commune.deadline", year)
    flagged = {f.subject for f in report.findings
               if f.rule in ("registration.quota", "registration.deadline")}
    for s in d.submissions:
        if (s.from_unit in COMMUNES and s.submitted_on is not None and s.submitted_on <= due
                and lo <= len(s.exemplars) <= hi):
            assert s.id not in flagged
