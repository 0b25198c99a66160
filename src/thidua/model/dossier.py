"""The dossier: one jurisdiction's units, exemplars, submissions, records and awards.

A :class:`Dossier` is checked for referential integrity when it is built: every
problem is collected with its JSON path and raised together as one
:class:`~thidua.errors.DossierError`, so an agency system can fix all of them at once.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import attrs

from thidua.errors import DossierError, Problem
from thidua.model.base import identifier, to_tuple
from thidua.model.exemplars import Exemplar
from thidua.model.records import AwardGrant, YearRecord
from thidua.model.submissions import Event, Submission
from thidua.model.units import Movement, Unit

__all__ = ["DOSSIER_FORMAT", "Dossier"]

DOSSIER_FORMAT = "thidua.dossier/1"
"""The format tag of version 1 of the interchange document."""


@attrs.frozen(kw_only=True)
class Dossier:
    """All the data of one jurisdiction that the rules judge."""

    plan: str = attrs.field(validator=identifier)
    """Id of the plan the dossier is judged under (a plugin may supply a successor)."""
    units: tuple[Unit, ...] = attrs.field(default=(), converter=to_tuple)
    movements: tuple[Movement, ...] = attrs.field(default=(), converter=to_tuple)
    exemplars: tuple[Exemplar, ...] = attrs.field(default=(), converter=to_tuple)
    submissions: tuple[Submission, ...] = attrs.field(default=(), converter=to_tuple)
    records: tuple[YearRecord, ...] = attrs.field(default=(), converter=to_tuple)
    awards: tuple[AwardGrant, ...] = attrs.field(default=(), converter=to_tuple)
    events: tuple[Event, ...] = attrs.field(default=(), converter=to_tuple)
    format: str = DOSSIER_FORMAT
    """Format tag; only ``thidua.dossier/1`` is understood."""

    def __attrs_post_init__(self) -> None:
        problems = list(integrity_problems(self))
        if problems:
            raise DossierError(
                f"the dossier has {len(problems)} integrity problem(s); fix each path below",
                problems,
            )

    # -- lookups (computed once, on first use) ---------------------------------
    @functools.cached_property
    def units_by_id(self) -> Mapping[str, Unit]:
        """Units keyed by id."""
        return {u.id: u for u in self.units}

    @functools.cached_property
    def exemplars_by_id(self) -> Mapping[str, Exemplar]:
        """Exemplars keyed by id."""
        return {e.id: e for e in self.exemplars}

    @functools.cached_property
    def movements_by_id(self) -> Mapping[str, Movement]:
        """Movements keyed by id."""
        return {m.id: m for m in self.movements}

    @functools.cached_property
    def records_by_subject(self) -> Mapping[str, tuple[YearRecord, ...]]:
        """Each subject's yearly records, oldest first."""
        grouped: dict[str, list[YearRecord]] = defaultdict(list)
        for r in self.records:
            grouped[r.subject].append(r)
        return {k: tuple(sorted(v, key=lambda r: r.year)) for k, v in grouped.items()}

    @functools.cached_property
    def awards_by_subject(self) -> Mapping[str, tuple[AwardGrant, ...]]:
        """Each subject's award grants, oldest decision first."""
        grouped: dict[str, list[AwardGrant]] = defaultdict(list)
        for a in self.awards:
            grouped[a.subject].append(a)
        return {k: tuple(sorted(v, key=lambda a: (a.decided_on, a.award)))
                for k, v in grouped.items()}

    @functools.cached_property
    def submissions_by_id(self) -> Mapping[str, Submission]:
        """Submissions keyed by id."""
        return {s.id: s for s in self.submissions}

    def unit_of(self, subject: str) -> Unit | None:
        """The unit a finding's subject belongs to: the unit itself, a submission's
        sender, an exemplar's unit; None for anything else (a plan id)."""
        if subject in self.units_by_id:
            return self.units_by_id[subject]
        sub = self.submissions_by_id.get(subject)
        if sub is not None:
            return self.units_by_id.get(sub.from_unit)
        ex = self.exemplars_by_id.get(subject)
        if ex is not None:
            return self.units_by_id.get(ex.unit)
        return None

    def submissions_for(self, year: int) -> tuple[Submission, ...]:
        """The submissions for registration year ``year``, in dossier order."""
        return tuple(s for s in self.submissions if s.year == year)

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """The units whose parent is ``unit_id``."""
        return tuple(u for u in self.units if u.parent == unit_id)

    def years(self) -> tuple[int, ...]:
        """Every year the dossier has submissions, records or events for, ascending."""
        ys = {s.year for s in self.submissions} | {r.year for r in self.records}
        ys |= {e.year for e in self.events}
        return tuple(sorted(ys))

    def with_submissions(self, submissions: Iterable[Submission]) -> Dossier:
        """A copy with ``submissions`` replacing the current ones (checked again)."""
        return attrs.evolve(self, submissions=tuple(submissions))

    def with_records(self, records: Iterable[YearRecord]) -> Dossier:
        """A copy with ``records`` replacing the current ones (checked again)."""
        return attrs.evolve(self, records=tuple(records))

    def with_awards(self, awards: Iterable[AwardGrant]) -> Dossier:
        """A copy with ``awards`` replacing the current ones (checked again)."""
        return attrs.evolve(self, awards=tuple(awards))


