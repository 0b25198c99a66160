"""A Markdown report exporter for thidua, shipped as its own package.

It uses only thidua's public API: the :class:`~thidua.export.Exporter` record, the
shared table views of :func:`~thidua.export.tables_for` and the ``thidua_exporters``
hook. The package's entry point (group ``thidua``) makes ``thidua export --list`` show
the ``markdown`` format as soon as the package is installed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import BinaryIO

from thidua import hookimpl
from thidua.export import ExportData, Exporter, ExportKind, tables_for
from thidua.export.tables import CellValue, Table

__all__ = ["EXPORTER", "escape", "render", "thidua_exporters"]
__version__ = "0.1.0"

_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~])")


def escape(text: str) -> str:
    """``text`` safe inside a Markdown table cell: HTML and Markdown syntax escaped,
    line breaks as ``<br>``."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return "<br>".join(text.splitlines()) if text else text


def _cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return str(value)
    return escape(value)


def _table(table: Table) -> list[str]:
    lines = [f"## {escape(table.title)}", ""]
    if not table.rows:
        lines += ["_(không có dữ liệu)_" if table.lang == "vi" else "_(no data)_", ""]
        return lines
    lines.append("| " + " | ".join(escape(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    lines.append("")
    return lines


def render(data: ExportData) -> str:
    """The Markdown report of ``data``: a heading, then every table of the view."""
    tables = tables_for(data)
    heading = "Báo cáo thi đua, khen thưởng" if data.lang == "vi" else "Emulation report"
    lines = [f"# {heading} {data.year}", ""]
    if data.unit:
        lines += [f"_{escape(data.unit_name(data.unit))}_", ""]
    for table in tables:
        lines += _table(table)
    return "\n".join(lines)


def write_markdown(data: ExportData, stream: BinaryIO) -> None:
    """Write the Markdown report of ``data`` as UTF-8."""
    stream.write(render(data).encode("utf-8", errors="replace"))


EXPORTER = Exporter(
    name="markdown",
    media_type="text/markdown; charset=utf-8",
    extension="md",
    kinds=[ExportKind.REGISTRATIONS, ExportKind.FINDINGS, ExportKind.OBLIGATIONS],
    write=write_markdown,
    description_vi="Báo cáo Markdown (bảng) cho wiki, thư điện tử",
    description_en="Markdown report (tables) for wikis and e-mail",
    binary=False,
)
"""The Markdown exporter."""


@hookimpl
def thidua_exporters() -> list[Exporter]:
    """Contribute the Markdown format."""
    return [EXPORTER]
