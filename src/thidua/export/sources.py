"""Adapters from the rule families' results to what exporters show.

Exporters do not compute regulation: they show what the rule families computed. This
module is the one place that knows how to ask each family for its results and turn
them into export rows (:class:`~thidua.export.data.DueItem` for calendars).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thidua.errors import ExportError
from thidua.export.base import ExportKind
from thidua.export.data import DueItem

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.plugins.host import Host

__all__ = ["due_items", "results"]


def due_items(host: Host, dossier: Dossier, year: int, *,
              as_of: dt.date | None = None) -> tuple[DueItem, ...]:
    """The deadlines and obligations of ``year`` for every unit of ``dossier``.

    One item per dated row of the plan's schedule (:func:`thidua.rules.obligations.schedule`):
    obligations that have a due date this year, for each unit that must act (plan-wide
    dates with ``unit`` None), with the status the dossier shows. Obligations without a
    date (yearly or standing duties) have no place on a calendar and are left out; an
    empty tuple if no plan is in force for the year.
    """
    from thidua.rules.obligations import schedule

    engine = host.engine()
    ctx = engine.context(dossier, year, as_of=as_of)
    if ctx is None:
        return ()
    items = []
    for row in schedule(ctx):
        d = row.deadline
        if d is None:
            continue
        ob = row.obligation
        note_vi, note_en = ob.note_vi, ob.note_en
        if d.shifted:
            moved_vi = "; ".join(f"{s.date.strftime('%d/%m/%Y')} {s.reason_vi}"
                                 for s in d.shifted_over)
            moved_en = "; ".join(f"{s.date.isoformat()} {s.reason_en}" for s in d.shifted_over)
            note_vi = " ".join(x for x in (note_vi, f"Hạn dời qua: {moved_vi}.") if x)
            note_en = " ".join(x for x in (note_en, f"Moved over: {moved_en}.") if x)
        items.append(DueItem(
            id=ob.id, unit=row.unit.id if row.unit is not None else None, due=d.due,
            title_vi=row.action_vi, title_en=row.action_en, clause=ob.clause,
            recipient=row.recipient.id if row.recipient is not None else None,
            nominal=d.nominal if d.nominal != d.due else None,
            status=row.status.value, note_vi=note_vi, note_en=note_en,
        ))
    return tuple(items)


def results(host: Host, dossier: Dossier, kind: ExportKind, year: int, *,
            unit: str | None = None, as_of: dt.date | None = None) -> tuple[object, ...]:
    """Typed results of ``kind`` for proposal year ``year`` from the award ladder.

    ``eligibility``: for every exemplar with records or awards (of ``unit`` only, if
    given), an :class:`~thidua.rules.ladder.EligibilityResult` per award its criteria
    can judge, then a :class:`~thidua.rules.ladder.Roadmap` to each award it is not yet
    eligible for (planned from the year after ``year``). ``budget``: one
    :class:`~thidua.rules.ladder.Budget` of the awards proposed for decision in
    ``year``. ``as_of`` is not used: the ladder judges a proposal on its judging day.
    """
    from thidua.rules.ladder import Ladder, Verdict

    ladder = Ladder.from_host(host)
    subjects = [e.id for e in dossier.exemplars if unit is None or e.unit == unit]
    if kind is ExportKind.BUDGET:
        return (ladder.budget(dossier, year, subjects=subjects),)
    if kind is not ExportKind.ELIGIBILITY:
        raise ExportError(f"the award ladder has no results of kind {kind.value!r}")
    found: list[object] = []
    roadmaps: list[object] = []
    for subject in subjects:
        if subject not in dossier.records_by_subject and subject not in dossier.awards_by_subject:
            continue
        for res in ladder.ladder(ladder.history(dossier, subject), year):
            if res.verdict is Verdict.UNKNOWN:
                continue
            found.append(res)
            if res.verdict is Verdict.NOT_ELIGIBLE:
                roadmaps.append(ladder.roadmap(dossier, subject, res.award, start=year + 1))
    return (*found, *roadmaps)
