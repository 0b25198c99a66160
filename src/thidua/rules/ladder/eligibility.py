"""Eligibility: for a subject and a proposal year, every award with eligible or not and,
for each unmet condition, what is missing and its citation.

Conditions combine in a three-valued order, ``unmet < unconfirmed < met``: ``all_of``
takes the lowest of its children, ``any_of`` the highest, and a leaf whose legal text
is unconfirmed is at best ``unconfirmed`` — so a condition resting on unconfirmed law is
never silently treated as met. The root gives the :class:`Verdict`.

Two paths give the same answers:

* :meth:`Ladder.eligibility` returns an :class:`EligibilityResult` — the condition tree
  with requirement and missing texts and evidence — for one subject and one award;
* :meth:`Ladder.iter_findings` runs criteria compiled once into closures over many
  histories and yields one :class:`~thidua.model.Finding` per subject and award (rule
  ``ladder.eligibility``), sharing validated texts between subjects with the same
  outcome. Wrap big batches in :func:`gc_paused`.

The proposal year ``Y`` is the last year whose results count ("up to the time of the
proposal"); the proposal is judged on :meth:`Ladder.judged_on` (``Y + 1``-01-01 by
default, parameters ``ladder.judged_on`` and ``ladder.judged_on.years_after``), which
picks the legal regime in force and which awards the subject already holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from thidua.errors import DossierError, Problem, RuleError, ThiduaError
from thidua.model.findings import EvidenceValue, Finding, Severity
from thidua.model.records import AwardGrant, YearRecord
from thidua.parameters import MonthDay, ParameterOverride, ParameterStatus
from thidua.rules.ladder.catalogue import AwardType, Catalogue, Regime
from thidua.rules.ladder.criteria import (
    Check,
    Criterion,
    LadderEnv,
    Text,
    kind_of,
)
from thidua.rules.ladder.history import History, Recipient, recipient_of

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.plugins.host import Host
    from thidua.rules.ladder.budget import Amount, Budget
    from thidua.rules.ladder.roadmap import Roadmap

__all__ = [
    "ELIGIBILITY_RULE",
    "ConditionResult",
    "EligibilityResult",
    "Ladder",
    "Outcome",
    "Verdict",
    "gc_paused",
]

ELIGIBILITY_RULE = "ladder.eligibility"
"""Rule id of eligibility findings."""

JUDGED_ON = "ladder.judged_on"
"""Parameter: the day of the year a proposal is judged on (month-day)."""
JUDGED_YEARS_AFTER = "ladder.judged_on.years_after"
"""Parameter: how many years after the proposal year that day falls."""


class Outcome(enum.StrEnum):
    """How far a condition is met, in the order ``unmet < unconfirmed < met``."""

    UNMET = "unmet"
    UNCONFIRMED = "unconfirmed"
    """Met by the data, but the legal text of the condition is unconfirmed."""
    MET = "met"

    @property
    def rank(self) -> int:
        """0 for unmet, 1 for unconfirmed, 2 for met: compare outcomes with it."""
        return _OUTCOME_RANK[self]

    @classmethod
    def of_rank(cls, rank: int) -> Outcome:
        """The outcome of a rank."""
        return _OUTCOMES[rank]


_OUTCOMES = (Outcome.UNMET, Outcome.UNCONFIRMED, Outcome.MET)
_OUTCOME_RANK = {o: i for i, o in enumerate(_OUTCOMES)}


class Verdict(enum.StrEnum):
    """The answer for one subject, award and year."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNCONFIRMED = "unconfirmed"
    """The data meets the conditions as encoded, but some rest on unconfirmed law."""
    UNKNOWN = "unknown"
    """No criteria can be applied: not known, or only a council's judgement."""
    NOT_APPLICABLE = "not_applicable"
    """The award is not given to this kind of subject."""


_VERDICT_OF = {Outcome.MET: Verdict.ELIGIBLE, Outcome.UNCONFIRMED: Verdict.UNCONFIRMED,
               Outcome.UNMET: Verdict.NOT_ELIGIBLE}
