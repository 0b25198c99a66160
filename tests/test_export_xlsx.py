"""Excel export read back with openpyxl: sheets, header, frozen panes, widths, real
dates, a summary by unit, and text that is never a formula."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
from hypothesis import given

from _export_helpers import dossier_named, host_with_findings, inert_names, small_dossier
from thidua.export import ExportData, find_exporter, prepare, tables_for
from thidua.export.safety import is_formula_like, xml_safe
from thidua.model import nfc


def _xlsx(data: ExportData) -> Any:
    buf = io.BytesIO()
    find_exporter(host_with_findings(), "xlsx").write(data, buf)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


def _values(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_registrations_workbook() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    wb = _xlsx(data)
    assert wb.sheetnames == ["Đăng ký", "Tổng hợp theo đơn vị"]
    ws = wb["Đăng ký"]
    rows = _values(ws)
    table = tables_for(data)[0]
    assert tuple(rows[0]) == table.headers
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{len(table.rows) + 1}"
    assert len(rows) == 1 + 15
    for got, want in zip(rows[1:], table.rows, strict=True):
        assert [(v.date() if isinstance(v, dt.datetime) else v) for v in got] == \
            [v if v != "" else None for v in want]
    # dates are real dates, shown day/month/year
    date_cell = ws.cell(row=2, column=5)
    assert date_cell.is_date
    assert date_cell.number_format == "DD/MM/YYYY"
    assert date_cell.value.date() == dt.date(2024, 2, 5)
    # numbers are numbers
    assert ws.cell(row=2, column=1).value == 2024
    # widths fit: the name column is wider than the number column, within bounds
    width = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJKL"}
    assert width["H"] > width["F"]
    longest = max(len(str(r[7])) for r in table.rows)
    assert width["H"] >= min(longest, 58)
    assert all(6 <= w <= 60 for w in width.values())


def test_registrations_summary_by_unit() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    ws = _xlsx(data)["Tổng hợp theo đơn vị"]
    rows = _values(ws)
    assert rows[0] == ["Mã đơn vị", "Đơn vị", "Cấp", "Số danh sách", "Mô hình", "Tập thể",
                       "Cá nhân", "Tổng số", "Ngày gửi"]
    by_unit = {r[0]: r for r in rows[1:]}
    # the district first (top of the hierarchy), then communes in Vietnamese order
    assert [r[0] for r in rows[1:]] == ["huyen", "xa-dinh-du", "xa-lac-dao"]
    assert by_unit["xa-lac-dao"][3:8] == [1, 1, 1, 3, 5]
    assert by_unit["huyen"][7] == 5
    assert by_unit["xa-dinh-du"][8] is None  # not sent yet
    assert ws.freeze_panes == "A2"


def test_findings_workbook_with_a_summary_per_unit() -> None:
    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024)
    wb = _xlsx(data)
    assert wb.sheetnames == ["Kết quả kiểm tra", "Tổng hợp theo đơn vị"]
    rows = _values(wb["Kết quả kiểm tra"])
    findings = data.findings()
    assert [(r[1], r[2], r[5], r[7]) for r in rows[1:]] == \
        [(f.rule, f.clause, f.subject, f.message_vi) for f in findings]
    summary = {r[0]: r for r in _values(wb["Tổng hợp theo đơn vị"])[1:]}
    assert set(summary) == {u.id for u in data.dossier.units}
    assert summary["xa-lac-dao"][3:] == [0, 1, 0, 1]  # error, warning, info, total
    assert summary["so-noi-vu"][-1] == 0


@given(inert_names)
def test_any_name_comes_back_as_the_same_inert_text(name: str) -> None:
    wb = _xlsx(prepare(host_with_findings(), dossier_named(name), "registrations",
                       year=2024))
    ws = wb["Đăng ký"]
    stored = xml_safe(nfc(name))
    for col in (3, 8):  # the unit's and the exemplar's name
        cell = ws.cell(row=2, column=col)
        assert cell.data_type == "s"  # text, never "f" (formula)
        assert cell.value == stored
        assert cell.quotePrefix == is_formula_like(stored)


def test_the_example_payload_is_text_with_the_quote_prefix() -> None:
    wb = _xlsx(prepare(host_with_findings(), dossier_named("=cmd|' /C calc'!A0"),
                       "registrations", year=2024))
    cell = wb["Đăng ký"].cell(row=2, column=8)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)


def test_characters_xml_cannot_hold_are_replaced() -> None:
    assert xml_safe("a\x00b\x1fc\ufffe") == "a\ufffdb\ufffdc\ufffd"
    assert xml_safe("tab\tand\nnewline\r") == "tab\tand\nnewline\r"