def _duplicates(section: str, ids: Iterable[str]) -> Iterable[Problem]:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in seen:
            yield Problem(f"$.{section}[{i}].id",
                          f"duplicate id {ident!r} (first at $.{section}[{seen[ident]}])")
        else:
            seen[ident] = i


def integrity_problems(d: Dossier) -> Iterable[Problem]:
    """Every referential-integrity problem of ``d``, each with its JSON path."""
    if d.format != DOSSIER_FORMAT:
        yield Problem("$.format", f"unknown format {d.format!r}; expected {DOSSIER_FORMAT!r}")
    yield from _duplicates("units", (u.id for u in d.units))
    yield from _duplicates("movements", (m.id for m in d.movements))
    yield from _duplicates("exemplars", (e.id for e in d.exemplars))
    yield from _duplicates("submissions", (s.id for s in d.submissions))
    units = {u.id: u for u in d.units}
    exemplars = {e.id for e in d.exemplars}
    movements = {m.id for m in d.movements}
    for i, u in enumerate(d.units):
        if u.parent is not None and u.parent not in units:
            yield Problem(f"$.units[{i}].parent", f"unknown unit {u.parent!r}")
    yield from _cycles(d.units)
    for i, m in enumerate(d.movements):
        if m.lead not in units:
            yield Problem(f"$.movements[{i}].lead", f"unknown unit {m.lead!r}")
    for i, e in enumerate(d.exemplars):
        if e.unit not in units:
            yield Problem(f"$.exemplars[{i}].unit", f"unknown unit {e.unit!r}")
        for j, h in enumerate(e.honoured):
            if h.movement is not None and h.movement not in movements:
                yield Problem(f"$.exemplars[{i}].honoured[{j}].movement",
                              f"unknown movement {h.movement!r}")
    for i, s in enumerate(d.submissions):
        for key, ref in (("from", s.from_unit), ("to", s.to_unit)):
            if ref not in units:
                yield Problem(f"$.submissions[{i}].{key}", f"unknown unit {ref!r}")
        if s.from_unit == s.to_unit:
            yield Problem(f"$.submissions[{i}].to", "a unit cannot submit to itself")
        first: dict[str, int] = {}
        for j, ex in enumerate(s.exemplars):
            if ex not in exemplars:
                yield Problem(f"$.submissions[{i}].exemplars[{j}]", f"unknown exemplar {ex!r}")
            if ex in first:
                yield Problem(f"$.submissions[{i}].exemplars[{j}]",
                              f"exemplar {ex!r} listed twice (first at index {first[ex]})")
            else:
                first[ex] = j
    seen_records: dict[tuple[str, int], int] = {}
    for i, r in enumerate(d.records):
        if r.subject not in exemplars:
            yield Problem(f"$.records[{i}].subject", f"unknown subject {r.subject!r}")
        rkey = (r.subject, r.year)
        if rkey in seen_records:
            yield Problem(f"$.records[{i}]", f"second record for {r.subject!r} in {r.year} "
                                             f"(first at $.records[{seen_records[rkey]}])")
        else:
            seen_records[rkey] = i
        for j, (title, n) in enumerate(Counter(r.titles).items()):
            if n > 1:
                yield Problem(f"$.records[{i}].titles[{j}]", f"title {title!r} listed {n} times")
    for i, a in enumerate(d.awards):
        if a.subject not in exemplars:
            yield Problem(f"$.awards[{i}].subject", f"unknown subject {a.subject!r}")
        if a.payer is not None and a.payer not in units:
            yield Problem(f"$.awards[{i}].payer", f"unknown unit {a.payer!r}")
    for i, ev in enumerate(d.events):
        if ev.unit not in units:
            yield Problem(f"$.events[{i}].unit", f"unknown unit {ev.unit!r}")


def _cycles(units: tuple[Unit, ...]) -> Iterable[Problem]:
    """Each cycle of ``parent`` links once, in linear time: every unit is walked over at
    most once (a walk stops at a unit an earlier walk has finished)."""
    parent = {u.id: u.parent for u in units}
    index = {u.id: i for i, u in enumerate(units)}
    done: set[str] = set()
    for start in parent:
        path: dict[str, int] = {}  # units of this walk, with their position
        node: str | None = start
        while node is not None and node in parent and node not in done and node not in path:
            path[node] = len(path)
            node = parent[node]
        if node is not None and node in path:
            cycle = list(path)[path[node]:]
            yield Problem(f"$.units[{index[node]}].parent",
                          "the unit hierarchy has a cycle: " + " → ".join([*cycle, node]))
        done.update(path)
