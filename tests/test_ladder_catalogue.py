"""The award catalogue: complete, cited, versioned by date; loader errors; plugins that
add award types and criterion kinds."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest

from _ladder_helpers import CSTDCS, EXCELLENT, GOOD, history, ladder, rec
from thidua import Host, hookimpl
from thidua.errors import PluginError, RuleError
from thidua.parameters import ParameterStatus, ParameterStore
from thidua.rules.ladder import (
    CRITERION_KINDS,
    AwardCategory,
    AwardType,
    Catalogue,
    Check,
    Criterion,
    CriterionKind,
    History,
    Ladder,
    LadderEnv,
    Recipient,
    Regime,
    Text,
    Verdict,
    parse_award_types,
    register_criterion_kind,
)

# the award ids fixed by dossier-format.md
DOSSIER_FORMAT_AWARDS = (
    "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh",
    "chien_si_thi_dua_toan_quoc", "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac",
    "co_thi_dua_tinh", "co_thi_dua_chinh_phu", "giay_khen", "bang_khen_tinh",
    "bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba", "huan_chuong_lao_dong_hang_nhi",
    "huan_chuong_lao_dong_hang_nhat", "huan_chuong_doc_lap_hang_ba",
    "huan_chuong_doc_lap_hang_nhi", "huan_chuong_doc_lap_hang_nhat", "huan_chuong_ho_chi_minh",
    "huan_chuong_sao_vang", "anh_hung_lao_dong", "anh_hung_luc_luong_vu_trang_nhan_dan",
)


def test_every_award_of_the_dossier_format_is_in_the_catalogue() -> None:
    cat = ladder().catalogue
    assert set(DOSSIER_FORMAT_AWARDS) <= set(cat)
    for aid in DOSSIER_FORMAT_AWARDS:
        a = cat[aid]
        assert a.name_vi
        assert a.name_en
        assert unicodedata.is_normalized("NFC", a.name_vi)
        assert a.recipients
        assert a.authority is not None
        assert a.authority.clause.startswith("Điều")
        assert a.regimes, aid
        assert cat.source_of(aid) == "thidua.awards"


def test_titles_and_forms() -> None:
    cat = ladder().catalogue
    assert cat["chien_si_thi_dua_co_so"].category is AwardCategory.TITLE
    assert cat["bang_khen_thu_tuong"].category is AwardCategory.FORM
    assert cat["tap_the_lao_dong_xuat_sac"].recipients == {Recipient.COLLECTIVE}
    assert "chien_si_thi_dua_co_so" in cat.titles()


def test_every_criterion_is_cited_with_a_status() -> None:
    for a in ladder().catalogue.values():
        for r in a.regimes:
            assert r.document
            for root in (r.individual, r.collective):
                if root is None:
                    continue
                for c in root.walk():
                    assert c.clause, (a.id, c.id)
                    assert c.document, (a.id, c.id)
                    assert c.status in (ParameterStatus.VERIFIED, ParameterStatus.UNCONFIRMED)
                    assert c.composite or c.kind in CRITERION_KINDS


def test_unconfirmed_law_is_marked_unconfirmed() -> None:
    cat = ladder().catalogue
    # the 2022 wording of Điều 28 (advanced labour collective) was not read
    regime = cat["tap_the_lao_dong_tien_tien"].regime_on(dt.date(2025, 1, 1))
    assert regime is not None
    assert regime.collective is not None
    assert {c.status for c in regime.collective.leaves()} == {ParameterStatus.UNCONFIRMED}
    # Điều 79 (the minister's and province chair's powers) was not read
    authority = cat["bang_khen_tinh"].authority
    assert authority is not None
    assert authority.status is ParameterStatus.UNCONFIRMED


def _coefficient(award: str, day: str) -> tuple[Decimal, str, ParameterStatus]:
    cat = ladder().catalogue
    bonus = cat[award].bonus
    assert bonus is not None
    v = cat.parameters[bonus].value_at(dt.date.fromisoformat(day))
    assert isinstance(v.value, Decimal)
    return v.value, v.citation.document, v.status


@pytest.mark.parametrize(("award", "day", "value", "document"), [
    ("bang_khen_thu_tuong", "2025-07-01", "3.5", "Nghị định 152/2025/NĐ-CP"),
    ("bang_khen_tinh", "2025-07-01", "1.5", "Nghị định 152/2025/NĐ-CP"),
    ("bang_khen_tinh", "2019-05-01", "1.0", "Nghị định 91/2017/NĐ-CP"),
    ("chien_si_thi_dua_toan_quoc", "2024-03-01", "4.5", "Nghị định 98/2023/NĐ-CP"),
    ("lao_dong_tien_tien", "2025-08-01", "0.3", "Nghị định 152/2025/NĐ-CP"),
    ("co_thi_dua_chinh_phu", "2024-01-01", "12.0", "Nghị định 98/2023/NĐ-CP"),
    ("huan_chuong_sao_vang", "2024-02-01", "46.0", "Nghị định 98/2023/NĐ-CP"),
])
def test_coefficients_are_dated_and_cited(award: str, day: str, value: str,
                                          document: str) -> None:
    got, doc, _ = _coefficient(award, day)
    assert got == Decimal(value)
    assert doc == document


def test_coefficient_status_follows_the_fact_base() -> None:
    assert _coefficient("chien_si_thi_dua_co_so", "2025-01-01")[2] is ParameterStatus.VERIFIED
    # the NĐ 98/2023 value of the PM's certificate was not read
    assert _coefficient("bang_khen_thu_tuong", "2024-06-01")[2] is ParameterStatus.UNCONFIRMED


def test_regimes_are_versioned_by_date() -> None:
    a = ladder().catalogue["chien_si_thi_dua_co_so"]
    old = a.regime_on(dt.date(2023, 12, 31))
    new = a.regime_on(dt.date(2024, 1, 1))
    assert old is not None
    assert new is not None
    assert old is not new
    assert "2003" in old.document
    assert new.document == "Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert a.regime_on(dt.date(2017, 9, 30)) is None


# -- the loader --------------------------------------------------------------------

def _award(**criteria: Any) -> dict[str, Any]:
    regime: dict[str, Any] = {"from": dt.date(2024, 1, 1), "individual": "root",
                              "criterion": [{"id": "root", "kind": "all_of", "of": ["a"],
                                             "clause": "Điều 1"},
                                            {"id": "a", "clause": "Điều 1 khoản 1", **criteria}]}
    return {"award": [{"id": "x_award", "name_vi": "Giải X", "name_en": "X award",
                       "regime": [regime]}]}


@pytest.mark.parametrize(("data", "message"), [
    (_award(kind="no_such_kind"), "unknown kind 'no_such_kind'"),
    (_award(kind="title_count_in_span", title=CSTDCS, times=3),
     "needs 'years'"),
    (_award(kind="consecutive_years_at_least", years=0, assessment="hoan_thanh_tot"),
     "'years' must be a whole number ≥ 1"),
    (_award(kind="member_ratio", field="lao_dong_tien_tien", at_least=0.7),
     "write 'at_least' as a string"),
    (_award(kind="holds_award", award="bang_khen_tinh", colour="red"),
     "unknown parameter(s) colour"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X", "colour": 1}]},
     "award[x]: unknown key 'colour'"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X", "authority": "nobody"}]},
     "unknown authority 'nobody'"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X", "bonus": "bonus.x"}]},
     "names parameter 'bonus.x'"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X", "regime": [
        {"from": dt.date(2024, 1, 1), "individual": "a",
         "criterion": [{"id": "a", "kind": "all_of", "of": ["b"], "clause": "c"},
                       {"id": "b", "kind": "any_of", "of": ["a"], "clause": "c"}]}]}]},
     "cycle: a → b → a"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X", "regime": [
        {"from": dt.date(2024, 1, 1), "individual": "a",
         "criterion": [{"id": "a", "kind": "all_of", "of": ["zz"], "clause": "c"}]}]}]},
     "no criterion with id 'zz'"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X", "regime": [
        {"from": dt.date(2024, 1, 1),
         "criterion": [{"id": "a", "kind": "holds_award", "award": "y", "clause": "c"}]}]}]},
     "is not used by any root"),
    ({"award": [{"id": "x", "name_vi": "X", "name_en": "X",
                 "regime": [{"from": "2024-01-01"}]}]},
     "'from' must be a date"),
])
def test_catalogue_errors_name_the_place(data: Mapping[str, Any], message: str) -> None:
    with pytest.raises(RuleError, match=r"invalid award catalogue test\.toml") as info:
        parse_award_types(data, origin="test.toml")
    assert message in str(info.value)


def test_a_valid_catalogue_file_loads() -> None:
    (a,) = parse_award_types(_award(kind="title_count_in_span", title=CSTDCS, times=2,
                                    years=3), origin="test.toml")
    assert a.id == "x_award"
    assert a.regimes[0].individual is not None
    assert a.regimes[0].individual.children[0].params["times"] == 2


# -- plugins ---------------------------------------------------------------------------

class _TwoInitiatives(CriterionKind):
    """A plugin's criterion kind: at least two initiatives in the proposal year."""

    name = "test_two_initiatives"

    def compile(self, criterion: Criterion, env: LadderEnv) -> Check:
        def check(h: History, year: int) -> int:
            have = h.initiatives.get(year, 0)
            return 2 - have if have < 2 else 0
        return check

    def requirement(self, criterion: Criterion, env: LadderEnv, year: int) -> Text:
        return Text(f"2 sáng kiến năm {year}", f"2 initiatives in {year}")

    def missing(self, criterion: Criterion, env: LadderEnv, year: int,
                shortfall: int) -> Text:
        return Text(f"thiếu {shortfall} sáng kiến", f"{shortfall} initiative(s) short")


