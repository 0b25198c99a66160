"""``thidua plugins`` and ``thidua params``: what is loaded, what each plugin contributes,
the parameters in force with citation, status and supplying plugin, and ``--diff``."""

from __future__ import annotations

import io
import json

import pytest

from _plugins_helpers import PLAN_ID, OverridePlugin, PlanPlugin, quota_override
from thidua import Host
from thidua.cli.base import CommandContext
from thidua.cli.main import build_parser, main
from thidua.cli.plugins import COMMANDS

SEED = "vn-hy-district-exemplars-2022"


def run(host: Host, *argv: str) -> tuple[int, str]:
    args = build_parser(COMMANDS).parse_args(list(argv))
    out = io.StringIO()
    code = args._command.run(CommandContext(args=args, host=host, out=out,
                                            err=io.StringIO()))
    return code, out.getvalue()


@pytest.fixture
def host() -> Host:
    return Host([PlanPlugin(), OverridePlugin("acme", quota_override("{ min = 2, max = 3 }"))],
                autoload=False, strict=True)


def test_plugins_lists_each_plugin_with_version_and_contributions(host: Host) -> None:
    code, text = run(host, "plugins", "--lang", "en")
    assert code == 0
    assert "acme (?)\n    parameters: test-plan:quota" in text
    assert "thidua.seed (built-in)\n    plans: vn-hy-district-exemplars-2022" in text
    assert "autoload is off" in text
    _, vi = run(host, "plugins")
    assert "thidua.seed (tích hợp sẵn)" in vi


def test_plugins_as_json(host: Host) -> None:
    code, text = run(host, "plugins", "--format", "json")
    doc = json.loads(text)
    assert code == 0
    assert doc["autoload"] is False
    assert doc["problems"] == []
    by_name = {p["name"]: p for p in doc["plugins"]}
    assert by_name["acme"]["hooks"] == ["thidua_parameter_overrides"]
    assert by_name["acme"]["builtin"] is False
    assert by_name["thidua.exporters"]["builtin"] is True
    assert by_name["test-plan-plugin"]["contributes"] == ["plans: test-plan",
                                                         "rules: test.deadline, test.quota"]


def test_plugins_shows_the_problems_met_at_load() -> None:
    bad = OverridePlugin("acme", quota_override("{ min = 7, max = 5 }"))
    with pytest.warns(UserWarning, match="plugin 'acme'"):
        h = Host([PlanPlugin(), bad], autoload=False, strict=False)
    _, text = run(h, "plugins", "--lang", "en")
    assert "problem: plugin 'acme' failed in thidua_parameter_overrides" in text
    assert "range min 7 is greater than max 5" in text


def test_params_prints_every_value_with_citation_status_and_plugin(host: Host) -> None:
    code, text = run(host, "params", "--plan", PLAN_ID, "--lang", "en")
    assert code == 0
    assert text.splitlines()[0] == "test-plan — Test plan (test-plan-plugin)"
    assert "    quota — exemplars per commune" in text
    assert ("        from 2020-01-01: 5–6 exemplars  [verified]  IV.1.d.1  "
            "(from test-plan-plugin)") in text
    assert "        year 2021: 1–2 exemplars  [verified]" in text
    assert ("        from 2024-01-01: 2–3 exemplars  [verified]  Điều 1 — QĐ thử  "
            "(from acme)") in text
    assert "[unconfirmed]" in text  # the deadline is a marked default


