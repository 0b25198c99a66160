"""Scenario files: regulation cases as TOML data. The shipped cases pass and pin the
plan's values (they fail when a value changes); a failure reads as a diff; a bad file
is refused with every problem and its path; nothing in a file can run code."""

from __future__ import annotations

import datetime as dt
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.errors import ScenarioError
from thidua.model import Citation
from thidua.parameters import DatedValue, ParameterOverride, Range
from thidua.plugins.hookspecs import hookimpl
from thidua.testing import scenarios as sc
from thidua.testing.fixtures import make_host
from thidua.testing.fuzz import mutations
from thidua.testing.scenarios import (
    Scenario,
    ScenarioOutcome,
    ScenarioRunner,
    find_scenario_files,
    load_scenario_file,
    parse_scenarios,
    run_scenario,
    shipped_scenario_files,
)

PLAN = "vn-hy-district-exemplars-2022"
RUNNER = ScenarioRunner()
SHIPPED = [s for f in shipped_scenario_files() for s in load_scenario_file(f)]


def _id(s: Scenario) -> str:
    assert s.file is not None
    return f"{s.file.stem}[{s.index}]"


# -- the shipped cases ---------------------------------------------------------------------

@pytest.mark.parametrize("scenario", SHIPPED, ids=_id)
def test_every_shipped_scenario_passes(scenario: Scenario) -> None:
    result = RUNNER.run(scenario)
    assert result.passed, result.report("en")


def test_the_shipped_cases_cover_the_plan() -> None:
    files = {f.name for f in shipped_scenario_files()}
    assert {"scenario_commune_quota.toml", "scenario_district_quota.toml",
            "scenario_lead_agency.toml", "scenario_deadlines.toml",
            "scenario_plan_in_force.toml", "scenario_eligibility.toml"} <= files
    rules = {p.rule for s in SHIPPED for p in (*s.expect.findings, *s.expect.no_findings)}
    assert {"registration.quota", "registration.deadline", "registration.entitlement",
            "registration.selection", "registration.attachment", "plan.in_force"} <= rules
    assert any(s.expect.eligibility for s in SHIPPED)
    years = {s.year for s in SHIPPED}
    assert {2022, 2026} <= years  # the one-year exceptions, and no plan in force
    assert all(s.name_en for s in SHIPPED)  # every case has its English twin


class _Override:
    """A plugin changing one parameter of the seed plan from its first day."""

    def __init__(self, pid: str, value: Any, start: dt.date = dt.date(2022, 4, 21)) -> None:
        self.__name__ = f"test-override-{pid}"
        self.pid, self.value, self.start = pid, value, start

    @hookimpl
    def thidua_parameter_overrides(self, plan: Any) -> list[ParameterOverride] | None:
        if plan.id != PLAN:
            return None
        return [ParameterOverride(
            parameter=self.pid, source=self.__name__,
            citation=Citation(clause="test", document="test"),
            values=(DatedValue(value=self.value, effective_from=self.start),))]


def _run_file(name: str, host: Any) -> dict[str, ScenarioOutcome]:
    runner = ScenarioRunner(host=host)
    return {s.name_en: runner.run(s).outcome
            for s in SHIPPED if s.file is not None and s.file.name == name}


def test_the_quota_cases_fail_when_the_quota_changes() -> None:
    host = make_host(_Override("registration.commune.quota", Range(4, 7)))
    outcome = _run_file("scenario_commune_quota.toml", host)
    failed = {k for k, v in outcome.items() if v is ScenarioOutcome.FAILED}
    assert failed == {k for k in outcome if "4 exemplars" in k or "7 exemplars" in k}


def test_the_deadline_cases_fail_when_the_deadline_changes() -> None:
    from thidua.parameters import MonthDay

    host = make_host(_Override("registration.commune.deadline", MonthDay(1, 20),
                               start=dt.date(2023, 1, 1)))
    outcome = _run_file("scenario_deadlines.toml", host)
    assert outcome["2023: a list sent on 17 January is late (IV.1.d.1)"] is \
        ScenarioOutcome.FAILED
    # the 2022 exception is a value for one year: a yearly date from 2023 keeps it
    assert outcome["2022 (a one-year exception): a commune list sent on 31 May misses the "
                   "30 May deadline"] is ScenarioOutcome.PASSED


