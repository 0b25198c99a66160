"""Property tests: any dossier exports to every format, and every file opens in an
independent reader with the rows it should have."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import docx
import icalendar
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from _export_helpers import dossiers, host_with_findings, needs_serialization
from thidua.export import (
    DueItem,
    ExportData,
    Exporter,
    ExportKind,
    export_to_path,
    exporters_by_name,
    prepare,
    tables_for,
)
from thidua.export.safety import is_formula_like
from thidua.model import Dossier

HOST = host_with_findings()
BUILTINS = {n: e for n, (p, e) in exporters_by_name(HOST).items() if p == "thidua.exporters"}


def _data(d: Dossier, kind: ExportKind) -> ExportData:
    if kind is ExportKind.OBLIGATIONS:
        items = [DueItem(id="registration", unit=s.from_unit, due=dt.date(2024, 1, 15),
                         title_vi="Gửi danh sách", title_en="Send the list",
                         clause="IV.1.d.1", recipient=s.to_unit,
                         status="done" if s.submitted_on else "missing")
                 for s in d.submissions]
        return ExportData(what=kind, dossier=d, year=2024, obligations=items,
                          reminder_days=(7, 1))
    return prepare(HOST, d, kind, year=2024)


def _read_back(name: str, raw: bytes) -> int:
    """Open ``raw`` with the independent reader of its format; return its record count."""
    if name == "csv":
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        for row in rows:
            assert not any(is_formula_like(cell) for cell in row)
        return len(rows) - 1
    if name == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(raw))
        ws = wb.worksheets[0]
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)
        return int(ws.max_row) - 1
    if name == "docx":
        document = docx.Document(io.BytesIO(raw))
        return sum(len(t.rows) - 1 for t in document.tables if t.rows[0].cells[0].text == "TT")
    if name == "ics":
        return len(list(icalendar.Calendar.from_ical(raw).walk("VEVENT")))
    if name == "json":
        doc: Any = json.loads(raw.decode("utf-8"))
        for key in ("findings", "registrations", "obligations"):
            if key in doc:
                if key == "registrations":
                    return sum(len(r["entries"]) for r in doc[key])
                return len(doc[key])
        raise AssertionError(f"no records in {sorted(doc)}")
    raise AssertionError(f"no reader for {name}")


def _expected(name: str, data: ExportData) -> int:
    if name == "docx" or (name == "json" and data.what is ExportKind.REGISTRATIONS):
        return sum(len(r.entries) for r in data.registration_lists())
    if name == "ics":
        return len(data.due_items())
    if name == "json" and data.what is ExportKind.FINDINGS:
        return len(data.findings())
    if name == "json":
        return len(data.due_items())
    return len(tables_for(data)[0].rows)


CASES = [pytest.param(name, kind, marks=[needs_serialization] if name == "json" else [])
         for name, ex in sorted(BUILTINS.items())
         for kind in sorted(ex.kinds) if kind in (ExportKind.REGISTRATIONS,
                                                  ExportKind.FINDINGS,
                                                  ExportKind.OBLIGATIONS)]


def test_every_builtin_format_is_covered() -> None:
    assert {case.values[0] for case in CASES} == {"csv", "docx", "ics", "json", "xlsx"}


@pytest.mark.parametrize(("name", "kind"), CASES)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          max_examples=15)
@given(d=dossiers())
def test_any_dossier_exports_and_reads_back(name: str, kind: ExportKind, d: Dossier,
                                            tmp_path: Path) -> None:
    exporter: Exporter = BUILTINS[name]
    data = _data(d, kind)
    target = tmp_path / f"out.{exporter.extension}"
    export_to_path(exporter, data, target)
    assert _read_back(name, target.read_bytes()) == _expected(name, data)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
