"""CLI command group: plugins and the parameters they supply.

* ``thidua plugins`` lists the loaded plugins, their version, what each contributes
  (plans, parameters, rule changes, exporters …) and any plugin problem met at load.
* ``thidua params [--plan P] [--year Y | --date D]`` prints a plan's parameters with
  their citation, status and supplying plugin: every dated value, or the values in
  force for a year or on a day.
* ``thidua params --diff [PLAN]`` prints what third-party plugins changed against the
  built-in values, each change with the plugin's cited decision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from thidua.cli.base import CliCommand, CommandContext
from thidua.errors import PlanError, ThiduaError

if TYPE_CHECKING:
    from thidua.parameters import DatedValue, Parameter, ResolvedValue
    from thidua.plan import Plan

__all__ = ["COMMANDS"]


def _show(value: object) -> str:
    """A parameter value as text (the same spelling as in parameter files)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _jsonable(value: object) -> Any:
    if isinstance(value, bool | int):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return _show(value)


# -- thidua plugins -------------------------------------------------------------------

def _configure_plugins(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    add_output_options(p)


def _run_plugins(ctx: CommandContext) -> int:
    host = ctx.host
    vi = ctx.args.lang == "vi"
    rows: list[dict[str, Any]] = [{"name": info.name, "version": info.version,
             "builtin": host.is_builtin(info.name),
             "hooks": list(host.hooks_of(info.name)),
             "contributes": list(info.contributes)}
            for info in host.plugin_infos()]
    if ctx.args.format == "json":
        doc = {"autoload": host.autoload, "strict": host.strict, "plugins": rows,
               "problems": list(host.problems)}
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    for r in rows:
        kind = ("tích hợp sẵn" if vi else "built-in") if r["builtin"] else r["version"]
        print(f"{r['name']} ({kind or '?'})", file=ctx.out)
        for c in r["contributes"] or [("(không đóng góp gì)" if vi else "(contributes nothing)")]:
            print(f"    {c}", file=ctx.out)
    if not host.autoload:
        print("Không tự nạp plugin đã cài (tự nạp đang tắt)." if vi
              else "Installed plugins were not autoloaded (autoload is off).", file=ctx.out)
    for problem in host.problems:
        print(f"{'vấn đề' if vi else 'problem'}: {problem}", file=ctx.out)
    return 0


# -- thidua params --------------------------------------------------------------------

def _configure_params(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    p.add_argument("--plan", metavar="PLAN", help="the plan (default: every plan)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--year", type=int, metavar="Y", help="the values for year Y")
    when.add_argument("--date", type=_date, metavar="D",
                      help="the values in force on day D (YYYY-MM-DD)")
    p.add_argument("--diff", nargs="?", const=True, default=None, metavar="PLAN",
                   help="show only what plugins changed against the built-in values")
    add_output_options(p)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") \
            from None


def _plans(ctx: CommandContext) -> list[Plan]:
    args = ctx.args
    chosen = args.diff if isinstance(args.diff, str) else args.plan
    if isinstance(args.diff, str) and args.plan and args.plan != args.diff:
        raise ThiduaError(f"--plan {args.plan} and --diff {args.diff} name different "
                          f"plans; give one")
    plans = ctx.host.plans
    if chosen is None:
        if not plans:
            raise PlanError("no plan is installed; is a plan plugin installed?")
        return [plans[k] for k in sorted(plans)]
    if chosen not in plans:
        raise PlanError(f"unknown plan {chosen!r}; known plans: "
                        + (", ".join(sorted(plans)) or "(none)"))
    return [plans[chosen]]


def _value_row(plan: Plan, param: Parameter, v: DatedValue) -> dict[str, Any]:
    citation = v.citation or param.citation
    return {"plan": plan.id, "parameter": param.id, "value": _jsonable(v.value),
            "unit": param.unit, "kind": param.kind.value,
            "effective_from": v.effective_from.isoformat() if v.effective_from else None,
            "exception_year": v.year, "status": (v.status or param.status).value,
            "clause": citation.clause, "document": citation.document,
            "source": v.source, "note": v.note}


def _resolved_row(plan: Plan, param: Parameter, r: ResolvedValue) -> dict[str, Any]:
    return {"plan": plan.id, "parameter": param.id, "value": _jsonable(r.value),
            "unit": r.unit, "kind": param.kind.value,
            "effective_from": r.effective_from.isoformat() if r.effective_from else None,
            "exception_year": r.exception_year, "status": r.status.value,
            "clause": r.citation.clause, "document": r.citation.document,
            "source": r.source}


def _line(row: dict[str, Any], vi: bool, plan: Plan, *, label: str = "") -> str:
    """One value: label, value and unit, status, citation (its document only when it is
    not the plan's), supplying plugin."""
    status = row["status"]
    if vi:
        status = {"verified": "đã kiểm chứng", "unconfirmed": "chưa kiểm chứng"}[status]
    other_doc = row["document"] and row["document"] != plan.document
    cite = row["clause"] + (f" — {row['document']}" if other_doc else "")
    head = f"{label}: " if label else ""
    return (f"{head}{row['value']} {row['unit']}  [{status}]  {cite}  "
            f"({'do' if vi else 'from'} {row['source']})")


def _plan_title(plan: Plan, vi: bool) -> str:
    name = plan.name_vi if vi else plan.name_en
    return f"{plan.id} — {name} ({plan.source})"


def _run_params(ctx: CommandContext) -> int:
    if ctx.args.diff is not None:
        return _run_diff(ctx)
    args = ctx.args
    vi = args.lang == "vi"
    rows: list[dict[str, Any]] = []
    text: list[str] = []
    for plan in _plans(ctx):
        text.append(_plan_title(plan, vi))
        if args.year is not None or args.date is not None:
            resolved = (plan.parameters.for_year(args.year) if args.year is not None
                        else plan.parameters.at(args.date))
            if not resolved:
                when = str(args.year) if args.year is not None else args.date.isoformat()
                text.append(f"    (không có giá trị nào cho {when})" if vi
                            else f"    (no value for {when})")
            for pid in sorted(resolved):
                row = _resolved_row(plan, plan.parameters[pid], resolved[pid])
                rows.append(row)
                text.append(f"    {pid} = " + _line(row, vi, plan))
            continue
        for pid in sorted(plan.parameters):
            param = plan.parameters[pid]
            text.append(f"    {pid} — {param.description}")
            for v in param.values:
                row = _value_row(plan, param, v)
                rows.append(row)
                text.append("        " + _line(row, vi, plan, label=_label(row, vi)))
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        print("\n".join(text), file=ctx.out)
    return 0


def _run_diff(ctx: CommandContext) -> int:
    args = ctx.args
    vi = args.lang == "vi"
    docs: list[dict[str, Any]] = []
    text: list[str] = []
    for plan in _plans(ctx):
        changes = ctx.host.parameter_changes(plan.id)
        text.append(_plan_title(plan, vi))
        if not changes:
            text.append("    Không plugin nào thay đổi giá trị tích hợp sẵn." if vi
                        else "    No plugin changed a built-in value.")
        for ch in changes:
            param = ch.parameter
            before = [_value_row(plan, param, v) for v in ch.before]
            after = [_value_row(plan, param, v) for v in ch.after]
            docs.append({"plan": plan.id, "parameter": param.id,
                         "plugins": list(ch.plugins), "against": ch.against,
                         "before": before, "after": after})
            text.append(f"    {param.id} — {param.description}")
            label_before = "trước" if vi else "before"
            if ch.against:
                label_before += (f" (kế hoạch {ch.against})" if vi
                                 else f" (plan {ch.against})")
            if not before:
                text.append(f"        {label_before}: "
                            + ("(tham số mới)" if vi else "(new parameter)"))
            text.extend(f"        {label_before}, " + _line(r, vi, plan, label=_label(r, vi))
                        for r in before)
            label_after = "sau" if vi else "after"
            text.extend(f"        {label_after}, " + _line(r, vi, plan, label=_label(r, vi))
                        for r in after)
    if args.format == "json":
        print(json.dumps(docs, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        print("\n".join(text), file=ctx.out)
    return 0


def _label(row: dict[str, Any], vi: bool) -> str:
    if row["exception_year"] is not None:
        return f"năm {row['exception_year']}" if vi else f"year {row['exception_year']}"
    return f"từ {row['effective_from']}" if vi else f"from {row['effective_from']}"


COMMANDS: list[CliCommand] = [
    CliCommand(name="plugins",
               help="list the loaded plugins, their version and what each contributes",
               configure=_configure_plugins, run=_run_plugins),
    CliCommand(name="params",
               help="print a plan's parameters with citation, status and supplying "
                    "plugin; --diff: what plugins changed",
               configure=_configure_params, run=_run_params),
]
"""The subcommands of this group."""
