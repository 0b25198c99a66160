"""Word documents (.docx, python-docx): registration lists as administrative documents.

Each registration list of the year becomes one document (one page section each, when
several are written together) laid out like a Vietnamese administrative document: the
issuing body (and the body above it) at the top left with the number and symbol
placeholder; the national motto at the top right with the place and date; the title;
the numbered table of exemplars; the attachments; the recipients (Nơi nhận) at the
bottom left and the signature block at the bottom right. Times New Roman throughout,
A4 with the margins of Decree 30/2020/NĐ-CP. All texts come from ``templates.toml``.

The list a unit sends to a recipient of a level named under
``[registration.by_recipient_level]`` (the district's list to the provincial
Department of Home Affairs) gets that entry's title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO

from thidua.errors import ExportError
from thidua.export.base import Exporter, ExportKind

if TYPE_CHECKING:
    from thidua.export.data import ExportData, RegistrationList, Templates


def templates() -> Templates:
    """The exporters' texts (the data module is imported on first use)."""
    from thidua.export.data import templates as load

    return load()


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (see :mod:`thidua.export.safety`)."""
    from thidua.export.safety import xml_safe as clean

    return clean(text)

__all__ = ["EXPORTER", "document_date", "registration_title"]

_PAGE_CM = (21.0, 29.7)  # A4
_MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}
# The header (issuing body | motto) and the footer (recipients | signature) share the
# 16.5 cm between the margins.
_HEADER_WIDTHS_CM = (6.0, 10.5)
_SIGNATURE_WIDTHS_CM = (8.0, 8.5)


def _doc() -> Mapping[str, Any]:
    return templates().section("document")


def registration_title(reg: RegistrationList, year: int) -> tuple[str, str]:
    """The (title, clause) of a registration list: the recipient level's own title if
    the templates name one, else the general registration title."""
    section = templates().section("registration")
    by_level = section.get("by_recipient_level", {})
    chosen = by_level.get(reg.recipient.level) if isinstance(by_level, Mapping) else None
    source = chosen if isinstance(chosen, Mapping) else section
    title = source.get("title", section.get("title"))
    clause = source.get("clause", section.get("clause", ""))
    if not isinstance(title, str):
        raise ExportError("templates.toml: [registration] title must be a text")
    return title.format(year=year), str(clause)


def document_date(day: dt.date | None) -> str:
    """The place-and-date line: the date written out (with the leading zeros of
    Decree 30) when known, blanks to fill in by hand otherwise."""
    doc = _doc()
    blank = str(doc.get("blank", "……"))
    template = str(doc.get("place_date", "{place}, ngày {day} tháng {month} năm {year}"))
    if day is None:
        return template.format(place=blank, day=blank, month=blank, year=blank)
    pad_day = int(doc.get("zero_pad_day_below", 10))
    pad_month = int(doc.get("zero_pad_month_below", 3))
    d = f"{day.day:02d}" if day.day < pad_day else str(day.day)
    m = f"{day.month:02d}" if day.month < pad_month else str(day.month)
    return template.format(place=blank, day=d, month=m, year=day.year)


def _style_document(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = _doc()
    font_name = str(doc.get("font", "Times New Roman"))
    normal = document.styles["Normal"]
    normal.font.name = font_name
    normal.font.size = Pt(int(doc.get("font_size_pt", 13)))
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font_name)
    normal.paragraph_format.space_after = Pt(0)
    for section in document.sections:
        section.page_width, section.page_height = Cm(_PAGE_CM[0]), Cm(_PAGE_CM[1])
        section.top_margin = Cm(_MARGINS_CM["top"])
        section.bottom_margin = Cm(_MARGINS_CM["bottom"])
        section.left_margin = Cm(_MARGINS_CM["left"])
        section.right_margin = Cm(_MARGINS_CM["right"])


def _para(container: Any, text: str, *, bold: bool = False, italic: bool = False,
          size: int | None = None, align: str = "center", space_after: int = 0) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT,
                   "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    p.paragraph_format.space_after = Pt(space_after)
    run = p.add_run(xml_safe(text))
    run.bold = bold
    run.italic = italic
    if size is not None:
        run.font.size = Pt(size)
    return p


def _borderless(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _set_widths(table: Any, widths: list[Any]) -> None:
    """Fix column widths (Word reads the cells, LibreOffice the table grid)."""
    table.autofit = False
    for j, width in enumerate(widths):
        table.columns[j].width = width
        for cell in table.columns[j].cells:
            cell.width = width


def _cell(table: Any, row: int, col: int) -> Any:
    cell = table.cell(row, col)
    # a new cell holds one empty paragraph: reuse it as the first line
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _header_block(document: Any, data: ExportData, reg: RegistrationList) -> None:
    from docx.shared import Cm

    doc = _doc()
    small = int(doc.get("small_font_size_pt", 12))
    size = int(doc.get("font_size_pt", 13))
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _set_widths(table, [Cm(w) for w in _HEADER_WIDTHS_CM])
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    parent = data.dossier.units_by_id.get(reg.sender.parent or "")
    if parent is not None:
        _para(left, parent.name.upper(), size=small)
    _para(left, reg.sender.name.upper(), bold=True, size=small)
    _para(left, "———", size=small)
    _para(left, str(doc.get("number", "Số: …/…")), size=size)
    _para(right, str(doc.get("motto_country", "")), bold=True, size=small)
    _para(right, str(doc.get("motto_slogan", "")), bold=True, size=size)
    _para(right, "———————", size=small)
    _para(right, document_date(reg.submission.submitted_on), italic=True, size=size)


def _entries_table(document: Any, data: ExportData, reg: RegistrationList) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    section = templates().section("registration")
    columns = [str(c) for c in section.get("columns", ())]
    widths = [float(w) for w in section.get("column_widths_cm", ())]
    if len(columns) != 6:
        raise ExportError(f"templates.toml: [registration] columns must name the 6 columns "
                          f"(number, name, kind, unit, honoured, note), got {len(columns)}")
    honoured_none = str(section.get("honoured_none", ""))
    size = Pt(int(_doc().get("table_font_size_pt", 12)))
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for j, header in enumerate(columns):
        cell = _cell(table, 0, j)
        _para(cell, header, bold=True).runs[0].font.size = size
    for n, ex in enumerate(reg.entries, start=1):
        honoured = ", ".join(str(h.year) for h in ex.honoured) or honoured_none
        values = (str(n), ex.name, data.kind_label(ex.kind), data.unit_name(ex.unit),
                  honoured, "")
        cells = table.add_row().cells
        for j, value in enumerate(values):
            cell = cells[j]
            cell._tc.remove(cell.paragraphs[0]._p)
            align = "left" if j in (1, 3) else "center"
            _para(cell, value, align=align).runs[0].font.size = size
    if len(widths) == len(columns):
        _set_widths(table, [Cm(w) for w in widths])


def _signature_block(document: Any, data: ExportData, reg: RegistrationList) -> None:
    from docx.shared import Cm

    doc = _doc()
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _set_widths(table, [Cm(w) for w in _SIGNATURE_WIDTHS_CM])
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    _para(left, str(doc.get("recipients_heading", "Nơi nhận:")), bold=True, italic=True,
          size=12, align="left")
    _para(left, f"- {reg.recipient.name};", size=11, align="left")
    _para(left, f"- {doc.get('archive', 'Lưu: VT.')}", size=11, align="left")
    _para(right, str(doc.get("signature_title", "")), bold=True)
    _para(right, str(doc.get("signature_note", "")), italic=True, size=12)


def _registration_document(document: Any, data: ExportData, reg: RegistrationList) -> None:
    section = templates().section("registration")
    _header_block(document, data, reg)
    _para(document, "", space_after=6)
    _para(document, str(section.get("kind_heading", "")), bold=True, size=14)
    title, _clause = registration_title(reg, data.year)
    _para(document, title, bold=True, size=14, space_after=12)
    _entries_table(document, data, reg)
    if reg.submission.attachments:
        heading = str(_doc().get("attachments_heading", ""))
        _para(document, "", space_after=6)
        _para(document, heading, bold=True, align="left")
        for a in reg.submission.attachments:
            _para(document, f"- {templates().label('attachment', a)}.", align="left")
    _para(document, "", space_after=12)
    _signature_block(document, data, reg)


def write_docx(data: ExportData, stream: BinaryIO) -> None:
    """Write the year's registration lists (of ``data.unit``, if set) as Word."""
    import docx
    from docx.enum.section import WD_SECTION

    lists = data.registration_lists()
    if not lists:
        who = f" from {data.unit}" if data.unit else ""
        raise ExportError(f"no registration list{who} for {data.year} in the dossier: "
                          f"nothing to write")
    document = docx.Document()
    _style_document(document)
    for i, reg in enumerate(lists):
        if i:
            document.add_section(WD_SECTION.NEW_PAGE)
        _registration_document(document, data, reg)
    _style_document(document)
    props = document.core_properties
    props.title = xml_safe(registration_title(lists[0], data.year)[0])
    props.author = "thidua"
    props.language = "vi-VN"
    document.save(stream)


EXPORTER = Exporter(
    name="docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension="docx",
    kinds=[ExportKind.REGISTRATIONS],
    write=write_docx,
    description_vi="Văn bản Word theo thể thức văn bản hành chính: danh sách đăng ký",
    description_en="Word document laid out as an administrative document: registration lists",
    requires=("docx",),
    install_hint="thidua[export]",
)
"""The built-in Word exporter."""