# -- writing and running a scenario -----------------------------------------------------------

BASE = f"""
plan = "{PLAN}"
year = 2024
input.units = [
  {{ id = "huyen", level = "huyen" }},
  {{ id = "xa-a", name = "UBND xã Lạc Đạo", level = "xa", parent = "huyen" }},
  {{ id = "so-noi-vu", level = "so" }},
]
"""


def _scenarios(text: str, tmp_path: Path | None = None) -> tuple[Scenario, ...]:
    return parse_scenarios(tomllib.loads(text), origin="t.toml", base_dir=tmp_path)


def _one(text: str, tmp_path: Path | None = None) -> Scenario:
    (s,) = _scenarios(text, tmp_path)
    return s


def test_a_scenario_states_the_rules_conclusion() -> None:
    s = _one(BASE + """
name = "Xã đăng ký 4 điển hình"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 4 }]
[[expect.finding]]
rule = "registration.quota"
subject = "s-xa-a"
severity = "error"
clause = "IV.1.d.1"
evidence = { count = 4 }
message_contains = "ít hơn mức tối thiểu"
""")
    assert s.where == "<scenario>"
    assert [x.id for x in s.dossier.submissions] == ["s-xa-a"]
    assert s.dossier.submissions[0].year == 2024
    assert s.dossier.submissions[0].exemplars == tuple(f"xa-a-e{i}" for i in range(1, 5))
    assert {e.unit for e in s.dossier.exemplars} == {"xa-a"}
    result = run_scenario(s)
    assert result.passed, result.report("en")
    assert result.plan == PLAN
    assert result.report("vi").startswith("✓ Xã đăng ký 4 điển hình")


def test_a_failing_scenario_reads_as_a_diff() -> None:
    s = _one(BASE + """
name = "Sai: xã đăng ký 5 điển hình nhưng mong đợi lỗi"
name_en = "Wrong: 5 exemplars but an error expected"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-22, count = 5 }]
expect.only = true
[[expect.finding]]
rule = "registration.quota"
subject = "s-xa-a"
severity = "error"
""")
    result = run_scenario(s)
    assert result.outcome is ScenarioOutcome.FAILED
    kinds = [m.kind for m in result.mismatches]
    assert kinds == ["missing", "unexpected"]
    en = result.report("en")
    assert en.splitlines()[0].startswith("✗ Wrong: 5 exemplars but an error expected")
    assert "expected, not found (no finding of this rule)" in en
    assert "- registration.quota · s-xa-a · error · *" in en
    # what was found instead: the late list (and the district's missing list)
    assert "+ registration.deadline · s-xa-a · error · IV.1.d.1 — UBND xã Lạc Đạo sent" in en
    vi = result.report("vi")
    assert "mong đợi nhưng không có" in vi
    assert "có nhưng không mong đợi (only = true)" in vi
    assert "UBND xã Lạc Đạo gửi" in vi


def test_no_finding_and_counts_can_fail() -> None:
    s = _one(BASE + """
name = "x"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 9 }]
expect.errors = 0
expect.warnings = 1
[[expect.no_finding]]
rule = "registration.quota"
[[expect.finding]]
rule = "subjects.honoured"
count = 2
""")
    result = run_scenario(s)
    assert sorted(m.kind for m in result.mismatches) == ["count", "count", "count",
                                                          "forbidden"]
    assert "must not be found, but is:" in result.report("en")
    assert "expected 0 error(s), got 2" in result.report("en")


def test_a_misspelt_rule_fails_instead_of_passing_silently() -> None:
    s = _one(BASE + """
name = "x"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 9 }]
[[expect.no_finding]]
rule = "registation.quota"
""")
    result = run_scenario(s)
    assert result.outcome is ScenarioOutcome.FAILED
    assert result.mismatches[0].kind == "unknown"
    assert "'registation.quota' is not a rule of the plan" in result.report("en")


