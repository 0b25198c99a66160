"""Eligibility: the worked examples of law-facts.md, each condition short, and the two
paths (one subject, batch) agreeing."""

from __future__ import annotations

import pytest

from _ladder_helpers import (
    CSTDCS,
    CSTDT,
    EXCELLENT,
    GOOD,
    LDTT,
    grant,
    history,
    ladder,
    pm_certificate_case,
    rec,
)
from thidua.data import load_example
from thidua.model.findings import Severity
from thidua.model.records import MemberStats
from thidua.rules.ladder import ELIGIBILITY_RULE, Outcome, Verdict
from thidua.serialization import to_jsonable

PM = "bang_khen_thu_tuong"


# -- the Prime Minister's certificate, Điều 73 khoản 1 điểm b -------------------------

def test_pm_certificate_point_b_eligible() -> None:
    res = ladder().eligibility(pm_certificate_case(), PM, 2024)
    assert res.verdict is Verdict.ELIGIBLE
    assert res.eligible
    assert res.clause == "Điều 73 khoản 1 điểm b"
    assert res.unmet == ()
    assert res.judged_on.isoformat() == "2025-01-01"
    finding = res.to_finding()
    assert finding.rule == ELIGIBILITY_RULE
    assert finding.clause == "Điều 73 khoản 1 điểm b"
    assert "Đủ điều kiện" in finding.message_vi
    assert finding.evidence["eligible"] is True


@pytest.mark.parametrize(("case", "condition", "missing_en", "missing_vi"), [
    ({"bang_khen": False}, "b.bang_khen",
     "does not hold “Certificate of merit of a ministry, sector or province” (bang_khen_tinh)",
     "chưa được tặng “Bằng khen của bộ, ban, ngành, tỉnh”"),
    ({"weak_year": 2023}, "b.years",
     "1 year(s) of 2020–2024 not assessed at least “good completion of duties”",
     "còn 1 năm trong 2020–2024 chưa được đánh giá hoàn thành tốt nhiệm vụ trở lên"),
    ({"titles_in": (2021, 2024)}, "b.cstdcs",
     "needs 1 more “Grassroots emulation fighter” (chien_si_thi_dua_co_so) in 2020–2024",
     "cần thêm 1 lần “Chiến sĩ thi đua cơ sở” trong 2020–2024"),
])
def test_pm_certificate_one_condition_short(case: dict[str, object], condition: str,
                                            missing_en: str, missing_vi: str) -> None:
    res = ladder().eligibility(pm_certificate_case(**case), PM, 2024)  # type: ignore[arg-type]
    assert res.verdict is Verdict.NOT_ELIGIBLE
    assert not res.eligible
    assert [c.id for c in res.unmet] == [condition]
    (unmet,) = res.unmet
    assert unmet.clause == "Điều 73 khoản 1 điểm b"
    assert unmet.missing_en.startswith(missing_en)
    assert unmet.missing_vi.startswith(missing_vi)
    finding = res.to_finding()
    assert missing_en in finding.message_en
    assert missing_vi in finding.message_vi
    assert finding.evidence["unmet"] == condition


def test_a_certificate_decided_after_the_judging_day_is_not_held() -> None:
    records = [rec(y, EXCELLENT, CSTDCS) for y in range(2020, 2025)]
    late = history(records, [grant("bang_khen_tinh", "2025-03-02", 2024)])
    assert ladder().eligibility(late, PM, 2024).verdict is Verdict.NOT_ELIGIBLE
    assert ladder().eligibility(late, PM, 2025).unmet[0].id != "b.bang_khen"


def test_a_proposed_certificate_is_not_held() -> None:
    records = [rec(y, EXCELLENT, CSTDCS) for y in range(2020, 2025)]
    h = history(records, [grant("bang_khen_tinh", "2021-06-10", 2020, proposed=True)])
    assert [c.id for c in ladder().eligibility(h, PM, 2024).unmet] == ["b.bang_khen"]


