"""The plugin host: load order, autoload switch, isolation of broken plugins, refusal of
invalid overrides naming plugin and parameter, conflicts with both names, provenance in
the trace, and results that do not depend on the order plugins are registered in."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import sys
import types
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _plugins_helpers import (
    PLAN_ID,
    REPLACEMENT_RULE,
    OverridePlugin,
    PlanPlugin,
    RuleChangePlugin,
    dossier,
    quota_override,
)
from thidua import (
    CalendarDay,
    Citation,
    DatedValue,
    Host,
    ParameterOverride,
    Plan,
    PluginError,
    PluginWarning,
    Range,
    RuleAction,
    RuleChange,
    hookimpl,
)
from thidua.plugins.builtin import BUILTIN_PLUGINS
from thidua.plugins.host import DISABLE_AUTOLOAD_ENV, STRICT_ENV
from thidua.serialization import report_to_dict
from thidua.testing.fixtures import HookRecorder, make_host


def host(*plugins: object, strict: bool = True) -> Host:
    return Host([PlanPlugin(), *plugins], autoload=False, strict=strict)


def quota(h: Host, year: int = 2024) -> Range:
    return h.plans[PLAN_ID].parameters.for_year(year).range("quota")


# -- entry points and the autoload switch -------------------------------------------

def _fake_entry_points(monkeypatch: pytest.MonkeyPatch, **targets: str) -> list[str]:
    """Make the ``thidua`` entry-point group hold ``name = target`` entries; returns a
    list that records each lookup."""
    looked: list[str] = []
    eps = [importlib.metadata.EntryPoint(name=n, value=v, group="thidua")
           for n, v in targets.items()]

    def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
        looked.append(group)
        return eps if group == "thidua" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return looked


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A plugin module installed under the entry point ``acme``."""
    mod = types.ModuleType("acme_plugin")

    @hookimpl
    def thidua_calendar_days() -> list[CalendarDay]:
        return [CalendarDay(date=dt.date(2026, 1, 2), kind="day_off", name="Nghỉ bù")]

    mod.thidua_calendar_days = thidua_calendar_days
    monkeypatch.setitem(sys.modules, "acme_plugin", mod)
    return mod


def test_load_order_is_builtins_then_entry_points_then_explicit(
        monkeypatch: pytest.MonkeyPatch, installed: types.ModuleType) -> None:
    monkeypatch.delenv(DISABLE_AUTOLOAD_ENV, raising=False)
    _fake_entry_points(monkeypatch, acme="acme_plugin")
    recorder = HookRecorder()
    h = Host([PlanPlugin()], monitor=recorder, strict=True)
    registered = [name for name, _ in h._pm.list_name_plugin()]
    builtins = [name for name, _ in BUILTIN_PLUGINS]
    assert builtins[0] == "thidua.seed"
    assert registered == [*builtins, "acme", "test-plan-plugin"]
    assert recorder.plugins("thidua_calendar_days") == ("acme",)
    assert h.calendar.holiday_name(dt.date(2026, 1, 2)) == "Nghỉ bù"
    assert h.calendar.extra_days[0].source == "acme"


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_autoload_can_be_switched_off(monkeypatch: pytest.MonkeyPatch,
                                      installed: types.ModuleType, value: str) -> None:
    looked = _fake_entry_points(monkeypatch, acme="acme_plugin")
    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, value)
    h = Host()
    assert "acme" not in h.plugin_names
    assert looked == []
    assert not h.autoload
    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, "0")
    assert "acme" in Host().plugin_names


def test_a_plugin_that_fails_to_import_is_a_warning_naming_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STRICT_ENV, raising=False)
    _fake_entry_points(monkeypatch, broken="thidua_no_such_plugin_module")
    with pytest.warns(PluginWarning, match="plugin 'broken' failed to import: "
                                           "ModuleNotFoundError"):
        h = Host()
    assert "broken" not in h.plugin_names
    assert "thidua.seed" in h.plugin_names  # the rest still loads
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(PluginError, match="plugin 'broken' failed to import"):
        Host()


class Malformed:
    __name__ = "malformed"

    def __init__(self, result: object) -> None:
        self.result = result

    @hookimpl
    def thidua_calendar_days(self) -> object:
        return self.result


class Raising:
    __name__ = "raising"

    @hookimpl
    def thidua_rules(self) -> object:
        raise RuntimeError("boom")