_SEVERITY = {Verdict.ELIGIBLE: Severity.INFO, Verdict.NOT_ELIGIBLE: Severity.INFO,
             Verdict.UNCONFIRMED: Severity.WARNING, Verdict.UNKNOWN: Severity.INFO,
             Verdict.NOT_APPLICABLE: Severity.INFO}


@attrs.frozen(kw_only=True)
class ConditionResult:
    """One condition of an award judged for one subject and year."""

    id: str
    """The criterion's id in the catalogue, e.g. ``b.cstdcs``."""
    kind: str
    outcome: Outcome
    status: ParameterStatus
    """``unconfirmed`` if the legal text of the condition was not read."""
    clause: str
    document: str
    requirement_vi: str
    requirement_en: str
    missing_vi: str = ""
    """What is missing (empty when met)."""
    missing_en: str = ""
    shortfall: int = 0
    """How much is missing (years, titles, initiatives, members); -1: no data."""
    evidence: dict[str, EvidenceValue] = attrs.field(factory=dict, hash=False)
    children: tuple[ConditionResult, ...] = ()

    @property
    def met(self) -> bool:
        """True if plainly met."""
        return self.outcome is Outcome.MET

    def leaves(self) -> Iterator[ConditionResult]:
        """The leaf conditions, in order."""
        if not self.children:
            yield self
        for c in self.children:
            yield from c.leaves()


@attrs.frozen(kw_only=True)
class EligibilityResult:
    """Whether a subject is eligible for an award in a proposal year, and why."""

    subject: str
    award: str
    name_vi: str
    name_en: str
    recipient: Recipient
    year: int
    """The proposal year: the last year whose results count."""
    judged_on: dt.date
    """The day the proposal is judged (picks the regime and the awards held)."""
    verdict: Verdict
    eligible: bool
    """True only for :attr:`Verdict.ELIGIBLE`."""
    clause: str
    """The article the answer rests on."""
    document: str
    regime_from: dt.date | None = None
    """The date the applied criteria took effect (None: no regime in force)."""
    conditions: ConditionResult | None = None
    """The judged condition tree (None when no criteria apply)."""
    unmet: tuple[ConditionResult, ...] = ()
    """The unmet conditions that decide the answer, each with what is missing."""
    unconfirmed: tuple[ConditionResult, ...] = ()
    """Conditions that rest on unconfirmed legal text."""
    note_vi: str = ""
    """Other grounds judged by a council, open questions."""
    note_en: str = ""

    def to_finding(self) -> Finding:
        """The result as a finding (rule ``ladder.eligibility``)."""
        return _make_finding(
            subject=self.subject, award=self.award, name=Text(self.name_vi, self.name_en),
            year=self.year, judged_on=self.judged_on, verdict=self.verdict,
            recipient=self.recipient, clause=self.clause, document=self.document,
            missing=[(Text(c.missing_vi, c.missing_en), c.clause, c.id) for c in self.unmet],
            unconfirmed=[(Text(c.requirement_vi, c.requirement_en), c.clause)
                         for c in self.unconfirmed],
            note=Text(self.note_vi, self.note_en))


# -- messages shared by both paths ---------------------------------------------------------

_KIND_TEXT = {Recipient.INDIVIDUAL: Text("cá nhân", "individuals"),
              Recipient.COLLECTIVE: Text("tập thể", "collectives")}


