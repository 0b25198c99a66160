"""Na Rì district's 2014 plan as a plugin: installed through its entry point, it adds a
plan with the reference plan's structure and KH 37/KH-UBND's quotas (05 per commune,
01 per district agency), every value cited and marked verified or unconfirmed."""

from __future__ import annotations

import importlib.metadata
import json
import tomllib

import attrs
import pytest
import thidua_na_ri

from thidua import Dossier, Host, ParameterStatus, Range
from thidua.cli.main import main
from thidua.serialization import load_dossier
from thidua.testing.fixtures import HookRecorder, make_host

SEED = "vn-hy-district-exemplars-2022"
PLAN = thidua_na_ri.PLAN_ID


@pytest.fixture(scope="module")
def host() -> Host:
    return make_host(thidua_na_ri)


def test_the_entry_point_names_the_module() -> None:
    (ep,) = [e for e in importlib.metadata.entry_points(group="thidua")
             if e.value == "thidua_na_ri"]
    assert ep.name == thidua_na_ri.NAME == "thidua_na_ri"
    assert ep.dist is not None
    assert ep.dist.version == thidua_na_ri.__version__


def test_the_plan_id_constant_is_the_data_files() -> None:
    data = tomllib.loads(thidua_na_ri.DATA_FILE.read_text(encoding="utf-8"))
    assert data["plan"]["id"] == PLAN


def test_autoloaded_it_is_listed_with_its_plan(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("THIDUA_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    assert main(["--strict-plugins", "plugins", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    mine = next(p for p in doc["plugins"] if p["name"] == "thidua_na_ri")
    assert mine["version"] == "0.1.0"
    assert mine["contributes"] == [f"plans: {PLAN}"]
    assert mine["hooks"] == ["thidua_plans"]


def test_quotas_are_those_of_kh_37(host: Host) -> None:
    params = host.plans[PLAN].parameters.for_year(2014)
    commune = params["registration.commune.quota"]
    assert commune.value == Range(5, 5)
    assert commune.source == "thidua_na_ri"
    assert commune.status is ParameterStatus.VERIFIED
    assert commune.citation.document.startswith("Kế hoạch số 37/KH-UBND ngày 15/4/2014")
    assert params.range("registration.district_office.quota") == Range(1, 1)
    # the reference plan is not changed by installing Na Rì
    assert host.plans[SEED].parameters.for_year(2024).range("registration.commune.quota") \
        == Range(5, 6)


def test_every_parameter_has_a_value_in_both_years_and_says_where_from(host: Host) -> None:
    plan = host.plans[PLAN]
    for year in (2014, 2015):
        resolved = plan.parameters.for_year(year)
        assert set(resolved) == set(plan.parameters), f"missing values for {year}"
        for value in resolved.values():
            assert value.source == "thidua_na_ri"
            assert value.citation.clause
    assumed = plan.parameters.for_year(2014)["registration.lead_agency.quota"]
    assert assumed.status is ParameterStatus.UNCONFIRMED  # not in KH 37: a marked default


def test_in_force_from_april_2014_to_the_end_of_2015(host: Host) -> None:
    plan = host.plans[PLAN]
    assert [y for y in range(2013, 2017) if plan.in_force(y)] == [2014, 2015]
    assert plan.jurisdiction == "UBND huyện Na Rì (tỉnh Bắc Kạn)"
    assert plan.levels == host.plans[SEED].levels  # the reference plan's structure


def test_the_example_dossier_is_judged_by_na_ris_quota(host: Host) -> None:
    dossier = load_dossier(thidua_na_ri.EXAMPLE_DOSSIER)
    report = host.engine().evaluate(dossier, 2014, trace=True)
    assert report.plan == PLAN
    errors = [(f.rule, f.subject) for f in report.errors]
    assert errors == [("registration.quota", "s-2014-xa-van-minh")]
    assert report.trace is not None
    traced = {p.parameter: p for p in report.trace.parameters}
    assert traced["registration.commune.quota"].source == "thidua_na_ri"
    # the same lists under the reference plan's 5–6 hold no quota error
    as_seed = _shift(attrs.evolve(dossier, plan=SEED), 2024)
    seed_report = host.engine().evaluate(as_seed, 2024)
    assert seed_report.plan == SEED
    assert not [f for f in seed_report.errors if f.rule == "registration.quota"]


def test_after_2015_no_plan_is_in_force(host: Host) -> None:
    dossier = load_dossier(thidua_na_ri.EXAMPLE_DOSSIER)
    report = host.engine().evaluate(dossier, 2016)
    assert [f.rule for f in report.findings] == ["plan.in_force"]


def test_thidua_check_applies_it_when_installed(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("THIDUA_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    code = main(["--strict-plugins", "check", str(thidua_na_ri.EXAMPLE_DOSSIER),
                 "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code in (0, 1)  # the check ran (its exit code policy is the check command's)
    assert doc["plan"] == PLAN
    assert [(f["rule"], f["subject"]) for f in doc["findings"] if f["severity"] == "error"] \
        == [("registration.quota", "s-2014-xa-van-minh")]


def test_the_hooks_it_implements_ran() -> None:
    recorder = HookRecorder()
    make_host(thidua_na_ri, recorder=recorder)
    assert recorder.hooks("thidua_na_ri") == ("thidua_plans",)


def _shift(dossier: Dossier, year: int) -> Dossier:
    """The dossier's 2014 lists as lists of ``year``, sent on the same day and month."""
    subs = [attrs.evolve(s, year=year, submitted_on=s.submitted_on.replace(year=year)
                         if s.submitted_on is not None else None)
            for s in dossier.submissions]
    return attrs.evolve(dossier, submissions=subs)
