"""The engine with the seed plan: the bundled example, the plan's period, the trace,
parameters resolved once, rules replaced or disabled by a plugin."""

from __future__ import annotations

import datetime as dt

import pytest

from _rules_helpers import PLAN, dossier, engine, host, problems, seed_plan
from thidua.data import load_example
from thidua.errors import PlanError
from thidua.model import Finding
from thidua.parameters import ParameterStore
from thidua.plan import Plan
from thidua.plans import load_plan
from thidua.plugins import RuleAction, RuleChange, hookimpl
from thidua.plugins.builtin.seed import PLAN_FILE
from thidua.plugins.host import Host
from thidua.rules import library
from thidua.rules.base import Rule, RuleContext
from thidua.rules.obligations import plan_obligations
from thidua.rules.routes import plan_routes
from thidua.serialization import report_to_dict

PLANTED = {
    2023: {("registration.quota", "s-2023-xa-chi-dao", "error", "IV.1.d.1")},
    2024: {("registration.deadline", "s-2024-xa-dinh-du", "error", "IV.1.d.1"),
           ("registration.quota", "s-2024-xa-minh-hai", "error", "IV.1.d.1")},
}


@pytest.mark.parametrize("year", [2023, 2024])
def test_the_bundled_example_reports_exactly_the_planted_problems(year: int) -> None:
    report = host().engine().evaluate(load_example(), year)
    found = {(f.rule, f.subject, f.severity.value, f.clause) for f in problems(report)}
    assert found == PLANTED[year]
    # the rest is information about subjects (II.2), one per list
    info = [f for f in report.findings if f.severity.value == "info"]
    assert {f.rule for f in info} == {"subjects.honoured"}
    assert len(info) == len(load_example().submissions_for(year))


def test_planted_details() -> None:
    report = host().engine().evaluate(load_example(), 2024)
    late = next(f for f in report.findings if f.rule == "registration.deadline")
    assert (late.evidence["submitted_on"], late.evidence["due"]) == ("2024-01-22", "2024-01-15")
    assert (late.evidence["days_late"], late.evidence["working_days_late"]) == (7, 5)
    under = next(f for f in report.findings if f.subject == "s-2024-xa-minh-hai")
    assert (under.evidence["count"], under.evidence["min"]) == (4, 5)


def test_no_plan_in_force_for_2026_gives_one_clear_finding() -> None:
    report = host().engine().evaluate(load_example(), 2026)
    assert report.plan is None
    (f,) = report.findings
    assert (f.rule, f.clause) == ("plan.in_force", "III.1")
    assert "2026" in f.message_en
    assert "no plan in force" in f.message_en.lower()
    assert "Không có kế hoạch nào có hiệu lực cho năm 2026" in f.message_vi


def test_the_plan_is_in_force_from_2022_to_2025() -> None:
    plan = seed_plan()
    assert [y for y in range(2020, 2028) if plan.in_force(y)] == [2022, 2023, 2024, 2025]


def test_trace_shows_values_with_citation_and_effective_date() -> None:
    report = engine().evaluate(dossier(), 2022, trace=True)
    assert report.trace is not None
    by_id = {v.parameter: v for v in report.trace.parameters}
    commune = by_id["registration.commune.deadline"]
    assert (str(commune.value), commune.exception_year, commune.citation.clause) == (
        "05-30", 2022, "IV.1.d.1")
    quota = by_id["registration.commune.quota"]
    assert (quota.effective_from, quota.citation.clause, quota.status.value) == (
        dt.date(2022, 4, 21), "IV.1.d.1", "verified")
    assert by_id["deadline.roll"].citation.document.startswith("Bộ luật Dân sự")
    assert [r.id for r in report.trace.rules] == [r.id for r in seed_plan().rules]
    doc = report_to_dict(report, trace=True)
    assert doc["trace"]["plan"] == PLAN
    assert engine().evaluate(dossier(), 2022).trace is None


def test_parameters_are_resolved_once_per_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = ParameterStore.for_year

    def counting(self: ParameterStore, year: int):  # type: ignore[no-untyped-def]
        calls.append(year)
        return original(self, year)

    monkeypatch.setattr(ParameterStore, "for_year", counting)
    engine().evaluate(load_example(), 2024)
    assert calls == [2024]


