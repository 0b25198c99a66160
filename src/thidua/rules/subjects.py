"""Subjects of fostering (II.2): exemplars already honoured at the exemplar conference
versus the others, made visible on every registration list of the year.

The rule ``subjects.honoured`` yields one ``info`` finding per list, counting its
honoured exemplars (group ``subjects.honoured`` of the plan's ``[clauses]`` table) and
the others (group ``subjects.others``), with the honoured ids as evidence. An exemplar
counts as honoured for a year if it was honoured at a conference held that year or
earlier.
"""

from __future__ import annotations

from collections.abc import Iterable

from thidua.model.findings import Finding, Severity
from thidua.rules.base import Rule, RuleContext
from thidua.rules.sections import plan_clause

__all__ = ["HONOURED_KEY", "OTHERS_KEY", "SUBJECTS_RULE", "honoured_split", "rules"]

SUBJECTS_RULE = "subjects.honoured"
HONOURED_KEY = "subjects.honoured"
"""``[clauses]`` key of the honoured group (the seed: II.2.a)."""
OTHERS_KEY = "subjects.others"
"""``[clauses]`` key of the other subjects (the seed: II.2.b)."""


def honoured_split(ctx: RuleContext, exemplar_ids: Iterable[str],
                   year: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(honoured, others)``: the ids honoured at a conference by ``year``, and the rest."""
    by_id = ctx.dossier.exemplars_by_id
    honoured: list[str] = []
    others: list[str] = []
    for ex in exemplar_ids:
        (honoured if by_id[ex].honoured_by(year) else others).append(ex)
    return tuple(honoured), tuple(others)


def check_subjects(ctx: RuleContext) -> Iterable[Finding]:
    """One info finding per list of the year: honoured exemplars versus others."""
    c_hon = plan_clause(ctx.plan, HONOURED_KEY, ctx.plan.id)
    c_oth = plan_clause(ctx.plan, OTHERS_KEY, ctx.plan.id)
    units = ctx.dossier.units_by_id
    for s in ctx.dossier.submissions_for(ctx.year):
        if not s.exemplars:
            continue
        honoured, others = honoured_split(ctx, s.exemplars, s.year)
        sender = units[s.from_unit].name
        listed = ", ".join(honoured) if honoured else "—"
        yield Finding(
            rule=SUBJECTS_RULE, severity=Severity.INFO, subject=s.id,
            clause=f"{c_hon}, {c_oth}" if c_hon != c_oth else c_hon,
            message_vi=(f"{sender}, danh sách năm {s.year}: {len(honoured)} điển hình đã được "
                        f"tuyên dương tại Hội nghị điển hình tiên tiến ({c_hon}: {listed}), "
                        f"{len(others)} điển hình khác ({c_oth})."),
            message_en=(f"{sender}, {s.year} list: {len(honoured)} "
                        f"{'exemplar' if len(honoured) == 1 else 'exemplars'} already "
                        f"honoured at the exemplar conference ({c_hon}: {listed}), "
                        f"{len(others)} {'other' if len(others) == 1 else 'others'} ({c_oth})."),
            evidence={"submission": s.id, "honoured": len(honoured), "others": len(others),
                      "honoured_ids": " ".join(honoured), "year": s.year},
        )


def rules() -> tuple[Rule, ...]:
    """The subject rules, for the rule library."""
    return (
        Rule(id=SUBJECTS_RULE, clause="[clauses] subjects.honoured / subjects.others",
             check=check_subjects,
             description_en="shows honoured exemplars versus others on each list",
             description_vi="phân biệt điển hình đã được tuyên dương và điển hình khác"),
    )
