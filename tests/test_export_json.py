"""JSON export read back with the json module: findings as the "Results" document,
registrations in the dossier's own record shapes."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from _export_helpers import host_with_findings, needs_serialization, small_dossier
from thidua.export import DueItem, ExportData, find_exporter, prepare

pytestmark = needs_serialization

RESULT_KEYS = {"rule", "severity", "subject", "clause", "message_vi", "message_en"}


def _json(data: ExportData) -> Any:
    buf = io.BytesIO()
    find_exporter(host_with_findings(), "json").write(data, buf)
    return json.loads(buf.getvalue().decode("utf-8"))


def test_findings_are_the_results_document() -> None:
    from thidua.serialization import report_to_dict

    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024)
    doc = _json(data)
    assert data.report is not None
    assert doc == json.loads(json.dumps(report_to_dict(data.report)))
    assert len(doc["findings"]) == 3
    for got, f in zip(doc["findings"], data.report.findings, strict=True):
        assert set(got) >= RESULT_KEYS
        assert (got["rule"], got["severity"], got["subject"], got["clause"]) == \
            (f.rule, f.severity.value, f.subject, f.clause)
        assert got["message_vi"] == f.message_vi


def test_findings_of_one_unit() -> None:
    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024,
                   unit="huyen")
    doc = _json(data)
    assert [f["subject"] for f in doc["findings"]] == ["s-2024-huyen"]
    assert doc["unit"] == "huyen"


def test_registrations_in_the_dossier_shapes() -> None:
    d = small_dossier()
    doc = _json(prepare(host_with_findings(), d, "registrations", year=2024))
    assert doc["format"] == "thidua.export/1"
    assert doc["year"] == 2024
    regs = doc["registrations"]
    assert [r["submission"]["id"] for r in regs] == ["s-2024-huyen", "s-2024-dinh-du",
                                                     "s-2024-lac-dao"]
    first = regs[0]["submission"]
    assert (first["from"], first["to"], first["submitted_on"]) == \
        ("huyen", "so-noi-vu", "2024-02-05")
    assert first["attachments"] == ["ke_hoach_boi_duong"]
    for reg in regs:
        sub = next(s for s in d.submissions if s.id == reg["submission"]["id"])
        assert sorted(e["id"] for e in reg["entries"]) == sorted(sub.exemplars)
        assert all(e["name"] == d.exemplars_by_id[e["id"]].name for e in reg["entries"])


def test_obligations_as_records() -> None:
    item = DueItem(id="registration.commune", unit="xa-lac-dao", due=dt.date(2024, 1, 15),
                   title_vi="Gửi danh sách", title_en="Send the list", clause="IV.1.d.1")
    data = ExportData(what="obligations", dossier=small_dossier(), year=2024,
                      obligations=[item])
    doc = _json(data)
    [got] = doc["obligations"]
    assert (got["id"], got["due"], got["clause"]) == ("registration.commune", "2024-01-15",
                                                      "IV.1.d.1")


def test_json_keeps_vietnamese_readable() -> None:
    buf = io.BytesIO()
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    find_exporter(host_with_findings(), "json").write(data, buf)
    assert "Nguyễn Thị Hoa" in buf.getvalue().decode("utf-8")