def test_eligibility_mismatches_say_what_is_missing() -> None:
    s = _one(f"""
name = "x"
plan = "{PLAN}"
year = 2024
input.records = [{{ subject = "a", year = 2024, assessment = "hoan_thanh_tot" }}]
[[expect.eligibility]]
subject = "a"
award = "chien_si_thi_dua_co_so"
eligible = true
[[expect.eligibility]]
subject = "nobody"
award = "chien_si_thi_dua_co_so"
eligible = true
[[expect.eligibility]]
subject = "a"
award = "no_such_award"
verdict = "eligible"
""")
    assert [e.unit for e in s.dossier.exemplars] == ["don-vi"]  # a unit is made up
    result = run_scenario(s)
    assert [m.kind for m in result.mismatches] == ["eligibility", "unknown", "unknown"]
    en = result.report("en")
    assert "- a · chien_si_thi_dua_co_so · 2024 · eligible" in en
    assert "+ a · chien_si_thi_dua_co_so · 2024 · not_eligible [unmet=cstdcs.2.excellent, " \
           "cstdcs.2.initiative]" in en
    assert "no exemplar 'nobody' in the dossier" in en
    assert "no award 'no_such_award'" in en


def test_count_lists_take_what_was_sent_up_first() -> None:
    s = _one(f"""
name = "x"
plan = "{PLAN}"
year = 2024
input.units = [
  {{ id = "huyen", level = "huyen" }},
  {{ id = "xa-a", level = "xa", parent = "huyen" }},
  {{ id = "xa-b", level = "xa", parent = "huyen" }},
  {{ id = "so-noi-vu", level = "so" }},
]
input.submissions = [
  {{ from = "huyen", to = "so-noi-vu", submitted_on = 2024-02-05, count = 8 }},
  {{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 3 }},
  {{ id = "mine", from = "xa-b", to = "huyen", exemplars = ["b1", "b2"] }},
]
expect.errors = 0
""")
    subs = {x.id: x for x in s.dossier.submissions}
    assert subs["s-huyen"].exemplars == ("xa-a-e1", "xa-a-e2", "xa-a-e3", "b1", "b2",
                                         "huyen-e1", "huyen-e2", "huyen-e3")
    owner = {e.id: e.unit for e in s.dossier.exemplars}
    assert owner["b1"] == "xa-b"
    assert owner["huyen-e1"] == "huyen"


def test_file_defaults_and_input_sections_merge() -> None:
    a, b = _scenarios(BASE + """
[[scenario]]
name = "a"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 5 }]
expect.errors = 1
[[scenario]]
name = "b"
year = 2023
input.units = [{ id = "huyen", level = "huyen" }]
expect.errors = 1
""")
    assert (a.index, b.index) == (0, 1)
    assert a.year == 2024
    assert b.year == 2023
    assert [u.id for u in a.dossier.units] == ["huyen", "xa-a", "so-noi-vu"]
    assert [u.id for u in b.dossier.units] == ["huyen"]
    assert a.where == "<scenario>:scenario[0]"


def test_a_dossier_file_is_read_relative_to_the_scenario(tmp_path: Path) -> None:
    from thidua.data import example_dossier_text

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "d.json").write_text(example_dossier_text(), encoding="utf-8")
    f = tmp_path / "scenario_file.toml"
    f.write_text('name = "x"\nyear = 2024\ndossier = "data/d.json"\n'
                 "expect.errors = 2\n", encoding="utf-8")
    (s,) = load_scenario_file(f)
    assert s.file == f
    assert s.index is None
    assert s.where == str(f)
    assert run_scenario(s).passed


def test_parameters_are_set_for_the_scenario_year_only() -> None:
    s = _one(BASE + """
name = "x"
parameters = { "registration.commune.quota" = { min = 4, max = 4 } }
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 4 }]
[[expect.no_finding]]
rule = "registration.quota"
""")
    assert run_scenario(s).passed
    # the same value, checked in 2025: the override is a one-year exception for 2024
    plain = _one(BASE.replace("2024", "2025") + """
name = "y"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2025-01-10, count = 4 }]
[[expect.finding]]
rule = "registration.quota"
clause = "IV.1.d.1"
""")
    assert run_scenario(plain).passed


