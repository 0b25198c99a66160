"""The domain model: named validators, normalised names, dossier integrity."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.errors import DossierError
from thidua.model import (
    Assessment,
    AwardGrant,
    Citation,
    Dossier,
    Event,
    Exemplar,
    ExemplarKind,
    Finding,
    Honour,
    Level,
    MemberStats,
    Movement,
    Severity,
    Submission,
    Unit,
    YearRecord,
    is_identifier,
    is_slug,
    nfc,
)

PLAN = "vn-hy-district-exemplars-2022"


def units() -> list[Unit]:
    return [
        Unit(id="huyen", name="UBND huyện Văn Lâm", level="huyen"),
        Unit(id="xa-lac-dao", name="UBND xã Lạc Đạo", level="xa", parent="huyen"),
        Unit(id="phong-vhtt", name="Phòng Văn hóa và Thông tin", level="phong_ban",
             parent="huyen"),
        Unit(id="so-noi-vu", name="Sở Nội vụ tỉnh Hưng Yên", level="so"),
    ]


def exemplars() -> list[Exemplar]:
    return [
        Exemplar(id="e-001", name="Nguyễn Thị Hoa", kind="ca_nhan", unit="xa-lac-dao",
                 honoured=[Honour(year=2020, movement="pt-van-hoa")]),
        Exemplar(id="e-002", name="Hội Phụ nữ xã Lạc Đạo", kind="tap_the", unit="xa-lac-dao"),
    ]


def dossier(**kw: Any) -> Dossier:
    base: dict[str, Any] = {
        "plan": PLAN, "units": units(),
        "movements": [Movement(id="pt-van-hoa", name="Toàn dân đoàn kết xây dựng đời sống "
                                                    "văn hóa", lead="phong-vhtt")],
        "exemplars": exemplars(),
        "submissions": [Submission(id="s-1", year=2024, from_unit="xa-lac-dao",
                                   to_unit="huyen", submitted_on=dt.date(2024, 1, 12),
                                   exemplars=["e-001", "e-002"])],
        "records": [YearRecord(subject="e-001", year=2023, assessment="hoan_thanh_xuat_sac",
                               titles=["chien_si_thi_dua_co_so"], initiatives=1)],
        "awards": [AwardGrant(subject="e-001", award="bang_khen_tinh",
                              decided_on=dt.date(2019, 6, 11), decision="1234/QĐ-UBND",
                              achievement_years=[2018])],
    }
    base.update(kw)
    return Dossier(**base)


def problems_of(**kw: Any) -> list[str]:
    with pytest.raises(DossierError) as info:
        dossier(**kw)
    return [str(p) for p in info.value.problems]


# -- validators -----------------------------------------------------------------------

def test_the_documented_example_builds() -> None:
    d = dossier()
    assert d.units_by_id["xa-lac-dao"].parent == "huyen"
    assert d.exemplars_by_id["e-001"].is_honoured
    assert d.records_by_subject["e-001"][0].assessment is Assessment.EXCELLENT


@pytest.mark.parametrize("bad", ["Xa", "xã", "xa-lac", "1xa", "", "xa lac"])
def test_bad_slug_is_refused_naming_class_field_and_value(bad: str) -> None:
    with pytest.raises(ValueError, match=r"Unit\.level must be an ASCII snake_case slug") as e:
        Unit(id="u", name="U", level=bad)
    assert repr(bad) in str(e.value)


@pytest.mark.parametrize("bad", ["a b", "xã-lạc-đạo", "-x", "", "x" * 201, "e\n1"])
def test_bad_identifier_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"Exemplar\.id must be an identifier"):
        Exemplar(id=bad, name="X", kind="ca_nhan", unit="u")


def test_longest_identifier_is_accepted() -> None:
    assert is_identifier("x" * 200)
    assert not is_identifier("x" * 201)


def test_names_typed_as_nfd_become_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "UBND xã Lạc Đạo")
    assert nfd != "UBND xã Lạc Đạo"
    u = Unit(id="u", name=nfd, level="xa")
    assert u.name == "UBND xã Lạc Đạo"
    assert u == Unit(id="u", name="UBND xã Lạc Đạo", level="xa")


def test_zero_width_characters_and_outer_spaces_are_removed() -> None:
    e = Exemplar(id="e", name="\ufeff Nguyễn\u200b Thị\u00ad Hoa\u200d ", kind="ca_nhan",
                 unit="u")
    assert e.name == "Nguyễn Thị Hoa"


def test_a_name_of_only_invisible_characters_is_empty() -> None:
    with pytest.raises(ValueError, match=r"Unit\.name must not be empty"):
        Unit(id="u", name="\u200b \u200c", level="xa")


@given(st.text())
def test_nfc_is_idempotent_and_normalised(text: str) -> None:
    once = nfc(text)
    assert nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\u200b" not in once


def test_kind_and_assessment_are_enums_with_messages() -> None:
    assert Exemplar(id="e", name="E", kind="mo_hinh", unit="u").kind is ExemplarKind.MODEL
    with pytest.raises(ValueError, match="nguoi"):
        Exemplar(id="e", name="E", kind="nguoi", unit="u")
    with pytest.raises(ValueError, match="xuat_sac"):
        YearRecord(subject="e", year=2024, assessment="xuat_sac")


def test_assessment_order() -> None:
    assert Assessment.EXCELLENT.at_least(Assessment.GOOD)
    assert not Assessment.COMPLETED.at_least(Assessment.GOOD)
    assert sorted(Assessment, key=lambda a: a.rank)[0] is Assessment.NOT_COMPLETED


@pytest.mark.parametrize("year", [1944, 2201, True])
def test_years_out_of_range_are_refused(year: Any) -> None:
    with pytest.raises(ValueError, match=r"Honour\.year must be a year"):
        Honour(year=year)


def test_counts_must_be_whole_and_not_negative() -> None:
    with pytest.raises(ValueError, match=r"YearRecord\.initiatives must be a whole number"):
        YearRecord(subject="e", year=2024, assessment="hoan_thanh", initiatives=-1)
    with pytest.raises(ValueError, match=r"MemberStats\.completed \(5\) cannot exceed"):
        MemberStats(total=4, completed=5)


def test_titles_and_attachments_are_slugs() -> None:
    with pytest.raises(ValueError, match=r"YearRecord\.titles must be an ASCII"):
        YearRecord(subject="e", year=2024, assessment="hoan_thanh", titles=["Lao động"])
    with pytest.raises(ValueError, match=r"Submission\.attachments"):
        Submission(id="s", year=2024, from_unit="a", to_unit="b", attachments=["Kế hoạch"])


def test_a_single_string_is_not_a_list() -> None:
    with pytest.raises(TypeError, match="single string"):
        Submission(id="s", year=2024, from_unit="a", to_unit="b", exemplars="e-001")


def test_award_achievement_years_are_checked() -> None:
    with pytest.raises(ValueError, match=r"AwardGrant\.achievement_years"):
        AwardGrant(subject="e", award="giay_khen", decided_on=dt.date(2024, 1, 1),
                   achievement_years=[20])


def test_models_are_frozen() -> None:
    u = Unit(id="u", name="U", level="xa")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        u.name = "V"  # type: ignore[misc]


def test_finding_and_citation() -> None:
    f = Finding(rule="quota.commune", severity="warning", subject="s-1", clause="IV.1.d.1",
                message_vi="Quá số lượng", message_en="Over quota")
    assert f.severity is Severity.WARNING
    assert Severity.ERROR.rank > f.severity.rank > Severity.INFO.rank
    assert str(Citation(clause="IV.1.d.1", document="KH")) == "IV.1.d.1 (KH)"
    with pytest.raises(ValueError, match=r"Finding\.message_en must not be empty"):
        Finding(rule="r", severity="info", subject="s", clause="c", message_vi="v",
                message_en=" ")


def test_level_is_data() -> None:
    lv = Level(id="phuong", name_vi="UBND phường", name_en="ward People's Committee")
    assert is_slug(lv.id)


# -- dossier integrity ----------------------------------------------------------------

def test_submission_from_unknown_unit() -> None:
    subs = [Submission(id="s-1", year=2024, from_unit="xa-khong-co", to_unit="huyen")]
    assert problems_of(submissions=subs) == ["$.submissions[0].from: unknown unit 'xa-khong-co'"]


def test_submission_to_itself_and_to_unknown() -> None:
    subs = [Submission(id="s-1", year=2024, from_unit="huyen", to_unit="huyen"),
            Submission(id="s-2", year=2024, from_unit="huyen", to_unit="tinh")]
    assert problems_of(submissions=subs) == [
        "$.submissions[0].to: a unit cannot submit to itself",
        "$.submissions[1].to: unknown unit 'tinh'",
    ]


def test_exemplar_listed_twice() -> None:
    subs = [Submission(id="s-1", year=2024, from_unit="xa-lac-dao", to_unit="huyen",
                       exemplars=["e-001", "e-002", "e-001"])]
    assert problems_of(submissions=subs) == [
        "$.submissions[0].exemplars[2]: exemplar 'e-001' listed twice (first at index 0)"]


def test_unknown_exemplar_in_a_list() -> None:
    subs = [Submission(id="s-1", year=2024, from_unit="xa-lac-dao", to_unit="huyen",
                       exemplars=["e-404"])]
    assert problems_of(submissions=subs) == [
        "$.submissions[0].exemplars[0]: unknown exemplar 'e-404'"]


def test_record_and_award_for_unknown_subject() -> None:
    recs = [YearRecord(subject="e-404", year=2023, assessment="hoan_thanh")]
    awards = [AwardGrant(subject="e-405", award="giay_khen", decided_on=dt.date(2023, 6, 9),
                         payer="nowhere")]
    assert problems_of(records=recs, awards=awards) == [
        "$.records[0].subject: unknown subject 'e-404'",
        "$.awards[0].subject: unknown subject 'e-405'",
        "$.awards[0].payer: unknown unit 'nowhere'",
    ]


def test_second_record_for_the_same_year_and_repeated_title() -> None:
    recs = [YearRecord(subject="e-001", year=2023, assessment="hoan_thanh"),
            YearRecord(subject="e-001", year=2023, assessment="hoan_thanh_tot",
                       titles=["lao_dong_tien_tien", "lao_dong_tien_tien"])]
    got = problems_of(records=recs)
    assert got[0].startswith("$.records[1]: second record for 'e-001' in 2023")
    assert got[1] == "$.records[1].titles[0]: title 'lao_dong_tien_tien' listed 2 times"


def test_cycle_in_the_hierarchy_is_reported_once() -> None:
    cyc = [Unit(id="a", name="A", level="xa", parent="c"),
           Unit(id="b", name="B", level="xa", parent="a"),
           Unit(id="c", name="C", level="xa", parent="b"),
           Unit(id="d", name="D", level="xa", parent="a")]
    got = problems_of(units=cyc, movements=[], exemplars=[], submissions=[], records=[],
                      awards=[])
    assert len(got) == 1
    assert got[0].startswith("$.units[")
    assert "cycle" in got[0]
    for uid in "abc":
        assert uid in got[0]


def test_a_unit_that_is_its_own_parent_is_a_cycle() -> None:
    got = problems_of(units=[Unit(id="a", name="A", level="xa", parent="a")],
                      movements=[], exemplars=[], submissions=[], records=[], awards=[])
    assert got == ["$.units[0].parent: the unit hierarchy has a cycle: a → a"]


def test_duplicate_ids_unknown_parent_lead_movement_and_event_unit() -> None:
    us = [*units(), Unit(id="huyen", name="Trùng", level="huyen", parent="tinh")]
    movs = [Movement(id="pt-van-hoa", name="PT", lead="phong-khong-co")]
    exs = [*exemplars(), Exemplar(id="e-003", name="X", kind="ca_nhan", unit="xa-lac-dao",
                                  honoured=[Honour(year=2021, movement="pt-khac")])]
    evs = [Event(obligation="ke-hoach", unit="nowhere", year=2024, on=dt.date(2024, 2, 1))]
    got = problems_of(units=us, movements=movs, exemplars=exs, events=evs)
    assert got == [
        "$.units[4].id: duplicate id 'huyen' (first at $.units[0])",
        "$.units[4].parent: unknown unit 'tinh'",
        "$.movements[0].lead: unknown unit 'phong-khong-co'",
        "$.exemplars[2].honoured[0].movement: unknown movement 'pt-khac'",
        "$.events[0].unit: unknown unit 'nowhere'",
    ]


def test_every_problem_is_reported_at_once() -> None:
    subs = [Submission(id="s-1", year=2024, from_unit="xa-khong-co", to_unit="huyen",
                       exemplars=["e-001", "e-001"])]
    recs = [YearRecord(subject="e-404", year=2023, assessment="hoan_thanh")]
    with pytest.raises(DossierError) as info:
        dossier(submissions=subs, records=recs, format="thidua.dossier/2")
    assert len(info.value.problems) == 4
    assert "4 integrity problem(s)" in str(info.value)
    assert info.value.problems[0].path == "$.format"


def test_with_methods_check_again() -> None:
    d = dossier()
    with pytest.raises(DossierError):
        d.with_records([YearRecord(subject="e-404", year=2023, assessment="hoan_thanh")])
    d2 = d.with_submissions([])
    assert d2.submissions == ()
    assert d.submissions  # the original is unchanged


def test_lookups() -> None:
    d = dossier(records=[
        YearRecord(subject="e-001", year=2024, assessment="hoan_thanh"),
        YearRecord(subject="e-001", year=2022, assessment="hoan_thanh_tot")])
    assert [r.year for r in d.records_by_subject["e-001"]] == [2022, 2024]
    assert [u.id for u in d.children("huyen")] == ["xa-lac-dao", "phong-vhtt"]
    assert d.years() == (2022, 2024)
    assert d.submissions_for(2024)[0].id == "s-1"
    assert d.submissions_for(2023) == ()


def test_a_long_parent_chain_is_checked_in_one_walk_and_its_cycle_reported_once() -> None:
    from thidua.model import Dossier, Unit

    n = 20_000  # quadratic walking would take minutes here
    units = [Unit(id=f"u{i}", name="x", level="xa", parent=f"u{i - 1}" if i else f"u{n - 1}")
             for i in range(n)]
    with pytest.raises(DossierError) as info:
        Dossier(plan="p", units=units)
    cycles = [p for p in info.value.problems if "cycle" in p.message]
    assert len(cycles) == 1
    assert cycles[0].message.count("→") == n