@pytest.mark.parametrize(("plugin", "message"), [
    (Malformed({"a": 1}), "plugin 'malformed' returned dict from thidua_calendar_days; "
                          "expected a list or None"),
    (Malformed(["2026-01-02"]), "plugin 'malformed' returned a str from "
                                "thidua_calendar_days; expected CalendarDay"),
    (Raising(), "plugin 'raising' failed in thidua_rules: RuntimeError: boom"),
])
def test_malformed_data_is_a_warning_or_in_strict_mode_an_error(plugin: object,
                                                                message: str) -> None:
    with pytest.warns(PluginWarning, match=message):
        h = Host([plugin], autoload=False, strict=False)
    assert h.calendar.extra_days == ()
    assert any(message in p for p in h.problems)
    with pytest.raises(PluginError, match=message):
        Host([plugin], autoload=False, strict=True)


def test_the_same_plugin_object_twice_is_registered_once() -> None:
    p = PlanPlugin()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = Host([p, p], autoload=False)
    assert h.plugin_names.count("test-plan-plugin") == 1
    with pytest.warns(PluginWarning, match="two plugins are named 'test-plan-plugin'"):
        Host([p, PlanPlugin()], autoload=False, strict=False)


# -- overrides: refusal at load, provenance, conflicts -----------------------------

def test_an_override_changes_the_value_and_says_which_plugin_supplied_it() -> None:
    h = host(OverridePlugin("acme", quota_override("{ min = 2, max = 3 }")))
    assert quota(h, 2023) == Range(5, 6)  # history before the override is kept
    assert quota(h, 2024) == Range(2, 3)
    resolved = h.plans[PLAN_ID].parameters.for_year(2024)["quota"]
    assert resolved.source == "acme"
    assert resolved.citation.clause == "Điều 1"
    assert resolved.citation.document == "QĐ thử"
    assert [o.source for o in h.overrides_for(PLAN_ID)] == ["acme"]
    assert h.supplied_plans[PLAN_ID].parameters.for_year(2024).range("quota") == Range(5, 6)


def test_a_quota_with_min_above_max_is_refused_at_load_naming_plugin_and_parameter() -> None:
    bad = OverridePlugin("acme", quota_override("{ min = 7, max = 5 }"))
    with pytest.raises(PluginError) as info:
        host(bad)
    text = str(info.value)
    assert "plugin 'acme'" in text
    assert "acme.toml:quota.values[0]: range min 7 is greater than max 5" in text
    with pytest.warns(PluginWarning, match="plugin 'acme'"):
        h = host(bad, strict=False)
    assert quota(h) == Range(5, 6)  # refused: the plan keeps its own value


def test_an_override_of_the_wrong_kind_built_in_python_is_refused_at_load() -> None:
    class WrongKind:
        __name__ = "acme"

        @hookimpl
        def thidua_parameter_overrides(self, plan: Plan) -> list[ParameterOverride] | None:
            if plan.id != PLAN_ID:
                return None
            return [ParameterOverride(
                parameter="quota", source="acme", citation=Citation(clause="Điều 1"),
                values=[DatedValue(value=5, effective_from=dt.date(2024, 1, 1))])]

    with pytest.raises(PluginError, match="plugin 'acme' was refused at load: it sets an "
                                          "invalid value for parameter 'quota' of plan "
                                          "'test-plan': value 5 is not of kind range"):
        host(WrongKind())


def test_an_override_of_a_parameter_the_plan_lacks_is_refused() -> None:
    text = quota_override("1").replace('"quota"', '"nope"')
    with pytest.raises(PluginError, match=r"acme.toml:nope: the plan has no such parameter"):
        host(OverridePlugin("acme", text))


def test_two_plugins_setting_one_parameter_conflict_whatever_their_order() -> None:
    a = OverridePlugin("zeta", quota_override("{ min = 1, max = 1 }"))
    b = OverridePlugin("alpha", quota_override("{ min = 2, max = 2 }"))
    for order in ((a, b), (b, a)):
        with pytest.raises(PluginError, match="conflict: plugins 'alpha' and 'zeta' all "
                                              "set parameter 'quota' of plan 'test-plan'"):
            host(*order)
        with pytest.warns(PluginWarning, match="'alpha' and 'zeta'"):
            h = host(*order, strict=False)
        assert quota(h) == Range(5, 6)  # neither wins


def test_a_plugin_that_declares_it_overrides_the_other_wins() -> None:
    a = OverridePlugin("zeta", quota_override("{ min = 1, max = 1 }"))
    b = OverridePlugin("alpha", quota_override("{ min = 2, max = 2 }", overrides='"zeta"'))
    for order in ((a, b), (b, a)):
        h = host(*order)
        assert quota(h) == Range(2, 2)
        assert h.plans[PLAN_ID].parameters.for_year(2024)["quota"].source == "alpha"


