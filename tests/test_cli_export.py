"""``thidua export``: every format from a dossier file, the listing, and clear one-line
errors (unknown format, missing optional package, writing over the dossier)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from _export_helpers import needs_serialization, small_dossier_json
from thidua.cli.main import main

BUILTINS = ("csv", "docx", "ics", "json", "xlsx")


@pytest.fixture
def dossier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small dossier as a file, with the working directory set to its folder."""
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(small_dossier_json(), ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("THIDUA_DISABLE_PLUGIN_AUTOLOAD", "1")
    return path


def run(*argv: str) -> int:
    return main(list(argv))


def test_list_shows_every_builtin_format(capsys: pytest.CaptureFixture[str],
                                         dossier: Path) -> None:
    assert run("export", "--list") == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert names == sorted(BUILTINS)
    assert any(line.startswith("docx") and "registrations" in line for line in lines)


def test_list_as_json(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    assert run("export", "--list", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == set(BUILTINS)
    assert by_name["ics"]["kinds"] == ["obligations"]
    assert by_name["xlsx"]["plugin"] == "thidua.exporters"
    assert all(r["available"] for r in rows)


@needs_serialization
def test_xlsx_of_registrations(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    assert run("export", str(dossier), "--what", "registrations", "--to", "xlsx",
               "-o", "dang-ky.xlsx") == 0
    assert "Đã ghi dang-ky.xlsx" in capsys.readouterr().out
    ws = openpyxl.load_workbook("dang-ky.xlsx").worksheets[0]
    names = [ws.cell(row=r, column=8).value for r in range(2, ws.max_row + 1)]
    assert "=cmd|' /C calc'!A0" in names
    assert all(ws.cell(row=r, column=8).data_type == "s" for r in range(2, ws.max_row + 1))


@needs_serialization
def test_docx_of_the_districts_list(dossier: Path) -> None:
    assert run("export", str(dossier), "--what", "registrations", "--to", "docx",
               "--unit", "huyen", "--year", "2024") == 0
    document = docx.Document("registrations-2024-huyen.docx")
    texts = [p.text for p in document.paragraphs]
    assert "DANH SÁCH" in texts
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "TT"]
    assert [r.cells[1].text for r in table.rows[1:]] == ["=cmd|' /C calc'!A0",
                                                          "Nguyễn Thị Hoa"]


@needs_serialization
def test_csv_of_findings_and_json_report(capsys: pytest.CaptureFixture[str],
                                         dossier: Path) -> None:
    assert run("export", str(dossier), "--what", "findings", "--to", "csv") == 0
    with Path("findings-2024.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Mức độ", "Quy tắc", "Điều khoản"]
    assert run("export", str(dossier), "--what", "findings", "--to", "json",
               "-o", "ket-qua.json", "--format", "json") == 0
    said = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert said["path"] == "ket-qua.json"
    assert said["format"] == "json"
    doc = json.loads(Path("ket-qua.json").read_text(encoding="utf-8"))
    assert isinstance(doc["findings"], list)
    assert len(doc["findings"]) == len(rows) - 1


@needs_serialization
def test_standard_output(capsysbinary: pytest.CaptureFixture[bytes], dossier: Path) -> None:
    assert run("export", str(dossier), "--what", "registrations", "--to", "csv",
               "-o", "-") == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + 7
    assert "'=cmd|' /C calc'!A0" in [r[7] for r in rows]


def test_refuses_to_write_over_the_dossier(capsys: pytest.CaptureFixture[str],
                                           dossier: Path) -> None:
    before = dossier.read_bytes()
    assert run("export", str(dossier), "--what", "registrations", "--to", "json",
               "-o", str(dossier)) == 2
    err = capsys.readouterr().err
    assert "refusing to write the export over the input file" in err
    assert "Traceback" not in err
    assert dossier.read_bytes() == before


@pytest.mark.parametrize(("argv", "message"), [
    (["--what", "findings", "--to", "pdf"], "unknown export format 'pdf'; known formats: "
                                            "csv, docx, ics, json, xlsx"),
    (["--what", "findings", "--to", "docx"], "the docx format cannot export findings"),
    (["--to", "xlsx"], "thidua export needs --what"),
    pytest.param(["--what", "registrations", "--to", "xlsx", "--unit", "nowhere"],
                 "--unit 'nowhere' is not a unit", marks=needs_serialization),
    (["--what", "obligations", "--to", "ics", "--remind", "x"],
     "--remind must be whole numbers"),
])
def test_bad_requests_are_one_clear_line(capsys: pytest.CaptureFixture[str], dossier: Path,
                                         argv: list[str], message: str) -> None:
    assert run("export", str(dossier), *argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert sorted(p.name for p in dossier.parent.iterdir()) == ["dossier.json"]


def test_missing_optional_package_names_the_extra(capsys: pytest.CaptureFixture[str],
                                                  dossier: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert run("export", str(dossier), "--what", "findings", "--to", "xlsx") == 2
    err = capsys.readouterr().err
    assert err == ("thidua: error: the xlsx exporter needs the Python package(s) openpyxl, "
                   "which are not installed: pip install \"thidua[export]\"\n")
    assert sorted(p.name for p in dossier.parent.iterdir()) == ["dossier.json"]
    assert run("export", "--list") == 0
    assert 'xlsx     .xlsx   budget, eligibility, findings, obligations, registrations  ' \
           '(thidua.exporters)  ' \
           '[cần cài: pip install "thidua[export]"]' in capsys.readouterr().out


@needs_serialization
def test_a_bad_dossier_is_reported_without_traceback(capsys: pytest.CaptureFixture[str],
                                                     dossier: Path) -> None:
    dossier.write_text('{"format": "thidua.dossier/1", "plan": "x", "units": 3}')
    assert run("export", str(dossier), "--what", "registrations", "--to", "csv") == 2
    err = capsys.readouterr().err
    assert err.startswith("thidua: error:")
    assert "Traceback" not in err