class _Changes:
    __name__ = "test-changes"

    @hookimpl
    def thidua_rule_changes(self, plan: Plan) -> list[RuleChange]:
        def strict(ctx: RuleContext) -> list[Finding]:
            return [Finding(rule="registration.quota", severity="warning", subject=ctx.plan.id,
                            clause="test", message_vi="thay thế", message_en="replaced")]
        return [RuleChange(action=RuleAction.DISABLE, rule_id="registration.deadline"),
                RuleChange(action=RuleAction.REPLACE, rule_id="registration.quota",
                           rule=Rule(id="registration.quota", clause="test", check=strict))]


def test_a_plugin_replaces_and_disables_rules_by_id() -> None:
    h = Host([_Changes()], autoload=False)
    report = h.engine().evaluate(load_example(), 2024)
    rules = {f.rule for f in problems(report)}
    assert rules == {"registration.quota"}
    (f,) = problems(report)
    assert f.message_en == "replaced"
    plan = h.plans[PLAN]
    assert "registration.deadline" not in [r.id for r in plan.rules]
    assert next(r for r in plan.rules if r.id == "registration.quota").source == "test-changes"


def test_the_library_offers_the_rules_the_seed_runs() -> None:
    ids = [r.id for r in library()]
    assert len(ids) == len(set(ids))
    assert set(ids) == {r.id for r in seed_plan().rules}
    assert all(r.source == "thidua.plan_rules" for r in seed_plan().rules)


def test_the_seed_declares_routes_and_obligations_as_data() -> None:
    plan = seed_plan()
    assert [r.id for r in plan_routes(plan)] == ["commune", "lead_agency", "district_office",
                                                 "district"]
    obligations = plan_obligations(plan)
    clauses = {o.clause for o in obligations}
    assert {"IV.1.d.1", "IV.1.d.3", "IV.1.đ", "IV.2", "IV.3", "IV.4", "IV.5.a", "IV.5.b",
            "IV.5.c", "IV.5.d", "IV.5.đ", "IV.5.e", "IV.5.g"} <= clauses


def test_a_plan_with_a_dangling_reference_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = PLAN_FILE.read_text(encoding="utf-8").replace('from = "commune"',
                                                         'from = "communes"')
    text = text.replace('parameters = ["parameters.toml"]',
                        f'parameters = ["{PLAN_FILE.with_name("parameters.toml").as_posix()}"]')
    bad = tmp_path / "plan.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="unknown role 'communes'"):
        load_plan(bad, {r.id: r for r in library()})


def test_a_plan_section_with_an_unknown_key_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "plan.toml"
    bad.write_text(f'extends = "{PLAN_FILE.as_posix()}"\n'
                   '[[route]]\nid = "x"\nname_vi = "x"\nname_en = "x"\nfrom = "commune"\n'
                   'to = "district"\nclause = "IV"\nquota_max = 3\n', encoding="utf-8")
    with pytest.raises(PlanError, match="quota_max"):
        load_plan(bad, {r.id: r for r in library()})


def test_a_plan_extends_a_plan_shipped_in_a_package(tmp_path) -> None:  # type: ignore[no-untyped-def]
    child = tmp_path / "plan.toml"
    child.write_text('extends = "thidua.plugins.builtin.seed:plan.toml"\n'
                     'id = "child-plan"\n', encoding="utf-8")
    plan = load_plan(child, {r.id: r for r in library()})
    assert plan.id == "child-plan"
    assert [r.id for r in plan_routes(plan)] == [r.id for r in plan_routes(seed_plan())]
    missing = tmp_path / "missing.toml"
    missing.write_text('extends = "no_such_package_x:plan.toml"\nid = "m"\n', encoding="utf-8")
    with pytest.raises(PlanError, match="no_such_package_x"):
        load_plan(missing, {r.id: r for r in library()})


def test_an_extends_cycle_is_a_plan_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.toml").write_text('extends = "b.toml"\nid = "a"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\nid = "b"\n', encoding="utf-8")
    with pytest.raises(PlanError, match="cycle"):
        load_plan(tmp_path / "a.toml", {r.id: r for r in library()})