def test_overriding_is_transitive_along_a_chain() -> None:
    a = OverridePlugin("a", quota_override("{ min = 1, max = 1 }"))
    b = OverridePlugin("b", quota_override("{ min = 2, max = 2 }", overrides='"a"'))
    c = OverridePlugin("c", quota_override("{ min = 3, max = 3 }", overrides='"b"'))
    assert quota(host(c, a, b)) == Range(3, 3)
    loop = OverridePlugin("a", quota_override("{ min = 1, max = 1 }", overrides='"c"'))
    with pytest.raises(PluginError, match="conflict"):
        host(loop, b, c)


def test_the_host_stamps_the_registered_name_over_a_declared_source() -> None:
    class Liar:
        __name__ = "honest-name"

        @hookimpl
        def thidua_parameter_overrides(self, plan: object) -> list[object]:
            from thidua.parameters import parse_overrides

            assert isinstance(plan, Plan)
            if plan.id != PLAN_ID:
                return []
            import tomllib
            return list(parse_overrides(tomllib.loads(quota_override("{ min = 2, max = 2 }")),
                                        plan.parameters, origin="x", source="someone-else"))

    h = host(Liar())
    assert h.plans[PLAN_ID].parameters.for_year(2024)["quota"].source == "honest-name"


# -- rule changes -----------------------------------------------------------------

def test_rules_are_replaced_disabled_and_added_by_id_with_provenance() -> None:
    replace = RuleChangePlugin("acme", RuleChange(action="replace", rule_id="test.quota",
                                                  rule=REPLACEMENT_RULE),
                               RuleChange(action=RuleAction.DISABLE, rule_id="test.deadline"))
    h = host(replace)
    rules = h.plans[PLAN_ID].rules
    assert [(r.id, r.clause, r.source) for r in rules] == [("test.quota", "X", "acme")]
    assert h.supplied_plans[PLAN_ID].rules[0].source == "test-plan-plugin"
    report = h.engine().evaluate(dossier(5), 2024)
    assert [f.severity.value for f in report.findings] == ["info"]


def test_two_plugins_changing_one_rule_conflict_unless_one_overrides() -> None:
    a = RuleChangePlugin("a", RuleChange(action="disable", rule_id="test.quota"))
    b = RuleChangePlugin("b", RuleChange(action="replace", rule_id="test.quota",
                                         rule=REPLACEMENT_RULE))
    with pytest.raises(PluginError, match=r"plugins 'a' and 'b' all set rule 'test\.quota'"):
        host(a, b)
    b2 = RuleChangePlugin("b", RuleChange(action="replace", rule_id="test.quota",
                                          rule=REPLACEMENT_RULE, overrides=["a"]))
    assert host(a, b2).plans[PLAN_ID].rules[0].source == "b"


@pytest.mark.parametrize(("change", "message"), [
    (RuleChange(action="disable", rule_id="nope"), "wants to disable rule 'nope'"),
    (RuleChange(action="add", rule_id="test.quota", rule=REPLACEMENT_RULE),
     "adds rule 'test.quota', which plan 'test-plan' already runs"),
])
def test_an_impossible_rule_change_names_the_plugin(change: RuleChange, message: str) -> None:
    with pytest.raises(PluginError, match=f"plugin 'acme' {message}"):
        host(RuleChangePlugin("acme", change))


# -- provenance in the trace --------------------------------------------------------

def test_every_parameter_value_and_rule_in_the_trace_names_its_plugin() -> None:
    h = host(OverridePlugin("acme", quota_override("{ min = 1, max = 9 }")))
    report = h.engine().evaluate(dossier(10), 2024, trace=True)
    assert report.trace is not None
    sources = {p.parameter: p.source for p in report.trace.parameters}
    assert sources == {"quota": "acme", "deadline": "test-plan-plugin",
                       "plan.in_force_from": "test-plan-plugin",
                       "plan.in_force_until": "test-plan-plugin"}
    assert {(r.id, r.source) for r in report.trace.rules} == \
        {("test.quota", "test-plan-plugin"), ("test.deadline", "test-plan-plugin")}
    doc = report_to_dict(report, trace=True)
    traced = {p["id"]: p for p in doc["trace"]["parameters"]}  # type: ignore[index,union-attr]
    assert traced["quota"]["source"] == "acme"
    assert report.findings[0].evidence["source"] == "acme"


