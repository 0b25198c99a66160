"""Bonus amounts (coefficient × base salary on the decision day, rounded) and the
per-fund budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from _ladder_helpers import ladder
from thidua import Host
from thidua.data import load_example
from thidua.errors import RuleError
from thidua.model.findings import Citation
from thidua.parameters import DatedValue, ParameterOverride, ParameterStatus
from thidua.rules.ladder import Ladder, Recipient, Rounding, round_bonus
from thidua.serialization import to_jsonable

AFTER_152 = dt.date(2025, 8, 1)  # base salary 2,340,000; NĐ 152/2025 coefficients


@pytest.mark.parametrize(("award", "expected"), [
    ("chien_si_thi_dua_toan_quoc", 10_530_000),
    ("chien_si_thi_dua_tinh", 7_020_000),
    ("chien_si_thi_dua_co_so", 2_340_000),
    ("bang_khen_thu_tuong", 8_190_000),
    ("bang_khen_tinh", 3_510_000),
    ("co_thi_dua_chinh_phu", 28_080_000),
    ("huan_chuong_sao_vang", 107_640_000),
])
def test_worked_amounts_at_2340000(award: str, expected: int) -> None:
    a = ladder().amount(award, AFTER_152)
    assert a.base_salary == 2_340_000
    assert a.amount == expected
    assert isinstance(a.amount, int)


def test_the_rounding_rule_is_a_parameter_with_three_readings() -> None:
    # 0.3 × 2,340,000 = 702,000: the open question of law-facts.md
    assert ladder().amount("lao_dong_tien_tien", AFTER_152).amount == 700_000  # default
    for rule, expected in (("up", 710_000), ("none", 702_000), ("nearest", 700_000)):
        ov = ParameterOverride(parameter="bonus.rounding", source="test-rounding",
                               citation=Citation(clause="quyết định thử"),
                               values=(DatedValue(value=rule,
                                                  effective_from=dt.date(2024, 1, 1)),))
        lad = Ladder.from_host(Host(autoload=False), overrides=[ov])
        a = lad.amount("lao_dong_tien_tien", AFTER_152)
        assert a.amount == expected
        assert a.raw == Decimal("702000.0")
        assert a.rounding == rule


def test_rounding_as_nd91_applied_it() -> None:
    # 0.15 × 1,490,000 = 223,500 → "làm tròn là 220.000"
    assert round_bonus(Decimal("0.15") * 1_490_000, "nearest", 10_000) == 220_000
    assert round_bonus(Decimal("225000"), Rounding.NEAREST, 10_000) == 230_000
    assert round_bonus(Decimal("220001"), Rounding.UP, 10_000) == 230_000
    assert round_bonus(Decimal("223500.4"), Rounding.NONE, 10_000) == 223_500
    with pytest.raises(RuleError, match="cannot be negative"):
        round_bonus(Decimal(-1), "none", 1)


@pytest.mark.parametrize(("day", "salary"), [
    ("2019-07-01", 1_490_000), ("2023-06-30", 1_490_000), ("2023-07-01", 1_800_000),
    ("2024-06-30", 1_800_000), ("2024-07-01", 2_340_000), ("2026-03-11", 2_340_000),
])
def test_base_salary_in_force_on_the_decision_day(day: str, salary: int) -> None:
    a = ladder().amount("bang_khen_tinh", dt.date.fromisoformat(day))
    assert a.base_salary == salary
    assert a.base_salary_document.startswith("Nghị định")


def test_no_amount_without_values_in_force() -> None:
    before = ladder().amount("bang_khen_tinh", dt.date(2019, 6, 30))
    assert before.amount is None
    assert "base salary" in before.problem_en
    title_under_nd91 = ladder().amount("chien_si_thi_dua_co_so", dt.date(2023, 12, 20))
    assert title_under_nd91.amount is None
    assert "coefficient" in title_under_nd91.problem_en
    hero = ladder().amount("anh_hung_lao_dong", AFTER_152)
    assert hero.amount is None
    assert "no bonus coefficient" in hero.problem_en


def test_nd91_coefficients_for_older_decisions() -> None:
    a = ladder().amount("bang_khen_tinh", dt.date(2023, 6, 9))
    assert (a.coefficient, a.base_salary, a.amount) == (Decimal("1.0"), 1_490_000, 1_490_000)
    assert a.coefficient_document == "Nghị định 91/2017/NĐ-CP"


def test_collectives_get_the_multiplier_for_forms_only() -> None:
    assert ladder().amount("bang_khen_tinh", AFTER_152, Recipient.COLLECTIVE).amount \
        == 7_020_000
    ttldxs = ladder().amount("tap_the_lao_dong_xuat_sac", AFTER_152, Recipient.COLLECTIVE)
    assert ttldxs.multiplier == 1
    assert ttldxs.amount == 3_510_000


def test_status_is_unconfirmed_only_where_an_input_is() -> None:
    assert ladder().amount("chien_si_thi_dua_co_so", AFTER_152).status \
        is ParameterStatus.VERIFIED
    # the rounding reading matters for 702,000
    assert ladder().amount("lao_dong_tien_tien", AFTER_152).status \
        is ParameterStatus.UNCONFIRMED
    assert ladder().amount("bang_khen_thu_tuong", dt.date(2024, 8, 1)).status \
        is ParameterStatus.UNCONFIRMED


def test_budget_of_the_example_totals_per_fund() -> None:
    b = ladder().budget(load_example(), 2025)
    assert [ln.award for ln in b.lines] == ["bang_khen_thu_tuong"]
    (fund,) = b.funds
    assert (fund.fund, fund.awards, fund.total) == ("trung_uong", 1, 8_190_000)
    assert b.total == 8_190_000
    assert b.unknown == 0
    assert b.clause == "Điều 11 khoản 4"
    doc = to_jsonable(b)
    assert doc["total"] == 8_190_000
    assert doc["lines"][0]["amount"]["amount"] == 8_190_000
    assert doc["lines"][0]["amount"]["coefficient"] == "3.5"


def test_budget_decided_awards_and_local_funds() -> None:
    b = ladder().budget(load_example(), 2023, decided=True)
    # the decider pays: the province for its certificate, each unit for its own titles
    assert [(ln.fund, ln.subject) for ln in b.lines] == [
        ("bo_tinh", "e-079"), ("co_so:phong-gddt", "e-079"), ("co_so:tt-nhu-quynh", "e-005")]
    assert b.unknown == 2  # grassroots titles of 2023: no coefficient before 2024
    assert b.total == 1_490_000
    assert ladder().budget(load_example(), 2023).lines == ()


def test_a_payer_unit_pays() -> None:
    d = load_example()
    awards = [attrs.evolve(a, payer="huyen-van-lam") if a.proposed else a for a in d.awards]
    b = ladder().budget(d.with_awards(awards), 2025)
    assert [f.fund for f in b.funds] == ["unit:huyen-van-lam"]
    assert "Văn Lâm" in b.funds[0].name_vi


def test_budget_restricted_to_subjects() -> None:
    assert ladder().budget(load_example(), 2025, subjects=["e-079"]).lines == ()
