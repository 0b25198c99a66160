"""A subject's achievements in the compact form the ladder's criteria read.

A :class:`History` is built once per subject from its yearly records and decided award
grants. Years are bits of Python integers (bit ``year - YEAR_BASE``), so "five
consecutive years at least good" or "three grassroots fighter titles in 2020–2024" is a
shift, a mask and a ``bit_count`` — the reason a million subjects can be judged in
seconds. Histories are read-only by convention: build a new one instead of changing one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

from thidua.model.base import MIN_YEAR
from thidua.model.exemplars import ExemplarKind
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord

__all__ = [
    "INITIATIVE_SCOPES",
    "YEAR_BASE",
    "History",
    "Recipient",
    "recipient_of",
    "scope_rank",
    "year_bit",
]

YEAR_BASE = MIN_YEAR
"""The year of bit 0 in year masks: the model's earliest accepted year."""

INITIATIVE_SCOPES: tuple[str, ...] = ("co_so", "tinh", "toan_quoc")
"""Scopes at which an initiative is recognised (``YearRecord.initiative_scope``), narrowest
first: the unit (grassroots), the ministry, sector or province, the whole country. An
unknown scope is read as the narrowest."""

_GRADES = len(Assessment)


class Recipient(enum.StrEnum):
    """Who an award is given to."""

    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


_RECIPIENTS: Mapping[ExemplarKind, Recipient] = {
    ExemplarKind.INDIVIDUAL: Recipient.INDIVIDUAL,
    ExemplarKind.COLLECTIVE: Recipient.COLLECTIVE,
    # a model (mô hình: a production model, a model village) is judged as a collective
    ExemplarKind.MODEL: Recipient.COLLECTIVE,
}


def recipient_of(kind: ExemplarKind | str) -> Recipient:
    """The recipient kind of an exemplar kind (a model is judged as a collective)."""
    return _RECIPIENTS[ExemplarKind(kind)]


def year_bit(year: int) -> int:
    """The mask bit of ``year``."""
    return 1 << (year - YEAR_BASE)


def scope_rank(scope: str | None) -> int:
    """0 for the narrowest initiative scope (or an unknown one), up to the widest."""
    if scope is None:
        return 0
    try:
        return INITIATIVE_SCOPES.index(scope)
    except ValueError:
        return 0


class History:
    """One subject's achievements: yearly grades, titles, initiatives, member counts and
    the awards it holds, as year masks (see the module docstring)."""

    __slots__ = ("grades", "held", "initiatives", "last_year", "members", "recipient",
                 "scopes", "subject", "titles")

    subject: str
    """Id of the exemplar."""
    recipient: Recipient
    """Individual or collective."""
    grades: tuple[int, ...]
    """``grades[r]``: years assessed at rank ``r`` or better (``Assessment.rank``)."""
    titles: Mapping[str, int]
    """Title (or award) id → years it is held for: titles of the yearly records plus the
    achievement years of decided grants of titles."""
    held: Mapping[str, int]
    """Award id → ordinal (``date.toordinal``) of the earliest decided grant."""
    initiatives: Mapping[int, int]
    """Year → initiatives recognised that year (only years with at least one)."""
    scopes: tuple[int, ...]
    """``scopes[k]``: years with an initiative recognised at scope rank ``k`` or wider."""
    members: Mapping[int, MemberStats]
    """Year → member counts (collectives)."""
    last_year: int | None
    """The latest year with a record, if any."""

    def __init__(self, *, subject: str, recipient: Recipient, grades: tuple[int, ...],
                 titles: Mapping[str, int], held: Mapping[str, int],
                 initiatives: Mapping[int, int], scopes: tuple[int, ...],
                 members: Mapping[int, MemberStats], last_year: int | None) -> None:
        self.subject = subject
        self.recipient = recipient
        self.grades = grades
        self.titles = titles
        self.held = held
        self.initiatives = initiatives
        self.scopes = scopes
        self.members = members
        self.last_year = last_year

    @classmethod
    def build(cls, subject: str, recipient: Recipient | str, records: Iterable[YearRecord],
              grants: Iterable[AwardGrant] = (), *,
              title_ids: Iterable[str] = ()) -> History:
        """Build a history from ``subject``'s records and grants.

        Proposed grants are left out (they are not decided). A decided grant of an award
        in ``title_ids`` (an emulation title) also counts for its achievement years (its
        decision year if none is given), as if the title were in that year's record.
        """
        grades = [0] * _GRADES
        scopes = [0] * len(INITIATIVE_SCOPES)
        titles: dict[str, int] = {}
        initiatives: dict[int, int] = {}
        members: dict[int, MemberStats] = {}
        last: int | None = None
        for r in records:
            bit = 1 << (r.year - YEAR_BASE)
            for k in range(r.assessment.rank + 1):
                grades[k] |= bit
            for t in r.titles:
                titles[t] = titles.get(t, 0) | bit
            if r.initiatives:
                initiatives[r.year] = initiatives.get(r.year, 0) + r.initiatives
                for k in range(scope_rank(r.initiative_scope) + 1):
                    scopes[k] |= bit
            if r.members is not None:
                members[r.year] = r.members
            last = r.year if last is None else max(last, r.year)
        held: dict[str, int] = {}
        is_title = frozenset(title_ids)
        for g in grants:
            if g.proposed:
                continue
            ordinal = g.decided_on.toordinal()
            if g.award not in held or ordinal < held[g.award]:
                held[g.award] = ordinal
            if g.award in is_title:
                for y in g.achievement_years or (g.decided_on.year,):
                    titles[g.award] = titles.get(g.award, 0) | (1 << (y - YEAR_BASE))
        return cls(subject=subject, recipient=Recipient(recipient), grades=tuple(grades),
                   titles=titles, held=held, initiatives=initiatives, scopes=tuple(scopes),
                   members=members, last_year=last)

    def __repr__(self) -> str:
        return f"History(subject={self.subject!r}, recipient={self.recipient.value!r}, " \
               f"last_year={self.last_year!r})"
