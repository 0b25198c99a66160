"""Fuzzing the ``thidua`` command in-process: whatever file or arguments it gets, it
exits 0, 1 (findings) or 2 (bad input) with readable output — never a traceback — and
never leaves a partial output file behind."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.cli.main import main
from thidua.testing.fuzz import HOSTILE_STRINGS, hostile_scalars, mutations

FUZZ = settings(deadline=None, max_examples=min(settings.default.max_examples, 60),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SMALL: dict[str, Any] = {
    "format": "thidua.dossier/1", "plan": "vn-hy-district-exemplars-2022",
    "units": [{"id": "huyen", "name": "UBND huyện", "level": "huyen"},
              {"id": "xa-a", "name": "UBND xã A", "level": "xa", "parent": "huyen"}],
    "exemplars": [{"id": "e-1", "name": "Nguyễn Thị Hoa", "kind": "ca_nhan", "unit": "xa-a"}],
    "submissions": [{"id": "s-1", "year": 2024, "from": "xa-a", "to": "huyen",
                     "submitted_on": "2024-01-12", "exemplars": ["e-1"]}],
}


@contextmanager
def _in_tmp() -> Iterator[Path]:
    """A fresh working directory (commands may write files there)."""
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


def _run(argv: Sequence[str]) -> tuple[int, str, str]:
    """Run ``thidua ARGV``; any exception but SystemExit from argparse fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--no-plugins", *argv])
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            code = exc.code if isinstance(exc.code, int) else 2
    stdout, stderr = out.getvalue(), err.getvalue()
    assert code in (0, 1, 2), (code, stderr)
    assert "Traceback" not in stdout + stderr, stderr
    (stdout + stderr).encode("utf-8")  # printable: no lone surrogate escapes
    if code == 2 and stderr:
        assert stderr.startswith(("thidua: ", "usage: ")), stderr
    return code, stdout, stderr


def _validate(content: str | bytes, *extra: str) -> tuple[int, str, str]:
    with _in_tmp() as tmp:
        path = tmp / "hồ sơ.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return _run(["validate", *extra, str(path)])


@FUZZ
@given(mutations(SMALL), st.sampled_from([(), ("--format", "json"), ("--lang", "en")]))
def test_validate_any_mutated_dossier(doc: Any, extra: tuple[str, ...]) -> None:
    code, out, _ = _validate(json.dumps(doc, ensure_ascii=False), *extra)
    assert code in (0, 2)
    if "--format" in extra and out:
        answer = json.loads(out)
        assert answer["valid"] is (code == 0)
        if code == 2:
            assert all(p["path"] and p["message"] for p in answer["problems"])


@FUZZ
@given(st.binary(max_size=200))
def test_validate_any_bytes(raw: bytes) -> None:
    code, _, _err = _validate(raw)
    assert code in (0, 2)


WORDS = ["validate", "schema", "example", "params", "check", "calendar", "obligations",
         "awards", "ladder", "roadmap", "budget", "plugins", "export", "--format", "json",
         "text", "--lang", "vi", "en", "--year", "2024", "1900", "-5", "99999999999",
         "--date", "2024-02-30", "2024-01-15", "--as-of", "--example", "--subject", "e-001",
         "--target", "bang_khen_tinh", "--what", "registrations", "--to", "csv", "-o", "-",
         "--unit", "xa-lac-dao", "--list", "--trace", "--diff", "--force", "dossier.json",
         "missing.json", ".", "-", "--", "--nope", "", "\u200b", "Nguyễn"]


COMMANDS = ["validate", "schema", "example", "params", "check", "calendar", "obligations",
            "awards", "ladder", "roadmap", "budget", "plugins", "export"]
ARGV = st.tuples(
    st.one_of(st.sampled_from(COMMANDS).map(lambda c: [c]), st.just([])),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE_STRINGS),
                       st.text(max_size=8)), max_size=6),
).map(lambda t: t[0] + t[1])


@settings(FUZZ, max_examples=min(settings.default.max_examples, 40))
@given(ARGV)
def test_any_arguments(argv: list[str]) -> None:
    with _in_tmp() as tmp:
        (tmp / "dossier.json").write_text(json.dumps(SMALL), encoding="utf-8")
        before = {p.name for p in tmp.iterdir()}
        _run([a for a in argv if "\x00" not in a])  # no OS passes NUL in an argument
        for p in tmp.iterdir():  # whatever was written is whole, never a temporary
            assert not p.name.startswith(".") or p.name in before, p


@pytest.mark.parametrize("to", ["csv", "json", "xlsx", "docx", "ics"])
def test_a_bad_dossier_leaves_no_output_file(to: str) -> None:
    with _in_tmp() as tmp:
        (tmp / "bad.json").write_text('{"format": "thidua.dossier/1", "plan": 7}',
                                      encoding="utf-8")
        target = tmp / f"out.{to}"
        code, _, err = _run(["export", "bad.json", "--what", "registrations", "--to", to,
                             "-o", str(target)])
        assert code == 2, err
        assert sorted(p.name for p in tmp.iterdir()) == ["bad.json"]


@pytest.mark.parametrize(("doc", "needle"), [
    ({**SMALL, "exemplars": [{**SMALL["exemplars"][0], "name": "x" * 20_000}]},
     "MAX_TEXT_LENGTH"),
    ({**SMALL, "submissions": [{**SMALL["submissions"][0], "year": 10**20}]}, "MAX_INTEGER"),
])
def test_limits_are_one_clear_line(doc: dict[str, Any], needle: str) -> None:
    for extra in ((), ("--format", "json")):
        code, _, err = _validate(json.dumps(doc), *extra)
        assert code == 2
        assert err.count("\n") == 1
        assert needle in err
        assert "$." in err


@pytest.mark.parametrize("value", [v for v in HOSTILE_STRINGS if "\x00" not in v])
def test_hostile_names_pass_through_validate(value: str) -> None:
    doc = {**SMALL, "exemplars": [{**SMALL["exemplars"][0], "name": value}]}
    code, out, _ = _validate(json.dumps(doc), "--format", "json")
    assert code in (0, 2)
    assert json.loads(out)


@given(hostile_scalars())
@settings(FUZZ, max_examples=min(settings.default.max_examples, 40))
def test_hostile_value_in_every_position_of_a_submission(value: Any) -> None:
    for field in ("id", "year", "from", "to", "submitted_on", "exemplars"):
        doc = json.loads(json.dumps(SMALL))
        doc["submissions"][0][field] = value
        code, _, _ = _validate(json.dumps(doc, allow_nan=True))
        assert code in (0, 2)


def test_no_traceback_in_a_real_process_for_a_limit_error(tmp_path: Path) -> None:
    doc = {**SMALL, "units": [{"id": f"u{i}", "name": "x", "level": "xa",
                               "parent": f"u{(i + 1) % 5000}"} for i in range(5000)]}
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "thidua.cli.main", "--no-plugins", "validate",
                          str(path)], capture_output=True, text=True, check=False,
                         timeout=120)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert "MAX_HIERARCHY_DEPTH" in res.stderr