def test_plugin_infos_list_what_each_plugin_contributes() -> None:
    h = host(OverridePlugin("acme", quota_override("{ min = 1, max = 9 }")))
    infos = {i.name: i for i in h.plugin_infos()}
    assert infos["acme"].contributes == ("parameters: test-plan:quota",)
    assert infos["test-plan-plugin"].contributes == ("plans: test-plan",
                                                     "rules: test.deadline, test.quota")
    assert h.hooks_of("acme") == ("thidua_parameter_overrides",)
    assert h.is_builtin("thidua.seed")
    assert not h.is_builtin("acme")


def test_parameter_changes_show_before_and_after_with_the_decision() -> None:
    h = host(OverridePlugin("acme", quota_override("{ min = 1, max = 9 }")))
    changes = {c.parameter.id: c for c in h.parameter_changes(PLAN_ID)}
    # a third-party plan's own parameters are new: nothing built in came before them
    assert changes["deadline"].before == ()
    assert changes["deadline"].plugins == ("test-plan-plugin",)
    change = changes["quota"]
    assert change.plugins == ("acme", "test-plan-plugin")
    assert [(v.value, v.source) for v in change.before] == [(Range(5, 6), "test-plan-plugin")]
    after = [v for v in change.after if v.source == "acme"]
    assert [v.value for v in after] == [Range(1, 9)]
    assert after[0].citation is not None
    assert after[0].citation.clause == "Điều 1"
    # every value of the test plan comes from a third-party plugin; the seed is unchanged
    assert Host(autoload=False).parameter_changes("vn-hy-district-exemplars-2022") == ()


# -- order independence ---------------------------------------------------------------

PLUGINS = [
    OverridePlugin("p-quota", quota_override("{ min = 3, max = 4 }")),
    OverridePlugin("p-quota-3", quota_override("{ min = 1, max = 8 }")),
    OverridePlugin("p-quota-2", quota_override("{ min = 2, max = 4 }",
                                               overrides='"p-quota", "p-quota-3"')),
    RuleChangePlugin("p-rules", RuleChange(action="disable", rule_id="nope-not-there")),
    # two plugins in conflict: whichever registers last must not win
    OverridePlugin("p-deadline-b", 'document = "QĐ"\n[[override]]\nparameter = "deadline"\n'
                                   'clause = "Điều 3"\nvalues = [{ from = 2024-01-01, '
                                   'value = "01-01" }]\n'),
    OverridePlugin("p-deadline-c", 'document = "QĐ"\n[[override]]\nparameter = "deadline"\n'
                                   'clause = "Điều 4"\nvalues = [{ from = 2024-01-01, '
                                   'value = "12-31" }]\n'),
]


@settings(max_examples=25)
@given(st.permutations(PLUGINS), st.lists(st.integers(0, 8), min_size=1, max_size=6))
def test_registering_the_same_plugins_in_any_order_yields_identical_findings(
        order: list[object], counts: list[int]) -> None:
    d = dossier(*counts)

    def run(plugins: list[object]) -> tuple[Any, ...]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            h = Host([PlanPlugin(), *plugins], autoload=False, strict=False)
        report = h.engine().evaluate(d, 2024, trace=True)
        assert report.trace is not None
        return (report.findings, report.trace.parameters, report.trace.rules,
                sorted(str(w.message) for w in caught))

    result = run(order)
    assert result == run(PLUGINS)
    quota = next(p for p in result[1] if p.parameter == "quota")
    assert (quota.value, quota.source) == (Range(2, 4), "p-quota-2")


def test_make_host_is_isolated_and_records_hook_calls(monkeypatch: pytest.MonkeyPatch,
                                                      installed: types.ModuleType) -> None:
    _fake_entry_points(monkeypatch, acme="acme_plugin")
    monkeypatch.delenv(DISABLE_AUTOLOAD_ENV, raising=False)
    monkeypatch.setenv(STRICT_ENV, "0")
    recorder = HookRecorder()
    h = make_host(PlanPlugin(), recorder=recorder)
    assert "acme" not in h.plugin_names
    assert h.strict
    recorder.assert_called("thidua_plans", "test-plan-plugin")
    assert recorder.count("thidua_plans") == 2  # the seed and the test plan
    assert recorder.plugins("thidua_plans") == ("test-plan-plugin", "thidua.seed")
    assert recorder.hooks("test-plan-plugin") == ("thidua_rules", "thidua_plans")
    with pytest.raises(AssertionError, match="hook 'thidua_exporters' was not called on "
                                             "plugin 'test-plan-plugin'"):
        recorder.assert_called("thidua_exporters", "test-plan-plugin")
    recorder.clear()
    assert not recorder.called("thidua_plans")