# -- the Labour Order, 3rd class, Điều 44 khoản 1 điểm e -----------------------------

def _labour_order(*, excellent: bool = True, pm_decided: str = "2019-06-11") -> Verdict:
    records = [rec(2020, GOOD, CSTDCS), rec(2021, EXCELLENT if excellent else GOOD, CSTDCS),
               rec(2022, GOOD), rec(2023, GOOD, CSTDCS), rec(2024, GOOD)]
    h = history(records, [grant("bang_khen_tinh", "2016-06-10"), grant(PM, pm_decided, 2018)])
    return ladder().eligibility(h, "huan_chuong_lao_dong_hang_ba", 2024).verdict


def test_labour_order_third_class_point_e_eligible() -> None:
    assert _labour_order() is Verdict.ELIGIBLE


def test_labour_order_needs_an_excellent_year() -> None:
    records = [rec(2020, GOOD, CSTDCS), rec(2021, GOOD, CSTDCS), rec(2022, GOOD),
               rec(2023, GOOD, CSTDCS), rec(2024, GOOD)]
    h = history(records, [grant(PM, "2019-06-11", 2018)])
    res = ladder().eligibility(h, "huan_chuong_lao_dong_hang_ba", 2024)
    assert [c.id for c in res.unmet] == ["e.excellent"]
    assert res.unmet[0].clause == "Điều 44 khoản 1 điểm e"


def test_labour_order_needs_the_pm_certificate_before_the_five_years() -> None:
    assert _labour_order(pm_decided="2021-06-11") is Verdict.NOT_ELIGIBLE
    assert _labour_order(pm_decided="2020-06-11") is Verdict.ELIGIBLE


# -- the ministry/province certificate, Điều 74 khoản 1 điểm d -----------------------

def test_provincial_certificate_two_grassroots_titles_in_a_row() -> None:
    h = history([rec(2023, EXCELLENT, CSTDCS), rec(2024, EXCELLENT, CSTDCS)])
    res = ladder().eligibility(h, "bang_khen_tinh", 2024)
    assert res.verdict is Verdict.ELIGIBLE
    assert res.clause == "Điều 74 khoản 1 điểm d"


def test_provincial_certificate_ministry_worked_example() -> None:
    # 2023: excellent + 1 initiative, no grassroots title; 2024: excellent + 1 initiative
    # + grassroots fighter → eligible (the Ministry of Home Affairs' answer)
    h = history([rec(2023, EXCELLENT, initiatives=1, scope="co_so"),
                 rec(2024, EXCELLENT, CSTDCS, initiatives=1, scope="co_so")])
    res = ladder().eligibility(h, "bang_khen_tinh", 2024)
    assert res.verdict is Verdict.ELIGIBLE
    assert res.conditions is not None
    d_cstdcs, d_excellent = res.conditions.children
    assert d_cstdcs.outcome is Outcome.UNMET
    assert d_excellent.outcome is Outcome.MET


def test_provincial_certificate_one_initiative_short_names_both_alternatives() -> None:
    h = history([rec(2023, EXCELLENT, initiatives=1), rec(2024, EXCELLENT)])
    res = ladder().eligibility(h, "bang_khen_tinh", 2024)
    assert res.verdict is Verdict.NOT_ELIGIBLE
    assert [c.id for c in res.unmet] == ["d.cstdcs", "d.excellent.initiatives"]
    assert "needs 1 more initiative(s)" in res.unmet[1].missing_en


# -- titles, collectives, regimes ----------------------------------------------------

def test_grassroots_fighter_under_the_2022_law_needs_no_initiative() -> None:
    h = history([rec(2023, EXCELLENT), rec(2024, GOOD, initiatives=1)])
    assert ladder().eligibility(h, CSTDCS, 2024).verdict is Verdict.ELIGIBLE
    assert ladder().eligibility(h, CSTDCS, 2023).verdict is Verdict.ELIGIBLE


