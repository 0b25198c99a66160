"""The strategies' knobs: a subject planted one title short of an award, award-ladder
histories, calendars with announced swap days, and random valid parameter patches —
each checked against what the ladder, the calendar and the engine make of them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from thidua.calendar import DayKind, WorkingCalendar
from thidua.model import Dossier, YearRecord
from thidua.parameters import ParameterOverride, Range
from thidua.plugins.hookspecs import hookimpl
from thidua.rules.ladder import History, Ladder, Recipient, Verdict, recipient_of
from thidua.testing import calendars, dossiers, histories, parameter_overrides
from thidua.testing.fixtures import make_host
from thidua.testing.knobs import plant_one_title_short

HOST = make_host()
LADDER = Ladder.from_host(HOST)
PLAN = "vn-hy-district-exemplars-2022"
SEED = HOST.plans[PLAN]
# the awards whose criteria (in 2024) count a title, read from the catalogue
TITLE_AWARDS = sorted(
    a.id for a in LADDER.catalogue.values()
    if any((reg := a.regime_on(LADDER.judged_on(2024))) and (root := reg.criteria(r))
           and any(c.kind in ("title_in_a_row", "title_count_in_span") for c in root.leaves())
           for r in a.recipients))
SLOW = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None,
                max_examples=min(settings.default.max_examples, 50))


def test_there_are_awards_to_plant_against() -> None:
    assert {"bang_khen_tinh", "bang_khen_thu_tuong", "chien_si_thi_dua_tinh"} <= \
        set(TITLE_AWARDS)


def _one_short(h: History, award: str, year: int) -> bool:
    """Not eligible, and the only title condition unmet is short by exactly one."""
    r = LADDER.eligibility(h, award, year)
    titles = [c for c in r.unmet if c.kind in ("title_in_a_row", "title_count_in_span")]
    return r.verdict is Verdict.NOT_ELIGIBLE and len(titles) == 1 and titles[0].shortfall == 1


def _with_title_every_year(h_records: list[YearRecord], title: str) -> list[YearRecord]:
    return [attrs.evolve(r, titles=sorted({*r.titles, title})) for r in h_records]


@pytest.mark.parametrize("award", TITLE_AWARDS)
def test_planting_one_title_short_leaves_exactly_one_title_missing(award: str) -> None:
    records, grants = plant_one_title_short(LADDER, award, 2024, subject="s")
    rec = Recipient.COLLECTIVE if records[0].members is not None else Recipient.INDIVIDUAL
    h = LADDER.history_of("s", rec, records, grants)
    assert _one_short(h, award, 2024)
    (missing,) = [c for c in LADDER.eligibility(h, award, 2024).unmet
                  if c.kind in ("title_in_a_row", "title_count_in_span")]
    title = next(leaf.params["title"] for a in [LADDER.catalogue[award]]
                 for reg in [a.regime_on(LADDER.judged_on(2024))] if reg
                 for root in [reg.criteria(rec)] if root
                 for leaf in root.leaves() if leaf.id == missing.id)
    # one more title of that kind and the award is reached
    fuller = LADDER.history_of("s", rec, _with_title_every_year(records, title), grants)
    assert LADDER.eligibility(fuller, award, 2024).verdict in (Verdict.ELIGIBLE,
                                                              Verdict.UNCONFIRMED)


@pytest.mark.parametrize(("award", "problem"), [
    ("lao_dong_tien_tien", "count no title"),
    ("giay_khen", "no criteria in force"),
    ("no_such_award", "unknown award"),
])
def test_awards_that_cannot_be_planted_are_refused_clearly(award: str, problem: str) -> None:
    with pytest.raises(InvalidArgument, match=problem):
        plant_one_title_short(LADDER, award, 2024)


@SLOW
@given(data=st.data(), award=st.sampled_from(TITLE_AWARDS))
def test_histories_one_title_short(data: st.DataObject, award: str) -> None:
    year = data.draw(st.integers(2024, 2030))
    h = data.draw(histories(one_title_short=award, year=year))
    assert _one_short(h, award, year)


@given(h=histories())
def test_random_histories_are_judged_without_error(h: History) -> None:
    assert h.recipient in Recipient
    for result in LADDER.ladder(h, h.last_year or 2024):
        assert result.clause
        if result.verdict is Verdict.NOT_ELIGIBLE:
            assert result.unmet
            assert all(c.missing_vi and c.missing_en for c in result.unmet)


@given(h=histories(recipient="collective", year=2024, max_years=3))
def test_history_knobs_are_obeyed(h: History) -> None:
    assert h.recipient is Recipient.COLLECTIVE
    assert h.last_year is not None
    assert 2022 <= h.last_year <= 2024
    assert set(h.members) <= {2022, 2023, 2024}


@SLOW
@given(d=dossiers(year=2024, one_title_short="bang_khen_tinh", communes=(2, 3),
                  offices=(2, 2)))
def test_a_dossier_plants_one_exemplar_one_title_short(d: Dossier) -> None:
    short = [e for e in d.exemplars if e.kind.value == "ca_nhan"
             and _one_short(LADDER.history(d, e.id), "bang_khen_tinh", 2024)]
    assert short
    assert recipient_of(short[0].kind) is Recipient.INDIVIDUAL
    # it is still a realistic dossier: no registration error was planted
    report = HOST.engine().evaluate(d, 2024)
    assert not report.errors


@SLOW
@given(d=dossiers(year=2024, one_title_short="bang_khen_thu_tuong", late="commune",
                  communes=2, offices=(2, 2)))
def test_knobs_combine(d: Dossier) -> None:
    assert {f.rule for f in HOST.engine().evaluate(d, 2024).errors} == \
        {"registration.deadline"}
    assert any(_one_short(LADDER.history(d, e.id), "bang_khen_thu_tuong", 2024)
               for e in d.exemplars)


# -- calendars --------------------------------------------------------------------------------

@given(cal=calendars(years=[2024, 2025], max_swaps=4))
def test_calendars_announce_days_that_change_the_calendar(cal: WorkingCalendar) -> None:
    plain = WorkingCalendar()
    assert len({d.date for d in cal.extra_days}) == len(cal.extra_days)
    for day in cal.extra_days:
        assert day.date.year in (2024, 2025)
        assert cal.is_working_day(day.date) is (day.kind is DayKind.WORKING_DAY)
        assert plain.is_working_day(day.date) is not cal.is_working_day(day.date)
        assert day.name
        if day.kind is DayKind.WORKING_DAY:
            assert day.date.weekday() >= 5


@given(cal=calendars(years=[2024], max_swaps=6), data=st.data())
def test_deadlines_roll_to_a_working_day_of_the_announced_calendar(
        cal: WorkingCalendar, data: st.DataObject) -> None:
    nominal = data.draw(st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 20)))
    d = cal.deadline(id="x", nominal=nominal)
    assert cal.is_working_day(d.due)
    assert all(not cal.is_working_day(s.date) for s in d.shifted_over)
    assert d.due >= nominal


@given(data=st.data())
def test_an_announced_day_off_moves_a_deadline(data: st.DataObject) -> None:
    cal = data.draw(calendars(years=[2024], max_swaps=3))
    offs = [d.date for d in cal.extra_days if d.kind is DayKind.DAY_OFF]
    for off in offs:
        assert cal.deadline(id="x", nominal=off).due > off


# -- parameter patches ---------------------------------------------------------------------------

class _Patch:
    def __init__(self, overrides: list[ParameterOverride]) -> None:
        self.__name__ = "test-plugin"
        self.overrides = overrides

    @hookimpl
    def thidua_parameter_overrides(self, plan: Any) -> list[ParameterOverride] | None:
        return self.overrides if plan.id == PLAN else None


@given(overrides=parameter_overrides())
def test_patches_are_valid_and_a_host_accepts_them(overrides: list[ParameterOverride]) -> None:
    assert len({o.parameter for o in overrides}) == len(overrides)
    host = make_host(_Patch(overrides))  # strict: a bad patch would raise
    plan = host.plans[PLAN]
    for ov in overrides:
        assert ov.problems(SEED.parameters[ov.parameter]) == []
        for v in ov.values:
            year = v.year if v.year is not None else v.effective_from.year  # type: ignore[union-attr]
            if v.year is not None:
                assert plan.parameters[ov.parameter].value_for_year(year).value == v.value


@SLOW
@given(data=st.data())
def test_dossiers_follow_a_patched_quota(data: st.DataObject) -> None:
    (patch,) = data.draw(parameter_overrides(parameters=["registration.commune.quota"],
                                             max_size=1).filter(bool))
    plan = make_host(_Patch([patch])).plans[PLAN]
    year = data.draw(st.sampled_from([y for y in range(2022, 2026) if plan.in_force(y)]))
    quota = plan.parameters.for_year(year).range("registration.commune.quota")
    # keep the drawn dossier small; a list that is sent names at least one exemplar
    assume(quota.max is None or 1 <= quota.max <= 8)
    d = data.draw(dossiers(plan, year=year, communes=(1, 2), offices=(1, 1)))
    communes = {u.id for u in d.units if u.level == "xa"}
    for s in d.submissions_for(year):
        if s.from_unit in communes:
            assert quota.contains(len(s.exemplars))


def test_bad_patch_arguments() -> None:
    @given(parameter_overrides(parameters=["no.such"]))
    def draw(_: list[ParameterOverride]) -> None:
        raise AssertionError("unreachable")

    with pytest.raises(InvalidArgument, match=r"has no parameter 'no\.such'"):
        draw()


def test_range_patches_stay_realistic() -> None:
    @given(parameter_overrides(parameters=["registration.district.quota"], max_value=5))
    def check(overrides: list[ParameterOverride]) -> None:
        for ov in overrides:
            for v in ov.values:
                assert isinstance(v.value, Range)
                assert v.value.min <= 5
                assert v.value.max is None or v.value.max <= 5
    check()


# -- the walkthrough of docs/testing.md with the example plugin ---------------------------------

DOC = Path(__file__).resolve().parents[1] / "docs" / "testing.md"


def _doc_block(language: str, containing: str) -> str:
    """The fenced ``language`` block of docs/testing.md that contains ``containing``."""
    blocks = re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if containing in b]
    return block


@pytest.mark.skipif(not DOC.exists(), reason="not a source checkout")
def test_the_two_tier_walkthrough_of_the_docs_runs(tmp_path: Path) -> None:
    pytest.importorskip("thidua_two_tier")
    from thidua.testing.scenarios import load_scenario_file, run_scenario

    scenario = tmp_path / "scenario_two_tier.toml"
    scenario.write_text(_doc_block("toml", 'plugins = ["thidua_two_tier"]'), encoding="utf-8")
    (case,) = load_scenario_file(scenario)
    result = run_scenario(case)
    assert result.passed, result.report("en")
    module = tmp_path / "doc_two_tier_property.py"
    module.write_text(
        _doc_block("python", "def test_every_list_to_or_from_a_district_unit_is_an_error"),
        encoding="utf-8")
    spec = importlib.util.spec_from_file_location("doc_two_tier_property", module)
    assert spec is not None
    assert spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    loaded.test_every_list_to_or_from_a_district_unit_is_an_error()
