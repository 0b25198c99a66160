"""Builders shared by the exporter tests: a small hand-made dossier, a rule plugin that
produces findings, and a Hypothesis strategy for dossiers with arbitrary names."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterable

import pytest
from hypothesis import strategies as st

from thidua.model import (
    Dossier,
    Event,
    Exemplar,
    Finding,
    Honour,
    Movement,
    Submission,
    Unit,
    YearRecord,
    nfc,
)
from thidua.plan import Plan
from thidua.plugins import RuleAction, RuleChange, hookimpl
from thidua.plugins.host import Host
from thidua.rules.base import Rule, RuleContext

PLAN = "vn-hy-district-exemplars-2022"

needs_serialization = pytest.mark.skipif(
    importlib.util.find_spec("thidua.serialization") is None,
    reason="thidua.serialization (the JSON layer, another issue) is not in this checkout yet",
)
"""Marks tests of the JSON exporter and of reading dossier files, which go through
``thidua.serialization`` (``report_to_dict``, ``to_jsonable``, ``load_dossier``)."""

DANGEROUS = (
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1",
    "\r=1",
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "Nguye\u0302\u0303n",  # combining marks, NFD
    "a\u0301\u0323",  # stacked combining marks
    "\uff1d1+1",  # full-width equals sign
)


def small_dossier() -> Dossier:
    """A district, two communes, an office, the province's Home Affairs department;
    eleven exemplars; the 2024 lists of both communes and the district's list."""
    units = [
        Unit(id="huyen", name="UBND huyện Văn Lâm", level="huyen"),
        Unit(id="xa-lac-dao", name="UBND xã Lạc Đạo", level="xa", parent="huyen"),
        Unit(id="xa-dinh-du", name="UBND xã Đình Dù", level="xa", parent="huyen"),
        Unit(id="phong-vhtt", name="Phòng Văn hóa và Thông tin", level="phong_ban",
             parent="huyen"),
        Unit(id="so-noi-vu", name="Sở Nội vụ tỉnh Hưng Yên", level="so"),
    ]
    movements = [Movement(id="pt-van-hoa", name="Toàn dân đoàn kết xây dựng đời sống văn hóa",
                          lead="phong-vhtt")]
    ex = [
        Exemplar(id="e-01", name="Nguyễn Thị Hoa", kind="ca_nhan", unit="xa-lac-dao",
                 honoured=[Honour(year=2020, movement="pt-van-hoa")]),
        Exemplar(id="e-02", name="Đào Văn Bình", kind="ca_nhan", unit="xa-lac-dao"),
        Exemplar(id="e-03", name="Dương Thị Ánh", kind="ca_nhan", unit="xa-lac-dao"),
        Exemplar(id="e-04", name="Mô hình “Đường hoa nông thôn mới”", kind="mo_hinh",
                 unit="xa-lac-dao"),
        Exemplar(id="e-05", name="Hội Phụ nữ xã Lạc Đạo", kind="tap_the", unit="xa-lac-dao"),
        Exemplar(id="e-06", name="Ăn Văn Toàn", kind="ca_nhan", unit="xa-dinh-du"),
        Exemplar(id="e-07", name="Anh Thị Mai", kind="ca_nhan", unit="xa-dinh-du"),
        Exemplar(id="e-08", name="Ánh Văn Nam", kind="ca_nhan", unit="xa-dinh-du"),
        Exemplar(id="e-09", name="Chi đoàn thôn Đình Dù", kind="tap_the", unit="xa-dinh-du"),
        Exemplar(id="e-10", name="Mô hình “Sân chơi thiếu nhi”", kind="mo_hinh",
                 unit="xa-dinh-du"),
        Exemplar(id="e-11", name="Lê Văn Ước", kind="ca_nhan", unit="phong-vhtt",
                 honoured=[Honour(year=2021)]),
    ]
    subs = [
        Submission(id="s-2024-lac-dao", year=2024, from_unit="xa-lac-dao", to_unit="huyen",
                   submitted_on=dt.date(2024, 1, 12),
                   exemplars=["e-01", "e-02", "e-03", "e-04", "e-05"]),
        Submission(id="s-2024-dinh-du", year=2024, from_unit="xa-dinh-du", to_unit="huyen",
                   submitted_on=None, exemplars=["e-06", "e-07", "e-08", "e-09", "e-10"]),
        Submission(id="s-2024-huyen", year=2024, from_unit="huyen", to_unit="so-noi-vu",
                   submitted_on=dt.date(2024, 2, 5),
                   exemplars=["e-01", "e-04", "e-06", "e-08", "e-11"],
                   attachments=["ke_hoach_boi_duong"]),
        Submission(id="s-2023-lac-dao", year=2023, from_unit="xa-lac-dao", to_unit="huyen",
                   submitted_on=dt.date(2023, 1, 10), exemplars=["e-01", "e-02"]),
    ]
    records = [YearRecord(subject="e-01", year=2023, assessment="hoan_thanh_xuat_sac",
                          titles=["chien_si_thi_dua_co_so"], initiatives=1)]
    events = [Event(obligation="ke-hoach-boi-duong", unit="phong-vhtt", year=2024,
                    on=dt.date(2024, 3, 1), note="Số 12/KH-VHTT")]
    return Dossier(plan=PLAN, units=units, movements=movements, exemplars=ex,
                   submissions=subs, records=records, events=events)


