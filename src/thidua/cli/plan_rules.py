"""CLI command group: the plan's rules.

* ``thidua check DOSSIER [--year Y] [--as-of D] [--trace]`` (or ``--example``) runs
  every rule of the plan in force and prints the findings grouped by unit, with a
  summary line. Text output shows errors and warnings (``--severity info`` adds the
  information lines, which the summary always counts); JSON output has every finding.
  Exit code: 0 when the check ran — findings are its result, not a failure — unless
  ``--fail-on error`` (or ``warning``) asks for 1 when a finding of that severity or
  worse exists, as a CI gate would; 2 for bad input.
* ``thidua calendar YEAR [--plan P]`` prints the plan's dated deadlines of the year with
  their working-day adjustment and the reason for each shift.
* ``thidua obligations DOSSIER --year Y [--as-of D]`` prints the year's schedule of
  obligations for every unit with its status (done, late, missing, not yet due,
  tracked only). Exit code 0 (it is a schedule, not a judgement), 2 for bad input.

Every command takes ``--format text|json`` and ``--lang vi|en`` (Vietnamese by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from thidua.cli.base import CliCommand, CommandContext, add_dossier_argument, dossier_from_args
from thidua.errors import ThiduaError

if TYPE_CHECKING:
    from thidua.calendar import Deadline
    from thidua.model.dossier import Dossier
    from thidua.model.findings import Citation, Finding
    from thidua.model.units import Unit
    from thidua.plan import Plan
    from thidua.rules.engine import Engine, Report
    from thidua.rules.obligations import ScheduleItem

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_ERRORS", "EXIT_OK"]

EXIT_OK = 0
"""The command ran (and, with ``--fail-on``, no finding reached that severity)."""
EXIT_ERRORS = 1
"""``thidua check --fail-on S`` found at least one finding of severity S or worse."""
EXIT_BAD_INPUT = 2
"""Bad input (the CLI's convention for every :class:`~thidua.errors.ThiduaError`)."""

_SEVERITY = {"vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"},
             "en": {"error": "Error", "warning": "Warning", "info": "Info"}}
_MARK = {"error": "✗", "warning": "!", "info": "·"}
_STATUS = {
    "vi": {"done": "đã thực hiện", "late": "trễ hạn", "missing": "chưa thực hiện (quá hạn)",
           "not_yet_due": "chưa đến hạn", "tracked": "chỉ theo dõi"},
    "en": {"done": "done", "late": "late", "missing": "missing", "not_yet_due": "not yet due",
           "tracked": "tracked only"},
}
_FREQ = {"vi": {"yearly": "hằng năm", "once": "một lần", "ongoing": "thường xuyên"},
         "en": {"yearly": "yearly", "once": "once", "ongoing": "ongoing"}}
_WEEKDAY = {"vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def _t(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


def _date(day: dt.date | None, lang: str) -> str:
    from thidua.rules.sections import fmt_date

    return fmt_date(day, lang)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD)") \
            from None


def _parse_year(text: str) -> int:
    from thidua.model.base import is_year

    if not text.isdigit() or not is_year(int(text)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (expected e.g. 2024)")
    return int(text)


def _dossier_arguments(p: argparse.ArgumentParser, *, year_required: bool = False) -> None:
    from thidua.cli.main import add_output_options

    add_dossier_argument(p)
    p.add_argument("--year", type=_parse_year, required=year_required,
                   help="the registration year to judge"
                        + ("" if year_required else
                           " (default: the year of --as-of, else the dossier's last year)"))
    p.add_argument("--as-of", type=_parse_date, metavar="DATE", dest="as_of",
                   help="judge as of this day (YYYY-MM-DD): later deadlines are not yet due; "
                        "default: the year is closed")
    add_output_options(p)


def _year(args: argparse.Namespace, dossier: Dossier) -> int:
    if args.year is not None:
        year: int = args.year
        return year
    if args.as_of is not None:
        as_of: dt.date = args.as_of
        return as_of.year
    years = dossier.years()
    return years[-1] if years else dt.date.today().year


def _dump(ctx: CommandContext, doc: Any) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2), file=ctx.out)


def _plan_line(plan: Plan | None, lang: str) -> str:
    if plan is None:
        return _t(lang, "Kế hoạch: không có kế hoạch nào có hiệu lực",
                  "Plan: none in force")
    name = plan.name_vi if lang == "vi" else plan.name_en
    return _t(lang, f"Kế hoạch: {name} ({plan.id})", f"Plan: {name} ({plan.id})")


# -- thidua check ---------------------------------------------------------------------

