"""Exporters: one module per format behind one interface.

Formats are :class:`Exporter` objects registered through the ``thidua_exporters`` hook;
the built-in ones (``csv``, ``json``, ``xlsx``, ``docx``, ``ics``) come from the
``thidua.exporters`` built-in plugin exactly like a third-party format. Run an export
with :func:`prepare` and :func:`export_to_path` (atomic, never over the input).

Names are imported on first use, so that loading the exporter plugins (which every
``thidua`` command does) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_exports

if TYPE_CHECKING:
    from thidua.export.base import Exporter, ExportKind, WriteFunc
    from thidua.export.collation import sorted_vietnamese, vietnamese_key
    from thidua.export.data import DueItem, ExportData, RegistrationList
    from thidua.export.runner import (
        default_file_name,
        export_to_path,
        export_to_stream,
        exporters_by_name,
        find_exporter,
        prepare,
    )
    from thidua.export.safety import atomic_write, neutralise
    from thidua.export.tables import Column, ColumnType, Table, tables_for

_WHERE = {
    "ExportKind": "base", "Exporter": "base", "WriteFunc": "base",
    "sorted_vietnamese": "collation", "vietnamese_key": "collation",
    "DueItem": "data", "ExportData": "data", "RegistrationList": "data",
    "default_file_name": "runner", "export_to_path": "runner", "export_to_stream": "runner",
    "exporters_by_name": "runner", "find_exporter": "runner", "prepare": "runner",
    "atomic_write": "safety", "neutralise": "safety",
    "Column": "tables", "ColumnType": "tables", "Table": "tables", "tables_for": "tables",
}

__all__ = [
    "Column",
    "ColumnType",
    "DueItem",
    "ExportData",
    "ExportKind",
    "Exporter",
    "RegistrationList",
    "Table",
    "WriteFunc",
    "atomic_write",
    "default_file_name",
    "export_to_path",
    "export_to_stream",
    "exporters_by_name",
    "find_exporter",
    "neutralise",
    "prepare",
    "sorted_vietnamese",
    "tables_for",
    "vietnamese_key",
]


__getattr__, __dir__ = lazy_exports(
    __name__, globals(), {name: f"{__name__}.{module}" for name, module in _WHERE.items()})
