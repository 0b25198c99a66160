"""Roadmaps: earliest year, the steps, unreachable targets with their reason."""

from __future__ import annotations

import pytest

from _ladder_helpers import CSTDCS, EXCELLENT, GOOD, SUBJECT, grant, history, ladder, rec
from thidua.data import load_example
from thidua.errors import RuleError
from thidua.model.records import Assessment, MemberStats
from thidua.rules.ladder import Recipient, Verdict, roadmap_for


def test_example_roadmap_to_the_pm_certificate() -> None:
    rm = ladder().roadmap(load_example(), "e-018", "bang_khen_thu_tuong")
    assert rm.reachable
    assert rm.year == 2026
    assert rm.start == 2025
    assert rm.verdict is Verdict.ELIGIBLE
    assert rm.judged_on is not None
    assert rm.judged_on.isoformat() == "2027-01-01"
    first = rm.steps[0]
    assert first.year == 2025
    assert first.proposals == ("bang_khen_tinh",)
    assert CSTDCS in first.titles


def test_a_proposal_on_the_last_recorded_year_is_a_step() -> None:
    # e-005 may propose the PM's certificate on her 2024 results at once; then five more
    # years for the Labour Order (its point e: "… and then 5 years")
    rm = ladder().roadmap(load_example(), "e-005", "huan_chuong_lao_dong_hang_ba")
    assert rm.reachable
    assert rm.year == 2029
    assert rm.steps[0].year == 2024
    assert rm.steps[0].assessment is None
    assert rm.steps[0].proposals == ("bang_khen_thu_tuong",)
    assert [s.year for s in rm.steps[1:]] == list(range(2025, 2030))
    assert sum(CSTDCS in s.titles for s in rm.steps) == 3
    assert any(s.assessment is Assessment.EXCELLENT for s in rm.steps)


def test_already_eligible_needs_no_step() -> None:
    rm = ladder().roadmap(load_example(), "e-005", "bang_khen_thu_tuong")
    assert rm.reachable
    assert rm.year == 2024
    assert rm.steps == ()


def test_unreachable_targets_say_why() -> None:
    d = load_example()
    flag = ladder().roadmap(d, "e-077", "co_thi_dua_tinh")
    assert not flag.reachable
    assert flag.year is None
    assert "no criteria checkable from the data" in flag.reason_en
    wrong_kind = ladder().roadmap(d, "e-005", "tap_the_lao_dong_xuat_sac")
    assert not wrong_kind.reachable
    assert "not given to individuals" in wrong_kind.reason_en
    short = ladder().roadmap(d, "e-012", "bang_khen_thu_tuong", horizon=1)
    assert not short.reachable
    assert "within 1 years from 2025" in short.reason_en
    assert short.unmet
    assert all(c.missing_en for c in short.unmet)


def test_collective_roadmap_sets_member_counts() -> None:
    members = MemberStats(total=20, completed=20, lao_dong_tien_tien=10)
    rm = roadmap_for(ladder(), SUBJECT, Recipient.COLLECTIVE,
                     [rec(2024, GOOD, members=members)], [],
                     "tap_the_lao_dong_xuat_sac", start=2025)
    assert rm.reachable
    assert rm.year == 2025
    (step,) = rm.steps
    assert step.assessment is Assessment.EXCELLENT
    assert step.members is not None
    assert (step.members.completed, step.members.lao_dong_tien_tien,
            step.members.chien_si_thi_dua_co_so) == (20, 14, 1)


def test_unconfirmed_way_is_flagged() -> None:
    rm = ladder().roadmap(load_example(), "e-064", "chien_si_thi_dua_toan_quoc")
    assert rm.reachable
    assert rm.verdict is Verdict.UNCONFIRMED


def test_steps_applied_give_eligibility_in_that_year_only() -> None:
    records = [rec(2022, GOOD), rec(2023, EXCELLENT, CSTDCS)]
    rm = roadmap_for(ladder(), SUBJECT, "individual", records, [],
                     "bang_khen_thu_tuong", start=2024)
    assert rm.reachable
    assert rm.year is not None
    h = history([*records, *rm.records()], rm.grants())
    assert ladder().eligibility(h, "bang_khen_thu_tuong", rm.year).eligible
    for earlier in range(2023, rm.year):
        assert not ladder().eligibility(h, "bang_khen_thu_tuong", earlier).eligible


def test_records_from_the_start_year_on_are_planned_not_kept() -> None:
    records = [rec(2023, EXCELLENT, CSTDCS), rec(2024, Assessment.NOT_COMPLETED)]
    rm = roadmap_for(ladder(), SUBJECT, "individual", records,
                     [grant("bang_khen_tinh", "2022-06-01", 2021)], "bang_khen_tinh",
                     start=2024)
    assert rm.reachable
    assert rm.year == 2024


def test_a_negative_horizon_is_refused() -> None:
    with pytest.raises(RuleError, match="horizon must be 0 or more"):
        ladder().roadmap(load_example(), "e-005", "bang_khen_thu_tuong", horizon=-1)
