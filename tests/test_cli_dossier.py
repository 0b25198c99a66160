"""``thidua schema``, ``thidua validate`` and ``thidua example``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from thidua.cli.main import main
from thidua.data import example_dossier_path, example_dossier_text

EXAMPLE = str(example_dossier_path())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--no-plugins", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _planted(tmp_path: Path) -> Path:
    """The example with five different planted errors."""
    data: dict[str, Any] = json.loads(example_dossier_text())
    data["units"][0]["colour"] = "đỏ"  # unknown key
    data["submissions"][3]["submitted_on"] = "2024-13-01"  # not a date
    data["submissions"][5]["from"] = "xa-khong-co"  # unknown unit
    data["submissions"][7]["exemplars"].append(data["submissions"][7]["exemplars"][0])
    data["records"][2]["subject"] = "e-999"  # record for an unknown subject
    path = tmp_path / "planted.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


PLANTED_PATHS = [
    "$.units[0].colour",
    "$.submissions[3].submitted_on",
    "$.submissions[5].from",
    "$.submissions[7].exemplars[",
    "$.records[2].subject",
]


def test_validate_the_example_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", EXAMPLE)
    assert code == 0
    assert out.startswith("OK: ")
    assert "hợp lệ" in out
    assert "86 điển hình" in out
    assert len(out.strip().splitlines()) == 1
    assert err == ""


def test_validate_speaks_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--lang", "en", EXAMPLE)
    assert code == 0
    assert "is valid" in out
    assert "86 exemplars" in out


def test_validate_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", EXAMPLE)
    assert code == 0
    doc = json.loads(out)
    assert doc["valid"] is True
    assert doc["exemplars"] == 86
    assert doc["years"] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert doc["plan_installed"] is True


def test_five_planted_errors_are_all_reported_with_paths(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", str(_planted(tmp_path)))
    assert code != 0
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert "5 vấn đề" in lines[0]
    for path in PLANTED_PATHS:
        assert sum(line.strip().startswith(path) for line in lines) == 1, path
    assert "$.submissions[3].submitted_on: '2024-13-01' is not a date" in err


def test_planted_errors_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(_planted(tmp_path)))
    assert code == 2
    doc = json.loads(out)
    assert doc["valid"] is False
    paths = [p["path"] for p in doc["problems"]]
    assert len(paths) == 5
    for expected, got in zip(PLANTED_PATHS, paths, strict=True):
        assert got.startswith(expected)


def test_validate_as_a_subprocess_shows_no_traceback(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "thidua.cli.main", "--no-plugins",
                          "validate", "--lang", "en", str(_planted(tmp_path))],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert "is not valid" in res.stderr or "problem" in res.stderr
    assert "$.records[2].subject: unknown subject 'e-999'" in res.stderr


def test_validate_reads_standard_input(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO(example_dossier_text().encode("utf-8")),
                             encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "validate", "-")
    assert code == 0
    assert out.startswith("OK: -")


@pytest.mark.parametrize(("content", "needle"), [
    (b'{"plan": ', "line 1, column 10"),
    (b"\xff\xfe{\x00}\x00", "save it as UTF-8"),
    (b'{"plan": "V\xe2n"}', "not valid UTF-8"),
    (b"[1, 2]", "expected a JSON object"),
])
def test_validate_bad_files(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                            content: bytes, needle: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_validate_missing_file_and_directory(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.json"))
    assert code == 2
    assert "cannot read dossier" in err
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert "is a directory" in err


def test_schema_prints_a_schema_that_validates_the_example(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(json.loads(example_dossier_text()))
    bad = json.loads(example_dossier_text())
    bad["units"][0]["colour"] = "red"
    assert list(validator.iter_errors(bad))


def test_schema_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert run(capsys, "schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$defs"]


def test_example_to_stdout_is_the_bundled_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "example")
    assert code == 0
    assert out == example_dossier_text()


def test_example_writes_a_file_and_refuses_to_overwrite(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "dossier.json"
    code, _, _ = run(capsys, "example", "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8") == example_dossier_text()
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "example", "-o", str(target))
    assert code == 2
    assert "already exists" in err
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(capsys, "example", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") == example_dossier_text()
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.json"]  # no temp file left


def test_example_into_a_missing_directory_fails_cleanly(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "example", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert code == 2
    assert "does not exist" in err
    assert "Traceback" not in err


def test_written_example_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    run(capsys, "example", "-o", str(target))
    assert run(capsys, "validate", str(target))[0] == 0