def _one_finding_per_submission(ctx: RuleContext) -> Iterable[Finding]:
    """A test rule: one finding per submission of the year, naming its size."""
    for s in ctx.dossier.submissions_for(ctx.year):
        yield Finding(rule="test.size", severity="warning" if len(s.exemplars) < 6 else "info",
                      subject=s.id, clause="IV.1.d.1",
                      message_vi=f"Danh sách {s.id} có {len(s.exemplars)} điển hình",
                      message_en=f"List {s.id} has {len(s.exemplars)} exemplars",
                      evidence={"count": len(s.exemplars)})
    for e in ctx.dossier.exemplars:
        if e.name[:1] in "=+-@\t\r":
            yield Finding(rule="test.name", severity="error", subject=e.id, clause="II.2.b",
                          message_vi=e.name, message_en=e.name)


TEST_RULE = Rule(id="test.size", clause="IV.1.d.1", check=_one_finding_per_submission)


class FindingsPlugin:
    """Replaces the seed plan's rules by :data:`TEST_RULE`, as a plugin would, so the
    export tests control exactly which findings there are."""

    __name__ = "test-findings"

    @hookimpl
    def thidua_rule_changes(self, plan: Plan) -> list[RuleChange]:
        disable = [RuleChange(action=RuleAction.DISABLE, rule_id=r.id) for r in plan.rules]
        return [*disable, RuleChange(action=RuleAction.ADD, rule_id=TEST_RULE.id, rule=TEST_RULE)]


def host_with_findings() -> Host:
    """A host (no autoloaded plugins) whose seed plan runs :data:`TEST_RULE`."""
    return Host([FindingsPlugin()], autoload=False)


# -- Hypothesis: dossiers with arbitrary names --------------------------------------
names = st.one_of(
    st.sampled_from(DANGEROUS),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
            max_size=30),
).filter(lambda s: bool(nfc(s)))


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    """A valid dossier: a district, some communes, exemplars with arbitrary names and
    one list per commune for 2024."""
    n_units = draw(st.integers(1, 4))
    units = [Unit(id="huyen", name=draw(names), level="huyen"),
             Unit(id="so", name=draw(names), level="so")]
    units += [Unit(id=f"xa-{i}", name=draw(names), level="xa", parent="huyen")
              for i in range(n_units)]
    exemplars = []
    subs = []
    for i in range(n_units):
        mine = [Exemplar(id=f"e-{i}-{j}", name=draw(names),
                         kind=draw(st.sampled_from(["mo_hinh", "tap_the", "ca_nhan"])),
                         unit=f"xa-{i}",
                         honoured=[Honour(year=y) for y in
                                   draw(st.sets(st.integers(2015, 2023), max_size=2))])
                for j in range(draw(st.integers(0, 7)))]
        exemplars += mine
        if draw(st.booleans()):
            day = draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
            subs.append(Submission(id=f"s-{i}", year=2024, from_unit=f"xa-{i}",
                                   to_unit="huyen", submitted_on=day,
                                   exemplars=[e.id for e in mine]))
    picked = [e.id for e in exemplars][:draw(st.integers(0, 15))]
    subs.append(Submission(id="s-huyen", year=2024, from_unit="huyen", to_unit="so",
                           submitted_on=dt.date(2024, 2, 1), exemplars=picked,
                           attachments=["ke_hoach_boi_duong"]))
    return Dossier(plan=PLAN, units=units, exemplars=exemplars, submissions=subs)


