"""JSON, in the shapes of the interchange format (``dossier-format.md``).

Findings are written exactly as ``--format json`` prints a report ("Results"), through
:func:`thidua.serialization.report_to_dict`; registration lists as the dossier's own
``submissions`` records with their exemplar records; deadlines as plain records. All
conversion goes through :mod:`thidua.serialization`, the one JSON layer.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, BinaryIO

from thidua.errors import ExportError
from thidua.export.base import Exporter, ExportKind

if TYPE_CHECKING:
    from thidua.export.data import ExportData

__all__ = ["EXPORTER", "export_document"]

FORMAT_TAG = "thidua.export/1"
"""Format tag of exported JSON documents other than a findings report."""


def export_document(data: ExportData) -> Any:
    """The JSON-ready document for ``data``."""
    from thidua.serialization import report_to_dict, to_jsonable

    if data.what is ExportKind.FINDINGS:
        if data.report is None:
            raise ExportError("no findings to export: the rules were not run")
        doc = report_to_dict(data.report)
        if data.unit is not None:
            keep = {id(f) for f in data.findings()}
            doc["findings"] = [fd for f, fd in zip(data.report.findings, doc["findings"],
                                                    strict=True) if id(f) in keep]
            doc["unit"] = data.unit
        return doc
    base: dict[str, Any] = {"format": FORMAT_TAG, "what": data.what.value,
                            "plan": data.dossier.plan, "year": data.year}
    if data.unit is not None:
        base["unit"] = data.unit
    if data.what is ExportKind.REGISTRATIONS:
        base["registrations"] = [
            {"submission": to_jsonable(reg.submission),
             "entries": [to_jsonable(e) for e in reg.entries]}
            for reg in data.registration_lists()
        ]
    elif data.what is ExportKind.OBLIGATIONS:
        base["obligations"] = [to_jsonable(i) for i in data.due_items()]
    else:
        base["results"] = [to_jsonable(r) for r in data.results]
    return base


def write_json(data: ExportData, stream: BinaryIO) -> None:
    """Write ``data`` as UTF-8 JSON (indented, keys in a stable order)."""
    text = json.dumps(export_document(data), ensure_ascii=False, indent=2)
    stream.write((text + "\n").encode("utf-8", errors="replace"))


EXPORTER = Exporter(
    name="json",
    media_type="application/json",
    extension="json",
    kinds=list(ExportKind),
    write=write_json,
    description_vi="JSON theo định dạng trao đổi (kết quả như thidua --format json)",
    description_en="JSON in the interchange format (results as --format json prints them)",
    binary=False,
)
"""The built-in JSON exporter."""