def test_params_for_a_year_and_a_date(host: Host) -> None:
    _, y2021 = run(host, "params", "--plan", PLAN_ID, "--year", "2021")
    assert "    quota = 1–2 exemplars  [đã kiểm chứng]  IV.1.d.1  (do test-plan-plugin)" in y2021
    assert "deadline = 01-15 day of year  [chưa kiểm chứng]" in y2021
    _, d2024 = run(host, "params", "--plan", PLAN_ID, "--date", "2024-03-01")
    assert "quota = 2–3 exemplars" in d2024
    assert "(do acme)" in d2024
    _, doc = run(host, "params", "--plan", PLAN_ID, "--year", "2024", "--format", "json")
    rows = {r["parameter"]: r for r in json.loads(doc)}
    assert rows["quota"] == {"plan": PLAN_ID, "parameter": "quota", "value": "2–3",
                             "unit": "exemplars", "kind": "range",
                             "effective_from": "2024-01-01", "exception_year": None,
                             "status": "verified", "clause": "Điều 1", "document": "QĐ thử",
                             "source": "acme"}
    _, early = run(host, "params", "--plan", PLAN_ID, "--year", "1999", "--lang", "en")
    assert "(no value for 1999)" in early


def test_params_without_a_plan_prints_every_plan(host: Host) -> None:
    _, text = run(host, "params", "--lang", "en")
    titles = [line for line in text.splitlines() if not line.startswith(" ")]
    assert [t.split(" — ")[0] for t in titles] == [PLAN_ID, SEED]


def test_params_diff_shows_what_plugins_changed_with_their_decision(host: Host) -> None:
    code, text = run(host, "params", "--diff", PLAN_ID, "--lang", "en")
    assert code == 0
    lines = text.splitlines()
    i = lines.index("    quota — exemplars per commune")
    assert lines[i + 1].startswith("        before, from 2020-01-01: 5–6 exemplars")
    assert any(line.startswith("        after, from 2024-01-01: 2–3 exemplars  [verified]  "
                               "Điều 1 — QĐ thử  (from acme)") for line in lines)
    assert "        before: (new parameter)" in text  # the deadline: a plugin's own plan
    code, doc = run(host, "params", "--diff", PLAN_ID, "--format", "json")
    entries = {e["parameter"]: e for e in json.loads(doc)}
    assert entries["quota"]["plugins"] == ["acme", "test-plan-plugin"]
    assert [a["clause"] for a in entries["quota"]["after"] if a["source"] == "acme"] == \
        ["Điều 1"]


def test_params_diff_of_an_untouched_builtin_plan(host: Host) -> None:
    _, text = run(host, "params", "--diff", SEED, "--lang", "en")
    assert "No plugin changed a built-in value." in text
    _, same = run(host, "params", "--plan", SEED, "--diff", "--lang", "en")
    assert same == text


def test_unknown_plan_and_bad_arguments_exit_non_zero_with_one_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-plugins", "params", "--plan", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("thidua: error: unknown plan 'nowhere'; known plans: ")
    assert len(err.strip().splitlines()) == 1
    assert main(["--no-plugins", "params", "--plan", "a", "--diff", "b"]) == 2
    assert "name different plans" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["params", "--year", "2024", "--date", "2024-01-01"])
    with pytest.raises(SystemExit):
        main(["params", "--date", "01/01/2024"])


def test_no_plugins_switch_keeps_installed_plugins_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-plugins", "plugins", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["autoload"] is False
    assert {p["name"] for p in doc["plugins"]} == {"thidua.seed", "thidua.exporters"} | \
        {p["name"] for p in doc["plugins"] if p["builtin"]}
    assert all(p["builtin"] for p in doc["plugins"])


def test_with_both_example_jurisdictions_installed_plugins_lists_them(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("thidua_na_ri", reason="install examples/thidua-na-ri")
    pytest.importorskip("thidua_two_tier", reason="install examples/thidua-two-tier")
    monkeypatch.delenv("THIDUA_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    assert main(["--strict-plugins", "plugins", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "thidua_na_ri (0.1.0)\n    plans: vn-bk-na-ri-exemplars-2014" in text
    assert ("thidua_two_tier (0.1.0)\n    plans: vn-hy-province-two-tier-2026\n"
            "    rule changes: replace vn-hy-province-two-tier-2026:registration.route") in text
