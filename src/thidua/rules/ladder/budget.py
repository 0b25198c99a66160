"""Bonus amounts and the fund estimate.

A bonus is ``coefficient × base salary`` in force on the day of the decision, times the
collective multiplier when a collective receives a form of commendation, rounded by the
rule in force (parameter ``bonus.rounding``: ``nearest`` 10,000 đồng by default, or
``up``, or ``none``; see the open question in the docs). Every input is a dated,
cited parameter of the award catalogue; money is whole đồng (``int``) and every
product is exact (:class:`~decimal.Decimal`), never a float.

The decider pays from its own level's fund (Luật 06/2022/QH15 khoản 4 Điều 11), so a
:class:`Budget` totals the year's proposed awards per paying fund: the grant's
``payer`` unit if given, else the fund of the award's authority — for grassroots
awards, the fund of the subject's own unit.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from thidua.errors import RuleError, ThiduaError
from thidua.parameters import ParameterStatus, ResolvedValue
from thidua.rules.ladder.catalogue import Catalogue
from thidua.rules.ladder.history import Recipient, recipient_of

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.model.records import AwardGrant

__all__ = [
    "BASE_SALARY",
    "ROUNDING",
    "ROUNDING_UNIT",
    "Amount",
    "Budget",
    "BudgetLine",
    "FundTotal",
    "Rounding",
    "amount",
    "budget",
    "round_bonus",
]

BASE_SALARY = "base_salary"
"""Parameter: the base salary (mức lương cơ sở), whole đồng."""
ROUNDING = "bonus.rounding"
"""Parameter: the rounding rule (``nearest``, ``up``, ``none``)."""
ROUNDING_UNIT = "bonus.rounding_unit"
"""Parameter: the unit rounded to (đồng)."""


class Rounding(enum.StrEnum):
    """How a bonus is rounded to the rounding unit."""

    NEAREST = "nearest"
    """To the nearest unit, halves up (how NĐ 91/2017's wording was applied)."""
    UP = "up"
    """To the next unit (the literal reading of "làm tròn số lên")."""
    NONE = "none"
    """Not rounded beyond whole đồng."""


def round_bonus(raw: Decimal, rule: Rounding | str, unit: int) -> int:
    """``raw`` đồng rounded by ``rule`` to a multiple of ``unit`` (whole đồng for none)."""
    if raw < 0:
        raise RuleError(f"a bonus cannot be negative, got {raw}")
    rule = Rounding(rule)
    if rule is Rounding.NONE:
        return int(raw.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    unit = max(unit, 1)
    mode = ROUND_HALF_UP if rule is Rounding.NEAREST else ROUND_CEILING
    return int((raw / unit).quantize(Decimal(1), rounding=mode)) * unit


@attrs.frozen(kw_only=True)
class Amount:
    """The bonus of one award decided on one day, with every input and its citation."""

    award: str
    recipient: Recipient
    decided_on: dt.date
    amount: int | None
    """Whole đồng; None when an input has no value in force on ``decided_on``."""
    coefficient: Decimal | None = None
    coefficient_clause: str = ""
    coefficient_document: str = ""
    multiplier: Decimal = Decimal(1)
    """The collective multiplier applied (1 for individuals and titles)."""
    base_salary: int | None = None
    base_salary_document: str = ""
    rounding: str = ""
    rounding_unit: int = 0
    raw: Decimal | None = None
    """The exact product before rounding."""
    status: ParameterStatus = ParameterStatus.VERIFIED
    """``unconfirmed`` if any input value is unconfirmed."""
    problem_vi: str = ""
    """Why there is no amount."""
    problem_en: str = ""


def _value(catalogue: Catalogue, pid: str, day: dt.date) -> ResolvedValue | None:
    try:
        return catalogue.parameters[pid].value_at(day)
    except ThiduaError:
        return None


def amount(catalogue: Catalogue, award: str, decided_on: dt.date,
           recipient: Recipient | str = Recipient.INDIVIDUAL) -> Amount:
    """The bonus for ``award`` decided on ``decided_on`` for ``recipient``."""
    a = catalogue[award]
    rec = Recipient(recipient)
    base: dict[str, Any] = {"award": a.id, "recipient": rec, "decided_on": decided_on}
    if a.bonus is None:
        return Amount(**base, amount=None, status=ParameterStatus.UNCONFIRMED,
                      problem_vi=f"chưa có hệ số tiền thưởng của “{a.name.vi}”",
                      problem_en=f"no bonus coefficient is known for “{a.name.en}”")
    coeff = _value(catalogue, a.bonus, decided_on)
    salary = _value(catalogue, BASE_SALARY, decided_on)
    rule = _value(catalogue, ROUNDING, decided_on)
    unit = _value(catalogue, ROUNDING_UNIT, decided_on)
    mult = None
    if rec is Recipient.COLLECTIVE and a.collective_multiplier is not None:
        mult = _value(catalogue, a.collective_multiplier, decided_on)
        if mult is None:
            return Amount(**base, amount=None, status=ParameterStatus.UNCONFIRMED,
                          problem_vi=f"chưa có hệ số cho tập thể ngày {decided_on.isoformat()}",
                          problem_en=f"no collective multiplier in force on "
                                     f"{decided_on.isoformat()}")
    missing = [name for name, v in (("hệ số/coefficient", coeff),
                                    ("mức lương cơ sở/base salary", salary),
                                    ("làm tròn/rounding", rule), ("đơn vị/unit", unit))
               if v is None]
    if missing or coeff is None or salary is None or rule is None or unit is None:
        return Amount(
            **base, amount=None, status=ParameterStatus.UNCONFIRMED,
            problem_vi=f"không có giá trị có hiệu lực ngày {decided_on.isoformat()}: "
                       + ", ".join(m.split("/")[0] for m in missing),
            problem_en=f"no value in force on {decided_on.isoformat()}: "
                       + ", ".join(m.split("/")[1] for m in missing))
    if not isinstance(coeff.value, Decimal) or not isinstance(salary.value, int) \
            or not isinstance(rule.value, str) or not isinstance(unit.value, int):
        raise RuleError(f"the parameters of {a.id!r}'s bonus have the wrong kinds: "
                        f"{a.bonus} decimal, {BASE_SALARY} money, {ROUNDING} choice, "
                        f"{ROUNDING_UNIT} money")
    factor = Decimal(1)
    used = [coeff, salary]
    if mult is not None:
        if not isinstance(mult.value, Decimal):
            raise RuleError(f"{a.collective_multiplier} must be a decimal parameter")
        factor = mult.value
        used.append(mult)
    raw = coeff.value * salary.value * factor
    if raw == raw.to_integral_value():
        raw = raw.quantize(Decimal(1))
    if unit.value > 1 and raw % unit.value:
        used += [rule, unit]  # the open rounding question matters only when it rounds
    status = (ParameterStatus.UNCONFIRMED
              if any(v.status is ParameterStatus.UNCONFIRMED for v in used)
              else ParameterStatus.VERIFIED)
    return Amount(**base, amount=round_bonus(raw, rule.value, unit.value),
                  coefficient=coeff.value, coefficient_clause=coeff.citation.clause,
                  coefficient_document=coeff.citation.document, multiplier=factor,
                  base_salary=salary.value, base_salary_document=salary.citation.document,
                  rounding=rule.value, rounding_unit=unit.value, raw=raw, status=status)


@attrs.frozen(kw_only=True)
class BudgetLine:
    """One priced award of the budget."""

    subject: str
    subject_name: str
    award: str
    award_name_vi: str
    award_name_en: str
    decided_on: dt.date
    decision: str
    proposed: bool
    fund: str
    """Key of the paying fund: a fund id, ``co_so:UNIT`` or ``unit:UNIT`` (a payer)."""
    amount: Amount


@attrs.frozen(kw_only=True)
class FundTotal:
    """What one fund pays for the year's awards."""

    fund: str
    name_vi: str
    name_en: str
    awards: int
    total: int
    """Sum of the known amounts, whole đồng."""
    unknown: int = 0
    """Awards whose amount could not be computed."""
    status: ParameterStatus = ParameterStatus.VERIFIED


@attrs.frozen(kw_only=True)
class Budget:
    """The year's awards priced and totalled per paying fund."""

    year: int
    lines: tuple[BudgetLine, ...]
    funds: tuple[FundTotal, ...]
    total: int
    unknown: int
    clause: str
    """The rule that the decider pays (``Điều 11 khoản 4``)."""
    document: str
    decided: bool = False
    """True if decided awards were counted too, not only proposals."""


def _fund_of(catalogue: Catalogue, dossier: Dossier,
             grant: AwardGrant) -> tuple[str, str, str, str, str]:
    """``(key, name_vi, name_en, clause, document)`` of the fund paying ``grant``."""
    a = catalogue[grant.award]
    if grant.payer is not None:
        payer = dossier.units_by_id[grant.payer]
        return (f"unit:{payer.id}", f"Quỹ thi đua, khen thưởng của {payer.name}",
                f"emulation and commendation fund of {payer.name}", "", "")
    if a.authority is None:
        return ("unknown", "Chưa xác định quỹ chi trả", "paying fund unknown", "", "")
    fund = a.authority.fund
    if fund.id == "co_so":
        ex = dossier.exemplars_by_id.get(grant.subject)
        unit = dossier.units_by_id.get(ex.unit) if ex is not None else None
        if unit is not None:
            return (f"{fund.id}:{unit.id}", f"{fund.name_vi} — {unit.name}",
                    f"{fund.name_en} — {unit.name}", fund.clause, fund.document)
    return (fund.id, fund.name_vi, fund.name_en, fund.clause, fund.document)


def budget(catalogue: Catalogue, dossier: Dossier, year: int, *, decided: bool = False,
           subjects: Iterable[str] | None = None) -> Budget:
    """Price the awards proposed for decision in ``year`` (and the decided ones, if
    ``decided``), optionally only those of ``subjects``, and total them per fund."""
    wanted = set(subjects) if subjects is not None else None
    lines: list[BudgetLine] = []
    names: dict[str, tuple[str, str]] = {}
    clause, document = "", ""
    for g in dossier.awards:
        if g.decided_on.year != year or not (g.proposed or decided):
            continue
        if wanted is not None and g.subject not in wanted:
            continue
        if g.award not in catalogue:
            raise RuleError(f"award {g.award!r} of {g.subject!r} is not in the award "
                            f"catalogue; known: {', '.join(catalogue)}")
        ex = dossier.exemplars_by_id[g.subject]
        key, name_vi, name_en, f_clause, f_doc = _fund_of(catalogue, dossier, g)
        clause, document = clause or f_clause, document or f_doc
        a = catalogue[g.award]
        lines.append(BudgetLine(
            subject=g.subject, subject_name=ex.name, award=a.id, award_name_vi=a.name.vi,
            award_name_en=a.name.en, decided_on=g.decided_on, decision=g.decision,
            proposed=g.proposed, fund=key,
            amount=amount(catalogue, a.id, g.decided_on, recipient_of(ex.kind))))
        names[key] = (name_vi, name_en)
    lines.sort(key=lambda ln: (ln.fund, ln.decided_on, ln.subject, ln.award))
    funds: list[FundTotal] = []
    for key in sorted({ln.fund for ln in lines}):
        mine = [ln for ln in lines if ln.fund == key]
        known = [ln.amount.amount for ln in mine if ln.amount.amount is not None]
        unconfirmed = any(ln.amount.status is ParameterStatus.UNCONFIRMED for ln in mine)
        name_vi, name_en = names[key]
        funds.append(FundTotal(
            fund=key, name_vi=name_vi, name_en=name_en, awards=len(mine), total=sum(known),
            unknown=len(mine) - len(known),
            status=ParameterStatus.UNCONFIRMED if unconfirmed else ParameterStatus.VERIFIED))
    if not clause:  # nothing priced: cite the catalogue's own rule of who pays
        clause, document = next(
            ((a.authority.fund.clause, a.authority.fund.document) for a in catalogue.values()
             if a.authority is not None and a.authority.fund.clause), ("", ""))
    return Budget(year=year, lines=tuple(lines), funds=tuple(funds),
                  total=sum(f.total for f in funds), unknown=sum(f.unknown for f in funds),
                  clause=clause, document=document, decided=decided)