def _make_finding(*, subject: str, award: str, name: Text, year: int, judged_on: dt.date,
                  verdict: Verdict, recipient: Recipient, clause: str, document: str,
                  missing: Sequence[tuple[Text, str, str]],
                  unconfirmed: Sequence[tuple[Text, str]], note: Text) -> Finding:
    if verdict is Verdict.ELIGIBLE:
        vi = f"Đủ điều kiện đề nghị “{name.vi}” cho năm {year} ({clause})."
        en = f"Eligible for “{name.en}” for {year} ({clause})."
    elif verdict is Verdict.NOT_ELIGIBLE:
        vi = (f"Chưa đủ điều kiện đề nghị “{name.vi}” cho năm {year}: "
              + "; ".join(f"{t.vi} ({c})" for t, c, _ in missing) + ".")
        en = (f"Not eligible for “{name.en}” for {year}: "
              + "; ".join(f"{t.en} ({c})" for t, c, _ in missing) + ".")
    elif verdict is Verdict.UNCONFIRMED:
        vi = (f"Dữ liệu đáp ứng các điều kiện đã mã hóa của “{name.vi}” cho năm {year}, "
              f"nhưng các điều kiện sau dựa trên văn bản chưa được xác nhận, cần kiểm tra lại: "
              + "; ".join(f"{t.vi} ({c})" for t, c in unconfirmed) + ".")
        en = (f"The data meets the encoded conditions of “{name.en}” for {year}, but these "
              f"rest on unconfirmed legal text and need checking: "
              + "; ".join(f"{t.en} ({c})" for t, c in unconfirmed) + ".")
    elif verdict is Verdict.NOT_APPLICABLE:
        kind = _KIND_TEXT[recipient]
        vi = f"“{name.vi}” không xét tặng cho {kind.vi}."
        en = f"“{name.en}” is not given to {kind.en}."
    else:
        vi = (f"Không xét được “{name.vi}” cho năm {year} từ dữ liệu: chưa có tiêu chuẩn "
              f"có thể kiểm tra (văn bản chưa được xác nhận hoặc cần hội đồng đánh giá).")
        en = (f"“{name.en}” cannot be judged for {year} from the data: no checkable criteria "
              f"(the legal text is unconfirmed, or a council must judge).")
        if note.vi:
            vi += f" {note.vi}"
        if note.en:
            en += f" {note.en}"
    evidence: dict[str, EvidenceValue] = {
        "award": award, "year": year, "verdict": verdict.value,
        "eligible": verdict is Verdict.ELIGIBLE, "judged_on": judged_on.isoformat(),
        "unmet": ", ".join(cid for _, _, cid in missing) or None,
    }
    return Finding(rule=ELIGIBILITY_RULE, severity=_SEVERITY[verdict], subject=subject,
                   clause=clause, document=document, message_vi=vi, message_en=en,
                   evidence=evidence)


# -- compiling -----------------------------------------------------------------------------

_Unmet: TypeAlias = tuple[tuple[int, int], ...]
_Fast: TypeAlias = Callable[[History, int], tuple[int, _Unmet]]
_MET = Outcome.MET.rank
_UNCONF = Outcome.UNCONFIRMED.rank
_UNMET = Outcome.UNMET.rank


