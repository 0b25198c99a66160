"""Word export read back with python-docx: the administrative layout (motto, issuing
body, number, date, title, numbered table, signature, recipients) and the entries."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
import pytest

from _export_helpers import host_with_findings, small_dossier
from thidua.errors import ExportError
from thidua.export import ExportData, find_exporter, prepare
from thidua.export.collation import vietnamese_key
from thidua.export.docx import document_date

KIND_ORDER = {"mo_hinh": 0, "tap_the": 1, "ca_nhan": 2}
KIND_LABEL = {"mo_hinh": "Mô hình", "tap_the": "Tập thể", "ca_nhan": "Cá nhân"}


def _docx(data: ExportData) -> Any:
    buf = io.BytesIO()
    find_exporter(host_with_findings(), "docx").write(data, buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _texts(document: Any) -> list[str]:
    out = [p.text for p in document.paragraphs]
    for t in document.tables:
        for row in t.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def _entry_tables(document: Any) -> list[Any]:
    return [t for t in document.tables if t.rows[0].cells[0].text == "TT"]


def test_commune_list_is_an_administrative_document() -> None:
    d = small_dossier()
    data = prepare(host_with_findings(), d, "registrations", year=2024, unit="xa-lac-dao")
    document = _docx(data)
    texts = _texts(document)
    # national motto block, issuing body and the body above it, number, place and date
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "UBND XÃ LẠC ĐẠO" in texts
    assert "UBND HUYỆN VĂN LÂM" in texts
    assert "Số: …/…" in texts
    assert "……, ngày 12 tháng 01 năm 2024" in texts
    # title, as the plan names the list
    title = [p.text for p in document.paragraphs if p.text]
    i = title.index("DANH SÁCH")
    assert title[i + 1] == "Đăng ký mô hình, tập thể, cá nhân điển hình tiên tiến năm 2024"
    assert f"{title[i]} {title[i + 1]}".lower() == \
        "danh sách đăng ký mô hình, tập thể, cá nhân điển hình tiên tiến năm 2024"
    # signature block and recipients
    assert "THỦ TRƯỞNG ĐƠN VỊ" in texts
    assert "Nơi nhận:" in texts
    assert "- UBND huyện Văn Lâm;" in texts
    assert "- Lưu: VT." in texts


def test_table_rows_equal_the_registration_entries() -> None:
    d = small_dossier()
    data = prepare(host_with_findings(), d, "registrations", year=2024, unit="xa-lac-dao")
    [table] = _entry_tables(_docx(data))
    header = [c.text for c in table.rows[0].cells]
    assert header == ["TT", "Tên mô hình, tập thể, cá nhân", "Loại", "Đơn vị",
                      "Đã được tuyên dương", "Ghi chú"]
    sub = next(s for s in d.submissions if s.id == "s-2024-lac-dao")
    entries = sorted((d.exemplars_by_id[e] for e in sub.exemplars),
                     key=lambda e: (KIND_ORDER[e.kind.value], vietnamese_key(e.name)))
    got = [[c.text for c in row.cells] for row in table.rows[1:]]
    want = [[str(n), e.name, KIND_LABEL[e.kind.value], d.units_by_id[e.unit].name,
             ", ".join(str(h.year) for h in e.honoured) or "Chưa", ""]
            for n, e in enumerate(entries, start=1)]
    assert got == want
    assert {row[1] for row in got} == {d.exemplars_by_id[e].name for e in sub.exemplars}


def test_the_districts_list_to_the_province_has_its_own_title_and_attachment() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024,
                   unit="huyen")
    document = _docx(data)
    texts = _texts(document)
    assert ("Mô hình, tập thể, cá nhân điển hình tiên tiến có khả năng bồi dưỡng, "
            "nhân rộng năm 2024") in texts
    assert "- Kế hoạch bồi dưỡng, nhân rộng điển hình tiên tiến." in texts
    assert "- Sở Nội vụ tỉnh Hưng Yên;" in texts
    assert "……, ngày 05 tháng 02 năm 2024" in texts
    [table] = _entry_tables(document)
    assert len(table.rows) == 1 + 5


def test_all_lists_of_the_year_one_section_each() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    document = _docx(data)
    tables = _entry_tables(document)
    assert len(tables) == 3
    assert len(document.sections) == 3
    assert [len(t.rows) - 1 for t in tables] == [5, 5, 5]
    # a list not yet sent has the date left blank, to fill in by hand
    assert "……, ngày …… tháng …… năm ……" in _texts(document)


def test_times_new_roman_a4() -> None:
    document = _docx(prepare(host_with_findings(), small_dossier(), "registrations",
                             year=2024, unit="huyen"))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    rfonts = normal.element.rPr.rFonts
    assert {rfonts.get(f"{{{rfonts.nsmap['w']}}}{a}") for a in ("eastAsia", "cs")} == \
        {"Times New Roman"}
    sec = document.sections[0]
    assert round(sec.page_width.cm, 1) == 21.0
    assert round(sec.page_height.cm, 1) == 29.7
    assert document.core_properties.language == "vi-VN"


def test_no_list_is_a_clear_error() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2022)
    with pytest.raises(ExportError, match="no registration list for 2022"):
        _docx(data)


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2024, 1, 5), "……, ngày 05 tháng 01 năm 2024"),
    (dt.date(2024, 2, 15), "……, ngày 15 tháng 02 năm 2024"),
    (dt.date(2024, 3, 9), "……, ngày 09 tháng 3 năm 2024"),
    (dt.date(2024, 12, 31), "……, ngày 31 tháng 12 năm 2024"),
])
def test_dates_are_written_as_decree_30_asks(day: dt.date, text: str) -> None:
    assert document_date(day) == text
