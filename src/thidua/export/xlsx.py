"""Excel workbooks (.xlsx, openpyxl): one sheet per view, ready to filter and print.

Each table of :func:`~thidua.export.tables.tables_for` becomes a sheet with a bold
header row, frozen panes under it, an auto-filter, column widths that fit the content
and dates stored as real dates (shown ``DD/MM/YYYY``). Text from the dossier is written
as typed text with Excel's quote-prefix mark when it would start a formula, so no cell
is ever a formula (see :mod:`thidua.export.safety`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, BinaryIO

from thidua.errors import ExportError
from thidua.export.base import Exporter, ExportKind

if TYPE_CHECKING:
    from thidua.export.data import ExportData
    from thidua.export.tables import Table

__all__ = ["EXPORTER", "MAX_CELL_TEXT"]

DATE_FORMAT = "DD/MM/YYYY"
"""How date cells are shown (the Vietnamese day-month-year order)."""
MAX_CELL_TEXT = 32767
"""The longest text an Excel cell holds."""
_MIN_WIDTH, _MAX_WIDTH = 6, 60
def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _write_sheet(ws: Any, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from thidua.export.safety import is_formula_like, xml_safe
    from thidua.export.tables import ColumnType


    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for j, header in enumerate(table.headers, start=1):
        cell = ws.cell(row=1, column=j, value=xml_safe(header))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [_display_width(h) for h in table.headers]
    for i, row in enumerate(table.rows, start=2):
        for j, (col, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = ws.cell(row=i, column=j)
            if value is None:
                continue
            if isinstance(value, str):
                text = xml_safe(value)
                if len(text) > MAX_CELL_TEXT:
                    raise ExportError(f"sheet {table.name!r}, row {i}, column "
                                      f"{col.header(table.lang)!r}: {len(text)} characters, "
                                      f"more than an Excel cell holds ({MAX_CELL_TEXT})")
                cell.value = text
                cell.data_type = "s"  # text, never a formula
                if is_formula_like(text):
                    cell.quotePrefix = True
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                cell.value = value
                cell.number_format = DATE_FORMAT
            else:
                cell.value = value
            if col.type is ColumnType.TEXT and isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[j - 1] = max(widths[j - 1], _display_width(value))
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = \
            min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))
    ws.freeze_panes = "A2"
    if table.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    ws.print_title_rows = "1:1"


def write_xlsx(data: ExportData, stream: BinaryIO) -> None:
    """Write ``data`` as an Excel workbook, one sheet per table."""
    from openpyxl import Workbook

    from thidua.export.safety import xml_safe
    from thidua.export.tables import tables_for


    tables = tables_for(data)
    wb = Workbook()
    first = wb.active
    for n, table in enumerate(tables):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = table.name
        _write_sheet(ws, table)
    wb.properties.title = xml_safe(tables[0].title)
    wb.properties.creator = "thidua"
    wb.save(stream)


EXPORTER = Exporter(
    name="xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension="xlsx",
    kinds=[ExportKind.REGISTRATIONS, ExportKind.FINDINGS, ExportKind.OBLIGATIONS,
           ExportKind.ELIGIBILITY, ExportKind.BUDGET],
    write=write_xlsx,
    description_vi="Bảng tính Excel: mỗi góc nhìn một trang tính, kèm trang tổng hợp theo đơn vị",
    description_en="Excel workbook: one sheet per view, with a summary sheet by unit",
    requires=("openpyxl",),
    install_hint="thidua[export]",
)
"""The built-in Excel exporter."""