class _Compiled:
    """One award regime's criteria for one recipient, compiled once."""

    __slots__ = ("award", "checks", "fast", "leaves", "regime", "root", "unconfirmed")

    def __init__(self, award: AwardType, regime: Regime, root: Criterion,
                 env: LadderEnv) -> None:
        self.award = award
        self.regime = regime
        self.root = root
        self.leaves: list[Criterion] = []
        self.checks: dict[int, Check] = {}
        self.fast: _Fast = self._compile(root, env)
        self.unconfirmed = tuple(c for c in self.leaves
                                 if c.status is ParameterStatus.UNCONFIRMED)

    def _compile(self, c: Criterion, env: LadderEnv) -> _Fast:
        if not c.composite:
            index = len(self.leaves)
            self.leaves.append(c)
            check = kind_of(c).compile(c, env)
            self.checks[id(c)] = check
            ok = (_MET if c.status is ParameterStatus.VERIFIED else _UNCONF, ())

            def leaf(h: History, year: int) -> tuple[int, _Unmet]:
                s = check(h, year)
                if s:
                    return _UNMET, ((index, s),)
                return ok
            return leaf
        if not any(child.composite for child in c.children):
            return self._compile_flat(c, env)
        parts = tuple(self._compile(child, env) for child in c.children)
        if c.kind == "all_of":
            def all_of(h: History, year: int) -> tuple[int, _Unmet]:
                out = _MET
                unmet: _Unmet = ()
                for part in parts:
                    o, u = part(h, year)
                    if o < out:
                        out = o
                    if u:
                        unmet += u
                return out, unmet
            return all_of

        def any_of(h: History, year: int) -> tuple[int, _Unmet]:
            best = _UNMET
            unmet: _Unmet = ()
            for part in parts:
                o, u = part(h, year)
                if o == _MET:
                    return _MET, ()
                if o > best:
                    best = o
                unmet += u
            return best, (unmet if best == _UNMET else ())
        return any_of

    def _compile_flat(self, c: Criterion, env: LadderEnv) -> _Fast:
        """A composite whose children are all leaves, as one closure (the common case:
        one call per leaf instead of two, no intermediate tuples)."""
        leaves: list[tuple[int, Check, int]] = []
        for child in c.children:
            index = len(self.leaves)
            self.leaves.append(child)
            check = kind_of(child).compile(child, env)
            self.checks[id(child)] = check
            leaves.append((index, check,
                           _MET if child.status is ParameterStatus.VERIFIED else _UNCONF))
        parts = tuple(leaves)
        if c.kind == "all_of":
            met = (min(level for _, _, level in parts), ())

            def all_leaves(h: History, year: int) -> tuple[int, _Unmet]:
                unmet: _Unmet = ()
                for index, check, _ in parts:
                    s = check(h, year)
                    if s:
                        unmet += ((index, s),)
                return (_UNMET, unmet) if unmet else met
            return all_leaves

        def any_leaf(h: History, year: int) -> tuple[int, _Unmet]:
            best = _UNMET
            unmet: _Unmet = ()
            for index, check, level in parts:
                s = check(h, year)
                if s:
                    unmet += ((index, s),)
                elif level == _MET:
                    return _MET, ()
                else:
                    best = _UNCONF
            return (best, ()) if best else (_UNMET, unmet)
        return any_leaf

    def explain(self, c: Criterion, h: History, year: int,
                env: LadderEnv) -> tuple[ConditionResult, list[ConditionResult]]:
        """The judged tree under ``c`` and its deciding unmet leaves (as the fast path)."""
        if not c.composite:
            kind = kind_of(c)
            s = self.checks[id(c)](h, year)
            req = (Text(c.label_vi, c.label_en) if c.label_vi
                   else kind.requirement(c, env, year))
            outcome = (Outcome.UNMET if s else Outcome.MET
                       if c.status is ParameterStatus.VERIFIED else Outcome.UNCONFIRMED)
            miss = kind.missing(c, env, year, s) if s else Text("", "")
            res = ConditionResult(id=c.id, kind=c.kind, outcome=outcome, status=c.status,
                                  clause=c.clause, document=c.document,
                                  requirement_vi=req.vi, requirement_en=req.en,
                                  missing_vi=miss.vi, missing_en=miss.en, shortfall=s,
                                  evidence=kind.evidence(c, env, h, year))
            return res, ([res] if s else [])
        judged = [self.explain(child, h, year, env) for child in c.children]
        ranks = [r.outcome.rank for r, _ in judged]
        if c.kind == "all_of":
            outcome = Outcome.of_rank(min(ranks))
            unmet = [u for _, us in judged for u in us]
            joiner = Text(" và ", " and ")
        else:
            outcome = Outcome.of_rank(max(ranks))
            unmet = [u for _, us in judged for u in us] if outcome is Outcome.UNMET else []
            joiner = Text(" hoặc ", " or ")
        req = (Text(c.label_vi, c.label_en) if c.label_vi else
               Text(joiner.vi.join(r.requirement_vi for r, _ in judged),
                    joiner.en.join(r.requirement_en for r, _ in judged)))
        res = ConditionResult(id=c.id, kind=c.kind, outcome=outcome, status=c.status,
                              clause=c.clause, document=c.document, requirement_vi=req.vi,
                              requirement_en=req.en, children=tuple(r for r, _ in judged))
        return res, unmet


# -- the ladder ------------------------------------------------------------------------------