def small_dossier_json() -> dict[str, object]:
    """:func:`small_dossier` written by hand in the interchange format
    (``dossier-format.md``), for tests of the command line."""
    return {
        "format": "thidua.dossier/1",
        "plan": PLAN,
        "units": [
            {"id": "huyen", "name": "UBND huyện Văn Lâm", "level": "huyen"},
            {"id": "xa-lac-dao", "name": "UBND xã Lạc Đạo", "level": "xa", "parent": "huyen"},
            {"id": "xa-dinh-du", "name": "UBND xã Đình Dù", "level": "xa", "parent": "huyen"},
            {"id": "phong-vhtt", "name": "Phòng Văn hóa và Thông tin", "level": "phong_ban",
             "parent": "huyen"},
            {"id": "so-noi-vu", "name": "Sở Nội vụ tỉnh Hưng Yên", "level": "so"},
        ],
        "movements": [{"id": "pt-van-hoa",
                       "name": "Toàn dân đoàn kết xây dựng đời sống văn hóa",
                       "lead": "phong-vhtt"}],
        "exemplars": [
            {"id": "e-01", "name": "Nguyễn Thị Hoa", "kind": "ca_nhan", "unit": "xa-lac-dao",
             "honoured": [{"year": 2020, "movement": "pt-van-hoa"}]},
            {"id": "e-02", "name": "Đào Văn Bình", "kind": "ca_nhan", "unit": "xa-lac-dao"},
            {"id": "e-03", "name": "Dương Thị Ánh", "kind": "ca_nhan", "unit": "xa-lac-dao"},
            {"id": "e-04", "name": "=cmd|' /C calc'!A0", "kind": "mo_hinh",
             "unit": "xa-lac-dao"},
            {"id": "e-05", "name": "Hội Phụ nữ xã Lạc Đạo", "kind": "tap_the",
             "unit": "xa-lac-dao"},
        ],
        "submissions": [
            {"id": "s-2024-lac-dao", "year": 2024, "from": "xa-lac-dao", "to": "huyen",
             "submitted_on": "2024-01-12",
             "exemplars": ["e-01", "e-02", "e-03", "e-04", "e-05"], "attachments": []},
            {"id": "s-2024-huyen", "year": 2024, "from": "huyen", "to": "so-noi-vu",
             "submitted_on": "2024-02-05", "exemplars": ["e-01", "e-04"],
             "attachments": ["ke_hoach_boi_duong"]},
        ],
        "records": [{"subject": "e-01", "year": 2023, "assessment": "hoan_thanh_xuat_sac",
                     "titles": ["chien_si_thi_dua_co_so"], "initiatives": 1}],
        "awards": [],
    }


def dossier_named(name: str) -> Dossier:
    """A one-commune dossier whose commune and exemplar are both called ``name``."""
    return Dossier(
        plan=PLAN,
        units=[Unit(id="huyen", name="UBND huyện", level="huyen"),
               Unit(id="xa", name=name, level="xa", parent="huyen")],
        exemplars=[Exemplar(id="e", name=name, kind="ca_nhan", unit="xa")],
        submissions=[Submission(id="s", year=2024, from_unit="xa", to_unit="huyen",
                                submitted_on=dt.date(2024, 1, 2), exemplars=["e"])],
    )


inert_names = st.one_of(st.sampled_from(DANGEROUS), st.text(min_size=1)).filter(
    lambda s: bool(nfc(s)))
"""Names an export must carry back as inert text: hostile ones and arbitrary text."""