def test_grassroots_fighter_before_2024_is_judged_by_the_2003_law() -> None:
    h = history([rec(2022, EXCELLENT)])
    res = ladder().eligibility(h, CSTDCS, 2022)  # judged on 2023-01-01
    assert res.regime_from is not None
    assert res.regime_from.year == 2017
    assert res.verdict is Verdict.NOT_ELIGIBLE
    assert [c.id for c in res.unmet] == ["old.initiative"]


def test_holding_a_lower_award_is_not_required_unless_a_criterion_says_so() -> None:
    # NĐ 152/2025 Điều 4: no certificate of commendation, no advanced-worker title held
    h = history([rec(2023, EXCELLENT, initiatives=1), rec(2024, EXCELLENT, initiatives=1)])
    assert ladder().eligibility(h, "bang_khen_tinh", 2024).eligible
    assert ladder().eligibility(h, CSTDCS, 2024).eligible
    holds = {a.id for a in ladder().catalogue.values() for r in a.regimes
             for root in (r.individual, r.collective) if root is not None
             for c in root.leaves() if c.kind == "holds_award"}
    assert holds == {PM, "huan_chuong_lao_dong_hang_ba"}


def _collective(members: MemberStats | None, grade=EXCELLENT) -> Verdict:  # type: ignore[no-untyped-def]
    h = history([rec(2024, grade, members=members)], recipient="collective")
    return ladder().eligibility(h, "tap_the_lao_dong_xuat_sac", 2024).verdict


def test_excellent_labour_collective_unit_ratios() -> None:
    ok = MemberStats(total=10, completed=10, lao_dong_tien_tien=7, chien_si_thi_dua_co_so=1)
    assert _collective(ok) is Verdict.ELIGIBLE
    assert _collective(MemberStats(total=10, completed=10, lao_dong_tien_tien=6,
                                   chien_si_thi_dua_co_so=1)) is Verdict.NOT_ELIGIBLE
    assert _collective(MemberStats(total=10, completed=10, lao_dong_tien_tien=9)) \
        is Verdict.NOT_ELIGIBLE
    assert _collective(MemberStats(total=10, completed=9, lao_dong_tien_tien=9,
                                   chien_si_thi_dua_co_so=1)) is Verdict.NOT_ELIGIBLE
    assert _collective(ok, GOOD) is Verdict.NOT_ELIGIBLE


def test_missing_member_counts_are_reported_not_guessed() -> None:
    h = history([rec(2024, EXCELLENT)], recipient="collective")
    res = ladder().eligibility(h, "tap_the_lao_dong_xuat_sac", 2024)
    assert res.verdict is Verdict.NOT_ELIGIBLE
    assert any(c.missing_en == "no member counts recorded for 2024" for c in res.unmet)


def test_unconfirmed_criteria_are_never_reported_as_met() -> None:
    members = MemberStats(total=10, completed=10, lao_dong_tien_tien=8)
    h = history([rec(2024, GOOD, members=members)], recipient="collective")
    res = ladder().eligibility(h, "tap_the_lao_dong_tien_tien", 2024)
    assert res.verdict is Verdict.UNCONFIRMED
    assert not res.eligible
    assert res.unconfirmed
    assert res.to_finding().severity is Severity.WARNING
    # the same data under the 2003 Law (verified historical text) is plainly eligible
    old = history([rec(2022, GOOD, members=members)], recipient="collective")
    assert ladder().eligibility(old, "tap_the_lao_dong_tien_tien", 2022).eligible


def test_national_fighter_rests_on_an_unconfirmed_reading() -> None:
    records = [rec(y, EXCELLENT, CSTDCS, LDTT) for y in range(2019, 2025)]
    records[2] = rec(2021, EXCELLENT, CSTDCS, CSTDT, initiatives=1, scope="toan_quoc")
    records[5] = rec(2024, EXCELLENT, CSTDCS, CSTDT)
    res = ladder().eligibility(history(records), "chien_si_thi_dua_toan_quoc", 2024)
    assert res.verdict is Verdict.UNCONFIRMED
    assert [c.id for c in res.unconfirmed] == ["cstdtq.a"]


