"""CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly).

Writes the main table of :func:`~thidua.export.tables.tables_for` (the summaries
belong in the workbook formats): a header row, then one row per record. Dates are ISO
8601 (``2024-01-12``), yes/no as ``true``/``false``, empty cells for missing values.
Text that would start a formula gets a leading apostrophe
(:func:`~thidua.export.safety.neutralise`). Rows end with CRLF (RFC 4180).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, BinaryIO

from thidua.export.base import Exporter, ExportKind

if TYPE_CHECKING:
    from thidua.export.data import ExportData
    from thidua.export.tables import CellValue

__all__ = ["ENCODING", "EXPORTER", "cell_text"]

ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark: Excel then reads the file as UTF-8."""


def cell_text(value: CellValue) -> str:
    """The CSV text of one cell, neutralised if it would start a formula."""
    from thidua.export.safety import neutralise

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def write_csv(data: ExportData, stream: BinaryIO) -> None:
    """Write the main table of ``data`` as CSV."""
    import csv
    import io

    from thidua.export.safety import neutralise
    from thidua.export.tables import tables_for

    table = tables_for(data)[0]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([cell_text(v) for v in row])
    stream.write(buffer.getvalue().encode(ENCODING, errors="replace"))


EXPORTER = Exporter(
    name="csv",
    media_type="text/csv; charset=utf-8",
    extension="csv",
    kinds=[ExportKind.REGISTRATIONS, ExportKind.FINDINGS, ExportKind.OBLIGATIONS,
           ExportKind.ELIGIBILITY, ExportKind.BUDGET],
    write=write_csv,
    description_vi="CSV (UTF-8 có BOM) cho hệ thống khác và Excel",
    description_en="CSV (UTF-8 with BOM) for other systems and Excel",
    binary=False,
)
"""The built-in CSV exporter."""