@pytest.fixture(scope="module")
def plugin_kind() -> CriterionKind:
    return CRITERION_KINDS.get("test_two_initiatives") or register_criterion_kind(
        _TwoInitiatives())


def _ministry_award(replaces: bool = False, award_id: str = "bang_khen_bo_test") -> AwardType:
    root = Criterion(id="r", kind="all_of", clause="Điều 5", document="Thông tư thử", children=(
        Criterion(id="r.good", kind="consecutive_years_at_least", clause="Điều 5 khoản 1",
                  document="Thông tư thử", params={"years": 2, "assessment": "hoan_thanh_tot"}),
        Criterion(id="r.ini", kind="test_two_initiatives", clause="Điều 5 khoản 2",
                  document="Thông tư thử")))
    return AwardType(id=award_id, name_vi="Bằng khen của Bộ Thử", name_en="Test ministry "
                     "certificate", recipients=["individual"], rank=31, replaces=replaces,
                     regimes=[Regime(effective_from=dt.date(2024, 1, 1),
                                     document="Thông tư thử", individual=root)],
                     parameters=ParameterStore())


class _MinistryPlugin:
    __name__ = "test-ministry"

    @hookimpl
    def thidua_award_types(self) -> list[AwardType]:
        return [_ministry_award()]


def test_a_plugin_adds_an_award_type_with_its_own_criterion_kind(
        plugin_kind: CriterionKind) -> None:
    lad = Ladder.from_host(Host([_MinistryPlugin()], autoload=False))
    assert "bang_khen_bo_test" in lad.catalogue
    assert lad.catalogue.source_of("bang_khen_bo_test") == "test-ministry"
    h = lad.history_of("p", "individual", [rec(2023, GOOD), rec(2024, GOOD, initiatives=2)])
    assert lad.eligibility(h, "bang_khen_bo_test", 2024).verdict is Verdict.ELIGIBLE
    short = lad.history_of("p", "individual", [rec(2023, GOOD), rec(2024, GOOD, initiatives=1)])
    res = lad.eligibility(short, "bang_khen_bo_test", 2024)
    assert [c.missing_en for c in res.unmet] == ["1 initiative(s) short"]
    assert list(lad.iter_findings([short], 2024, awards=["bang_khen_bo_test"])) == \
        [res.to_finding()]


