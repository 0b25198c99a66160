"""Tabular views of the award ladder's results (eligibility and roadmaps, budget), for
every table format (CSV, Excel …).

The results come from :func:`thidua.export.sources.results` as the ladder's own typed
objects; this module only lays them out: eligibility then roadmaps, or budget lines
then the totals per paying fund.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.errors import ExportError
from thidua.export.base import ExportKind
from thidua.export.tables import CellValue, Column, ColumnType, Table

if TYPE_CHECKING:
    from thidua.export.data import ExportData

__all__ = ["tables"]

_VERDICT = {"eligible": "Đủ điều kiện", "not_eligible": "Chưa đủ điều kiện",
            "unconfirmed": "Đáp ứng, văn bản chưa xác nhận", "unknown": "Chưa xét được",
            "not_applicable": "Không áp dụng"}


def _c(key: str, vi: str, en: str, typ: ColumnType = ColumnType.TEXT) -> Column:
    return Column(key=key, header_vi=vi, header_en=en, type=typ)


def _eligibility(data: ExportData) -> tuple[Table, ...]:
    from thidua.rules.ladder import EligibilityResult, Roadmap
    from thidua.rules.ladder.criteria import grade_text

    vi = data.lang == "vi"
    cols = (
        _c("subject", "Mã", "Id"), _c("name", "Tên", "Name"), _c("unit", "Đơn vị", "Unit"),
        _c("year", "Năm đề nghị", "Proposal year", ColumnType.INT),
        _c("award", "Mã khen thưởng", "Award id"), _c("award_name", "Khen thưởng", "Award"),
        _c("verdict", "Kết quả", "Verdict"), _c("eligible", "Đủ điều kiện", "Eligible",
                                                ColumnType.BOOL),
        _c("clause", "Căn cứ", "Clause"), _c("missing", "Còn thiếu", "Missing"),
        _c("unconfirmed", "Điều kiện chưa xác nhận", "Unconfirmed conditions"),
    )
    rows: list[tuple[CellValue, ...]] = []
    roadmaps: list[Roadmap] = []
    for r in data.results:
        if isinstance(r, Roadmap):
            roadmaps.append(r)
            continue
        if not isinstance(r, EligibilityResult):
            raise ExportError(f"unexpected eligibility result {type(r).__name__}")
        unit = data.subject_unit(r.subject)
        rows.append((
            r.subject, data.subject_name(r.subject), unit.name if unit else "", r.year,
            r.award, r.name_vi if vi else r.name_en,
            _VERDICT[r.verdict.value] if vi else r.verdict.value, r.eligible, r.clause,
            "; ".join(f"{c.missing_vi if vi else c.missing_en} ({c.clause})" for c in r.unmet),
            "; ".join(f"{c.requirement_vi if vi else c.requirement_en} ({c.clause})"
                      for c in r.unconfirmed)))
    main = Table(name="Điều kiện khen thưởng" if vi else "Eligibility",
                 title=(f"Điều kiện đề nghị khen thưởng cho năm {data.year}" if vi
                        else f"Award eligibility for {data.year}"),
                 columns=cols, rows=rows, lang=data.lang)
    road_cols = (
        _c("subject", "Mã", "Id"), _c("name", "Tên", "Name"),
        _c("target", "Khen thưởng hướng tới", "Target award"),
        _c("reachable", "Đạt được", "Reachable", ColumnType.BOOL),
        _c("year", "Năm đề nghị sớm nhất", "Earliest proposal year", ColumnType.INT),
        _c("steps", "Các bước", "Steps"), _c("reason", "Lý do", "Reason"),
    )
    road_rows: list[tuple[CellValue, ...]] = []
    names = {}
    for rm in roadmaps:
        steps = []
        for s in rm.steps:
            parts = []
            if s.assessment is not None:
                g = grade_text(s.assessment)
                parts.append(g.vi if vi else g.en)
            parts += list(s.titles)
            if s.initiatives:
                parts.append(f"{s.initiatives} " + ("sáng kiến" if vi else "initiative(s)")
                             + f" ({s.initiative_scope})")
            parts += [("đề nghị " if vi else "propose ") + p for p in s.proposals]
            steps.append(f"{s.year}: " + ", ".join(parts))
        names[rm.target] = rm.name_vi if vi else rm.name_en
        road_rows.append((rm.subject, data.subject_name(rm.subject), names[rm.target],
                          rm.reachable, rm.year, "; ".join(steps),
                          rm.reason_vi if vi else rm.reason_en))
    roads = Table(name="Lộ trình" if vi else "Roadmaps",
                  title=(f"Lộ trình đạt khen thưởng cao hơn, từ năm {data.year + 1}" if vi
                         else f"Roadmaps to higher awards, from {data.year + 1}"),
                  columns=road_cols, rows=road_rows, lang=data.lang)
    return (main, roads)


def _budget(data: ExportData) -> tuple[Table, ...]:
    from thidua.rules.ladder import Budget

    vi = data.lang == "vi"
    budgets = [b for b in data.results if isinstance(b, Budget)]
    if len(budgets) != len(data.results):
        raise ExportError("unexpected budget results")
    cols = (
        _c("fund", "Quỹ chi trả", "Paying fund"), _c("subject", "Mã", "Id"),
        _c("name", "Tên", "Name"), _c("award", "Khen thưởng", "Award"),
        _c("decided_on", "Ngày quyết định", "Decision date", ColumnType.DATE),
        _c("proposed", "Đề nghị", "Proposed", ColumnType.BOOL),
        _c("coefficient", "Hệ số", "Coefficient"),
        _c("base_salary", "Mức lương cơ sở (đ)", "Base salary (VND)", ColumnType.INT),
        _c("amount", "Tiền thưởng (đ)", "Bonus (VND)", ColumnType.INT),
        _c("status", "Tình trạng căn cứ", "Status"), _c("clause", "Căn cứ", "Clause"),
        _c("problem", "Ghi chú", "Note"),
    )
    rows: list[tuple[CellValue, ...]] = []
    fund_rows: list[tuple[CellValue, ...]] = []
    for b in budgets:
        funds = {f.fund: f for f in b.funds}
        for ln in b.lines:
            a = ln.amount
            f = funds[ln.fund]
            rows.append((f.name_vi if vi else f.name_en, ln.subject, ln.subject_name,
                         ln.award_name_vi if vi else ln.award_name_en, ln.decided_on,
                         ln.proposed, str(a.coefficient) if a.coefficient is not None else "",
                         a.base_salary, a.amount, a.status.value,
                         f"{a.coefficient_clause}, {a.coefficient_document}".strip(", "),
                         a.problem_vi if vi else a.problem_en))
        for f in b.funds:
            fund_rows.append((f.fund, f.name_vi if vi else f.name_en, f.awards, f.total,
                              f.unknown, f.status.value))
    main = Table(name="Dự toán tiền thưởng" if vi else "Bonus estimate",
                 title=(f"Dự toán tiền thưởng năm {data.year}" if vi
                        else f"Bonus estimate {data.year}"),
                 columns=cols, rows=rows, lang=data.lang)
    fund_cols = (
        _c("fund_id", "Mã quỹ", "Fund id"), _c("fund", "Quỹ chi trả", "Paying fund"),
        _c("awards", "Số khen thưởng", "Awards", ColumnType.INT),
        _c("total", "Tổng tiền (đ)", "Total (VND)", ColumnType.INT),
        _c("unknown", "Chưa tính được", "Without amount", ColumnType.INT),
        _c("status", "Tình trạng căn cứ", "Status"),
    )
    summary = Table(name="Tổng hợp theo quỹ" if vi else "Totals by fund",
                    title=(f"Tổng hợp theo quỹ chi trả năm {data.year}" if vi
                           else f"Totals by paying fund {data.year}"),
                    columns=fund_cols, rows=fund_rows, lang=data.lang)
    return (main, summary)


def tables(data: ExportData) -> tuple[Table, ...]:
    """The tables of the ladder's results in ``data``: main view first."""
    if data.what is ExportKind.ELIGIBILITY:
        return _eligibility(data)
    if data.what is ExportKind.BUDGET:
        return _budget(data)
    raise ExportError(f"the award ladder has no table view of {data.what.value!r}")