class Ladder:
    """The award ladder over a :class:`Catalogue`: eligibility, roadmaps and budgets."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.env = LadderEnv(catalogue.names(), self._judged_on)
        self._compiled: dict[tuple[str, dt.date, Recipient], _Compiled] = {}
        self._titles = catalogue.titles()

    @classmethod
    def from_host(cls, host: Host, *, overrides: Sequence[ParameterOverride] = ()) -> Ladder:
        """The ladder over the award types ``host``'s plugins supply."""
        return cls(Catalogue.from_host(host, overrides=overrides))

    # -- dates -------------------------------------------------------------------------
    def _judged_on(self, year: int) -> dt.date:
        params = self.catalogue.parameters
        try:
            day = params[JUDGED_ON].value_for_year(year).value
            after = params[JUDGED_YEARS_AFTER].value_for_year(year).value
        except ThiduaError as exc:
            raise RuleError(f"the award catalogue lacks the parameters {JUDGED_ON} and "
                            f"{JUDGED_YEARS_AFTER}: {exc}") from exc
        if not isinstance(day, MonthDay) or isinstance(after, bool) or not isinstance(after, int):
            raise RuleError(f"{JUDGED_ON} must be a month_day and {JUDGED_YEARS_AFTER} an int")
        return day.in_year(year + after)

    def judged_on(self, year: int) -> dt.date:
        """The day a proposal for ``year`` is judged on (and, in roadmaps, decided)."""
        return self.env.judged_on(year)

    # -- histories -----------------------------------------------------------------------
    def history_of(self, subject: str, recipient: Recipient | str,
                   records: Iterable[YearRecord],
                   grants: Iterable[AwardGrant] = ()) -> History:
        """A history from records and grants (titles of the catalogue count from grants)."""
        return History.build(subject, recipient, records, grants, title_ids=self._titles)

    def history(self, dossier: Dossier, subject: str) -> History:
        """The history of exemplar ``subject`` of ``dossier``."""
        ex = dossier.exemplars_by_id.get(subject)
        if ex is None:
            known = ", ".join(sorted(dossier.exemplars_by_id)[:12])
            raise DossierError(f"no exemplar {subject!r} in the dossier",
                               [Problem("$.exemplars", f"known ids include: {known}")])
        return self.history_of(subject, recipient_of(ex.kind),
                               dossier.records_by_subject.get(subject, ()),
                               dossier.awards_by_subject.get(subject, ()))

    def histories(self, dossier: Dossier) -> list[History]:
        """The history of every exemplar of ``dossier``, in dossier order."""
        return [self.history(dossier, e.id) for e in dossier.exemplars]

    # -- compiled criteria ------------------------------------------------------------
    def _compiled_for(self, award: AwardType, regime: Regime,
                      recipient: Recipient) -> _Compiled | None:
        root = regime.criteria(recipient)
        if root is None:
            return None
        key = (award.id, regime.effective_from, recipient)
        comp = self._compiled.get(key)
        if comp is None:
            comp = self._compiled[key] = _Compiled(award, regime, root, self.env)
        return comp

    def applicable(self, recipient: Recipient) -> tuple[AwardType, ...]:
        """The awards given to ``recipient``, lowest on the ladder first."""
        return tuple(a for a in self.catalogue.values() if recipient in a.recipients)

    # -- one subject -------------------------------------------------------------------
    def eligibility(self, history: History, award: str, year: int) -> EligibilityResult:
        """Whether ``history``'s subject is eligible for ``award`` in proposal ``year``."""
        a = self.catalogue[award]
        judged = self.judged_on(year)
        regime = a.regime_on(judged)
        base: dict[str, Any] = {
            "subject": history.subject, "award": a.id, "name_vi": a.name.vi,
            "name_en": a.name.en, "recipient": history.recipient, "year": year,
            "judged_on": judged,
        }
        if history.recipient not in a.recipients:
            return EligibilityResult(**base, verdict=Verdict.NOT_APPLICABLE, eligible=False,
                                     clause=_award_clause(a, regime),
                                     document=regime.document if regime else "")
        if regime is None:
            note = _no_regime_note(a, judged)
            return EligibilityResult(
                **base, verdict=Verdict.UNKNOWN, eligible=False, clause=_award_clause(a, None),
                document="", note_vi=note.vi, note_en=note.en)
        comp = self._compiled_for(a, regime, history.recipient)
        if comp is None:
            return EligibilityResult(**base, verdict=Verdict.UNKNOWN, eligible=False,
                                     clause=_award_clause(a, regime), document=regime.document,
                                     regime_from=regime.effective_from,
                                     note_vi=regime.note_vi, note_en=regime.note_en)
        tree, unmet = comp.explain(comp.root, history, year, self.env)
        verdict = _VERDICT_OF[tree.outcome]
        unconfirmed = tuple(c for c in tree.leaves() if c.status is ParameterStatus.UNCONFIRMED)
        return EligibilityResult(
            **base, verdict=verdict, eligible=verdict is Verdict.ELIGIBLE,
            clause=comp.root.clause, document=comp.root.document or regime.document,
            regime_from=regime.effective_from, conditions=tree, unmet=tuple(unmet),
            unconfirmed=unconfirmed, note_vi=regime.note_vi, note_en=regime.note_en)

    def ladder(self, history: History, year: int) -> tuple[EligibilityResult, ...]:
        """Eligibility for every award given to the subject's kind, lowest first."""
        return tuple(self.eligibility(history, a.id, year)
                     for a in self.applicable(history.recipient))

    def outcome(self, history: History, award: str, year: int) -> Outcome | None:
        """The root outcome only (fast; None when no criteria apply)."""
        a = self.catalogue[award]
        if history.recipient not in a.recipients:
            return None
        regime = a.regime_on(self.judged_on(year))
        comp = self._compiled_for(a, regime, history.recipient) if regime else None
        if comp is None:
            return None
        return Outcome.of_rank(comp.fast(history, year)[0])

    # -- many subjects -------------------------------------------------------------------
    def iter_findings(self, histories: Iterable[History], year: int, *,
                      awards: Sequence[str] | None = None) -> Iterator[Finding]:
        """One eligibility finding per subject and award (every award given to the
        subject's kind, or only ``awards``), as fast as the criteria allow.

        Findings with the same award, year and outcome share their validated texts; only
        the subject differs. The same subject gets the same finding as
        ``eligibility(...).to_finding()``.
        """
        plans: dict[Recipient, list[_BatchAward]] = {}
        for rec in Recipient:
            chosen = self.applicable(rec) if awards is None else tuple(
                self.catalogue[a] for a in awards if rec in self.catalogue[a].recipients)
            plans[rec] = [_BatchAward(self, a, rec, year) for a in chosen]
        for h in histories:
            subject = h.subject
            for b in plans[h.recipient]:
                fast = b.fast
                key = fast(h, year) if fast is not None else None
                stamp = b.stamps.get(key)
                if stamp is None:
                    stamp = b.stamp_for(key)
                yield stamp(subject)

    # -- roadmap and budget (see roadmap.py and budget.py) ------------------------------
    def roadmap(self, dossier: Dossier, subject: str, target: str, *,
                start: int | None = None, horizon: int | None = None) -> Roadmap:
        """The earliest year ``subject`` can reach ``target`` and the steps to it."""
        from thidua.rules.ladder.roadmap import roadmap_for

        self.history(dossier, subject)  # an unknown subject raises, naming known ids
        ex = dossier.exemplars_by_id[subject]
        records = dossier.records_by_subject.get(subject, ())
        if start is None:
            years = [r.year for r in records] or list(dossier.years())
            if not years:
                raise RuleError(f"{subject!r} has no records and the dossier no years: give "
                                f"the first year to plan (start)")
            start = max(years) + 1
        return roadmap_for(self, subject, recipient_of(ex.kind), records,
                           dossier.awards_by_subject.get(subject, ()), target,
                           start=start, horizon=horizon)

    def amount(self, award: str, decided_on: dt.date,
               recipient: Recipient = Recipient.INDIVIDUAL) -> Amount:
        """The bonus for ``award`` decided on ``decided_on`` (see budget.py)."""
        from thidua.rules.ladder.budget import amount

        return amount(self.catalogue, award, decided_on, recipient)

    def budget(self, dossier: Dossier, year: int, *, decided: bool = False,
               subjects: Iterable[str] | None = None) -> Budget:
        """The year's proposed awards priced and totalled per paying fund."""
        from thidua.rules.ladder.budget import budget

        return budget(self.catalogue, dossier, year, decided=decided, subjects=subjects)


