"""The public Hypothesis strategies of ``thidua.testing``: sound (they never build an
object the model refuses), faithful to their pools, registered for every public type,
and — for realistic dossiers — following the plan's own quotas and deadlines."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from thidua.calendar import CalendarDay, WorkingCalendar
from thidua.errors import PlanError
from thidua.model import (
    AwardGrant,
    Citation,
    Dossier,
    Event,
    Exemplar,
    Finding,
    Honour,
    Level,
    MemberStats,
    Movement,
    Submission,
    Unit,
    YearRecord,
    is_identifier,
    is_slug,
    nfc,
)
from thidua.parameters import MonthDay, Parameter, ParameterStore, Range, parse_parameters
from thidua.plan import Plan, Role
from thidua.serialization import make_converter
from thidua.testing import _hypothesis_entry
from thidua.testing import strategies as ts

# -- a plan for the realistic strategy, written here as data -------------------------------
# (the built-in reference plan uses the same role ids and parameter ids)

TEST_PARAMETERS = """
document = "test plan"

[[parameter]]
id = "plan.in_force_from"
description = "first day"
unit = "date"
kind = "date"
clause = "III.1"
status = "verified"
values = [{ from = 2022-04-21, value = 2022-04-21 }]

[[parameter]]
id = "plan.in_force_until"
description = "last day"
unit = "date"
kind = "date"
clause = "III.1"
status = "verified"
values = [{ from = 2022-04-21, value = 2025-12-31 }]

[[parameter]]
id = "registration.commune.quota"
description = "commune list"
unit = "exemplars"
kind = "range"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2022-04-21, value = { min = 5, max = 6 } }]

[[parameter]]
id = "registration.commune.deadline"
description = "commune deadline"
unit = "day of year"
kind = "month_day"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2022-04-21, value = "01-15" }]
exceptions = [{ year = 2022, value = "05-30" }]

[[parameter]]
id = "registration.lead_agency.quota"
description = "lead agency list"
unit = "exemplars"
kind = "range"
clause = "IV.1.d.3"
status = "verified"
values = [{ from = 2022-04-21, value = { min = 3, max = 7 } }]

[[parameter]]
id = "registration.district.quota"
description = "district list"
unit = "exemplars"
kind = "range"
clause = "IV.1.d.2"
status = "verified"
values = [{ from = 2022-04-21, value = { min = 10, max = 15 } }]

