"""CSV export read back with the csv module: UTF-8 with BOM, rows equal the data, and
dangerous text comes back inert."""

from __future__ import annotations

import csv
import io

from hypothesis import given

from _export_helpers import dossier_named, host_with_findings, inert_names, small_dossier
from thidua.export import ExportData, find_exporter, prepare, tables_for
from thidua.export.csv_export import cell_text
from thidua.export.safety import is_formula_like
from thidua.model import nfc


def _csv(data: ExportData) -> tuple[bytes, list[list[str]]]:
    buf = io.BytesIO()
    find_exporter(host_with_findings(), "csv").write(data, buf)
    raw = buf.getvalue()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return raw, rows


def test_registrations_round_trip() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    raw, rows = _csv(data)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    assert b"\r\n" in raw
    table = tables_for(data)[0]
    assert rows[0] == list(table.headers)
    assert rows[0][7] == "Tên mô hình, tập thể, cá nhân"
    assert len(rows) == 1 + 15  # 3 lists of 5
    expected = [[cell_text(v) for v in r] for r in table.rows]
    assert rows[1:] == expected
    # the commune's list, as the dossier has it, in Vietnamese order within each kind
    lac_dao = [r for r in rows[1:] if r[1] == "s-2024-lac-dao"]
    assert [r[7] for r in lac_dao] == ["Mô hình “Đường hoa nông thôn mới”",
                                      "Hội Phụ nữ xã Lạc Đạo", "Dương Thị Ánh", "Đào Văn Bình",
                                      "Nguyễn Thị Hoa"]
    assert {r[4] for r in lac_dao} == {"2024-01-12"}
    assert [r[5] for r in lac_dao] == ["1", "2", "3", "4", "5"]


def test_findings_round_trip() -> None:
    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024)
    _, rows = _csv(data)
    findings = data.findings()
    assert len(findings) == 3
    assert len(rows) == 1 + len(findings)
    for row, f in zip(rows[1:], findings, strict=True):
        assert row[1] == f.rule
        assert row[2] == f.clause
        assert row[5] == f.subject
        assert row[7] == f.message_vi
        assert row[8] == f.message_en


def test_english_headers() -> None:
    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024, lang="en")
    _, rows = _csv(data)
    assert rows[0][:3] == ["Severity", "Rule", "Clause"]
    assert rows[1][0] == "warning"


@given(inert_names)
def test_any_name_comes_back_as_inert_text(name: str) -> None:
    d = dossier_named(name)
    data = prepare(host_with_findings(), d, "registrations", year=2024)
    _, rows = _csv(data)
    stored = nfc(name)
    got = rows[1][7]
    assert not is_formula_like(got)
    assert got == (("'" + stored) if is_formula_like(stored) else stored)
    assert rows[1][2] == got  # the unit's name too


def test_the_example_payload_is_neutralised() -> None:
    d = dossier_named("=cmd|' /C calc'!A0")
    _, rows = _csv(prepare(host_with_findings(), d, "registrations", year=2024))
    assert rows[1][7] == "'=cmd|' /C calc'!A0"
