"""CLI command group: the award ladder.

* ``thidua awards [--date D]`` prints the award catalogue in force on a day: names,
  recipients, authority, bonus coefficient and criteria with their citations.
* ``thidua ladder DOSSIER --subject ID [--year Y]`` prints, for one subject and a
  proposal year, every award with eligible or not and what is missing, with citations.
* ``thidua roadmap DOSSIER --subject ID --target AWARD [--start Y]`` prints the earliest
  year the subject can reach the award and the yearly steps, or why it cannot.
* ``thidua budget DOSSIER --year Y [--decided]`` prices the awards proposed for decision
  in a year and totals them per paying fund.

``--example`` replaces DOSSIER with the bundled example dossier. Every command takes
``--format text|json`` and ``--lang vi|en``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from thidua.cli.base import CliCommand, CommandContext, add_dossier_argument, dossier_from_args
from thidua.errors import ThiduaError
from thidua.model.base import MIN_YEAR

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.rules.ladder import (
        Budget,
        Criterion,
        EligibilityResult,
        Ladder,
        Roadmap,
    )

__all__ = ["COMMANDS"]

LADDER_FORMAT = "thidua.ladder/1"
"""Format tag of ``thidua ladder --format json``."""


# -- shared helpers -----------------------------------------------------------------

def _load(ctx: CommandContext) -> Dossier:
    return dossier_from_args(ctx.args)[0]


def _ladder(ctx: CommandContext) -> Ladder:
    from thidua.rules.ladder import Ladder

    return Ladder.from_host(ctx.host)


def _vi(ctx: CommandContext) -> bool:
    return bool(ctx.args.lang == "vi")


def _money(n: int | None, vi: bool) -> str:
    if n is None:
        return "?"
    text = f"{n:,}"
    return (text.replace(",", ".") + " đ") if vi else f"{text} VND"


def _decimal(d: Decimal | None, vi: bool) -> str:
    if d is None:
        return "?"
    text = f"{d.normalize():f}"
    return text.replace(".", ",") if vi else text


def _print_json(ctx: CommandContext, doc: Any) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2), file=ctx.out)


def _subject_year(dossier: Dossier, subject: str, year: int | None) -> int:
    if year is not None:
        return year
    years = [r.year for r in dossier.records_by_subject.get(subject, ())] or list(dossier.years())
    if not years:
        raise ThiduaError(f"{subject!r} has no records and the dossier has no years; give "
                          f"--year")
    return max(years)


_MARK = {"eligible": "✓", "not_eligible": "✗", "unconfirmed": "!", "unknown": "?",
         "not_applicable": "-"}


# -- thidua awards --------------------------------------------------------------------

def _configure_awards(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    p.add_argument("--date", type=dt.date.fromisoformat, metavar="D",
                   help="the day whose catalogue to show (YYYY-MM-DD; default: today)")
    add_output_options(p)


def _criterion_doc(c: Criterion, ladder: Ladder, year: int) -> dict[str, Any]:
    from thidua.rules.ladder.criteria import Text, kind_of
    from thidua.serialization import to_jsonable

    if c.composite:
        req = Text(c.label_vi, c.label_en)
    else:
        req = (Text(c.label_vi, c.label_en) if c.label_vi
               else kind_of(c).requirement(c, ladder.env, year))
    return {"id": c.id, "kind": c.kind, "clause": c.clause, "document": c.document,
            "status": c.status.value,
            "params": {k: to_jsonable(v) for k, v in c.params.items()},
            "requirement_vi": req.vi, "requirement_en": req.en,
            "children": [_criterion_doc(ch, ladder, year) for ch in c.children]}


def _run_awards(ctx: CommandContext) -> int:
    from thidua.rules.ladder import Recipient

    ladder = _ladder(ctx)
    day = ctx.args.date or dt.date.today()
    year = day.year
    while year > MIN_YEAR and ladder.judged_on(year) > day:
        year -= 1
    rows: list[dict[str, Any]] = []
    for a in ladder.catalogue.values():
        regime = a.regime_on(day)
        coeff = None
        if a.bonus is not None:
            try:
                v = ladder.catalogue.parameters[a.bonus].value_at(day)
            except ThiduaError:
                v = None
            if v is not None:
                coeff = {"value": str(v.value), "clause": v.citation.clause,
                         "document": v.citation.document, "status": v.status.value,
                         "effective_from": v.effective_from.isoformat()
                         if v.effective_from else None}
        auth = a.authority
        rows.append({
            "id": a.id, "name_vi": a.name.vi, "name_en": a.name.en,
            "category": a.category.value,
            "recipients": sorted(r.value for r in a.recipients), "rank": a.rank,
            "authority": None if auth is None else {
                "id": auth.id, "name_vi": auth.name_vi, "name_en": auth.name_en,
                "clause": auth.clause, "status": auth.status.value, "fund": auth.fund.id},
            "coefficient": coeff,
            "regime": None if regime is None else {
                "from": regime.effective_from.isoformat(), "document": regime.document,
                "clause": regime.clause, "note_vi": regime.note_vi,
                "note_en": regime.note_en,
                "criteria": {rec.value: (_criterion_doc(c, ladder, year)
                                         if (c := regime.criteria(rec)) is not None else None)
                             for rec in Recipient}},
            "source": ladder.catalogue.source_of(a.id),
        })
    if ctx.args.format == "json":
        _print_json(ctx, {"date": day.isoformat(), "proposal_year": year, "awards": rows})
        return 0
    vi = _vi(ctx)
    out = ctx.out
    print((f"Danh mục khen thưởng ngày {day.isoformat()} ({len(rows)} loại; tiêu chuẩn "
           f"viết cho đề nghị năm {year})") if vi else
          (f"Award catalogue on {day.isoformat()} ({len(rows)} awards; criteria shown for "
           f"a proposal for {year})"), file=out)
    cat_label = {"title": ("danh hiệu", "title"), "form": ("hình thức", "form")}
    rec_label = {"individual": ("cá nhân", "individual"), "collective": ("tập thể", "collective")}
    for r in rows:
        lang = 0 if vi else 1
        name = r["name_vi"] if vi else r["name_en"]
        recs = ", ".join(rec_label[x][lang] for x in r["recipients"])
        auth = r["authority"]
        who = (f"{auth['name_vi'] if vi else auth['name_en']} ({auth['clause']})"
               if auth else "?")
        c = r["coefficient"]
        if c is None:
            coeff_text = "hệ số: chưa rõ" if vi else "coefficient: unknown"
        else:
            unconf = (" [chưa xác nhận]" if vi else " [unconfirmed]") \
                if c["status"] == "unconfirmed" else ""
            coeff_text = (f"hệ số {_decimal(Decimal(c['value']), vi)} ({c['clause']}, "
                     f"{c['document']}){unconf}") if vi else \
                    (f"coefficient {c['value']} ({c['clause']}, {c['document']}){unconf}")
        print(f"\n[{cat_label[r['category']][lang]}] {name} ({r['id']}) — {recs}", file=out)
        print(f"    {'quyết định' if vi else 'decided by'}: {who}; {coeff_text}", file=out)
        reg = r["regime"]
        if reg is None:
            print("    " + ("chưa có tiêu chuẩn có hiệu lực" if vi else "no criteria in force"),
                  file=out)
            continue
        head = (f"tiêu chuẩn từ {reg['from']} ({reg['clause']}, {reg['document']})" if vi else
                f"criteria from {reg['from']} ({reg['clause']}, {reg['document']})")
        print(f"    {head}", file=out)
        shown = False
        for rec, tree in reg["criteria"].items():
            if tree is None:
                continue
            shown = True
            print(f"    {rec_label[rec][lang]}:", file=out)
            _print_tree(ctx, tree, 6, vi)
        if not shown:
            print("      " + ("không có tiêu chuẩn kiểm tra được từ dữ liệu" if vi
                             else "no criteria checkable from the data"), file=out)
        note = reg["note_vi"] if vi else reg["note_en"]
        if note:
            print(f"      ({note})", file=out)
    return 0


def _print_tree(ctx: CommandContext, node: dict[str, Any], indent: int, vi: bool) -> None:
    pad = " " * indent
    unconf = (" [chưa xác nhận]" if vi else " [unconfirmed]") \
        if node["status"] == "unconfirmed" else ""
    if node["children"]:
        word = {"all_of": ("tất cả các điều kiện", "all of"),
                "any_of": ("một trong các điều kiện", "one of")}[node["kind"]]
        print(f"{pad}{word[0] if vi else word[1]} ({node['clause']}){unconf}:", file=ctx.out)
        for ch in node["children"]:
            _print_tree(ctx, ch, indent + 2, vi)
        return
    req = node["requirement_vi"] if vi else node["requirement_en"]
    print(f"{pad}· {req} ({node['clause']}){unconf}", file=ctx.out)


# -- thidua ladder ----------------------------------------------------------------------

def _configure_ladder(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    add_dossier_argument(p)
    p.add_argument("--subject", required=True, metavar="ID", help="the exemplar's id")
    p.add_argument("--year", type=int, metavar="Y",
                   help="the proposal year: the last year whose results count "
                        "(default: the subject's latest record)")
    add_output_options(p)


def _run_ladder(ctx: CommandContext) -> int:
    from thidua.serialization import to_jsonable

    dossier = _load(ctx)
    ladder = _ladder(ctx)
    subject = ctx.args.subject
    history = ladder.history(dossier, subject)
    year = _subject_year(dossier, subject, ctx.args.year)
    results = ladder.ladder(history, year)
    ex = dossier.exemplars_by_id[subject]
    if ctx.args.format == "json":
        _print_json(ctx, {"format": LADDER_FORMAT, "subject": subject, "name": ex.name,
                          "recipient": history.recipient.value, "year": year,
                          "judged_on": ladder.judged_on(year).isoformat(),
                          "results": [to_jsonable(r) for r in results]})
        return 0
    vi = _vi(ctx)
    out = ctx.out
    kind = {"individual": ("cá nhân", "individual"),
            "collective": ("tập thể", "collective")}[history.recipient.value]
    print((f"{ex.name} ({subject}), {kind[0]} — đề nghị cho năm {year} (xét ngày "
           f"{ladder.judged_on(year).isoformat()})") if vi else
          (f"{ex.name} ({subject}), {kind[1]} — proposal for {year} (judged on "
           f"{ladder.judged_on(year).isoformat()})"), file=out)
    unknown: list[EligibilityResult] = []
    for r in results:
        if r.verdict.value == "unknown":
            unknown.append(r)
            continue
        _print_result(ctx, r, vi)
    if unknown:
        names = ", ".join((r.name_vi if vi else r.name_en) for r in unknown)
        print(("? Chưa xét được từ dữ liệu (tiêu chuẩn chưa được xác nhận hoặc do hội đồng "
               f"đánh giá): {names}") if vi else
              ("? Cannot be judged from the data (criteria unconfirmed, or judged by a "
               f"council): {names}"), file=out)
    return 0


def _print_result(ctx: CommandContext, r: EligibilityResult, vi: bool) -> None:
    out = ctx.out
    name = r.name_vi if vi else r.name_en
    word = {"eligible": ("đủ điều kiện", "eligible"),
            "not_eligible": ("chưa đủ điều kiện", "not eligible"),
            "unconfirmed": ("đáp ứng nhưng dựa trên văn bản chưa xác nhận",
                            "met, but on unconfirmed legal text"),
            "not_applicable": ("không áp dụng", "not applicable")}[r.verdict.value]
    print(f"{_MARK[r.verdict.value]} {name}: {word[0] if vi else word[1]} ({r.clause})",
          file=out)
    lines: list[str] = []
    for c in r.unmet:
        miss = c.missing_vi if vi else c.missing_en
        flag = (" [chưa xác nhận]" if vi else " [unconfirmed]") \
            if c.status.value == "unconfirmed" else ""
        line = f"    - {miss} ({c.clause}){flag}"
        if line not in lines:  # two criteria short of the same data say the same thing
            lines.append(line)
    for line in lines:
        print(line, file=out)
    if r.verdict.value == "unconfirmed":
        for c in r.unconfirmed:
            req = c.requirement_vi if vi else c.requirement_en
            print(f"    ! {req} ({c.clause})", file=out)


# -- thidua roadmap ----------------------------------------------------------------------

def _configure_roadmap(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    add_dossier_argument(p)
    p.add_argument("--subject", required=True, metavar="ID", help="the exemplar's id")
    p.add_argument("--target", required=True, metavar="AWARD",
                   help="the award to reach (an id of thidua awards)")
    p.add_argument("--start", type=int, metavar="Y",
                   help="the first year to plan (default: the year after the subject's "
                        "latest record)")
    p.add_argument("--horizon", type=int, metavar="N",
                   help="years to search ahead (default: parameter ladder.roadmap.horizon)")
    add_output_options(p)


def _step_text(step: Any, ladder: Ladder, vi: bool) -> str:
    from thidua.rules.ladder.criteria import grade_text, scope_text

    parts: list[str] = []
    if step.assessment is not None:
        g = grade_text(step.assessment)
        parts.append(g.vi if vi else g.en)
    if step.initiatives:
        scope = scope_text(step.initiative_scope)
        where = scope.vi if vi else scope.en
        parts.append(f"{step.initiatives} sáng kiến được công nhận ở {where}" if vi else
                     f"{step.initiatives} initiative(s) recognised at {where}")
    if step.members is not None:
        m = step.members
        parts.append((f"thành viên: {m.completed}/{m.total} hoàn thành nhiệm vụ, "
                      f"{m.lao_dong_tien_tien} Lao động tiên tiến, {m.chien_si_thi_dua_co_so} "
                      f"Chiến sĩ thi đua cơ sở") if vi else
                     (f"members: {m.completed}/{m.total} completed, {m.lao_dong_tien_tien} "
                      f"advanced workers, {m.chien_si_thi_dua_co_so} grassroots fighters"))
    names = ladder.catalogue.names()
    for t in step.titles:
        n = names[t]
        parts.append(f"đạt “{n.vi}”" if vi else f"earn “{n.en}”")
    for f in step.proposals:
        n = names[f]
        parts.append((f"đề nghị “{n.vi}” (dự kiến quyết định {step.decided_on})") if vi else
                     (f"propose “{n.en}” (assumed decided on {step.decided_on})"))
    if not parts:
        return "không có yêu cầu" if vi else "no requirement"
    return "; ".join(parts)


def _run_roadmap(ctx: CommandContext) -> int:
    from thidua.serialization import to_jsonable

    dossier = _load(ctx)
    ladder = _ladder(ctx)
    args = ctx.args
    if args.target not in ladder.catalogue:
        ladder.catalogue[args.target]  # raises the error listing known awards
    rm: Roadmap = ladder.roadmap(dossier, args.subject, args.target, start=args.start,
                                 horizon=args.horizon)
    if args.format == "json":
        _print_json(ctx, to_jsonable(rm))
        return 0
    vi = _vi(ctx)
    out = ctx.out
    ex = dossier.exemplars_by_id[args.subject]
    name = rm.name_vi if vi else rm.name_en
    if not rm.reachable:
        print((f"Lộ trình của {ex.name} ({rm.subject}) tới “{name}”: không đạt được. "
               f"{rm.reason_vi}") if vi else
              (f"Roadmap of {ex.name} ({rm.subject}) to “{name}”: unreachable. "
               f"{rm.reason_en}"), file=out)
        return 0
    unconf = ""
    if rm.verdict is not None and rm.verdict.value == "unconfirmed":
        unconf = (" — dựa trên điều kiện chưa được xác nhận, cần kiểm tra lại" if vi else
                  " — rests on unconfirmed conditions, to be checked")
    print((f"Lộ trình của {ex.name} ({rm.subject}) tới “{name}”: sớm nhất đề nghị cho năm "
           f"{rm.year} (xét ngày {rm.judged_on}){unconf}") if vi else
          (f"Roadmap of {ex.name} ({rm.subject}) to “{name}”: earliest proposal for "
           f"{rm.year} (judged on {rm.judged_on}){unconf}"), file=out)
    if not rm.steps:
        print("  " + ("đã đủ điều kiện với kết quả đã có" if vi
                      else "already eligible with the recorded results"), file=out)
    for step in rm.steps:
        print(f"  {step.year}: {_step_text(step, ladder, vi)}", file=out)
    return 0


# -- thidua budget -------------------------------------------------------------------------

def _configure_budget(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    add_dossier_argument(p)
    p.add_argument("--year", type=int, required=True, metavar="Y",
                   help="the year of the (planned) decisions")
    p.add_argument("--decided", action="store_true",
                   help="count the awards decided that year too, not only proposals")
    add_output_options(p)


def _run_budget(ctx: CommandContext) -> int:
    from thidua.serialization import to_jsonable

    dossier = _load(ctx)
    ladder = _ladder(ctx)
    b: Budget = ladder.budget(dossier, ctx.args.year, decided=ctx.args.decided)
    if ctx.args.format == "json":
        _print_json(ctx, to_jsonable(b))
        return 0
    vi = _vi(ctx)
    out = ctx.out
    what = ("các khen thưởng đề nghị và đã quyết định" if b.decided else
            "các khen thưởng đề nghị") if vi else \
        ("proposed and decided awards" if b.decided else "proposed awards")
    print((f"Dự toán tiền thưởng năm {b.year} ({what}); cấp ra quyết định chi từ quỹ thi đua, "
           f"khen thưởng của cấp mình ({b.clause}, {b.document})") if vi else
          (f"Bonus estimate for {b.year} ({what}); the deciding level pays from its own "
           f"emulation and commendation fund ({b.clause}, {b.document})"), file=out)
    if not b.lines:
        print("  " + ("không có khen thưởng nào" if vi else "no awards"), file=out)
        return 0
    for f in b.funds:
        unconf = (" [có giá trị chưa xác nhận]" if vi else " [rests on unconfirmed values]") \
            if f.status.value == "unconfirmed" else ""
        unknown = ((f", {f.unknown} khen thưởng chưa tính được" if vi else
                    f", {f.unknown} award(s) without an amount") if f.unknown else "")
        print(f"\n{f.name_vi if vi else f.name_en}: {f.awards} "
              f"{'khen thưởng' if vi else 'award(s)'}, {_money(f.total, vi)}{unknown}{unconf}",
              file=out)
        for ln in (x for x in b.lines if x.fund == f.fund):
            _print_line(ctx, ln, vi)
    print(f"\n{'Tổng cộng' if vi else 'Total'}: {_money(b.total, vi)}", file=out)
    return 0


def _print_line(ctx: CommandContext, ln: Any, vi: bool) -> None:
    a = ln.amount
    name = ln.award_name_vi if vi else ln.award_name_en
    when = ("dự kiến " if vi else "planned ") if ln.proposed else ""
    head = f"  - {ln.subject_name} ({ln.subject}) — {name}, {when}{ln.decided_on}"
    if a.amount is None:
        print(f"{head}: {a.problem_vi if vi else a.problem_en}", file=ctx.out)
        return
    mult = f" × {_decimal(a.multiplier, vi)}" if a.multiplier != 1 else ""
    calc = (f"{_decimal(a.coefficient, vi)}{mult} × {_money(a.base_salary, vi)} = "
            f"{_money(a.amount, vi)}")
    if a.raw is not None and a.raw != a.amount:
        calc += (f" (làm tròn {a.rounding} từ {_decimal(a.raw, vi)})" if vi else
                 f" (rounded {a.rounding} from {_decimal(a.raw, vi)})")
    cite = f"{a.coefficient_clause}, {a.coefficient_document}"
    flag = (" [chưa xác nhận]" if vi else " [unconfirmed]") \
        if a.status.value == "unconfirmed" else ""
    print(f"{head}: {calc} ({cite}){flag}", file=ctx.out)


COMMANDS: list[CliCommand] = [
    CliCommand(name="awards", help="print the award catalogue in force on a day",
               configure=_configure_awards, run=_run_awards),
    CliCommand(name="ladder", help="print a subject's eligibility for every award, with "
                                   "what is missing",
               configure=_configure_ladder, run=_run_ladder),
    CliCommand(name="roadmap", help="print the earliest year a subject can reach an award, "
                                    "and the steps",
               configure=_configure_roadmap, run=_run_roadmap),
    CliCommand(name="budget", help="price a year's proposed awards and total them per fund",
               configure=_configure_budget, run=_run_budget),
]
"""The subcommands of this group."""
