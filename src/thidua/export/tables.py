"""Tabular views of export data, shared by every table format (CSV, Excel, Markdown …).

:func:`tables_for` turns :class:`~thidua.export.data.ExportData` into
:class:`Table` objects: typed columns (text, whole number, date, yes/no) and rows of
plain values. The first table is the main view (the one CSV writes); the others are
summaries (one row per unit) that workbook formats add as extra sheets.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections import Counter
from collections.abc import Callable

import attrs

from thidua.errors import ExportError
from thidua.export.base import ExportKind
from thidua.export.data import ExportData, templates
from thidua.model.base import to_tuple
from thidua.model.exemplars import ExemplarKind
from thidua.model.findings import Severity

__all__ = ["CellValue", "Column", "ColumnType", "Table", "tables_for"]

CellValue = str | int | bool | dt.date | None
"""A value in a table cell; never a float (money is whole đồng)."""


class ColumnType(enum.StrEnum):
    """How a column's values are typed in formats that keep types (Excel)."""

    TEXT = "text"
    INT = "int"
    DATE = "date"
    BOOL = "bool"


@attrs.frozen(kw_only=True)
class Column:
    """A column: a stable key, headers in both languages and a type."""

    key: str
    header_vi: str
    header_en: str
    type: ColumnType = ColumnType.TEXT

    def header(self, lang: str) -> str:
        """The header in ``lang`` (``vi`` or ``en``)."""
        return self.header_vi if lang == "vi" else self.header_en


@attrs.frozen(kw_only=True)
class Table:
    """A named table: columns and rows of plain values, ready for any table format."""

    name: str
    """Short name, used as the sheet name (at most 31 characters)."""
    title: str
    """A longer title in the export language."""
    columns: tuple[Column, ...] = attrs.field(converter=to_tuple)
    rows: tuple[tuple[CellValue, ...], ...] = attrs.field(converter=to_tuple)
    lang: str = "vi"

    def __attrs_post_init__(self) -> None:
        if len(self.name) > 31:
            raise ExportError(f"Table.name must be at most 31 characters (an Excel sheet "
                              f"name), got {self.name!r}")
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ExportError(f"table {self.name!r}: row {i} has {len(row)} cells for "
                                  f"{len(self.columns)} columns")

    @property
    def headers(self) -> tuple[str, ...]:
        """The column headers in the table's language."""
        return tuple(c.header(self.lang) for c in self.columns)


def _c(key: str, vi: str, en: str, typ: ColumnType = ColumnType.TEXT) -> Column:
    return Column(key=key, header_vi=vi, header_en=en, type=typ)


def _t(data: ExportData, vi: str, en: str) -> str:
    return vi if data.lang == "vi" else en


