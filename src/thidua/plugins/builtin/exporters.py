"""The built-in exporters (CSV, JSON, Excel, Word, iCalendar) as a plugin.

Registered through the ``thidua_exporters`` hook exactly like a third-party exporter:
nothing in the core names a format. Importing this module is cheap: the format modules
import openpyxl, python-docx and icalendar only when they write.
"""

from __future__ import annotations

from thidua.export import csv_export, docx, ics, json_export, xlsx
from thidua.export.base import Exporter
from thidua.plugins.hookspecs import hookimpl

__all__ = ["thidua_exporters"]


@hookimpl
def thidua_exporters() -> list[Exporter]:
    """The formats thidua ships."""
    return [csv_export.EXPORTER, json_export.EXPORTER, xlsx.EXPORTER, docx.EXPORTER,
            ics.EXPORTER]