def test_two_plugins_supplying_one_award_conflict_unless_one_replaces(
        plugin_kind: CriterionKind) -> None:
    base = _ministry_award()
    with pytest.raises(PluginError, match="exactly one must declare replaces"):
        Catalogue([("a", base), ("b", base)])
    cat = Catalogue([("a", base), ("b", _ministry_award(replaces=True))])
    assert cat.source_of("bang_khen_bo_test") == "b"


def test_replacing_a_builtin_award(plugin_kind: CriterionKind) -> None:
    class Replacer:
        __name__ = "test-replacer"

        @hookimpl
        def thidua_award_types(self) -> list[AwardType]:
            award = _ministry_award(replaces=True, award_id="giay_khen")
            return [award]

    lad = Ladder.from_host(Host([Replacer()], autoload=False))
    assert lad.catalogue.source_of("giay_khen") == "test-replacer"
    h = history([rec(2023, EXCELLENT), rec(2024, EXCELLENT, initiatives=2)])
    assert lad.eligibility(h, "giay_khen", 2024).verdict is Verdict.ELIGIBLE


def test_registering_a_kind_twice_is_refused(plugin_kind: CriterionKind) -> None:
    with pytest.raises(RuleError, match="already registered"):
        register_criterion_kind(_TwoInitiatives())
    bad = _TwoInitiatives()
    bad.name = "all_of"
    with pytest.raises(RuleError, match="snake_case slug"):
        register_criterion_kind(bad)


def test_overrides_change_catalogue_parameters() -> None:
    from thidua.model.findings import Citation
    from thidua.parameters import DatedValue, ParameterOverride

    raise_2026 = ParameterOverride(
        parameter="base_salary", source="test-salary",
        citation=Citation(clause="Điều 3", document="Nghị định thử/2026"),
        values=(DatedValue(value=2530000, effective_from=dt.date(2026, 7, 1)),))
    lad = Ladder.from_host(Host(autoload=False), overrides=[raise_2026])
    assert lad.amount(CSTDCS, dt.date(2026, 7, 2)).amount == 2530000
    assert lad.amount(CSTDCS, dt.date(2026, 6, 30)).amount == 2340000


def test_membership_and_get_answer_instead_of_raising() -> None:
    from thidua.plugins.host import Host
    from thidua.rules.ladder import Catalogue

    cat = Catalogue.from_host(Host(autoload=False))
    assert "bang_khen_thu_tuong" in cat
    assert "no_such_award" not in cat
    assert cat.get("no_such_award") is None
    assert cat.get("bang_khen_thu_tuong") is cat["bang_khen_thu_tuong"]