def _registration_tables(data: ExportData) -> tuple[Table, ...]:
    cols = (
        _c("year", "Năm", "Year", ColumnType.INT),
        _c("submission", "Mã danh sách", "List id"),
        _c("from", "Đơn vị đăng ký", "Registering unit"),
        _c("to", "Gửi đến", "Sent to"),
        _c("submitted_on", "Ngày gửi", "Sent on", ColumnType.DATE),
        _c("number", "TT", "No.", ColumnType.INT),
        _c("exemplar", "Mã", "Id"),
        _c("name", "Tên mô hình, tập thể, cá nhân", "Name"),
        _c("kind", "Loại", "Kind"),
        _c("unit", "Đơn vị", "Unit"),
        _c("honoured", "Năm được tuyên dương", "Years honoured"),
        _c("attachments", "Hồ sơ kèm theo", "Attachments"),
    )
    rows: list[tuple[CellValue, ...]] = []
    lists = data.registration_lists()
    for reg in lists:
        attachments = "; ".join(templates().label("attachment", a)
                                for a in reg.submission.attachments)
        for n, ex in enumerate(reg.entries, start=1):
            rows.append((data.year, reg.submission.id, reg.sender.name, reg.recipient.name,
                         reg.submission.submitted_on, n, ex.id, ex.name,
                         data.kind_label(ex.kind), data.unit_name(ex.unit),
                         ", ".join(str(h.year) for h in ex.honoured), attachments))
    main = Table(name=_t(data, "Đăng ký", "Registrations"),
                 title=_t(data, f"Danh sách đăng ký điển hình tiên tiến năm {data.year}",
                          f"Exemplar registrations {data.year}"),
                 columns=cols, rows=rows, lang=data.lang)
    kinds = tuple(ExemplarKind)
    sum_cols = (
        _c("unit_id", "Mã đơn vị", "Unit id"),
        _c("unit", "Đơn vị", "Unit"),
        _c("level", "Cấp", "Level"),
        _c("lists", "Số danh sách", "Lists", ColumnType.INT),
        *(_c(f"kind_{k.value}", data.kind_label(k), data.kind_label(k), ColumnType.INT)
          for k in kinds),
        _c("total", "Tổng số", "Total", ColumnType.INT),
        _c("submitted_on", "Ngày gửi", "Sent on", ColumnType.DATE),
    )
    sum_rows: list[tuple[CellValue, ...]] = []
    for unit in data.units_in_order():
        mine = [r for r in lists if r.sender.id == unit.id]
        if not mine:
            continue
        counts = Counter(e.kind for r in mine for e in r.entries)
        dates = [r.submission.submitted_on for r in mine if r.submission.submitted_on]
        sum_rows.append((unit.id, unit.name, unit.level, len(mine),
                         *(counts.get(k, 0) for k in kinds), sum(counts.values()),
                         min(dates) if dates else None))
    summary = Table(name=_t(data, "Tổng hợp theo đơn vị", "Summary by unit"),
                    title=_t(data, f"Tổng hợp đăng ký theo đơn vị năm {data.year}",
                             f"Registrations by unit {data.year}"),
                    columns=sum_cols, rows=sum_rows, lang=data.lang)
    return (main, summary)


def _evidence_text(evidence: dict[str, object]) -> str:
    if not evidence:
        return ""
    return json.dumps(evidence, ensure_ascii=False, sort_keys=True, default=str)


def _finding_tables(data: ExportData) -> tuple[Table, ...]:
    cols = (
        _c("severity", "Mức độ", "Severity"),
        _c("rule", "Quy tắc", "Rule"),
        _c("clause", "Điều khoản", "Clause"),
        _c("unit_id", "Mã đơn vị", "Unit id"),
        _c("unit", "Đơn vị", "Unit"),
        _c("subject", "Đối tượng", "Subject"),
        _c("subject_name", "Tên đối tượng", "Subject name"),
        _c("message", "Nội dung", "Message"),
        _c("message_other", "Nội dung (tiếng Anh)", "Message (Vietnamese)"),
        _c("evidence", "Căn cứ dữ liệu", "Evidence"),
        _c("document", "Văn bản", "Document"),
    )
    findings = data.findings()
    rows: list[tuple[CellValue, ...]] = []
    for f in findings:
        unit = data.subject_unit(f.subject)
        sev = (templates().label("severity", f.severity.value) if data.lang == "vi"
               else f.severity.value)
        msg, msg_other = ((f.message_vi, f.message_en) if data.lang == "vi"
                          else (f.message_en, f.message_vi))
        rows.append((sev, f.rule, f.clause, unit.id if unit else "", unit.name if unit else "",
                     f.subject, data.subject_name(f.subject), msg, msg_other,
                     _evidence_text(dict(f.evidence)), f.document))
    main = Table(name=_t(data, "Kết quả kiểm tra", "Findings"),
                 title=_t(data, f"Kết quả kiểm tra năm {data.year}", f"Findings {data.year}"),
                 columns=cols, rows=rows, lang=data.lang)
    sevs = tuple(Severity)
    sum_cols = (
        _c("unit_id", "Mã đơn vị", "Unit id"),
        _c("unit", "Đơn vị", "Unit"),
        _c("level", "Cấp", "Level"),
        *(_c(f"severity_{s.value}", templates().label("severity", s.value), s.value,
             ColumnType.INT) for s in sevs),
        _c("total", "Tổng số", "Total", ColumnType.INT),
    )
    by_unit: dict[str, Counter[Severity]] = {}
    plan_wide: Counter[Severity] = Counter()
    for f in findings:
        unit = data.subject_unit(f.subject)
        if unit is None:
            plan_wide[f.severity] += 1
        else:
            by_unit.setdefault(unit.id, Counter())[f.severity] += 1
    sum_rows: list[tuple[CellValue, ...]] = []
    for u in data.units_in_order():
        cnt = by_unit.get(u.id, Counter())
        sum_rows.append((u.id, u.name, u.level, *(cnt.get(s, 0) for s in sevs),
                         sum(cnt.values())))
    if plan_wide:
        sum_rows.append(("", _t(data, "(Toàn kế hoạch)", "(Plan-wide)"), "",
                         *(plan_wide.get(s, 0) for s in sevs), sum(plan_wide.values())))
    summary = Table(name=_t(data, "Tổng hợp theo đơn vị", "Summary by unit"),
                    title=_t(data, f"Tổng hợp kết quả kiểm tra theo đơn vị năm {data.year}",
                             f"Findings by unit {data.year}"),
                    columns=sum_cols, rows=sum_rows, lang=data.lang)
    return (main, summary)