def _no_regime_note(a: AwardType, judged: dt.date) -> Text:
    first = a.regimes[0].effective_from.isoformat() if a.regimes else None
    return Text(f"Chưa có tiêu chuẩn nào có hiệu lực ngày {judged.isoformat()}"
                + (f" (tiêu chuẩn sớm nhất từ {first})." if first else "."),
                f"No criteria in force on {judged.isoformat()}"
                + (f" (the earliest from {first})." if first else "."))


def _award_clause(a: AwardType, regime: Regime | None) -> str:
    if regime is not None and regime.clause:
        return regime.clause
    for r in reversed(a.regimes):
        if r.clause:
            return r.clause
    return regime.document if regime is not None else a.id


class _BatchAward:
    """Per-award state of a batch: the compiled check and the finding prototypes."""

    __slots__ = ("award", "comp", "fast", "ladder", "recipient", "regime", "stamps", "year")

    def __init__(self, ladder: Ladder, award: AwardType, recipient: Recipient,
                 year: int) -> None:
        self.ladder = ladder
        self.award = award
        self.recipient = recipient
        self.year = year
        self.regime = award.regime_on(ladder.judged_on(year))
        self.comp = (ladder._compiled_for(award, self.regime, recipient)
                     if self.regime is not None else None)
        self.fast = self.comp.fast if self.comp is not None else None
        self.stamps: dict[tuple[int, _Unmet] | None, Callable[[str], Finding]] = {}

    def stamp_for(self, key: tuple[int, _Unmet] | None) -> Callable[[str], Finding]:
        """The stamp of the finding for outcome ``key`` (made once, then cached)."""
        stamp = self.stamps[key] = _stamper(self.prototype(key))
        return stamp

    def prototype(self, key: tuple[int, _Unmet] | None) -> Finding:
        a, year, env = self.award, self.year, self.ladder.env
        judged = self.ladder.judged_on(year)
        regime = self.regime
        if key is None or self.comp is None:
            verdict = Verdict.UNKNOWN
            clause = _award_clause(a, regime)
            document = regime.document if regime else ""
            missing: list[tuple[Text, str, str]] = []
            unconfirmed: list[tuple[Text, str]] = []
            note = regime.note if regime else _no_regime_note(a, judged)
        else:
            comp = self.comp
            outcome, unmet = key
            verdict = _VERDICT_OF[Outcome.of_rank(outcome)]
            clause = comp.root.clause
            document = comp.root.document or comp.regime.document
            missing = []
            for index, s in unmet:
                leaf = comp.leaves[index]
                missing.append((kind_of(leaf).missing(leaf, env, year, s), leaf.clause, leaf.id))
            unconfirmed = [(Text(c.label_vi, c.label_en) if c.label_vi
                            else kind_of(c).requirement(c, env, year), c.clause)
                           for c in comp.unconfirmed]
            note = comp.regime.note
        return _make_finding(subject="-", award=a.id, name=a.name, year=year,
                             judged_on=judged, verdict=verdict, recipient=self.recipient,
                             clause=clause, document=document, missing=missing,
                             unconfirmed=unconfirmed, note=note)