def test_a_ladder_parameter_can_be_set_too() -> None:
    s = _one(f"""
name = "judged at the end of the proposal year itself"
plan = "{PLAN}"
year = 2023
parameters = {{ "ladder.judged_on.years_after" = 0 }}
input.records = [{{ subject = "a", year = 2023, assessment = "hoan_thanh_xuat_sac" }}]
[[expect.eligibility]]
subject = "a"
award = "chien_si_thi_dua_co_so"
verdict = "not_eligible"
unmet = ["old.initiative"]
""")
    result = run_scenario(s)
    assert result.passed, result.report("en")


@pytest.mark.parametrize(("extra", "message"), [
    ('plan = "no-such-plan"', "unknown plan 'no-such-plan'"),
    ('plugins = ["not-installed"]', "plugin(s) 'not-installed' not installed"),
    ('parameters = { "no.such" = 1 }', "'no.such' is not a parameter"),
    ('parameters = { "registration.commune.quota" = "five" }', "registration.commune.quota"),
])
def test_a_scenario_that_cannot_run_is_an_error_not_a_crash(extra: str, message: str) -> None:
    text = BASE.replace(f'plan = "{PLAN}"', "") + f"""
name = "x"
{extra}
expect.errors = 0
"""
    if "plan =" not in extra:
        text = f'plan = "{PLAN}"\n' + text
    result = run_scenario(_one(text))
    assert result.outcome is ScenarioOutcome.ERROR
    assert message in result.error
    assert "\n" not in result.error
    assert "could not run: " in result.report("en")


def test_a_scenario_may_name_an_installed_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    class Plugin:
        __name__ = "fake_plugin"

        @hookimpl
        def thidua_parameter_overrides(self, plan: Any) -> list[ParameterOverride] | None:
            return _Override("registration.commune.quota", Range(1, 1)) \
                .thidua_parameter_overrides(plan)

    entry = types.SimpleNamespace(load=lambda: Plugin())
    monkeypatch.setattr(sc, "_installed_plugins", lambda: {"fake": entry})
    s = _one(BASE + """
name = "x"
plugins = ["fake"]
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 1 }]
[[expect.no_finding]]
rule = "registration.quota"
""")
    assert s.plugins == ("fake",)
    assert run_scenario(s).passed
    # on a host the caller gives, the scenario cannot ask for more plugins
    result = run_scenario(s, host=make_host())
    assert result.outcome is ScenarioOutcome.ERROR
    assert "load them into that host" in result.error


# -- bad files ------------------------------------------------------------------------------

