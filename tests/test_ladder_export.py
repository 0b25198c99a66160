"""The ladder's results reach the exporters: eligibility with roadmaps, and the budget."""

from __future__ import annotations

import csv
import io
import json

import pytest

from thidua import Host
from thidua.data import load_example
from thidua.export.runner import export_to_stream, find_exporter, prepare
from thidua.rules.ladder import Budget, EligibilityResult, Roadmap, Verdict


@pytest.fixture(scope="module")
def host() -> Host:
    return Host(autoload=False)


def _csv(host: Host, what: str, year: int, unit: str | None = None) -> list[list[str]]:
    data = prepare(host, load_example(), what, year=year, unit=unit)
    buf = io.BytesIO()
    export_to_stream(find_exporter(host, "csv"), data, buf)
    return list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8-sig"))))


def test_eligibility_results_and_roadmaps(host: Host) -> None:
    data = prepare(host, load_example(), "eligibility", year=2024)
    results = [r for r in data.results if isinstance(r, EligibilityResult)]
    roadmaps = [r for r in data.results if isinstance(r, Roadmap)]
    assert len(results) + len(roadmaps) == len(data.results)
    assert {r.subject for r in results} == {"e-005", "e-012", "e-018", "e-064", "e-077",
                                            "e-079"}
    assert all(r.verdict is not Verdict.UNKNOWN for r in results)
    not_eligible = {(r.subject, r.award) for r in results if r.verdict is Verdict.NOT_ELIGIBLE}
    assert {(m.subject, m.target) for m in roadmaps} == not_eligible
    assert all(m.start == 2025 for m in roadmaps)


def test_eligibility_as_csv_and_json(host: Host) -> None:
    rows = _csv(host, "eligibility", 2024)
    assert rows[0][:3] == ["Mã", "Tên", "Đơn vị"]
    pm = [r for r in rows if r[0] == "e-018" and r[4] == "bang_khen_thu_tuong"]
    assert pm
    assert pm[0][6] == "Chưa đủ điều kiện"
    assert pm[0][7] == "false"
    assert "cần thêm 1 lần “Chiến sĩ thi đua cơ sở” trong 2020–2024" in pm[0][9]
    data = prepare(host, load_example(), "eligibility", year=2024)
    buf = io.BytesIO()
    export_to_stream(find_exporter(host, "json"), data, buf)
    doc = json.loads(buf.getvalue())
    assert doc["what"] == "eligibility"
    assert any(r.get("verdict") == "eligible" for r in doc["results"])


def test_eligibility_of_one_unit(host: Host) -> None:
    rows = _csv(host, "eligibility", 2024, unit="tt-nhu-quynh")
    assert {r[0] for r in rows[1:]} == {"e-005"}


def test_budget_results_and_csv(host: Host) -> None:
    data = prepare(host, load_example(), "budget", year=2025)
    (budget,) = data.results
    assert isinstance(budget, Budget)
    assert budget.total == 8_190_000
    rows = _csv(host, "budget", 2025)
    assert len(rows) == 2
    assert rows[1][1] == "e-005"
    assert rows[1][8] == "8190000"


def test_budget_as_xlsx(host: Host) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = prepare(host, load_example(), "budget", year=2025, lang="en")
    buf = io.BytesIO()
    export_to_stream(find_exporter(host, "xlsx"), data, buf)
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    assert "Totals by fund" in wb.sheetnames
    values = [c.value for row in wb["Totals by fund"].iter_rows() for c in row]
    assert 8_190_000 in values