def _configure_check(p: argparse.ArgumentParser) -> None:
    _dossier_arguments(p)
    p.add_argument("--severity", choices=("info", "warning", "error"), default=None,
                   help="show only findings of this severity or worse (default: warning for "
                        "text, info (all) for json); the summary line counts every finding")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="never",
                   help="exit 1 when a finding of this severity or worse exists (for CI "
                        "gates; default: never — exit 0 whenever the check ran)")
    p.add_argument("--trace", action="store_true",
                   help="also show the plan, plugins, parameter values (with citation and "
                        "the date each took effect) and rules used")


def _group_findings(dossier: Dossier,
                    findings: Iterable[Finding]) -> list[tuple[Unit | None, list[Finding]]]:
    """Findings grouped by unit in dossier order; plan-wide ones first."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        unit = dossier.unit_of(f.subject)
        groups.setdefault(unit.id if unit is not None else None, []).append(f)
    order = [None, *(u.id for u in dossier.units)]
    out: list[tuple[Unit | None, list[Finding]]] = []
    for key in order:
        if key in groups:
            fs = sorted(groups[key], key=lambda f: (-f.severity.rank, f.sort_key()))
            out.append((dossier.units_by_id[key] if key is not None else None, fs))
    return out


def _summary(report: Report, lang: str) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity.value == s)
              for s in ("error", "warning", "info")}
    if lang == "vi":
        verdict = "không có lỗi" if counts["error"] == 0 else "có lỗi cần xử lý"
        return (f"Tổng cộng: {counts['error']} lỗi, {counts['warning']} cảnh báo, "
                f"{counts['info']} thông tin — {verdict}.")
    verdict = "no errors" if counts["error"] == 0 else "errors to fix"
    return (f"Total: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} info — {verdict}.")


def _print_trace(ctx: CommandContext, report: Report, plan: Plan | None, lang: str) -> None:
    tr = report.trace
    if tr is None:
        return
    plan_doc = plan.document if plan is not None else ""
    out = ctx.out
    print("", file=out)
    print(_t(lang, "Truy vết:", "Trace:"), file=out)
    print(f"  {_t(lang, 'Kế hoạch', 'Plan')}: {tr.plan or '—'}"
          f" ({_t(lang, 'nguồn', 'source')}: {tr.plan_source or '—'})", file=out)
    plugins = ", ".join(f"{p.name} {p.version}".strip() for p in tr.plugins) or "—"
    print(f"  Plugins: {plugins}", file=out)
    if tr.parameters:
        print(f"  {_t(lang, 'Tham số', 'Parameters')}:", file=out)
    for v in tr.parameters:
        since = (_t(lang, f"riêng năm {v.exception_year}", f"for {v.exception_year} only")
                 if v.exception_year is not None
                 else _t(lang, f"từ {_date(v.effective_from, lang)}",
                         f"from {_date(v.effective_from, lang)}"))
        cite = (v.citation.clause if v.citation.document in ("", plan_doc)
                else _citation(v.citation))
        print(f"    {v.parameter} = {_value_text(v.value)}  [{cite}] {since}; "
              f"{v.status.value}; {_t(lang, 'nguồn', 'source')}: {v.source}", file=out)
    if tr.rules:
        print(f"  {_t(lang, 'Quy tắc', 'Rules')}:", file=out)
    for r in tr.rules:
        print(f"    {r.id} ({r.source})", file=out)


def _value_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _run_check(ctx: CommandContext) -> int:
    from thidua.model.findings import Severity
    from thidua.serialization import finding_to_dict, report_to_dict

    args = ctx.args
    dossier, name = dossier_from_args(ctx.args)
    year = _year(args, dossier)
    engine = ctx.host.engine()
    report = engine.evaluate(dossier, year, as_of=args.as_of, trace=args.trace)
    code = EXIT_OK
    if args.fail_on != "never":
        gate = Severity(args.fail_on).rank
        if any(f.severity.rank >= gate for f in report.findings):
            code = EXIT_ERRORS
    default_floor = "info" if args.format == "json" else "warning"
    floor = Severity(args.severity or default_floor).rank
    shown = [f for f in report.findings if f.severity.rank >= floor]
    if args.format == "json":
        doc = report_to_dict(report, trace=args.trace)
        if len(shown) != len(report.findings):
            doc["findings"] = [finding_to_dict(f) for f in shown]
        _dump(ctx, doc)
        return code
    lang = args.lang
    plan = engine.plans.get(report.plan) if report.plan else None
    out = ctx.out
    print(_plan_line(plan, lang), file=out)
    when = (_t(lang, f", tính đến ngày {_date(args.as_of, lang)}",
               f", as of {_date(args.as_of, lang)}") if args.as_of else "")
    print(_t(lang, f"Hồ sơ: {name} — năm {year}{when}", f"Dossier: {name} — year {year}{when}"),
          file=out)
    for unit, findings in _group_findings(dossier, shown):
        print("", file=out)
        title = (f"{unit.name} ({unit.id})" if unit is not None
                 else _t(lang, "Toàn kế hoạch", "Plan-wide"))
        print(title, file=out)
        for f in findings:
            sev = _SEVERITY[lang][f.severity.value]
            cite = f"{f.clause}, {f.document}" if f.document else f.clause
            msg = f.message_vi if lang == "vi" else f.message_en
            print(f"  {_MARK[f.severity.value]} {sev} [{cite}] {msg} ({f.rule})", file=out)
    print("", file=out)
    print(_summary(report, lang), file=out)
    hidden = len(report.findings) - len(shown)
    if hidden:
        print(_t(lang, f"({hidden} dòng không hiện; xem tất cả với --severity info)",
                 f"({hidden} lines not shown; see them all with --severity info)"), file=out)
    if args.trace:
        _print_trace(ctx, report, plan, lang)
    return code


# -- thidua calendar ------------------------------------------------------------------

def _configure_calendar(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    p.add_argument("year", metavar="YEAR", type=_parse_year, help="the year, e.g. 2024")
    p.add_argument("--plan", metavar="PLAN",
                   help="plan id (default: the one plan in force for YEAR)")
    add_output_options(p)


def _pick_plan(engine: Engine, plan_id: str | None, year: int) -> Plan | None:
    if plan_id is not None:
        engine.plan(plan_id)  # unknown plan: a PlanError listing the known ones
        return engine.plan_for(plan_id, year)
    in_force = sorted((p for p in engine.plans.values() if p.in_force(year)),
                      key=lambda p: p.id)
    if len(in_force) == 1:
        return in_force[0]
    if not in_force:
        return None
    raise ThiduaError(f"several plans are in force for {year}: "
                      + ", ".join(p.id for p in in_force) + "; choose one with --plan")


def _shift_text(d: Deadline, lang: str) -> str:
    return "; ".join(f"{s.date.strftime('%d/%m') if lang == 'vi' else s.date.isoformat()} "
                     f"{s.reason_vi if lang == 'vi' else s.reason_en}"
                     for s in d.shifted_over)


def _calendar_rows(plan: Plan, engine: Engine, year: int) -> list[dict[str, Any]]:
    from thidua.rules.deadlines import DeadlineKind, deadline_specs

    params = plan.parameters.for_year(year)
    rows = []
    for spec in deadline_specs(plan):
        d = spec.resolve(params, engine.calendar, year)
        if d is None:
            continue
        rv = params[spec.parameter]
        rows.append({
            "id": spec.id, "kind": spec.kind.value, "name_vi": spec.name_vi,
            "name_en": spec.name_en, "parameter": spec.parameter,
            "nominal": d.nominal.isoformat(), "last_day": d.last_day.isoformat(),
            "due": d.due.isoformat(), "shifted": d.shifted,
            "roll": d.roll.value if spec.kind is DeadlineKind.DEADLINE else None,
            "inclusive": d.inclusive if spec.kind is DeadlineKind.DEADLINE else None,
            "exception_year": d.exception_year,
            "clause": rv.citation.clause, "document": rv.citation.document,
            "status": rv.status.value,
            "shifted_over": [{"date": s.date.isoformat(), "reason_vi": s.reason_vi,
                              "reason_en": s.reason_en} for s in d.shifted_over],
            "_deadline": d,
        })
    rows.sort(key=lambda r: str(r["due"]))  # stable: plan order on the same day
    return rows


def _reading_line(plan: Plan, year: int, lang: str) -> str | None:
    from thidua.rules.deadlines import DEADLINE_INCLUSIVE, DEADLINE_ROLL

    params = plan.parameters.for_year(year)
    if DEADLINE_ROLL not in params or DEADLINE_INCLUSIVE not in params:
        return None
    roll, inclusive = params[DEADLINE_ROLL], params[DEADLINE_INCLUSIVE]
    roll_vi = {"next_working_day": "dời sang ngày làm việc tiếp theo",
               "previous_working_day": "dời về ngày làm việc liền trước",
               "none": "không dời"}.get(str(roll.value), str(roll.value))
    roll_en = {"next_working_day": "moves to the next working day",
               "previous_working_day": "moves back to the previous working day",
               "none": "is not moved"}.get(str(roll.value), str(roll.value))
    if lang == "vi":
        before = "tính cả ngày đó" if inclusive.value else "không tính ngày đó"
        return (f"Cách tính: \"trước ngày\" {before} ({DEADLINE_INCLUSIVE}); hạn rơi vào ngày "
                f"nghỉ thì {roll_vi} ({DEADLINE_ROLL}: {_citation(roll.citation)}).")
    before = "includes the day" if inclusive.value else "excludes the day"
    return (f"Reading: \"before the day\" {before} ({DEADLINE_INCLUSIVE}); a deadline on a "
            f"day off {roll_en} ({DEADLINE_ROLL}: {_citation(roll.citation)}).")


def _citation(c: Citation) -> str:
    return f"{c.clause}, {c.document}" if c.document else c.clause


def _run_calendar(ctx: CommandContext) -> int:
    args = ctx.args
    lang, year = args.lang, args.year
    engine = ctx.host.engine()
    plan = _pick_plan(engine, args.plan, year)
    if plan is None:
        what = f"plan {args.plan}" if args.plan else "any installed plan"
        if args.format == "json":
            _dump(ctx, {"format": "thidua.calendar/1", "plan": None, "year": year,
                        "deadlines": [], "message_en": f"no plan in force for {year} "
                                                       f"({what})"})
            return EXIT_OK
        print(_t(lang, f"Không có kế hoạch nào có hiệu lực cho năm {year}.",
                 f"No plan in force for {year} ({what})."), file=ctx.out)
        return EXIT_OK
    rows = _calendar_rows(plan, engine, year)
    if args.format == "json":
        _dump(ctx, {"format": "thidua.calendar/1", "plan": plan.id, "year": year,
                    "deadlines": [{k: v for k, v in r.items() if not k.startswith("_")}
                                  for r in rows]})
        return EXIT_OK
    out = ctx.out
    print(_t(lang, f"Các mốc thời hạn năm {year}", f"Deadlines of {year}"), file=out)
    print(_plan_line(plan, lang), file=out)
    reading = _reading_line(plan, year, lang)
    if reading:
        print(reading, file=out)
    for r in rows:
        d: Deadline = r["_deadline"]
        print("", file=out)
        wd = _WEEKDAY[lang][d.due.weekday()]
        head = (f"{_date(d.nominal, lang)} → {_date(d.due, lang)} ({wd})" if d.shifted
                else f"{_date(d.due, lang)} ({wd})")
        name = r["name_vi"] if lang == "vi" else r["name_en"]
        print(f"{head}  {name} [{r['clause']}]", file=out)
        notes = []
        if d.exception_year is not None:
            notes.append(_t(lang, f"ngày riêng của năm {d.exception_year}",
                            f"a date for {d.exception_year} only"))
        if r["kind"] == "occasion":
            notes.append(_t(lang, "ngày kỷ niệm: không dời", "an occasion: never moved"))
        elif not d.inclusive:
            notes.append(_t(lang, f"đọc \"trước ngày\" không tính ngày đó: hạn cuối "
                                  f"{_date(d.last_day, lang)}",
                            f"\"before\" read strictly: last day {_date(d.last_day, lang)}"))
        if d.shifted:
            notes.append(_t(lang, f"dời vì: {_shift_text(d, lang)}",
                            f"moved over: {_shift_text(d, lang)}"))
        elif r["kind"] != "occasion":
            notes.append(_t(lang, "ngày làm việc, không dời", "a working day, not moved"))
        for n in notes:
            print(f"    {n}", file=out)
    return EXIT_OK


# -- thidua obligations -----------------------------------------------------------------

def _configure_obligations(p: argparse.ArgumentParser) -> None:
    _dossier_arguments(p, year_required=True)


def _item_to_dict(item: ScheduleItem) -> dict[str, Any]:
    ob, t, d = item.obligation, item.timeliness, item.deadline
    return {
        "obligation": ob.id,
        "unit": item.unit.id if item.unit else None,
        "unit_name": item.unit.name if item.unit else None,
        "actor_role": item.actor_role,
        "recipient": item.recipient.id if item.recipient else None,
        "recipient_role": item.recipient_role,
        "action_vi": item.action_vi,
        "action_en": item.action_en,
        "clause": ob.clause,
        "check": "C" if item.checkable else "T",
        "frequency": ob.frequency.value,
        "nominal": d.nominal.isoformat() if d else None,
        "due": d.due.isoformat() if d else None,
        "status": item.status.value,
        "evidence": item.evidence,
        "days_late": t.days_late if t else 0,
        "working_days_late": t.working_days_late if t else 0,
    }


def _group_items(dossier: Dossier, items: Sequence[ScheduleItem]
                 ) -> list[tuple[Unit | None, list[ScheduleItem]]]:
    groups: dict[str | None, list[ScheduleItem]] = {}
    for it in items:
        groups.setdefault(it.unit.id if it.unit else None, []).append(it)
    order = [None, *(u.id for u in dossier.units)]
    return [(dossier.units_by_id[k] if k is not None else None, groups[k])
            for k in order if k in groups]


def _item_line(item: ScheduleItem, plan: Plan, lang: str) -> str:
    ob, d, t = item.obligation, item.deadline, item.timeliness
    when = _date(d.due, lang) if d is not None else _FREQ[lang][ob.frequency.value]
    action = item.action_vi if lang == "vi" else item.action_en
    if item.recipient is not None:
        action += f" → {item.recipient.name}"
    status = _STATUS[lang][item.status.value]
    if t is not None and t.days_late:
        status += _t(lang, f" {t.days_late} ngày ({t.working_days_late} ngày làm việc)",
                     f" by {t.days_late} days ({t.working_days_late} working days)")
    if item.evidence:
        status += f" — {item.evidence}"
    if item.unit is None and item.actor_role is not None:
        role = plan.role(item.actor_role)
        status += _t(lang, f" — hồ sơ không có đơn vị nào là {role.name_vi}",
                     f" — no unit of the dossier is the {role.name_en}")
    return f"  {when:<12} {action} [{ob.clause}] — {status}"


def _run_obligations(ctx: CommandContext) -> int:
    from thidua.rules.obligations import schedule

    args = ctx.args
    dossier, name = dossier_from_args(ctx.args)
    year: int = args.year
    engine = ctx.host.engine()
    rctx = engine.context(dossier, year, as_of=args.as_of)
    lang = args.lang
    if rctx is None:
        f = engine.no_plan_finding(dossier, year)
        if args.format == "json":
            from thidua.serialization import finding_to_dict

            _dump(ctx, {"format": "thidua.obligations/1", "plan": None, "year": year,
                        "items": [], "findings": [finding_to_dict(f)]})
        else:
            print(f.message_vi if lang == "vi" else f.message_en, file=ctx.out)
        return EXIT_OK
    items = schedule(rctx)
    if args.format == "json":
        _dump(ctx, {"format": "thidua.obligations/1", "plan": rctx.plan.id, "year": year,
                    "as_of": args.as_of.isoformat() if args.as_of else None,
                    "items": [_item_to_dict(i) for i in items]})
        return EXIT_OK
    out = ctx.out
    when = (_t(lang, f", tính đến ngày {_date(args.as_of, lang)}",
               f", as of {_date(args.as_of, lang)}") if args.as_of else "")
    print(_t(lang, f"Nghĩa vụ báo cáo năm {year}{when}",
             f"Reporting obligations of {year}{when}"), file=out)
    print(_plan_line(rctx.plan, lang), file=out)
    print(_t(lang, f"Hồ sơ: {name}", f"Dossier: {name}"), file=out)
    for unit, rows in _group_items(dossier, items):
        print("", file=out)
        print(f"{unit.name} ({unit.id})" if unit else _t(lang, "Toàn kế hoạch", "Plan-wide"),
              file=out)
        for it in rows:
            print(_item_line(it, rctx.plan, lang), file=out)
    counts = {s: sum(1 for i in items if i.status.value == s) for s in _STATUS["en"]}
    print("", file=out)
    parts = ", ".join(f"{counts[s]} {_STATUS[lang][s]}" for s in _STATUS["en"])
    print(_t(lang, f"Tổng cộng: {len(items)} nghĩa vụ — {parts}.",
             f"Total: {len(items)} obligations — {parts}."), file=out)
    return EXIT_OK


COMMANDS: list[CliCommand] = [
    CliCommand(name="check",
               help="run every rule of the plan on a dossier for a year and report the findings",
               configure=_configure_check, run=_run_check),
    CliCommand(name="calendar",
               help="the plan's deadlines of a year, moved to working days, with reasons",
               configure=_configure_calendar, run=_run_calendar),
    CliCommand(name="obligations",
               help="the year's reporting obligations of every unit, with their status",
               configure=_configure_obligations, run=_run_obligations),
]
"""The subcommands of this group."""