def _problems(text: str, tmp_path: Path | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        _scenarios(text, tmp_path)
    assert info.value.summary == "t.toml is not a valid scenario file"
    return [str(p) for p in info.value.problems]


def test_every_problem_of_a_bad_file_is_reported_with_its_path() -> None:
    found = _problems(f"""
plan = "{PLAN}"
colour = "red"
[[scenario]]
year = "2024"
input.units = [{{ id = "huyen", level = "huyen" }}]
[[scenario.expect.finding]]
severity = "fatal"
evidence = {{ count = [1] }}
[[scenario]]
name = "b"
year = 2024
input.units = [{{ id = "huyen", level = "huyen" }}]
input.submissions = [{{ from = "huyen", to = "so", count = 2, exemplars = ["a"] }}]
input.people = []
expect.only = "yes"
""")
    assert found == [
        "t.toml: colour: unknown key; a scenario has as_of, description, dossier, example, "
        "expect, input, name, name_en, parameters, plan, plugins, tags, year",
        "t.toml:scenario[0].name: missing; it is required",
        "t.toml:scenario[0].year: expected a whole number from 1945 to 2200, got '2024'",
        "t.toml:scenario[0].expect.finding[0].rule: missing; it is required",
        "t.toml:scenario[0].expect.finding[0].severity: expected one of error, warning, "
        "info, got 'fatal'",
        "t.toml:scenario[0].expect.finding[0].evidence.count: expected a text, number, "
        "true/false or date, got a list",
        "t.toml:scenario[1].expect.only: expected true or false, got 'yes'",
        "t.toml:scenario[1].input.people: unknown section; an input has units, movements, "
        "exemplars, submissions, records, awards, events",
        "t.toml:scenario[1].input.submissions[0]: give either exemplars = [...] or count = "
        "N, not both",
    ]


def test_the_dossier_built_from_an_input_is_checked_with_input_paths() -> None:
    found = _problems(BASE + """
name = "x"
input.submissions = [
  { from = "xa-a", to = "huyen", submitted_on = "2024-02-30", count = 5 },
  { from = "xa-a", to = "nowhere", count = 5 },
]
expect.errors = 0
""")
    assert any(p.startswith("t.toml.input.submissions[0].submitted_on: ") and
               "2024-02-30" in p for p in found), found
    assert any(p.startswith("t.toml.input.submissions[1].to: ") for p in found), found


@pytest.mark.parametrize(("text", "problem"), [
    ('name = "x"\nyear = 2024\nexpect.errors = 0\n',
     "t.toml: give exactly one of dossier = \"FILE.json\", example = true or an [input] "
     "table"),
    ('name = "x"\nyear = 2024\nexample = true\ndossier = "d.json"\nexpect.errors = 0\n',
     "got dossier, example"),
    ('name = "x"\nyear = 2024\ninput.units = []\nexpect.errors = 0\n',
     "t.toml.plan: missing; an [input] needs the id of the plan it is judged under"),
    ('name = "x"\nyear = 2024\nexample = true\n', "t.toml.expect: missing"),
    ('name = "x"\nyear = 2024\nexample = true\nexpect.only = false\n',
     "expects nothing, so it could never fail"),
    ('name = "x"\nyear = 2024\ndossier = "missing.json"\nexpect.errors = 0\n',
     "t.toml.dossier: no such file"),
    ('name = "x"\nyear = 2024\nexample = true\n[[expect.eligibility]]\nsubject = "a"\n'
     'award = "b"\n', "say what is expected: verdict (or eligible) and/or unmet"),
    ('name = "x"\nyear = 2024\nexample = true\n[[expect.eligibility]]\nsubject = "a"\n'
     'award = "b"\neligible = true\nverdict = "not_eligible"\n', "contradicts"),
    ('name = "x"\nyear = 2024\nexample = true\n[[expect.no_finding]]\nrule = "a"\ncount = 2\n',
     "a no_finding has no count"),
    ('name = "x"\nyear = 2024\nexample = true\nas_of = "2024-02-30"\nexpect.errors = 0\n',
     "'2024-02-30' is not a date"),
    ('[[scenario]]\nname = "x"\nyear = 2024\nexample = true\nexpect.errors = 0\n'
     '[[scenario]]\nname = "x"\nyear = 2023\nexample = true\nexpect.errors = 0\n',
     "two scenarios of the file are named 'x'"),
    ('scenario = 3\n', "write each case as a [[scenario]] table"),
])
def test_bad_files_are_refused(text: str, problem: str) -> None:
    assert any(problem in p for p in _problems(text)), _problems(text)


def test_huge_counts_and_texts_hit_a_limit() -> None:
    found = _problems(BASE + """
name = "x"
input.submissions = [{ from = "xa-a", to = "huyen", count = 1000000 }]
expect.errors = 0
""")
    assert any("count: expected a whole number from 0 to 10,000" in p for p in found)
    many = ",".join(f'{{ id = "s{i}", from = "xa-a", to = "huyen", count = 10000 }}'
                    for i in range(11))
    found = _problems(BASE + f'name = "x"\ninput.submissions = [{many}]\nexpect.errors = 0\n')
    assert any("MAX_GENERATED_EXEMPLARS" in p for p in found)
    found = _problems(BASE + f'name = "{"x" * 10_001}"\nexpect.errors = 0\n')
    assert any("MAX_TEXT_LENGTH" in p for p in found)


def test_unreadable_files(tmp_path: Path) -> None:
    bad = tmp_path / "scenario_bad.toml"
    bad.write_text('name = "x\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="TOML syntax"):
        load_scenario_file(bad)
    bad.write_bytes(b'name = "\xff"\n')
    with pytest.raises(ScenarioError) as info:
        load_scenario_file(bad)
    assert "not UTF-8 text" in str(info.value)
    with pytest.raises(ScenarioError, match="cannot read scenario file"):
        load_scenario_file(tmp_path / "scenario_missing.toml")


def test_finding_scenario_files(tmp_path: Path) -> None:
    for name in ("scenario_a.toml", "b.scenario.toml", "other.toml", "sub/scenario_c.toml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    found = find_scenario_files([tmp_path, tmp_path / "other.toml", tmp_path / "scenario_a.toml"])
    assert [f.relative_to(tmp_path).as_posix() for f in found] == [
        "b.scenario.toml", "scenario_a.toml", "sub/scenario_c.toml", "other.toml"]
    with pytest.raises(ScenarioError) as info:
        find_scenario_files([tmp_path / "nope", tmp_path / "sub" / "..", tmp_path / "x.txt"])
    assert next(p.message for p in info.value.problems) == "no such file or directory"
    (tmp_path / "empty").mkdir()
    with pytest.raises(ScenarioError, match="cannot find"):
        find_scenario_files([tmp_path / "empty"])


# -- no code from data -------------------------------------------------------------------------

def test_hostile_text_in_a_scenario_stays_text(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from thidua.testing.fuzz import HOSTILE_STRINGS

    monkeypatch.chdir(tmp_path)
    for i, text in enumerate(HOSTILE_STRINGS):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
            .replace("\t", "\\t").replace("\x00", "\\u0000").replace("\x1b", "\\u001b")
        s = _one(f"""
plan = "{PLAN}"
year = 2024
name = "{quoted} {i}"
description = "{quoted}"
input.units = [{{ id = "huyen", name = "{quoted}", level = "huyen" }}]
[[expect.no_finding]]
rule = "registration.quota"
message_contains = "{quoted}"
""")
        assert s.name.endswith(f" {i}")
        assert s.dossier.units[0].name.startswith(("__", "eval", "{", "$", "#", "<", "=", "+",
                                                   "-", "@", "'", ".", "C:", "!", "\x1b",
                                                   "\u202e", "line", "tab", "%", "", "\x00"))
        assert run_scenario(s).passed
    assert not list(tmp_path.iterdir())  # nothing was created: no code ran


# -- a property: scenarios agree with the plan's own quota --------------------------------------

@given(n=st.integers(0, 12))
def test_a_commune_list_scenario_agrees_with_the_plans_quota(n: int) -> None:
    quota = make_host().plans[PLAN].parameters.for_year(2024).range(
        "registration.commune.quota")
    s = _one(BASE + f"""
name = "x"
input.submissions = [{{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = {n} }}]
[[expect.no_finding]]
rule = "registration.quota"
""")
    assert RUNNER.run(s).passed is quota.contains(n)


# -- mangled files ------------------------------------------------------------------------------

SHIPPED_DOCS = [tomllib.loads(f.read_text(encoding="utf-8")) for f in shipped_scenario_files()]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow],
          max_examples=min(settings.default.max_examples, 100))
@given(doc=st.sampled_from(SHIPPED_DOCS).flatmap(lambda d: mutations(d, max_changes=3)))
def test_a_mangled_scenario_file_is_refused_or_runs(doc: dict[str, Any]) -> None:
    refused: ScenarioError | None = None
    try:
        cases = parse_scenarios(doc, origin="mangled.toml")
    except ScenarioError as exc:
        refused, cases = exc, ()
    if refused is not None:
        assert refused.problems
        assert all(p.path.startswith("mangled.toml") for p in refused.problems)
    for case in cases:  # whatever it concludes, it concludes it without crashing
        result = RUNNER.run(case)
        assert result.outcome in ScenarioOutcome
        assert "\n" not in result.error


def test_every_public_name_of_the_testing_kit_resolves() -> None:
    import thidua.testing

    for name in thidua.testing.__all__:
        assert getattr(thidua.testing, name) is not None, name
    assert thidua.testing.run_scenario is run_scenario
