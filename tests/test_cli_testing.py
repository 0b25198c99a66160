"""``thidua test PATH...`` runs scenario files: exit 0 when all pass, 1 when one fails
(with a readable diff), 2 for bad input; with no PATH it runs the shipped scenarios.
And pytest collects scenario files through thidua's pytest plugin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.cli.main import main
from thidua.testing.scenarios import load_scenario_file, shipped_scenario_files

PLAN = "vn-hy-district-exemplars-2022"
HEAD = f"""
plan = "{PLAN}"
year = 2024
input.units = [
  {{ id = "huyen", level = "huyen" }},
  {{ id = "xa-a", name = "UBND xã Lạc Đạo", level = "xa", parent = "huyen" }},
]
"""
PASSING = HEAD + """
[[scenario]]
name = "Xã đăng ký 4 điển hình"
name_en = "A commune registers 4"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 4 }]
[[scenario.expect.finding]]
rule = "registration.quota"
subject = "s-xa-a"

[[scenario]]
name = "Xã đăng ký 5 điển hình"
name_en = "A commune registers 5"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 5 }]
[[scenario.expect.no_finding]]
rule = "registration.quota"
"""
FAILING = HEAD + """
name = "Sai: mong đợi lỗi số lượng"
name_en = "Wrong: a quota error expected"
input.submissions = [{ from = "xa-a", to = "huyen", submitted_on = 2024-01-10, count = 5 }]
[[expect.finding]]
rule = "registration.quota"
subject = "s-xa-a"
severity = "error"
"""
BROKEN = 'name = "x"\nyear = "2024"\n'


def run(*args: str) -> int:
    return main(["--no-plugins", *args])


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("pass", PASSING), ("fail", FAILING), ("broken", BROKEN)):
        p = tmp_path / f"scenario_{name}.toml"
        p.write_text(text, encoding="utf-8")
        out[name] = p
    return out


def test_with_no_path_the_shipped_scenarios_run_and_pass(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    total = sum(len(load_scenario_file(f)) for f in shipped_scenario_files())
    assert total >= 40
    assert run("test") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"Kịch bản: {total} đạt, 0 không đạt, 0 không chạy được."
    assert sum(1 for line in out if line.startswith("✓ ")) == total
    assert run("test", "--quiet", "--lang", "en") == 0
    assert capsys.readouterr().out == \
        f"Scenarios: {total} passed, 0 failed, 0 could not run.\n"


def test_all_passing_exits_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("test", str(files["pass"]), "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "✓ A commune registers 4  (" in out
    assert out.endswith("Scenarios: 2 passed, 0 failed, 0 could not run.\n")


def test_a_failure_exits_1_with_a_diff(files: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run("test", str(files["pass"]), str(files["fail"])) == 1
    out = capsys.readouterr().out
    assert "✗ Sai: mong đợi lỗi số lượng" in out
    assert "mong đợi nhưng không có (không có kết luận nào của quy tắc này)" in out
    assert "      - registration.quota · s-xa-a · error · *" in out
    assert out.endswith("Kịch bản: 2 đạt, 1 không đạt, 0 không chạy được.\n")
    assert run("test", "-q", str(files["pass"]), str(files["fail"])) == 1
    assert "✓" not in capsys.readouterr().out


def test_a_bad_file_exits_2_and_the_others_still_run(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("test", str(files["broken"]), str(files["pass"]), "--lang", "en") == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"thidua: error: {files['broken']} is not a valid "
                                   f"scenario file\n")
    assert f"{files['broken']}.year: expected a whole number from 1945 to 2200" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out.endswith("Scenarios: 2 passed, 0 failed, 0 could not run; "
                                 "1 file(s) could not be read.\n")


def test_a_scenario_that_cannot_run_exits_2(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "scenario_x.toml"
    p.write_text(HEAD.replace(PLAN, "no-such-plan") + 'name = "x"\nexpect.errors = 0\n',
                 encoding="utf-8")
    assert run("test", str(p), "--lang", "en") == 2
    out = capsys.readouterr().out
    assert "! x  (" in out
    assert "could not run: unknown plan 'no-such-plan'" in out


def test_missing_paths_exit_2_in_one_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run("test", str(tmp_path / "nope.toml")) == 2
    err = capsys.readouterr().err
    assert err.startswith("thidua: error: cannot find the scenarios asked for\n")
    assert "nope.toml: no such file or directory" in err
    assert "Traceback" not in err


def test_a_directory_is_searched(files: dict[str, Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    files["broken"].unlink()
    files["fail"].rename(files["fail"].with_name("not_a_scenario.toml"))
    assert run("test", str(files["pass"].parent)) == 0
    assert "2 đạt" in capsys.readouterr().out


def test_json_output(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = run("test", str(files["pass"]), str(files["fail"]), str(files["broken"]),
               "--format", "json")
    assert code == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "thidua.scenarios/1"
    assert doc["summary"] == {"passed": 2, "failed": 1, "error": 0, "unreadable_files": 1}
    failed = [r for r in doc["results"] if r["outcome"] == "failed"]
    assert failed[0]["name_en"] == "Wrong: a quota error expected"
    (m,) = failed[0]["mismatches"]
    assert m["kind"] == "missing"
    assert m["expected"] == "registration.quota · s-xa-a · error · *"
    assert doc["load_errors"][0]["problems"][0]["path"].endswith("scenario_broken.toml.year")


# -- pytest collects scenario files ------------------------------------------------------------

def _pytest(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA",
         str(path), *args],
        capture_output=True, text=True, check=False, cwd=path,
    )


def test_pytest_collects_scenario_files(files: dict[str, Path]) -> None:
    files["broken"].unlink()
    (files["pass"].parent / "other.toml").write_text("not = 'collected'\n", encoding="utf-8")
    res = _pytest(files["pass"].parent)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "1 failed, 2 passed" in res.stdout
    assert "PASSED scenario_pass.toml::Xã đăng ký 4 điển hình" in res.stdout
    assert "✗ Sai: mong đợi lỗi số lượng" in res.stdout
    assert "- registration.quota · s-xa-a · error · *" in res.stdout
    en = _pytest(files["pass"].parent, "--thidua-lang", "en")
    assert "expected, not found (no finding of this rule)" in en.stdout


def test_pytest_reports_a_broken_scenario_file_without_a_traceback(
        files: dict[str, Path]) -> None:
    res = _pytest(files["broken"].parent, "-k", "broken")
    assert res.returncode != 0
    assert "ERROR scenario_broken.toml" in res.stdout
    assert "scenario_broken.toml.year: expected a whole number from 1945 to 2200" in res.stdout
    assert "Traceback" not in res.stdout