def _obligation_tables(data: ExportData) -> tuple[Table, ...]:
    cols = (
        _c("due", "Hạn", "Due", ColumnType.DATE),
        _c("nominal", "Hạn theo văn bản", "Nominal date", ColumnType.DATE),
        _c("obligation", "Mã nghĩa vụ", "Obligation id"),
        _c("title", "Nội dung", "What"),
        _c("unit_id", "Mã đơn vị", "Unit id"),
        _c("unit", "Đơn vị thực hiện", "Unit"),
        _c("recipient", "Nơi nhận", "Recipient"),
        _c("status", "Tình trạng", "Status"),
        _c("clause", "Điều khoản", "Clause"),
        _c("note", "Ghi chú", "Note"),
    )
    rows: list[tuple[CellValue, ...]] = []
    for item in data.due_items():
        rows.append((item.due, item.nominal, item.id,
                     item.title_vi if data.lang == "vi" else item.title_en,
                     item.unit or "", data.unit_name(item.unit), data.unit_name(item.recipient),
                     item.status, item.clause,
                     item.note_vi if data.lang == "vi" else item.note_en))
    main = Table(name=_t(data, "Hạn và nghĩa vụ", "Deadlines"),
                 title=_t(data, f"Hạn và nghĩa vụ năm {data.year}",
                          f"Deadlines and obligations {data.year}"),
                 columns=cols, rows=rows, lang=data.lang)
    return (main,)


def _ladder_tables(data: ExportData) -> tuple[Table, ...]:
    from thidua.export.ladder_tables import tables  # the award ladder's views

    return tables(data)


_VIEWS: dict[ExportKind, Callable[[ExportData], tuple[Table, ...]]] = {
    ExportKind.REGISTRATIONS: _registration_tables,
    ExportKind.FINDINGS: _finding_tables,
    ExportKind.OBLIGATIONS: _obligation_tables,
    ExportKind.ELIGIBILITY: _ladder_tables,
    ExportKind.BUDGET: _ladder_tables,
}


def tables_for(data: ExportData) -> tuple[Table, ...]:
    """The tables of ``data.what``: the main view first, then summaries."""
    view = _VIEWS.get(data.what)
    if view is None:
        raise ExportError(f"no table view of {data.what.value!r} yet; export it as json")
    return view(data)