def test_awards_without_checkable_criteria_are_unknown_and_not_applicable_ones_say_so() -> None:
    h = pm_certificate_case()
    assert ladder().eligibility(h, "giay_khen", 2024).verdict is Verdict.UNKNOWN
    assert ladder().eligibility(h, "anh_hung_lao_dong", 2024).verdict is Verdict.UNKNOWN
    res = ladder().eligibility(h, "tap_the_lao_dong_xuat_sac", 2024)
    assert res.verdict is Verdict.NOT_APPLICABLE
    assert "not given to individuals" in res.to_finding().message_en
    before = ladder().eligibility(h, PM, 2020)  # judged 2021: no criteria encoded then
    assert before.verdict is Verdict.UNKNOWN
    assert "2021-01-01" in before.note_en


def test_ladder_lists_only_awards_for_the_subject_kind_lowest_first() -> None:
    results = ladder().ladder(pm_certificate_case(), 2024)
    ranks = [ladder().catalogue[r.award].rank for r in results]
    assert ranks == sorted(ranks)
    assert "tap_the_lao_dong_xuat_sac" not in {r.award for r in results}


def test_unknown_award_and_subject_raise_clear_errors() -> None:
    from thidua.errors import DossierError, RuleError

    with pytest.raises(RuleError, match="unknown award 'nope'; known awards: giay_khen"):
        ladder().eligibility(pm_certificate_case(), "nope", 2024)
    with pytest.raises(DossierError, match="no exemplar 'x-9'"):
        ladder().history(load_example(), "x-9")


# -- the example dossier and the two paths ------------------------------------------

def test_example_dossier_stories() -> None:
    d = load_example()
    lad = ladder()

    def verdict(subject: str, award: str) -> Verdict:
        return lad.eligibility(lad.history(d, subject), award, 2024).verdict

    assert verdict("e-005", PM) is Verdict.ELIGIBLE
    assert verdict("e-079", PM) is Verdict.ELIGIBLE
    assert verdict("e-018", PM) is Verdict.NOT_ELIGIBLE
    assert verdict("e-012", CSTDCS) is Verdict.NOT_ELIGIBLE
    assert verdict("e-077", "tap_the_lao_dong_xuat_sac") is Verdict.ELIGIBLE


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_batch_findings_equal_the_one_subject_path(year: int) -> None:
    d = load_example()
    lad = ladder()
    histories = lad.histories(d)
    batch = list(lad.iter_findings(histories, year))
    single = [r.to_finding() for h in histories for r in lad.ladder(h, year)]
    assert batch == single
    assert {f.rule for f in batch} == {ELIGIBILITY_RULE}
    # findings never share a mutable evidence dict
    assert len({id(f.evidence) for f in batch}) == len(batch)


def test_batch_for_one_award_only() -> None:
    lad = ladder()
    histories = lad.histories(load_example())
    found = list(lad.iter_findings(histories, 2024, awards=[PM]))
    individuals = [h for h in histories if h.recipient.value == "individual"]
    assert len(found) == len(histories)  # collectives may receive it too (unknown criteria)
    assert sum(f.evidence["eligible"] is True for f in found) >= 2
    assert {f.subject for f in found} >= {h.subject for h in individuals}


def test_result_serialises_with_its_citations() -> None:
    res = ladder().eligibility(pm_certificate_case(bang_khen=False), PM, 2024)
    doc = to_jsonable(res)
    assert doc["eligible"] is False
    assert doc["verdict"] == "not_eligible"
    assert doc["unmet"][0]["clause"] == "Điều 73 khoản 1 điểm b"
    assert doc["conditions"]["children"][0]["outcome"] == "unmet"
    assert doc["judged_on"] == "2025-01-01"
