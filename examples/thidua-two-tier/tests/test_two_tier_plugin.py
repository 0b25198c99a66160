"""A two-tier province as a plugin: a plan of its own from 2026 that succeeds the
district plan (new levels, routes, quotas and deadlines), one rule replaced for it only;
a 2026 dossier is judged by it, the bundled 2024 example still by the district plan."""

from __future__ import annotations

import importlib.metadata
import json
import tomllib

import pytest
import thidua_two_tier
from thidua_two_tier.rules import ROUTE_RULE_TWO_TIER

from thidua import Host, ParameterStatus, Range
from thidua.cli.main import main
from thidua.data import load_example
from thidua.serialization import load_dossier
from thidua.testing.fixtures import HookRecorder, make_host

SEED = "vn-hy-district-exemplars-2022"
PLAN = thidua_two_tier.PLAN_ID


@pytest.fixture(scope="module")
def host() -> Host:
    return make_host(thidua_two_tier)


def test_the_entry_point_names_the_module_and_the_plan_id_is_the_files() -> None:
    (ep,) = [e for e in importlib.metadata.entry_points(group="thidua")
             if e.value == "thidua_two_tier"]
    assert ep.name == thidua_two_tier.NAME
    plan = tomllib.loads(thidua_two_tier.PLAN_FILE.read_text(encoding="utf-8"))
    assert plan["id"] == PLAN
    assert plan["succeeds"] == SEED


def test_the_plan_has_no_district_level_and_routes_go_to_the_province(host: Host) -> None:
    plan = host.plans[PLAN]
    assert "huyen" in {lv.id for lv in host.plans[SEED].levels}
    assert "huyen" not in {lv.id for lv in plan.levels}
    assert plan.succeeds == SEED
    assert plan.source == "thidua_two_tier"
    from thidua.rules.routes import plan_routes

    assert {(r.id, r.to_role) for r in plan_routes(plan)} == {
        ("commune", "province_home_affairs"), ("department", "province_home_affairs"),
        ("lead_agency", "province_home_affairs")}


def test_its_own_quotas_and_deadlines_are_marked_unconfirmed(host: Host) -> None:
    params = host.plans[PLAN].parameters.for_year(2026)
    quota = params["registration.commune.quota"]
    assert quota.value == Range(3, 5)
    assert quota.status is ParameterStatus.UNCONFIRMED
    assert quota.source == "thidua_two_tier"
    assert str(params.month_day("registration.commune.deadline")) == "01-31"
    ended = params["two_tier.district_level_ended"]
    assert ended.status is ParameterStatus.VERIFIED
    assert ended.citation.document.startswith("Nghị quyết 60-NQ/TW")


def test_the_route_rule_is_replaced_for_this_plan_only(host: Host) -> None:
    mine = {r.id: r for r in host.plans[PLAN].rules}
    seeds = {r.id: r for r in host.plans[SEED].rules}
    assert mine["registration.route"] is not seeds["registration.route"]
    assert mine["registration.route"].source == "thidua_two_tier"
    assert mine["registration.route"].check is ROUTE_RULE_TWO_TIER.check
    assert seeds["registration.route"].source != "thidua_two_tier"
    assert [(p, c.action.value, c.rule_id) for p, c in host.rule_changes_for(PLAN)] == \
        [("thidua_two_tier", "replace", "registration.route")]
    assert host.rule_changes_for(SEED) == ()


def test_a_2026_dossier_is_judged_by_the_province(host: Host) -> None:
    dossier = load_dossier(thidua_two_tier.EXAMPLE_DOSSIER)
    assert dossier.plan == SEED  # the dossier names the district plan …
    report = host.engine().evaluate(dossier, 2026, trace=True)
    assert report.plan == PLAN  # … and its successor judges 2026
    errors = sorted((f.rule, f.subject) for f in report.errors)
    assert errors == [
        ("registration.deadline", "s-2026-xa-chi-dao"),
        ("registration.deadline", "xa-viet-hung"),
        ("registration.quota", "s-2026-phuong-nhu-quynh"),
        ("registration.route", "s-2026-xa-viet-hung"),
    ]
    gone = next(f for f in report.errors if f.rule == "registration.route")
    assert gone.evidence["level"] == "huyen"
    assert gone.evidence["level_ended"] == "2025-07-01"
    assert "Sở Nội vụ" in gone.message_vi
    assert gone.document.startswith("Nghị quyết 60-NQ/TW")
    assert report.trace is not None
    rules = {r.id: r.source for r in report.trace.rules}
    assert rules["registration.route"] == "thidua_two_tier"
    assert {p.source for p in report.trace.parameters} == {"thidua_two_tier"}


def test_without_the_plugin_the_2026_dossier_has_no_plan_in_force() -> None:
    dossier = load_dossier(thidua_two_tier.EXAMPLE_DOSSIER)
    report = Host(autoload=False, strict=True).engine().evaluate(dossier, 2026)
    assert [f.rule for f in report.findings] == ["plan.in_force"]


def test_the_bundled_2024_example_is_still_judged_by_the_district_plan(host: Host) -> None:
    with_plugin = host.engine().evaluate(load_example(), 2024)
    without = Host(autoload=False, strict=True).engine().evaluate(load_example(), 2024)
    assert with_plugin.plan == SEED
    assert with_plugin.findings == without.findings


def test_thidua_check_applies_the_province_when_installed(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("THIDUA_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    path = str(thidua_two_tier.EXAMPLE_DOSSIER)
    assert main(["--strict-plugins", "check", path, "--year", "2026", "--format", "json"]) \
        in (0, 1)  # the check ran (its exit code policy is the check command's)
    doc = json.loads(capsys.readouterr().out)
    assert doc["plan"] == PLAN
    assert {f["rule"] for f in doc["findings"] if f["severity"] == "error"} == {
        "registration.deadline", "registration.quota", "registration.route"}
    main(["--strict-plugins", "check", "--example", "--year", "2024", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["plan"] == SEED


def test_params_diff_compares_with_the_plan_it_succeeds(host: Host) -> None:
    changes = {c.parameter.id: c for c in host.parameter_changes(PLAN)}
    quota = changes["registration.commune.quota"]
    assert quota.against == SEED
    assert [v.value for v in quota.before] == [Range(5, 6)]
    assert [v.value for v in quota.after] == [Range(3, 5)]
    assert changes["registration.department.quota"].before == ()  # a new parameter


def test_the_hooks_it_implements_ran_once_per_plan() -> None:
    recorder = HookRecorder()
    h = make_host(thidua_two_tier, recorder=recorder)
    assert recorder.hooks("thidua_two_tier") == ("thidua_plans", "thidua_rule_changes")
    assert recorder.count("thidua_rule_changes", "thidua_two_tier") == len(h.plans)