[[parameter]]
id = "registration.district.deadline"
description = "district deadline"
unit = "day of year"
kind = "month_day"
clause = "IV.1.d.4"
status = "verified"
values = [{ from = 2022-04-21, value = "02-15" }]
exceptions = [{ year = 2022, value = "06-11" }]
"""

LEVELS = [Level(id=i, name_vi=i, name_en=i)
          for i in ("tinh", "so", "huyen", "phong_ban", "xa", "don_vi")]
ROLES = [
    Role(id="commune", name_vi="xã", name_en="commune", levels=["xa"]),
    Role(id="district", name_vi="huyện", name_en="district", levels=["huyen"]),
    Role(id="district_office", name_vi="phòng", name_en="office",
         levels=["phong_ban", "don_vi"]),
    Role(id="lead_agency", name_vi="chủ trì", name_en="lead", movement_lead=True),
    Role(id="province_home_affairs", name_vi="Sở Nội vụ", name_en="DoHA", levels=["so"]),
]


def _plan(params: str = TEST_PARAMETERS, plan_id: str = "test-plan") -> Plan:
    store = parse_parameters(tomllib.loads(params), origin="test.toml")
    return Plan(id=plan_id, name_vi="Kế hoạch thử", name_en="Test plan",
                jurisdiction="UBND huyện thử", document="KH thử", levels=LEVELS, roles=ROLES,
                parameters=store)


PLAN = _plan()
CAL = WorkingCalendar()
CONVERTER = make_converter()


def _value(pid: str, year: int) -> Any:
    return PLAN.parameters[pid].value_for_year(year).value


def _deadline(pid: str, year: int) -> dt.date:
    md = _value(pid, year)
    assert isinstance(md, MonthDay)
    return md.in_year(year)


def _last_working_on_or_before(day: dt.date) -> dt.date:
    while not CAL.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _lists(d: Dossier) -> dict[str, list[Submission]]:
    """The dossier's submissions keyed by the sender's role."""
    units = d.units_by_id
    leads = {m.lead for m in d.movements}
    out: dict[str, list[Submission]] = {}
    for s in d.submissions:
        level = units[s.from_unit].level
        role = ("commune" if level == "xa" else "district" if level == "huyen"
                else "lead_agency" if s.from_unit in leads else "other")
        out.setdefault(role, []).append(s)
    return out


def _first(strategy: Any) -> Any:
    """One value of ``strategy`` (``.example()`` is for interactive use only)."""
    out: list[Any] = []

    @settings(max_examples=1, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw_one(value: Any) -> None:
        out.append(value)

    draw_one()
    return out[0]


# -- scalars -------------------------------------------------------------------------------

@given(ts.identifiers())
def test_identifiers_are_identifiers(ident: str) -> None:
    assert is_identifier(ident)


@given(ts.identifiers(prefix="xa", max_size=5))
def test_identifier_prefix(ident: str) -> None:
    assert ident.startswith("xa-")
    assert is_identifier(ident)


@given(ts.slugs())
def test_slugs_are_slugs(slug: str) -> None:
    assert is_slug(slug)


@pytest.mark.parametrize("kind", ["person", "place", "collective", "model", "office",
                                  "movement"])
@given(data=st.data())
def test_vietnamese_names_are_nfc_and_not_empty(kind: str, data: st.DataObject) -> None:
    name = data.draw(ts.vietnamese_names(kind=kind))
    assert name
    assert unicodedata.is_normalized("NFC", name)
    assert nfc(name) == name


@given(data=st.data())
def test_a_messy_name_normalises_to_the_clean_one(data: st.DataObject) -> None:
    clean = data.draw(ts.vietnamese_names())
    messy = data.draw(ts._messy(clean))
    assert Exemplar(id="e", name=messy, kind="ca_nhan", unit="u").name == clean


def test_messy_names_really_are_messy() -> None:
    seen: set[str] = set()

    @settings(max_examples=200, database=None)
    @given(ts.vietnamese_names(messy=True))
    def collect(name: str) -> None:
        if not unicodedata.is_normalized("NFC", name):
            seen.add("nfd")
        if any(c in name for c in ts._INVISIBLE):
            seen.add("invisible")
        if name != name.strip():
            seen.add("spaces")

    collect()
    assert seen == {"nfd", "invisible", "spaces"}


@given(ts.texts())
def test_texts_stay_non_empty_after_normalising(text: str) -> None:
    assert nfc(text)


@pytest.mark.parametrize(("call", "bad"), [
    (lambda: ts.identifiers(prefix="-x"), "prefix"),
    (lambda: ts.identifiers(max_size=0), "max_size"),
    (lambda: ts.slugs(max_size=0), "max_size"),
    (lambda: ts.years(1900, 2000), "1900"),
    (lambda: ts.vietnamese_names(kind="animal"), "animal"),
    (lambda: ts.units(levels=[]), "empty"),
    (lambda: ts.submissions(units=["only-one"]), "two distinct units"),
])
def test_bad_arguments_are_refused_clearly(call: Any, bad: str) -> None:
    with pytest.raises(InvalidArgument, match=bad):
        _first(call())


# -- model objects: sound, and faithful to their pools ---------------------------------------

STRATEGIES: list[tuple[Any, type]] = [
    (ts.levels(), Level), (ts.units(), Unit), (ts.movements(), Movement),
    (ts.honours(), Honour), (ts.exemplars(), Exemplar), (ts.submissions(), Submission),
    (ts.events(), Event), (ts.member_stats(), MemberStats), (ts.year_records(), YearRecord),
    (ts.award_grants(), AwardGrant), (ts.citations(), Citation), (ts.findings(), Finding),
    (ts.calendar_days(), CalendarDay), (ts.ranges(), Range), (ts.month_days(), MonthDay),
    (ts.parameters(), Parameter), (ts.parameter_stores(), ParameterStore),
    (ts.any_dossiers(), Dossier),
]


@pytest.mark.parametrize(("strategy", "cls"), STRATEGIES, ids=lambda x: getattr(x, "__name__",
                                                                               ""))
@given(data=st.data())
def test_every_strategy_builds_its_type(strategy: Any, cls: type, data: st.DataObject) -> None:
    obj = data.draw(strategy)
    assert isinstance(obj, cls)


JSON_TYPES = [Unit, Movement, Exemplar, Submission, Event, YearRecord, AwardGrant,
              MemberStats, Honour]


@pytest.mark.parametrize("cls", JSON_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_model_objects_survive_the_json_converter(cls: type, data: st.DataObject) -> None:
    obj = data.draw(st.from_type(cls))
    text = json.dumps(CONVERTER.unstructure(obj), ensure_ascii=False)
    assert CONVERTER.structure(json.loads(text), cls) == obj


@given(st.data())
def test_references_come_from_the_pools(data: st.DataObject) -> None:
    unit_ids = ["u-1", "u-2", "u-3"]
    unit = data.draw(ts.units(levels=["xa"], parents=unit_ids[:1]))
    assert unit.level == "xa"
    assert unit.parent in (None, "u-1")
    movement = data.draw(ts.movements(leads=unit_ids))
    assert movement.lead in unit_ids
    ex = data.draw(ts.exemplars(units=unit_ids, movements=[movement]))
    assert ex.unit in unit_ids
    assert all(h.movement in (None, movement.id) for h in ex.honoured)
    assert len({h.year for h in ex.honoured}) == len(ex.honoured)
    sub = data.draw(ts.submissions(units=unit_ids, exemplars=["e-1", "e-2"],
                                   years=st.just(2024)))
    assert sub.from_unit != sub.to_unit
    assert {sub.from_unit, sub.to_unit} <= set(unit_ids)
    assert set(sub.exemplars) <= {"e-1", "e-2"}
    assert len(set(sub.exemplars)) == len(sub.exemplars)
    assert sub.year == 2024
    rec = data.draw(ts.year_records(subjects=["e-1"], titles=["lao_dong_tien_tien"]))
    assert rec.subject == "e-1"
    assert set(rec.titles) <= {"lao_dong_tien_tien"}
    grant = data.draw(ts.award_grants(subjects=["e-2"], payers=[], awards=["giay_khen"]))
    assert grant.subject == "e-2"
    assert grant.payer is None
    assert grant.award == "giay_khen"
    finding = data.draw(ts.findings(rules=["quota.commune"], subjects=["u-1"]))
    assert (finding.rule, finding.subject) == ("quota.commune", "u-1")
    assert finding.clause
    assert finding.message_vi
    assert finding.message_en


@given(ts.member_stats())
def test_member_counts_never_exceed_the_total(m: MemberStats) -> None:
    assert max(m.completed, m.lao_dong_tien_tien, m.chien_si_thi_dua_co_so,
               m.disciplined) <= m.total


@given(ts.any_dossiers())
def test_any_dossier_is_a_forest_with_known_references(d: Dossier) -> None:
    index = {u.id: i for i, u in enumerate(d.units)}
    for i, u in enumerate(d.units):  # parents come earlier: never a cycle
        assert u.parent is None or index[u.parent] < i
    assert {e.unit for e in d.exemplars} <= set(index)
    assert {x for s in d.submissions for x in s.exemplars} <= set(d.exemplars_by_id)


# -- registration through the hypothesis entry point -------------------------------------------

def test_every_public_type_has_a_registered_strategy() -> None:
    registered = set(_hypothesis_entry.registered_types())
    assert registered == set(ts._type_strategies())


@pytest.mark.parametrize("cls", _hypothesis_entry.registered_types(), ids=lambda c: c.__name__)
@given(data=st.data())
def test_from_type_uses_the_registered_strategy(cls: type, data: st.DataObject) -> None:
    obj = data.draw(st.from_type(cls))
    assert isinstance(obj, cls)


def test_the_entry_point_is_declared() -> None:
    from importlib.metadata import entry_points

    targets = {ep.value for ep in entry_points(group="hypothesis")}
    assert "thidua.testing._hypothesis_entry:_register" in targets


# -- realistic dossiers under a plan ----------------------------------------------------------

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                deadline=None, max_examples=min(settings.default.max_examples, 40))


@SLOW
@given(ts.dossiers(PLAN))
def test_realistic_dossiers_follow_the_plan(d: Dossier) -> None:
    assert d.plan == PLAN.id
    (year,) = {s.year for s in d.submissions}
    assert 2022 <= year <= 2025
    lists = _lists(d)
    commune_q = _value("registration.commune.quota", year)
    commune_due = _last_working_on_or_before(_deadline("registration.commune.deadline", year))
    communes = [u for u in d.units if u.level == "xa"]
    assert len(lists["commune"]) == len(communes) >= 2
    for s in lists["commune"]:
        assert commune_q.contains(len(s.exemplars))
        assert s.submitted_on is not None
        assert s.submitted_on < commune_due
        assert s.to_unit == d.units_by_id[s.from_unit].parent
        assert {d.exemplars_by_id[x].unit for x in s.exemplars} == {s.from_unit}
    lead_q = _value("registration.lead_agency.quota", year)
    for s in lists.get("lead_agency", []):
        assert lead_q.contains(len(s.exemplars))
        movements = {m.id for m in d.movements if m.lead == s.from_unit}
        for x in s.exemplars:  # only exemplars honoured under its movement
            assert {h.movement for h in d.exemplars_by_id[x].honoured} & movements
    (up,) = lists["district"]
    assert _value("registration.district.quota", year).contains(len(up.exemplars))
    sent_up = {x for s in lists["commune"] + lists.get("lead_agency", []) for x in s.exemplars}
    assert set(up.exemplars) <= sent_up
    assert d.units_by_id[up.to_unit].level == "so"
    district_due = _deadline("registration.district.deadline", year)
    assert up.submitted_on is not None
    assert up.submitted_on < _last_working_on_or_before(district_due)
    assert "other" not in lists


@SLOW
@given(ts.dossiers(PLAN, year=2022))
def test_the_one_year_exception_sets_the_deadline_of_its_year(d: Dossier) -> None:
    commune = _lists(d)["commune"]
    assert all(s.submitted_on is not None and dt.date(2022, 5, 1) <= s.submitted_on
               < dt.date(2022, 5, 30) for s in commune)


@SLOW
@given(ts.dossiers(PLAN, year=st.sampled_from([2023, 2024]), late=True))
def test_late_plants_exactly_one_late_list(d: Dossier) -> None:
    year = d.submissions[0].year
    due = CAL.next_working_day(_deadline("registration.commune.deadline", year))
    late = [s for s in _lists(d)["commune"] if s.submitted_on and s.submitted_on > due]
    assert len(late) == 1


@SLOW
@given(ts.dossiers(PLAN, late="district"))
def test_late_can_target_the_district(d: Dossier) -> None:
    year = d.submissions[0].year
    (up,) = _lists(d)["district"]
    assert up.submitted_on is not None
    assert up.submitted_on > CAL.next_working_day(_deadline("registration.district.deadline",
                                                            year))


@SLOW
@given(ts.dossiers(PLAN, over_quota=True))
def test_over_quota_plants_exactly_one_long_list(d: Dossier) -> None:
    year = d.submissions[0].year
    q = _value("registration.commune.quota", year)
    assert sum(1 for s in _lists(d)["commune"] if len(s.exemplars) > q.max) == 1


@SLOW
@given(ts.dossiers(PLAN, over_quota="district"))
def test_over_quota_can_target_the_district(d: Dossier) -> None:
    year = d.submissions[0].year
    (up,) = _lists(d)["district"]
    assert len(up.exemplars) > _value("registration.district.quota", year).max


@SLOW
@given(ts.dossiers(PLAN, history=False, communes=3, offices=0))
def test_counts_and_no_history(d: Dossier) -> None:
    assert sum(1 for u in d.units if u.level == "xa") == 3
    assert not d.records
    assert not d.awards
    assert not any(e.honoured for e in d.exemplars)
    assert "lead_agency" not in _lists(d)


def test_quota_values_come_from_the_plan_not_from_code() -> None:
    bigger = TEST_PARAMETERS.replace("{ min = 5, max = 6 }", "{ min = 8, max = 9 }")
    plan = _plan(bigger)

    @settings(SLOW, max_examples=10, database=None)
    @given(ts.dossiers(plan, year=2024))
    def check(d: Dossier) -> None:
        assert all(8 <= len(s.exemplars) <= 9 for s in _lists(d)["commune"])

    check()


@pytest.mark.parametrize(("knob", "needle"), [
    ({"late": "province_home_affairs"}, "no registration route from role"),
    ({"over_quota": "nobody"}, "nobody"),
])
def test_a_knob_the_plan_cannot_support_is_a_plan_error(knob: dict[str, Any],
                                                       needle: str) -> None:
    with pytest.raises(PlanError, match=needle):
        _first(ts.dossiers(PLAN, **knob))


def test_a_plan_without_deadlines_cannot_plant_a_late_list() -> None:
    no_deadlines = "\n[[parameter]]".join(
        part for part in TEST_PARAMETERS.split("\n[[parameter]]") if "deadline" not in part)
    with pytest.raises(PlanError, match="deadline"):
        _first(ts.dossiers(_plan(no_deadlines), late=True))


@pytest.mark.filterwarnings("ignore::thidua.plugins.host.PluginWarning")
def test_an_unknown_plan_id_is_a_plan_error() -> None:
    # (installed plugins are searched too; one of them may be broken: not our concern)
    with pytest.raises(PlanError, match="no installed plugin supplies"):
        _first(ts.dossiers("no-such-plan"))


@SLOW
@given(ts.dossiers())
def test_the_built_in_plan_gives_valid_dossiers(d: Dossier) -> None:
    from thidua.plugins.host import Host

    assert d.plan in Host(autoload=False).plans
    assert d.units


@SLOW
@given(ts.dossiers(PLAN, messy_names=True))
def test_messy_names_are_stored_clean(d: Dossier) -> None:
    for name in [u.name for u in d.units] + [e.name for e in d.exemplars]:
        assert name == nfc(name)


# -- the engine agrees with the strategy (the built-in plan and its rules) -----------------

ENGINE_CHECK = settings(SLOW, max_examples=min(settings.default.max_examples, 20))


def _engine_findings(d: Dossier) -> list[Finding]:
    from thidua.plugins.host import Host

    report = Host(autoload=False).engine().evaluate(d, d.submissions[0].year)
    return [f for f in report.findings if f.severity.value != "info"]


@ENGINE_CHECK
@given(ts.dossiers())
def test_a_default_dossier_has_no_error_or_warning(d: Dossier) -> None:
    assert _engine_findings(d) == []


@ENGINE_CHECK
@given(ts.dossiers(late=True))
def test_the_engine_finds_the_planted_late_list(d: Dossier) -> None:
    (f,) = _engine_findings(d)
    assert (f.rule, f.severity.value) == ("registration.deadline", "error")


@ENGINE_CHECK
@given(ts.dossiers(over_quota=True))
def test_the_engine_finds_the_planted_long_list(d: Dossier) -> None:
    (f,) = _engine_findings(d)
    assert (f.rule, f.severity.value) == ("registration.quota", "error")