_FIELDS = tuple(a.name for a in attrs.fields(Finding) if a.name not in ("subject", "evidence"))


def _stamper(proto: Finding) -> Callable[[str], Finding]:
    """A function making copies of a validated prototype finding for other subjects.

    Only ``subject`` (which has no validator) differs, so the attrs validators and the
    text normalisation need not run again for every subject; ``evidence`` is copied so
    that no two findings share a mutable dict.
    """
    values = tuple((name, getattr(proto, name)) for name in _FIELDS)
    evidence = proto.evidence
    new = object.__new__
    put = object.__setattr__

    def stamp(subject: str) -> Finding:
        f = new(Finding)
        for name, value in values:
            put(f, name, value)
        put(f, "evidence", evidence.copy())
        put(f, "subject", subject)
        return f
    return stamp


@contextlib.contextmanager
def gc_paused(*, freeze: bool = True) -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch.

    With a million live histories, every collection of the oldest generation walks all
    of them; a batch that allocates findings triggers such collections again and again
    (we measured loops five times slower). ``gc.freeze()`` moves the objects alive now
    out of the collector's sight, and ``gc.disable()`` stops collections until the block
    ends. Findings hold no reference cycles, so nothing leaks.
    """
    enabled = gc.isenabled()
    if freeze:
        gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        if freeze:
            gc.unfreeze()
